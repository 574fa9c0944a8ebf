package transfer

import (
	"bytes"
	"context"
	"testing"
	"time"

	"kam/internal/auth"
	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/storetest"
)

// TestImportKeepsFuturePastDates: an export holding dates that record the
// past but lie after today (kam accepted them before it checked) imports
// again whole: the account is not skipped, nor its contacts and deals.
func TestImportKeepsFuturePastDates(t *testing.T) {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	later := kam.NewDate(2027, 1, 10)
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		src := service.New(storetest.SQLite(t), service.Options{Now: func() time.Time { return now }, Passwords: auth.CheapParams()})
		u, err := src.CreateUser(ctx, kam.System, kam.User{Email: "rep@example.com", Name: "rep", Role: kam.RoleAdmin}, "correct horse battery", false)
		if err != nil {
			t.Fatal(err)
		}
		err = src.DB().Write(ctx, func(tx *store.Tx) error {
			acct := kam.Account{Name: "华远集团", OwnerID: u.ID, ReorganisingSince: later}
			if err := store.Accounts.Insert(ctx, tx, &acct); err != nil {
				return err
			}
			con := kam.Contact{AccountID: acct.ID, Name: "王芳", Status: kam.ContactLeft, StatusDate: later, InPostSince: later}
			if err := store.Contacts.Insert(ctx, tx, &con); err != nil {
				return err
			}
			opp := kam.Opportunity{AccountID: acct.ID, OwnerID: u.ID, Name: "一体化办公", Level: kam.LevelIn, EngagedOn: later, TenderPublishedOn: later}
			if err := store.Opportunities.Insert(ctx, tx, &opp); err != nil {
				return err
			}
			in := kam.Interaction{OpportunityID: opp.ID, Kind: kam.InteractionMeeting, At: later.Time().Add(9 * time.Hour)}
			return store.Interactions.Insert(ctx, tx, &in)
		})
		if err != nil {
			t.Fatal(err)
		}
		var file bytes.Buffer
		if _, err := Export(ctx, src, &file, ExportOptions{Now: now}); err != nil {
			t.Fatal(err)
		}

		dst := service.New(db, service.Options{Now: func() time.Time { return now }, Passwords: auth.CheapParams()})
		rep, err := Import(ctx, dst, &file)
		if err != nil {
			t.Fatal(err)
		}
		if !rep.OK() {
			t.Fatalf("problems: %+v", rep.Problems)
		}
		for _, kind := range []string{KindAccounts, KindContacts, KindOpportunities, KindInteractions} {
			if rep.Imported[kind] != 1 || rep.Skipped[kind] != 0 {
				t.Errorf("%s: imported %d, skipped %d", kind, rep.Imported[kind], rep.Skipped[kind])
			}
		}
		opps, _, err := dst.Opportunities.List(ctx, kam.System, store.OpportunityFilter{})
		if err != nil || len(opps) != 1 || opps[0].EngagedOn != later {
			t.Fatalf("deals %+v, %v", opps, err)
		}

		// A user creating such a record is still refused.
		_, err = dst.Opportunities.Create(ctx, kam.System, kam.Opportunity{AccountID: opps[0].AccountID, Name: "二期", EngagedOn: later})
		if err == nil {
			t.Error("a user's new deal engaged after today was accepted")
		}
	})
}
