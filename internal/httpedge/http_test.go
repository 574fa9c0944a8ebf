package httpedge

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"kam/internal/auth"
	"kam/internal/kam"
)

var ok200 = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	_, _ = w.Write([]byte("done"))
})

func TestCSRF(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		method  string
		headers map[string]string
		want    int
	}{
		{"cross-site POST is refused", "POST", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"same-site POST from a sibling subdomain is refused", "POST", map[string]string{"Sec-Fetch-Site": "same-site"}, 403},
		{"POST with Origin of another host is refused", "POST", map[string]string{"Origin": "https://evil.example"}, 403},
		{"cross-site PUT is refused", "PUT", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"cross-site DELETE is refused", "DELETE", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"same-origin POST passes", "POST", map[string]string{"Sec-Fetch-Site": "same-origin"}, 200},
		{"POST with own Origin passes", "POST", map[string]string{"Origin": "http://kam.example"}, 200},
		{"typed-in navigation POST passes", "POST", map[string]string{"Sec-Fetch-Site": "none"}, 200},
		{"non-browser POST without headers passes", "POST", nil, 200},
		{"cross-site GET passes", "GET", map[string]string{"Sec-Fetch-Site": "cross-site"}, 200},
		{"cross-site HEAD passes", "HEAD", map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, 200},
	}
	h := CSRF(ok200)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequest(tt.method, "http://kam.example/accounts/1", strings.NewReader("name=x"))
			for k, v := range tt.headers {
				r.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			if rec.Code != tt.want {
				t.Fatalf("status %d, want %d", rec.Code, tt.want)
			}
			if tt.want == 403 {
				body := rec.Body.String()
				if !strings.Contains(body, MsgCrossOrigin.ZH) || !strings.Contains(body, MsgCrossOrigin.EN) {
					t.Errorf("refusal body %q lacks the bilingual message", body)
				}
			}
		})
	}
}

func TestCheckFormToken(t *testing.T) {
	t.Parallel()
	s := kam.Session{CSRFToken: auth.NewSecret()}
	tests := []struct {
		name    string
		session kam.Session
		header  string
		form    string
		want    bool
	}{
		{"matching header passes", s, s.CSRFToken, "", true},
		{"matching form field passes", s, "", s.CSRFToken, true},
		{"wrong header fails", s, auth.NewSecret(), "", false},
		{"wrong form field fails", s, "", auth.NewSecret(), false},
		{"missing token fails", s, "", "", false},
		{"header wins over form field", s, auth.NewSecret(), s.CSRFToken, false},
		{"session without token never passes", kam.Session{}, "", "", false},
		{"prefix of the token fails", s, s.CSRFToken[:20], "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			form := url.Values{}
			if tt.form != "" {
				form.Set(CSRFFieldName, tt.form)
			}
			r := httptest.NewRequest("POST", "/accounts", strings.NewReader(form.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if tt.header != "" {
				r.Header.Set(CSRFHeader, tt.header)
			}
			if got := CheckFormToken(r, tt.session); got != tt.want {
				t.Errorf("CheckFormToken = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	t.Parallel()
	mux := http.NewServeMux()
	mux.Handle("GET /ok", ok200)
	mux.HandleFunc("GET /fail", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	mux.HandleFunc("POST /redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/ok", http.StatusSeeOther)
	})
	want := map[string]string{
		"Content-Security-Policy":    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
		"Referrer-Policy":            "same-origin",
		"X-Content-Type-Options":     "nosniff",
		"X-Frame-Options":            "DENY",
		"Cross-Origin-Opener-Policy": "same-origin",
	}
	tests := []struct {
		name       string
		method     string
		path       string
		tls        bool
		wantStatus int
		proto      string // X-Forwarded-Proto
		trust      bool   // SecurityHeaders' trustProxy
		wantHSTS   bool
	}{
		{"page response carries headers", "GET", "/ok", false, 200, "", false, false},
		{"error response carries headers", "GET", "/fail", false, 500, "", false, false},
		{"not-found response carries headers", "GET", "/missing", false, 404, "", false, false},
		{"method-not-allowed response carries headers", "DELETE", "/ok", false, 405, "", false, false},
		{"redirect carries headers", "POST", "/redirect", false, 303, "", false, false},
		{"TLS response carries headers and HSTS", "GET", "/ok", true, 200, "", false, true},
		{"HTTPS through a trusted proxy carries HSTS", "GET", "/ok", false, 200, "https", true, true},
		{"plain HTTP through a trusted proxy has no HSTS", "GET", "/ok", false, 200, "http", true, false},
		{"X-Forwarded-Proto is not believed without trust", "GET", "/ok", false, 200, "https", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequest(tt.method, tt.path, nil)
			if tt.tls {
				r.TLS = &tls.ConnectionState{}
			}
			if tt.proto != "" {
				r.Header.Set("X-Forwarded-Proto", tt.proto)
			}
			rec := httptest.NewRecorder()
			SecurityHeaders(mux, tt.trust).ServeHTTP(rec, r)
			if rec.Code != tt.wantStatus {
				t.Errorf("status %d, want %d", rec.Code, tt.wantStatus)
			}
			for k, v := range want {
				if got := rec.Header().Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			if pp := rec.Header().Get("Permissions-Policy"); !strings.Contains(pp, "camera=()") {
				t.Errorf("Permissions-Policy = %q", pp)
			}
			if csp := rec.Header().Get("Content-Security-Policy"); strings.Contains(csp, "unsafe") {
				t.Errorf("CSP allows unsafe sources: %q", csp)
			}
			hsts := rec.Header().Get("Strict-Transport-Security")
			if tt.wantHSTS != (hsts != "") {
				t.Errorf("Strict-Transport-Security = %q, want it sent: %v", hsts, tt.wantHSTS)
			}
		})
	}
}

func TestNegotiateLocale(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		user   kam.Locale
		cookie string
		accept string
		want   kam.Locale
	}{
		{"signed-in user's choice wins", kam.LocaleEN, "zh-CN", "zh-CN", kam.LocaleEN},
		{"cookie wins over Accept-Language", "", "en", "zh-CN,zh;q=0.9", kam.LocaleEN},
		{"invalid user locale falls through to cookie", "fr", "en", "", kam.LocaleEN},
		{"unsupported cookie falls through to Accept-Language", "", "fr", "en-US", kam.LocaleEN},
		{"Chinese browser gets Chinese", "", "", "zh-TW,zh;q=0.9", kam.LocaleZH},
		{"English browser gets English", "", "", "en-GB,en;q=0.8", kam.LocaleEN},
		{"higher q-value wins over order", "", "", "zh;q=0.5, en;q=0.8", kam.LocaleEN},
		{"unsupported languages are skipped", "", "", "fr-FR, de;q=0.9, en;q=0.3", kam.LocaleEN},
		{"equal q-values keep header order", "", "", "en;q=0.7, zh;q=0.7", kam.LocaleEN},
		{"q=0 excludes a language", "", "", "en;q=0, fr", kam.LocaleZH},
		{"nothing known defaults to Chinese", "", "", "fr, de", kam.LocaleZH},
		{"no header defaults to Chinese", "", "", "", kam.LocaleZH},
		{"malformed q counts as zero", "", "", "en;q=abc, zh;q=0.1", kam.LocaleZH},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequest("GET", "/", nil)
			if tt.cookie != "" {
				r.AddCookie(&http.Cookie{Name: LocaleCookieName, Value: tt.cookie})
			}
			if tt.accept != "" {
				r.Header.Set("Accept-Language", tt.accept)
			}
			if got := NegotiateLocale(r, tt.user); got != tt.want {
				t.Errorf("NegotiateLocale = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSetLocaleCookie(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	SetLocaleCookie(rec, kam.LocaleEN)
	cs := rec.Result().Cookies()
	if len(cs) != 1 || cs[0].Name != LocaleCookieName || cs[0].Value != "en" || cs[0].MaxAge <= 0 || cs[0].Path != "/" {
		t.Fatalf("cookies %+v, want one persistent kam_lang=en", cs)
	}
	// The cookie it sets is the one NegotiateLocale reads.
	r := httptest.NewRequest("GET", "/", nil)
	r.AddCookie(cs[0])
	r.Header.Set("Accept-Language", "zh-CN")
	if got := NegotiateLocale(r, ""); got != kam.LocaleEN {
		t.Errorf("round trip gives %q, want en", got)
	}
	rec = httptest.NewRecorder()
	SetLocaleCookie(rec, "fr")
	if len(rec.Result().Cookies()) != 0 {
		t.Error("unsupported locale was stored")
	}
}

func TestClientIP(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		remote     string
		trustProxy bool
		headers    [][2]string // added in order
		want       string
	}{
		{"remote address without port", "192.0.2.1:1234", false, nil, "192.0.2.1"},
		{"IPv6 remote address", "[2001:db8::1]:443", false, nil, "2001:db8::1"},
		{"IPv4-mapped IPv6 is unmapped", "[::ffff:192.0.2.7]:80", false, nil, "192.0.2.7"},
		{"forwarded headers are ignored without trust", "10.0.0.1:1", false,
			[][2]string{{"X-Forwarded-For", "203.0.113.9"}, {"X-Real-IP", "203.0.113.8"}}, "10.0.0.1"},
		{"X-Real-IP is never believed, even with trust: a client can send it", "10.0.0.1:1", true,
			[][2]string{{"X-Real-IP", "203.0.113.8"}}, "10.0.0.1"},
		{"a forged X-Real-IP does not beat the proxy's X-Forwarded-For entry", "10.0.0.1:1", true,
			[][2]string{{"X-Real-IP", "203.0.113.8"}, {"X-Forwarded-For", "203.0.113.9"}}, "203.0.113.9"},
		{"trusted X-Forwarded-For uses the proxy's entry, not the forgeable first one", "10.0.0.1:1", true,
			[][2]string{{"X-Forwarded-For", "1.1.1.1, 203.0.113.9"}}, "203.0.113.9"},
		{"the right-most entry of the last X-Forwarded-For line is the proxy's", "10.0.0.1:1", true,
			[][2]string{{"X-Forwarded-For", "1.1.1.1"}, {"X-Forwarded-For", "2.2.2.2, 203.0.113.9"}}, "203.0.113.9"},
		{"a malformed right-most entry does not fall back to a forgeable earlier one", "10.0.0.1:1", true,
			[][2]string{{"X-Forwarded-For", "1.1.1.1, garbage"}}, "10.0.0.1"},
		{"malformed forwarded values fall back to remote address", "10.0.0.1:1", true,
			[][2]string{{"X-Forwarded-For", "garbage"}, {"X-Real-IP", "nope"}}, "10.0.0.1"},
		{"remote address without port is kept", "192.0.2.5", false, nil, "192.0.2.5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tt.remote
			for _, kv := range tt.headers {
				r.Header.Add(kv[0], kv[1])
			}
			if got := ClientIP(r, tt.trustProxy); got != tt.want {
				t.Errorf("ClientIP = %q, want %q", got, tt.want)
			}
		})
	}
}
