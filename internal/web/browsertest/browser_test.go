package browsertest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
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

const password = "correct horse battery"

func chromium(t *testing.T) string {
	t.Helper()
	p := os.Getenv("KAM_CHROMIUM")
	if p == "" {
		p = "/usr/bin/chromium"
	}
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium not found at %s (CI=true)", p)
		}
		t.Skipf("chromium not found at %s", p)
	}
	return p
}

// artifacts is testdata/artifacts at the repository root.
func artifacts(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../../../testdata/artifacts")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// browser starts a headless chromium at exe, 1400 × 1000, for at most
// three minutes; it stops with the test.
func browser(t *testing.T, exe string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:0:0],
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.NoFirstRun, chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	bctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	bctx, cancel = context.WithTimeout(bctx, 3*time.Minute)
	t.Cleanup(cancel)
	return bctx
}

// pdfPages counts the pages of a PDF file chromium wrote: its page
// objects ("/Type /Page"; the \b leaves out the "/Type /Pages" tree above
// them). It agrees with the tree's /Count, or says -1.
func pdfPages(pdf []byte) int {
	n := len(regexp.MustCompile(`/Type\s*/Page\b`).FindAll(pdf, -1))
	if m := regexp.MustCompile(`/Type\s*/Pages\b[^>]*/Count (\d+)|/Count (\d+)[^>]*/Type\s*/Pages\b`).FindSubmatch(pdf); m != nil {
		c := string(m[1]) + string(m[2])
		if c != strconv.Itoa(n) {
			return -1
		}
	}
	return n
}

func TestWorkbenchInBrowser(t *testing.T) {
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
	now := func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) }
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc := service.New(db, service.Options{Now: now, Logger: log, Passwords: auth.CheapParams()})
	team, err := svc.Teams.Create(ctx, kam.System, kam.Team{Name: "华东大客户部"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateUser(ctx, kam.System, kam.User{Email: "rep@example.com", Name: "王销售", Role: kam.RoleRep, TeamID: team.ID, Locale: kam.LocaleEN}, password, false); err != nil {
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
	location := func() string {
		t.Helper()
		l, err := chromedp.Run(bctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	textOf := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	screenshot := func(name string) {
		t.Helper()
		b, err := chromedp.Run(bctx, chromedp.FullScreenshot(100)) // quality 100: PNG
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(artifacts(t), name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var loc string
	idFrom := func(prefix string) string {
		t.Helper()
		m := regexp.MustCompile(prefix + `(\d+)`).FindStringSubmatch(loc)
		if m == nil {
			t.Fatalf("no id in %s; the page says: %.600s", loc, textOf("body"))
		}
		return m[1]
	}
	text := func() string { t.Helper(); return textOf("main") }
	// submit clicks a form's button and waits for the page the server answers
	// with: waiting only for an element can match the form page itself, before
	// the browser has left it.
	submit := func(sel string) chromedp.Action[chromedp.Void] {
		return func(ctx context.Context, _ *chromedp.Target) (chromedp.Void, error) {
			resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
			if err == nil && resp.Status >= 400 {
				err = fmt.Errorf("%s answered %d", resp.URL, resp.Status)
			}
			return chromedp.Void{}, err
		}
	}

	run("sign in",
		chromedp.Navigate(u+"/signin"),
		chromedp.SendKeys(chromedp.CSS(`#f-email`), "rep@example.com"),
		chromedp.SendKeys(chromedp.CSS(`#f-password`), password),
		submit(`main form button[type=submit]`),
		chromedp.WaitVisible(chromedp.CSS(`h1`)))
	loc = location()
	if strings.Contains(loc, "/signin") {
		t.Fatalf("still on the sign-in page: %s", text())
	}

	run("create account",
		chromedp.Navigate(u+"/accounts/new"),
		chromedp.SendKeys(chromedp.CSS(`#f-name`), "华信集团"),
		chromedp.SendKeys(chromedp.CSS(`#f-industry`), "制造"),
		submit(`form.record button[type=submit]`),
		chromedp.WaitVisible(chromedp.CSS(`#org`)))
	loc = location()
	acct := idFrom("/accounts/")

	contacts := map[string]string{}
	boss := ""
	for _, p := range []struct{ name, title string }{{"张总", "总经理"}, {"李财务", "财务总监"}, {"赵工", "信息部经理"}} {
		acts := []chromedp.Action[chromedp.Void]{
			chromedp.Navigate(u + "/contacts/new?account=" + acct),
			chromedp.SendKeys(chromedp.CSS(`#f-name`), p.name),
			chromedp.SendKeys(chromedp.CSS(`#f-title`), p.title),
		}
		if boss != "" {
			acts = append(acts, chromedp.SetValue(chromedp.CSS(`#f-reports_to_id`), boss))
		}
		acts = append(acts, submit(`form.record button[type=submit]`), chromedp.WaitVisible(chromedp.CSS(`h1`)))
		run("create contact "+p.name, acts...)
		loc = location()
		boss = idFrom("/contacts/")
		contacts[p.name] = boss
	}
	if b := text(); !strings.Contains(b, "李财务") {
		t.Errorf("the third contact's page does not show their manager: %.300s", b)
	}

	run("create opportunity",
		chromedp.Navigate(u+"/opportunities/new?account="+acct),
		chromedp.SendKeys(chromedp.CSS(`#f-name`), "ERP 升级"),
		chromedp.SendKeys(chromedp.CSS(`#f-product`), "ERP"),
		chromedp.SetValue(chromedp.CSS(`#f-amount`), "1200000"),
		chromedp.SetValue(chromedp.CSS(`#f-close_date`), "2026-03-28"),
		chromedp.SetValue(chromedp.CSS(`#f-level`), "in"),
		submit(`form.record button[type=submit]`),
		chromedp.WaitVisible(chromedp.CSS(`#flags`)))
	loc = location()
	opp := idFrom("/opportunities/")
	sheet := u + "/opportunities/" + opp
	flags := func() string {
		t.Helper()
		run("open the sheet", chromedp.Navigate(sheet), chromedp.WaitVisible(chromedp.CSS(`#flags`)))
		return textOf(`#flags`)
	}
	if f := flags(); !strings.Contains(f, "no-coach") || !strings.Contains(f, "no-economic") {
		t.Fatalf("a new deal should show no-coach and no-economic: %.800s", f)
	}

	addBuyer := func(contact, role string) {
		run("add buyer "+role,
			chromedp.Navigate(sheet+"/buyers/new"),
			chromedp.SetValue(chromedp.CSS(`#f-contact_id`), contact),
			chromedp.Click(chromedp.CSS("input[name=roles][value="+role+"]")),
			chromedp.SetValue(chromedp.CSS(`#f-influence`), "high"),
			chromedp.SetValue(chromedp.CSS(`#f-rating`), "4"),
			chromedp.SetValue(chromedp.CSS(`#f-contact_level`), "frequent"),
			chromedp.SetValue(chromedp.CSS(`#f-mode`), "growth"),
			submit(`form.record button[type=submit]`),
			chromedp.WaitVisible(chromedp.CSS(`#buyers`)))
	}
	addBuyer(contacts["赵工"], "coach")
	addBuyer(contacts["李财务"], "economic")
	if f := flags(); strings.Contains(f, "no-coach") || strings.Contains(f, "no-economic") {
		t.Fatalf("coach and Economic buyer added, but the flags remain: %.800s", f)
	}

	// Edit the Economic buyer's win-result in place: type into the row's
	// boxes, change the mode, press the row's Save.
	row := `#buyers tbody tr:last-child`
	run("edit a buyer row in place",
		chromedp.Navigate(sheet),
		chromedp.SendKeys(chromedp.CSS(row+` textarea[name=business_result]`), "库存周转提升"),
		chromedp.SendKeys(chromedp.CSS(row+` textarea[name=personal_win]`), "升任副总"),
		chromedp.SetValue(chromedp.CSS(row+` select[name=mode]`), "trouble"),
		submit(row+` .row-form button`),
		chromedp.WaitVisible(chromedp.CSS(`.flash`)))
	saved, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`(function () {
		var r = document.querySelector("#buyers tbody tr:last-child");
		return [r.querySelector("textarea[name=business_result]").value, r.querySelector("textarea[name=personal_win]").value,
			r.querySelector("select[name=mode]").value, r.querySelectorAll("input[name=roles]:checked").length + ""];
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(saved, "|") != "库存周转提升|升任副总|trouble|1" {
		t.Errorf("after saving the row: result, win, mode, roles = %q", saved)
	}

	run("accept a flag",
		chromedp.Navigate(sheet),
		chromedp.Click(chromedp.CSS(`#flags details summary`)),
		chromedp.SendKeys(chromedp.CSS(`#flags details textarea`), "已与教练确认"),
		submit(`#flags details button[type=submit]`),
		chromedp.WaitVisible(chromedp.CSS(`.flash`)))
	if f := flags(); !strings.Contains(f, "已与教练确认") {
		t.Errorf("the accepted flag's note is not shown: %.600s", f)
	}

	run("the coach leaves",
		chromedp.Navigate(u+"/contacts/"+contacts["赵工"]+"/edit"),
		chromedp.SetValue(chromedp.CSS(`#f-status`), "left"),
		chromedp.SetValue(chromedp.CSS(`#f-status_date`), "2026-02-20"),
		submit(`form.record button[type=submit]`),
		chromedp.WaitVisible(chromedp.CSS(`.notice`)))
	f := flags()
	if !strings.Contains(f, "coach-left") {
		t.Errorf("coach-left expected: %.800s", f)
	}
	// The candidates belong to the coach-left finding itself, not merely
	// somewhere among the flags.
	if c := textOf(`#flag-coach-left .candidates`); !strings.Contains(c, "Coach candidates") || !strings.Contains(c, "李财务") {
		t.Errorf("the coach-left finding lists no candidate: %.400s", c)
	}
	run("open the sheet", chromedp.Navigate(sheet), chromedp.WaitVisible(chromedp.CSS(`#flags`)))
	screenshot("strategy-sheet.png")
	// Each role box is described by the page's one explanation of its
	// role, and app.js gives the role's word that explanation as its
	// tooltip.
	roles, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#buyers fieldset.roles input")).map(function (box) {
		var def = document.getElementById(box.getAttribute("aria-describedby"));
		return box.value + "|" + (def ? def.textContent : "") + "|" + box.parentNode.querySelector("abbr").title;
	})`))
	if err != nil {
		t.Fatal(err)
	}
	if len(roles) != 8 {
		t.Errorf("%d role boxes on the sheet, want 4 for each of the 2 buyers", len(roles))
	}
	for _, r := range roles {
		p := strings.Split(r, "|")
		if len(p) != 3 || len(p[1]) < 20 || p[1] != p[2] {
			t.Errorf("role box %q: described by %q, tooltip %q", p[0], p[1], p[2])
		}
	}
	run("funnel", chromedp.Navigate(u+"/funnel"), chromedp.WaitVisible(chromedp.CSS(`main svg`)))
	screenshot("funnel.png")
	if b := text(); !strings.Contains(b, "Coverage") {
		t.Errorf("funnel page lacks coverage: %.300s", b)
	}

	// On a phone (390 px wide) the sheet and the funnel are one column and
	// the page itself never scrolls sideways (wide tables and pictures
	// scroll inside their own frame).
	const phoneWidth = 390
	run("phone width", chromedp.EmulateViewport(phoneWidth, 844, chromedp.EmulateMobile))
	for _, pg := range []struct{ name, url, wait, first, second string }{
		// The objective's terms above their values; the funnel's picture
		// above its figures.
		{"strategy-sheet-phone.png", sheet, `#flags`, `dl.objective dt`, `dl.objective dd`},
		{"funnel-phone.png", u + "/funnel", `main svg`, `.funnel-grid > :first-child`, `.funnel-grid > :last-child`},
	} {
		run("open "+pg.url+" on a phone", chromedp.Navigate(pg.url), chromedp.WaitVisible(chromedp.CSS(pg.wait)))
		js := `(function () {
			var a = document.querySelector(` + "`" + pg.first + "`" + `).getBoundingClientRect();
			var b = document.querySelector(` + "`" + pg.second + "`" + `).getBoundingClientRect();
			return [document.documentElement.scrollWidth, window.innerWidth, a.left, a.bottom, b.left, b.top];
		})()`
		m, err := chromedp.Run(bctx, chromedp.Evaluate[[]float64](js))
		if err != nil {
			t.Fatalf("measure %s: %v", pg.url, err)
		}
		// A mobile browser zooms out to fit a page wider than the phone, so
		// the window must also still be the phone's 390 px.
		if m[0] > m[1] || m[1] > phoneWidth {
			t.Errorf("%s on a phone scrolls sideways: %v px wide in a %v px window (the phone is %d px)", pg.url, m[0], m[1], phoneWidth)
		}
		if m[4] != m[2] || m[5] < m[3] {
			t.Errorf("%s on a phone is not one column: %s at left %v, bottom %v; %s at left %v, top %v",
				pg.url, pg.first, m[2], m[3], pg.second, m[4], m[5])
		}
		screenshot(pg.name)
	}
	run("desktop width", chromedp.EmulateReset())

	run("switch language",
		chromedp.Click(chromedp.CSS(`button[name=lang]`)),
		// The switch now offers English: the page is in Chinese.
		chromedp.WaitVisible(chromedp.CSS(`button[name=lang][value=en]`)))
	attr, err := chromedp.Run(bctx, chromedp.AttributeValue(chromedp.CSS(`html`), "lang"))
	if err != nil {
		t.Fatal(err)
	}
	if lang := attr.Value; lang != "zh-CN" || !strings.Contains(text(), "漏斗") {
		t.Errorf("after switching, lang=%q", attr.Value)
	}

	run("sign out",
		chromedp.Click(chromedp.CSS(`form[action="/signout"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`#f-email`)))
	loc = location()
	if !strings.Contains(loc, "/signin") {
		t.Errorf("after signing out: %s", loc)
	}
}

// TestPrintViewFitsA4 loads the demo story and prints the print view of
// every open deal to PDF on A4 landscape, as a deal review would: each fits
// on one page (the demo's deals are the typical size, up to its biggest
// sheet), and so does a deal with 20 buyers. The full strategy sheet,
// printed the same way, takes more than one page: the page count can fail.
func TestPrintViewFitsA4(t *testing.T) {
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

	// The open deals, with the number of buyers of each.
	opps, _, err := svc.Opportunities.List(ctx, kam.System, store.OpportunityFilter{ListOptions: store.ListOptions{Limit: store.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	type deal struct {
		o      kam.Opportunity
		buyers int
	}
	var deals []deal
	for _, o := range opps {
		if o.Level == kam.LevelWon || o.Level == kam.LevelLost {
			continue
		}
		bs, _, err := svc.BuyingInfluences.List(ctx, kam.System, store.BuyingInfluenceFilter{ListOptions: store.ListOptions{Limit: store.MaxLimit}, OpportunityID: o.ID})
		if err != nil {
			t.Fatal(err)
		}
		deals = append(deals, deal{o, len(bs)})
	}
	if len(deals) < 5 {
		t.Fatalf("the demo has %d open deals", len(deals))
	}
	var admin demo.DemoUser
	for _, u := range creds.Users {
		if u.Role == kam.RoleAdmin {
			admin = u
		}
	}
	bctx := browser(t, exe)
	if err := chromedp.Do(bctx,
		chromedp.Navigate(srv.URL+"/signin"),
		chromedp.SendKeys(chromedp.CSS(`#f-email`), admin.Email),
		chromedp.SendKeys(chromedp.CSS(`#f-password`), admin.Password),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`nav`))); err != nil {
		t.Fatal(err)
	}
	printPDF := func(path string) []byte {
		t.Helper()
		if err := chromedp.Do(bctx, chromedp.Navigate(srv.URL+path), chromedp.WaitVisible(chromedp.CSS(`main svg`))); err != nil {
			t.Fatal(err)
		}
		pdf, err := chromedp.Run(bctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFLandscape()))
		if err != nil {
			t.Fatal(err)
		}
		return pdf
	}
	most := deals[0]
	for _, d := range deals {
		pdf := printPDF(fmt.Sprintf("/opportunities/%d/print", d.o.ID))
		if n := pdfPages(pdf); n != 1 {
			name := fmt.Sprintf("print-%d.pdf", d.o.ID)
			os.WriteFile(filepath.Join(artifacts(t), name), pdf, 0o644)
			t.Errorf("the print view of %q (%d buyers) takes %d A4 landscape pages, want 1 (see testdata/artifacts/%s)", d.o.Name, d.buyers, n, name)
		}
		if d.buyers > most.buyers {
			most = d
		}
	}
	pdf := printPDF(fmt.Sprintf("/opportunities/%d/print", most.o.ID))
	if err := os.WriteFile(filepath.Join(artifacts(t), "print-view.pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d open deals, each on one page; the biggest, %q with %d buyers, in testdata/artifacts/print-view.pdf", len(deals), most.o.Name, most.buyers)
	// The page-weight test's deal: 20 buyers, far beyond the demo's.
	big, err := svc.Opportunities.Create(ctx, kam.System, kam.Opportunity{AccountID: most.o.AccountID, OwnerID: most.o.OwnerID,
		Name: "二十位购买者的商机", Amount: 2_000_000, CloseDate: kam.MustDate("2026-06-30"), Level: kam.LevelIn})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		ct, err := svc.Contacts.Create(ctx, kam.System, kam.Contact{AccountID: big.AccountID, Name: fmt.Sprintf("购买者 %d", i), Title: "部门经理"})
		if err != nil {
			t.Fatal(err)
		}
		r := 4
		if _, err := svc.BuyingInfluences.Create(ctx, kam.System, kam.BuyingInfluence{OpportunityID: big.ID, ContactID: ct.ID,
			Roles: []kam.BuyingRole{kam.RoleUser}, Influence: kam.InfluenceHigh, Rating: &r, ContactLevel: kam.ContactFrequent, Mode: kam.ModeGrowth}); err != nil {
			t.Fatal(err)
		}
	}
	// Its red flags are one line per rule (the buyers it names joined), and
	// the map shrinks to the page's width: it fits on one page too.
	pdf = printPDF(fmt.Sprintf("/opportunities/%d/print", big.ID))
	if err := os.WriteFile(filepath.Join(artifacts(t), "print-20-buyers.pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if n := pdfPages(pdf); n != 1 {
		t.Errorf("the print view of a 20-buyer deal takes %d A4 landscape pages, want 1 (see testdata/artifacts/print-20-buyers.pdf)", n)
	}
	if n := pdfPages(printPDF(fmt.Sprintf("/opportunities/%d", most.o.ID))); n < 2 {
		t.Errorf("the full strategy sheet of %q prints on %d page: the page count is not counting", most.o.Name, n)
	}
}
