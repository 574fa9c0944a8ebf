package service_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"kam/internal/kam"
	"kam/internal/store"
	"kam/internal/storetest"
)

// A user's calendar feed holds their open dated actions (with deal and
// buyer) and their open deals' close dates, nobody else's; a new secret
// retires the old address and revoking turns the feed off.
func TestCalendarFeedOfOneUser(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		acct := w.account(t, w.a1, "华远集团")
		o, err := w.svc.Opportunities.Create(ctx, w.a1, kam.Opportunity{AccountID: acct.ID, Name: "OA 项目", Product: "OA", Amount: 100, Currency: "CNY",
			Level: kam.LevelIn, OwnerID: w.a1.UserID, CloseDate: kam.NewDate(2027, 3, 31)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Actions.Create(ctx, w.a1, kam.Action{OpportunityID: o.ID, Title: "约见财务总监", Due: kam.NewDate(2027, 1, 15), OwnerID: w.a1.UserID}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Actions.Create(ctx, w.a1, kam.Action{OpportunityID: o.ID, Title: "同事的行动", Due: kam.NewDate(2027, 1, 16), OwnerID: w.a2.UserID}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.CallPlans.Create(ctx, w.a1, kam.CallPlan{OpportunityID: o.ID, Kind: kam.InteractionVisit,
			At: time.Date(2027, 1, 20, 6, 30, 0, 0, time.UTC), BusinessReason: "审阅二期预算"}); err != nil {
			t.Fatal(err)
		}
		old, err := w.svc.NewCalendarSecret(ctx, w.a1)
		if err != nil {
			t.Fatal(err)
		}
		secret, err := w.svc.NewCalendarSecret(ctx, w.a1)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.CalendarFeed(ctx, old); !errors.Is(err, kam.ErrNotFound) {
			t.Errorf("the replaced address still answers: %v", err)
		}
		feed, err := w.svc.CalendarFeed(ctx, secret)
		if err != nil {
			t.Fatal(err)
		}
		s := string(feed)
		for _, want := range []string{"BEGIN:VCALENDAR", "行动：约见财务总监", "DTSTART;VALUE=DATE:20270115", "预计成交：OA 项目", "DTSTART;VALUE=DATE:20270331", "/opportunities/",
			"拜访：OA 项目", "DTSTART:20270120T063000Z", "DESCRIPTION:审阅二期预算", "/call-plans/"} {
			if !strings.Contains(s, want) {
				t.Errorf("the feed lacks %q:\n%s", want, s)
			}
		}
		if strings.Contains(s, "同事的行动") {
			t.Errorf("the feed shows a colleague's action")
		}
		if err := w.svc.RevokeCalendar(ctx, w.a1); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.CalendarFeed(ctx, secret); !errors.Is(err, kam.ErrNotFound) {
			t.Errorf("a revoked feed answers: %v", err)
		}
		if _, err := w.svc.CalendarFeed(ctx, ""); !errors.Is(err, kam.ErrNotFound) {
			t.Errorf("the empty secret answers: %v", err)
		}
	})
}
