package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"strconv"

	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
)

// resource is one stored kind served by the six generic routes: list, get,
// create, update, delete (to the trash) and restore.
type resource[T any] struct {
	// plural is the URL segment: "accounts".
	plural string
	// one names a record, for the document: T("account", "客户企业").
	one kam.Text
	e   *service.Entity[T]
	// filter is the zero store filter of this kind: its fields declare the
	// list's query parameters (filters.go).
	filter store.Filter[T]
	// search says what the q filter matches ("name or title"), for the
	// document; "name" when empty.
	search string
	// create replaces the default create (decode into T, Entity.Create);
	// createBody then documents its body.
	create     func(ctx context.Context, a kam.Actor, m map[string]json.RawMessage) (T, error)
	createBody reflect.Type
}

// page is one page of a list. Next is the cursor of the following page (pass
// it as ?after=), empty on the last page.
type page[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next"`
}

// routes returns the six routes of the resource.
func (res resource[T]) routes() []route {
	t := reflect.TypeFor[T]()
	if _, ok := t.FieldByName("Meta"); !ok {
		panic("api: resource " + res.plural + " has no kam.Meta")
	}
	query := filterQuery(res.filter, res.search)
	createBody := t
	if res.createBody != nil {
		createBody = res.createBody
	}
	base, item := "/"+res.plural, "/"+res.plural+"/{id}"
	one := res.one
	return []route{
		{Method: "GET", Path: base, Tag: res.plural, Query: query, Status: 200, Resp: reflect.TypeFor[page[T]](), handle: res.list,
			Summary: kam.T("List "+one.EN+" records", "列出"+one.ZH)},
		{Method: "POST", Path: base, Tag: res.plural, Body: createBody, Status: 201, Resp: t, handle: res.createHandler,
			Summary: kam.T("Create a "+one.EN, "新建"+one.ZH)},
		{Method: "GET", Path: item, Tag: res.plural, Entity: res.plural, Status: 200, Resp: t, handle: res.get,
			Summary: kam.T("Get a "+one.EN, "查看"+one.ZH)},
		{Method: "PATCH", Path: item, Tag: res.plural, Entity: res.plural, Body: reflect.TypeFor[patch[T]](), Status: 200, Resp: t, handle: res.update,
			Summary: kam.T("Change fields of a "+one.EN+" (send \"version\")", "修改"+one.ZH+"的字段（需提供 version）")},
		{Method: "DELETE", Path: item, Tag: res.plural, Entity: res.plural, Status: 204, handle: res.delete,
			Query:   []param{{Name: "version", Type: "integer", Desc: "the version last seen (or send If-Match)"}},
			Summary: kam.T("Move a "+one.EN+" to the trash", "将"+one.ZH+"移入回收站")},
		{Method: "POST", Path: item + "/restore", Tag: res.plural, Entity: res.plural, Status: 200, Resp: t, handle: res.restore,
			Summary: kam.T("Restore a "+one.EN+" from the trash", "从回收站恢复"+one.ZH)},
	}
}

// patch documents a PATCH body: any fields of T, plus the version last seen.
type patch[T any] struct{}

func metaOf[T any](v *T) *kam.Meta {
	return reflect.ValueOf(v).Elem().FieldByName("Meta").Addr().Interface().(*kam.Meta)
}

func (res resource[T]) list(w http.ResponseWriter, r *http.Request, c *call) error {
	f, err := listFilter(r, res.plural, res.filter)
	if err != nil {
		return err
	}
	items, next, err := res.e.List(r.Context(), c.actor, f)
	if err != nil {
		return err
	}
	writePage(w, r, items, next)
	return nil
}

// writePage sends a page, with a Link header to the next one.
func writePage[T any](w http.ResponseWriter, r *http.Request, items []T, next int64) {
	if items == nil {
		items = []T{}
	}
	p := page[T]{Items: items}
	if next != 0 {
		p.Next = strconv.FormatInt(next, 10)
		q := r.URL.Query()
		cursor := "after"
		if r.URL.Path == Prefix+"/audit" {
			cursor = "before"
		}
		q.Set(cursor, p.Next)
		u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
		w.Header().Set("Link", "<"+u.String()+`>; rel="next"`)
	}
	writeJSON(w, http.StatusOK, p)
}

func (res resource[T]) get(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	v, err := res.e.Get(r.Context(), c.actor, id)
	if err != nil {
		return err
	}
	writeRecord(w, http.StatusOK, &v)
	return nil
}

// writeRecord sends a record with its version as ETag.
func writeRecord[T any](w http.ResponseWriter, status int, v *T) {
	w.Header().Set("ETag", `"`+strconv.FormatInt(metaOf(v).Version, 10)+`"`)
	writeJSON(w, status, v)
}

func (res resource[T]) createHandler(w http.ResponseWriter, r *http.Request, c *call) error {
	m, err := readObject(w, r)
	if err != nil {
		return err
	}
	if err := localTimes(m, c.actor.Location); err != nil {
		return err
	}
	var v T
	if res.create != nil {
		v, err = res.create(r.Context(), c.actor, m)
	} else {
		if err := applyFields(m, &v); err != nil {
			return withProblems(err, m, func() error { return res.e.Check(r.Context(), c.actor, nil, v) })
		}
		v, err = res.e.Create(r.Context(), c.actor, v)
	}
	if err != nil {
		return err
	}
	w.Header().Set("Location", Prefix+"/"+res.plural+"/"+strconv.FormatInt(metaOf(&v).ID, 10))
	writeRecord(w, http.StatusCreated, &v)
	return nil
}

func (res resource[T]) update(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	m, err := readObject(w, r)
	if err != nil {
		return err
	}
	given, err := bodyVersion(m)
	if err != nil {
		return err
	}
	if err := localTimes(m, c.actor.Location); err != nil {
		return err
	}
	version, err := readVersion(r, given)
	if err != nil {
		return err
	}
	// Check the body on an empty record first, so a malformed patch is
	// refused as such even when the version is stale.
	var probe T
	if err := applyFields(m, &probe); err != nil {
		return withProblems(err, m, func() error { return res.e.Check(r.Context(), c.actor, nil, probe) })
	}
	v, err := res.e.Update(r.Context(), c.actor, id, version, func(cur *T) error {
		return applyFields(m, cur)
	})
	if err != nil {
		return err
	}
	writeRecord(w, http.StatusOK, &v)
	return nil
}

func (res resource[T]) delete(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	q := query{r: r}
	given := q.id("version")
	if q.err != nil {
		return q.err
	}
	version, err := readVersion(r, given)
	if err != nil {
		return err
	}
	if err := res.e.Delete(r.Context(), c.actor, id, version); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (res resource[T]) restore(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	v, err := res.e.Restore(r.Context(), c.actor, id)
	if err != nil {
		return err
	}
	writeRecord(w, http.StatusOK, &v)
	return nil
}

// enumStrings lists an enum's values as strings.
func enumStrings[E ~string](vs []E) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}
