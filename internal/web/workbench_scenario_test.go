package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"kam/internal/kam"
	"kam/internal/method"
	"kam/internal/service"
)

// TestStrategySheetScenario drives the sheet through its forms: the missing
// coach and Economic buyer are flagged, adding them clears the flags, a
// flag is accepted, and a coach who left raises coach-left with a
// candidate.
func TestStrategySheetScenario(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	sheet := "/opportunities/" + itoa(w.opp.ID)
	rules := func() map[string]bool {
		t.Helper()
		r := w.c.get(sheet)
		mustStatus(t, r, http.StatusOK)
		return openRules(r.Body)
	}
	if got := rules(); !got["no-coach"] || !got["no-economic"] {
		t.Fatalf("a new deal should lack a coach and an Economic buyer: %v", got)
	}
	add := func(ct kam.Contact, role string, rating string) {
		t.Helper()
		r := w.c.post(sheet+"/buyers", url.Values{"contact_id": {itoa(ct.ID)}, "roles": {role}, "influence": {"high"},
			"rating": {rating}, "contact_level": {"frequent"}, "mode": {"growth"}})
		mustStatus(t, r, http.StatusSeeOther)
	}
	add(w.it, "coach", "4")
	add(w.cfo, "economic", "3")
	got := rules()
	if got["no-coach"] || got["no-economic"] {
		t.Fatalf("coach and Economic buyer added, flags remain: %v", got)
	}
	// Accept a flag with a note; it moves to the accepted list.
	var flag string
	for r := range got {
		flag = r
		break
	}
	if flag == "" {
		t.Fatal("no open flag left to accept")
	}
	body := w.c.get(sheet).Body
	subj := regexp.MustCompile(`name="rule" value="` + flag + `">(?:<input type="hidden" name="subject"|.*?<option) value="([^"]+)"`).FindStringSubmatch(body)
	if subj == nil {
		t.Fatalf("no accept form for %s", flag)
	}
	r := w.c.post(sheet+"/findings/accept", url.Values{"rule": {flag}, "subject": {subj[1]}, "note": {"已知风险"}})
	mustStatus(t, r, http.StatusSeeOther)
	r = w.c.get(sheet)
	if !strings.Contains(r.Body, "已知风险") {
		t.Errorf("the acceptance note is not shown")
	}
	// The coach leaves: coach-left with a candidate.
	it, err := w.e.svc.Contacts.Get(w.e.ctx, kam.System, w.it.ID)
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"account_id": {itoa(it.AccountID)}, "name": {it.Name}, "title": {it.Title}, "seniority": {string(it.Seniority)},
		"reports_to_id": {itoa(it.ReportsToID)}, "status": {"left"}, "status_date": {"2026-02-20"}, "version": {itoa(it.Version)}}
	mustStatus(t, w.c.post("/contacts/"+itoa(it.ID), form), http.StatusSeeOther)
	r = w.c.get(sheet)
	if !openRules(r.Body)["coach-left"] {
		t.Fatalf("coach-left not flagged: %v", openRules(r.Body))
	}
	mustContain(t, r, "candidates")
}

// TestBuyerRowConflict edits a buyer row with a stale version: the full
// form comes back with 409, what changed, and the user's values on top of
// the current record; re-submitting that form as rendered saves the row's
// values and keeps every field the row does not carry.
func TestBuyerRowConflict(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	b := w.buyer(t, w.cfo, kam.RoleEconomic)
	b, err := w.e.svc.BuyingInfluences.Update(w.e.ctx, service.ActorOf(w.rep), b.ID, b.Version, func(v *kam.BuyingInfluence) error {
		v.BusinessResult, v.PersonalWin, v.Evidence, v.VITO = "降低库存成本", "升任副总", "三月会议纪要", true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	path := "/influences/" + itoa(b.ID)
	mustStatus(t, w.c.post(path, url.Values{"row": {"1"}, "roles": {"", "economic"}, "influence": {"medium"}, "version": {itoa(b.Version)}}), http.StatusSeeOther)
	r := w.c.post(path, url.Values{"row": {"1"}, "roles": {"", "economic", "user"}, "influence": {"low"}, "version": {itoa(b.Version)}})
	mustStatus(t, r, http.StatusConflict)
	mustContain(t, r, "conflict-h", `value="low" selected`, "降低库存成本", "升任副总", "三月会议纪要")
	// Re-submit the conflict form exactly as the browser would.
	form := formFields(t, r.Body, path)
	if form.Get("version") == itoa(b.Version) {
		t.Fatalf("the conflict form still carries the stale version %s", form.Get("version"))
	}
	if got := form.Get("vito"); got != "on" {
		t.Errorf("the conflict form has VITO %q, want it checked", got)
	}
	mustStatus(t, w.c.post(path, form), http.StatusSeeOther)
	got, _ := w.e.svc.BuyingInfluences.Get(w.e.ctx, kam.System, b.ID)
	if got.Influence != kam.InfluenceLow || !got.HasRole(kam.RoleUser) || !got.HasRole(kam.RoleEconomic) {
		t.Errorf("re-applied values not saved: %+v", got)
	}
	if got.BusinessResult != "降低库存成本" || got.PersonalWin != "升任副总" || got.Evidence != "三月会议纪要" || !got.VITO {
		t.Errorf("re-applying the conflict form lost fields the row does not carry: result %q, win %q, evidence %q, VITO %v",
			got.BusinessResult, got.PersonalWin, got.Evidence, got.VITO)
	}
	if got.Rating == nil || *got.Rating != 4 || got.Mode != kam.ModeGrowth {
		t.Errorf("re-applying changed the rating or mode: %+v", got)
	}
}

// TestFieldErrorsKeepValues: a refused form answers 422 with the message
// next to the field and the typed values kept.
func TestFieldErrorsKeepValues(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	r := w.c.post("/opportunities", url.Values{"account_id": {itoa(w.acct.ID)}, "name": {"新商机"}, "close_date": {"明天"}, "amount": {"12"}})
	mustStatus(t, r, http.StatusUnprocessableEntity)
	mustContain(t, r, `id="f-close_date-error"`, `value="新商机"`, `value="明天"`)
}

// TestStrategySheetWeight builds a deal with 20 buyers and checks the page
// weight budget: HTML under 120 KB (each buyer row under 2.8 KB), the JS
// and CSS it references under 30 KB each.
func TestStrategySheetWeight(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	for i := 0; i < 20; i++ {
		ct, err := w.e.svc.Contacts.Create(w.e.ctx, kam.System, kam.Contact{AccountID: w.acct.ID, Name: "购买者 " + itoa(int64(i)), Title: "部门经理", ReportsToID: w.ceo.ID})
		if err != nil {
			t.Fatal(err)
		}
		w.buyer(t, ct, kam.RoleUser, kam.RoleTechnical)
	}
	r := w.c.get("/opportunities/" + itoa(w.opp.ID))
	mustStatus(t, r, http.StatusOK)
	if n := len(r.Body); n >= 120_000 {
		t.Errorf("HTML is %d bytes, budget 120 KB", n)
	} else {
		t.Logf("HTML %d bytes", n)
	}
	// Most of the page is the buyer rows: each editable row (roles, five
	// choices, support, win-result texts, its form) stays under 2.8 KB,
	// and no row repeats a glossary explanation (the page holds one
	// shared explanation per term).
	rows := regexp.MustCompile(`(?s)<tr id="buyer-\d+">.*?</tr>`).FindAllString(r.Body, -1)
	if len(rows) != 20 {
		t.Fatalf("%d buyer rows, want 20", len(rows))
	}
	for _, row := range rows {
		if len(row) >= 2800 {
			t.Errorf("a buyer row is %d bytes, budget 2.8 KB: %s", len(row), row)
			break
		}
		for id, g := range glossary {
			if strings.Contains(row, g.Explain.In(kam.LocaleEN)) {
				t.Errorf("a buyer row repeats the explanation of %s", id)
			}
		}
	}
	sizes := map[string]int{}
	for _, m := range regexp.MustCompile(`(?:href|src)="(/static/[^"]+\.(css|js))"`).FindAllStringSubmatch(r.Body, -1) {
		a := w.c.get(m[1])
		mustStatus(t, a, http.StatusOK)
		sizes[m[2]] += len(a.Body)
	}
	if sizes["js"] == 0 || sizes["css"] == 0 {
		t.Fatalf("found no static files: %v", sizes)
	}
	for kind, n := range sizes {
		if n >= 30_000 {
			t.Errorf("all %s is %d bytes, budget 30 KB", kind, n)
		}
	}
	t.Logf("static: %v", sizes)
}

// buyerRowOf is the rendered row of buyer id on the sheet body.
func buyerRowOf(t *testing.T, body string, id int64) string {
	t.Helper()
	i := strings.Index(body, `<tr id="buyer-`+itoa(id)+`"`)
	if i < 0 {
		t.Fatalf("no row for buyer %d", id)
	}
	row := body[i:]
	return row[:strings.Index(row, "</tr>")]
}

// TestBuyerRowEditsWinResult: the buyer row carries the business result
// and the personal win as labelled text areas of its own form; saving the
// row as the browser submits it stores the new texts and keeps the rest.
func TestBuyerRowEditsWinResult(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	b := w.buyer(t, w.cfo, kam.RoleEconomic)
	b, err := w.e.svc.BuyingInfluences.Update(w.e.ctx, service.ActorOf(w.rep), b.ID, b.Version, func(v *kam.BuyingInfluence) error {
		v.BusinessResult, v.PersonalWin, v.Evidence = "降低库存成本", "升任副总", "三月会议纪要"
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sheet := "/opportunities/" + itoa(w.opp.ID)
	for _, l := range []kam.Locale{kam.LocaleEN, kam.LocaleZH} {
		mustStatus(t, w.c.post("/lang", url.Values{"lang": {string(l)}, "next": {"/"}}), http.StatusSeeOther)
		row := buyerRowOf(t, w.c.get(sheet).Body, b.ID)
		fid := "b-" + itoa(b.ID)
		mustContain(t, &response{Body: row},
			`<label>`+msg(l, "f.business_result")+`<textarea form="`+fid+`" name="business_result" rows="2">降低库存成本</textarea></label>`,
			`<label>`+msg(l, "f.personal_win")+`<textarea form="`+fid+`" name="personal_win" rows="2">升任副总</textarea></label>`)
	}
	form := rowFields(t, buyerRowOf(t, w.c.get(sheet).Body, b.ID), "b-"+itoa(b.ID))
	if form.Get("business_result") != "降低库存成本" || form.Get("version") != itoa(b.Version) || form.Get("influence") != "high" {
		t.Fatalf("the row submits %v", form)
	}
	form.Set("business_result", "库存周转提升 20%")
	form.Set("personal_win", "")
	mustStatus(t, w.c.post("/influences/"+itoa(b.ID), form), http.StatusSeeOther)
	got, _ := w.e.svc.BuyingInfluences.Get(w.e.ctx, kam.System, b.ID)
	if got.BusinessResult != "库存周转提升 20%" || got.PersonalWin != "" {
		t.Errorf("the row's texts were not saved: result %q, win %q", got.BusinessResult, got.PersonalWin)
	}
	if got.Evidence != "三月会议纪要" || !got.HasRole(kam.RoleEconomic) || got.Influence != kam.InfluenceHigh || got.Rating == nil || *got.Rating != 4 {
		t.Errorf("saving the row changed what it did not edit: %+v", got)
	}
	if row := buyerRowOf(t, w.c.get(sheet).Body, b.ID); !strings.Contains(row, `name="personal_win" rows="2"></textarea>`) {
		t.Errorf("the emptied personal win is not shown empty: %.600s", row)
	}
}

// TestBuyerRowWinResultConflict: a row saved over someone else's change
// comes back as the full form with the row's texts laid on the current
// record (what changed labelled), and re-submitting it saves them.
func TestBuyerRowWinResultConflict(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	b := w.buyer(t, w.cfo, kam.RoleEconomic)
	sheet := "/opportunities/" + itoa(w.opp.ID)
	stale := rowFields(t, buyerRowOf(t, w.c.get(sheet).Body, b.ID), "b-"+itoa(b.ID))
	// Meanwhile a colleague records the personal win and evidence.
	if _, err := w.e.svc.BuyingInfluences.Update(w.e.ctx, service.ActorOf(w.rep), b.ID, b.Version, func(v *kam.BuyingInfluence) error {
		v.PersonalWin, v.Evidence = "升任副总", "三月会议纪要"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	path := "/influences/" + itoa(b.ID)
	stale.Set("business_result", "降低库存成本")
	r := w.c.post(path, stale)
	mustStatus(t, r, http.StatusConflict)
	mustContain(t, r, "conflict-h", msg(kam.LocaleEN, "f.business_result"), ">降低库存成本</textarea>", "三月会议纪要")
	form := formFields(t, r.Body, path)
	if form.Get("business_result") != "降低库存成本" {
		t.Errorf("the conflict form lost the row's business result: %q", form.Get("business_result"))
	}
	// The row posted an empty personal win; the form shows what the user
	// sent on top of the record, as for every field the row has.
	if got := form.Get("personal_win"); got != "" {
		t.Errorf("the conflict form's personal win = %q, want the row's (empty) value", got)
	}
	rows := conflictRows(t, r.Body)
	if got := rows[msg(kam.LocaleEN, "f.personal_win")]; got != [3]string{"升任副总", "—", "changed"} {
		t.Errorf("the conflict's personal-win row = %q (rows %q)", got, rows)
	}
	form.Set("personal_win", "升任副总")
	mustStatus(t, w.c.post(path, form), http.StatusSeeOther)
	got, _ := w.e.svc.BuyingInfluences.Get(w.e.ctx, kam.System, b.ID)
	if got.BusinessResult != "降低库存成本" || got.PersonalWin != "升任副总" || got.Evidence != "三月会议纪要" {
		t.Errorf("after re-submitting: result %q, win %q, evidence %q", got.BusinessResult, got.PersonalWin, got.Evidence)
	}
}

// TestBuyerRowKeepsADisabledCounterpart: a counterpart whose user was
// disabled is no longer offered to new buyers, but a row (and the full
// form) that has them still shows them chosen, so saving the row for
// another change does not clear the counterpart.
func TestBuyerRowKeepsADisabledCounterpart(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	e := w.e
	vp := e.user("vp@example.com", "陈副总", kam.RoleRep, w.rep.TeamID, false)
	b := w.buyer(t, w.cfo, kam.RoleEconomic)
	b, err := e.svc.BuyingInfluences.Update(e.ctx, service.ActorOf(w.rep), b.ID, b.Version, func(v *kam.BuyingInfluence) error {
		v.CounterpartID, v.RelationshipLevel = vp.ID, kam.RelationshipLevel("trusted_advisor")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Users.Update(e.ctx, kam.System, vp.ID, vp.Version, func(u *kam.User) error { u.Disabled = true; return nil }); err != nil {
		t.Fatal(err)
	}
	sheet := "/opportunities/" + itoa(w.opp.ID)
	form := rowFields(t, buyerRowOf(t, w.c.get(sheet).Body, b.ID), "b-"+itoa(b.ID))
	if got := form.Get("counterpart_id"); got != itoa(vp.ID) {
		t.Fatalf("the row submits counterpart %q, want %d (陈副总)", got, vp.ID)
	}
	form.Set("influence", "medium")
	mustStatus(t, w.c.post("/influences/"+itoa(b.ID), form), http.StatusSeeOther)
	got, _ := e.svc.BuyingInfluences.Get(e.ctx, kam.System, b.ID)
	if got.CounterpartID != vp.ID || got.Influence != kam.InfluenceMedium {
		t.Errorf("after saving the row: counterpart %d, influence %s", got.CounterpartID, got.Influence)
	}
	full := formFields(t, w.c.get("/influences/"+itoa(b.ID)+"/edit").Body, "/influences/"+itoa(b.ID))
	if got := full.Get("counterpart_id"); got != itoa(vp.ID) {
		t.Errorf("the full form submits counterpart %q, want %d", got, vp.ID)
	}
	// A new buyer is not offered the disabled user.
	if strings.Contains(w.c.get(sheet+"/buyers/new").Body, "陈副总") {
		t.Errorf("the new-buyer form offers a disabled user as counterpart")
	}
}

// TestPrintViewGroupsFlags: the print view lists open red flags one line
// per rule, naming the buyers a rule was raised on, so a deal with many
// buyers still prints on one page.
func TestPrintViewGroupsFlags(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	w.buyer(t, w.cfo, kam.RoleUser)
	w.buyer(t, w.it, kam.RoleUser)
	r := w.c.get("/opportunities/" + itoa(w.opp.ID) + "/print")
	mustStatus(t, r, http.StatusOK)
	rule, _ := method.Rule(method.RuleNoCounterpart)
	// A medium flag: in the paragraph after the high ones, without its next
	// step, so the many flags of a messy deal still fit the page.
	mustContain(t, r, rule.Title.In(kam.LocaleEN)+" · 李财务, 赵工")
	if n := strings.Count(r.Body, rule.Title.In(kam.LocaleEN)); n != 1 {
		t.Errorf("%q is printed %d times, want once", rule.Title.In(kam.LocaleEN), n)
	}
	if strings.Contains(r.Body, rule.Next.In(kam.LocaleEN)) {
		t.Errorf("the medium flag's next step is printed")
	}
	// A high flag keeps its next step on its own line.
	high, _ := method.Rule(method.RuleNoCoach)
	mustContain(t, r, "<strong>"+high.Title.In(kam.LocaleEN)+"</strong>")
}
