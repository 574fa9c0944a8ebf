package web

import (
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"kam/internal/kam"
	"kam/internal/service"
)

var conflictRowRe = regexp.MustCompile(`<tr(?: class="changed")?><th scope="row">([^<]*)</th><td>([^<]*)</td><td>([^<]*)</td></tr>`)

// conflictRows reads the conflict table of a page: label → [now, yours, changed].
func conflictRows(t *testing.T, body string) map[string][3]string {
	t.Helper()
	i := strings.Index(body, `<section class="conflict"`)
	if i < 0 {
		t.Fatalf("no conflict section:\n%.2000s", body)
	}
	sec := body[i:]
	sec = sec[:strings.Index(sec, "</section>")]
	out := map[string][3]string{}
	for _, m := range regexp.MustCompile(`<tr[^>]*>.*?</tr>`).FindAllString(sec, -1) {
		if strings.Contains(m, "<thead") || strings.Contains(m, `scope="col"`) {
			continue
		}
		r := conflictRowRe.FindStringSubmatch(m)
		if r == nil {
			t.Fatalf("unexpected conflict row %s", m)
		}
		changed := ""
		if strings.Contains(m, `class="changed"`) {
			changed = "changed"
		}
		out[r[1]] = [3]string{r[2], r[3], changed}
	}
	return out
}

// TestConflictSpeaksTheFormsLabels: a conflict on the full buyer form lists
// each field by its label in the page's language, values by their option
// labels (enum words, the user's name for an id, several roles joined),
// never JSON keys, codes or arrays; the form still re-applies.
func TestConflictSpeaksTheFormsLabels(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		lang                                       string
		roles, influence, counterpart, vito        string
		nowRoles, yourRoles, nowInfl, yourInfl, on string
	}{
		{"en", "Roles (CUTE)", "Influence", "Our counterpart", "VITO for this project", "Economic, User", "Coach, Economic", "Medium", "Low", "✓ yes"},
		{"zh-CN", "角色（CUTE）", "影响度", "我方对应者", "本项目的 VITO", "财务决策者, 用户", "教练, 财务决策者", "中", "低", "✓ 是"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			t.Parallel()
			w := newWorkbench(t)
			mustStatus(t, w.c.post("/lang", url.Values{"lang": {tc.lang}, "next": {"/"}}), http.StatusSeeOther)
			b := w.buyer(t, w.cfo, kam.RoleEconomic)
			stale := b.Version
			if _, err := w.e.svc.BuyingInfluences.Update(w.e.ctx, service.ActorOf(w.rep), b.ID, b.Version, func(v *kam.BuyingInfluence) error {
				v.Influence, v.CounterpartID = kam.InfluenceMedium, w.rep.ID
				v.Roles = []kam.BuyingRole{kam.RoleEconomic, kam.RoleUser}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			path := "/influences/" + itoa(b.ID)
			form := formFields(t, w.c.get(path+"/edit").Body, path)
			form["roles"] = []string{"coach", "economic"}
			form.Set("influence", "low")
			form.Set("counterpart_id", "")
			form.Set("vito", "on")
			form.Set("version", itoa(stale))
			r := w.c.post(path, form)
			mustStatus(t, r, http.StatusConflict)
			rows := conflictRows(t, r.Body)
			for label, row := range rows {
				for _, raw := range []string{"influence", "roles", "counterpart_id", "vito", "medium", "economic", "true"} {
					if label == raw || row[0] == raw || row[1] == raw {
						t.Errorf("raw %q in conflict row %q: %q", raw, label, row)
					}
				}
				if strings.ContainsAny(row[0]+row[1], "[]{}\"") {
					t.Errorf("JSON in conflict row %q: %q", label, row)
				}
			}
			want := map[string][3]string{
				tc.roles:       {tc.nowRoles, tc.yourRoles, "changed"},
				tc.influence:   {tc.nowInfl, tc.yourInfl, "changed"},
				tc.counterpart: {w.rep.Name, "—", "changed"},
				tc.vito:        {"", tc.on, "changed"},
			}
			for label, wr := range want {
				got, ok := rows[label]
				if !ok {
					t.Errorf("no conflict row %q in %q", label, rows)
					continue
				}
				if label == tc.vito {
					got[0] = "" // "no" in the page's language
				}
				if got != wr {
					t.Errorf("conflict row %q = %q, want %q", label, got, wr)
				}
			}
			// The form below carries the new version and re-applies.
			again := formFields(t, r.Body, path)
			mustStatus(t, w.c.post(path, again), http.StatusSeeOther)
			got, _ := w.e.svc.BuyingInfluences.Get(w.e.ctx, kam.System, b.ID)
			if got.Influence != kam.InfluenceLow || !got.HasRole(kam.RoleCoach) || got.HasRole(kam.RoleUser) || !got.VITO || got.CounterpartID != 0 {
				t.Errorf("re-applied values not saved: %+v", got)
			}
		})
	}
}

// TestDoneButtonConflict: "✓ Done" pressed on a stale action shows the
// action's form with the conflict, the record as it is now and the status
// set to done; saving that form as rendered closes the action and keeps
// the other user's change.
func TestDoneButtonConflict(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	a := service.ActorOf(w.rep)
	x, err := w.e.svc.Actions.Create(w.e.ctx, a, kam.Action{OpportunityID: w.opp.ID, Title: "约见财务总监", Status: kam.ActionOpen, OwnerID: w.rep.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.e.svc.Actions.Update(w.e.ctx, a, x.ID, x.Version, func(v *kam.Action) error { v.Title = "约见财务总监和总经理"; return nil }); err != nil {
		t.Fatal(err)
	}
	path := "/actions/" + itoa(x.ID)
	r := w.c.post(path, url.Values{"version": {itoa(x.Version)}, "status_only": {"1"}, "status": {"done"}})
	mustStatus(t, r, http.StatusConflict)
	mustContain(t, r, "conflict-h", `value="约见财务总监和总经理"`, `value="done" selected`)
	rows := conflictRows(t, r.Body)
	if len(rows) != 1 || rows["Status"][0] != "Open" || rows["Status"][1] != "Done" {
		t.Errorf("conflict rows = %q, want only the status, Open → Done", rows)
	}
	mustStatus(t, w.c.post(path, formFields(t, r.Body, path)), http.StatusSeeOther)
	got, _ := w.e.svc.Actions.Get(w.e.ctx, kam.System, x.ID)
	if got.Status != kam.ActionDone || got.Title != "约见财务总监和总经理" {
		t.Errorf("after re-applying: status %q, title %q", got.Status, got.Title)
	}
}

// TestAcceptFlagErrorStaysOnItsFlag: a refused accept-flag form comes back
// open on its own flag with the typed note and the error inside it (on the
// note when the note is wrong), not at the top of the sheet.
func TestAcceptFlagErrorStaysOnItsFlag(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	sheet := "/opportunities/" + itoa(w.opp.ID)
	rule := "no-coach"
	if !openRules(w.c.get(sheet).Body)[rule] {
		t.Fatalf("%s is not open", rule)
	}
	flagBlock := func(body string) string {
		i := strings.Index(body, `id="flag-`+rule+`"`)
		if i < 0 {
			t.Fatalf("no %s flag", rule)
		}
		j := strings.Index(body[i:], "</details>")
		return body[i : i+j]
	}
	// A subject that is not flagged: the service refuses it.
	r := w.c.post(sheet+"/findings/accept", url.Values{"rule": {rule}, "subject": {"nobody"}, "note": {"客户自己会找教练"}})
	mustStatus(t, r, http.StatusUnprocessableEntity)
	blk := flagBlock(r.Body)
	for _, want := range []string{"<details open>", "客户自己会找教练</textarea>", `class="form-errors"`} {
		if !strings.Contains(blk, want) {
			t.Errorf("the %s flag lacks %q:\n%s", rule, want, blk)
		}
	}
	if i := strings.Index(r.Body, `class="form-errors"`); i < strings.Index(r.Body, `id="flag-`+rule+`"`) {
		t.Errorf("an error summary stands above the flag")
	}
	// An overlong note: the message sits next to the note.
	long := strings.Repeat("长", kam.MaxText+1)
	r = w.c.post(sheet+"/findings/accept", url.Values{"rule": {rule}, "subject": {"opportunity"}, "note": {long}})
	mustStatus(t, r, http.StatusUnprocessableEntity)
	blk = flagBlock(r.Body)
	for _, want := range []string{`aria-describedby="note-` + rule + `-error"`, `id="note-` + rule + `-error"`, long + "</textarea>"} {
		if !strings.Contains(blk, want) {
			t.Errorf("the %s flag lacks %.80q", rule, want)
		}
	}
}

// TestRatingErrorBesideItsCriterion: a refused ideal-customer rating shows
// its message next to its own select, tied by aria-describedby.
func TestRatingErrorBesideItsCriterion(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	k, err := w.e.svc.Criteria.Create(w.e.ctx, kam.System, kam.Criterion{Name: "IT 预算", Kind: kam.CriterionDemographic, Weight: 3})
	if err != nil {
		t.Fatal(err)
	}
	other, err := w.e.svc.Criteria.Create(w.e.ctx, kam.System, kam.Criterion{Name: "决策速度", Kind: kam.CriterionDemographic, Weight: 2})
	if err != nil {
		t.Fatal(err)
	}
	acct := "/accounts/" + itoa(w.acct.ID)
	r := w.c.post(acct+"/ratings", url.Values{"criterion_id": {itoa(k.ID)}, "rating": {"9"}})
	mustStatus(t, r, http.StatusUnprocessableEntity)
	id := "rate-" + itoa(k.ID)
	mustContain(t, r, `id="`+id+`" name="rating" aria-invalid="true" aria-describedby="`+id+`-error"`, `<p class="field-error" id="`+id+`-error">`)
	if strings.Contains(r.Body, `id="rate-`+itoa(other.ID)+`-error"`) {
		t.Errorf("the error is shown on the other criterion too")
	}
	if strings.Contains(r.Body, `class="form-errors"`) {
		t.Errorf("the error is also in a summary away from its field")
	}
}

// TestRolesAndVITOExplained: wherever a CUTE role or VITO is written — the
// buyer row's boxes (in a fieldset with a legend), the VITO badge, the
// person's page and the buyer form — it carries its glossary explanation as
// an accessible description: aria-describedby to one hidden element per
// term on the page, never a long title repeated on every row.
func TestRolesAndVITOExplained(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	b := w.buyer(t, w.cfo, kam.RoleCoach)
	if _, err := w.e.svc.BuyingInfluences.Update(w.e.ctx, service.ActorOf(w.rep), b.ID, b.Version, func(v *kam.BuyingInfluence) error { v.VITO = true; return nil }); err != nil {
		t.Fatal(err)
	}
	w.buyer(t, w.it, kam.RoleUser)
	for _, l := range []kam.Locale{kam.LocaleEN, kam.LocaleZH} {
		mustStatus(t, w.c.post("/lang", url.Values{"lang": {string(l)}, "next": {"/"}}), http.StatusSeeOther)
		// defined checks that the page holds term id's explanation once,
		// in the hidden shared element, and nowhere as a title.
		defined := func(page *response, id string) {
			t.Helper()
			explain := template.HTMLEscapeString(glossary[id].Explain.In(l))
			defs := page.Body[strings.Index(page.Body, `<div class="term-defs" hidden>`)+1:]
			defs = defs[:strings.Index(defs, "</div>")]
			if !strings.Contains(defs, `<span id="x-`+id+`">`+explain+`</span>`) {
				t.Errorf("%s: no shared explanation of %s in %q", l, id, defs)
			}
			if n := strings.Count(page.Body, explain); n != 1 {
				t.Errorf("%s: the explanation of %s is written %d times, want once", l, id, n)
			}
		}
		sheet := w.c.get("/opportunities/" + itoa(w.opp.ID))
		mustStatus(t, sheet, http.StatusOK)
		row := sheet.Body[strings.Index(sheet.Body, `<tr id="buyer-`+itoa(b.ID)+`"`):]
		row = row[:strings.Index(row, "</tr>")]
		mustContain(t, &response{Body: row}, `<fieldset class="roles"><legend class="sr">`+msg(l, "sheet.roles_of", w.cfo.Name)+`</legend>`,
			`<span class="badge"><abbr class="term" tabindex="0" aria-describedby="x-vito">VITO</abbr></span>`)
		for _, r := range kam.BuyingRoles {
			mustContain(t, &response{Body: row}, `value="`+string(r)+`"`, ` aria-describedby="x-`+string(r)+`"><abbr>`+kam.Label(r).In(l)+`</abbr></label>`)
			defined(sheet, string(r))
		}
		defined(sheet, "vito")
		person := w.c.get("/contacts/" + itoa(w.cfo.ID))
		mustContain(t, person, `tabindex="0" aria-describedby="x-coach">`+kam.Label(kam.RoleCoach).In(l)+`</abbr>`, `aria-describedby="x-vito">VITO</abbr>`)
		defined(person, "coach")
		defined(person, "vito")
		form := w.c.get("/influences/" + itoa(b.ID) + "/edit")
		mustContain(t, form, `value="technical" aria-describedby="x-technical"> <abbr>`+kam.Label(kam.RoleTechnical).In(l)+`</abbr></label>`,
			`id="f-vito" name="vito" type="checkbox" checked aria-describedby="x-vito">`,
			`<label for="f-vito"><abbr>`+msg(l, "f.vito")+`</abbr></label>`)
		// The form's hint line above explains the terms visibly (title);
		// the boxes' descriptions are the shared elements.
		if !strings.Contains(form.Body, `<span id="x-technical">`) || !strings.Contains(form.Body, `<span id="x-vito">`) {
			t.Errorf("%s: the buyer form lacks the shared explanations", l)
		}
	}
}

// TestAdminUserConflictLabelled: the administrator's user form, which is
// not built from field specs, also names a conflict's fields by their
// labels and its values by their option labels (the role's word, the
// team's name).
func TestAdminUserConflictLabelled(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	team := e.team("华北大客户部")
	u := e.user("li@example.com", "李四", kam.RoleRep, 0, false)
	if _, err := e.svc.Users.Update(e.ctx, kam.System, u.ID, u.Version, func(x *kam.User) error {
		x.Role, x.TeamID = kam.RoleManager, team.ID
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	admin := e.signedIn(e.admin)
	path := "/admin/users/" + itoa(u.ID)
	r := admin.post(path, url.Values{"email": {u.Email}, "name": {"李四"}, "role": {"rep"}, "team_id": {"0"}, "locale": {"en"}, "version": {itoa(u.Version)}})
	mustStatus(t, r, http.StatusConflict)
	rows := conflictRows(t, r.Body)
	if got := rows["Role"]; got != [3]string{kam.Label(kam.RoleManager).In(kam.LocaleEN), kam.Label(kam.RoleRep).In(kam.LocaleEN), "changed"} {
		t.Errorf("role row = %q (rows %q)", got, rows)
	}
	if got := rows["Team"]; got[0] != "华北大客户部" || got[2] != "changed" {
		t.Errorf("team row = %q (rows %q)", got, rows)
	}
	if got := rows["Name"]; got != [3]string{"李四", "李四", ""} {
		t.Errorf("name row = %q", got)
	}
}
