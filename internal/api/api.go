// Package api is kam's JSON API under /api/v1: a thin front end over the
// service layer, which decides scope, permissions, versions and audit.
//
// Every route lives in one table (see routes.go). The mux and the OpenAPI
// document at /api/v1/openapi.json are both built from that table, so the
// documentation cannot drift from what is served. Every route but the
// OpenAPI document needs an API token: "Authorization: Bearer <token>".
//
// Errors are RFC 9457 problem documents (application/problem+json), written
// by one function, (*server).writeError.
package api

import (
	"log/slog"
	"net/http"
	"reflect"
	"strings"

	"kam/internal/httpedge"
	"kam/internal/kam"
	"kam/internal/reqinfo"
	"kam/internal/service"
)

// Prefix is the path every route of the API lives under.
const Prefix = "/api/v1"

// New returns the JSON API over svc. It serves every route under /api/v1
// (mount it at "/api/v1/" or at the root) and logs internal errors to logger
// (slog.Default when nil). It sets the security headers itself, HSTS only
// over direct TLS; behind a trusted proxy the server package's wrapper adds
// HSTS for proxied HTTPS too.
func New(svc *service.Service, logger *slog.Logger) http.Handler {
	return httpedge.SecurityHeaders(newServer(svc, logger), false)
}

func newServer(svc *service.Service, logger *slog.Logger) *server {
	if logger == nil {
		logger = slog.Default()
	}
	s := &server{svc: svc, log: logger, mux: http.NewServeMux()}
	s.routes = s.routeTable()
	for _, rt := range s.routes {
		s.mux.Handle(rt.Method+" "+Prefix+rt.Path, s.handler(rt))
	}
	s.openapi = buildOpenAPI(s.routes)
	return s
}

// server holds the API's dependencies and its route table.
type server struct {
	svc     *service.Service
	log     *slog.Logger
	mux     *http.ServeMux
	routes  []route
	openapi []byte
}

// route is one operation of the API: how it is served and how it is
// documented.
type route struct {
	Method string
	// Path is under Prefix, with {name} wildcards: "/accounts/{id}".
	Path    string
	Summary kam.Text
	// Tag groups routes in the document: the resource they belong to.
	Tag string
	// Entity is the resource whose record {id} names ("accounts"), for
	// routes that take one; tests walk the table with it.
	Entity string
	// Public routes need no token.
	Public bool
	// DuringPasswordChange routes serve a user who must change a temporary
	// password; every other route answers 403 to them.
	DuringPasswordChange bool

	Query []param
	// Body is the request body's Go type; nil for none.
	Body reflect.Type
	// Status is the success status; Resp the success body's type (nil: none).
	Status int
	Resp   reflect.Type
	// Produces is the media type of a success body that is not JSON (an
	// Excel workbook); Resp is nil then.
	Produces string
	handle   handlerFunc
}

// param is a documented query parameter.
type param struct {
	Name string
	// Type is the JSON schema type: integer, string, boolean; Format
	// refines it (date-time).
	Type, Format string
	Desc         string
	Enum         []string
}

// call is what a handler knows about the request beyond http.Request.
type call struct {
	user   kam.User
	actor  kam.Actor
	locale kam.Locale
}

// handlerFunc serves one route; a returned error goes to writeError.
type handlerFunc func(w http.ResponseWriter, r *http.Request, c *call) error

// ServeHTTP routes r. Requests the mux cannot route get a problem document
// too, with the status the mux chose (404, or 405 with its Allow header).
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if _, pattern := s.mux.Handler(r); pattern == "" {
		s.unrouted(w, r)
		return
	}
	s.mux.ServeHTTP(w, r)
}

// unrouted answers a request no route matches.
func (s *server) unrouted(w http.ResponseWriter, r *http.Request) {
	h, _ := s.mux.Handler(r)
	rec := &statusRecorder{header: http.Header{}}
	h.ServeHTTP(rec, r)
	if rec.status == http.StatusMethodNotAllowed {
		l := localeOf(r)
		w.Header().Set("Allow", rec.header.Get("Allow"))
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusMethodNotAllowed)
		writeBody(w, problem{Type: "about:blank", Title: titleNotAllowed.In(l), Status: http.StatusMethodNotAllowed,
			Code: "method_not_allowed", Instance: r.URL.Path})
		return
	}
	s.writeError(w, r, kam.ErrNotFound)
}

// statusRecorder keeps only the status and headers the mux's own error
// handler writes, so the answer can be rewritten as a problem document.
type statusRecorder struct {
	header http.Header
	status int
}

func (s *statusRecorder) Header() http.Header         { return s.header }
func (s *statusRecorder) Write(b []byte) (int, error) { return len(b), nil }
func (s *statusRecorder) WriteHeader(code int)        { s.status = code }

// handler wraps a route: it authenticates the caller (unless the route is
// public), picks the response language, and sends the handler's error to
// writeError.
func (s *server) handler(rt route) http.Handler {
	pattern := rt.Method + " " + Prefix + rt.Path
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reqinfo.SetRoute(r.Context(), pattern)
		c := &call{}
		if !rt.Public {
			secret, ok := httpedge.ParseBearer(r)
			if !ok {
				s.writeError(w, r, kam.ErrUnauthorized)
				return
			}
			u, err := s.svc.UserForToken(r.Context(), secret)
			if err != nil {
				s.writeError(w, r, err)
				return
			}
			c.user, c.actor = u, service.ActorOf(u)
			reqinfo.SetUser(r.Context(), u.ID)
			if u.MustChangePassword && !rt.DuringPasswordChange {
				c.locale = httpedge.NegotiateLocale(r, u.Locale)
				s.writeError(w, r.WithContext(withLocale(r.Context(), c.locale)), service.ErrPasswordChangeRequired)
				return
			}
		}
		c.locale = httpedge.NegotiateLocale(r, c.user.Locale)
		r = r.WithContext(withLocale(r.Context(), c.locale))
		w.Header().Set("Content-Language", string(c.locale))
		// Every query text is checked here, once, before any store sees
		// it; bodies are checked as they are read (readObject).
		if err := kam.CheckParams(r.URL.Query()); err != nil {
			s.writeError(w, r, err)
			return
		}
		if err := rt.handle(w, r, c); err != nil {
			s.writeError(w, r, err)
		}
	})
}

// Routes lists the method and full path pattern of every route, in the order
// of the table; the OpenAPI document describes exactly these.
func (s *server) Routes() []string {
	out := make([]string, len(s.routes))
	for i, rt := range s.routes {
		out[i] = rt.Method + " " + Prefix + rt.Path
	}
	return out
}

// pathParams returns the {names} in a path pattern, in order.
func pathParams(path string) []string {
	var out []string
	for {
		i := strings.IndexByte(path, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(path[i:], '}')
		if j < 0 {
			return out
		}
		out = append(out, strings.TrimSuffix(path[i+1:i+j], "..."))
		path = path[i+j+1:]
	}
}
