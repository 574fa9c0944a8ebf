package api

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"kam/internal/kam"
	"kam/internal/store"
)

// TestInteractionAtTakesADayInTheUsersZone: a plain day is 09:00 in the
// caller's time zone (李销售 is in Asia/Shanghai), a wall-clock time is read
// there too, an offset is kept, and anything else is refused naming the
// field in words, not with the JSON decoder's message.
func TestInteractionAtTakesADayInTheUsersZone(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		for _, tc := range []struct{ at, want string }{
			{"2026-01-02", "2026-01-02T01:00:00Z"},
			{"2026-01-02T14:30", "2026-01-02T06:30:00Z"},
			{"2026-01-02T14:30:00-05:00", "2026-01-02T19:30:00Z"},
		} {
			w := f.do(send("POST", Prefix+"/interactions", "r1a", `{"opportunity_id":{opp},"kind":"call","at":"`+tc.at+`","user_ids":[{r1a}]}`))
			if w.Code != http.StatusCreated {
				t.Errorf("at %q: %d %s", tc.at, w.Code, w.Body)
				continue
			}
			got := decode[kam.Interaction](t, w)
			if got.At.UTC().Format(time.RFC3339) != tc.want {
				t.Errorf("at %q: stored %s, want %s", tc.at, got.At.UTC().Format(time.RFC3339), tc.want)
			}
		}
		w := f.do(send("POST", Prefix+"/interactions", "r1a", `{"opportunity_id":{opp},"kind":"call","at":"02/01/2026","user_ids":[{r1a}]}`))
		body := w.Body.String()
		if w.Code < 400 || w.Code >= 500 || !strings.Contains(body, `"at"`) || !strings.Contains(body, "09:00") || strings.Contains(body, "parsing time") {
			t.Errorf("a bad at: %d %s", w.Code, body)
		}
	})
}

// TestExchangeRatesAPI: administrators keep rates, everyone reads them, and
// a funnel in another currency names the rate it used.
func TestExchangeRatesAPI(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		if w := f.do(send("POST", Prefix+"/exchange_rates", "r1a", `{"from":"USD","to":"CNY","rate":7,"on":"2026-01-01"}`)); w.Code != http.StatusForbidden {
			t.Errorf("a rep creates a rate: %d %s", w.Code, w.Body)
		}
		if w := f.do(send("POST", Prefix+"/exchange_rates", "admin", `{"from":"RMB","to":"USD","rate":0.14,"on":"2026-01-01"}`)); w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "CNY") {
			t.Errorf("a rate from RMB: %d %s", w.Code, w.Body)
		}
		if w := f.do(get(Prefix+"/exchange_rates", "r1a")); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"rate":7.1`) {
			t.Errorf("a rep lists rates: %d %s", w.Code, w.Body)
		}
		w := f.do(get(Prefix+"/funnel?owner_id={r1a}&period=2026&currency=USD", "r1a"))
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"currency":"USD"`) || !strings.Contains(w.Body.String(), `"from":"CNY","to":"USD"`) {
			t.Errorf("a funnel in USD: %d %s", w.Code, w.Body)
		}
	})
}
