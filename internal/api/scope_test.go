package api

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"kam/internal/service"
	"kam/internal/store"
)

// global are the resources outside any account: every signed-in user may
// read them, and only administrators write them (users, teams, criteria).
// Everything else is private to whoever the account, or the quota, belongs to.
var global = map[string]bool{"users": true, "teams": true, "criteria": true, "exchange_rates": true}

// ownerOf is who may write the fixture's record of each private resource:
// rep r1a, except the quota, which r1a's manager sets.
func ownerOf(entity string) string {
	if entity == "quotas" {
		return "m1"
	}
	return "r1a"
}

// walkRequest builds the request of route rt on the fixture's record of its
// entity, with a body and version the owner's call succeeds with.
func (f *fixture) walkRequest(rt route, as string) request {
	f.t.Helper()
	id := f.ids[rt.Entity]
	if id == 0 {
		f.t.Fatalf("the fixture has no record for %s", rt.Entity)
	}
	path := strings.NewReplacer("{id}", itoa(id), "{team_id}", itoa(f.team3.ID)).Replace(Prefix + rt.Path)
	rq := request{method: rt.Method, path: path, as: as}
	switch {
	case rt.Method == "PATCH":
		rq.body = `{"version":` + itoa(f.versionOf(rt.Entity, id)) + `}`
	case rt.Method == "DELETE" && versioned(rt):
		rq.path += "?version=" + itoa(f.versionOf(rt.Entity, id))
	case strings.HasSuffix(rt.Path, "/shares/{team_id}") && rt.Method == "PUT":
		rq.body = `{"access":"read"}`
	case strings.HasSuffix(rt.Path, "/ratings") && rt.Method == "PUT":
		rq.body = `{"criterion_id":` + itoa(f.crit.ID) + `,"rating":3}`
	case strings.HasSuffix(rt.Path, "/password"):
		rq.body = `{"password":"a temporary password"}`
	case strings.HasSuffix(rt.Path, "/findings/accept"):
		// The fixture's deal has no User buyer.
		rq.body = `{"rule":"no-user","subject":"opportunity","note":"用户部门尚未立项"}`
	case strings.HasSuffix(rt.Path, "/debrief"):
		rq.body = `{"version":` + itoa(f.versionOf(rt.Entity, id)) + `,"outcome":"advance","feedback":[{"contact_id":` + itoa(f.econ.ID) + `,"feedback":"negative","said":"价格太高"}]}`
	case strings.HasSuffix(rt.Path, "/proposals/decide"):
		// The walk debriefs the plan first (the route comes earlier).
		key := "none"
		if ps, err := f.svc.Proposals(context.Background(), service.ActorOf(f.r1a.User), id); err == nil && len(ps) > 0 {
			key = ps[0].Key
		}
		rq.body = `{"key":"` + key + `","accept":true}`
	case strings.HasSuffix(rt.Path, "/questions"):
		rq.path += "?contact_id=" + itoa(f.econ.ID)
	case strings.HasSuffix(rt.Path, "/findings/accepted/{accepted_id}"):
		acc, err := f.svc.AcceptFinding(context.Background(), service.ActorOf(f.r1a.User), f.opp.ID, "no-user", "opportunity", "walk")
		if err != nil {
			f.t.Fatalf("accept a finding for the walk: %v", err)
		}
		rq.path = strings.Replace(rq.path, "{accepted_id}", itoa(acc.ID), 1)
	}
	return rq
}

// TestOutsidersGet404OnEveryRouteWithAnID walks the route table: on every
// route that takes the id of a private record, a rep and a manager of
// another team get 404 (exactly as if the record did not exist), while the
// owner succeeds. Deletes go last, each followed by its restore.
func TestOutsidersGet404OnEveryRouteWithAnID(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		outsiders := []string{"r2a", "m2"}
		var private, deletes []route
		restoreOf := map[string]route{}
		for _, rt := range f.srv.routes {
			switch {
			case rt.Entity == "" || global[rt.Entity]:
			case strings.HasSuffix(rt.Path, "/restore"):
				restoreOf[rt.Entity] = rt
			case rt.Method == "DELETE" && versioned(rt), rt.Entity == "tokens":
				deletes = append(deletes, rt)
			default:
				private = append(private, rt)
			}
		}
		if len(private) < 27 || len(deletes) < 12 || len(restoreOf) < 11 {
			t.Fatalf("the walk found %d routes, %d deletes, %d restores: the table lost routes", len(private), len(deletes), len(restoreOf))
		}
		expect := func(rq request, status int, what string) {
			t.Helper()
			if w := f.do(rq); w.Code != status {
				t.Errorf("%s: %s %s as %s → %d, want %d: %s", what, rq.method, rq.path, rq.as, w.Code, status, w.Body)
			}
		}
		for _, rt := range append(private, deletes...) {
			for _, who := range outsiders {
				expect(f.walkRequest(rt, who), http.StatusNotFound, "outsider")
			}
		}
		for _, rt := range private {
			expect(f.walkRequest(rt, ownerOf(rt.Entity)), rt.Status, "owner")
		}
		for _, rt := range deletes {
			expect(f.walkRequest(rt, ownerOf(rt.Entity)), http.StatusNoContent, "owner deletes")
			restore, ok := restoreOf[rt.Entity]
			if !ok || !versioned(rt) {
				continue
			}
			for _, who := range outsiders {
				expect(f.walkRequest(restore, who), http.StatusNotFound, "outsider restores")
			}
			expect(f.walkRequest(restore, ownerOf(rt.Entity)), http.StatusOK, "owner restores")
		}
	})
}

// TestGlobalRecordsAreReadableButAdminWritten covers the resources outside any
// account: a rep of another team reads them, cannot change them (403), and the
// admin can.
func TestGlobalRecordsAreReadableButAdminWritten(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		for _, rt := range f.srv.routes {
			if !global[rt.Entity] {
				continue
			}
			switch {
			case rt.Method == "GET":
				if w := f.do(f.walkRequest(rt, "r2a")); w.Code != http.StatusOK {
					t.Errorf("%s %s as r2a: %d, want 200", rt.Method, rt.Path, w.Code)
				}
			case rt.Method == "PATCH", rt.Method == "DELETE", strings.HasSuffix(rt.Path, "/password"):
				if w := f.do(f.walkRequest(rt, "r2a")); w.Code != http.StatusForbidden {
					t.Errorf("%s %s as r2a: %d, want 403: %s", rt.Method, rt.Path, w.Code, w.Body)
				}
			}
		}
		run(t, f, []scenario{
			{name: "the admin renames a team", req: send("PATCH", v1+"/teams/{team1}", "admin", `{"version":2,"name":"华东一部"}`), status: 200, want: []string{"华东一部"}},
			{name: "the admin adds a criterion", req: send("POST", v1+"/criteria", "admin", `{"name":"预算充足","kind":"demographic","weight":3}`), status: 201},
			{name: "a rep may not", req: send("POST", v1+"/criteria", "r1a", `{"name":"预算充足","kind":"demographic","weight":3}`), status: 403},
			{name: "a rep does not see another rep's quota", req: get(v1+"/quotas/{quota}", "r1b"), status: 404},
			{name: "nor list it", req: get(v1+"/quotas", "r2a"), status: 200, not: []string{`"id":{quota}`}},
			{name: "the rep sees their own", req: get(v1+"/quotas/{quota}", "r1a"), status: 200},
			{name: "but may not change it", req: send("PATCH", v1+"/quotas/{quota}", "r1a", `{"version":1,"amount":1}`), status: 403},
		})
	})
}
