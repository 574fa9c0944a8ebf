package web

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"kam/internal/kam"
	"kam/internal/loop"
	"kam/internal/service"
	"kam/internal/store"
)

// The loop after the map (issue 11): the calls of a deal and the plan of
// one (printable), its debrief with the proposals accepted one by one, the
// deal's review page with what changed since the last review and the health
// line, the manager's review meeting, and the VITO page.

func (a *app) loopRoutes() []route {
	return []route{
		{Method: "GET", Path: "/opportunities/{id}/calls", Entity: "opportunity", Handle: a.callsPage},
		{Method: "POST", Path: "/opportunities/{id}/calls", Entity: "opportunity", Handle: a.createCallPlan},
		{Method: "GET", Path: "/call-plans/{id}", Entity: "call_plan", Handle: a.callPlanPage},
		{Method: "POST", Path: "/call-plans/{id}/debrief", Entity: "call_plan", Handle: a.debriefCall},
		{Method: "POST", Path: "/call-plans/{id}/proposals", Entity: "call_plan", Handle: a.decideProposal},
		{Method: "GET", Path: "/opportunities/{id}/review", Entity: "opportunity", Handle: a.reviewPage},
		{Method: "POST", Path: "/opportunities/{id}/reviews", Entity: "opportunity", Handle: a.createReview},
		{Method: "POST", Path: "/needs/{id}", Entity: "need", Handle: a.changeNeed},
		{Method: "GET", Path: "/opportunities/{id}/vito", Entity: "opportunity", Handle: a.vitoPage},
		{Method: "GET", Path: "/reviews", Handle: a.reviewMeeting},
	}
}

func callPlanURL(id int64) string { return "/call-plans/" + itoa64(id) }

// attendeeOpt is a person who can be asked to a call: a buyer of the deal.
type attendeeOpt struct {
	ContactID int64
	Name      string
	Roles     []kam.BuyingRole
	Mode      kam.ResponseMode
	Checked   bool
}

type callsData struct {
	Opp       kam.Opportunity
	Plans     []kam.CallPlan
	Attendees []attendeeOpt
	Names     map[int64]string
	Form      *Form
	Kinds     []option
	Writable  bool
}

func namesOf(cs []kam.Contact) map[int64]string {
	m := map[int64]string{}
	for _, c := range cs {
		m[c.ID] = c.Name
	}
	return m
}

func (a *app) callsData(r *http.Request, c *call, id int64, f *Form) (callsData, error) {
	v, err := a.svc.Strategy(r.Context(), c.Actor, id)
	if err != nil {
		return callsData{}, err
	}
	d := callsData{Opp: v.Opportunity, Plans: v.CallPlans, Names: namesOf(v.Contacts), Form: f, Writable: v.Writable,
		Kinds: optionsOf(c.Locale, kam.InteractionKinds)}
	slices.Reverse(d.Plans) // the newest first
	chosen := f.IDs("attendees")
	for _, b := range v.Influences {
		d.Attendees = append(d.Attendees, attendeeOpt{ContactID: b.ContactID, Name: d.Names[b.ContactID], Roles: b.Roles, Mode: b.Mode,
			Checked: slices.Contains(chosen, b.ContactID)})
	}
	return d, nil
}

func (a *app) callsPage(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f := newForm(oppURL(id) + "/calls")
	f.Set("kind", string(kam.InteractionVisit))
	f.Set("at", a.now().UTC().Add(24*time.Hour).Truncate(time.Hour).Format("2006-01-02T15:04"))
	d, err := a.callsData(r, c, id, f)
	if err != nil {
		return err
	}
	return a.renderPage(w, r, c, http.StatusOK, "calls", &Page{Section: "funnel", Title: msg(c.Locale, "loop.calls.title") + " · " + d.Opp.Name, Data: d})
}

// createCallPlan plans a call; kam drafts the questions for each attendee
// in the seller's language, to be edited on the plan.
func (a *app) createCallPlan(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f, err := formFrom(r, oppURL(id)+"/calls")
	if err != nil {
		return err
	}
	p := kam.CallPlan{OpportunityID: id, Kind: kam.InteractionKind(f.Get("kind")), At: f.Time("at"),
		BusinessReason: f.Text("business_reason"), BestCommitment: f.Text("best_commitment"), MinimumCommitment: f.Text("minimum_commitment"),
		Give: f.Text("give"), Learn: f.Text("learn")}
	for _, cid := range f.IDs("attendees") {
		at := kam.CallAttendee{ContactID: cid, Questions: []kam.Question{}}
		if ds, err := a.svc.DraftQuestions(r.Context(), c.Actor, id, cid); err == nil {
			at.Questions = loop.Questions(ds, c.Locale)
		} else if !f.Take(prefixed(err, "attendees")) {
			return err
		}
		p.Attendees = append(p.Attendees, at)
	}
	if !f.Invalid() {
		created, err := a.svc.CallPlans.Create(r.Context(), c.Actor, p)
		if err == nil {
			a.flash(w, r, "form.saved")
			return seeOther(w, r, callPlanURL(created.ID))
		}
		if !f.Take(err) {
			return err
		}
	}
	d, err := a.callsData(r, c, id, f)
	if err != nil {
		return err
	}
	return a.renderPage(w, r, c, f.Status(), "calls", &Page{Section: "funnel", Title: msg(c.Locale, "loop.calls.title") + " · " + d.Opp.Name, Data: d})
}

// prefixed blames a validation error's fields on field (a draft refused
// for one attendee is a problem of the attendees).
func prefixed(err error, field string) error {
	var ve *kam.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	out := &kam.ValidationError{}
	for _, m := range ve.Fields {
		out.Add(field, m)
	}
	return out
}

type planData struct {
	Opp         kam.Opportunity
	Plan        kam.CallPlan
	Names       map[int64]string
	Interaction *kam.Interaction
	Proposals   []loop.Proposal
	Form        *Form
	Outcomes    []option
	Feedbacks   []option
	Mets        []option
	NeedKinds   []option
	Writable    bool
	Print       bool
}

func (a *app) planData(r *http.Request, c *call, id int64, f *Form) (planData, error) {
	ctx := r.Context()
	p, err := a.svc.CallPlans.Get(ctx, c.Actor, id)
	if err != nil {
		return planData{}, err
	}
	v, err := a.svc.Strategy(ctx, c.Actor, p.OpportunityID)
	if err != nil {
		return planData{}, err
	}
	d := planData{Opp: v.Opportunity, Plan: p, Names: namesOf(v.Contacts), Form: f, Writable: v.Writable,
		Outcomes: optionsOf(c.Locale, kam.Outcomes), Feedbacks: optionsOf(c.Locale, kam.Feedbacks), NeedKinds: optionsOf(c.Locale, kam.NeedKinds),
		Print: r.URL.Query().Get("print") == "1"}
	for _, m := range kam.CommitmentMets {
		d.Mets = append(d.Mets, option{Value: string(m), Label: msg(c.Locale, "loop.met."+string(m))})
	}
	if p.InteractionID != 0 {
		if it, err := a.svc.Interactions.Get(ctx, c.Actor, p.InteractionID); err == nil {
			d.Interaction = &it
		} else if !errors.Is(err, kam.ErrNotFound) {
			return planData{}, err
		}
		if d.Proposals, err = a.svc.Proposals(ctx, c.Actor, id); err != nil {
			return planData{}, err
		}
		for _, pr := range d.Proposals {
			if d.Names[pr.ContactID] == "" {
				d.Names[pr.ContactID] = pr.Name
			}
		}
	}
	return d, nil
}

func (a *app) callPlanPage(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f := newForm(callPlanURL(id) + "/debrief")
	f.Set("outcome", string(kam.OutcomeAdvance))
	d, err := a.planData(r, c, id, f)
	if err != nil {
		return err
	}
	f.Version = d.Plan.Version
	return a.renderPage(w, r, c, http.StatusOK, "call_plan", &Page{Section: "funnel", Title: msg(c.Locale, "loop.plan.title") + " · " + d.Opp.Name, Data: d})
}

// debriefCall records the call's debrief from the form: the outcome, each
// attendee's feedback and words (feedback_<i>, said_<i> for the i-th), one
// need heard, and the commitment obtained.
func (a *app) debriefCall(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f, err := formFrom(r, callPlanURL(id)+"/debrief")
	if err != nil {
		return err
	}
	p, err := a.svc.CallPlans.Get(r.Context(), c.Actor, id)
	if err != nil {
		return err
	}
	db := service.Debrief{Outcome: kam.Outcome(f.Get("outcome")), Notes: f.Text("notes"),
		CommitmentObtained: f.Text("commitment_obtained"), CommitmentMet: kam.CommitmentMet(f.Get("commitment_met"))}
	for i, at := range p.Attendees {
		k := strconv.Itoa(i)
		fb := kam.Feedback(f.Get("feedback_" + k))
		if fb == "" {
			continue
		}
		db.Feedback = append(db.Feedback, kam.ContactFeedback{ContactID: at.ContactID, Feedback: fb, Said: f.Text("said_" + k)})
	}
	if words := strings.TrimSpace(f.Text("need_words")); words != "" {
		db.Needs = append(db.Needs, service.HeardNeed{ContactID: f.Int64("need_contact"), Kind: kam.NeedKind(f.Get("need_kind")), Words: words})
	}
	if !f.Invalid() {
		_, err := a.svc.DebriefCall(r.Context(), c.Actor, id, f.Version, db)
		if err == nil {
			a.flash(w, r, "form.saved")
			return seeOther(w, r, callPlanURL(id)+"#proposals")
		}
		if !f.Take(err) {
			return err
		}
	}
	d, err := a.planData(r, c, id, f)
	if err != nil {
		return err
	}
	return a.renderPage(w, r, c, f.Status(), "call_plan", &Page{Section: "funnel", Title: msg(c.Locale, "loop.plan.title") + " · " + d.Opp.Name, Data: d})
}

// decideProposal accepts or rejects one proposal (key, decision=accept or
// reject).
func (a *app) decideProposal(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f, err := formFrom(r, callPlanURL(id)+"/proposals")
	if err != nil {
		return err
	}
	accept := f.Get("decision") == "accept"
	if !accept && f.Get("decision") != "reject" {
		f.Errors["decision"] = kam.T("must be accept or reject", "必须是接受或拒绝")
	}
	if !f.Invalid() {
		_, err = a.svc.DecideProposal(r.Context(), c.Actor, id, f.Text("key"), accept)
		if err == nil {
			a.flash(w, r, "form.saved")
			return seeOther(w, r, callPlanURL(id)+"#proposals")
		}
		if !f.Take(err) {
			return err
		}
	}
	d, err := a.planData(r, c, id, newForm(callPlanURL(id)+"/debrief"))
	if err != nil {
		return err
	}
	d.Form = f
	return a.renderPage(w, r, c, f.Status(), "call_plan", &Page{Section: "funnel", Title: msg(c.Locale, "loop.plan.title") + " · " + d.Opp.Name, Data: d})
}

type reviewData struct {
	Opp     kam.Opportunity
	Reviews []kam.Review
	Changes *service.ChangesView
	Needs   []kam.Need
	Names   map[int64]string
	Users   map[int64]string
	Form    *Form
	// NeedForm is a refused change of a need, shown above the needs.
	NeedForm *Form
	Writable bool
	// Line is the health over time, from the snapshots and now, as SVG
	// polyline points in a 200×40 box; Points are its readings.
	Line   string
	Points []linePoint
}

type linePoint struct {
	At     time.Time
	Health int
	Level  kam.FunnelLevel
}

// healthLine draws the readings into a 200×40 box, oldest left.
func healthLine(ps []linePoint) string {
	if len(ps) < 2 {
		return ""
	}
	var b strings.Builder
	for i, p := range ps {
		x := float64(i) * 200 / float64(len(ps)-1)
		y := 40 - float64(p.Health)*40/100
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%.1f,%.1f", x, y)
	}
	return b.String()
}

func (a *app) reviewData(r *http.Request, c *call, id int64, f *Form) (reviewData, error) {
	ctx := r.Context()
	v, err := a.svc.Strategy(ctx, c.Actor, id)
	if err != nil {
		return reviewData{}, err
	}
	d := reviewData{Opp: v.Opportunity, Needs: v.Needs, Names: namesOf(v.Contacts), Users: map[int64]string{}, Form: f, Writable: v.Writable}
	rs, err := listAll(ctx, a.svc.Reviews, c.Actor, store.ReviewFilter{OpportunityID: id}, maxListed)
	if err != nil {
		return reviewData{}, err
	}
	slices.SortFunc(rs, func(x, y kam.Review) int { return x.At.Compare(y.At) })
	for _, rv := range rs {
		d.Points = append(d.Points, linePoint{At: rv.Snapshot.At, Health: rv.Snapshot.Health, Level: rv.Snapshot.Level})
		for _, uid := range []int64{rv.ManagerID, rv.SellerID} {
			if uid != 0 && d.Users[uid] == "" {
				if u, err := a.svc.Users.Get(ctx, c.Actor, uid); err == nil {
					d.Users[uid] = u.Name
				}
			}
		}
	}
	d.Points = append(d.Points, linePoint{At: a.now(), Health: v.Health.Score, Level: v.Opportunity.Level})
	d.Line = healthLine(d.Points)
	slices.Reverse(rs)
	d.Reviews = rs
	if len(rs) > 0 {
		ch, err := a.svc.Changes(ctx, c.Actor, id, service.Since{}, service.Since{})
		if err != nil {
			return reviewData{}, err
		}
		d.Changes = &ch
	}
	return d, nil
}

func (a *app) reviewPage(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	d, err := a.reviewData(r, c, id, newForm(oppURL(id)+"/reviews"))
	if err != nil {
		return err
	}
	return a.renderPage(w, r, c, http.StatusOK, "review", &Page{Section: "funnel", Title: msg(c.Locale, "loop.review.title") + " · " + d.Opp.Name, Data: d})
}

// createReview records a review: kam takes the snapshot; the form gives the
// coaching notes and the agreed actions, one a line.
func (a *app) createReview(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f, err := formFrom(r, oppURL(id)+"/reviews")
	if err != nil {
		return err
	}
	rv := kam.Review{OpportunityID: id, Notes: f.Text("notes"), AgreedActions: []string{}}
	for _, line := range strings.Split(f.Text("agreed_actions"), "\n") {
		if s := strings.TrimSpace(line); s != "" {
			rv.AgreedActions = append(rv.AgreedActions, s)
		}
	}
	if !f.Invalid() {
		_, err := a.svc.Reviews.Create(r.Context(), c.Actor, rv)
		if err == nil {
			a.flash(w, r, "form.saved")
			return seeOther(w, r, oppURL(id)+"/review")
		}
		if !f.Take(err) {
			return err
		}
	}
	d, err := a.reviewData(r, c, id, f)
	if err != nil {
		return err
	}
	return a.renderPage(w, r, c, f.Status(), "review", &Page{Section: "funnel", Title: msg(c.Locale, "loop.review.title") + " · " + d.Opp.Name, Data: d})
}

type vitoData struct {
	Opp   kam.Opportunity
	View  service.VITOView
	Names map[int64]string
}

func (a *app) vitoPage(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	v, err := a.svc.VITO(r.Context(), c.Actor, id)
	if err != nil {
		return err
	}
	d := vitoData{Opp: v.Picture.Opportunity, View: v, Names: namesOf(v.Picture.Contacts)}
	return a.renderPage(w, r, c, http.StatusOK, "vito", &Page{Section: "funnel", Title: msg(c.Locale, "loop.vito.title") + " · " + d.Opp.Name, Data: d})
}

// meetingItem is one deal of a review meeting.
type meetingItem struct {
	Opp     kam.Opportunity
	Last    *time.Time
	Due     bool
	Changes []loop.Change
}

// reviewMeetingLimit bounds the deals a meeting steps through.
const reviewMeetingLimit = 30

// reviewDue is how long a review holds, in days: the course's two to four
// weeks.
const reviewDue = 28

// reviewMeeting lists the open deals the actor sees (a manager: the team's)
// for review, Best few and large deals first, each with what changed since
// its last review.
func (a *app) reviewMeeting(w http.ResponseWriter, r *http.Request, c *call) error {
	ctx := r.Context()
	opps, err := listAll(ctx, a.svc.Opportunities, c.Actor, store.OpportunityFilter{}, maxListed)
	if err != nil {
		return err
	}
	opps = slices.DeleteFunc(opps, func(o kam.Opportunity) bool { return !o.Level.Open() })
	slices.SortStableFunc(opps, func(x, y kam.Opportunity) int {
		if x.Level.Rank() != y.Level.Rank() {
			return y.Level.Rank() - x.Level.Rank()
		}
		switch {
		case x.Amount > y.Amount:
			return -1
		case x.Amount < y.Amount:
			return 1
		}
		return 0
	})
	if len(opps) > reviewMeetingLimit {
		opps = opps[:reviewMeetingLimit]
	}
	var items []meetingItem
	for _, o := range opps {
		it := meetingItem{Opp: o, Due: true}
		ch, err := a.svc.Changes(ctx, c.Actor, o.ID, service.Since{}, service.Since{})
		var ve *kam.ValidationError
		switch {
		case err == nil:
			from := ch.From
			it.Last = &from
			it.Changes = ch.Changes
			it.Due = a.now().Sub(from) > reviewDue*24*time.Hour
		case errors.As(err, &ve):
			// never reviewed
		default:
			return err
		}
		items = append(items, it)
	}
	return a.renderPage(w, r, c, http.StatusOK, "review_meeting", &Page{Section: "funnel", Title: msg(c.Locale, "loop.meeting.title"), Data: items})
}

// changeNeed promotes an implied need to explicit (change=promote, with the
// buyer's stated want as words, or the words heard) or links an explicit
// need to the buyer's business result (change=link), as a versioned edit.
func (a *app) changeNeed(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	n, err := a.svc.Needs.Get(r.Context(), c.Actor, id)
	if err != nil {
		return err
	}
	f, err := formFrom(r, "/needs/"+itoa64(id))
	if err != nil {
		return err
	}
	change := f.Get("change")
	words := f.Text("words")
	if change != "promote" && change != "link" {
		f.Errors["change"] = kam.T("must be promote or link", "必须是转为明确需求或关联业务结果")
	}
	if !f.Invalid() {
		_, err = a.svc.Needs.Update(r.Context(), c.Actor, id, f.Version, func(x *kam.Need) error {
			switch change {
			case "promote":
				x.Kind = kam.NeedExplicit
				if strings.TrimSpace(words) != "" {
					x.Words = words
				}
			case "link":
				x.LinkedToResult = true
			}
			return nil
		})
		if err == nil {
			a.flash(w, r, "form.saved")
			return seeOther(w, r, oppURL(n.OpportunityID)+"/review#needs")
		}
		if !f.Take(err) {
			return err
		}
	}
	d, err := a.reviewData(r, c, n.OpportunityID, newForm(oppURL(n.OpportunityID)+"/reviews"))
	if err != nil {
		return err
	}
	d.NeedForm = f
	return a.renderPage(w, r, c, f.Status(), "review", &Page{Section: "funnel", Title: msg(c.Locale, "loop.review.title") + " · " + d.Opp.Name, Data: d})
}
