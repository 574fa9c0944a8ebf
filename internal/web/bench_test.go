package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"kam/internal/kam"
)

// BenchmarkRenderSignIn measures a whole signed-out page: routing, session
// lookup (none), template execution and security headers.
func BenchmarkRenderSignIn(b *testing.B) {
	e := newEnv(b)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		e.h.ServeHTTP(rec, httptest.NewRequest("GET", "/signin", nil))
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}

// BenchmarkSignedInPage measures a signed-in page: session load from the
// database, user re-read, token list and rendering, gzipped.
func BenchmarkSignedInPage(b *testing.B) {
	e := newEnv(b)
	c := e.signedIn(e.admin)
	cookie := c.sessionCookie()
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("GET", "/account", nil)
		req.AddCookie(cookie)
		req.Header.Set("Accept-Encoding", "gzip")
		rec := httptest.NewRecorder()
		e.h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}

// BenchmarkGzip measures the middleware on a 20 KB page.
func BenchmarkGzip(b *testing.B) {
	page := strings.Repeat("<tr><td>客户</td><td>漏斗之中</td><td>¥1,200,000</td></tr>\n", 400)
	h := Gzip(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, page)
	}))
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set("Accept-Encoding", "gzip")
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
}

// BenchmarkTerm measures the {{term}} helper the workbench uses on every row.
func BenchmarkTerm(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = termHTML(kam.LocaleZH, "economic")
	}
}
