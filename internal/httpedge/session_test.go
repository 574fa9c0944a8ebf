package httpedge

import (
	"context"
	"crypto/tls"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"kam/internal/auth"
	"kam/internal/kam"
	"kam/internal/testkit"
)

func newSessions() (*Sessions, *testkit.Clock, *auth.MemStore) {
	c := newClock()
	st := auth.NewMemStore()
	return &Sessions{Store: st, Now: c.Now}, c, st
}

// sessionCookie returns the session cookie set on rec, or fails.
func sessionCookie(t *testing.T, rec *httptest.ResponseRecorder) *http.Cookie {
	t.Helper()
	for _, c := range rec.Result().Cookies() {
		if c.Name == DefaultCookieName {
			return c
		}
	}
	t.Fatalf("no %s cookie in %v", DefaultCookieName, rec.Header()["Set-Cookie"])
	return nil
}

func requestWith(c *http.Cookie) *http.Request {
	r := httptest.NewRequest("GET", "/", nil)
	if c != nil {
		r.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	return r
}

func TestSessionStartStoresOnlyHash(t *testing.T) {
	t.Parallel()
	m, c, st := newSessions()
	ctx := context.Background()
	r := httptest.NewRequest("POST", "/signin", nil)
	r.Header.Set("User-Agent", "Mozilla/5.0 test")
	r.RemoteAddr = "192.0.2.4:5555"
	rec := httptest.NewRecorder()
	s, err := m.Start(ctx, rec, r, 7)
	if err != nil {
		t.Fatal(err)
	}
	ck := sessionCookie(t, rec)
	if s.IDHash != auth.HashSecret(ck.Value) || s.IDHash == ck.Value {
		t.Error("session is not keyed by the hash of the cookie value")
	}
	if _, err := st.GetSession(ctx, ck.Value); !errors.Is(err, kam.ErrNotFound) {
		t.Error("the raw cookie value is a key in the store")
	}
	want := kam.Session{
		IDHash: s.IDHash, UserID: 7, CSRFToken: s.CSRFToken,
		CreatedAt: c.Now(), LastSeenAt: c.Now(), ExpiresAt: c.Now().Add(12 * time.Hour),
		UserAgent: "Mozilla/5.0 test", IP: "192.0.2.4",
	}
	if got, _ := st.GetSession(ctx, s.IDHash); got != want {
		t.Errorf("stored %+v\nwant   %+v", got, want)
	}
	if !auth.LooksLikeSecret(s.CSRFToken) || s.CSRFToken == ck.Value {
		t.Errorf("CSRF token %q is not a separate secret", s.CSRFToken)
	}
}

func TestSessionCookieAttributes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		tls        bool
		trustProxy bool
		proto      string
		wantSecure bool
	}{
		{"plain HTTP cookie is not Secure", false, false, "", false},
		{"TLS cookie is Secure", true, false, "", true},
		{"trusted proxy over HTTPS makes cookie Secure", false, true, "https", true},
		{"untrusted forwarded proto is ignored", false, false, "https", false},
		{"trusted proxy over HTTP keeps cookie not Secure", false, true, "http", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m, _, _ := newSessions()
			m.TrustProxy = tt.trustProxy
			r := httptest.NewRequest("POST", "/signin", nil)
			if tt.tls {
				r.TLS = &tls.ConnectionState{}
			}
			if tt.proto != "" {
				r.Header.Set("X-Forwarded-Proto", tt.proto)
			}
			rec := httptest.NewRecorder()
			if _, err := m.Start(context.Background(), rec, r, 1); err != nil {
				t.Fatal(err)
			}
			ck := sessionCookie(t, rec)
			if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" {
				t.Errorf("cookie %+v: want HttpOnly, SameSite=Lax, Path=/", ck)
			}
			if ck.Secure != tt.wantSecure {
				t.Errorf("Secure = %v, want %v", ck.Secure, tt.wantSecure)
			}
		})
	}
}

func TestSessionIDChangesAtSignIn(t *testing.T) {
	t.Parallel()
	m, _, st := newSessions()
	ctx := context.Background()
	rec := httptest.NewRecorder()
	if _, err := m.Start(ctx, rec, requestWith(nil), 1); err != nil {
		t.Fatal(err)
	}
	old := sessionCookie(t, rec)

	// Signing in again from a browser that holds a session replaces it.
	rec2 := httptest.NewRecorder()
	if _, err := m.Start(ctx, rec2, requestWith(old), 1); err != nil {
		t.Fatal(err)
	}
	fresh := sessionCookie(t, rec2)
	if fresh.Value == old.Value {
		t.Fatal("session id did not change at sign-in")
	}
	if _, err := m.Load(ctx, requestWith(old)); !errors.Is(err, kam.ErrUnauthorized) {
		t.Errorf("old session still loads: err = %v", err)
	}
	if _, err := m.Load(ctx, requestWith(fresh)); err != nil {
		t.Errorf("new session does not load: %v", err)
	}
	if n := st.SessionCount(1); n != 1 {
		t.Errorf("user holds %d sessions, want 1", n)
	}
}

func TestSessionLoadRefusesMissingAndUnknown(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		cookie *http.Cookie
	}{
		{"no cookie is unauthorized", nil},
		{"empty cookie is unauthorized", &http.Cookie{Name: DefaultCookieName, Value: ""}},
		{"malformed cookie is unauthorized", &http.Cookie{Name: DefaultCookieName, Value: "not-a-session"}},
		{"unknown well-formed cookie is unauthorized", &http.Cookie{Name: DefaultCookieName, Value: auth.NewSecret()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m, _, _ := newSessions()
			_, err := m.Load(context.Background(), requestWith(tt.cookie))
			if !errors.Is(err, kam.ErrUnauthorized) {
				t.Errorf("err = %v, want kam.ErrUnauthorized", err)
			}
		})
	}
}

func TestSessionExpiry(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		steps  []time.Duration // time between requests
		wantOK bool
	}{
		{"just under idle limit loads", []time.Duration{2*time.Hour - time.Second}, true},
		{"idle limit reached expires", []time.Duration{2 * time.Hour}, false},
		{"activity keeps session alive past idle limit", []time.Duration{time.Hour, time.Hour, time.Hour}, true},
		{"just under absolute limit loads", []time.Duration{
			time.Hour + 59*time.Minute, time.Hour + 59*time.Minute, time.Hour + 59*time.Minute,
			time.Hour + 59*time.Minute, time.Hour + 59*time.Minute, time.Hour + 59*time.Minute, 5 * time.Minute}, true},
		{"absolute limit reached expires despite activity", []time.Duration{
			time.Hour + 59*time.Minute, time.Hour + 59*time.Minute, time.Hour + 59*time.Minute,
			time.Hour + 59*time.Minute, time.Hour + 59*time.Minute, time.Hour + 59*time.Minute, 6 * time.Minute}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m, c, st := newSessions()
			ctx := context.Background()
			rec := httptest.NewRecorder()
			s, err := m.Start(ctx, rec, requestWith(nil), 3)
			if err != nil {
				t.Fatal(err)
			}
			ck := sessionCookie(t, rec)
			for i, d := range tt.steps {
				c.Advance(d)
				_, err = m.Load(ctx, requestWith(ck))
				if i < len(tt.steps)-1 && err != nil {
					t.Fatalf("request %d: %v", i+1, err)
				}
			}
			if tt.wantOK {
				if err != nil {
					t.Errorf("Load: %v", err)
				}
				return
			}
			if !errors.Is(err, kam.ErrUnauthorized) {
				t.Errorf("err = %v, want kam.ErrUnauthorized", err)
			}
			if _, err := st.GetSession(ctx, s.IDHash); !errors.Is(err, kam.ErrNotFound) {
				t.Error("expired session was not deleted")
			}
		})
	}
}

func TestSessionCustomLimits(t *testing.T) {
	t.Parallel()
	m, c, _ := newSessions()
	m.Idle, m.Absolute, m.CookieName = 10*time.Minute, time.Hour, "sid"
	ctx := context.Background()
	rec := httptest.NewRecorder()
	s, err := m.Start(ctx, rec, requestWith(nil), 1)
	if err != nil {
		t.Fatal(err)
	}
	if s.ExpiresAt != c.Now().Add(time.Hour) {
		t.Errorf("ExpiresAt = %v, want an hour from now", s.ExpiresAt)
	}
	ck := rec.Result().Cookies()[0]
	if ck.Name != "sid" {
		t.Fatalf("cookie name %q, want sid", ck.Name)
	}
	c.Advance(10 * time.Minute)
	if _, err := m.Load(ctx, requestWith(ck)); !errors.Is(err, kam.ErrUnauthorized) {
		t.Errorf("after custom idle limit: err = %v, want kam.ErrUnauthorized", err)
	}
}

func TestSessionTouchAtMostOncePerMinute(t *testing.T) {
	t.Parallel()
	m, c, st := newSessions()
	ctx := context.Background()
	rec := httptest.NewRecorder()
	s, err := m.Start(ctx, rec, requestWith(nil), 1)
	if err != nil {
		t.Fatal(err)
	}
	ck := sessionCookie(t, rec)
	start := c.Now()
	steps := []struct {
		advance  time.Duration
		wantSeen time.Time
	}{
		{30 * time.Second, start},
		{29 * time.Second, start},
		{time.Second, start.Add(time.Minute)},
		{10 * time.Second, start.Add(time.Minute)},
	}
	for i, step := range steps {
		c.Advance(step.advance)
		got, err := m.Load(ctx, requestWith(ck))
		if err != nil {
			t.Fatal(err)
		}
		stored, _ := st.GetSession(ctx, s.IDHash)
		if !got.LastSeenAt.Equal(step.wantSeen) || !stored.LastSeenAt.Equal(step.wantSeen) {
			t.Errorf("step %d: LastSeenAt = %v (stored %v), want %v", i, got.LastSeenAt, stored.LastSeenAt, step.wantSeen)
		}
	}
}

func TestSessionEnd(t *testing.T) {
	t.Parallel()
	m, _, st := newSessions()
	ctx := context.Background()
	rec := httptest.NewRecorder()
	s, err := m.Start(ctx, rec, requestWith(nil), 1)
	if err != nil {
		t.Fatal(err)
	}
	ck := sessionCookie(t, rec)
	out := httptest.NewRecorder()
	if err := m.End(ctx, out, requestWith(ck)); err != nil {
		t.Fatal(err)
	}
	if _, err := st.GetSession(ctx, s.IDHash); !errors.Is(err, kam.ErrNotFound) {
		t.Error("session still stored after End")
	}
	gone := sessionCookie(t, out)
	if gone.MaxAge >= 0 || gone.Value != "" || !gone.HttpOnly {
		t.Errorf("End cookie %+v, want an expired empty HttpOnly cookie", gone)
	}
	if err := m.End(ctx, httptest.NewRecorder(), requestWith(nil)); err != nil {
		t.Errorf("End without a session: %v", err)
	}
}

func TestSessionEndAll(t *testing.T) {
	t.Parallel()
	m, _, st := newSessions()
	ctx := context.Background()
	var cookies []*http.Cookie
	for _, uid := range []int64{1, 1, 2} {
		rec := httptest.NewRecorder()
		if _, err := m.Start(ctx, rec, requestWith(nil), uid); err != nil {
			t.Fatal(err)
		}
		cookies = append(cookies, sessionCookie(t, rec))
	}
	if err := m.EndAll(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if n := st.SessionCount(1); n != 0 {
		t.Errorf("user 1 holds %d sessions after EndAll, want 0", n)
	}
	for _, ck := range cookies[:2] {
		if _, err := m.Load(ctx, requestWith(ck)); !errors.Is(err, kam.ErrUnauthorized) {
			t.Errorf("ended session loads: err = %v", err)
		}
	}
	if _, err := m.Load(ctx, requestWith(cookies[2])); err != nil {
		t.Errorf("other user's session was ended: %v", err)
	}
}

func TestTruncateKeepsWholeCharacters(t *testing.T) {
	t.Parallel()
	if got := truncate("ab中文", 4); got != "ab" {
		t.Errorf("truncate = %q, want %q", got, "ab")
	}
	if got := truncate("abc", 4); got != "abc" {
		t.Errorf("truncate = %q, want abc", got)
	}
}
