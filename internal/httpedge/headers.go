package httpedge

import "net/http"

// ContentSecurityPolicy allows only the server's own scripts, styles and
// images (plus data: images for the SVG drawings' fallbacks), no inline script
// or style, no plugins, and no framing.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders are set on every response.
var securityHeaders = [...][2]string{
	{"Content-Security-Policy", ContentSecurityPolicy},
	{"Referrer-Policy", "same-origin"},
	{"X-Content-Type-Options", "nosniff"},
	{"X-Frame-Options", "DENY"},
	{"Cross-Origin-Opener-Policy", "same-origin"},
	{"Cross-Origin-Resource-Policy", "same-origin"},
	{"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"},
}

// hsts asks browsers to use HTTPS for two years; sent only over HTTPS,
// because browsers ignore it over plain HTTP and a local plain-HTTP install
// must keep working.
const hsts = "max-age=63072000; includeSubDomains"

// SecurityHeaders sets the security headers on every response before next
// runs (so they are there even when next fails): a strict
// Content-Security-Policy, Referrer-Policy, X-Content-Type-Options,
// X-Frame-Options, Cross-Origin-Opener-Policy, Cross-Origin-Resource-Policy and
// Permissions-Policy, and Strict-Transport-Security when the client came over
// HTTPS — directly over TLS or, with trustProxy, through a TLS-terminating
// proxy that says X-Forwarded-Proto: https (IsHTTPS, as for the cookie).
func SecurityHeaders(next http.Handler, trustProxy bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for _, kv := range securityHeaders {
			h.Set(kv[0], kv[1])
		}
		if IsHTTPS(r, trustProxy) {
			h.Set("Strict-Transport-Security", hsts)
		}
		next.ServeHTTP(w, r)
	})
}
