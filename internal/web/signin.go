package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"kam/internal/auth"
	"kam/internal/httpedge"
	"kam/internal/kam"
	"kam/internal/reqinfo"
)

func (a *app) homeRoutes() []route {
	return []route{
		{Method: "GET", Path: "/{$}", Handle: a.home},
	}
}

// home is the start page: the workbench's "My week" (week.go).
func (a *app) home(w http.ResponseWriter, r *http.Request, c *call) error {
	return a.myWeek(w, r, c)
}

func (a *app) signInRoutes() []route {
	return []route{
		{Method: "GET", Path: "/signin", Access: Public, DuringPasswordChange: true, Handle: a.signInPage},
		{Method: "POST", Path: "/signin", Access: Public, DuringPasswordChange: true, NoFormToken: true, Handle: a.signIn},
		{Method: "POST", Path: "/signout", Access: Public, DuringPasswordChange: true, Handle: a.signOut},
		{Method: "POST", Path: "/lang", Access: Public, DuringPasswordChange: true, Handle: a.setLang},
		{Method: "GET", Path: "/password", DuringPasswordChange: true, Handle: a.passwordPage},
		{Method: "POST", Path: "/password", DuringPasswordChange: true, Handle: a.changePassword},
	}
}

type signInData struct {
	Email string
	Next  string
	Error string
	// SSO is the single sign-on button's label, "" without it (oidc.go);
	// PasswordNote says when passwords are for the break-glass admin only.
	SSO          string
	PasswordNote string
}

// signInData fills the sign-in page's data for r.
func (a *app) signInData(r *http.Request, c *call, email, next, errMsg string) signInData {
	d := signInData{Email: email, Next: next, Error: errMsg, SSO: a.oidcButton(c.Locale)}
	if off, err := a.svc.PasswordSignInOff(r.Context()); err == nil && off {
		d.PasswordNote = kam.T("Password sign-in is switched off; only the break-glass administrator may use it.",
			"密码登录已关闭，仅应急管理员可用。").In(c.Locale)
	}
	return d
}

func (a *app) signInPage(w http.ResponseWriter, r *http.Request, c *call) error {
	next := localPath(r.URL.Query().Get("next"))
	if c.SignedIn {
		return seeOther(w, r, next)
	}
	return a.render(w, r, c, http.StatusOK, "signin", a.signInData(r, c, "", next, ""))
}

// signIn checks the password behind the throttle. Every refusal, unknown
// email or wrong password, gets the same page with the same status, so the
// answer tells nobody which emails have accounts.
func (a *app) signIn(w http.ResponseWriter, r *http.Request, c *call) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	email := r.PostFormValue("email")
	next := localPath(r.PostFormValue("next"))
	key := email
	if !validText(key) || len(key) > maxEmail {
		// No account has such an email; one shared key keeps broken text
		// out of the throttle table (PostgreSQL refuses invalid UTF-8).
		key = "invalid-email"
	}
	u, err := a.authn.SignIn(r.Context(), key, r.PostFormValue("password"), httpedge.ClientIP(r, a.trustProxy))
	if err != nil {
		m, ok := auth.Message(err)
		if !ok {
			return err
		}
		reqinfo.SignInFailed(r.Context(), "password")
		status := http.StatusUnauthorized
		var te *auth.ThrottledError
		if errors.As(err, &te) {
			status = http.StatusTooManyRequests
			w.Header().Set("Retry-After", strconv.Itoa(int((te.RetryAfter+time.Second-1)/time.Second)))
		}
		// The email is shown back only when it is valid text; anything else
		// is dropped rather than echoed.
		return a.render(w, r, c, status, "signin", a.signInData(r, c, printable(email), next, m.In(c.Locale)))
	}
	if _, err := a.sessions.Start(r.Context(), w, r, u.ID); err != nil {
		return err
	}
	httpedge.SetLocaleCookie(w, u.Locale)
	if u.MustChangePassword {
		return seeOther(w, r, "/password")
	}
	return seeOther(w, r, next)
}

// maxEmail is the longest email address SMTP allows (RFC 5321).
const maxEmail = 254

// printable returns s when it is short valid text to echo into a form.
func printable(s string) string {
	if len(s) > kam.MaxName*4 || !validText(s) {
		return ""
	}
	return s
}

func (a *app) signOut(w http.ResponseWriter, r *http.Request, c *call) error {
	if err := a.sessions.End(r.Context(), w, r); err != nil {
		return err
	}
	return seeOther(w, r, "/signin")
}

// setLang saves the language choice: on the user when signed in, and in a
// cookie either way (the sign-in page speaks it too).
func (a *app) setLang(w http.ResponseWriter, r *http.Request, c *call) error {
	l, ok := kam.ParseLocale(r.PostFormValue("lang"))
	next := localPath(r.PostFormValue("next"))
	if !ok {
		return seeOther(w, r, next)
	}
	httpedge.SetLocaleCookie(w, l)
	if c.SignedIn && c.User.Locale != l {
		if _, err := a.svc.UpdateProfile(r.Context(), c.Actor, c.User.Version, "", l); err != nil && !errors.Is(err, kam.ErrConflict) {
			return err
		}
	}
	return seeOther(w, r, next)
}

type passwordData struct {
	Form *Form
	Min  int
}

func (a *app) passwordPage(w http.ResponseWriter, r *http.Request, c *call) error {
	return a.renderPage(w, r, c, http.StatusOK, "password", &Page{Section: "account",
		Data: passwordData{Form: newForm("/password"), Min: auth.MinPasswordLen}})
}

// changePassword sets the user's own password. Their other sessions end
// (someone who knew the old password is out), and this browser gets a new
// session id.
func (a *app) changePassword(w http.ResponseWriter, r *http.Request, c *call) error {
	f, err := formFrom(r, "/password")
	if err != nil {
		return err
	}
	cur, next := f.Get("current_password"), f.Get("password")
	if next != f.Get("password_confirm") {
		f.Errors["password_confirm"] = kam.T("does not match the new password", "与新密码不一致")
	}
	if !f.Invalid() {
		err = a.svc.ChangePassword(r.Context(), c.Actor, cur, next)
		if err == nil {
			if err := a.sessions.EndAll(r.Context(), c.User.ID); err != nil {
				return err
			}
			if _, err := a.sessions.Start(r.Context(), w, r, c.User.ID); err != nil {
				return err
			}
			a.flash(w, r, "password.changed")
			return seeOther(w, r, "/")
		}
		if !f.Take(err) {
			return err
		}
	}
	// Passwords are never sent back into the page.
	for _, k := range []string{"current_password", "password", "password_confirm"} {
		f.Values.Del(k)
	}
	return a.renderPage(w, r, c, f.Status(), "password", &Page{Section: "account",
		Data: passwordData{Form: f, Min: auth.MinPasswordLen}})
}
