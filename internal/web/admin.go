package web

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"kam/internal/auth"
	"kam/internal/kam"
	"kam/internal/store"
)

func (a *app) adminRoutes() []route {
	users, teams := a.userRecords(), a.teamRecords()
	return []route{
		{Method: "GET", Path: "/admin/users", Access: AdminOnly, Handle: a.adminUsers},
		{Method: "GET", Path: "/admin/users/new", Access: AdminOnly, Handle: a.adminNewUser},
		{Method: "POST", Path: "/admin/users", Access: AdminOnly, Handle: a.adminInvite},
		{Method: "GET", Path: "/admin/users/{id}", Access: AdminOnly, Entity: "user", Handle: users.editPage},
		{Method: "POST", Path: "/admin/users/{id}", Access: AdminOnly, Entity: "user", Handle: users.update},
		{Method: "POST", Path: "/admin/users/{id}/disable", Access: AdminOnly, Entity: "user", Handle: a.adminSetDisabled(true)},
		{Method: "POST", Path: "/admin/users/{id}/enable", Access: AdminOnly, Entity: "user", Handle: a.adminSetDisabled(false)},
		{Method: "POST", Path: "/admin/users/{id}/password", Access: AdminOnly, Entity: "user", Handle: a.adminTempPassword},
		{Method: "GET", Path: "/admin/teams", Access: AdminOnly, Handle: a.adminTeams},
		{Method: "POST", Path: "/admin/teams", Access: AdminOnly, Handle: teams.create},
		{Method: "GET", Path: "/admin/teams/{id}", Access: AdminOnly, Entity: "team", Handle: teams.editPage},
		{Method: "POST", Path: "/admin/teams/{id}", Access: AdminOnly, Entity: "team", Handle: teams.update},
		{Method: "GET", Path: "/admin/tokens", Access: AdminOnly, Handle: a.adminTokens},
		{Method: "POST", Path: "/admin/tokens/{id}/revoke", Access: AdminOnly, Entity: "api_token", Handle: a.adminRevokeToken},
		{Method: "GET", Path: "/admin/audit", Access: AdminOnly, Handle: a.adminAudit},
	}
}

// adminPage renders an admin page in the Admin section.
func (a *app) adminPage(w http.ResponseWriter, r *http.Request, c *call, status int, name string, data any) error {
	return a.renderPage(w, r, c, status, name, &Page{Section: "admin", Data: data})
}

// allUsers lists every user, for names and pickers. A company has at most a
// few thousand users, read in pages of 500.
func (a *app) allUsers(ctx context.Context, c *call) ([]kam.User, map[int64]kam.User, error) {
	all, err := listAll(ctx, a.svc.Users, c.Actor, store.UserFilter{}, math.MaxInt)
	if err != nil {
		return nil, nil, err
	}
	return all, byID(all, func(u kam.User) int64 { return u.ID }), nil
}

// allTeams lists every team, for names and pickers; like users, a company
// has few enough to read them all.
func (a *app) allTeams(ctx context.Context, c *call) ([]kam.Team, map[int64]kam.Team, error) {
	all, err := listAll(ctx, a.svc.Teams, c.Actor, store.TeamFilter{}, math.MaxInt)
	if err != nil {
		return nil, nil, err
	}
	return all, byID(all, func(t kam.Team) int64 { return t.ID }), nil
}

// byID indexes records by their id.
func byID[T any](all []T, id func(T) int64) map[int64]T {
	m := make(map[int64]T, len(all))
	for _, x := range all {
		m[id(x)] = x
	}
	return m
}

// --- users ---

type usersData struct {
	Users  []kam.User
	Teams  map[int64]kam.Team
	Search *Form
	Query  string
	Next   int64
}

func (a *app) adminUsers(w http.ResponseWriter, r *http.Request, c *call) error {
	q := r.URL.Query()
	after, _ := strconv.ParseInt(q.Get("after"), 10, 64)
	query := q.Get("q")
	search := newForm("/admin/users")
	search.Set("q", query)
	// A search is a substring match; longer than a name, it cannot match.
	if !validText(query) || utf8.RuneCountInString(query) > kam.MaxName {
		search.Errors["q"] = kam.T(fmt.Sprintf("must be valid text of at most %d characters", kam.MaxName),
			fmt.Sprintf("须为不超过 %d 个字符的有效文本", kam.MaxName))
		query = ""
	}
	users, next, err := a.svc.Users.List(r.Context(), c.Actor, store.UserFilter{ListOptions: store.ListOptions{After: after, Limit: 100}, Query: query})
	if err != nil {
		return err
	}
	_, teams, err := a.allTeams(r.Context(), c)
	if err != nil {
		return err
	}
	return a.adminPage(w, r, c, search.Status(), "admin_users", usersData{Users: users, Teams: teams, Search: search, Query: query, Next: next})
}

type userFormData struct {
	Form    *Form
	User    kam.User // the user edited; zero when inviting
	Teams   []option
	Roles   []kam.Role
	Locales []kam.Locale
	Zones   []option // time zones, blank first: the language's default
	// TempPassword is shown once, after an invitation or a reset.
	TempPassword string
}

// teamOptions lists the teams for a select, with "no team" first.
func (a *app) teamOptions(ctx context.Context, c *call) ([]option, error) {
	teams, _, err := a.allTeams(ctx, c)
	if err != nil {
		return nil, err
	}
	opts := []option{{Value: "0", Label: msg(c.Locale, "team.none")}}
	for _, t := range teams {
		opts = append(opts, option{Value: strconv.FormatInt(t.ID, 10), Label: t.Name})
	}
	return opts, nil
}

func (a *app) userForm(ctx context.Context, c *call, f *Form, u kam.User, temp string) (userFormData, error) {
	teams, err := a.teamOptions(ctx, c)
	l := c.Locale
	f.Conflict.labelled(l, []spec{
		{Name: "email", Label: "f.email", Kind: "email"},
		{Name: "name", Label: "f.name", Kind: "text"},
		{Name: "role", Label: "f.role", Kind: "select", Opts: optionsOf(l, kam.Roles)},
		{Name: "team_id", Label: "f.team", Kind: "select", Opts: teams},
		{Name: "locale", Label: "f.locale", Kind: "select", Opts: optionsOf(l, kam.Locales)},
	})
	return userFormData{Form: f, User: u, Teams: teams, Roles: kam.Roles, Locales: kam.Locales, TempPassword: temp,
		Zones: withBlank(zoneOptions(u.TimeZone, a.now()))}, err
}

func (a *app) adminNewUser(w http.ResponseWriter, r *http.Request, c *call) error {
	f := newForm("/admin/users")
	f.Set("role", string(kam.RoleRep))
	f.Set("locale", string(c.Locale))
	d, err := a.userForm(r.Context(), c, f, kam.User{}, "")
	if err != nil {
		return err
	}
	return a.adminPage(w, r, c, http.StatusOK, "admin_user_new", d)
}

// userFromForm reads the fields an admin edits.
func userFromForm(f *Form, u *kam.User) {
	u.Email = f.Get("email")
	u.Name = f.Get("name")
	u.Role = kam.Role(f.Get("role"))
	u.Locale = kam.Locale(f.Get("locale"))
	u.TeamID = f.Int64("team_id")
	// Blank keeps the user's zone (a new user: their language's default).
	if z := f.Get("time_zone"); z != "" {
		u.TimeZone = z
	}
}

// newTempPassword is a random first password: 16 characters of a 256-bit
// secret, about 96 bits, longer than auth.MinPasswordLen.
func newTempPassword() string { return auth.NewSecret()[:16] }

// adminInvite creates a user with a temporary password, shown once; the user
// must change it at first sign-in.
func (a *app) adminInvite(w http.ResponseWriter, r *http.Request, c *call) error {
	f, err := formFrom(r, "/admin/users")
	if err != nil {
		return err
	}
	var u kam.User
	userFromForm(f, &u)
	f.Also(a.svc.Users.Check(r.Context(), c.Actor, nil, u))
	if f.Invalid() {
		return a.renderUserForm(w, r, c, f, "admin_user_new", kam.User{})
	}
	pw := newTempPassword()
	created, err := a.svc.CreateUser(r.Context(), c.Actor, u, pw, true)
	if err != nil {
		if f.Take(err) {
			return a.renderUserForm(w, r, c, f, "admin_user_new", kam.User{})
		}
		return err
	}
	d, err := a.userForm(r.Context(), c, userEditForm(created), created, pw)
	if err != nil {
		return err
	}
	return a.adminPage(w, r, c, http.StatusCreated, "admin_user", d)
}

func (a *app) renderUserForm(w http.ResponseWriter, r *http.Request, c *call, f *Form, page string, u kam.User) error {
	d, err := a.userForm(r.Context(), c, f, u, "")
	if err != nil {
		return err
	}
	return a.adminPage(w, r, c, f.Status(), page, d)
}

// userEditForm is the edit form of u, filled from the record.
func userEditForm(u kam.User) *Form {
	f := newForm("/admin/users/" + strconv.FormatInt(u.ID, 10))
	f.Set("email", u.Email)
	f.Set("name", u.Name)
	f.Set("role", string(u.Role))
	f.Set("locale", string(u.Locale))
	f.Set("team_id", strconv.FormatInt(u.TeamID, 10))
	f.Set("time_zone", u.TimeZone)
	f.Version = u.Version
	return f
}

func adminUserURL(id int64) string { return "/admin/users/" + itoa64(id) }

// userRecords are a user's edit page and update for administrators
// (inviting a user, which sets a password, is adminInvite).
func (a *app) userRecords() *record[kam.User] {
	return &record[kam.User]{a: a, entity: a.svc.Users, url: adminUserURL, read: userFromForm,
		form: func(_ string, u kam.User) *Form { return userEditForm(u) },
		page: func(w http.ResponseWriter, r *http.Request, c *call, f *Form, cur kam.User) error {
			return a.renderUserForm(w, r, c, f, "admin_user", cur)
		},
		saved: func(cur kam.User) string { return adminUserURL(cur.ID) },
	}
}

// adminSetDisabled disables or enables a user; a disabled user's sessions
// end at once.
func (a *app) adminSetDisabled(disabled bool) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, c *call) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		cur, err := a.svc.Users.Get(r.Context(), c.Actor, id)
		if err != nil {
			return err
		}
		version, err := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
		if err != nil {
			version = -1 // a stale form: answered as a conflict below
		}
		_, err = a.svc.Users.Update(r.Context(), c.Actor, id, version, func(u *kam.User) error {
			u.Disabled = disabled
			return nil
		})
		if err != nil {
			f := userEditForm(cur)
			if f.Take(err) {
				return a.renderUserForm(w, r, c, f, "admin_user", cur)
			}
			return err
		}
		if disabled {
			if err := a.sessions.EndAll(r.Context(), id); err != nil {
				return err
			}
			a.flash(w, r, "users.disabled_flash")
		} else {
			a.flash(w, r, "users.enabled_flash")
		}
		return seeOther(w, r, "/admin/users/"+strconv.FormatInt(id, 10))
	}
}

// adminTempPassword sets a new temporary password, shows it once, and ends
// the user's sessions (the service does).
func (a *app) adminTempPassword(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	u, err := a.svc.Users.Get(r.Context(), c.Actor, id)
	if err != nil {
		return err
	}
	pw := newTempPassword()
	if err := a.svc.SetTemporaryPassword(r.Context(), c.Actor, id, pw); err != nil {
		return err
	}
	if u, err = a.svc.Users.Get(r.Context(), c.Actor, id); err != nil {
		return err
	}
	d, err := a.userForm(r.Context(), c, userEditForm(u), u, pw)
	if err != nil {
		return err
	}
	return a.adminPage(w, r, c, http.StatusOK, "admin_user", d)
}

// --- teams ---

type teamsData struct {
	Teams []kam.Team
	Users map[int64]kam.User
	Form  *Form
	// Managers are the choices for a team's manager.
	Managers []option
}

func (a *app) managerOptions(ctx context.Context, c *call) ([]option, map[int64]kam.User, error) {
	users, byID, err := a.allUsers(ctx, c)
	if err != nil {
		return nil, nil, err
	}
	opts := []option{{Value: "0", Label: msg(c.Locale, "team.no_manager")}}
	for _, u := range users {
		if !u.Disabled {
			opts = append(opts, option{Value: strconv.FormatInt(u.ID, 10), Label: u.Name + " <" + u.Email + ">"})
		}
	}
	return opts, byID, nil
}

func (a *app) adminTeams(w http.ResponseWriter, r *http.Request, c *call) error {
	return a.renderTeams(w, r, c, newForm("/admin/teams"))
}

func (a *app) renderTeams(w http.ResponseWriter, r *http.Request, c *call, f *Form) error {
	teams, _, err := a.allTeams(r.Context(), c)
	if err != nil {
		return err
	}
	managers, users, err := a.managerOptions(r.Context(), c)
	if err != nil {
		return err
	}
	return a.adminPage(w, r, c, f.Status(), "admin_teams", teamsData{Teams: teams, Users: users, Form: f, Managers: managers})
}

type teamData struct {
	Team     kam.Team
	Form     *Form
	Managers []option
	Members  []kam.User
}

func teamForm(t kam.Team) *Form {
	f := newForm("/admin/teams/" + strconv.FormatInt(t.ID, 10))
	f.Set("name", t.Name)
	f.Set("manager_id", strconv.FormatInt(t.ManagerID, 10))
	f.Version = t.Version
	return f
}

func adminTeamURL(id int64) string { return "/admin/teams/" + itoa64(id) }

// teamRecords create teams (on the teams page) and edit and update them
// (on a team's page).
func (a *app) teamRecords() *record[kam.Team] {
	return &record[kam.Team]{a: a, entity: a.svc.Teams, url: adminTeamURL, read: readTeam,
		form: func(_ string, t kam.Team) *Form { return teamForm(t) },
		page: func(w http.ResponseWriter, r *http.Request, c *call, f *Form, cur kam.Team) error {
			return a.renderTeam(w, r, c, cur, f)
		},
		saved:  func(cur kam.Team) string { return adminTeamURL(cur.ID) },
		newURL: fixedURL("/admin/teams"),
		newPage: func(w http.ResponseWriter, r *http.Request, c *call, f *Form, _ kam.Team) error {
			return a.renderTeams(w, r, c, f)
		},
		created: func(t kam.Team) string { return adminTeamURL(t.ID) },
	}
}

// readTeam reads a team's name and manager.
func readTeam(f *Form, t *kam.Team) { t.Name, t.ManagerID = f.Get("name"), f.Int64("manager_id") }

func (a *app) renderTeam(w http.ResponseWriter, r *http.Request, c *call, t kam.Team, f *Form) error {
	managers, _, err := a.managerOptions(r.Context(), c)
	if err != nil {
		return err
	}
	members, _, err := a.svc.Users.List(r.Context(), c.Actor, store.UserFilter{ListOptions: store.ListOptions{Limit: store.MaxLimit}, TeamID: t.ID})
	if err != nil {
		return err
	}
	f.Conflict.labelled(c.Locale, []spec{
		{Name: "name", Label: "f.team_name", Kind: "text"},
		{Name: "manager_id", Label: "f.manager", Kind: "select", Opts: managers},
	})
	return a.adminPage(w, r, c, f.Status(), "admin_team", teamData{Team: t, Form: f, Managers: managers, Members: members})
}

// --- API tokens ---

type adminTokensData struct {
	Tokens []kam.APIToken
	Users  map[int64]kam.User
}

func (a *app) adminTokens(w http.ResponseWriter, r *http.Request, c *call) error {
	toks, err := a.svc.ListTokens(r.Context(), c.Actor, -1)
	if err != nil {
		return err
	}
	_, users, err := a.allUsers(r.Context(), c)
	if err != nil {
		return err
	}
	return a.adminPage(w, r, c, http.StatusOK, "admin_tokens", adminTokensData{Tokens: toks, Users: users})
}

func (a *app) adminRevokeToken(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := a.svc.RevokeToken(r.Context(), c.Actor, id); err != nil {
		return err
	}
	a.flash(w, r, "tokens.revoked_flash")
	return seeOther(w, r, "/admin/tokens")
}

// trimmed returns the form value without surrounding spaces.
func trimmed(f *Form, name string) string { return strings.TrimSpace(f.Get(name)) }
