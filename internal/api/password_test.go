package api

import (
	"context"
	"net/http"
	"testing"

	"kam/internal/kam"
	"kam/internal/store"
)

// A temporary password revokes the user's tokens, and a token of a user who
// must change a temporary password is refused (403) everywhere but /me and
// /me/password.
func TestTemporaryPasswordLocksTheAPI(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		w := f.do(request{method: "POST", path: Prefix + "/users/" + itoa(f.r1a.ID) + "/password", as: "admin",
			body: `{"password":"a temporary password"}`})
		if w.Code != http.StatusNoContent {
			t.Fatalf("set temporary password: %d %s", w.Code, w.Body)
		}
		if w := f.do(request{method: "GET", path: Prefix + "/me", as: "r1a"}); w.Code != http.StatusUnauthorized {
			t.Errorf("the user's token after a temporary password: %d %s, want 401 (revoked)", w.Code, w.Body)
		}
		if w := f.do(request{method: "GET", path: Prefix + "/me", as: "r1b"}); w.Code != http.StatusOK {
			t.Errorf("another user's token: %d, want 200", w.Code)
		}

		// A token made for the user while the change is pending (an
		// administrator's, say) works only to change the password.
		secret, _, err := f.svc.CreateToken(context.Background(), adminActor(f), f.r1a.ID, "pending")
		if err != nil {
			t.Fatal(err)
		}
		as := "token:" + secret
		w = f.do(request{method: "GET", path: Prefix + "/accounts", as: as, header: map[string]string{"Accept-Language": "en"}})
		if w.Code != http.StatusForbidden || w.Header().Get("Content-Type") != "application/problem+json" {
			t.Fatalf("accounts during the change: %d %q %s, want 403 problem+json", w.Code, w.Header().Get("Content-Type"), w.Body)
		}
		p := decode[problem](t, w)
		if p.Code != "password_change_required" || p.Detail == "" {
			t.Errorf("problem = %+v, want code password_change_required with a detail", p)
		}
		if p.Detail != "you must change your temporary password first: sign in on the web, or POST /api/v1/me/password" &&
			p.Detail != "请先修改临时密码：在网页上登录，或调用 POST /api/v1/me/password" {
			t.Errorf("detail = %q", p.Detail)
		}
		if w := f.do(request{method: "GET", path: Prefix + "/me", as: as}); w.Code != http.StatusOK {
			t.Errorf("/me during the change: %d %s, want 200", w.Code, w.Body)
		} else if u := decode[kam.User](t, w); !u.MustChangePassword {
			t.Errorf("/me says must_change_password = false")
		}
		w = f.do(request{method: "POST", path: Prefix + "/me/password", as: as,
			body: `{"current_password":"a temporary password","password":"my very own password"}`})
		if w.Code != http.StatusNoContent {
			t.Fatalf("change the temporary password: %d %s", w.Code, w.Body)
		}
		if w := f.do(request{method: "GET", path: Prefix + "/accounts", as: as}); w.Code != http.StatusOK {
			t.Errorf("accounts after the change: %d %s, want 200", w.Code, w.Body)
		}
	})
}

// adminActor is the fixture's administrator as an actor.
func adminActor(f *fixture) kam.Actor {
	return kam.Actor{UserID: f.admin.ID, Role: kam.RoleAdmin}
}
