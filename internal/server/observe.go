package server

import (
	"context"
	"crypto/subtle"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"kam/internal/reqinfo"
	"kam/internal/service"
)

// Metrics are kam's Prometheus metrics: requests by route pattern and
// status with their latency and statements, the database pools, the push
// outbox, and the Go runtime and process.
type Metrics struct {
	reg        *prometheus.Registry
	requests   *prometheus.CounterVec
	duration   *prometheus.HistogramVec
	statements *prometheus.HistogramVec
	signIns    *prometheus.CounterVec
}

// NewMetrics registers kam's metrics over svc.
func NewMetrics(svc *service.Service) *Metrics {
	reg := prometheus.NewRegistry()
	m := &Metrics{
		reg: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kam_http_requests_total", Help: "HTTP requests by route pattern, method and status code.",
		}, []string{"route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "kam_http_request_duration_seconds", Help: "Time to answer an HTTP request, by route pattern.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10},
		}, []string{"route"}),
		statements: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "kam_http_request_statements", Help: "Database statements one HTTP request ran, by route pattern.",
			Buckets: []float64{0, 1, 2, 4, 6, 8, 12, 16, 24, 32, 64, 128},
		}, []string{"route"}),
		signIns: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kam_signin_failures_total", Help: "Refused sign-ins, by way: password or oidc (single sign-on).",
		}, []string{"way"}),
	}
	// Both ways show from the start, at zero, so an alert can rate them.
	m.signIns.WithLabelValues("password")
	m.signIns.WithLabelValues("oidc")
	write, read := svc.DB().Pools()
	reg.MustRegister(m.requests, m.duration, m.statements, m.signIns,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		collectors.NewDBStatsCollector(write, "write"))
	if read != write {
		reg.MustRegister(collectors.NewDBStatsCollector(read, "read"))
	}
	backlog := func(failed bool) func() float64 {
		return func() float64 {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			p, f, err := svc.PushBacklog(ctx)
			if err != nil {
				return -1
			}
			if failed {
				return float64(f)
			}
			return float64(p)
		}
	}
	reg.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "kam_push_pending", Help: "Pushes waiting in the outbox to be sent or retried."}, backlog(false)),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "kam_push_failed", Help: "Pushes given up after a day of failed attempts."}, backlog(true)),
	)
	return m
}

// Handler serves the metrics in the Prometheus text format. With a token,
// a request must carry "Authorization: Bearer <token>".
func (m *Metrics) Handler(token string) http.Handler {
	h := promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
	if token == "" {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="kam metrics"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// statusWriter remembers the status code and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection (flushes,
// deadlines).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe records every request: its metrics when m is set, and one log
// line (route, status, duration, statements, user) when logRequests. Only
// the route's pattern is recorded, never the path or the query, which may
// carry secrets.
func observe(next http.Handler, m *Metrics, log *slog.Logger, logRequests bool) http.Handler {
	if m == nil && !logRequests {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ctx, info := reqinfo.With(r.Context())
		sw := &statusWriter{ResponseWriter: w}
		r = r.WithContext(ctx)
		next.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		// The front ends name their own routes; otherwise the pattern
		// of kam's top mux (health checks, the metrics) stands.
		route := info.Route
		if route == "" {
			route = r.Pattern
		}
		if route == "" {
			route = "unmatched"
		}
		d := time.Since(start)
		if m != nil {
			m.requests.WithLabelValues(route, strconv.Itoa(sw.status)).Inc()
			m.duration.WithLabelValues(route).Observe(d.Seconds())
			m.statements.WithLabelValues(route).Observe(float64(info.Statements()))
			if info.SignInFailure != "" {
				m.signIns.WithLabelValues(info.SignInFailure).Inc()
			}
		}
		if logRequests {
			log.LogAttrs(ctx, slog.LevelInfo, "request",
				slog.String("route", route), slog.Int("status", sw.status),
				slog.Float64("duration_ms", float64(d.Microseconds())/1000),
				slog.Int64("statements", info.Statements()), slog.Int64("bytes", sw.bytes),
				slog.Int64("user_id", info.UserID))
		}
	})
}
