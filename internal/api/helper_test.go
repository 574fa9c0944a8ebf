package api

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"kam/internal/auth"
	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/storetest"
)

// t0 is the tests' clock reading.
var t0 = time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)

// eachDB runs fn, in parallel, on a fresh migrated SQLite file and on a
// fresh PostgreSQL schema (see storetest), both reading the clock t0.
func eachDB(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		fn(t, atT0(storetest.SQLite(t)))
	})
	t.Run("postgres", func(t *testing.T) {
		storetest.PostgresDSN(t) // skip (or fail in CI) before going parallel
		t.Parallel()
		fn(t, atT0(storetest.Postgres(t)))
	})
}

// sqliteDB returns a fresh migrated SQLite database reading the clock t0.
func sqliteDB(t testing.TB) *store.DB { return atT0(storetest.SQLite(t)) }

// atT0 sets db's clock to t0.
func atT0(db *store.DB) *store.DB {
	db.Clock = func() time.Time { return t0 }
	return db
}

// person is a user of the fixture with an API token.
type person struct {
	kam.User
	token   string
	tokenID int64
}

// fixture is a small sales organisation: two teams (and an empty third),
// each with a manager and two reps, and an admin. Rep r1a owns an account
// with contacts, a department, an opportunity with buyers, a strength, an
// action and an interaction; r2a of the other team owns an account too.
type fixture struct {
	t   testing.TB
	db  *store.DB
	svc *service.Service
	srv *server
	h   http.Handler
	log *strings.Builder

	admin, m1, r1a, r1b, m2, r2a, r2b person
	team1, team2, team3               kam.Team

	acct, acctB, acct2    kam.Account // acct, acctB: r1a's; acct2: r2a's
	relation              kam.AccountRelation
	unit                  kam.OrgUnit
	coach, econ, tech     kam.Contact
	link                  kam.ContactLink
	opp                   kam.Opportunity
	buyerCoach, buyerEcon kam.BuyingInfluence
	strength              kam.SWOTItem
	action                kam.Action
	interaction           kam.Interaction
	callPlan              kam.CallPlan
	need                  kam.Need
	review                kam.Review
	vito                  kam.VITOPlan
	crit                  kam.Criterion
	quota                 kam.Quota
	rate                  kam.ExchangeRate
	token                 kam.APIToken // a spare token of r1a
	revokedSecret         string
	contactOther          int64 // a contact of r2a's account
	// ids names one record of each resource, for walking the route table.
	ids      map[string]int64
	replacer *strings.Replacer
	people   map[string]*person
}

const testPassword = "correct horse battery"

func newFixture(t testing.TB, db *store.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	logs := &strings.Builder{}
	logger := slog.New(slog.NewTextHandler(logs, nil))
	svc := service.New(db, service.Options{Now: func() time.Time { return t0 }, Logger: logger, Passwords: auth.CheapParams()})
	h := New(svc, logger)
	f := &fixture{t: t, db: db, svc: svc, h: h, log: logs, srv: newServer(svc, logger)}
	sys := kam.System
	check := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("fixture: %v", err)
		}
	}
	var err error
	f.team1, err = svc.Teams.Create(ctx, sys, kam.Team{Name: "华东大客户部"})
	check(err)
	f.team2, err = svc.Teams.Create(ctx, sys, kam.Team{Name: "North team"})
	check(err)
	f.team3, err = svc.Teams.Create(ctx, sys, kam.Team{Name: "Empty team"})
	check(err)
	mk := func(p *person, email, name string, role kam.Role, team int64, l kam.Locale) {
		t.Helper()
		u, err := svc.CreateUser(ctx, sys, kam.User{Email: email, Name: name, Role: role, TeamID: team, Locale: l}, testPassword, false)
		check(err)
		secret, tok, err := svc.CreateToken(ctx, sys, u.ID, "test")
		check(err)
		*p = person{User: u, token: secret, tokenID: tok.ID}
	}
	mk(&f.admin, "admin@example.com", "Admin", kam.RoleAdmin, 0, kam.LocaleEN)
	mk(&f.m1, "m1@example.com", "王经理", kam.RoleManager, f.team1.ID, kam.LocaleZH)
	mk(&f.r1a, "r1a@example.com", "李销售", kam.RoleRep, f.team1.ID, kam.LocaleZH)
	mk(&f.r1b, "r1b@example.com", "Rep One B", kam.RoleRep, f.team1.ID, kam.LocaleEN)
	mk(&f.m2, "m2@example.com", "North Manager", kam.RoleManager, f.team2.ID, kam.LocaleEN)
	mk(&f.r2a, "r2a@example.com", "Rep Two A", kam.RoleRep, f.team2.ID, kam.LocaleEN)
	mk(&f.r2b, "r2b@example.com", "Rep Two B", kam.RoleRep, f.team2.ID, kam.LocaleEN)
	for _, tm := range []struct {
		team *kam.Team
		mgr  int64
	}{{&f.team1, f.m1.ID}, {&f.team2, f.m2.ID}} {
		*tm.team, err = svc.Teams.Update(ctx, sys, tm.team.ID, tm.team.Version, func(v *kam.Team) error {
			v.ManagerID = tm.mgr
			return nil
		})
		check(err)
	}
	// A token of r1b, revoked; a spare token of r1a for the route walk.
	secret, tok, err := svc.CreateToken(ctx, sys, f.r1b.ID, "old")
	check(err)
	check(svc.RevokeToken(ctx, sys, tok.ID))
	f.revokedSecret = secret
	_, f.token, err = svc.CreateToken(ctx, sys, f.r1a.ID, "spare")
	check(err)

	rep := service.ActorOf(f.r1a.User)
	f.acct, err = svc.Accounts.Create(ctx, rep, kam.Account{Name: "华夏重工集团", Industry: "制造", OwnerID: f.r1a.ID})
	check(err)
	f.acctB, err = svc.Accounts.Create(ctx, rep, kam.Account{Name: "华夏物流", Industry: "物流", OwnerID: f.r1a.ID})
	check(err)
	f.acct2, err = svc.Accounts.Create(ctx, service.ActorOf(f.r2a.User), kam.Account{Name: "Northwind Bank", Industry: "bank", OwnerID: f.r2a.ID})
	check(err)
	f.relation, err = svc.AccountRelations.Create(ctx, rep, kam.AccountRelation{FromAccountID: f.acct.ID, ToAccountID: f.acctB.ID, Kind: kam.RelationCustomer})
	check(err)
	f.unit, err = svc.OrgUnits.Create(ctx, rep, kam.OrgUnit{AccountID: f.acct.ID, Name: "信息中心"})
	check(err)
	f.econ, err = svc.Contacts.Create(ctx, rep, kam.Contact{AccountID: f.acct.ID, Name: "张总", Title: "首席执行官", Seniority: kam.SeniorityExecutive, OrgUnitID: f.unit.ID})
	check(err)
	f.coach, err = svc.Contacts.Create(ctx, rep, kam.Contact{AccountID: f.acct.ID, Name: "王主任", Title: "信息中心主任", Seniority: kam.SenioritySenior, ReportsToID: f.econ.ID})
	check(err)
	f.tech, err = svc.Contacts.Create(ctx, rep, kam.Contact{AccountID: f.acct.ID, Name: "Li Wei", Title: "IT architect", Seniority: kam.SeniorityMiddle})
	check(err)
	f.link, err = svc.ContactLinks.Create(ctx, rep, kam.ContactLink{FromContactID: f.coach.ID, ToContactID: f.tech.ID, Kind: kam.LinkInfluences})
	check(err)
	f.opp, err = svc.Opportunities.Create(ctx, rep, kam.Opportunity{AccountID: f.acct.ID, Name: "CRM 二期", Product: "大客户战略营销系统",
		Amount: 1200000, Level: kam.LevelIn, CloseDate: kam.MustDate("2026-06-30"), OwnerID: f.r1a.ID})
	check(err)
	plus4, plus2 := 4, 2
	f.buyerCoach, err = svc.BuyingInfluences.Create(ctx, rep, kam.BuyingInfluence{OpportunityID: f.opp.ID, ContactID: f.coach.ID,
		Roles: []kam.BuyingRole{kam.RoleCoach}, Influence: kam.InfluenceMedium, Rating: &plus4, ContactLevel: kam.ContactFrequent, Mode: kam.ModeGrowth})
	check(err)
	f.buyerEcon, err = svc.BuyingInfluences.Create(ctx, rep, kam.BuyingInfluence{OpportunityID: f.opp.ID, ContactID: f.econ.ID,
		Roles: []kam.BuyingRole{kam.RoleEconomic}, Influence: kam.InfluenceHigh, Rating: &plus2, ContactLevel: kam.ContactRare, Mode: kam.ModeEvenKeel, VITO: true})
	check(err)
	f.strength, err = svc.SWOTItems.Create(ctx, rep, kam.SWOTItem{OpportunityID: f.opp.ID, Kind: kam.SWOTStrength, Text: "本地化实施团队"})
	check(err)
	f.action, err = svc.Actions.Create(ctx, rep, kam.Action{OpportunityID: f.opp.ID, Title: "请王主任引荐张总", OwnerID: f.r1a.ID,
		Due: kam.MustDate("2026-03-20"), TargetInfluenceID: f.buyerEcon.ID, ParticipantIDs: []int64{f.coach.ID}, StrengthID: f.strength.ID})
	check(err)
	f.interaction, err = svc.Interactions.Create(ctx, rep, kam.Interaction{OpportunityID: f.opp.ID, Kind: kam.InteractionVisit, At: t0.Add(-48 * time.Hour),
		UserIDs: []int64{f.r1a.ID}, Objective: "了解项目立项时间", Outcome: kam.OutcomeAdvance,
		Feedback: []kam.ContactFeedback{{ContactID: f.coach.ID, Feedback: kam.FeedbackPositive}}})
	check(err)
	f.callPlan, err = svc.CallPlans.Create(ctx, rep, kam.CallPlan{OpportunityID: f.opp.ID, Kind: kam.InteractionMeeting, At: t0.Add(-3 * time.Hour),
		Attendees:      []kam.CallAttendee{{ContactID: f.econ.ID, Questions: []kam.Question{{Kind: kam.QuestionImplication, Text: "如果维持现状，明年会怎样？"}}}},
		BusinessReason: "汇报试点结果", BestCommitment: "签订采购意向", MinimumCommitment: "约见财务总监"})
	check(err)
	f.need, err = svc.Needs.Create(ctx, rep, kam.Need{OpportunityID: f.opp.ID, ContactID: f.econ.ID, Kind: kam.NeedImplied, Words: "交付太慢", HeardAt: t0.Add(-48 * time.Hour)})
	check(err)
	f.review, err = svc.Reviews.Create(ctx, service.ActorOf(f.m1.User), kam.Review{OpportunityID: f.opp.ID, Notes: "先见财务", AgreedActions: []string{"约见财务总监"}})
	check(err)
	f.vito, err = svc.VITOPlans.Create(ctx, rep, kam.VITOPlan{OpportunityID: f.opp.ID, ContactID: f.econ.ID, ExecutiveName: "陈总裁", ExecutiveTitle: "总裁", ReferralPath: []int64{f.econ.ID, f.coach.ID}})
	check(err)
	f.crit, err = svc.Criteria.Create(ctx, sys, kam.Criterion{Name: "愿意合作共赢", Kind: kam.CriterionPsychographic, Weight: 5})
	check(err)
	f.quota, err = svc.Quotas.Create(ctx, sys, kam.Quota{UserID: f.r1a.ID, Period: "2026", Amount: 5000000, Currency: "CNY"})
	check(err)
	f.rate, err = svc.ExchangeRates.Create(ctx, sys, kam.ExchangeRate{From: "USD", To: "CNY", Rate: 7.1, On: kam.MustDate("2026-01-02")})
	check(err)
	c2, err := svc.Contacts.Create(ctx, service.ActorOf(f.r2a.User), kam.Contact{AccountID: f.acct2.ID, Name: "Other Person"})
	check(err)
	f.contactOther = c2.ID

	f.ids = map[string]int64{
		"users": f.r1a.ID, "teams": f.team1.ID, "accounts": f.acct.ID, "account_relations": f.relation.ID,
		"org_units": f.unit.ID, "contacts": f.tech.ID, "contact_links": f.link.ID, "opportunities": f.opp.ID,
		"buying_influences": f.buyerCoach.ID, "swot_items": f.strength.ID, "actions": f.action.ID,
		"interactions": f.interaction.ID, "criteria": f.crit.ID, "quotas": f.quota.ID, "tokens": f.token.ID,
		"exchange_rates": f.rate.ID,
		"call_plans":     f.callPlan.ID, "needs": f.need.ID, "reviews": f.review.ID, "vito_plans": f.vito.ID,
	}
	f.people = map[string]*person{"admin": &f.admin, "m1": &f.m1, "r1a": &f.r1a, "r1b": &f.r1b, "m2": &f.m2, "r2a": &f.r2a, "r2b": &f.r2b}
	f.replacer = strings.NewReplacer(
		"{acct}", itoa(f.acct.ID), "{acctB}", itoa(f.acctB.ID), "{acct2}", itoa(f.acct2.ID),
		"{opp}", itoa(f.opp.ID), "{coach}", itoa(f.coach.ID), "{econ}", itoa(f.econ.ID), "{tech}", itoa(f.tech.ID),
		"{unit}", itoa(f.unit.ID), "{crit}", itoa(f.crit.ID), "{quota}", itoa(f.quota.ID),
		"{team1}", itoa(f.team1.ID), "{team2}", itoa(f.team2.ID), "{team3}", itoa(f.team3.ID),
		"{r1a}", itoa(f.r1a.ID), "{r1b}", itoa(f.r1b.ID), "{r2a}", itoa(f.r2a.ID), "{admin}", itoa(f.admin.ID),
		"{buyerCoach}", itoa(f.buyerCoach.ID), "{action}", itoa(f.action.ID), "{interaction}", itoa(f.interaction.ID),
		"{contactOther}", itoa(f.contactOther), "{adminToken}", itoa(f.admin.tokenID),
	)
	return f
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// request is one API call of a test.
type request struct {
	method, path, as, body string
	header                 map[string]string
}

// do sends a request as the named person ("" for no token, or a literal
// token prefixed with "token:").
func (f *fixture) do(rq request) *httptest.ResponseRecorder {
	f.t.Helper()
	path := f.replacer.Replace(rq.path)
	var body io.Reader
	if rq.body != "" {
		body = strings.NewReader(f.replacer.Replace(rq.body))
	}
	r := httptest.NewRequest(rq.method, path, body)
	if rq.body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	switch {
	case strings.HasPrefix(rq.as, "token:"):
		r.Header.Set("Authorization", "Bearer "+strings.TrimPrefix(rq.as, "token:"))
	case rq.as != "":
		p, ok := f.people[rq.as]
		if !ok {
			f.t.Fatalf("no person %q", rq.as)
		}
		r.Header.Set("Authorization", "Bearer "+p.token)
	}
	for k, v := range rq.header {
		r.Header.Set(k, f.replacer.Replace(v))
	}
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	return w
}

// versionOf reads a record's current version through the API, as admin.
func (f *fixture) versionOf(entity string, id int64) int64 {
	f.t.Helper()
	w := f.do(request{method: "GET", path: Prefix + "/" + entity + "/" + itoa(id), as: "admin"})
	if w.Code != http.StatusOK {
		f.t.Fatalf("version of %s %d: %d %s", entity, id, w.Code, w.Body)
	}
	// The ETag is the version on every record's GET, including the
	// opportunity's, whose body is its whole strategy sheet.
	v, err := strconv.ParseInt(strings.Trim(w.Header().Get("ETag"), `"`), 10, 64)
	if err != nil {
		f.t.Fatalf("version of %s %d: ETag %q: %v", entity, id, w.Header().Get("ETag"), err)
	}
	return v
}

// decode parses a JSON response.
func decode[T any](t testing.TB, w *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("decode %T: %v in %s", v, err, w.Body)
	}
	return v
}
