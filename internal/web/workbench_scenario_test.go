package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"kam/internal/kam"
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
// weight budget: HTML under 120 KB, the JS and CSS it references under
// 30 KB each.
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
