// Package demo loads kam's bilingual demo data: the vendor 智联办公 (Zhilian
// Office) selling its integrated office system (一体化办公系统) and related
// services to 华远集团 (Huayuan Group) and a handful of other key accounts.
//
// Everything is written through the service layer, acting as the user who
// would really have done it (the admin creates users and criteria, managers
// set quotas, reps work their own accounts), so the audit log reads like a
// team's history. The data is a pure function of the `now` passed to Load:
// the same `now` gives the same records (password hashes aside, which are
// salted).
package demo

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
)

// ErrNotEmpty is returned by Load when the database already has a user; Load
// writes nothing then.
var ErrNotEmpty = errors.New("demo: the database already holds users; demo data loads only into an empty database")

// NotEmptyMessage is ErrNotEmpty's explanation for people, in both languages.
var NotEmptyMessage = kam.T(
	"The database already holds data; the demo data was not loaded.",
	"数据库中已有数据，未加载演示数据。")

// DemoUser is one account a person can sign in with after Load.
type DemoUser struct {
	Email    string
	Password string
	Role     kam.Role
	Name     string
}

// Credentials are the demo users, in the order admin, managers, reps: enough
// to sign in as a rep, a manager and an admin.
type Credentials struct {
	Users []DemoUser
}

// Load fills an empty database with the demo story, dated relative to now:
// users and teams, accounts with their group tree, departments and contacts,
// the ideal-customer profile with ratings, open opportunities at every funnel
// level with their buying influences, SWOT, actions and interactions, four
// quarters of won and lost deals, and quotas for the current quarter and
// year.
//
// It returns ErrNotEmpty, and writes nothing, when any user exists. Any other
// error stops the load part-way; the caller should then discard the database.
//
// While it runs, Load sets svc.DB().Clock so that every timestamp the store
// writes (created_at, the audit log, the day a deal closed) follows the
// story's calendar; it restores the previous clock before returning. Nothing
// else may write through the same DB meanwhile.
func Load(ctx context.Context, svc *service.Service, now time.Time) (Credentials, error) {
	users, _, err := svc.Users.List(ctx, kam.System, store.UserFilter{})
	if err != nil {
		return Credentials{}, fmt.Errorf("demo: check for users: %w", err)
	}
	if len(users) > 0 {
		return Credentials{}, ErrNotEmpty
	}

	db := svc.DB()
	prev := db.Clock
	defer func() { db.Clock = prev }()

	l := newLoader(ctx, svc, now)
	l.people()
	l.accounts()
	l.idealCustomer()
	l.history()
	l.openDeals()
	l.conversation()
	l.quotas()
	l.rates()
	if l.err != nil {
		return Credentials{}, l.err
	}
	return l.creds, nil
}

// loader carries the story while it is written. Its first error sticks:
// every later step becomes a no-op, so the story reads as a plain sequence
// of facts instead of a ladder of error checks.
type loader struct {
	ctx   context.Context
	svc   *service.Service
	db    *store.DB
	now   time.Time
	today kam.Date
	clock time.Time // what the store's clock reads at the moment
	err   error
	rnd   *rand.Rand

	creds Credentials

	admin, eastMgr, northMgr kam.User
	wang, li, liu, emily     kam.User
	east, north              kam.Team

	accts    map[string]*account // by key
	contacts map[string]kam.Contact
	criteria []kam.Criterion

	// What quotas are computed from: open pipeline and won deals per owner.
	open []kam.Opportunity
	won  []kam.Opportunity
}

func newLoader(ctx context.Context, svc *service.Service, now time.Time) *loader {
	l := &loader{
		ctx:      ctx,
		svc:      svc,
		db:       svc.DB(),
		now:      now,
		today:    kam.DateOf(now),
		accts:    map[string]*account{},
		contacts: map[string]kam.Contact{},
		// A fixed seed: the history is varied but the same on every load.
		rnd: rand.New(rand.NewPCG(20261127, 8)),
	}
	// The store reads the clock through this closure; moving l.clock moves
	// the store's time. This is the trick that lets deals close in the past:
	// the service stamps ClosedOn and every audit record with tx.Now().
	l.db.Clock = func() time.Time { return l.clock }
	l.at(now)
	return l
}

// at moves the store's clock to t, never past the real now (nothing in the
// demo happens in the future).
func (l *loader) at(t time.Time) {
	if t.After(l.now) {
		t = l.now
	}
	l.clock = t
}

// atDay moves the clock to day d (relative to today) at hh:mm UTC, which is
// the afternoon or morning of a working day in China (UTC+8).
func (l *loader) atDay(d, hh, mm int) { l.at(l.moment(d, hh, mm)) }

// moment is day d relative to today at hh:mm UTC.
func (l *loader) moment(d, hh, mm int) time.Time {
	return l.today.AddDays(d).Time().Add(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute)
}

// day is the date d days from today (negative: in the past).
func (l *loader) day(d int) kam.Date { return l.today.AddDays(d) }

// fail records the first error, with what was being written.
func (l *loader) fail(err error, format string, args ...any) {
	if l.err == nil && err != nil {
		l.err = fmt.Errorf("demo: %s: %w", fmt.Sprintf(format, args...), err)
	}
}

// create stores v as user who, unless an earlier step failed.
func create[T any](l *loader, e *service.Entity[T], who kam.User, v T, what string) T {
	if l.err != nil {
		var zero T
		return zero
	}
	out, err := e.Create(l.ctx, service.ActorOf(who), v)
	l.fail(err, "create %s %q", e.Name(), what)
	return out
}

// update changes the record id at version as user who.
func update[T any](l *loader, e *service.Entity[T], who kam.User, id, version int64, apply func(*T), what string) T {
	if l.err != nil {
		var zero T
		return zero
	}
	out, err := e.Update(l.ctx, service.ActorOf(who), id, version, func(v *T) error {
		apply(v)
		return nil
	})
	l.fail(err, "update %s %q", e.Name(), what)
	return out
}

func ptr(n int) *int { return &n }
