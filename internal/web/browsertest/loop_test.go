package browsertest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kam/internal/auth"
	"kam/internal/kam"
	"kam/internal/server"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/web"
)

// TestPlanDebriefAcceptInBrowser plans a call in the browser, debriefs it
// (the Economic buyer rated +4 in Even Keel was negative and voiced a
// difficulty), accepts two of the proposed map changes one by one, and sees
// the map and the red flags change on the sheet.
func TestPlanDebriefAcceptInBrowser(t *testing.T) {
	exe := chromium(t)
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "kam.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	now := func() time.Time { return at }
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc := service.New(db, service.Options{Now: now, Logger: log, Passwords: auth.CheapParams()})
	team, err := svc.Teams.Create(ctx, kam.System, kam.Team{Name: "华东大客户部"})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := svc.CreateUser(ctx, kam.System, kam.User{Email: "rep@example.com", Name: "王销售", Role: kam.RoleRep, TeamID: team.ID, Locale: kam.LocaleZH}, password, false)
	if err != nil {
		t.Fatal(err)
	}
	a := service.ActorOf(rep)
	acct, err := svc.Accounts.Create(ctx, a, kam.Account{Name: "华信集团"})
	if err != nil {
		t.Fatal(err)
	}
	boss, err := svc.Contacts.Create(ctx, a, kam.Contact{AccountID: acct.ID, Name: "张总", Title: "总经理", Seniority: kam.SeniorityExecutive})
	if err != nil {
		t.Fatal(err)
	}
	opp, err := svc.Opportunities.Create(ctx, a, kam.Opportunity{AccountID: acct.ID, Name: "ERP 升级", Level: kam.LevelIn, Amount: 1_200_000, Currency: "CNY"})
	if err != nil {
		t.Fatal(err)
	}
	four := 4
	buyer, err := svc.BuyingInfluences.Create(ctx, a, kam.BuyingInfluence{OpportunityID: opp.ID, ContactID: boss.ID, Roles: []kam.BuyingRole{kam.RoleEconomic},
		Influence: kam.InfluenceHigh, Rating: &four, Mode: kam.ModeEvenKeel, ContactLevel: kam.ContactFrequent})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.Handler(svc, server.Options{Logger: log, Web: web.New(svc, web.Options{Logger: log, Now: now})}))
	defer srv.Close()
	bctx := browser(t, exe)
	u := srv.URL
	run := func(what string, acts ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, acts...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	textOf := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	submit := func(sel string) chromedp.Action[chromedp.Void] {
		return func(ctx context.Context, _ *chromedp.Target) (chromedp.Void, error) {
			resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
			if err == nil && resp.Status >= 400 {
				err = fmt.Errorf("%s answered %d", resp.URL, resp.Status)
			}
			return chromedp.Void{}, err
		}
	}
	sheet := u + "/opportunities/" + fmt.Sprint(opp.ID)
	flags := func() string {
		t.Helper()
		run("open the sheet", chromedp.Navigate(sheet), chromedp.WaitVisible(chromedp.CSS(`#flags`)))
		return textOf(`#flags`)
	}

	run("sign in",
		chromedp.Navigate(u+"/signin"),
		chromedp.SendKeys(chromedp.CSS(`#f-email`), "rep@example.com"),
		chromedp.SendKeys(chromedp.CSS(`#f-password`), password),
		submit(`main form button[type=submit]`),
		chromedp.WaitVisible(chromedp.CSS(`h1`)))
	if f := flags(); !strings.Contains(f, "economic-mode") {
		t.Fatalf("an Even Keel Economic buyer should raise economic-mode: %.600s", f)
	}

	run("plan a call",
		chromedp.Navigate(sheet+"/calls"),
		chromedp.SetValue(chromedp.CSS(`#f-at`), "2026-03-02T08:00"),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name=attendees][value="%d"]`, boss.ID))),
		chromedp.SendKeys(chromedp.CSS(`#f-reason`), "汇报试点结果"),
		chromedp.SendKeys(chromedp.CSS(`#f-best`), "签试点订单"),
		chromedp.SendKeys(chromedp.CSS(`#f-min`), "约见财务总监"),
		submit(`form.record button[type=submit]`),
		chromedp.WaitVisible(chromedp.CSS(`#h-plan`)))
	if plan := textOf("main"); !strings.Contains(plan, "暗示问题") || !strings.Contains(plan, "签试点订单") {
		t.Fatalf("the plan should carry drafted Implication questions: %.800s", plan)
	}

	run("debrief the call",
		chromedp.SetValue(chromedp.CSS(`#f-outcome`), "continuation"),
		chromedp.SetValue(chromedp.CSS(`#f-fb-0`), "negative"),
		chromedp.SendKeys(chromedp.CSS(`#f-said-0`), "价格太高"),
		chromedp.SetValue(chromedp.CSS(`#f-need-kind`), "implied"),
		chromedp.SendKeys(chromedp.CSS(`#f-need-words`), "审批流程太慢"),
		chromedp.SendKeys(chromedp.CSS(`#f-obtained`), "下周再谈"),
		submit(`#debrief button[type=submit]`),
		chromedp.WaitVisible(chromedp.CSS(`#h-proposals`)))
	props := textOf("#proposals")
	if !strings.Contains(props, "负反馈，但我们评为 +4：核对判断") || !strings.Contains(props, "审批流程太慢") {
		t.Fatalf("proposals: %.800s", props)
	}
	if f := flags(); !strings.Contains(f, "feedback-contradicts") {
		t.Fatalf("negative feedback from a +4 buyer should raise feedback-contradicts: %.600s", f)
	}

	// Accept the rating, then the mode, one by one.
	for _, kind := range []string{"rating", "mode"} {
		run("accept the "+kind,
			chromedp.Navigate(fmt.Sprintf("%s/call-plans/%d#proposals", u, planID(t, svc, a, opp.ID))),
			chromedp.WaitVisible(chromedp.CSS(`#h-proposals`)),
			submit(`li.proposal[data-key^="`+kind+`:"] button[value=accept]`),
			chromedp.WaitVisible(chromedp.CSS(`#h-proposals`)))
	}
	b, err := svc.BuyingInfluences.Get(ctx, a, buyer.ID)
	if err != nil {
		t.Fatal(err)
	}
	if b.Rating == nil || *b.Rating != -1 || b.Mode != kam.ModeTrouble {
		t.Fatalf("the buyer after two acceptances: rating %v, mode %s; want -1, trouble", b.Rating, b.Mode)
	}
	if f := flags(); strings.Contains(f, "economic-mode") || strings.Contains(f, "feedback-contradicts") {
		t.Errorf("the accepted changes should clear economic-mode and feedback-contradicts: %.600s", f)
	}
	if m := textOf("#buyers"); !strings.Contains(m, "不知所措") && !strings.Contains(m, "Trouble") {
		t.Errorf("the map should show the buyer in Trouble: %.600s", m)
	}
}

func planID(t *testing.T, svc *service.Service, a kam.Actor, oppID int64) int64 {
	t.Helper()
	ps, _, err := svc.CallPlans.List(context.Background(), a, store.CallPlanFilter{OpportunityID: oppID})
	if err != nil || len(ps) != 1 {
		t.Fatalf("call plans: %v %v", ps, err)
	}
	return ps[0].ID
}
