package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kam/internal/kam"
	"kam/internal/service"
)

func init() {
	hostileForms = append(hostileForms,
		hostileForm{name: "deal list filters", method: "GET", path: fixed("/opportunities"), as: asRep,
			fields: []string{"q", "owner", "team", "level", "close_from", "close_to", "health_min", "health_max", "flags", "account", "sort", "cursor"},
			base:   func(*hostileWorld, int) url.Values { return url.Values{"q": {"商机"}, "sort": {"-amount"}} }},
		hostileForm{name: "people list filters", method: "GET", path: fixed("/contacts"), as: asRep,
			fields: []string{"q", "status", "departed", "account", "sort", "cursor"},
			base:   func(*hostileWorld, int) url.Values { return url.Values{"q": {"张"}} }},
		hostileForm{name: "my actions filters", method: "GET", path: fixed("/actions"), as: asRep,
			fields: []string{"q", "team", "opp", "target", "due", "cursor"},
			base:   func(*hostileWorld, int) url.Values { return url.Values{"due": {"7"}} }},
		hostileForm{name: "header search", method: "GET", path: fixed("/search"), as: asRep,
			fields: []string{"q"},
			base:   func(*hostileWorld, int) url.Values { return url.Values{"q": {"华信"}} }})
	hostileForms = append(hostileForms, hostileForm{
		name: "action done or dropped from My actions", method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return "/actions/" + itoa64(w.more().action.ID) + "/status" },
		fields: []string{"status", "version", "back"},
		base: func(w *hostileWorld, _ int) url.Values {
			x, err := w.e.svc.Actions.Get(w.e.ctx, service.ActorOf(w.repU), w.more().action.ID)
			must(w.e, err)
			return url.Values{"status": {"open"}, "version": {itoa64(x.Version)}, "back": {"/actions"}}
		},
		stored: func(w *hostileWorld, field string) (string, bool) {
			x, err := w.e.svc.Actions.Get(w.e.ctx, service.ActorOf(w.repU), w.more().action.ID)
			must(w.e, err)
			return string(x.Status), field == "status"
		},
		// Back is not stored: the answer goes there or to /actions.
		check: func(_ *hostileWorld, r *response) string {
			if loc := r.Location(); r.Code == http.StatusSeeOther && !(loc == "/actions" || strings.HasPrefix(loc, "/actions?")) {
				return "redirected off the list to " + loc
			}
			return ""
		},
	})
}

// listWorld is a workbench with a second deal, an overdue action, a contact
// who moved lately, and a seller of another team with a deal of their own.
type listWorld struct {
	*workbench
	big            kam.Opportunity
	overdue, later kam.Action
	moved          kam.Contact
	otherC         *client
}

func newListWorld(t *testing.T) *listWorld {
	t.Helper()
	w := &listWorld{workbench: newWorkbench(t)}
	e := w.e
	a := service.ActorOf(w.rep)
	ok := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var err error
	w.big, err = e.svc.Opportunities.Create(e.ctx, a, kam.Opportunity{AccountID: w.acct.ID, Name: "云平台 大单", Amount: 9000000, Level: kam.LevelAbove})
	ok(err)
	b := w.buyer(t, w.ceo, kam.RoleEconomic)
	w.overdue, err = e.svc.Actions.Create(e.ctx, a, kam.Action{OpportunityID: w.opp.ID, Title: "约张总汇报方案", OwnerID: w.rep.ID, Due: kam.MustDate("2026-02-20"), TargetInfluenceID: b.ID})
	ok(err)
	w.later, err = e.svc.Actions.Create(e.ctx, a, kam.Action{OpportunityID: w.opp.ID, Title: "技术交流会", OwnerID: w.rep.ID, Due: kam.MustDate("2026-04-01")})
	ok(err)
	w.moved, err = e.svc.Contacts.Create(e.ctx, a, kam.Contact{AccountID: w.acct.ID, Name: "钱前任", Title: "前采购经理", Seniority: kam.SenioritySenior,
		Status: kam.ContactMoved, StatusDate: kam.MustDate("2026-02-01")})
	ok(err)
	otherTeam := e.team("North")
	other := e.user("north@example.com", "North Rep", kam.RoleRep, otherTeam.ID, false)
	oa := service.ActorOf(other)
	acct, err := e.svc.Accounts.Create(e.ctx, oa, kam.Account{Name: "Northwind 北风"})
	ok(err)
	_, err = e.svc.Opportunities.Create(e.ctx, oa, kam.Opportunity{AccountID: acct.ID, Name: "Northwind secret deal", Level: kam.LevelIn})
	ok(err)
	w.otherC = e.signedIn(other)
	return w
}

// TestDealListPage: the deal list shows the seller's deals with their
// health, flags and next action, filters and sorts from the URL, offers the
// workbook of the same list, in both languages, and nothing of another
// team's.
func TestDealListPage(t *testing.T) {
	t.Parallel()
	w := newListWorld(t)
	for _, l := range []kam.Locale{kam.LocaleEN, kam.LocaleZH} {
		inLocale(t, w.c, l)
		r := w.c.get("/opportunities")
		mustStatus(t, r, http.StatusOK)
		for _, want := range []string{"ERP 升级", "云平台 大单", "华信集团", "约张总汇报方案", "2026-02-20",
			map[kam.Locale]string{kam.LocaleEN: "Next action", kam.LocaleZH: "下一步行动"}[l],
			map[kam.Locale]string{kam.LocaleEN: "Download Excel", kam.LocaleZH: "下载 Excel"}[l]} {
			if !strings.Contains(r.Body, want) {
				t.Errorf("%s: the deal list lacks %q", l, want)
			}
		}
		if strings.Contains(r.Body, "Northwind") {
			t.Errorf("%s: another team's deal is listed", l)
		}
	}
	// Close date ascending puts the dated deal first; amount descending the big one.
	byClose := w.c.get("/opportunities?sort=close_date").Body
	byAmount := w.c.get("/opportunities?sort=-amount").Body
	if strings.Index(byClose, "ERP 升级") > strings.Index(byClose, "云平台 大单") || strings.Index(byAmount, "云平台 大单") > strings.Index(byAmount, "ERP 升级") {
		t.Error("the sort in the URL does not order the list")
	}
	r := w.c.get("/opportunities?level=above&q=" + url.QueryEscape("云平台"))
	if !strings.Contains(r.Body, "云平台 大单") || strings.Contains(r.Body, "ERP 升级") {
		t.Error("level and text filters from the URL are not applied")
	}
	if !strings.Contains(r.Body, `href="/opportunities/list.xlsx?level=above&amp;q=`) {
		t.Error("the Excel link does not carry the list's filters")
	}
	if r := w.c.get("/opportunities?close_from=2026-06-01&close_to=2026-06-30&sort=nonsense&health_min=abc"); !strings.Contains(r.Body, "ERP 升级") || strings.Contains(r.Body, "云平台 大单") {
		t.Error("the close-date range is not applied, or a bad value broke the page")
	}
	// The workbook lists exactly the filtered list, in its order.
	wb := w.c.get("/opportunities/list.xlsx?sort=-amount")
	mustStatus(t, wb, http.StatusOK)
	rows := sheetRows(t, wb.Body)
	if len(rows) != 3 || rows[1][2] != "云平台 大单" || rows[2][2] != "ERP 升级" {
		t.Errorf("workbook rows = %v, want the header, 云平台 大单, ERP 升级", rows)
	}
	wb = w.c.get("/opportunities/list.xlsx?q=ERP")
	if rows := sheetRows(t, wb.Body); len(rows) != 2 || rows[1][2] != "ERP 升级" {
		t.Errorf("filtered workbook rows = %v", rows)
	}
	if rows := sheetRows(t, w.otherC.get("/opportunities/list.xlsx").Body); len(rows) != 2 || rows[1][2] != "Northwind secret deal" {
		t.Errorf("another team's workbook = %v, want only their deal", rows)
	}
}

// sheetRows reads the first sheet of a workbook body.
func sheetRows(t *testing.T, body string) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatalf("not a workbook: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestDealListPages walks the list one page at a time by its next links.
func TestDealListPages(t *testing.T) {
	t.Parallel()
	w := newListWorld(t)
	a := service.ActorOf(w.rep)
	for i := range 55 {
		if _, err := w.e.svc.Opportunities.Create(w.e.ctx, a, kam.Opportunity{AccountID: w.acct.ID, Name: "批量商机 " + itoa64(int64(100+i)), Level: kam.LevelIn}); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[string]bool{}
	next := "/opportunities?sort=name&q=" + url.QueryEscape("批量")
	for pages := 0; next != ""; pages++ {
		r := w.c.get(next)
		mustStatus(t, r, http.StatusOK)
		for i := range 55 {
			n := "批量商机 " + itoa64(int64(100+i))
			if strings.Contains(r.Body, n) {
				if seen[n] {
					t.Fatalf("%s on two pages", n)
				}
				seen[n] = true
			}
		}
		next = ""
		if i := strings.Index(r.Body, `rel="next"`); i >= 0 {
			start := strings.LastIndex(r.Body[:i], `href="`) + len(`href="`)
			next = strings.ReplaceAll(r.Body[start:strings.Index(r.Body[start:], `"`)+start], "&amp;", "&")
			if !strings.Contains(next, "q=") || !strings.Contains(next, "cursor=") {
				t.Fatalf("next link %q lost the filter or the cursor", next)
			}
		}
		if pages > 3 {
			t.Fatal("too many pages")
		}
	}
	if len(seen) != 55 {
		t.Errorf("saw %d deals across the pages, want 55", len(seen))
	}
}

// TestPeopleListPage: the people list shows title, account, status, the
// deals a person is a buyer on with the roles; the departed filter keeps
// those who left or moved in the last 90 days.
func TestPeopleListPage(t *testing.T) {
	t.Parallel()
	w := newListWorld(t)
	for _, l := range []kam.Locale{kam.LocaleEN, kam.LocaleZH} {
		inLocale(t, w.c, l)
		r := w.c.get("/contacts")
		mustStatus(t, r, http.StatusOK)
		for _, want := range []string{"张总", "总经理", "华信集团", "ERP 升级", "钱前任",
			map[kam.Locale]string{kam.LocaleEN: "Left or moved in the last 90 days", kam.LocaleZH: "最近 90 天离职或调岗"}[l]} {
			if !strings.Contains(r.Body, want) {
				t.Errorf("%s: the people list lacks %q", l, want)
			}
		}
	}
	r := w.c.get("/contacts?departed=1")
	if !strings.Contains(r.Body, "钱前任") || strings.Contains(r.Body, "李财务") {
		t.Error("the departed filter does not keep exactly the people who moved lately")
	}
	if r := w.otherC.get("/contacts"); strings.Contains(r.Body, "张总") {
		t.Error("another team sees the seller's people")
	}
	if rows := sheetRows(t, w.c.get("/contacts/list.xlsx?departed=1").Body); len(rows) != 2 || rows[1][1] != "钱前任" {
		t.Errorf("people workbook = %v", rows)
	}
}

// TestMyActionsPage: open actions, overdue first; done in one click returns
// to the list with the filter kept; a manager sees the team's on asking.
func TestMyActionsPage(t *testing.T) {
	t.Parallel()
	w := newListWorld(t)
	for _, l := range []kam.Locale{kam.LocaleEN, kam.LocaleZH} {
		inLocale(t, w.c, l)
		r := w.c.get("/actions")
		mustStatus(t, r, http.StatusOK)
		overdue := map[kam.Locale]string{kam.LocaleEN: "overdue", kam.LocaleZH: "已逾期"}[l]
		if !strings.Contains(r.Body, overdue) || !strings.Contains(r.Body, "张总") {
			t.Errorf("%s: the overdue action and its target buyer are not shown", l)
		}
		if strings.Index(r.Body, "约张总汇报方案") > strings.Index(r.Body, "技术交流会") {
			t.Errorf("%s: the overdue action is not first", l)
		}
	}
	r := w.c.post("/actions/"+itoa64(w.overdue.ID)+"/status", url.Values{"status": {"done"}, "version": {itoa64(w.overdue.Version)}, "back": {"/actions?due=7"}})
	mustStatus(t, r, http.StatusSeeOther)
	if r.Location() != "/actions?due=7" {
		t.Errorf("done returns to %q, want the list it was clicked on", r.Location())
	}
	if r := w.c.get("/actions"); strings.Contains(r.Body, "约张总汇报方案") {
		t.Error("a done action is still on My actions")
	}
	x, err := w.e.svc.Actions.Get(w.e.ctx, service.ActorOf(w.rep), w.overdue.ID)
	if err != nil || x.Status != kam.ActionDone {
		t.Errorf("stored status %q, %v; want done", x.Status, err)
	}
	// A stale version is a conflict, not a silent overwrite.
	if r := w.c.post("/actions/"+itoa64(w.later.ID)+"/status", url.Values{"status": {"dropped"}, "version": {"99"}, "back": {"/actions"}}); r.Code != http.StatusConflict {
		t.Errorf("a stale drop answered %d, want 409", r.Code)
	}
	// Off-site back is refused: the answer goes to the list.
	r = w.c.post("/actions/"+itoa64(w.later.ID)+"/status", url.Values{"status": {"dropped"}, "version": {itoa64(w.later.Version)}, "back": {"//evil.example/actions"}})
	if r.Location() != "/actions" {
		t.Errorf("back to %q, want /actions", r.Location())
	}
	// The manager of the team sees the seller's actions under "My team's".
	mgr := w.e.user("mgr@example.com", "陈经理", kam.RoleManager, w.rep.TeamID, false)
	mc := w.e.signedIn(mgr)
	w.e.addAction(t, w.rep, w.opp.ID, "团队的行动")
	if r := mc.get("/actions"); strings.Contains(r.Body, "团队的行动") {
		t.Error("the manager's own list shows the seller's action")
	}
	if r := mc.get("/actions?team=1"); !strings.Contains(r.Body, "团队的行动") || !strings.Contains(r.Body, "王销售") {
		t.Error("the manager's team view lacks the seller's action and its owner")
	}
	if r := w.c.get("/actions"); strings.Contains(r.Body, "?team=1") {
		t.Error("a seller is offered the team view")
	}
	if rows := sheetRows(t, mc.get("/actions/list.xlsx?team=1").Body); len(rows) != 2 || rows[1][2] != "团队的行动" {
		t.Errorf("team workbook = %v", rows)
	}
}

func (e *env) addAction(t *testing.T, owner kam.User, oppID int64, title string) {
	t.Helper()
	if _, err := e.svc.Actions.Create(e.ctx, service.ActorOf(owner), kam.Action{OpportunityID: oppID, Title: title, OwnerID: owner.ID}); err != nil {
		t.Fatal(err)
	}
}
