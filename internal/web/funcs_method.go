package web

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"kam/internal/kam"
	"kam/internal/method"
)

// This file writes the method's values for the templates (funcs): a
// support level's symbol, CUTE roles as letters, rule ids as titles and a
// deal-health factor in words.

// supportIcon is a support level's symbol (✓ ~ ✗ ?, kam.Short), so colour
// is never the only signal.
func supportIcon(s kam.Support) string {
	if !kam.HasLabel(s) {
		s = kam.SupportUnknown
	}
	return kam.Short(s).EN
}

// signedAny writes an int, *int or int64 signed ("+3", "0", "-2"); "" for
// a nil *int.
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
