package web

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

var (
	formStart = regexp.MustCompile(`<form\b[^>]*>`)
	formTag   = regexp.MustCompile(`<(input|select|textarea)\b([^>]*)>`)
	attrRe    = regexp.MustCompile(`([a-zA-Z-]+)(?:="([^"]*)")?`)
	optionRe  = regexp.MustCompile(`<option\b([^>]*)>`)
)

func attrs(s string) map[string]string {
	m := map[string]string{}
	for _, a := range attrRe.FindAllStringSubmatch(s, -1) {
		m[strings.ToLower(a[1])] = html.UnescapeString(a[2])
	}
	return m
}

// formFields reads the values a browser would submit from the form of the
// page that posts to action (without pressing any named button): text
// inputs, checked boxes, each select's selected option (else its first)
// and textareas. It fails the test when there is no such form.
func formFields(t *testing.T, body, action string) url.Values {
	t.Helper()
	start := -1
	for _, loc := range formStart.FindAllStringIndex(body, -1) {
		if attrs(body[loc[0]:loc[1]])["action"] == action {
			start = loc[1]
			break
		}
	}
	if start < 0 {
		t.Fatalf("no form posts to %s", action)
	}
	end := strings.Index(body[start:], "</form>")
	if end < 0 {
		t.Fatalf("form %s is not closed", action)
	}
	return controlValues(body[start:start+end], url.Values{}, func(map[string]string) bool { return true })
}

// rowFields reads what the in-place form formID of a table row submits:
// the controls inside the form element and those elsewhere in the row that
// name it with form="formID". It fails the test when the row has no such
// form.
func rowFields(t *testing.T, row, formID string) url.Values {
	t.Helper()
	open := `<form id="` + formID + `"`
	i := strings.Index(row, open)
	if i < 0 {
		t.Fatalf("the row has no form %s: %.500s", formID, row)
	}
	j := strings.Index(row[i:], "</form>")
	out := controlValues(row[i:i+j], url.Values{}, func(a map[string]string) bool { return true })
	return controlValues(row, out, func(a map[string]string) bool { return a["form"] == formID })
}

// controlValues adds to out what the controls in part that keep accepts
// submit.
func controlValues(part string, out url.Values, keep func(map[string]string) bool) url.Values {
	for _, loc := range formTag.FindAllStringSubmatchIndex(part, -1) {
		tag := part[loc[2]:loc[3]]
		a := attrs(part[loc[4]:loc[5]])
		name := a["name"]
		if name == "" || !keep(a) {
			continue
		}
		if _, disabled := a["disabled"]; disabled {
			continue
		}
		rest := part[loc[1]:]
		switch tag {
		case "input":
			switch a["type"] {
			case "checkbox", "radio":
				if _, ok := a["checked"]; ok {
					v, has := a["value"]
					if !has {
						v = "on"
					}
					out.Add(name, v)
				}
			case "submit", "button", "reset":
			default:
				out.Add(name, a["value"])
			}
		case "textarea":
			i := strings.Index(rest, "</textarea>")
			out.Add(name, html.UnescapeString(strings.TrimPrefix(rest[:i], "\n")))
		case "select":
			i := strings.Index(rest, "</select>")
			first, chosen, found := "", "", false
			for j, o := range optionRe.FindAllStringSubmatch(rest[:i], -1) {
				oa := attrs(o[1])
				if j == 0 {
					first = oa["value"]
				}
				if _, ok := oa["selected"]; ok && !found {
					chosen, found = oa["value"], true
				}
			}
			if !found {
				chosen = first
			}
			out.Add(name, chosen)
		}
	}
	return out
}
