package web

import (
	"context"
	"crypto/tls"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"kam/internal/auth"
	"kam/internal/httpedge"
	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/storetest"
	"kam/internal/testkit"
)

// testPassword is every test user's password.
const testPassword = "correct horse battery"

// env is a web front end over a real service on a fresh SQLite file.
type env struct {
	t     testing.TB
	svc   *service.Service
	app   *app
	h     http.Handler
	clock *testkit.Clock
	admin kam.User
	ctx   context.Context
}

type envOptions struct {
	trustProxy bool
	// postgres puts the env on a fresh PostgreSQL schema (storetest)
	// instead of a SQLite file.
	postgres bool
}

// eachDB runs fn as the subtests "sqlite" and "postgres", the second only
// when storetest finds a PostgreSQL server (KAM_TEST_POSTGRES).
func eachDB(t *testing.T, fn func(t *testing.T, o envOptions)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		fn(t, envOptions{})
	})
	t.Run("postgres", func(t *testing.T) {
		storetest.PostgresDSN(t) // skip (or fail in CI) before going parallel
		t.Parallel()
		fn(t, envOptions{postgres: true})
	})
}

func newEnv(t testing.TB, opts ...envOptions) *env {
	t.Helper()
	var o envOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	ctx := context.Background()
	var db *store.DB
	if o.postgres {
		db = storetest.Postgres(t)
	} else {
		db = storetest.SQLite(t)
	}
	clk := testkit.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	db.Clock = clk.Now
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc := service.New(db, service.Options{Now: clk.Now, Logger: log, Passwords: auth.CheapParams()})
	a, err := newApp(svc, Options{Logger: log, Now: clk.Now, TrustProxy: o.trustProxy})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, svc: svc, app: a, clock: clk, ctx: ctx,
		// As server.Handler mounts it: security headers around everything.
		h: httpedge.SecurityHeaders(a.handler(), false)}
	e.admin = e.user("admin@example.com", "Ada Admin", kam.RoleAdmin, 0, false)
	return e
}

// user creates a user with testPassword.
func (e *env) user(email, name string, role kam.Role, teamID int64, mustChange bool) kam.User {
	e.t.Helper()
	u, err := e.svc.CreateUser(e.ctx, kam.System, kam.User{Email: email, Name: name, Role: role, TeamID: teamID, Locale: kam.LocaleEN}, testPassword, mustChange)
	if err != nil {
		e.t.Fatalf("create user %s: %v", email, err)
	}
	return u
}

func (e *env) team(name string) kam.Team {
	e.t.Helper()
	tm, err := e.svc.Teams.Create(e.ctx, kam.System, kam.Team{Name: name})
	if err != nil {
		e.t.Fatal(err)
	}
	return tm
}

func (e *env) getUser(id int64) kam.User {
	e.t.Helper()
	u, err := e.svc.Users.Get(e.ctx, kam.System, id)
	if err != nil {
		e.t.Fatal(err)
	}
	return u
}

// client is a browser: it keeps cookies and the last CSRF token it saw.
type client struct {
	e       *env
	cookies map[string]*http.Cookie
	csrf    string
	ip      string
	header  http.Header
	tls     bool
}

func (e *env) client() *client {
	return &client{e: e, cookies: map[string]*http.Cookie{}, ip: "192.0.2.10", header: http.Header{}}
}

// response is what came back.
type response struct {
	Code   int
	Header http.Header
	Body   string
	rec    *httptest.ResponseRecorder
}

func (r *response) Location() string { return r.Header.Get("Location") }

var csrfField = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

func (c *client) do(method, target string, form url.Values) *response {
	c.e.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, target, body)
	req.RemoteAddr = c.ip + ":41000"
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if c.tls {
		req.TLS = &tls.ConnectionState{}
	}
	for k, v := range c.header {
		req.Header[k] = v
	}
	for _, ck := range c.cookies {
		req.AddCookie(&http.Cookie{Name: ck.Name, Value: ck.Value})
	}
	rec := httptest.NewRecorder()
	c.e.h.ServeHTTP(rec, req)
	res := rec.Result()
	for _, ck := range res.Cookies() {
		if ck.MaxAge < 0 || ck.Value == "" {
			delete(c.cookies, ck.Name)
		} else {
			c.cookies[ck.Name] = ck
		}
	}
	out := &response{Code: rec.Code, Header: rec.Header(), Body: rec.Body.String(), rec: rec}
	if m := csrfField.FindStringSubmatch(out.Body); m != nil {
		c.csrf = m[1]
	}
	return out
}

func (c *client) get(target string) *response { return c.do("GET", target, nil) }

// post sends a form with the client's CSRF token added.
func (c *client) post(target string, form url.Values) *response {
	if form == nil {
		form = url.Values{}
	}
	if c.csrf != "" && form.Get("csrf_token") == "" {
		form.Set("csrf_token", c.csrf)
	}
	return c.do("POST", target, form)
}

// signIn signs in and loads a page to learn the CSRF token.
func (c *client) signIn(email, password string) *response {
	c.e.t.Helper()
	r := c.do("POST", "/signin", url.Values{"email": {email}, "password": {password}})
	if r.Code != http.StatusSeeOther {
		c.e.t.Fatalf("sign in %s: status %d, want 303\n%s", email, r.Code, r.Body)
	}
	c.get("/account")
	return r
}

// signedIn returns a client signed in as u.
func (e *env) signedIn(u kam.User) *client {
	e.t.Helper()
	c := e.client()
	c.signIn(u.Email, testPassword)
	return c
}

func (c *client) sessionCookie() *http.Cookie { return c.cookies[httpedge.DefaultCookieName] }

func mustStatus(t *testing.T, r *response, want int) {
	t.Helper()
	if r.Code != want {
		t.Fatalf("status %d, want %d (Location %q)\n%.2000s", r.Code, want, r.Location(), r.Body)
	}
}

func mustContain(t *testing.T, r *response, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(r.Body, p) {
			t.Errorf("page lacks %q\n%.3000s", p, r.Body)
		}
	}
}
