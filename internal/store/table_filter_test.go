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
			f    AccountFilter
			want []int64
		}{
			{"industry by Chinese substring", AccountFilter{ListOptions: ListOptions{Scope: all}, Industry: "制造"}, []int64{w.acc1.ID, east.ID}},
			{"industry in another case", AccountFilter{ListOptions: ListOptions{Scope: all}, Industry: "LOGISTICS"}, []int64{eastSub.ID}},
			{"region by substring", AccountFilter{ListOptions: ListOptions{Scope: all}, Region: "华东"}, []int64{east.ID, eastSub.ID}},
			{"region matches nothing", AccountFilter{ListOptions: ListOptions{Scope: all}, Region: "华南"}, []int64{}},
			{"percent and underscore are literal", AccountFilter{ListOptions: ListOptions{Scope: all}, Industry: "0% steel_"}, []int64{odd.ID}},
			{"underscore does not match any character", AccountFilter{ListOptions: ListOptions{Scope: all}, Industry: "0%_s"}, []int64{}},
			{"subsidiaries of a parent", AccountFilter{ListOptions: ListOptions{Scope: all}, ParentID: east.ID}, []int64{eastSub.ID, north.ID}},
			{"parent and region together", AccountFilter{ListOptions: ListOptions{Scope: all}, ParentID: east.ID, Region: "北京"}, []int64{north.ID}},
			{"industry, region and owner together", AccountFilter{ListOptions: ListOptions{Scope: all}, Industry: "物流", Region: "杭州", OwnerID: w.rep1.ID}, []int64{eastSub.ID}},
			{"scope still applies", AccountFilter{ListOptions: ListOptions{Scope: Scope{UserID: w.rep1.ID}}, ParentID: east.ID}, []int64{eastSub.ID}},
			{"by ids", AccountFilter{ListOptions: ListOptions{Scope: all, IDs: []int64{north.ID, w.acc2.ID, w.acc4.ID}}}, []int64{w.acc2.ID, north.ID}},
			{"by ids within the scope", AccountFilter{ListOptions: ListOptions{Scope: Scope{UserID: w.rep1.ID}, IDs: []int64{east.ID, north.ID}}}, []int64{east.ID}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				read(t, db, func(tx *Tx) error {
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
