package service_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"kam/internal/kam"
	"kam/internal/method"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/storetest"
)

// TestFunnelNeverAddsTwoCurrencies is the USD deal that raised a CNY
// funnel by its amount: without a rate it is totalled apart and coverage
// cannot be computed; with one, it is converted and the rate is named.
func TestFunnelNeverAddsTwoCurrencies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newFunnelWorld(t, db)
		w.at("2026-12-04")
		w.quota(t, kam.Quota{UserID: w.r1.UserID, Period: "2026Q4", Amount: 20_000_000})
		w.deal(t, w.r1, w.acct1, kam.LevelIn, 2_000_000, "2026-12-20")
		usd := w.deal(t, w.r1, w.acct1, kam.LevelIn, 1_000_000, "2026-12-21")
		if _, err := w.svc.Opportunities.Update(ctx, w.r1, usd.ID, usd.Version, func(o *kam.Opportunity) error {
			o.Currency = "USD"
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		q := service.FunnelQuery{OwnerID: w.r1.UserID, Period: "2026Q4"}
		v, err := w.svc.Funnel(ctx, w.r1, q)
		if err != nil {
			t.Fatal(err)
		}
		r := v.Report
		if r.Currency != "CNY" || r.OpenAmount != 2_000_000 {
			t.Fatalf("no rate: open %d %s, want 2,000,000 CNY (the USD million apart)", r.OpenAmount, r.Currency)
		}
		if !r.CoverageUnknown || r.Coverage != 0 || len(r.Unconverted) != 1 ||
			r.Unconverted[0] != (method.CurrencyTotal{Currency: "USD", OpenCount: 1, OpenAmount: 1_000_000}) {
			t.Errorf("no rate: unknown %v, coverage %v, unconverted %+v", r.CoverageUnknown, r.Coverage, r.Unconverted)
		}

		// A rep may not keep rates; an administrator may.
		rate := kam.ExchangeRate{From: "USD", To: "CNY", Rate: 7.10, On: kam.MustDate("2026-12-01")}
		if _, err := w.svc.ExchangeRates.Create(ctx, w.r1, rate); !errors.Is(err, kam.ErrForbidden) && !errors.Is(err, kam.ErrNotFound) {
			t.Errorf("a rep creates a rate: %v, want forbidden", err)
		}
		// A rate dated after today does not apply yet.
		if _, err := w.svc.ExchangeRates.Create(ctx, w.admin, kam.ExchangeRate{From: "USD", To: "CNY", Rate: 9, On: kam.MustDate("2026-12-10")}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.ExchangeRates.Create(ctx, w.admin, rate); err != nil {
			t.Fatal(err)
		}
		v, err = w.svc.Funnel(ctx, w.r1, q)
		if err != nil {
			t.Fatal(err)
		}
		r = v.Report
		if r.OpenAmount != 2_000_000+7_100_000 || r.CoverageUnknown || len(r.Unconverted) != 0 {
			t.Errorf("with a rate: open %d, unknown %v, unconverted %v; want 9,100,000 CNY", r.OpenAmount, r.CoverageUnknown, r.Unconverted)
		}
		if len(r.Conversions) != 1 || r.Conversions[0].Text().ZH != "按 2026-12-01 汇率 1 USD = 7.10 CNY" {
			t.Errorf("conversions %+v", r.Conversions)
		}
		if !near(r.Coverage, 9_100_000.0/20_000_000) {
			t.Errorf("coverage %v, want 0.455", r.Coverage)
		}

		// Asked in USD, the same funnel converts the other way.
		v, err = w.svc.Funnel(ctx, w.r1, service.FunnelQuery{OwnerID: w.r1.UserID, Period: "2026Q4", Currency: "usd"})
		if err != nil {
			t.Fatal(err)
		}
		if v.Report.Currency != "USD" || v.Report.Quota != 2_816_901 {
			t.Errorf("in USD: %s quota %d, want 20,000,000 ÷ 7.10 = 2,816,901", v.Report.Currency, v.Report.Quota)
		}
		if _, err := w.svc.Funnel(ctx, w.r1, service.FunnelQuery{OwnerID: w.r1.UserID, Currency: "RMB"}); err == nil {
			t.Error("a funnel in RMB: no error")
		}
	})
}

// TestQuotasInTwoCurrenciesAreNotAdded: a team's members' quotas in CNY and
// USD make no CNY total without a rate.
func TestQuotasInTwoCurrenciesAreNotAdded(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newFunnelWorld(t, db)
		w.at("2026-12-04")
		w.quota(t, kam.Quota{UserID: w.r1.UserID, Period: "2026Q4", Amount: 1_000_000})
		if _, err := w.svc.Quotas.Create(ctx, w.admin, kam.Quota{UserID: w.r2.UserID, Period: "2026Q4", Amount: 500_000, Currency: "USD"}); err != nil {
			t.Fatal(err)
		}
		v, err := w.svc.Funnel(ctx, w.m, service.FunnelQuery{TeamID: w.team.ID, Period: "2026Q4", Currency: "CNY"})
		if err != nil {
			t.Fatal(err)
		}
		if r := v.Report; r.Quota != 1_000_000 || !r.CoverageUnknown || len(r.Unconverted) != 1 || r.Unconverted[0].Quota != 500_000 {
			t.Errorf("quota %d, unknown %v, unconverted %+v; want 1,000,000 CNY and 500,000 USD apart", r.Quota, r.CoverageUnknown, r.Unconverted)
		}
	})
}

// TestTodayIsTheOwnersDay: at 01:00 in Beijing (17:00 UTC the day before),
// an action due the day before is overdue for a seller in Asia/Shanghai,
// and not yet for one in UTC.
func TestTodayIsTheOwnersDay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newFunnelWorld(t, db)
		*w.now = time.Date(2026, 12, 4, 17, 0, 0, 0, time.UTC)
		o := w.deal(t, w.r1, w.acct1, kam.LevelIn, 1000, "2026-12-30")
		if _, err := w.svc.Actions.Create(ctx, w.r1, kam.Action{OpportunityID: o.ID, Title: "送方案", Due: kam.MustDate("2026-12-04"), Status: kam.ActionOpen}); err != nil {
			t.Fatal(err)
		}
		overdue := func() bool {
			t.Helper()
			fs, err := w.svc.Findings(ctx, w.r1, o.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range fs {
				if f.Rule == method.RuleOverdueActions {
					return true
				}
			}
			return false
		}
		u, err := w.svc.Users.Get(ctx, w.admin, w.r1.UserID)
		if err != nil {
			t.Fatal(err)
		}
		if u.TimeZone != "Asia/Shanghai" {
			t.Fatalf("a 简体中文 user's zone: %q", u.TimeZone)
		}
		if !overdue() {
			t.Error("in Asia/Shanghai on 12-05 01:00: the action due 12-04 is not overdue")
		}
		if _, err := w.svc.UpdateProfileZone(ctx, w.r1, u.Version, "", "", "UTC"); err != nil {
			t.Fatal(err)
		}
		if overdue() {
			t.Error("in UTC on 12-04 17:00: the action due 12-04 is overdue")
		}
		if _, err := w.svc.UpdateProfileZone(ctx, w.r1, u.Version+1, "", "", "Mars/Base"); err == nil || !strings.Contains(err.Error(), "time_zone") {
			t.Errorf("an unknown zone: %v, want a time_zone error", err)
		}
	})
}

// TestInteractionDaysAreTheOwnersDays: a visit at 01:00 in Beijing on
// 11-05 (17:00 UTC on 11-04) is dated 11-05 on the sheet of a seller in
// Asia/Shanghai, and counts 30 days on 12-05, not 31.
func TestInteractionDaysAreTheOwnersDays(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newFunnelWorld(t, db)
		*w.now = time.Date(2026, 11, 4, 18, 0, 0, 0, time.UTC)
		o := w.deal(t, w.r1, w.acct1, kam.LevelIn, 1000, "2026-12-30")
		c, err := w.svc.Contacts.Create(ctx, w.r1, kam.Contact{AccountID: w.acct1.ID, Name: "张总", Seniority: kam.SeniorityExecutive})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.BuyingInfluences.Create(ctx, w.r1, kam.BuyingInfluence{OpportunityID: o.ID, ContactID: c.ID,
			Roles: []kam.BuyingRole{kam.RoleEconomic}, Influence: kam.InfluenceHigh, ContactLevel: kam.ContactFrequent, Mode: kam.ModeGrowth}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Interactions.Create(ctx, w.r1, kam.Interaction{OpportunityID: o.ID, Kind: kam.InteractionVisit,
			At: time.Date(2026, 11, 4, 17, 0, 0, 0, time.UTC), UserIDs: []int64{w.r1.UserID},
			Feedback: []kam.ContactFeedback{{ContactID: c.ID, Feedback: kam.FeedbackNeutral}}}); err != nil {
			t.Fatal(err)
		}
		*w.now = time.Date(2026, 12, 4, 17, 0, 0, 0, time.UTC) // 12-05 01:00 in Beijing
		fs, err := w.svc.Findings(ctx, w.r1, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			if f.Rule == method.RuleStaleContact {
				if !strings.Contains(f.Detail.EN, "2026-11-05 (30 days ago)") {
					t.Errorf("stale contact: %q, want the Beijing day 2026-11-05, 30 days ago", f.Detail.EN)
				}
				return
			}
		}
		t.Error("no stale-contact finding after 30 days")
	})
}
