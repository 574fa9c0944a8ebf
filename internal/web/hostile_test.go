package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kam/internal/kam"
)

// hostilePayloads go into every field of every form.
var hostilePayloads = []struct{ name, value string }{
	{"script tag", "<script>alert(1)</script>"},
	{"attribute breakout", `"><img src=x onerror=alert(1)>`},
	{"SQL injection", "'; DROP TABLE users; --"},
	{"100k characters", strings.Repeat("长", 50000) + strings.Repeat("x", 50000)},
	{"empty", ""},
	{"invalid UTF-8", "\xff\xfe"},
}

// rawMarkers must never appear unescaped in a page.
var rawMarkers = []string{"<script>alert(1)", "<img src=x onerror"}

// hostileWorld is what a form's cases need: the env, a signed-in admin and
// rep, and records to aim at.
type hostileWorld struct {
	e     *env
	admin *client
	rep   *client
	repU  kam.User
	team  kam.Team
}

// hostileForm is one form under attack. Fields are filled one at a time
// with each payload, the others keep the valid values of base. stored, when
// set, reads back what the service kept for field after an accepted
// submission (ok false: nothing to compare).
type hostileForm struct {
	name   string
	method string // POST, or GET for search and filter forms
	path   func(w *hostileWorld) string
	as     func(w *hostileWorld) *client
	fields []string
	base   func(w *hostileWorld, attempt int) url.Values
	stored func(w *hostileWorld, field string) (string, bool)
	// view is a page that shows the stored value, checked for raw markup.
	view string
	// emptyDefault is what an empty field stands for (a select's default,
	// a generated name); other empty fields must be kept or refused.
	emptyDefault map[string]string
}

func (w *hostileWorld) version(id int64) string { return itoa(w.e.getUser(id).Version) }

// hostileForms lists every form of the package. Workbench pages add theirs.
var hostileForms = []hostileForm{
	{
		name: "sign in", method: "POST", path: fixed("/signin"),
		as:     func(w *hostileWorld) *client { c := w.e.client(); return c },
		fields: []string{"email", "password", "next"},
		base: func(_ *hostileWorld, i int) url.Values {
			return url.Values{"email": {fmt.Sprintf("nobody%d@example.com", i)}, "password": {"wrong password"}, "next": {"/"}}
		},
	},
	{
		name: "language", method: "POST", path: fixed("/lang"), as: asRep,
		fields: []string{"lang", "next"},
		base:   func(*hostileWorld, int) url.Values { return url.Values{"lang": {"en"}, "next": {"/account"}} },
		stored: func(w *hostileWorld, field string) (string, bool) {
			return string(w.e.getUser(w.repU.ID).Locale), field == "lang"
		},
	},
	{
		name: "change password", method: "POST", path: fixed("/password"), as: asRep,
		fields: []string{"current_password", "password", "password_confirm"},
		base: func(*hostileWorld, int) url.Values {
			// A wrong current password: nothing may change, whatever the rest.
			return url.Values{"current_password": {"not the password"}, "password": {"long enough new one"}, "password_confirm": {"long enough new one"}}
		},
	},
	{
		name: "profile", method: "POST", path: fixed("/account"), as: asRep, view: "/account",
		fields: []string{"name", "locale", "version"},
		base: func(w *hostileWorld, _ int) url.Values {
			return url.Values{"name": {"Rep"}, "locale": {"en"}, "version": {w.version(w.repU.ID)}}
		},
		stored: func(w *hostileWorld, field string) (string, bool) {
			u := w.e.getUser(w.repU.ID)
			switch field {
			case "name":
				return u.Name, true
			case "locale":
				return string(u.Locale), true
			}
			return "", false
		},
	},
	{
		name: "create token", method: "POST", path: fixed("/account/tokens"), as: asRep, view: "/account",
		fields:       []string{"name"},
		emptyDefault: map[string]string{"name": "token"},
		base:         func(*hostileWorld, int) url.Values { return url.Values{"name": {"my token"}} },
		stored: func(w *hostileWorld, _ string) (string, bool) {
			toks, err := w.e.svc.ListTokens(w.e.ctx, kam.System, w.repU.ID)
			if err != nil || len(toks) == 0 {
				return "", false
			}
			return toks[len(toks)-1].Name, true
		},
	},
	{
		name: "invite user", method: "POST", path: fixed("/admin/users"), as: asAdmin, view: "/admin/users",
		fields:       []string{"email", "name", "role", "team_id", "locale"},
		emptyDefault: map[string]string{"team_id": "0", "locale": "zh-CN"},
		base: func(w *hostileWorld, i int) url.Values {
			return url.Values{"email": {fmt.Sprintf("invitee%d@example.com", i)}, "name": {"Invitee"}, "role": {"rep"},
				"team_id": {itoa(w.team.ID)}, "locale": {"en"}}
		},
		stored: func(w *hostileWorld, field string) (string, bool) {
			u, ok := w.lastUser()
			return userField(u, field), ok
		},
	},
	{
		name: "edit user", method: "POST", as: asAdmin,
		path:         func(w *hostileWorld) string { return "/admin/users/" + itoa(w.repU.ID) },
		view:         "/admin/users",
		fields:       []string{"email", "name", "role", "team_id", "locale", "version"},
		emptyDefault: map[string]string{"team_id": "0", "locale": "zh-CN"},
		base: func(w *hostileWorld, _ int) url.Values {
			u := w.e.getUser(w.repU.ID)
			return url.Values{"email": {u.Email}, "name": {u.Name}, "role": {"rep"}, "team_id": {itoa(w.team.ID)},
				"locale": {"en"}, "version": {itoa(u.Version)}}
		},
		stored: func(w *hostileWorld, field string) (string, bool) {
			return userField(w.e.getUser(w.repU.ID), field), field != "version"
		},
	},
	{
		name: "disable user", method: "POST", as: asAdmin,
		path:   func(w *hostileWorld) string { return "/admin/users/" + itoa(w.repU.ID) + "/enable" },
		fields: []string{"version"},
		base:   func(w *hostileWorld, _ int) url.Values { return url.Values{"version": {w.version(w.repU.ID)}} },
	},
	{
		name: "create team", method: "POST", path: fixed("/admin/teams"), as: asAdmin, view: "/admin/teams",
		fields: []string{"name", "manager_id"},
		base:   func(*hostileWorld, int) url.Values { return url.Values{"name": {"Team"}, "manager_id": {"0"}} },
		stored: func(w *hostileWorld, field string) (string, bool) {
			teams, _, err := w.e.app.allTeams(w.e.ctx, &call{Actor: kam.System})
			if err != nil || len(teams) == 0 || field != "name" {
				return "", false
			}
			return teams[len(teams)-1].Name, true
		},
	},
	{
		name: "edit team", method: "POST", as: asAdmin,
		path:   func(w *hostileWorld) string { return "/admin/teams/" + itoa(w.team.ID) },
		view:   "/admin/teams",
		fields: []string{"name", "manager_id", "version"},
		base: func(w *hostileWorld, _ int) url.Values {
			t, _ := w.e.svc.Teams.Get(w.e.ctx, kam.System, w.team.ID)
			return url.Values{"name": {t.Name}, "manager_id": {"0"}, "version": {itoa(t.Version)}}
		},
		stored: func(w *hostileWorld, field string) (string, bool) {
			t, _ := w.e.svc.Teams.Get(w.e.ctx, kam.System, w.team.ID)
			return t.Name, field == "name"
		},
	},
	{
		name: "user search", method: "GET", path: fixed("/admin/users"), as: asAdmin,
		fields: []string{"q", "after"},
		base:   func(*hostileWorld, int) url.Values { return url.Values{"q": {"rep"}} },
	},
	{
		name: "audit filter", method: "GET", path: fixed("/admin/audit"), as: asAdmin,
		fields: []string{"entity", "entity_id", "user_id", "since", "until", "before"},
		base:   func(*hostileWorld, int) url.Values { return url.Values{} },
	},
}

func fixed(p string) func(*hostileWorld) string { return func(*hostileWorld) string { return p } }
func asRep(w *hostileWorld) *client             { return w.rep }
func asAdmin(w *hostileWorld) *client           { return w.admin }

func (w *hostileWorld) lastUser() (kam.User, bool) {
	users, _, err := w.e.app.allUsers(w.e.ctx, &call{Actor: kam.System})
	if err != nil || len(users) == 0 {
		return kam.User{}, false
	}
	return users[len(users)-1], true
}

func userField(u kam.User, field string) string {
	switch field {
	case "email":
		return u.Email
	case "name":
		return u.Name
	case "role":
		return string(u.Role)
	case "locale":
		return string(u.Locale)
	case "team_id":
		return itoa(u.TeamID)
	}
	return ""
}

// TestHostileInput fills every field of every form with hostile values. The
// server must never fail (5xx), never reflect raw markup, and either refuse
// the value with a field error or keep it exactly as typed.
func TestHostileInput(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	team := e.team("Hostile team")
	repU := e.user("rep@example.com", "Rep", kam.RoleRep, team.ID, false)
	w := &hostileWorld{e: e, team: team, repU: repU, admin: e.signedIn(e.admin), rep: e.signedIn(repU)}
	attempt := 0
	for _, f := range hostileForms {
		for _, field := range f.fields {
			for _, p := range hostilePayloads {
				attempt++
				name := f.name + "/" + field + "/" + p.name
				c := f.as(w)
				c.ip = fmt.Sprintf("10.0.%d.%d", attempt/250, attempt%250+1)
				form := f.base(w, attempt)
				form.Set(field, p.value)
				before, hadBefore := "", false
				if f.stored != nil {
					before, hadBefore = f.stored(w, field)
				}
				var r *response
				if f.method == "GET" {
					r = c.get(f.path(w) + "?" + form.Encode())
				} else {
					r = c.post(f.path(w), form)
				}
				if r.Code >= 500 {
					t.Errorf("%s: status %d", name, r.Code)
				}
				for _, m := range rawMarkers {
					if strings.Contains(r.Body, m) {
						t.Errorf("%s: the response contains raw %q", name, m)
					}
				}
				if f.view != "" {
					v := c.get(f.view)
					for _, m := range rawMarkers {
						if strings.Contains(v.Body, m) {
							t.Errorf("%s: %s contains raw %q", name, f.view, m)
						}
					}
				}
				if f.stored == nil || f.method == "GET" {
					continue
				}
				after, ok := f.stored(w, field)
				accepted := r.Code < 400
				want := p.value
				if d, ok := f.emptyDefault[field]; ok && p.value == "" {
					want = d
				}
				switch {
				case !ok:
				case accepted && after != want && after != before:
					t.Errorf("%s: stored %.60q, want the input %.60q", name, after, want)
				case !accepted && hadBefore && after != before:
					t.Errorf("%s: refused (%d) but the value changed from %.60q to %.60q", name, r.Code, before, after)
				}
				if !accepted && r.Code != http.StatusUnprocessableEntity && r.Code != http.StatusConflict &&
					r.Code != http.StatusUnauthorized && r.Code != http.StatusTooManyRequests && r.Code != http.StatusForbidden {
					t.Errorf("%s: refused with %d, want a field error (422)", name, r.Code)
				}
			}
		}
		// Restore what the forms may have changed for the next form.
		if u := e.getUser(repU.ID); u.Disabled || u.Role != kam.RoleRep {
			if _, err := e.svc.Users.Update(e.ctx, kam.System, u.ID, u.Version, func(u *kam.User) error {
				u.Disabled, u.Role = false, kam.RoleRep
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		}
	}
}
