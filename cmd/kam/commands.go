package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"kam/internal/auth"
	"kam/internal/demo"
	"kam/internal/kam"
	"kam/internal/notify"
	"kam/internal/push"
	"kam/internal/server"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/web"
)

// config is what the binary runs with: flags over KAM_* environment
// variables over defaults.
type config struct {
	Addr       string
	DB         string
	Demo       bool
	TrustProxy bool
	Drain      time.Duration
	// PasswordChecks caps the password hashes running at once (sign-ins,
	// password changes, new users); 0: 2×GOMAXPROCS.
	PasswordChecks int
	// CleanupEvery is how often expired sessions and stale sign-in
	// throttles are swept.
	CleanupEvery time.Duration
	// SecretKey encrypts push channels' addresses and secrets in the
	// database; BaseURL is kam's public address for the links in pushes.
	SecretKey string
	BaseURL   string
	// MetricsAddr serves /metrics on a listener of its own; MetricsToken
	// serves it on the main port to a bearer of the token.
	MetricsAddr  string
	MetricsToken string
	// LogFormat is "text" or "json"; json also logs one line per request.
	LogFormat string
	// OIDC* configure single sign-on through an OpenID Connect provider;
	// OIDCIssuer "" turns it off.
	OIDCIssuer       string
	OIDCClientID     string
	OIDCClientSecret string
	OIDCName         string
}

// Bounds of the serve flags that take numbers.
const (
	// maxPasswordChecks: each check holds about 46 MiB with the default
	// parameters, so 256 at once is already 11.5 GiB.
	maxPasswordChecks = 256
	// minCleanupEvery: a sweep is one write transaction; more often than
	// this only loads the database.
	minCleanupEvery = time.Second
)

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func (c *config) validate() error {
	if c.DB == "" {
		return usageError("kam: --db must not be empty")
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return usageError(fmt.Sprintf("kam: --addr %q: want host:port such as :8080", c.Addr))
	}
	if c.Drain <= 0 {
		return usageError("kam: --drain must be positive")
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return usageError(fmt.Sprintf("kam: --log-format %q: want text or json", c.LogFormat))
	}
	if c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			return usageError(fmt.Sprintf("kam: --metrics-addr %q: want host:port such as 127.0.0.1:9090", c.MetricsAddr))
		}
	}
	if c.PasswordChecks < 0 || c.PasswordChecks > maxPasswordChecks {
		return usageError(fmt.Sprintf("kam: --password-checks %d: want 1 to %d password checks at once (0: twice the CPUs)", c.PasswordChecks, maxPasswordChecks))
	}
	if c.OIDCIssuer != "" {
		if u, err := url.Parse(c.OIDCIssuer); err != nil || u.Host == "" || u.Scheme != "https" && u.Scheme != "http" {
			return usageError(fmt.Sprintf("kam: --oidc-issuer %q: want the provider's issuer URL, such as https://login.example.com", c.OIDCIssuer))
		}
		if c.OIDCClientID == "" {
			return usageError("kam: --oidc-issuer needs --oidc-client-id (env KAM_OIDC_CLIENT_ID)")
		}
		if u, err := url.Parse(c.BaseURL); c.BaseURL == "" || err != nil || u.Host == "" {
			return usageError("kam: --oidc-issuer needs --base-url, kam's public address: the provider sends people back to <base-url>/signin/oidc/callback")
		}
	}
	if c.CleanupEvery < minCleanupEvery {
		return usageError(fmt.Sprintf("kam: --cleanup-every %s: want a duration of at least %s, such as 15m", c.CleanupEvery, minCleanupEvery))
	}
	return nil
}

// envInt is the integer in the environment variable key, def when unset.
func envInt(getenv func(string) string, key string, def int) (int, error) {
	v := getenv(key)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return 0, usageError(fmt.Sprintf("kam: %s=%q: want a whole number", key, v))
	}
	return n, nil
}

// envDuration is the duration in the environment variable key, def when
// unset.
func envDuration(getenv func(string) string, key string, def time.Duration) (time.Duration, error) {
	v := getenv(key)
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(strings.TrimSpace(v))
	if err != nil {
		return 0, usageError(fmt.Sprintf("kam: %s=%q: want a duration such as 15m or 1h", key, v))
	}
	return d, nil
}

// DefaultAddr is where kam serve listens unless told otherwise: this
// machine only, so that a first start exposes nothing to the network.
const DefaultAddr = "127.0.0.1:8080"

// parseServe reads kam serve's flags over the environment (getenv) and
// checks them.
func parseServe(args []string, stderr io.Writer, getenv func(string) string) (config, error) {
	or := func(key, def string) string {
		if v := getenv(key); v != "" {
			return v
		}
		return def
	}
	var c config
	checks, err := envInt(getenv, "KAM_PASSWORD_CHECKS", 0)
	if err != nil {
		return c, err
	}
	every, err := envDuration(getenv, "KAM_CLEANUP_EVERY", service.DefaultCleanUpEvery)
	if err != nil {
		return c, err
	}
	fs := newFlags("serve", stderr)
	fs.StringVar(&c.Addr, "addr", or("KAM_ADDR", DefaultAddr), "address to listen on; this machine only by default, :8080 for every interface (env KAM_ADDR)")
	fs.StringVar(&c.DB, "db", or("KAM_DB", "kam.db"), "SQLite file or postgres:// DSN (env KAM_DB)")
	fs.BoolVar(&c.Demo, "demo", false, "load the demo data into an empty database")
	fs.BoolVar(&c.TrustProxy, "trust-proxy", getenv("KAM_TRUST_PROXY") == "true", "trust X-Forwarded-For/-Proto from a reverse proxy (env KAM_TRUST_PROXY)")
	fs.DurationVar(&c.Drain, "drain", 20*time.Second, "how long to let in-flight requests finish on shutdown")
	fs.IntVar(&c.PasswordChecks, "password-checks", checks, "password hashes (sign-ins, password changes, new users) running at once, about 46 MiB each; 0: twice the CPUs (env KAM_PASSWORD_CHECKS)")
	fs.DurationVar(&c.CleanupEvery, "cleanup-every", every, "how often expired sessions and stale sign-in throttles are swept (env KAM_CLEANUP_EVERY)")
	fs.StringVar(&c.SecretKey, "secret-key", "", "key that encrypts push channels' webhook addresses and secrets in the database (env KAM_SECRET_KEY; prefer the variable: flags show in the process list)")
	fs.StringVar(&c.BaseURL, "base-url", or("KAM_BASE_URL", ""), "kam's public address, for the links in pushes, e.g. https://kam.example.com (env KAM_BASE_URL)")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", or("KAM_METRICS_ADDR", ""), "serve Prometheus metrics at /metrics on this address of its own, e.g. 127.0.0.1:9090 (env KAM_METRICS_ADDR)")
	fs.StringVar(&c.LogFormat, "log-format", or("KAM_LOG_FORMAT", "text"), "text, or json: JSON lines with one line per request (env KAM_LOG_FORMAT)")
	fs.StringVar(&c.OIDCIssuer, "oidc-issuer", or("KAM_OIDC_ISSUER", ""), "single sign-on: the OpenID Connect provider's issuer URL; needs --base-url (env KAM_OIDC_ISSUER)")
	fs.StringVar(&c.OIDCClientID, "oidc-client-id", or("KAM_OIDC_CLIENT_ID", ""), "single sign-on: kam's client id at the provider (env KAM_OIDC_CLIENT_ID)")
	fs.StringVar(&c.OIDCClientSecret, "oidc-client-secret", "", "single sign-on: kam's client secret at the provider (env KAM_OIDC_CLIENT_SECRET; prefer the variable: flags show in the process list)")
	fs.StringVar(&c.OIDCName, "oidc-name", or("KAM_OIDC_NAME", ""), "single sign-on: the provider's name on the sign-in button, e.g. 企业微信 or Okta (env KAM_OIDC_NAME)")
	if err := fs.Parse(args); err != nil {
		return c, usageError(err.Error())
	}
	if c.OIDCClientSecret == "" {
		c.OIDCClientSecret = getenv("KAM_OIDC_CLIENT_SECRET")
	}
	c.MetricsToken = getenv("KAM_METRICS_TOKEN")
	if c.SecretKey == "" {
		c.SecretKey = getenv("KAM_SECRET_KEY")
	}
	return c, c.validate()
}

// oidc is the web's single sign-on for c; nil when off.
func (c config) oidc() *web.OIDC {
	if c.OIDCIssuer == "" {
		return nil
	}
	return &web.OIDC{Issuer: c.OIDCIssuer, ClientID: c.OIDCClientID, ClientSecret: c.OIDCClientSecret,
		RedirectURL: strings.TrimRight(c.BaseURL, "/") + "/signin/oidc/callback", Name: c.OIDCName}
}

// serviceOptions are the service's options for c.
func (c config) serviceOptions(log *slog.Logger) service.Options {
	o := service.Options{Logger: log, SecretKey: c.SecretKey, BaseURL: c.BaseURL}
	if c.PasswordChecks > 0 {
		o.Hashing = auth.NewHashLimiter(c.PasswordChecks, 0)
	}
	return o
}

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(name string, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("kam "+name, flag.ContinueOnError)
	fs.SetOutput(out)
	return fs
}

func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", envOr("KAM_DB", "kam.db"), "SQLite file or postgres:// DSN (env KAM_DB)")
}

// openService opens and migrates the database.
func openService(ctx context.Context, dsn string, log *slog.Logger) (*service.Service, func(), error) {
	return openServiceWith(ctx, dsn, service.Options{Logger: log})
}

// openServiceWith is openService with the service's options o.
func openServiceWith(ctx context.Context, dsn string, o service.Options) (*service.Service, func(), error) {
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, nil, fmt.Errorf("open database: %w", err)
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("migrate: %w", err)
	}
	return service.New(db, o), func() { db.Close() }, nil
}

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseServe(args, stderr, os.Getenv)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	if c.LogFormat == "json" {
		log = slog.New(slog.NewJSONHandler(stderr, nil))
	}
	svc, closeDB, err := openServiceWith(ctx, c.DB, c.serviceOptions(log))
	if err != nil {
		return err
	}
	defer closeDB()
	// The address is taken before anything is loaded, so that a port in use
	// fails at once instead of after the demo load.
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (choose another with --addr)", c.Addr, err)
	}
	defer ln.Close()
	loaded := false
	if c.Demo {
		creds, err := demo.Load(ctx, svc, time.Now())
		switch {
		case errors.Is(err, demo.ErrNotEmpty):
			fmt.Fprintln(stdout, "The database already holds data; the demo was not loaded. 数据库已有数据，未加载演示数据。")
		case err != nil:
			return fmt.Errorf("load demo: %w", err)
		default:
			printCredentials(stdout, creds)
			loaded = true
		}
	}
	if !loaded {
		if err := greet(ctx, svc, stdout); err != nil {
			return err
		}
	}
	var metrics *server.Metrics
	if c.MetricsAddr != "" || c.MetricsToken != "" {
		metrics = server.NewMetrics(svc)
	}
	h := server.Handler(svc, server.Options{
		Logger:       log,
		Web:          web.New(svc, web.Options{Logger: log, TrustProxy: c.TrustProxy, OIDC: c.oidc()}),
		TrustProxy:   c.TrustProxy,
		Metrics:      metrics,
		MetricsToken: c.MetricsToken,
		LogRequests:  c.LogFormat == "json",
	})
	if c.MetricsAddr != "" {
		mln, err := net.Listen("tcp", c.MetricsAddr)
		if err != nil {
			return fmt.Errorf("listen on %s: %w (choose another with --metrics-addr)", c.MetricsAddr, err)
		}
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", metrics.Handler(""))
		msrv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
		go msrv.Serve(mln)
		defer msrv.Close()
		fmt.Fprintf(stdout, "metrics on http://%s/metrics\n", displayAddr(mln.Addr()))
	}
	// Expired sessions and old sign-in throttles are swept while kam runs;
	// the sweeper stops before the database closes.
	cleanCtx, stopCleanUp := context.WithCancel(ctx)
	cleaned := make(chan struct{})
	go func() {
		defer close(cleaned)
		svc.RunCleanUp(cleanCtx, c.CleanupEvery)
	}()
	// The push worker delivers the outbox while kam runs; on several
	// instances each runs one and their claims never overlap.
	pushed := make(chan struct{})
	go func() {
		defer close(pushed)
		push.NewWorker(svc, &notify.Sender{}, log).Run(cleanCtx)
	}()
	// On PostgreSQL, changes other instances make to cached state (the
	// red-flag thresholds, the health fit) are forgotten here at once.
	listened := make(chan struct{})
	go func() {
		defer close(listened)
		svc.ListenForChanges(cleanCtx, nil)
	}()
	defer func() {
		stopCleanUp()
		<-cleaned
		<-pushed
		<-listened
	}()
	fmt.Fprintf(stdout, "kam is listening on http://%s  (监听地址)\n", displayAddr(ln.Addr()))
	return server.Serve(ctx, ln, h, c.Drain, log)
}

func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

func printCredentials(w io.Writer, c demo.Credentials) {
	fmt.Fprintln(w, "Demo data loaded. Sign in as / 演示账号：")
	for _, u := range c.Users {
		fmt.Fprintf(w, "  %-9s %-28s password / 密码: %s   (%s)\n", kam.Label(u.Role).EN, u.Email, u.Password, u.Name)
	}
}

func cmdMigrate(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("migrate", stdout)
	dsn := dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	_, closeDB, err := openService(ctx, *dsn, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	closeDB()
	fmt.Fprintln(stdout, "database is up to date")
	return nil
}

func cmdUser(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return usageError("kam user: want add, passwd or list")
	}
	fs := newFlags("user "+args[0], stdout)
	dsn := dbFlag(fs)
	switch args[0] {
	case "add":
		var u kam.User
		var password, role, locale, zone string
		fs.StringVar(&u.Email, "email", "", "email (required)")
		fs.StringVar(&u.Name, "name", "", "name (required)")
		fs.StringVar(&role, "role", "rep", "rep, manager or admin")
		fs.Int64Var(&u.TeamID, "team", 0, "team id")
		fs.StringVar(&locale, "locale", "zh-CN", "zh-CN or en")
		fs.StringVar(&zone, "time-zone", "", "IANA time zone such as Asia/Shanghai; Asia/Shanghai for zh-CN, UTC for en when empty")
		fs.StringVar(&password, "password", "", "password; a random one is printed when empty")
		if err := fs.Parse(args[1:]); err != nil {
			return usageError(err.Error())
		}
		u.Role, u.Locale, u.TimeZone = kam.Role(role), kam.Locale(locale), zone
		generated := password == ""
		if generated {
			password = auth.NewSecret()[:16]
		}
		svc, closeDB, err := openService(ctx, *dsn, slog.New(slog.DiscardHandler))
		if err != nil {
			return err
		}
		defer closeDB()
		created, err := svc.CreateUser(ctx, kam.System, u, password, generated)
		if err != nil {
			return describe(err)
		}
		fmt.Fprintf(stdout, "user %d created: %s (%s)\n", created.ID, created.Email, kam.Label(created.Role).EN)
		if generated {
			fmt.Fprintf(stdout, "temporary password (to be changed at first sign-in): %s\n", password)
		}
		return nil
	case "passwd":
		email := fs.String("email", "", "email (required)")
		password := fs.String("password", "", "temporary password; a random one is printed when empty")
		svc, u, closeDB, err := openForUser(ctx, fs, args[1:], dsn, email)
		if err != nil {
			return err
		}
		defer closeDB()
		pw := *password
		if pw == "" {
			pw = auth.NewSecret()[:16]
		}
		if err := svc.SetTemporaryPassword(ctx, kam.System, u.ID, pw); err != nil {
			return describe(err)
		}
		fmt.Fprintf(stdout, "temporary password for %s (to be changed at next sign-in): %s\n", u.Email, pw)
		return nil
	case "list":
		if err := fs.Parse(args[1:]); err != nil {
			return usageError(err.Error())
		}
		svc, closeDB, err := openService(ctx, *dsn, slog.New(slog.DiscardHandler))
		if err != nil {
			return err
		}
		defer closeDB()
		var after int64
		for {
			users, next, err := svc.Users.List(ctx, kam.System, store.UserFilter{ListOptions: store.ListOptions{After: after, Limit: 500}})
			if err != nil {
				return err
			}
			for _, u := range users {
				state := ""
				if u.Disabled {
					state = " (disabled)"
				}
				fmt.Fprintf(stdout, "%d\t%s\t%s\t%s\tteam %d\t%s%s\n", u.ID, u.Email, u.Name, kam.Label(u.Role).EN, u.TeamID, u.TimeZone, state)
			}
			if next == 0 {
				return nil
			}
			after = next
		}
	}
	return usageError(fmt.Sprintf("kam user: unknown subcommand %q", args[0]))
}

// openForUser parses args into fs, then opens the service of the dsn flag,
// as the user commands do, and finds the user of the email flag (both read
// once parsed); on error nothing is left open.
func openForUser(ctx context.Context, fs *flag.FlagSet, args []string, dsn, email *string) (*service.Service, kam.User, func(), error) {
	if err := fs.Parse(args); err != nil {
		return nil, kam.User{}, nil, usageError(err.Error())
	}
	svc, closeDB, err := openService(ctx, *dsn, slog.New(slog.DiscardHandler))
	if err != nil {
		return nil, kam.User{}, nil, err
	}
	u, err := userByEmail(ctx, svc, *email)
	if err != nil {
		closeDB()
		return nil, kam.User{}, nil, err
	}
	return svc, u, closeDB, nil
}

func userByEmail(ctx context.Context, svc *service.Service, email string) (kam.User, error) {
	var u kam.User
	err := svc.DB().Read(ctx, func(tx *store.Tx) error {
		var err error
		u, err = store.GetUserByEmail(ctx, tx, strings.ToLower(strings.TrimSpace(email)))
		return err
	})
	if errors.Is(err, kam.ErrNotFound) {
		return u, fmt.Errorf("no user with email %q", email)
	}
	return u, err
}

func cmdToken(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return usageError("kam token: want create")
	}
	fs := newFlags("token create", stdout)
	dsn := dbFlag(fs)
	email := fs.String("email", "", "the user the token acts as (required)")
	name := fs.String("name", "cli", "a name to tell the token apart")
	svc, u, closeDB, err := openForUser(ctx, fs, args[1:], dsn, email)
	if err != nil {
		return err
	}
	defer closeDB()
	secret, tok, err := svc.CreateToken(ctx, kam.System, u.ID, *name)
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "token %d for %s (shown once, keep it safe):\n%s\n", tok.ID, u.Email, secret)
	return nil
}

// describe turns a validation error into lines naming each field.
func describe(err error) error {
	var v *kam.ValidationError
	if !errors.As(err, &v) {
		return err
	}
	return fmt.Errorf("%s", v.Error())
}

// parseID reads a positive record id.
func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, usageError(fmt.Sprintf("kam: %q is not an id", s))
	}
	return id, nil
}

func cmdBackup(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("backup", stdout)
	dsn := dbFlag(fs)
	out := fs.String("out", "", "the file to write (required; must not exist)")
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	if *out == "" {
		return usageError("kam backup: --out is required")
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer db.Close()
	if err := db.Backup(ctx, *out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup written to %s\n", *out)
	return nil
}
