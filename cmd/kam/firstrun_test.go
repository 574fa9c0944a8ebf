package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"kam/internal/auth"
	"kam/internal/demo"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/testkit"
)

// A port in use stops kam serve --demo before anything is loaded: the
// database stays empty, so the next start (on a free port) can still load
// the demo and print its passwords. Fails before this change: the demo was
// loaded first and only then did the listen fail.
func TestServeChecksTheAddressBeforeLoadingTheDemo(t *testing.T) {
	t.Parallel()
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	dsn := filepath.Join(t.TempDir(), "kam.db")
	var out bytes.Buffer
	err = run(context.Background(), []string{"serve", "--addr", taken.Addr().String(), "--db", dsn, "--demo"}, &out, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "--addr") {
		t.Fatalf("serve on a taken port: %v, want an error pointing at --addr", err)
	}
	if strings.Contains(out.String(), "password") {
		t.Fatalf("the demo was loaded before the port was checked:\n%s", out.String())
	}
	out.Reset()
	if err := run(context.Background(), []string{"demo", "users", "--db", dsn}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "No demo sign-ins") {
		t.Fatalf("the database is not empty after the failed start:\n%s", out.String())
	}
}

// The demo's sign-ins stay findable after the first start: `kam demo users`
// and a second `kam serve` print them; a password that was changed is not
// printed. Fails before this change: the second start said only that the
// demo was not loaded.
func TestDemoSignInsStayFindable(t *testing.T) {
	t.Parallel()
	dsn := filepath.Join(t.TempDir(), "kam.db")
	// The demo is loaded as `kam serve --demo` loads it, with cheap
	// password hashes so that the race detector's slowness does not
	// matter; what is checked is what later starts print.
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(context.Background(), service.New(db, service.Options{Passwords: auth.CheapParams()}), time.Now()); err != nil {
		t.Fatal(err)
	}
	db.Close()
	var out bytes.Buffer
	if err := run(context.Background(), []string{"user", "passwd", "--db", dsn, "--email", "li.na@zhilian.example", "--password", "a-new-secret-for-li-na"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := run(context.Background(), []string{"demo", "users", "--db", dsn}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{"zhou.liping@zhilian.example", "admin-demo-pass", "chen.jing@zhilian.example", "wang.lei@zhilian.example", "rep-demo-pass"} {
		if !strings.Contains(got, want) {
			t.Errorf("kam demo users lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "li.na@zhilian.example") {
		t.Errorf("kam demo users prints a user whose password was changed:\n%s", got)
	}

	ctx, cancel := context.WithCancel(context.Background())
	var second testkit.SyncBuffer
	done2 := make(chan error, 1)
	go func() {
		done2 <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", dsn, "--demo", "--drain", "1s"}, &second, io.Discard)
	}()
	waitFor(t, &second, "listening on")
	cancel()
	if err := <-done2; err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(second.String(), "admin-demo-pass") {
		t.Errorf("a second start of a demo database does not say how to sign in:\n%s", second.String())
	}
}

// A database without users says how to create the first administrator.
// Fails before this change: kam started silently on an empty sign-in page.
func TestServeOnAnEmptyDatabaseSaysHowToCreateTheFirstAdmin(t *testing.T) {
	t.Parallel()
	dsn := filepath.Join(t.TempDir(), "kam.db")
	ctx, cancel := context.WithCancel(context.Background())
	var out testkit.SyncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", dsn, "--drain", "1s"}, &out, io.Discard)
	}()
	waitFor(t, &out, "listening on")
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "kam user add --role admin") {
		t.Errorf("no word on the first admin:\n%s", out.String())
	}
}

// kam listens on this machine only unless told otherwise.
func TestServeListensOnLoopbackByDefault(t *testing.T) {
	t.Parallel()
	c, err := parseServe(nil, io.Discard, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	host, _, err := net.SplitHostPort(c.Addr)
	if err != nil {
		t.Fatal(err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		t.Errorf("default address %q is not a loopback address", c.Addr)
	}
}

// kam version prints what the build recorded, not "dev".
func TestVersionStringFromBuildInfo(t *testing.T) {
	t.Parallel()
	info := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "kam", Version: "(devel)"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-12-04T18:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}
	if got, want := versionString(info, true), "dev 0123456789ab+modified 2026-12-04T18:00:00Z go1.26.8"; got != want {
		t.Errorf("versionString = %q, want %q", got, want)
	}
	info.Main.Version = "v1.2.3"
	info.Settings = nil
	if got, want := versionString(info, true), "v1.2.3 go1.26.8"; got != want {
		t.Errorf("versionString = %q, want %q", got, want)
	}
}

func waitFor(t *testing.T, out *testkit.SyncBuffer, s string) {
	t.Helper()
	for i := 0; i < 1000; i++ {
		if strings.Contains(out.String(), s) {
			return
		}
		sleepBriefly()
	}
	t.Fatalf("never printed %q:\n%s", s, out.String())
}

func sleepBriefly() { time.Sleep(20 * time.Millisecond) }
