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
// Sign-ins go through Reserve, which counts an attempt as a failure before
// the password is checked, atomically with the lock check (one
// Store.UpdateThrottles), so parallel attempts beyond the limit are refused
// without hashing; a correct password then takes the attempt back.
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

// DefaultWindow is how long a Throttle remembers failures when its Window
// is zero.
const DefaultWindow = time.Hour

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
// (errors.Is ErrThrottled); other errors come from the store. It only looks:
// before checking a password call Reserve, which also counts the attempt.
func (t *Throttle) Allow(ctx context.Context, email, ip string) (retryAfter time.Duration, err error) {
	now := t.now()
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
// failures reach its limit. Sign-ins use Reserve instead, which counts the
// attempt before the password is checked.
func (t *Throttle) Fail(ctx context.Context, email, ip string) error {
	now := t.now()
	ks := t.keys(email, ip)
	err := t.Store.UpdateThrottles(ctx, keyNames(ks), func(ts []kam.LoginThrottle) {
		for i := range ts {
			t.count(&ts[i], ks[i].limit, now)
		}
	})
	if err != nil {
		return fmt.Errorf("sign-in throttle: %w", err)
	}
	return nil
}

// now is the clock reading to the microsecond, the precision the databases
// keep, so a lock read back compares equal to the one written.
func (t *Throttle) now() time.Time { return nowOr(t.Now).UTC().Truncate(time.Microsecond) }

func keyNames(ks []throttleKey) []string {
	names := make([]string, len(ks))
	for i, k := range ks {
		names[i] = k.key
	}
	return names
}

// decay forgets th's failures when the last one is older than the window.
func (t *Throttle) decay(th *kam.LoginThrottle, now time.Time) {
	if !th.LastFailure.IsZero() && now.Sub(th.LastFailure) >= cmp.Or(t.Window, DefaultWindow) {
		th.Failures, th.LockedUntil = 0, time.Time{}
	}
}

// count adds one failure at now to th, locking it once the failures reach
// limit.
func (t *Throttle) count(th *kam.LoginThrottle, limit int, now time.Time) {
	t.decay(th, now)
	th.Failures++
	th.LastFailure = now
	if over := th.Failures - limit + 1; over > 0 {
		th.LockedUntil = now.Add(lockDelay(over, cmp.Or(t.BaseDelay, time.Second), cmp.Or(t.MaxDelay, 15*time.Minute)))
	}
}

// Reservation is one sign-in attempt Reserve has counted as a failure.
// Call Succeeded after a correct password, Release when the password was not
// checked or was right but the sign-in is refused anyway; after a wrong
// password there is nothing to do.
type Reservation struct {
	t     *Throttle
	keys  []string
	email bool // keys[0] is the account's key
	// prev and set are each key's lock before and after the reservation, so
	// taking it back restores the lock unless a later attempt moved it.
	prev, set []time.Time
}

// Reserve counts a sign-in attempt for email from ip as a failure before the
// password is checked. While either key is locked it counts nothing and
// returns a *ThrottledError (errors.Is ErrThrottled) with the longer wait;
// other errors come from the store. The check and the count are one atomic
// store update, so of any number of parallel attempts at most the keys'
// limits get through before the lock.
func (t *Throttle) Reserve(ctx context.Context, email, ip string) (*Reservation, error) {
	now := t.now()
	ks := t.keys(email, ip)
	r := &Reservation{t: t, keys: keyNames(ks), email: len(ks) > 0 && strings.HasPrefix(ks[0].key, "email:"),
		prev: make([]time.Time, len(ks)), set: make([]time.Time, len(ks))}
	var retryAfter time.Duration
	err := t.Store.UpdateThrottles(ctx, r.keys, func(ts []kam.LoginThrottle) {
		retryAfter = 0
		for i := range ts {
			t.decay(&ts[i], now)
			retryAfter = max(retryAfter, ts[i].LockedUntil.Sub(now))
		}
		if retryAfter > 0 {
			return
		}
		for i := range ts {
			r.prev[i] = ts[i].LockedUntil
			t.count(&ts[i], ks[i].limit, now)
			r.set[i] = ts[i].LockedUntil
		}
	})
	if err != nil {
		return nil, fmt.Errorf("sign-in throttle: %w", err)
	}
	if retryAfter > 0 {
		return nil, &ThrottledError{RetryAfter: retryAfter}
	}
	return r, nil
}

// Succeeded ends a reservation whose password was right: the account's
// failures are forgotten, and the attempt is taken back from the address
// (whose other failures are kept: one good account must not unlock guessing
// at others from the same address).
func (r *Reservation) Succeeded(ctx context.Context) error {
	return r.undo(ctx, r.email)
}

// Release takes the attempt back from every key, as if it had not been made:
// for a request that never reached the password check, or a right password
// that is refused for another reason (no guessing happened).
func (r *Reservation) Release(ctx context.Context) error {
	return r.undo(ctx, false)
}

func (r *Reservation) undo(ctx context.Context, clearAccount bool) error {
	if len(r.keys) == 0 {
		return nil
	}
	err := r.t.Store.UpdateThrottles(ctx, r.keys, func(ts []kam.LoginThrottle) {
		for i := range ts {
			if i == 0 && clearAccount {
				ts[i] = kam.LoginThrottle{Key: ts[i].Key}
				continue
			}
			ts[i].Failures = max(ts[i].Failures-1, 0)
			if ts[i].LockedUntil.Equal(r.set[i]) {
				ts[i].LockedUntil = r.prev[i]
			}
		}
	})
	if err != nil {
		return fmt.Errorf("sign-in throttle: %w", err)
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
