package api

import (
	"net/http"
	"reflect"
	"strconv"
	"time"

	"kam/internal/kam"
	"kam/internal/loop"
	"kam/internal/service"
	"kam/internal/store"
)

// The conversation around a deal: call plans with their questions and
// attendees, needs, reviews with their snapshot, VITO plans, and the use
// cases that tie them to the map (debrief, proposals, what changed).

// conversationResources are the six generic routes of each conversation
// record.
func (s *server) conversationResources() []route {
	svc := s.svc
	var rs []route
	rs = append(rs, resource[kam.CallPlan]{plural: "call_plans", one: kam.RecordName("call_plans"), e: svc.CallPlans,
		filter: store.CallPlanFilter{}, search: "business reason or commitments"}.routes()...)
	rs = append(rs, resource[kam.Need]{plural: "needs", one: kam.RecordName("needs"), e: svc.Needs,
		filter: store.NeedFilter{}, search: "words"}.routes()...)
	rs = append(rs, resource[kam.Review]{plural: "reviews", one: kam.RecordName("reviews"), e: svc.Reviews,
		filter: store.ReviewFilter{}, search: "notes"}.routes()...)
	rs = append(rs, resource[kam.VITOPlan]{plural: "vito_plans", one: kam.RecordName("vito_plans"), e: svc.VITOPlans,
		filter: store.VITOPlanFilter{}, search: "executive's name or notes"}.routes()...)
	return rs
}

// debriefBody is the debrief of a call plan, with the plan's version.
type debriefBody struct {
	// Version is the call plan's version last seen (or send If-Match).
	Version int64 `json:"version"`
	// At is when the call took place; the plan's time when left out.
	At      time.Time   `json:"at"`
	Outcome kam.Outcome `json:"outcome"`
	// Feedback is each attendee's reaction and words.
	Feedback []kam.ContactFeedback `json:"feedback"`
	Notes    string                `json:"notes"`
	// CommitmentObtained is what the buyer committed to; CommitmentMet
	// weighs it against the plan's best and minimum.
	CommitmentObtained string            `json:"commitment_obtained"`
	CommitmentMet      kam.CommitmentMet `json:"commitment_met"`
	// Needs are the needs heard in the call.
	Needs []service.HeardNeed `json:"needs"`
}

// decideBody accepts or rejects one proposed map change.
type decideBody struct {
	// Key is the proposal's key, from GET /call_plans/{id}/proposals.
	Key string `json:"key"`
	// Accept true makes the change (an ordinary, audited edit of the
	// buyer); false rejects it. Either way it is not proposed again.
	Accept bool `json:"accept"`
}

// vitoView is the VITO page of a deal.
type vitoView struct {
	// Plan is the deal's VITO plan; null when none is recorded.
	Plan *kam.VITOPlan `json:"plan"`
	// Results are the results the VITO buys, read from the buyers'
	// business results.
	Results []loop.VITOResult `json:"results"`
	// Briefing is a draft for our executive, in both languages.
	Briefing kam.Text `json:"briefing"`
}

// conversationRoutes are the use cases beyond the records.
func (s *server) conversationRoutes() []route {
	return []route{
		{Method: "POST", Path: "/call_plans/{id}/debrief", Tag: "call_plans", Entity: "call_plans", Status: 201,
			Body: reflect.TypeFor[debriefBody](), Resp: reflect.TypeFor[service.DebriefResult](), handle: s.debrief,
			Summary: kam.T("Debrief a call (复盘): the call becomes the deal's interaction record with each attendee's feedback, the needs heard are recorded, and the map changes it suggests are proposed (send \"version\")",
				"复盘一次沟通：沟通成为商机的沟通记录（含每位参加者的反馈），记录听到的需求，并提出对地图的修改建议（需提供 version）")},
		{Method: "GET", Path: "/call_plans/{id}/proposals", Tag: "call_plans", Entity: "call_plans", Status: 200,
			Resp: reflect.TypeFor[list[loop.Proposal]](), handle: s.proposals,
			Summary: kam.T("The map changes a debriefed call proposes and the seller has not decided, each with its reason",
				"复盘后尚未处理的地图修改建议，每条附原因")},
		{Method: "POST", Path: "/call_plans/{id}/proposals/decide", Tag: "call_plans", Entity: "call_plans", Status: 200,
			Body: reflect.TypeFor[decideBody](), Resp: reflect.TypeFor[list[loop.Proposal]](), handle: s.decide,
			Summary: kam.T("Accept or reject one proposed map change; answers the proposals still open",
				"接受或拒绝一条地图修改建议；返回仍待处理的建议")},
		{Method: "GET", Path: "/opportunities/{id}/questions", Tag: "call_plans", Entity: "opportunities", Status: 200,
			Resp: reflect.TypeFor[list[loop.Draft]](), handle: s.questions,
			Query: []param{idParam("contact_id", "the attendee (a contact of the deal's account); required")},
			Summary: kam.T("Draft SPIN questions (提问) for one attendee, from what the map lacks and their mode and role",
				"根据地图所缺信息及其反馈模式和角色，为一位参加者起草 SPIN 问题（提问）")},
		{Method: "GET", Path: "/opportunities/{id}/changes", Tag: "reviews", Entity: "opportunities", Status: 200,
			Resp: reflect.TypeFor[service.ChangesView](), handle: s.changes,
			Query: []param{
				{Name: "since", Type: "string", Desc: "a review id, or a date YYYY-MM-DD (the last review on or before it); the last review when empty"},
				{Name: "until", Type: "string", Desc: "a review id or a date, as since; now when empty"},
			},
			Summary: kam.T("What changed on a deal since a review: buyers added or gone, ratings and modes moved, flags opened, closed and accepted, health and level moved, actions done, dropped and overdue",
				"自某次复盘以来商机的变化：新增或移出的购买影响者、评分与反馈模式的变化、红旗的出现/消除/接受、健康度与漏斗位置的变化、行动的完成/放弃/逾期")},
		{Method: "GET", Path: "/opportunities/{id}/vito", Tag: "vito_plans", Entity: "opportunities", Status: 200,
			Resp: reflect.TypeFor[vitoView](), handle: s.vito,
			Summary: kam.T("The VITO page of a deal (拜访老总): the plan, the results the VITO buys, and a briefing draft for our executive",
				"商机的拜访老总页面：计划、老总关心的结果，以及给我方高层的简报草稿")},
	}
}

func (s *server) debrief(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	obj, err := readObject(w, r)
	if err != nil {
		return err
	}
	given, err := bodyVersion(obj)
	if err != nil {
		return err
	}
	version, err := readVersion(r, given)
	if err != nil {
		return err
	}
	var b debriefBody
	if err := applyFields(obj, &b); err != nil {
		return err
	}
	res, err := s.svc.DebriefCall(r.Context(), c.actor, id, version, service.Debrief{
		At: b.At, Outcome: b.Outcome, Feedback: b.Feedback, Notes: b.Notes,
		CommitmentObtained: b.CommitmentObtained, CommitmentMet: b.CommitmentMet, Needs: b.Needs,
	})
	if err != nil {
		return err
	}
	w.Header().Set("Location", Prefix+"/interactions/"+strconv.FormatInt(res.Interaction.ID, 10))
	writeJSON(w, http.StatusCreated, res)
	return nil
}

func (s *server) proposals(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ps, err := s.svc.Proposals(r.Context(), c.actor, id)
	if err != nil {
		return err
	}
	writeList(w, ps)
	return nil
}

func (s *server) decide(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var b decideBody
	if err := readInto(w, r, &b); err != nil {
		return err
	}
	if b.Key == "" {
		return kam.Invalid("key", kam.T("is required", "必填"))
	}
	ps, err := s.svc.DecideProposal(r.Context(), c.actor, id, b.Key, b.Accept)
	if err != nil {
		return err
	}
	writeList(w, ps)
	return nil
}

func (s *server) questions(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	q := query{r: r}
	contact := q.id("contact_id")
	if q.err != nil {
		return q.err
	}
	if contact == 0 {
		return &badRequest{Field: "contact_id", Msg: kam.T("is required", "必填")}
	}
	ds, err := s.svc.DraftQuestions(r.Context(), c.actor, id, contact)
	if err != nil {
		return err
	}
	writeList(w, ds)
	return nil
}

func (s *server) changes(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	q := query{r: r}
	since, ok := service.ParseSince(q.str("since"))
	if !ok {
		return &badRequest{Field: "since", Msg: kam.T("must be a review id or a date YYYY-MM-DD", "必须是复盘编号或 YYYY-MM-DD 格式的日期")}
	}
	until, ok := service.ParseSince(q.str("until"))
	if !ok {
		return &badRequest{Field: "until", Msg: kam.T("must be a review id or a date YYYY-MM-DD", "必须是复盘编号或 YYYY-MM-DD 格式的日期")}
	}
	v, err := s.svc.Changes(r.Context(), c.actor, id, since, until)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

func (s *server) vito(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	v, err := s.svc.VITO(r.Context(), c.actor, id)
	if err != nil {
		return err
	}
	out := vitoView{Plan: v.Plan, Results: v.Results, Briefing: v.Briefing}
	if out.Results == nil {
		out.Results = []loop.VITOResult{}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
