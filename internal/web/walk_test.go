package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"kam/internal/kam"
	"kam/internal/service"
)

// walkFixtures make, for each kind of record a route's {id} can name, one
// record owned by owner (a rep of team A). Pages that add routes with a new
// Entity add its fixture here.
var walkFixtures = map[string]func(e *env, owner kam.User) int64{
	"user": func(_ *env, owner kam.User) int64 { return owner.ID },
	"team": func(_ *env, owner kam.User) int64 { return owner.TeamID },
	"api_token": func(e *env, owner kam.User) int64 {
		_, tok, err := e.svc.CreateToken(e.ctx, service.ActorOf(owner), owner.ID, "walk")
		if err != nil {
			e.t.Fatal(err)
		}
		return tok.ID
	},
	"account": func(e *env, owner kam.User) int64 {
		acct, err := e.svc.Accounts.Create(e.ctx, service.ActorOf(owner), kam.Account{Name: "Walk account", OwnerID: owner.ID})
		if err != nil {
			e.t.Fatal(err)
		}
		return acct.ID
	},
}

// fillPath replaces the {name} wildcards of a route path.
func fillPath(p string, values map[string]string) string {
	for k, v := range values {
		p = strings.ReplaceAll(p, "{"+k+"}", v)
	}
	return strings.ReplaceAll(p, "{$}", "")
}

func service_actor(u kam.User) kam.Actor { return service.ActorOf(u) }

// TestOtherTeamWalk visits every route that names a record, and every admin
// route, as a rep of another team: each must answer 404, as if the record
// did not exist. The record's owner (an admin for admin pages) gets 200 on
// the GET routes, so the 404s are not an accident of a broken page.
func TestOtherTeamWalk(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	teamA, teamB := e.team("Team A"), e.team("Team B")
	owner := e.user("owner@example.com", "Owner A", kam.RoleRep, teamA.ID, false)
	outsider := e.user("outsider@example.com", "Outsider B", kam.RoleRep, teamB.ID, false)
	outsiderMgr := e.user("mgr-b@example.com", "Manager B", kam.RoleManager, teamB.ID, false)

	ids := map[string]string{}
	for _, rt := range e.app.routes {
		if rt.Entity == "" || ids[rt.Entity] != "" {
			continue
		}
		mk, ok := walkFixtures[rt.Entity]
		if !ok {
			t.Errorf("route %s %s names entity %q, which has no walk fixture", rt.Method, rt.Path, rt.Entity)
			continue
		}
		ids[rt.Entity] = strconv.FormatInt(mk(e, owner), 10)
	}
	ownerC, adminC := e.signedIn(owner), e.signedIn(e.admin)
	others := map[string]*client{"rep of team B": e.signedIn(outsider), "manager of team B": e.signedIn(outsiderMgr)}

	n := 0
	for _, rt := range e.app.routes {
		if rt.Access == Public || rt.Access == SignedIn && rt.Entity == "" {
			continue
		}
		n++
		path := fillPath(rt.Path, map[string]string{"id": ids[rt.Entity], "entity": rt.Entity})
		for who, c := range others {
			var r *response
			if rt.Method == http.MethodGet {
				r = c.get(path)
			} else {
				r = c.post(path, url.Values{"name": {"walk"}, "version": {"1"}})
			}
			if r.Code != http.StatusNotFound {
				t.Errorf("%s %s as %s: %d, want 404", rt.Method, path, who, r.Code)
			}
		}
		if rt.Method != http.MethodGet {
			continue
		}
		own := ownerC
		if rt.Access == AdminOnly {
			own = adminC
		}
		if r := own.get(path); r.Code != http.StatusOK {
			t.Errorf("GET %s as the owner: %d, want 200\n%.1000s", path, r.Code, r.Body)
		}
	}
	if n == 0 {
		t.Fatal("the walk visited no route")
	}
}
