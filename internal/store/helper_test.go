package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"kam/internal/kam"
)

// t0 is the tests' clock reading: a non-round instant, with nanoseconds the
// store must cut to microseconds.
var t0 = time.Date(2026, 3, 14, 9, 26, 53, 589793238, time.UTC)

// pgDSN returns the PostgreSQL DSN of the test run, or "" to skip; with
// CI=true a missing DSN fails the test.
func pgDSN(t testing.TB) string {
	dsn := os.Getenv("KAM_TEST_POSTGRES")
	if dsn == "" && os.Getenv("CI") == "true" {
		t.Fatal("CI=true but KAM_TEST_POSTGRES is empty: the store suite must run on PostgreSQL")
	}
	return dsn
}

// forEachDB runs fn on a fresh, migrated SQLite file and, when
// KAM_TEST_POSTGRES is set, on a fresh PostgreSQL schema dropped afterwards.
func forEachDB(t *testing.T, fn func(t *testing.T, db *DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		db := openSQLite(t, filepath.Join(t.TempDir(), "kam.db"))
		fn(t, db)
	})
	t.Run("postgres", func(t *testing.T) {
		dsn := pgDSN(t)
		if dsn == "" {
			t.Skip("KAM_TEST_POSTGRES not set")
		}
		t.Parallel()
		db := openPostgres(t, dsn)
		fn(t, db)
	})
}

func openSQLite(t testing.TB, path string) *DB {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("open sqlite: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate sqlite: %v", err)
	}
	db.Clock = func() time.Time { return t0 }
	return db
}

// freshSchema creates an empty schema and returns a DSN whose search_path
// points at it; the schema is dropped at cleanup.
func freshSchema(t testing.TB, dsn string) string {
	t.Helper()
	ctx := context.Background()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
		admin.Close()
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("postgres dsn: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func openPostgres(t testing.TB, dsn string) *DB {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, freshSchema(t, dsn))
	if err != nil {
		t.Fatalf("open postgres: %v", err)
	}
	// Registered after the schema's cleanup, so it runs first.
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate postgres: %v", err)
	}
	db.Clock = func() time.Time { return t0 }
	return db
}

// write runs fn in a write transaction and fails the test on error.
func write(t testing.TB, db *DB, fn func(tx *Tx) error) {
	t.Helper()
	if err := db.Write(context.Background(), fn); err != nil {
		t.Fatalf("write: %v", err)
	}
}

// read runs fn in a read transaction and fails the test on error.
func read(t testing.TB, db *DB, fn func(tx *Tx) error) {
	t.Helper()
	if err := db.Read(context.Background(), fn); err != nil {
		t.Fatalf("read: %v", err)
	}
}

func must[T any](t testing.TB, tab *Table[T], tx *Tx, v *T) *T {
	t.Helper()
	if err := tab.Insert(context.Background(), tx, v); err != nil {
		t.Fatalf("insert %s: %v", tab.Name(), err)
	}
	return v
}

func ptr[T any](v T) *T { return &v }

// world is a small company: two teams, a manager, reps, an admin, and
// accounts owned, shared and deleted.
type world struct {
	admin, manager, rep1, rep2, rep3, boss2 kam.User
	teamA, teamB, teamC                     kam.Team
	// acc1 owned by rep1 (team A), shared read with team B;
	// acc2 owned by rep2 (team A); acc3 owned by rep3 (team B), shared write
	// with team A; acc4 owned by rep3, deleted later.
	acc1, acc2, acc3, acc4 kam.Account
	con1, con2, con3, con4 kam.Contact // con1, con2 at acc1; con3 at acc3; con4 at acc4
	opp1, opp3, opp4       kam.Opportunity
}

func newWorld(t testing.TB, db *DB) *world {
	t.Helper()
	ctx := context.Background()
	w := &world{}
	write(t, db, func(tx *Tx) error {
		w.teamA = *must(t, Teams, tx, &kam.Team{Name: "华东大客户部"})
		w.teamB = *must(t, Teams, tx, &kam.Team{Name: "Team B"})
		w.teamC = *must(t, Teams, tx, &kam.Team{Name: "Team C"})
		w.admin = *must(t, Users, tx, &kam.User{Email: "admin@example.com", Name: "Admin", Role: kam.RoleAdmin, Locale: kam.LocaleEN})
		w.manager = *must(t, Users, tx, &kam.User{Email: "mgr@example.com", Name: "王经理", Role: kam.RoleManager, TeamID: w.teamA.ID, Locale: kam.LocaleZH})
		w.rep1 = *must(t, Users, tx, &kam.User{Email: "rep1@example.com", Name: "李销售", Role: kam.RoleRep, TeamID: w.teamA.ID, Locale: kam.LocaleZH})
		w.rep2 = *must(t, Users, tx, &kam.User{Email: "rep2@example.com", Name: "Rep Two", Role: kam.RoleRep, TeamID: w.teamA.ID, Locale: kam.LocaleEN})
		w.rep3 = *must(t, Users, tx, &kam.User{Email: "rep3@example.com", Name: "Rep Three", Role: kam.RoleRep, TeamID: w.teamB.ID, Locale: kam.LocaleEN})
		w.boss2 = *must(t, Users, tx, &kam.User{Email: "boss2@example.com", Name: "Boss C", Role: kam.RoleManager, TeamID: w.teamB.ID, Locale: kam.LocaleEN})
		// boss2 sits in team B but manages team C; nobody of C owns anything.
		w.teamC.ManagerID = w.boss2.ID
		if err := Teams.Update(ctx, tx, &w.teamC); err != nil {
			return err
		}
		w.acc1 = *must(t, Accounts, tx, &kam.Account{Name: "大客户战略营销系统集团", Industry: "制造", OwnerID: w.rep1.ID})
		w.acc2 = *must(t, Accounts, tx, &kam.Account{Name: "Acme Steel", Industry: "steel", OwnerID: w.rep2.ID})
		w.acc3 = *must(t, Accounts, tx, &kam.Account{Name: "Beta Bank", Industry: "bank", OwnerID: w.rep3.ID})
		w.acc4 = *must(t, Accounts, tx, &kam.Account{Name: "Gone Ltd", OwnerID: w.rep3.ID})
		for _, s := range []kam.AccountShare{
			{AccountID: w.acc1.ID, TeamID: w.teamB.ID, Access: kam.ShareRead},
			{AccountID: w.acc3.ID, TeamID: w.teamA.ID, Access: kam.ShareWrite},
		} {
			if err := PutShare(ctx, tx, s); err != nil {
				return err
			}
		}
		w.con1 = *must(t, Contacts, tx, &kam.Contact{AccountID: w.acc1.ID, Name: "张总", Title: "首席信息官 CIO", Seniority: kam.SeniorityExecutive, Status: kam.ContactActive})
		w.con2 = *must(t, Contacts, tx, &kam.Contact{AccountID: w.acc1.ID, Name: "Li Wei", Title: "IT Manager", Seniority: kam.SeniorityMiddle, Status: kam.ContactActive, ReportsToID: w.con1.ID})
		w.con3 = *must(t, Contacts, tx, &kam.Contact{AccountID: w.acc3.ID, Name: "Bob", Title: "CFO", Seniority: kam.SeniorityExecutive, Status: kam.ContactActive})
		w.con4 = *must(t, Contacts, tx, &kam.Contact{AccountID: w.acc4.ID, Name: "Ghost", Seniority: kam.SeniorityUnknown, Status: kam.ContactLeft})
		w.opp1 = *must(t, Opportunities, tx, &kam.Opportunity{AccountID: w.acc1.ID, Name: "CRM 二期", Product: "大客户战略营销系统", Amount: 1000, Currency: "CNY", Level: kam.LevelIn, ReachedLevel: kam.LevelIn, OwnerID: w.rep1.ID, CloseDate: kam.MustDate("2026-06-30")})
		w.opp3 = *must(t, Opportunities, tx, &kam.Opportunity{AccountID: w.acc3.ID, Name: "Core banking", Product: "Ledger", Amount: 500, Currency: "CNY", Level: kam.LevelAbove, ReachedLevel: kam.LevelAbove, OwnerID: w.rep3.ID})
		w.opp4 = *must(t, Opportunities, tx, &kam.Opportunity{AccountID: w.acc4.ID, Name: "Ghost deal", Amount: 1, Level: kam.LevelAbove, ReachedLevel: kam.LevelAbove, OwnerID: w.rep3.ID})
		return nil
	})
	write(t, db, func(tx *Tx) error {
		return Accounts.Delete(ctx, tx, w.acc4.ID, w.acc4.Version)
	})
	return w
}
