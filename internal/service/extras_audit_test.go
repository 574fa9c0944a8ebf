package service_test

import (
	"context"
	"encoding/json"
	"testing"

	"kam/internal/kam"
	"kam/internal/store"
	"kam/internal/storetest"
)

// TestShareAndRatingAuditKeepsBefore checks that changing a share or a
// rating records what it was: before is empty for a new one and the old row
// for a change, and an unshare records the share it ended.
func TestShareAndRatingAuditKeepsBefore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		acct := w.account(t, w.a1, "华远集团")
		crit, err := w.svc.Criteria.Create(ctx, w.admin, kam.Criterion{Name: "愿意合作共赢", Kind: kam.CriterionPsychographic, Weight: 5})
		if err != nil {
			t.Fatal(err)
		}
		// last returns the newest audit record of the account, its action and
		// its before and after decoded.
		last := func() (string, map[string]any, map[string]any) {
			t.Helper()
			recs, _, err := w.svc.Audit(ctx, w.admin, store.AuditFilter{Entity: "account", EntityID: acct.ID, Limit: 1})
			if err != nil || len(recs) == 0 {
				t.Fatalf("audit: %v, %d records", err, len(recs))
			}
			dec := func(s string) map[string]any {
				if s == "" {
					return nil
				}
				var m map[string]any
				if err := json.Unmarshal([]byte(s), &m); err != nil {
					t.Fatalf("audit JSON %q: %v", s, err)
				}
				return m
			}
			return recs[0].Action, dec(recs[0].Before), dec(recs[0].After)
		}
		steps := []struct {
			name          string
			do            func() error
			action        string
			before, after map[string]any
		}{
			{"a new share has no before", func() error {
				return w.svc.Share(ctx, w.a1, kam.AccountShare{AccountID: acct.ID, TeamID: w.teamB.ID, Access: kam.ShareRead})
			}, "share", nil, map[string]any{"access": "read"}},
			{"a changed share keeps the old access", func() error {
				return w.svc.Share(ctx, w.a1, kam.AccountShare{AccountID: acct.ID, TeamID: w.teamB.ID, Access: kam.ShareWrite})
			}, "share", map[string]any{"access": "read"}, map[string]any{"access": "write"}},
			{"an unshare records the share it ended", func() error {
				return w.svc.Unshare(ctx, w.a1, acct.ID, w.teamB.ID)
			}, "unshare", map[string]any{"access": "write"}, nil},
			{"a first rating has no before", func() error {
				return w.svc.Rate(ctx, w.a1, kam.CriterionRating{AccountID: acct.ID, CriterionID: crit.ID, Rating: 3})
			}, "rate", nil, map[string]any{"rating": float64(3)}},
			{"a changed rating keeps the old one", func() error {
				return w.svc.Rate(ctx, w.a1, kam.CriterionRating{AccountID: acct.ID, CriterionID: crit.ID, Rating: -2})
			}, "rate", map[string]any{"rating": float64(3)}, map[string]any{"rating": float64(-2)}},
		}
		for _, s := range steps {
			if err := s.do(); err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			action, before, after := last()
			if action != s.action {
				t.Errorf("%s: action %q, want %q", s.name, action, s.action)
			}
			for _, c := range []struct {
				what      string
				got, want map[string]any
			}{{"before", before, s.before}, {"after", after, s.after}} {
				if (c.got == nil) != (c.want == nil) {
					t.Errorf("%s: %s = %v, want %v", s.name, c.what, c.got, c.want)
					continue
				}
				for k, v := range c.want {
					if c.got[k] != v {
						t.Errorf("%s: %s.%s = %v, want %v (%v)", s.name, c.what, k, c.got[k], v, c.got)
					}
				}
			}
		}
	})
}
