package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// TestMigrationZonesRates puts data under the first schema and checks what
// 0002 makes of it: RMB and empty currencies become CNY, 简体中文 users are in
// Asia/Shanghai and the others in UTC.
func TestMigrationZonesRates(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	open := map[string]func(t *testing.T) *DB{
		"sqlite": func(t *testing.T) *DB {
			db, err := Open(ctx, filepath.Join(t.TempDir(), "kam.db"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			return db
		},
		"postgres": func(t *testing.T) *DB {
			dsn := pgDSN(t)
			if dsn == "" {
				t.Skip("KAM_TEST_POSTGRES not set")
			}
			db, err := Open(ctx, freshSchema(t, dsn))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			return db
		},
	}
	for name, openDB := range open {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			db := openDB(t)
			if err := db.migrateTo(ctx, "0001_init"); err != nil {
				t.Fatal(err)
			}
			now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
			write(t, db, func(tx *Tx) error {
				for _, q := range []struct {
					sql  string
					args []any
				}{
					{"INSERT INTO users (id, created_at, updated_at, email, name, role, locale) VALUES (1, ?, ?, 'zh@example.com', '王磊', 'rep', 'zh-CN')", []any{tv(now), tv(now)}},
					{"INSERT INTO users (id, created_at, updated_at, email, name, role, locale) VALUES (2, ?, ?, 'en@example.com', 'Ann', 'rep', 'en')", []any{tv(now), tv(now)}},
					{"INSERT INTO accounts (id, created_at, updated_at, name, owner_id) VALUES (1, ?, ?, '华信集团', 1)", []any{tv(now), tv(now)}},
					{"INSERT INTO opportunities (id, created_at, updated_at, account_id, name, amount, currency, level, owner_id) VALUES (1, ?, ?, 1, 'a', 1, 'RMB', 'in', 1)", []any{tv(now), tv(now)}},
					{"INSERT INTO opportunities (id, created_at, updated_at, account_id, name, amount, currency, level, owner_id) VALUES (2, ?, ?, 1, 'b', 1, 'rmb ', 'in', 1)", []any{tv(now), tv(now)}},
					{"INSERT INTO opportunities (id, created_at, updated_at, account_id, name, amount, currency, level, owner_id) VALUES (3, ?, ?, 1, 'c', 1, '', 'in', 1)", []any{tv(now), tv(now)}},
					{"INSERT INTO opportunities (id, created_at, updated_at, account_id, name, amount, currency, level, owner_id) VALUES (4, ?, ?, 1, 'd', 1, 'usd', 'in', 1)", []any{tv(now), tv(now)}},
					{"INSERT INTO quotas (id, created_at, updated_at, user_id, period, amount, currency) VALUES (1, ?, ?, 1, '2026Q4', 1, 'RMB')", []any{tv(now), tv(now)}},
				} {
					if _, err := tx.exec(ctx, q.sql, q.args...); err != nil {
						return err
					}
				}
				return nil
			})
			if err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			read(t, db, func(tx *Tx) error {
				for id, want := range map[int64]string{1: "CNY", 2: "CNY", 3: "CNY", 4: "USD"} {
					o, err := Opportunities.Get(ctx, tx, id)
					if err != nil {
						return err
					}
					if o.Currency != want {
						t.Errorf("opportunity %d: currency %q, want %s", id, o.Currency, want)
					}
				}
				q, err := Quotas.Get(ctx, tx, 1)
				if err != nil {
					return err
				}
				if q.Currency != "CNY" {
					t.Errorf("quota: currency %q, want CNY", q.Currency)
				}
				for id, want := range map[int64]string{1: "Asia/Shanghai", 2: "UTC"} {
					u, err := Users.Get(ctx, tx, id)
					if err != nil {
						return err
					}
					if u.TimeZone != want {
						t.Errorf("user %d: zone %q, want %s", id, u.TimeZone, want)
					}
				}
				var n int
				return tx.queryRow(ctx, "SELECT COUNT(*) FROM exchange_rates").Scan(&n)
			})
		})
	}
}
