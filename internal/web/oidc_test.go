package web

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zitadel/oidc/v3/example/server/exampleop"
	"github.com/zitadel/oidc/v3/example/server/storage"
	"golang.org/x/text/language"

	"kam/internal/auth"
	"kam/internal/httpedge"
	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
)

// opUsers are the people of the test's identity provider.
type opUsers map[string]*storage.User

func (u opUsers) GetUserByID(id string) *storage.User { return u[id] }
func (u opUsers) GetUserByUsername(name string) *storage.User {
	for _, x := range u {
		if x.Username == name {
			return x
		}
	}
	return nil
}
func (u opUsers) ExampleClientID() string { return storage.ServiceUserID }

// ssoEnv is kam behind a real HTTP server, signing in through a real
// OpenID provider (zitadel's OP with its in-memory storage) on another.
type ssoEnv struct {
	t      *testing.T
	svc    *service.Service
	kamURL string
	opURL  string
	// skew moves kam's clock (the ID token verifier's too) from real time.
	skew atomic.Int64
	logs *strings.Builder
}

func (e *ssoEnv) now() time.Time { return time.Now().Add(time.Duration(e.skew.Load())) }

func newSSOEnv(t *testing.T) *ssoEnv {
	t.Helper()
	e := &ssoEnv{t: t, logs: &strings.Builder{}}
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "kam.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	e.svc = service.New(db, service.Options{Now: e.now, Logger: log, Passwords: auth.CheapParams()})

	var kamH, opH http.Handler
	kamSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { kamH.ServeHTTP(w, r) }))
	t.Cleanup(kamSrv.Close)
	opSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { opH.ServeHTTP(w, r) }))
	t.Cleanup(opSrv.Close)
	e.kamURL, e.opURL = kamSrv.URL, opSrv.URL

	users := opUsers{
		"sub-ada": {ID: "sub-ada", Username: "ada", Password: "op-password", FirstName: "Ada", LastName: "Admin",
			Email: "Admin@Example.com", EmailVerified: true, PreferredLanguage: language.English},
		"sub-new": {ID: "sub-new", Username: "newbie", Password: "op-password", FirstName: "Nia", LastName: "New",
			Email: "nia@corp.example", EmailVerified: true, PreferredLanguage: language.English},
		"sub-out": {ID: "sub-out", Username: "outsider", Password: "op-password", FirstName: "Otto", LastName: "Out",
			Email: "otto@elsewhere.example", EmailVerified: true, PreferredLanguage: language.English},
		"sub-unv": {ID: "sub-unv", Username: "unverified", Password: "op-password", FirstName: "Una", LastName: "Unverified",
			Email: "admin@example.com", EmailVerified: false, PreferredLanguage: language.English},
	}
	client := storage.WebClient("kam", "kam-client-secret", e.kamURL+"/signin/oidc/callback")
	st := storage.NewStorageWithClients(users, map[string]*storage.Client{"kam": client})
	opH = exampleop.SetupServer(e.opURL, st, nil, false)

	a, err := newApp(e.svc, Options{Logger: slog.New(slog.NewTextHandler(e.logs, nil)), Now: e.now, OIDC: &OIDC{
		Issuer: e.opURL, ClientID: "kam", ClientSecret: "kam-client-secret",
		RedirectURL: e.kamURL + "/signin/oidc/callback", Name: "Example SSO",
	}})
	if err != nil {
		t.Fatal(err)
	}
	kamH = httpedge.SecurityHeaders(a.handler(), false)
	if _, err := e.svc.CreateUser(ctx, kam.System, kam.User{Email: "admin@example.com", Name: "Ada Admin", Role: kam.RoleAdmin, Locale: kam.LocaleEN}, testPassword, false); err != nil {
		t.Fatal(err)
	}
	return e
}

// browser is a cookie-keeping HTTP client that follows redirects, as a
// browser does.
func (e *ssoEnv) browser() *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		e.t.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 20 * time.Second, Transport: english{}}
}

// english asks for English pages, as a browser set to English does.
type english struct{}

func (english) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Accept-Language", "en")
	return http.DefaultTransport.RoundTrip(r)
}

// startAtOP begins a sign-in on kam's page and returns the provider's
// login form's auth request id.
func (e *ssoEnv) startAtOP(b *http.Client) string {
	e.t.Helper()
	page := e.get(b, e.kamURL+"/signin")
	if !strings.Contains(page, "Sign in with Example SSO") || !strings.Contains(page, `href="/signin/oidc?next=%2f"`) {
		e.t.Fatalf("sign-in page without the single sign-on button:\n%s", page)
	}
	resp, err := b.Get(e.kamURL + "/signin/oidc?next=/accounts")
	if err != nil {
		e.t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Request.URL.String(), e.opURL+"/login/username") {
		e.t.Fatalf("start: %d at %s:\n%s", resp.StatusCode, resp.Request.URL, body)
	}
	// The request to the provider asked for the code flow with PKCE.
	var auth *url.URL
	for r := resp.Request; r != nil; r = r.Response.Request {
		if strings.HasPrefix(r.URL.String(), e.opURL+"/auth") {
			auth = r.URL
		}
		if r.Response == nil {
			break
		}
	}
	if auth == nil {
		e.t.Fatal("never went through the provider's authorisation endpoint")
	}
	q := auth.Query()
	if q.Get("response_type") != "code" || q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" || q.Get("nonce") == "" || q.Get("state") == "" {
		e.t.Fatalf("authorisation request %v lacks code flow, PKCE, nonce or state", q)
	}
	return resp.Request.URL.Query().Get("authRequestID")
}

// loginAtOP signs in at the provider's own form; the redirects then end
// on kam. It returns kam's last answer.
func (e *ssoEnv) loginAtOP(b *http.Client, id, username string) (int, string, *url.URL) {
	e.t.Helper()
	resp, err := b.PostForm(e.opURL+"/login/username", url.Values{"id": {id}, "username": {username}, "password": {"op-password"}})
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if !strings.HasPrefix(resp.Request.URL.String(), e.kamURL) {
		e.t.Fatalf("login at the provider ended at %s (%d):\n%s", resp.Request.URL, resp.StatusCode, body)
	}
	return resp.StatusCode, string(body), resp.Request.URL
}

func (e *ssoEnv) get(b *http.Client, u string) string {
	e.t.Helper()
	resp, err := b.Get(u)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return string(body)
}

// signedIn reports whether the browser holds a kam session: /account is
// the account page, not the sign-in form.
func (e *ssoEnv) signedIn(b *http.Client) bool {
	resp, err := b.Get(e.kamURL + "/account")
	if err != nil {
		e.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode == 200 && resp.Request.URL.Path == "/account"
}

// A full round trip: kam's button, the provider's login, back to kam
// signed in as the user with the verified email (matched whatever its
// case), on the page the person was going to.
func TestOIDCSignInRoundTrip(t *testing.T) {
	e := newSSOEnv(t)
	b := e.browser()
	id := e.startAtOP(b)
	code, body, at := e.loginAtOP(b, id, "ada")
	if code != 200 || at.Path != "/accounts" {
		t.Fatalf("after sign-in: %d at %s:\n%s", code, at, body)
	}
	if !e.signedIn(b) {
		t.Fatal("no session after a successful single sign-on")
	}
	// The attempt's cookie is gone: the same callback cannot be replayed.
	ku, _ := url.Parse(e.kamURL + "/signin/oidc/callback")
	for _, c := range b.Jar.Cookies(ku) {
		if c.Name == oidcCookie {
			t.Errorf("the sign-in attempt's cookie outlived the callback")
		}
	}
}

// A first sign-in creates the user only for a domain an admin allowed,
// with that domain's role and team.
func TestOIDCFirstSignInCreatesUsersOnlyForAllowedDomains(t *testing.T) {
	e := newSSOEnv(t)
	ctx := context.Background()
	tm, err := e.svc.Teams.Create(ctx, kam.System, kam.Team{Name: "North"})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.svc.PutSSOPolicy(ctx, kam.System, service.SSOPolicy{Domains: []service.SSODomain{{Domain: "Corp.Example", Role: kam.RoleRep, TeamID: tm.ID}}}); err != nil {
		t.Fatal(err)
	}
	b := e.browser()
	if code, body, _ := e.loginAtOP(b, e.startAtOP(b), "newbie"); code != 200 || !e.signedIn(b) {
		t.Fatalf("new user of an allowed domain not signed in: %d\n%s", code, body)
	}
	var u kam.User
	if err := e.svc.DB().Read(ctx, func(tx *store.Tx) error {
		var err error
		u, err = store.GetUserByEmail(ctx, tx, "nia@corp.example")
		return err
	}); err != nil {
		t.Fatalf("no user created: %v", err)
	}
	if u.Role != kam.RoleRep || u.TeamID != tm.ID || u.Name != "Nia New" || u.PasswordHash != "" {
		t.Errorf("created user %+v", u)
	}
	b2 := e.browser()
	code, body, _ := e.loginAtOP(b2, e.startAtOP(b2), "outsider")
	if code != http.StatusForbidden || !strings.Contains(body, "no active kam user") || e.signedIn(b2) {
		t.Errorf("outsider: %d signed in %v\n%s", code, e.signedIn(b2), body)
	}
}

// An email the provider has not verified proves nothing: even though an
// admin has that email, nobody is signed in.
func TestOIDCRefusesAnUnverifiedEmail(t *testing.T) {
	e := newSSOEnv(t)
	b := e.browser()
	code, body, _ := e.loginAtOP(b, e.startAtOP(b), "unverified")
	if code != http.StatusForbidden || !strings.Contains(body, "has not verified your email") {
		t.Errorf("unverified email: %d\n%s", code, body)
	}
	if e.signedIn(b) {
		t.Error("signed in with an unverified email")
	}
}

// An ID token that does not carry this attempt's nonce (one issued for
// another sign-in) is refused, though the provider signed it.
func TestOIDCRefusesAWrongNonce(t *testing.T) {
	e := newSSOEnv(t)
	b := e.browser()
	id := e.startAtOP(b)
	// The browser's attempt now expects another nonce than the one the
	// provider was asked to put in the token.
	ku, _ := url.Parse(e.kamURL + "/signin/oidc/callback")
	var at oidcAttempt
	for _, c := range b.Jar.Cookies(ku) {
		if c.Name == oidcCookie {
			raw, _ := base64.RawURLEncoding.DecodeString(c.Value)
			if err := json.Unmarshal(raw, &at); err != nil {
				t.Fatal(err)
			}
		}
	}
	if at.Nonce == "" {
		t.Fatal("no attempt cookie")
	}
	at.Nonce = auth.NewSecret()
	raw, _ := json.Marshal(at)
	b.Jar.SetCookies(ku, []*http.Cookie{{Name: oidcCookie, Value: base64.RawURLEncoding.EncodeToString(raw), Path: "/signin/oidc"}})
	code, body, _ := e.loginAtOP(b, id, "ada")
	if code != http.StatusUnauthorized || !strings.Contains(body, "Single sign-on did not succeed") {
		t.Errorf("wrong nonce: %d\n%s", code, body)
	}
	if e.signedIn(b) {
		t.Error("signed in with a token of another nonce")
	}
	if !strings.Contains(e.logs.String(), "nonce does not match") {
		t.Errorf("log lacks the reason: %s", e.logs.String())
	}
}

// A callback whose state is not this browser's is refused before any
// code is exchanged.
func TestOIDCRefusesAWrongState(t *testing.T) {
	e := newSSOEnv(t)
	b := e.browser()
	e.startAtOP(b)
	resp, err := b.Get(e.kamURL + "/signin/oidc/callback?code=whatever&state=forged")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized || e.signedIn(b) {
		t.Errorf("forged state: %d", resp.StatusCode)
	}
}

// An ID token past its expiry is refused: here kam's clock has moved on
// past the hour the provider's tokens last.
func TestOIDCRefusesAnExpiredToken(t *testing.T) {
	e := newSSOEnv(t)
	b := e.browser()
	id := e.startAtOP(b)
	e.skew.Store(int64(2 * time.Hour))
	code, body, _ := e.loginAtOP(b, id, "ada")
	if code != http.StatusUnauthorized {
		t.Errorf("expired token: %d\n%s", code, body)
	}
	if !strings.Contains(e.logs.String(), "expired") {
		t.Errorf("log does not say the token expired: %s", e.logs.String())
	}
	e.skew.Store(0)
	if e.signedIn(b) {
		t.Error("signed in with an expired token")
	}
}

// With password sign-in off, only the break-glass admin signs in with a
// password; everyone else gets the one refusal an unknown email gets.
func TestPasswordSignInOffButForTheBreakGlassAdmin(t *testing.T) {
	e := newEnv(t)
	e.user("rep@example.com", "Rep", kam.RoleRep, 0, false)
	if err := e.svc.PutSSOPolicy(e.ctx, kam.System, service.SSOPolicy{PasswordOff: true}); err == nil {
		t.Fatal("passwords turned off without a break-glass admin")
	}
	if err := e.svc.PutSSOPolicy(e.ctx, kam.System, service.SSOPolicy{PasswordOff: true, BreakGlassEmail: "rep@example.com"}); err == nil {
		t.Fatal("a seller accepted as the break-glass admin")
	}
	if err := e.svc.PutSSOPolicy(e.ctx, kam.System, service.SSOPolicy{PasswordOff: true, BreakGlassEmail: "Admin@example.com"}); err != nil {
		t.Fatal(err)
	}
	c := e.client()
	c.header.Set("Accept-Language", "en")
	r := c.do("POST", "/signin", url.Values{"email": {"rep@example.com"}, "password": {testPassword}})
	mustStatus(t, r, http.StatusUnauthorized)
	mustContain(t, r, "only the break-glass administrator")
	r = e.client().signIn("admin@example.com", testPassword)
	mustStatus(t, r, http.StatusSeeOther)
}

// The admin's page keeps the policy: domains line by line, passwords off
// with a break-glass admin; a seller never sees it.
func TestAdminSSOPage(t *testing.T) {
	e := newEnv(t)
	tm := e.team("North")
	rep := e.user("rep@example.com", "Rep", kam.RoleRep, 0, false)
	admin, repC := e.signedIn(e.admin), e.signedIn(rep)
	r := admin.post("/admin/sso", url.Values{"domains": {"Corp.Example manager " + itoa(tm.ID) + "\n\nother.example"},
		"password_off": {"true"}, "break_glass_email": {"admin@example.com"}})
	mustStatus(t, r, http.StatusSeeOther)
	p, err := e.svc.SSOPolicy(e.ctx, kam.System)
	if err != nil {
		t.Fatal(err)
	}
	want := []service.SSODomain{{Domain: "corp.example", Role: kam.RoleManager, TeamID: tm.ID}, {Domain: "other.example", Role: kam.RoleRep}}
	if !p.PasswordOff || p.BreakGlassEmail != "admin@example.com" || len(p.Domains) != 2 || p.Domains[0] != want[0] || p.Domains[1] != want[1] {
		t.Errorf("policy %+v", p)
	}
	page := admin.get("/admin/sso")
	mustStatus(t, page, http.StatusOK)
	mustContain(t, page, "corp.example manager "+itoa(tm.ID), `value="admin@example.com"`, "checked")
	r = admin.post("/admin/sso", url.Values{"domains": {"not a domain"}, "password_off": {"true"}, "break_glass_email": {"rep@example.com"}})
	mustStatus(t, r, http.StatusUnprocessableEntity)
	if p2, _ := e.svc.SSOPolicy(e.ctx, kam.System); p2.BreakGlassEmail != "admin@example.com" {
		t.Errorf("a refused form changed the policy: %+v", p2)
	}
	mustStatus(t, repC.get("/admin/sso"), http.StatusNotFound)
}
