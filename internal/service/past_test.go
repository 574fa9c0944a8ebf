package service_test

import (
	"context"
	"testing"
	"time"

	"kam/internal/auth"
	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/storetest"
)

// TestPastDatesNotInFuture: the dates that record what happened are refused
// when they lie after today, each on its own field; dates that plan are not.
// The clock reads 12:00 UTC on 20 November, when it is already 21 November
// in UTC+14: today is the 21st.
func TestPastDatesNotInFuture(t *testing.T) {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	today := kam.NewDate(2026, 11, 21)
	tomorrow := today.AddDays(1)
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		svc := service.New(db, service.Options{Now: func() time.Time { return now }, Passwords: auth.CheapParams()})
		u, err := svc.CreateUser(ctx, kam.System, kam.User{Email: "rep@example.com", Name: "rep", Role: kam.RoleAdmin}, "correct horse battery", false)
		if err != nil {
			t.Fatal(err)
		}
		a := service.ActorOf(u)
		acct, err := svc.Accounts.Create(ctx, a, kam.Account{Name: "华远集团"})
		if err != nil {
			t.Fatal(err)
		}
		opp, err := svc.Opportunities.Create(ctx, a, kam.Opportunity{AccountID: acct.ID, Name: "一体化办公"})
		if err != nil {
			t.Fatal(err)
		}

		cases := []struct {
			name   string
			create func() error
			field  string // "" when the record is accepted
		}{
			{"account reorganising today", func() error {
				_, err := svc.Accounts.Create(ctx, a, kam.Account{Name: "A1", ReorganisingSince: today})
				return err
			}, ""},
			{"account reorganising tomorrow", func() error {
				_, err := svc.Accounts.Create(ctx, a, kam.Account{Name: "A2", ReorganisingSince: tomorrow})
				return err
			}, "reorganising_since"},
			{"contact who left today", func() error {
				_, err := svc.Contacts.Create(ctx, a, kam.Contact{AccountID: acct.ID, Name: "C1", Status: kam.ContactLeft, StatusDate: today})
				return err
			}, ""},
			{"contact who left tomorrow", func() error {
				_, err := svc.Contacts.Create(ctx, a, kam.Contact{AccountID: acct.ID, Name: "C2", Status: kam.ContactLeft, StatusDate: tomorrow})
				return err
			}, "status_date"},
			{"contact who moved next year", func() error {
				_, err := svc.Contacts.Create(ctx, a, kam.Contact{AccountID: acct.ID, Name: "C3", Status: kam.ContactMoved, StatusDate: kam.NewDate(2027, 3, 1)})
				return err
			}, "status_date"},
			{"contact in post from tomorrow", func() error {
				_, err := svc.Contacts.Create(ctx, a, kam.Contact{AccountID: acct.ID, Name: "C4", InPostSince: tomorrow})
				return err
			}, "in_post_since"},
			{"deal engaged tomorrow", func() error {
				_, err := svc.Opportunities.Create(ctx, a, kam.Opportunity{AccountID: acct.ID, Name: "O1", EngagedOn: tomorrow})
				return err
			}, "engaged_on"},
			{"tender published tomorrow", func() error {
				_, err := svc.Opportunities.Create(ctx, a, kam.Opportunity{AccountID: acct.ID, Name: "O2", TenderPublishedOn: tomorrow})
				return err
			}, "tender_published_on"},
			{"deal engaged today, closing next year", func() error {
				_, err := svc.Opportunities.Create(ctx, a, kam.Opportunity{AccountID: acct.ID, Name: "O3", EngagedOn: today, TenderPublishedOn: today, CloseDate: kam.NewDate(2027, 6, 30)})
				return err
			}, ""},
			{"action due next year", func() error {
				_, err := svc.Actions.Create(ctx, a, kam.Action{OpportunityID: opp.ID, Title: "拜访", Due: kam.NewDate(2027, 1, 15)})
				return err
			}, ""},
			{"interaction late today (UTC)", func() error {
				_, err := svc.Interactions.Create(ctx, a, kam.Interaction{OpportunityID: opp.ID, Kind: kam.InteractionMeeting, At: time.Date(2026, 11, 21, 23, 59, 0, 0, time.UTC)})
				return err
			}, ""},
			{"interaction tomorrow (UTC)", func() error {
				_, err := svc.Interactions.Create(ctx, a, kam.Interaction{OpportunityID: opp.ID, Kind: kam.InteractionMeeting, At: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)})
				return err
			}, "at"},
			{"interaction tomorrow in Beijing", func() error {
				_, err := svc.Interactions.Create(ctx, a, kam.Interaction{OpportunityID: opp.ID, Kind: kam.InteractionCall, At: time.Date(2026, 11, 22, 7, 0, 0, 0, time.FixedZone("CST", 8*3600))})
				return err
			}, "at"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				err := c.create()
				if c.field == "" {
					if err != nil {
						t.Error(err)
					}
					return
				}
				fieldErr(t, err, c.field)
				msg := err.(*kam.ValidationError).Fields[c.field]
				if msg.EN == "" || msg.ZH == "" {
					t.Errorf("the message is not in both languages: %+v", msg)
				}
			})
		}

		// Problems add up: a future date is listed beside the other fields.
		_, err = svc.Opportunities.Create(ctx, a, kam.Opportunity{AccountID: acct.ID, Name: "", EngagedOn: tomorrow})
		fieldErr(t, err, "name")
		fieldErr(t, err, "engaged_on")

		// An update is held to the same rule.
		in, err := svc.Interactions.Create(ctx, a, kam.Interaction{OpportunityID: opp.ID, Kind: kam.InteractionVisit, At: now})
		if err != nil {
			t.Fatal(err)
		}
		_, err = svc.Interactions.Update(ctx, a, in.ID, in.Version, func(x *kam.Interaction) error {
			x.At = x.At.AddDate(0, 1, 0)
			return nil
		})
		fieldErr(t, err, "at")
	})
}

// TestStoredFuturePastDatesStayEditable: a record stored with a future past
// date before the check existed can still be edited; only a change of that
// date is held to the rule, and refused on its field.
func TestStoredFuturePastDatesStayEditable(t *testing.T) {
	now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	later := kam.NewDate(2027, 1, 10)
	evenLater := kam.NewDate(2027, 2, 1)
	laterAt := time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC)
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		svc := service.New(db, service.Options{Now: func() time.Time { return now }, Passwords: auth.CheapParams()})
		u, err := svc.CreateUser(ctx, kam.System, kam.User{Email: "rep@example.com", Name: "rep", Role: kam.RoleAdmin}, "correct horse battery", false)
		if err != nil {
			t.Fatal(err)
		}
		a := service.ActorOf(u)
		// Stored as kam accepted them before the check existed.
		acct := kam.Account{Name: "华远集团", OwnerID: u.ID, ReorganisingSince: later}
		var con kam.Contact
		var opp kam.Opportunity
		var in kam.Interaction
		err = db.Write(ctx, func(tx *store.Tx) error {
			if err := store.Accounts.Insert(ctx, tx, &acct); err != nil {
				return err
			}
			con = kam.Contact{AccountID: acct.ID, Name: "王芳", Status: kam.ContactLeft, StatusDate: later, InPostSince: later}
			if err := store.Contacts.Insert(ctx, tx, &con); err != nil {
				return err
			}
			opp = kam.Opportunity{AccountID: acct.ID, OwnerID: u.ID, Name: "一体化办公", Level: kam.LevelIn, EngagedOn: later, TenderPublishedOn: later}
			if err := store.Opportunities.Insert(ctx, tx, &opp); err != nil {
				return err
			}
			in = kam.Interaction{OpportunityID: opp.ID, Kind: kam.InteractionMeeting, At: laterAt}
			return store.Interactions.Insert(ctx, tx, &in)
		})
		if err != nil {
			t.Fatal(err)
		}

		// Another field changes: accepted, the future dates kept.
		if _, err := svc.Accounts.Update(ctx, a, acct.ID, acct.Version, func(x *kam.Account) error {
			x.Name = "华远集团（总部）"
			return nil
		}); err != nil {
			t.Errorf("account: %v", err)
		}
		c2, err := svc.Contacts.Update(ctx, a, con.ID, con.Version, func(x *kam.Contact) error {
			x.Phone = "+86 10 1234 5678"
			return nil
		})
		if err != nil {
			t.Errorf("contact: %v", err)
		}
		o2, err := svc.Opportunities.Update(ctx, a, opp.ID, opp.Version, func(x *kam.Opportunity) error {
			x.Name = "一体化办公二期"
			return nil
		})
		if err != nil {
			t.Errorf("opportunity: %v", err)
		}
		i2, err := svc.Interactions.Update(ctx, a, in.ID, in.Version, func(x *kam.Interaction) error {
			x.Notes = "议程已确认"
			return nil
		})
		if err != nil {
			t.Errorf("interaction: %v", err)
		}
		if err != nil || c2.StatusDate != later || o2.EngagedOn != later || !i2.At.Equal(laterAt) {
			t.Fatalf("the stored dates changed: %v %v %v", c2.StatusDate, o2.EngagedOn, i2.At)
		}

		// The date itself moves to another future date: refused on its field.
		cur, err := svc.Accounts.Get(ctx, a, acct.ID)
		if err != nil {
			t.Fatal(err)
		}
		_, err = svc.Accounts.Update(ctx, a, cur.ID, cur.Version, func(x *kam.Account) error {
			x.ReorganisingSince = evenLater
			return nil
		})
		fieldErr(t, err, "reorganising_since")
		for _, field := range []string{"status_date", "in_post_since"} {
			_, err = svc.Contacts.Update(ctx, a, c2.ID, c2.Version, func(x *kam.Contact) error {
				if field == "status_date" {
					x.StatusDate = evenLater
				} else {
					x.InPostSince = evenLater
				}
				return nil
			})
			fieldErr(t, err, field)
			if v := err.(*kam.ValidationError); len(v.Fields) != 1 {
				t.Errorf("%s: only the changed date is refused, got %v", field, v)
			}
		}
		for _, field := range []string{"engaged_on", "tender_published_on"} {
			_, err = svc.Opportunities.Update(ctx, a, o2.ID, o2.Version, func(x *kam.Opportunity) error {
				if field == "engaged_on" {
					x.EngagedOn = evenLater
				} else {
					x.TenderPublishedOn = evenLater
				}
				return nil
			})
			fieldErr(t, err, field)
			if v := err.(*kam.ValidationError); len(v.Fields) != 1 {
				t.Errorf("%s: only the changed date is refused, got %v", field, v)
			}
		}
		// The same moment written in Beijing time is no change.
		i3, err := svc.Interactions.Update(ctx, a, i2.ID, i2.Version, func(x *kam.Interaction) error {
			x.At = x.At.In(time.FixedZone("CST", 8*3600))
			x.Notes = "议程已确认，会议室已订"
			return nil
		})
		if err != nil {
			t.Errorf("interaction, same moment in another zone: %v", err)
		} else {
			i2 = i3
		}
		// Later the same future day is a change.
		_, err = svc.Interactions.Update(ctx, a, i2.ID, i2.Version, func(x *kam.Interaction) error {
			x.At = x.At.Add(time.Hour)
			return nil
		})
		fieldErr(t, err, "at")
		// Moving a future date back to today is accepted.
		if _, err := svc.Opportunities.Update(ctx, a, o2.ID, o2.Version, func(x *kam.Opportunity) error {
			x.EngagedOn = kam.DateOf(now)
			return nil
		}); err != nil {
			t.Errorf("engaged_on back to today: %v", err)
		}
	})
}
