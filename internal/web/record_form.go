package web

import (
	"net/http"
	"slices"
)

// This file holds what the workbench's forms share: a field specification
// (spec) that one template ("record_form") renders for every kind of
// record, and that page. The Form's typed readers are in form.go.

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

// specField is a spec ready for the template: the labelled field view with
// its value and error, the boxes of a "checks" field, and the hint text.
type specField struct {
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

// formPageData is what the generic record form page shows.
type formPageData struct {
	Heading string
	Intro   string
	Form    *Form
	Fields  []specField
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
func defsOf(fields []specField) []string {
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
