package kam

import (
	"strings"
	"unicode"
)

// NormalName is the form of a name that duplicates share: letters and
// digits only, lower case, full-width forms as their ASCII ("ＡＢＣ 集团"
// and "abc集团" are one name; so are "华信 集团" and "华信集团·").
func NormalName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0 // full-width ASCII
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// NormalPhone is a phone number's digits, without a leading +86 or 0086;
// "" when fewer than seven digits are left (too short to tell a person).
func NormalPhone(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '０' && r <= '９' {
			r = r - '０' + '0'
		}
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	d := b.String()
	if strings.HasPrefix(strings.TrimSpace(s), "+86") {
		d = strings.TrimPrefix(d, "86")
	}
	d = strings.TrimPrefix(d, "0086")
	if len(d) < 7 {
		return ""
	}
	return d
}
