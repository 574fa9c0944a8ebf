package auth

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"time"
)

// ErrBusy is returned by HashLimiter.Do when no hashing slot came free in
// time. Sign-ins turn it into a *ThrottledError, the usual "try again
// later".
var ErrBusy = errors.New("too many password checks at once")

// HashLimiter bounds how many password hashes run at once. Each argon2id
// hash with DefaultParams holds 46 MiB, so a flood of sign-in requests must
// queue here instead of exhausting memory. It is safe for concurrent use.
type HashLimiter struct {
	slots chan struct{}
	wait  time.Duration
}

// NewHashLimiter returns a limiter that lets n hashes run at once (n <= 0:
// 2×GOMAXPROCS) and lets a caller wait at most wait for a slot (wait <= 0:
// 5 s).
func NewHashLimiter(n int, wait time.Duration) *HashLimiter {
	if n <= 0 {
		n = 2 * runtime.GOMAXPROCS(0)
	}
	if wait <= 0 {
		wait = 5 * time.Second
	}
	return &HashLimiter{slots: make(chan struct{}, n), wait: wait}
}

// Slots reports how many hashes may run at once.
func (l *HashLimiter) Slots() int { return cap(l.slots) }

// Do runs fn once a slot is free. It returns ErrBusy without running fn
// when none came free within the limiter's wait, and ctx's error when ctx
// ended first.
func (l *HashLimiter) Do(ctx context.Context, fn func()) error {
	timer := time.NewTimer(l.wait)
	defer timer.Stop()
	select {
	case l.slots <- struct{}{}:
	case <-timer.C:
		return ErrBusy
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-l.slots }()
	fn()
	return nil
}

// DefaultHashLimiter is the limiter shared by every Authenticator without
// one of its own and by the service's password checks: 2×GOMAXPROCS slots,
// 5 s wait.
func DefaultHashLimiter() *HashLimiter { return defaultHashLimiter() }

var defaultHashLimiter = sync.OnceValue(func() *HashLimiter { return NewHashLimiter(0, 0) })
