package server

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/storetest"
)

// get sends GET path to h and returns the status and body.
func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
	return w.Code, w.Body.String()
}

func TestHealthAndReadiness(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		var logs strings.Builder
		log := slog.New(slog.NewTextHandler(&logs, nil))
		h := Handler(service.New(db, service.Options{Logger: log}), Options{Logger: log})

		if code, body := get(t, h, "/healthz"); code != http.StatusOK || body != "ok\n" {
			t.Errorf("/healthz = %d %q, want 200 ok", code, body)
		}
		if code, body := get(t, h, "/readyz"); code != http.StatusOK || body != "ok\n" {
			t.Errorf("/readyz with the database open = %d %q, want 200 ok", code, body)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		// Liveness does not depend on the database; readiness does.
		if code, _ := get(t, h, "/healthz"); code != http.StatusOK {
			t.Errorf("/healthz with the database closed = %d, want 200", code)
		}
		code, body := get(t, h, "/readyz")
		if code != http.StatusServiceUnavailable || !strings.Contains(body, "database unreachable") {
			t.Errorf("/readyz with the database closed = %d %q, want 503", code, body)
		}
		if !strings.Contains(logs.String(), "readiness check failed") {
			t.Errorf("the failed readiness check was not logged: %s", logs.String())
		}
	})
}

func TestPanicsBecome500(t *testing.T) {
	t.Parallel()
	var logs strings.Builder
	log := slog.New(slog.NewTextHandler(&logs, nil))
	web := http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") })
	h := Handler(service.New(nil, service.Options{Logger: log}), Options{Logger: log, Web: web})
	if code, body := get(t, h, "/anything"); code != http.StatusInternalServerError || strings.Contains(body, "boom") {
		t.Errorf("a panicking page = %d %q, want 500 without the panic's text", code, body)
	}
	if !strings.Contains(logs.String(), "panic serving request") || !strings.Contains(logs.String(), "boom") {
		t.Errorf("the panic was not logged: %s", logs.String())
	}
}

// Behind a trusted TLS-terminating proxy every answer, the API's included,
// carries HSTS; without trust the proxy's header is not believed.
func TestHSTSBehindATrustedProxy(t *testing.T) {
	t.Parallel()
	svc := service.New(storetest.SQLite(t), service.Options{})
	for _, tt := range []struct {
		name  string
		trust bool
		want  bool
	}{
		{"trusted proxy says https", true, true},
		{"untrusted X-Forwarded-Proto is ignored", false, false},
	} {
		h := Handler(svc, Options{TrustProxy: tt.trust})
		for _, path := range []string{"/healthz", "/api/v1/openapi.json"} {
			r := httptest.NewRequest("GET", path, nil)
			r.Header.Set("X-Forwarded-Proto", "https")
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if got := w.Header().Get("Strict-Transport-Security") != ""; got != tt.want {
				t.Errorf("%s: %s: HSTS sent = %v, want %v", tt.name, path, got, tt.want)
			}
		}
	}
}
