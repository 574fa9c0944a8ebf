package service_test

import (
	"context"
	"errors"
	"testing"

	"kam/internal/kam"
	"kam/internal/store"
	"kam/internal/storetest"
)

// TestDuplicatesAndMerge: a second 华信集团 (another spacing, full-width
// letters) and a second 张三 (same mobile, another name) are found in scope
// and only there; an admin's merge moves everything below the merged
// account and contact to the kept ones, sends the merged ones to the
// trash, and both histories say "merge".
func TestDuplicatesAndMerge(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newFunnelWorld(t, db)
		keep, err := w.svc.Accounts.Create(ctx, w.r1, kam.Account{Name: "ＨＸ 华信集团"})
		if err != nil {
			t.Fatal(err)
		}
		dups, err := w.svc.AccountDuplicates(ctx, w.r1, kam.Account{Name: "hx华信 集团·"})
		if err != nil || len(dups) != 1 || dups[0].ID != keep.ID {
			t.Fatalf("duplicates of hx华信 集团: %v %v", dups, err)
		}
		if dups, _ := w.svc.AccountDuplicates(ctx, w.o1, kam.Account{Name: "HX华信集团"}); len(dups) != 0 {
			t.Errorf("another team's rep is told of %v", dups)
		}
		if dups, _ := w.svc.AccountDuplicates(ctx, w.r1, kam.Account{Name: "华信"}); len(dups) != 0 {
			t.Errorf("华信 is taken for %v", dups)
		}
		twin, err := w.svc.Accounts.Create(ctx, w.r1, kam.Account{Name: "HX华信集团"})
		if err != nil {
			t.Fatal(err)
		}
		zhang, err := w.svc.Contacts.Create(ctx, w.r1, kam.Contact{AccountID: keep.ID, Name: "张三", Phone: "+86 138-0013-8000"})
		if err != nil {
			t.Fatal(err)
		}
		dc, err := w.svc.ContactDuplicates(ctx, w.r1, kam.Contact{AccountID: keep.ID, Name: "张 三丰", Phone: "13800138000"})
		if err != nil || len(dc) != 1 || dc[0].ID != zhang.ID {
			t.Fatalf("contact duplicates by mobile: %v %v", dc, err)
		}
		// The twin holds a contact, a department and a deal with a buyer.
		unit, err := w.svc.OrgUnits.Create(ctx, w.r1, kam.OrgUnit{AccountID: twin.ID, Name: "信息部"})
		if err != nil {
			t.Fatal(err)
		}
		li, err := w.svc.Contacts.Create(ctx, w.r1, kam.Contact{AccountID: twin.ID, Name: "李四", OrgUnitID: unit.ID})
		if err != nil {
			t.Fatal(err)
		}
		deal := w.deal(t, w.r1, twin, kam.LevelIn, 100_000, "2026-12-20")
		if _, err := w.svc.BuyingInfluences.Create(ctx, w.r1, kam.BuyingInfluence{OpportunityID: deal.ID, ContactID: li.ID,
			Roles: []kam.BuyingRole{kam.RoleUser}, Influence: kam.InfluenceLow, ContactLevel: kam.ContactRare, Mode: kam.ModeEvenKeel}); err != nil {
			t.Fatal(err)
		}
		if err := w.svc.MergeAccounts(ctx, w.r1, twin.ID, keep.ID); !errors.Is(err, kam.ErrForbidden) {
			t.Errorf("a rep merges: %v", err)
		}
		if err := w.svc.MergeAccounts(ctx, w.admin, keep.ID, keep.ID); !errors.Is(err, kam.ErrInvalid) {
			t.Errorf("a merge into itself: %v", err)
		}
		if err := w.svc.MergeAccounts(ctx, w.admin, twin.ID, keep.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Accounts.Get(ctx, w.r1, twin.ID); !errors.Is(err, kam.ErrNotFound) {
			t.Errorf("the merged account is still live: %v", err)
		}
		for what, acct := range map[string]func() (int64, error){
			"contact":     func() (int64, error) { x, err := w.svc.Contacts.Get(ctx, w.r1, li.ID); return x.AccountID, err },
			"department":  func() (int64, error) { x, err := w.svc.OrgUnits.Get(ctx, w.r1, unit.ID); return x.AccountID, err },
			"opportunity": func() (int64, error) { x, err := w.svc.Opportunities.Get(ctx, w.r1, deal.ID); return x.AccountID, err },
		} {
			if id, err := acct(); err != nil || id != keep.ID {
				t.Errorf("the %s is on account %d (%v), want %d", what, id, err, keep.ID)
			}
		}
		// 李四 is 张三 by another record: merged, their buyer role moves.
		if err := w.svc.MergeContacts(ctx, w.admin, li.ID, zhang.ID); err != nil {
			t.Fatal(err)
		}
		v, err := w.svc.Strategy(ctx, w.r1, deal.ID)
		if err != nil || len(v.Influences) != 1 || v.Influences[0].ContactID != zhang.ID {
			t.Errorf("after the merge the deal's buyers are %+v (%v)", v.Influences, err)
		}
		for _, x := range []struct {
			entity string
			id     int64
		}{{"account", twin.ID}, {"account", keep.ID}, {"contact", li.ID}, {"contact", zhang.ID}} {
			recs, _, err := w.svc.Audit(ctx, w.admin, store.AuditFilter{Entity: x.entity, EntityID: x.id})
			if err != nil || len(recs) == 0 || recs[0].Action != "merge" {
				t.Errorf("the history of %s %d does not say merge: %v %v", x.entity, x.id, recs, err)
			}
		}
	})
}
