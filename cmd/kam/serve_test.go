package main

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kam/internal/kam"
	"kam/internal/service"
)

// TestParseServe: --password-checks and --cleanup-every come from the flags
// over KAM_PASSWORD_CHECKS and KAM_CLEANUP_EVERY over the defaults, and
// values out of range stop kam at start with a usage error naming them.
func TestParseServe(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		args   []string
		env    map[string]string
		checks int
		every  time.Duration
		err    string // in the usage error; "" when the config is valid
	}{
		{name: "defaults", checks: 0, every: service.DefaultCleanUpEvery},
		{name: "flags", args: []string{"--password-checks", "3", "--cleanup-every", "90s"}, checks: 3, every: 90 * time.Second},
		{name: "environment", env: map[string]string{"KAM_PASSWORD_CHECKS": "5", "KAM_CLEANUP_EVERY": "1h"}, checks: 5, every: time.Hour},
		{name: "flags over environment", args: []string{"--password-checks=2", "--cleanup-every=5m"},
			env: map[string]string{"KAM_PASSWORD_CHECKS": "5", "KAM_CLEANUP_EVERY": "1h"}, checks: 2, every: 5 * time.Minute},
		{name: "the largest cap", args: []string{"--password-checks", "256"}, checks: 256, every: service.DefaultCleanUpEvery},
		{name: "a negative cap", args: []string{"--password-checks", "-1"}, err: "--password-checks -1"},
		{name: "too large a cap", args: []string{"--password-checks", "257"}, err: "--password-checks 257"},
		{name: "a cap that is no number", args: []string{"--password-checks", "many"}, err: "password-checks"},
		{name: "a cap in the environment that is no number", env: map[string]string{"KAM_PASSWORD_CHECKS": "many"}, err: `KAM_PASSWORD_CHECKS="many"`},
		{name: "an interval of zero", args: []string{"--cleanup-every", "0s"}, err: "--cleanup-every 0s"},
		{name: "too short an interval", args: []string{"--cleanup-every", "10ms"}, err: "--cleanup-every 10ms"},
		{name: "a negative interval", env: map[string]string{"KAM_CLEANUP_EVERY": "-5m"}, err: "--cleanup-every -5m0s"},
		{name: "an interval in the environment that is no duration", env: map[string]string{"KAM_CLEANUP_EVERY": "hourly"}, err: `KAM_CLEANUP_EVERY="hourly"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			getenv := func(k string) string { return c.env[k] }
			got, err := parseServe(c.args, io.Discard, getenv)
			if c.err != "" {
				var u usageError
				if !errors.As(err, &u) || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want a usage error containing %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.PasswordChecks != c.checks || got.CleanupEvery != c.every {
				t.Errorf("password checks %d, cleanup every %s; want %d, %s", got.PasswordChecks, got.CleanupEvery, c.checks, c.every)
			}
		})
	}
}

// TestServePasswordChecksReachTheService: the cap becomes the service's
// hashing limiter, which sign-ins and new passwords share.
func TestServePasswordChecksReachTheService(t *testing.T) {
	t.Parallel()
	c, err := parseServe([]string{"--password-checks", "3"}, io.Discard, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	o := c.serviceOptions(nil)
	if o.Hashing == nil || o.Hashing.Slots() != 3 {
		t.Fatalf("service hashing limiter = %v, want 3 slots", o.Hashing)
	}
	if d, _ := parseServe(nil, io.Discard, func(string) string { return "" }); d.serviceOptions(nil).Hashing != nil {
		t.Error("without --password-checks the service should share the default limiter")
	}
}

// TestServeCleanupEvery: with --cleanup-every 1s, a session that runs out
// after kam started is swept within seconds, not after the default 15
// minutes.
func TestServeCleanupEvery(t *testing.T) {
	t.Parallel()
	dsn := filepath.Join(t.TempDir(), "kam.db")
	mustRun(t, "user", "add", "--db", dsn, "--email", "old@example.com", "--name", "Old", "--password", "correct horse battery")
	svc, closeDB := openTestService(t, dsn, service.Options{})
	defer closeDB()
	u, err := userByEmail(context.Background(), svc, "old@example.com")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, done := startServe(t, ctx, dsn, "--cleanup-every", "1s")
	// The session runs out two seconds from now, after the sweep at start:
	// only a later sweep removes it.
	now := time.Now()
	if err := svc.AuthStore().InsertSession(context.Background(), kam.Session{IDHash: "runs-out-later", UserID: u.ID,
		CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(2 * time.Second)}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		_, err := svc.AuthStore().GetSession(context.Background(), "runs-out-later")
		if errors.Is(err, kam.ErrNotFound) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if time.Now().After(deadline) {
			t.Fatal("serve did not sweep the session within 15 s at --cleanup-every 1s")
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve after cancel: %v, want nil", err)
	}
}

// Single sign-on comes from flags or KAM_OIDC_*; the secret is read from
// the environment too, and the callback follows --base-url.
func TestParseServeOIDC(t *testing.T) {
	t.Parallel()
	env := map[string]string{"KAM_OIDC_ISSUER": "https://login.example.com", "KAM_OIDC_CLIENT_ID": "kam",
		"KAM_OIDC_CLIENT_SECRET": "s3cret", "KAM_BASE_URL": "https://kam.example.com/"}
	c, err := parseServe(nil, io.Discard, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	o := c.oidc()
	if o == nil || o.Issuer != "https://login.example.com" || o.ClientID != "kam" || o.ClientSecret != "s3cret" ||
		o.RedirectURL != "https://kam.example.com/signin/oidc/callback" {
		t.Errorf("oidc config %+v", o)
	}
	if d, _ := parseServe(nil, io.Discard, func(string) string { return "" }); d.oidc() != nil {
		t.Error("single sign-on on without an issuer")
	}
	for args, want := range map[string]string{
		"--oidc-issuer=https://login.example.com --base-url=https://kam.example.com":              "--oidc-client-id",
		"--oidc-issuer=https://login.example.com --oidc-client-id=kam":                            "--base-url",
		"--oidc-issuer=login.example.com --oidc-client-id=kam --base-url=https://kam.example.com": "--oidc-issuer",
	} {
		_, err := parseServe(strings.Fields(args), io.Discard, func(string) string { return "" })
		var u usageError
		if !errors.As(err, &u) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want a usage error about %s", args, err, want)
		}
	}
}
