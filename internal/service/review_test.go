package service_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"kam/internal/kam"
	"kam/internal/store"
	"kam/internal/storetest"
)

// A team the account is shared with for writing works on the account, but
// does not hold it: it may not take it over, nor throw it away.
func TestWriteShareDoesNotHoldTheAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		acct := w.account(t, w.a1, "华远集团")
		if err := w.svc.Share(ctx, w.a1, kam.AccountShare{AccountID: acct.ID, TeamID: w.teamB.ID, Access: kam.ShareWrite}); err != nil {
			t.Fatal(err)
		}

		t.Run("shared team's rep cannot make themself the owner", func(t *testing.T) {
			_, err := w.svc.Accounts.Update(ctx, w.b1, acct.ID, acct.Version, func(v *kam.Account) error {
				v.OwnerID = w.b1.UserID
				return nil
			})
			if !errors.Is(err, kam.ErrForbidden) {
				t.Fatalf("want forbidden, got %v", err)
			}
			got, err := w.svc.Accounts.Get(ctx, w.a1, acct.ID)
			if err != nil || got.OwnerID != w.a1.UserID {
				t.Fatalf("owner is now %d (%v)", got.OwnerID, err)
			}
		})
		t.Run("shared team's manager cannot hand it to their team", func(t *testing.T) {
			_, err := w.svc.Accounts.Update(ctx, w.mB, acct.ID, acct.Version, func(v *kam.Account) error {
				v.OwnerID = w.b1.UserID
				return nil
			})
			if !errors.Is(err, kam.ErrForbidden) {
				t.Fatalf("want forbidden, got %v", err)
			}
		})
		t.Run("shared team's rep still edits the account", func(t *testing.T) {
			cur, err := w.svc.Accounts.Get(ctx, w.b1, acct.ID)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.svc.Accounts.Update(ctx, w.b1, acct.ID, cur.Version, func(v *kam.Account) error {
				v.Industry = "制造"
				return nil
			}); err != nil {
				t.Fatalf("edit refused: %v", err)
			}
		})
		t.Run("shared team's rep cannot move it to the trash", func(t *testing.T) {
			cur, err := w.svc.Accounts.Get(ctx, w.b1, acct.ID)
			if err != nil {
				t.Fatal(err)
			}
			if err := w.svc.Accounts.Delete(ctx, w.b1, acct.ID, cur.Version); !errors.Is(err, kam.ErrForbidden) {
				t.Fatalf("want forbidden, got %v", err)
			}
			if _, err := w.svc.Accounts.Get(ctx, w.a1, acct.ID); err != nil {
				t.Fatalf("the account is gone for its owner: %v", err)
			}
		})
		t.Run("owner's manager reassigns within the team", func(t *testing.T) {
			cur, err := w.svc.Accounts.Get(ctx, w.mA, acct.ID)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.svc.Accounts.Update(ctx, w.mA, acct.ID, cur.Version, func(v *kam.Account) error {
				v.OwnerID = w.a2.UserID
				return nil
			}); err != nil {
				t.Fatalf("reassignment refused: %v", err)
			}
		})
		t.Run("owner moves it to the trash", func(t *testing.T) {
			cur, err := w.svc.Accounts.Get(ctx, w.a2, acct.ID)
			if err != nil {
				t.Fatal(err)
			}
			if err := w.svc.Accounts.Delete(ctx, w.a2, acct.ID, cur.Version); err != nil {
				t.Fatalf("owner's delete refused: %v", err)
			}
		})
	})
}

// Changing one's own password signs out every session of the user, whichever
// front end made the change (the JSON API has no session of its own to keep).
func TestChangePasswordEndsSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		sess := kam.Session{IDHash: "h-a1", UserID: w.a1.UserID, CSRFToken: "c", CreatedAt: clock, LastSeenAt: clock, ExpiresAt: clock.Add(time.Hour)}
		other := kam.Session{IDHash: "h-a2", UserID: w.a2.UserID, CSRFToken: "c", CreatedAt: clock, LastSeenAt: clock, ExpiresAt: clock.Add(time.Hour)}
		if err := db.Write(ctx, func(tx *store.Tx) error {
			if err := store.InsertSession(ctx, tx, sess); err != nil {
				return err
			}
			return store.InsertSession(ctx, tx, other)
		}); err != nil {
			t.Fatal(err)
		}
		if err := w.svc.ChangePassword(ctx, w.a1, "correct horse battery", "a new and long passphrase"); err != nil {
			t.Fatal(err)
		}
		exists := func(hash string) bool {
			var err error
			_ = db.Read(ctx, func(tx *store.Tx) error { _, err = store.GetSession(ctx, tx, hash); return nil })
			return err == nil
		}
		if exists(sess.IDHash) {
			t.Error("the user's session outlived the password change")
		}
		if !exists(other.IDHash) {
			t.Error("another user's session ended")
		}
	})
}

// Anyone may read the history of a record they can see, whatever its kind;
// a record out of scope answers not found, like a missing one.
func TestAuditOfRecordsUnderAnAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		acct := w.account(t, w.a1, "华远集团")
		other := w.account(t, w.a1, "华远物流")
		unit, err := w.svc.OrgUnits.Create(ctx, w.a1, kam.OrgUnit{AccountID: acct.ID, Name: "信息中心"})
		if err != nil {
			t.Fatal(err)
		}
		p, err := w.svc.Contacts.Create(ctx, w.a1, kam.Contact{AccountID: acct.ID, Name: "王总"})
		if err != nil {
			t.Fatal(err)
		}
		q, err := w.svc.Contacts.Create(ctx, w.a1, kam.Contact{AccountID: acct.ID, Name: "李工"})
		if err != nil {
			t.Fatal(err)
		}
		link, err := w.svc.ContactLinks.Create(ctx, w.a1, kam.ContactLink{FromContactID: p.ID, ToContactID: q.ID, Kind: kam.LinkInfluences})
		if err != nil {
			t.Fatal(err)
		}
		rel, err := w.svc.AccountRelations.Create(ctx, w.a1, kam.AccountRelation{FromAccountID: acct.ID, ToAccountID: other.ID, Kind: kam.RelationPartner})
		if err != nil {
			t.Fatal(err)
		}
		records := []struct {
			entity string
			id     int64
		}{{"org_unit", unit.ID}, {"contact_link", link.ID}, {"account_relation", rel.ID}}
		for _, r := range records {
			t.Run(r.entity+": the owner reads its history", func(t *testing.T) {
				recs, _, err := w.svc.Audit(ctx, w.a1, store.AuditFilter{Entity: r.entity, EntityID: r.id})
				if err != nil || len(recs) != 1 {
					t.Fatalf("got %d records, %v", len(recs), err)
				}
			})
			t.Run(r.entity+": another team gets not found", func(t *testing.T) {
				if _, _, err := w.svc.Audit(ctx, w.b1, store.AuditFilter{Entity: r.entity, EntityID: r.id}); !errors.Is(err, kam.ErrNotFound) {
					t.Fatalf("want not found, got %v", err)
				}
			})
		}
	})
}

// Administrators cannot disable or demote themselves; moving themselves to
// the trash would lock them out the same way.
func TestAdminCannotTrashThemself(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		me, err := w.svc.Users.Get(ctx, w.admin, w.admin.UserID)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.svc.Users.Delete(ctx, w.admin, me.ID, me.Version); !errors.Is(err, kam.ErrForbidden) {
			t.Fatalf("want forbidden, got %v", err)
		}
		rep, err := w.svc.Users.Get(ctx, w.admin, w.b1.UserID)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.svc.Users.Delete(ctx, w.admin, rep.ID, rep.Version); err != nil {
			t.Fatalf("deleting another user refused: %v", err)
		}
	})
}
