package api

import (
	"net/http"
	"reflect"
	"slices"
	"time"

	"kam/internal/kam"
	"kam/internal/store"
)

// A list's query parameters are the `query` tags of its store filter type
// (store.AccountFilter for /accounts, …), the options every list takes
// first: the store and the API read one declaration. This file documents
// each name and reads a query into a filter.

// filterParams documents every list filter a store filter type declares
// beyond the options every list takes.
var filterParams = map[string]param{
	"account_id":     {Name: "account_id", Type: "integer", Desc: "records of this account (客户企业)"},
	"owner_id":       {Name: "owner_id", Type: "integer", Desc: "records owned by this user"},
	"opportunity_id": {Name: "opportunity_id", Type: "integer", Desc: "records of this opportunity (商机)"},
	"contact_id":     {Name: "contact_id", Type: "integer", Desc: "records about this contact (联系人)"},
	"team_id":        {Name: "team_id", Type: "integer", Desc: "records of this team"},
	"user_id":        {Name: "user_id", Type: "integer", Desc: "records of this user (quotas; interactions they took part in; buyers they are counterpart of; teams they manage)"},
	"level":          {Name: "level", Type: "string", Desc: "opportunities at this funnel level (漏斗位置)", Enum: enumStrings(kam.FunnelLevels)},
	"q":              {Name: "q", Type: "string", Desc: "a case-insensitive substring of the name (Chinese works: 战略营)"},
	"industry":       {Name: "industry", Type: "string", Desc: "accounts whose industry (行业) holds this case-insensitive substring"},
	"region":         {Name: "region", Type: "string", Desc: "accounts whose region (区域) holds this case-insensitive substring"},
	"parent_id":      {Name: "parent_id", Type: "integer", Desc: "accounts directly under this parent account in the group tree (集团结构)"},
}

// commonParams document store.ListOptions, which every list takes.
var commonParams = []param{
	{Name: "after", Type: "integer", Desc: "the cursor: the \"next\" of the previous page"},
	{Name: "limit", Type: "integer", Desc: "page size, 1–500, default 50"},
	{Name: "updated_since", Type: "string", Format: "date-time", Desc: "records changed at or after this RFC 3339 instant"},
	{Name: "deleted", Type: "boolean", Desc: "true lists the trash instead of live records"},
}

// notInEnum is what a filter with an Enum says of a value outside it.
var notInEnum = map[string]kam.Text{
	"level": kam.T("is not a funnel level", "不是有效的漏斗位置"),
}

// filterField is one query parameter of a filter type.
type filterField struct {
	param
	index  []int // of the field, for reflect.Value.FieldByIndex
	common bool  // declared by store.ListOptions
}

// filterFields lists the query parameters filter type t declares, in field
// order (the embedded store.ListOptions first). It panics on a name this
// file does not document, so that the routes fail at start-up.
func filterFields(t reflect.Type) []filterField {
	var out []filterField
	for _, sf := range reflect.VisibleFields(t) {
		name, ok := sf.Tag.Lookup("query")
		if !ok {
			continue
		}
		common := len(sf.Index) > 1 && t.Field(sf.Index[0]).Type == reflect.TypeFor[store.ListOptions]()
		var p param
		if common {
			i := slices.IndexFunc(commonParams, func(p param) bool { return p.Name == name })
			if i < 0 {
				panic("api: store.ListOptions declares an undocumented filter " + name)
			}
			p = commonParams[i]
		} else if p, ok = filterParams[name]; !ok {
			panic("api: " + t.String() + " declares an undocumented filter " + name)
		}
		if p.Enum != nil && notInEnum[name].EN == "" {
			panic("api: filter " + name + " has values but no message for another value")
		}
		out = append(out, filterField{param: p, index: sf.Index, common: common})
	}
	return out
}

// filterQuery documents the query parameters of filter f; search says
// what q matches ("name or title"), "name" when empty.
func filterQuery(f any, search string) []param {
	var out []param
	for _, ff := range filterFields(reflect.TypeOf(f)) {
		p := ff.param
		if p.Name == "q" && search != "" {
			p.Desc = "a case-insensitive substring of the " + search + " (Chinese works: 战略营)"
		}
		out = append(out, p)
	}
	return out
}

// listFilter reads a list's query into a filter of zero's type. A filter of
// another list is refused rather than silently ignored; so is a page over
// store.MaxLimit and an enum filter's unknown value.
func listFilter[T any](r *http.Request, plural string, zero store.Filter[T]) (store.Filter[T], error) {
	t := reflect.TypeOf(zero)
	fields := filterFields(t)
	q := query{r: r}
	for name := range filterParams {
		if q.str(name) != "" && !slices.ContainsFunc(fields, func(ff filterField) bool { return ff.Name == name }) {
			return zero, &badRequest{Field: name, Msg: kam.T("is not a filter of "+plural, "不是 "+plural+" 的筛选条件")}
		}
	}
	v := reflect.New(t).Elem()
	for _, ff := range fields {
		fv := v.FieldByIndex(ff.index)
		switch {
		case fv.Type() == reflect.TypeFor[time.Time]():
			fv.Set(reflect.ValueOf(q.time(ff.Name)))
		case fv.Kind() == reflect.Int64:
			fv.SetInt(q.id(ff.Name))
		case fv.Kind() == reflect.Int:
			fv.SetInt(q.id(ff.Name))
		case fv.Kind() == reflect.Bool:
			fv.SetBool(q.boolean(ff.Name))
		case fv.Kind() == reflect.String && ff.Enum != nil:
			fv.SetString(q.str(ff.Name))
		case fv.Kind() == reflect.String:
			fv.SetString(q.term(ff.Name))
		default:
			panic("api: filter " + ff.Name + " has a type the query cannot fill: " + fv.Type().String())
		}
	}
	f := v.Interface().(store.Filter[T])
	if q.err != nil {
		return f, q.err
	}
	if f.Options().Limit > store.MaxLimit {
		return f, &badRequest{Field: "limit", Msg: kam.T("must be at most 500", "最多 500")}
	}
	for _, ff := range fields {
		if s := v.FieldByIndex(ff.index).String(); ff.Enum != nil && s != "" && !slices.Contains(ff.Enum, s) {
			return f, &badRequest{Field: ff.Name, Msg: notInEnum[ff.Name]}
		}
	}
	return f, nil
}
