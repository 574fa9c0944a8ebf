package auth

import (
	"context"
	"errors"
	"fmt"

	"kam/internal/kam"
)

// ErrBadCredentials is the one error for every refused sign-in: unknown
// email, wrong password, disabled or deleted user. It wraps
// kam.ErrUnauthorized; show MsgBadCredentials (see Message).
var ErrBadCredentials = fmt.Errorf("%w: bad credentials", kam.ErrUnauthorized)

// Authenticator checks email and password sign-ins without revealing which
// emails have accounts: every refusal is ErrBadCredentials, and an unknown
// email costs the same password-hashing time as a known one.
type Authenticator struct {
	Throttle *Throttle
	// Params are the hashing parameters new and upgraded hashes use; the zero
	// value means DefaultParams.
	Params Params
	// LookupUser returns the user with the email, or kam.ErrNotFound.
	LookupUser func(ctx context.Context, email string) (kam.User, error)
	// Rehash, if set, stores an upgraded hash when a user's hash was made
	// with other parameters than Params. Its failure does not fail the
	// sign-in.
	Rehash func(ctx context.Context, userID int64, encoded string) error
}

func (a *Authenticator) params() Params {
	if a.Params == (Params{}) {
		return DefaultParams()
	}
	return a.Params
}

// SignIn returns the user whose email and password these are. It fails with
// a *ThrottledError (errors.Is ErrThrottled) while the email or ip is locked,
// with ErrBadCredentials when the sign-in is refused, or with a store error.
func (a *Authenticator) SignIn(ctx context.Context, email, password, ip string) (kam.User, error) {
	if _, err := a.Throttle.Allow(ctx, email, ip); err != nil {
		return kam.User{}, err
	}
	p := a.params()
	u, err := a.LookupUser(ctx, email)
	switch {
	case errors.Is(err, kam.ErrNotFound):
		p.FakeCheck(password)
		return kam.User{}, a.fail(ctx, email, ip)
	case err != nil:
		return kam.User{}, fmt.Errorf("sign in: %w", err)
	}
	ok, err := CheckPassword(u.PasswordHash, password)
	if err != nil {
		// A user without a usable hash (invited, or a broken row) cannot sign
		// in with a password; still spend the time of a real check.
		p.FakeCheck(password)
		ok = false
	}
	if !ok {
		return kam.User{}, a.fail(ctx, email, ip)
	}
	if u.Disabled || u.DeletedAt != nil {
		// The password was right, so this is no guessing: do not count it.
		return kam.User{}, ErrBadCredentials
	}
	if err := a.Throttle.Success(ctx, email, ip); err != nil {
		return kam.User{}, err
	}
	if a.Rehash != nil && p.NeedsRehash(u.PasswordHash) {
		if enc, err := p.Hash(password); err == nil {
			if a.Rehash(ctx, u.ID, enc) == nil {
				u.PasswordHash = enc
			}
		}
	}
	return u, nil
}

func (a *Authenticator) fail(ctx context.Context, email, ip string) error {
	if err := a.Throttle.Fail(ctx, email, ip); err != nil {
		return err
	}
	return ErrBadCredentials
}

// Message returns the text to show for a sign-in error: MsgBadCredentials
// for ErrBadCredentials, MsgThrottled for a *ThrottledError; ok is false for
// any other error, which the caller reports as internal.
func Message(err error) (msg kam.Text, ok bool) {
	var te *ThrottledError
	switch {
	case errors.As(err, &te):
		return MsgThrottled(te.RetryAfter), true
	case errors.Is(err, ErrBadCredentials):
		return MsgBadCredentials, true
	}
	return kam.Text{}, false
}
