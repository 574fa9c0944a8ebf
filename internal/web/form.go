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
}

func (f *Form) field(l kam.Locale, name, labelID string, typ ...string) fieldView {
	v := fieldView{ID: "f-" + name, Name: name, Label: msg(l, labelID), Type: "text"}
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
// every field, current value beside the user's.
type Conflict struct {
	Version int64
	Rows    []ConflictRow
}

// ConflictRow is one field of a conflict.
type ConflictRow struct {
	Field   string
	Current string
	Yours   string
	Changed bool
}

// conflictOf compares the current record (as its JSON fields) with the
// values the user submitted, for the fields the form has.
func conflictOf(current any, yours url.Values) *Conflict {
	c := &Conflict{}
	b, err := json.Marshal(current)
	if err != nil {
		return c
	}
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return c
	}
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
		cur := jsonValue(m[k])
		y := yours.Get(k)
		c.Rows = append(c.Rows, ConflictRow{Field: k, Current: cur, Yours: y, Changed: cur != y})
	}
	return c
}

func jsonValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		if x {
			return "true"
		}
		return "false"
	}
	b, _ := json.Marshal(v)
	return string(b)
}
