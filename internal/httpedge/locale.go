package httpedge

import (
	"net/http"
	"strconv"
	"strings"

	"kam/internal/kam"
)

// LocaleCookieName holds a visitor's language choice before sign-in.
const LocaleCookieName = "kam_lang"

// DefaultLocale is spoken when nothing else says which: kam's first users
// are Chinese sales teams.
const DefaultLocale = kam.LocaleZH

// NegotiateLocale picks the language of a response: userLocale when the user
// is signed in and chose one, else the kam_lang cookie, else the best
// supported language of Accept-Language by q-value (zh* → zh-CN, en* → en),
// else zh-CN.
func NegotiateLocale(r *http.Request, userLocale kam.Locale) kam.Locale {
	if userLocale.Valid() {
		return userLocale
	}
	if c, err := r.Cookie(LocaleCookieName); err == nil {
		if l, ok := kam.ParseLocale(c.Value); ok {
			return l
		}
	}
	if l, ok := acceptLanguage(r.Header.Values("Accept-Language")); ok {
		return l
	}
	return DefaultLocale
}

// acceptLanguage returns the supported locale with the highest q-value; on a
// tie the one listed first wins. q=0 means "not this one".
func acceptLanguage(headers []string) (kam.Locale, bool) {
	var best kam.Locale
	bestQ := 0.0
	for _, h := range headers {
		for part := range strings.SplitSeq(h, ",") {
			tag, params, _ := strings.Cut(part, ";")
			l, ok := kam.ParseLocale(strings.TrimSpace(tag))
			if !ok {
				continue
			}
			q := 1.0
			for p := range strings.SplitSeq(params, ";") {
				k, v, found := strings.Cut(strings.TrimSpace(p), "=")
				if found && strings.EqualFold(strings.TrimSpace(k), "q") {
					f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
					if err != nil || f < 0 || f > 1 {
						f = 0
					}
					q = f
				}
			}
			if q > bestQ {
				best, bestQ = l, q
			}
		}
	}
	return best, bestQ > 0
}

// SetLocaleCookie remembers l for a year as the visitor's language choice.
// An unsupported l is ignored.
func SetLocaleCookie(w http.ResponseWriter, l kam.Locale) {
	if !l.Valid() {
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name:     LocaleCookieName,
		Value:    string(l),
		Path:     "/",
		MaxAge:   365 * 24 * 60 * 60,
		HttpOnly: true,
		SameSite: http.SameSiteLaxMode,
	})
}
