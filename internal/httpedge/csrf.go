package httpedge

import (
	"crypto/subtle"
	"net/http"

	"kam/internal/kam"
)

// MsgCrossOrigin is shown when a cross-origin request is refused.
var MsgCrossOrigin = kam.T(
	"This request came from another site and was refused. Reload the page and try again.",
	"该请求来自其他网站，已被拒绝。请刷新页面后重试。")

// CSRF refuses state-changing requests (anything but GET, HEAD and OPTIONS)
// that a browser marks as cross-origin, through Sec-Fetch-Site or an Origin
// whose host differs from Host, with 403 Forbidden. It is Go's
// http.CrossOriginProtection; requests without those headers (non-browser
// clients) pass, which is why API calls authenticate with bearer tokens, not
// cookies.
func CSRF(next http.Handler) http.Handler {
	p := http.NewCrossOriginProtection()
	p.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(MsgCrossOrigin.ZH + "\n" + MsgCrossOrigin.EN + "\n"))
	}))
	return p.Handler(next)
}

// CSRFFieldName and CSRFHeader carry the session's CSRF token in forms and in
// script requests.
const (
	CSRFFieldName = "csrf_token"
	CSRFHeader    = "X-CSRF-Token"
)

// CheckFormToken reports whether r carries s's CSRF token, in the X-CSRF-Token
// header or else the csrf_token form field (which parses the form). It is
// defence in depth behind CSRF; compare is constant-time, and an empty token
// never matches.
func CheckFormToken(r *http.Request, s kam.Session) bool {
	got := r.Header.Get(CSRFHeader)
	if got == "" {
		got = r.PostFormValue(CSRFFieldName)
	}
	if got == "" || s.CSRFToken == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(s.CSRFToken)) == 1
}
