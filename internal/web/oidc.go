package web

import (
	"context"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"kam/internal/auth"
	"kam/internal/httpedge"
	"kam/internal/kam"
	"kam/internal/reqinfo"
	"kam/internal/service"
)

// OIDC configures single sign-on through an OpenID Connect provider
// (kam serve --oidc-issuer, --oidc-client-id, --oidc-client-secret).
type OIDC struct {
	// Issuer is the provider's issuer URL; its discovery document is read
	// at the first sign-in.
	Issuer       string
	ClientID     string
	ClientSecret string
	// RedirectURL is kam's callback as registered at the provider:
	// <base-url>/signin/oidc/callback.
	RedirectURL string
	// Name names the provider on the sign-in button; "" says "single
	// sign-on".
	Name string
	// HTTPClient talks to the provider; nil: a client with a 15 s timeout.
	HTTPClient *http.Client
}

// oidcCookie carries one sign-in attempt's state, nonce and PKCE verifier
// from the redirect to the provider back to the callback. It is scoped to
// /signin/oidc and lives ten minutes.
const (
	oidcCookie    = "kam_oidc"
	oidcCookieAge = 10 * time.Minute
)

// oidcAttempt is what the cookie holds.
type oidcAttempt struct {
	State    string `json:"s"`
	Nonce    string `json:"n"`
	Verifier string `json:"v"`
	Next     string `json:"next"`
}

// oidcClient signs people in through the provider. Discovery waits for
// the first sign-in, so that kam starts while the provider is down.
type oidcClient struct {
	cfg  OIDC
	now  func() time.Time
	http *http.Client

	mu       sync.Mutex
	provider *oidc.Provider
	verifier *oidc.IDTokenVerifier
	oauth    oauth2.Config
}

func newOIDCClient(cfg OIDC, now func() time.Time) *oidcClient {
	c := &oidcClient{cfg: cfg, now: now, http: cfg.HTTPClient}
	if c.http == nil {
		c.http = &http.Client{Timeout: 15 * time.Second}
	}
	return c
}

// ctx carries the client for go-oidc and oauth2.
func (o *oidcClient) ctx(ctx context.Context) context.Context {
	return oidc.ClientContext(ctx, o.http)
}

// load discovers the provider once; a failure is tried again at the next
// sign-in.
func (o *oidcClient) load() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.provider != nil {
		return nil
	}
	// The key set keeps this context for its later fetches of the
	// provider's keys, so it must outlive the request.
	p, err := oidc.NewProvider(o.ctx(context.Background()), o.cfg.Issuer)
	if err != nil {
		return fmt.Errorf("oidc discovery at %s: %w", o.cfg.Issuer, err)
	}
	o.provider = p
	o.verifier = p.Verifier(&oidc.Config{ClientID: o.cfg.ClientID, Now: o.now})
	o.oauth = oauth2.Config{
		ClientID:     o.cfg.ClientID,
		ClientSecret: o.cfg.ClientSecret,
		Endpoint:     p.Endpoint(),
		RedirectURL:  o.cfg.RedirectURL,
		Scopes:       []string{oidc.ScopeOpenID, "email", "profile"},
	}
	return nil
}

func (a *app) oidcRoutes() []route {
	if a.oidc == nil {
		return nil
	}
	return []route{
		{Method: "GET", Path: "/signin/oidc", Access: Public, DuringPasswordChange: true, Handle: a.oidcStart},
		{Method: "GET", Path: "/signin/oidc/callback", Access: Public, DuringPasswordChange: true, Handle: a.oidcCallback},
	}
}

// oidcButton is the sign-in button's label, "" without single sign-on.
func (a *app) oidcButton(l kam.Locale) string {
	if a.oidc == nil {
		return ""
	}
	if n := a.oidc.cfg.Name; n != "" {
		return kam.T("Sign in with "+n, "使用 "+n+" 登录").In(l)
	}
	return kam.T("Sign in with single sign-on", "使用单点登录").In(l)
}

// oidcStart sends the browser to the provider: authorisation code flow
// with PKCE (S256), a fresh state and nonce kept in a short-lived cookie.
func (a *app) oidcStart(w http.ResponseWriter, r *http.Request, c *call) error {
	next := localPath(r.URL.Query().Get("next"))
	if c.SignedIn {
		return seeOther(w, r, next)
	}
	if err := a.oidc.load(); err != nil {
		a.log.Error("single sign-on unavailable", "err", err)
		return a.oidcRefuse(w, r, c, http.StatusBadGateway, next, msgSSOUnavailable)
	}
	at := oidcAttempt{State: auth.NewSecret(), Nonce: auth.NewSecret(), Verifier: oauth2.GenerateVerifier(), Next: next}
	b, err := json.Marshal(at)
	if err != nil {
		return err
	}
	http.SetCookie(w, a.oidcCookie(r, base64.RawURLEncoding.EncodeToString(b), int(oidcCookieAge/time.Second)))
	u := a.oidc.oauth.AuthCodeURL(at.State, oidc.Nonce(at.Nonce), oauth2.S256ChallengeOption(at.Verifier))
	http.Redirect(w, r, u, http.StatusFound)
	return nil
}

func (a *app) oidcCookie(r *http.Request, value string, maxAge int) *http.Cookie {
	return &http.Cookie{
		Name: oidcCookie, Value: value, Path: "/signin/oidc", MaxAge: maxAge,
		HttpOnly: true, Secure: httpedge.IsHTTPS(r, a.trustProxy),
		// Lax: the provider's redirect back is a top-level GET from
		// another site, which must carry the cookie.
		SameSite: http.SameSiteLaxMode,
	}
}

// Single sign-on messages.
var (
	msgSSOUnavailable = kam.T("Single sign-on is not available right now. Try again in a moment.", "单点登录暂时不可用，请稍后再试。")
	msgSSOFailed      = kam.T("Single sign-on did not succeed. Start again from this page.", "单点登录未成功，请从本页重新开始。")
)

// oidcCallback finishes the sign-in: the state must be this browser's, the
// code is exchanged with the PKCE verifier, the ID token is verified
// (signature, issuer, audience, expiry) and must carry this attempt's
// nonce; then the service matches the verified email to a user.
func (a *app) oidcCallback(w http.ResponseWriter, r *http.Request, c *call) error {
	// The attempt is used once, whatever happens.
	http.SetCookie(w, a.oidcCookie(r, "", -1))
	at, ok := readAttempt(r)
	if !ok {
		return a.oidcFail(w, r, c, "/", "no sign-in attempt in this browser", nil)
	}
	q := r.URL.Query()
	if subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(at.State)) != 1 {
		return a.oidcFail(w, r, c, at.Next, "state does not match", nil)
	}
	if e := q.Get("error"); e != "" {
		return a.oidcFail(w, r, c, at.Next, "provider refused", errors.New(printable(e)))
	}
	if err := a.oidc.load(); err != nil {
		a.log.Error("single sign-on unavailable", "err", err)
		return a.oidcRefuse(w, r, c, http.StatusBadGateway, at.Next, msgSSOUnavailable)
	}
	ctx := a.oidc.ctx(r.Context())
	tok, err := a.oidc.oauth.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(at.Verifier))
	if err != nil {
		return a.oidcFail(w, r, c, at.Next, "code exchange", err)
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return a.oidcFail(w, r, c, at.Next, "no id_token in the token response", nil)
	}
	idt, err := a.oidc.verifier.Verify(ctx, raw)
	if err != nil {
		return a.oidcFail(w, r, c, at.Next, "id token", err)
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(at.Nonce)) != 1 {
		return a.oidcFail(w, r, c, at.Next, "nonce does not match", nil)
	}
	var cl oidcClaims
	if err := idt.Claims(&cl); err != nil {
		return a.oidcFail(w, r, c, at.Next, "id token claims", err)
	}
	if cl.Email == "" {
		// Providers may leave the email out of the ID token when an
		// access token is issued (OpenID Connect Core 5.4): ask the
		// userinfo endpoint, for this same subject only.
		ui, err := a.oidc.provider.UserInfo(ctx, oauth2.StaticTokenSource(tok))
		if err != nil {
			return a.oidcFail(w, r, c, at.Next, "userinfo", err)
		}
		if ui.Subject != idt.Subject {
			return a.oidcFail(w, r, c, at.Next, "userinfo is of another subject", nil)
		}
		if err := ui.Claims(&cl); err != nil {
			return a.oidcFail(w, r, c, at.Next, "userinfo claims", err)
		}
	}
	id := service.OIDCIdentity{Issuer: idt.Issuer, Subject: idt.Subject, Email: cl.Email,
		EmailVerified: cl.EmailVerified.yes(), Name: cl.Name}
	if l, ok := kam.ParseLocale(cl.Locale); ok {
		id.Locale = l
	}
	u, err := a.svc.SignInWithOIDC(r.Context(), id)
	if err != nil {
		m, ok := service.SSOMessage(err)
		if !ok {
			return err
		}
		reqinfo.SignInFailed(r.Context(), "oidc")
		a.log.Info("single sign-on refused", "reason", err.Error(), "issuer", idt.Issuer)
		return a.oidcRefuse(w, r, c, http.StatusForbidden, at.Next, m)
	}
	if _, err := a.sessions.Start(r.Context(), w, r, u.ID); err != nil {
		return err
	}
	httpedge.SetLocaleCookie(w, u.Locale)
	return seeOther(w, r, at.Next)
}

// oidcClaims are the claims kam reads, from the ID token or userinfo.
type oidcClaims struct {
	Email         string    `json:"email"`
	EmailVerified looseBool `json:"email_verified"`
	Name          string    `json:"name"`
	Locale        string    `json:"locale"`
}

// looseBool reads a JSON boolean, or the string "true" some providers
// send; anything else is false.
type looseBool bool

func (b *looseBool) UnmarshalJSON(p []byte) error {
	s := strings.Trim(string(p), `"`)
	*b = looseBool(s == "true")
	return nil
}

func (b looseBool) yes() bool { return bool(b) }

func readAttempt(r *http.Request) (oidcAttempt, bool) {
	var at oidcAttempt
	ck, err := r.Cookie(oidcCookie)
	if err != nil || len(ck.Value) > 2048 {
		return at, false
	}
	b, err := base64.RawURLEncoding.DecodeString(ck.Value)
	if err != nil || json.Unmarshal(b, &at) != nil || at.State == "" || at.Nonce == "" || at.Verifier == "" {
		return oidcAttempt{}, false
	}
	at.Next = localPath(at.Next)
	return at, true
}

// oidcFail refuses a sign-in that went wrong in the protocol: the reason
// is logged (never a token or code), the person sees one message.
func (a *app) oidcFail(w http.ResponseWriter, r *http.Request, c *call, next, reason string, err error) error {
	reqinfo.SignInFailed(r.Context(), "oidc")
	attrs := []any{"reason", reason}
	if err != nil {
		attrs = append(attrs, "err", err.Error())
	}
	a.log.Info("single sign-on failed", attrs...)
	return a.oidcRefuse(w, r, c, http.StatusUnauthorized, next, msgSSOFailed)
}

func (a *app) oidcRefuse(w http.ResponseWriter, r *http.Request, c *call, status int, next string, m kam.Text) error {
	return a.render(w, r, c, status, "signin", a.signInData(r, c, "", next, m.In(c.Locale)))
}
