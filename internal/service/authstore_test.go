package service_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"kam/internal/auth"
	"kam/internal/kam"
	"kam/internal/store"
	"kam/internal/storetest"
)

// authenticator is the service's sign-in on the tests' clock, counting the
// passwords it checks.
func authenticator(w *world, checks *atomic.Int64) *auth.Authenticator {
	a := w.svc.Authenticator(func() time.Time { return clock })
	a.Hashing = auth.NewHashLimiter(64, time.Minute)
	a.Verify = func(enc, pw string) (bool, error) {
		checks.Add(1)
		time.Sleep(2 * time.Millisecond)
		return auth.CheckPassword(enc, pw)
	}
	return a
}

// 64 parallel wrong passwords for one account through the database: the
// throttle's count and lock are one transaction, so only the account limit
// (5) of them are hashed and the rest are refused as throttled.
func TestParallelGuessesThroughTheDatabaseAreCheckedAtMostLimitTimes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		var checks atomic.Int64
		a := authenticator(w, &checks)
		const n = 64
		var (
			wg                   sync.WaitGroup
			bad, throttled, errs atomic.Int64
			start                = make(chan struct{})
		)
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, err := a.SignIn(context.Background(), "a1@example.com", "wrong horse battery", "192.0.2.1")
				switch {
				case errors.Is(err, auth.ErrThrottled):
					throttled.Add(1)
				case errors.Is(err, auth.ErrBadCredentials):
					bad.Add(1)
				default:
					errs.Add(1)
					t.Errorf("sign-in: %v", err)
				}
			}()
		}
		close(start)
		wg.Wait()
		if c := checks.Load(); c != 5 {
			t.Errorf("%d passwords checked, want 5 (the account limit)", c)
		}
		if bad.Load() != 5 || throttled.Load() != n-5 {
			t.Errorf("%d bad credentials, %d throttled; want 5 and %d", bad.Load(), throttled.Load(), n-5)
		}
		th, err := w.svc.AuthStore().GetThrottle(context.Background(), "email:a1@example.com")
		if err != nil || th.Failures != 5 || !th.LockedUntil.After(clock) {
			t.Errorf("account throttle = %+v, %v; want 5 failures and a lock", th, err)
		}
	})
}

// A correct password takes its attempt back: the account's count is gone and
// the address's is what it was, in the database as in memory.
func TestSignInThroughTheDatabaseForgetsTheAttemptOnSuccess(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		var checks atomic.Int64
		a := authenticator(w, &checks)
		for range 3 {
			if _, err := a.SignIn(ctx, "a1@example.com", "wrong horse battery", "192.0.2.1"); !errors.Is(err, auth.ErrBadCredentials) {
				t.Fatalf("wrong password: %v", err)
			}
		}
		if u, err := a.SignIn(ctx, "A1@example.com", "correct horse battery", "192.0.2.1"); err != nil || u.ID != w.a1.UserID {
			t.Fatalf("right password: %v, %v", u.ID, err)
		}
		st := w.svc.AuthStore()
		if th, _ := st.GetThrottle(ctx, "email:a1@example.com"); th.Failures != 0 {
			t.Errorf("account throttle after success = %+v", th)
		}
		if th, _ := st.GetThrottle(ctx, "ip:192.0.2.1"); th.Failures != 3 {
			t.Errorf("address throttle after success = %+v, want the 3 failures", th)
		}
	})
}

// A temporary password ends the user's sessions and revokes their API tokens
// (the account may be compromised); changing one's own password keeps them.
func TestTemporaryPasswordRevokesTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		a1Secret, _, err := w.svc.CreateToken(ctx, w.a1, 0, "laptop")
		if err != nil {
			t.Fatal(err)
		}
		a2Secret, _, err := w.svc.CreateToken(ctx, w.a2, 0, "laptop")
		if err != nil {
			t.Fatal(err)
		}
		if err := w.svc.ChangePassword(ctx, w.a2, "correct horse battery", "a brand new password"); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.UserForToken(ctx, a2Secret); err != nil {
			t.Errorf("token after changing one's own password: %v, want it kept", err)
		}
		sess := kam.Session{IDHash: "h", UserID: w.a1.UserID, CreatedAt: clock, LastSeenAt: clock, ExpiresAt: clock.Add(time.Hour)}
		if err := w.svc.AuthStore().InsertSession(ctx, sess); err != nil {
			t.Fatal(err)
		}
		if err := w.svc.SetTemporaryPassword(ctx, w.admin, w.a1.UserID, "a temporary password"); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.UserForToken(ctx, a1Secret); !errors.Is(err, kam.ErrUnauthorized) {
			t.Errorf("token after a temporary password: err = %v, want unauthorized (revoked)", err)
		}
		if _, err := w.svc.AuthStore().GetSession(ctx, "h"); !errors.Is(err, kam.ErrNotFound) {
			t.Errorf("session after a temporary password: err = %v, want gone", err)
		}
		toks, err := w.svc.ListTokens(ctx, w.a1, 0)
		if err != nil || len(toks) != 1 || toks[0].RevokedAt == nil {
			t.Errorf("tokens = %+v, %v; want the one, revoked", toks, err)
		}
		if _, err := w.svc.UserForToken(ctx, a2Secret); err != nil {
			t.Errorf("another user's token: %v", err)
		}
	})
}

// Disabling a user revokes their API tokens and ends their sessions, so
// re-enabling them later does not bring a kept token back to life; other
// users' tokens stay.
func TestDisablingAUserRevokesTheirTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		a1Secret, _, err := w.svc.CreateToken(ctx, w.a1, 0, "laptop")
		if err != nil {
			t.Fatal(err)
		}
		a2Secret, _, err := w.svc.CreateToken(ctx, w.a2, 0, "laptop")
		if err != nil {
			t.Fatal(err)
		}
		sess := kam.Session{IDHash: "h", UserID: w.a1.UserID, CreatedAt: clock, LastSeenAt: clock, ExpiresAt: clock.Add(time.Hour)}
		if err := w.svc.AuthStore().InsertSession(ctx, sess); err != nil {
			t.Fatal(err)
		}
		setDisabled := func(off bool) {
			t.Helper()
			u, err := w.svc.Users.Get(ctx, w.admin, w.a1.UserID)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.svc.Users.Update(ctx, w.admin, u.ID, u.Version, func(u *kam.User) error {
				u.Disabled = off
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		}
		setDisabled(true)
		setDisabled(false)
		if _, err := w.svc.UserForToken(ctx, a1Secret); !errors.Is(err, kam.ErrUnauthorized) {
			t.Errorf("token after disable and re-enable: err = %v, want unauthorized (revoked)", err)
		}
		if _, err := w.svc.AuthStore().GetSession(ctx, "h"); !errors.Is(err, kam.ErrNotFound) {
			t.Errorf("session after disabling: err = %v, want gone", err)
		}
		toks, err := w.svc.ListTokens(ctx, w.a1, 0)
		if err != nil || len(toks) != 1 || toks[0].RevokedAt == nil {
			t.Errorf("tokens = %+v, %v; want the one, revoked", toks, err)
		}
		if _, err := w.svc.UserForToken(ctx, a2Secret); err != nil {
			t.Errorf("another user's token: %v", err)
		}
	})
}

// Every way to give a user a password refuses the trivially weak ones and
// the user's own email, naming the password field.
func TestWeakPasswordsAreRefusedEverywhere(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t, storetest.SQLite(t))
	refused := func(what string, err error) {
		t.Helper()
		var v *kam.ValidationError
		if !errors.As(err, &v) || v.Fields["password"].EN == "" {
			t.Errorf("%s: %v, want a password error", what, err)
		}
	}
	_, err := w.svc.CreateUser(ctx, w.admin, kam.User{Email: "new.rep@example.com", Name: "New Rep"}, "new.rep@example.com", true)
	refused("create with the email as password", err)
	_, err = w.svc.CreateUser(ctx, w.admin, kam.User{Email: "new.rep@example.com", Name: "New Rep"}, "          ", true)
	refused("create with ten spaces", err)
	refused("temporary password12", w.svc.SetTemporaryPassword(ctx, w.admin, w.a1.UserID, "password12"))
	refused("change to qwertyuiop", w.svc.ChangePassword(ctx, w.a2, "correct horse battery", "qwertyuiop"))
	if err := w.svc.ChangePassword(ctx, w.a2, "correct horse battery", "blue mountains, green water"); err != nil {
		t.Errorf("a good passphrase: %v", err)
	}
}
