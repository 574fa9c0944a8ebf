package web

import (
	"net/http"
	"strings"
	"testing"

	"kam/internal/kam"
	"kam/internal/service"
)

// TestFunnelDrawingCountsWonDeals: the funnel picture's won band counts the
// deals won in the period, in both languages (it read a level the report
// never fills and said 0).
func TestFunnelDrawingCountsWonDeals(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	if _, err := w.e.svc.Opportunities.Update(w.e.ctx, service.ActorOf(w.rep), w.opp.ID, w.opp.Version, func(o *kam.Opportunity) error {
		o.Level = kam.LevelWon
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, l := range []kam.Locale{kam.LocaleEN, kam.LocaleZH} {
		inLocale(t, w.c, l)
		r := w.c.get("/funnel?period=2026Q1")
		mustStatus(t, r, http.StatusOK)
		i := strings.Index(r.Body, `<g class="kam-fn-band kam-level-won">`)
		if i < 0 {
			t.Fatalf("%s: no won band in the funnel picture", l)
		}
		band := r.Body[i : i+strings.Index(r.Body[i:], "</g>")]
		want := map[kam.Locale]string{kam.LocaleEN: ">1 deal", kam.LocaleZH: ">1 个 · "}[l]
		if !strings.Contains(band, want) {
			t.Errorf("%s: the won band says %q, want %q", l, band, want)
		}
	}
}
