package api

import (
	"net/http"
	"strings"
	"testing"

	"kam/internal/store"
)

// scenario is one step of a table-driven API story: a request, the status
// it must get, and text the body must and must not hold.
type scenario struct {
	name   string
	req    request
	status int
	want   []string
	not    []string
	// header lists response headers that must be present (with a value
	// containing the given text).
	header map[string]string
}

func get(path, as string) request { return request{method: "GET", path: path, as: as} }
func send(m, path, as, body string) request {
	return request{method: m, path: path, as: as, body: body}
}

// run plays the steps in order on one fixture; later steps see earlier
// changes.
func run(t *testing.T, f *fixture, steps []scenario) {
	t.Helper()
	for _, sc := range steps {
		w := f.do(sc.req)
		body := w.Body.String()
		if w.Code != sc.status {
			t.Errorf("%s: %s %s → %d, want %d; body %s", sc.name, sc.req.method, sc.req.path, w.Code, sc.status, body)
			continue
		}
		for _, s := range sc.want {
			if s = f.replacer.Replace(s); !strings.Contains(body, s) {
				t.Errorf("%s: body lacks %q: %s", sc.name, s, body)
			}
		}
		for _, s := range sc.not {
			if s = f.replacer.Replace(s); strings.Contains(body, s) {
				t.Errorf("%s: body holds %q: %s", sc.name, s, body)
			}
		}
		for k, v := range sc.header {
			if got := w.Header().Get(k); !strings.Contains(got, f.replacer.Replace(v)) {
				t.Errorf("%s: header %s = %q, want it to hold %q", sc.name, k, got, v)
			}
		}
		if w.Code >= 400 && w.Header().Get("Content-Type") != "application/problem+json" {
			t.Errorf("%s: error with Content-Type %q", sc.name, w.Header().Get("Content-Type"))
		}
	}
}

const v1 = Prefix

func TestAuthentication(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		run(t, f, []scenario{
			{name: "no token is 401", req: get(v1+"/accounts", ""), status: 401,
				want: []string{`"code":"unauthorized"`}, header: map[string]string{"WWW-Authenticate": "Bearer"}},
			{name: "another scheme is 401", req: request{method: "GET", path: v1 + "/me", header: map[string]string{"Authorization": "Basic YTpi"}}, status: 401},
			{name: "an unknown token is 401", req: get(v1+"/me", "token:kam_nonsense"), status: 401},
			{name: "a revoked token is 401", req: get(v1+"/me", "token:"+f.revokedSecret), status: 401},
			{name: "401 speaks the Accept-Language", req: request{method: "GET", path: v1 + "/me", header: map[string]string{"Accept-Language": "en-US"}}, status: 401,
				want: []string{"Sign-in required"}},
			{name: "401 defaults to Chinese", req: get(v1+"/me", ""), status: 401, want: []string{"需要登录"}},
			{name: "a valid token is the user", req: get(v1+"/me", "r1a"), status: 200, want: []string{`"email":"r1a@example.com"`}, not: []string{"password_hash", "argon2"}},
			{name: "the OpenAPI document needs no token", req: get(v1+"/openapi.json", ""), status: 200, want: []string{`"openapi": "3.1.0"`}},
			{name: "an unknown path is a 404 problem", req: get(v1+"/nowhere", "r1a"), status: 404, want: []string{`"code":"not_found"`}},
			{name: "an unknown path without a token is still 404", req: get(v1+"/nowhere", ""), status: 404},
			{name: "a wrong method is 405 with Allow", req: send("PUT", v1+"/accounts", "r1a", "{}"), status: 405,
				header: map[string]string{"Allow": "GET"}},
			{name: "a non-numeric id is 404", req: get(v1+"/accounts/abc", "r1a"), status: 404},
			{name: "security headers are set", req: get(v1+"/me", "r1a"), status: 200,
				header: map[string]string{"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}},
		})
	})
}

func TestAccounts(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		big := `{"name":"` + strings.Repeat("x", maxBody) + `"}`
		run(t, f, []scenario{
			{name: "the owner lists their accounts", req: get(v1+"/accounts", "r1a"), status: 200,
				want: []string{"华夏重工集团", `"next":""`}, not: []string{"Northwind"}},
			{name: "another team's rep does not see them", req: get(v1+"/accounts", "r2a"), status: 200,
				want: []string{"Northwind"}, not: []string{"华夏重工集团"}},
			{name: "the manager sees the team's accounts", req: get(v1+"/accounts", "m1"), status: 200,
				want: []string{"华夏重工集团", "华夏物流"}, not: []string{"Northwind"}},
			{name: "the admin sees all", req: get(v1+"/accounts", "admin"), status: 200, want: []string{"华夏重工集团", "Northwind"}},
			{name: "get answers the record with its version as ETag", req: get(v1+"/accounts/{acct}", "r1a"), status: 200,
				want: []string{`"name":"华夏重工集团"`, `"version":1`}, header: map[string]string{"ETag": `"1"`}},
			{name: "create answers 201 with Location", req: send("POST", v1+"/accounts", "r1a", `{"name":"新客户","owner_id":{r1a},"employees":300}`), status: 201,
				want: []string{`"name":"新客户"`, `"version":1`}, header: map[string]string{"Location": v1 + "/accounts/"}},
			{name: "read-only fields in a create are ignored", req: send("POST", v1+"/accounts", "r1a", `{"id":99999,"version":7,"created_at":"2000-01-01T00:00:00Z","name":"Ignored Id Ltd","owner_id":{r1a}}`), status: 201,
				want: []string{`"version":1`, `"created_at":"2026-03-14T09:26:53Z"`}, not: []string{"99999"}},
			{name: "a missing name is 422 naming the field, in the user's language", req: send("POST", v1+"/accounts", "r1a", `{"owner_id":{r1a}}`), status: 422,
				want: []string{`"errors":{"name":"必填"}`, `"code":"invalid"`}},
			{name: "English users read English", req: send("POST", v1+"/accounts", "r1b", `{"owner_id":{r1b}}`), status: 422,
				want: []string{`"name":"is required"`}},
			{name: "an unknown field is 422 naming it", req: send("POST", v1+"/accounts", "r1a", `{"name":"A","owner_id":{r1a},"colour":"red"}`), status: 422,
				want: []string{`"colour":"不是该记录的字段"`}},
			{name: "malformed JSON is 400", req: send("POST", v1+"/accounts", "r1b", `{"name":`), status: 400,
				want: []string{"malformed JSON", `"code":"bad_request"`}},
			{name: "a syntax error names the byte", req: send("POST", v1+"/accounts", "r1b", `{"name" "x"}`), status: 400,
				want: []string{"malformed JSON at byte"}},
			{name: "a wrong type is 400 naming the field", req: send("POST", v1+"/accounts", "r1b", `{"name":"A","employees":"many"}`), status: 400,
				want: []string{`"field":"employees"`, "must be an integer"}},
			{name: "a bad date is 400 naming the field", req: send("POST", v1+"/accounts", "r1b", `{"name":"A","reorganising_since":"tomorrow"}`), status: 400,
				want: []string{`"field":"reorganising_since"`}},
			{name: "an array body is 400", req: send("POST", v1+"/accounts", "r1b", `[1,2]`), status: 400, want: []string{"must be a JSON object"}},
			{name: "an empty body is 400", req: request{method: "POST", path: v1 + "/accounts", as: "r1b"}, status: 400, want: []string{"empty"}},
			{name: "trailing data is 400", req: send("POST", v1+"/accounts", "r1b", `{"name":"A"} {}`), status: 400},
			{name: "a body over 1 MiB is 413", req: send("POST", v1+"/accounts", "r1b", big), status: 413, want: []string{`"code":"too_large"`}},
			{name: "an owner the rep may not assign is 422", req: send("POST", v1+"/accounts", "r1a", `{"name":"A","owner_id":{r2a}}`), status: 422,
				want: []string{`"owner_id"`}},
			{name: "a patch without a version is 422", req: send("PATCH", v1+"/accounts/{acct}", "r1b", `{"region":"华东"}`), status: 422,
				want: []string{`"version":"is required`}},
			{name: "a version that is not a number is 400", req: send("PATCH", v1+"/accounts/{acct}", "r1a", `{"version":"one"}`), status: 400,
				want: []string{`"field":"version"`}},
			{name: "a patch with an unknown field is 422", req: send("PATCH", v1+"/accounts/{acct}", "r1a", `{"version":1,"size":"big"}`), status: 422,
				want: []string{`"size"`}},
			{name: "a patch changes only the fields sent", req: send("PATCH", v1+"/accounts/{acct}", "r1a", `{"version":1,"region":"华东"}`), status: 200,
				want: []string{`"region":"华东"`, `"name":"华夏重工集团"`, `"industry":"制造"`, `"version":2`}, header: map[string]string{"ETag": `"2"`}},
			{name: "the version may come as If-Match", req: request{method: "PATCH", path: v1 + "/accounts/{acct}", as: "r1a", body: `{"employees":5000}`,
				header: map[string]string{"If-Match": `"2"`}}, status: 200, want: []string{`"employees":5000`, `"version":3`}},
			{name: "If-Match and a different body version is 422", req: request{method: "PATCH", path: v1 + "/accounts/{acct}", as: "r1a", body: `{"version":3,"employees":1}`,
				header: map[string]string{"If-Match": `"2"`}}, status: 422},
			{name: "an invalid patch is 422 and changes nothing", req: send("PATCH", v1+"/accounts/{acct}", "r1a", `{"version":3,"name":"  "}`), status: 422,
				want: []string{`"name"`}},
			{name: "the manager may patch the team's account", req: send("PATCH", v1+"/accounts/{acct}", "m1", `{"version":3,"notes":"经理备注"}`), status: 200,
				want: []string{`"version":4`}},
			{name: "another team's rep cannot patch it", req: send("PATCH", v1+"/accounts/{acct}", "r2a", `{"version":4,"notes":"x"}`), status: 404},
			{name: "a stale version is 409 with the current record", req: send("PATCH", v1+"/accounts/{acct}", "r1a", `{"version":3,"notes":"lost?"}`), status: 409,
				want: []string{`"code":"conflict"`, `"current":{`, `"notes":"经理备注"`, `"version":4`}},
			{name: "nothing was lost", req: get(v1+"/accounts/{acct}", "r1a"), status: 200,
				want: []string{`"notes":"经理备注"`, `"region":"华东"`, `"employees":5000`}, not: []string{"lost?"}},
		})
	})
}

func TestConcurrentPatchesKeepBothOrConflict(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		first := f.do(send("PATCH", v1+"/opportunities/{opp}", "r1a", `{"version":1,"amount":1500000}`))
		second := f.do(send("PATCH", v1+"/opportunities/{opp}", "m1", `{"version":1,"our_win":"成为标杆客户"}`))
		if first.Code != 200 || second.Code != 409 {
			t.Fatalf("two patches on version 1: %d then %d, want 200 then 409; %s", first.Code, second.Code, second.Body)
		}
		conflict := decode[struct {
			Current struct {
				Version int64
				Amount  int64
			}
		}](t, second)
		if conflict.Current.Version != 2 || conflict.Current.Amount != 1500000 {
			t.Fatalf("conflict's current = %+v, want version 2 with the first change", conflict.Current)
		}
		retry := f.do(send("PATCH", v1+"/opportunities/{opp}", "m1", `{"version":2,"our_win":"成为标杆客户"}`))
		if retry.Code != 200 {
			t.Fatalf("retry on the current version: %d %s", retry.Code, retry.Body)
		}
		got := decode[struct {
			Opportunity struct {
				Amount int64
				OurWin string `json:"our_win"`
			}
		}](t, f.do(get(v1+"/opportunities/{opp}", "r1a"))).Opportunity
		if got.Amount != 1500000 || got.OurWin != "成为标杆客户" {
			t.Fatalf("after retry: %+v, want both changes", got)
		}
	})
}

func TestTrashAndRestore(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		run(t, f, []scenario{
			{name: "delete without a version is 422", req: send("DELETE", v1+"/contacts/{tech}", "r1a", ""), status: 422, want: []string{`"version"`}},
			{name: "delete with a bad version is 400", req: send("DELETE", v1+"/contacts/{tech}?version=x", "r1a", ""), status: 400},
			{name: "delete with a stale version is 409", req: send("DELETE", v1+"/contacts/{tech}?version=7", "r1a", ""), status: 409, want: []string{`"current"`, "Li Wei"}},
			{name: "another team cannot delete it", req: send("DELETE", v1+"/contacts/{tech}?version=1", "r2a", ""), status: 404},
			{name: "delete moves it to the trash", req: send("DELETE", v1+"/contacts/{tech}?version=1", "r1a", ""), status: 204},
			{name: "a record in the trash is not found", req: get(v1+"/contacts/{tech}", "r1a"), status: 404},
			{name: "the live list lacks it", req: get(v1+"/contacts?account_id={acct}", "r1a"), status: 200, not: []string{"Li Wei"}},
			{name: "the trash lists it", req: get(v1+"/contacts?deleted=true", "r1a"), status: 200, want: []string{"Li Wei"}, not: []string{"张总"}},
			{name: "another team's trash does not", req: get(v1+"/contacts?deleted=true", "r2a"), status: 200, not: []string{"Li Wei"}},
			{name: "another team cannot restore it", req: send("POST", v1+"/contacts/{tech}/restore", "r2a", ""), status: 404},
			{name: "restore brings it back", req: send("POST", v1+"/contacts/{tech}/restore", "r1a", ""), status: 200, want: []string{"Li Wei", `"version":3`}},
			{name: "restoring a live record is 404", req: send("POST", v1+"/contacts/{tech}/restore", "r1a", ""), status: 404},
			{name: "delete accepts If-Match", req: request{method: "DELETE", path: v1 + "/accounts/{acctB}", as: "r1a", header: map[string]string{"If-Match": `"1"`}}, status: 204},
			{name: "an account in the trash is not found", req: get(v1+"/accounts/{acctB}", "r1a"), status: 404},
			{name: "the owner restores the account", req: send("POST", v1+"/accounts/{acctB}/restore", "r1a", ""), status: 200, want: []string{"华夏物流"}},
		})
	})
}

func TestListPaginationAndFilters(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		for _, name := range []string{"甲", "乙", "丙", "丁"} {
			if w := f.do(send("POST", v1+"/contacts", "r1a", `{"account_id":{acct},"name":"`+name+`"}`)); w.Code != 201 {
				t.Fatalf("create contact: %d %s", w.Code, w.Body)
			}
		}
		// acct now holds 7 contacts: walk them two by two.
		var seen []string
		path := v1 + "/contacts?account_id={acct}&limit=2"
		for pages := 0; path != ""; pages++ {
			if pages > 10 {
				t.Fatal("pagination does not end")
			}
			w := f.do(get(path, "r1a"))
			if w.Code != 200 {
				t.Fatalf("page %d: %d %s", pages, w.Code, w.Body)
			}
			p := decode[struct {
				Items []struct{ Name string }
				Next  string
			}](t, w)
			for _, it := range p.Items {
				seen = append(seen, it.Name)
			}
			link := w.Header().Get("Link")
			if p.Next == "" {
				if link != "" {
					t.Fatalf("the last page has a Link: %s", link)
				}
				break
			}
			if !strings.Contains(link, "after="+p.Next) || !strings.HasSuffix(link, `; rel="next"`) {
				t.Fatalf("Link %q does not point after %s", link, p.Next)
			}
			if len(p.Items) != 2 {
				t.Fatalf("a middle page holds %d items", len(p.Items))
			}
			path = strings.TrimSuffix(strings.TrimPrefix(strings.Split(link, ";")[0], "<"), ">")
		}
		if len(seen) != 7 || seen[6] != "丁" {
			t.Fatalf("pages gave %v, want 7 contacts ending with 丁", seen)
		}
		run(t, f, []scenario{
			{name: "account_id filters contacts", req: get(v1+"/contacts?account_id={acct2}", "admin"), status: 200, want: []string{"Other Person"}, not: []string{"张总"}},
			{name: "level filters opportunities", req: get(v1+"/opportunities?level=in", "r1a"), status: 200, want: []string{"CRM 二期"}},
			{name: "another level excludes them", req: get(v1+"/opportunities?level=best_few", "r1a"), status: 200, want: []string{`"items":[]`}},
			{name: "an unknown level is 400", req: get(v1+"/opportunities?level=hot", "r1a"), status: 400, want: []string{`"field":"level"`}},
			{name: "owner_id filters", req: get(v1+"/accounts?owner_id={r2a}", "admin"), status: 200, want: []string{"Northwind"}, not: []string{"华夏"}},
			{name: "opportunity_id filters buyers", req: get(v1+"/buying_influences?opportunity_id={opp}", "r1a"), status: 200, want: []string{`"contact_id":{coach}`, `"contact_id":{econ}`}},
			{name: "contact_id filters buyers", req: get(v1+"/buying_influences?contact_id={econ}", "r1a"), status: 200, want: []string{`"contact_id":{econ}`}, not: []string{`"contact_id":{coach}`}},
			{name: "contact_id finds interactions with feedback from the contact", req: get(v1+"/interactions?contact_id={coach}", "r1a"), status: 200, want: []string{"了解项目立项时间"}},
			{name: "updated_since after every change is empty", req: get(v1+"/accounts?updated_since=2030-01-01T00:00:00Z", "r1a"), status: 200, want: []string{`"items":[]`}},
			{name: "updated_since before them lists them", req: get(v1+"/accounts?updated_since=2026-01-01T00:00:00Z", "r1a"), status: 200, want: []string{"华夏重工集团"}},
			{name: "a bad updated_since is 400", req: get(v1+"/accounts?updated_since=yesterday", "r1a"), status: 400, want: []string{`"field":"updated_since"`}},
			{name: "a filter that does not apply is 400", req: get(v1+"/teams?account_id=1", "r1a"), status: 400, want: []string{`"field":"account_id"`}},
			{name: "a bad limit is 400", req: get(v1+"/accounts?limit=-1", "r1a"), status: 400},
			{name: "a limit over 500 is 400", req: get(v1+"/accounts?limit=501", "r1a"), status: 400},
			{name: "q finds a Chinese substring", req: get(v1+"/opportunities?q=战略营", "r1a"), status: 200, want: []string{"大客户战略营销系统"}},
			{name: "q is scoped", req: get(v1+"/opportunities?q=战略营", "r2a"), status: 200, want: []string{`"items":[]`}},
			{name: "q on contacts matches titles", req: get(v1+"/contacts?q=执行官", "r1a"), status: 200, want: []string{"张总"}, not: []string{"王主任"}},
		})
	})
}

func TestSearchSharesRatingsAudit(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		run(t, f, []scenario{
			{name: "search finds a Chinese substring", req: get(v1+"/search?q=战略营", "r1a"), status: 200,
				want: []string{"大客户战略营销系统", `"kind":"opportunity"`, `"id":{opp}`}},
			{name: "search is scoped", req: get(v1+"/search?q=战略营", "r2a"), status: 200, want: []string{`"items":[]`}},
			{name: "search needs q", req: get(v1+"/search", "r1a"), status: 400, want: []string{`"field":"q"`}},

			{name: "the owner lists shares", req: get(v1+"/accounts/{acct}/shares", "r1a"), status: 200, want: []string{`"items":[]`}},
			{name: "a rep of the team cannot share another's account", req: send("PUT", v1+"/accounts/{acct}/shares/{team2}", "r1b", `{"access":"read"}`), status: 404},
			{name: "a bad access is 422", req: send("PUT", v1+"/accounts/{acct}/shares/{team2}", "r1a", `{"access":"all"}`), status: 422, want: []string{`"access"`}},
			{name: "a missing team is 422", req: send("PUT", v1+"/accounts/{acct}/shares/987654", "r1a", `{"access":"read"}`), status: 422, want: []string{`"team_id"`}},
			{name: "the owner shares read-only with team 2", req: send("PUT", v1+"/accounts/{acct}/shares/{team2}", "r1a", `{"access":"read"}`), status: 200,
				want: []string{`"team_id":{team2}`, `"access":"read"`}},
			{name: "team 2 now sees the account", req: get(v1+"/accounts/{acct}", "r2a"), status: 200, want: []string{"华夏重工集团"}},
			{name: "and its opportunity", req: get(v1+"/opportunities/{opp}", "r2b"), status: 200},
			{name: "but may not change it", req: send("PATCH", v1+"/accounts/{acct}", "r2a", `{"version":1,"notes":"x"}`), status: 403,
				want: []string{`"code":"forbidden"`, "read-only"}},
			{name: "nor share it onwards", req: send("PUT", v1+"/accounts/{acct}/shares/{team3}", "r2a", `{"access":"write"}`), status: 403},
			{name: "the share is listed", req: get(v1+"/accounts/{acct}/shares", "m1"), status: 200, want: []string{`"team_id":{team2}`}},
			{name: "the owner stops sharing", req: send("DELETE", v1+"/accounts/{acct}/shares/{team2}", "r1a", ""), status: 204},
			{name: "team 2 no longer sees it", req: get(v1+"/accounts/{acct}", "r2a"), status: 404},

			{name: "a rating out of range is 422", req: send("PUT", v1+"/accounts/{acct}/ratings", "r1a", `{"criterion_id":{crit},"rating":9}`), status: 422, want: []string{`"rating"`}},
			{name: "a missing criterion is 422", req: send("PUT", v1+"/accounts/{acct}/ratings", "r1a", `{"criterion_id":987654,"rating":1}`), status: 422, want: []string{`"criterion_id"`}},
			{name: "the owner rates the account", req: send("PUT", v1+"/accounts/{acct}/ratings", "r1a", `{"criterion_id":{crit},"rating":4}`), status: 200,
				want: []string{`"criterion_id":{crit}`, `"rating":4`}},
			{name: "a rating can change", req: send("PUT", v1+"/accounts/{acct}/ratings", "r1a", `{"criterion_id":{crit},"rating":-2}`), status: 200,
				want: []string{`"rating":-2`}, not: []string{`"rating":4`}},
			{name: "ratings are listed", req: get(v1+"/accounts/{acct}/ratings", "m1"), status: 200, want: []string{`"rating":-2`}},
			{name: "another team cannot read them", req: get(v1+"/accounts/{acct}/ratings", "r2a"), status: 404},

			{name: "the admin reads the audit", req: get(v1+"/audit?limit=2", "admin"), status: 200, want: []string{`"action":"rate"`},
				header: map[string]string{"Link": "before="}},
			{name: "a rep may not read the whole audit", req: get(v1+"/audit", "r1a"), status: 403, want: []string{"仅管理员"}},
			{name: "a rep reads the history of their account", req: get(v1+"/audit?entity=account&entity_id={acct}", "r1a"), status: 200,
				want: []string{`"action":"create"`, `"entity_id":{acct}`}},
			{name: "another team cannot", req: get(v1+"/audit?entity=account&entity_id={acct}", "r2a"), status: 404},
		})
	})
}

func TestUsersPasswordsTokens(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		run(t, f, []scenario{
			{name: "a rep may not create users", req: send("POST", v1+"/users", "r1a", `{"email":"n@example.com","name":"N","password":"long enough pw"}`), status: 403},
			{name: "a short password is 422", req: send("POST", v1+"/users", "admin", `{"email":"n@example.com","name":"N","password":"short"}`), status: 422, want: []string{`"password"`}},
			{name: "the admin creates a user who must change the password", req: send("POST", v1+"/users", "admin", `{"email":"N@Example.com","name":"New Rep","team_id":{team1},"password":"long enough pw"}`), status: 201,
				want: []string{`"email":"n@example.com"`, `"must_change_password":true`}, not: []string{"long enough pw", "argon"}},
			{name: "a taken email is 422", req: send("POST", v1+"/users", "admin", `{"email":"n@example.com","name":"Again","password":"long enough pw"}`), status: 422, want: []string{`"email"`}},
			{name: "a user cannot patch users", req: send("PATCH", v1+"/users/{r1b}", "r1a", `{"version":1,"name":"x"}`), status: 403},
			{name: "the admin patches a user", req: send("PATCH", v1+"/users/{r1b}", "admin", `{"version":1,"name":"Renamed"}`), status: 200, want: []string{`"name":"Renamed"`}},
			{name: "a rep may not set passwords", req: send("POST", v1+"/users/{r1b}/password", "r1a", `{"password":"temporary pw 1"}`), status: 403},
			{name: "the admin sets a temporary password", req: send("POST", v1+"/users/{r1b}/password", "admin", `{"password":"temporary pw 1"}`), status: 204},
			{name: "the user must now change it", req: get(v1+"/users/{r1b}", "admin"), status: 200, want: []string{`"must_change_password":true`}},
			{name: "and the user's tokens are revoked", req: get(v1+"/me", "r1b"), status: 401},
			{name: "a wrong current password is 422", req: send("POST", v1+"/me/password", "r1a", `{"current_password":"wrong wrong","password":"a new password"}`), status: 422,
				want: []string{`"current_password"`}},
			{name: "an unknown field in the body is 422", req: send("POST", v1+"/me/password", "r1a", `{"old":"x"}`), status: 422, want: []string{`"old"`}},
			{name: "users change their own password", req: send("POST", v1+"/me/password", "r1a", `{"current_password":"`+testPassword+`","password":"a new password"}`), status: 204},
			{name: "users list their tokens without secrets", req: get(v1+"/tokens", "r1a"), status: 200, want: []string{`"name":"spare"`, `"prefix"`}, not: []string{`"hash"`, `"secret"`}},
			{name: "a rep cannot list another's tokens", req: get(v1+"/tokens?user_id={r1b}", "r1a"), status: 404},
			{name: "the admin lists everyone's", req: get(v1+"/tokens?user_id=-1", "admin"), status: 200, want: []string{`"user_id":{r1b}`, `"name":"spare"`}},
			{name: "a rep cannot revoke another's token", req: send("DELETE", v1+"/tokens/{adminToken}", "r1a", ""), status: 404},
		})

		// A token's secret is shown once, works, and stops working when revoked.
		w := f.do(send("POST", v1+"/tokens", "r1a", `{"name":"script"}`))
		if w.Code != 201 {
			t.Fatalf("create token: %d %s", w.Code, w.Body)
		}
		created := decode[struct {
			Token  struct{ ID int64 }
			Secret string
		}](t, w)
		if created.Secret == "" || created.Token.ID == 0 {
			t.Fatalf("created token %s lacks the secret or id", w.Body)
		}
		if strings.Contains(f.do(get(v1+"/tokens", "r1a")).Body.String(), created.Secret) {
			t.Fatal("the token list shows the secret")
		}
		if w := f.do(get(v1+"/me", "token:"+created.Secret)); w.Code != 200 || !strings.Contains(w.Body.String(), "r1a@example.com") {
			t.Fatalf("the new token: %d %s", w.Code, w.Body)
		}
		if w := f.do(send("DELETE", v1+"/tokens/"+itoa(created.Token.ID), "r1a", "")); w.Code != 204 {
			t.Fatalf("revoke: %d %s", w.Code, w.Body)
		}
		if w := f.do(get(v1+"/me", "token:"+created.Secret)); w.Code != 401 {
			t.Fatalf("a revoked token: %d, want 401", w.Code)
		}
		if strings.Contains(f.log.String(), created.Secret) || strings.Contains(f.log.String(), testPassword) {
			t.Fatal("a secret reached the log")
		}
	})
}

func TestNestedTypeErrorNamesThePath(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		run(t, f, []scenario{
			{name: "a nested wrong type names the nested field", req: send("POST", v1+"/interactions", "r1a",
				`{"opportunity_id":{opp},"kind":"call","at":"2026-03-01T10:00:00Z","feedback":[{"contact_id":"x","feedback":"positive"}]}`), status: 400,
				want: []string{`"field":"feedback.contact_id"`}},
			{name: "a contact of another account is 422 naming the indexed field", req: send("POST", v1+"/interactions", "r1a",
				`{"opportunity_id":{opp},"kind":"call","at":"2026-03-01T10:00:00Z","feedback":[{"contact_id":{contactOther},"feedback":"positive"}]}`), status: 422,
				want: []string{`"feedback[0].contact_id"`}},
			{name: "a valid interaction is created", req: send("POST", v1+"/interactions", "r1a",
				`{"opportunity_id":{opp},"kind":"call","at":"2026-03-01T10:00:00Z","user_ids":[{r1a}],"feedback":[{"contact_id":{econ},"feedback":"neutral"}]}`), status: 201,
				want: []string{`"kind":"call"`}},
			{name: "a buyer on another team's opportunity cannot be added", req: send("POST", v1+"/buying_influences", "r2a",
				`{"opportunity_id":{opp},"contact_id":{tech}}`), status: 422, want: []string{`"opportunity_id"`}},
			{name: "a position out of range is 422", req: send("PATCH", v1+"/opportunities/{opp}", "r1a", `{"version":1,"position":5}`), status: 422, want: []string{`"position"`}},
			{name: "null clears a pointer field", req: send("PATCH", v1+"/opportunities/{opp}", "r1a", `{"version":1,"position":null,"close_date":null}`), status: 200,
				want: []string{`"position":null`, `"close_date":null`}},
			{name: "the level a deal reached is the server's", req: send("PATCH", v1+"/opportunities/{opp}", "r1a", `{"version":2,"reached_level":"best_few"}`), status: 200,
				want: []string{`"reached_level":"in"`}},
		})
	})
}

// TestInternalErrorsAreGeneric checks that an unexpected error is a 500 with
// a safe message and a log line.
func TestInternalErrorsAreGeneric(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		w := f.do(get(v1+"/openapi.json", ""))
		if w.Code != 200 {
			t.Fatalf("openapi without a database: %d", w.Code)
		}
		w = f.do(get(v1+"/accounts", "r1a"))
		if w.Code != http.StatusInternalServerError || !strings.Contains(w.Body.String(), `"code":"internal"`) {
			t.Fatalf("closed database: %d %s, want a 500 problem", w.Code, w.Body)
		}
		if strings.Contains(w.Body.String(), "sql") {
			t.Fatalf("the 500 leaks details: %s", w.Body)
		}
		if !strings.Contains(f.log.String(), "internal error") {
			t.Fatalf("the 500 was not logged: %q", f.log.String())
		}
	})
}
