package web

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"kam/internal/kam"
	"kam/internal/loop"
	"kam/internal/service"
	"kam/internal/store"
)

// The loop pages register their records with the other-team walk and their
// forms with the hostile-input suite.
func init() {
	walkFixtures["call_plan"] = func(e *env, owner kam.User) int64 {
		a := service.ActorOf(owner)
		acct := walkAccount(e, owner)
		ct, err := e.svc.Contacts.Create(e.ctx, a, kam.Contact{AccountID: acct.ID, Name: "Walk attendee"})
		must(e, err)
		o, err := e.svc.Opportunities.Create(e.ctx, a, kam.Opportunity{AccountID: acct.ID, Name: "Walk call deal"})
		must(e, err)
		p, err := e.svc.CallPlans.Create(e.ctx, a, kam.CallPlan{OpportunityID: o.ID, Kind: kam.InteractionVisit, At: e.clock.Now(),
			Attendees: []kam.CallAttendee{{ContactID: ct.ID}}, BestCommitment: "b", MinimumCommitment: "m"})
		must(e, err)
		return p.ID
	}
	walkFixtures["need"] = func(e *env, owner kam.User) int64 {
		a := service.ActorOf(owner)
		acct := walkAccount(e, owner)
		ct, err := e.svc.Contacts.Create(e.ctx, a, kam.Contact{AccountID: acct.ID, Name: "Walk voice"})
		must(e, err)
		o, err := e.svc.Opportunities.Create(e.ctx, a, kam.Opportunity{AccountID: acct.ID, Name: "Walk need deal"})
		must(e, err)
		n, err := e.svc.Needs.Create(e.ctx, a, kam.Need{OpportunityID: o.ID, ContactID: ct.ID, Kind: kam.NeedImplied, Words: "slow", HeardAt: e.clock.Now()})
		must(e, err)
		return n.ID
	}
	hostileForms = append(hostileForms, loopHostileForms...)
}

var (
	loopMu    sync.Mutex
	loopPlans = map[*hostileWorld]int64{} // the plan the current attempt posts to
)

// freshPlan plans a call with the hostile world's buyer; debriefed, its
// debrief (neutral feedback from an unrated buyer) proposes a rating.
func (w *hostileWorld) freshPlan(debriefed bool) kam.CallPlan {
	r, a := w.recs(), service.ActorOf(w.repU)
	p, err := w.e.svc.CallPlans.Create(w.e.ctx, a, kam.CallPlan{OpportunityID: r.opp.ID, Kind: kam.InteractionVisit, At: w.e.clock.Now().Add(-time.Hour),
		Attendees: []kam.CallAttendee{{ContactID: r.ct.ID}}})
	must(w.e, err)
	if debriefed {
		res, err := w.e.svc.DebriefCall(w.e.ctx, a, p.ID, p.Version, service.Debrief{Outcome: kam.OutcomeAdvance,
			Feedback: []kam.ContactFeedback{{ContactID: r.ct.ID, Feedback: kam.FeedbackNeutral}}})
		must(w.e, err)
		p = res.Plan
	}
	loopMu.Lock()
	loopPlans[w] = p.ID
	loopMu.Unlock()
	return p
}

var loopNeeds = map[*hostileWorld]kam.Need{}

// freshNeed records an implied need of the hostile world's buyer for the
// attempt; need returns it.
func (w *hostileWorld) freshNeed() kam.Need {
	r := w.recs()
	n, err := w.e.svc.Needs.Create(w.e.ctx, service.ActorOf(w.repU), kam.Need{OpportunityID: r.opp.ID, ContactID: r.ct.ID, Kind: kam.NeedImplied,
		Words: "审批太慢", HeardAt: w.e.clock.Now().Add(-time.Hour)})
	must(w.e, err)
	loopMu.Lock()
	loopNeeds[w] = n
	loopMu.Unlock()
	return n
}

func (w *hostileWorld) need() kam.Need {
	loopMu.Lock()
	defer loopMu.Unlock()
	return loopNeeds[w]
}

// planPath is the path of the attempt's plan, with suffix.
func planPath(suffix string) func(*hostileWorld) string {
	return func(w *hostileWorld) string {
		loopMu.Lock()
		defer loopMu.Unlock()
		return callPlanURL(loopPlans[w]) + suffix
	}
}

var loopHostileForms = []hostileForm{
	{
		name: "plan a call", method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return oppURL(w.recs().opp.ID) + "/calls" },
		viewAt: func(w *hostileWorld) string { return oppURL(w.recs().opp.ID) + "/calls" },
		fields: []string{"kind", "at", "attendees", "business_reason", "best_commitment", "minimum_commitment", "give", "learn"},
		base: func(w *hostileWorld, i int) url.Values {
			return url.Values{"kind": {"visit"}, "at": {"2030-01-02T10:00"}, "attendees": {itoa(w.recs().ct.ID)},
				"business_reason": {fmt.Sprintf("理由 %d", i)}, "best_commitment": {"b"}, "minimum_commitment": {"m"}}
		},
	},
	{
		name: "debrief a call", method: "POST", as: asRep,
		// base plans a fresh call for every attempt; path posts to it.
		path:   planPath("/debrief"),
		viewAt: planPath(""),
		fields: []string{"outcome", "feedback_0", "said_0", "need_contact", "need_kind", "need_words", "commitment_obtained", "commitment_met", "notes", "version"},
		base: func(w *hostileWorld, _ int) url.Values {
			p := w.freshPlan(false)
			ct := itoa(w.recs().ct.ID)
			return url.Values{"outcome": {"advance"}, "feedback_0": {"positive"}, "said_0": {"好"}, "need_contact": {ct},
				"need_kind": {"implied"}, "need_words": {"慢"}, "commitment_obtained": {"c"}, "commitment_met": {"minimum"}, "notes": {"n"},
				"version": {itoa(p.Version)}}
		},
	},
	{
		name: "decide a proposal", method: "POST", as: asRep,
		path:   planPath("/proposals"),
		viewAt: planPath(""),
		fields: []string{"key", "decision"},
		base: func(w *hostileWorld, _ int) url.Values {
			p := w.freshPlan(true)
			ps, err := w.e.svc.Proposals(w.e.ctx, service.ActorOf(w.repU), p.ID)
			must(w.e, err)
			if len(ps) == 0 {
				w.e.t.Fatal("the debrief proposes nothing")
			}
			return url.Values{"key": {ps[0].Key}, "decision": {"reject"}}
		},
	},
	{
		name: "promote a need", method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return "/needs/" + itoa(w.need().ID) },
		viewAt: func(w *hostileWorld) string { return oppURL(w.recs().opp.ID) + "/review" },
		fields: []string{"change", "words", "version"},
		// Each attempt promotes a fresh implied need.
		base: func(w *hostileWorld, _ int) url.Values {
			n := w.freshNeed()
			return url.Values{"change": {"promote"}, "words": {"要缩短审批"}, "version": {itoa(n.Version)}}
		},
		stored: func(w *hostileWorld, field string) (string, bool) {
			n, _ := current(w, w.e.svc.Needs, w.need().ID)
			return n.Words, field == "words"
		},
	},
	{
		name: "record a review", method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return oppURL(w.recs().opp.ID) + "/reviews" },
		viewAt: func(w *hostileWorld) string { return oppURL(w.recs().opp.ID) + "/review" },
		fields: []string{"notes", "agreed_actions"},
		base: func(*hostileWorld, int) url.Values {
			return url.Values{"notes": {"辅导"}, "agreed_actions": {"约见财务"}}
		},
	},
}

// TestCallPlanDebriefAndAcceptInBothLanguages plans a call on the page,
// debriefs it, accepts two of its proposals one by one, and sees the map
// change; every page answers in both languages.
func TestCallPlanDebriefAndAcceptInBothLanguages(t *testing.T) {
	t.Parallel()
	for _, l := range []kam.Locale{kam.LocaleZH, kam.LocaleEN} {
		t.Run(string(l), func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			team := e.team("Loop team")
			rep := e.user("rep@example.com", "Rep", kam.RoleRep, team.ID, false)
			other := e.user("other@example.com", "Other", kam.RoleRep, e.team("Other team").ID, false)
			a := service.ActorOf(rep)
			acct, err := e.svc.Accounts.Create(e.ctx, a, kam.Account{Name: "华东钢铁"})
			must(e, err)
			boss, err := e.svc.Contacts.Create(e.ctx, a, kam.Contact{AccountID: acct.ID, Name: "张总", Seniority: kam.SeniorityExecutive})
			must(e, err)
			opp, err := e.svc.Opportunities.Create(e.ctx, a, kam.Opportunity{AccountID: acct.ID, Name: "CRM 二期", Level: kam.LevelIn})
			must(e, err)
			four := 4
			buyer, err := e.svc.BuyingInfluences.Create(e.ctx, a, kam.BuyingInfluence{OpportunityID: opp.ID, ContactID: boss.ID,
				Roles: []kam.BuyingRole{kam.RoleEconomic}, Influence: kam.InfluenceHigh, Rating: &four, Mode: kam.ModeEvenKeel, ContactLevel: kam.ContactNone})
			must(e, err)
			c := e.signedIn(rep)
			c.post("/lang", url.Values{"lang": {string(l)}, "next": {"/"}})
			zh := l == kam.LocaleZH
			pick := func(en, cn string) string {
				if zh {
					return cn
				}
				return en
			}

			page := c.get(oppURL(opp.ID) + "/calls")
			if page.Code != http.StatusOK || !strings.Contains(page.Body, pick("Plan a call", "计划一次拜访")) {
				t.Fatalf("calls page: %d\n%.400s", page.Code, page.Body)
			}
			r := c.post(oppURL(opp.ID)+"/calls", url.Values{"kind": {"visit"}, "at": {e.clock.Now().Add(-time.Hour).Format("2006-01-02T15:04")},
				"attendees": {itoa(boss.ID)}, "business_reason": {"试点结果"}, "best_commitment": {"签试点"}, "minimum_commitment": {"约见财务"}})
			if r.Code != http.StatusSeeOther {
				t.Fatalf("plan a call: %d\n%.600s", r.Code, r.Body)
			}
			planURL := r.Location()
			plan := c.get(planURL)
			// The questions are drafted in the seller's language: an Even
			// Keel Economic buyer is asked Implication questions first.
			if plan.Code != http.StatusOK || !strings.Contains(plan.Body, pick("Implication", "暗示问题")) || !strings.Contains(plan.Body, pick("another year", "再过一年")) {
				t.Fatalf("plan page: %d\n%.2000s", plan.Code, plan.Body)
			}
			if o := e.signedIn(other).get(planURL); o.Code != http.StatusNotFound {
				t.Errorf("another team's rep sees the plan: %d", o.Code)
			}
			p, err := e.svc.CallPlans.Get(e.ctx, a, mustID(t, planURL))
			must(e, err)
			k := itoa(boss.ID)
			r = c.post(planURL+"/debrief", url.Values{"version": {itoa(p.Version)}, "outcome": {"continuation"},
				"feedback_0": {"negative"}, "said_0": {"价格太高"}, "need_contact": {k}, "need_kind": {"implied"}, "need_words": {"审批太慢"},
				"commitment_obtained": {"下周再谈"}, "commitment_met": {"none"}})
			if r.Code != http.StatusSeeOther {
				t.Fatalf("debrief: %d\n%.600s", r.Code, r.Body)
			}
			plan = c.get(planURL)
			// html/template writes + as &#43;.
			plan.Body = html.UnescapeString(plan.Body)
			for _, s := range []string{"负反馈，但我们评为 +4：核对判断", "价格太高"} {
				if zh && !strings.Contains(plan.Body, s) {
					t.Errorf("debriefed plan lacks %q", s)
				}
			}
			if !zh && !strings.Contains(plan.Body, "Negative feedback, yet we rate 张总 +4: check the judgement") && !strings.Contains(plan.Body, "negative feedback, yet we rate 张总 +4: check the judgement") {
				t.Errorf("debriefed plan lacks the rating reason:\n%.3000s", plan.Body)
			}
			ps, err := e.svc.Proposals(e.ctx, a, p.ID)
			must(e, err)
			accepted := 0
			for _, pr := range ps {
				if pr.Kind != loop.ProposeRating && pr.Kind != loop.ProposeMode {
					continue
				}
				r = c.post(planURL+"/proposals", url.Values{"key": {pr.Key}, "decision": {"accept"}})
				if r.Code != http.StatusSeeOther {
					t.Fatalf("accept %s: %d\n%.600s", pr.Key, r.Code, r.Body)
				}
				accepted++
			}
			if accepted != 2 {
				t.Fatalf("accepted %d proposals, want the rating and the mode: %+v", accepted, ps)
			}
			b, err := e.svc.BuyingInfluences.Get(e.ctx, a, buyer.ID)
			must(e, err)
			if b.Rating == nil || *b.Rating != -1 || b.Mode != kam.ModeTrouble {
				t.Errorf("buyer after accepting: rating %v mode %s, want -1 and trouble", b.Rating, b.Mode)
			}
			// The need heard is promoted to explicit, then linked to the
			// buyer's result, from the review page's buttons.
			ns, _, err := e.svc.Needs.List(e.ctx, a, store.NeedFilter{OpportunityID: opp.ID})
			must(e, err)
			if len(ns) != 1 || ns[0].Kind != kam.NeedImplied {
				t.Fatalf("needs after the debrief: %+v", ns)
			}
			nURL := "/needs/" + itoa(ns[0].ID)
			if r = c.post(nURL, url.Values{"change": {"promote"}, "words": {"两周内完成审批"}, "version": {itoa(ns[0].Version)}}); r.Code != http.StatusSeeOther {
				t.Fatalf("promote: %d\n%.600s", r.Code, r.Body)
			}
			if r = c.post(nURL, url.Values{"change": {"link"}, "version": {itoa(ns[0].Version + 1)}}); r.Code != http.StatusSeeOther {
				t.Fatalf("link: %d\n%.600s", r.Code, r.Body)
			}
			n, err := e.svc.Needs.Get(e.ctx, a, ns[0].ID)
			must(e, err)
			if n.Kind != kam.NeedExplicit || n.Words != "两周内完成审批" || !n.LinkedToResult {
				t.Errorf("need after promote and link: %+v", n)
			}
			// The review page shows what changed once a review exists.
			r = c.post(oppURL(opp.ID)+"/reviews", url.Values{"notes": {"先见财务"}, "agreed_actions": {"约见财务\n准备试点方案"}})
			if r.Code != http.StatusSeeOther {
				t.Fatalf("record a review: %d\n%.600s", r.Code, r.Body)
			}
			rs, _, err := e.svc.Reviews.List(e.ctx, a, store.ReviewFilter{OpportunityID: opp.ID})
			must(e, err)
			if len(rs) != 1 || len(rs[0].AgreedActions) != 2 {
				t.Fatalf("reviews: %+v", rs)
			}
			rev := c.get(oppURL(opp.ID) + "/review")
			if rev.Code != http.StatusOK || !strings.Contains(rev.Body, pick("Deal review", "商机复盘")) || !strings.Contains(rev.Body, "先见财务") || !strings.Contains(rev.Body, "两周内完成审批") {
				t.Errorf("review page: %d\n%.1500s", rev.Code, rev.Body)
			}
			for _, path := range []string{"/reviews", oppURL(opp.ID) + "/vito"} {
				if g := c.get(path); g.Code != http.StatusOK || !strings.Contains(g.Body, pick("Meeting the VITO", "拜访老总")) && strings.HasSuffix(path, "vito") {
					t.Errorf("%s: %d", path, g.Code)
				}
			}
			// The Markdown copy and the print view name the last review.
			day := kam.DateOf(rs[0].At).String()
			if md := c.get(oppURL(opp.ID) + ".md"); !strings.Contains(md.Body, pick("Last review: "+day, "上次复盘： "+day)) {
				t.Errorf("the Markdown copy lacks the last review %s:\n%s", day, md.Body)
			}
			if pr := c.get(oppURL(opp.ID) + "/print"); !strings.Contains(pr.Body, pick("Last review:", "上次复盘：")) || !strings.Contains(pr.Body, day) {
				t.Errorf("the print view lacks the last review")
			}
			if g := c.get("/reviews"); !strings.Contains(g.Body, "CRM 二期") {
				t.Errorf("the review meeting does not list the deal")
			}
		})
	}
}

func mustID(t *testing.T, path string) int64 {
	t.Helper()
	i := strings.LastIndexByte(path, '/')
	var id int64
	if _, err := fmt.Sscan(path[i+1:], &id); err != nil {
		t.Fatalf("no id in %s", path)
	}
	return id
}
