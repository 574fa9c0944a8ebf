package server

import (
	"net/http/httptest"
	"testing"

	"kam/internal/service"
	"kam/internal/storetest"
)

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
