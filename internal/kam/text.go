package kam

import "strings"

// Locale is a language the product speaks.
type Locale string

// The locales kam speaks.
const (
	LocaleZH Locale = "zh-CN"
	LocaleEN Locale = "en"
)

// Valid reports whether l is one of the supported locales.
func (l Locale) Valid() bool { return l == LocaleZH || l == LocaleEN }

// ParseLocale maps a language tag such as "zh", "zh-Hans-CN" or "en-US" to a
// supported locale; ok is false when the tag matches none.
func ParseLocale(tag string) (l Locale, ok bool) {
	if len(tag) >= 2 {
		switch tag[:2] {
		case "zh", "ZH":
			return LocaleZH, true
		case "en", "EN":
			return LocaleEN, true
		}
	}
	return "", false
}

// Text is a message in both of the product's languages.
type Text struct {
	EN string `json:"en"`
	ZH string `json:"zh"`
}

// T builds a Text from its English and Chinese forms.
func T(en, zh string) Text { return Text{EN: en, ZH: zh} }

// In returns the text in locale l, falling back to English.
func (t Text) In(l Locale) string {
	if l == LocaleZH && t.ZH != "" {
		return t.ZH
	}
	return t.EN
}

// String returns the English text.
func (t Text) String() string { return t.EN }

// Lower returns the text for use inside a sentence: the English in lower
// case ("High" → "high"), the Chinese as it is. Use it for plain words,
// not for the method's named terms (Even Keel keeps its capitals).
func (t Text) Lower() Text { return Text{EN: strings.ToLower(t.EN), ZH: t.ZH} }
