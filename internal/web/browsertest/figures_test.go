package browsertest

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kam/internal/auth"
	"kam/internal/demo"
	"kam/internal/kam"
	"kam/internal/server"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/web"
)

// TestFiguresBySight reads the demo in a real browser, by what the DOM
// shows: a buyer who left or moved is a grey "gone" card on the
// relationship map of the sheet and of its printed copy (never a green
// supporter), the change history reads as words and labels, twenty changes
// a page, with the kinds of record as a choice, and a manager's My week
// lists actions overdue first, then by due date, each naming its deal.
func TestFiguresBySight(t *testing.T) {
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
	creds, err := demo.Load(ctx, svc, at)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.Handler(svc, server.Options{Logger: log, Web: web.New(svc, web.Options{Logger: log, Now: now})}))
	defer srv.Close()

	// A deal with a buyer who left or moved, and a manager with a seller.
	opps, _, err := svc.Opportunities.List(ctx, kam.System, store.OpportunityFilter{ListOptions: store.ListOptions{Limit: store.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	var gone kam.Opportunity
	var goneNames []string
	for _, o := range opps {
		if !o.Level.Open() || gone.ID != 0 {
			continue
		}
		v, err := svc.Strategy(ctx, kam.System, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range v.Contacts {
			for _, b := range v.Influences {
				if b.ContactID == c.ID && c.Status.Gone() {
					gone = o
					goneNames = append(goneNames, c.Name)
				}
			}
		}
	}
	if gone.ID == 0 {
		t.Fatal("no demo deal has a buyer who left or moved")
	}
	users, _, err := svc.Users.List(ctx, kam.System, store.UserFilter{ListOptions: store.ListOptions{Limit: store.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	pass := map[string]string{}
	for _, u := range creds.Users {
		pass[u.Email] = u.Password
	}
	var admin, mgr, seller kam.User
	for _, u := range users {
		switch {
		case u.Role == kam.RoleAdmin && admin.ID == 0:
			admin = u
		case u.Role == kam.RoleManager && mgr.ID == 0 && u.TeamID != 0:
			mgr = u
		}
	}
	for _, u := range users {
		if u.Role == kam.RoleRep && u.TeamID == mgr.TeamID && seller.ID == 0 {
			seller = u
		}
	}
	var sellerDeal kam.Opportunity
	for _, o := range opps {
		if o.OwnerID == seller.ID && o.Level.Open() {
			sellerDeal = o
			break
		}
	}
	if sellerDeal.ID == 0 {
		t.Fatalf("the demo's %s owns no open deal", seller.Email)
	}
	// The manager's own actions on the seller's deal, out of order.
	for _, x := range []struct{ title, due string }{{"甲 复盘", "2026-03-06"}, {"乙 拜访", "2026-02-20"}, {"丙 方案", "2026-03-03"}, {"丁 审批", "2026-02-27"}} {
		if _, err := svc.Actions.Create(ctx, kam.System, kam.Action{OpportunityID: sellerDeal.ID, Title: x.title, OwnerID: mgr.ID,
			Due: kam.MustDate(x.due), Status: kam.ActionOpen}); err != nil {
			t.Fatal(err)
		}
	}
	// Two level changes on the gone buyer's deal, for the history.
	o, err := svc.Opportunities.Get(ctx, kam.System, gone.ID)
	if err != nil {
		t.Fatal(err)
	}
	from := o.Level
	to := kam.LevelIn
	if from == kam.LevelIn {
		to = kam.LevelAbove
	}
	if _, err := svc.Opportunities.Update(ctx, kam.System, o.ID, o.Version, func(o *kam.Opportunity) error { o.Level = to; return nil }); err != nil {
		t.Fatal(err)
	}

	var bctx context.Context
	// Each user signs in in a browser of their own.
	signIn := func(u kam.User) {
		t.Helper()
		bctx = browser(t, exe)
		if err := chromedp.Do(bctx,
			chromedp.Navigate(srv.URL+"/signin"),
			chromedp.SendKeys(chromedp.CSS(`#f-email`), u.Email),
			chromedp.SendKeys(chromedp.CSS(`#f-password`), pass[u.Email]),
			chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`nav`))); err != nil {
			t.Fatalf("sign in as %s: %v", u.Email, err)
		}
	}
	eval := func(path, wait, js string) []string {
		t.Helper()
		if err := chromedp.Do(bctx, chromedp.Navigate(srv.URL+path), chromedp.WaitVisible(chromedp.CSS(wait))); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](js))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return out
	}

	signIn(admin)
	// 3: the gone buyers' cards, on the sheet and on the printed sheet.
	cards := `Array.from(document.querySelectorAll("svg.kam-relmap g.kam-rm-buyer")).map(function (g) {
		var rect = g.querySelector("rect[class^=kam-influence]");
		var st = g.querySelector(".kam-rm-status");
		return g.getAttribute("class") + "|" + (rect ? getComputedStyle(rect).fill + "|" + rect.getAttribute("stroke-dasharray") : "") + "|" +
			(st ? st.textContent : "") + "|" + g.querySelector("title").textContent;
	})`
	for _, page := range []string{"/opportunities/" + itoa(gone.ID), "/opportunities/" + itoa(gone.ID) + "/print"} {
		got := eval(page, "svg.kam-relmap", cards)
		for _, name := range goneNames {
			found := false
			for _, c := range got {
				parts := strings.SplitN(c, "|", 5)
				if len(parts) < 5 || !strings.HasPrefix(parts[4], name+" · ") {
					continue
				}
				found = true
				if parts[0] != "kam-rm-buyer kam-gone" || parts[1] != "rgb(242, 242, 242)" || parts[2] != "5 3" ||
					(parts[3] != "已离职" && parts[3] != "已调岗" && parts[3] != "left" && parts[3] != "moved") {
					t.Errorf("%s: %s's card is not drawn as gone: %q", page, name, c)
				}
			}
			if !found {
				t.Errorf("%s: no map card for %s among %q", page, name, got)
			}
		}
		rows := eval(page, "svg.kam-relmap", `Array.from(document.querySelectorAll("tr.departed")).map(function (tr) { return tr.innerText; })`)
		if len(rows) < len(goneNames) {
			t.Errorf("%s: %d buyer rows drawn as gone, want %d: %q", page, len(rows), len(goneNames), rows)
		}
		for _, r := range rows {
			if strings.Contains(r, "✓") {
				t.Errorf("%s: a gone buyer's row still says supports: %q", page, r)
			}
		}
	}

	// 6: the deal's history, in words.
	hist := eval("/audit/opportunity/"+itoa(gone.ID), "main h1", `Array.from(document.querySelectorAll("li.audit-change")).map(function (li) { return li.innerText; })`)
	if len(hist) == 0 || len(hist) > 20 {
		t.Fatalf("the history shows %d changes", len(hist))
	}
	all := strings.Join(hist, "\n")
	lvl := kam.Label(from).In(admin.Locale) + " → " + kam.Label(to).In(admin.Locale)
	if !strings.Contains(all, lvl) {
		t.Errorf("the history does not read %q:\n%s", lvl, all)
	}
	for _, raw := range []string{string(from) + " ", "owner_id", "level ", "update", "fingerprint", "influence:", "#"} {
		if strings.Contains(all, raw) {
			t.Errorf("the history shows %q:\n%s", raw, all)
		}
	}
	kinds := eval("/admin/audit", "select#f-entity", `Array.from(document.querySelectorAll("select#f-entity option")).map(function (o) { return o.value; })`)
	if len(kinds) < 10 || kinds[0] != "" {
		t.Errorf("the admin filter offers kinds %q", kinds)
	}

	// 8: the manager's week.
	signIn(mgr)
	acts := eval("/", "#h-due", `Array.from(document.querySelectorAll("ul.week-actions li")).map(function (li) { return li.innerText; })`)
	var mine []string
	for _, a := range acts {
		if strings.Contains(a, "甲 复盘") || strings.Contains(a, "乙 拜访") || strings.Contains(a, "丙 方案") || strings.Contains(a, "丁 审批") {
			mine = append(mine, a)
		}
		if strings.Contains(a, "#") {
			t.Errorf("My week names a deal by id: %q", a)
		}
	}
	want := []string{"乙 拜访", "丁 审批", "丙 方案", "甲 复盘"}
	if len(mine) != len(want) {
		t.Fatalf("My week lists %q", acts)
	}
	for i, w := range want {
		if !strings.Contains(mine[i], w) || !strings.Contains(mine[i], sellerDeal.Name) {
			t.Errorf("action %d is %q, want %s on %s", i+1, mine[i], w, sellerDeal.Name)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
