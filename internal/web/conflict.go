package web

import (
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"kam/internal/kam"
)

// Conflict is what changed in a record since the user opened the form:
// every field, current value beside the user's. Rows is first built from
// the raw JSON fields (labelled by the "f.<name>" catalogue entry where
// one exists); a form rendered from specs relabels it (labelled) with the
// form's own labels and option labels in the page's language.
type Conflict struct {
	Version int64
	Rows    []ConflictRow
	// current is the record as JSON fields, yours the posted values; partial
	// is set when the form posted only some of its fields (a buyer row, a
	// status-only button, the response-mode helper).
	current map[string]any
	yours   url.Values
	partial bool
}

// ConflictRow is one field of a conflict. Label is the field's label in
// the page's language ("" leaves the template to look it up by Field).
type ConflictRow struct {
	Field   string
	Label   string
	Current string
	Yours   string
	Changed bool
}

// conflictOf compares the current record (as its JSON fields) with the
// values the user submitted, for the fields the form has.
func conflictOf(current any, yours url.Values) *Conflict {
	c := &Conflict{yours: yours, partial: yours.Has("row") || yours.Has("status_only")}
	b, err := json.Marshal(current)
	if err != nil {
		return c
	}
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return c
	}
	c.current = m
	if v, ok := m["version"].(float64); ok {
		c.Version = int64(v)
	}
	keys := make([]string, 0, len(yours))
	for k := range yours {
		if _, ok := m[k]; ok && k != "version" && k != "id" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		cur := jsonValues(m[k], "")
		y := nonEmpty(yours[k])
		c.Rows = append(c.Rows, ConflictRow{Field: k, Current: strings.Join(cur, listSep), Yours: strings.Join(y, listSep),
			Changed: !sameSet(cur, y)})
	}
	return c
}

// listSep joins the values of a multi-valued field.
const listSep = ", "

// labelled rebuilds the rows for the fields of specs, in the form's order:
// each field by its label in l, each value through the labels the form
// shows (option labels, names for ids, ✓ for a checked box), several
// values joined. Fields the user did not post are left out, except boxes
// of a full form (an unchecked box posts nothing).
func (c *Conflict) labelled(l kam.Locale, specs []spec) {
	if c == nil || c.current == nil {
		return
	}
	var rows []ConflictRow
	for _, s := range specs {
		if s.Kind == "hidden" || s.Name == "version" || s.Name == "id" {
			continue
		}
		box := s.Kind == "checkbox" || s.Kind == "checks"
		if _, posted := c.yours[s.Name]; !posted && (!box || c.partial) {
			continue
		}
		// A field the record's JSON leaves out is empty (omitempty); a
		// select that offers "0" writes an empty id as 0.
		cur := jsonValues(c.current[s.Name], s.Kind)
		if _, inRecord := c.current[s.Name]; !inRecord && s.Kind == "select" && slices.ContainsFunc(s.Opts, func(o option) bool { return o.Value == "0" }) {
			cur = []string{"0"}
		}
		y := nonEmpty(c.yours[s.Name])
		if s.Kind == "checkbox" {
			y = boxValue(slices.ContainsFunc(y, func(v string) bool { return v == "on" || v == "true" || v == "1" }))
		}
		if s.Kind == "select" && len(cur) == 1 && cur[0] == "0" && !slices.ContainsFunc(s.Opts, func(o option) bool { return o.Value == "0" }) {
			cur = nil // an unset id
		}
		label := s.Text
		if label == "" {
			label = msg(l, s.Label)
		}
		rows = append(rows, ConflictRow{Field: s.Name, Label: label, Current: shownValues(l, s, cur), Yours: shownValues(l, s, y),
			Changed: !sameSet(cur, y)})
	}
	c.Rows = rows
}

// shownValues are values as the form labels them.
func shownValues(l kam.Locale, s spec, vals []string) string {
	if len(vals) == 0 {
		if s.Kind == "checkbox" {
			return msg(l, "conflict.unchecked")
		}
		return "—"
	}
	out := make([]string, 0, len(vals))
	for _, v := range vals {
		shown := v
		if s.Kind == "checkbox" {
			shown = msg(l, "conflict.checked")
		}
		for _, o := range s.Opts {
			if o.Value == v {
				shown = o.Label
				break
			}
		}
		out = append(out, shown)
	}
	return strings.Join(out, listSep)
}

func boxValue(on bool) []string {
	if on {
		return []string{"on"}
	}
	return nil
}

func nonEmpty(vals []string) []string {
	var out []string
	for _, v := range vals {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

// sameSet reports whether a and b hold the same values, in any order.
func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

// jsonValues turns a JSON field into the values a form holds for it: a
// list is its elements, true is a checked box, false and null nothing, and
// a time is written as a datetime-local input writes it.
func jsonValues(v any, kind string) []string {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, jsonValues(e, "")...)
		}
		return out
	case string:
		if x == "" {
			return nil
		}
		if kind == "datetime-local" {
			if t, err := time.Parse(time.RFC3339Nano, x); err == nil {
				return []string{t.UTC().Format("2006-01-02T15:04")}
			}
		}
		return []string{x}
	case float64:
		return []string{strconv.FormatFloat(x, 'f', -1, 64)}
	case bool:
		return boxValue(x)
	}
	b, _ := json.Marshal(v)
	return []string{string(b)}
}
