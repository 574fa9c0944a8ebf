package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/testkit"
)

// kamRun runs the binary's run with args and returns its output.
func kamRun(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	return out.String() + errOut.String(), err
}

// openTestService opens the database at dsn under a service with options
// o, for a test to read or prepare what the commands see; closeDB closes
// it.
func openTestService(t testing.TB, dsn string, o service.Options) (svc *service.Service, closeDB func()) {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	return service.New(db, o), func() { db.Close() }
}

// twoSellers makes a database in a new folder dir with two reps, li and
// liu (李强, 刘洋), and returns the folder, the database and its --db flag.
func twoSellers(t *testing.T) (dir, dsn, db string) {
	t.Helper()
	dir = t.TempDir()
	dsn = filepath.Join(dir, "kam.db")
	db = "--db=" + dsn
	mustRun(t, "user", "add", db, "--email=li@example.com", "--name=李强", "--role=rep", "--password=correct horse battery")
	mustRun(t, "user", "add", db, "--email=liu@example.com", "--name=刘洋", "--role=rep", "--password=correct horse battery")
	return dir, dsn, db
}

// mustRun runs args and fails the test on an error.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, err := kamRun(t, args...)
	if err != nil {
		t.Fatalf("kam %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// seed adds an account and an opportunity owned by the user with email,
// through the service, and returns the opportunity's id.
func seed(t *testing.T, dsn, email string) int64 {
	t.Helper()
	ctx := context.Background()
	svc, closeDB := openTestService(t, dsn, service.Options{Now: func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }})
	defer closeDB()
	u, err := userByEmail(ctx, svc, email)
	if err != nil {
		t.Fatal(err)
	}
	a := service.ActorOf(u)
	acct, err := svc.Accounts.Create(ctx, a, kam.Account{Name: "华夏重工集团", OwnerID: u.ID})
	if err != nil {
		t.Fatal(err)
	}
	o, err := svc.Opportunities.Create(ctx, a, kam.Opportunity{AccountID: acct.ID, Name: "CRM 二期", Product: "系统", Amount: 1_200_000,
		Currency: "CNY", Level: kam.LevelIn, CloseDate: kam.MustDate("2026-12-15"), OwnerID: u.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Quotas.Create(ctx, kam.System, kam.Quota{UserID: u.ID, Period: "2026Q4", Amount: 3_000_000, Currency: "CNY"}); err != nil {
		t.Fatal(err)
	}
	return o.ID
}

func TestCommands(t *testing.T) {
	t.Parallel()
	dsn := filepath.Join(t.TempDir(), "kam.db")
	db := "--db=" + dsn
	if out := mustRun(t, "migrate", db); !strings.Contains(out, "database is up to date") {
		t.Fatalf("migrate: %s", out)
	}
	if out := mustRun(t, "migrate", db); !strings.Contains(out, "up to date") {
		t.Fatalf("migrate twice: %s", out)
	}
	out := mustRun(t, "user", "add", db, "--email", "Rep@Example.com", "--name", "李销售", "--role", "rep", "--password", "correct horse battery")
	if !strings.Contains(out, "created: rep@example.com (Sales rep)") || strings.Contains(out, "temporary password") {
		t.Fatalf("user add: %s", out)
	}
	out = mustRun(t, "user", "add", db, "--email", "boss@example.com", "--name", "Boss", "--role", "admin")
	if !strings.Contains(out, "temporary password (to be changed at first sign-in): ") {
		t.Fatalf("user add with a generated password: %s", out)
	}
	if out := mustRun(t, "user", "list", db); !strings.Contains(out, "rep@example.com") || !strings.Contains(out, "boss@example.com") {
		t.Fatalf("user list: %s", out)
	}
	out = mustRun(t, "token", "create", db, "--email", "rep@example.com", "--name", "laptop")
	if !strings.Contains(out, "for rep@example.com (shown once") {
		t.Fatalf("token create: %s", out)
	}
	id := seed(t, dsn, "rep@example.com")

	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"flags prints the red flags in English", []string{"flags", itoa(id), db, "--lang", "en"},
			[]string{"CRM 二期 — 华夏重工集团", "Funnel level: In the funnel", "[High] no-economic — No Economic buyer", "Why:", "Next:"}},
		{"flags speaks Chinese by default", []string{"flags", db, itoa(id)}, []string{"漏斗位置: 漏斗之中", "[高] no-economic", "没有财务决策者", "原因：", "下一步："}},
		{"funnel prints the report against quota", []string{"funnel", db, "--owner", "rep@example.com", "--period", "2026Q4", "--lang", "en"},
			[]string{"李销售 — 2026Q4", "2026Q4"}},
		{"version", []string{"version"}, []string{"kam dev"}},
		{"help", []string{"help"}, []string{"Usage:", "kam flags OPPORTUNITY_ID"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := mustRun(t, c.args...)
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

func TestCommandErrors(t *testing.T) {
	t.Parallel()
	dsn := filepath.Join(t.TempDir(), "kam.db")
	db := "--db=" + dsn
	mustRun(t, "migrate", db)
	mustRun(t, "user", "add", db, "--email", "rep@example.com", "--name", "Rep", "--password", "correct horse battery")
	cases := []struct {
		name  string
		args  []string
		usage bool   // a usage error (exit status 2)
		want  string // in the error
	}{
		{"no command", nil, true, "Usage:"},
		{"an unknown command", []string{"sell"}, true, `unknown command "sell"`},
		{"flags without an id", []string{"flags", db}, true, "want an opportunity id"},
		{"flags with a bad id", []string{"flags", "abc", db}, true, `"abc" is not an id`},
		{"flags with a bad language", []string{"flags", "1", db, "--lang", "fr"}, true, "--lang"},
		{"flags of a missing opportunity", []string{"flags", "999", db}, false, "not found"},
		{"funnel without an owner", []string{"funnel", db}, true, "--owner is required"},
		{"funnel of an unknown owner", []string{"funnel", db, "--owner", "nobody@example.com"}, false, "no user with email"},
		{"funnel with a bad period", []string{"funnel", db, "--owner", "rep@example.com", "--period", "soon"}, false, "period"},
		{"an unknown flag", []string{"funnel", db, "--colour", "red"}, true, "colour"},
		{"user without a subcommand", []string{"user"}, true, "want add, passwd or list"},
		{"user add without an email", []string{"user", "add", db, "--name", "X", "--password", "correct horse battery"}, false, "email"},
		{"a duplicate user", []string{"user", "add", db, "--email", "rep@example.com", "--name", "Again", "--password", "correct horse battery"}, false, ""},
		{"token without create", []string{"token", "list"}, true, "want create"},
		{"serve with a bad address", []string{"serve", db, "--addr", "nowhere"}, true, "--addr"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, err := kamRun(t, c.args...)
			if err == nil {
				t.Fatalf("no error; output %s", out)
			}
			var u usageError
			if errors.As(err, &u) != c.usage {
				t.Errorf("usage error = %v, want %v: %v", !c.usage, c.usage, err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q lacks %q", err, c.want)
			}
		})
	}
}

var (
	listening   = regexp.MustCompile(`listening on (http://\S+)`)
	tokenSecret = regexp.MustCompile(`kam_[A-Za-z0-9_-]+`)
)

// startServe runs kam serve on dsn at a free port until ctx ends, and returns
// its address once it listens, and the channel serve's result arrives on.
func startServe(t *testing.T, ctx context.Context, dsn string, extra ...string) (string, <-chan error) {
	t.Helper()
	var out testkit.SyncBuffer
	done := make(chan error, 1)
	args := append([]string{"serve", "--addr", "127.0.0.1:0", "--db", dsn, "--drain", "5s"}, extra...)
	go func() {
		done <- run(ctx, args, &out, io.Discard)
	}()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if m := listening.FindStringSubmatch(out.String()); m != nil {
			return m[1], done
		}
		select {
		case err := <-done:
			t.Fatalf("serve returned before listening: %v\n%s", err, out.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start: %s", out.String())
		}
	}
}

// A session that ran out before kam started: serve's sweeper removes it.
func TestServeSweepsRunOutSessions(t *testing.T) {
	t.Parallel()
	dsn := filepath.Join(t.TempDir(), "kam.db")
	mustRun(t, "user", "add", "--db", dsn, "--email", "old@example.com", "--name", "Old", "--password", "correct horse battery")
	expiredSession := func() bool {
		t.Helper()
		svc, closeDB := openTestService(t, dsn, service.Options{})
		defer closeDB()
		_, err := svc.AuthStore().GetSession(context.Background(), "run-out")
		if err != nil && !errors.Is(err, kam.ErrNotFound) {
			t.Fatal(err)
		}
		return err == nil
	}
	{
		db, err := store.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		svc := service.New(db, service.Options{})
		u, err := userByEmail(context.Background(), svc, "old@example.com")
		if err == nil {
			past := time.Now().Add(-24 * time.Hour)
			err = svc.AuthStore().InsertSession(context.Background(), kam.Session{IDHash: "run-out", UserID: u.ID,
				CreatedAt: past, LastSeenAt: past, ExpiresAt: past.Add(time.Hour)})
		}
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	if !expiredSession() {
		t.Fatal("the run-out session was not stored")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, done := startServe(t, ctx, dsn)
	deadline := time.Now().Add(20 * time.Second)
	for expiredSession() {
		if time.Now().After(deadline) {
			t.Fatal("serve did not sweep the run-out session")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve after cancel: %v, want nil", err)
	}
}

func TestServeDrainsAndReturnsNilWhenCancelled(t *testing.T) {
	t.Parallel()
	dsn := filepath.Join(t.TempDir(), "kam.db")
	mustRun(t, "migrate", "--db", dsn)
	mustRun(t, "user", "add", "--db", dsn, "--email", "rep@example.com", "--name", "Rep", "--password", "correct horse battery")
	secret := tokenSecret.FindString(mustRun(t, "token", "create", "--db", dsn, "--email", "rep@example.com"))
	if secret == "" {
		t.Fatal("token create printed no secret")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base, done := startServe(t, ctx, dsn)
	for _, c := range []struct {
		path   string
		status int
	}{
		{"/api/v1/openapi.json", http.StatusOK},
		{"/api/v1/me", http.StatusUnauthorized},
	} {
		resp, err := http.Get(base + c.path)
		if err != nil {
			t.Fatalf("GET %s: %v", c.path, err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.status {
			t.Errorf("GET %s = %d, want %d", c.path, resp.StatusCode, c.status)
		}
	}
	// A slow request: its handler is running (the server asked for the body
	// with 100 Continue, which it does when the handler first reads it)
	// when the shutdown begins, and its body arrives only afterwards.
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := `{"name":"in flight"}`
	fmt.Fprintf(conn, "POST /api/v1/tokens HTTP/1.1\r\nHost: kam\r\nAuthorization: Bearer %s\r\n"+
		"Content-Type: application/json\r\nContent-Length: %d\r\nExpect: 100-continue\r\n\r\n", secret, len(body))
	if err := conn.SetReadDeadline(time.Now().Add(10 * time.Second)); err != nil {
		t.Fatal(err)
	}
	rd := bufio.NewReader(conn)
	if line, err := rd.ReadString('\n'); err != nil || !strings.HasPrefix(line, "HTTP/1.1 100") {
		t.Fatalf("the slow request was not taken up: %q, %v", line, err)
	}
	if _, err := rd.ReadString('\n'); err != nil { // the blank line after 100 Continue
		t.Fatal(err)
	}

	cancel()
	// The server drains: it stops accepting, but does not return while the
	// request is in flight.
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", strings.TrimPrefix(base, "http://"), time.Second)
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("the server still accepts connections after cancel")
		}
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case err := <-done:
		t.Fatalf("serve returned (%v) with a request in flight", err)
	default:
	}
	if _, err := io.WriteString(conn, body); err != nil {
		t.Fatalf("send the rest of the slow request: %v", err)
	}
	resp, err := http.ReadResponse(rd, nil)
	if err != nil {
		t.Fatalf("the in-flight request got no answer: %v", err)
	}
	answer, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || !strings.Contains(string(answer), `"in flight"`) {
		t.Errorf("the in-flight request: %d %s, want 201 with the token", resp.StatusCode, answer)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve after cancel: %v, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not return after its context was cancelled")
	}
	if _, err := http.Get(base + "/api/v1/openapi.json"); err == nil {
		t.Error("the server still answers after shutting down")
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
