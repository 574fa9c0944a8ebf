package web

import (
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
)

// zhUser creates a 简体中文 user, whose time zone is Asia/Shanghai.
func (e *env) zhUser(email, name string, role kam.Role, teamID int64) kam.User {
	e.t.Helper()
	u, err := e.svc.CreateUser(e.ctx, kam.System, kam.User{Email: email, Name: name, Role: role, TeamID: teamID, Locale: kam.LocaleZH}, testPassword, false)
	if err != nil {
		e.t.Fatal(err)
	}
	return u
}

// TestTimesAreEnteredAndShownInTheUsersZone: a seller in Beijing logs a
// visit at 14:30 their time, the sheet shows 14:30 (06:30 UTC is stored),
// and the form no longer says UTC.
func TestTimesAreEnteredAndShownInTheUsersZone(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rep := e.zhUser("wang@example.com", "王磊", kam.RoleRep, 0)
	if rep.TimeZone != "Asia/Shanghai" {
		t.Fatalf("a 简体中文 user's zone: %q", rep.TimeZone)
	}
	a := service.ActorOf(rep)
	acct, err := e.svc.Accounts.Create(e.ctx, a, kam.Account{Name: "华信集团", OwnerID: rep.ID})
	if err != nil {
		t.Fatal(err)
	}
	opp, err := e.svc.Opportunities.Create(e.ctx, a, kam.Opportunity{AccountID: acct.ID, Name: "ERP", Amount: 100, OwnerID: rep.ID})
	if err != nil {
		t.Fatal(err)
	}
	c := e.signedIn(rep)
	form := c.get("/opportunities/" + itoa(opp.ID) + "/interactions/new")
	mustStatus(t, form, 200)
	if strings.Contains(form.Body, "UTC") {
		t.Error("the interaction form still speaks of UTC")
	}
	// The clock is 09:00 UTC: the new form proposes 17:00 in Beijing.
	mustContain(t, form, `value="2026-03-02T17:00"`)
	r := c.post("/opportunities/"+itoa(opp.ID)+"/interactions", url.Values{"kind": {"visit"}, "at": {"2026-03-01T14:30"}, "user_ids": {itoa(rep.ID)}})
	mustStatus(t, r, 303)
	xs, _, err := e.svc.Interactions.List(e.ctx, a, store.InteractionFilter{OpportunityID: opp.ID})
	if err != nil || len(xs) != 1 {
		t.Fatalf("interactions: %v %v", xs, err)
	}
	if got := xs[0].At.UTC(); !got.Equal(time.Date(2026, 3, 1, 6, 30, 0, 0, time.UTC)) {
		t.Errorf("stored %v, want 06:30 UTC (14:30 in Beijing)", got)
	}
	sheet := c.get("/opportunities/" + itoa(opp.ID))
	mustContain(t, sheet, "2026-03-01 14:30")
	if strings.Contains(sheet.Body, "06:30") {
		t.Error("the sheet shows the UTC time")
	}
	edit := c.get("/interactions/" + itoa(xs[0].ID) + "/edit")
	mustContain(t, edit, `value="2026-03-01T14:30"`)
}

// TestAccountSetsTheTimeZone: /account offers the zone and saves it; an
// unknown one is refused on its field.
func TestAccountSetsTheTimeZone(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rep := e.zhUser("li@example.com", "李娜", kam.RoleRep, 0)
	c := e.signedIn(rep)
	page := c.get("/account")
	mustContain(t, page, `name="time_zone"`, `<option value="Asia/Shanghai" selected>`)
	r := c.post("/account", url.Values{"version": {itoa(rep.Version)}, "name": {"李娜"}, "locale": {"zh-CN"}, "time_zone": {"Mars/Base"}})
	mustStatus(t, r, 422)
	mustContain(t, r, `id="f-time_zone-error"`)
	r = c.post("/account", url.Values{"version": {itoa(rep.Version)}, "name": {"李娜"}, "locale": {"zh-CN"}, "time_zone": {"Europe/Berlin"}})
	mustStatus(t, r, 303)
	if got := e.getUser(rep.ID).TimeZone; got != "Europe/Berlin" {
		t.Errorf("zone %q, want Europe/Berlin", got)
	}
}

// TestFunnelPageShowsRatesOrTotalsPerCurrency: a USD deal in a CNY funnel
// is shown apart with coverage not computed; once an admin adds a rate on
// /admin/rates, the funnel converts it and names the rate.
func TestFunnelPageShowsRatesOrTotalsPerCurrency(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rep := e.zhUser("zhao@example.com", "赵强", kam.RoleRep, 0)
	a := service.ActorOf(rep)
	acct, err := e.svc.Accounts.Create(e.ctx, a, kam.Account{Name: "恒通物流", OwnerID: rep.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []kam.Opportunity{
		{AccountID: acct.ID, Name: "仓储", Amount: 2_000_000, Currency: "CNY", Level: kam.LevelIn, CloseDate: kam.MustDate("2026-03-20"), OwnerID: rep.ID},
		{AccountID: acct.ID, Name: "Export", Amount: 1_000_000, Currency: "USD", Level: kam.LevelIn, CloseDate: kam.MustDate("2026-03-21"), OwnerID: rep.ID},
	} {
		if _, err := e.svc.Opportunities.Create(e.ctx, a, o); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.svc.Quotas.Create(e.ctx, kam.System, kam.Quota{UserID: rep.ID, Period: "2026Q1", Amount: 10_000_000, Currency: "CNY"}); err != nil {
		t.Fatal(err)
	}
	c := e.signedIn(rep)
	page := c.get("/funnel?owner=" + itoa(rep.ID) + "&period=2026Q1")
	mustStatus(t, page, 200)
	mustContain(t, page, "¥2,000,000", "1,000,000 USD", "无法计算")
	if strings.Contains(page.Body, "¥3,000,000") {
		t.Error("the funnel adds the USD million to the yuan")
	}
	// Reps do not see the rates page; admins keep it.
	mustStatus(t, c.get("/admin/rates"), 404)
	admin := e.signedIn(e.admin)
	mustStatus(t, admin.get("/admin/rates"), 200)
	r := admin.post("/admin/rates", url.Values{"from": {"RMB"}, "to": {"USD"}, "rate": {"0.14"}, "on": {"2026-03-01"}})
	mustStatus(t, r, 422)
	r = admin.post("/admin/rates", url.Values{"from": {"USD"}, "to": {"CNY"}, "rate": {"7.10"}, "on": {"2026-03-01"}})
	mustStatus(t, r, 303)
	mustContain(t, admin.get("/admin/rates"), "1 USD = 7.10 CNY")
	page = c.get("/funnel?owner=" + itoa(rep.ID) + "&period=2026Q1")
	mustContain(t, page, "¥9,100,000", "按 2026-03-01 汇率 1 USD = 7.10 CNY")
	if strings.Contains(page.Body, "无法计算") {
		t.Error("coverage still not computed with a rate")
	}
}

// TestCurrencyIsAChoice: the opportunity and quota forms offer the ISO 4217
// list, 人民币 CNY first, not a free text box.
func TestCurrencyIsAChoice(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rep := e.zhUser("qian@example.com", "钱明", kam.RoleRep, 0)
	acct, err := e.svc.Accounts.Create(e.ctx, service.ActorOf(rep), kam.Account{Name: "华远集团", OwnerID: rep.ID})
	if err != nil {
		t.Fatal(err)
	}
	page := e.signedIn(rep).get("/opportunities/new?account=" + itoa(acct.ID))
	mustStatus(t, page, 200)
	i := strings.Index(page.Body, `name="currency"`)
	if i < 0 || !strings.HasPrefix(page.Body[i-len(`<select id="f-currency" `):], `<select id="f-currency" `) {
		t.Fatalf("the currency is not a select:\n%s", page.Body)
	}
	if j := strings.Index(page.Body[i:], "<option"); j < 0 || !strings.HasPrefix(page.Body[i+j:], `<option value="CNY" selected>CNY 人民币`) {
		t.Errorf("CNY 人民币 is not offered first and chosen")
	}
	mustContain(t, page, `<option value="USD">USD 美元</option>`)
	quotas := e.signedIn(e.admin).get("/quotas")
	mustContain(t, quotas, `<select id="f-currency" name="currency"`)
}

var rateOnce sync.Map // *hostileWorld → rate id

// rateFor is the exchange rate the hostile cases delete, made once per
// world.
func rateFor(w *hostileWorld) int64 {
	if id, ok := rateOnce.Load(w); ok {
		return id.(int64)
	}
	x, err := w.e.svc.ExchangeRates.Create(w.e.ctx, kam.System, kam.ExchangeRate{From: "USD", To: "CNY", Rate: 7.1, On: kam.MustDate("2026-01-01")})
	must(w.e, err)
	rateOnce.Store(w, x.ID)
	return x.ID
}

func init() {
	walkFixtures["exchange_rate"] = func(e *env, _ kam.User) int64 {
		x, err := e.svc.ExchangeRates.Create(e.ctx, kam.System, kam.ExchangeRate{From: "EUR", To: "CNY", Rate: 7.8, On: kam.MustDate("2026-01-01")})
		if err != nil {
			e.t.Fatal(err)
		}
		return x.ID
	}
	hostileForms = append(hostileForms,
		hostileForm{
			name: "add exchange rate", method: "POST", path: fixed("/admin/rates"), as: asAdmin, view: "/admin/rates",
			fields: []string{"from", "to", "rate", "on"},
			base: func(_ *hostileWorld, i int) url.Values {
				return url.Values{"from": {"USD"}, "to": {"CNY"}, "rate": {"7.1"}, "on": {"2026-01-" + twoDigits(1+i%28)}}
			},
		},
		deleteForm("delete exchange rate", asAdmin, func(w *hostileWorld) *service.Entity[kam.ExchangeRate] { return w.e.svc.ExchangeRates },
			"/admin/rates/{id}/delete", rateFor),
	)
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + itoa(int64(n))
	}
	return itoa(int64(n))
}

// TestAdminSetsAUsersTimeZone: the user form offers the zone and keeps it
// when left as it is.
func TestAdminSetsAUsersTimeZone(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rep := e.zhUser("sun@example.com", "孙丽", kam.RoleRep, 0)
	admin := e.signedIn(e.admin)
	page := admin.get("/admin/users/" + itoa(rep.ID))
	mustContain(t, page, `<option value="Asia/Shanghai" selected>`)
	form := url.Values{"version": {itoa(rep.Version)}, "email": {rep.Email}, "name": {rep.Name}, "role": {"rep"}, "locale": {"zh-CN"}, "team_id": {"0"}, "time_zone": {"Asia/Tokyo"}}
	mustStatus(t, admin.post("/admin/users/"+itoa(rep.ID), form), 303)
	if got := e.getUser(rep.ID).TimeZone; got != "Asia/Tokyo" {
		t.Errorf("zone %q, want Asia/Tokyo", got)
	}
}

// TestConflictShowsTimesInTheUsersZone: a conflict on an interaction shows
// its time as the form does, and not as changed when the user left it.
func TestConflictShowsTimesInTheUsersZone(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rep := e.zhUser("zhou@example.com", "周伟", kam.RoleRep, 0)
	a := service.ActorOf(rep)
	acct, err := e.svc.Accounts.Create(e.ctx, a, kam.Account{Name: "华信集团", OwnerID: rep.ID})
	if err != nil {
		t.Fatal(err)
	}
	opp, err := e.svc.Opportunities.Create(e.ctx, a, kam.Opportunity{AccountID: acct.ID, Name: "ERP", Amount: 100, OwnerID: rep.ID})
	if err != nil {
		t.Fatal(err)
	}
	x, err := e.svc.Interactions.Create(e.ctx, a, kam.Interaction{OpportunityID: opp.ID, Kind: kam.InteractionVisit,
		At: time.Date(2026, 3, 1, 6, 30, 0, 0, time.UTC), UserIDs: []int64{rep.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Interactions.Update(e.ctx, a, x.ID, x.Version, func(v *kam.Interaction) error { v.Notes = "someone else"; return nil }); err != nil {
		t.Fatal(err)
	}
	r := e.signedIn(rep).post("/interactions/"+itoa(x.ID), url.Values{"version": {itoa(x.Version)}, "kind": {"visit"},
		"at": {"2026-03-01T14:30"}, "user_ids": {itoa(rep.ID)}, "notes": {"mine"}})
	mustStatus(t, r, 409)
	i := strings.Index(r.Body, "2026-03-01T14:30</td><td>2026-03-01T14:30")
	if i < 0 {
		t.Fatalf("the conflict does not show the time as the form does:\n%s", r.Body)
	}
	if row := r.Body[strings.LastIndex(r.Body[:i], "<tr"):i]; strings.Contains(row, "changed") {
		t.Errorf("the unchanged time is marked changed: %s", row)
	}
}

// TestFunnelInAnotherCurrency: the funnel's filter asks for the report in
// another currency; the yuan are converted with the inverse rate.
func TestFunnelInAnotherCurrency(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rep := e.zhUser("wu@example.com", "吴军", kam.RoleRep, 0)
	a := service.ActorOf(rep)
	acct, err := e.svc.Accounts.Create(e.ctx, a, kam.Account{Name: "恒通物流", OwnerID: rep.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Opportunities.Create(e.ctx, a, kam.Opportunity{AccountID: acct.ID, Name: "仓储", Amount: 7_100_000, Currency: "CNY",
		Level: kam.LevelIn, CloseDate: kam.MustDate("2026-03-20"), OwnerID: rep.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.ExchangeRates.Create(e.ctx, kam.System, kam.ExchangeRate{From: "USD", To: "CNY", Rate: 7.1, On: kam.MustDate("2026-03-01")}); err != nil {
		t.Fatal(err)
	}
	page := e.signedIn(rep).get("/funnel?owner=" + itoa(rep.ID) + "&period=2026Q1&currency=USD")
	mustStatus(t, page, 200)
	mustContain(t, page, "1,000,000 USD", `<option value="USD" selected>`, "按 2026-03-01 汇率 1 USD = 7.10 CNY")
}
