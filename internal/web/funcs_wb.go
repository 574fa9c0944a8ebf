package web

import (
	"html/template"
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
//	roleLetters ROLES   C/U/T/E badges of CUTE roles
//	amount N            a whole amount grouped by thousands, no currency
func workbenchFuncs(l kam.Locale) template.FuncMap {
	return template.FuncMap{
		"supportOf":   kam.SupportOf,
		"supportIcon": supportIcon,
		"signed":      signedAny,
		"pct":         func(f float64) string { return strconv.FormatFloat(f*100, 'f', 0, 64) + "%" },
		"times":       func(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) + "×" },
		// The draw package escapes every text it writes; its output is
		// trusted markup.
		"svg": func(b []byte) template.HTML { return template.HTML(b) },
		"ruleTitle": func(id string) string {
			if r, ok := method.Rule(id); ok {
				return r.Title.In(l)
			}
			return id
		},
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
