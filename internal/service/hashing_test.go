package service_test

import (
	"context"
	"testing"
	"time"

	"kam/internal/auth"
	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/storetest"
)

// TestNewPasswordsWaitForTheHashingCap: hashing a new user's password or a
// temporary one takes a slot of the service's hashing limiter, the one
// sign-ins use; with every slot taken the request is refused on password,
// and nothing is written.
func TestNewPasswordsWaitForTheHashingCap(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	lim := auth.NewHashLimiter(1, 50*time.Millisecond)
	svc := service.New(storetest.SQLite(t), service.Options{Passwords: auth.CheapParams(), Hashing: lim})
	if svc.Hashing() != lim {
		t.Fatal("the service does not use the limiter it was given")
	}
	if svc.Authenticator(nil).Hashing != lim {
		t.Fatal("sign-ins do not share the service's limiter")
	}
	first, err := svc.CreateUser(ctx, kam.System, kam.User{Email: "a@example.com", Name: "A"}, "correct horse battery", false)
	if err != nil {
		t.Fatal(err)
	}

	// Hold the only slot, as a long sign-in would.
	held, release := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() { done <- lim.Do(ctx, func() { close(held); <-release }) }()
	<-held
	_, err = svc.CreateUser(ctx, kam.System, kam.User{Email: "b@example.com", Name: "B"}, "correct horse battery", false)
	fieldErr(t, err, "password")
	err = svc.SetTemporaryPassword(ctx, kam.System, first.ID, "another horse battery")
	fieldErr(t, err, "password")
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}

	if users, _, err := svc.Users.List(ctx, kam.System, store.UserFilter{}); err != nil || len(users) != 1 {
		t.Fatalf("users after refused creation: %d, %v; want 1", len(users), err)
	}
	// Free again, both go through.
	if _, err := svc.CreateUser(ctx, kam.System, kam.User{Email: "b@example.com", Name: "B"}, "correct horse battery", false); err != nil {
		t.Fatal(err)
	}
	if err := svc.SetTemporaryPassword(ctx, kam.System, first.ID, "another horse battery"); err != nil {
		t.Fatal(err)
	}
}
