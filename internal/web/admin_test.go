package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"kam/internal/kam"
	"kam/internal/store"
)

func TestAdminPagesAreNotFoundForOthers(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	team := e.team("East")
	mgr := e.user("mgr@example.com", "Manager", kam.RoleManager, team.ID, false)
	rep := e.user("rep@example.com", "Rep", kam.RoleRep, team.ID, false)
	for _, u := range []kam.User{mgr, rep} {
		c := e.signedIn(u)
		for _, rt := range e.app.routes {
			if rt.Access != AdminOnly {
				continue
			}
			path := fillPath(rt.Path, map[string]string{"id": strconv.FormatInt(rep.ID, 10)})
			var r *response
			if rt.Method == "GET" {
				r = c.get(path)
			} else {
				r = c.post(path, url.Values{"name": {"x"}, "version": {"1"}})
			}
			if r.Code != http.StatusNotFound {
				t.Errorf("%s %s as %s: %d, want 404", rt.Method, path, u.Role, r.Code)
			}
		}
		if strings.Contains(c.get("/account").Body, `href="/admin/users"`) {
			t.Errorf("the %s sees the Admin menu", u.Role)
		}
	}
}

var tempPassword = regexp.MustCompile(`<code class="copy">([^<]+)</code>`)

func TestAdminInvitesUser(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	team := e.team("North")
	admin := e.signedIn(e.admin)

	r := admin.get("/admin/users/new")
	mustStatus(t, r, http.StatusOK)
	r = admin.post("/admin/users", url.Values{"email": {"not an email"}, "name": {""}, "role": {"rep"}, "locale": {"en"}, "team_id": {"0"}})
	mustStatus(t, r, http.StatusUnprocessableEntity)
	mustContain(t, r, `id="f-email-error"`, `id="f-name-error"`, `aria-invalid="true"`, `value="not an email"`)

	r = admin.post("/admin/users", url.Values{"email": {"Wei.Zhang@Example.com"}, "name": {"张伟"}, "role": {"manager"},
		"locale": {"zh-CN"}, "team_id": {strconv.FormatInt(team.ID, 10)}})
	mustStatus(t, r, http.StatusCreated)
	m := tempPassword.FindStringSubmatch(r.Body)
	if m == nil {
		t.Fatalf("no temporary password shown\n%s", r.Body)
	}
	users, _, err := e.svc.Users.List(e.ctx, kam.System, store.UserFilter{Query: "wei.zhang"})
	if err != nil || len(users) != 1 {
		t.Fatalf("invited user not found: %v %v", users, err)
	}
	u := users[0]
	if u.Role != kam.RoleManager || u.TeamID != team.ID || u.Locale != kam.LocaleZH || !u.MustChangePassword {
		t.Errorf("invited user = %+v", u)
	}
	// The page that lists users does not show the password again.
	if strings.Contains(admin.get("/admin/users/"+strconv.FormatInt(u.ID, 10)).Body, m[1]) {
		t.Error("the temporary password is shown again")
	}
	c := e.client()
	r = c.do("POST", "/signin", url.Values{"email": {u.Email}, "password": {m[1]}})
	mustStatus(t, r, http.StatusSeeOther)
	if r.Location() != "/password" {
		t.Errorf("invited user sent to %q, want /password", r.Location())
	}
}

func TestAdminManagesUser(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	east, west := e.team("East"), e.team("West")
	rep := e.user("rep@example.com", "Rep", kam.RoleRep, east.ID, false)
	admin := e.signedIn(e.admin)
	repBrowser := e.signedIn(rep)
	path := "/admin/users/" + strconv.FormatInt(rep.ID, 10)

	t.Run("role and team change", func(t *testing.T) {
		u := e.getUser(rep.ID)
		r := admin.post(path, url.Values{"version": {itoa(u.Version)}, "email": {u.Email}, "name": {"Rep Renamed"},
			"role": {"manager"}, "team_id": {itoa(west.ID)}, "locale": {"en"}})
		mustStatus(t, r, http.StatusSeeOther)
		u = e.getUser(rep.ID)
		if u.Role != kam.RoleManager || u.TeamID != west.ID || u.Name != "Rep Renamed" {
			t.Errorf("after edit: %+v", u)
		}
		mustContain(t, admin.get(path), "Saved.")
	})
	t.Run("a stale version shows the conflict and keeps the values", func(t *testing.T) {
		u := e.getUser(rep.ID)
		r := admin.post(path, url.Values{"version": {itoa(u.Version - 1)}, "email": {u.Email}, "name": {"My stale edit"},
			"role": {"rep"}, "team_id": {itoa(east.ID)}, "locale": {"en"}})
		mustStatus(t, r, http.StatusConflict)
		mustContain(t, r, `class="conflict"`, "Rep Renamed", `value="My stale edit"`, `name="version" value="`+itoa(u.Version)+`"`)
		if e.getUser(rep.ID).Name != "Rep Renamed" {
			t.Error("a stale edit was written")
		}
		// Re-applying with the new version works.
		r = admin.post(path, url.Values{"version": {itoa(u.Version)}, "email": {u.Email}, "name": {"My stale edit"},
			"role": {"rep"}, "team_id": {itoa(east.ID)}, "locale": {"en"}})
		mustStatus(t, r, http.StatusSeeOther)
		if e.getUser(rep.ID).Name != "My stale edit" {
			t.Error("re-applied edit not written")
		}
	})
	t.Run("an unknown team is a field error", func(t *testing.T) {
		u := e.getUser(rep.ID)
		r := admin.post(path, url.Values{"version": {itoa(u.Version)}, "email": {u.Email}, "name": {u.Name},
			"role": {"rep"}, "team_id": {"9999"}, "locale": {"en"}})
		mustStatus(t, r, http.StatusUnprocessableEntity)
		mustContain(t, r, `id="f-team_id-error"`)
	})
	t.Run("admins cannot disable themselves", func(t *testing.T) {
		a := e.getUser(e.admin.ID)
		r := admin.post("/admin/users/"+itoa(a.ID)+"/disable", url.Values{"version": {itoa(a.Version)}})
		if r.Code == http.StatusSeeOther || e.getUser(a.ID).Disabled {
			t.Fatalf("admin disabled themself: %d", r.Code)
		}
	})
	t.Run("disable signs the user out, enable lets them back", func(t *testing.T) {
		mustStatus(t, repBrowser.get("/account"), http.StatusOK)
		u := e.getUser(rep.ID)
		mustStatus(t, admin.post(path+"/disable", url.Values{"version": {itoa(u.Version)}}), http.StatusSeeOther)
		if !e.getUser(rep.ID).Disabled {
			t.Fatal("not disabled")
		}
		if r := repBrowser.get("/account"); r.Code != http.StatusSeeOther {
			t.Errorf("disabled user still in: %d", r.Code)
		}
		u = e.getUser(rep.ID)
		mustStatus(t, admin.post(path+"/enable", url.Values{"version": {itoa(u.Version)}}), http.StatusSeeOther)
		if e.getUser(rep.ID).Disabled {
			t.Fatal("not enabled")
		}
		repBrowser = e.signedIn(rep)
	})
	t.Run("temporary password ends sessions and must be changed", func(t *testing.T) {
		r := admin.post(path+"/password", nil)
		mustStatus(t, r, http.StatusOK)
		m := tempPassword.FindStringSubmatch(r.Body)
		if m == nil {
			t.Fatal("no temporary password shown")
		}
		if r := repBrowser.get("/account"); r.Code != http.StatusSeeOther {
			t.Errorf("old session survived a password reset: %d", r.Code)
		}
		if !e.getUser(rep.ID).MustChangePassword {
			t.Error("must-change not set")
		}
		c := e.client()
		r = c.do("POST", "/signin", url.Values{"email": {rep.Email}, "password": {m[1]}})
		if r.Code != http.StatusSeeOther || r.Location() != "/password" {
			t.Errorf("sign-in with temporary password: %d %q", r.Code, r.Location())
		}
	})
}

func TestAdminTeams(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	mgr := e.user("mgr@example.com", "Mona Manager", kam.RoleManager, 0, false)
	admin := e.signedIn(e.admin)

	r := admin.post("/admin/teams", url.Values{"name": {"  "}, "manager_id": {"0"}})
	mustStatus(t, r, http.StatusUnprocessableEntity)
	mustContain(t, r, `id="f-name-error"`)

	r = admin.post("/admin/teams", url.Values{"name": {"华东大客户部"}, "manager_id": {itoa(mgr.ID)}})
	mustStatus(t, r, http.StatusSeeOther)
	teams, _, err := e.svc.Teams.List(e.ctx, kam.System, store.TeamFilter{})
	if err != nil || len(teams) != 1 || teams[0].Name != "华东大客户部" || teams[0].ManagerID != mgr.ID {
		t.Fatalf("teams = %+v, %v", teams, err)
	}
	tm := teams[0]
	mustContain(t, admin.get("/admin/teams"), "华东大客户部", "Mona Manager")

	r = admin.post("/admin/teams/"+itoa(tm.ID), url.Values{"version": {itoa(tm.Version)}, "name": {"East"}, "manager_id": {"0"}})
	mustStatus(t, r, http.StatusSeeOther)
	got, _ := e.svc.Teams.Get(e.ctx, kam.System, tm.ID)
	if got.Name != "East" || got.ManagerID != 0 {
		t.Errorf("after edit: %+v", got)
	}
	r = admin.post("/admin/teams/"+itoa(tm.ID), url.Values{"version": {itoa(tm.Version)}, "name": {"Stale"}, "manager_id": {"0"}})
	mustStatus(t, r, http.StatusConflict)
	mustContain(t, r, `value="Stale"`)
	r = admin.post("/admin/teams/"+itoa(tm.ID), url.Values{"version": {itoa(got.Version)}, "name": {"East"}, "manager_id": {"12345"}})
	mustStatus(t, r, http.StatusUnprocessableEntity)
	mustContain(t, r, `id="f-manager_id-error"`)
}

func TestTokens(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rep := e.user("rep@example.com", "Rep", kam.RoleRep, 0, false)
	c := e.signedIn(rep)

	r := c.post("/account/tokens", url.Values{"name": {"CRM sync"}})
	mustStatus(t, r, http.StatusCreated)
	m := tempPassword.FindStringSubmatch(r.Body)
	if m == nil || !strings.HasPrefix(m[1], "kam_") {
		t.Fatalf("no token secret shown\n%s", r.Body)
	}
	u, err := e.svc.UserForToken(e.ctx, m[1])
	if err != nil || u.ID != rep.ID {
		t.Fatalf("the shown secret does not authenticate: %v", err)
	}
	page := c.get("/account")
	mustContain(t, page, "CRM sync", "2026-03-02 09:00") // last used just now, in the rep's zone (UTC)
	if strings.Contains(page.Body, m[1]) {
		t.Error("the secret is shown again")
	}
	toks, _ := e.svc.ListTokens(e.ctx, kam.System, rep.ID)
	if len(toks) != 1 {
		t.Fatalf("tokens: %+v", toks)
	}

	// Another user cannot revoke it; the admin sees it and can.
	other := e.signedIn(e.user("other@example.com", "Other", kam.RoleRep, 0, false))
	mustStatus(t, other.post("/account/tokens/"+itoa(toks[0].ID)+"/revoke", nil), http.StatusNotFound)
	admin := e.signedIn(e.admin)
	mustContain(t, admin.get("/admin/tokens"), "CRM sync", rep.Email)

	mustStatus(t, c.post("/account/tokens/"+itoa(toks[0].ID)+"/revoke", nil), http.StatusSeeOther)
	if _, err := e.svc.UserForToken(e.ctx, m[1]); err == nil {
		t.Error("revoked token still works")
	}
	mustContain(t, c.get("/account"), "Revoked")

	// Admin revokes someone else's token.
	secret, tok, err := e.svc.CreateToken(e.ctx, kam.System, rep.ID, "second")
	if err != nil {
		t.Fatal(err)
	}
	mustStatus(t, admin.post("/admin/tokens/"+itoa(tok.ID)+"/revoke", nil), http.StatusSeeOther)
	if _, err := e.svc.UserForToken(e.ctx, secret); err == nil {
		t.Error("token revoked by the admin still works")
	}
}

func TestAuditLog(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rep := e.user("rep@example.com", "Rep", kam.RoleRep, 0, false)
	e.clock.Advance(48 * time.Hour)
	tm := e.team("Audit team")
	admin := e.signedIn(e.admin)
	u := e.getUser(rep.ID)
	mustStatus(t, admin.post("/admin/users/"+itoa(rep.ID), url.Values{"version": {itoa(u.Version)}, "email": {u.Email},
		"name": {"Rep Audited"}, "role": {"rep"}, "team_id": {itoa(tm.ID)}, "locale": {"en"}}), http.StatusSeeOther)
	// Each change reads as a sentence: who, what, which record; an update
	// lists each field by its name with its values.
	teamMade := `created</span> team「<span class="audit-subject">Audit team</span>」`
	repMade := `created</span> user「<span class="audit-subject">Rep</span>」`
	renamed := `<span class="audit-field">Name</span> <del>Rep</del> → <ins>Rep Audited</ins>`

	tests := []struct {
		name      string
		query     string
		want      []string
		wantNot   []string
		wantError string
	}{
		{name: "all changes", query: "", want: []string{renamed, teamMade}},
		{name: "by record", query: "entity=user&entity_id=" + itoa(rep.ID), want: []string{renamed, repMade}, wantNot: []string{teamMade}},
		{name: "by kind", query: "entity=team", want: []string{teamMade}, wantNot: []string{renamed}},
		{name: "by user", query: "user_id=" + itoa(e.admin.ID), want: []string{renamed}, wantNot: []string{teamMade}},
		{name: "by date range", query: "until=2026-03-02", want: []string{repMade}, wantNot: []string{teamMade, renamed}},
		{name: "bad date is a field error", query: "since=yesterday", wantError: `id="f-since-error"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := admin.get("/admin/audit?" + tc.query)
			if tc.wantError != "" {
				mustStatus(t, r, http.StatusUnprocessableEntity)
				mustContain(t, r, tc.wantError)
				return
			}
			mustStatus(t, r, http.StatusOK)
			mustContain(t, r, tc.want...)
			for _, s := range tc.wantNot {
				if strings.Contains(r.Body, s) {
					t.Errorf("filter %q shows %q", tc.query, s)
				}
			}
		})
	}
}

func TestAuditPaging(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for i := range 55 {
		e.team("Team " + itoa(int64(i)))
	}
	admin := e.signedIn(e.admin)
	// Twenty changes a page, newest first, each older page going on
	// where the last stopped.
	var pages []string
	next := "/admin/audit?entity=team"
	for next != "" && len(pages) < 10 {
		r := admin.get(next)
		mustStatus(t, r, http.StatusOK)
		pages = append(pages, r.Body)
		next = ""
		if older := regexp.MustCompile(`<a href="(/admin/audit\?[^"]+)">Older changes</a>`).FindStringSubmatch(r.Body); older != nil {
			next = strings.ReplaceAll(older[1], "&amp;", "&")
		}
	}
	if len(pages) != 3 {
		t.Fatalf("55 changes on %d pages, want 3", len(pages))
	}
	seen := map[string]int{}
	for i, p := range pages {
		n := strings.Count(p, `<li class="audit-change">`)
		if want := []int{20, 20, 15}[i]; n != want {
			t.Errorf("page %d lists %d changes, want %d", i+1, n, want)
		}
		for _, m := range regexp.MustCompile(`audit-subject">(Team \d+)<`).FindAllStringSubmatch(p, -1) {
			seen[m[1]]++
		}
	}
	if !strings.Contains(pages[0], `audit-subject">Team 54<`) || !strings.Contains(pages[2], `audit-subject">Team 0<`) || len(seen) != 55 {
		t.Errorf("the pages do not hold every team once, newest first: %v", seen)
	}
	for name, n := range seen {
		if n != 1 {
			t.Errorf("%s is on %d pages", name, n)
		}
	}
}

func TestRecordHistory(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.team("A"), e.team("B")
	owner := e.user("a@example.com", "Owner A", kam.RoleRep, a.ID, false)
	outsider := e.user("b@example.com", "Outsider B", kam.RoleRep, b.ID, false)
	acct, err := e.svc.Accounts.Create(e.ctx, service_actor(owner), kam.Account{Name: "客户甲", OwnerID: owner.ID})
	if err != nil {
		t.Fatal(err)
	}
	path := "/audit/account/" + itoa(acct.ID)
	if _, err := e.svc.Accounts.Update(e.ctx, service_actor(owner), acct.ID, acct.Version, func(x *kam.Account) error { x.Name = "客户乙"; return nil }); err != nil {
		t.Fatal(err)
	}
	r := e.signedIn(owner).get(path)
	mustContain(t, r, "客户甲", "客户乙")
	if !strings.Contains(r.Body, `<span class="audit-verb">created</span>`) && !strings.Contains(r.Body, `<span class="audit-verb">创建</span>`) {
		t.Errorf("the history does not name the action by its label:\n%s", r.Body)
	}
	// The changed fields are named as the forms name them, not by JSON key.
	name, _ := kam.FieldOf("account", "name")
	if strings.Contains(r.Body, `>name<`) ||
		!strings.Contains(r.Body, `<span class="audit-field">`+name.EN+`</span>`) && !strings.Contains(r.Body, `<span class="audit-field">`+name.ZH+`</span>`) {
		t.Errorf("the history does not name the name field by its label:\n%s", r.Body)
	}
	mustStatus(t, e.signedIn(outsider).get(path), http.StatusNotFound)
	mustStatus(t, e.signedIn(outsider).get("/audit/user/"+itoa(owner.ID)), http.StatusNotFound)
	mustStatus(t, e.signedIn(e.admin).get(path), http.StatusOK)
}
