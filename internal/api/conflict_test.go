package api

import (
	"net/http"
	"strings"
	"testing"

	"kam/internal/store"
)

// unversionedWrites are the PATCH and DELETE routes that take no version, each
// with the reason. Any other PATCH or DELETE route must answer a stale version
// with 409: TestStaleVersionsAre409WithTheCurrentRecord fails for a route that
// is neither versioned nor listed here.
var unversionedWrites = map[string]string{
	// A share is a (account, team) pair with an access level, not a
	// versioned record: PUT sets it, DELETE removes it, both idempotent.
	"DELETE /accounts/{id}/shares/{team_id}": "a share is not a versioned record",
	// Revoking a token only ever moves it one way; there is no edit to lose.
	"DELETE /tokens/{id}": "revoking is one-way and idempotent",
	// Withdrawing an acceptance removes it; acceptances are never edited.
	"DELETE /opportunities/{id}/findings/accepted/{accepted_id}": "acceptances are never edited, only withdrawn",
}

// writerOf is who may change the fixture's record of entity.
func writerOf(entity string) string {
	if global[entity] {
		return "admin"
	}
	return ownerOf(entity)
}

// TestStaleVersionsAre409WithTheCurrentRecord walks the route table: every
// PATCH and DELETE route that takes a version, sent the version a client saw
// before someone else's change (in the body or query, and in If-Match),
// answers 409 problem+json whose "current" is the record as it is now, and
// writes nothing.
func TestStaleVersionsAre409WithTheCurrentRecord(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		walked := map[string]bool{}
		for _, rt := range f.srv.routes {
			if rt.Method != "PATCH" && rt.Method != "DELETE" {
				continue
			}
			key := rt.Method + " " + rt.Path
			if !versioned(rt) {
				if _, ok := unversionedWrites[key]; !ok {
					t.Errorf("%s takes no version and is not listed in unversionedWrites", key)
				}
				continue
			}
			if _, ok := unversionedWrites[key]; ok {
				t.Errorf("%s takes a version but is listed in unversionedWrites", key)
			}
			if rt.Entity == "" || f.ids[rt.Entity] == 0 {
				t.Errorf("%s: the fixture has no record of %q to walk", key, rt.Entity)
				continue
			}
			walked[rt.Entity+" "+rt.Method] = true
			id := f.ids[rt.Entity]
			as := writerOf(rt.Entity)
			path := Prefix + "/" + rt.Entity + "/" + itoa(id)
			seen := f.versionOf(rt.Entity, id)
			// Someone else changes the record: an empty patch still
			// counts as a change and moves the version on.
			if w := f.do(send("PATCH", path, as, `{"version":`+itoa(seen)+`}`)); w.Code != http.StatusOK {
				t.Errorf("%s: the intervening change: %d %s", key, w.Code, w.Body)
				continue
			}
			now := f.versionOf(rt.Entity, id)
			if now <= seen {
				t.Fatalf("%s: the version stayed at %d after a change", key, now)
			}
			stale := []request{
				{method: rt.Method, path: path, as: as, header: map[string]string{"If-Match": `"` + itoa(seen) + `"`}},
			}
			if rt.Method == "PATCH" {
				stale = append(stale, send("PATCH", path, as, `{"version":`+itoa(seen)+`}`))
				stale[0].body = `{}`
			} else {
				stale = append(stale, send("DELETE", path+"?version="+itoa(seen), as, ""))
			}
			for _, rq := range stale {
				w := f.do(rq)
				how := rq.path
				if rq.header != nil {
					how += " If-Match"
				}
				if w.Code != http.StatusConflict {
					t.Errorf("%s (%s) stale: %d, want 409: %s", key, how, w.Code, w.Body)
					continue
				}
				if ct := w.Header().Get("Content-Type"); ct != "application/problem+json" {
					t.Errorf("%s (%s): Content-Type %q", key, how, ct)
				}
				p := decode[struct {
					Status  int
					Code    string
					Current *struct {
						ID      int64
						Version int64
					}
				}](t, w)
				if p.Status != 409 || p.Code != "conflict" || p.Current == nil || p.Current.ID != id || p.Current.Version != now {
					t.Errorf("%s (%s): problem status %d code %q current %+v, want 409 conflict with %s %d at version %d: %s",
						key, how, p.Status, p.Code, p.Current, rt.Entity, id, now, w.Body)
				}
				if !strings.Contains(w.Body.String(), `"created_at"`) {
					t.Errorf("%s (%s): current is not the whole record: %s", key, how, w.Body)
				}
			}
			// Nothing was written: the record is live at the same version.
			if got := f.versionOf(rt.Entity, id); got != now {
				t.Errorf("%s: a refused write moved the version from %d to %d", key, now, got)
			}
		}
		// Every resource was walked on both methods.
		for _, entity := range []string{"users", "teams", "accounts", "account_relations", "org_units", "contacts", "contact_links",
			"opportunities", "buying_influences", "swot_items", "actions", "interactions", "criteria", "quotas", "exchange_rates"} {
			for _, m := range []string{"PATCH", "DELETE"} {
				if !walked[entity+" "+m] {
					t.Errorf("the walk missed %s %s", m, entity)
				}
			}
		}
	})
}
