package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"kam/internal/kam"
	"kam/internal/method"
	"kam/internal/service"
	"kam/internal/store"
)

// inLocale switches c's language.
func inLocale(t *testing.T, c *client, l kam.Locale) {
	t.Helper()
	mustStatus(t, c.post("/lang", url.Values{"lang": {string(l)}, "next": {"/"}}), http.StatusSeeOther)
}

// TestFunnelHistoryWindow: the funnel names the closing days its win rates
// come from, in both languages — the four full quarters before today's
// (2026-03-02) for the current period, and the four before a past period.
func TestFunnelHistoryWindow(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	for _, tc := range []struct {
		period string
		en, zh string
	}{
		{"2026Q1", "Win rates from the deals closed 2025-01-01 – 2025-12-31", "赢单率依据 2025-01-01 至 2025-12-31 期间结束的商机"},
		{"2025Q2", "Win rates from the deals closed 2024-04-01 – 2025-03-31", "赢单率依据 2024-04-01 至 2025-03-31 期间结束的商机"},
	} {
		for _, l := range []kam.Locale{kam.LocaleEN, kam.LocaleZH} {
			inLocale(t, w.c, l)
			r := w.c.get("/funnel?period=" + tc.period)
			mustStatus(t, r, http.StatusOK)
			want := tc.en
			if l == kam.LocaleZH {
				want = tc.zh
			}
			mustContain(t, r, `<p class="hint" id="win-window">`+want+`</p>`)
		}
	}
}

// sectionOf is the <section aria-labelledby="id"> of body, or "" when the
// page has none.
func sectionOf(body, id string) string {
	i := strings.Index(body, `aria-labelledby="`+id+`"`)
	if i < 0 {
		return ""
	}
	s := body[i:]
	return s[:strings.Index(s, "</section>")]
}

// TestMyWeekSections fills each section of My week and checks what it
// says, in both languages: the high red flags across deals (with what to
// do), the actions due within the week and the overdue ones (not later
// ones, not done ones, not a colleague's), the key buyers nobody met for
// too long, and the quarter's quota, won, open pipeline, coverage and gap.
func TestMyWeekSections(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	e, a := w.e, service.ActorOf(w.rep)
	// A second deal closing this quarter; the first closes in June.
	q1, err := e.svc.Opportunities.Create(e.ctx, a, kam.Opportunity{AccountID: w.acct.ID, Name: "MES 试点", Amount: 800000,
		CloseDate: kam.MustDate("2026-03-27"), Level: kam.LevelIn})
	if err != nil {
		t.Fatal(err)
	}
	// The Economic buyer of the ERP deal was last met on 2026-01-05.
	w.buyer(t, w.cfo, kam.RoleEconomic)
	if _, err := e.svc.Interactions.Create(e.ctx, a, kam.Interaction{OpportunityID: w.opp.ID, Kind: kam.InteractionMeeting,
		At: time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC), Feedback: []kam.ContactFeedback{{ContactID: w.cfo.ID, Feedback: kam.FeedbackPositive}}}); err != nil {
		t.Fatal(err)
	}
	other := e.user("peer@example.com", "赵同事", kam.RoleRep, w.rep.TeamID, false)
	for _, x := range []kam.Action{
		{OpportunityID: w.opp.ID, Title: "约见财务总监", Due: kam.MustDate("2026-02-25")},
		{OpportunityID: q1.ID, Title: "提交试点方案", Due: kam.MustDate("2026-03-06")},
		{OpportunityID: w.opp.ID, Title: "下月的演示", Due: kam.MustDate("2026-03-20")},
		{OpportunityID: w.opp.ID, Title: "已完成的拜访", Due: kam.MustDate("2026-02-20"), Status: kam.ActionDone},
		{OpportunityID: w.opp.ID, Title: "同事的行动", Due: kam.MustDate("2026-03-03"), OwnerID: other.ID},
	} {
		if x.OwnerID == 0 {
			x.OwnerID = w.rep.ID
		}
		if _, err := e.svc.Actions.Create(e.ctx, a, x); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.svc.Quotas.Create(e.ctx, kam.System, kam.Quota{UserID: w.rep.ID, Period: "2026Q1", Amount: 4000000, Currency: "CNY"}); err != nil {
		t.Fatal(err)
	}
	noCoach, _ := method.Rule(method.RuleNoCoach)
	for _, l := range []kam.Locale{kam.LocaleEN, kam.LocaleZH} {
		inLocale(t, w.c, l)
		r := w.c.get("/")
		mustStatus(t, r, http.StatusOK)

		high := sectionOf(r.Body, "h-high")
		for _, o := range []kam.Opportunity{w.opp, q1} {
			want := `<a href="/opportunities/` + itoa(o.ID) + `#flag-no-coach">` + o.Name + `</a>: <strong>` + noCoach.Title.In(l) + `</strong> — `
			at := strings.Index(high, want)
			if at < 0 {
				t.Errorf("%s: the high red flags lack %q:\n%s", l, want, high)
				continue
			}
			// The next step points at the candidates only where there are
			// some: ERP 升级 has a supporter of medium influence, MES 试点
			// nobody (issue 9).
			item := high[at:]
			item = item[:strings.Index(item, "</li>")]
			listed := strings.Contains(item, template.HTMLEscapeString(noCoach.Next.In(l)))
			if listed != (o.ID == w.opp.ID) {
				t.Errorf("%s: %s says %q", l, o.Name, item)
			}
		}
		if strings.Contains(high, "stale-contact") {
			t.Errorf("%s: stale contact is listed among the high red flags", l)
		}

		due := sectionOf(r.Body, "h-due")
		mustContain(t, &response{Body: due},
			`<strong class="warn">⚠ `+msg(l, "week.overdue")+`</strong> 2026-02-25 · 约见财务总监 · <a href="/opportunities/`+itoa(w.opp.ID)+`#actions">ERP 升级</a>`,
			`<li>2026-03-06 · 提交试点方案 · <a href="/opportunities/`+itoa(q1.ID)+`#actions">MES 试点</a>`)
		for _, not := range []string{"下月的演示", "已完成的拜访", "同事的行动"} {
			if strings.Contains(due, not) {
				t.Errorf("%s: actions due lists %q", l, not)
			}
		}
		if n := strings.Count(due, "⚠"); n != 1 {
			t.Errorf("%s: %d actions marked overdue, want 1", l, n)
		}

		stale := sectionOf(r.Body, "h-stale")
		wantStale := map[kam.Locale]string{kam.LocaleEN: "李财务: Last interaction: 2026-01-05 (56 days ago).", kam.LocaleZH: "李财务: 最近一次互动：2026-01-05（56 天前）。"}[l]
		mustContain(t, &response{Body: stale}, `<a href="/opportunities/`+itoa(w.opp.ID)+`#flag-stale-contact">ERP 升级</a>: `+wantStale)
		if strings.Contains(stale, "MES 试点") {
			t.Errorf("%s: the deal without key buyers is listed as stale", l)
		}

		glance := sectionOf(r.Body, "h-glance")
		mustContain(t, &response{Body: glance}, msg(l, "week.quarter", "2026Q1"),
			"<dd>¥4,000,000</dd>", "<dd>¥0</dd>", "<dd>¥800,000 <small>· "+kam.NounDeal.Count(1).In(l)+"</small>",
			"<dd>0.2× <small>/ "+msg(l, "funnel.needed"), "<strong class=\"warn\">⚠</strong>")
		if !strings.Contains(glance, `<a href="/funnel">`+msg(l, "week.to_funnel")+`</a>`) {
			t.Errorf("%s: no link to the funnel", l)
		}
		if strings.Contains(glance, "team=") {
			t.Errorf("%s: a seller is offered the team funnel", l)
		}
	}
}

// TestMyWeekQuotaCurrency: the quarter at a glance speaks the currency of
// the seller's quota, as the funnel does — not yuan for a dollar quota.
func TestMyWeekQuotaCurrency(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	if _, err := w.e.svc.Quotas.Create(w.e.ctx, kam.System, kam.Quota{UserID: w.rep.ID, Period: "2026Q1", Amount: 500000, Currency: "USD"}); err != nil {
		t.Fatal(err)
	}
	glance := sectionOf(w.c.get("/").Body, "h-glance")
	mustContain(t, &response{Body: glance}, "<dd>500,000 USD</dd>", "<dd>0 USD</dd>")
	if strings.Contains(glance, "¥") {
		t.Errorf("a dollar quota is shown in yuan: %s", glance)
	}
}

// TestTeamFunnel: a manager's funnel of their team shows each seller's
// funnel side by side (name, link to their own funnel, coverage) and the
// heat map of open red flags, sellers × rules, each cell naming its
// seller, its rule and its count — in both languages. A seller of another
// team and a disabled one are not in it, and a rep gets no team view.
func TestTeamFunnel(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	e := w.e
	team := e.getUser(w.rep.ID).TeamID
	mgr := e.user("boss@example.com", "钱经理", kam.RoleManager, team, false)
	peer := e.user("peer@example.com", "赵同事", kam.RoleRep, team, false)
	gone := e.user("gone@example.com", "孙离职", kam.RoleRep, team, false)
	if _, err := e.svc.Users.Update(e.ctx, kam.System, gone.ID, gone.Version, func(u *kam.User) error { u.Disabled = true; return nil }); err != nil {
		t.Fatal(err)
	}
	elsewhere := e.user("north@example.com", "周北区", kam.RoleRep, e.team("华北大客户部").ID, false)
	// 王销售 has two deals (ERP 升级 and MES 试点), 赵同事 one, with a coach.
	deal := func(owner kam.User, name string, amount int64) kam.Opportunity {
		t.Helper()
		a := service.ActorOf(owner)
		acct, err := e.svc.Accounts.Create(e.ctx, a, kam.Account{Name: name + " 客户"})
		if err != nil {
			t.Fatal(err)
		}
		o, err := e.svc.Opportunities.Create(e.ctx, a, kam.Opportunity{AccountID: acct.ID, Name: name, Amount: amount,
			CloseDate: kam.MustDate("2026-03-27"), Level: kam.LevelIn})
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	if _, err := e.svc.Opportunities.Create(e.ctx, service.ActorOf(w.rep), kam.Opportunity{AccountID: w.acct.ID, Name: "MES 试点", Amount: 800000,
		CloseDate: kam.MustDate("2026-03-27"), Level: kam.LevelIn}); err != nil {
		t.Fatal(err)
	}
	po := deal(peer, "赵的商机", 300000)
	pct, err := e.svc.Contacts.Create(e.ctx, service.ActorOf(peer), kam.Contact{AccountID: po.AccountID, Name: "内线甲"})
	if err != nil {
		t.Fatal(err)
	}
	r4 := 4
	if _, err := e.svc.BuyingInfluences.Create(e.ctx, service.ActorOf(peer), kam.BuyingInfluence{OpportunityID: po.ID, ContactID: pct.ID,
		Roles: []kam.BuyingRole{kam.RoleCoach}, Influence: kam.InfluenceHigh, Rating: &r4, ContactLevel: kam.ContactFrequent, Mode: kam.ModeGrowth}); err != nil {
		t.Fatal(err)
	}
	deal(elsewhere, "北区商机", 100000)
	for _, q := range []kam.Quota{{UserID: w.rep.ID, Period: "2026Q1", Amount: 4000000}, {UserID: peer.ID, Period: "2026Q1", Amount: 600000}} {
		if _, err := e.svc.Quotas.Create(e.ctx, kam.System, q); err != nil {
			t.Fatal(err)
		}
	}
	noCoach, _ := method.Rule(method.RuleNoCoach)
	noEconomic, _ := method.Rule(method.RuleNoEconomic)
	c := e.signedIn(mgr)
	for _, l := range []kam.Locale{kam.LocaleEN, kam.LocaleZH} {
		inLocale(t, c, l)
		r := c.get("/funnel?period=2026Q1")
		mustStatus(t, r, http.StatusOK)
		tm := sectionOf(r.Body, "h-team")
		if tm == "" {
			t.Fatalf("%s: the manager's funnel has no team section", l)
		}
		// Side by side: one figure per active seller of the team, each
		// with its own coverage (800,000 / 4,000,000 and 300,000 / 600,000;
		// the June deal is outside the quarter).
		cov := msg(l, "funnel.coverage")
		mustContain(t, &response{Body: tm},
			`<figcaption><a href="/funnel?owner=`+itoa(w.rep.ID)+`&amp;period=2026Q1">王销售</a> · `+cov+` 0.2×</figcaption>`,
			`<figcaption><a href="/funnel?owner=`+itoa(peer.ID)+`&amp;period=2026Q1">赵同事</a> · `+cov+` 0.5×</figcaption>`)
		if n := strings.Count(tm, "<figure>"); n != 3 {
			// 王销售, 赵同事 and the manager, who sells nothing.
			t.Errorf("%s: %d seller funnels, want 3", l, n)
		}
		for _, not := range []string{"孙离职", "周北区"} {
			if strings.Contains(tm, not) {
				t.Errorf("%s: the team view shows %s", l, not)
			}
		}
		// The heat map: 王销售's two deals lack a coach, 赵同事's has one.
		cell := func(seller string, rule method.RuleInfo, n int) string {
			return "<title>" + seller + " · " + template.HTMLEscapeString(rule.Title.In(l)) + ": " + itoa(int64(n)) + "</title>"
		}
		mustContain(t, &response{Body: tm}, `class="kam-svg kam-heatmap"`,
			cell("王销售", noCoach, 2), cell("赵同事", noCoach, 0), cell("钱经理", noCoach, 0),
			cell("王销售", noEconomic, 2), cell("赵同事", noEconomic, 1))
	}
	// A rep's own funnel has no seller by seller view and no heat map, and
	// the team's is not theirs to see.
	r := w.c.get("/funnel?period=2026Q1")
	mustStatus(t, r, http.StatusOK)
	if sectionOf(r.Body, "h-team") != "" || strings.Contains(r.Body, "kam-heatmap") {
		t.Errorf("a rep gets the team view")
	}
	if r := w.c.get("/funnel?team=" + itoa(team) + "&period=2026Q1"); r.Code != http.StatusNotFound || strings.Contains(r.Body, "kam-heatmap") {
		t.Errorf("a rep asking for the team's funnel: %d", r.Code)
	}
}

// TestAccountRelationsAndUnits adds upstream and downstream companies and
// departments through the account page's forms and reads them back on both
// sides, in both languages: each relation names the other company by the
// role it plays for the account in view (a supplier of ours sees us as its
// customer), and each department its parent.
func TestAccountRelationsAndUnits(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	a := service.ActorOf(w.rep)
	mk := func(name string) kam.Account {
		t.Helper()
		x, err := w.e.svc.Accounts.Create(w.e.ctx, a, kam.Account{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	steel, shop := mk("宝钢材料"), mk("优选零售")
	page := "/accounts/" + itoa(w.acct.ID)
	for _, f := range []url.Values{
		{"kind": {"supplier"}, "to_account_id": {itoa(steel.ID)}},
		{"kind": {"customer"}, "to_account_id": {itoa(shop.ID)}},
	} {
		mustStatus(t, w.c.post(page+"/relations", f), http.StatusSeeOther)
	}
	mustStatus(t, w.c.post(page+"/units", url.Values{"name": {"财务部"}}), http.StatusSeeOther)
	units, _, err := w.e.svc.OrgUnits.List(w.e.ctx, a, store.OrgUnitFilter{AccountID: w.acct.ID})
	if err != nil || len(units) != 1 {
		t.Fatalf("units %v, %v", units, err)
	}
	mustStatus(t, w.c.post(page+"/units", url.Values{"name": {"信息部"}, "parent_id": {itoa(units[0].ID)}}), http.StatusSeeOther)
	link := func(x kam.Account) string { return `<a href="/accounts/` + itoa(x.ID) + `">` + x.Name + `</a>` }
	for _, l := range []kam.Locale{kam.LocaleEN, kam.LocaleZH} {
		inLocale(t, w.c, l)
		rel := sectionOf(w.c.get(page).Body, "h-rel")
		mustContain(t, &response{Body: rel},
			"<li>"+kam.Label(kam.RelationSupplier).In(l)+": "+link(steel),
			"<li>"+kam.Label(kam.RelationCustomer).In(l)+": "+link(shop))
		// The supplier's page: we are its customer (downstream).
		rel = sectionOf(w.c.get("/accounts/"+itoa(steel.ID)).Body, "h-rel")
		mustContain(t, &response{Body: rel}, "<li>"+kam.Label(kam.RelationCustomer).In(l)+": "+link(w.acct))
		rel = sectionOf(w.c.get("/accounts/"+itoa(shop.ID)).Body, "h-rel")
		mustContain(t, &response{Body: rel}, "<li>"+kam.Label(kam.RelationSupplier).In(l)+": "+link(w.acct))

		un := sectionOf(w.c.get(page).Body, "h-units")
		mustContain(t, &response{Body: un}, "<li>财务部 ", "<li>信息部 <small>(财务部)</small>",
			`href="/units/`+itoa(units[0].ID)+`/edit">`+msg(l, "wb.edit")+`</a>`)
	}
}

// TestContactLinks adds an influence line and a conflict line through the
// contact page's form and reads them on both people's pages (each from its
// own side, in both languages) and as dotted lines in the account's org
// chart: one influence arrow and one conflict line, nothing for a link
// that was deleted.
func TestContactLinks(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	ceo := "/contacts/" + itoa(w.ceo.ID)
	mustStatus(t, w.c.post(ceo+"/links", url.Values{"kind": {"influences"}, "to_contact_id": {itoa(w.it.ID)}}), http.StatusSeeOther)
	mustStatus(t, w.c.post("/contacts/"+itoa(w.cfo.ID)+"/links", url.Values{"kind": {"conflicts_with"}, "to_contact_id": {itoa(w.it.ID)}}), http.StatusSeeOther)
	person := func(c kam.Contact) string { return `<a href="/contacts/` + itoa(c.ID) + `">` + c.Name + `</a>` }
	for _, l := range []kam.Locale{kam.LocaleEN, kam.LocaleZH} {
		inLocale(t, w.c, l)
		inf, con := kam.Label(kam.LinkInfluences).In(l), kam.Label(kam.LinkConflictsWith).In(l)
		mustContain(t, &response{Body: sectionOf(w.c.get(ceo).Body, "h-links")}, "<li>"+inf+" "+person(w.it))
		mustContain(t, &response{Body: sectionOf(w.c.get("/contacts/"+itoa(w.cfo.ID)).Body, "h-links")}, "<li>"+con+" "+person(w.it))
		it := sectionOf(w.c.get("/contacts/"+itoa(w.it.ID)).Body, "h-links")
		mustContain(t, &response{Body: it}, "<li>"+person(w.ceo)+" "+inf+" 赵工", "<li>"+person(w.cfo)+" "+con+" 赵工")
	}
	chart := w.c.get("/accounts/" + itoa(w.acct.ID)).Body
	if n := strings.Count(chart, `<path class="kam-oc-influences"`); n != 1 {
		t.Errorf("the org chart draws %d influence lines, want 1", n)
	}
	if n := strings.Count(chart, `<path class="kam-oc-conflicts"`); n != 1 {
		t.Errorf("the org chart draws %d conflict lines, want 1", n)
	}
	// Deleting the conflict (from 李财务's page) takes its line away.
	links, _, err := w.e.svc.ContactLinks.List(w.e.ctx, kam.System, store.ContactLinkFilter{ContactID: w.cfo.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range links {
		if k.Kind == kam.LinkConflictsWith {
			mustStatus(t, w.c.post("/links/"+itoa(k.ID)+"/delete", url.Values{"version": {itoa(k.Version)}}), http.StatusSeeOther)
		}
	}
	chart = w.c.get("/accounts/" + itoa(w.acct.ID)).Body
	if strings.Contains(chart, `class="kam-oc-conflicts"`) || !strings.Contains(chart, `class="kam-oc-influences"`) {
		t.Errorf("after deleting the conflict the chart still draws it, or lost the influence")
	}
	if strings.Contains(sectionOf(w.c.get("/contacts/"+itoa(w.it.ID)).Body, "h-links"), "<li>"+person(w.cfo)) {
		t.Errorf("the deleted conflict is still listed")
	}
}

// TestTrashRestore moves a person, a deal and an account to the trash with
// their pages' own delete forms, sees each in the trash (both languages),
// restores each with its button there, and finds it back as it was.
func TestTrashRestore(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	// The account goes last: its deal and people go with it otherwise.
	other, err := w.e.svc.Accounts.Create(w.e.ctx, service.ActorOf(w.rep), kam.Account{Name: "待删客户", Industry: "物流"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		page, name, restore string
		keep                []string // what the restored page still shows
	}{
		{"/contacts/" + itoa(w.it.ID), "赵工", "/trash/contacts/" + itoa(w.it.ID) + "/restore", []string{"信息部经理", "李财务"}},
		{"/opportunities/" + itoa(w.opp.ID), "ERP 升级", "/trash/opportunities/" + itoa(w.opp.ID) + "/restore", []string{"¥1,200,000", "2026-06-30"}},
		{"/accounts/" + itoa(other.ID), "待删客户", "/trash/accounts/" + itoa(other.ID) + "/restore", []string{"物流"}},
	} {
		inLocale(t, w.c, kam.LocaleEN)
		del := formFields(t, w.c.get(tc.page).Body, tc.page+"/delete")
		r := w.c.post(tc.page+"/delete", del)
		mustStatus(t, r, http.StatusSeeOther)
		if got := w.c.get(tc.page); got.Code != http.StatusNotFound {
			t.Errorf("%s in the trash answers %d", tc.page, got.Code)
		}
		for _, l := range []kam.Locale{kam.LocaleEN, kam.LocaleZH} {
			inLocale(t, w.c, l)
			tr := w.c.get("/trash")
			mustStatus(t, tr, http.StatusOK)
			mustContain(t, tr, "<h1>"+msg(l, "wb.trash")+"</h1>", "<li>"+tc.name+" ",
				`action="`+tc.restore+`" class="inline">`, msg(l, "trash.restore")+"</button>")
		}
		r = w.c.post(tc.restore, formFields(t, w.c.get("/trash").Body, tc.restore))
		mustStatus(t, r, http.StatusSeeOther)
		if r.Location() != tc.page {
			t.Errorf("restoring goes to %q, want %s", r.Location(), tc.page)
		}
		back := w.c.get(tc.page)
		mustStatus(t, back, http.StatusOK)
		mustContain(t, back, append([]string{tc.name, msg(kam.LocaleZH, "wb.restored")}, tc.keep...)...)
		if strings.Contains(w.c.get("/trash").Body, `action="`+tc.restore+`"`) {
			t.Errorf("%s is still in the trash after restoring", tc.name)
		}
	}
}

// TestFunnelLevelsLabelledOnPhones: on a phone the levels table stacks its
// cells, so each figure carries its column's name (data-label).
func TestFunnelLevelsLabelledOnPhones(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	for _, l := range []kam.Locale{kam.LocaleEN, kam.LocaleZH} {
		inLocale(t, w.c, l)
		lv := sectionOf(w.c.get("/funnel").Body, "h-levels")
		for _, k := range []string{"funnel.count", "f.amount", "funnel.win_rate", "funnel.weighted", "funnel.deals_needed"} {
			if n := strings.Count(lv, `<td data-label="`+msg(l, k)+`">`); n != 3 {
				t.Errorf("%s: %d cells labelled %q, want one per level (3)", l, n, msg(l, k))
			}
		}
	}
}

// TestMyWeekHighFlagNamesTheBuyer: a high red flag raised on one buyer
// says which buyer in My week's list, in both languages; a flag on the
// whole deal adds nothing.
func TestMyWeekHighFlagNamesTheBuyer(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	b := w.buyer(t, w.cfo, kam.RoleEconomic)
	if _, err := w.e.svc.BuyingInfluences.Update(w.e.ctx, service.ActorOf(w.rep), b.ID, b.Version, func(v *kam.BuyingInfluence) error {
		v.ContactLevel = kam.ContactNone
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	rule, _ := method.Rule(method.RuleUncontacted)
	noCoach, _ := method.Rule(method.RuleNoCoach)
	for _, l := range []kam.Locale{kam.LocaleEN, kam.LocaleZH} {
		inLocale(t, w.c, l)
		high := sectionOf(w.c.get("/").Body, "h-high")
		detail := map[kam.Locale]string{kam.LocaleEN: "李财务: Not contacted yet.", kam.LocaleZH: "李财务: 尚未接触。"}[l]
		mustContain(t, &response{Body: high},
			`#flag-uncontacted">ERP 升级</a>: <strong>`+rule.Title.In(l)+`</strong> · `+detail+` — `,
			`#flag-no-coach">ERP 升级</a>: <strong>`+noCoach.Title.In(l)+`</strong> — `)
	}
}
