package browsertest

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kam/internal/auth"
	"kam/internal/demo"
	"kam/internal/kam"
	"kam/internal/server"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/web"
)

// TestListsOnAPhone opens My week, the deal list, the people list, My
// actions and search as the demo's seller at 390 × 844: the page never
// scrolls sideways, every control of the page lies inside the window, and a
// screenshot of each goes to the artifacts. On the desktop, "/" focuses the
// header search and "?" opens the list of shortcuts.
func TestListsOnAPhone(t *testing.T) {
	exe := chromium(t)
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "kam.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	now := func() time.Time { return at }
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc := service.New(db, service.Options{Now: now, Logger: log, Passwords: auth.CheapParams()})
	creds, err := demo.Load(ctx, svc, at)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.Handler(svc, server.Options{Logger: log, Web: web.New(svc, web.Options{Logger: log, Now: now})}))
	defer srv.Close()
	var rep demo.DemoUser
	for _, u := range creds.Users {
		if u.Role == kam.RoleRep {
			rep = u
			break
		}
	}
	bctx := browser(t, exe)
	if err := chromedp.Do(bctx,
		chromedp.Navigate(srv.URL+"/signin"),
		chromedp.SendKeys(chromedp.CSS(`#f-email`), rep.Email),
		chromedp.SendKeys(chromedp.CSS(`#f-password`), rep.Password),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`nav`))); err != nil {
		t.Fatal(err)
	}

	// On the desktop: "/" focuses the search, "?" shows the shortcuts.
	if err := chromedp.Do(bctx, chromedp.Navigate(srv.URL+"/opportunities"), chromedp.WaitVisible(chromedp.CSS(`main table`)),
		chromedp.KeyEvent("/")); err != nil {
		t.Fatal(err)
	}
	focused, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.activeElement ? document.activeElement.id : ""`))
	if err != nil || focused != "hdr-q" {
		t.Errorf(`"/" focused %q (%v), want the header search hdr-q`, focused, err)
	}
	if _, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`document.activeElement.blur(), true`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(bctx, chromedp.KeyEvent("?"), chromedp.WaitVisible(chromedp.CSS(`#keys-help`))); err != nil {
		t.Errorf(`"?" does not show the shortcuts: %v`, err)
	}

	const phoneWidth = 390
	if err := chromedp.Do(bctx, chromedp.EmulateViewport(phoneWidth, 844, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	for _, pg := range []struct{ name, path, wait string }{
		{"week-phone.png", "/", `main h1`},
		{"deals-phone.png", "/opportunities", `main table.deals`},
		{"people-phone.png", "/contacts", `main table.people`},
		{"actions-phone.png", "/actions", `main h1`},
		{"search-phone.png", "/search?q=%E5%8D%8E", `main h1`},
	} {
		if err := chromedp.Do(bctx, chromedp.Navigate(srv.URL+pg.path), chromedp.WaitVisible(chromedp.CSS(pg.wait))); err != nil {
			t.Fatalf("open %s: %v", pg.path, err)
		}
		m, err := chromedp.Run(bctx, chromedp.Evaluate[[]float64](`(function () {
			var w = window.innerWidth, out = 0, n = 0;
			document.querySelectorAll("main a, main button, main input, main select, header input").forEach(function (el) {
				var r = el.getBoundingClientRect();
				if (r.width === 0 && r.height === 0) return;
				n++;
				if (r.left < -1 || r.right > w + 1) out++;
			});
			return [document.documentElement.scrollWidth, w, n, out];
		})()`))
		if err != nil {
			t.Fatalf("measure %s: %v", pg.path, err)
		}
		if m[0] > m[1] || m[1] > phoneWidth {
			t.Errorf("%s on a phone scrolls sideways: %v px wide in a %v px window", pg.path, m[0], m[1])
		}
		if m[2] == 0 || m[3] > 0 {
			t.Errorf("%s on a phone: %v of %v controls lie outside the window", pg.path, m[3], m[2])
		}
		screenshot(t, bctx, pg.name)
	}
}

// screenshot writes the whole page to the artifacts as name.
func screenshot(t *testing.T, bctx context.Context, name string) {
	t.Helper()
	b, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := writeArtifact(t, name, b); err != nil {
		t.Fatal(err)
	}
}

func writeArtifact(t *testing.T, name string, b []byte) error {
	return os.WriteFile(filepath.Join(artifacts(t), name), b, 0o644)
}
