package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
)

// TestSortedLists covers GET /opportunities, /contacts and /actions with
// sort and the sorted lists' filters, on both databases: order, scope,
// the method's columns, the refusals.
func TestSortedLists(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		run(t, f, []scenario{
			{name: "a second, bigger, undated deal", req: send("POST", v1+"/opportunities", "r1a",
				`{"account_id":{acctB},"name":"物流平台","amount":3000000,"currency":"CNY","level":"above","owner_id":{r1a}}`), status: 201},
			{name: "a done action", req: send("POST", v1+"/actions", "r1a", `{"opportunity_id":{opp},"title":"已完成的拜访","owner_id":{r1a},"status":"done"}`), status: 201},

			{name: "sorted by close date: dated first, with health, flags and next action", req: get(v1+"/opportunities?sort=close_date", "r1a"), status: 200,
				want: []string{`"account_name":"华夏重工集团"`, `"owner_name":"李销售"`, `"health":`, `"open_high_flags":`, `"suggested_level":`, `"next_action":{`, `"title":"请王主任引荐张总"`}},
			{name: "a filter alone selects the sorted list", req: get(v1+"/opportunities?close_from=2026-06-01&close_to=2026-06-30", "r1a"), status: 200,
				want: []string{`"account_name":"华夏重工集团"`}, not: []string{"物流平台"}},
			{name: "team_id keeps the team's deals", req: get(v1+"/opportunities?sort=name&team_id={team2}", "admin"), status: 200, want: []string{`"items":[]`}},
			{name: "q matches the account's name", req: get(v1+"/opportunities?sort=amount&q=物流", "r1a"), status: 200, want: []string{"物流平台"}, not: []string{"CRM 二期"}},
			{name: "health range", req: get(v1+"/opportunities?sort=amount&health_min=101", "r1a"), status: 400, want: []string{`"field":"health_min"`}},
			{name: "the sorted list is scoped", req: get(v1+"/opportunities?sort=amount", "r2a"), status: 200, want: []string{`"items":[]`}},
			{name: "an unknown sort is 400", req: get(v1+"/opportunities?sort=health", "r1a"), status: 400, want: []string{`"field":"sort"`}},
			{name: "a bad cursor is 400", req: get(v1+"/opportunities?sort=name&cursor=xyz", "r1a"), status: 400, want: []string{`"field":"cursor"`}},
			{name: "after does not page the sorted list", req: get(v1+"/opportunities?sort=name&after=3", "r1a"), status: 400, want: []string{`"field":"after"`}},
			{name: "a bad date is 400", req: get(v1+"/opportunities?close_from=tomorrow", "r1a"), status: 400, want: []string{`"field":"close_from"`}},
			{name: "without sort the plain list is unchanged", req: get(v1+"/opportunities", "r1a"), status: 200, not: []string{`"account_name"`}},

			{name: "a personal note", req: send("PATCH", v1+"/contacts/{coach}", "r1a", `{"version":1,"personal_notes":"喜欢打高尔夫"}`), status: 200},
			{name: "people with their deals and roles and last interaction", req: get(v1+"/contacts?sort=name", "r1a"), status: 200,
				want: []string{`"account_name":"华夏重工集团"`, `"roles":["coach"]`, `"last_interaction":"2026-03-12T09:26:53Z"`}, not: []string{"Other Person", "高尔夫"}},
			{name: "the people who left or moved lately", req: get(v1+"/contacts?departed_days=90", "r1a"), status: 200, want: []string{`"items":[]`}},
			{name: "a bad status is 400", req: get(v1+"/contacts?status=gone", "r1a"), status: 400, want: []string{`"field":"status"`}},

			{name: "actions sorted by due, open only", req: get(v1+"/actions?sort=due", "r1a"), status: 200,
				want: []string{`"opportunity":"CRM 二期"`, `"target":"张总"`, `"overdue":false`}, not: []string{"已完成的拜访"}},
			{name: "done ones on asking", req: get(v1+"/actions?sort=due&status=done", "r1a"), status: 200, want: []string{"已完成的拜访"}, not: []string{"请王主任引荐张总"}},
			{name: "a manager's team", req: get(v1+"/actions?team=true", "m1"), status: 200, want: []string{"请王主任引荐张总"}},
			{name: "another team's manager sees none of it", req: get(v1+"/actions?team=true", "m2"), status: 200, want: []string{`"items":[]`}},
			{name: "a seller has no team view", req: get(v1+"/actions?team=true", "r1a"), status: 403},
			{name: "another team's seller is 404", req: get(v1+"/actions?sort=due&owner_id={r1a}", "r2a"), status: 404},
		})
	})
}

// TestSortedDealsPageAndStatements pages the sorted deal list one deal at a
// time and checks that a page of 50 costs the same statements as a page of
// 2: health and flags come from one batch, never a query per row.
func TestSortedDealsPageAndStatements(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		rep := service.ActorOf(f.r1a.User)
		for i := range 59 {
			o, err := f.svc.Opportunities.Create(t.Context(), rep, kam.Opportunity{AccountID: f.acct.ID, Name: "deal " + itoa(int64(i)),
				Amount: int64(i%7) * 1000, Currency: "CNY", Level: kam.LevelAbove, OwnerID: f.r1a.ID})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.svc.BuyingInfluences.Create(t.Context(), rep, kam.BuyingInfluence{OpportunityID: o.ID, ContactID: f.econ.ID,
				Roles: []kam.BuyingRole{kam.RoleEconomic}, Influence: kam.InfluenceHigh, ContactLevel: kam.ContactRare, Mode: kam.ModeGrowth}); err != nil {
				t.Fatal(err)
			}
		}
		statements := func(limit string) int64 {
			f.get(v1 + "/opportunities?sort=-amount&limit=" + limit) // warm the health weights
			before := db.Statements()
			w := f.do(request{method: "GET", path: v1 + "/opportunities?sort=-amount&limit=" + limit, as: "r1a"})
			if w.Code != http.StatusOK {
				t.Fatalf("%d %s", w.Code, w.Body)
			}
			return db.Statements() - before
		}
		if small, big := statements("2"), statements("50"); small != big {
			t.Errorf("a page of 2 costs %d statements, a page of 50 costs %d: want the same", small, big)
		}
		seen := map[int64]bool{}
		last := int64(1 << 62)
		path := v1 + "/opportunities?sort=-amount&limit=7"
		for pages := 0; path != ""; pages++ {
			w := f.do(request{method: "GET", path: path, as: "r1a"})
			p := decode[service.DealPage](t, w)
			for _, r := range p.Rows {
				if seen[r.Opportunity.ID] || r.Opportunity.Amount > last {
					t.Fatalf("deal %d (amount %d) repeated or out of order after %d", r.Opportunity.ID, r.Opportunity.Amount, last)
				}
				seen[r.Opportunity.ID], last = true, r.Opportunity.Amount
			}
			path = ""
			if p.Next != "" {
				link := w.Header().Get("Link")
				if !strings.Contains(link, "cursor=") {
					t.Fatalf("Link %q has no cursor", link)
				}
				path = v1 + "/opportunities?sort=-amount&limit=7&cursor=" + p.Next
			}
			if pages > 20 {
				t.Fatal("the list does not end")
			}
		}
		if len(seen) != 60 {
			t.Errorf("saw %d deals, want 60", len(seen))
		}
		// The health filter answers the same deals the method reads.
		w := f.do(request{method: "GET", path: v1 + "/opportunities?sort=name&health_max=100&high_flags=true&limit=500", as: "r1a"})
		var p service.DealPage
		if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		for _, r := range p.Rows {
			if r.HighFlags == 0 {
				t.Errorf("deal %d has no open high flag but passed high_flags=true", r.Opportunity.ID)
			}
		}
	})
}

func (f *fixture) get(path string) {
	f.t.Helper()
	f.do(request{method: "GET", path: path, as: "r1a"})
}
