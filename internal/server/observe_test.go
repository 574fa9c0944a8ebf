package server

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"kam/internal/auth"
	"kam/internal/reqinfo"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/storetest"
	"kam/internal/web"
)

// /metrics answers only a bearer of the token on the main port, and counts
// requests by route pattern and status, with their statements.
func TestMetricsByRouteBehindAToken(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		svc := service.New(db, service.Options{})
		m := NewMetrics(svc)
		h := Handler(svc, Options{Metrics: m, MetricsToken: "metrics-token"})
		for i := 0; i < 3; i++ {
			get(t, h, "/readyz")
		}
		if code, _ := get(t, h, "/metrics"); code != http.StatusUnauthorized {
			t.Errorf("/metrics without the token = %d, want 401", code)
		}
		req := httptest.NewRequest("GET", "/metrics", nil)
		req.Header.Set("Authorization", "Bearer metrics-token")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		body := w.Body.String()
		for _, want := range []string{
			`kam_http_requests_total{route="GET /readyz",status="200"} 3`,
			`kam_http_request_statements_count{route="GET /readyz"} 3`,
			`kam_http_request_duration_seconds_bucket{route="GET /readyz"`,
			`kam_push_pending 0`,
			`go_goroutines`,
			`go_sql_open_connections{db_name="write"}`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("metrics lack %s", want)
			}
		}
		// Without a token the main port does not serve them.
		open := Handler(svc, Options{Metrics: m})
		if code, _ := get(t, open, "/metrics"); code == http.StatusOK {
			t.Error("/metrics served on the public port without a token")
		}
	})
}

// One JSON line per request names the route pattern, never the path with
// what it carries, and the statements the request ran.
func TestRequestLogNamesTheRouteNotThePath(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		var logs bytes.Buffer
		log := slog.New(slog.NewJSONHandler(&logs, nil))
		svc := service.New(db, service.Options{Logger: log})
		web := http.NewServeMux()
		web.HandleFunc("GET /calendar/{secret}", func(w http.ResponseWriter, r *http.Request) {
			reqinfo.SetRoute(r.Context(), r.Pattern)
			reqinfo.SetUser(r.Context(), 7)
			if err := svc.DB().Read(r.Context(), func(tx *store.Tx) error {
				_, _, err := store.PushBacklog(r.Context(), tx)
				return err
			}); err != nil {
				t.Error(err)
			}
			w.WriteHeader(http.StatusTeapot)
		})
		h := Handler(svc, Options{Logger: log, Web: web, LogRequests: true})
		get(t, h, "/calendar/SECRET-CAL-TOKEN?x=SECRET2")
		var line struct {
			Msg        string  `json:"msg"`
			Route      string  `json:"route"`
			Status     int     `json:"status"`
			Statements int     `json:"statements"`
			UserID     int64   `json:"user_id"`
			Duration   float64 `json:"duration_ms"`
		}
		if err := json.Unmarshal(bytes.TrimSpace(logs.Bytes()), &line); err != nil {
			t.Fatalf("log %q: %v", logs.String(), err)
		}
		if line.Msg != "request" || line.Route != "GET /calendar/{secret}" || line.Status != 418 || line.Statements != 1 || line.UserID != 7 {
			t.Errorf("request line %+v", line)
		}
		if strings.Contains(logs.String(), "SECRET") {
			t.Errorf("the log carries the path or query: %s", logs.String())
		}
	})
}

// The front ends name every route they serve: the API's and the web's
// patterns show in the metrics with the user, and a refused password
// sign-in is counted. Fails before the route wrappers set them: the
// requests all count as the top mux's "/" and "/api/v1/".
func TestFrontEndsNameTheirRoutesAndSignInFailuresCount(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		svc := service.New(db, service.Options{Passwords: auth.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}})
		m := NewMetrics(svc)
		h := Handler(svc, Options{Metrics: m, MetricsToken: "metrics-token", Web: web.New(svc, web.Options{})})
		get(t, h, "/api/v1/me")
		get(t, h, "/accounts/12")
		for i := 0; i < 2; i++ {
			req := httptest.NewRequest("POST", "/signin", strings.NewReader(url.Values{"email": {"nobody@example.com"}, "password": {"wrong password here"}}.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code != http.StatusUnauthorized {
				t.Fatalf("bad sign-in = %d, want 401", w.Code)
			}
		}
		req := httptest.NewRequest("GET", "/metrics", nil)
		req.Header.Set("Authorization", "Bearer metrics-token")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		body := w.Body.String()
		for _, want := range []string{
			`kam_http_requests_total{route="GET /api/v1/me",status="401"} 1`,
			`kam_http_requests_total{route="GET /accounts/{id}",status="303"} 1`,
			`kam_http_requests_total{route="POST /signin",status="401"} 2`,
			`kam_signin_failures_total{way="password"} 2`,
			`kam_signin_failures_total{way="oidc"} 0`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("metrics lack %s", want)
			}
		}
	})
}
