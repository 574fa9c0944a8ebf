package api

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"kam/internal/auth"
	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/storetest"
	"kam/internal/testkit"
)

// Size of the large fixture: one team (a manager and 10 reps), 10,000
// accounts, 1,000,000 contacts, 100,000 open opportunities closing in 2026,
// and one opportunity with a full strategy picture of 20 buying influences.
const (
	bigReps          = 10
	bigAccounts      = 10_000
	bigContacts      = 1_000_000
	bigOpportunities = 100_000
	bigBuyers        = 20
)

// bigFixture is what the benchmarks need to know of the large database.
type bigFixture struct {
	Manager     int64 `json:"manager"`
	Team        int64 `json:"team"`
	Owner       int64 `json:"owner"`
	Opportunity int64 `json:"opportunity"`
}

const bigFixtureKey = "bench.api.fixture"

// bigStrategyDB returns the large fixture on SQLite (cached under
// os.TempDir(), keyed by the migrations' names and the sizes, so later runs
// start at once) or on a fresh PostgreSQL schema.
func bigStrategyDB(b *testing.B, postgres bool) (*store.DB, *service.Service, bigFixture) {
	b.Helper()
	if testing.Short() {
		b.Skip("large fixture skipped in -short mode")
	}
	ctx := context.Background()
	if postgres {
		dsn := storetest.PostgresSchema(b)
		start := time.Now()
		f := buildBigStrategy(b, dsn, true)
		b.Logf("postgres fixture built in %v", time.Since(start).Round(time.Millisecond))
		db, svc := openBig(b, dsn)
		return db, svc, f
	}
	path := filepath.Join(os.TempDir(), "kam-api-bench-"+fixtureKey()+".db")
	if _, err := os.Stat(path); err != nil {
		start := time.Now()
		tmp := path + ".building"
		for _, p := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
			os.Remove(p)
		}
		buildBigStrategy(b, tmp, false)
		for _, p := range []string{tmp + "-wal", tmp + "-shm"} {
			os.Remove(p)
		}
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
		b.Logf("sqlite fixture built in %v, cached at %s", time.Since(start).Round(time.Millisecond), path)
	}
	db, svc := openBig(b, path)
	var f bigFixture
	err := db.Read(ctx, func(tx *store.Tx) error {
		v, ok, err := store.GetSetting(ctx, tx, bigFixtureKey)
		if err != nil || !ok {
			return fmt.Errorf("cached fixture %s lacks its description (%v); delete it", path, err)
		}
		return json.Unmarshal([]byte(v), &f)
	})
	if err != nil {
		b.Fatal(err)
	}
	return db, svc, f
}

// fixtureKey names the cached fixture after the migrations and the sizes.
func fixtureKey() string {
	h := sha256.New()
	for _, dir := range []string{"../store/migrations/sqlite", "../store/migrations/postgres"} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			body, _ := os.ReadFile(filepath.Join(dir, e.Name()))
			h.Write([]byte(e.Name()))
			h.Write(body)
		}
	}
	fmt.Fprintf(h, "%d/%d/%d/%d/%d", bigReps, bigAccounts, bigContacts, bigOpportunities, bigBuyers)
	return hex.EncodeToString(h.Sum(nil))[:12]
}

func openBig(b *testing.B, dsn string) (*store.DB, *service.Service) {
	b.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	svc := service.New(db, service.Options{Now: func() time.Time { return t0 }, Passwords: auth.CheapParams()})
	return db, svc
}

// buildBigStrategy fills an empty database: people through the service,
// the bulk with INSERT … SELECT over a generated series, and the one deal
// with a full picture through the service again.
func buildBigStrategy(b *testing.B, dsn string, postgres bool) bigFixture {
	b.Helper()
	ctx := context.Background()
	check := func(err error) {
		b.Helper()
		if err != nil {
			b.Fatal(err)
		}
	}
	db, svc := openBig(b, dsn)
	sys := kam.System
	team, err := svc.Teams.Create(ctx, sys, kam.Team{Name: "大客户一部"})
	check(err)
	mgr, err := svc.CreateUser(ctx, sys, kam.User{Email: "manager@big.example", Name: "经理", Role: kam.RoleManager, TeamID: team.ID}, testPassword, false)
	check(err)
	_, err = svc.Teams.Update(ctx, sys, team.ID, team.Version, func(t *kam.Team) error { t.ManagerID = mgr.ID; return nil })
	check(err)
	var firstRep int64
	for i := range bigReps {
		u, err := svc.CreateUser(ctx, sys, kam.User{Email: fmt.Sprintf("rep%d@big.example", i), Name: fmt.Sprintf("销售 %d", i), Role: kam.RoleRep, TeamID: team.ID}, testPassword, false)
		check(err)
		if i == 0 {
			firstRep = u.ID
		}
	}
	_, err = svc.Quotas.Create(ctx, sys, kam.Quota{TeamID: team.ID, Period: "2026", Amount: 20_000_000_000, Currency: "CNY"})
	check(err)
	db.Close()

	// The bulk, in plain SQL on a connection of its own.
	driver, stamp, closeDate := "sqlite", "'2026-03-14T09:26:53.000000Z'", "'2026-06-30'"
	rawDSN := dsn + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)"
	if postgres {
		driver, stamp, closeDate, rawDSN = "pgx", "TIMESTAMPTZ "+stamp, "DATE "+closeDate, dsn
	}
	raw, err := sql.Open(driver, rawDSN)
	check(err)
	defer raw.Close()
	series := func(n int) (string, string) {
		if postgres {
			return "", fmt.Sprintf("generate_series(0, %d) AS n(i)", n-1)
		}
		return fmt.Sprintf("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %d) ", n-1), "n"
	}
	var firstAccount int64
	steps := []struct {
		table, cols string
		n           int
		sel         func() string
	}{
		// Account a = i is owned by rep a % reps; contacts and deals of
		// account a are owned by its owner.
		{"accounts", "version, created_at, updated_at, name, industry, region, owner_id", bigAccounts, func() string {
			return fmt.Sprintf("SELECT 1, %s, %s, 'Account ' || i, 'industry', 'region', %d + (i %% %d) FROM ", stamp, stamp, firstRep, bigReps)
		}},
		{"contacts", "version, created_at, updated_at, account_id, name, title, seniority, status", bigContacts, func() string {
			return fmt.Sprintf("SELECT 1, %s, %s, %d + (i %% %d), '联系人 ' || i, 'title', 'middle', 'active' FROM ", stamp, stamp, firstAccount, bigAccounts)
		}},
		{"opportunities", "version, created_at, updated_at, account_id, name, product, amount, currency, close_date, level, owner_id, reached_level", bigOpportunities, func() string {
			return fmt.Sprintf("SELECT 1, %s, %s, %d + (i %% %d), 'Deal ' || i, 'product', (i %% 1000) * 100, 'CNY', %s, CASE i %% 3 WHEN 0 THEN 'above' WHEN 1 THEN 'in' ELSE 'best_few' END, %d + ((i %% %d) %% %d), 'in' FROM ",
				stamp, stamp, firstAccount, bigAccounts, closeDate, firstRep, bigAccounts, bigReps)
		}},
	}
	for k, s := range steps {
		with, from := series(s.n)
		if _, err := raw.ExecContext(ctx, with+"INSERT INTO "+s.table+" ("+s.cols+") "+s.sel()+from); err != nil {
			b.Fatalf("%s: %v", s.table, err)
		}
		if k == 0 {
			check(raw.QueryRowContext(ctx, "SELECT MIN(id) FROM accounts").Scan(&firstAccount))
		}
	}
	if postgres {
		_, err = raw.ExecContext(ctx, "ANALYZE")
	} else {
		_, err = raw.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	}
	check(err)

	// The deal with a full picture: the first deal of the first account.
	db, svc = openBig(b, dsn)
	owner := kam.Actor{UserID: firstRep, Role: kam.RoleRep, TeamID: team.ID}
	f := bigFixture{Manager: mgr.ID, Team: team.ID, Owner: firstRep}
	deals, _, err := svc.Opportunities.List(ctx, owner, store.OpportunityFilter{ListOptions: store.ListOptions{Limit: 1}, AccountID: firstAccount})
	check(err)
	f.Opportunity = deals[0].ID
	contacts, _, err := svc.Contacts.List(ctx, owner, store.ContactFilter{ListOptions: store.ListOptions{Limit: bigBuyers + 5}, AccountID: firstAccount})
	check(err)
	roles := [][]kam.BuyingRole{{kam.RoleEconomic}, {kam.RoleCoach}, {kam.RoleTechnical}, {kam.RoleUser}, {kam.RoleCoach, kam.RoleUser}}
	modes := []kam.ResponseMode{kam.ModeGrowth, kam.ModeTrouble, kam.ModeEvenKeel, kam.ModeOverconfident}
	for i := range bigBuyers {
		rating := i%11 - 5
		bi, err := svc.BuyingInfluences.Create(ctx, owner, kam.BuyingInfluence{OpportunityID: f.Opportunity, ContactID: contacts[i].ID,
			Roles: roles[i%len(roles)], Influence: kam.Influences[1+i%3], ContactLevel: kam.ContactLevels[1+i%3], Mode: modes[i%len(modes)],
			Rating: &rating, VITO: i == 0})
		check(err)
		_, err = svc.Actions.Create(ctx, owner, kam.Action{OpportunityID: f.Opportunity, Title: "拜访", OwnerID: firstRep, Due: kam.MustDate("2026-03-20"),
			TargetInfluenceID: bi.ID, ParticipantIDs: []int64{contacts[i].ID, contacts[bigBuyers+i%5].ID}})
		check(err)
		_, err = svc.Interactions.Create(ctx, owner, kam.Interaction{OpportunityID: f.Opportunity, Kind: kam.InteractionVisit, At: t0.Add(-time.Duration(i) * 24 * time.Hour),
			UserIDs: []int64{firstRep}, Outcome: kam.OutcomeAdvance, Feedback: []kam.ContactFeedback{{ContactID: contacts[i].ID, Feedback: kam.FeedbackPositive}}})
		check(err)
		_, err = svc.SWOTItems.Create(ctx, owner, kam.SWOTItem{OpportunityID: f.Opportunity, Kind: kam.SWOTKinds[i%len(kam.SWOTKinds)], Text: "强项"})
		check(err)
	}
	desc, _ := json.Marshal(f)
	check(db.Write(ctx, func(tx *store.Tx) error { return store.PutSetting(ctx, tx, bigFixtureKey, string(desc)) }))
	db.Close()
	return f
}

// reportPercentiles records the median and the 99th percentile of the
// per-operation durations.
func reportPercentiles(b *testing.B, ds []time.Duration) {
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	b.ReportMetric(float64(ds[len(ds)/2].Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(ds[len(ds)*99/100].Nanoseconds()), "p99-ns")
}

// reportCounts records the statements and transactions per operation since
// the counts q0 and t0 (PostgreSQL pays a round trip for each statement and
// two for each transaction).
func reportCounts(b *testing.B, db *store.DB, q0, t0 int64) {
	q, t := db.Counts()
	b.ReportMetric(float64(q-q0)/float64(b.N), "stmts/op")
	b.ReportMetric(float64(t-t0)/float64(b.N), "txs/op")
}

// BenchmarkStrategySheet measures GET /api/v1/opportunities/{id} (the whole
// strategy sheet of a deal with 20 buying influences, its red flags, health
// and suggested level) through the API handler, on 100,000 opportunities
// and 1,000,000 contacts. Target: p99 under 10 ms with -cpu 1.
func BenchmarkStrategySheet(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			db, svc, f := bigStrategyDB(b, engine == "postgres")
			get := bearerGet(b, svc, f.Owner)
			path := Prefix + "/opportunities/" + itoa(f.Opportunity)
			measure(b, db, func() error { return get(path) })
		})
	}
}

// BenchmarkFunnelReport measures service.Funnel for the team holding all
// 100,000 open opportunities, for 2026: the totals per level, the won
// amount, the history, the quota and the premature Best few (which re-reads
// up to 1,000 Best few deals). Target: under 200 ms.
func BenchmarkFunnelReport(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			db, svc, f := bigStrategyDB(b, engine == "postgres")
			mgr := kam.Actor{UserID: f.Manager, Role: kam.RoleManager, TeamID: f.Team}
			ctx := context.Background()
			measure(b, db, func() error {
				v, err := svc.Funnel(ctx, mgr, service.FunnelQuery{TeamID: f.Team, Period: "2026"})
				if err != nil {
					return err
				}
				if v.Report.OpenCount != bigOpportunities {
					return fmt.Errorf("the report counts %d open deals, want %d", v.Report.OpenCount, bigOpportunities)
				}
				return nil
			})
		})
	}
}

// BenchmarkWorkOrder measures GET /api/v1/work-order for a rep holding
// 10,000 open deals (the first 500, by level, are read and evaluated).
func BenchmarkWorkOrder(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			db, svc, f := bigStrategyDB(b, engine == "postgres")
			get := bearerGet(b, svc, f.Owner)
			measure(b, db, func() error { return get(Prefix + "/work-order") })
		})
	}
}

// bearerGet returns a GET through the API handler with a new token of
// user, which fails unless the answer is 200.
func bearerGet(b *testing.B, svc *service.Service, user int64) func(path string) error {
	secret, _, err := svc.CreateToken(context.Background(), kam.System, user, "bench")
	if err != nil {
		b.Fatal(err)
	}
	h := New(svc, nil)
	return func(path string) error {
		r := httptest.NewRequest("GET", path, nil)
		r.Header.Set("Authorization", "Bearer "+secret)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			return fmt.Errorf("%d %s", w.Code, w.Body)
		}
		return nil
	}
}

// measure runs op in the benchmark loop and reports, beside the
// allocations, the percentiles of its durations, its statements and
// transactions, and the CPU time per operation. An error from op fails
// the benchmark.
func measure(b *testing.B, db *store.DB, op func() error) {
	var ds []time.Duration
	b.ReportAllocs()
	q0, t0 := db.Counts()
	cpu0 := testkit.CPUTime()
	for b.Loop() {
		start := time.Now()
		err := op()
		ds = append(ds, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
	}
	reportPercentiles(b, ds)
	reportCounts(b, db, q0, t0)
	testkit.ReportCPU(b, cpu0)
}
