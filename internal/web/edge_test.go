package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestQueryTextsAreCheckedAtTheEdge sends a NUL and invalid UTF-8 in the
// query parameters the pages read (q, industry, region, entity, …) to every
// GET page without a path parameter, on both databases: each answers 422
// naming the parameter, never 500 (PostgreSQL cannot keep or compare a
// NUL).
func TestQueryTextsAreCheckedAtTheEdge(t *testing.T) { eachDB(t, testQueryTextsAreCheckedAtTheEdge) }

func testQueryTextsAreCheckedAtTheEdge(t *testing.T, o envOptions) {
	e := newEnv(t, o)
	admin := e.signedIn(e.admin)
	params := []string{"q", "industry", "region", "entity", "period", "owner_id", "team_id", "level", "next"}
	checked := 0
	for _, rt := range e.app.routeTable() {
		if rt.Method != "GET" || strings.Contains(rt.Path, "{") && rt.Path != "/{$}" {
			continue
		}
		path := strings.TrimSuffix(rt.Path, "{$}")
		for _, p := range params {
			for _, bad := range []string{"a\x00b", "\xff\xfe"} {
				checked++
				r := admin.get(path + "?" + p + "=" + url.QueryEscape(bad))
				if r.Code != http.StatusUnprocessableEntity || !strings.Contains(r.Body, p+": ") {
					t.Errorf("GET %s?%s=%+q: %d, want 422 naming %s\n%.300s", path, p, bad, r.Code, p, r.Body)
				}
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d requests; the route table was not walked", checked)
	}
}

// TestFormOverTheLimitIs413: a form over 1 MiB answers 413 with the
// message that says so, not 403 "this form has expired" (the body was cut
// before the CSRF token was read).
func TestFormOverTheLimitIs413(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.signedIn(e.admin)
	form := url.Values{"name": {"华信集团"}, "notes": {strings.Repeat("长", maxForm/3+10)}}
	r := admin.post("/accounts", form)
	if r.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413\n%.500s", r.Code, r.Body)
	}
	mustContain(t, r, msg("en", "err.too_large.detail"))
}
