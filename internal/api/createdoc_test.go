package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"

	"kam/internal/kam"
)

// requestSchema returns the documented request body schema of a route.
func requestSchema(t *testing.T, doc map[string]any, rt route) map[string]any {
	t.Helper()
	op := doc["paths"].(map[string]any)[Prefix+rt.Path].(map[string]any)[strings.ToLower(rt.Method)].(map[string]any)
	body, _ := op["requestBody"].(map[string]any)
	s, _ := body["content"].(map[string]any)["application/json"].(map[string]any)["schema"].(map[string]any)
	return s
}

func strs(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

// TestCreateSchemasTellTheTruth: every create body of the document lists
// its required fields and defaults (createDocs), and they are what the
// server does: an empty body is refused naming exactly the required fields
// (and the first of a one-of group), all at once; a body with only those
// stores the documented defaults and fills the owner with the caller.
func TestCreateSchemasTellTheTruth(t *testing.T) {
	t.Parallel()
	f := newFixture(t, sqliteDB(t))
	_, doc := document(t)
	// Not creates: the settings, the duplicate checks (a probe answers
	// the records it resembles, whatever it holds) and the merges (they
	// move records; a body without into_id is refused naming it).
	notCreates := map[string]bool{"PUT /settings/redflags": true,
		"POST /accounts/duplicates": true, "POST /contacts/duplicates": true,
		"POST /accounts/{id}/merge": true, "POST /contacts/{id}/merge": true,
		// The debrief and the decision on a proposal act on a call plan
		// that exists, at its version.
		"POST /call_plans/{id}/debrief": true, "POST /call_plans/{id}/proposals/decide": true}
	for _, rt := range f.srv.routes {
		key := rt.Method + " " + rt.Path
		if rt.Body == nil || rt.Method == "PATCH" || notCreates[key] {
			continue
		}
		d, ok := createDocs[rt.Body]
		if !ok {
			t.Errorf("%s: create body %s has no createDocs entry", key, rt.Body)
			continue
		}
		s := requestSchema(t, doc, rt)
		var documented []string
		if r, ok := s["required"]; ok {
			documented = strs(r)
		}
		if !slices.Equal(documented, d.Required) {
			t.Errorf("%s: the document requires %v, want %v", key, documented, d.Required)
		}
		props, _ := s["properties"].(map[string]any)
		for field, v := range d.Defaults {
			p, _ := props[field].(map[string]any)
			if got, _ := json.Marshal(p["default"]); string(got) != string(mustJSON(t, v)) {
				t.Errorf("%s: %s documented default %s, want %v", key, field, got, v)
			}
		}
		if !fieldSet(rt.Body)[d.OneOf0()] && len(d.OneOf) > 0 {
			t.Errorf("%s: one-of field %s is not a field", key, d.OneOf0())
		}
		for _, field := range slices.Concat(d.Required, d.OneOf, mapKeys(d.Defaults), mapKeys(d.Filled)) {
			if !fieldSet(rt.Body)[field] {
				t.Errorf("%s: createDocs names %s, which %s has not", key, field, rt.Body)
			}
		}
		// The empty body.
		rq := request{method: rt.Method, path: Prefix + rt.Path, as: "admin", body: "{}"}
		if rt.Entity != "" {
			rq.path = f.walkRequest(rt, "admin").path
		}
		if key == "POST /me/password" {
			rq.as = "r1b"
		}
		w := f.do(rq)
		want := slices.Clone(d.Required)
		if len(d.OneOf) > 0 {
			want = append(want, d.OneOf0())
		}
		slices.Sort(want)
		if len(want) == 0 {
			if w.Code >= 300 {
				t.Errorf("%s {}: %d, want a success (nothing is required): %.300s", key, w.Code, w.Body)
			}
			continue
		}
		var p problem
		_ = json.Unmarshal(w.Body.Bytes(), &p)
		var got []string
		for k := range p.Errors {
			got = append(got, k)
		}
		slices.Sort(got)
		if w.Code != http.StatusUnprocessableEntity || !slices.Equal(got, want) {
			t.Errorf("%s {}: %d naming %v, want 422 naming %v: %.300s", key, w.Code, got, want, w.Body)
		}
	}
}

// OneOf0 is the field of a one-of group an empty body is blamed on.
func (d createDoc) OneOf0() string {
	if len(d.OneOf) == 0 {
		return ""
	}
	return d.OneOf[0]
}

func mapKeys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestCreateDefaultsAreStored: a create that sends only the required
// fields gets the documented defaults, and the caller as owner.
func TestCreateDefaultsAreStored(t *testing.T) {
	t.Parallel()
	f := newFixture(t, sqliteDB(t))
	cases := []struct {
		path string
		typ  reflect.Type
		body string
	}{
		{"/contacts", reflect.TypeFor[kam.Contact](), `{"account_id":{acct},"name":"默认值"}`},
		{"/opportunities", reflect.TypeFor[kam.Opportunity](), `{"account_id":{acct},"name":"默认值商机"}`},
		{"/buying_influences", reflect.TypeFor[kam.BuyingInfluence](), `{"opportunity_id":{opp},"contact_id":{tech}}`},
		{"/actions", reflect.TypeFor[kam.Action](), `{"opportunity_id":{opp},"title":"默认"}`},
		{"/accounts", reflect.TypeFor[kam.Account](), `{"name":"默认客户"}`},
		{"/quotas", reflect.TypeFor[kam.Quota](), `{"period":"2027Q1","user_id":{r1a}}`},
	}
	for _, c := range cases {
		as := "r1a"
		if c.path == "/quotas" {
			as = "m1"
		}
		w := f.do(request{method: "POST", path: Prefix + c.path, as: as, body: c.body})
		if w.Code != http.StatusCreated {
			t.Errorf("POST %s: %d %.300s", c.path, w.Code, w.Body)
			continue
		}
		resp := decode[map[string]any](t, w)
		d := createDocs[c.typ]
		for field, v := range d.Defaults {
			if fmt.Sprint(resp[field]) != fmt.Sprint(v) {
				t.Errorf("POST %s: %s = %v, documented default %v", c.path, field, resp[field], v)
			}
		}
		if _, ok := d.Filled["owner_id"]; ok && resp["owner_id"] != float64(f.r1a.ID) {
			t.Errorf("POST %s: owner_id = %v, want the caller %d", c.path, resp["owner_id"], f.r1a.ID)
		}
	}
}
