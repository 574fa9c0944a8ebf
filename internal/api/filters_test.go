package api

import (
	"testing"

	"kam/internal/store"
)

// TestListFiltersSearchTextAndAccountFields covers q on the records with a
// title-like text (actions, interactions, SWOT items) and the accounts'
// industry, region and parent filters, on both databases.
func TestListFiltersSearchTextAndAccountFields(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		run(t, f, []scenario{
			// A second record of each kind, which q must leave out.
			{name: "a second action", req: send("POST", v1+"/actions", "r1a", `{"opportunity_id":{opp},"title":"准备技术交流方案","owner_id":{r1a}}`), status: 201},
			{name: "a second interaction", req: send("POST", v1+"/interactions", "r1a",
				`{"opportunity_id":{opp},"kind":"call","at":"2026-03-10T08:00:00Z","objective":"确认预算","notes":"Budget approved by 张总"}`), status: 201},
			{name: "a weakness", req: send("POST", v1+"/swot_items", "r1a", `{"opportunity_id":{opp},"kind":"weakness","text":"价格偏高"}`), status: 201},

			{name: "q finds actions by title", req: get(v1+"/actions?q=引荐", "r1a"), status: 200,
				want: []string{"请王主任引荐张总"}, not: []string{"准备技术交流方案"}},
			{name: "q on actions is scoped", req: get(v1+"/actions?q=引荐", "r2a"), status: 200, want: []string{`"items":[]`}},
			{name: "q on actions combines with other filters", req: get(v1+"/actions?q=引荐&owner_id={r1b}", "r1a"), status: 200, want: []string{`"items":[]`}},
			{name: "q finds interactions by objective", req: get(v1+"/interactions?q=立项", "r1a"), status: 200,
				want: []string{"了解项目立项时间"}, not: []string{"确认预算"}},
			{name: "q finds interactions by notes, ignoring case", req: get(v1+"/interactions?q=BUDGET", "r1a"), status: 200,
				want: []string{"确认预算"}, not: []string{"了解项目立项时间"}},
			{name: "q on interactions is scoped", req: get(v1+"/interactions?q=立项", "m2"), status: 200, want: []string{`"items":[]`}},
			{name: "q finds SWOT items by text", req: get(v1+"/swot_items?q=实施", "r1a"), status: 200,
				want: []string{"本地化实施团队"}, not: []string{"价格偏高"}},
			{name: "q on SWOT items is scoped", req: get(v1+"/swot_items?q=实施", "r2a"), status: 200, want: []string{`"items":[]`}},
			{name: "q with LIKE wildcards matches them literally", req: get(v1+"/swot_items?q=%25", "r1a"), status: 200, want: []string{`"items":[]`}},

			{name: "q still does not apply to quotas", req: get(v1+"/quotas?q=x", "r1a"), status: 400, want: []string{`"field":"q"`}},
			{name: "nor to contact links", req: get(v1+"/contact_links?q=x", "r1a"), status: 400, want: []string{`"field":"q"`}},
			{name: "industry applies to accounts only", req: get(v1+"/contacts?industry=制造", "r1a"), status: 400, want: []string{`"field":"industry"`}},

			{name: "put acctB under acct, in a region", req: send("PATCH", v1+"/accounts/{acctB}", "r1a", `{"version":1,"parent_id":{acct},"region":"华东区"}`), status: 200},
			{name: "industry filters accounts", req: get(v1+"/accounts?industry=制", "r1a"), status: 200,
				want: []string{"华夏重工集团"}, not: []string{"华夏物流"}},
			{name: "industry ignores case", req: get(v1+"/accounts?industry=BANK", "admin"), status: 200,
				want: []string{"Northwind Bank"}, not: []string{"华夏"}},
			{name: "region filters accounts", req: get(v1+"/accounts?region=华东", "r1a"), status: 200,
				want: []string{"华夏物流"}, not: []string{"华夏重工集团"}},
			{name: "parent_id lists the children", req: get(v1+"/accounts?parent_id={acct}", "r1a"), status: 200,
				want: []string{"华夏物流"}, not: []string{"华夏重工集团"}},
			{name: "the filters are scoped", req: get(v1+"/accounts?parent_id={acct}", "r2a"), status: 200, want: []string{`"items":[]`}},
			{name: "filters combine", req: get(v1+"/accounts?industry=物流&region=华东&q=华夏", "r1a"), status: 200, want: []string{"华夏物流"}, not: []string{"华夏重工集团"}},
			{name: "a bad parent_id is 400", req: get(v1+"/accounts?parent_id=x", "r1a"), status: 400, want: []string{`"field":"parent_id"`}},
		})
	})
}

// TestOpenAPIDocumentsTheListFilters checks that the document lists each
// list's filters, q where it applies, with what it matches.
func TestOpenAPIDocumentsTheListFilters(t *testing.T) {
	t.Parallel()
	_, doc := document(t)
	paths := doc["paths"].(map[string]any)
	params := func(path string) map[string]string {
		out := map[string]string{}
		op := paths[Prefix+path].(map[string]any)["get"].(map[string]any)
		for _, p := range op["parameters"].([]any) {
			m := p.(map[string]any)
			if m["in"] == "query" {
				desc, _ := m["description"].(string)
				out[m["name"].(string)] = desc
			}
		}
		return out
	}
	for path, want := range map[string][]string{
		"/accounts":      {"owner_id", "industry", "region", "parent_id", "q"},
		"/actions":       {"q"},
		"/interactions":  {"q"},
		"/swot_items":    {"q"},
		"/contact_links": {"contact_id"},
	} {
		got := params(path)
		for _, name := range want {
			if _, ok := got[name]; !ok {
				t.Errorf("GET %s does not document %s", path, name)
			}
		}
	}
	if _, ok := params("/quotas")["q"]; ok {
		t.Error("GET /quotas documents q, which it refuses")
	}
	for path, match := range map[string]string{"/actions": "title", "/interactions": "objective or notes", "/swot_items": "text"} {
		if d := params(path)["q"]; d != "a case-insensitive substring of the "+match+" (Chinese works: 战略营)" {
			t.Errorf("GET %s documents q as %q, want it to say it matches the %s", path, d, match)
		}
	}
}
