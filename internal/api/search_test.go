package api

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kam/internal/store"
)

// A search term is bounded like a name: a longer one names nothing and would
// only make every row's LIKE slow.
func TestSearchTermsAreBounded(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		long := url.QueryEscape(strings.Repeat("华", 5000))
		cases := []struct {
			name, path string
			status     int
		}{
			{"a long list filter is refused", Prefix + "/accounts?q=" + long, http.StatusBadRequest},
			{"a long search is refused", Prefix + "/search?q=" + long, http.StatusBadRequest},
			{"a name-sized search is answered", Prefix + "/search?q=" + url.QueryEscape(strings.Repeat("华", 200)), http.StatusOK},
			{"a name-sized list filter is answered", Prefix + "/contacts?q=" + url.QueryEscape(strings.Repeat("王", 200)), http.StatusOK},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				w := f.do(request{method: "GET", path: c.path, as: "r1a"})
				if w.Code != c.status {
					t.Fatalf("status %d, want %d: %s", w.Code, c.status, w.Body)
				}
				if c.status == http.StatusBadRequest && !strings.Contains(w.Body.String(), `"q"`) {
					t.Fatalf("the problem does not name q: %s", w.Body)
				}
			})
		}
	})
}
