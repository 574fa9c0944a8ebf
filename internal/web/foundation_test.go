package web

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kam/internal/httpedge"
	"kam/internal/kam"
)

func TestCatalogueCoversTemplates(t *testing.T) {
	t.Parallel()
	as, err := loadAssets()
	if err != nil {
		t.Fatal(err)
	}
	// Parse without the start-up check, to list the ids ourselves.
	v, err := parseViews(as)
	if err != nil {
		t.Fatal(err)
	}
	ids := templateMessageIDs(v[kam.LocaleEN])
	if len(ids) < 50 {
		t.Fatalf("found only %d message ids in the templates: the walk misses some", len(ids))
	}
	for _, want := range []string{"signin.title", "f.email", "f.team_name", "users.search"} {
		if !contains(ids, want) {
			t.Errorf("the template walk did not find %q", want)
		}
	}
	for _, id := range ids {
		m, ok := messages[id]
		switch {
		case !ok:
			t.Errorf("templates use %q, missing from the catalogue", id)
		case m.EN == "" || m.ZH == "":
			t.Errorf("message %q lacks a language: %+v", id, m)
		}
	}
}

// TestCatalogueCoversCode checks the ids Go code passes to msg and flash.
func TestCatalogueCoversCode(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("*.go")
	// A literal id only: "pos."+level builds an id at run time.
	// record[T]'s removed field is the message its delete flashes.
	re := regexp.MustCompile(`(?:msg\([^,]+, |flash\(w, r, |removed:\s*)"([a-z0-9_.]+)"\s*[,)}]`)
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllSubmatch(src, -1) {
			n++
			if _, ok := messages[string(m[1])]; !ok {
				t.Errorf("%s uses message %q, missing from the catalogue", f, m[1])
			}
		}
	}
	if n == 0 {
		t.Fatal("found no message ids in the code")
	}
}

func TestMissingMessageFailsStartUp(t *testing.T) {
	t.Parallel()
	as, _ := loadAssets()
	v, err := parseViews(as)
	if err != nil {
		t.Fatal(err)
	}
	if err := checkMessageIDs(v[kam.LocaleEN], messages); err != nil {
		t.Fatalf("the real catalogue fails the check: %v", err)
	}
	short := maps.Clone(messages)
	delete(short, "signin.title")
	if err := checkMessageIDs(v[kam.LocaleEN], short); err == nil || !strings.Contains(err.Error(), "signin.title") {
		t.Errorf("a missing id passed the check: %v", err)
	}
	short = maps.Clone(messages)
	short["form.save"] = kam.T("Save", "")
	if err := checkMessageIDs(v[kam.LocaleEN], short); err == nil {
		t.Error("a message without Chinese passed the check")
	}
}

// TestCatalogueRefusesDuplicateID: an id two tables define stops the
// start instead of one text silently replacing the other (the init()
// merges it replaces did that).
func TestCatalogueRefusesDuplicateID(t *testing.T) {
	t.Parallel()
	one := map[string]kam.Text{"x.same": kam.T("One", "一"), "x.only": kam.T("Only", "唯一")}
	two := map[string]kam.Text{"x.same": kam.T("Two", "二")}
	if _, err := catalogueOf(one, two); err == nil || !strings.Contains(err.Error(), `"x.same"`) {
		t.Errorf("catalogueOf with an id in two tables: %v, want an error naming it", err)
	}
	if m, err := catalogueOf(one, map[string]kam.Text{"x.other": kam.T("Other", "其他")}); err != nil || len(m) != 3 {
		t.Errorf("catalogueOf with distinct ids: %d messages, %v; want 3, nil", len(m), err)
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), `"x.same"`) {
			t.Errorf("mustCatalogue with an id in two tables: recovered %v, want a panic naming it", r)
		}
	}()
	mustCatalogue(one, two)
}

// TestCatalogueHoldsEveryTable: every table's every text is the
// catalogue's, so no table hides another's entry.
func TestCatalogueHoldsEveryTable(t *testing.T) {
	t.Parallel()
	n := 0
	for _, table := range messageTables {
		for id, m := range table {
			n++
			if messages[id] != m {
				t.Errorf("message %q: the catalogue has %+v, its table %+v", id, messages[id], m)
			}
		}
	}
	if n != len(messages) {
		t.Errorf("the tables hold %d messages, the catalogue %d", n, len(messages))
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestGlossaryAndLabelsAreBilingual(t *testing.T) {
	t.Parallel()
	for id, g := range glossary {
		if g.Name.EN == "" || g.Name.ZH == "" || g.Explain.EN == "" || g.Explain.ZH == "" {
			t.Errorf("term %q lacks a language", id)
		}
	}
	for _, id := range []string{"buying-influence", "coach", "user", "technical", "economic", "vito", "response-mode",
		"above-funnel", "in-funnel", "best-few", "red-flag", "strength", "win-result", "ideal-customer", "position",
		"single-sales-objective", "counterpart", "contact-level", "support", "influence"} {
		if _, ok := glossary[id]; !ok {
			t.Errorf("glossary lacks %q", id)
		}
	}
}

func TestTemplateFuncs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, got, want string
	}{
		{"money groups thousands in CNY", formatMoney(kam.LocaleZH, int64(1234567)), "¥1,234,567"},
		{"money small", formatMoney(kam.LocaleEN, 999), "¥999"},
		{"money negative", formatMoney(kam.LocaleEN, int64(-1234)), "-¥1,234"},
		{"money other currency", formatMoney(kam.LocaleEN, int64(1000000), "usd"), "1,000,000 USD"},
		{"label funnel level zh", kam.Label(kam.LevelAbove).In(kam.LocaleZH), "漏斗之上"},
		{"label funnel level en", kam.Label(kam.LevelBestFew).In(kam.LocaleEN), "Best few"},
		{"label CUTE role", kam.Label(kam.RoleCoach).In(kam.LocaleZH), "教练"},
		{"label unknown value shows itself", kam.Label("whatever").In(kam.LocaleZH), "whatever"},
		{"date", formatDate(kam.MustDate("2026-11-30")), "2026-11-30"},
		{"message with argument", msg(kam.LocaleEN, "password.rule", 10), "At least 10 characters."},
		{"unknown message shows its id", msg(kam.LocaleEN, "no.such.id"), "[no.such.id]"},
		{"term is an abbr with its explanation", string(termHTML(kam.LocaleZH, "coach")), `<abbr class="term" tabindex="0" title="我们的内线`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.HasPrefix(tc.got, tc.want) {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
	if got := string(termHTML(kam.LocaleEN, "coach", `<b>"x"</b>`)); strings.Contains(got, "<b>") {
		t.Errorf("term text is not escaped: %s", got)
	}
}

func TestLocalPath(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"/accounts/7?tab=map", "/accounts/7?tab=map"},
		{"/", "/"},
		{"", "/"},
		{"//evil.example/", "/"},
		{`/\evil.example`, "/"},
		{"https://evil.example/", "/"},
		{"javascript:alert(1)", "/"},
		{"accounts", "/"},
		{"/a\r\nSet-Cookie: x=1", "/"},
	}
	for _, tc := range tests {
		if got := localPath(tc.in); got != tc.want {
			t.Errorf("localPath(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestStaticFiles(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	page := e.client().get("/signin")
	css := regexp.MustCompile(`href="(/static/app\.[0-9a-f]{8}\.css)"`).FindStringSubmatch(page.Body)
	if css == nil {
		t.Fatalf("no hashed stylesheet link\n%s", page.Body)
	}
	r := e.client().get(css[1])
	mustStatus(t, r, http.StatusOK)
	if got := r.Header.Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
		t.Errorf("Cache-Control %q", got)
	}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "text/css") {
		t.Errorf("Content-Type %q", r.Header.Get("Content-Type"))
	}
	want, _ := staticFS.ReadFile("static/app.css")
	if r.Body != string(want) {
		t.Error("served stylesheet differs from the embedded one")
	}
	mustStatus(t, e.client().get("/static/app.00000000.css"), http.StatusNotFound)
	mustStatus(t, e.client().get("/static/app.css"), http.StatusNotFound)
	var total int
	for _, f := range e.app.assets.files {
		total += len(f.body)
	}
	if total > 32*1024 {
		t.Errorf("static files weigh %d bytes; keep them small", total)
	}
}

func TestGzip(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("kam 大客户战略销售 ", 200)
	tests := []struct {
		name     string
		accept   string
		ctype    string
		encoding string
		body     string
		wantGzip bool
	}{
		{name: "large HTML is compressed", accept: "gzip, deflate", ctype: "text/html; charset=utf-8", body: big, wantGzip: true},
		{name: "without Accept-Encoding it is not", accept: "", ctype: "text/html", body: big},
		{name: "gzip;q=0 is a refusal", accept: "gzip;q=0", ctype: "text/html", body: big},
		{name: "tiny bodies are not", accept: "gzip", ctype: "text/html", body: "<p>hi</p>"},
		{name: "images are not", accept: "gzip", ctype: "image/png", body: big},
		{name: "already encoded bodies are not", accept: "gzip", ctype: "text/css", encoding: "br", body: big},
		{name: "JSON is compressed", accept: "gzip", ctype: "application/json", body: big, wantGzip: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := Gzip(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tc.ctype)
				if tc.encoding != "" {
					w.Header().Set("Content-Encoding", tc.encoding)
				}
				w.WriteHeader(http.StatusTeapot)
				// Write in pieces, as templates do.
				for i := 0; i < len(tc.body); i += 100 {
					io.WriteString(w, tc.body[i:min(i+100, len(tc.body))])
				}
			}))
			req := httptest.NewRequest("GET", "/", nil)
			if tc.accept != "" {
				req.Header.Set("Accept-Encoding", tc.accept)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusTeapot {
				t.Errorf("status %d, want 418", rec.Code)
			}
			gz := rec.Header().Get("Content-Encoding") == "gzip"
			if gz != tc.wantGzip {
				t.Fatalf("gzip = %v, want %v", gz, tc.wantGzip)
			}
			body := rec.Body.Bytes()
			if gz {
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				if body, err = io.ReadAll(zr); err != nil {
					t.Fatal(err)
				}
				if rec.Body.Len() >= len(tc.body) {
					t.Errorf("compressed %d bytes into %d", len(tc.body), rec.Body.Len())
				}
			}
			if string(body) != tc.body {
				t.Error("body changed on the way")
			}
		})
	}
}

// TestEveryPageIsSafe loads every GET page as an admin and checks the
// security headers and that no page breaks the CSP: no inline script, no
// event-handler attributes, no style attributes or blocks.
func TestEveryPageIsSafe(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	team := e.team("T")
	rep := e.user("rep@example.com", "Rep", kam.RoleRep, team.ID, false)
	ids := map[string]string{}
	for ent, mk := range walkFixtures {
		ids[ent] = itoa(mk(e, rep))
	}
	admin := e.signedIn(e.admin)
	anon := e.client()
	inline := regexp.MustCompile(`(?i)<script(?:\s[^>]*)?>\s*[^<\s]|<script>|\son[a-z]+\s*=|\sstyle\s*=|<style`)
	pages := []string{"/signin", "/static/nope", "/no/such/page"}
	for _, rt := range e.app.routes {
		if rt.Method == "GET" {
			pages = append(pages, fillPath(rt.Path, map[string]string{"id": ids[rt.Entity], "entity": rt.Entity}))
		}
	}
	for _, p := range pages {
		for who, c := range map[string]*client{"admin": admin, "signed out": anon} {
			r := c.get(p)
			if got := r.Header.Get("Content-Security-Policy"); got != httpedge.ContentSecurityPolicy {
				t.Errorf("GET %s (%s): CSP %q", p, who, got)
			}
			for _, h := range []string{"X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"} {
				if r.Header.Get(h) == "" {
					t.Errorf("GET %s (%s): no %s", p, who, h)
				}
			}
			if m := inline.FindString(r.Body); m != "" {
				t.Errorf("GET %s (%s): inline script or style %q", p, who, m)
			}
			if strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") && r.Code == http.StatusOK &&
				!strings.Contains(r.Body, `<html lang="`) {
				t.Errorf("GET %s (%s): no lang attribute", p, who)
			}
		}
	}
}

func TestNotFoundPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.signedIn(e.admin)
	for _, p := range []string{"/no/such/page", "/admin/users/999999", "/admin/users/abc", "/admin/teams/0", "/audit/account/424242"} {
		r := c.get(p)
		if p == "/audit/account/424242" {
			// Admins may read the (empty) history of any id.
			mustStatus(t, r, http.StatusOK)
			continue
		}
		mustStatus(t, r, http.StatusNotFound)
		mustContain(t, r, "Not found")
	}
}
