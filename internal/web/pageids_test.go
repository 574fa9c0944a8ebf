package web

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"kam/internal/kam"
	"kam/internal/service"
)

// demo is a workbench filled the way the demo data fills one: a group of
// accounts three levels deep, departments, relations, a share, buyers in
// every role, SWOT items, actions, calls, an accepted flag, criteria and
// ratings, quotas, a trashed deal, and a manager over the rep.
type demo struct {
	*workbench
	manager     kam.User
	mc          *client
	ac          *client
	parent      kam.Account
	subs        []kam.Account // children of acct, then their children
	units       []kam.OrgUnit
	swot        []kam.SWOTItem
	actions     []kam.Action
	criteria    []kam.Criterion
	quotas      []kam.Quota
	influencers []kam.BuyingInfluence
}

func newDemo(t *testing.T) *demo {
	t.Helper()
	w := newWorkbench(t)
	d := &demo{workbench: w}
	e := w.e
	a := service.ActorOf(w.rep)
	ok := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	d.manager = e.user("mgr@example.com", "陈经理", kam.RoleManager, w.rep.TeamID, false)
	d.mc = e.signedIn(d.manager)
	d.ac = e.signedIn(e.admin)
	var err error
	d.parent, err = e.svc.Accounts.Create(e.ctx, a, kam.Account{Name: "华信控股"})
	ok(err)
	w.acct, err = e.svc.Accounts.Update(e.ctx, a, w.acct.ID, w.acct.Version, func(x *kam.Account) error { x.ParentID = d.parent.ID; return nil })
	ok(err)
	for _, n := range []string{"华信软件", "华信物流"} {
		s, err := e.svc.Accounts.Create(e.ctx, a, kam.Account{Name: n, ParentID: w.acct.ID})
		ok(err)
		d.subs = append(d.subs, s)
	}
	for _, n := range []string{"华信软件（苏州）", "华信软件（成都）"} {
		s, err := e.svc.Accounts.Create(e.ctx, a, kam.Account{Name: n, ParentID: d.subs[0].ID})
		ok(err)
		d.subs = append(d.subs, s)
	}
	other, err := e.svc.Accounts.Create(e.ctx, a, kam.Account{Name: "东方钢铁"})
	ok(err)
	_, err = e.svc.AccountRelations.Create(e.ctx, a, kam.AccountRelation{FromAccountID: w.acct.ID, ToAccountID: other.ID, Kind: kam.RelationSupplier})
	ok(err)
	u1, err := e.svc.OrgUnits.Create(e.ctx, a, kam.OrgUnit{AccountID: w.acct.ID, Name: "财务部"})
	ok(err)
	u2, err := e.svc.OrgUnits.Create(e.ctx, a, kam.OrgUnit{AccountID: w.acct.ID, Name: "信息部", ParentID: u1.ID})
	ok(err)
	d.units = []kam.OrgUnit{u1, u2}
	team2 := e.team("华南大客户部")
	ok(e.svc.Share(e.ctx, a, kam.AccountShare{AccountID: w.acct.ID, TeamID: team2.ID, Access: kam.ShareRead}))
	_, err = e.svc.ContactLinks.Create(e.ctx, a, kam.ContactLink{FromContactID: w.it.ID, ToContactID: w.ceo.ID, Kind: kam.LinkInfluences})
	ok(err)
	d.influencers = []kam.BuyingInfluence{w.buyer(t, w.cfo, kam.RoleEconomic), w.buyer(t, w.it, kam.RoleCoach, kam.RoleTechnical), w.buyer(t, w.ceo, kam.RoleUser)}
	_, err = e.svc.BuyingInfluences.Update(e.ctx, a, d.influencers[2].ID, d.influencers[2].Version, func(b *kam.BuyingInfluence) error { b.VITO = true; return nil })
	ok(err)
	for _, s := range []kam.SWOTItem{{Kind: kam.SWOTStrength, Text: "本地服务团队"}, {Kind: kam.SWOTStrength, Text: "同行案例"}, {Kind: kam.SWOTWeakness, Text: "价格偏高"}, {Kind: kam.SWOTThreat, Text: "竞争对手降价"}} {
		s.OpportunityID = w.opp.ID
		x, err := e.svc.SWOTItems.Create(e.ctx, a, s)
		ok(err)
		d.swot = append(d.swot, x)
	}
	for i, title := range []string{"约见财务总监", "安排技术交流", "发送案例"} {
		st := kam.ActionOpen
		if i == 2 {
			st = kam.ActionDone
		}
		x, err := e.svc.Actions.Create(e.ctx, a, kam.Action{OpportunityID: w.opp.ID, Title: title, Status: st, OwnerID: w.rep.ID, Due: kam.MustDate("2026-03-10")})
		ok(err)
		d.actions = append(d.actions, x)
	}
	for _, k := range []kam.InteractionKind{kam.InteractionVisit, kam.InteractionCall} {
		_, err = e.svc.Interactions.Create(e.ctx, a, kam.Interaction{OpportunityID: w.opp.ID, Kind: k, At: e.clock.Now(), UserIDs: []int64{w.rep.ID},
			Feedback: []kam.ContactFeedback{{ContactID: w.cfo.ID, Feedback: kam.FeedbackPositive}}})
		ok(err)
	}
	v, err := e.svc.Strategy(e.ctx, a, w.opp.ID)
	ok(err)
	for _, f := range v.Findings {
		if f.Open() {
			_, err = e.svc.AcceptFinding(e.ctx, a, w.opp.ID, f.Rule, f.Subject, "已知")
			ok(err)
			break
		}
	}
	for i, n := range []string{"IT 预算", "决策速度", "地域"} {
		k, err := e.svc.Criteria.Create(e.ctx, kam.System, kam.Criterion{Name: n, Kind: kam.CriterionDemographic, Weight: 3 + i})
		ok(err)
		d.criteria = append(d.criteria, k)
		if i < 2 {
			ok(e.svc.Rate(e.ctx, a, kam.CriterionRating{AccountID: w.acct.ID, CriterionID: k.ID, Rating: 2 - i}))
		}
	}
	for _, q := range []kam.Quota{{UserID: w.rep.ID, Period: "2026Q1", Amount: 3_000_000, Currency: "CNY"}, {TeamID: w.rep.TeamID, Period: "2026Q1", Amount: 9_000_000, Currency: "CNY"}} {
		x, err := e.svc.Quotas.Create(e.ctx, kam.System, q)
		ok(err)
		d.quotas = append(d.quotas, x)
	}
	gone, err := e.svc.Opportunities.Create(e.ctx, a, kam.Opportunity{AccountID: w.acct.ID, Name: "旧项目", Level: kam.LevelAbove})
	ok(err)
	ok(e.svc.Opportunities.Delete(e.ctx, a, gone.ID, gone.Version))
	return d
}

var (
	idAttr   = regexp.MustCompile(`\sid="([^"]*)"`)
	hrefRe   = regexp.MustCompile(`href="(/[^"#]*)`)
	labelFor = regexp.MustCompile(`<label[^>]*\sfor="([^"]*)"`)
)

// crawl visits the pages reachable by links from start, as c, up to max
// pages, and calls visit with each HTML page.
func crawl(t *testing.T, c *client, start []string, max int, visit func(path, body string)) int {
	t.Helper()
	seen := map[string]bool{}
	queue := slices.Clone(start)
	n := 0
	for len(queue) > 0 && n < max {
		p := queue[0]
		queue = queue[1:]
		if seen[p] {
			continue
		}
		seen[p] = true
		if strings.HasPrefix(p, "/static/") || strings.HasSuffix(p, ".md") || strings.HasPrefix(p, "/signout") {
			continue
		}
		r := c.get(p)
		if r.Code != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
			continue
		}
		n++
		visit(p, r.Body)
		for _, m := range hrefRe.FindAllStringSubmatch(r.Body, -1) {
			q := strings.ReplaceAll(m[1], "&amp;", "&")
			if !seen[q] {
				queue = append(queue, q)
			}
		}
	}
	return n
}

// TestNoDuplicateIDs walks the pages of a demo-like workbench as a rep, a
// manager and an administrator, and fails on any id given twice on a page
// (a label or aria reference would point at the first), or on a label for
// an id the page does not have.
func TestNoDuplicateIDs(t *testing.T) {
	t.Parallel()
	d := newDemo(t)
	opp := "/opportunities/" + itoa(d.opp.ID)
	start := []string{"/", "/accounts", "/accounts/" + itoa(d.acct.ID), opp, "/funnel", "/funnel?team=" + itoa(d.rep.TeamID),
		"/quotas", "/criteria", "/trash", "/contacts/" + itoa(d.cfo.ID), opp + "/edit", opp + "/print"}
	for _, tc := range []struct {
		who string
		c   *client
	}{{"rep", d.c}, {"manager", d.mc}, {"admin", d.ac}} {
		n := crawl(t, tc.c, start, 150, func(path, body string) {
			count := map[string]int{}
			for _, m := range idAttr.FindAllStringSubmatch(body, -1) {
				count[m[1]]++
			}
			var dup []string
			for id, k := range count {
				if k > 1 {
					dup = append(dup, id)
				}
			}
			slices.Sort(dup)
			if dup != nil {
				t.Errorf("%s: GET %s repeats ids %q", tc.who, path, dup)
			}
			for _, m := range labelFor.FindAllStringSubmatch(body, -1) {
				if count[m[1]] == 0 {
					t.Errorf("%s: GET %s has a label for %q, which no element has", tc.who, path, m[1])
				}
			}
		})
		if n < 20 {
			t.Errorf("%s: walked only %d pages", tc.who, n)
		}
		t.Logf("%s: %d pages", tc.who, n)
	}
}
