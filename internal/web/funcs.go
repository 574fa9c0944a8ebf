package web

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"

	"kam/internal/kam"
	"kam/internal/method"
)

// funcs are the template functions, bound to locale l:
//
//	t "id" [args…]     a catalogue message (fmt verbs filled from args)
//	txt TEXT           a kam.Text in the page's language
//	label VALUE        the bilingual label of an enum value (kam.LevelAbove → 漏斗之上)
//	fieldName E KEY    a record's field by its JSON name, as kam's table names it
//	count N "noun"     N of a kam noun with its plural: "1 deal", "2 deals", "2 个商机"
//	record "account"   the name of a kind of record (客户企业)
//	did "create"       what the record history says was done (创建)
//	term "id" [text]   a method term with its explanation on hover and focus
//	labelTerm "id" [text]  the same inside a checkbox's label (the box has the focus)
//	date VALUE         a kam.Date, time.Time or *time.Time
//	money N [CUR]      an amount with thousands separators (CNY by default)
//	static "app.css"   the content-hashed URL of a static file
//	field F "name" "label-id" [type]    a form field view for the "input" partial
//	choice F "name" "label-id" OPTIONS  a select view for the "select" partial
//	options VALUES     enum values as select options with their labels
//	supportOf RATING    the support level (支持度) of a *int rating
//	supportIcon LEVEL   its symbol (✓ ~ ✗ ?), so colour is never the only signal
//	signed N            +3, 0, -2 (int or *int; "" for nil)
//	pct F               a 0…1 share as "42%"
//	times F             a ratio as "2.5×"
//	svg BYTES           a picture from package draw (it escapes its own text)
//	ruleTitle ID        the title of a red-flag rule
//	reason TEXT         a method's reason with rule ids spelt as rule titles
//	factorValue F       a health factor's value in words: yes/no or a count
//	roleLetters ROLES   C/U/T/E badges of CUTE roles
//	roleTerm ROLE       a CUTE role's label as a method term (explained)
//	roleBox ROLE        the same as the label of the role's checkbox
//	amount N            a whole amount grouped by thousands, no currency
func funcs(l kam.Locale, as *assets) template.FuncMap {
	return template.FuncMap{
		"t":         func(id string, args ...any) string { return msg(l, id, args...) },
		"txt":       func(t kam.Text) string { return t.In(l) },
		"label":     func(v any) string { return kam.Label(v).In(l) },
		"fieldName": func(entity, key string) string { t, _ := kam.FieldOf(entity, key); return t.In(l) },
		"count":     func(n any, noun string) string { return countOf(l, n, noun) },
		"record":    func(kind string) string { return kam.RecordName(kind).In(l) },
		"did":       func(a string) string { return kam.AuditActionName(a).In(l) },
		"term":      func(id string, text ...string) template.HTML { return termHTML(l, id, text...) },
		"labelTerm": func(id string, text ...string) template.HTML { return labelTermHTML(l, id, text...) },
		"termRef":   func(id string, text ...string) template.HTML { return termRefHTML(l, id, text...) },
		// termDefs takes ids, or one []string of them.
		"termDefs": func(ids ...any) template.HTML {
			var s []string
			for _, v := range ids {
				switch x := v.(type) {
				case string:
					s = append(s, x)
				case []string:
					s = append(s, x...)
				}
			}
			return termDefsHTML(l, s...)
		},
		"termDefID": termDefID,
		"date":      func(v any) string { return formatDate(v) },
		"when":      formatWhen,     // when ZONE VALUE: an instant in the reader's time zone (zones_wb.go)
		"rate":      kam.FormatRate, // rate R: an exchange rate, 7.10
		"money":     func(v any, cur ...string) string { return formatMoney(l, v, cur...) },
		"static":    as.url,
		"field": func(f *Form, name, labelID string, typ ...string) fieldView {
			return f.field(l, name, labelID, typ...)
		},
		"choice": func(f *Form, name, labelID string, opts []option) fieldView {
			v := f.field(l, name, labelID, "select")
			v.Options = opts
			return v
		},
		"options": func(values any) []option { return optionsOf(l, values) },
		"dict":    dict,
		// fieldLabel names a form field by its "f.<name>" label, else by
		// the name itself (a conflict row of a form without specs).
		"fieldLabel": func(name string) string {
			if _, ok := messages["f."+name]; ok {
				return msg(l, "f."+name)
			}
			return name
		},
		"supportOf":   kam.SupportOf,
		"supportIcon": supportIcon,
		"signed":      signedAny,
		"pct":         func(f float64) string { return strconv.FormatFloat(f*100, 'f', 0, 64) + "%" },
		"times":       kam.Multiple,
		// The draw package escapes every text it writes; its output is
		// trusted markup.
		"svg": func(b []byte) template.HTML { return template.HTML(b) },
		"ruleTitle": func(id string) string {
			if r, ok := method.Rule(id); ok {
				return r.Title.In(l)
			}
			return id
		},
		"reason":      func(t kam.Text) string { return reasonText(t.In(l), l) },
		"factorValue": func(f method.Factor) string { return factorValue(f, l) },
		"roleLetters": roleLetters,
		"withBlank":   withBlank,
		// ratingRange is "" (unrated) then -5 … +5, for rating selects.
		"ratingRange": func() []string {
			out := []string{""}
			for i := -5; i <= 5; i++ {
				out = append(out, strconv.Itoa(i))
			}
			return out
		},
		"role": func(s string) kam.BuyingRole { return kam.BuyingRole(s) },
		// roleTerm is a CUTE role's label with its glossary explanation on
		// hover and focus (the role values are the glossary ids), described
		// by the page's shared explanation (termDefs); roleBox is the same
		// as the label of a role's checkbox.
		"roleTerm": func(v any) template.HTML {
			r := kam.BuyingRole(fmt.Sprint(v))
			return termRefHTML(l, string(r), kam.Label(r).In(l))
		},
		"roleBox": func(v any) template.HTML {
			r := kam.BuyingRole(fmt.Sprint(v))
			return labelTermHTML(l, string(r), kam.Label(r).In(l))
		},
		"deref": func(p *int) int {
			if p == nil {
				return 0
			}
			return *p
		},
		"amount":     func(n int64) string { return groupThousands(n) },
		"famount":    func(f float64) string { return groupThousands(int64(f + 0.5)) },
		"famountInt": func(f float64) int64 { return int64(f + 0.5) },
	}
}

// countOf writes n of kam's noun id ("deal") in l; an unknown noun shows
// in brackets like an unknown message.
func countOf(l kam.Locale, n any, noun string) string {
	w, ok := kam.NounOf(noun)
	if !ok {
		return "[" + noun + "]"
	}
	var c int
	switch x := n.(type) {
	case int:
		c = x
	case int64:
		c = int(x)
	case int32:
		c = int(x)
	}
	return w.Count(c).In(l)
}

// msg returns the catalogue message id in l; with args it is a format.
// An unknown id shows itself in brackets (tests make sure none is used).
func msg(l kam.Locale, id string, args ...any) string {
	m, ok := messages[id]
	if !ok {
		return "[" + id + "]"
	}
	s := m.In(l)
	if len(args) > 0 {
		s = fmt.Sprintf(s, args...)
	}
	return s
}

// termShown is the glossary's term id and the text that shows it: the
// term's name in l, or text[0] when given; ok is false for an unknown id.
func termShown(l kam.Locale, id string, text []string) (g kam.Term, shown string, ok bool) {
	if g, ok = glossary[id]; !ok {
		return g, "", false
	}
	shown = g.Name.In(l)
	if len(text) > 0 && text[0] != "" {
		shown = text[0]
	}
	return g, shown, true
}

// unknownTerm shows an id the glossary lacks as "[id]" (tests make sure
// none is used).
func unknownTerm(id string) template.HTML {
	return template.HTML(template.HTMLEscapeString("[" + id + "]"))
}

// termHTML is a method term as <abbr>: the explanation shows on hover, and
// tabindex makes it reachable (and shown, see app.css) by keyboard.
func termHTML(l kam.Locale, id string, text ...string) template.HTML {
	g, shown, ok := termShown(l, id, text)
	if !ok {
		return unknownTerm(id)
	}
	return template.HTML(`<abbr class="term" tabindex="0" title="` + template.HTMLEscapeString(g.Explain.In(l)) + `">` +
		template.HTMLEscapeString(shown) + `</abbr>`)
}

// labelTermHTML is a method term inside the label of a checkbox: the box
// itself takes the keyboard focus and carries aria-describedby to the
// page's shared explanation (termDefsHTML), so the term adds no tab stop
// and no repeated text of its own. app.js copies the explanation into the
// abbreviation's title, and the stylesheet shows it while the box (or its
// label) has focus or the pointer.
func labelTermHTML(l kam.Locale, id string, text ...string) template.HTML {
	_, shown, ok := termShown(l, id, text)
	if !ok {
		return unknownTerm(id)
	}
	return template.HTML(`<abbr>` + template.HTMLEscapeString(shown) + `</abbr>`)
}

// termDefID is the id of the shared hidden explanation of glossary term id
// on a page (see termDefsHTML).
func termDefID(id string) string { return "x-" + id }

// termRefHTML is a method term whose explanation is the page's shared
// element (termDefsHTML), referenced by aria-describedby rather than
// repeated in a title: for terms written once per table row (VITO, the
// CUTE roles of a read-only row). app.js copies the explanation into the
// title for the hover and focus tooltip.
func termRefHTML(l kam.Locale, id string, text ...string) template.HTML {
	_, shown, ok := termShown(l, id, text)
	if !ok {
		return unknownTerm(id)
	}
	x := template.HTMLEscapeString(id)
	return template.HTML(`<abbr class="term" tabindex="0" aria-describedby="x-` + x + `">` + template.HTMLEscapeString(shown) + `</abbr>`)
}

// termDefsHTML is one hidden element per glossary term, each holding the
// term's explanation: the accessible description that checkboxes and
// termRef abbreviations point at with aria-describedby, written once per
// page instead of once per row.
func termDefsHTML(l kam.Locale, ids ...string) template.HTML {
	var b strings.Builder
	b.WriteString(`<div class="term-defs" hidden>`)
	for _, id := range ids {
		if g, ok := glossary[id]; ok {
			b.WriteString(`<span id="` + template.HTMLEscapeString(termDefID(id)) + `">` + template.HTMLEscapeString(g.Explain.In(l)) + `</span>`)
		}
	}
	b.WriteString(`</div>`)
	return template.HTML(b.String())
}

// formatDate shows dates as 2006-01-02 and instants as 2006-01-02 15:04 in
// UTC, the same in both languages (unambiguous to both readerships).
func formatDate(v any) string {
	switch d := v.(type) {
	case kam.Date:
		return d.String()
	case time.Time:
		if d.IsZero() {
			return ""
		}
		return d.UTC().Format("2006-01-02 15:04 UTC")
	case *time.Time:
		if d == nil {
			return ""
		}
		return formatDate(*d)
	}
	return fmt.Sprint(v)
}

// formatMoney writes an amount with thousands separators: ¥1,234,567 for
// CNY, 1,234,567 USD for other currencies.
func formatMoney(_ kam.Locale, v any, cur ...string) string {
	var n int64
	switch x := v.(type) {
	case int64:
		n = x
	case int:
		n = int64(x)
	case float64:
		n = int64(x)
	default:
		return fmt.Sprint(v)
	}
	c := "CNY"
	if len(cur) > 0 && cur[0] != "" {
		c = strings.ToUpper(cur[0])
	}
	s := groupThousands(n)
	if c == "CNY" {
		if n < 0 {
			return "-¥" + s[1:]
		}
		return "¥" + s
	}
	return s + " " + c
}

func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// dict builds a map from key, value pairs, to pass several values to a
// partial: {{template "x" dict "Form" .Form "Page" $}}.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}
