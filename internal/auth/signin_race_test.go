package auth

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"kam/internal/kam"
)

// countingVerify is CheckPassword that counts its calls and lingers a
// little, so parallel sign-ins overlap the way slow argon2 checks do.
func countingVerify(n *atomic.Int64) func(string, string) (bool, error) {
	return func(enc, pw string) (bool, error) {
		n.Add(1)
		time.Sleep(2 * time.Millisecond)
		return CheckPassword(enc, pw)
	}
}

// Many parallel wrong passwords: only as many are hashed as the throttle
// allows before its lock; all the others are refused as throttled.
func TestSignInParallelGuessesAreCheckedAtMostLimitTimes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		email, ip func(i int) string
		want      int64
	}{
		{"one account from many addresses stops at the account limit",
			func(int) string { return "alice@example.com" }, func(i int) string { return fmt.Sprintf("192.0.2.%d", i) }, 5},
		{"many accounts from one address stop at the address limit",
			func(i int) string { return fmt.Sprintf("guess%d@example.com", i) }, func(int) string { return "198.51.100.7" }, 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a, _, _ := newAuthenticator(t)
			var checks atomic.Int64
			a.Verify = countingVerify(&checks)
			a.Hashing = NewHashLimiter(64, time.Minute)
			// Unknown emails are checked by FakeCheck, not Verify: count
			// lookups too, one per hashed attempt.
			var lookups atomic.Int64
			lookup := a.LookupUser
			a.LookupUser = func(ctx context.Context, email string) (kam.User, error) {
				lookups.Add(1)
				return lookup(ctx, email)
			}
			got := signInInParallel(t, a, 64, tt.email, tt.ip)
			if n := lookups.Load(); n != tt.want {
				t.Errorf("%d attempts looked up and hashed, want %d", n, tt.want)
			}
			if got[ErrBadCredentials] != int(tt.want) || got[ErrThrottled] != 64-int(tt.want) {
				t.Errorf("outcomes %v, want %d bad credentials and %d throttled", got, tt.want, 64-tt.want)
			}
			if c := checks.Load(); c > tt.want {
				t.Errorf("%d passwords checked, want at most %d", c, tt.want)
			}
		})
	}
}

// signInInParallel fires n wrong-password sign-ins at once and counts the
// outcomes by kind (ErrBadCredentials, ErrThrottled); any other error fails
// the test.
func signInInParallel(t *testing.T, a *Authenticator, n int, email, ip func(int) string) map[error]int {
	t.Helper()
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		got   = map[error]int{}
		start = make(chan struct{})
	)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, err := a.SignIn(context.Background(), email(i), "wrong horse battery", ip(i))
			mu.Lock()
			defer mu.Unlock()
			switch {
			case errors.Is(err, ErrThrottled):
				got[ErrThrottled]++
			case errors.Is(err, ErrBadCredentials):
				got[ErrBadCredentials]++
			default:
				t.Errorf("attempt %d: err = %v", i, err)
			}
		}()
	}
	close(start)
	wg.Wait()
	return got
}

func TestSignInHashesAtMostTheLimiterSlotsAtOnce(t *testing.T) {
	t.Parallel()
	a, _, _ := newAuthenticator(t)
	a.Throttle.AccountLimit, a.Throttle.AddressLimit = 1000, 1000
	a.Hashing = NewHashLimiter(2, time.Minute)
	var running, most atomic.Int64
	a.Verify = func(enc, pw string) (bool, error) {
		n := running.Add(1)
		defer running.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(5 * time.Millisecond)
		return CheckPassword(enc, pw)
	}
	got := signInInParallel(t, a, 12, func(int) string { return "alice@example.com" }, func(int) string { return "192.0.2.1" })
	if got[ErrBadCredentials] != 12 {
		t.Errorf("outcomes %v, want 12 bad credentials", got)
	}
	if m := most.Load(); m != 2 {
		t.Errorf("at most %d checks ran at once, want 2 (the limiter's slots)", m)
	}
}

// A sign-in that waits too long for a hashing slot gets the usual "try
// again later", and the attempt does not count against the account.
func TestSignInRefusedWhenNoHashingSlotIsFree(t *testing.T) {
	t.Parallel()
	a, _, _ := newAuthenticator(t)
	a.Hashing = NewHashLimiter(1, 20*time.Millisecond)
	var checks atomic.Int64
	a.Verify = countingVerify(&checks)
	hold, held, released := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() {
		a.Hashing.Do(context.Background(), func() { close(held); <-hold })
		close(released)
	}()
	<-held
	_, err := a.SignIn(context.Background(), "alice@example.com", "correct horse battery", "192.0.2.1")
	close(hold)
	<-released // the slot is free again before the second sign-in
	var te *ThrottledError
	if !errors.As(err, &te) || te.RetryAfter != busyRetry {
		t.Fatalf("err = %v, want a *ThrottledError with RetryAfter %v", err, busyRetry)
	}
	if checks.Load() != 0 {
		t.Error("the password was checked without a slot")
	}
	st := a.Throttle.Store.(*MemStore)
	for _, k := range []string{"email:alice@example.com", "ip:192.0.2.1"} {
		if th, _ := st.GetThrottle(context.Background(), k); th.Failures != 0 {
			t.Errorf("%s counts %d failures for an attempt never checked", k, th.Failures)
		}
	}
	if _, err := a.SignIn(context.Background(), "alice@example.com", "correct horse battery", "192.0.2.1"); err != nil {
		t.Errorf("sign-in once the slot is free: %v", err)
	}
}

func TestHashLimiterDo(t *testing.T) {
	t.Parallel()
	l := NewHashLimiter(1, time.Hour)
	hold, held := make(chan struct{}), make(chan struct{})
	go l.Do(context.Background(), func() { close(held); <-hold })
	<-held
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ran := false
	if err := l.Do(ctx, func() { ran = true }); !errors.Is(err, context.Canceled) || ran {
		t.Errorf("Do with a cancelled context while full = %v (ran %v), want context.Canceled", err, ran)
	}
	close(hold)
	if err := l.Do(context.Background(), func() { ran = true }); err != nil || !ran {
		t.Errorf("Do once free = %v (ran %v)", err, ran)
	}
	if n := NewHashLimiter(0, 0).Slots(); n < 2 {
		t.Errorf("default slots = %d, want 2×GOMAXPROCS", n)
	}
}
