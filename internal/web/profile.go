package web

import (
	"net/http"
	"strings"

	"kam/internal/httpedge"
	"kam/internal/kam"
)

// profileRoutes are the signed-in user's own page, /account: their
// profile, signing out everywhere and their API tokens. (The customer
// accounts are accountRoutes.)
func (a *app) profileRoutes() []route {
	return []route{
		{Method: "GET", Path: "/account", Handle: a.profilePage},
		{Method: "POST", Path: "/account", Handle: a.updateProfile},
		{Method: "POST", Path: "/account/signout-all", Handle: a.signOutAll},
		{Method: "POST", Path: "/account/tokens", Handle: a.createOwnToken},
		{Method: "POST", Path: "/account/tokens/{id}/revoke", Entity: "api_token", Handle: a.revokeOwnToken},
	}
}

// profileData is the /account page.
type profileData struct {
	Profile   *Form
	TokenForm *Form
	Tokens    []kam.APIToken
	NewSecret string
	Locales   []kam.Locale
	// CalendarURL is a new calendar feed address, shown once.
	CalendarURL string
	Zones       []option
}

func (a *app) profileForm(u kam.User) *Form {
	f := newForm("/account")
	f.Set("name", u.Name)
	f.Set("locale", string(u.Locale))
	f.Set("time_zone", u.TimeZone)
	f.Version = u.Version
	return f
}

// profilePage renders /account.
func (a *app) profilePage(w http.ResponseWriter, r *http.Request, c *call) error {
	return a.renderProfile(w, r, c, http.StatusOK, nil, nil, "")
}

// renderProfile renders /account; profile or tokenForm may carry a refused
// form, and secret a token secret to show once.
func (a *app) renderProfile(w http.ResponseWriter, r *http.Request, c *call, status int, profile, tokenForm *Form, secret string) error {
	return a.renderProfileWith(w, r, c, status, profile, tokenForm, secret, "")
}

// renderProfileCalendar renders /account showing a new calendar address once.
func (a *app) renderProfileCalendar(w http.ResponseWriter, r *http.Request, c *call, calendarURL string) error {
	return a.renderProfileWith(w, r, c, http.StatusOK, nil, nil, "", calendarURL)
}

func (a *app) renderProfileWith(w http.ResponseWriter, r *http.Request, c *call, status int, profile, tokenForm *Form, secret, calendarURL string) error {
	toks, err := a.svc.ListTokens(r.Context(), c.Actor, 0)
	if err != nil {
		return err
	}
	if profile == nil {
		profile = a.profileForm(c.User)
	}
	if tokenForm == nil {
		tokenForm = newForm("/account/tokens")
	}
	tokenForm.Prefix = "token" // the profile form has a "name" too
	profile.Conflict.labelled(c.Locale, []spec{
		{Name: "name", Label: "f.name", Kind: "text"},
		{Name: "locale", Label: "f.locale", Kind: "select", Opts: optionsOf(c.Locale, kam.Locales)},
		{Name: "time_zone", Label: "f.time_zone", Kind: "text"},
	})
	return a.renderPage(w, r, c, status, "profile", &Page{Section: "profile", Data: profileData{
		Profile: profile, TokenForm: tokenForm, Tokens: toks, NewSecret: secret, Locales: kam.Locales,
		CalendarURL: calendarURL,
		Zones:       zoneOptions(c.User.TimeZone, a.now()),
	}})
}

func (a *app) updateProfile(w http.ResponseWriter, r *http.Request, c *call) error {
	f, err := formFrom(r, "/account")
	if err != nil {
		return err
	}
	name := f.Get("name")
	if strings.TrimSpace(name) == "" && validText(name) {
		// UpdateProfile reads "" as "keep the name"; on this form an
		// emptied name is a mistake to point out.
		f.Errors["name"] = kam.T("is required", "必填")
		return a.renderProfile(w, r, c, f.Status(), f, nil, "")
	}
	u, err := a.svc.UpdateProfileZone(r.Context(), c.Actor, f.Version, name, kam.Locale(f.Get("locale")), f.Text("time_zone"))
	if err != nil {
		if f.Take(err) {
			return a.renderProfile(w, r, c, f.Status(), f, nil, "")
		}
		return err
	}
	httpedge.SetLocaleCookie(w, u.Locale)
	a.flash(w, r, "form.saved")
	return seeOther(w, r, "/account")
}

// signOutAll ends every session of the user, this one included.
func (a *app) signOutAll(w http.ResponseWriter, r *http.Request, c *call) error {
	if err := a.sessions.EndAll(r.Context(), c.User.ID); err != nil {
		return err
	}
	if err := a.sessions.End(r.Context(), w, r); err != nil {
		return err
	}
	return seeOther(w, r, "/signin")
}

func (a *app) createOwnToken(w http.ResponseWriter, r *http.Request, c *call) error {
	f, err := formFrom(r, "/account/tokens")
	if err != nil {
		return err
	}
	if !validText(f.Get("name")) {
		f.Errors["name"] = kam.T("is not valid UTF-8 text", "不是有效的 UTF-8 文本")
		return a.renderProfile(w, r, c, f.Status(), nil, f, "")
	}
	secret, _, err := a.svc.CreateToken(r.Context(), c.Actor, c.User.ID, f.Get("name"))
	if err != nil {
		if f.Take(err) {
			return a.renderProfile(w, r, c, f.Status(), nil, f, "")
		}
		return err
	}
	// The secret is shown in this response only; it is never stored.
	return a.renderProfile(w, r, c, http.StatusCreated, nil, nil, secret)
}

func (a *app) revokeOwnToken(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	// Only the user's own tokens are revoked here, admins included; theirs
	// for others are on /admin/tokens.
	toks, err := a.svc.ListTokens(r.Context(), c.Actor, 0)
	if err != nil {
		return err
	}
	for _, t := range toks {
		if t.ID == id {
			if err := a.svc.RevokeToken(r.Context(), c.Actor, id); err != nil {
				return err
			}
			a.flash(w, r, "tokens.revoked_flash")
			return seeOther(w, r, "/account")
		}
	}
	return kam.ErrNotFound
}
