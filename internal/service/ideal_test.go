package service_test

import (
	"context"
	"math"
	"testing"

	"kam/internal/kam"
	"kam/internal/method"
	"kam/internal/store"
	"kam/internal/storetest"
)

func TestIdealScores(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		c1, err := w.svc.Criteria.Create(ctx, w.admin, kam.Criterion{Name: "行业与规模匹配", Kind: kam.CriterionDemographic, Weight: 8})
		if err != nil {
			t.Fatal(err)
		}
		c2, err := w.svc.Criteria.Create(ctx, w.admin, kam.Criterion{Name: "愿意变革", Kind: kam.CriterionPsychographic, Weight: 2})
		if err != nil {
			t.Fatal(err)
		}
		rated := w.account(t, w.a1, "华远集团")
		unrated := w.account(t, w.a1, "华远地产")
		other := w.account(t, w.b1, "京北银行")
		for _, r := range []kam.CriterionRating{
			{AccountID: rated.ID, CriterionID: c1.ID, Rating: 5},
			{AccountID: rated.ID, CriterionID: c2.ID, Rating: -5},
			{AccountID: other.ID, CriterionID: c1.ID, Rating: 0},
		} {
			if err := w.svc.Rate(ctx, w.admin, r); err != nil {
				t.Fatal(err)
			}
		}
		// The same figure the method computes: (8·100 + 2·0) / 10 = 80.
		want := *method.IdealScore([]kam.Criterion{c1, c2}, []kam.CriterionRating{{CriterionID: c1.ID, Rating: 5}, {CriterionID: c2.ID, Rating: -5}})
		ids := []int64{rated.ID, unrated.ID, other.ID, rated.ID, 999999}
		tests := []struct {
			name  string
			actor kam.Actor
			want  map[int64]float64
		}{
			{"the owner gets their rated account only", w.a1, map[int64]float64{rated.ID: want}},
			{"the manager gets the team's", w.mA, map[int64]float64{rated.ID: want}},
			{"another team's rep gets only their own", w.b1, map[int64]float64{other.ID: 50}},
			{"the admin gets every rated account", w.admin, map[int64]float64{rated.ID: want, other.ID: 50}},
			{"a teammate without a share gets nothing", w.a2, map[int64]float64{}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				got, err := w.svc.IdealScores(ctx, tc.actor, ids)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != len(tc.want) {
					t.Fatalf("scores = %v, want %v", got, tc.want)
				}
				for id, v := range tc.want {
					if g, ok := got[id]; !ok || math.Abs(g-v) > 1e-9 {
						t.Errorf("score of %d = %v (present %v), want %v", id, g, ok, v)
					}
				}
			})
		}
		t.Run("no ids give an empty map", func(t *testing.T) {
			got, err := w.svc.IdealScores(ctx, w.admin, nil)
			if err != nil || got == nil || len(got) != 0 {
				t.Errorf("IdealScores(nil) = %v, %v; want an empty map", got, err)
			}
		})
	})
}
