package auth

import (
	"context"
	"errors"
	"testing"
	"time"

	"kam/internal/kam"
	"kam/internal/testkit"
)

func newThrottle() (*Throttle, *testkit.Clock, *MemStore) {
	c := newClock()
	st := NewMemStore()
	return &Throttle{Store: st, Now: c.Now}, c, st
}

func TestThrottleLocksAfterLimitWithGrowingDelays(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	th, c, _ := newThrottle()
	const email, ip = "alice@example.com", "192.0.2.1"
	for i := 1; i <= 4; i++ {
		if err := th.Fail(ctx, email, ip); err != nil {
			t.Fatal(err)
		}
		if retry, err := th.Allow(ctx, email, ip); err != nil || retry != 0 {
			t.Fatalf("after %d failures Allow = %v, %v; want allowed", i, retry, err)
		}
	}
	// Failure 5 locks for 1 s, then each failure doubles, capped at 15 min.
	want := []time.Duration{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900}
	for i, w := range want {
		w *= time.Second
		if err := th.Fail(ctx, email, ip); err != nil {
			t.Fatal(err)
		}
		retry, err := th.Allow(ctx, email, ip)
		var te *ThrottledError
		if !errors.Is(err, ErrThrottled) || !errors.As(err, &te) {
			t.Fatalf("failure %d: err = %v, want ErrThrottled", 5+i, err)
		}
		if retry != w || te.RetryAfter != w {
			t.Fatalf("failure %d: retry = %v, want %v", 5+i, retry, w)
		}
		c.Advance(w - time.Millisecond)
		if _, err := th.Allow(ctx, email, ip); err == nil {
			t.Fatalf("failure %d: allowed before the lock ended", 5+i)
		}
		c.Advance(time.Millisecond)
		if _, err := th.Allow(ctx, email, ip); err != nil {
			t.Fatalf("failure %d: refused after the lock ended: %v", 5+i, err)
		}
	}
}

func TestThrottleKeysAccountCaseInsensitively(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	th, _, st := newThrottle()
	for range 5 {
		if err := th.Fail(ctx, "  Alice@Example.COM ", ""); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := th.Allow(ctx, "alice@example.com", "198.51.100.7"); !errors.Is(err, ErrThrottled) {
		t.Errorf("lower-case email from another address: err = %v, want ErrThrottled", err)
	}
	got, _ := st.GetThrottle(ctx, "email:alice@example.com")
	if got.Failures != 5 {
		t.Errorf("failures = %d, want 5 under the lower-cased key", got.Failures)
	}
}

func TestThrottleAddressLockCoversEveryEmail(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	th, _, _ := newThrottle()
	th.AccountLimit = 100
	const ip = "192.0.2.9"
	for i := range 20 {
		email := string(rune('a'+i)) + "@example.com"
		if _, err := th.Allow(ctx, email, ip); err != nil {
			t.Fatalf("attempt %d refused too early: %v", i+1, err)
		}
		if err := th.Fail(ctx, email, ip); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := th.Allow(ctx, "fresh@example.com", ip); !errors.Is(err, ErrThrottled) {
		t.Errorf("new email from locked address: err = %v, want ErrThrottled", err)
	}
	if _, err := th.Allow(ctx, "fresh@example.com", "192.0.2.10"); err != nil {
		t.Errorf("new email from another address refused: %v", err)
	}
}

func TestThrottleSuccessResetsAccountNotAddress(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	th, _, st := newThrottle()
	const email, ip = "bob@example.com", "192.0.2.2"
	for range 4 {
		if err := th.Fail(ctx, email, ip); err != nil {
			t.Fatal(err)
		}
	}
	if err := th.Success(ctx, email, ip); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.GetThrottle(ctx, "email:"+email); got.Failures != 0 {
		t.Errorf("email failures after success = %d, want 0", got.Failures)
	}
	if got, _ := st.GetThrottle(ctx, "ip:"+ip); got.Failures != 4 {
		t.Errorf("address failures after success = %d, want 4 (kept)", got.Failures)
	}
	// Four more failures do not lock: the count restarted.
	for range 4 {
		_ = th.Fail(ctx, email, ip)
	}
	if _, err := th.Allow(ctx, email, ip); err != nil {
		t.Errorf("locked after reset and 4 failures: %v", err)
	}
}

func TestThrottleFailuresDecay(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		gap        time.Duration
		wantLocked bool
	}{
		{"failures within the window add up and lock", 59 * time.Minute, true},
		{"failures older than the window are forgotten", time.Hour, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			th, c, st := newThrottle()
			const email = "carol@example.com"
			for range 4 {
				_ = th.Fail(ctx, email, "")
			}
			c.Advance(tt.gap)
			if err := th.Fail(ctx, email, ""); err != nil {
				t.Fatal(err)
			}
			_, err := th.Allow(ctx, email, "")
			if locked := errors.Is(err, ErrThrottled); locked != tt.wantLocked {
				got, _ := st.GetThrottle(ctx, "email:"+email)
				t.Errorf("locked = %v, want %v (throttle %+v)", locked, tt.wantLocked, got)
			}
		})
	}
}

func TestLockDelayDoesNotOverflow(t *testing.T) {
	t.Parallel()
	if got := lockDelay(10_000, time.Second, 15*time.Minute); got != 15*time.Minute {
		t.Errorf("lockDelay(10000) = %v, want 15m", got)
	}
}

func TestMsgThrottled(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		retry time.Duration
		want  kam.Text
	}{
		{"under a second rounds up to one second", 300 * time.Millisecond,
			kam.T("Too many sign-in attempts. Please try again in 1 second.", "登录尝试次数过多，请在 1 秒后重试。")},
		{"seconds are counted", 16 * time.Second,
			kam.T("Too many sign-in attempts. Please try again in 16 seconds.", "登录尝试次数过多，请在 16 秒后重试。")},
		{"minutes round up", 61 * time.Second,
			kam.T("Too many sign-in attempts. Please try again in 2 minutes.", "登录尝试次数过多，请在 2 分钟后重试。")},
		{"one minute is singular", time.Minute,
			kam.T("Too many sign-in attempts. Please try again in 1 minute.", "登录尝试次数过多，请在 1 分钟后重试。")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := MsgThrottled(tt.retry); got != tt.want {
				t.Errorf("MsgThrottled(%v) = %+v, want %+v", tt.retry, got, tt.want)
			}
		})
	}
}

func TestThrottleReserve(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	const email, ip = "erin@example.com", "192.0.2.5"
	failures := func(st *MemStore, key string) kam.LoginThrottle {
		th, _ := st.GetThrottle(ctx, key)
		return th
	}
	t.Run("the attempt that reaches the limit locks the next ones out", func(t *testing.T) {
		t.Parallel()
		th, _, _ := newThrottle()
		for i := range 5 {
			if _, err := th.Reserve(ctx, email, ip); err != nil {
				t.Fatalf("attempt %d: %v", i+1, err)
			}
		}
		if _, err := th.Reserve(ctx, email, ip); !errors.Is(err, ErrThrottled) {
			t.Fatalf("attempt 6: err = %v, want ErrThrottled", err)
		}
	})
	t.Run("a refused attempt counts nothing", func(t *testing.T) {
		t.Parallel()
		th, _, st := newThrottle()
		for range 5 {
			_ = th.Fail(ctx, email, "")
		}
		if _, err := th.Reserve(ctx, email, ip); !errors.Is(err, ErrThrottled) {
			t.Fatalf("err = %v, want ErrThrottled", err)
		}
		if got := failures(st, "email:"+email).Failures; got != 5 {
			t.Errorf("account failures = %d, want 5", got)
		}
		if got := failures(st, "ip:"+ip); got.Failures != 0 {
			t.Errorf("address throttle = %+v, want none", got)
		}
	})
	t.Run("success forgets the account and takes the attempt back from the address", func(t *testing.T) {
		t.Parallel()
		th, _, st := newThrottle()
		th.AccountLimit = 100
		for range 19 {
			_ = th.Fail(ctx, "other@example.com", ip)
		}
		r, err := th.Reserve(ctx, email, ip)
		if err != nil {
			t.Fatal(err)
		}
		if got := failures(st, "ip:"+ip); got.Failures != 20 || got.LockedUntil.IsZero() {
			t.Fatalf("reserved address throttle = %+v, want 20 failures and a lock", got)
		}
		if err := r.Succeeded(ctx); err != nil {
			t.Fatal(err)
		}
		if got := failures(st, "ip:"+ip); got.Failures != 19 || !got.LockedUntil.IsZero() {
			t.Errorf("address throttle after success = %+v, want 19 failures and no lock", got)
		}
		if got := failures(st, "email:"+email); got.Failures != 0 {
			t.Errorf("account throttle after success = %+v, want none", got)
		}
	})
	t.Run("release takes the attempt back but keeps a later lock", func(t *testing.T) {
		t.Parallel()
		th, _, st := newThrottle()
		for range 3 {
			_ = th.Fail(ctx, email, ip)
		}
		r4, err := th.Reserve(ctx, email, ip)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := th.Reserve(ctx, email, ip); err != nil { // the 5th locks
			t.Fatal(err)
		}
		if err := r4.Release(ctx); err != nil {
			t.Fatal(err)
		}
		got := failures(st, "email:"+email)
		if got.Failures != 4 || got.LockedUntil.IsZero() {
			t.Errorf("account throttle = %+v, want 4 failures and the 5th attempt's lock", got)
		}
	})
	t.Run("release of the locking attempt lifts its lock", func(t *testing.T) {
		t.Parallel()
		th, _, st := newThrottle()
		for range 4 {
			_ = th.Fail(ctx, email, "")
		}
		r, err := th.Reserve(ctx, email, "")
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Release(ctx); err != nil {
			t.Fatal(err)
		}
		if got := failures(st, "email:"+email); got.Failures != 4 || !got.LockedUntil.IsZero() {
			t.Errorf("account throttle = %+v, want 4 failures and no lock", got)
		}
	})
}
