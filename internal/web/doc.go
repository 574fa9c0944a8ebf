// Package web is kam's HTML front end: server-rendered pages that work
// without JavaScript, in 简体中文 and English, over the service layer.
//
// # Shape
//
// New builds the handler once: it parses every template (per language) and
// hashes every static file at start-up, and panics on a broken template, a
// missing static file or a message id missing from the catalogue.
//
//   - web.go: New, the request pipeline (cross-origin check → gzip → body
//     limit → mux), serve (session, access, CSRF token, error rendering) and
//     call, what a handler knows about the request.
//   - routes.go: the route table. Every page and form action is a route
//     {Method, Path, Access, Entity, Handle}; routeTable concatenates the
//     groups. Tests walk this table (CSRF, other-team walk), so a new route is
//     covered as soon as it is listed.
//   - render.go, funcs.go, funcs_method.go: render / renderPage and the
//     Page every template receives; the one FuncMap of template functions
//     (t, txt, label, term, date, money, static, field, choice, options,
//     dict, and the method's: supportIcon, ruleTitle, reason, …).
//   - messages.go: the catalogue (id → kam.Text), built once from its
//     tables (messages.go, messages_method.go, messages_workbench.go); an
//     id two tables define panics at start-up. labels.go (enum value →
//     label), glossary.go (the method's terms for {{term "id"}}).
//   - form.go: Form, the values and field errors of a form, its typed
//     readers (Int64, Date, Text, …), and Take for service errors
//     (validation → field errors, version conflict → conflict.go's
//     Conflict, the current record beside the user's values and the new
//     version). choices.go: select options and the lists behind them;
//     request.go: ids from the path, the query and a delete button.
//   - record.go: record[T], the one shape of a record's create, edit page,
//     update, delete and restore handlers (sheetRecord for the records on
//     the strategy sheet, listedRecord for those edited in a list's rows);
//     record_form.go: the spec-driven form page every record kind uses.
//   - errors.go: fail, the one place an error becomes a page (404, 403 with
//     the service's reason, 409, 413, 422, 500).
//   - signin.go, profile.go, admin.go, audit.go: signing in and out, the
//     password page, the language switch, the user's own /account page
//     (profile, sign out everywhere, API tokens), the admin pages and the
//     audit log.
//   - The workbench, one file per page or record kind with its form
//     beside it: week.go; accounts.go (list and form), account_view.go,
//     units.go, relations.go; contacts.go; strategy.go (the sheet and its
//     print view; strategy_markdown.go its Markdown copy), opportunities.go,
//     buyers.go, mode_helper.go, findings.go, swot.go, actions.go,
//     interactions.go; funnel.go, quotas.go; trash.go; criteria.go;
//     redflags.go (the red-flag catalogue, the method's settings); xlsx.go.
//   - templates/layout.html, templates/partials/*.html (csrf, input,
//     textarea, select, checkbox, form-errors, conflict, tokens, …) and
//     templates/pages/NAME.html, each defining "title" and "content".
//   - static/: app.css, app.js, icon.svg, served as /static/NAME.HASH.EXT.
//
// # Adding pages
//
//  1. Write a method returning the group's routes, e.g.
//     func (a *app) accountRoutes() []route, and list it in routeTable. Set
//     Entity on every route whose {id} names a record ("account",
//     "contact", "opportunity", …: the service's entity names) and add a
//     record of that kind to the other-team walk's fixture (walk_test.go).
//  2. A handler is func(w, r, c *call) error. A record kind edited on a
//     form of its own needs no handler of its own: describe it as a
//     record[T] (record.go) and route its create, editPage, update, delete
//     and restore. Use c.Actor for every service
//     call; return service errors as they are (fail maps them: a record
//     outside the user's scope is a 404 page). After a successful POST,
//     a.flash(w, r, "form.saved") and seeOther(w, r, url).
//  3. Forms: f, err := formFrom(r, action); read values with f.Get /
//     f.Int64 / f.Bool; on a service error, if f.Take(err) render the page
//     again with status f.Status(). Name inputs like the service's JSON
//     fields so field errors land next to them. In the template:
//     {{template "csrf" .}}, {{template "form-errors" (dict "Form" F)}},
//     {{template "conflict" F}}, a hidden "version" input with F.Version,
//     and {{template "input" (field F "name" "f.name")}} /
//     "textarea" / "select" with (choice F "level" "f.level" (options
//     .Levels)).
//  4. Render with a.render(w, r, c, status, "page", data) or a.renderPage
//     with a *Page to set Section ("week", "accounts", "funnel") or Title.
//  5. Text: every {{t "id"}} must be in messages (a test parses the
//     templates and fails on a missing id); enum values go through {{label
//     .Level}}; method terms through {{term "coach"}}.
//  6. Add the page's forms to hostileForms (hostile_test.go): every field
//     then gets script tags, attribute breakouts, SQL, 100,000 characters,
//     empty and invalid UTF-8, and must be refused with a field error or
//     stored exactly, never reflected raw, never a 5xx.
//  7. Link a record's history as /audit/{entity}/{id}; the service decides
//     who may see it.
//
// Tests build an env (helpers_test.go): a real service on a SQLite file in
// t.TempDir(), an injectable clock, users made with svc.CreateUser, and
// clients that keep cookies and the CSRF token (c.get, c.post, c.signIn).
//
// # Security
//
// The CSP of httpedge.SecurityHeaders forbids inline script and style: pages
// carry no <script> blocks, no on* attributes and no style attributes; all
// script is in static/app.js, all style in static/app.css. Every
// state-changing request passes httpedge.CSRF (Cross-Origin Protection) and,
// when signed in, httpedge.CheckFormToken against the csrf_token field (only the
// sign-in form is exempt from the token: route.NoFormToken). Sessions live
// in the database through the service's auth.Store, and signing in uses the
// service's auth.Authenticator;
// the user is re-read on every request, so a disabled user is out at once,
// and a user who must change a temporary password sees only /password until
// they do (route.DuringPasswordChange).
package web
