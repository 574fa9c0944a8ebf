// Package server assembles kam's HTTP handler — the web pages, the JSON API,
// health checks — and runs it with a graceful shutdown.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"time"

	"kam/internal/api"
	"kam/internal/httpedge"
	"kam/internal/service"
)

// Options configure the handler.
type Options struct {
	Logger *slog.Logger
	// Web serves the HTML pages under /; nil serves only the API and health.
	Web http.Handler
	// TrustProxy: a TLS-terminating reverse proxy in front of kam sets
	// X-Forwarded-Proto, so HSTS is sent when it says https.
	TrustProxy bool
	// Metrics, when set, are recorded for every request; with MetricsToken
	// they are also served at /metrics on this handler to a request that
	// carries "Authorization: Bearer <MetricsToken>". Without a token they
	// are served only where the caller mounts Metrics.Handler (kam serve
	// --metrics-addr), never on the public port.
	Metrics      *Metrics
	MetricsToken string
	// LogRequests writes one log line per request (route pattern, status,
	// duration, statements, user id; never the path, the query or a body).
	LogRequests bool
}

// Handler returns kam's whole HTTP handler over svc.
func Handler(svc *service.Service, o Options) http.Handler {
	log := o.Logger
	if log == nil {
		log = slog.Default()
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := svc.DB().Ping(ctx); err != nil {
			log.Error("readiness check failed", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintln(w, "database unreachable")
			return
		}
		fmt.Fprintln(w, "ok")
	})
	if o.Metrics != nil && o.MetricsToken != "" {
		mux.Handle("GET /metrics", o.Metrics.Handler(o.MetricsToken))
	}
	mux.Handle("/api/v1/", api.New(svc, log))
	if o.Web != nil {
		mux.Handle("/", o.Web)
	}
	return observe(recoverer(log, httpedge.SecurityHeaders(mux, o.TrustProxy)), o.Metrics, log, o.LogRequests)
}

// recoverer turns a panic in a handler into a 500 and a log line, so one bad
// request never takes the process down. Writes are transactional, so a
// request that panics leaves no half-written change.
func recoverer(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				log.Error("panic serving request", "method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// Serve runs h on ln until ctx is done, then stops accepting connections and
// lets in-flight requests finish for up to drain.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, drain time.Duration, log *slog.Logger) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: draining in-flight requests", "timeout", drain)
	sctx, cancel := context.WithTimeout(context.Background(), drain)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
