package auth

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

// One IPv6 client holds a whole /64 and can change addresses within it at
// will, so the address key covers the /64; IPv4 stays per address.
func TestThrottleKeysIPv6ByNetwork(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		addr    func(i int) string
		probe   string
		blocked bool
	}{
		{"rotating within one IPv6 /64 is still locked", func(i int) string { return fmt.Sprintf("2001:db8:1:2::%x", i+1) }, "2001:db8:1:2:ffff::1", true},
		{"another IPv6 /64 is not locked", func(i int) string { return fmt.Sprintf("2001:db8:1:2::%x", i+1) }, "2001:db8:1:3::1", false},
		{"another IPv4 address is not locked", func(i int) string { return "192.0.2.1" }, "192.0.2.2", false},
		{"the same IPv4 address is locked", func(i int) string { return "192.0.2.1" }, "192.0.2.1", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			th, _, _ := newThrottle()
			// Different emails, so only the address key can lock.
			for i := range 20 {
				if err := th.Fail(ctx, fmt.Sprintf("u%d@example.com", i), c.addr(i)); err != nil {
					t.Fatal(err)
				}
			}
			_, err := th.Allow(ctx, "someone@example.com", c.probe)
			if got := errors.Is(err, ErrThrottled); got != c.blocked {
				t.Fatalf("throttled = %v (%v), want %v", got, err, c.blocked)
			}
		})
	}
}
