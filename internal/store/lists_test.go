package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"kam/internal/kam"
)

// TestListDealsKeysetInEverySort walks the deal list page by page in every
// sort and direction and checks the order against the rows sorted in Go,
// with ties (equal amounts, equal close dates, undated deals) broken by id.
func TestListDealsKeysetInEverySort(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		var all []kam.Opportunity
		write(t, db, func(tx *Tx) error {
			for i := range 17 {
				o := kam.Opportunity{AccountID: w.acc2.ID, Name: fmt.Sprintf("deal %02d", (i*7)%17), Amount: int64(i%4) * 100, Currency: "CNY",
					Level: kam.LevelIn, ReachedLevel: kam.LevelIn, OwnerID: w.rep2.ID}
				if i%5 != 0 {
					o.CloseDate = kam.MustDate(fmt.Sprintf("2026-0%d-1%d", 1+i%3, i%2))
				}
				all = append(all, *must(t, Opportunities, tx, &o))
			}
			return nil
		})
		keys := map[string]func(o kam.Opportunity) string{
			"close_date": func(o kam.Opportunity) string { return dateKey(o.CloseDate) },
			"amount":     func(o kam.Opportunity) string { return fmt.Sprintf("%020d", o.Amount) },
			"name":       func(o kam.Opportunity) string { return o.Name },
			"updated_at": func(o kam.Opportunity) string { return timeKey(o.UpdatedAt) },
		}
		for _, name := range DealSorts {
			for _, sort := range []string{name, "-" + name} {
				t.Run(sort, func(t *testing.T) {
					want := slices.Clone(all)
					slices.SortFunc(want, func(a, b kam.Opportunity) int {
						c := strings.Compare(keys[name](a), keys[name](b))
						if c == 0 {
							c = int(a.ID - b.ID)
						}
						if sort[0] == '-' {
							c = -c
						}
						return c
					})
					var got []int64
					after, pages := "", 0
					read(t, db, func(tx *Tx) error {
						for {
							page, next, err := ListDeals(ctx, tx, DealFilter{Scope: Scope{All: true}, AccountID: w.acc2.ID, Sort: sort, After: after, Limit: 4})
							if err != nil {
								return err
							}
							pages++
							for _, o := range page {
								got = append(got, o.ID)
							}
							if next == "" {
								return nil
							}
							after = next
						}
					})
					if !slices.Equal(got, ids(Opportunities, want)) || pages != 5 {
						t.Errorf("got %v in %d pages, want %v in 5", got, pages, ids(Opportunities, want))
					}
				})
			}
		}
	})
}

func TestListDealsFiltersAndScope(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		list := func(f DealFilter) []int64 {
			t.Helper()
			var out []int64
			read(t, db, func(tx *Tx) error {
				page, _, err := ListDeals(ctx, tx, f)
				out = ids(Opportunities, page)
				return err
			})
			return out
		}
		all := Scope{All: true}
		for _, tc := range []struct {
			name string
			f    DealFilter
			want []int64
		}{
			{"everything live, undated last", DealFilter{Scope: all}, []int64{w.opp1.ID, w.opp3.ID}},
			{"a seller sees their own and the shared", DealFilter{Scope: Scope{UserID: w.rep1.ID, TeamID: w.teamA.ID}}, []int64{w.opp1.ID, w.opp3.ID}},
			{"another team's seller sees what is shared with it", DealFilter{Scope: Scope{UserID: w.rep3.ID, TeamID: w.teamB.ID}}, []int64{w.opp1.ID, w.opp3.ID}},
			{"a stranger sees nothing", DealFilter{Scope: Scope{UserID: w.boss2.ID}}, nil},
			{"owner", DealFilter{Scope: all, OwnerID: w.rep3.ID}, []int64{w.opp3.ID}},
			{"team", DealFilter{Scope: all, TeamID: w.teamA.ID}, []int64{w.opp1.ID}},
			{"level", DealFilter{Scope: all, Level: kam.LevelAbove}, []int64{w.opp3.ID}},
			{"close range includes its days", DealFilter{Scope: all, CloseFrom: kam.MustDate("2026-06-30"), CloseTo: kam.MustDate("2026-06-30")}, []int64{w.opp1.ID}},
			{"close range leaves undated out", DealFilter{Scope: all, CloseTo: kam.MustDate("2027-01-01")}, []int64{w.opp1.ID}},
			{"text in the product, Chinese", DealFilter{Scope: all, Query: "营销"}, []int64{w.opp1.ID}},
			{"text in the account's name", DealFilter{Scope: all, Query: "beta"}, []int64{w.opp3.ID}},
			{"text with a wildcard is literal", DealFilter{Scope: all, Query: "%"}, nil},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if got := list(tc.f); !slices.Equal(got, tc.want) {
					t.Errorf("got %v, want %v", got, tc.want)
				}
			})
		}
		t.Run("a cursor of another sort is refused", func(t *testing.T) {
			read(t, db, func(tx *Tx) error {
				_, next, err := ListDeals(ctx, tx, DealFilter{Scope: all, Sort: "name", Limit: 1})
				if err != nil || next == "" {
					t.Fatalf("first page: next %q, %v", next, err)
				}
				for _, bad := range []DealFilter{{Sort: "amount", After: next}, {Sort: "name", After: "garbage"}, {Sort: "health"}} {
					bad.Scope = all
					if _, _, err := ListDeals(ctx, tx, bad); !errors.Is(err, kam.ErrInvalid) {
						t.Errorf("%+v: err = %v, want invalid", bad, err)
					}
				}
				return nil
			})
		})
	})
}

func TestListContactsAndActions(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		all := Scope{All: true}
		var moved kam.Contact
		var a1, a2, a3 kam.Action
		var bi kam.BuyingInfluence
		write(t, db, func(tx *Tx) error {
			moved = *must(t, Contacts, tx, &kam.Contact{AccountID: w.acc1.ID, Name: "Moved Max", Seniority: kam.SeniorityMiddle, Status: kam.ContactMoved, StatusDate: kam.MustDate("2026-03-01")})
			must(t, Contacts, tx, &kam.Contact{AccountID: w.acc1.ID, Name: "Left long ago", Seniority: kam.SeniorityMiddle, Status: kam.ContactLeft, StatusDate: kam.MustDate("2025-01-01")})
			bi = *must(t, BuyingInfluences, tx, &kam.BuyingInfluence{OpportunityID: w.opp1.ID, ContactID: w.con1.ID, Roles: []kam.BuyingRole{kam.RoleEconomic}, Influence: kam.InfluenceHigh, ContactLevel: kam.ContactRare, Mode: kam.ModeGrowth})
			a1 = *must(t, Actions, tx, &kam.Action{OpportunityID: w.opp1.ID, Title: "later", OwnerID: w.rep1.ID, Due: kam.MustDate("2026-05-01"), Status: kam.ActionOpen})
			a2 = *must(t, Actions, tx, &kam.Action{OpportunityID: w.opp1.ID, Title: "undated", OwnerID: w.rep1.ID, Status: kam.ActionOpen, TargetInfluenceID: bi.ID})
			a3 = *must(t, Actions, tx, &kam.Action{OpportunityID: w.opp1.ID, Title: "overdue", OwnerID: w.rep1.ID, Due: kam.MustDate("2026-01-01"), Status: kam.ActionOpen})
			must(t, Actions, tx, &kam.Action{OpportunityID: w.opp1.ID, Title: "done", OwnerID: w.rep1.ID, Due: kam.MustDate("2026-01-01"), Status: kam.ActionDone})
			must(t, Actions, tx, &kam.Action{OpportunityID: w.opp3.ID, Title: "other's", OwnerID: w.rep3.ID, Due: kam.MustDate("2026-01-01"), Status: kam.ActionOpen})
			return nil
		})
		read(t, db, func(tx *Tx) error {
			cs, _, err := ListContacts(ctx, tx, ContactListFilter{Scope: all, DepartedSince: kam.MustDate("2026-01-01")})
			if err != nil {
				return err
			}
			if got := ids(Contacts, cs); !slices.Equal(got, []int64{moved.ID}) {
				t.Errorf("departed since: %v, want [%d]", got, moved.ID)
			}
			cs, _, err = ListContacts(ctx, tx, ContactListFilter{Scope: Scope{UserID: w.rep3.ID}})
			if err != nil {
				return err
			}
			if got := ids(Contacts, cs); !slices.Equal(got, []int64{w.con3.ID}) {
				t.Errorf("rep3 sees %v, want only [%d]", got, w.con3.ID)
			}
			buyers, err := BuyersOf(ctx, tx, Scope{UserID: w.rep1.ID}, []int64{w.con1.ID, w.con2.ID})
			if err != nil {
				return err
			}
			if b := buyers[w.con1.ID]; len(b) != 1 || b[0].OpportunityID != w.opp1.ID || !slices.Equal(b[0].Roles, []kam.BuyingRole{kam.RoleEconomic}) || len(buyers[w.con2.ID]) != 0 {
				t.Errorf("buyers = %+v", buyers)
			}
			if b, _ := BuyersOf(ctx, tx, Scope{UserID: w.boss2.ID}, []int64{w.con1.ID}); len(b) != 0 {
				t.Errorf("a stranger sees buyers %+v", b)
			}
			acts, _, err := ListActions(ctx, tx, ActionListFilter{Scope: all, OwnerIDs: []int64{w.rep1.ID}})
			if err != nil {
				return err
			}
			if got := ids(Actions, acts); !slices.Equal(got, []int64{a3.ID, a1.ID, a2.ID}) {
				t.Errorf("my open actions %v, want overdue, later, undated %v", got, []int64{a3.ID, a1.ID, a2.ID})
			}
			acts, _, err = ListActions(ctx, tx, ActionListFilter{Scope: all, OwnerIDs: []int64{w.rep1.ID}, DueTo: kam.MustDate("2026-02-01")})
			if err != nil {
				return err
			}
			if got := ids(Actions, acts); !slices.Equal(got, []int64{a3.ID}) {
				t.Errorf("due by February: %v, want [%d]", got, a3.ID)
			}
			acts, _, err = ListActions(ctx, tx, ActionListFilter{Scope: all, TargetInfluenceID: bi.ID})
			if err != nil {
				return err
			}
			if got := ids(Actions, acts); !slices.Equal(got, []int64{a2.ID}) {
				t.Errorf("on the buyer: %v, want [%d]", got, a2.ID)
			}
			return nil
		})
	})
}
