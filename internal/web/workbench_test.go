package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"kam/internal/kam"
	"kam/internal/service"
)

// workbench is a signed-in rep with an account, three contacts in a
// reporting line (CEO ← CFO ← IT head) and one opportunity.
type workbench struct {
	e        *env
	rep      kam.User
	c        *client
	acct     kam.Account
	ceo, cfo kam.Contact
	it       kam.Contact
	opp      kam.Opportunity
}

func newWorkbench(t *testing.T) *workbench {
	t.Helper()
	e := newEnv(t)
	team := e.team("华东大客户部")
	w := &workbench{e: e}
	w.rep = e.user("rep@example.com", "王销售", kam.RoleRep, team.ID, false)
	w.c = e.signedIn(w.rep)
	a := service.ActorOf(w.rep)
	var err error
	if w.acct, err = e.svc.Accounts.Create(e.ctx, a, kam.Account{Name: "华信集团", Industry: "制造", Region: "上海"}); err != nil {
		t.Fatal(err)
	}
	mk := func(name, title string, sen kam.Seniority, boss int64) kam.Contact {
		ct, err := e.svc.Contacts.Create(e.ctx, a, kam.Contact{AccountID: w.acct.ID, Name: name, Title: title, Seniority: sen, ReportsToID: boss})
		if err != nil {
			t.Fatal(err)
		}
		return ct
	}
	w.ceo = mk("张总", "总经理", kam.SeniorityExecutive, 0)
	w.cfo = mk("李财务", "财务总监", kam.SenioritySenior, w.ceo.ID)
	w.it = mk("赵工", "信息部经理", kam.SeniorityMiddle, w.cfo.ID)
	if w.opp, err = e.svc.Opportunities.Create(e.ctx, a, kam.Opportunity{AccountID: w.acct.ID, Name: "ERP 升级", Product: "ERP", Amount: 1200000,
		CloseDate: kam.MustDate("2026-06-30"), Level: kam.LevelIn}); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *workbench) buyer(t *testing.T, ct kam.Contact, roles ...kam.BuyingRole) kam.BuyingInfluence {
	t.Helper()
	r := 4
	b, err := w.e.svc.BuyingInfluences.Create(w.e.ctx, service.ActorOf(w.rep), kam.BuyingInfluence{OpportunityID: w.opp.ID, ContactID: ct.ID,
		Roles: roles, Influence: kam.InfluenceHigh, Rating: &r, ContactLevel: kam.ContactFrequent, Mode: kam.ModeGrowth})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestWorkbenchPagesRender visits every workbench page as the owner.
func TestWorkbenchPagesRender(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	b := w.buyer(t, w.cfo, kam.RoleEconomic)
	id := itoa(w.opp.ID)
	for _, tc := range []struct {
		path string
		want []string
	}{
		{"/", []string{"ERP 升级", "Work order"}},
		{"/accounts", []string{"华信集团"}},
		{"/accounts?q=" + url.QueryEscape("华信"), []string{"华信集团"}},
		{"/accounts?sort=ideal", []string{"华信集团"}},
		{"/accounts/new", []string{`name="name"`}},
		{"/accounts/" + itoa(w.acct.ID), []string{"张总", "kam-orgchart", "ERP 升级"}},
		{"/accounts/" + itoa(w.acct.ID) + "/edit", []string{"华信集团"}},
		{"/contacts/" + itoa(w.cfo.ID), []string{"李财务", "张总", "赵工", "ERP 升级"}},
		{"/contacts/" + itoa(w.cfo.ID) + "/edit", []string{"李财务"}},
		{"/contacts/new?account=" + itoa(w.acct.ID), []string{`name="reports_to_id"`}},
		{"/opportunities/new?account=" + itoa(w.acct.ID), []string{`name="close_date"`}},
		{"/opportunities/" + id, []string{"ERP 升级", "kam-relmap", "no-coach", "李财务"}},
		{"/opportunities/" + id + "/print", []string{"ERP 升级", "print-sheet"}},
		{"/opportunities/" + id + "/edit", []string{`name="position"`}},
		{"/opportunities/" + id + "/buyers/new", []string{`name="contact_id"`, "张总"}},
		{"/opportunities/" + id + "/actions/new?rule=no-coach", []string{`value="no-coach" checked`}},
		{"/opportunities/" + id + "/interactions/new", []string{"feedback_" + itoa(w.cfo.ID)}},
		{"/influences/" + itoa(b.ID) + "/edit", []string{`name="personal_win"`}},
		{"/influences/" + itoa(b.ID) + "/mode?current_results=worse&sees_gap=no", []string{"Trouble"}},
		{"/funnel", []string{"kam-funnel", "Above the funnel, whatever the close date"}},
		{"/quotas", []string{"Quotas"}},
		{"/trash", []string{"Trash"}},
	} {
		r := w.c.get(tc.path)
		if r.Code != http.StatusOK {
			t.Errorf("GET %s: %d\n%.1500s", tc.path, r.Code, r.Body)
			continue
		}
		for _, s := range tc.want {
			if !strings.Contains(r.Body, s) {
				t.Errorf("GET %s lacks %q", tc.path, s)
			}
		}
	}
	md := w.c.get("/opportunities/" + id + ".md")
	if md.Code != http.StatusOK || !strings.HasPrefix(md.Header.Get("Content-Type"), "text/markdown") || !strings.Contains(md.Body, "# ERP 升级") {
		t.Errorf("markdown: %d %q\n%.500s", md.Code, md.Header.Get("Content-Type"), md.Body)
	}
}

var ruleIDs = regexp.MustCompile(`<code class="rule">([a-z-]+)</code>`)

// openRules lists the rule ids shown among the open red flags of the sheet.
func openRules(body string) map[string]bool {
	open := body
	if i := strings.Index(body, "flags accepted"); i > 0 {
		open = body[:i]
	}
	out := map[string]bool{}
	for _, m := range ruleIDs.FindAllStringSubmatch(open, -1) {
		out[m[1]] = true
	}
	return out
}
