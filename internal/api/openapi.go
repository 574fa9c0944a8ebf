package api

import (
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"kam/internal/kam"
)

// jsonField is one field of a struct as encoding/json sees it.
type jsonField struct {
	Name string
	Type reflect.Type
}

// jsonFields lists the JSON fields of struct type t in declaration order,
// with embedded structs flattened, as encoding/json would.
func jsonFields(t reflect.Type) []jsonField {
	var out []jsonField
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		// An embedded struct, or pointer to one, lends its fields.
		if f.Anonymous && name == "" && ft.Kind() == reflect.Struct {
			out = append(out, jsonFields(ft)...)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, jsonField{Name: name, Type: f.Type})
	}
	return out
}

var fieldSets sync.Map // reflect.Type → map[string]bool

// fieldSet is the set of JSON field names of struct type t.
func fieldSet(t reflect.Type) map[string]bool {
	if m, ok := fieldSets.Load(t); ok {
		return m.(map[string]bool)
	}
	m := map[string]bool{}
	for _, f := range jsonFields(t) {
		m[f.Name] = true
	}
	fieldSets.Store(t, m)
	return m
}

// enumLabels names each value of enum type t in both languages, from kam's
// table (kam.Label): the words the pages, sheets and CLI show for it.
func enumLabels(t reflect.Type) obj {
	out := obj{}
	for _, s := range enums[t] {
		out[s] = kam.Label(reflect.ValueOf(s).Convert(t).Interface())
	}
	return out
}

// enums maps each of kam's enum types to its valid values.
var enums = map[reflect.Type][]string{
	reflect.TypeFor[kam.Role]():                enumStrings(kam.Roles),
	reflect.TypeFor[kam.Seniority]():           enumStrings(kam.Seniorities),
	reflect.TypeFor[kam.ContactStatus]():       enumStrings(kam.ContactStatuses),
	reflect.TypeFor[kam.ContactLinkKind]():     enumStrings(kam.ContactLinkKinds),
	reflect.TypeFor[kam.AccountRelationKind](): enumStrings(kam.AccountRelations),
	reflect.TypeFor[kam.ShareAccess]():         enumStrings(kam.ShareAccesses),
	reflect.TypeFor[kam.FunnelLevel]():         enumStrings(kam.FunnelLevels),
	reflect.TypeFor[kam.BuyingRole]():          enumStrings(kam.BuyingRoles),
	reflect.TypeFor[kam.Influence]():           enumStrings(kam.Influences),
	reflect.TypeFor[kam.ContactLevel]():        enumStrings(kam.ContactLevels),
	reflect.TypeFor[kam.ResponseMode]():        enumStrings(kam.ResponseModes),
	reflect.TypeFor[kam.RelationshipLevel]():   enumStrings(kam.RelationshipLevels),
	reflect.TypeFor[kam.SWOTKind]():            enumStrings(kam.SWOTKinds),
	reflect.TypeFor[kam.ActionStatus]():        enumStrings(kam.ActionStatuses),
	reflect.TypeFor[kam.InteractionKind]():     enumStrings(kam.InteractionKinds),
	reflect.TypeFor[kam.Outcome]():             enumStrings(kam.Outcomes),
	reflect.TypeFor[kam.Feedback]():            enumStrings(kam.Feedbacks),
	reflect.TypeFor[kam.CriterionKind]():       enumStrings(kam.CriterionKinds),
	reflect.TypeFor[kam.Locale]():              enumStrings(kam.Locales),
	reflect.TypeFor[kam.QuestionKind]():        enumStrings(kam.QuestionKinds),
	reflect.TypeFor[kam.NeedKind]():            enumStrings(kam.NeedKinds),
	reflect.TypeFor[kam.CommitmentMet]():       enumStrings(kam.CommitmentMets),
}

// obj is a JSON object of the document.
type obj = map[string]any

// schemas turns Go types into JSON Schema (the 2020-12 dialect OpenAPI 3.1
// uses). kam's named structs become components, referenced by name.
type schemas struct {
	components obj
}

var (
	timeType    = reflect.TypeFor[time.Time]()
	dateType    = reflect.TypeFor[kam.Date]()
	kamPkg      = reflect.TypeFor[kam.Meta]().PkgPath()
	problemType = reflect.TypeFor[problem]()
)

// of returns the schema of t.
func (g *schemas) of(t reflect.Type) obj {
	switch {
	case t == timeType:
		return obj{"type": "string", "format": "date-time"}
	case t == dateType:
		// The zero date is sent as null.
		return obj{"type": []string{"string", "null"}, "format": "date"}
	case enums[t] != nil:
		return obj{"type": "string", "enum": enums[t], "x-labels": enumLabels(t)}
	}
	switch t.Kind() {
	case reflect.Pointer:
		s := g.of(t.Elem())
		if ty, ok := s["type"].(string); ok {
			s["type"] = []string{ty, "null"}
			return s
		}
		return obj{"oneOf": []any{s, obj{"type": "null"}}}
	case reflect.Bool:
		return obj{"type": "boolean"}
	case reflect.Int64:
		return obj{"type": "integer", "format": "int64"}
	case reflect.Int, reflect.Int32, reflect.Int16, reflect.Int8:
		return obj{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return obj{"type": "number"}
	case reflect.String:
		return obj{"type": "string"}
	case reflect.Slice:
		// A nil slice is sent as null.
		return obj{"type": []string{"array", "null"}, "items": g.of(t.Elem())}
	case reflect.Map:
		return obj{"type": "object", "additionalProperties": g.of(t.Elem())}
	case reflect.Interface:
		return obj{}
	case reflect.Struct:
		name := componentName(t)
		if name == "" {
			return g.object(t)
		}
		if _, ok := g.components[name]; !ok {
			g.components[name] = obj{} // a placeholder stops recursion
			g.components[name] = g.object(t)
		}
		return obj{"$ref": "#/components/schemas/" + name}
	}
	return obj{}
}

// componentName is the component a struct type is filed under: kam's types
// by their name, the problem document as Problem; "" inlines the type.
func componentName(t reflect.Type) string {
	switch {
	case t == problemType:
		return "Problem"
	case t.PkgPath() == kamPkg:
		return t.Name()
	}
	return ""
}

// object is the schema of a struct's JSON object.
func (g *schemas) object(t reflect.Type) obj {
	props := obj{}
	for _, f := range jsonFields(t) {
		s := g.of(f.Type)
		if unique, ok := listCaps[t][f.Name]; ok {
			s["maxItems"] = kam.MaxListItems
			if unique {
				s["uniqueItems"] = true
			}
		}
		if readOnly[f.Name] {
			if _, ref := s["$ref"]; !ref {
				s["readOnly"] = true
			}
		}
		props[f.Name] = s
	}
	return obj{"type": "object", "properties": props}
}

// patchSchema documents a PATCH body of T: any of its writable fields, and
// the version last seen.
func (g *schemas) patchSchema(t reflect.Type) obj {
	props := obj{"version": obj{"type": "integer", "format": "int64", "minimum": 1,
		"description": "the version you last saw (or send If-Match)"}}
	for _, f := range jsonFields(t) {
		if !readOnly[f.Name] {
			props[f.Name] = g.of(f.Type)
		}
	}
	return obj{"type": "object", "properties": props, "additionalProperties": false}
}

// buildOpenAPI writes the OpenAPI 3.1 document of routes.
func buildOpenAPI(routes []route) []byte {
	g := &schemas{components: obj{}}
	g.of(problemType)
	paths := obj{}
	for _, rt := range routes {
		full := Prefix + rt.Path
		item, _ := paths[full].(obj)
		if item == nil {
			item = obj{}
			paths[full] = item
		}
		item[strings.ToLower(rt.Method)] = g.operation(rt)
	}
	doc := obj{
		"openapi": "3.1.0",
		"info": obj{
			"title":   "kam API",
			"version": "1",
			"description": "The JSON API of kam, key-account strategic selling (大客户战略销售). " +
				"Send an API token as `Authorization: Bearer <token>`. Errors are RFC 9457 problem documents.",
		},
		"paths": paths,
		"components": obj{
			"schemas": g.components,
			"securitySchemes": obj{
				"bearer": obj{"type": "http", "scheme": "bearer", "description": "an API token made with POST /api/v1/tokens or in the web interface"},
			},
		},
		"security": []any{obj{"bearer": []string{}}},
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic("api: openapi document: " + err.Error()) // only kam's own values go in
	}
	return b
}

// operation documents one route.
func (g *schemas) operation(rt route) obj {
	op := obj{
		"operationId": operationID(rt),
		"summary":     rt.Summary.EN,
		"description": rt.Summary.ZH,
		"tags":        []string{rt.Tag},
	}
	var params []any
	for _, p := range pathParams(rt.Path) {
		params = append(params, obj{"name": p, "in": "path", "required": true, "schema": obj{"type": "integer", "format": "int64"}})
	}
	for _, p := range rt.Query {
		s := obj{"type": p.Type}
		if p.Format != "" {
			s["format"] = p.Format
		}
		if p.Enum != nil {
			s["enum"] = p.Enum
		}
		params = append(params, obj{"name": p.Name, "in": "query", "description": p.Desc, "schema": s})
	}
	if versioned(rt) {
		params = append(params, obj{"name": "If-Match", "in": "header", "description": `the version last seen, quoted: "3"`, "schema": obj{"type": "string"}})
	}
	if params != nil {
		op["parameters"] = params
	}
	if rt.Body != nil {
		var s obj
		if strings.HasPrefix(rt.Body.Name(), "patch[") {
			s = g.patchSchema(rt.Resp)
		} else {
			s = createSchema(rt.Body, g.of(rt.Body))
		}
		op["requestBody"] = obj{"required": true, "content": obj{"application/json": obj{"schema": s}}}
	}
	ok := obj{"description": http.StatusText(rt.Status)}
	if rt.Resp != nil {
		ok["content"] = obj{"application/json": obj{"schema": g.of(rt.Resp)}}
	}
	if rt.Produces != "" {
		ok["content"] = obj{rt.Produces: obj{"schema": obj{"type": "string", "contentMediaType": rt.Produces}}}
	}
	if rt.Path == "/openapi.json" {
		ok["content"] = obj{"application/json": obj{"schema": obj{"type": "object"}}}
	}
	responses := obj{strconv.Itoa(rt.Status): ok}
	for _, code := range errorStatuses(rt) {
		responses[strconv.Itoa(code)] = obj{"description": http.StatusText(code),
			"content": obj{"application/problem+json": obj{"schema": obj{"$ref": "#/components/schemas/Problem"}}}}
	}
	op["responses"] = responses
	if rt.Public {
		op["security"] = []any{}
	}
	return op
}

// errorStatuses are the problem statuses a route may answer with.
func errorStatuses(rt route) []int {
	if rt.Public {
		return nil
	}
	codes := []int{http.StatusUnauthorized, http.StatusForbidden}
	if rt.Entity != "" {
		codes = append(codes, http.StatusNotFound)
	}
	if rt.Body != nil || rt.Query != nil || rt.Method == "DELETE" {
		codes = append(codes, http.StatusBadRequest, http.StatusUnprocessableEntity)
	}
	if rt.Body != nil {
		codes = append(codes, http.StatusRequestEntityTooLarge)
	}
	if versioned(rt) {
		codes = append(codes, http.StatusConflict)
	}
	slices.Sort(codes)
	return slices.Compact(append(codes, http.StatusInternalServerError))
}

// operationID names an operation after its method and path:
// "GET /accounts/{id}/shares" → "getAccountsIdShares".
func operationID(rt route) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(rt.Method))
	for part := range strings.FieldsFuncSeq(rt.Path, func(r rune) bool { return r == '/' || r == '_' || r == '.' || r == '{' || r == '}' }) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

// versioned reports whether a route changes a record under a version check:
// a PATCH, or a DELETE that takes the version.
func versioned(rt route) bool {
	if rt.Method == "PATCH" {
		return true
	}
	return rt.Method == "DELETE" && slices.ContainsFunc(rt.Query, func(p param) bool { return p.Name == "version" })
}
