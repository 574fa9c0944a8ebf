package store

import (
	"context"
	"reflect"
	"testing"

	"kam/internal/kam"
)

// TestListAccountsByIndustryRegionParent checks the account list's
// industry, region and parent filters, alone and together, with the scope
// still applied.
func TestListAccountsByIndustryRegionParent(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		var east, eastSub, north, odd kam.Account
		write(t, db, func(tx *Tx) error {
			east = *must(t, Accounts, tx, &kam.Account{Name: "华东制造集团", Industry: "制造 Manufacturing", Region: "华东·上海 Shanghai", OwnerID: w.rep1.ID})
			eastSub = *must(t, Accounts, tx, &kam.Account{Name: "华东制造物流", Industry: "物流 Logistics", Region: "华东·杭州 Hangzhou", ParentID: east.ID, OwnerID: w.rep1.ID})
			north = *must(t, Accounts, tx, &kam.Account{Name: "北方银行", Industry: "银行 Banking", Region: "华北·北京 Beijing", ParentID: east.ID, OwnerID: w.rep3.ID})
			odd = *must(t, Accounts, tx, &kam.Account{Name: "Odd_Co", Industry: "100% steel_works", Region: "x", OwnerID: w.rep1.ID})
			return nil
		})
		all := Scope{All: true}
		tests := []struct {
			name string
			f    Filter
			want []int64
		}{
			{"industry by Chinese substring", Filter{Scope: all, Industry: "制造"}, []int64{w.acc1.ID, east.ID}},
			{"industry in another case", Filter{Scope: all, Industry: "LOGISTICS"}, []int64{eastSub.ID}},
			{"region by substring", Filter{Scope: all, Region: "华东"}, []int64{east.ID, eastSub.ID}},
			{"region matches nothing", Filter{Scope: all, Region: "华南"}, []int64{}},
			{"percent and underscore are literal", Filter{Scope: all, Industry: "0% steel_"}, []int64{odd.ID}},
			{"underscore does not match any character", Filter{Scope: all, Industry: "0%_s"}, []int64{}},
			{"subsidiaries of a parent", Filter{Scope: all, ParentID: east.ID}, []int64{eastSub.ID, north.ID}},
			{"parent and region together", Filter{Scope: all, ParentID: east.ID, Region: "北京"}, []int64{north.ID}},
			{"industry, region and owner together", Filter{Scope: all, Industry: "物流", Region: "杭州", OwnerID: w.rep1.ID}, []int64{eastSub.ID}},
			{"scope still applies", Filter{Scope: Scope{UserID: w.rep1.ID}, ParentID: east.ID}, []int64{eastSub.ID}},
			{"by ids", Filter{Scope: all, IDs: []int64{north.ID, w.acc2.ID, w.acc4.ID}}, []int64{w.acc2.ID, north.ID}},
			{"by ids within the scope", Filter{Scope: Scope{UserID: w.rep1.ID}, IDs: []int64{east.ID, north.ID}}, []int64{east.ID}},
			{"ignored on contacts", Filter{Scope: all, AccountID: w.acc1.ID, Industry: "nothing like it"}, nil},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				read(t, db, func(tx *Tx) error {
					if tc.want == nil {
						// Contacts have no industry: the field must not filter them.
						v, _, err := Contacts.List(ctx, tx, tc.f)
						if got := ids(Contacts, v); !reflect.DeepEqual(got, []int64{w.con1.ID, w.con2.ID}) {
							t.Errorf("contacts = %v, want %v", got, []int64{w.con1.ID, w.con2.ID})
						}
						return err
					}
					v, _, err := Accounts.List(ctx, tx, tc.f)
					if got := ids(Accounts, v); !reflect.DeepEqual(got, tc.want) {
						t.Errorf("ids = %v, want %v", got, tc.want)
					}
					return err
				})
			})
		}
	})
}
