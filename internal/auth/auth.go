// Package auth holds kam's credentials: password hashing (argon2id) and its
// concurrency limit, random secrets and API tokens, sign-in with its
// throttling, and the store of sessions. The HTTP side of them (the session
// cookie, the bearer header, CSRF, security headers, the client's address,
// the language) is package httpedge.
//
// It talks to storage only through Store, so the service layer can adapt the
// real database to it and tests can use MemStore. It imports the standard
// library, kam and golang.org/x/crypto/argon2, nothing else: no HTTP.
package auth

import (
	"context"
	"time"

	"kam/internal/kam"
)

// Store is what auth needs from storage. Implementations must be safe for
// concurrent use.
type Store interface {
	// InsertSession stores a new session, keyed by its IDHash.
	InsertSession(ctx context.Context, s kam.Session) error
	// GetSession returns the session with idHash, or kam.ErrNotFound.
	GetSession(ctx context.Context, idHash string) (kam.Session, error)
	// TouchSession sets the session's LastSeenAt to at.
	TouchSession(ctx context.Context, idHash string, at time.Time) error
	// DeleteSession removes one session; removing a missing one is not an error.
	DeleteSession(ctx context.Context, idHash string) error
	// DeleteUserSessions removes every session of the user.
	DeleteUserSessions(ctx context.Context, userID int64) error
	// GetThrottle returns the throttle for key, or its zero value with Key
	// set when there is none.
	GetThrottle(ctx context.Context, key string) (kam.LoginThrottle, error)
	// UpdateThrottles reads the throttles of keys (the zero value with Key
	// set for a missing one), lets fn change them in place, and stores the
	// result, all atomically: no other update of these keys comes between
	// the read and the write. A throttle left with no failures and no lock
	// is removed. fn must be quick, do no I/O and keep every Key; callers
	// pass keys in the same order every time, so two updates of overlapping
	// keys cannot wait on each other.
	UpdateThrottles(ctx context.Context, keys []string, fn func(ts []kam.LoginThrottle)) error
	// DeleteThrottle removes the throttle for key; a missing one is not an error.
	DeleteThrottle(ctx context.Context, key string) error
}

// Session lifetimes: a session ends after DefaultIdle without requests or
// DefaultAbsolute after sign-in, whichever comes first, unless configured
// otherwise.
const (
	DefaultIdle     = 2 * time.Hour
	DefaultAbsolute = 12 * time.Hour
)

// nowOr returns now(), or the wall clock when no clock was injected.
func nowOr(now func() time.Time) time.Time {
	if now != nil {
		return now()
	}
	return time.Now()
}
