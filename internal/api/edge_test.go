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

// TestLongListsAreRefusedNotStored: the 10,923 participants that were a
// 500 on SQLite (too many SQL variables) and 10,922 copies of one contact
// that were stored are refused with 422 naming the field, on both
// databases.
func TestLongListsAreRefusedNotStored(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		many := make([]string, 10923)
		for i := range many {
			many[i] = itoa(f.coach.ID)
		}
		ids := "[" + strings.Join(many, ",") + "]"
		for _, c := range []struct{ path, body, field string }{
			{"/actions", `{"opportunity_id":{opp},"title":"拜访","participant_ids":` + ids + `}`, "participant_ids"},
			{"/actions", `{"opportunity_id":{opp},"title":"拜访","participant_ids":[{coach},{coach}]}`, "participant_ids[1]"},
			{"/interactions", `{"opportunity_id":{opp},"kind":"call","at":"2026-03-01T09:00:00Z","user_ids":` + strings.ReplaceAll(ids, itoa(f.coach.ID), itoa(f.r1a.ID)) + `}`, "user_ids"},
		} {
			w := f.do(request{method: "POST", path: Prefix + c.path, as: "r1a", body: c.body})
			var p problem
			_ = json.Unmarshal(w.Body.Bytes(), &p)
			if _, named := p.Errors[c.field]; w.Code != http.StatusUnprocessableEntity || !named {
				t.Errorf("POST %s with %s: %d %.300s, want 422 naming %s", c.path, c.field, w.Code, w.Body, c.field)
			}
		}
	})
}
