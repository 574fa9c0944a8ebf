package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"kam/internal/auth"
	"kam/internal/httpedge"
	"kam/internal/kam"
)

func TestSignInAndOut(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rep := e.user("rep@example.com", "Rita Rep", kam.RoleRep, 0, false)

	c := e.client()
	r := c.get("/account?tab=1")
	mustStatus(t, r, http.StatusSeeOther)
	if want := "/signin?next=" + url.QueryEscape("/account?tab=1"); r.Location() != want {
		t.Fatalf("signed-out redirect to %q, want %q", r.Location(), want)
	}
	r = c.get(r.Location())
	mustStatus(t, r, http.StatusOK)
	mustContain(t, r, `name="next" value="/account?tab=1"`)

	r = c.do("POST", "/signin", url.Values{"email": {"  REP@example.com "}, "password": {testPassword}, "next": {"/account?tab=1"}})
	mustStatus(t, r, http.StatusSeeOther)
	if r.Location() != "/account?tab=1" {
		t.Errorf("after sign-in went to %q, want the next page", r.Location())
	}
	if c.sessionCookie() == nil {
		t.Fatal("no session cookie after sign-in")
	}
	r = c.get("/account")
	mustStatus(t, r, http.StatusOK)
	mustContain(t, r, "Rita Rep", rep.Email)

	r = c.post("/signout", nil)
	mustStatus(t, r, http.StatusSeeOther)
	if c.sessionCookie() != nil {
		t.Error("session cookie kept after sign-out")
	}
	if r := c.get("/account"); r.Code != http.StatusSeeOther || !strings.HasPrefix(r.Location(), "/signin") {
		t.Errorf("after sign-out /account answered %d %q, want a redirect to sign in", r.Code, r.Location())
	}
}

func TestSignInNextMustBeLocal(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, next := range []string{"https://evil.example/", "//evil.example/x", `/\evil.example`, "javascript:alert(1)", ""} {
		c := e.client()
		r := c.do("POST", "/signin", url.Values{"email": {e.admin.Email}, "password": {testPassword}, "next": {next}})
		mustStatus(t, r, http.StatusSeeOther)
		if r.Location() != "/" {
			t.Errorf("next %q: redirected to %q, want /", next, r.Location())
		}
	}
}

func TestSessionCookieAttributes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		trustProxy bool
		tls        bool
		proto      string
		wantSecure bool
	}{
		{name: "plain HTTP is not Secure", wantSecure: false},
		{name: "TLS is Secure", tls: true, wantSecure: true},
		{name: "trusted proxy with https is Secure", trustProxy: true, proto: "https", wantSecure: true},
		{name: "untrusted forwarded proto is ignored", proto: "https", wantSecure: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, envOptions{trustProxy: tc.trustProxy})
			c := e.client()
			c.tls = tc.tls
			if tc.proto != "" {
				c.header.Set("X-Forwarded-Proto", tc.proto)
			}
			c.do("POST", "/signin", url.Values{"email": {e.admin.Email}, "password": {testPassword}})
			ck := c.sessionCookie()
			if ck == nil {
				t.Fatal("no session cookie")
			}
			if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" {
				t.Errorf("cookie HttpOnly=%v SameSite=%v Path=%q, want HttpOnly, Lax, /", ck.HttpOnly, ck.SameSite, ck.Path)
			}
			if ck.Secure != tc.wantSecure {
				t.Errorf("Secure = %v, want %v", ck.Secure, tc.wantSecure)
			}
		})
	}
}

func TestSignInRefusalsLookTheSame(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.user("known@example.com", "Known", kam.RoleRep, 0, false)
	try := func(email string) *response {
		c := e.client()
		c.ip = "198.51.100.7"
		return c.do("POST", "/signin", url.Values{"email": {email}, "password": {"wrong password!"}})
	}
	wrong := try("known@example.com")
	unknown := try("nobody@example.com")
	if wrong.Code != http.StatusUnauthorized || unknown.Code != wrong.Code {
		t.Fatalf("wrong password %d, unknown email %d; want both 401", wrong.Code, unknown.Code)
	}
	// The page echoes the email typed; apart from it the pages must match.
	a := strings.ReplaceAll(wrong.Body, "known@example.com", "EMAIL")
	b := strings.ReplaceAll(unknown.Body, "nobody@example.com", "EMAIL")
	if a != b {
		t.Errorf("refusal pages differ:\n%s\n---\n%s", a, b)
	}
	if len(wrong.Header["Set-Cookie"]) != len(unknown.Header["Set-Cookie"]) {
		t.Errorf("refusals set different cookies: %v vs %v", wrong.Header["Set-Cookie"], unknown.Header["Set-Cookie"])
	}
	mustContain(t, wrong, auth.MsgBadCredentials.ZH)
}

// Signing in hashes with the service's parameters, so an unknown email's
// stand-in check costs what a known user's real one does; PasswordChecks
// bounds the checks running at once.
func TestSignInUsesTheServicesHashing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	if got := e.app.authn.Params; got != auth.CheapParams() {
		t.Errorf("sign-in hashes with %+v, want the service's %+v", got, auth.CheapParams())
	}
	if e.app.authn.Hashing != e.svc.Hashing() {
		t.Error("without PasswordChecks the sign-in should share the service's hashing limiter")
	}
	a, err := newApp(e.svc, Options{PasswordChecks: 3})
	if err != nil {
		t.Fatal(err)
	}
	if a.authn.Hashing == nil || a.authn.Hashing.Slots() != 3 {
		t.Errorf("PasswordChecks 3 gives limiter %+v, want 3 slots", a.authn.Hashing)
	}
}

func TestSignInThrottle(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	u := e.user("target@example.com", "Target", kam.RoleRep, 0, false)
	c := e.client()
	for i := range 5 {
		r := c.do("POST", "/signin", url.Values{"email": {u.Email}, "password": {"guess number " + string(rune('a'+i))}})
		mustStatus(t, r, http.StatusUnauthorized)
	}
	// Locked now: even the right password waits.
	r := c.do("POST", "/signin", url.Values{"email": {u.Email}, "password": {testPassword}})
	mustStatus(t, r, http.StatusTooManyRequests)
	if r.Header.Get("Retry-After") == "" {
		t.Error("no Retry-After on a throttled sign-in")
	}
	if c.sessionCookie() != nil {
		t.Error("a throttled sign-in started a session")
	}
	// Another address is locked out of this account too (per account).
	other := e.client()
	other.ip = "203.0.113.9"
	mustStatus(t, other.do("POST", "/signin", url.Values{"email": {u.Email}, "password": {testPassword}}), http.StatusTooManyRequests)

	e.clock.Advance(2 * time.Second)
	mustStatus(t, c.do("POST", "/signin", url.Values{"email": {u.Email}, "password": {testPassword}}), http.StatusSeeOther)
}

func TestSignInThrottlePerAddress(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	c.ip = "203.0.113.50"
	// Twenty unknown emails from one address lock the address.
	for i := range 20 {
		r := c.do("POST", "/signin", url.Values{"email": {"guess" + string(rune('a'+i)) + "@example.com"}, "password": {"x"}})
		mustStatus(t, r, http.StatusUnauthorized)
	}
	mustStatus(t, c.do("POST", "/signin", url.Values{"email": {e.admin.Email}, "password": {testPassword}}), http.StatusTooManyRequests)
}

func TestSessionIDRotatesAtSignIn(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	planted := auth.NewSecret()
	c.cookies[httpedge.DefaultCookieName] = &http.Cookie{Name: httpedge.DefaultCookieName, Value: planted}
	c.signIn(e.admin.Email, testPassword)
	first := c.sessionCookie().Value
	if first == planted {
		t.Fatal("sign-in kept a session id chosen before it")
	}
	// Signing in again replaces the id and ends the old session.
	c.signIn(e.admin.Email, testPassword)
	if c.sessionCookie().Value == first {
		t.Fatal("second sign-in kept the session id")
	}
	old := e.client()
	old.cookies[httpedge.DefaultCookieName] = &http.Cookie{Name: httpedge.DefaultCookieName, Value: first}
	if r := old.get("/account"); r.Code != http.StatusSeeOther {
		t.Errorf("the replaced session still works: %d", r.Code)
	}
}

func TestSessionExpiry(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		steps   []time.Duration // page loads after each step
		wantOut bool
	}{
		{name: "active use stays signed in", steps: []time.Duration{time.Hour, time.Hour, time.Hour}, wantOut: false},
		{name: "idle too long signs out", steps: []time.Duration{3 * time.Hour}, wantOut: true},
		{name: "absolute expiry signs out despite activity", steps: []time.Duration{
			time.Hour + 50*time.Minute, time.Hour + 50*time.Minute, time.Hour + 50*time.Minute, time.Hour + 50*time.Minute,
			time.Hour + 50*time.Minute, time.Hour + 50*time.Minute, time.Hour + 50*time.Minute}, wantOut: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			c := e.signedIn(e.admin)
			var r *response
			for _, d := range tc.steps {
				e.clock.Advance(d)
				r = c.get("/account")
			}
			if out := r.Code == http.StatusSeeOther; out != tc.wantOut {
				t.Errorf("signed out = %v (status %d), want %v", out, r.Code, tc.wantOut)
			}
		})
	}
}

func TestSignOutEverywhere(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rep := e.user("rep@example.com", "Rep", kam.RoleRep, 0, false)
	laptop, phone := e.signedIn(rep), e.signedIn(rep)
	other := e.signedIn(e.admin)
	mustStatus(t, phone.get("/account"), http.StatusOK)

	r := laptop.post("/account/signout-all", nil)
	mustStatus(t, r, http.StatusSeeOther)
	for name, c := range map[string]*client{"this browser": laptop, "another device": phone} {
		if r := c.get("/account"); r.Code != http.StatusSeeOther {
			t.Errorf("%s still signed in after signing out everywhere: %d", name, r.Code)
		}
	}
	mustStatus(t, other.get("/account"), http.StatusOK)
}

func TestDisabledUserIsOutAtOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rep := e.user("rep@example.com", "Rep", kam.RoleRep, 0, false)
	c := e.signedIn(rep)
	if _, err := e.svc.Users.Update(e.ctx, kam.System, rep.ID, rep.Version, func(u *kam.User) error { u.Disabled = true; return nil }); err != nil {
		t.Fatal(err)
	}
	if r := c.get("/account"); r.Code != http.StatusSeeOther {
		t.Fatalf("a disabled user still sees pages: %d", r.Code)
	}
	if r := e.client().do("POST", "/signin", url.Values{"email": {rep.Email}, "password": {testPassword}}); r.Code != http.StatusUnauthorized {
		t.Errorf("a disabled user signed in: %d", r.Code)
	}
}

func TestMustChangePassword(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	u := e.user("new@example.com", "Newcomer", kam.RoleRep, 0, true)
	c := e.client()
	r := c.do("POST", "/signin", url.Values{"email": {u.Email}, "password": {testPassword}, "next": {"/account"}})
	mustStatus(t, r, http.StatusSeeOther)
	if r.Location() != "/password" {
		t.Fatalf("must-change user sent to %q, want /password", r.Location())
	}
	r = c.get("/account")
	if r.Code != http.StatusSeeOther || r.Location() != "/password" {
		t.Fatalf("/account before changing the password: %d %q, want redirect to /password", r.Code, r.Location())
	}
	r = c.get("/password")
	mustStatus(t, r, http.StatusOK)

	tests := []struct {
		name      string
		form      url.Values
		wantField string
	}{
		{"mismatched confirmation is refused", url.Values{"current_password": {testPassword}, "password": {"a brand new one"}, "password_confirm": {"another one!!"}}, "f-password_confirm-error"},
		{"short password is refused", url.Values{"current_password": {testPassword}, "password": {"short"}, "password_confirm": {"short"}}, "f-password-error"},
		{"wrong current password is refused", url.Values{"current_password": {"not it at all"}, "password": {"a brand new one"}, "password_confirm": {"a brand new one"}}, "f-current_password-error"},
	}
	for _, tc := range tests {
		r := c.post("/password", tc.form)
		if r.Code != http.StatusUnprocessableEntity || !strings.Contains(r.Body, tc.wantField) {
			t.Errorf("%s: status %d, field error %q present = %v", tc.name, r.Code, tc.wantField, strings.Contains(r.Body, tc.wantField))
		}
		if strings.Contains(r.Body, "a brand new one") || strings.Contains(r.Body, testPassword) {
			t.Errorf("%s: a password was echoed into the page", tc.name)
		}
	}
	other := e.signedIn(u) // another device with the temporary password
	before := c.sessionCookie().Value
	r = c.post("/password", url.Values{"current_password": {testPassword}, "password": {"a brand new one"}, "password_confirm": {"a brand new one"}})
	mustStatus(t, r, http.StatusSeeOther)
	if c.sessionCookie().Value == before {
		t.Error("the session id did not change with the password")
	}
	mustStatus(t, c.get("/account"), http.StatusOK)
	if r := other.get("/account"); r.Code != http.StatusSeeOther {
		t.Errorf("another session survived the password change: %d", r.Code)
	}
	if e.getUser(u.ID).MustChangePassword {
		t.Error("MustChangePassword still set")
	}
	mustStatus(t, e.client().do("POST", "/signin", url.Values{"email": {u.Email}, "password": {testPassword}}), http.StatusUnauthorized)
	mustStatus(t, e.client().do("POST", "/signin", url.Values{"email": {u.Email}, "password": {"a brand new one"}}), http.StatusSeeOther)
}

func TestCSRF(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rep := e.user("rep@example.com", "Rep", kam.RoleRep, 0, false)
	tests := []struct {
		name   string
		header map[string]string
		token  string
		want   int
	}{
		{name: "same-origin form with token is accepted", token: "good", want: http.StatusSeeOther},
		{name: "cross-site fetch is refused", header: map[string]string{"Sec-Fetch-Site": "cross-site"}, token: "good", want: http.StatusForbidden},
		{name: "foreign Origin is refused", header: map[string]string{"Origin": "https://evil.example"}, token: "good", want: http.StatusForbidden},
		{name: "missing token is refused", token: "", want: http.StatusForbidden},
		{name: "wrong token is refused", token: "forged-token", want: http.StatusForbidden},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := e.signedIn(rep)
			for k, v := range tc.header {
				c.header.Set(k, v)
			}
			form := url.Values{"name": {"Renamed"}, "locale": {"en"}, "version": {"0"}}
			switch tc.token {
			case "good":
				form.Set("csrf_token", c.csrf)
			case "":
			default:
				form.Set("csrf_token", tc.token)
			}
			u := e.getUser(rep.ID)
			form.Set("version", itoa(u.Version))
			r := c.do("POST", "/account", form)
			if r.Code != tc.want {
				t.Fatalf("status %d, want %d\n%.500s", r.Code, tc.want, r.Body)
			}
			changed := e.getUser(rep.ID).Version != u.Version
			if changed != (tc.want == http.StatusSeeOther) {
				t.Errorf("profile changed = %v", changed)
			}
		})
	}
}

func TestLanguage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	t.Run("first visit follows Accept-Language", func(t *testing.T) {
		for _, tc := range []struct{ accept, lang, text string }{
			{"en-US,en;q=0.9", `lang="en"`, "Sign in"},
			{"zh-CN,zh;q=0.9,en;q=0.5", `lang="zh-CN"`, "登录"},
			{"fr-FR", `lang="zh-CN"`, "登录"},
		} {
			c := e.client()
			c.header.Set("Accept-Language", tc.accept)
			r := c.get("/signin")
			mustContain(t, r, tc.lang, tc.text)
		}
	})
	t.Run("signed-out choice is kept in a cookie", func(t *testing.T) {
		c := e.client()
		c.header.Set("Accept-Language", "zh-CN")
		r := c.do("POST", "/lang", url.Values{"lang": {"en"}, "next": {"/signin"}})
		mustStatus(t, r, http.StatusSeeOther)
		if r.Location() != "/signin" {
			t.Errorf("back to %q, want /signin", r.Location())
		}
		mustContain(t, c.get("/signin"), `lang="en"`)
	})
	t.Run("signed-in choice is saved on the user", func(t *testing.T) {
		u := e.user("lang@example.com", "Lang", kam.RoleRep, 0, false)
		c := e.signedIn(u)
		r := c.post("/lang", url.Values{"lang": {"zh-CN"}, "next": {"https://evil.example/"}})
		mustStatus(t, r, http.StatusSeeOther)
		if r.Location() != "/" {
			t.Errorf("followed a foreign next: %q", r.Location())
		}
		if got := e.getUser(u.ID).Locale; got != kam.LocaleZH {
			t.Fatalf("locale %q, want zh-CN", got)
		}
		// A new browser with English preferences still gets the user's choice.
		c2 := e.client()
		c2.header.Set("Accept-Language", "en")
		c2.signIn(u.Email, testPassword)
		mustContain(t, c2.get("/account"), `lang="zh-CN"`, "我的账号")
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
