package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"

	"kam/internal/kam"
	"kam/internal/service"
)

// document fetches and parses the OpenAPI document through the handler.
func document(t *testing.T) (*server, map[string]any) {
	t.Helper()
	s := newServer(service.New(nil, service.Options{}), nil)
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest("GET", Prefix+"/openapi.json", nil))
	if w.Code != http.StatusOK {
		t.Fatalf("openapi.json: %d", w.Code)
	}
	var doc map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
		t.Fatalf("openapi.json is not JSON: %v", err)
	}
	return s, doc
}

func TestOpenAPIDocumentsExactlyTheRegisteredRoutes(t *testing.T) {
	t.Parallel()
	s, doc := document(t)
	if doc["openapi"] != "3.1.0" {
		t.Fatalf("openapi = %v, want 3.1.0", doc["openapi"])
	}
	var documented []string
	for path, item := range doc["paths"].(map[string]any) {
		for method := range item.(map[string]any) {
			documented = append(documented, strings.ToUpper(method)+" "+path)
		}
	}
	registered := s.Routes()
	slices.Sort(documented)
	slices.Sort(registered)
	for _, r := range registered {
		if _, found := slices.BinarySearch(documented, r); !found {
			t.Errorf("registered but not documented: %s", r)
		}
	}
	for _, d := range documented {
		if _, found := slices.BinarySearch(registered, d); !found {
			t.Errorf("documented but not registered: %s", d)
		}
	}
	// Every registered pattern answers through the mux: none is shadowed.
	for _, rt := range s.routes {
		path := strings.NewReplacer("{id}", "1", "{team_id}", "2").Replace(Prefix + rt.Path)
		if _, pattern := s.mux.Handler(httptest.NewRequest(rt.Method, path, nil)); pattern != rt.Method+" "+Prefix+rt.Path {
			t.Errorf("%s %s is served by %q", rt.Method, path, pattern)
		}
	}
	if len(registered) < 14*6+10 {
		t.Errorf("only %d routes registered", len(registered))
	}
}

func TestOpenAPIOperationsAreComplete(t *testing.T) {
	t.Parallel()
	_, doc := document(t)
	ids := map[string]bool{}
	for path, item := range doc["paths"].(map[string]any) {
		for method, raw := range item.(map[string]any) {
			op := raw.(map[string]any)
			id, _ := op["operationId"].(string)
			if id == "" || ids[id] {
				t.Errorf("%s %s: operationId %q missing or repeated", method, path, id)
			}
			ids[id] = true
			// A missing key is nil, not "": read both as strings.
			en, _ := op["summary"].(string)
			zh, _ := op["description"].(string)
			if strings.TrimSpace(en) == "" || !strings.ContainsFunc(zh, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
				t.Errorf("%s %s lacks a bilingual summary: %q / %q", method, path, en, zh)
			}
			params, _ := op["parameters"].([]any)
			for _, name := range pathParams(path) {
				if !slices.ContainsFunc(params, func(p any) bool {
					m := p.(map[string]any)
					return m["name"] == name && m["in"] == "path"
				}) {
					t.Errorf("%s %s does not document path parameter %s", method, path, name)
				}
			}
			if _, ok := op["responses"].(map[string]any); !ok {
				t.Errorf("%s %s has no responses", method, path)
			}
		}
	}
}

// labelsOf is the x-labels object of an enum's values as JSON decodes it:
// value → {"en": …, "zh": …}, kam's table's words.
func labelsOf[T ~string](values []T) map[string]any {
	out := map[string]any{}
	for _, v := range values {
		l := kam.Label(v)
		out[string(v)] = map[string]any{"en": l.EN, "zh": l.ZH}
	}
	return out
}

func TestOpenAPISchemasFollowTheGoTypes(t *testing.T) {
	t.Parallel()
	_, doc := document(t)
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	for _, name := range []string{"User", "Team", "Account", "AccountRelation", "OrgUnit", "Contact", "ContactLink", "Opportunity",
		"BuyingInfluence", "SWOTItem", "Action", "Interaction", "Criterion", "Quota", "ContactFeedback", "AccountShare",
		"CriterionRating", "APIToken", "AuditRecord", "Problem"} {
		if _, ok := schemas[name]; !ok {
			t.Errorf("component schema %s is missing", name)
		}
	}
	prop := func(schema, field string) map[string]any {
		t.Helper()
		p, ok := schemas[schema].(map[string]any)["properties"].(map[string]any)[field].(map[string]any)
		if !ok {
			t.Fatalf("%s.%s is not documented", schema, field)
		}
		return p
	}
	cases := []struct {
		name, schema, field string
		want                map[string]any
	}{
		{"an enum lists kam's values and their labels", "Opportunity", "level", map[string]any{"type": "string", "enum": toAny(enumStrings(kam.FunnelLevels)),
			"x-labels": labelsOf(kam.FunnelLevels)}},
		{"a date is a nullable string of format date", "Opportunity", "close_date", map[string]any{"type": []any{"string", "null"}, "format": "date"}},
		{"a pointer to int is a nullable integer", "BuyingInfluence", "rating", map[string]any{"type": []any{"integer", "null"}}},
		{"a list of enums is an array", "BuyingInfluence", "roles", map[string]any{"type": []any{"array", "null"}, "items": map[string]any{"type": "string", "enum": toAny(enumStrings(kam.BuyingRoles)), "x-labels": labelsOf(kam.BuyingRoles)}}},
		{"ids are int64 and read-only", "Account", "id", map[string]any{"type": "integer", "format": "int64", "readOnly": true}},
		{"a time is a date-time", "Interaction", "at", map[string]any{"type": "string", "format": "date-time"}},
		{"the deleted time is nullable and read-only", "Contact", "deleted_at", map[string]any{"type": []any{"string", "null"}, "format": "date-time", "readOnly": true}},
		{"a nested struct is a reference, the list capped", "Interaction", "feedback", map[string]any{"type": []any{"array", "null"}, "items": map[string]any{"$ref": "#/components/schemas/ContactFeedback"}, "maxItems": float64(kam.MaxListItems)}},
		{"a list of ids is capped and unique", "Action", "participant_ids", map[string]any{"type": []any{"array", "null"}, "items": map[string]any{"type": "integer", "format": "int64"}, "maxItems": float64(kam.MaxListItems), "uniqueItems": true}},
		{"our users of an interaction are capped and unique", "Interaction", "user_ids", map[string]any{"type": []any{"array", "null"}, "items": map[string]any{"type": "integer", "format": "int64"}, "maxItems": float64(kam.MaxListItems), "uniqueItems": true}},
		{"the problem lists field errors", "Problem", "errors", map[string]any{"type": "object", "additionalProperties": map[string]any{"type": "string"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := prop(c.schema, c.field); !reflect.DeepEqual(got, c.want) {
				t.Errorf("%s.%s = %v, want %v", c.schema, c.field, got, c.want)
			}
		})
	}
	if _, ok := schemas["User"].(map[string]any)["properties"].(map[string]any)["password_hash"]; ok {
		t.Error("the user schema documents the password hash")
	}
	// Every component is built from a Go type the routes reach, and
	// documents exactly that type's JSON fields.
	s, _ := document(t)
	// Every error answers a Problem.
	types := map[string]reflect.Type{}
	componentTypes(problemType, types)
	for _, rt := range s.routes {
		for _, typ := range []reflect.Type{rt.Body, rt.Resp} {
			if typ != nil {
				componentTypes(typ, types)
			}
		}
	}
	if len(types) < 20 {
		t.Fatalf("the routes reach only %d component types", len(types))
	}
	for name, raw := range schemas {
		typ, ok := types[name]
		if !ok {
			t.Errorf("component %s is built from no Go type the routes reach", name)
			continue
		}
		props, _ := raw.(map[string]any)["properties"].(map[string]any)
		want := map[string]bool{}
		for _, f := range jsonFields(typ) {
			want[f.Name] = true
			if _, ok := props[f.Name]; !ok {
				t.Errorf("%s does not document %s", name, f.Name)
			}
		}
		for field := range props {
			if !want[field] {
				t.Errorf("%s documents %s, which %s has not", name, field, typ)
			}
		}
	}
	for name := range types {
		if _, ok := schemas[name]; !ok {
			t.Errorf("%s is reached by a route but is no component", name)
		}
	}
}

// componentTypes files, under its component name, every struct type t
// reaches that the document makes a component.
func componentTypes(t reflect.Type, into map[string]reflect.Type) {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		componentTypes(t.Elem(), into)
	case reflect.Struct:
		if t == timeType || t == dateType {
			return
		}
		if name := componentName(t); name != "" {
			if _, seen := into[name]; seen {
				return
			}
			into[name] = t
		}
		for _, f := range jsonFields(t) {
			componentTypes(f.Type, into)
		}
	}
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
