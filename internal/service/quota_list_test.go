package service_test

import (
	"context"
	"fmt"
	"testing"

	"kam/internal/kam"
	"kam/internal/store"
	"kam/internal/storetest"
)

// TestQuotaPagesAreFull checks that quota lists, whose visibility is decided
// per record, still answer full pages: every page but the last holds limit
// quotas, the last one has no next, and together they are exactly the quotas
// the actor may see.
func TestQuotaPagesAreFull(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		// Rep a1 sees their own quotas and their team's, not a colleague's
		// or another team's. Interleave them so most rows are hidden.
		var want []int64
		for i := range 7 {
			for _, q := range []kam.Quota{
				{UserID: w.a2.UserID, Period: fmt.Sprintf("2020-%02d", i+1)},
				{UserID: w.b1.UserID, Period: fmt.Sprintf("2020-%02d", i+1)},
				{TeamID: w.teamB.ID, Period: fmt.Sprintf("2020-%02d", i+1)},
				{UserID: w.a1.UserID, Period: fmt.Sprintf("2021-%02d", i+1)},
				{TeamID: w.teamA.ID, Period: fmt.Sprintf("2022-%02d", i+1)},
			} {
				q.Amount = 100
				created, err := w.svc.Quotas.Create(ctx, kam.System, q)
				if err != nil {
					t.Fatal(err)
				}
				if q.UserID == w.a1.UserID || q.TeamID == w.teamA.ID {
					want = append(want, created.ID)
				}
			}
		}
		// A hidden tail: the last visible quota is followed by hidden ones.
		for i := range 4 {
			if _, err := w.svc.Quotas.Create(ctx, kam.System, kam.Quota{UserID: w.b1.UserID, Period: fmt.Sprintf("2023-%02d", i+1), Amount: 1}); err != nil {
				t.Fatal(err)
			}
		}
		for _, limit := range []int{1, 2, 3, 5, 14, 50} {
			var got []int64
			after := int64(0)
			for pages := 0; ; pages++ {
				if pages > len(want)+1 {
					t.Fatalf("limit %d: the pages do not end", limit)
				}
				items, next, err := w.svc.Quotas.List(ctx, w.a1, store.QuotaFilter{ListOptions: store.ListOptions{After: after, Limit: limit}})
				if err != nil {
					t.Fatal(err)
				}
				for _, q := range items {
					got = append(got, q.ID)
				}
				if next == 0 {
					if len(items) == 0 && pages > 0 {
						t.Errorf("limit %d: an empty last page after a next", limit)
					}
					break
				}
				if len(items) != limit {
					t.Errorf("limit %d: page %d holds %d quotas and has a next", limit, pages, len(items))
				}
				if len(items) > 0 && next != items[len(items)-1].ID {
					t.Errorf("limit %d: next %d is not the page's last id %d", limit, next, items[len(items)-1].ID)
				}
				after = next
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("limit %d: listed %v, want %v", limit, got, want)
			}
		}
	})
}
