package auth

import (
	"context"
	"errors"
	"fmt"
	"time"

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
	// Params are the hashing parameters new and upgraded hashes use, and
	// the cost of the stand-in check for an unknown email; the zero value
	// means DefaultParams.
	Params Params
	// LookupUser returns the user with the email, or kam.ErrNotFound.
	LookupUser func(ctx context.Context, email string) (kam.User, error)
	// Rehash, if set, stores an upgraded hash (encoded, made with Params)
	// after a successful sign-in whose stored hash, old, is weaker than
	// Params (Params.Weaker). It should replace the hash only while it is
	// still old, so that a password set meanwhile stays. Its failure does
	// not fail the sign-in.
	Rehash func(ctx context.Context, userID int64, old, encoded string) error
	// Hashing bounds the password hashes running at once; nil means
	// DefaultHashLimiter(). A sign-in that finds no free slot in time is
	// refused with a *ThrottledError and not counted.
	Hashing *HashLimiter
	// Verify checks a password against a stored hash; nil means
	// CheckPassword. Tests count the checks through it.
	Verify func(encoded, password string) (bool, error)
}

// busyRetry is the wait a sign-in refused for want of a hashing slot is
// told to take.
const busyRetry = time.Second

func (a *Authenticator) params() Params {
	if a.Params == (Params{}) {
		return DefaultParams()
	}
	return a.Params
}

func (a *Authenticator) hashing() *HashLimiter {
	if a.Hashing == nil {
		return DefaultHashLimiter()
	}
	return a.Hashing
}

func (a *Authenticator) verify(encoded, password string) (bool, error) {
	if a.Verify != nil {
		return a.Verify(encoded, password)
	}
	return CheckPassword(encoded, password)
}

// SignIn returns the user whose email and password these are. It fails with
// a *ThrottledError (errors.Is ErrThrottled) while the email or ip is locked
// or too many passwords are being checked at once, with ErrBadCredentials
// when the sign-in is refused, or with a store error.
//
// The attempt is counted against the email and the ip before the password
// is hashed (Throttle.Reserve), so parallel guesses beyond the limit are
// refused without costing a hash; a correct password takes it back.
func (a *Authenticator) SignIn(ctx context.Context, email, password, ip string) (kam.User, error) {
	res, err := a.Throttle.Reserve(ctx, email, ip)
	if err != nil {
		return kam.User{}, err
	}
	// release takes the attempt back when no guessing happened; the
	// request's own cancellation must not stop it.
	release := func(cause error) error {
		return errors.Join(cause, res.Release(context.WithoutCancel(ctx)))
	}
	p := a.params()
	u, err := a.LookupUser(ctx, email)
	known := err == nil
	if err != nil && !errors.Is(err, kam.ErrNotFound) {
		return kam.User{}, release(fmt.Errorf("sign in: %w", err))
	}
	ok := false
	err = a.hashing().Do(ctx, func() {
		if !known {
			p.FakeCheck(password)
			return
		}
		var err error
		if ok, err = a.verify(u.PasswordHash, password); err != nil {
			// A user without a usable hash (invited, or a broken row)
			// cannot sign in with a password; still spend the time of a
			// real check.
			p.FakeCheck(password)
			ok = false
		}
	})
	switch {
	case errors.Is(err, ErrBusy):
		if err := release(nil); err != nil {
			return kam.User{}, err
		}
		return kam.User{}, &ThrottledError{RetryAfter: busyRetry}
	case err != nil:
		return kam.User{}, release(err)
	}
	if !ok {
		// Counted already by Reserve.
		return kam.User{}, ErrBadCredentials
	}
	if u.Disabled || u.DeletedAt != nil {
		// The password was right, so this is no guessing: do not count it.
		if err := release(nil); err != nil {
			return kam.User{}, err
		}
		return kam.User{}, ErrBadCredentials
	}
	if err := res.Succeeded(context.WithoutCancel(ctx)); err != nil {
		return kam.User{}, err
	}
	if a.Rehash != nil && p.Weaker(u.PasswordHash) {
		var enc string
		var herr error
		if a.hashing().Do(ctx, func() { enc, herr = p.Hash(password) }) == nil && herr == nil {
			if a.Rehash(ctx, u.ID, u.PasswordHash, enc) == nil {
				u.PasswordHash = enc
			}
		}
	}
	return u, nil
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
