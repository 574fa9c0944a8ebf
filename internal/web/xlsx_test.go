package web

import (
	"net/http"
	"strings"
	"testing"

	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/testkit"
	"kam/internal/transfer"
)

// workbookRows is the opportunity sheet of a downloaded workbook, a row a
// line.
func workbookRows(t *testing.T, r *response) string {
	t.Helper()
	if r.Code != http.StatusOK || r.Header.Get("Content-Type") != transfer.XLSXContentType ||
		!strings.HasPrefix(r.Header.Get("Content-Disposition"), `attachment; filename="kam-opportunities-`) {
		t.Fatalf("download: %d %q %q", r.Code, r.Header.Get("Content-Type"), r.Header.Get("Content-Disposition"))
	}
	return testkit.SheetText(t, []byte(r.Body), "商机 Opportunities")
}

func TestOpportunitiesXLSXDownload(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	teamA, teamB := e.team("Team A"), e.team("Team B")
	rep := e.user("rep-a@example.com", "Rep A", kam.RoleRep, teamA.ID, false)
	mgr := e.user("mgr-a@example.com", "Manager A", kam.RoleManager, teamA.ID, false)
	other := e.user("rep-b@example.com", "Rep B", kam.RoleRep, teamB.ID, false)
	deal := func(u kam.User, acctName, name string) kam.Account {
		a := service.ActorOf(u)
		acct, err := e.svc.Accounts.Create(e.ctx, a, kam.Account{Name: acctName, OwnerID: u.ID})
		must(e, err)
		_, err = e.svc.Opportunities.Create(e.ctx, a, kam.Opportunity{AccountID: acct.ID, Name: name, Amount: 1_500_000, Currency: "CNY",
			Level: kam.LevelBestFew, CloseDate: kam.MustDate("2026-12-20"), OwnerID: u.ID})
		must(e, err)
		return acct
	}
	mine := deal(rep, "瑞康医药", "=CRM 二期")
	theirs := deal(other, "Secret account B", "Secret deal B")

	repC := e.signedIn(rep)
	t.Run("the funnel page links its deals' workbook, and it works without JavaScript", func(t *testing.T) {
		page := repC.get("/funnel")
		mustStatus(t, page, http.StatusOK)
		link := `href="/opportunities.xlsx?owner=` + itoa64(rep.ID) + `&amp;team=0"`
		if !strings.Contains(page.Body, link) || !strings.Contains(page.Body, ">Download Excel</a>") {
			t.Fatalf("the funnel page has no Download Excel link %s", link)
		}
		rows := workbookRows(t, repC.get("/opportunities.xlsx?owner="+itoa64(rep.ID)+"&team=0"))
		if !strings.Contains(rows, "=CRM 二期") || !strings.Contains(rows, "Best few") || strings.Contains(rows, "Secret") {
			t.Errorf("the rep's workbook:\n%s", rows)
		}
	})
	t.Run("the account page links the account's deals", func(t *testing.T) {
		page := repC.get("/accounts/" + itoa64(mine.ID))
		if !strings.Contains(page.Body, `href="/opportunities.xlsx?account=`+itoa64(mine.ID)+`"`) {
			t.Error("the account page has no Download Excel link")
		}
		if rows := workbookRows(t, repC.get("/opportunities.xlsx?account="+itoa64(mine.ID))); !strings.Contains(rows, "瑞康医药") {
			t.Errorf("the account's workbook:\n%s", rows)
		}
	})
	t.Run("another team's deals never appear", func(t *testing.T) {
		for who, u := range map[string]kam.User{"rep": rep, "manager": mgr} {
			c := e.signedIn(u)
			for _, p := range []string{"/opportunities.xlsx", "/opportunities.xlsx?team=" + itoa64(teamA.ID)} {
				r := c.get(p)
				if r.Code == http.StatusNotFound && who == "rep" {
					continue // a rep does not see a team's funnel
				}
				if rows := workbookRows(t, r); strings.Contains(rows, "Secret") {
					t.Errorf("GET %s as the %s shows team B's deal:\n%s", p, who, rows)
				}
			}
		}
		for _, p := range []string{"/opportunities.xlsx?owner=" + itoa64(other.ID), "/opportunities.xlsx?team=" + itoa64(teamB.ID),
			"/opportunities.xlsx?account=" + itoa64(theirs.ID)} {
			r := repC.get(p)
			if r.Code != http.StatusNotFound || strings.Contains(r.Body, "Secret") {
				t.Errorf("GET %s as team A's rep: %d, want 404 without their names", p, r.Code)
			}
		}
		// The manager of team A sees the team's deals in the team's workbook.
		if rows := workbookRows(t, e.signedIn(mgr).get("/opportunities.xlsx?team="+itoa64(teamA.ID))); !strings.Contains(rows, "=CRM 二期") {
			t.Errorf("the team's workbook:\n%s", rows)
		}
	})
	t.Run("the link speaks Chinese", func(t *testing.T) {
		zh := e.signedIn(rep)
		zh.post("/lang", map[string][]string{"lang": {"zh-CN"}})
		if page := zh.get("/funnel"); !strings.Contains(page.Body, ">下载 Excel</a>") {
			t.Error("no 下载 Excel link on the Chinese funnel page")
		}
	})
	t.Run("signed out", func(t *testing.T) {
		r := e.client().get("/opportunities.xlsx")
		if r.Code == http.StatusOK || r.Header.Get("Content-Type") == transfer.XLSXContentType {
			t.Errorf("signed out: %d %q", r.Code, r.Header.Get("Content-Type"))
		}
	})
}
