package auth

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"time"

	"kam/internal/kam"
)

// Throttle slows down password guessing. It counts failed sign-ins per
// account ("email:<lower-cased email>") and per client address ("ip:<addr>");
// the failure that reaches a key's limit locks it for BaseDelay, each further
// one for twice as long as the last, up to MaxDelay. Failures decay:
// a key whose last failure is older than Window starts again from zero.
//
// Counting is read-modify-write through Store, so two failures at the same
// instant may count as one; that only delays the lock by one attempt.
type Throttle struct {
	Store Store
	Now   func() time.Time // nil: time.Now

	AccountLimit int // failures per email that start locking; 0: 5
	// AddressLimit is higher than AccountLimit because a whole office may
	// share one address behind NAT. 0: 20.
	AddressLimit int
	BaseDelay    time.Duration // first lock; 0: 1s
	MaxDelay     time.Duration // longest lock; 0: 15 min
	Window       time.Duration // failures older than this are forgotten; 0: 1 h
}

// ErrThrottled is returned (wrapped in a *ThrottledError) by Throttle.Allow
// while a key is locked. Front ends answer 429 with MsgThrottled.
var ErrThrottled = errors.New("too many sign-in attempts")

// ThrottledError says how long the caller must wait.
type ThrottledError struct {
	RetryAfter time.Duration
}

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("%v; retry after %v", ErrThrottled, e.RetryAfter)
}

// Is makes errors.Is(err, ErrThrottled) true.
func (e *ThrottledError) Is(target error) bool { return target == ErrThrottled }

// MsgBadCredentials is the one message for every failed sign-in, whether the
// email is unknown, the password wrong or the user disabled: telling them
// apart would let anyone find out who has an account.
var MsgBadCredentials = kam.T("Email or password is incorrect", "邮箱或密码不正确")

// MsgThrottled tells a throttled user how long to wait, rounded up to whole
// seconds or minutes.
func MsgThrottled(retry time.Duration) kam.Text {
	var en, zh string
	if secs := int((retry + time.Second - 1) / time.Second); secs < 60 {
		secs = max(secs, 1)
		en, zh = plural(secs, "second"), fmt.Sprintf("%d 秒", secs)
	} else {
		mins := int((retry + time.Minute - 1) / time.Minute)
		en, zh = plural(mins, "minute"), fmt.Sprintf("%d 分钟", mins)
	}
	return kam.T(
		"Too many sign-in attempts. Please try again in "+en+".",
		"登录尝试次数过多，请在 "+zh+"后重试。")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

type throttleKey struct {
	key   string
	limit int
}

func (t *Throttle) keys(email, ip string) []throttleKey {
	var ks []throttleKey
	if e := strings.ToLower(strings.TrimSpace(email)); e != "" {
		ks = append(ks, throttleKey{"email:" + e, cmp.Or(t.AccountLimit, 5)})
	}
	if ip != "" {
		ks = append(ks, throttleKey{"ip:" + addressKey(ip), cmp.Or(t.AddressLimit, 20)})
	}
	return ks
}

// addressKey is the part of a client address one client controls: an IPv4
// address, or the /64 network of an IPv6 one (a single host is usually given
// a whole /64 and may pick any address in it).
func addressKey(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil || !a.Unmap().Is6() {
		return ip
	}
	p, err := a.Unmap().WithZone("").Prefix(64)
	if err != nil {
		return ip
	}
	return p.String()
}

// Allow reports whether a sign-in for email from ip may be tried now. While
// either key is locked it returns the longer wait and a *ThrottledError
// (errors.Is ErrThrottled); other errors come from the store. Call it before
// checking the password.
func (t *Throttle) Allow(ctx context.Context, email, ip string) (retryAfter time.Duration, err error) {
	now := nowOr(t.Now)
	for _, k := range t.keys(email, ip) {
		th, err := t.Store.GetThrottle(ctx, k.key)
		if err != nil {
			return 0, fmt.Errorf("sign-in throttle: %w", err)
		}
		if wait := th.LockedUntil.Sub(now); wait > retryAfter {
			retryAfter = wait
		}
	}
	if retryAfter > 0 {
		return retryAfter, &ThrottledError{RetryAfter: retryAfter}
	}
	return 0, nil
}

// Fail records a failed sign-in for email and ip, locking a key once its
// failures reach its limit.
func (t *Throttle) Fail(ctx context.Context, email, ip string) error {
	now := nowOr(t.Now)
	window := cmp.Or(t.Window, time.Hour)
	base := cmp.Or(t.BaseDelay, time.Second)
	maxDelay := cmp.Or(t.MaxDelay, 15*time.Minute)
	for _, k := range t.keys(email, ip) {
		th, err := t.Store.GetThrottle(ctx, k.key)
		if err != nil {
			return fmt.Errorf("sign-in throttle: %w", err)
		}
		if !th.LastFailure.IsZero() && now.Sub(th.LastFailure) >= window {
			th.Failures, th.LockedUntil = 0, time.Time{}
		}
		th.Key = k.key
		th.Failures++
		th.LastFailure = now
		if over := th.Failures - k.limit + 1; over > 0 {
			th.LockedUntil = now.Add(lockDelay(over, base, maxDelay))
		}
		if err := t.Store.PutThrottle(ctx, th); err != nil {
			return fmt.Errorf("sign-in throttle: %w", err)
		}
	}
	return nil
}

// lockDelay is base·2^(over-1), capped at maxDelay without overflowing.
func lockDelay(over int, base, maxDelay time.Duration) time.Duration {
	d := base
	for i := 1; i < over; i++ {
		if d >= maxDelay/2 {
			return maxDelay
		}
		d *= 2
	}
	return min(d, maxDelay)
}

// Success forgets the failures of email after a correct password. The
// address key is kept: one good account must not unlock guessing at others
// from the same address.
func (t *Throttle) Success(ctx context.Context, email, ip string) error {
	e := strings.ToLower(strings.TrimSpace(email))
	if e == "" {
		return nil
	}
	if err := t.Store.DeleteThrottle(ctx, "email:"+e); err != nil {
		return fmt.Errorf("sign-in throttle: %w", err)
	}
	return nil
}
