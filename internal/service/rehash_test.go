package service_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"kam/internal/auth"
	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/storetest"
)

// TestSignInUpgradesWeakerHashes: a user whose hash was made with weaker
// parameters than the service's gets a hash with the service's at a
// successful sign-in, stored without an audit record or a new version; a
// stronger hash is never weakened, a wrong password upgrades nothing, and a
// hash changed since the sign-in read it stays.
func TestSignInUpgradesWeakerHashes(t *testing.T) {
	weak := auth.CheapParams()                                                       // m=64,t=1
	strong := auth.Params{Memory: 256, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32} // m=256,t=2
	const pw = "correct horse battery"
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }
		old := service.New(db, service.Options{Now: now, Passwords: weak})
		u, err := old.CreateUser(ctx, kam.System, kam.User{Email: "a@example.com", Name: "A"}, pw, false)
		if err != nil {
			t.Fatal(err)
		}
		stored := func() kam.User {
			t.Helper()
			var got kam.User
			if err := db.Read(ctx, func(tx *store.Tx) error {
				var err error
				got, err = store.Users.Get(ctx, tx, u.ID)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			return got
		}
		audits := func() int {
			t.Helper()
			recs, _, err := old.Audit(ctx, kam.System, store.AuditFilter{Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			return len(recs)
		}
		before, nAudit := stored(), audits()
		if !strings.HasPrefix(before.PasswordHash, "$argon2id$v=19$m=64,t=1,") {
			t.Fatalf("first hash %q not made with the weak parameters", before.PasswordHash)
		}

		// The service now hashes with stronger parameters.
		svc := service.New(db, service.Options{Now: now, Passwords: strong})
		if _, err := svc.Authenticator(nil).SignIn(ctx, "a@example.com", "wrong horse battery", ""); err == nil {
			t.Fatal("a wrong password signed in")
		}
		if got := stored().PasswordHash; got != before.PasswordHash {
			t.Fatal("a refused sign-in changed the hash")
		}
		signedIn, err := svc.Authenticator(nil).SignIn(ctx, "a@example.com", pw, "")
		if err != nil {
			t.Fatal(err)
		}
		after := stored()
		if !strings.HasPrefix(after.PasswordHash, "$argon2id$v=19$m=256,t=2,") {
			t.Errorf("hash after sign-in %q, want one with m=256,t=2", after.PasswordHash)
		}
		if signedIn.PasswordHash != after.PasswordHash {
			t.Error("the sign-in returned another hash than the one stored")
		}
		if ok, _ := auth.CheckPassword(after.PasswordHash, pw); !ok {
			t.Error("the upgraded hash does not match the password")
		}
		if after.Version != before.Version || !after.UpdatedAt.Equal(before.UpdatedAt) {
			t.Errorf("version %d→%d, updated_at %s→%s; an upgrade is no edit", before.Version, after.Version, before.UpdatedAt, after.UpdatedAt)
		}
		if n := audits(); n != nAudit {
			t.Errorf("audit records %d→%d; an upgrade writes none", nAudit, n)
		}

		// Back on the weak parameters: the stronger hash stays.
		if _, err := old.Authenticator(nil).SignIn(ctx, "a@example.com", pw, ""); err != nil {
			t.Fatal(err)
		}
		if got := stored().PasswordHash; got != after.PasswordHash {
			t.Errorf("signing in with weaker parameters replaced the stronger hash: %q", got)
		}

		// A password set after the sign-in read the old hash is kept.
		if err := old.SetTemporaryPassword(ctx, kam.System, u.ID, "another horse battery"); err != nil {
			t.Fatal(err)
		}
		set := stored().PasswordHash
		if err := svc.Authenticator(nil).Rehash(ctx, u.ID, after.PasswordHash, "$argon2id$stale"); err != nil {
			t.Fatal(err)
		}
		if got := stored().PasswordHash; got != set {
			t.Errorf("an upgrade of a hash no longer stored replaced the new password's: %q", got)
		}
	})
}
