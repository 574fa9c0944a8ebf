package api

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/testkit"
	"kam/internal/transfer"
)

// sheetText is every cell of the workbook's opportunity sheet, a row a line.
func sheetText(t *testing.T, body []byte) string {
	t.Helper()
	return testkit.SheetText(t, body, "商机 Opportunities")
}

func TestOpportunitiesXLSX(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		// r2a of the other team has a deal of their own.
		if _, err := f.svc.Opportunities.Create(context.Background(), service.ActorOf(f.r2a.User), kam.Opportunity{AccountID: f.acct2.ID,
			Name: "Northwind core banking", Amount: 9_870_000, Currency: "EUR", Level: kam.LevelBestFew, OwnerID: f.r2a.ID}); err != nil {
			t.Fatal(err)
		}
		get := func(path, as string) *httpResult {
			w := f.do(request{method: "GET", path: Prefix + path, as: as})
			return &httpResult{code: w.Code, ct: w.Header().Get("Content-Type"), cd: w.Header().Get("Content-Disposition"), body: w.Body.Bytes()}
		}

		r := get("/opportunities.xlsx", "r1a")
		if r.code != http.StatusOK || r.ct != transfer.XLSXContentType || !strings.HasPrefix(r.cd, `attachment; filename="kam-opportunities-2026-03-14.xlsx"`) {
			t.Fatalf("GET as r1a: %d %q %q %.200s", r.code, r.ct, r.cd, r.body)
		}
		mine := sheetText(t, r.body)
		for _, want := range []string{"商机 / Opportunity", "CRM 二期", "华夏重工集团", "李销售", "漏斗之中"} {
			if !strings.Contains(mine, want) {
				t.Errorf("r1a's workbook lacks %q:\n%s", want, mine)
			}
		}
		if strings.Contains(mine, "Northwind") {
			t.Errorf("r1a's workbook holds another team's deal:\n%s", mine)
		}

		// The other team, rep and manager, never see r1a's deal, with or
		// without filters naming it.
		for _, as := range []string{"r2a", "m2"} {
			for _, path := range []string{"/opportunities.xlsx", "/opportunities.xlsx?account_id={acct}", "/opportunities.xlsx?owner_id={r1a}", "/opportunities.xlsx?q=CRM"} {
				r := get(path, as)
				if r.code != http.StatusOK {
					t.Errorf("GET %s as %s: %d %.200s", path, as, r.code, r.body)
					continue
				}
				if text := sheetText(t, r.body); strings.Contains(text, "CRM 二期") || strings.Contains(text, "华夏") {
					t.Errorf("GET %s as %s shows team 1's deal:\n%s", path, as, text)
				}
			}
		}
		if text := sheetText(t, get("/opportunities.xlsx", "r2a").body); !strings.Contains(text, "Northwind core banking") || !strings.Contains(text, "Best few") {
			t.Errorf("r2a's own deal, in English:\n%s", text)
		}
		// r1a's manager sees it; the filters apply.
		if text := sheetText(t, get("/opportunities.xlsx?level=in", "m1").body); !strings.Contains(text, "CRM 二期") {
			t.Errorf("m1, level=in:\n%s", text)
		}
		if text := sheetText(t, get("/opportunities.xlsx?level=best_few", "m1").body); strings.Contains(text, "CRM 二期") {
			t.Errorf("level=best_few lists a deal in the funnel:\n%s", text)
		}

		for _, c := range []struct {
			path, as string
			code     int
		}{
			{"/opportunities.xlsx", "", http.StatusUnauthorized},
			{"/opportunities.xlsx?level=nowhere", "r1a", http.StatusBadRequest},
			{"/opportunities.xlsx?deleted=true", "r1a", http.StatusBadRequest},
			{"/opportunities.xlsx?limit=5", "r1a", http.StatusBadRequest},
			{"/opportunities.xlsx?contact_id={coach}", "r1a", http.StatusBadRequest},
		} {
			if r := get(c.path, c.as); r.code != c.code || !strings.HasPrefix(r.ct, "application/problem+json") {
				t.Errorf("GET %s as %q: %d %q, want %d and a problem", c.path, c.as, r.code, r.ct, c.code)
			}
		}
	})
}

type httpResult struct {
	code   int
	ct, cd string
	body   []byte
}

func TestOpenAPIDocumentsTheWorkbook(t *testing.T) {
	t.Parallel()
	_, doc := document(t)
	op, ok := doc["paths"].(map[string]any)[Prefix+"/opportunities.xlsx"].(map[string]any)["get"].(map[string]any)
	if !ok {
		t.Fatal("GET /opportunities.xlsx is not documented")
	}
	content := op["responses"].(map[string]any)["200"].(map[string]any)["content"].(map[string]any)
	if _, ok := content[transfer.XLSXContentType]; !ok || len(content) != 1 {
		t.Errorf("200 content = %v, want the workbook's media type only", content)
	}
}
