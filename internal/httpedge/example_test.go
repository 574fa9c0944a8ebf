package httpedge_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"

	"kam/internal/auth"
	"kam/internal/httpedge"
	"kam/internal/kam"
)

// A sign-in handler: throttle and check the password through an
// Authenticator, start a session, and show one message for every refusal.
func Example() {
	store := auth.NewMemStore()
	sessions := &httpedge.Sessions{Store: store}
	authn := &auth.Authenticator{
		Throttle: &auth.Throttle{Store: store},
		Params:   auth.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32},
		LookupUser: func(ctx context.Context, email string) (kam.User, error) {
			return kam.User{}, kam.ErrNotFound // nobody has an account here
		},
	}
	signIn := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ip := httpedge.ClientIP(r, sessions.TrustProxy)
		u, err := authn.SignIn(r.Context(), r.PostFormValue("email"), r.PostFormValue("password"), ip)
		if err != nil {
			msg, ok := auth.Message(err)
			if !ok {
				http.Error(w, "internal error", http.StatusInternalServerError)
				return
			}
			http.Error(w, msg.In(httpedge.NegotiateLocale(r, "")), http.StatusUnauthorized)
			return
		}
		if _, err := sessions.Start(r.Context(), w, r, u.ID); err != nil {
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		http.Redirect(w, r, "/", http.StatusSeeOther)
	})
	h := httpedge.SecurityHeaders(httpedge.CSRF(signIn), false)

	form := url.Values{"email": {"x@example.com"}, "password": {"a guess at it"}}
	r := httptest.NewRequest("POST", "/signin", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Accept-Language", "en-US,en;q=0.9")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	fmt.Print(rec.Code, " ", rec.Body.String())
	// Output: 401 Email or password is incorrect
}
