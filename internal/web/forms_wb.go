package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
)

// This file holds what the workbench's forms share: a field specification
// (spec) that one template ("record_form") renders for every kind of
// record, and readers that turn posted values into typed fields, recording
// a field error instead of failing.

// spec describes one input of a workbench form. Name is the service's JSON
// field name, so validation errors land next to the input; Label and Hint
// are catalogue ids.
type spec struct {
	Name  string
	Label string
	// Kind: text, number, date, datetime-local, email, select, textarea,
	// checkbox, or checks (several checkboxes sharing Name).
	Kind string
	Opts []option
	Hint string
	// Text is a literal label (a person's name) used instead of Label.
	Text string
	// Term, when set, is the glossary id that explains the field's label;
	// Terms says the option values are glossary ids (CUTE roles), so each
	// box's label is explained.
	Term  string
	Terms bool
}

// wbField is a spec ready for the template: the labelled field view with
// its value and error, the boxes of a "checks" field, and the hint text.
type wbField struct {
	V      fieldView
	Checks []checkOpt
	Hint   string
}

// checkOpt is one box of a "checks" field; Term, when set, explains its
// label.
type checkOpt struct {
	ID, Value, Label, Term string
	Checked                bool
}

// views renders specs against the form's values and errors in l.
func (f *Form) views(l kam.Locale, specs []spec) []wbField {
	f.Conflict.labelled(l, specs)
	out := make([]wbField, 0, len(specs))
	for _, s := range specs {
		v := f.field(l, s.Name, s.Label, s.Kind)
		if s.Text != "" {
			v.Label = s.Text
		}
		v.Options = s.Opts
		v.Term = s.Term
		w := wbField{V: v}
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

// formPageData is what the generic record form page shows.
type formPageData struct {
	Heading string
	Intro   string
	Form    *Form
	Fields  []wbField
	Submit  string
	Back    string
	// Terms are method terms explained above the form ({{term}} ids).
	Terms []string
	// Defs are the glossary ids whose shared explanation the form's boxes
	// point at (aria-describedby), each written once.
	Defs []string
}

// defs lists the glossary ids the fields' checkbox labels explain, once
// each, in order.
func defsOf(fields []wbField) []string {
	var out []string
	add := func(id string) {
		if id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	for _, f := range fields {
		if f.V.Type == "checkbox" {
			add(f.V.Term)
		}
		for _, c := range f.Checks {
			add(c.Term)
		}
	}
	return out
}

// renderForm shows a workbench form page (status from the form).
func (a *app) renderForm(w http.ResponseWriter, r *http.Request, c *call, section, heading string, f *Form, specs []spec, back string, terms ...string) error {
	d := formPageData{Heading: heading, Form: f, Fields: f.views(c.Locale, specs), Submit: msg(c.Locale, "form.save"), Back: back, Terms: terms}
	d.Defs = defsOf(d.Fields)
	return a.renderPage(w, r, c, f.Status(), "record_form", &Page{Section: section, Title: heading, Data: d})
}

// withBlank puts an empty choice ("—") first.
func withBlank(opts []option) []option {
	return append([]option{{Value: "", Label: "—"}}, opts...)
}

// numberOpts are the whole numbers lo…hi as options, signed ("+3").
func numberOpts(lo, hi int) []option {
	out := make([]option, 0, hi-lo+1)
	for i := lo; i <= hi; i++ {
		out = append(out, option{Value: strconv.Itoa(i), Label: signedInt(i)})
	}
	return out
}

func signedInt(i int) string {
	if i > 0 {
		return "+" + strconv.Itoa(i)
	}
	return strconv.Itoa(i)
}

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

// maxListed bounds how many records a page lists from one collection
// (contacts of an account, users in a select). A page stays a fixed number
// of queries: listAll reads at most max/store.MaxLimit pages.
const maxListed = 1000

// listAll reads up to max records matching f.
func listAll[T any](ctx context.Context, e *service.Entity[T], a kam.Actor, f store.Filter, max int) ([]T, error) {
	var out []T
	f.Limit = store.MaxLimit
	for {
		items, next, err := e.List(ctx, a, f)
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
		if next == 0 || len(out) >= max {
			return out, nil
		}
		f.After = next
	}
}

// queryID reads a positive id from the query string; 0 when absent or bad.
func queryID(r *http.Request, name string) int64 {
	n, err := strconv.ParseInt(r.URL.Query().Get(name), 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// userOpts lists users as options by name.
func userOpts(users []kam.User) []option {
	out := make([]option, 0, len(users))
	for _, u := range users {
		if u.Disabled {
			continue
		}
		out = append(out, option{Value: itoa64(u.ID), Label: u.Name})
	}
	return out
}

// withUser is opts (active users, userOpts) with user id added when it is
// not among them — a counterpart or owner disabled since — so a select
// that holds them keeps them chosen instead of silently clearing them.
func withUser(opts []option, users []kam.User, id int64) []option {
	if id == 0 || slices.ContainsFunc(opts, func(o option) bool { return o.Value == itoa64(id) }) {
		return opts
	}
	label := "#" + itoa64(id)
	for _, u := range users {
		if u.ID == id {
			label = u.Name
		}
	}
	return append(slices.Clone(opts), option{Value: itoa64(id), Label: label})
}

// userNames maps user ids to names.
func userNames(users []kam.User) map[int64]string {
	m := make(map[int64]string, len(users))
	for _, u := range users {
		m[u.ID] = u.Name
	}
	return m
}

// allUsersOf lists the users the actor may see (for selects and names).
func (a *app) usersFor(ctx context.Context, c *call) ([]kam.User, error) {
	return listAll(ctx, a.svc.Users, c.Actor, store.Filter{}, maxListed)
}
