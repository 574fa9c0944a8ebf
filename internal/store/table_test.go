package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"kam/internal/kam"
)

func TestMigrate(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		before, err := db.Migrations(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// Every embedded migration of the dialect, in name order, is applied.
		entries, err := fs.ReadDir(migrations, "migrations/"+db.Dialect().String())
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, e := range entries {
			want = append(want, strings.TrimSuffix(e.Name(), ".sql"))
		}
		if len(want) == 0 || want[0] != "0001_init" || !sort.StringsAreSorted(want) {
			t.Fatalf("embedded migrations %v", want)
		}
		if !reflect.DeepEqual(before, want) {
			t.Fatalf("migrations = %v, want %v", before, want)
		}
		if err := db.Migrate(ctx); err != nil {
			t.Fatalf("second migrate: %v", err)
		}
		after, err := db.Migrations(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(before, after) {
			t.Errorf("second migrate changed the record: %v → %v", before, after)
		}
		// Every table of the schema is there and empty.
		for _, table := range []string{"users", "teams", "api_tokens", "accounts", "account_shares", "account_relations",
			"org_units", "contacts", "contact_links", "opportunities", "level_changes", "buying_influences", "swot_items",
			"actions", "action_participants", "interactions", "interaction_users", "interaction_feedback", "criteria",
			"criterion_ratings", "quotas", "accepted_findings", "audit_log", "sessions", "login_throttles", "settings",
			"push_channels", "push_outbox", "push_attempts", "exchange_rates"} {
			read(t, db, func(tx *Tx) error {
				var n int
				if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
					return fmt.Errorf("%s: %w", table, err)
				}
				if n != 0 {
					t.Errorf("%s has %d rows after migrating", table, n)
				}
				return nil
			})
		}
	})
}

func TestOpenMemory(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Dialect() != SQLite {
		t.Fatalf("dialect = %v", db.Dialect())
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	var id int64
	write(t, db, func(tx *Tx) error {
		u := kam.User{Email: "a@b.c", Name: "A", Role: kam.RoleRep, Locale: kam.LocaleEN}
		err := Users.Insert(ctx, tx, &u)
		id = u.ID
		return err
	})
	// The reader pool sees what the writer committed.
	read(t, db, func(tx *Tx) error {
		_, err := Users.Get(ctx, tx, id)
		return err
	})
}

func TestReadIsReadOnly(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		err := db.Read(context.Background(), func(tx *Tx) error {
			return PutSetting(context.Background(), tx, "k", `1`)
		})
		if err == nil {
			t.Fatal("a write inside Read succeeded")
		}
	})
}

func TestWriteRollsBackOnError(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := db.Write(ctx, func(tx *Tx) error {
			if err := PutSetting(ctx, tx, "k", `"v"`); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v, want boom", err)
		}
		read(t, db, func(tx *Tx) error {
			if _, ok, err := GetSetting(ctx, tx, "k"); err != nil || ok {
				t.Errorf("setting survived rollback: ok=%v err=%v", ok, err)
			}
			return nil
		})
	})
}

// roundTrip inserts v, reads it back and compares every field.
func roundTrip[T any](t *testing.T, db *DB, tab *Table[T], v T) {
	t.Helper()
	ctx := context.Background()
	write(t, db, func(tx *Tx) error { return tab.Insert(ctx, tx, &v) })
	m := tab.meta(&v)
	if m.ID == 0 || m.Version != 1 || !m.CreatedAt.Equal(t0.Truncate(time.Microsecond)) || !m.UpdatedAt.Equal(m.CreatedAt) {
		t.Errorf("%s meta after insert = %+v", tab.Name(), *m)
	}
	read(t, db, func(tx *Tx) error {
		got, err := tab.Get(ctx, tx, m.ID)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(got, v) {
			t.Errorf("%s round trip:\n got  %+v\n want %+v", tab.Name(), got, v)
		}
		return nil
	})
}

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		var unit kam.OrgUnit
		var bi kam.BuyingInfluence
		var swot kam.SWOTItem
		crit := kam.Criterion{Name: "规模 size", Kind: kam.CriterionDemographic, Weight: 7}
		write(t, db, func(tx *Tx) error {
			unit = *must(t, OrgUnits, tx, &kam.OrgUnit{AccountID: w.acc1.ID, Name: "信息部"})
			bi = *must(t, BuyingInfluences, tx, &kam.BuyingInfluence{OpportunityID: w.opp1.ID, ContactID: w.con2.ID, Roles: []kam.BuyingRole{kam.RoleUser}, Influence: kam.InfluenceLow, ContactLevel: kam.ContactRare, Mode: kam.ModeUnknown})
			swot = *must(t, SWOTItems, tx, &kam.SWOTItem{OpportunityID: w.opp1.ID, Kind: kam.SWOTStrength, Text: "本地服务"})
			return Criteria.Insert(ctx, tx, &crit)
		})
		at := time.Date(2026, 2, 3, 4, 5, 6, 123456000, time.UTC)
		t.Run("user with every field", func(t *testing.T) {
			roundTrip(t, db, Users, kam.User{Email: "full@example.com", Name: "全名", Role: kam.RoleManager, TeamID: w.teamB.ID, Locale: kam.LocaleZH, TimeZone: "Asia/Shanghai", Disabled: true, MustChangePassword: true, PasswordHash: "$argon2id$x"})
		})
		t.Run("user with zero values", func(t *testing.T) {
			roundTrip(t, db, Users, kam.User{Email: "zero@example.com", Role: kam.RoleRep, Locale: kam.LocaleEN})
		})
		t.Run("team", func(t *testing.T) { roundTrip(t, db, Teams, kam.Team{Name: "T", ManagerID: w.manager.ID}) })
		t.Run("account with every field", func(t *testing.T) {
			roundTrip(t, db, Accounts, kam.Account{Name: "子公司", Industry: "能源", Region: "华南", Employees: 12000, AnnualRevenue: 9_000_000_000, ParentID: w.acc1.ID, ReorganisingSince: kam.MustDate("2026-01-31"), OwnerID: w.rep1.ID, Notes: "多行\n备注"})
		})
		t.Run("account with zero values", func(t *testing.T) {
			roundTrip(t, db, Accounts, kam.Account{Name: "Z", OwnerID: w.rep1.ID})
		})
		t.Run("account relation", func(t *testing.T) {
			roundTrip(t, db, AccountRelations, kam.AccountRelation{FromAccountID: w.acc1.ID, ToAccountID: w.acc2.ID, Kind: kam.RelationSupplier})
		})
		t.Run("org unit", func(t *testing.T) {
			roundTrip(t, db, OrgUnits, kam.OrgUnit{AccountID: w.acc1.ID, Name: "采购部", ParentID: unit.ID})
		})
		t.Run("contact with every field", func(t *testing.T) {
			roundTrip(t, db, Contacts, kam.Contact{AccountID: w.acc1.ID, Name: "赵六", Title: "采购总监", OrgUnitID: unit.ID, Seniority: kam.SenioritySenior, ReportsToID: w.con1.ID, Status: kam.ContactMoved, StatusDate: kam.MustDate("2026-02-01"), InPostSince: kam.MustDate("2020-05-06"), Email: "z@x.cn", Phone: "+86 10 1234", PersonalNotes: "喜欢围棋"})
		})
		t.Run("contact link", func(t *testing.T) {
			roundTrip(t, db, ContactLinks, kam.ContactLink{FromContactID: w.con1.ID, ToContactID: w.con2.ID, Kind: kam.LinkConflictsWith})
		})
		t.Run("opportunity with every field", func(t *testing.T) {
			roundTrip(t, db, Opportunities, kam.Opportunity{AccountID: w.acc1.ID, Name: "扩容", Product: "服务器", Amount: 250000, Currency: "CNY", CloseDate: kam.MustDate("2026-09-30"), Level: kam.LevelWon, Position: ptr(-3), EngagedOn: kam.MustDate("2025-11-01"), TenderPublishedOn: kam.MustDate("2026-01-15"), Competitors: "X, Y", OwnerID: w.rep1.ID, OurWin: "参考客户", ClosedOn: kam.MustDate("2026-03-01"), ReachedLevel: kam.LevelBestFew})
		})
		t.Run("opportunity with zero position", func(t *testing.T) {
			roundTrip(t, db, Opportunities, kam.Opportunity{AccountID: w.acc1.ID, Name: "零", Level: kam.LevelAbove, Position: ptr(0), OwnerID: w.rep1.ID})
		})
		t.Run("opportunity with nil position and no dates", func(t *testing.T) {
			roundTrip(t, db, Opportunities, kam.Opportunity{AccountID: w.acc1.ID, Name: "空", Level: kam.LevelAbove, OwnerID: w.rep1.ID})
		})
		t.Run("buying influence with every field", func(t *testing.T) {
			roundTrip(t, db, BuyingInfluences, kam.BuyingInfluence{OpportunityID: w.opp1.ID, ContactID: w.con1.ID, Roles: []kam.BuyingRole{kam.RoleEconomic, kam.RoleCoach}, Influence: kam.InfluenceHigh, Rating: ptr(-5), ContactLevel: kam.ContactFrequent, Mode: kam.ModeTrouble, PersonalWin: "升职", BusinessResult: "降本 10%", Evidence: "会上说", VITO: true, CounterpartID: w.manager.ID, RelationshipLevel: kam.RelTrustedAdvisor})
		})
		t.Run("buying influence with empty lists", func(t *testing.T) {
			roundTrip(t, db, BuyingInfluences, kam.BuyingInfluence{OpportunityID: w.opp3.ID, ContactID: w.con3.ID, Roles: []kam.BuyingRole{}, Influence: kam.InfluenceUnknown, ContactLevel: kam.ContactUnknown, Mode: kam.ModeUnknown})
		})
		t.Run("swot item", func(t *testing.T) {
			roundTrip(t, db, SWOTItems, kam.SWOTItem{OpportunityID: w.opp1.ID, Kind: kam.SWOTThreat, Text: "对手降价"})
		})
		t.Run("action with every field", func(t *testing.T) {
			roundTrip(t, db, Actions, kam.Action{OpportunityID: w.opp1.ID, Title: "拜访张总", OwnerID: w.rep1.ID, Due: kam.MustDate("2026-03-20"), Status: kam.ActionOpen, TargetInfluenceID: bi.ID, ParticipantIDs: []int64{w.con2.ID, w.con1.ID}, AddressesRules: []string{"no-coach", "single-threaded"}, StrengthID: swot.ID})
		})
		t.Run("action with empty lists", func(t *testing.T) {
			roundTrip(t, db, Actions, kam.Action{OpportunityID: w.opp1.ID, Title: "x", Status: kam.ActionDone, ParticipantIDs: []int64{}, AddressesRules: []string{}})
		})
		t.Run("interaction with every field", func(t *testing.T) {
			roundTrip(t, db, Interactions, kam.Interaction{OpportunityID: w.opp1.ID, Kind: kam.InteractionMeeting, At: at, UserIDs: []int64{w.rep2.ID, w.rep1.ID}, Objective: "确认需求", Outcome: kam.OutcomeAdvance, Feedback: []kam.ContactFeedback{{ContactID: w.con2.ID, Feedback: kam.FeedbackNegative}, {ContactID: w.con1.ID, Feedback: kam.FeedbackPositive}}, Notes: "n"})
		})
		t.Run("interaction with empty lists", func(t *testing.T) {
			roundTrip(t, db, Interactions, kam.Interaction{OpportunityID: w.opp1.ID, Kind: kam.InteractionEmail, At: at, UserIDs: []int64{}, Feedback: []kam.ContactFeedback{}})
		})
		t.Run("criterion", func(t *testing.T) {
			roundTrip(t, db, Criteria, kam.Criterion{Name: "态度", Kind: kam.CriterionPsychographic, Weight: 10})
		})
		t.Run("quota of a user", func(t *testing.T) {
			roundTrip(t, db, Quotas, kam.Quota{UserID: w.rep1.ID, Period: "2026Q2", Amount: 3_000_000, Currency: "CNY"})
		})
		t.Run("quota of a team", func(t *testing.T) {
			roundTrip(t, db, Quotas, kam.Quota{TeamID: w.teamA.ID, Period: "2026", Amount: 1, Currency: "USD"})
		})
		t.Run("exchange rate", func(t *testing.T) {
			roundTrip(t, db, ExchangeRates, kam.ExchangeRate{From: "USD", To: "CNY", Rate: 7.1234567, On: kam.MustDate("2026-12-01")})
		})
	})
}

func TestNilListsReadBackEmpty(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		a := kam.Action{OpportunityID: w.opp1.ID, Title: "nil lists", Status: kam.ActionOpen}
		write(t, db, func(tx *Tx) error { return Actions.Insert(ctx, tx, &a) })
		read(t, db, func(tx *Tx) error {
			got, err := Actions.Get(ctx, tx, a.ID)
			if err != nil {
				return err
			}
			if got.ParticipantIDs == nil || len(got.ParticipantIDs) != 0 || got.AddressesRules == nil || len(got.AddressesRules) != 0 {
				t.Errorf("lists = %#v, %#v; want empty, not nil", got.ParticipantIDs, got.AddressesRules)
			}
			return nil
		})
	})
}

func TestUpdate(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		later := t0.Add(time.Hour)
		db.Clock = func() time.Time { return later }

		t.Run("current version is saved and bumped", func(t *testing.T) {
			c := w.con2
			c.Title = "CIO"
			c.ReportsToID = 0
			write(t, db, func(tx *Tx) error { return Contacts.Update(ctx, tx, &c) })
			if c.Version != w.con2.Version+1 || !c.UpdatedAt.Equal(later.Truncate(time.Microsecond)) {
				t.Errorf("after update: version %d updated %v", c.Version, c.UpdatedAt)
			}
			read(t, db, func(tx *Tx) error {
				got, err := Contacts.Get(ctx, tx, c.ID)
				if !reflect.DeepEqual(got, c) {
					t.Errorf("stored %+v\nwant %+v", got, c)
				}
				return err
			})
		})
		t.Run("stale version conflicts with the current record", func(t *testing.T) {
			stale := w.con2 // version 1; the test above made it 2
			stale.Title = "lost edit"
			err := db.Write(ctx, func(tx *Tx) error { return Contacts.Update(ctx, tx, &stale) })
			var ce *kam.ConflictError
			if !errors.As(err, &ce) || !errors.Is(err, kam.ErrConflict) {
				t.Fatalf("err = %v, want *kam.ConflictError", err)
			}
			cur, ok := ce.Current.(kam.Contact)
			if !ok || cur.Title != "CIO" || cur.Version != 2 || ce.Entity != "contact" || ce.ID != w.con2.ID {
				t.Errorf("conflict = %+v, current %+v", ce, ce.Current)
			}
		})
		t.Run("missing record is not found", func(t *testing.T) {
			ghost := kam.Contact{Meta: kam.Meta{ID: 999999, Version: 1}, AccountID: w.acc1.ID, Name: "x"}
			err := db.Write(ctx, func(tx *Tx) error { return Contacts.Update(ctx, tx, &ghost) })
			if !errors.Is(err, kam.ErrNotFound) {
				t.Fatalf("err = %v, want not found", err)
			}
		})
		t.Run("record in the trash is not found", func(t *testing.T) {
			a := w.acc4
			a.Version++ // deleted bumped it
			err := db.Write(ctx, func(tx *Tx) error { return Accounts.Update(ctx, tx, &a) })
			if !errors.Is(err, kam.ErrNotFound) {
				t.Fatalf("err = %v, want not found", err)
			}
		})
		t.Run("children are replaced", func(t *testing.T) {
			it := kam.Interaction{OpportunityID: w.opp1.ID, Kind: kam.InteractionCall, At: t0.Truncate(time.Microsecond), UserIDs: []int64{w.rep1.ID}, Feedback: []kam.ContactFeedback{{ContactID: w.con1.ID, Feedback: kam.FeedbackNeutral}}}
			write(t, db, func(tx *Tx) error { return Interactions.Insert(ctx, tx, &it) })
			it.UserIDs = []int64{w.rep2.ID, w.manager.ID}
			it.Feedback = []kam.ContactFeedback{{ContactID: w.con2.ID, Feedback: kam.FeedbackPositive}}
			write(t, db, func(tx *Tx) error { return Interactions.Update(ctx, tx, &it) })
			read(t, db, func(tx *Tx) error {
				got, err := Interactions.Get(ctx, tx, it.ID)
				if !reflect.DeepEqual(got, it) {
					t.Errorf("got %+v\nwant %+v", got, it)
				}
				return err
			})
		})
	})
}

func TestDeleteAndRestore(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		id := w.opp1.ID
		err := db.Write(ctx, func(tx *Tx) error { return Opportunities.Delete(ctx, tx, id, w.opp1.Version+5) })
		if !errors.Is(err, kam.ErrConflict) {
			t.Fatalf("delete with a stale version: err = %v, want conflict", err)
		}
		write(t, db, func(tx *Tx) error { return Opportunities.Delete(ctx, tx, id, w.opp1.Version) })
		read(t, db, func(tx *Tx) error {
			if _, err := Opportunities.Get(ctx, tx, id); !errors.Is(err, kam.ErrNotFound) {
				t.Errorf("Get after delete: err = %v, want not found", err)
			}
			got, err := Opportunities.GetDeleted(ctx, tx, id)
			if err != nil {
				return err
			}
			if got.DeletedAt == nil || !got.DeletedAt.Equal(t0.Truncate(time.Microsecond)) || got.Version != w.opp1.Version+1 {
				t.Errorf("trashed record: deleted_at %v version %d", got.DeletedAt, got.Version)
			}
			trash, _, err := Opportunities.List(ctx, tx, OpportunityFilter{ListOptions: ListOptions{Scope: Scope{All: true}, Deleted: true}})
			if err != nil {
				return err
			}
			if !slices.ContainsFunc(trash, func(o kam.Opportunity) bool { return o.ID == id }) {
				t.Errorf("trash %v lacks %d", trash, id)
			}
			live, _, err := Opportunities.List(ctx, tx, OpportunityFilter{ListOptions: ListOptions{Scope: Scope{All: true}}})
			if slices.ContainsFunc(live, func(o kam.Opportunity) bool { return o.ID == id }) {
				t.Errorf("live list still has %d", id)
			}
			return err
		})
		err = db.Write(ctx, func(tx *Tx) error { return Opportunities.Delete(ctx, tx, id, w.opp1.Version+1) })
		if !errors.Is(err, kam.ErrNotFound) {
			t.Errorf("second delete: err = %v, want not found", err)
		}
		write(t, db, func(tx *Tx) error { return Opportunities.Restore(ctx, tx, id) })
		read(t, db, func(tx *Tx) error {
			got, err := Opportunities.Get(ctx, tx, id)
			if err == nil && (got.DeletedAt != nil || got.Version != w.opp1.Version+2) {
				t.Errorf("restored: %+v", got.Meta)
			}
			return err
		})
		err = db.Write(ctx, func(tx *Tx) error { return Opportunities.Restore(ctx, tx, id) })
		if !errors.Is(err, kam.ErrNotFound) {
			t.Errorf("restore of a live record: err = %v, want not found", err)
		}
		err = db.Write(ctx, func(tx *Tx) error { return Opportunities.Restore(ctx, tx, 424242) })
		if !errors.Is(err, kam.ErrNotFound) {
			t.Errorf("restore of a missing record: err = %v, want not found", err)
		}
	})
}

func TestListPagination(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		var want []int64
		write(t, db, func(tx *Tx) error {
			for i := range 23 {
				c := kam.Contact{AccountID: w.acc2.ID, Name: fmt.Sprintf("c%02d", i), Seniority: kam.SeniorityJunior, Status: kam.ContactActive}
				if err := Contacts.Insert(ctx, tx, &c); err != nil {
					return err
				}
				want = append(want, c.ID)
			}
			return nil
		})
		for _, tc := range []struct {
			name  string
			limit int
			pages int
		}{
			{"pages of ten end with a short page", 10, 3},
			{"a page as large as the rest ends the list", 23, 1},
			{"one per page", 1, 23},
		} {
			t.Run(tc.name, func(t *testing.T) {
				var got []int64
				after, pages := int64(0), 0
				read(t, db, func(tx *Tx) error {
					for {
						items, next, err := Contacts.List(ctx, tx, ContactFilter{ListOptions: ListOptions{Scope: Scope{All: true}, After: after, Limit: tc.limit}, AccountID: w.acc2.ID})
						if err != nil {
							return err
						}
						pages++
						for _, c := range items {
							got = append(got, c.ID)
						}
						if next == 0 {
							return nil
						}
						if next != items[len(items)-1].ID {
							t.Fatalf("next = %d, want last id %d", next, items[len(items)-1].ID)
						}
						after = next
					}
				})
				if !reflect.DeepEqual(got, want) || pages != tc.pages {
					t.Errorf("got %d ids in %d pages, want %d in %d", len(got), pages, len(want), tc.pages)
				}
			})
		}
		t.Run("limit is capped and defaulted", func(t *testing.T) {
			if clampLimit(0, DefaultLimit, MaxLimit) != 50 || clampLimit(10000, DefaultLimit, MaxLimit) != 500 || clampLimit(7, DefaultLimit, MaxLimit) != 7 {
				t.Error("clampLimit")
			}
		})
	})
}

// ids lists the ids of items.
func ids[T any](tab *Table[T], items []T) []int64 {
	out := []int64{}
	for i := range items {
		out = append(out, tab.meta(&items[i]).ID)
	}
	return out
}

func TestListFilters(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		all := Scope{All: true}
		var bi1, bi2 kam.BuyingInfluence
		var act kam.Action
		var it kam.Interaction
		var link kam.ContactLink
		var rel kam.AccountRelation
		var q1 kam.Quota
		later := t0.Add(48 * time.Hour)
		write(t, db, func(tx *Tx) error {
			bi1 = *must(t, BuyingInfluences, tx, &kam.BuyingInfluence{OpportunityID: w.opp1.ID, ContactID: w.con1.ID, Roles: []kam.BuyingRole{kam.RoleEconomic}, Influence: kam.InfluenceHigh, ContactLevel: kam.ContactRare, Mode: kam.ModeGrowth, CounterpartID: w.manager.ID})
			bi2 = *must(t, BuyingInfluences, tx, &kam.BuyingInfluence{OpportunityID: w.opp3.ID, ContactID: w.con3.ID, Influence: kam.InfluenceLow, ContactLevel: kam.ContactNone, Mode: kam.ModeUnknown})
			act = *must(t, Actions, tx, &kam.Action{OpportunityID: w.opp1.ID, Title: "演示方案", OwnerID: w.rep2.ID, Status: kam.ActionOpen, ParticipantIDs: []int64{w.con2.ID}})
			must(t, Actions, tx, &kam.Action{OpportunityID: w.opp3.ID, Title: "Other", Status: kam.ActionOpen})
			it = *must(t, Interactions, tx, &kam.Interaction{OpportunityID: w.opp1.ID, Kind: kam.InteractionVisit, At: t0, UserIDs: []int64{w.rep2.ID}, Feedback: []kam.ContactFeedback{{ContactID: w.con2.ID, Feedback: kam.FeedbackPositive}}})
			must(t, Interactions, tx, &kam.Interaction{OpportunityID: w.opp3.ID, Kind: kam.InteractionCall, At: t0, UserIDs: []int64{w.rep3.ID}})
			link = *must(t, ContactLinks, tx, &kam.ContactLink{FromContactID: w.con1.ID, ToContactID: w.con2.ID, Kind: kam.LinkInfluences})
			rel = *must(t, AccountRelations, tx, &kam.AccountRelation{FromAccountID: w.acc2.ID, ToAccountID: w.acc1.ID, Kind: kam.RelationCustomer})
			q1 = *must(t, Quotas, tx, &kam.Quota{UserID: w.rep1.ID, Period: "2026", Amount: 5})
			must(t, Quotas, tx, &kam.Quota{TeamID: w.teamB.ID, Period: "2026", Amount: 5})
			return nil
		})
		// One record changes later, for UpdatedSince.
		db.Clock = func() time.Time { return later }
		acc2 := w.acc2
		acc2.Notes = "touched"
		write(t, db, func(tx *Tx) error { return Accounts.Update(ctx, tx, &acc2) })

		check := func(t *testing.T, got, want []int64) {
			t.Helper()
			if !reflect.DeepEqual(got, want) {
				t.Errorf("ids = %v, want %v", got, want)
			}
		}
		tests := []struct {
			name string
			run  func(tx *Tx) ([]int64, error)
			want []int64
		}{
			{"accounts by owner", func(tx *Tx) ([]int64, error) {
				v, _, err := Accounts.List(ctx, tx, AccountFilter{ListOptions: ListOptions{Scope: all}, OwnerID: w.rep3.ID})
				return ids(Accounts, v), err
			}, []int64{w.acc3.ID}},
			{"accounts updated since", func(tx *Tx) ([]int64, error) {
				v, _, err := Accounts.List(ctx, tx, AccountFilter{ListOptions: ListOptions{Scope: all, UpdatedSince: later}})
				return ids(Accounts, v), err
			}, []int64{w.acc2.ID}},
			{"accounts by Chinese substring", func(tx *Tx) ([]int64, error) {
				v, _, err := Accounts.List(ctx, tx, AccountFilter{ListOptions: ListOptions{Scope: all}, Query: "战略营"})
				return ids(Accounts, v), err
			}, []int64{w.acc1.ID}},
			{"accounts by substring in another case", func(tx *Tx) ([]int64, error) {
				v, _, err := Accounts.List(ctx, tx, AccountFilter{ListOptions: ListOptions{Scope: all}, Query: "aCmE"})
				return ids(Accounts, v), err
			}, []int64{w.acc2.ID}},
			{"percent in a query is literal", func(tx *Tx) ([]int64, error) {
				v, _, err := Accounts.List(ctx, tx, AccountFilter{ListOptions: ListOptions{Scope: all}, Query: "%"})
				return ids(Accounts, v), err
			}, []int64{}},
			{"underscore in a query is literal", func(tx *Tx) ([]int64, error) {
				v, _, err := Accounts.List(ctx, tx, AccountFilter{ListOptions: ListOptions{Scope: all}, Query: "_"})
				return ids(Accounts, v), err
			}, []int64{}},
			{"trash of accounts", func(tx *Tx) ([]int64, error) {
				v, _, err := Accounts.List(ctx, tx, AccountFilter{ListOptions: ListOptions{Scope: all, Deleted: true}})
				return ids(Accounts, v), err
			}, []int64{w.acc4.ID}},
			{"contacts by account", func(tx *Tx) ([]int64, error) {
				v, _, err := Contacts.List(ctx, tx, ContactFilter{ListOptions: ListOptions{Scope: all}, AccountID: w.acc1.ID})
				return ids(Contacts, v), err
			}, []int64{w.con1.ID, w.con2.ID}},
			{"contacts by title", func(tx *Tx) ([]int64, error) {
				v, _, err := Contacts.List(ctx, tx, ContactFilter{ListOptions: ListOptions{Scope: all}, Query: "信息官"})
				return ids(Contacts, v), err
			}, []int64{w.con1.ID}},
			{"opportunities by level", func(tx *Tx) ([]int64, error) {
				v, _, err := Opportunities.List(ctx, tx, OpportunityFilter{ListOptions: ListOptions{Scope: all}, Level: kam.LevelAbove})
				return ids(Opportunities, v), err
			}, []int64{w.opp3.ID}},
			{"opportunities by product", func(tx *Tx) ([]int64, error) {
				v, _, err := Opportunities.List(ctx, tx, OpportunityFilter{ListOptions: ListOptions{Scope: all}, Query: "战略营销"})
				return ids(Opportunities, v), err
			}, []int64{w.opp1.ID}},
			{"opportunities by owner and account", func(tx *Tx) ([]int64, error) {
				v, _, err := Opportunities.List(ctx, tx, OpportunityFilter{ListOptions: ListOptions{Scope: all}, OwnerID: w.rep3.ID, AccountID: w.acc3.ID})
				return ids(Opportunities, v), err
			}, []int64{w.opp3.ID}},
			{"buying influences by opportunity", func(tx *Tx) ([]int64, error) {
				v, _, err := BuyingInfluences.List(ctx, tx, BuyingInfluenceFilter{ListOptions: ListOptions{Scope: all}, OpportunityID: w.opp3.ID})
				return ids(BuyingInfluences, v), err
			}, []int64{bi2.ID}},
			{"buying influences by contact", func(tx *Tx) ([]int64, error) {
				v, _, err := BuyingInfluences.List(ctx, tx, BuyingInfluenceFilter{ListOptions: ListOptions{Scope: all}, ContactID: w.con1.ID})
				return ids(BuyingInfluences, v), err
			}, []int64{bi1.ID}},
			{"buying influences by counterpart", func(tx *Tx) ([]int64, error) {
				v, _, err := BuyingInfluences.List(ctx, tx, BuyingInfluenceFilter{ListOptions: ListOptions{Scope: all}, UserID: w.manager.ID})
				return ids(BuyingInfluences, v), err
			}, []int64{bi1.ID}},
			{"buying influences by account", func(tx *Tx) ([]int64, error) {
				v, _, err := BuyingInfluences.List(ctx, tx, BuyingInfluenceFilter{ListOptions: ListOptions{Scope: all}, AccountID: w.acc3.ID})
				return ids(BuyingInfluences, v), err
			}, []int64{bi2.ID}},
			{"actions by participant", func(tx *Tx) ([]int64, error) {
				v, _, err := Actions.List(ctx, tx, ActionFilter{ListOptions: ListOptions{Scope: all}, ContactID: w.con2.ID})
				return ids(Actions, v), err
			}, []int64{act.ID}},
			{"actions by owner", func(tx *Tx) ([]int64, error) {
				v, _, err := Actions.List(ctx, tx, ActionFilter{ListOptions: ListOptions{Scope: all}, OwnerID: w.rep2.ID})
				return ids(Actions, v), err
			}, []int64{act.ID}},
			{"interactions with a contact", func(tx *Tx) ([]int64, error) {
				v, _, err := Interactions.List(ctx, tx, InteractionFilter{ListOptions: ListOptions{Scope: all}, ContactID: w.con2.ID})
				return ids(Interactions, v), err
			}, []int64{it.ID}},
			{"interactions of a user", func(tx *Tx) ([]int64, error) {
				v, _, err := Interactions.List(ctx, tx, InteractionFilter{ListOptions: ListOptions{Scope: all}, UserID: w.rep2.ID})
				return ids(Interactions, v), err
			}, []int64{it.ID}},
			{"contact links by either end", func(tx *Tx) ([]int64, error) {
				v, _, err := ContactLinks.List(ctx, tx, ContactLinkFilter{ListOptions: ListOptions{Scope: all}, ContactID: w.con2.ID})
				return ids(ContactLinks, v), err
			}, []int64{link.ID}},
			{"account relations by either end", func(tx *Tx) ([]int64, error) {
				v, _, err := AccountRelations.List(ctx, tx, AccountRelationFilter{ListOptions: ListOptions{Scope: all}, AccountID: w.acc1.ID})
				return ids(AccountRelations, v), err
			}, []int64{rel.ID}},
			{"users by team", func(tx *Tx) ([]int64, error) {
				v, _, err := Users.List(ctx, tx, UserFilter{TeamID: w.teamB.ID})
				return ids(Users, v), err
			}, []int64{w.rep3.ID, w.boss2.ID}},
			{"users by email substring", func(tx *Tx) ([]int64, error) {
				v, _, err := Users.List(ctx, tx, UserFilter{Query: "MGR@"})
				return ids(Users, v), err
			}, []int64{w.manager.ID}},
			{"teams by manager", func(tx *Tx) ([]int64, error) {
				v, _, err := Teams.List(ctx, tx, TeamFilter{UserID: w.boss2.ID})
				return ids(Teams, v), err
			}, []int64{w.teamC.ID}},
			{"quotas by user", func(tx *Tx) ([]int64, error) {
				v, _, err := Quotas.List(ctx, tx, QuotaFilter{UserID: w.rep1.ID})
				return ids(Quotas, v), err
			}, []int64{q1.ID}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				read(t, db, func(tx *Tx) error {
					got, err := tc.run(tx)
					check(t, got, tc.want)
					return err
				})
			})
		}
	})
}

func TestScope(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		var bi1, bi3 kam.BuyingInfluence
		write(t, db, func(tx *Tx) error {
			bi1 = *must(t, BuyingInfluences, tx, &kam.BuyingInfluence{OpportunityID: w.opp1.ID, ContactID: w.con1.ID, Influence: kam.InfluenceHigh, ContactLevel: kam.ContactRare, Mode: kam.ModeGrowth})
			bi3 = *must(t, BuyingInfluences, tx, &kam.BuyingInfluence{OpportunityID: w.opp3.ID, ContactID: w.con3.ID, Influence: kam.InfluenceHigh, ContactLevel: kam.ContactRare, Mode: kam.ModeGrowth})
			// A buyer of the deleted account's deal: hidden everywhere.
			must(t, BuyingInfluences, tx, &kam.BuyingInfluence{OpportunityID: w.opp4.ID, ContactID: w.con4.ID, Influence: kam.InfluenceHigh, ContactLevel: kam.ContactRare, Mode: kam.ModeGrowth})
			return nil
		})
		type want struct{ accounts, contacts, opps, buyers []int64 }
		tests := []struct {
			name  string
			scope Scope
			want  want
		}{
			{"admin sees every live account", Scope{All: true, UserID: w.admin.ID},
				want{[]int64{w.acc1.ID, w.acc2.ID, w.acc3.ID}, []int64{w.con1.ID, w.con2.ID, w.con3.ID}, []int64{w.opp1.ID, w.opp3.ID}, []int64{bi1.ID, bi3.ID}}},
			{"rep sees own accounts and those shared with the team", Scope{UserID: w.rep1.ID, TeamID: w.teamA.ID},
				want{[]int64{w.acc1.ID, w.acc3.ID}, []int64{w.con1.ID, w.con2.ID, w.con3.ID}, []int64{w.opp1.ID, w.opp3.ID}, []int64{bi1.ID, bi3.ID}}},
			{"rep without team sees only own", Scope{UserID: w.rep2.ID},
				want{[]int64{w.acc2.ID}, []int64{}, []int64{}, []int64{}}},
			{"rep of a team with a read share sees it", Scope{UserID: w.rep3.ID, TeamID: w.teamB.ID},
				want{[]int64{w.acc1.ID, w.acc3.ID}, []int64{w.con1.ID, w.con2.ID, w.con3.ID}, []int64{w.opp1.ID, w.opp3.ID}, []int64{bi1.ID, bi3.ID}}},
			{"manager sees the team's accounts", Scope{UserID: w.manager.ID, TeamID: w.teamA.ID, TeamWide: true},
				want{[]int64{w.acc1.ID, w.acc2.ID, w.acc3.ID}, []int64{w.con1.ID, w.con2.ID, w.con3.ID}, []int64{w.opp1.ID, w.opp3.ID}, []int64{bi1.ID, bi3.ID}}},
			{"manager of an empty team sees nothing", Scope{UserID: w.boss2.ID, TeamWide: true},
				want{[]int64{}, []int64{}, []int64{}, []int64{}}},
			{"stranger sees nothing", Scope{UserID: 987654},
				want{[]int64{}, []int64{}, []int64{}, []int64{}}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				read(t, db, func(tx *Tx) error {
					a, _, err := Accounts.List(ctx, tx, AccountFilter{ListOptions: ListOptions{Scope: tc.scope}})
					if err != nil {
						return err
					}
					c, _, err := Contacts.List(ctx, tx, ContactFilter{ListOptions: ListOptions{Scope: tc.scope}})
					if err != nil {
						return err
					}
					o, _, err := Opportunities.List(ctx, tx, OpportunityFilter{ListOptions: ListOptions{Scope: tc.scope}})
					if err != nil {
						return err
					}
					b, _, err := BuyingInfluences.List(ctx, tx, BuyingInfluenceFilter{ListOptions: ListOptions{Scope: tc.scope}})
					if err != nil {
						return err
					}
					got := want{ids(Accounts, a), ids(Contacts, c), ids(Opportunities, o), ids(BuyingInfluences, b)}
					if !reflect.DeepEqual(got, tc.want) {
						t.Errorf("visible = %+v\nwant      %+v", got, tc.want)
					}
					return nil
				})
			})
		}
		t.Run("children of a deleted account stay hidden in the trash", func(t *testing.T) {
			write(t, db, func(tx *Tx) error { return Contacts.Delete(ctx, tx, w.con4.ID, w.con4.Version) })
			read(t, db, func(tx *Tx) error {
				c, _, err := Contacts.List(ctx, tx, ContactFilter{ListOptions: ListOptions{Scope: Scope{All: true}, Deleted: true}})
				if len(c) != 0 {
					t.Errorf("trash shows %v", ids(Contacts, c))
				}
				return err
			})
		})
		t.Run("manager over a second team sees its accounts", func(t *testing.T) {
			// Move rep2 into team C, which boss2 manages.
			write(t, db, func(tx *Tx) error {
				u, err := Users.Get(ctx, tx, w.rep2.ID)
				if err != nil {
					return err
				}
				u.TeamID = w.teamC.ID
				return Users.Update(ctx, tx, &u)
			})
			read(t, db, func(tx *Tx) error {
				a, _, err := Accounts.List(ctx, tx, AccountFilter{ListOptions: ListOptions{Scope: Scope{UserID: w.boss2.ID, TeamWide: true}}})
				if got := ids(Accounts, a); !reflect.DeepEqual(got, []int64{w.acc2.ID}) {
					t.Errorf("boss2 sees %v, want [%d]", got, w.acc2.ID)
				}
				return err
			})
		})
	})
}

func TestAccountAccess(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		tests := []struct {
			name    string
			scope   Scope
			account int64
			want    Access
		}{
			{"admin writes", Scope{All: true}, w.acc3.ID, AccessWrite},
			{"owner writes", Scope{UserID: w.rep1.ID, TeamID: w.teamA.ID}, w.acc1.ID, AccessWrite},
			{"teammate without manager rights has none", Scope{UserID: w.rep2.ID, TeamID: w.teamA.ID}, w.acc1.ID, AccessNone},
			{"manager of the owner's team writes", Scope{UserID: w.manager.ID, TeamID: w.teamA.ID, TeamWide: true}, w.acc2.ID, AccessWrite},
			{"write share writes", Scope{UserID: w.rep2.ID, TeamID: w.teamA.ID}, w.acc3.ID, AccessWrite},
			{"read share reads", Scope{UserID: w.rep3.ID, TeamID: w.teamB.ID}, w.acc1.ID, AccessRead},
			{"no share, no access", Scope{UserID: w.rep3.ID, TeamID: w.teamB.ID}, w.acc2.ID, AccessNone},
			{"deleted account, even for its owner", Scope{UserID: w.rep3.ID, TeamID: w.teamB.ID}, w.acc4.ID, AccessNone},
			{"deleted account, even for admin", Scope{All: true}, w.acc4.ID, AccessNone},
			{"missing account", Scope{All: true}, 99999, AccessNone},
			{"manager of another team has none", Scope{UserID: w.boss2.ID, TeamID: w.teamB.ID, TeamWide: true}, w.acc2.ID, AccessNone},
			{"manager's own team through a read share reads", Scope{UserID: w.boss2.ID, TeamID: w.teamB.ID, TeamWide: true}, w.acc1.ID, AccessRead},
			{"manager without the owner.s team has none", Scope{UserID: w.boss2.ID, TeamWide: true}, w.acc3.ID, AccessNone},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				read(t, db, func(tx *Tx) error {
					got, err := AccountAccess(ctx, tx, tc.scope, tc.account)
					if got != tc.want {
						t.Errorf("access = %v, want %v", got, tc.want)
					}
					return err
				})
			})
		}
	})
}

func TestConstraintViolationsNameTheField(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		tests := []struct {
			name  string
			write func(tx *Tx) error
			field string
			msg   kam.Text
		}{
			{"email taken", func(tx *Tx) error {
				return Users.Insert(ctx, tx, &kam.User{Email: w.rep1.Email, Name: "x", Role: kam.RoleRep, Locale: kam.LocaleEN})
			}, "email", msgTaken},
			{"buyer twice on one deal", func(tx *Tx) error {
				b := kam.BuyingInfluence{OpportunityID: w.opp1.ID, ContactID: w.con1.ID, Influence: kam.InfluenceLow, ContactLevel: kam.ContactNone, Mode: kam.ModeUnknown}
				if err := BuyingInfluences.Insert(ctx, tx, &b); err != nil {
					return err
				}
				b2 := b
				return BuyingInfluences.Insert(ctx, tx, &b2)
			}, "contact_id", msgTaken},
			{"contact of a missing account", func(tx *Tx) error {
				return Contacts.Insert(ctx, tx, &kam.Contact{AccountID: 777777, Name: "x", Seniority: kam.SeniorityJunior, Status: kam.ContactActive})
			}, "account_id", msgMissing},
			{"contact reporting to a missing contact", func(tx *Tx) error {
				return Contacts.Insert(ctx, tx, &kam.Contact{AccountID: w.acc1.ID, ReportsToID: 777777, Name: "x", Seniority: kam.SeniorityJunior, Status: kam.ContactActive})
			}, "reports_to_id", msgMissing},
			{"opportunity of a missing owner on update", func(tx *Tx) error {
				o := w.opp1
				o.OwnerID = 777777
				return Opportunities.Update(ctx, tx, &o)
			}, "owner_id", msgMissing},
			{"action with a missing participant", func(tx *Tx) error {
				return Actions.Insert(ctx, tx, &kam.Action{OpportunityID: w.opp1.ID, Title: "x", Status: kam.ActionOpen, ParticipantIDs: []int64{777777}})
			}, "participant_ids", msgMissing},
			{"interaction with a missing buyer", func(tx *Tx) error {
				return Interactions.Insert(ctx, tx, &kam.Interaction{OpportunityID: w.opp1.ID, Kind: kam.InteractionCall, At: t0, Feedback: []kam.ContactFeedback{{ContactID: 777777, Feedback: kam.FeedbackNeutral}}})
			}, "feedback", msgMissing},
			{"share with a missing team", func(tx *Tx) error {
				return PutShare(ctx, tx, kam.AccountShare{AccountID: w.acc1.ID, TeamID: 777777, Access: kam.ShareRead})
			}, "team_id", msgMissing},
			{"rating on a missing criterion", func(tx *Tx) error {
				return PutRating(ctx, tx, kam.CriterionRating{AccountID: w.acc1.ID, CriterionID: 777777, Rating: 1})
			}, "criterion_id", msgMissing},
			{"batch of contacts with a missing account", func(tx *Tx) error {
				return InsertContacts(ctx, tx, []*kam.Contact{{AccountID: w.acc1.ID, Name: "ok", Seniority: kam.SeniorityJunior, Status: kam.ContactActive}, {AccountID: 777777, Name: "bad", Seniority: kam.SeniorityJunior, Status: kam.ContactActive}})
			}, "account_id", msgMissing},
			{"token with a taken hash", func(tx *Tx) error {
				if err := InsertToken(ctx, tx, &kam.APIToken{UserID: w.rep1.ID, Name: "a", Prefix: "p", Hash: "h"}); err != nil {
					return err
				}
				return InsertToken(ctx, tx, &kam.APIToken{UserID: w.rep1.ID, Name: "b", Prefix: "p", Hash: "h"})
			}, "hash", msgTaken},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				err := db.Write(ctx, tc.write)
				var ve *kam.ValidationError
				if !errors.As(err, &ve) || !errors.Is(err, kam.ErrInvalid) {
					t.Fatalf("err = %v, want *kam.ValidationError", err)
				}
				if got := ve.Fields[tc.field]; got != tc.msg {
					t.Errorf("fields = %v, want %s: %v", ve.Fields, tc.field, tc.msg)
				}
			})
		}
		t.Run("restoring a buyer whose place is taken again", func(t *testing.T) {
			b := kam.BuyingInfluence{OpportunityID: w.opp3.ID, ContactID: w.con3.ID, Influence: kam.InfluenceLow, ContactLevel: kam.ContactNone, Mode: kam.ModeUnknown}
			write(t, db, func(tx *Tx) error {
				if err := BuyingInfluences.Insert(ctx, tx, &b); err != nil {
					return err
				}
				if err := BuyingInfluences.Delete(ctx, tx, b.ID, b.Version); err != nil {
					return err
				}
				b2 := b // a deleted place does not block a new one
				return BuyingInfluences.Insert(ctx, tx, &b2)
			})
			err := db.Write(ctx, func(tx *Tx) error { return BuyingInfluences.Restore(ctx, tx, b.ID) })
			var ve *kam.ValidationError
			if !errors.As(err, &ve) || ve.Fields["contact_id"] != msgTaken {
				t.Errorf("err = %v, want contact_id taken", err)
			}
		})
	})
}

func TestConcurrentWritersNeverSeeLocked(t *testing.T) {
	t.Parallel()
	db := openSQLite(t, t.TempDir()+"/kam.db")
	w := newWorld(t, db)
	ctx := context.Background()
	const writers, each = 8, 50
	errs := make(chan error, writers*each)
	done := make(chan struct{})
	// Readers run beside the writers the whole time.
	go func() {
		for {
			select {
			case <-done:
				return
			default:
			}
			if err := db.Read(ctx, func(tx *Tx) error {
				_, _, err := Contacts.List(ctx, tx, ContactFilter{ListOptions: ListOptions{Scope: Scope{All: true}, Limit: 5}})
				return err
			}); err != nil {
				errs <- err
			}
		}
	}()
	var wg sync.WaitGroup
	for g := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				err := db.Write(ctx, func(tx *Tx) error {
					c := kam.Contact{AccountID: w.acc2.ID, Name: fmt.Sprintf("w%d-%d", g, i), Seniority: kam.SeniorityJunior, Status: kam.ContactActive}
					if err := Contacts.Insert(ctx, tx, &c); err != nil {
						return err
					}
					return PutSetting(ctx, tx, "last", fmt.Sprintf("%d", c.ID))
				})
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(done)
	close(errs)
	for err := range errs {
		if strings.Contains(err.Error(), "locked") || strings.Contains(err.Error(), "busy") {
			t.Fatalf("writer failed: %v", err)
		}
		t.Errorf("unexpected error: %v", err)
	}
	read(t, db, func(tx *Tx) error {
		var n int
		err := tx.queryRow(ctx, "SELECT COUNT(*) FROM contacts WHERE account_id = ?", w.acc2.ID).Scan(&n)
		if n != writers*each {
			t.Errorf("contacts = %d, want %d", n, writers*each)
		}
		return err
	})
}
