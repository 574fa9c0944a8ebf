package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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
	// Zone is the time zone of the user who posted the form: the times
	// they typed are wall-clock times there. Nil is UTC.
	Zone *time.Location
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
	f.Zone = zoneOf(r.Context())
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
		localizeConflict(f.Conflict, f.Zone)
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

// views renders specs against the form's values and errors in l.
func (f *Form) views(l kam.Locale, specs []spec) []specField {
	f.Conflict.labelled(l, specs)
	out := make([]specField, 0, len(specs))
	for _, s := range specs {
		v := f.field(l, s.Name, s.Label, s.Kind)
		if s.Text != "" {
			v.Label = s.Text
		}
		v.Options = s.Opts
		v.Term = s.Term
		w := specField{V: v}
		if s.Hint != "" {
			w.Hint = msg(l, s.Hint)
		}
		if s.Kind == "checks" {
			have := f.Values[s.Name]
			for i, o := range s.Opts {
				co := checkOpt{ID: v.ID + "-" + strconv.Itoa(i), Value: o.Value, Label: o.Label, Checked: slices.Contains(have, o.Value)}
				if _, ok := glossary[o.Value]; ok && s.Terms {
					co.Term = o.Value
				}
				w.Checks = append(w.Checks, co)
			}
			// The group's own error may be on an element: "roles[0]".
			for k, e := range f.Errors {
				if strings.HasPrefix(k, s.Name+"[") && w.V.Error == "" {
					w.V.Error = e.In(l)
				}
			}
		}
		out = append(out, w)
	}
	return out
}

// The readers below turn posted values into typed fields, recording a
// field error instead of failing.

// msgBadDate and friends are the readers' own field errors.
var (
	msgBadDate     = kam.T("must be a date like 2026-03-31", "日期格式应为 2026-03-31")
	msgBadDateTime = kam.T("must be a date and time like 2026-03-31T14:30", "日期时间格式应为 2026-03-31T14:30")
	msgBadText     = kam.T("is not valid UTF-8 text", "不是有效的 UTF-8 文本")
)

// Date reads a date field; empty is the zero date.
func (f *Form) Date(name string) kam.Date {
	d, err := kam.ParseDate(strings.TrimSpace(f.Get(name)))
	if err != nil {
		f.Errors[name] = msgBadDate
	}
	return d
}

// Time reads a datetime-local field in the time zone of the user who
// posted the form (f.Zone; see TimeIn); empty is the zero time.
func (f *Form) Time(name string) time.Time { return f.TimeIn(name, f.Zone) }

// IntPtr reads an optional whole number; empty is nil.
func (f *Form) IntPtr(name string) *int {
	s := strings.TrimSpace(f.Get(name))
	if s == "" {
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		f.Errors[name] = kam.T("must be a whole number", "必须是整数")
		return nil
	}
	return &n
}

// Int reads a whole number; empty is 0.
func (f *Form) Int(name string) int { return int(f.Int64(name)) }

// IDs reads a multi-valued id field (checkboxes); bad values are a field
// error.
func (f *Form) IDs(name string) []int64 {
	var out []int64
	for _, s := range f.Values[name] {
		if s == "" {
			continue
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 {
			f.Errors[name] = kam.T("is not a valid id", "不是有效的编号")
			continue
		}
		out = append(out, n)
	}
	return out
}

// Text reads a free-text field, refusing what the store cannot keep
// (invalid UTF-8, NUL) with a field error.
func (f *Form) Text(name string) string {
	s := f.Get(name)
	if !validText(s) {
		f.Errors[name] = msgBadText
		return ""
	}
	return s
}

// setDate, setInt and friends fill a form from a record.
func (f *Form) setDate(name string, d kam.Date) {
	if !d.IsZero() {
		f.Set(name, d.String())
	}
}

func (f *Form) setID(name string, id int64) {
	if id != 0 {
		f.Set(name, strconv.FormatInt(id, 10))
	}
}

func (f *Form) setInt(name string, n int64) { f.Set(name, strconv.FormatInt(n, 10)) }

func (f *Form) setIntPtr(name string, n *int) {
	if n != nil {
		f.Set(name, strconv.Itoa(*n))
	}
}

func (f *Form) setBool(name string, b bool) {
	if b {
		f.Set(name, "on")
	}
}

// validText reports whether s is valid UTF-8 without NUL characters, the
// text the store keeps.
func validText(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }
