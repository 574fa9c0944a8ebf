package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"kam/internal/kam"
)

// Size of the large fixture: one team, 10 reps, 10,000 accounts, 1,000,000
// contacts and 100,000 open opportunities.
const (
	bigReps          = 10
	bigAccounts      = 10_000
	bigContacts      = 1_000_000
	bigOpportunities = 100_000
	bigBuyers        = 20
)

// forEachBenchDB runs fn on SQLite and, when KAM_TEST_POSTGRES is set, on
// PostgreSQL; make builds or opens the database.
func forEachBenchDB(b *testing.B, open func(b *testing.B, d Dialect) *DB, fn func(b *testing.B, db *DB)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, open(b, SQLite)) })
	b.Run("postgres", func(b *testing.B) {
		if pgDSN(b) == "" {
			b.Skip("KAM_TEST_POSTGRES not set")
		}
		fn(b, open(b, Postgres))
	})
}

func freshBenchDB(b *testing.B, d Dialect) *DB {
	if d == Postgres {
		return openPostgres(b, pgDSN(b))
	}
	return openSQLite(b, filepath.Join(b.TempDir(), "kam.db"))
}

func BenchmarkInsertContactsBatch(b *testing.B) {
	forEachBenchDB(b, freshBenchDB, func(b *testing.B, db *DB) {
		ctx := context.Background()
		w := newWorld(b, db)
		const batch = 1000
		rows := 0
		for b.Loop() {
			cs := make([]*kam.Contact, batch)
			for i := range cs {
				cs[i] = &kam.Contact{AccountID: w.acc2.ID, Name: "导入联系人", Title: "经理", Seniority: kam.SeniorityMiddle, Status: kam.ContactActive, Email: "x@example.com", InPostSince: kam.MustDate("2024-01-01")}
			}
			if err := db.Write(ctx, func(tx *Tx) error { return InsertContacts(ctx, tx, cs) }); err != nil {
				b.Fatal(err)
			}
			rows += batch
		}
		b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	})
}

// series returns the WITH clause and FROM item that number rows 0…n-1: the
// one place where the fixture's SQL differs per dialect.
func series(d Dialect, n int) (with, from string) {
	if d == Postgres {
		return "", fmt.Sprintf("generate_series(0, %d) AS n(i)", n-1)
	}
	return fmt.Sprintf("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %d) ", n-1), "n"
}

// bigFixture is what the benchmarks need to know about the large database.
type bigFixture struct {
	manager, team, opportunity int64
}

func buildBig(b *testing.B, db *DB) bigFixture {
	ctx := context.Background()
	// Typed literals: PostgreSQL will not cast text to a date or timestamp
	// in INSERT … SELECT.
	stamp, closeDate := "'"+tv(t0).(string)+"'", "'2026-06-30'"
	if db.Dialect() == Postgres {
		stamp, closeDate = "TIMESTAMPTZ "+stamp, "DATE "+closeDate
	}
	var f bigFixture
	var firstRep, firstAccount int64
	write(b, db, func(tx *Tx) error {
		team := kam.Team{Name: "大客户一部"}
		if err := Teams.Insert(ctx, tx, &team); err != nil {
			return err
		}
		mgr := kam.User{Email: "manager@big.example", Name: "经理", Role: kam.RoleManager, TeamID: team.ID, Locale: kam.LocaleZH}
		if err := Users.Insert(ctx, tx, &mgr); err != nil {
			return err
		}
		team.ManagerID = mgr.ID
		if err := Teams.Update(ctx, tx, &team); err != nil {
			return err
		}
		for i := range bigReps {
			u := kam.User{Email: fmt.Sprintf("rep%d@big.example", i), Name: fmt.Sprintf("销售 %d", i), Role: kam.RoleRep, TeamID: team.ID, Locale: kam.LocaleZH}
			if err := Users.Insert(ctx, tx, &u); err != nil {
				return err
			}
			if i == 0 {
				firstRep = u.ID
			}
		}
		f.manager, f.team = mgr.ID, team.ID
		return nil
	})
	// Rows are numbered i = 0…n-1; account a = i % accounts is owned by rep
	// a % reps, so every deal's owner is its account's owner.
	steps := []struct {
		n    int
		cols string
		sel  func() string
	}{
		{bigAccounts, "version, created_at, updated_at, name, industry, region, owner_id", func() string {
			return fmt.Sprintf("SELECT 1, %s, %s, 'Account ' || i, 'industry', 'region', %d + (i %% %d) FROM ", stamp, stamp, firstRep, bigReps)
		}},
		{bigContacts, "version, created_at, updated_at, account_id, name, title, seniority, status", func() string {
			return fmt.Sprintf("SELECT 1, %s, %s, %d + (i %% %d), '联系人 ' || i, 'title', 'middle', 'active' FROM ", stamp, stamp, firstAccount, bigAccounts)
		}},
		{bigOpportunities, "version, created_at, updated_at, account_id, name, product, amount, currency, close_date, level, owner_id, reached_level", func() string {
			return fmt.Sprintf("SELECT 1, %s, %s, %d + (i %% %d), 'Deal ' || i, 'product', (i %% 1000) * 100, 'CNY', %s, CASE i %% 3 WHEN 0 THEN 'above' WHEN 1 THEN 'in' ELSE 'best_few' END, %d + ((i %% %d) %% %d), 'in' FROM ",
				stamp, stamp, firstAccount, bigAccounts, closeDate, firstRep, bigAccounts, bigReps)
		}},
	}
	tables := []string{"accounts", "contacts", "opportunities"}
	for k, s := range steps {
		write(b, db, func(tx *Tx) error {
			with, from := series(db.Dialect(), s.n)
			if _, err := tx.exec(ctx, with+"INSERT INTO "+tables[k]+" ("+s.cols+") "+s.sel()+from); err != nil {
				return fmt.Errorf("%s: %w", tables[k], err)
			}
			if k == 0 {
				return tx.queryRow(ctx, "SELECT MIN(id) FROM accounts").Scan(&firstAccount)
			}
			return nil
		})
	}
	// One deal with a full strategy picture: 20 buyers, their actions and
	// interactions.
	write(b, db, func(tx *Tx) error {
		if err := tx.queryRow(ctx, "SELECT MIN(id) FROM opportunities WHERE account_id = ?", firstAccount).Scan(&f.opportunity); err != nil {
			return err
		}
		rows, err := tx.query(ctx, "SELECT id FROM contacts WHERE account_id = ? ORDER BY id LIMIT ?", firstAccount, bigBuyers+5)
		if err != nil {
			return err
		}
		var cs []int64
		for rows.Next() {
			var id int64
			rows.Scan(&id)
			cs = append(cs, id)
		}
		rows.Close()
		for i := range bigBuyers {
			bi := kam.BuyingInfluence{OpportunityID: f.opportunity, ContactID: cs[i], Roles: []kam.BuyingRole{kam.RoleUser}, Influence: kam.InfluenceMedium, ContactLevel: kam.ContactRare, Mode: kam.ModeGrowth, Rating: ptr(i%11 - 5)}
			if err := BuyingInfluences.Insert(ctx, tx, &bi); err != nil {
				return err
			}
			a := kam.Action{OpportunityID: f.opportunity, Title: "拜访", Status: kam.ActionOpen, TargetInfluenceID: bi.ID, ParticipantIDs: []int64{cs[i], cs[bigBuyers+i%5]}}
			if err := Actions.Insert(ctx, tx, &a); err != nil {
				return err
			}
			it := kam.Interaction{OpportunityID: f.opportunity, Kind: kam.InteractionVisit, At: t0, UserIDs: []int64{firstRep}, Feedback: []kam.ContactFeedback{{ContactID: cs[i], Feedback: kam.FeedbackPositive}}}
			if err := Interactions.Insert(ctx, tx, &it); err != nil {
				return err
			}
			s := kam.SWOTItem{OpportunityID: f.opportunity, Kind: kam.SWOTStrength, Text: "强项"}
			if err := SWOTItems.Insert(ctx, tx, &s); err != nil {
				return err
			}
		}
		return nil
	})
	if db.Dialect() == Postgres {
		write(b, db, func(tx *Tx) error {
			_, err := tx.exec(ctx, "ANALYZE")
			return err
		})
	}
	return f
}

// bigDB returns the large fixture. The SQLite file is cached under
// os.TempDir(), keyed by the schema, so later runs start at once;
// PostgreSQL gets a fresh schema each run.
func bigDB(b *testing.B, d Dialect) (*DB, bigFixture) {
	if testing.Short() {
		b.Skip("large fixture skipped in -short mode")
	}
	ctx := context.Background()
	if d == Postgres {
		db := openPostgres(b, pgDSN(b))
		start := time.Now()
		f := buildBig(b, db)
		b.Logf("postgres fixture built in %v", time.Since(start).Round(time.Millisecond))
		return db, f
	}
	h := sha256.New()
	fs.WalkDir(migrations, ".", func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			body, _ := fs.ReadFile(migrations, p)
			h.Write(body)
		}
		return nil
	})
	fmt.Fprintf(h, "%d/%d/%d/%d", bigAccounts, bigContacts, bigOpportunities, bigBuyers)
	path := filepath.Join(os.TempDir(), "kam-store-bench-"+hex.EncodeToString(h.Sum(nil))[:12]+".db")
	if _, err := os.Stat(path); err != nil {
		start := time.Now()
		tmp := path + ".building"
		os.Remove(tmp)
		db := openSQLite(b, tmp)
		f := buildBig(b, db)
		write(b, db, func(tx *Tx) error {
			_, err := tx.exec(ctx, "INSERT INTO settings (key, value) VALUES ('bench_fixture', ?)",
				fmt.Sprintf(`{"manager":%d,"team":%d,"opportunity":%d}`, f.manager, f.team, f.opportunity))
			return err
		})
		if _, err := db.write.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			b.Fatal(err)
		}
		db.Close()
		os.Remove(tmp + "-wal")
		os.Remove(tmp + "-shm")
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
		b.Logf("sqlite fixture built in %v, cached at %s", time.Since(start).Round(time.Millisecond), path)
	}
	db := openSQLite(b, path)
	var f bigFixture
	read(b, db, func(tx *Tx) error {
		v, ok, err := GetSetting(ctx, tx, "bench_fixture")
		if err != nil || !ok {
			return fmt.Errorf("cached fixture %s lacks its description: %v", path, err)
		}
		_, err = fmt.Sscanf(v, `{"manager":%d,"team":%d,"opportunity":%d}`, &f.manager, &f.team, &f.opportunity)
		return err
	})
	return db, f
}

// readP99 runs read in a read transaction in the benchmark loop and
// records the 99th percentile of its durations; an error fails the
// benchmark.
func readP99(b *testing.B, db *DB, read func(ctx context.Context, tx *Tx) error) {
	ctx := context.Background()
	var ds []time.Duration
	for b.Loop() {
		start := time.Now()
		if err := db.Read(ctx, func(tx *Tx) error { return read(ctx, tx) }); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(start))
	}
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	b.ReportMetric(float64(ds[len(ds)*99/100].Nanoseconds()), "p99-ns")
}

func BenchmarkLoadPicture(b *testing.B) {
	for _, d := range []Dialect{SQLite, Postgres} {
		b.Run(d.String(), func(b *testing.B) {
			if d == Postgres && pgDSN(b) == "" {
				b.Skip("KAM_TEST_POSTGRES not set")
			}
			db, f := bigDB(b, d)
			readP99(b, db, func(ctx context.Context, tx *Tx) error {
				p, err := LoadPicture(ctx, tx, f.opportunity)
				if err == nil && len(p.Influences) != bigBuyers {
					return fmt.Errorf("picture has %d buyers", len(p.Influences))
				}
				return err
			})
		})
	}
}

func BenchmarkFunnelTotals(b *testing.B) {
	for _, d := range []Dialect{SQLite, Postgres} {
		b.Run(d.String(), func(b *testing.B) {
			if d == Postgres && pgDSN(b) == "" {
				b.Skip("KAM_TEST_POSTGRES not set")
			}
			db, f := bigDB(b, d)
			filter := FunnelFilter{Scope: Scope{UserID: f.manager, TeamID: f.team, TeamWide: true}}
			readP99(b, db, func(ctx context.Context, tx *Tx) error {
				totals, err := FunnelTotals(ctx, tx, filter)
				var n int64
				for _, t := range totals {
					n += t.Count
				}
				if err == nil && n != bigOpportunities {
					return fmt.Errorf("funnel counts %d deals, want %d", n, bigOpportunities)
				}
				return err
			})
		})
	}
}
