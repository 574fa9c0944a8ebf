package main

import (
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"kam/internal/auth"
	"kam/internal/kam"
	"kam/internal/service"
)

// kam user passwd sets a temporary password: the user must change it at
// next sign-in, their sessions end and their API tokens are revoked.
func TestUserPasswdSetsATemporaryPassword(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "kam.db")
	db := "--db=" + dsn
	mustRun(t, "user", "add", db, "--email", "rep@example.com", "--name", "Rep", "--password", "correct horse battery")
	mustRun(t, "user", "add", db, "--email", "other@example.com", "--name", "Other", "--password", "correct horse battery")
	tokenLine := regexp.MustCompile(`(kam_\S+)`)
	tokenOut := mustRun(t, "token", "create", db, "--email", "rep@example.com", "--name", "laptop")
	m := tokenLine.FindStringSubmatch(tokenOut)
	if m == nil {
		t.Fatalf("token create printed no token: %s", tokenOut)
	}
	token := m[1]

	// open runs fn on the database the commands use.
	open := func(fn func(svc *service.Service)) {
		t.Helper()
		svc, closeDB := openTestService(t, dsn, service.Options{})
		defer closeDB()
		fn(svc)
	}
	now := time.Now()
	var rep, other kam.User
	open(func(svc *service.Service) {
		var err error
		if rep, err = userByEmail(ctx, svc, "rep@example.com"); err != nil {
			t.Fatal(err)
		}
		if other, err = userByEmail(ctx, svc, "other@example.com"); err != nil {
			t.Fatal(err)
		}
		for _, s := range []kam.Session{{IDHash: "rep-phone", UserID: rep.ID}, {IDHash: "rep-laptop", UserID: rep.ID}, {IDHash: "other", UserID: other.ID}} {
			s.CreatedAt, s.LastSeenAt, s.ExpiresAt = now, now, now.Add(time.Hour)
			if err := svc.AuthStore().InsertSession(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
	})

	out := mustRun(t, "user", "passwd", db, "--email", "Rep@Example.com", "--password", "a temporary password")
	if !strings.Contains(out, "temporary password for rep@example.com (to be changed at next sign-in): a temporary password") {
		t.Fatalf("user passwd: %s", out)
	}
	open(func(svc *service.Service) {
		u, err := userByEmail(ctx, svc, "rep@example.com")
		if err != nil {
			t.Fatal(err)
		}
		if !u.MustChangePassword {
			t.Error("the user need not change the temporary password")
		}
		if ok, _ := auth.CheckPassword(u.PasswordHash, "a temporary password"); !ok {
			t.Error("the temporary password is not the user's password")
		}
		if ok, _ := auth.CheckPassword(u.PasswordHash, "correct horse battery"); ok {
			t.Error("the old password still works")
		}
		for _, id := range []string{"rep-phone", "rep-laptop"} {
			if _, err := svc.AuthStore().GetSession(ctx, id); !errors.Is(err, kam.ErrNotFound) {
				t.Errorf("session %s after user passwd: err = %v, want gone", id, err)
			}
		}
		if _, err := svc.AuthStore().GetSession(ctx, "other"); err != nil {
			t.Errorf("another user's session: %v, want kept", err)
		}
		if _, err := svc.UserForToken(ctx, token); !errors.Is(err, kam.ErrUnauthorized) {
			t.Errorf("the user's API token after user passwd: err = %v, want revoked", err)
		}
		if o, err := userByEmail(ctx, svc, "other@example.com"); err != nil || o.MustChangePassword {
			t.Errorf("the other user changed: %+v, %v", o, err)
		}
	})

	// Without --password a random one is printed, and it works.
	out = mustRun(t, "user", "passwd", db, "--email", "rep@example.com")
	m = regexp.MustCompile(`at next sign-in\): (\S+)`).FindStringSubmatch(out)
	if m == nil || len(m[1]) < auth.MinPasswordLen {
		t.Fatalf("user passwd without --password: %s", out)
	}
	open(func(svc *service.Service) {
		if _, err := svc.Authenticator(nil).SignIn(ctx, "rep@example.com", m[1], ""); err != nil {
			t.Errorf("sign in with the printed password: %v", err)
		}
	})

	if _, err := kamRun(t, "user", "passwd", db, "--email", "nobody@example.com"); err == nil || !strings.Contains(err.Error(), "no user with email") {
		t.Errorf("user passwd for an unknown email: err = %v", err)
	}
}
