package web

import (
	"net/http"
	"net/url"
	"testing"

	"kam/internal/kam"
)

// inLocale switches c's language.
func inLocale(t *testing.T, c *client, l kam.Locale) {
	t.Helper()
	mustStatus(t, c.post("/lang", url.Values{"lang": {string(l)}, "next": {"/"}}), http.StatusSeeOther)
}

// TestFunnelHistoryWindow: the funnel names the closing days its win rates
// come from, in both languages — the four full quarters before today's
// (2026-03-02) for the current period, and the four before a past period.
func TestFunnelHistoryWindow(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	for _, tc := range []struct {
		period string
		en, zh string
	}{
		{"2026Q1", "Win rates from the deals closed 2025-01-01 – 2025-12-31", "赢率依据 2025-01-01 至 2025-12-31 期间结束的商机"},
		{"2025Q2", "Win rates from the deals closed 2024-04-01 – 2025-03-31", "赢率依据 2024-04-01 至 2025-03-31 期间结束的商机"},
	} {
		for _, l := range []kam.Locale{kam.LocaleEN, kam.LocaleZH} {
			inLocale(t, w.c, l)
			r := w.c.get("/funnel?period=" + tc.period)
			mustStatus(t, r, http.StatusOK)
			want := tc.en
			if l == kam.LocaleZH {
				want = tc.zh
			}
			mustContain(t, r, `<p class="hint" id="win-window">`+want+`</p>`)
		}
	}
}
