package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/testkit"
)

// hostilePayloads go into every field of every form and API body.
var hostilePayloads = testkit.HostilePayloads

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
	// view is a page that shows the stored value, checked for raw markup;
	// viewAt, when set, names it for the world (a record's own page).
	view   string
	viewAt func(w *hostileWorld) string
	// refusedWith lists statuses besides 422, 409, 403, 401 and 429 that
	// refuse a value on this form, each case saying why.
	refusedWith []int
	// emptyDefault is what an empty field stands for (a select's default,
	// a generated name); other empty fields must be kept or refused.
	emptyDefault map[string]string
	// check, when set, judges each attempt's answer beyond the rest; a
	// non-empty result is the failure.
	check func(w *hostileWorld, r *response) string
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
		name: "single sign-on policy", method: "POST", path: fixed("/admin/sso"), as: asAdmin, view: "/admin/sso",
		fields: []string{"domains", "password_off", "break_glass_email"},
		base: func(*hostileWorld, int) url.Values {
			return url.Values{"domains": {"corp.example rep 0"}, "break_glass_email": {""}}
		},
		stored: func(w *hostileWorld, field string) (string, bool) {
			p, err := w.e.svc.SSOPolicy(w.e.ctx, kam.System)
			if err != nil || field != "break_glass_email" {
				return "", false
			}
			return p.BreakGlassEmail, true
		},
	},
	{
		name: "create push channel", method: "POST", path: fixed("/channels"), as: asAdmin, view: "/channels",
		fields: []string{"name", "kind", "locale", "url", "secret", "events", "mentions"},
		base: func(_ *hostileWorld, i int) url.Values {
			return url.Values{"name": {fmt.Sprintf("Group %d", i)}, "kind": {"webhook"}, "locale": {"en"},
				"url": {"https://hooks.example.com/kam"}, "secret": {"receiver secret"}, "events": {"deal_moved"}, "mentions": {""}}
		},
		stored: func(w *hostileWorld, field string) (string, bool) {
			list, err := w.e.svc.PushChannels(w.e.ctx, kam.System)
			if err != nil || len(list) == 0 || field != "name" {
				return "", false
			}
			return list[len(list)-1].Name, true
		},
	},
	{
		name: "edit push channel", method: "POST", as: asAdmin,
		path: func(w *hostileWorld) string {
			list, _ := w.e.svc.PushChannels(w.e.ctx, kam.System)
			if len(list) == 0 {
				c, err := w.e.svc.CreatePushChannel(w.e.ctx, kam.System, kam.PushChannel{Name: "Edited", Kind: kam.ChannelSlack,
					Locale: kam.LocaleEN, URL: "https://hooks.slack.com/services/T/B/X"})
				if err != nil {
					panic(err)
				}
				list = append(list, c)
			}
			return "/channels/" + itoa(list[0].ID)
		},
		fields: []string{"name", "kind", "locale", "url", "secret", "events", "mentions", "version"},
		base: func(w *hostileWorld, _ int) url.Values {
			list, _ := w.e.svc.PushChannels(w.e.ctx, kam.System)
			v := "1"
			if len(list) > 0 {
				v = itoa(list[0].Version)
			}
			return url.Values{"name": {"Edited"}, "kind": {"slack"}, "locale": {"en"}, "version": {v}}
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
func TestHostileInput(t *testing.T) { eachDB(t, testHostileInput) }

func testHostileInput(t *testing.T, o envOptions) {
	e := newEnv(t, o)
	team := e.team("Hostile team")
	repU := e.user("rep@example.com", "Rep", kam.RoleRep, team.ID, false)
	w := &hostileWorld{e: e, team: team, repU: repU, admin: e.signedIn(e.admin), rep: e.signedIn(repU)}
	attempt := 0
	for _, f := range hostileForms {
		for _, field := range f.fields {
			for _, p := range hostilePayloads {
				attempt++
				name := f.name + "/" + field + "/" + p.Name
				c := f.as(w)
				c.ip = fmt.Sprintf("10.0.%d.%d", attempt/250, attempt%250+1)
				form := f.base(w, attempt)
				form.Set(field, p.Value)
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
				view := f.view
				if f.viewAt != nil {
					view = f.viewAt(w)
				}
				if view != "" {
					v := c.get(view)
					if v.Code >= 500 {
						t.Errorf("%s: %s answers %d", name, view, v.Code)
					}
					for _, m := range rawMarkers {
						if strings.Contains(v.Body, m) {
							t.Errorf("%s: %s contains raw %q", name, view, m)
						}
					}
				}
				if f.check != nil {
					if msg := f.check(w, r); msg != "" {
						t.Errorf("%s: %s", name, msg)
					}
				}
				if f.stored == nil || f.method == "GET" {
					continue
				}
				after, ok := f.stored(w, field)
				accepted := r.Code < 400
				want := p.Value
				if d, ok := f.emptyDefault[field]; ok && p.Value == "" {
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
					r.Code != http.StatusUnauthorized && r.Code != http.StatusTooManyRequests && r.Code != http.StatusForbidden &&
					!slices.Contains(f.refusedWith, r.Code) {
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

// hostileExempt are the POST routes with no hostile case, each with the
// reason. TestEveryPostRouteHasAHostileCase fails for any other POST route
// of the router that no hostileForms entry posts to.
var hostileExempt = map[string]string{
	// No fields; it would end the session the suite posts with.
	"POST /signout":             "no fields; ends the suite's session",
	"POST /account/signout-all": "no fields; ends the suite's sessions",
	// No fields: the token is the {id} of the path, which the other-team
	// walk covers.
	"POST /account/tokens/{id}/revoke": "no fields; the id is the path's",
	"POST /admin/tokens/{id}/revoke":   "no fields; the id is the path's",
	// No fields: the server makes the temporary password itself.
	"POST /admin/users/{id}/password": "no fields; the server makes the password",
	// No fields: the server makes the calendar secret itself, for the
	// signed-in user only.
	"POST /account/calendar":     "no fields; the server makes the secret",
	"POST /account/calendar/off": "no fields; acts on the signed-in user only",
	// No fields: the channel is the {id} of the path; TestChannelPages
	// checks a manager cannot reach another's.
	"POST /channels/{id}/test":   "no fields; the id is the path's",
	"POST /channels/{id}/delete": "no fields; the id is the path's",
}

// TestEveryPostRouteHasAHostileCase keeps hostileForms complete: every POST
// route of the router is posted to by a hostile case, or is exempt with a
// reason, so a new form cannot go unattacked silently.
func TestEveryPostRouteHasAHostileCase(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	team := e.team("Guard team")
	repU := e.user("rep@example.com", "Rep", kam.RoleRep, team.ID, false)
	w := &hostileWorld{e: e, team: team, repU: repU}
	// A mux of the router's POST patterns tells which route a case's path
	// reaches, exactly as the router would.
	mux := http.NewServeMux()
	posts := map[string]bool{}
	for _, rt := range e.app.routes {
		if rt.Method == http.MethodPost {
			mux.Handle("POST "+rt.Path, http.NotFoundHandler())
			posts["POST "+rt.Path] = true
		}
	}
	covered := map[string]bool{}
	for _, f := range hostileForms {
		if f.method != http.MethodPost {
			continue
		}
		p := f.path(w)
		_, pattern := mux.Handler(httptest.NewRequest(http.MethodPost, p, nil))
		if pattern == "" {
			t.Errorf("hostile case %q posts to %s, which no route serves", f.name, p)
			continue
		}
		covered[pattern] = true
	}
	for key := range posts {
		_, exempt := hostileExempt[key]
		switch {
		case !covered[key] && !exempt:
			t.Errorf("%s has no hostile case (add one to hostileForms, or exempt it in hostileExempt with a reason)", key)
		case covered[key] && exempt:
			t.Errorf("%s has a hostile case and is exempt too", key)
		}
	}
	for key := range hostileExempt {
		if !posts[key] {
			t.Errorf("hostileExempt lists %s, which is not a POST route", key)
		}
	}
}

// hostileExtras are the records the record forms' cases aim at beyond
// hostileRecords, made once per world.
type hostileExtras struct {
	peerAcct, trashAcct kam.Account
	peer, trashCt       kam.Contact
	trashOpp            kam.Opportunity
	unit                kam.OrgUnit
	relation            kam.AccountRelation
	link                kam.ContactLink
	swot                kam.SWOTItem
	action              kam.Action
	interaction         kam.Interaction
	crit                kam.Criterion
	quota               kam.Quota
	shareTeam           kam.Team
	accepted            int64
}

var hostileMore = map[*hostileWorld]*hostileExtras{}

func (w *hostileWorld) more() *hostileExtras {
	r := w.recs()
	hostileMu.Lock()
	defer hostileMu.Unlock()
	if x, ok := hostileMore[w]; ok {
		return x
	}
	e, a := w.e, service.ActorOf(w.repU)
	x := &hostileExtras{}
	var err error
	x.peerAcct, err = e.svc.Accounts.Create(e.ctx, a, kam.Account{Name: "Hostile peer account"})
	must(e, err)
	x.trashAcct, err = e.svc.Accounts.Create(e.ctx, a, kam.Account{Name: "Hostile trash account"})
	must(e, err)
	x.peer, err = e.svc.Contacts.Create(e.ctx, a, kam.Contact{AccountID: r.acct.ID, Name: "Hostile peer"})
	must(e, err)
	x.trashCt, err = e.svc.Contacts.Create(e.ctx, a, kam.Contact{AccountID: r.acct.ID, Name: "Hostile trash contact"})
	must(e, err)
	x.trashOpp, err = e.svc.Opportunities.Create(e.ctx, a, kam.Opportunity{AccountID: r.acct.ID, Name: "Hostile trash deal"})
	must(e, err)
	x.unit, err = e.svc.OrgUnits.Create(e.ctx, a, kam.OrgUnit{AccountID: r.acct.ID, Name: "Hostile unit"})
	must(e, err)
	x.relation, err = e.svc.AccountRelations.Create(e.ctx, a, kam.AccountRelation{FromAccountID: r.acct.ID, ToAccountID: x.peerAcct.ID, Kind: kam.RelationSupplier})
	must(e, err)
	x.link, err = e.svc.ContactLinks.Create(e.ctx, a, kam.ContactLink{FromContactID: r.ct.ID, ToContactID: x.peer.ID, Kind: kam.LinkInfluences})
	must(e, err)
	x.swot, err = e.svc.SWOTItems.Create(e.ctx, a, kam.SWOTItem{OpportunityID: r.opp.ID, Kind: kam.SWOTStrength, Text: "Hostile strength"})
	must(e, err)
	x.action, err = e.svc.Actions.Create(e.ctx, a, kam.Action{OpportunityID: r.opp.ID, Title: "Hostile action", OwnerID: w.repU.ID, Status: kam.ActionOpen})
	must(e, err)
	x.interaction, err = e.svc.Interactions.Create(e.ctx, a, kam.Interaction{OpportunityID: r.opp.ID, Kind: kam.InteractionVisit, At: e.clock.Now(), UserIDs: []int64{w.repU.ID}})
	must(e, err)
	x.crit, err = e.svc.Criteria.Create(e.ctx, kam.System, kam.Criterion{Name: "Hostile criterion", Kind: kam.CriterionDemographic, Weight: 3})
	must(e, err)
	x.quota, err = e.svc.Quotas.Create(e.ctx, kam.System, kam.Quota{UserID: w.repU.ID, Period: "2026Q4", Amount: 100})
	must(e, err)
	x.shareTeam, err = e.svc.Teams.Create(e.ctx, kam.System, kam.Team{Name: "Hostile share team"})
	must(e, err)
	acc, err := e.svc.AcceptFinding(e.ctx, a, r.opp.ID, "no-user", "opportunity", "hostile")
	must(e, err)
	x.accepted = acc.ID
	hostileMore[w] = x
	return x
}

// current reads a record as the system; ok is false when it is gone (in the
// trash).
func current[T any](w *hostileWorld, ent *service.Entity[T], id int64) (T, bool) {
	v, err := ent.Get(w.e.ctx, kam.System, id)
	if err != nil && !errors.Is(err, kam.ErrNotFound) {
		must(w.e, err)
	}
	return v, err == nil
}

// versionOf is the current version of a live record, as a form field.
func versionOf[T any](w *hostileWorld, ent *service.Entity[T], id int64) string {
	v, ok := current(w, ent, id)
	if !ok {
		w.e.t.Fatalf("%s %d is gone", ent.Name(), id)
	}
	return itoa(reflect.ValueOf(v).FieldByName("Meta").Interface().(kam.Meta).Version)
}

// deleteForm is the hostile case of a delete button: only its version is
// posted, and whatever it holds (hostile values never are a version), the
// record must stay live.
func deleteForm[T any](name string, as func(*hostileWorld) *client, ent func(*hostileWorld) *service.Entity[T], path string, id func(*hostileWorld) int64) hostileForm {
	return hostileForm{
		name: name, method: "POST", as: as,
		path:   func(w *hostileWorld) string { return strings.Replace(path, "{id}", itoa(id(w)), 1) },
		fields: []string{"version"},
		base: func(w *hostileWorld, _ int) url.Values {
			return url.Values{"version": {versionOf(w, ent(w), id(w))}}
		},
		stored: func(w *hostileWorld, _ string) (string, bool) {
			if _, ok := current(w, ent(w), id(w)); ok {
				return "live", true
			}
			return "in the trash", true
		},
	}
}

// restoreForm is the hostile case of a restore button: it posts no field of
// its own, so a stray one must be ignored. Each attempt first moves the
// record to the trash.
func restoreForm[T any](name, path string, ent func(*hostileWorld) *service.Entity[T], id func(*hostileWorld) int64) hostileForm {
	return hostileForm{
		name: name, method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return strings.Replace(path, "{id}", itoa(id(w)), 1) },
		fields: []string{"version"},
		base: func(w *hostileWorld, _ int) url.Values {
			if v, ok := current(w, ent(w), id(w)); ok {
				m := reflect.ValueOf(v).FieldByName("Meta").Interface().(kam.Meta)
				must(w.e, ent(w).Delete(w.e.ctx, service.ActorOf(w.repU), id(w), m.Version))
			}
			return url.Values{}
		},
		// The stray value is ignored, so every attempt restores the record,
		// unless it is no text at all (NUL, invalid UTF-8): then the edge
		// refuses the whole form and nothing is restored.
		check: func(w *hostileWorld, r *response) string {
			_, ok := current(w, ent(w), id(w))
			if r.Code == http.StatusUnprocessableEntity && !ok && strings.Contains(r.Body, "version") {
				return ""
			}
			if r.Code != http.StatusSeeOther || !ok {
				return fmt.Sprintf("answered %d, live %v; want 303 and the record restored", r.Code, ok)
			}
			return ""
		},
	}
}

// formValues are a form's values with its version, as a page posts them.
func formValues(f *Form) url.Values {
	v := url.Values{}
	for k, vs := range f.Values {
		v[k] = append([]string(nil), vs...)
	}
	v.Set("version", itoa(f.Version))
	return v
}

// recordHostileForms are the edit, small and delete forms of the records
// of the workbench.
var recordHostileForms = []hostileForm{
	{
		name: "edit contact", method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return contactURL(w.recs().ct.ID) },
		viewAt: func(w *hostileWorld) string { return contactURL(w.recs().ct.ID) },
		fields: []string{"name", "title", "org_unit_id", "seniority", "reports_to_id", "status", "status_date", "in_post_since",
			"email", "phone", "personal_notes", "version"},
		base: func(w *hostileWorld, _ int) url.Values {
			x, _ := current(w, w.e.svc.Contacts, w.recs().ct.ID)
			return formValues(contactForm("", x))
		},
		stored: func(w *hostileWorld, field string) (string, bool) {
			x, _ := current(w, w.e.svc.Contacts, w.recs().ct.ID)
			switch field {
			case "name":
				return x.Name, true
			case "title":
				return x.Title, true
			case "email":
				return x.Email, true
			case "phone":
				return x.Phone, true
			case "personal_notes":
				return x.PersonalNotes, true
			}
			return "", false
		},
	},
	{
		name: "contact link", method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return contactURL(w.recs().ct.ID) + "/links" },
		viewAt: func(w *hostileWorld) string { return contactURL(w.recs().ct.ID) },
		fields: []string{"to_contact_id", "kind"},
		base: func(w *hostileWorld, _ int) url.Values {
			return url.Values{"to_contact_id": {itoa(w.more().peer.ID)}, "kind": {string(kam.LinkConflictsWith)}}
		},
	},
	{
		name: "account relation", method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return acctURL(w.recs().acct.ID) + "/relations" },
		viewAt: func(w *hostileWorld) string { return acctURL(w.recs().acct.ID) },
		fields: []string{"to_account_id", "kind"},
		base: func(w *hostileWorld, _ int) url.Values {
			return url.Values{"to_account_id": {itoa(w.more().peerAcct.ID)}, "kind": {string(kam.RelationCustomer)}}
		},
	},
	{
		name: "share", method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return acctURL(w.recs().acct.ID) + "/shares" },
		viewAt: func(w *hostileWorld) string { return acctURL(w.recs().acct.ID) },
		fields: []string{"team_id", "access"},
		base: func(w *hostileWorld, _ int) url.Values {
			return url.Values{"team_id": {itoa(w.more().shareTeam.ID)}, "access": {string(kam.ShareRead)}}
		},
		stored: func(w *hostileWorld, field string) (string, bool) {
			shares, err := w.e.svc.Shares(w.e.ctx, kam.System, w.recs().acct.ID)
			must(w.e, err)
			for _, sh := range shares {
				if sh.TeamID == w.more().shareTeam.ID {
					return string(sh.Access), field == "access"
				}
			}
			return "", field == "access"
		},
	},
	{
		name: "unshare", method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return acctURL(w.recs().acct.ID) + "/unshare" },
		viewAt: func(w *hostileWorld) string { return acctURL(w.recs().acct.ID) },
		fields: []string{"team_id"},
		base: func(w *hostileWorld, _ int) url.Values {
			return url.Values{"team_id": {itoa(w.more().shareTeam.ID)}}
		},
	},
	{
		name: "unit update", method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return "/units/" + itoa(w.more().unit.ID) },
		viewAt: func(w *hostileWorld) string { return acctURL(w.recs().acct.ID) },
		fields: []string{"name", "parent_id", "version"},
		base: func(w *hostileWorld, _ int) url.Values {
			x, _ := current(w, w.e.svc.OrgUnits, w.more().unit.ID)
			return url.Values{"name": {x.Name}, "version": {itoa(x.Version)}}
		},
		stored: func(w *hostileWorld, field string) (string, bool) {
			x, _ := current(w, w.e.svc.OrgUnits, w.more().unit.ID)
			return x.Name, field == "name"
		},
	},
	{
		name: "create buyer", method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return oppURL(w.recs().opp.ID) + "/buyers" },
		viewAt: func(w *hostileWorld) string { return oppURL(w.recs().opp.ID) },
		fields: []string{"contact_id", "roles", "influence", "rating", "contact_level", "mode", "counterpart_id", "relationship_level",
			"personal_win", "business_result", "evidence", "vito"},
		base: func(w *hostileWorld, i int) url.Values {
			// A new contact each time: a contact is a buyer once per deal.
			ct, err := w.e.svc.Contacts.Create(w.e.ctx, service.ActorOf(w.repU), kam.Contact{AccountID: w.recs().acct.ID, Name: fmt.Sprintf("买方 %d", i)})
			must(w.e, err)
			return url.Values{"contact_id": {itoa(ct.ID)}, "roles": {string(kam.RoleUser)}}
		},
		stored: func(w *hostileWorld, field string) (string, bool) {
			bs, _, err := w.e.svc.BuyingInfluences.List(w.e.ctx, kam.System, store.BuyingInfluenceFilter{ListOptions: store.ListOptions{Limit: store.MaxLimit}, OpportunityID: w.recs().opp.ID})
			must(w.e, err)
			if len(bs) == 0 {
				return "", false
			}
			b := bs[len(bs)-1]
			switch field {
			case "personal_win":
				return b.PersonalWin, true
			case "business_result":
				return b.BusinessResult, true
			case "evidence":
				return b.Evidence, true
			}
			return "", false
		},
	},
	{
		name: "set mode", method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return "/influences/" + itoa(w.recs().buyer.ID) + "/mode" },
		viewAt: func(w *hostileWorld) string { return oppURL(w.recs().opp.ID) },
		fields: []string{"mode", "version"},
		base: func(w *hostileWorld, _ int) url.Values {
			return url.Values{"mode": {string(kam.ModeGrowth)}, "version": {itoa(w.buyerNow().Version)}}
		},
		stored: func(w *hostileWorld, field string) (string, bool) {
			return string(w.buyerNow().Mode), field == "mode"
		},
	},
	{
		name: "reopen flag", method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return oppURL(w.recs().opp.ID) + "/findings/reopen" },
		viewAt: func(w *hostileWorld) string { return oppURL(w.recs().opp.ID) },
		fields: []string{"accepted_id"},
		base: func(w *hostileWorld, _ int) url.Values {
			return url.Values{"accepted_id": {itoa(w.more().accepted)}}
		},
		stored: func(w *hostileWorld, _ string) (string, bool) {
			v, err := w.e.svc.Strategy(w.e.ctx, service.ActorOf(w.repU), w.recs().opp.ID)
			must(w.e, err)
			for _, acc := range v.Accepted {
				if acc.ID == w.more().accepted {
					return "accepted", true
				}
			}
			return "reopened", true
		},
		// A malformed acceptance id is answered like an unknown one.
		refusedWith: []int{http.StatusNotFound},
	},
	{
		name: "action update", method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return "/actions/" + itoa(w.more().action.ID) },
		viewAt: func(w *hostileWorld) string { return oppURL(w.recs().opp.ID) },
		fields: []string{"title", "owner_id", "due", "status", "target_influence_id", "participant_ids", "addresses_rules", "strength_id", "version"},
		base: func(w *hostileWorld, _ int) url.Values {
			x, _ := current(w, w.e.svc.Actions, w.more().action.ID)
			return formValues(actionForm("", x))
		},
		stored: func(w *hostileWorld, field string) (string, bool) {
			x, _ := current(w, w.e.svc.Actions, w.more().action.ID)
			switch field {
			case "title":
				return x.Title, true
			case "status":
				return string(x.Status), true
			}
			return "", false
		},
	},
	{
		name: "action status only", method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return "/actions/" + itoa(w.more().action.ID) },
		viewAt: func(w *hostileWorld) string { return oppURL(w.recs().opp.ID) },
		fields: []string{"status", "version"},
		base: func(w *hostileWorld, _ int) url.Values {
			return url.Values{"status_only": {"1"}, "status": {string(kam.ActionDone)}, "version": {versionOf(w, w.e.svc.Actions, w.more().action.ID)}}
		},
		stored: func(w *hostileWorld, field string) (string, bool) {
			x, _ := current(w, w.e.svc.Actions, w.more().action.ID)
			return string(x.Status), field == "status"
		},
	},
	{
		name: "interaction update", method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return "/interactions/" + itoa(w.more().interaction.ID) },
		viewAt: func(w *hostileWorld) string { return oppURL(w.recs().opp.ID) },
		fields: []string{"kind", "at", "objective", "outcome", "user_ids", "notes", "feedback_1", "version"},
		base: func(w *hostileWorld, _ int) url.Values {
			x, _ := current(w, w.e.svc.Interactions, w.more().interaction.ID)
			return formValues(interactionForm("", x))
		},
		stored: func(w *hostileWorld, field string) (string, bool) {
			x, _ := current(w, w.e.svc.Interactions, w.more().interaction.ID)
			switch field {
			case "objective":
				return x.Objective, true
			case "notes":
				return x.Notes, true
			}
			return "", false
		},
	},
	{
		name: "criterion update", method: "POST", as: asAdmin, view: "/criteria",
		path:   func(w *hostileWorld) string { return "/criteria/" + itoa(w.more().crit.ID) },
		fields: []string{"name", "kind", "weight", "version"},
		base: func(w *hostileWorld, _ int) url.Values {
			x, _ := current(w, w.e.svc.Criteria, w.more().crit.ID)
			return formValues(criterionForm("", x))
		},
		stored: func(w *hostileWorld, field string) (string, bool) {
			x, _ := current(w, w.e.svc.Criteria, w.more().crit.ID)
			switch field {
			case "name":
				return x.Name, true
			case "kind":
				return string(x.Kind), true
			}
			return "", false
		},
	},
	{
		name: "disable user", method: "POST", as: asAdmin,
		path:   func(w *hostileWorld) string { return "/admin/users/" + itoa(w.repU.ID) + "/disable" },
		fields: []string{"version"},
		base:   func(w *hostileWorld, _ int) url.Values { return url.Values{"version": {w.version(w.repU.ID)}} },
		// No hostile value is a version: the rep stays enabled.
		stored: func(w *hostileWorld, _ string) (string, bool) {
			return fmt.Sprint(w.e.getUser(w.repU.ID).Disabled), true
		},
	},
	deleteForm("delete account", asRep, func(w *hostileWorld) *service.Entity[kam.Account] { return w.e.svc.Accounts },
		"/accounts/{id}/delete", func(w *hostileWorld) int64 { return w.recs().acct.ID }),
	deleteForm("delete unit", asRep, func(w *hostileWorld) *service.Entity[kam.OrgUnit] { return w.e.svc.OrgUnits },
		"/units/{id}/delete", func(w *hostileWorld) int64 { return w.more().unit.ID }),
	deleteForm("delete relation", asRep, func(w *hostileWorld) *service.Entity[kam.AccountRelation] { return w.e.svc.AccountRelations },
		"/relations/{id}/delete", func(w *hostileWorld) int64 { return w.more().relation.ID }),
	deleteForm("delete contact", asRep, func(w *hostileWorld) *service.Entity[kam.Contact] { return w.e.svc.Contacts },
		"/contacts/{id}/delete", func(w *hostileWorld) int64 { return w.recs().ct.ID }),
	deleteForm("delete link", asRep, func(w *hostileWorld) *service.Entity[kam.ContactLink] { return w.e.svc.ContactLinks },
		"/links/{id}/delete", func(w *hostileWorld) int64 { return w.more().link.ID }),
	deleteForm("delete opportunity", asRep, func(w *hostileWorld) *service.Entity[kam.Opportunity] { return w.e.svc.Opportunities },
		"/opportunities/{id}/delete", func(w *hostileWorld) int64 { return w.recs().opp.ID }),
	deleteForm("delete buyer", asRep, func(w *hostileWorld) *service.Entity[kam.BuyingInfluence] { return w.e.svc.BuyingInfluences },
		"/influences/{id}/delete", func(w *hostileWorld) int64 { return w.recs().buyer.ID }),
	deleteForm("delete SWOT item", asRep, func(w *hostileWorld) *service.Entity[kam.SWOTItem] { return w.e.svc.SWOTItems },
		"/swot/{id}/delete", func(w *hostileWorld) int64 { return w.more().swot.ID }),
	deleteForm("delete action", asRep, func(w *hostileWorld) *service.Entity[kam.Action] { return w.e.svc.Actions },
		"/actions/{id}/delete", func(w *hostileWorld) int64 { return w.more().action.ID }),
	deleteForm("delete interaction", asRep, func(w *hostileWorld) *service.Entity[kam.Interaction] { return w.e.svc.Interactions },
		"/interactions/{id}/delete", func(w *hostileWorld) int64 { return w.more().interaction.ID }),
	deleteForm("delete quota", asAdmin, func(w *hostileWorld) *service.Entity[kam.Quota] { return w.e.svc.Quotas },
		"/quotas/{id}/delete", func(w *hostileWorld) int64 { return w.more().quota.ID }),
	deleteForm("delete criterion", asAdmin, func(w *hostileWorld) *service.Entity[kam.Criterion] { return w.e.svc.Criteria },
		"/criteria/{id}/delete", func(w *hostileWorld) int64 { return w.more().crit.ID }),
	restoreForm("restore account", "/trash/accounts/{id}/restore",
		func(w *hostileWorld) *service.Entity[kam.Account] { return w.e.svc.Accounts }, func(w *hostileWorld) int64 { return w.more().trashAcct.ID }),
	restoreForm("restore contact", "/trash/contacts/{id}/restore",
		func(w *hostileWorld) *service.Entity[kam.Contact] { return w.e.svc.Contacts }, func(w *hostileWorld) int64 { return w.more().trashCt.ID }),
	restoreForm("restore opportunity", "/trash/opportunities/{id}/restore",
		func(w *hostileWorld) *service.Entity[kam.Opportunity] { return w.e.svc.Opportunities }, func(w *hostileWorld) int64 { return w.more().trashOpp.ID }),
}

func init() { hostileForms = append(hostileForms, recordHostileForms...) }
