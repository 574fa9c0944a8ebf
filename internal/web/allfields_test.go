package web

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kam/internal/kam"
)

// TestFormReportsEveryFieldAtOnce: an opportunity form with a date it
// cannot read, an empty name and a negative amount reports all three in
// one answer, not the date first and the rest on the next try.
func TestFormReportsEveryFieldAtOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	acct, err := e.svc.Accounts.Create(e.ctx, kam.System, kam.Account{Name: "华信集团", OwnerID: e.admin.ID})
	if err != nil {
		t.Fatal(err)
	}
	admin := e.signedIn(e.admin)
	r := admin.post("/opportunities", url.Values{"account_id": {itoa(acct.ID)}, "name": {""}, "amount": {"-5"},
		"close_date": {"2026-13-45"}, "currency": {"CNY"}, "level": {"above"}, "owner_id": {itoa(e.admin.ID)}})
	if r.Code != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", r.Code)
	}
	body := html.UnescapeString(r.Body)
	for _, m := range []kam.Text{kam.T("must be a date like 2026-03-31", ""), kam.T("is required", ""), kam.T("must not be negative", "")} {
		if !strings.Contains(body, m.EN) {
			t.Errorf("the page does not say %q", m.EN)
		}
	}
}

// TestInviteFormReportsEveryFieldAtOnce: the invite form with a team that
// is no number, no name and a bad email names all three at once.
func TestInviteFormReportsEveryFieldAtOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.signedIn(e.admin)
	r := admin.post("/admin/users", url.Values{"email": {"not an email"}, "name": {""}, "role": {"rep"}, "locale": {"en"}, "team_id": {"x"}})
	if r.Code != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", r.Code)
	}
	body := html.UnescapeString(r.Body)
	for _, m := range []string{"must be a whole number", "is required", "is not a valid email address"} {
		if !strings.Contains(body, m) {
			t.Errorf("the page does not say %q", m)
		}
	}
}
