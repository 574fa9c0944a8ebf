package service_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"kam/internal/auth"
	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/storetest"
)

// world is a small sales organisation: an admin; team A with manager mA and
// reps a1, a2; team B with manager mB and rep b1.
type world struct {
	svc                       *service.Service
	admin, mA, a1, a2, mB, b1 kam.Actor
	teamA, teamB              kam.Team
}

var clock = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

func newWorld(t *testing.T, db *store.DB) *world {
	t.Helper()
	ctx := context.Background()
	svc := service.New(db, service.Options{Now: func() time.Time { return clock }, Passwords: auth.CheapParams()})
	w := &world{svc: svc}
	user := func(email string, role kam.Role, team int64) kam.Actor {
		t.Helper()
		u, err := svc.CreateUser(ctx, kam.System, kam.User{Email: email, Name: email, Role: role, TeamID: team}, "correct horse battery", false)
		if err != nil {
			t.Fatalf("create user %s: %v", email, err)
		}
		return service.ActorOf(u)
	}
	w.admin = user("admin@example.com", kam.RoleAdmin, 0)
	var err error
	if w.teamA, err = svc.Teams.Create(ctx, w.admin, kam.Team{Name: "华东大客户部"}); err != nil {
		t.Fatal(err)
	}
	if w.teamB, err = svc.Teams.Create(ctx, w.admin, kam.Team{Name: "华北大客户部"}); err != nil {
		t.Fatal(err)
	}
	w.mA = user("ma@example.com", kam.RoleManager, w.teamA.ID)
	w.a1 = user("a1@example.com", kam.RoleRep, w.teamA.ID)
	w.a2 = user("a2@example.com", kam.RoleRep, w.teamA.ID)
	w.mB = user("mb@example.com", kam.RoleManager, w.teamB.ID)
	w.b1 = user("b1@example.com", kam.RoleRep, w.teamB.ID)
	return w
}

func (w *world) account(t *testing.T, a kam.Actor, name string) kam.Account {
	t.Helper()
	acct, err := w.svc.Accounts.Create(context.Background(), a, kam.Account{Name: name, OwnerID: a.UserID})
	if err != nil {
		t.Fatalf("create account: %v", err)
	}
	return acct
}

func fieldErr(t *testing.T, err error, field string) {
	t.Helper()
	var v *kam.ValidationError
	if !errors.As(err, &v) {
		t.Fatalf("want a validation error on %s, got %v", field, err)
	}
	if _, ok := v.Fields[field]; !ok {
		t.Fatalf("want a validation error on %s, got %v", field, v)
	}
}

func TestScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		acct := w.account(t, w.a1, "华远集团")
		cases := []struct {
			name  string
			actor kam.Actor
			sees  bool
		}{
			{"owner sees", w.a1, true},
			{"team manager sees", w.mA, true},
			{"admin sees", w.admin, true},
			{"teammate without share does not", w.a2, false},
			{"other team's manager does not", w.mB, false},
			{"other team's rep does not", w.b1, false},
		}
		for _, c := range cases {
			_, err := w.svc.Accounts.Get(ctx, c.actor, acct.ID)
			if c.sees && err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			if !c.sees && !errors.Is(err, kam.ErrNotFound) {
				t.Errorf("%s: want not found, got %v", c.name, err)
			}
			items, _, err := w.svc.Accounts.List(ctx, c.actor, store.AccountFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if got := len(items) == 1; got != c.sees {
				t.Errorf("%s: list shows %d accounts", c.name, len(items))
			}
		}

		// Children follow their account.
		p, err := w.svc.Contacts.Create(ctx, w.a1, kam.Contact{AccountID: acct.ID, Name: "王总", PersonalNotes: "喜欢打羽毛球"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Contacts.Get(ctx, w.b1, p.ID); !errors.Is(err, kam.ErrNotFound) {
			t.Errorf("other team reads a contact: %v", err)
		}
		// A reference to an account out of scope reads as a missing one.
		_, err = w.svc.Contacts.Create(ctx, w.b1, kam.Contact{AccountID: acct.ID, Name: "x"})
		fieldErr(t, err, "account_id")

		// Shared read-only: visible, not writable.
		if err := w.svc.Share(ctx, w.a1, kam.AccountShare{AccountID: acct.ID, TeamID: w.teamB.ID, Access: kam.ShareRead}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Contacts.Get(ctx, w.b1, p.ID); err != nil {
			t.Errorf("shared read: %v", err)
		}
		_, err = w.svc.Contacts.Update(ctx, w.b1, p.ID, p.Version, func(c *kam.Contact) error { c.Title = "CIO"; return nil })
		if !errors.Is(err, kam.ErrForbidden) {
			t.Errorf("update through a read share: want forbidden, got %v", err)
		}
		// A team with read access cannot re-share.
		if err := w.svc.Share(ctx, w.b1, kam.AccountShare{AccountID: acct.ID, TeamID: w.teamB.ID, Access: kam.ShareWrite}); !errors.Is(err, kam.ErrForbidden) {
			t.Errorf("re-share by a reader: want forbidden, got %v", err)
		}
		// Shared read-write: writable.
		if err := w.svc.Share(ctx, w.mA, kam.AccountShare{AccountID: acct.ID, TeamID: w.teamB.ID, Access: kam.ShareWrite}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Contacts.Update(ctx, w.b1, p.ID, p.Version, func(c *kam.Contact) error { c.Title = "CIO"; return nil }); err != nil {
			t.Errorf("update through a write share: %v", err)
		}
	})
}

func TestVersionConflictLosesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		acct := w.account(t, w.a1, "华远物流")
		first, err := w.svc.Accounts.Update(ctx, w.a1, acct.ID, acct.Version, func(a *kam.Account) error { a.Industry = "物流"; return nil })
		if err != nil {
			t.Fatal(err)
		}
		if first.Version != acct.Version+1 {
			t.Fatalf("version after update = %d", first.Version)
		}
		_, err = w.svc.Accounts.Update(ctx, w.mA, acct.ID, acct.Version, func(a *kam.Account) error { a.Region = "上海"; return nil })
		var ce *kam.ConflictError
		if !errors.As(err, &ce) {
			t.Fatalf("stale update: want conflict, got %v", err)
		}
		cur, ok := ce.Current.(kam.Account)
		if !ok || cur.Industry != "物流" || cur.Version != first.Version {
			t.Fatalf("conflict carries %#v", ce.Current)
		}
		got, _ := w.svc.Accounts.Get(ctx, w.a1, acct.ID)
		if got.Region != "" || got.Industry != "物流" {
			t.Fatalf("stale write leaked: %+v", got)
		}
		// The audit holds the create and the update with before and after.
		recs, _, err := w.svc.Audit(ctx, w.admin, store.AuditFilter{Entity: "account", EntityID: acct.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != 2 || recs[0].Action != "update" || recs[0].Before == "" || recs[0].After == "" {
			t.Fatalf("audit = %+v", recs)
		}
	})
}

func TestTrashAndRestore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		acct := w.account(t, w.a1, "华远地产")
		p, err := w.svc.Contacts.Create(ctx, w.a1, kam.Contact{AccountID: acct.ID, Name: "李主任"})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.svc.Accounts.Delete(ctx, w.a1, acct.ID, acct.Version+5); !errors.Is(err, kam.ErrConflict) {
			t.Fatalf("delete with a wrong version: %v", err)
		}
		if err := w.svc.Accounts.Delete(ctx, w.a1, acct.ID, acct.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Accounts.Get(ctx, w.a1, acct.ID); !errors.Is(err, kam.ErrNotFound) {
			t.Fatalf("deleted account still readable: %v", err)
		}
		if _, err := w.svc.Contacts.Get(ctx, w.a1, p.ID); !errors.Is(err, kam.ErrNotFound) {
			t.Fatalf("contact of a deleted account still readable: %v", err)
		}
		if _, err := w.svc.Accounts.Restore(ctx, w.b1, acct.ID); !errors.Is(err, kam.ErrNotFound) {
			t.Fatalf("other team restores: %v", err)
		}
		back, err := w.svc.Accounts.Restore(ctx, w.a1, acct.ID)
		if err != nil {
			t.Fatal(err)
		}
		if back.DeletedAt != nil || back.Name != "华远地产" {
			t.Fatalf("restored %+v", back)
		}
		if _, err := w.svc.Contacts.Get(ctx, w.a1, p.ID); err != nil {
			t.Fatalf("contact after restore: %v", err)
		}
	})
}

func TestCyclesAreRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		group := w.account(t, w.a1, "华远集团")
		sub, err := w.svc.Accounts.Create(ctx, w.a1, kam.Account{Name: "华远物流", OwnerID: w.a1.UserID, ParentID: group.ID})
		if err != nil {
			t.Fatal(err)
		}
		subsub, err := w.svc.Accounts.Create(ctx, w.a1, kam.Account{Name: "华远冷链", OwnerID: w.a1.UserID, ParentID: sub.ID})
		if err != nil {
			t.Fatal(err)
		}
		_, err = w.svc.Accounts.Update(ctx, w.a1, group.ID, group.Version, func(a *kam.Account) error { a.ParentID = subsub.ID; return nil })
		fieldErr(t, err, "parent_id")

		boss, _ := w.svc.Contacts.Create(ctx, w.a1, kam.Contact{AccountID: group.ID, Name: "总裁"})
		cio, err := w.svc.Contacts.Create(ctx, w.a1, kam.Contact{AccountID: group.ID, Name: "CIO", ReportsToID: boss.ID})
		if err != nil {
			t.Fatal(err)
		}
		_, err = w.svc.Contacts.Update(ctx, w.a1, boss.ID, boss.Version, func(c *kam.Contact) error { c.ReportsToID = cio.ID; return nil })
		fieldErr(t, err, "reports_to_id")
		// A manager in another account is refused too.
		other := w.account(t, w.a1, "其他公司")
		stranger, _ := w.svc.Contacts.Create(ctx, w.a1, kam.Contact{AccountID: other.ID, Name: "外人"})
		_, err = w.svc.Contacts.Update(ctx, w.a1, cio.ID, cio.Version, func(c *kam.Contact) error { c.ReportsToID = stranger.ID; return nil })
		fieldErr(t, err, "reports_to_id")

		// Departments: 集团总部 ← 信息中心 ← 应用组.
		unit := func(name string, parent int64) kam.OrgUnit {
			t.Helper()
			u, err := w.svc.OrgUnits.Create(ctx, w.a1, kam.OrgUnit{AccountID: group.ID, Name: name, ParentID: parent})
			if err != nil {
				t.Fatal(err)
			}
			return u
		}
		hq := unit("集团总部", 0)
		it := unit("信息中心", hq.ID)
		apps := unit("应用组", it.ID)
		for _, c := range []struct {
			name   string
			id     int64
			parent int64
		}{
			{"the root under its grandchild", hq.ID, apps.ID},
			{"the root under its child", hq.ID, it.ID},
			{"a unit under its child", it.ID, apps.ID},
			{"a unit under itself", it.ID, it.ID},
		} {
			cur, err := w.svc.OrgUnits.Get(ctx, w.a1, c.id)
			if err != nil {
				t.Fatal(err)
			}
			_, err = w.svc.OrgUnits.Update(ctx, w.a1, c.id, cur.Version, func(u *kam.OrgUnit) error { u.ParentID = c.parent; return nil })
			t.Run(c.name, func(t *testing.T) { fieldErr(t, err, "parent_id") })
			if after, _ := w.svc.OrgUnits.Get(ctx, w.a1, c.id); after.ParentID != cur.ParentID || after.Version != cur.Version {
				t.Errorf("%s: refused, yet the unit changed: %+v", c.name, after)
			}
		}
		// A department of another account is refused; a move within the tree is not.
		elsewhere, err := w.svc.OrgUnits.Create(ctx, w.a1, kam.OrgUnit{AccountID: other.ID, Name: "外部门"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = w.svc.OrgUnits.Update(ctx, w.a1, apps.ID, apps.Version, func(u *kam.OrgUnit) error { u.ParentID = elsewhere.ID; return nil })
		fieldErr(t, err, "parent_id")
		if _, err := w.svc.OrgUnits.Update(ctx, w.a1, apps.ID, apps.Version, func(u *kam.OrgUnit) error { u.ParentID = hq.ID; return nil }); err != nil {
			t.Errorf("moving 应用组 under 集团总部: %v", err)
		}
	})
}

func TestLevelHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		acct := w.account(t, w.a1, "华远集团")
		o, err := w.svc.Opportunities.Create(ctx, w.a1, kam.Opportunity{AccountID: acct.ID, Name: "一体化办公系统", Amount: 1_200_000})
		if err != nil {
			t.Fatal(err)
		}
		if o.OwnerID != w.a1.UserID || o.Level != kam.LevelAbove || o.ReachedLevel != kam.LevelAbove {
			t.Fatalf("defaults: %+v", o)
		}
		for _, lvl := range []kam.FunnelLevel{kam.LevelBestFew, kam.LevelIn, kam.LevelWon} {
			o, err = w.svc.Opportunities.Update(ctx, w.a1, o.ID, o.Version, func(x *kam.Opportunity) error {
				x.Level = lvl
				x.ReachedLevel = kam.LevelAbove // clients cannot set it
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		if o.ReachedLevel != kam.LevelBestFew {
			t.Errorf("reached = %s", o.ReachedLevel)
		}
		if o.ClosedOn != kam.DateOf(clock) {
			t.Errorf("closed on %s", o.ClosedOn)
		}
		v, err := w.svc.Strategy(ctx, w.a1, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.LevelHistory) != 4 {
			t.Errorf("level history = %+v", v.LevelHistory)
		}
	})
}

func TestReferencesStayInsideTheAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		acct := w.account(t, w.a1, "华远集团")
		other := w.account(t, w.a1, "城市银行")
		o, err := w.svc.Opportunities.Create(ctx, w.a1, kam.Opportunity{AccountID: acct.ID, Name: "OA"})
		if err != nil {
			t.Fatal(err)
		}
		stranger, _ := w.svc.Contacts.Create(ctx, w.a1, kam.Contact{AccountID: other.ID, Name: "外人"})
		_, err = w.svc.BuyingInfluences.Create(ctx, w.a1, kam.BuyingInfluence{OpportunityID: o.ID, ContactID: stranger.ID})
		fieldErr(t, err, "contact_id")
		_, err = w.svc.Actions.Create(ctx, w.a1, kam.Action{OpportunityID: o.ID, Title: "拜访", AddressesRules: []string{"no-such-rule"}})
		fieldErr(t, err, "addresses_rules[0]")
		// A rep cannot hand a deal to another team's seller.
		_, err = w.svc.Opportunities.Update(ctx, w.a1, o.ID, o.Version, func(x *kam.Opportunity) error { x.OwnerID = w.b1.UserID; return nil })
		fieldErr(t, err, "owner_id")
		// Users are the admin's to change.
		_, err = w.svc.Users.Update(ctx, w.mA, w.a1.UserID, 1, func(u *kam.User) error { u.Role = kam.RoleAdmin; return nil })
		if !errors.Is(err, kam.ErrForbidden) {
			t.Errorf("manager edits a user: %v", err)
		}
	})
}

func TestSignInNeverTellsWhy(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		a := w.svc.Authenticator(nil)
		if u, err := a.SignIn(ctx, "A1@example.com ", "correct horse battery", "192.0.2.1"); err != nil || u.ID != w.a1.UserID {
			t.Fatalf("right password: %v, %v", u.ID, err)
		}
		_, errWrong := a.SignIn(ctx, "a1@example.com", "wrong password!", "192.0.2.1")
		_, errUnknown := a.SignIn(ctx, "nobody@example.com", "correct horse battery", "192.0.2.1")
		if !errors.Is(errWrong, kam.ErrUnauthorized) || !errors.Is(errUnknown, kam.ErrUnauthorized) || errWrong.Error() != errUnknown.Error() {
			t.Fatalf("wrong=%v unknown=%v", errWrong, errUnknown)
		}
		// An unknown email's stand-in check costs a hash with the service's
		// parameters, the ones every known user's hash was made with.
		if a.Params != auth.CheapParams() {
			t.Errorf("authenticator hashes with %+v, want the service's %+v", a.Params, auth.CheapParams())
		}
		secret, tok, err := w.svc.CreateToken(ctx, w.a1, 0, "script")
		if err != nil {
			t.Fatal(err)
		}
		if u, err := w.svc.UserForToken(ctx, secret); err != nil || u.ID != w.a1.UserID {
			t.Fatalf("token: %v %v", u, err)
		}
		if err := w.svc.RevokeToken(ctx, w.b1, tok.ID); !errors.Is(err, kam.ErrNotFound) {
			t.Fatalf("another user revokes: %v", err)
		}
		if err := w.svc.RevokeToken(ctx, w.a1, tok.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.UserForToken(ctx, secret); !errors.Is(err, kam.ErrUnauthorized) {
			t.Fatalf("revoked token still works: %v", err)
		}
	})
}

func TestGuessingTheCurrentPasswordIsThrottled(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		var last error
		for i := 0; i < 6; i++ {
			last = w.svc.ChangePassword(ctx, w.a1, "a wrong guess "+string(rune('a'+i)), "a brand new password")
			fieldErr(t, last, "current_password")
		}
		var v *kam.ValidationError
		errors.As(last, &v)
		if !strings.Contains(v.Fields["current_password"].EN, "again") && !strings.Contains(v.Fields["current_password"].EN, "wait") {
			t.Fatalf("after six wrong guesses: %v", last)
		}
		// Even the right password is refused while the lock holds.
		err := w.svc.ChangePassword(ctx, w.a1, "correct horse battery", "a brand new password")
		fieldErr(t, err, "current_password")
		if passwordIs(t, w, w.a1.UserID, "a brand new password") {
			t.Fatal("the password changed during the lock")
		}
		if !passwordIs(t, w, w.a1.UserID, "correct horse battery") {
			t.Fatal("the password is no longer the old one")
		}
	})
}

// passwordIs reports whether pw is the user's password.
func passwordIs(t *testing.T, w *world, userID int64, pw string) bool {
	t.Helper()
	var u kam.User
	err := w.svc.DB().Read(context.Background(), func(tx *store.Tx) error {
		var err error
		u, err = store.Users.Get(context.Background(), tx, userID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	ok, _ := auth.CheckPassword(u.PasswordHash, pw)
	return ok
}
