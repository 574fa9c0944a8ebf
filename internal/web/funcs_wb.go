package web

import (
	"fmt"
	"html/template"
	"math"
	"regexp"
	"strconv"
	"strings"

	"kam/internal/kam"
	"kam/internal/method"
)

// workbenchFuncs are the template functions of the workbench pages, bound to
// locale l:
//
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
func workbenchFuncs(l kam.Locale) template.FuncMap {
	return template.FuncMap{
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
			return termRefHTML(l, string(r), labelOf(r).In(l))
		},
		"roleBox": func(v any) template.HTML {
			r := kam.BuyingRole(fmt.Sprint(v))
			return labelTermHTML(l, string(r), labelOf(r).In(l))
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

func supportIcon(s kam.Support) string {
	switch s {
	case kam.SupportSupports:
		return "✓"
	case kam.SupportNeutral:
		return "~"
	case kam.SupportOpposes:
		return "✗"
	}
	return "?"
}

func signedAny(v any) string {
	switch n := v.(type) {
	case int:
		return signedInt(n)
	case *int:
		if n == nil {
			return ""
		}
		return signedInt(*n)
	case int64:
		return signedInt(int(n))
	}
	return ""
}

// roleLetters writes CUTE roles as their initials in the method's order.
func roleLetters(roles []kam.BuyingRole) string {
	var b strings.Builder
	for _, r := range kam.BuyingRoles {
		for _, x := range roles {
			if x == r {
				b.WriteString(strings.ToUpper(string(r[:1])))
			}
		}
	}
	return b.String()
}

// ruleID matches a red-flag rule id such as "technical-veto" inside a text.
var ruleID = regexp.MustCompile(`[a-z]+(?:-[a-z]+)+`)

// reasonText replaces the rule ids in a reason written by package method
// ("open high red flags: technical-veto") with the rules' titles in l, so a
// seller reads the method's words, not identifiers. Words that are not rule
// ids stay as they are.
func reasonText(s string, l kam.Locale) string {
	return ruleID.ReplaceAllStringFunc(s, func(id string) string {
		if r, ok := method.Rule(id); ok {
			if l == kam.LocaleZH {
				return "「" + r.Title.In(l) + "」"
			}
			return "“" + r.Title.In(l) + "”"
		}
		return id
	})
}

// factorValue says a deal-health factor's value as a seller reads it: yes or
// no for the factors that are present or not, a number of buyers or red
// flags for the counted ones (package method scales those to 0…1).
func factorValue(f method.Factor, l kam.Locale) string {
	// buyers says a count of buyers; at the cap ("2+") there may be more.
	buyers := func(v float64, capped bool) string {
		c := int(math.Round(v))
		s := strconv.Itoa(c)
		if capped {
			s += "+"
		}
		if c == 1 && !capped {
			return s + kam.T(" buyer", " 人").In(l)
		}
		return s + kam.T(" buyers", " 人").In(l)
	}
	n := func(v float64, suffix string) string {
		return strconv.FormatFloat(math.Round(v), 'f', 0, 64) + suffix
	}
	switch f.ID {
	case method.FactorReceptiveBuyers:
		return buyers(f.Value*2, f.Value >= 1)
	case method.FactorMultiThreaded:
		return buyers(f.Value*4, f.Value >= 1)
	case method.FactorHighFindings, method.FactorMediumFindings, method.FactorLowFindings:
		return n(f.Value, "")
	}
	if f.Value >= 1 {
		return kam.T("✓ yes", "✓ 是").In(l)
	}
	if f.Value <= 0 {
		return kam.T("✗ no", "✗ 否").In(l)
	}
	return strconv.FormatFloat(f.Value, 'f', 2, 64)
}
