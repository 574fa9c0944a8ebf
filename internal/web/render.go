package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"kam/internal/httpedge"
	"kam/internal/kam"
)

//go:embed templates
var templateFS embed.FS

// views are the parsed page templates of one language: the template
// functions (t, txt, label, term, …) are bound to the language at start-up,
// so rendering needs no per-request cloning.
type views struct {
	pages map[string]*template.Template
}

// loadViews parses the templates (parseViews) and checks that every
// message id they name is in the catalogue in both languages.
func loadViews(as *assets) (map[kam.Locale]*views, error) {
	v, err := parseViews(as)
	if err != nil {
		return nil, err
	}
	if err := checkMessageIDs(v[kam.LocaleEN], messages); err != nil {
		return nil, err
	}
	return v, nil
}

// parseViews parses every page once per locale: the layout and the partials
// (templates/layout.html, templates/partials/*.html) plus one page file
// (templates/pages/NAME.html, which defines "title" and "content").
func parseViews(as *assets) (map[kam.Locale]*views, error) {
	pageFiles, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	out := map[kam.Locale]*views{}
	for _, l := range kam.Locales {
		base, err := template.New("layout").Funcs(funcs(l, as)).ParseFS(templateFS, "templates/layout.html", "templates/partials/*.html")
		if err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		v := &views{pages: map[string]*template.Template{}}
		for _, f := range pageFiles {
			name := strings.TrimSuffix(path.Base(f), ".html")
			t, err := base.Clone()
			if err != nil {
				return nil, err
			}
			if t, err = t.ParseFS(templateFS, f); err != nil {
				return nil, fmt.Errorf("template %s: %w", name, err)
			}
			for _, must := range []string{"title", "content"} {
				if t.Lookup(must) == nil {
					return nil, fmt.Errorf("template %s: no %q defined", name, must)
				}
			}
			v.pages[name] = t
		}
		out[l] = v
	}
	return out, nil
}

// Page is what every page template receives as its dot: who is signed in,
// the language, the CSRF token for forms, a flash message, the title and the
// page's own data.
type Page struct {
	SignedIn bool
	User     kam.User
	IsAdmin  bool
	Locale   kam.Locale
	// CSRF is the session's token; every POST form carries it in a hidden
	// csrf_token field ({{template "csrf" .}}).
	CSRF string
	// Flash is a one-time message after a redirect ("Saved").
	Flash string
	// Title overrides the page's "title" template, for titles that name a
	// record.
	Title string
	// Section marks the navigation entry of the page: "week", "accounts",
	// "funnel", "admin", "profile" (the user's own /account page).
	Section string
	// Path is the current page, where the language switch returns to.
	Path string
	// Data is the page's own data.
	Data any
	// Zone is the reader's time zone: {{when $p.Zone .At}} shows an
	// instant in it.
	Zone *time.Location
}

// render executes the page template name with data into a buffer and sends
// it with status; a template error becomes a 500, never half a page.
func (a *app) render(w http.ResponseWriter, r *http.Request, c *call, status int, name string, data any) error {
	return a.renderPage(w, r, c, status, name, &Page{Data: data})
}

// renderPage is render with a prepared Page (to set Title or Section).
func (a *app) renderPage(w http.ResponseWriter, r *http.Request, c *call, status int, name string, p *Page) error {
	l := c.Locale
	if !l.Valid() {
		l = httpedge.DefaultLocale
	}
	t, ok := a.views[l].pages[name]
	if !ok {
		return fmt.Errorf("web: no page template %q", name)
	}
	p.SignedIn, p.User, p.Locale = c.SignedIn, c.User, l
	p.Zone = c.User.Location()
	p.IsAdmin = c.SignedIn && c.User.Role == kam.RoleAdmin
	p.CSRF = c.Session.CSRFToken
	if p.Path == "" && r.Method == http.MethodGet {
		p.Path = r.URL.RequestURI()
	}
	if p.Path == "" {
		p.Path = "/"
	}
	if p.Flash == "" {
		p.Flash = a.takeFlash(w, r, l)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", string(l))
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// flashCookie carries a message id from a POST to the page it redirects to.
// Only catalogue ids travel, so a forged cookie can show nothing but one of
// the product's own messages.
const flashCookie = "kam_flash"

// flash queues the catalogue message id for the next page.
func (a *app) flash(w http.ResponseWriter, r *http.Request, id string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: id, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: httpedge.IsHTTPS(r, a.trustProxy), MaxAge: 60})
}

func (a *app) takeFlash(w http.ResponseWriter, r *http.Request, l kam.Locale) string {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: "", Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: httpedge.IsHTTPS(r, a.trustProxy), MaxAge: -1})
	m, ok := messages[c.Value]
	if !ok {
		return ""
	}
	return m.In(l)
}
