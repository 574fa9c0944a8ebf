package api

import (
	"errors"
	"net/http"
	"reflect"
	"strconv"

	"kam/internal/kam"
	"kam/internal/method"
	"kam/internal/service"
)

// acceptBody accepts one red flag: which rule, about what, and why.
type acceptBody struct {
	// Rule is the finding's rule id, such as "coach-left".
	Rule string `json:"rule"`
	// Subject is the finding's subject: "opportunity" or "influence:<id>".
	Subject string `json:"subject"`
	// Note says why the seller accepts the flag.
	Note string `json:"note"`
}

// healthWeights says which health weights are in force for the caller.
type healthWeights struct {
	// Weights are fitted to every closed deal in kam (source "fitted") or
	// the documented defaults (source "default").
	Weights method.Weights `json:"weights"`
	// Report is the held-out check of fitted weights; null for the defaults.
	Report *method.FitReport `json:"report"`
}

// idParam documents an integer query parameter.
func idParam(name, desc string) param { return param{Name: name, Type: "integer", Desc: desc} }

// strategyRoutes are the strategy use cases: an opportunity's red flags and
// their acceptance, the catalogue and its thresholds, the funnel, the week's
// work order, health weights, the response-mode helper and the ranking of
// accounts by ideal-customer score. Routes about one opportunity take its id
// as {id} with Entity "opportunities", so outsiders get 404 there.
func (s *server) strategyRoutes() []route {
	return []route{
		{Method: "GET", Path: "/opportunities/{id}/findings", Tag: "strategy", Entity: "opportunities", Status: 200,
			Resp: reflect.TypeFor[list[method.Finding]](), handle: s.listFindings,
			Summary: kam.T("List an opportunity's red flags, the accepted ones marked with their acceptance",
				"列出商机的小红旗（已接受的附带接受记录）")},
		{Method: "POST", Path: "/opportunities/{id}/findings/accept", Tag: "strategy", Entity: "opportunities", Status: 201,
			Body: reflect.TypeFor[acceptBody](), Resp: reflect.TypeFor[kam.AcceptedFinding](), handle: s.acceptFinding,
			Summary: kam.T("Accept an open red flag with a note; it stays visible as accepted and reopens when its facts change",
				"附说明接受一面未处理的小红旗；它仍显示为已接受，事实变化时自动重新打开")},
		{Method: "DELETE", Path: "/opportunities/{id}/findings/accepted/{accepted_id}", Tag: "strategy", Entity: "opportunities", Status: 204,
			handle:  s.reopenFinding,
			Summary: kam.T("Withdraw an acceptance: the red flag is open again", "撤销接受：小红旗重新打开")},
		{Method: "GET", Path: "/redflags", Tag: "strategy", Status: 200,
			Resp: reflect.TypeFor[list[method.RuleInfo]](), handle: s.listRedFlags,
			Summary: kam.T("The red-flag catalogue: every rule with its severity, group, why it matters and what to do next",
				"小红旗目录：每条规则的严重度、分组、原因和下一步")},
		{Method: "GET", Path: "/settings/redflags", Tag: "strategy", Status: 200,
			Resp: reflect.TypeFor[method.Settings](), handle: s.getRedFlagSettings,
			Summary: kam.T("The red-flag thresholds in force", "当前生效的小红旗阈值")},
		{Method: "PUT", Path: "/settings/redflags", Tag: "strategy", Status: 200,
			Body: reflect.TypeFor[method.Settings](), Resp: reflect.TypeFor[method.Settings](), handle: s.putRedFlagSettings,
			Summary: kam.T("Change red-flag thresholds (administrators); fields left out keep their value",
				"修改小红旗阈值（管理员）；未提供的字段保持原值")},
		{Method: "GET", Path: "/funnel", Tag: "strategy", Status: 200,
			Resp: reflect.TypeFor[service.FunnelView](), handle: s.funnel,
			Query: []param{
				idParam("owner_id", "one seller's funnel"),
				idParam("team_id", "a team's funnel (its manager and administrators)"),
				{Name: "period", Type: "string", Desc: "2026, 2026Q4 or 2026-11; the current quarter when empty"},
				{Name: "currency", Type: "string", Desc: "the report's ISO 4217 currency; empty: the quota's, else the one most open deals are in. Other currencies are converted with the exchange rates (report.conversions) or totalled apart (report.unconverted, coverage_unknown)"},
			},
			Summary: kam.T("The funnel against quota (漏斗原则): pipeline per level, win rates, coverage, the gap and a resource request",
				"漏斗与销售指标（漏斗原则）：各层商机、赢率、覆盖倍数、缺口与资源申请")},
		{Method: "GET", Path: "/work-order", Tag: "strategy", Status: 200,
			Resp: reflect.TypeFor[service.WorkOrderView](), handle: s.workOrder,
			Query: []param{idParam("owner_id", "the seller; yourself when empty")},
			Summary: kam.T("The week's work order: Best few first, then Above the funnel, then In the funnel",
				"本周工作顺序：先最佳少数，再漏斗之上，后漏斗之中")},
		{Method: "GET", Path: "/health/weights", Tag: "strategy", Status: 200,
			Resp: reflect.TypeFor[healthWeights](), handle: s.healthWeights,
			Summary: kam.T("The deal-health weights in force: fitted to your scope's won and lost deals, or the defaults",
				"当前生效的商机健康度权重：按您范围内的赢单/丢单拟合，或默认值")},
		{Method: "POST", Path: "/response-mode", Tag: "strategy", Status: 200,
			Body: reflect.TypeFor[method.ModeAnswers](), Resp: reflect.TypeFor[method.ModeAdvice](), handle: s.responseMode,
			Summary: kam.T("Suggest a buyer's response mode from three answers, with how to sell to it",
				"根据三个问题的回答判断购买影响者的反馈模式，并给出销售建议")},
		{Method: "GET", Path: "/accounts/ranking", Tag: "strategy", Status: 200,
			Resp: reflect.TypeFor[list[method.AccountScore]](), handle: s.accountRanking,
			Query: []param{
				idParam("owner_id", "only this seller's accounts"),
				{Name: "limit", Type: "integer", Desc: "the top N, 1–500, default 50"},
			},
			Summary: kam.T("Accounts ranked by ideal-customer score, best first (the top N; unrated last)",
				"按理想型客户得分排列的客户企业（前 N 名；未评分的在最后）")},
	}
}

// strategyGet turns the generic GET of one opportunity into its whole
// strategy picture; the other routes of rs stay as they are.
func (s *server) strategyGet(rs []route) []route {
	for i := range rs {
		if rs[i].Method == "GET" && rs[i].Path == "/opportunities/{id}" {
			rs[i].Resp = reflect.TypeFor[service.StrategyView]()
			rs[i].handle = s.getStrategy
			rs[i].Summary = kam.T(
				"Get an opportunity's whole strategy sheet: the opportunity (its version, for PATCH, is opportunity.version and the ETag), "+
					"account, buying influences with their contacts, SWOT, actions, interactions, red flags, health and the suggested funnel level",
				"查看商机的完整策略表：商机（PATCH 所需版本号为 opportunity.version，亦即 ETag）、客户企业、购买影响者及其联系人、SWOT、行动计划、拜访记录、小红旗、健康度和建议的漏斗位置")
		}
	}
	return rs
}

func (s *server) getStrategy(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	v, err := s.svc.Strategy(r.Context(), c.actor, id)
	if err != nil {
		return err
	}
	if v.Findings == nil {
		v.Findings = []method.Finding{}
	}
	w.Header().Set("ETag", `"`+strconv.FormatInt(v.Opportunity.Version, 10)+`"`)
	writeJSON(w, http.StatusOK, v)
	return nil
}

func (s *server) listFindings(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	fs, err := s.svc.Findings(r.Context(), c.actor, id)
	if err != nil {
		return err
	}
	writeList(w, fs)
	return nil
}

func (s *server) acceptFinding(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var b acceptBody
	if err := readInto(w, r, &b); err != nil {
		return err
	}
	acc, err := s.svc.AcceptFinding(r.Context(), c.actor, id, b.Rule, b.Subject, b.Note)
	if err != nil {
		return renameField(err, "rule_id", "rule")
	}
	w.Header().Set("Location", Prefix+"/opportunities/"+strconv.FormatInt(id, 10)+"/findings/accepted/"+strconv.FormatInt(acc.ID, 10))
	writeJSON(w, http.StatusCreated, acc)
	return nil
}

// renameField blames field to on a validation error that names from: the
// body says "rule" where the record says "rule_id".
func renameField(err error, from, to string) error {
	var v *kam.ValidationError
	if !errors.As(err, &v) {
		return err
	}
	msg, ok := v.Fields[from]
	if !ok {
		return err
	}
	out := &kam.ValidationError{}
	for f, m := range v.Fields {
		if f != from {
			out.Add(f, m)
		}
	}
	out.Add(to, msg)
	return out
}

func (s *server) reopenFinding(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	accID, err := pathID(r, "accepted_id")
	if err != nil {
		return err
	}
	if err := s.svc.ReopenFinding(r.Context(), c.actor, id, accID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *server) listRedFlags(w http.ResponseWriter, _ *http.Request, _ *call) error {
	writeList(w, method.Catalogue())
	return nil
}

func (s *server) getRedFlagSettings(w http.ResponseWriter, r *http.Request, _ *call) error {
	set, err := s.svc.Settings(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, set)
	return nil
}

func (s *server) putRedFlagSettings(w http.ResponseWriter, r *http.Request, c *call) error {
	m, err := readObject(w, r)
	if err != nil {
		return err
	}
	// Refuse a malformed body before reading anything.
	var probe method.Settings
	if err := applyFields(m, &probe); err != nil {
		return err
	}
	set, err := s.svc.Settings(r.Context())
	if err != nil {
		return err
	}
	if err := applyFields(m, &set); err != nil {
		return err
	}
	if err := s.svc.PutSettings(r.Context(), c.actor, set); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, set)
	return nil
}

func (s *server) funnel(w http.ResponseWriter, r *http.Request, c *call) error {
	q := query{r: r}
	fq := service.FunnelQuery{OwnerID: q.id("owner_id"), TeamID: q.id("team_id"), Period: q.str("period"), Currency: q.str("currency")}
	if q.err != nil {
		return q.err
	}
	if fq.OwnerID != 0 && fq.TeamID != 0 {
		return kam.Invalid("team_id", kam.T("give owner_id or team_id, not both", "owner_id 与 team_id 只能给一个"))
	}
	v, err := s.svc.Funnel(r.Context(), c.actor, fq)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

func (s *server) workOrder(w http.ResponseWriter, r *http.Request, c *call) error {
	q := query{r: r}
	owner := q.id("owner_id")
	if q.err != nil {
		return q.err
	}
	v, err := s.svc.WorkOrderOf(r.Context(), c.actor, owner)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

func (s *server) healthWeights(w http.ResponseWriter, r *http.Request, c *call) error {
	wt, rep, err := s.svc.HealthFit(r.Context(), c.actor)
	if err != nil {
		return err
	}
	out := healthWeights{Weights: wt}
	if wt.Source == method.WeightsFitted {
		out.Report = &rep
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *server) responseMode(w http.ResponseWriter, r *http.Request, _ *call) error {
	var a method.ModeAnswers
	if err := readInto(w, r, &a); err != nil {
		return err
	}
	if err := a.Validate(); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, method.SuggestMode(a))
	return nil
}

func (s *server) accountRanking(w http.ResponseWriter, r *http.Request, c *call) error {
	q := query{r: r}
	owner, limit := q.id("owner_id"), q.id("limit")
	if q.err != nil {
		return q.err
	}
	if q.str("limit") != "" && limit == 0 {
		return kam.Invalid("limit", kam.T("must be between 1 and 500", "必须在 1 到 500 之间"))
	}
	ranked, err := s.svc.AccountRanking(r.Context(), c.actor, owner, int(min(limit, service.MaxRankingLimit+1)))
	if err != nil {
		return err
	}
	writeList(w, ranked)
	return nil
}
