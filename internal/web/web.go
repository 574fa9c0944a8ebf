package web

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"kam/internal/auth"
	"kam/internal/httpedge"
	"kam/internal/kam"
	"kam/internal/reqinfo"
	"kam/internal/service"
)

// Options configure the web front end.
type Options struct {
	// Logger receives internal errors; slog.Default when nil.
	Logger *slog.Logger
	// TrustProxy: a reverse proxy in front of kam sets X-Forwarded-For and
	// X-Forwarded-Proto. Leave false unless one does.
	TrustProxy bool
	// Now is the clock of sessions, throttles and pages; time.Now when nil.
	Now func() time.Time
	// PasswordChecks bounds the sign-in password checks running at once
	// with a limiter of the web's own; 0 shares the service's
	// (service.Options.Hashing), which kam serve --password-checks sets.
	PasswordChecks int
	// OIDC, when set, adds single sign-on through an OpenID Connect
	// provider to the sign-in page (oidc.go).
	OIDC *OIDC
}

// maxForm bounds a form body. Free text is at most kam.MaxText characters
// (up to 4 bytes each), so 1 MiB leaves room for a whole form of it.
const maxForm = 1 << 20

// app is the web front end: its dependencies, templates, assets and routes.
type app struct {
	svc        *service.Service
	log        *slog.Logger
	now        func() time.Time
	trustProxy bool

	sessions *httpedge.Sessions
	authn    *auth.Authenticator
	oidc     *oidcClient // nil: no single sign-on

	assets *assets
	views  map[kam.Locale]*views
	routes []route
	mux    *http.ServeMux
}

// New returns the HTML front end over svc, to be mounted at "/". Templates
// and static files are embedded and parsed here; a broken template panics at
// start-up rather than failing a request later. The handler refuses
// cross-origin state-changing requests, checks the session's CSRF token on
// every signed-in POST, and gzips text responses for clients that accept it.
func New(svc *service.Service, o Options) http.Handler {
	a, err := newApp(svc, o)
	if err != nil {
		panic(fmt.Sprintf("web: %v", err))
	}
	return a.handler()
}

func newApp(svc *service.Service, o Options) (*app, error) {
	a := &app{svc: svc, log: o.Logger, now: o.Now, trustProxy: o.TrustProxy}
	if a.log == nil {
		a.log = slog.Default()
	}
	if a.now == nil {
		a.now = time.Now
	}
	a.sessions = &httpedge.Sessions{Store: svc.AuthStore(), Now: a.now, TrustProxy: o.TrustProxy}
	// The service's authenticator hashes with the service's parameters, so
	// an unknown email costs what a known one does.
	a.authn = svc.Authenticator(a.now)
	if o.PasswordChecks > 0 {
		a.authn.Hashing = auth.NewHashLimiter(o.PasswordChecks, 0)
	}
	if o.OIDC != nil {
		a.oidc = newOIDCClient(*o.OIDC, a.now)
	}
	var err error
	if a.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if a.views, err = loadViews(a.assets); err != nil {
		return nil, err
	}
	a.routes = a.routeTable()
	a.mux = http.NewServeMux()
	for _, rt := range a.routes {
		a.mux.Handle(rt.Method+" "+rt.Path, a.serve(rt))
	}
	a.mux.Handle("GET /static/{name}", http.HandlerFunc(a.assets.serve))
	// Everything else is a 404 page (or the sign-in page when signed out).
	a.mux.Handle("/", a.serve(route{Access: SignedIn, Handle: func(http.ResponseWriter, *http.Request, *call) error {
		return kam.ErrNotFound
	}}))
	return a, nil
}

// handler wraps the mux: cross-origin protection first, so a refused request
// costs nothing, then gzip, then a bound on request bodies.
func (a *app) handler() http.Handler {
	h := http.Handler(a.mux)
	h = limitBody(h)
	h = Gzip(h)
	return httpedge.CSRF(h)
}

func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, maxForm)
		}
		next.ServeHTTP(w, r)
	})
}

// call is what a handler knows about the request beyond http.Request: who
// is signed in (re-read from the database on every request) and in which
// language to answer.
type call struct {
	SignedIn bool
	User     kam.User
	Actor    kam.Actor
	Session  kam.Session
	Locale   kam.Locale
}

// handlerFunc serves one route; a returned error is rendered by fail.
type handlerFunc func(w http.ResponseWriter, r *http.Request, c *call) error

// serve runs one route: it loads the session and user, enforces the route's
// access and the CSRF token, and renders any error in one place.
func (a *app) serve(rt route) http.Handler {
	pattern := rt.Method + " " + rt.Path
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rt.Path != "" {
			reqinfo.SetRoute(r.Context(), pattern)
		}
		w.Header().Set("Cache-Control", "no-store")
		c, err := a.load(w, r)
		if err != nil {
			a.fail(w, r, &call{Locale: httpedge.NegotiateLocale(r, "")}, err)
			return
		}
		if rt.Access != Public {
			if !c.SignedIn {
				a.toSignIn(w, r)
				return
			}
			if c.User.MustChangePassword && !rt.DuringPasswordChange {
				http.Redirect(w, r, "/password", http.StatusSeeOther)
				return
			}
			if rt.Access == AdminOnly && c.User.Role != kam.RoleAdmin {
				// Admin pages do not exist for others.
				a.fail(w, r, c, kam.ErrNotFound)
				return
			}
		}
		if err := checkInput(r); err != nil {
			a.fail(w, r, c, err)
			return
		}
		if !safeMethod(r.Method) && c.SignedIn && !rt.NoFormToken && !httpedge.CheckFormToken(r, c.Session) {
			a.fail(w, r, c, errBadToken)
			return
		}
		if err := rt.Handle(w, r.WithContext(withZone(r.Context(), c)), c); err != nil {
			a.fail(w, r, c, err)
		}
	})
}

// checkInput reads the posted form (bounded by limitBody: a form too large
// is a *http.MaxBytesError, shown as 413, not a missing CSRF token) and
// checks every query and form text once, before any handler or store sees
// it (kam.CheckParams).
func checkInput(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		var merr *http.MaxBytesError
		if errors.As(err, &merr) {
			return merr
		}
		return kam.Invalid("form", kam.T("could not be read", "无法读取"))
	}
	if err := kam.CheckParams(r.URL.Query()); err != nil {
		return err
	}
	return kam.CheckParams(r.PostForm)
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// errBadToken: a signed-in form came without the session's CSRF token (an
// old tab after signing in again, or a forged form).
var errBadToken = errors.New("missing or wrong csrf token")

// load finds the request's session and re-reads its user, so a disabled or
// deleted user is out on their next request. No session is not an error.
func (a *app) load(w http.ResponseWriter, r *http.Request) (*call, error) {
	c := &call{}
	s, err := a.sessions.Load(r.Context(), r)
	switch {
	case errors.Is(err, kam.ErrUnauthorized):
		c.Locale = httpedge.NegotiateLocale(r, "")
		return c, nil
	case err != nil:
		return nil, err
	}
	u, err := a.svc.Users.Get(r.Context(), kam.System, s.UserID)
	if errors.Is(err, kam.ErrNotFound) || err == nil && u.Disabled {
		if err := a.sessions.EndAll(r.Context(), s.UserID); err != nil {
			return nil, err
		}
		_ = a.sessions.End(r.Context(), w, r)
		c.Locale = httpedge.NegotiateLocale(r, "")
		return c, nil
	}
	if err != nil {
		return nil, err
	}
	c.SignedIn, c.User, c.Actor, c.Session = true, u, service.ActorOf(u), s
	reqinfo.SetUser(r.Context(), u.ID)
	c.Locale = httpedge.NegotiateLocale(r, u.Locale)
	return c, nil
}

// toSignIn sends a signed-out visitor to the sign-in page, remembering where
// they were going when that is a page (GET).
func (a *app) toSignIn(w http.ResponseWriter, r *http.Request) {
	target := "/signin"
	if r.Method == http.MethodGet && r.URL.Path != "/" {
		target += "?next=" + url.QueryEscape(r.URL.RequestURI())
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// localPath returns p when it is a path on this site ("/accounts/7?x=1"),
// else "/". It refuses "//host", "/\host" and anything with a scheme, which
// browsers would follow off-site.
func localPath(p string) string {
	if p == "" || p[0] != '/' || len(p) > 1 && (p[1] == '/' || p[1] == '\\') || strings.ContainsAny(p, "\r\n\t\x00") {
		return "/"
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return "/"
	}
	return p
}

// seeOther redirects after a successful POST.
func seeOther(w http.ResponseWriter, r *http.Request, path string) error {
	http.Redirect(w, r, path, http.StatusSeeOther)
	return nil
}
