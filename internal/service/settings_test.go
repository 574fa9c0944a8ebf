package service_test

import (
	"context"
	"strings"
	"testing"

	"kam/internal/kam"
	"kam/internal/method"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/storetest"
)

// noNextActionDetail is the English detail of the no-next-action finding on
// rep r1's strategy sheet of opportunity id: it names the date the threshold
// in force gives.
func noNextActionDetail(t *testing.T, w *funnelWorld, id int64) string {
	t.Helper()
	v, err := w.svc.Strategy(context.Background(), w.r1, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range v.Findings {
		if f.Rule == method.RuleNoNextAction {
			return f.Detail.EN
		}
	}
	t.Fatalf("no %s finding", method.RuleNoNextAction)
	return ""
}

// The read paths keep the thresholds in memory; a change through
// PutSettings must show on the next strategy sheet all the same.
func TestChangedSettingsShowAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newFunnelWorld(t, db)
		o := w.deal(t, w.r1, w.acct1, kam.LevelAbove, 100_000, "2026-12-31")
		detail := func() string { t.Helper(); return noNextActionDetail(t, w, o.ID) }
		if d := detail(); !strings.Contains(d, "2026-12-04") { // 20 November + 14 days
			t.Fatalf("default threshold: %q", d)
		}
		set := method.DefaultSettings()
		set.NextActionDays = 30
		if err := w.svc.PutSettings(ctx, w.admin, set); err != nil {
			t.Fatal(err)
		}
		if d := detail(); !strings.Contains(d, "2026-12-20") {
			t.Fatalf("after the change: %q", d)
		}
		got, err := w.svc.Settings(ctx)
		if err != nil || got.NextActionDays != 30 {
			t.Fatalf("Settings = %+v, %v", got, err)
		}
	})
}

// A change committed while a strategy sheet is being read — after its read
// transaction began, before it read the thresholds — must not leave the old
// thresholds cached: the next sheet shows the change.
func TestSettingsChangedDuringAReadAreNotCachedStale(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newFunnelWorld(t, db)
		o := w.deal(t, w.r1, w.acct1, kam.LevelAbove, 100_000, "2026-12-31")
		detail := func() string { t.Helper(); return noNextActionDetail(t, w, o.ID) }
		// Empty the cache: the sheet below reads the thresholds afresh.
		if err := w.svc.PutSettings(ctx, w.admin, method.DefaultSettings()); err != nil {
			t.Fatal(err)
		}
		set := method.DefaultSettings()
		set.NextActionDays = 30
		service.SetAfterPicture(w.svc, func() {
			service.SetAfterPicture(w.svc, nil)
			if err := w.svc.PutSettings(ctx, w.admin, set); err != nil {
				t.Error(err)
			}
		})
		// This sheet began before the change: either threshold will do.
		_ = detail()
		if d := detail(); !strings.Contains(d, "2026-12-20") { // 20 November + 30 days
			t.Fatalf("the sheet after the change: %q", d)
		}
	})
}
