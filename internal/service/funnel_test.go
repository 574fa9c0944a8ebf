package service_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"kam/internal/auth"
	"kam/internal/kam"
	"kam/internal/method"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/storetest"
)

// funnelWorld is a team (manager m, reps r1, r2) and a rep of another team
// (o1), on a service whose clock the test moves.
type funnelWorld struct {
	svc          *service.Service
	now          *time.Time
	admin        kam.Actor
	m, r1, r2    kam.Actor
	o1, om       kam.Actor
	team, other  kam.Team
	acct1, acct2 kam.Account
}

func newFunnelWorld(t *testing.T, db *store.DB) *funnelWorld {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	w := &funnelWorld{now: &now}
	w.svc = service.New(db, service.Options{Now: func() time.Time { return *w.now }, Passwords: auth.CheapParams()})
	user := func(email string, role kam.Role, team int64) kam.Actor {
		t.Helper()
		u, err := w.svc.CreateUser(ctx, kam.System, kam.User{Email: email, Name: email, Role: role, TeamID: team}, "correct horse battery", false)
		if err != nil {
			t.Fatalf("user %s: %v", email, err)
		}
		return service.ActorOf(u)
	}
	w.admin = user("admin@example.com", kam.RoleAdmin, 0)
	var err error
	if w.team, err = w.svc.Teams.Create(ctx, w.admin, kam.Team{Name: "华东大客户部"}); err != nil {
		t.Fatal(err)
	}
	if w.other, err = w.svc.Teams.Create(ctx, w.admin, kam.Team{Name: "华北大客户部"}); err != nil {
		t.Fatal(err)
	}
	w.m = user("m@example.com", kam.RoleManager, w.team.ID)
	w.r1 = user("r1@example.com", kam.RoleRep, w.team.ID)
	w.r2 = user("r2@example.com", kam.RoleRep, w.team.ID)
	w.om = user("om@example.com", kam.RoleManager, w.other.ID)
	w.o1 = user("o1@example.com", kam.RoleRep, w.other.ID)
	if w.acct1, err = w.svc.Accounts.Create(ctx, w.r1, kam.Account{Name: "华远集团", OwnerID: w.r1.UserID}); err != nil {
		t.Fatal(err)
	}
	if w.acct2, err = w.svc.Accounts.Create(ctx, w.r2, kam.Account{Name: "东方物流", OwnerID: w.r2.UserID}); err != nil {
		t.Fatal(err)
	}
	return w
}

// at sets the clock to noon of day.
func (w *funnelWorld) at(day string) {
	t := kam.MustDate(day).Time().Add(12 * time.Hour)
	*w.now = t
}

// deal creates an open deal of owner at level, closing on closeDate ("" for
// none).
func (w *funnelWorld) deal(t *testing.T, owner kam.Actor, acct kam.Account, level kam.FunnelLevel, amount int64, closeDate string) kam.Opportunity {
	t.Helper()
	o := kam.Opportunity{AccountID: acct.ID, Name: "Deal", Product: "系统", Amount: amount, Currency: "CNY", Level: level, OwnerID: owner.UserID}
	if closeDate != "" {
		o.CloseDate = kam.MustDate(closeDate)
	}
	o, err := w.svc.Opportunities.Create(context.Background(), owner, o)
	if err != nil {
		t.Fatalf("deal: %v", err)
	}
	return o
}

// closed creates a deal that reached level and was decided (won or lost)
// on day.
func (w *funnelWorld) closed(t *testing.T, owner kam.Actor, acct kam.Account, reached kam.FunnelLevel, outcome kam.FunnelLevel, amount int64, day string) {
	t.Helper()
	o := w.deal(t, owner, acct, reached, amount, day)
	saved := *w.now
	w.at(day)
	defer func() { *w.now = saved }()
	_, err := w.svc.Opportunities.Update(context.Background(), owner, o.ID, o.Version, func(v *kam.Opportunity) error {
		v.Level = outcome
		return nil
	})
	if err != nil {
		t.Fatalf("close deal: %v", err)
	}
}

func (w *funnelWorld) quota(t *testing.T, q kam.Quota) {
	t.Helper()
	q.Currency = "CNY"
	if _, err := w.svc.Quotas.Create(context.Background(), w.admin, q); err != nil {
		t.Fatalf("quota %+v: %v", q, err)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

// TestFunnelFiguresAgainstTheDatabase builds deals with known amounts,
// levels, close dates and quotas, and checks the report against figures
// worked out by hand.
func TestFunnelFiguresAgainstTheDatabase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newFunnelWorld(t, db)
		won, lost := kam.LevelWon, kam.LevelLost
		// Today is 2026-11-20: the win rates read the four full quarters
		// before 2026Q4, deals closed in [2025-10-01, 2026-10-01), by the
		// level each deal reached (a level's rate counts the deals that
		// reached it or went further):
		// Best few 4 won / 1 lost → 4/5 = 80%;
		// In the funnel 2 won / 3 lost, plus Best few's → 6/10 = 60%;
		// Above 2 lost, plus In's and Best few's → 6/12 = 50%.
		// Won in 2026Q4, so in the period's won amount but not (the quarter
		// is not over) in its history:
		w.closed(t, w.r1, w.acct1, kam.LevelBestFew, won, 100_000, "2026-11-10")
		w.closed(t, w.r1, w.acct1, kam.LevelBestFew, won, 100_000, "2026-10-05")
		w.closed(t, w.r1, w.acct1, kam.LevelBestFew, won, 100_000, "2026-09-30") // the window's last day
		w.closed(t, w.r1, w.acct1, kam.LevelBestFew, won, 100_000, "2026-05-15")
		w.closed(t, w.r1, w.acct1, kam.LevelBestFew, won, 100_000, "2026-02-15")
		w.closed(t, w.r1, w.acct1, kam.LevelBestFew, won, 100_000, "2025-10-01") // the window's first day
		w.closed(t, w.r1, w.acct1, kam.LevelBestFew, lost, 100_000, "2026-03-01")
		w.closed(t, w.r1, w.acct1, kam.LevelIn, won, 50_000, "2026-06-01")
		w.closed(t, w.r1, w.acct1, kam.LevelIn, won, 50_000, "2026-07-01")
		w.closed(t, w.r1, w.acct1, kam.LevelIn, lost, 50_000, "2026-07-02")
		w.closed(t, w.r1, w.acct1, kam.LevelIn, lost, 50_000, "2026-08-02")
		w.closed(t, w.r1, w.acct1, kam.LevelIn, lost, 50_000, "2026-09-02")
		w.closed(t, w.r1, w.acct1, kam.LevelAbove, lost, 10_000, "2026-09-03")
		w.closed(t, w.r1, w.acct1, kam.LevelAbove, lost, 10_000, "2026-09-04")
		// Before the four quarters: left out of the win rates.
		w.closed(t, w.r1, w.acct1, kam.LevelAbove, won, 10_000, "2025-09-30")
		w.closed(t, w.r1, w.acct1, kam.LevelAbove, won, 10_000, "2025-06-01")
		// Open deals closing in 2026Q4 (or overdue), and some that are not
		// in the window.
		w.deal(t, w.r1, w.acct1, kam.LevelAbove, 100_000, "2026-12-15")
		w.deal(t, w.r1, w.acct1, kam.LevelAbove, 300_000, "2026-10-30")
		w.deal(t, w.r1, w.acct1, kam.LevelIn, 500_000, "2026-12-01")
		w.deal(t, w.r1, w.acct1, kam.LevelBestFew, 200_000, "2026-12-10")
		w.deal(t, w.r1, w.acct1, kam.LevelIn, 999_000, "2027-03-01") // after the period
		w.deal(t, w.r1, w.acct1, kam.LevelAbove, 77_000, "")         // no close date
		w.deal(t, w.r2, w.acct2, kam.LevelIn, 123_000, "2026-12-01") // another seller
		// A year quota of 4,000,000: a quarter of it for 2026Q4.
		w.quota(t, kam.Quota{UserID: w.r1.UserID, Period: "2026", Amount: 4_000_000})

		v, err := w.svc.Funnel(ctx, w.r1, service.FunnelQuery{OwnerID: w.r1.UserID, Period: "2026Q4"})
		if err != nil {
			t.Fatal(err)
		}
		r := v.Report
		// Weighted: above 400,000×50% + in 500,000×60% + best few
		// 200,000×80% = 200,000 + 300,000 + 160,000 = 660,000.
		wantLevels := []struct {
			level       kam.FunnelLevel
			count       int64
			amount      int64
			rate        float64
			source      string
			closed      int64
			dealsNeeded int64
		}{
			// Deals needed: ceil(gap 140,000 ÷ (average 275,000 × rate)):
			// above ceil(140,000 ÷ 137,500) = 2; in ceil(140,000 ÷ 165,000) = 1;
			// best few ceil(140,000 ÷ 220,000) = 1.
			{kam.LevelAbove, 2, 400_000, 0.50, method.SourceHistory, 12, 2},
			{kam.LevelIn, 1, 500_000, 0.60, method.SourceHistory, 10, 1},
			{kam.LevelBestFew, 1, 200_000, 0.80, method.SourceHistory, 5, 1},
		}
		if len(r.Levels) != len(wantLevels) {
			t.Fatalf("levels = %+v", r.Levels)
		}
		for i, want := range wantLevels {
			got := r.Levels[i]
			if got.Level != want.level || got.Count != want.count || got.Amount != want.amount || !near(got.WinRate, want.rate) ||
				got.WinRateSource != want.source || got.ClosedDeals != want.closed || got.DealsNeeded != want.dealsNeeded {
				t.Errorf("level %s = %+v, want %+v", want.level, got, want)
			}
		}
		checks := []struct {
			name      string
			got, want float64
		}{
			{"open count", float64(r.OpenCount), 4},
			{"open amount", float64(r.OpenAmount), 1_100_000},
			{"weighted", r.Weighted, 660_000},
			{"won in the period", float64(r.Won), 200_000},
			{"quota: a quarter of the year's", float64(r.Quota), 1_000_000},
			{"remaining", float64(r.Remaining), 800_000},
			{"coverage 1,100,000 ÷ 800,000", r.Coverage, 1.375},
			{"open win rate 660,000 ÷ 1,100,000", r.OpenWinRate, 0.6},
			{"coverage needed 1 ÷ 0.6", r.CoverageNeeded, 1 / 0.6},
			{"expected 200,000 + 660,000", r.Expected, 860_000},
			{"gap 800,000 − 660,000", r.Gap, 140_000},
			{"average deal", r.AvgDealSize, 275_000},
		}
		for _, c := range checks {
			if !near(c.got, c.want) {
				t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
			}
		}
		if !r.QuotaSet || r.QuotaMet || r.Request == nil || r.AvgDealSource != method.SourceOpen {
			t.Errorf("quota set %v, met %v, request %v, average from %q; want set, not met, a request, from open deals", r.QuotaSet, r.QuotaMet, r.Request, r.AvgDealSource)
		}
		if r.HistoryFrom.String() != "2025-10-01" || r.HistoryTo.String() != "2026-10-01" {
			t.Errorf("history window [%s, %s), want [2025-10-01, 2026-10-01)", r.HistoryFrom, r.HistoryTo)
		}
		if v.Query.Period != "2026Q4" || len(v.OwnerIDs) != 1 || v.OwnerIDs[0] != w.r1.UserID {
			t.Errorf("view query %+v owners %v", v.Query, v.OwnerIDs)
		}
		// The Best few deal has no coach: one premature Best few.
		if !hasWarning(r.Warnings, "Premature Best few: 1 of 1") {
			t.Errorf("warnings %v lack the premature Best few", r.Warnings)
		}

		// Other periods read other history windows.
		windows := []struct {
			period, from string
			closed       [3]int64
			rate         [3]float64 // -1: the level's default
		}{
			// 2026Q2 is over: the four quarters before it, [2025-04-01,
			// 2026-04-01): Best few 2 won (2026-02-15, 2025-10-01) / 1 lost
			// (2026-03-01), too few; In the same 3; Above adds the wins of
			// 2025-09-30 and 2025-06-01: 4 won of 5 = 80%.
			{"2026Q2", "2025-04-01", [3]int64{5, 3, 3}, [3]float64{0.8, -1, -1}},
			// 2027Q1 lies ahead: the current quarter's window, as above.
			{"2027Q1", "2025-10-01", [3]int64{12, 10, 5}, [3]float64{0.5, 0.6, 0.8}},
		}
		defaults := method.DefaultWinRates()
		for _, c := range windows {
			pv, err := w.svc.Funnel(ctx, w.r1, service.FunnelQuery{OwnerID: w.r1.UserID, Period: c.period})
			if err != nil {
				t.Fatal(err)
			}
			if pv.Report.HistoryFrom.String() != c.from {
				t.Errorf("%s: history from %s, want %s", c.period, pv.Report.HistoryFrom, c.from)
			}
			for i, l := range pv.Report.Levels {
				want, src := c.rate[i], method.SourceHistory
				if want < 0 {
					want, src = defaults[l.Level], method.SourceDefault
				}
				if l.ClosedDeals != c.closed[i] || !near(l.WinRate, want) || l.WinRateSource != src {
					t.Errorf("%s %s: %d closed, rate %v (%s); want %d, %v (%s)", c.period, l.Level, l.ClosedDeals, l.WinRate, l.WinRateSource, c.closed[i], want, src)
				}
			}
		}

		// The team: both sellers' open deals in the window.
		tv, err := w.svc.Funnel(ctx, w.m, service.FunnelQuery{TeamID: w.team.ID, Period: "2026Q4"})
		if err != nil {
			t.Fatal(err)
		}
		if tv.Report.OpenCount != 5 || tv.Report.OpenAmount != 1_223_000 {
			t.Errorf("team: %d deals worth %d, want 5 worth 1,223,000", tv.Report.OpenCount, tv.Report.OpenAmount)
		}
	})
}

func hasWarning(ws []kam.Text, prefix string) bool {
	for _, w := range ws {
		if len(w.EN) >= len(prefix) && w.EN[:len(prefix)] == prefix {
			return true
		}
	}
	return false
}

func TestFunnelWithoutHistoryOrQuota(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newFunnelWorld(t, db)
		cases := []struct {
			name  string
			setup func()
			check func(t *testing.T, r method.FunnelReport)
		}{
			{"an empty funnel with no quota computes nothing and says so", func() {}, func(t *testing.T, r method.FunnelReport) {
				if r.OpenCount != 0 || r.QuotaSet || r.Coverage != 0 || r.Gap != 0 || r.Request != nil || r.AvgDealSource != method.SourceNone {
					t.Errorf("report = %+v", r)
				}
				for _, l := range r.Levels {
					if l.WinRateSource != method.SourceDefault || l.DealsNeeded != 0 {
						t.Errorf("level %+v: want the default rate and nothing needed", l)
					}
				}
				if !hasWarning(r.Warnings, "The funnel is empty") || len(r.Notes) < 2 {
					t.Errorf("warnings %v notes %v", r.Warnings, r.Notes)
				}
			}},
			{"a zero quota is no quota: no coverage, no gap, no request", func() {
				w.deal(t, w.o1, w.otherAccount(t), kam.LevelIn, 300_000, "2026-12-01")
				w.quota(t, kam.Quota{UserID: w.o1.UserID, Period: "2026Q4", Amount: 0})
			}, func(t *testing.T, r method.FunnelReport) {
				if r.QuotaSet || r.Quota != 0 || r.Coverage != 0 || r.Gap != 0 || r.Request != nil {
					t.Errorf("report = %+v", r)
				}
				if !near(r.Weighted, 90_000) || r.OpenAmount != 300_000 {
					t.Errorf("weighted %v of %d, want 90,000 of 300,000 at the default 30%%", r.Weighted, r.OpenAmount)
				}
			}},
			{"no history and a quota: default rates and a resource request", func() {
				w.quota(t, kam.Quota{UserID: w.o1.UserID, Period: "2026-11", Amount: 500_000})
			}, func(t *testing.T, r method.FunnelReport) {
				// 2026-11 is inside 2026Q4: it counts; the zero Q4 quota
				// is an exact match of 0, so the month's is used.
				if r.Quota != 500_000 || r.Remaining != 500_000 || !near(r.Gap, 410_000) || r.Request == nil {
					t.Errorf("report quota %d remaining %d gap %v request %v", r.Quota, r.Remaining, r.Gap, r.Request)
				}
				// ceil(410,000 ÷ (300,000 × 30%)) = 5 In the funnel.
				if r.Levels[1].DealsNeeded != 5 {
					t.Errorf("deals needed In the funnel = %d, want 5", r.Levels[1].DealsNeeded)
				}
			}},
		}
		for _, c := range cases {
			c.setup()
			v, err := w.svc.Funnel(ctx, w.o1, service.FunnelQuery{Period: "2026Q4"})
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			t.Run(c.name, func(t *testing.T) { c.check(t, v.Report) })
		}
	})
}

func (w *funnelWorld) otherAccount(t *testing.T) kam.Account {
	t.Helper()
	a, err := w.svc.Accounts.Create(context.Background(), w.o1, kam.Account{Name: "北方银行", OwnerID: w.o1.UserID})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestFunnelQuotaResolution checks which quota a report uses: a team's own
// quota over its members', an exact period over the periods inside it, and
// a share of a year's quota for a quarter or a month.
func TestFunnelQuotaResolution(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newFunnelWorld(t, db)
		for _, q := range []kam.Quota{
			{UserID: w.r1.UserID, Period: "2026", Amount: 4_000_000},
			{UserID: w.r2.UserID, Period: "2026Q4", Amount: 1_500_000},
			{UserID: w.r2.UserID, Period: "2026", Amount: 6_000_000},
			{UserID: w.om.UserID, Period: "2026-10", Amount: 300_000},
			{UserID: w.om.UserID, Period: "2026-11", Amount: 300_000},
			{UserID: w.om.UserID, Period: "2026-12", Amount: 400_000},
			{UserID: w.o1.UserID, Period: "2026Q4", Amount: 700_000},
			{TeamID: w.team.ID, Period: "2026Q4", Amount: 5_000_000},
		} {
			w.quota(t, q)
		}
		cases := []struct {
			name   string
			as     kam.Actor
			q      service.FunnelQuery
			want   int64
			wantOK bool
		}{
			{"a year quota gives a quarter its share", w.admin, service.FunnelQuery{OwnerID: w.r1.UserID, Period: "2026Q4"}, 1_000_000, true},
			{"a year quota counts in full for the year", w.admin, service.FunnelQuery{OwnerID: w.r1.UserID, Period: "2026"}, 4_000_000, true},
			{"a month gets a twelfth of the year", w.admin, service.FunnelQuery{OwnerID: w.r1.UserID, Period: "2026-11"}, 333_333, true},
			{"an exact quarter quota wins over the year's share", w.admin, service.FunnelQuery{OwnerID: w.r2.UserID, Period: "2026Q4"}, 1_500_000, true},
			{"an exact year quota wins over the quarters inside it", w.admin, service.FunnelQuery{OwnerID: w.r2.UserID, Period: "2026"}, 6_000_000, true},
			{"month quotas add up to the quarter", w.admin, service.FunnelQuery{OwnerID: w.om.UserID, Period: "2026Q4"}, 1_000_000, true},
			{"a team's own quota wins over its members'", w.m, service.FunnelQuery{TeamID: w.team.ID, Period: "2026Q4"}, 5_000_000, true},
			{"a team without its own quota sums its members'", w.om, service.FunnelQuery{TeamID: w.other.ID, Period: "2026Q4"}, 1_700_000, true},
			{"a manager's default view is the team's members", w.om, service.FunnelQuery{Period: "2026Q4"}, 1_700_000, true},
			{"a period without any quota has none", w.admin, service.FunnelQuery{OwnerID: w.o1.UserID, Period: "2027Q1"}, 0, false},
			{"a seller's quota is theirs even inside a team with its own", w.r1, service.FunnelQuery{Period: "2026Q4"}, 1_000_000, true},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				v, err := w.svc.Funnel(ctx, c.as, c.q)
				if err != nil {
					t.Fatal(err)
				}
				if v.Report.Quota != c.want || v.Report.QuotaSet != c.wantOK {
					t.Errorf("quota = %d (set %v), want %d (set %v)", v.Report.Quota, v.Report.QuotaSet, c.want, c.wantOK)
				}
			})
		}
	})
}

func TestFunnelRefusals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newFunnelWorld(t, db)
		cases := []struct {
			name  string
			as    kam.Actor
			q     service.FunnelQuery
			field string // the validation error's field, or "" for not found
		}{
			{"a malformed period names the field", w.r1, service.FunnelQuery{Period: "Q4 2026"}, "period"},
			{"another team's seller is not found", w.o1, service.FunnelQuery{OwnerID: w.r1.UserID}, ""},
			{"another team is not found", w.om, service.FunnelQuery{TeamID: w.team.ID}, ""},
			{"a rep may not read the team", w.r1, service.FunnelQuery{TeamID: w.team.ID}, ""},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := w.svc.Funnel(ctx, c.as, c.q)
				if c.field != "" {
					fieldErr(t, err, c.field)
					return
				}
				if !errorsIsNotFound(err) {
					t.Errorf("err = %v, want not found", err)
				}
			})
		}
	})
}

func errorsIsNotFound(err error) bool { return errors.Is(err, kam.ErrNotFound) }

// insertDeals writes n open deals of owner at level straight to the store
// in one transaction (the service's checks add nothing here but time);
// closeDate(i) dates the i-th ("" for none).
func insertDeals(t *testing.T, db *store.DB, owner kam.Actor, acct kam.Account, level kam.FunnelLevel, n int, closeDate func(i int) string) []int64 {
	t.Helper()
	var ids []int64
	err := db.Write(context.Background(), func(tx *store.Tx) error {
		for i := range n {
			o := kam.Opportunity{AccountID: acct.ID, Name: fmt.Sprintf("Bulk %s %d", level, i), Product: "系统", Amount: 1000, Currency: "CNY",
				Level: level, ReachedLevel: level, OwnerID: owner.UserID}
			if d := closeDate(i); d != "" {
				o.CloseDate = kam.MustDate(d)
			}
			if err := store.Opportunities.Insert(context.Background(), tx, &o); err != nil {
				return err
			}
			ids = append(ids, o.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("insert deals: %v", err)
	}
	return ids
}

func TestWorkOrderSaysWhenCut(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newFunnelWorld(t, db)
		day := func(i int) string { return kam.MustDate("2026-12-01").AddDays(i).String() }
		// 2 Best few and 498 above the funnel: exactly the 500 a work order holds.
		bestFew := insertDeals(t, db, w.r1, w.acct1, kam.LevelBestFew, 2, day)
		above := insertDeals(t, db, w.r1, w.acct1, kam.LevelAbove, 498, func(i int) string { return day(497 - i) })
		v, err := w.svc.WorkOrderOf(ctx, w.r1, 0)
		if err != nil {
			t.Fatal(err)
		}
		if v.Truncated || len(v.Items) != 500 || v.Limit != 500 {
			t.Fatalf("500 deals: truncated %v, %d items, limit %d; want the whole 500", v.Truncated, len(v.Items), v.Limit)
		}
		// Two more above the funnel, one closing later than all (498 days
		// on) and one undated, and one In the funnel: 503 deals, 3 cut.
		// The cut keeps the Best few, then the 498 nearest above, and drops
		// the furthest-dated, the undated and (last level) In the funnel.
		late := insertDeals(t, db, w.r1, w.acct1, kam.LevelAbove, 1, func(int) string { return day(498) })[0]
		undated := insertDeals(t, db, w.r1, w.acct1, kam.LevelAbove, 1, func(int) string { return "" })[0]
		inFunnel := insertDeals(t, db, w.r1, w.acct1, kam.LevelIn, 1, func(int) string { return day(0) })[0]
		v, err = w.svc.WorkOrderOf(ctx, w.r1, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !v.Truncated || len(v.Items) != 500 {
			t.Fatalf("503 deals: truncated %v, %d items; want truncated to 500", v.Truncated, len(v.Items))
		}
		kept := map[int64]bool{}
		for _, it := range v.Items {
			kept[it.Opportunity.ID] = true
		}
		for _, id := range append(append([]int64{}, bestFew...), above...) {
			if !kept[id] {
				t.Errorf("deal %d, among the 500 most urgent, was cut", id)
				break
			}
		}
		for name, id := range map[string]int64{"the furthest-dated": late, "the undated": undated, "the In the funnel": inFunnel} {
			if kept[id] {
				t.Errorf("%s deal %d was kept over a nearer one", name, id)
			}
		}
		if lv := v.Items[0].Opportunity.Level; lv != kam.LevelBestFew {
			t.Errorf("the work order starts with %s, want Best few", lv)
		}
		// The plain list the web reads is the same order.
		items, err := w.svc.WorkOrder(ctx, w.r1, 0)
		if err != nil || len(items) != 500 || items[0].Opportunity.ID != v.Items[0].Opportunity.ID {
			t.Errorf("WorkOrder: %d items, %v", len(items), err)
		}
	})
}

func TestPrematureBestFewCountSaysWhenCut(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newFunnelWorld(t, db)
		// 1,001 Best few deals closing in 2026Q4, none with a coach: every
		// one is premature, but a report checks only 1,000.
		insertDeals(t, db, w.r1, w.acct1, kam.LevelBestFew, 1001, func(i int) string { return kam.MustDate("2026-11-25").AddDays(i % 30).String() })
		v, err := w.svc.Funnel(ctx, w.r1, service.FunnelQuery{OwnerID: w.r1.UserID, Period: "2026Q4"})
		if err != nil {
			t.Fatal(err)
		}
		r := v.Report
		if r.Levels[2].Count != 1001 || !r.PrematureBestFewTruncated || r.PrematureBestFewChecked != 1000 {
			t.Errorf("Best few %d, truncated %v after %d; want 1001, truncated after 1000", r.Levels[2].Count, r.PrematureBestFewTruncated, r.PrematureBestFewChecked)
		}
		if !hasWarning(r.Warnings, "Premature Best few: 1000 of 1001") {
			t.Errorf("warnings %v", r.Warnings)
		}
		found := false
		for _, n := range r.Notes {
			found = found || (n.ZH != "" && hasWarning([]kam.Text{n}, "Only the 1000 Best few deals closing soonest were checked"))
		}
		if !found {
			t.Errorf("notes %v do not say the count was cut", r.Notes)
		}
		// Another seller's 3 Best few: checked in full, nothing to say.
		insertDeals(t, db, w.r2, w.acct2, kam.LevelBestFew, 3, func(int) string { return "2026-12-01" })
		v, err = w.svc.Funnel(ctx, w.r2, service.FunnelQuery{OwnerID: w.r2.UserID, Period: "2026Q4"})
		if err != nil {
			t.Fatal(err)
		}
		if r := v.Report; r.PrematureBestFewTruncated || r.PrematureBestFewChecked != 0 || !hasWarning(r.Warnings, "Premature Best few: 3 of 3") {
			t.Errorf("3 Best few: truncated %v (%d checked), warnings %v", r.PrematureBestFewTruncated, r.PrematureBestFewChecked, r.Warnings)
		}
	})
}
