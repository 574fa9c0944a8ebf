// Package service holds kam's use cases. Every read and write goes through it
// with the acting user: it scopes what the actor may see (a record outside
// the scope answers kam.ErrNotFound, exactly like a missing one), runs each
// change in one transaction with its version check and its audit record, and
// calls the method package for the strategy picture.
//
// Both front ends (the JSON API and the HTML pages) call the same functions.
package service

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"time"

	"kam/internal/auth"
	"kam/internal/kam"
	"kam/internal/store"
)

// Service is kam's use cases over one database.
type Service struct {
	db  *store.DB
	now func() time.Time
	log *slog.Logger
	// passwords hashes new passwords.
	passwords auth.Params
	// hashing bounds the password hashes running at once.
	hashing *auth.HashLimiter
	// sealer keeps push channels' addresses and secrets encrypted.
	sealer *auth.Sealer
	// baseURL is kam's public address, for the links in pushes.
	baseURL string
	// weights caches the health weights in force (under allDeals, the one
	// key: a healthFit), fitted to every closed deal, whoever asks.
	weights sync.Map
	// settingsCache keeps the red-flag thresholds for the read paths
	// (settingsTTL).
	settingsCache settingsCache
	// afterPicture, when set (by tests), runs inside Strategy's read right
	// after the picture is read: the read's snapshot has begun.
	afterPicture func()

	Users            *Entity[kam.User]
	Teams            *Entity[kam.Team]
	Accounts         *Entity[kam.Account]
	AccountRelations *Entity[kam.AccountRelation]
	OrgUnits         *Entity[kam.OrgUnit]
	Contacts         *Entity[kam.Contact]
	ContactLinks     *Entity[kam.ContactLink]
	Opportunities    *Entity[kam.Opportunity]
	BuyingInfluences *Entity[kam.BuyingInfluence]
	SWOTItems        *Entity[kam.SWOTItem]
	Actions          *Entity[kam.Action]
	Interactions     *Entity[kam.Interaction]
	Criteria         *Entity[kam.Criterion]
	Quotas           *Entity[kam.Quota]
	// ExchangeRates (汇率) are kept by administrators and read by all.
	ExchangeRates *Entity[kam.ExchangeRate]
	CallPlans     *Entity[kam.CallPlan]
	Needs         *Entity[kam.Need]
	Reviews       *Entity[kam.Review]
	VITOPlans     *Entity[kam.VITOPlan]
}

// Options tune a Service.
type Options struct {
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Logger receives internal errors; slog.Default when nil.
	Logger *slog.Logger
	// Passwords are the argon2id parameters for new password hashes;
	// auth.DefaultParams when zero. Tests use cheap ones.
	Passwords auth.Params
	// Hashing bounds the password hashes the service runs at once: sign-in
	// checks (Authenticator), the check of the current password, and the
	// hashing of new passwords; auth.DefaultHashLimiter() when nil.
	Hashing *auth.HashLimiter
	// SecretKey encrypts push channels' addresses and secrets in the
	// database (--secret-key); "" stores them unencrypted.
	SecretKey string
	// BaseURL is kam's public address (https://kam.example.com), for the
	// links in pushes; "" gives links relative to the site.
	BaseURL string
}

// New returns the service over db.
func New(db *store.DB, o Options) *Service {
	s := &Service{db: db, now: o.Now, log: o.Logger, passwords: o.Passwords, hashing: o.Hashing,
		sealer: auth.NewSealer(o.SecretKey), baseURL: strings.TrimRight(o.BaseURL, "/")}
	if s.hashing == nil {
		s.hashing = auth.DefaultHashLimiter()
	}
	if s.passwords == (auth.Params{}) {
		s.passwords = auth.DefaultParams()
	}
	if s.now == nil {
		s.now = time.Now
	}
	// One clock for the service and the records it writes.
	if o.Now != nil && db.Clock == nil {
		db.Clock = o.Now
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.initEntities()
	s.initConversation()
	return s
}

// Hashing returns the limiter of the service's password hashes.
func (s *Service) Hashing() *auth.HashLimiter { return s.hashing }

// DB returns the database the service works on.
func (s *Service) DB() *store.DB { return s.db }

// Now returns the service's clock reading.
func (s *Service) Now() time.Time { return s.now() }

// scopeOf turns an actor into the store's visibility rule.
func scopeOf(a kam.Actor) store.Scope {
	return store.Scope{
		All:      a.Role == kam.RoleAdmin,
		UserID:   a.UserID,
		TeamWide: a.Role == kam.RoleManager,
		TeamID:   a.TeamID,
	}
}

// audit appends one audit record in tx.
func (s *Service) audit(ctx context.Context, tx *store.Tx, a kam.Actor, action, entity string, id int64, before, after any) error {
	rec := kam.AuditRecord{
		At:       tx.Now(),
		UserID:   a.UserID,
		Action:   action,
		Entity:   entity,
		EntityID: id,
		Before:   jsonOrEmpty(before),
		After:    jsonOrEmpty(after),
	}
	return store.InsertAudit(ctx, tx, &rec)
}

func jsonOrEmpty(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

var (
	msgNotExist  = kam.T("does not exist", "不存在")
	msgReadOnly  = kam.T("is shared with your team read-only", "该客户仅以只读方式共享给您的团队")
	msgAdminOnly = kam.T("only an administrator may do this", "仅管理员可执行此操作")
	// msgNotYourself refuses removing one's own user.
	msgNotYourself = kam.T("you cannot remove yourself", "不能删除自己的账号")
)

// forbidden is a kam.ErrForbidden with a reason users can read.
type forbidden struct{ msg kam.Text }

func (f *forbidden) Error() string        { return "forbidden: " + f.msg.EN }
func (f *forbidden) Is(target error) bool { return target == kam.ErrForbidden }

// ErrPasswordChangeRequired refuses an API token whose user must change a
// temporary password first (errors.Is kam.ErrForbidden; Reason gives the
// message). The password is changed by signing in on the web, or with
// POST /api/v1/me/password.
var ErrPasswordChangeRequired error = &forbidden{kam.T(
	"you must change your temporary password first: sign in on the web, or POST /api/v1/me/password",
	"请先修改临时密码：在网页上登录，或调用 POST /api/v1/me/password")}

// Reason returns the bilingual reason of a forbidden error, if err is one.
func Reason(err error) (kam.Text, bool) {
	var f *forbidden
	if errors.As(err, &f) {
		return f.msg, true
	}
	return kam.Text{}, false
}

func requireAdmin(a kam.Actor) error {
	if a.Role != kam.RoleAdmin {
		return &forbidden{msgAdminOnly}
	}
	return nil
}
