package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"kam/internal/kam"
)

// Form is an HTML form's values and its field errors, so a refused form
// comes back with what the user typed and a message next to each field.
// Field names are the service's JSON field names ("email", "team_id"), so a
// *kam.ValidationError lands on the right input.
type Form struct {
	// Action is the URL the form posts to.
	Action string
	Values url.Values
	Errors map[string]kam.Text
	// Version is the record version the user edits; a conflict replaces it
	// with the current one, so re-submitting applies the user's values on
	// top of the newer record.
	Version int64
	// Conflict, when set, lists what changed since the user opened the form.
	Conflict *Conflict
	// Prefix, when set, makes the ids of the form's inputs unique on a page
	// that shows several forms of one kind: "f-<prefix>-<name>".
	Prefix string
	// Duplicates, when set, are the records in the user's scope the new one
	// seems to repeat (Value is the record's page, Label its name): the form
	// warns, links to them, and offers to create it anyway.
	Duplicates []option
}

// newForm returns an empty form posting to action.
func newForm(action string) *Form {
	return &Form{Action: action, Values: url.Values{}, Errors: map[string]kam.Text{}}
}

// formFrom reads a posted form (r.PostForm is parsed by the CSRF check).
func formFrom(r *http.Request, action string) (*Form, error) {
	if err := r.ParseForm(); err != nil {
		return nil, err
	}
	f := newForm(action)
	for k, v := range r.PostForm {
		if k != "csrf_token" {
			f.Values[k] = v
		}
	}
	f.Version, _ = strconv.ParseInt(f.Get("version"), 10, 64)
	return f, nil
}

// Get returns the value of field name.
func (f *Form) Get(name string) string { return f.Values.Get(name) }

// Set sets the value of field name.
func (f *Form) Set(name, value string) { f.Values.Set(name, value) }

// Int64 reads field name as a whole number; an unparsable value is a field
// error and 0.
func (f *Form) Int64(name string) int64 {
	s := strings.TrimSpace(f.Get(name))
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		f.Errors[name] = kam.T("must be a whole number", "必须是整数")
	}
	return n
}

// Bool reads a checkbox.
func (f *Form) Bool(name string) bool {
	v := f.Get(name)
	return v == "on" || v == "true" || v == "1"
}

// Invalid reports whether a field error was recorded.
func (f *Form) Invalid() bool { return len(f.Errors) > 0 }

// Err returns the recorded field errors as a *kam.ValidationError, or nil.
func (f *Form) Err() error {
	if len(f.Errors) == 0 {
		return nil
	}
	return &kam.ValidationError{Fields: f.Errors}
}

// Take records err on the form when it is a validation error or a version
// conflict, and reports whether it did; the handler then renders the form
// again (status from Status). Other errors are left to fail.
func (f *Form) Take(err error) bool {
	var v *kam.ValidationError
	if errors.As(err, &v) {
		for k, m := range v.Fields {
			f.Errors[k] = m
		}
		return true
	}
	var c *kam.ConflictError
	if errors.As(err, &c) {
		f.Conflict = conflictOf(c.Current, f.Values)
		f.Version = f.Conflict.Version
		return true
	}
	return false
}

// Status is the status to render the form with: 409 after a conflict, 422
// with field errors, else 200.
func (f *Form) Status() int {
	switch {
	case f.Conflict != nil:
		return http.StatusConflict
	case len(f.Errors) > 0:
		return http.StatusUnprocessableEntity
	}
	return http.StatusOK
}

// OtherErrors lists errors of fields the form has no input for, so no
// problem goes unshown.
func (f *Form) OtherErrors(shown ...string) []kam.Text {
	var out []kam.Text
	keys := make([]string, 0, len(f.Errors))
	for k := range f.Errors {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.Contains(shown, k) {
			out = append(out, f.Errors[k])
		}
	}
	return out
}

// fieldView is one labelled input, ready for the "input", "textarea",
// "select" and "checkbox" partials.
type fieldView struct {
	ID, Name, Label, Type string
	Value                 string
	Error                 string
	Options               []option
	// Term, when set, is the glossary id explaining the label.
	Term string
}

func (f *Form) field(l kam.Locale, name, labelID string, typ ...string) fieldView {
	v := fieldView{ID: "f-" + name, Name: name, Label: msg(l, labelID), Type: "text"}
	if f != nil && f.Prefix != "" {
		v.ID = "f-" + f.Prefix + "-" + name
	}
	if len(typ) > 0 && typ[0] != "" {
		v.Type = typ[0]
	}
	if f != nil {
		v.Value = f.Get(name)
		if e, ok := f.Errors[name]; ok {
			v.Error = e.In(l)
		}
	}
	return v
}

// option is one entry of a select.
type option struct {
	Value, Label string
}

// optionsOf turns a slice of enum values (kam.Roles, kam.FunnelLevels, …)
// into select options labelled in l.
func optionsOf(l kam.Locale, values any) []option {
	rv := reflect.ValueOf(values)
	if rv.Kind() != reflect.Slice {
		return nil
	}
	out := make([]option, rv.Len())
	for i := range out {
		v := rv.Index(i).Interface()
		out[i] = option{Value: fmt.Sprint(v), Label: labelOf(v).In(l)}
	}
	return out
}

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
