package service_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"kam/internal/kam"
	"kam/internal/method"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/storetest"
)

func ptr[T any](v T) *T { return &v }

// TestStrategySheetNamesTheHealthWeights closes deals one by one: below 30
// closed deals in scope the sheet's health says default weights; at 30 it
// says fitted, with the sample size and held-out AUC that /health/weights
// reports too.
func TestStrategySheetNamesTheHealthWeights(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newFunnelWorld(t, db)
		coach, err := w.svc.Contacts.Create(ctx, w.r1, kam.Contact{AccountID: w.acct1.ID, Name: "内线", Seniority: kam.SenioritySenior})
		if err != nil {
			t.Fatal(err)
		}
		boss, err := w.svc.Contacts.Create(ctx, w.r1, kam.Contact{AccountID: w.acct1.ID, Name: "总经理", Seniority: kam.SeniorityExecutive})
		if err != nil {
			t.Fatal(err)
		}
		// closeDeal makes a Best few deal and decides it on day; a won deal
		// had a supporting coach and a supporting, contacted Economic
		// buyer, a lost one neither: the history separates won from lost.
		closeDeal := func(i int, won bool) {
			t.Helper()
			day := kam.MustDate("2026-01-05").AddDays(i * 7).String()
			o := w.deal(t, w.r1, w.acct1, kam.LevelBestFew, 100_000, day)
			if won {
				for _, b := range []kam.BuyingInfluence{
					{OpportunityID: o.ID, ContactID: coach.ID, Roles: []kam.BuyingRole{kam.RoleCoach}, Influence: kam.InfluenceHigh,
						Rating: ptr(5), ContactLevel: kam.ContactFrequent, Mode: kam.ModeGrowth},
					{OpportunityID: o.ID, ContactID: boss.ID, Roles: []kam.BuyingRole{kam.RoleEconomic}, Influence: kam.InfluenceHigh,
						Rating: ptr(4), ContactLevel: kam.ContactFrequent, Mode: kam.ModeTrouble},
				} {
					if _, err := w.svc.BuyingInfluences.Create(ctx, w.r1, b); err != nil {
						t.Fatalf("buyer: %v", err)
					}
				}
			}
			o, err := w.svc.Opportunities.Get(ctx, w.r1, o.ID)
			if err != nil {
				t.Fatal(err)
			}
			outcome := kam.LevelLost
			if won {
				outcome = kam.LevelWon
			}
			saved := *w.now
			w.at(day)
			_, err = w.svc.Opportunities.Update(ctx, w.r1, o.ID, o.Version, func(v *kam.Opportunity) error {
				v.Level = outcome
				return nil
			})
			*w.now = saved
			if err != nil {
				t.Fatalf("close: %v", err)
			}
		}
		open := w.deal(t, w.r1, w.acct1, kam.LevelIn, 50_000, "2026-12-15")
		// 29 closed deals, 15 won and 14 lost: one short of a fit.
		for i := range 29 {
			closeDeal(i, i%2 == 0)
		}
		sheet := func() method.HealthReport {
			t.Helper()
			v, err := w.svc.Strategy(ctx, w.r1, open.ID)
			if err != nil {
				t.Fatal(err)
			}
			return v.Health
		}
		if h := sheet(); h.Weights != method.WeightsDefault || h.WeightsSamples != 0 || h.WeightsAUC != 0 {
			t.Errorf("29 closed deals: health weights %q (%d samples, AUC %v), want default", h.Weights, h.WeightsSamples, h.WeightsAUC)
		}
		if wt, _, err := w.svc.HealthFit(ctx, w.r1); err != nil || wt.Source != method.WeightsDefault {
			t.Errorf("29 closed deals: /health/weights %q, %v; want default", wt.Source, err)
		}

		// The 30th (lost) makes 15 won and 15 lost: enough once the cached
		// defaults expire.
		closeDeal(29, false)
		if h := sheet(); h.Weights != method.WeightsDefault {
			t.Errorf("within the cache's lifetime the sheet changed weights to %q", h.Weights)
		}
		*w.now = w.now.Add(16 * time.Minute)
		h := sheet()
		if h.Weights != method.WeightsFitted || h.WeightsSamples != 30 {
			t.Fatalf("30 closed deals: health weights %q with %d samples, want fitted with 30", h.Weights, h.WeightsSamples)
		}
		// The coach alone separates the history, so held-out deals are
		// ranked without a mistake.
		if h.WeightsAUC != 1 {
			t.Errorf("held-out AUC %v, want 1 on separable history", h.WeightsAUC)
		}
		wt, rep, err := w.svc.HealthFit(ctx, w.r1)
		if err != nil {
			t.Fatal(err)
		}
		if wt.Source != method.WeightsFitted || wt.Samples != h.WeightsSamples || wt.AUC != h.WeightsAUC || rep.AUC != h.WeightsAUC ||
			rep.NTrain+rep.NTest != 30 || wt.Bias != h.Bias {
			t.Errorf("/health/weights %q (%d samples, AUC %v, bias %v, split %d+%d) disagrees with the sheet (%d, %v, %v)",
				wt.Source, wt.Samples, wt.AUC, wt.Bias, rep.NTrain, rep.NTest, h.WeightsSamples, h.WeightsAUC, h.Bias)
		}
		if wt.W[method.FactorCoach] <= 0 {
			t.Errorf("fitted coach weight %v, want positive", wt.W[method.FactorCoach])
		}

		// A 31st closed deal waits for the cache to expire; new thresholds
		// change the findings the fit learns from, so saving them forgets
		// the cached fit at once.
		closeDeal(30, true)
		if h := sheet(); h.WeightsSamples != 30 {
			t.Errorf("within the cache's lifetime the fit changed to %d samples", h.WeightsSamples)
		}
		set, err := w.svc.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.svc.PutSettings(ctx, w.admin, set); err != nil {
			t.Fatal(err)
		}
		if h := sheet(); h.Weights != method.WeightsFitted || h.WeightsSamples != 31 {
			t.Errorf("after the thresholds were saved: %q with %d samples, want fitted anew with 31", h.Weights, h.WeightsSamples)
		}
	})
}

// TestFitSampleKeepsTheWinShare: with one outcome far more common than the
// other, the deals a health fit learns from are won in the same share as the
// history; capping each outcome apart would show the fit as many wins as
// losses, and inflate every fitted score.
func TestFitSampleKeepsTheWinShare(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newFunnelWorld(t, db)
		// 5,000 closed deals, five a day, every fifth won: 20% won.
		const n = 5000
		won := map[int64]bool{}
		start := kam.NewDate(2012, 1, 1)
		err := db.Write(ctx, func(tx *store.Tx) error {
			for i := range n {
				o := kam.Opportunity{AccountID: w.acct1.ID, OwnerID: w.r1.UserID, Name: fmt.Sprintf("deal %d", i),
					Level: kam.LevelLost, ReachedLevel: kam.LevelAbove, ClosedOn: start.AddDays(i / 5)}
				if i%5 == 0 {
					o.Level = kam.LevelWon
				}
				if err := store.Opportunities.Insert(ctx, tx, &o); err != nil {
					return err
				}
				if o.Level == kam.LevelWon {
					won[o.ID] = true
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		ids, err := service.FitSampleIDs(ctx, w.svc, w.admin)
		if err != nil {
			t.Fatal(err)
		}
		if len(ids) == 0 || len(ids) >= n {
			t.Fatalf("the fit reads %d of %d deals; want a bounded sample", len(ids), n)
		}
		wins := 0
		for _, id := range ids {
			if won[id] {
				wins++
			}
		}
		if share := float64(wins) / float64(len(ids)); share != 0.2 {
			t.Errorf("the sample is %.1f%% won (%d of %d); the history is 20%%", 100*share, wins, len(ids))
		}
	})
}
