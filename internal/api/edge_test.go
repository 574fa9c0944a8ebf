package api

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kam/internal/store"
)

// TestQueryTextsAreCheckedAtTheEdge sends a NUL and invalid UTF-8 in every
// documented query parameter of every GET route, on both databases: each
// answers 400 or 422 naming the parameter, never 500 (PostgreSQL cannot
// keep or compare a NUL), and logs no error.
func TestQueryTextsAreCheckedAtTheEdge(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		checked := 0
		for _, rt := range f.srv.routes {
			if rt.Method != "GET" || len(rt.Query) == 0 {
				continue
			}
			path := Prefix + rt.Path
			if rt.Entity != "" {
				path = f.walkRequest(rt, ownerOf(rt.Entity)).path
			}
			for _, p := range rt.Query {
				for _, bad := range []string{"a\x00b", "\xff\xfe"} {
					checked++
					name := rt.Method + " " + rt.Path + " ?" + p.Name + "=" + url.QueryEscape(bad)
					w := f.do(request{method: "GET", path: path + "?" + p.Name + "=" + url.QueryEscape(bad), as: "admin"})
					if w.Code != http.StatusBadRequest && w.Code != http.StatusUnprocessableEntity {
						t.Errorf("%s: %d, want 400 or 422: %.200s", name, w.Code, w.Body)
						continue
					}
					var pr problem
					if err := json.Unmarshal(w.Body.Bytes(), &pr); err != nil || !blames(pr, p.Name) {
						t.Errorf("%s: the answer does not name %s: %.300s", name, p.Name, w.Body)
					}
				}
			}
		}
		if checked < 40 {
			t.Errorf("only %d parameters checked; the route table was not walked", checked)
		}
		if strings.Contains(f.log.String(), "ERROR") {
			t.Errorf("errors were logged: %.500s", f.log.String())
		}
	})
}

// TestTokenNameIsCheckedText: a token's name with a NUL or a control
// character is refused naming the field, on both databases.
func TestTokenNameIsCheckedText(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		for _, body := range []string{`{"name":"a\u0000b"}`, `{"name":"a\u001bb"}`, "{\"name\":\"\xff\"}"} {
			w := f.do(request{method: "POST", path: Prefix + "/tokens", as: "r1a", body: body})
			var pr problem
			_ = json.Unmarshal(w.Body.Bytes(), &pr)
			if w.Code != http.StatusUnprocessableEntity || !blames(pr, "name") {
				t.Errorf("token %s: %d %.300s, want 422 naming name", body, w.Code, w.Body)
			}
		}
	})
}
