package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"kam/internal/kam"
	"kam/internal/method"
	"kam/internal/store"
)

// findingState is what a test needs of one finding.
type findingState struct {
	Rule     string
	Subject  string
	Accepted *kam.AcceptedFinding
}

// findings reads an opportunity's findings through the API, by rule and
// subject.
func (f *fixture) findings(as string) map[string]findingState {
	f.t.Helper()
	w := f.do(get(v1+"/opportunities/{opp}/findings", as))
	if w.Code != http.StatusOK {
		f.t.Fatalf("findings: %d %s", w.Code, w.Body)
	}
	got := decode[list[findingState]](f.t, w)
	out := map[string]findingState{}
	for _, fd := range got.Items {
		out[fd.Rule+" "+fd.Subject] = fd
	}
	return out
}

func TestStrategySheet(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		run(t, f, []scenario{
			{name: "the owner gets the whole sheet with the version in opportunity and ETag", req: get(v1+"/opportunities/{opp}", "r1a"), status: 200,
				want: []string{`"opportunity":{"id":{opp},"version":1`, `"account":{"id":{acct}`, `"buying_influences":[`, `"contacts":[`, "王主任", "张总",
					`"swot":[`, "本地化实施团队", `"actions":[`, "请王主任引荐张总", `"interactions":[`, "了解项目立项时间",
					`"findings":[`, `"rule":"no-user"`, `"health":{"score":`, `"suggested_level":`, `"writable":true`},
				header: map[string]string{"ETag": `"1"`}},
			{name: "the findings speak both languages", req: get(v1+"/opportunities/{opp}", "r1a"), status: 200,
				want: []string{`"title":{"en":"No User buyer"`, `"zh":"没有用户"`}},
			{name: "another team gets 404", req: get(v1+"/opportunities/{opp}", "r2a"), status: 404, want: []string{`"code":"not_found"`}},
			{name: "a team colleague who does not own it gets 404", req: get(v1+"/opportunities/{opp}", "r1b"), status: 404},
			{name: "the owner shares the account read-only", req: send("PUT", v1+"/accounts/{acct}/shares/{team2}", "r1a", `{"access":"read"}`), status: 200},
			{name: "the team it is shared with reads the sheet, not writable", req: get(v1+"/opportunities/{opp}", "r2b"), status: 200,
				want: []string{`"writable":false`, `"findings":[`}},
			{name: "and may not accept its flags", req: send("POST", v1+"/opportunities/{opp}/findings/accept", "r2b", `{"rule":"no-user","subject":"opportunity","note":"x"}`), status: 403},
			{name: "an unknown opportunity is 404", req: get(v1+"/opportunities/999999", "r1a"), status: 404},
			{name: "the list stays a list of opportunities", req: get(v1+"/opportunities", "r1a"), status: 200,
				want: []string{`"items":[{"id":{opp}`, `"name":"CRM 二期"`}, not: []string{`"findings"`, `"buying_influences"`}},
			{name: "PATCH still takes the version read from the sheet", req: send("PATCH", v1+"/opportunities/{opp}", "r1a", `{"version":1,"amount":1300000}`), status: 200,
				want: []string{`"version":2`, `"amount":1300000`}},
			{name: "the sheet shows the change", req: get(v1+"/opportunities/{opp}", "r1a"), status: 200,
				want: []string{`"amount":1300000`}, header: map[string]string{"ETag": `"2"`}},
		})
	})
}

// TestSheetQueriesDoNotGrowWithRows counts the SQL statements one GET of the
// strategy sheet sends (store.DB.Statements) for a deal with one buyer,
// action and interaction and for one with twenty of each: the counts must
// be equal, and the big sheet must carry all its rows.
func TestSheetQueriesDoNotGrowWithRows(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		post := func(path, body string) int64 {
			t.Helper()
			w := f.do(send("POST", v1+path, "r1a", body))
			if w.Code != 201 {
				t.Fatalf("POST %s: %d %s", path, w.Code, w.Body)
			}
			return decode[struct{ ID int64 }](t, w).ID
		}
		// deal adds an opportunity with n buyers (each a new contact), n
		// actions aimed at them and n interactions where they gave feedback.
		deal := func(name string, n int) int64 {
			t.Helper()
			opp := post("/opportunities", `{"account_id":{acct},"name":"`+name+`","level":"in"}`)
			for i := range n {
				id := itoa(int64(i))
				c := itoa(post("/contacts", `{"account_id":{acct},"name":"`+name+` 联系人`+id+`","seniority":"middle"}`))
				b := itoa(post("/buying_influences", `{"opportunity_id":`+itoa(opp)+`,"contact_id":`+c+`,"roles":["user"],"influence":"low","contact_level":"rare","mode":"growth","rating":1}`))
				post("/actions", `{"opportunity_id":`+itoa(opp)+`,"title":"拜访`+id+`","due":"2026-04-01","target_influence_id":`+b+`,"participant_ids":[`+c+`]}`)
				post("/interactions", `{"opportunity_id":`+itoa(opp)+`,"kind":"meeting","at":"2026-03-01T10:00:00Z","objective":"了解需求","feedback":[{"contact_id":`+c+`,"feedback":"positive"}]}`)
			}
			return opp
		}
		type sheet struct {
			Influences   []kam.BuyingInfluence `json:"buying_influences"`
			Contacts     []kam.Contact         `json:"contacts"`
			Actions      []kam.Action          `json:"actions"`
			Interactions []kam.Interaction     `json:"interactions"`
		}
		// statements GETs the sheet of opp and returns the statements sent.
		// A first GET warms up what is done once (a token's last use).
		statements := func(opp int64) (int64, sheet) {
			t.Helper()
			path := v1 + "/opportunities/" + itoa(opp)
			if w := f.do(get(path, "r1a")); w.Code != 200 {
				t.Fatalf("sheet: %d %s", w.Code, w.Body)
			}
			before := db.Statements()
			w := f.do(get(path, "r1a"))
			n := db.Statements() - before
			if w.Code != 200 {
				t.Fatalf("sheet: %d %s", w.Code, w.Body)
			}
			return n, decode[sheet](t, w)
		}
		small, big := deal("一个买家", 1), deal("二十个买家", 20)
		one, _ := statements(small)
		twenty, bigSheet := statements(big)
		t.Logf("statements per sheet: %d (1 buyer), %d (20 buyers)", one, twenty)
		if one == 0 {
			t.Fatal("the sheet sent no statements: the counter does not count")
		}
		if one != twenty {
			t.Errorf("GET /opportunities/{id} sends %d statements for 1 buyer, action and interaction, %d for 20 of each; want the same", one, twenty)
		}
		if len(bigSheet.Influences) != 20 || len(bigSheet.Contacts) < 20 || len(bigSheet.Actions) != 20 || len(bigSheet.Interactions) != 20 {
			t.Errorf("big sheet has %d buyers, %d contacts, %d actions, %d interactions; want 20 each",
				len(bigSheet.Influences), len(bigSheet.Contacts), len(bigSheet.Actions), len(bigSheet.Interactions))
		}
	})
}

func TestAcceptingFindings(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		run(t, f, []scenario{
			{name: "findings list the open flags", req: get(v1+"/opportunities/{opp}/findings", "r1a"), status: 200,
				want: []string{`"rule":"no-user"`, `"subject":"opportunity"`, `"fingerprint":"`}, not: []string{`"accepted":{`}},
			{name: "another team's findings are 404", req: get(v1+"/opportunities/{opp}/findings", "m2"), status: 404},
			{name: "a missing rule is 422 naming rule", req: send("POST", v1+"/opportunities/{opp}/findings/accept", "r1a", `{"subject":"opportunity","note":"x"}`), status: 422,
				want: []string{`"errors":{"rule":"必填"}`}},
			{name: "a flag that is not raised is 422 naming rule", req: send("POST", v1+"/opportunities/{opp}/findings/accept", "r1a", `{"rule":"no-coach","subject":"opportunity","note":"x"}`), status: 422,
				want: []string{`"rule":"不是本商机当前未处理的红旗"`}},
			{name: "an unknown body field is 422", req: send("POST", v1+"/opportunities/{opp}/findings/accept", "r1a", `{"rule":"no-user","subject":"opportunity","why":"x"}`), status: 422,
				want: []string{`"why"`}},
			{name: "a wrong type is 400", req: send("POST", v1+"/opportunities/{opp}/findings/accept", "r1a", `{"rule":7}`), status: 400,
				want: []string{`"field":"rule"`}},
			{name: "another team may not accept: 404", req: send("POST", v1+"/opportunities/{opp}/findings/accept", "r2a", `{"rule":"no-user","subject":"opportunity","note":"x"}`), status: 404},
			{name: "a team colleague who cannot see it gets 404", req: send("POST", v1+"/opportunities/{opp}/findings/accept", "r1b", `{"rule":"no-user","subject":"opportunity","note":"x"}`), status: 404},
			{name: "the owner accepts: 201 with the acceptance", req: send("POST", v1+"/opportunities/{opp}/findings/accept", "r1a", `{"rule":"no-user","subject":"opportunity","note":"用户部门尚未成立"}`), status: 201,
				want:   []string{`"rule_id":"no-user"`, `"note":"用户部门尚未成立"`, `"by_user_id":{r1a}`, `"at":"2026-03-14T09:26:53Z"`},
				header: map[string]string{"Location": "/findings/accepted/"}},
			{name: "the accepted flag stays visible, marked accepted", req: get(v1+"/opportunities/{opp}/findings", "r1a"), status: 200,
				want: []string{`"rule":"no-user"`, `"accepted":{`, "用户部门尚未成立"}},
			{name: "the sheet shows it too", req: get(v1+"/opportunities/{opp}", "m1"), status: 200, want: []string{`"accepted":{`}},
			{name: "reopening someone else's acceptance id is 404", req: send("DELETE", v1+"/opportunities/{opp}/findings/accepted/999999", "r1a", ""), status: 404},
		})
		var accID int64
		for _, fd := range f.findings("r1a") {
			if fd.Accepted != nil {
				accID = fd.Accepted.ID
			}
		}
		if accID == 0 {
			t.Fatal("no accepted finding to reopen")
		}
		del := v1 + "/opportunities/{opp}/findings/accepted/" + itoa(accID)
		run(t, f, []scenario{
			{name: "another team cannot reopen it", req: send("DELETE", del, "r2a", ""), status: 404},
			{name: "the owner reopens it", req: send("DELETE", del, "r1a", ""), status: 204},
			{name: "it is open again", req: get(v1+"/opportunities/{opp}/findings", "r1a"), status: 200,
				want: []string{`"rule":"no-user"`}, not: []string{`"accepted":{`}},
			{name: "reopening twice is 404", req: send("DELETE", del, "r1a", ""), status: 404},
			{name: "the history records accept and reopen", req: get(v1+"/audit?entity=opportunity&entity_id={opp}", "r1a"), status: 200,
				want: []string{`"action":"accept"`, `"action":"reopen"`}},
		})
	})
}

// TestAcceptedFlagReopensWhenFactsChange follows the method: an accepted
// flag holds while its facts stay the same. The coach moves to another post
// (coach-left), the seller accepts it; another coach leaving raises a new,
// open flag; and when the first coach's facts change (they leave the
// company), the accepted flag is open again.
func TestAcceptedFlagReopensWhenFactsChange(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		patchContact := func(id int64, body string) {
			t.Helper()
			v := f.versionOf("contacts", id)
			w := f.do(send("PATCH", v1+"/contacts/"+itoa(id), "r1a", `{"version":`+itoa(v)+`,`+body+`}`))
			if w.Code != 200 {
				t.Fatalf("patch contact: %d %s", w.Code, w.Body)
			}
		}
		first := "coach-left influence:" + itoa(f.buyerCoach.ID)
		if _, ok := f.findings("r1a")[first]; ok {
			t.Fatal("coach-left before the coach moved")
		}
		patchContact(f.coach.ID, `"status":"moved","status_date":"2026-03-01"`)
		fd, ok := f.findings("r1a")[first]
		if !ok || fd.Accepted != nil {
			t.Fatalf("after the coach moved: %+v, want an open coach-left", fd)
		}
		w := f.do(send("POST", v1+"/opportunities/{opp}/findings/accept", "r1a",
			`{"rule":"coach-left","subject":"influence:`+itoa(f.buyerCoach.ID)+`","note":"王主任调任集团，仍然支持我们"}`))
		if w.Code != 201 {
			t.Fatalf("accept: %d %s", w.Code, w.Body)
		}
		if fd := f.findings("r1a")[first]; fd.Accepted == nil {
			t.Fatal("the accepted coach-left is not marked accepted")
		}

		// A second coach, who then leaves the company.
		w = f.do(send("POST", v1+"/buying_influences", "r1a", `{"opportunity_id":{opp},"contact_id":{tech},"roles":["coach","technical"],"influence":"medium","contact_level":"frequent","mode":"growth","rating":3}`))
		if w.Code != 201 {
			t.Fatalf("second coach: %d %s", w.Code, w.Body)
		}
		second := "coach-left influence:" + itoa(decode[struct{ ID int64 }](t, w).ID)
		patchContact(f.tech.ID, `"status":"left","status_date":"2026-03-10"`)
		got := f.findings("r1a")
		if fd, ok := got[second]; !ok || fd.Accepted != nil {
			t.Errorf("a different coach left: %+v, want an open coach-left", fd)
		}
		if fd := got[first]; fd.Accepted == nil {
			t.Errorf("the first coach's facts did not change, but its acceptance is gone: %+v", fd)
		}

		// The first coach now leaves the company: new facts, open again.
		patchContact(f.coach.ID, `"status":"left","status_date":"2026-03-12"`)
		if fd, ok := f.findings("r1a")[first]; !ok || fd.Accepted != nil {
			t.Errorf("the first coach left the company after moving: %+v, want the flag open again", fd)
		}
	})
}

func TestRedFlagCatalogueAndSettings(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		run(t, f, []scenario{
			{name: "every user reads the catalogue in both languages", req: get(v1+"/redflags", "r2b"), status: 200,
				want: []string{`"id":"coach-left"`, `"severity":"high"`, `"group":{"en":"The coach","zh":"教练"}`, `"why":{"en":`, `"next":{"en":`}},
			{name: "the catalogue needs a token", req: get(v1+"/redflags", ""), status: 401},
			{name: "the thresholds start at the defaults", req: get(v1+"/settings/redflags", "r1a"), status: 200,
				want: []string{`"new_in_job_days":90`, `"stale_contact_days":30`, `"next_action_days":14`, `"low_ideal_fit":40`}},
			{name: "a rep may not change them", req: send("PUT", v1+"/settings/redflags", "r1a", `{"stale_contact_days":21}`), status: 403},
			{name: "a manager may not either", req: send("PUT", v1+"/settings/redflags", "m1", `{"stale_contact_days":21}`), status: 403},
			{name: "out-of-range values are 422 naming each field", req: send("PUT", v1+"/settings/redflags", "admin", `{"stale_contact_days":0,"low_ideal_fit":120}`), status: 422,
				want: []string{`"stale_contact_days":"must be a number of days between 1 and 3650"`, `"low_ideal_fit":"must be a score between 0 and 100"`}},
			{name: "an unknown threshold is 422", req: send("PUT", v1+"/settings/redflags", "admin", `{"stale_days":21}`), status: 422,
				want: []string{`"stale_days"`}},
			{name: "a wrong type is 400 naming the field", req: send("PUT", v1+"/settings/redflags", "admin", `{"stale_contact_days":"soon"}`), status: 400,
				want: []string{`"field":"stale_contact_days"`}},
			{name: "the admin changes one threshold; the others keep theirs", req: send("PUT", v1+"/settings/redflags", "admin", `{"stale_contact_days":21}`), status: 200,
				want: []string{`"stale_contact_days":21`, `"new_in_job_days":90`}},
			{name: "everyone reads the new value", req: get(v1+"/settings/redflags", "r2a"), status: 200, want: []string{`"stale_contact_days":21`}},
		})
	})
}

func TestFunnelAndWorkOrder(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		run(t, f, []scenario{
			{name: "a rep reads their own funnel for a quarter", req: get(v1+"/funnel?owner_id={r1a}&period=2026Q2", "r1a"), status: 200,
				want: []string{`"period":"2026Q2"`, `"owner_ids":[{r1a}]`, `"levels":[`, `"level":"in"`, `"amount":1200000`,
					`"quota":1250000`, `"quota_set":true`, `"period":{"name":"2026Q2","start":"2026-04-01","end":"2026-07-01"}`}},
			{name: "the current quarter by default", req: get(v1+"/funnel", "r1a"), status: 200, want: []string{`"period":"2026Q1"`}},
			{name: "a year quota counts in full for the year", req: get(v1+"/funnel?period=2026", "r1a"), status: 200, want: []string{`"quota":5000000`}},
			{name: "warnings and notes are bilingual", req: get(v1+"/funnel?period=2026Q2", "r1a"), status: 200, want: []string{`"notes":[{"en":`}},
			{name: "a bad period is 422 naming period", req: get(v1+"/funnel?period=soon", "r1a"), status: 422, want: []string{`"errors":{"period":`}},
			{name: "a bad owner id is 400", req: get(v1+"/funnel?owner_id=x", "r1a"), status: 400, want: []string{`"field":"owner_id"`}},
			{name: "owner and team together are 422", req: get(v1+"/funnel?owner_id={r1a}&team_id={team1}", "m1"), status: 422, want: []string{`"team_id"`}},
			{name: "the manager reads the team's funnel", req: get(v1+"/funnel?team_id={team1}&period=2026Q2", "m1"), status: 200, want: []string{`"amount":1200000`}},
			{name: "another team's manager gets 404 for the team", req: get(v1+"/funnel?team_id={team1}", "m2"), status: 404},
			{name: "another team's rep gets 404 for the seller", req: get(v1+"/funnel?owner_id={r1a}", "r2a"), status: 404},
			{name: "a colleague may not read a peer's funnel", req: get(v1+"/funnel?owner_id={r1a}", "r1b"), status: 404},
			{name: "the work order lists the rep's open deals", req: get(v1+"/work-order", "r1a"), status: 200,
				want: []string{`"opportunity":{"id":{opp}`, `"health":`, `"findings":[`, `"account":{"id":{acct}`, `"truncated":false`, `"limit":500`}},
			{name: "the manager reads a rep's work order", req: get(v1+"/work-order?owner_id={r1a}", "m1"), status: 200, want: []string{"CRM 二期"}},
			{name: "another team's manager gets 404", req: get(v1+"/work-order?owner_id={r1a}", "m2"), status: 404},
			{name: "an empty work order is an empty list", req: get(v1+"/work-order", "r1b"), status: 200, want: []string{`"items":[]`}},
			{name: "a bad owner id is 400", req: get(v1+"/work-order?owner_id=-1", "r1a"), status: 400},
		})
	})
}

func TestHealthWeightsResponseModeAndRanking(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		// A second criterion and ratings: acct is a better fit than acctB.
		w := f.do(send("POST", v1+"/criteria", "admin", `{"name":"预算充足","kind":"demographic","weight":1}`))
		if w.Code != 201 {
			t.Fatalf("criterion: %d %s", w.Code, w.Body)
		}
		crit2 := decode[struct{ ID int64 }](t, w).ID
		for _, r := range []struct {
			acct, crit string
			rating     int
		}{{"{acct}", "{crit}", 5}, {"{acct}", itoa(crit2), 3}, {"{acctB}", "{crit}", -2}} {
			w := f.do(send("PUT", v1+"/accounts/"+r.acct+"/ratings", "r1a", `{"criterion_id":`+r.crit+`,"rating":`+itoa(int64(r.rating))+`}`))
			if w.Code != 200 {
				t.Fatalf("rating: %d %s", w.Code, w.Body)
			}
		}
		run(t, f, []scenario{
			{name: "with little history the defaults are in force", req: get(v1+"/health/weights", "r1a"), status: 200,
				want: []string{`"source":"default"`, `"weights":{`, `"coach":`, `"report":null`}},
			{name: "health weights need a token", req: get(v1+"/health/weights", ""), status: 401},
			{name: "worse results mean Trouble", req: send("POST", v1+"/response-mode", "r1a", `{"current_results":"worse","sees_gap":true,"gap_direction":"fix"}`), status: 200,
				want: []string{`"mode":"trouble"`, `"how_to_sell":{"en":`, `"odds":{`}},
			{name: "a gap towards more means Growth", req: send("POST", v1+"/response-mode", "r1b", `{"current_results":"as_expected","sees_gap":true,"gap_direction":"more"}`), status: 200,
				want: []string{`"mode":"growth"`}},
			{name: "no gap and better results mean Overconfident", req: send("POST", v1+"/response-mode", "r1b", `{"current_results":"better","sees_gap":false}`), status: 200,
				want: []string{`"mode":"overconfident"`}},
			{name: "an unknown answer is 422 naming the field", req: send("POST", v1+"/response-mode", "r1b", `{"current_results":"fine","sees_gap":false}`), status: 422,
				want: []string{`"current_results"`}},
			{name: "a wrong type is 400", req: send("POST", v1+"/response-mode", "r1b", `{"current_results":"worse","sees_gap":"yes"}`), status: 400,
				want: []string{`"field":"sees_gap"`}},
			{name: "the ranking puts the best fit first", req: get(v1+"/accounts/ranking", "r1a"), status: 200,
				want: []string{`"items":[{"account":{"id":{acct}`, `"score":`}, not: []string{"Northwind"}},
			{name: "the top N", req: get(v1+"/accounts/ranking?limit=1", "r1a"), status: 200,
				want: []string{"华夏重工集团"}, not: []string{"华夏物流"}},
			{name: "another team ranks only its own accounts", req: get(v1+"/accounts/ranking", "r2a"), status: 200,
				want: []string{"Northwind", `"score":null`}, not: []string{"华夏"}},
			{name: "the admin ranks everyone's", req: get(v1+"/accounts/ranking?limit=500", "admin"), status: 200, want: []string{"华夏物流", "Northwind"}},
			{name: "by owner", req: get(v1+"/accounts/ranking?owner_id={r2a}", "admin"), status: 200, want: []string{"Northwind"}, not: []string{"华夏"}},
			{name: "a limit over 500 is 422", req: get(v1+"/accounts/ranking?limit=501", "r1a"), status: 422, want: []string{`"limit"`}},
			{name: "a limit of 0 is 422", req: get(v1+"/accounts/ranking?limit=0", "r1a"), status: 422, want: []string{`"limit"`}},
			{name: "a non-numeric limit is 400", req: get(v1+"/accounts/ranking?limit=ten", "r1a"), status: 400, want: []string{`"field":"limit"`}},
		})
		// The ranking's order follows the scores.
		got := decode[list[method.AccountScore]](t, f.do(get(v1+"/accounts/ranking", "r1a")))
		if len(got.Items) != 2 || got.Items[0].Account.ID != f.acct.ID || got.Items[0].Score == nil || got.Items[1].Score == nil ||
			*got.Items[0].Score <= *got.Items[1].Score {
			b, _ := json.Marshal(got)
			t.Errorf("ranking = %s, want acct then acctB by score", b)
		}
	})
}

func TestStrategyRoutesAreDocumented(t *testing.T) {
	t.Parallel()
	_, doc := document(t)
	paths := doc["paths"].(map[string]any)
	for _, route := range []string{"GET /opportunities/{id}/findings", "POST /opportunities/{id}/findings/accept",
		"DELETE /opportunities/{id}/findings/accepted/{accepted_id}", "GET /redflags", "GET /settings/redflags", "PUT /settings/redflags",
		"GET /funnel", "GET /work-order", "GET /health/weights", "POST /response-mode", "GET /accounts/ranking"} {
		method, path, _ := strings.Cut(route, " ")
		item, ok := paths[Prefix+path].(map[string]any)
		if !ok || item[strings.ToLower(method)] == nil {
			t.Errorf("%s is not documented", route)
		}
	}
	// The sheet's schema: the opportunity (with its version) under
	// "opportunity", and the method's reading beside it.
	get := paths[Prefix+"/opportunities/{id}"].(map[string]any)["get"].(map[string]any)
	schema := get["responses"].(map[string]any)["200"].(map[string]any)["content"].(map[string]any)["application/json"].(map[string]any)["schema"].(map[string]any)
	props, _ := schema["properties"].(map[string]any)
	for _, field := range []string{"opportunity", "account", "buying_influences", "contacts", "swot", "actions", "interactions",
		"accepted_findings", "findings", "health", "suggested_level", "writable"} {
		if _, ok := props[field]; !ok {
			t.Errorf("the sheet's schema lacks %q", field)
		}
	}
	if _, ok := props["OpportunityPicture"]; ok {
		t.Error("the embedded picture is documented as a field instead of lending its fields")
	}
	if ref := props["opportunity"].(map[string]any)["$ref"]; ref != "#/components/schemas/Opportunity" {
		t.Errorf("opportunity is %v, want the Opportunity component (which holds version)", ref)
	}
}
