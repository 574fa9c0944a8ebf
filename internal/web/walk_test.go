package web

import (
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
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

// walkForm is what the other-team walk posts; walkMalformedForm adds a
// value no typed field accepts.
var (
	walkForm          = url.Values{"name": {"walk"}, "version": {"1"}}
	walkMalformedForm = url.Values{"name": {"walk"}, "version": {"1"}, "amount": {"many"}, "employees": {"many"},
		"annual_revenue": {"many"}, "rating": {"many"}, "close_date": {"soon"}, "due": {"soon"}, "at": {"soon"},
		"parent_id": {"x"}, "owner_id": {"x"}, "team_id": {"x"}, "accepted_id": {"x"}}
)

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
func TestOtherTeamWalk(t *testing.T) { eachDB(t, testOtherTeamWalk) }

func testOtherTeamWalk(t *testing.T, o envOptions) {
	e := newEnv(t, o)
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
			if rt.Method == http.MethodGet {
				if r := c.get(path); r.Code != http.StatusNotFound {
					t.Errorf("%s %s as %s: %d, want 404", rt.Method, path, who, r.Code)
				}
				continue
			}
			// A form the handler would refuse field by field is not
			// found either: the record's scope is checked before its
			// fields.
			for _, form := range []url.Values{walkForm, walkMalformedForm} {
				if r := c.post(path, maps.Clone(form)); r.Code != http.StatusNotFound {
					t.Errorf("%s %s as %s with %v: %d, want 404", rt.Method, path, who, form, r.Code)
				}
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

// TestOtherTeamIDsInQueryAndBody covers what TestOtherTeamWalk cannot: ids of
// another team's records in the query string (a new contact on their
// account, the funnel of their seller) and in a form body (a new contact,
// deal, sub-account, link, relation, buyer or department pointing at their
// records). The query pages answer 404; the forms refuse the field as if the
// record did not exist, create nothing, and never show the record's name.
func TestOtherTeamIDsInQueryAndBody(t *testing.T) { eachDB(t, testOtherTeamIDsInQueryAndBody) }

func testOtherTeamIDsInQueryAndBody(t *testing.T, o envOptions) {
	e := newEnv(t, o)
	teamA, teamB := e.team("Team A"), e.team("Team B")
	owner := e.user("owner@example.com", "Owner A", kam.RoleRep, teamA.ID, false)
	outsider := e.user("outsider@example.com", "Outsider B", kam.RoleRep, teamB.ID, false)
	outsiderMgr := e.user("mgr-b@example.com", "Manager B", kam.RoleManager, teamB.ID, false)
	// Team A's manager sees the owner's records and the team's funnel.
	managerA := e.user("mgr-a@example.com", "Manager A", kam.RoleManager, teamA.ID, false)

	a := service.ActorOf(owner)
	theirs, err := e.svc.Accounts.Create(e.ctx, a, kam.Account{Name: "Secret account A", OwnerID: owner.ID})
	must(e, err)
	theirContact, err := e.svc.Contacts.Create(e.ctx, a, kam.Contact{AccountID: theirs.ID, Name: "Secret contact A"})
	must(e, err)
	theirUnit, err := e.svc.OrgUnits.Create(e.ctx, a, kam.OrgUnit{AccountID: theirs.ID, Name: "Secret unit A"})
	must(e, err)
	_, err = e.svc.Opportunities.Create(e.ctx, a, kam.Opportunity{AccountID: theirs.ID, Name: "Secret deal A", Amount: 7654321, OwnerID: owner.ID})
	must(e, err)
	secrets := []string{"Secret account A", "Secret contact A", "Secret unit A", "Secret deal A", "7654321", "7,654,321"}

	// The outsider's own records, for the forms that add to one of them.
	b := service.ActorOf(outsider)
	mine, err := e.svc.Accounts.Create(e.ctx, b, kam.Account{Name: "Own account B", OwnerID: outsider.ID})
	must(e, err)
	myContact, err := e.svc.Contacts.Create(e.ctx, b, kam.Contact{AccountID: mine.ID, Name: "Own contact B"})
	must(e, err)
	myOpp, err := e.svc.Opportunities.Create(e.ctx, b, kam.Opportunity{AccountID: mine.ID, Name: "Own deal B", OwnerID: outsider.ID})
	must(e, err)

	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	noSecrets := func(t *testing.T, what string, r *response) {
		t.Helper()
		for _, s := range secrets {
			if strings.Contains(r.Body, s) {
				t.Errorf("%s shows %q of another team", what, s)
			}
		}
	}
	ownerC := e.signedIn(managerA)
	for who, u := range map[string]kam.User{"rep of team B": outsider, "manager of team B": outsiderMgr} {
		c := e.signedIn(u)
		pages := []string{
			"/contacts/new?account=" + id(theirs.ID),
			"/opportunities/new?account=" + id(theirs.ID),
			"/accounts/new?parent=" + id(theirs.ID),
			"/funnel?owner=" + id(owner.ID),
			"/funnel?team=" + id(teamA.ID),
			"/funnel?owner=" + id(owner.ID) + "&team=" + id(teamA.ID),
			// The Excel download of those funnels and of their account.
			"/opportunities.xlsx?owner=" + id(owner.ID),
			"/opportunities.xlsx?team=" + id(teamA.ID),
			"/opportunities.xlsx?account=" + id(theirs.ID),
		}
		for _, p := range pages {
			r := c.get(p)
			if r.Code != http.StatusNotFound {
				t.Errorf("GET %s as %s: %d, want 404", p, who, r.Code)
			}
			noSecrets(t, "GET "+p+" as "+who, r)
			// Team A gets the page, so the 404 is not a broken page.
			if r := ownerC.get(p); r.Code != http.StatusOK {
				t.Errorf("GET %s as team A's manager: %d, want 200", p, r.Code)
			}
		}

		forms := []struct {
			path, field string
			form        url.Values
			created     func() int
		}{
			{"/contacts", "account_id", url.Values{"account_id": {id(theirs.ID)}, "name": {"Planted contact"}},
				func() int { return count(e, e.svc.Contacts, store.ContactFilter{AccountID: theirs.ID}) }},
			{"/opportunities", "account_id", url.Values{"account_id": {id(theirs.ID)}, "name": {"Planted deal"}, "owner_id": {id(u.ID)}},
				func() int { return count(e, e.svc.Opportunities, store.OpportunityFilter{AccountID: theirs.ID}) }},
			{"/accounts", "parent_id", url.Values{"name": {"Planted child"}, "parent_id": {id(theirs.ID)}, "owner_id": {id(outsider.ID)}},
				func() int { return count(e, e.svc.Accounts, store.AccountFilter{Query: "Planted child"}) }},
			{contactURL(myContact.ID) + "/links", "to_contact_id", url.Values{"to_contact_id": {id(theirContact.ID)}, "kind": {string(kam.LinkInfluences)}},
				func() int { return count(e, e.svc.ContactLinks, store.ContactLinkFilter{ContactID: theirContact.ID}) }},
			{acctURL(mine.ID) + "/relations", "to_account_id", url.Values{"to_account_id": {id(theirs.ID)}, "kind": {string(kam.RelationSupplier)}},
				func() int { return count(e, e.svc.AccountRelations, store.AccountRelationFilter{AccountID: theirs.ID}) }},
			{oppURL(myOpp.ID) + "/buyers", "contact_id", url.Values{"contact_id": {id(theirContact.ID)}, "roles": {string(kam.RoleUser)}},
				func() int {
					return count(e, e.svc.BuyingInfluences, store.BuyingInfluenceFilter{ContactID: theirContact.ID})
				}},
			{acctURL(mine.ID) + "/units", "parent_id", url.Values{"name": {"Planted unit"}, "parent_id": {id(theirUnit.ID)}},
				func() int { return count(e, e.svc.OrgUnits, store.OrgUnitFilter{Query: "Planted unit"}) }},
		}
		for _, f := range forms {
			before := f.created()
			r := c.post(f.path, f.form)
			if r.Code != http.StatusUnprocessableEntity {
				t.Errorf("POST %s with %s of team A as %s: %d, want 422", f.path, f.field, who, r.Code)
			}
			noSecrets(t, "POST "+f.path+" as "+who, r)
			if after := f.created(); after != before {
				t.Errorf("POST %s with %s of team A as %s created a record (%d → %d)", f.path, f.field, who, before, after)
			}
		}
	}
}

// count is how many records of ent the system sees through f.
func count[T any](e *env, ent *service.Entity[T], f store.Filter[T]) int {
	e.t.Helper()
	f = store.Page(f, 0, store.MaxLimit)
	items, _, err := ent.List(e.ctx, kam.System, f)
	if err != nil {
		e.t.Fatal(err)
	}
	return len(items)
}
