package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"kam/internal/kam"
)

func TestUsersAndPasswords(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		write(t, db, func(tx *Tx) error { return SetPassword(ctx, tx, w.rep1.ID, "hash-2", true) })
		read(t, db, func(tx *Tx) error {
			u, err := GetUserByEmail(ctx, tx, "rep1@example.com")
			if err != nil {
				return err
			}
			if u.ID != w.rep1.ID || u.PasswordHash != "hash-2" || !u.MustChangePassword || u.Version != w.rep1.Version+1 {
				t.Errorf("user after SetPassword = %+v", u)
			}
			if _, err := GetUserByEmail(ctx, tx, "nobody@example.com"); !errors.Is(err, kam.ErrNotFound) {
				t.Errorf("unknown email: err = %v, want not found", err)
			}
			return nil
		})
		err := db.Write(ctx, func(tx *Tx) error { return SetPassword(ctx, tx, 424242, "h", false) })
		if !errors.Is(err, kam.ErrNotFound) {
			t.Errorf("SetPassword of a missing user: err = %v", err)
		}
	})
}

func TestTokens(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		a := kam.APIToken{UserID: w.rep1.ID, Name: "CI", Prefix: "kam_ab", Hash: "hash-a"}
		b := kam.APIToken{UserID: w.rep2.ID, Name: "脚本", Prefix: "kam_cd", Hash: "hash-b"}
		write(t, db, func(tx *Tx) error {
			if err := InsertToken(ctx, tx, &a); err != nil {
				return err
			}
			return InsertToken(ctx, tx, &b)
		})
		used := time.Date(2026, 4, 1, 8, 0, 0, 123000, time.UTC)
		write(t, db, func(tx *Tx) error { return TouchToken(ctx, tx, a.ID, used) })
		a.LastUsedAt = &used
		a.CreatedAt = t0.Truncate(time.Microsecond)
		read(t, db, func(tx *Tx) error {
			got, err := TokenByHash(ctx, tx, "hash-a")
			if err != nil {
				return err
			}
			if !reflect.DeepEqual(got, a) {
				t.Errorf("token = %+v, want %+v", got, a)
			}
			mine, err := ListTokens(ctx, tx, w.rep2.ID)
			if len(mine) != 1 || mine[0].ID != b.ID {
				t.Errorf("tokens of rep2 = %+v", mine)
			}
			all, _ := ListTokens(ctx, tx, 0)
			if len(all) != 2 {
				t.Errorf("all tokens = %d, want 2", len(all))
			}
			return err
		})
		write(t, db, func(tx *Tx) error { return RevokeToken(ctx, tx, a.ID) })
		read(t, db, func(tx *Tx) error {
			if _, err := TokenByHash(ctx, tx, "hash-a"); !errors.Is(err, kam.ErrNotFound) {
				t.Errorf("revoked token: err = %v, want not found", err)
			}
			all, err := ListTokens(ctx, tx, w.rep1.ID)
			if len(all) != 1 || all[0].RevokedAt == nil {
				t.Errorf("revoked token listed as %+v", all)
			}
			return err
		})
		if err := db.Write(ctx, func(tx *Tx) error { return RevokeToken(ctx, tx, a.ID) }); !errors.Is(err, kam.ErrNotFound) {
			t.Errorf("revoking twice: err = %v, want not found", err)
		}
	})
}

func TestSharesAndRatings(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		var c1, c2, gone kam.Criterion
		write(t, db, func(tx *Tx) error {
			// Upsert: read → write.
			if err := PutShare(ctx, tx, kam.AccountShare{AccountID: w.acc1.ID, TeamID: w.teamB.ID, Access: kam.ShareWrite}); err != nil {
				return err
			}
			if err := PutShare(ctx, tx, kam.AccountShare{AccountID: w.acc1.ID, TeamID: w.teamC.ID, Access: kam.ShareRead}); err != nil {
				return err
			}
			c1 = *must(t, Criteria, tx, &kam.Criterion{Name: "a", Kind: kam.CriterionDemographic, Weight: 1})
			c2 = *must(t, Criteria, tx, &kam.Criterion{Name: "b", Kind: kam.CriterionDemographic, Weight: 3})
			gone = *must(t, Criteria, tx, &kam.Criterion{Name: "c", Kind: kam.CriterionDemographic, Weight: 3})
			for _, r := range []kam.CriterionRating{{AccountID: w.acc1.ID, CriterionID: c1.ID, Rating: 5}, {AccountID: w.acc1.ID, CriterionID: c2.ID, Rating: 0}, {AccountID: w.acc1.ID, CriterionID: c2.ID, Rating: -5}, {AccountID: w.acc2.ID, CriterionID: c1.ID, Rating: 1}, {AccountID: w.acc1.ID, CriterionID: gone.ID, Rating: 4}} {
				if err := PutRating(ctx, tx, r); err != nil {
					return err
				}
			}
			return Criteria.Delete(ctx, tx, gone.ID, gone.Version)
		})
		read(t, db, func(tx *Tx) error {
			shares, err := ListShares(ctx, tx, w.acc1.ID)
			want := []kam.AccountShare{{AccountID: w.acc1.ID, TeamID: w.teamB.ID, Access: kam.ShareWrite}, {AccountID: w.acc1.ID, TeamID: w.teamC.ID, Access: kam.ShareRead}}
			if !reflect.DeepEqual(shares, want) {
				t.Errorf("shares = %v, want %v", shares, want)
			}
			ratings, err2 := ListRatings(ctx, tx, w.acc1.ID)
			wantR := []kam.CriterionRating{{AccountID: w.acc1.ID, CriterionID: c1.ID, Rating: 5}, {AccountID: w.acc1.ID, CriterionID: c2.ID, Rating: -5}}
			if !reflect.DeepEqual(ratings, wantR) {
				t.Errorf("ratings = %v, want %v (deleted criteria left out)", ratings, wantR)
			}
			m, err3 := RatingsForAccounts(ctx, tx, []int64{w.acc1.ID, w.acc2.ID, w.acc3.ID})
			if len(m) != 2 || len(m[w.acc2.ID]) != 1 || m[w.acc3.ID] != nil {
				t.Errorf("ratings for accounts = %v", m)
			}
			scores, err4 := IdealScores(ctx, tx, []int64{w.acc1.ID, w.acc3.ID})
			// (1·(5+5)·10 + 3·(−5+5)·10) / (1+3) = 25
			if len(scores) != 1 || scores[w.acc1.ID] != 25 {
				t.Errorf("ideal scores = %v, want acc1: 25", scores)
			}
			return errors.Join(err, err2, err3, err4)
		})
		write(t, db, func(tx *Tx) error {
			if err := DeleteShare(ctx, tx, w.acc1.ID, w.teamC.ID); err != nil {
				return err
			}
			return DeleteRating(ctx, tx, w.acc1.ID, c1.ID)
		})
		err := db.Write(ctx, func(tx *Tx) error { return DeleteShare(ctx, tx, w.acc1.ID, w.teamC.ID) })
		if !errors.Is(err, kam.ErrNotFound) {
			t.Errorf("deleting a missing share: err = %v", err)
		}
		err = db.Write(ctx, func(tx *Tx) error { return DeleteRating(ctx, tx, w.acc1.ID, c1.ID) })
		if !errors.Is(err, kam.ErrNotFound) {
			t.Errorf("deleting a missing rating: err = %v", err)
		}
	})
}

func TestHistoryAcceptedAndAudit(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		t1 := t0.Add(time.Hour).Truncate(time.Microsecond)
		lc := kam.LevelChange{OpportunityID: w.opp1.ID, From: kam.LevelAbove, To: kam.LevelIn, At: t1, ByUserID: w.rep1.ID}
		lc0 := kam.LevelChange{OpportunityID: w.opp1.ID, From: "", To: kam.LevelAbove} // At from the clock, no user
		af := kam.AcceptedFinding{OpportunityID: w.opp1.ID, RuleID: "no-coach", Subject: "opportunity", Fingerprint: "fp", Note: "正在培养", ByUserID: w.rep1.ID, At: t1}
		var recs []kam.AuditRecord
		write(t, db, func(tx *Tx) error {
			if err := InsertLevelChange(ctx, tx, &lc); err != nil {
				return err
			}
			if err := InsertLevelChange(ctx, tx, &lc0); err != nil {
				return err
			}
			if err := InsertAccepted(ctx, tx, &af); err != nil {
				return err
			}
			for i := range 5 {
				r := kam.AuditRecord{At: t0.Add(time.Duration(i) * time.Minute).Truncate(time.Microsecond), UserID: w.rep1.ID, Action: "update", Entity: "account", EntityID: w.acc1.ID, Before: `{"v":1}`, After: fmt.Sprintf(`{"v":%d}`, i)}
				if i == 4 {
					r.Entity, r.UserID = "contact", w.rep2.ID
				}
				if err := InsertAudit(ctx, tx, &r); err != nil {
					return err
				}
				recs = append(recs, r)
			}
			return nil
		})
		read(t, db, func(tx *Tx) error {
			hist, err := ListLevelChanges(ctx, tx, w.opp1.ID)
			lc0.At = t0.Truncate(time.Microsecond)
			if want := []kam.LevelChange{lc0, lc}; !reflect.DeepEqual(hist, want) {
				t.Errorf("history = %+v\nwant %+v", hist, want)
			}
			acc, err2 := ListAccepted(ctx, tx, w.opp1.ID)
			if want := []kam.AcceptedFinding{af}; !reflect.DeepEqual(acc, want) {
				t.Errorf("accepted = %+v\nwant %+v", acc, want)
			}
			return errors.Join(err, err2)
		})
		write(t, db, func(tx *Tx) error { return DeleteAccepted(ctx, tx, af.ID) })
		if err := db.Write(ctx, func(tx *Tx) error { return DeleteAccepted(ctx, tx, af.ID) }); !errors.Is(err, kam.ErrNotFound) {
			t.Errorf("deleting twice: err = %v", err)
		}

		tests := []struct {
			name string
			f    AuditFilter
			want []int64
			next int64
		}{
			{"newest first", AuditFilter{}, []int64{recs[4].ID, recs[3].ID, recs[2].ID, recs[1].ID, recs[0].ID}, 0},
			{"by entity", AuditFilter{Entity: "account", EntityID: w.acc1.ID}, []int64{recs[3].ID, recs[2].ID, recs[1].ID, recs[0].ID}, 0},
			{"by user", AuditFilter{UserID: w.rep2.ID}, []int64{recs[4].ID}, 0},
			{"in a time window", AuditFilter{Since: recs[1].At, Until: recs[3].At}, []int64{recs[2].ID, recs[1].ID}, 0},
			{"first page", AuditFilter{Limit: 2}, []int64{recs[4].ID, recs[3].ID}, recs[3].ID},
			{"second page", AuditFilter{Limit: 2, Before: recs[3].ID}, []int64{recs[2].ID, recs[1].ID}, recs[1].ID},
			{"last page", AuditFilter{Limit: 2, Before: recs[1].ID}, []int64{recs[0].ID}, 0},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				read(t, db, func(tx *Tx) error {
					got, next, err := ListAudit(ctx, tx, tc.f)
					var gotIDs []int64
					for _, r := range got {
						gotIDs = append(gotIDs, r.ID)
					}
					if !reflect.DeepEqual(gotIDs, tc.want) || next != tc.next {
						t.Errorf("ids %v next %d, want %v next %d", gotIDs, next, tc.want, tc.next)
					}
					return err
				})
			})
		}
		t.Run("records round trip", func(t *testing.T) {
			read(t, db, func(tx *Tx) error {
				got, _, err := ListAudit(ctx, tx, AuditFilter{Limit: 1, Before: recs[1].ID})
				if len(got) != 1 || !reflect.DeepEqual(got[0], recs[0]) {
					t.Errorf("record = %+v, want %+v", got, recs[0])
				}
				return err
			})
		})
	})
}

func TestSessionsThrottlesSettings(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		at := t0.Truncate(time.Microsecond)
		s1 := kam.Session{IDHash: "h1", UserID: w.rep1.ID, CSRFToken: "c1", CreatedAt: at, LastSeenAt: at, ExpiresAt: at.Add(time.Hour), UserAgent: "Firefox", IP: "10.0.0.1"}
		s2 := kam.Session{IDHash: "h2", UserID: w.rep1.ID, CSRFToken: "c2", CreatedAt: at, LastSeenAt: at, ExpiresAt: at.Add(-time.Second)}
		s3 := kam.Session{IDHash: "h3", UserID: w.rep2.ID, CSRFToken: "c3", CreatedAt: at, LastSeenAt: at, ExpiresAt: at.Add(time.Hour)}
		write(t, db, func(tx *Tx) error {
			return errors.Join(InsertSession(ctx, tx, s1), InsertSession(ctx, tx, s2), InsertSession(ctx, tx, s3))
		})
		seen := at.Add(time.Minute)
		write(t, db, func(tx *Tx) error { return TouchSession(ctx, tx, "h1", seen) })
		s1.LastSeenAt = seen
		read(t, db, func(tx *Tx) error {
			got, err := GetSession(ctx, tx, "h1")
			if !reflect.DeepEqual(got, s1) {
				t.Errorf("session = %+v, want %+v", got, s1)
			}
			return err
		})
		var expired int64
		write(t, db, func(tx *Tx) error {
			var err error
			expired, err = DeleteExpiredSessions(ctx, tx, at)
			return err
		})
		if expired != 1 {
			t.Errorf("expired sessions deleted = %d, want 1", expired)
		}
		var idle int64
		write(t, db, func(tx *Tx) error {
			var err error
			// h1 was seen at seen, h3 at at: only h3 is idle before seen.
			idle, err = DeleteIdleSessions(ctx, tx, seen)
			return err
		})
		if idle != 1 {
			t.Errorf("idle sessions deleted = %d, want 1", idle)
		}
		read(t, db, func(tx *Tx) error {
			if _, err := GetSession(ctx, tx, "h1"); err != nil {
				t.Errorf("session seen recently: %v, want kept", err)
			}
			if _, err := GetSession(ctx, tx, "h3"); !errors.Is(err, kam.ErrNotFound) {
				t.Errorf("idle session: err = %v, want deleted", err)
			}
			return nil
		})
		write(t, db, func(tx *Tx) error { return DeleteUserSessions(ctx, tx, w.rep1.ID) })
		write(t, db, func(tx *Tx) error { return DeleteSession(ctx, tx, "h3") })
		read(t, db, func(tx *Tx) error {
			for _, h := range []string{"h1", "h2", "h3"} {
				if _, err := GetSession(ctx, tx, h); !errors.Is(err, kam.ErrNotFound) {
					t.Errorf("session %s: err = %v, want not found", h, err)
				}
			}
			return nil
		})
		if err := db.Write(ctx, func(tx *Tx) error { return TouchSession(ctx, tx, "h1", seen) }); !errors.Is(err, kam.ErrNotFound) {
			t.Errorf("touching a gone session: err = %v", err)
		}

		th := kam.LoginThrottle{Key: "email:a@b.c", Failures: 3, LastFailure: at, LockedUntil: at.Add(15 * time.Minute)}
		read(t, db, func(tx *Tx) error {
			got, err := GetThrottle(ctx, tx, th.Key)
			if !reflect.DeepEqual(got, kam.LoginThrottle{Key: th.Key}) {
				t.Errorf("missing throttle = %+v, want zero with key", got)
			}
			return err
		})
		write(t, db, func(tx *Tx) error {
			if err := PutThrottle(ctx, tx, kam.LoginThrottle{Key: th.Key, Failures: 1, LastFailure: at}); err != nil {
				return err
			}
			return PutThrottle(ctx, tx, th)
		})
		read(t, db, func(tx *Tx) error {
			got, err := GetThrottle(ctx, tx, th.Key)
			if !reflect.DeepEqual(got, th) {
				t.Errorf("throttle = %+v, want %+v", got, th)
			}
			return err
		})
		write(t, db, func(tx *Tx) error { return DeleteThrottle(ctx, tx, th.Key) })
		read(t, db, func(tx *Tx) error {
			got, err := GetThrottle(ctx, tx, th.Key)
			if got.Failures != 0 {
				t.Errorf("throttle after delete = %+v", got)
			}
			return err
		})

		write(t, db, func(tx *Tx) error {
			if err := PutSetting(ctx, tx, "thresholds", `{"stale_days":30}`); err != nil {
				return err
			}
			return PutSetting(ctx, tx, "thresholds", `{"stale_days":21}`)
		})
		read(t, db, func(tx *Tx) error {
			v, ok, err := GetSetting(ctx, tx, "thresholds")
			if !ok || v != `{"stale_days":21}` {
				t.Errorf("setting = %q %v", v, ok)
			}
			if _, ok, _ := GetSetting(ctx, tx, "missing"); ok {
				t.Error("missing setting reported present")
			}
			return err
		})
	})
}

func TestAncestors(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		var grand, parent, child kam.Account
		var u1, u2 kam.OrgUnit
		var boss kam.Contact
		write(t, db, func(tx *Tx) error {
			grand = *must(t, Accounts, tx, &kam.Account{Name: "集团", OwnerID: w.rep1.ID})
			parent = *must(t, Accounts, tx, &kam.Account{Name: "子公司", OwnerID: w.rep1.ID, ParentID: grand.ID})
			child = *must(t, Accounts, tx, &kam.Account{Name: "孙公司", OwnerID: w.rep1.ID, ParentID: parent.ID})
			u1 = *must(t, OrgUnits, tx, &kam.OrgUnit{AccountID: w.acc1.ID, Name: "总部"})
			u2 = *must(t, OrgUnits, tx, &kam.OrgUnit{AccountID: w.acc1.ID, Name: "IT", ParentID: u1.ID})
			boss = *must(t, Contacts, tx, &kam.Contact{AccountID: w.acc1.ID, Name: "董事长", Seniority: kam.SeniorityExecutive, Status: kam.ContactActive})
			c1 := w.con1
			c1.ReportsToID = boss.ID
			return Contacts.Update(ctx, tx, &c1)
		})
		read(t, db, func(tx *Tx) error {
			a, err := AccountAncestors(ctx, tx, child.ID)
			if !reflect.DeepEqual(a, []int64{parent.ID, grand.ID}) {
				t.Errorf("account ancestors = %v", a)
			}
			top, err2 := AccountAncestors(ctx, tx, grand.ID)
			if len(top) != 0 {
				t.Errorf("root has ancestors %v", top)
			}
			m, err3 := ContactManagers(ctx, tx, w.con2.ID)
			if !reflect.DeepEqual(m, []int64{w.con1.ID, boss.ID}) {
				t.Errorf("managers = %v", m)
			}
			o, err4 := OrgUnitAncestors(ctx, tx, u2.ID)
			if !reflect.DeepEqual(o, []int64{u1.ID}) {
				t.Errorf("org unit ancestors = %v", o)
			}
			return errors.Join(err, err2, err3, err4)
		})
		t.Run("a cycle in the data ends at the depth cap", func(t *testing.T) {
			write(t, db, func(tx *Tx) error {
				g, err := Accounts.Get(ctx, tx, grand.ID)
				if err != nil {
					return err
				}
				g.ParentID = child.ID
				return Accounts.Update(ctx, tx, &g)
			})
			read(t, db, func(tx *Tx) error {
				a, err := AccountAncestors(ctx, tx, child.ID)
				if len(a) != MaxDepth || a[2] != child.ID {
					t.Errorf("walk over a cycle: %d ids, starting %v", len(a), a[:3])
				}
				return err
			})
		})
	})
}

func TestSearch(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		tests := []struct {
			name  string
			scope Scope
			q     string
			limit int
			want  []Hit
		}{
			{"Chinese substring over every kind", Scope{All: true}, "战略营", 10, []Hit{
				{"account", w.acc1.ID, w.acc1.Name, w.acc1.Industry, w.acc1.ID},
				{"opportunity", w.opp1.ID, w.opp1.Name, w.opp1.Product, w.acc1.ID},
			}},
			{"contact by title, any case", Scope{All: true}, "cfo", 10, []Hit{{"contact", w.con3.ID, "Bob", "CFO", w.acc3.ID}}},
			{"out of scope finds nothing", Scope{UserID: w.rep2.ID}, "战略营", 10, []Hit{}},
			{"deleted account's records are not found", Scope{All: true}, "ghost", 10, []Hit{}},
			{"limit takes kinds in turn", Scope{All: true}, "a", 2, []Hit{
				{"account", w.acc2.ID, w.acc2.Name, w.acc2.Industry, w.acc2.ID},
				{"contact", w.con2.ID, "Li Wei", "IT Manager", w.acc1.ID},
			}},
			{"blank query finds nothing", Scope{All: true}, "  ", 10, []Hit{}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				read(t, db, func(tx *Tx) error {
					got, err := Search(ctx, tx, tc.scope, tc.q, tc.limit)
					if !reflect.DeepEqual(got, tc.want) {
						t.Errorf("hits = %+v\nwant %+v", got, tc.want)
					}
					return err
				})
			})
		}
	})
}

func TestInsertContacts(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		n := batchRows*2 + 7 // three statements, the last one short
		cs := make([]*kam.Contact, n)
		for i := range cs {
			cs[i] = &kam.Contact{AccountID: w.acc2.ID, Name: fmt.Sprintf("导入 %d", i), Title: "t", Seniority: kam.SeniorityJunior, Status: kam.ContactActive, InPostSince: kam.MustDate("2025-01-02")}
		}
		write(t, db, func(tx *Tx) error { return InsertContacts(ctx, tx, cs) })
		read(t, db, func(tx *Tx) error {
			for _, i := range []int{0, batchRows - 1, batchRows, n - 1} {
				got, err := Contacts.Get(ctx, tx, cs[i].ID)
				if err != nil {
					return err
				}
				if !reflect.DeepEqual(got, *cs[i]) {
					t.Errorf("contact %d = %+v, want %+v", i, got, *cs[i])
				}
			}
			var count int
			err := tx.queryRow(ctx, "SELECT COUNT(*) FROM contacts WHERE account_id = ?", w.acc2.ID).Scan(&count)
			if count != n {
				t.Errorf("count = %d, want %d", count, n)
			}
			return err
		})
	})
}

// LockThrottle makes a read-modify-write of one key atomic: parallel
// increments, each in its own write transaction, lose none.
func TestLockThrottleSerialisesIncrements(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		const key, n = "email:race@example.com", 24
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- db.Write(ctx, func(tx *Tx) error {
					th, err := LockThrottle(ctx, tx, key)
					if err != nil {
						return err
					}
					th.Failures++
					return PutThrottle(ctx, tx, th)
				})
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		read(t, db, func(tx *Tx) error {
			got, err := GetThrottle(ctx, tx, key)
			if got.Failures != n {
				t.Errorf("failures = %d, want %d: an increment was lost", got.Failures, n)
			}
			return err
		})
		// A missing key reads as zero.
		write(t, db, func(tx *Tx) error {
			got, err := LockThrottle(ctx, tx, "ip:192.0.2.1")
			if !reflect.DeepEqual(got, kam.LoginThrottle{Key: "ip:192.0.2.1"}) {
				t.Errorf("new key = %+v, want zero with key", got)
			}
			return err
		})
	})
}

func TestDeleteStaleThrottles(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		now := t0.Truncate(time.Microsecond)
		cutoff := now.Add(-time.Hour)
		rows := []struct {
			th   kam.LoginThrottle
			keep bool
		}{
			{kam.LoginThrottle{Key: "fresh", Failures: 2, LastFailure: now.Add(-time.Minute)}, true},
			{kam.LoginThrottle{Key: "old", Failures: 2, LastFailure: now.Add(-2 * time.Hour)}, false},
			{kam.LoginThrottle{Key: "old-but-locked", Failures: 40, LastFailure: now.Add(-2 * time.Hour), LockedUntil: now.Add(time.Minute)}, true},
			{kam.LoginThrottle{Key: "old-lock-over", Failures: 9, LastFailure: now.Add(-2 * time.Hour), LockedUntil: now.Add(-time.Minute)}, false},
			{kam.LoginThrottle{Key: "empty"}, false},
		}
		write(t, db, func(tx *Tx) error {
			for _, r := range rows {
				if err := PutThrottle(ctx, tx, r.th); err != nil {
					return err
				}
			}
			return nil
		})
		var n int64
		write(t, db, func(tx *Tx) error {
			var err error
			n, err = DeleteStaleThrottles(ctx, tx, cutoff, now)
			return err
		})
		if n != 3 {
			t.Errorf("deleted %d throttles, want 3", n)
		}
		read(t, db, func(tx *Tx) error {
			for _, r := range rows {
				got, err := GetThrottle(ctx, tx, r.th.Key)
				if err != nil {
					return err
				}
				if kept := got.Failures != 0; kept != r.keep {
					t.Errorf("%s kept = %v, want %v", r.th.Key, kept, r.keep)
				}
			}
			return nil
		})
	})
}
