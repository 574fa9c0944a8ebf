package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/testkit"
)

// hostilePayloads go into every field of every form and API body.
var hostilePayloads = testkit.HostilePayloads

// rawInvalid stands in a marshalled body for a string of raw invalid UTF-8
// bytes, which json.Marshal would otherwise turn into U+FFFD.
const rawInvalid = "\u0001raw-invalid-utf8\u0001"

// coveredElsewhere are the body routes whose hostile input is tested through
// the whole server in internal/web/api_hostile_test.go.
var coveredElsewhere = []string{
	"POST /users", "PATCH /users/{id}", "POST /users/{id}/password",
	"POST /teams", "PATCH /teams/{id}", "POST /tokens",
}

// hostileBody is one request body under attack: each field in turn gets
// each payload, the others keep base's valid values.
type hostileBody struct {
	// as is who sends it (a person of the fixture); token, when set, is the
	// bearer token to use instead, per field.
	as    string
	token func(f *fixture, field string) string
	// base returns the path to send to and a valid body; i differs on
	// every call, for values that must be unique.
	base func(f *fixture, i int) (string, map[string]any)
	// required fields must refuse the empty string, naming the field.
	required []string
	// stored reads back what was kept of field after a 2xx answer resp to
	// a request sent as as, in which the server received want; ok false:
	// nothing to read back.
	stored func(f *fixture, as string, resp map[string]any, field string, want any) (v any, ok bool)
	// undo runs after a 2xx answer, so the next attempt starts afresh.
	undo func(f *fixture, resp map[string]any)
	// onSaved learns from every 2xx answer (a record's new version).
	onSaved func(path string, resp map[string]any)
	// ignored fields are the server's own: a value sent is dropped, so a
	// 2xx keeps a valid value of the field's enum instead of the payload.
	ignored []string
	// blamed lists other fields a refusal of field may name instead.
	blamed map[string][]string
}

// emptyDefaults are what an empty field stands for beyond "" and an enum's
// default.
var emptyDefaults = map[string]any{"currency": "CNY"}

// recordOf reads back a resource record through the API, as admin.
func recordOf(plural string) func(f *fixture, as string, resp map[string]any, field string, want any) (any, bool) {
	return func(f *fixture, _ string, resp map[string]any, field string, _ any) (any, bool) {
		f.t.Helper()
		id, ok := resp["id"].(float64)
		if !ok {
			f.t.Errorf("%s: 2xx answer without an id: %v", plural, resp)
			return nil, false
		}
		w := f.do(request{method: "GET", path: Prefix + "/" + plural + "/" + strconv.FormatInt(int64(id), 10), as: "admin"})
		if w.Code != http.StatusOK {
			f.t.Errorf("read back %s %v: %d %s", plural, id, w.Code, w.Body)
			return nil, false
		}
		m := decode[map[string]any](f.t, w)
		if plural == "opportunities" {
			m, _ = m["opportunity"].(map[string]any)
		}
		v, ok := m[field]
		return v, ok
	}
}

// hostileBodies are the bodies under attack, by route ("METHOD /path").
func hostileBodies() map[string]hostileBody {
	ctx := context.Background()
	rep := func(f *fixture) kam.Actor { return service.ActorOf(f.r1a.User) }
	// versions caches the version of each patched record; checkAnswer's
	// caller keeps it current from 2xx answers, so a refusal costs no read.
	versions := map[string]int64{}
	patch := func(plural string, id func(f *fixture) int64) func(f *fixture, i int) (string, map[string]any) {
		return func(f *fixture, _ int) (string, map[string]any) {
			n := id(f)
			path := Prefix + "/" + plural + "/" + itoa(n)
			if versions[path] == 0 {
				versions[path] = f.versionOf(plural, n)
			}
			return path, map[string]any{"version": versions[path]}
		}
	}
	post := func(plural string, body func(f *fixture, i int) map[string]any) func(f *fixture, i int) (string, map[string]any) {
		return func(f *fixture, i int) (string, map[string]any) { return Prefix + "/" + plural, body(f, i) }
	}
	// A contact not yet used by the route: a contact is a buyer of an
	// opportunity, or linked to another, at most once. A new one is made
	// only after an accepted create (see used).
	fresh := map[string]int64{}
	freshContact := func(f *fixture, route string, i int) int64 {
		if fresh[route] == 0 {
			c, err := f.svc.Contacts.Create(ctx, rep(f), kam.Contact{AccountID: f.acct.ID, Name: fmt.Sprintf("Buyer %d", i)})
			if err != nil {
				f.t.Fatalf("fresh contact: %v", err)
			}
			fresh[route] = c.ID
		}
		return fresh[route]
	}
	used := func(route string) func(*fixture, map[string]any) {
		return func(*fixture, map[string]any) { fresh[route] = 0 }
	}
	// freshUser is a user of its own per field, so that wrong current
	// passwords throttle nobody else's attempts.
	freshUser := func(f *fixture, field string) string {
		u, err := f.svc.CreateUser(ctx, kam.System, kam.User{Email: "pw-" + strings.ReplaceAll(field, "_", "-") + "@example.com",
			Name: "Password " + field, Role: kam.RoleRep, TeamID: f.team1.ID, Locale: kam.LocaleEN}, testPassword, false)
		if err != nil {
			f.t.Fatalf("fresh user: %v", err)
		}
		secret, _, err := f.svc.CreateToken(ctx, kam.System, u.ID, "pw")
		if err != nil {
			f.t.Fatalf("fresh user's token: %v", err)
		}
		return "token:" + secret
	}
	var open map[string]any
	bodies := map[string]hostileBody{
		"POST /accounts": {as: "r1a", required: []string{"name"}, stored: recordOf("accounts"),
			base: post("accounts", func(f *fixture, i int) map[string]any {
				return map[string]any{"name": fmt.Sprintf("客户 %d", i), "industry": "制造", "region": "华东", "owner_id": f.r1a.ID,
					"employees": 100, "annual_revenue": 1000, "reorganising_since": "2026-01-01", "notes": "n"}
			})},
		"PATCH /accounts/{id}": {as: "r1a", required: []string{"name"}, stored: recordOf("accounts"),
			base: patch("accounts", func(f *fixture) int64 { return f.acct.ID })},
		"POST /account_relations": {as: "r1a", required: []string{"kind"}, stored: recordOf("account_relations"),
			base: post("account_relations", func(f *fixture, i int) map[string]any {
				a, err := f.svc.Accounts.Create(ctx, rep(f), kam.Account{Name: fmt.Sprintf("Partner %d", i), OwnerID: f.r1a.ID})
				if err != nil {
					f.t.Fatalf("partner account: %v", err)
				}
				return map[string]any{"from_account_id": f.acct.ID, "to_account_id": a.ID, "kind": "partner"}
			})},
		"PATCH /account_relations/{id}": {as: "r1a", required: []string{"kind"}, stored: recordOf("account_relations"),
			base: patch("account_relations", func(f *fixture) int64 { return f.relation.ID })},
		"POST /org_units": {as: "r1a", required: []string{"name"}, stored: recordOf("org_units"),
			base: post("org_units", func(f *fixture, i int) map[string]any {
				return map[string]any{"account_id": f.acct.ID, "name": fmt.Sprintf("部门 %d", i), "parent_id": f.unit.ID}
			})},
		"PATCH /org_units/{id}": {as: "r1a", required: []string{"name"}, stored: recordOf("org_units"),
			base: patch("org_units", func(f *fixture) int64 { return f.unit.ID })},
		"POST /contacts": {as: "r1a", required: []string{"name"}, stored: recordOf("contacts"),
			base: post("contacts", func(f *fixture, i int) map[string]any {
				return map[string]any{"account_id": f.acct.ID, "name": fmt.Sprintf("联系人 %d", i), "title": "经理", "seniority": "middle",
					"status": "active", "email": "c@example.com", "phone": "+86 21 5555 0000", "personal_notes": "喜欢喝茶",
					"in_post_since": "2025-01-01", "status_date": nil}
			})},
		"PATCH /contacts/{id}": {as: "r1a", required: []string{"name"}, stored: recordOf("contacts"),
			base: patch("contacts", func(f *fixture) int64 { return f.tech.ID })},
		"POST /contact_links": {as: "r1a", required: []string{"kind"}, stored: recordOf("contact_links"),
			base: post("contact_links", func(f *fixture, i int) map[string]any {
				return map[string]any{"from_contact_id": f.econ.ID, "to_contact_id": freshContact(f, "links", i), "kind": "influences"}
			}), undo: used("links")},
		"PATCH /contact_links/{id}": {as: "r1a", required: []string{"kind"}, stored: recordOf("contact_links"),
			base: patch("contact_links", func(f *fixture) int64 { return f.link.ID })},
		"POST /opportunities": {as: "r1a", required: []string{"name"}, stored: recordOf("opportunities"),
			base: post("opportunities", func(f *fixture, i int) map[string]any {
				return map[string]any{"account_id": f.acct.ID, "name": fmt.Sprintf("商机 %d", i), "product": "系统", "amount": 1000,
					"currency": "CNY", "close_date": "2026-09-30", "level": "above", "position": 1, "engaged_on": "2026-01-05",
					"tender_published_on": nil, "competitors": "友商", "owner_id": f.r1a.ID, "our_win": "w"}
			})},
		"PATCH /opportunities/{id}": {as: "r1a", required: []string{"name"}, stored: recordOf("opportunities"),
			base: patch("opportunities", func(f *fixture) int64 { return f.opp.ID })},
		"POST /buying_influences": {as: "r1a", stored: recordOf("buying_influences"), undo: used("buyers"),
			base: post("buying_influences", func(f *fixture, i int) map[string]any {
				return map[string]any{"opportunity_id": f.opp.ID, "contact_id": freshContact(f, "buyers", i), "roles": []string{"user"},
					"influence": "medium", "rating": 1, "contact_level": "rare", "mode": "growth", "personal_win": "p",
					"business_result": "b", "evidence": "e", "vito": false, "counterpart_id": f.r1a.ID, "relationship_level": "vendor"}
			})},
		"PATCH /buying_influences/{id}": {as: "r1a", stored: recordOf("buying_influences"),
			base: patch("buying_influences", func(f *fixture) int64 { return f.buyerCoach.ID })},
		"POST /swot_items": {as: "r1a", required: []string{"kind", "text"}, stored: recordOf("swot_items"),
			base: post("swot_items", func(f *fixture, i int) map[string]any {
				return map[string]any{"opportunity_id": f.opp.ID, "kind": "threat", "text": fmt.Sprintf("威胁 %d", i)}
			})},
		"PATCH /swot_items/{id}": {as: "r1a", required: []string{"kind", "text"}, stored: recordOf("swot_items"),
			base: patch("swot_items", func(f *fixture) int64 { return f.strength.ID })},
		"POST /actions": {as: "r1a", required: []string{"title", "addresses_rules"}, stored: recordOf("actions"),
			base: post("actions", func(f *fixture, i int) map[string]any {
				return map[string]any{"opportunity_id": f.opp.ID, "title": fmt.Sprintf("行动 %d", i), "owner_id": f.r1a.ID,
					"due": "2026-04-01", "status": "open", "target_influence_id": f.buyerCoach.ID, "participant_ids": []int64{f.coach.ID},
					"addresses_rules": []string{"coach-left"}, "strength_id": f.strength.ID}
			})},
		"PATCH /actions/{id}": {as: "r1a", required: []string{"title", "addresses_rules"}, stored: recordOf("actions"),
			base: patch("actions", func(f *fixture) int64 { return f.action.ID })},
		"POST /interactions": {as: "r1a", required: []string{"kind", "at"}, stored: recordOf("interactions"),
			base: post("interactions", func(f *fixture, i int) map[string]any {
				return map[string]any{"opportunity_id": f.opp.ID, "kind": "call", "at": t0.Add(-time.Duration(i) * time.Minute).Format(time.RFC3339),
					"user_ids": []int64{f.r1a.ID}, "objective": "o", "outcome": "advance",
					"feedback": []map[string]any{{"contact_id": f.coach.ID, "feedback": "neutral"}}, "notes": "n"}
			})},
		"PATCH /interactions/{id}": {as: "r1a", required: []string{"kind", "at"}, stored: recordOf("interactions"),
			base: patch("interactions", func(f *fixture) int64 { return f.interaction.ID })},
		"POST /call_plans": {as: "r1a", required: []string{"at"}, stored: recordOf("call_plans"),
			base: post("call_plans", func(f *fixture, i int) map[string]any {
				return map[string]any{"opportunity_id": f.opp.ID, "kind": "visit", "at": t0.Add(time.Duration(i) * time.Hour).Format(time.RFC3339),
					"user_ids": []int64{f.r1a.ID}, "attendees": []map[string]any{{"contact_id": f.econ.ID, "questions": []map[string]any{{"kind": "problem", "text": "q"}}}},
					"business_reason": "r", "best_commitment": "b", "minimum_commitment": "m", "commitment_due": "2026-04-01",
					"give": "g", "learn": "l", "commitment_obtained": "", "commitment_met": ""}
			})},
		"PATCH /call_plans/{id}": {as: "r1a", required: []string{"at"}, stored: recordOf("call_plans"),
			base: patch("call_plans", func(f *fixture) int64 { return f.callPlan.ID })},
		"POST /needs": {as: "r1a", required: []string{"kind", "words", "heard_at"}, stored: recordOf("needs"),
			base: post("needs", func(f *fixture, i int) map[string]any {
				return map[string]any{"opportunity_id": f.opp.ID, "contact_id": f.coach.ID, "kind": "explicit", "words": fmt.Sprintf("需求 %d", i),
					"heard_at": t0.Add(-time.Duration(i) * time.Minute).Format(time.RFC3339), "linked_to_result": true, "interaction_id": f.interaction.ID}
			})},
		"PATCH /needs/{id}": {as: "r1a", required: []string{"kind", "words", "heard_at"}, stored: recordOf("needs"),
			base: patch("needs", func(f *fixture) int64 { return f.need.ID })},
		"POST /reviews": {as: "m1", required: []string{"agreed_actions"}, stored: recordOf("reviews"), ignored: []string{"snapshot"},
			base: post("reviews", func(f *fixture, i int) map[string]any {
				return map[string]any{"opportunity_id": f.opp.ID, "at": t0.Add(-time.Duration(i) * time.Minute).Format(time.RFC3339),
					"manager_id": f.m1.ID, "seller_id": f.r1a.ID, "notes": "n", "agreed_actions": []string{"a"}}
			})},
		"PATCH /reviews/{id}": {as: "m1", required: []string{"agreed_actions"}, stored: recordOf("reviews"), ignored: []string{"snapshot", "at"},
			base: patch("reviews", func(f *fixture) int64 { return f.review.ID })},
		"POST /vito_plans": {as: "r1a", stored: recordOf("vito_plans"),
			base: post("vito_plans", func(f *fixture, i int) map[string]any {
				// One live plan per deal: each attempt plans a deal of its own.
				o, err := f.svc.Opportunities.Create(ctx, rep(f), kam.Opportunity{AccountID: f.acct.ID, Name: fmt.Sprintf("VITO 商机 %d", i), Level: kam.LevelAbove, Currency: "CNY"})
				if err != nil {
					f.t.Fatalf("deal for a VITO plan: %v", err)
				}
				return map[string]any{"opportunity_id": o.ID, "contact_id": f.econ.ID, "contacted_on": "2026-01-05",
					"executive_name": "陈总裁", "executive_title": "总裁", "referral_path": []int64{f.econ.ID}, "notes": "n"}
			})},
		"PATCH /vito_plans/{id}": {as: "r1a", stored: recordOf("vito_plans"),
			base: patch("vito_plans", func(f *fixture) int64 { return f.vito.ID })},
		"POST /call_plans/{id}/debrief": {as: "r1a",
			// A fresh plan each time: a call is debriefed once.
			base: func(f *fixture, i int) (string, map[string]any) {
				p, err := f.svc.CallPlans.Create(ctx, rep(f), kam.CallPlan{OpportunityID: f.opp.ID, Kind: kam.InteractionCall, At: t0.Add(-time.Duration(i) * time.Minute)})
				if err != nil {
					f.t.Fatalf("plan to debrief: %v", err)
				}
				return Prefix + "/call_plans/" + itoa(p.ID) + "/debrief", map[string]any{"version": p.Version,
					"at": t0.Add(-time.Duration(i) * time.Minute).Format(time.RFC3339), "outcome": "advance", "notes": "n",
					"feedback":            []map[string]any{{"contact_id": f.coach.ID, "feedback": "positive", "said": "好"}},
					"commitment_obtained": "c", "commitment_met": "minimum",
					"needs": []map[string]any{{"contact_id": f.coach.ID, "kind": "implied", "words": "慢"}}}
			},
			stored: func(f *fixture, _ string, resp map[string]any, field string, _ any) (any, bool) {
				switch field {
				case "outcome", "notes":
					it, _ := resp["interaction"].(map[string]any)
					return it[field], true
				case "commitment_obtained", "commitment_met":
					cp, _ := resp["call_plan"].(map[string]any)
					return cp[field], true
				}
				return nil, false
			}},
		"POST /call_plans/{id}/proposals/decide": {as: "r1a", required: []string{"key"},
			// A fresh debriefed plan each time, with a negative word from
			// the Economic buyer rated +2: a rating to check.
			base: func(f *fixture, i int) (string, map[string]any) {
				p, err := f.svc.CallPlans.Create(ctx, rep(f), kam.CallPlan{OpportunityID: f.opp.ID, Kind: kam.InteractionCall, At: t0.Add(-time.Duration(i) * time.Minute)})
				if err != nil {
					f.t.Fatalf("plan to decide on: %v", err)
				}
				res, err := f.svc.DebriefCall(ctx, rep(f), p.ID, p.Version, service.Debrief{Outcome: kam.OutcomeContinuation,
					Feedback: []kam.ContactFeedback{{ContactID: f.econ.ID, Feedback: kam.FeedbackNegative}}})
				if err != nil || len(res.Proposals) == 0 {
					f.t.Fatalf("debrief to decide on: %v, %d proposals", err, len(res.Proposals))
				}
				return Prefix + "/call_plans/" + itoa(p.ID) + "/proposals/decide", map[string]any{"key": res.Proposals[0].Key, "accept": false}
			}},
		"POST /criteria": {as: "admin", required: []string{"name", "kind"}, stored: recordOf("criteria"),
			base: post("criteria", func(_ *fixture, i int) map[string]any {
				return map[string]any{"name": fmt.Sprintf("标准 %d", i), "kind": "demographic", "weight": 3}
			})},
		"PATCH /criteria/{id}": {as: "admin", required: []string{"name", "kind"}, stored: recordOf("criteria"),
			base: patch("criteria", func(f *fixture) int64 { return f.crit.ID })},
		"POST /quotas": {as: "admin", required: []string{"period"}, stored: recordOf("quotas"),
			base: post("quotas", func(f *fixture, i int) map[string]any {
				// A period of its own each time: one quota per user and period.
				return map[string]any{"user_id": f.r1b.ID, "period": strconv.Itoa(3000 + i), "amount": 100, "currency": "CNY"}
			})},
		"PATCH /quotas/{id}": {as: "admin", required: []string{"period"}, stored: recordOf("quotas"),
			base: patch("quotas", func(f *fixture) int64 { return f.quota.ID })},
		"POST /exchange_rates": {as: "admin", required: []string{"from", "to", "on"}, stored: recordOf("exchange_rates"),
			base: post("exchange_rates", func(_ *fixture, i int) map[string]any {
				return map[string]any{"from": "USD", "to": "CNY", "rate": 7.1, "on": fmt.Sprintf("2026-%02d-01", 1+i%12)}
			})},
		"PATCH /exchange_rates/{id}": {as: "admin", required: []string{"from", "to", "on"}, stored: recordOf("exchange_rates"),
			base: patch("exchange_rates", func(f *fixture) int64 { return f.rate.ID })},
		"PUT /accounts/{id}/shares/{team_id}": {as: "r1a", required: []string{"access"},
			base: func(f *fixture, _ int) (string, map[string]any) {
				return Prefix + "/accounts/" + itoa(f.acct.ID) + "/shares/" + itoa(f.team2.ID), map[string]any{"access": "read"}
			},
			stored: func(f *fixture, _ string, resp map[string]any, field string, _ any) (any, bool) {
				w := f.do(request{method: "GET", path: Prefix + "/accounts/{acct}/shares", as: "admin"})
				for _, sh := range decode[list[map[string]any]](f.t, w).Items {
					if sh["team_id"] == float64(f.team2.ID) {
						return sh[field], true
					}
				}
				f.t.Errorf("share of team %d not found after %v", f.team2.ID, resp)
				return nil, false
			}},
		"POST /accounts/duplicates": {as: "r1a",
			base: func(*fixture, int) (string, map[string]any) {
				return Prefix + "/accounts/duplicates", map[string]any{"name": "华信集团"}
			}},
		"POST /contacts/duplicates": {as: "r1a",
			base: func(f *fixture, _ int) (string, map[string]any) {
				return Prefix + "/contacts/duplicates", map[string]any{"account_id": f.acct.ID, "name": "张三", "email": "z@example.com", "phone": "13800000000"}
			}},
		// A merge into the record itself is refused whatever else is sent.
		"POST /accounts/{id}/merge": {as: "admin",
			base: func(f *fixture, _ int) (string, map[string]any) {
				return Prefix + "/accounts/" + itoa(f.acct.ID) + "/merge", map[string]any{"into_id": f.acct.ID}
			}},
		"POST /contacts/{id}/merge": {as: "admin",
			base: func(f *fixture, _ int) (string, map[string]any) {
				return Prefix + "/contacts/" + itoa(f.tech.ID) + "/merge", map[string]any{"into_id": f.tech.ID}
			}},
		"PUT /accounts/{id}/ratings": {as: "r1a",
			base: func(f *fixture, _ int) (string, map[string]any) {
				return Prefix + "/accounts/" + itoa(f.acct.ID) + "/ratings", map[string]any{"criterion_id": f.crit.ID, "rating": 3}
			}},
		"POST /opportunities/{id}/findings/accept": {as: "r1a", required: []string{"rule", "subject"},
			blamed: map[string][]string{"subject": {"rule"}},
			// An open red flag, read once: undo reopens it after each
			// acceptance.
			base: func(f *fixture, _ int) (string, map[string]any) {
				if open == nil {
					w := f.do(request{method: "GET", path: Prefix + "/opportunities/{opp}/findings", as: "r1a"})
					for _, fd := range decode[list[map[string]any]](f.t, w).Items {
						if fd["accepted"] == nil {
							open = fd
							break
						}
					}
					if open == nil {
						f.t.Fatalf("no open red flag on the opportunity: %s", w.Body)
					}
				}
				return Prefix + "/opportunities/" + itoa(f.opp.ID) + "/findings/accept",
					map[string]any{"rule": open["rule"], "subject": open["subject"], "note": "客户已知悉"}
			},
			stored: func(f *fixture, _ string, resp map[string]any, field string, _ any) (any, bool) {
				w := f.do(request{method: "GET", path: Prefix + "/opportunities/{opp}/findings", as: "r1a"})
				for _, fd := range decode[list[map[string]any]](f.t, w).Items {
					if acc, ok := fd["accepted"].(map[string]any); ok && acc["id"] == resp["id"] {
						key := map[string]string{"rule": "rule_id"}[field]
						if key == "" {
							key = field
						}
						return acc[key], true
					}
				}
				f.t.Errorf("acceptance %v not found among the findings", resp["id"])
				return nil, false
			},
			undo: func(f *fixture, resp map[string]any) {
				id, _ := resp["id"].(float64)
				w := f.do(request{method: "DELETE", path: Prefix + "/opportunities/{opp}/findings/accepted/" + strconv.FormatInt(int64(id), 10), as: "r1a"})
				if w.Code != http.StatusNoContent {
					f.t.Errorf("reopen %v: %d %s", id, w.Code, w.Body)
				}
			}},
		"PUT /settings/redflags": {as: "admin",
			base: func(*fixture, int) (string, map[string]any) {
				return Prefix + "/settings/redflags", map[string]any{"new_in_job_days": 90, "stale_contact_days": 30, "next_action_days": 14,
					"reorganisation_days": 90, "sales_cycle_days": 90, "low_ideal_fit": 40}
			}},
		"POST /response-mode": {as: "r1a", required: []string{"current_results", "gap_direction"},
			base: func(*fixture, int) (string, map[string]any) {
				return Prefix + "/response-mode", map[string]any{"current_results": "worse", "sees_gap": true, "gap_direction": "fix"}
			}},
		"POST /me/password": {token: freshUser, required: []string{"current_password", "password"},
			base: func(*fixture, int) (string, map[string]any) {
				return Prefix + "/me/password", map[string]any{"current_password": testPassword, "password": "a brand new passphrase"}
			},
			// A new password is kept exactly when it now works as the
			// current one; changing it back proves that and restores the
			// base for the next attempt.
			stored: func(f *fixture, as string, _ map[string]any, field string, want any) (any, bool) {
				u, err := f.svc.UserForToken(ctx, strings.TrimPrefix(as, "token:"))
				if err != nil {
					f.t.Fatalf("password user: %v", err)
				}
				next, _ := want.(string)
				if field != "password" {
					return nil, false
				}
				if err := f.svc.ChangePassword(ctx, service.ActorOf(u), next, testPassword); err != nil {
					return "a password other than the one sent", true
				}
				return want, true
			}},
	}
	for key, hb := range bodies {
		if strings.HasPrefix(key, "PATCH ") {
			hb.onSaved = func(path string, resp map[string]any) {
				if v, ok := resp["version"].(float64); ok {
					versions[path] = int64(v)
				}
			}
		}
		if strings.Contains(key, "/opportunities") {
			hb.ignored = []string{"reached_level"}
		}
		bodies[key] = hb
	}
	return bodies
}

// textual reports whether a field of type t takes JSON strings as text: a
// string (enums included) or a list of them.
func textual(t reflect.Type) bool {
	return t.Kind() == reflect.String || (t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String)
}

// bodyType is the Go type whose fields a route's body holds.
func bodyType(rt route) reflect.Type {
	if rt.Method == "PATCH" {
		return rt.Resp // patch[T] documents T's fields
	}
	return rt.Body
}

// TestHostileBodies sends every hostile payload in every field of every JSON
// body of the route table (users, teams and tokens are covered through the
// whole server by the web's tests). Each answer must be JSON; a 2xx must
// keep the value exactly (invalid UTF-8 as U+FFFD), a refusal must be a
// 4xx problem naming the field; never a 5xx. Afterwards no stored text is
// invalid UTF-8.
func TestHostileBodies(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		bodies := hostileBodies()
		attempt := 0
		for _, rt := range f.srv.routes {
			key := rt.Method + " " + rt.Path
			if rt.Body == nil || slices.Contains(coveredElsewhere, key) {
				continue
			}
			hb, ok := bodies[key]
			if !ok {
				t.Errorf("%s takes a body but has no hostile base body here", key)
				continue
			}
			delete(bodies, key)
			for _, fld := range jsonFields(bodyType(rt)) {
				if readOnly[fld.Name] {
					continue
				}
				as := hb.as
				if hb.token != nil {
					as = hb.token(f, fld.Name)
				}
				for _, p := range hostilePayloads {
					// A string in a number, flag or list of records is the
					// same type error whatever the string; two suffice.
					if !textual(fld.Type) && p.Name != "script tag" && p.Name != "empty" {
						continue
					}
					attempt++
					name := key + " " + fld.Name + "/" + p.Name
					path, body := hb.base(f, attempt)
					var sent any = p.Value
					if fld.Type.Kind() == reflect.Slice && textual(fld.Type) {
						sent = []string{p.Value}
					}
					body[fld.Name] = sent
					b, err := json.Marshal(body)
					if err != nil {
						t.Fatal(err)
					}
					w := f.send(rt.Method, path, as, b)
					saved := f.checkAnswer(t, name, as, hb, fld, p.Value, w, func() any {
						var want any
						_ = json.Unmarshal(mustJSON(t, sent), &want)
						return want
					}())
					if saved != nil && hb.onSaved != nil {
						hb.onSaved(path, saved)
					}
				}
				if !textual(fld.Type) {
					continue
				}
				// The same invalid bytes, sent raw.
				attempt++
				path, body := hb.base(f, attempt)
				if fld.Type.Kind() == reflect.Slice && textual(fld.Type) {
					body[fld.Name] = []string{rawInvalid}
				} else {
					body[fld.Name] = rawInvalid
				}
				raw := bytes.ReplaceAll(mustJSON(t, body), mustJSON(t, rawInvalid), []byte("\"\xff\xfe\""))
				w := f.send(rt.Method, path, as, raw)
				// Never taken and turned into U+FFFD: refused, naming the field.
				if w.Code < 300 {
					t.Errorf("%s %s/raw invalid UTF-8: accepted (%d), want a refusal naming the field", key, fld.Name, w.Code)
				}
				if saved := f.checkAnswer(t, key+" "+fld.Name+"/raw invalid UTF-8", as, hb, fld, "\xff\xfe", w, nil); saved != nil && hb.onSaved != nil {
					hb.onSaved(path, saved)
				}
			}
			for _, req := range hb.required {
				if !slices.ContainsFunc(jsonFields(bodyType(rt)), func(jf jsonField) bool { return jf.Name == req }) {
					t.Errorf("%s: required field %q is not a field of the body", key, req)
				}
			}
		}
		for key := range bodies {
			t.Errorf("hostile base body for %s, which is not a body route", key)
		}
		sweepStoredText(t, f)
	})
}

// send posts body as is.
func (f *fixture) send(method, path, as string, body []byte) *httptest.ResponseRecorder {
	f.t.Helper()
	r := httptest.NewRequest(method, path, bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	secret := strings.TrimPrefix(as, "token:")
	if secret == as {
		secret = f.people[as].token
	}
	r.Header.Set("Authorization", "Bearer "+secret)
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	return w
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// checkAnswer judges one answer to a body whose field fld held payload;
// want is the value the server received (after JSON decoding).
func (f *fixture) checkAnswer(t *testing.T, name, as string, hb hostileBody, fld jsonField, payload string, w *httptest.ResponseRecorder, want any) (saved map[string]any) {
	t.Helper()
	if w.Code >= 500 {
		t.Errorf("%s: status %d: %.300s", name, w.Code, w.Body)
		return nil
	}
	if w.Code != http.StatusNoContent {
		ct, _, _ := mime.ParseMediaType(w.Header().Get("Content-Type"))
		if ct != "application/json" && ct != "application/problem+json" {
			t.Errorf("%s: Content-Type %q, want JSON", name, w.Header().Get("Content-Type"))
		}
	}
	if got := w.Header().Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("%s: X-Content-Type-Options %q, want nosniff", name, got)
	}
	if !utf8.Valid(w.Body.Bytes()) {
		t.Errorf("%s: the answer is not valid UTF-8", name)
	}
	required := slices.Contains(hb.required, fld.Name)
	if w.Code < 300 {
		var resp map[string]any
		if w.Code != http.StatusNoContent {
			resp = decode[map[string]any](t, w)
		}
		ignored := slices.Contains(hb.ignored, fld.Name)
		if ignored {
			// The server's own field: whatever was sent, a valid value.
			want = ""
		}
		switch {
		case ignored:
		case len(payload) > 1000:
			t.Errorf("%s: a %d-byte value was accepted (%d), want 422 or 413", name, len(payload), w.Code)
		case payload == "" && required:
			t.Errorf("%s: the required field was accepted empty (%d)", name, w.Code)
		case !textual(fld.Type) && !(payload == "" && (fld.Type == reflect.TypeFor[kam.Date]() || fld.Type == reflect.TypeFor[*kam.Date]())):
			t.Errorf("%s: a string was accepted (%d) in a %s field", name, w.Code, fld.Type)
		}
		if hb.stored != nil {
			if got, ok := hb.stored(f, as, resp, fld.Name, want); ok && !keptAs(got, want, fld) {
				t.Errorf("%s: stored %.80q, want %.80q", name, fmt.Sprint(got), fmt.Sprint(want))
			}
		}
		if hb.undo != nil {
			hb.undo(f, resp)
		}
		return resp
	}
	switch w.Code {
	case http.StatusBadRequest, http.StatusUnprocessableEntity, http.StatusRequestEntityTooLarge:
	default:
		t.Errorf("%s: refused with %d, want 400, 422 or 413: %.300s", name, w.Code, w.Body)
		return nil
	}
	if w.Code == http.StatusRequestEntityTooLarge {
		return nil
	}
	var p problem
	if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
		t.Errorf("%s: the refusal is not a problem document: %v", name, err)
		return nil
	}
	names := append([]string{fld.Name}, hb.blamed[fld.Name]...)
	if !slices.ContainsFunc(names, func(n string) bool { return blames(p, n) }) {
		t.Errorf("%s: %d does not name %s: %.300s", name, w.Code, fld.Name, w.Body)
	}
	return nil
}

// blames reports whether problem p names field (or an element of it, such as
// roles[0] or feedback[0].contact_id).
func blames(p problem, field string) bool {
	match := func(k string) bool {
		return k == field || strings.HasPrefix(k, field+"[") || strings.HasPrefix(k, field+".")
	}
	if match(p.Field) {
		return true
	}
	for k := range p.Errors {
		if match(k) {
			return true
		}
	}
	return false
}

// keptAs reports whether got, read back, is what was sent: exactly want, or
// for an empty value, nothing or the field's default.
func keptAs(got, want any, fld jsonField) bool {
	if reflect.DeepEqual(got, want) {
		return true
	}
	if want != "" {
		return false
	}
	if got == nil || got == "" || got == emptyDefaults[fld.Name] {
		return true
	}
	s, ok := got.(string)
	return ok && slices.Contains(enums[fld.Type], s)
}

// sweepStoredText reads every record through the service (not through JSON,
// which would hide broken bytes) and checks that all text is valid UTF-8.
func sweepStoredText(t *testing.T, f *fixture) {
	t.Helper()
	ctx := context.Background()
	s := f.svc
	check := func(kind string, v any) {
		rv := reflect.ValueOf(v)
		for i := range rv.NumField() {
			fv := rv.Field(i)
			switch {
			case fv.Kind() == reflect.String && !utf8.ValidString(fv.String()):
				t.Errorf("%s %v: %s stored as broken text %q", kind, rv.FieldByName("ID"), rv.Type().Field(i).Name, fv.String())
			case fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() == reflect.String:
				for j := range fv.Len() {
					if !utf8.ValidString(fv.Index(j).String()) {
						t.Errorf("%s: %s[%d] stored as broken text", kind, rv.Type().Field(i).Name, j)
					}
				}
			}
		}
	}
	sweep(t, ctx, s.Accounts, check)
	sweep(t, ctx, s.AccountRelations, check)
	sweep(t, ctx, s.OrgUnits, check)
	sweep(t, ctx, s.Contacts, check)
	sweep(t, ctx, s.ContactLinks, check)
	sweep(t, ctx, s.Opportunities, check)
	sweep(t, ctx, s.BuyingInfluences, check)
	sweep(t, ctx, s.SWOTItems, check)
	sweep(t, ctx, s.Actions, check)
	sweep(t, ctx, s.Interactions, check)
	sweep(t, ctx, s.CallPlans, check)
	sweep(t, ctx, s.Needs, check)
	sweep(t, ctx, s.Reviews, check)
	sweep(t, ctx, s.VITOPlans, check)
	sweep(t, ctx, s.Criteria, check)
	sweep(t, ctx, s.Quotas, check)
	fs, err := s.Findings(ctx, kam.System, f.opp.ID)
	if err != nil {
		t.Fatalf("findings: %v", err)
	}
	for _, fd := range fs {
		if fd.Accepted != nil {
			check("accepted finding", *fd.Accepted)
		}
	}
}

// sweep lists every record of e, live and in the trash, and checks each.
func sweep[T any](t *testing.T, ctx context.Context, e *service.Entity[T], check func(kind string, v any)) {
	t.Helper()
	for _, deleted := range []bool{false, true} {
		var after int64
		for {
			items, next, err := e.List(ctx, kam.System, store.NoFilter[T]{ListOptions: store.ListOptions{After: after, Limit: store.MaxLimit, Deleted: deleted}})
			if err != nil {
				t.Fatalf("sweep %s: %v", e.Name(), err)
			}
			for _, v := range items {
				check(e.Name(), v)
			}
			if next == 0 {
				break
			}
			after = next
		}
	}
}
