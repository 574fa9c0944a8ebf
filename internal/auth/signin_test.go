package auth

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"kam/internal/kam"
	"kam/internal/testkit"
)

type userDir struct {
	mu      sync.Mutex
	byEmail map[string]kam.User
}

func (d *userDir) lookup(_ context.Context, email string) (kam.User, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	u, ok := d.byEmail[strings.ToLower(email)]
	if !ok {
		return kam.User{}, kam.ErrNotFound
	}
	return u, nil
}

func (d *userDir) rehash(_ context.Context, id int64, old, enc string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	for k, u := range d.byEmail {
		if u.ID == id && u.PasswordHash == old {
			u.PasswordHash = enc
			d.byEmail[k] = u
		}
	}
	return nil
}

func newAuthenticator(t *testing.T) (*Authenticator, *userDir, *testkit.Clock) {
	t.Helper()
	enc, err := testParams.Hash("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	dir := &userDir{byEmail: map[string]kam.User{}}
	add := func(id int64, email string, disabled bool) {
		u := kam.User{Email: email, PasswordHash: enc, Disabled: disabled}
		u.ID = id
		dir.byEmail[email] = u
	}
	add(1, "alice@example.com", false)
	add(2, "dora@example.com", true)
	th, c, _ := newThrottle()
	return &Authenticator{Throttle: th, Params: testParams, LookupUser: dir.lookup, Rehash: dir.rehash}, dir, c
}

func TestSignIn(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, email, pw string
		wantErr         error
	}{
		{"right password signs in", "alice@example.com", "correct horse battery", nil},
		{"wrong password is refused as bad credentials", "alice@example.com", "wrong horse battery", ErrBadCredentials},
		{"unknown email is refused as bad credentials", "nobody@example.com", "correct horse battery", ErrBadCredentials},
		{"disabled user is refused as bad credentials", "dora@example.com", "correct horse battery", ErrBadCredentials},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a, _, _ := newAuthenticator(t)
			u, err := a.SignIn(context.Background(), tt.email, tt.pw, "192.0.2.1")
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if tt.wantErr == nil && u.ID != 1 {
				t.Errorf("user = %d, want 1", u.ID)
			}
			if tt.wantErr != nil && !errors.Is(err, kam.ErrUnauthorized) {
				t.Errorf("err = %v does not wrap kam.ErrUnauthorized", err)
			}
		})
	}
}

// The front end must not be able to tell an unknown email from a wrong
// password: both produce the very same error and message.
func TestSignInSameMessageForUnknownEmailAndWrongPassword(t *testing.T) {
	t.Parallel()
	a, _, _ := newAuthenticator(t)
	ctx := context.Background()
	_, errUnknown := a.SignIn(ctx, "nobody@example.com", "correct horse battery", "192.0.2.1")
	_, errWrong := a.SignIn(ctx, "alice@example.com", "wrong horse battery", "192.0.2.1")
	if errUnknown != errWrong {
		t.Errorf("errors differ: %v vs %v", errUnknown, errWrong)
	}
	mu, okU := Message(errUnknown)
	mw, okW := Message(errWrong)
	if !okU || !okW || mu != mw || mu != MsgBadCredentials {
		t.Errorf("messages %+v / %+v, want both %+v", mu, mw, MsgBadCredentials)
	}
	if MsgBadCredentials.EN != "Email or password is incorrect" || MsgBadCredentials.ZH != "邮箱或密码不正确" {
		t.Errorf("MsgBadCredentials = %+v", MsgBadCredentials)
	}
}

func TestSignInThrottlesUnknownEmailsLikeKnownOnes(t *testing.T) {
	t.Parallel()
	a, _, c := newAuthenticator(t)
	ctx := context.Background()
	for _, email := range []string{"alice@example.com", "nobody@example.com"} {
		for range 5 {
			_, _ = a.SignIn(ctx, email, "wrong horse battery", "")
		}
		_, err := a.SignIn(ctx, email, "correct horse battery", "")
		if !errors.Is(err, ErrThrottled) {
			t.Errorf("%s: err = %v, want ErrThrottled", email, err)
		}
		msg, ok := Message(err)
		if !ok || msg != MsgThrottled(time.Second) {
			t.Errorf("%s: message %+v, want MsgThrottled(1s)", email, msg)
		}
	}
	c.Advance(time.Second)
	if _, err := a.SignIn(ctx, "alice@example.com", "correct horse battery", ""); err != nil {
		t.Errorf("sign-in after the lock ended: %v", err)
	}
}

func TestSignInSuccessResetsAccountFailures(t *testing.T) {
	t.Parallel()
	a, _, _ := newAuthenticator(t)
	ctx := context.Background()
	for range 4 {
		_, _ = a.SignIn(ctx, "alice@example.com", "wrong horse battery", "")
	}
	if _, err := a.SignIn(ctx, "alice@example.com", "correct horse battery", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SignIn(ctx, "alice@example.com", "wrong horse battery", ""); !errors.Is(err, ErrBadCredentials) {
		t.Errorf("one failure after success: err = %v, want ErrBadCredentials, not a lock", err)
	}
}

func TestSignInUpgradesOutdatedHash(t *testing.T) {
	t.Parallel()
	a, dir, _ := newAuthenticator(t)
	a.Params = Params{Memory: 128, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}
	u, err := a.SignIn(context.Background(), "alice@example.com", "correct horse battery", "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(u.PasswordHash, "$argon2id$v=19$m=128,t=2,p=1$") {
		t.Errorf("returned hash %q not upgraded", u.PasswordHash)
	}
	stored, _ := dir.lookup(context.Background(), "alice@example.com")
	if stored.PasswordHash != u.PasswordHash {
		t.Error("upgraded hash was not stored")
	}
	if ok, _ := CheckPassword(stored.PasswordHash, "correct horse battery"); !ok {
		t.Error("upgraded hash does not match the password")
	}
}

func TestMessageOfOtherErrors(t *testing.T) {
	t.Parallel()
	if _, ok := Message(errors.New("disk full")); ok {
		t.Error("Message claimed an internal error")
	}
}
