package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
)

// TestUnitEditForm: a department is renamed and moved from its own form
// (linked from the account page); a blank name and a move under its own
// part are refused beside their fields with the typed values kept; a stale
// form shows the conflict and re-applies.
func TestUnitEditForm(t *testing.T) {
	t.Parallel()
	d := newDemo(t)
	parent, child := d.units[0], d.units[1] // 信息部 is part of 财务部
	other, err := d.e.svc.OrgUnits.Create(d.e.ctx, service.ActorOf(d.rep), kam.OrgUnit{AccountID: d.acct.ID, Name: "采购部"})
	if err != nil {
		t.Fatal(err)
	}
	path := "/units/" + itoa(child.ID)
	mustContain(t, d.c.get("/accounts/"+itoa(d.acct.ID)), `href="`+path+`/edit"`)
	page := d.c.get(path + "/edit")
	mustStatus(t, page, http.StatusOK)
	form := formFields(t, page.Body, path)
	if form.Get("name") != "信息部" || form.Get("parent_id") != itoa(parent.ID) {
		t.Fatalf("edit form = %v", form)
	}
	// Its own part is not offered as its parent.
	grand, err := d.e.svc.OrgUnits.Create(d.e.ctx, service.ActorOf(d.rep), kam.OrgUnit{AccountID: d.acct.ID, Name: "运维组", ParentID: child.ID})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(d.c.get(path+"/edit").Body, `<option value="`+itoa(grand.ID)+`"`) {
		t.Errorf("a department's own part is offered as its parent")
	}
	bad := url.Values{"name": {"  "}, "parent_id": {itoa(other.ID)}, "version": {form.Get("version")}}
	r := d.c.post(path, bad)
	mustStatus(t, r, http.StatusUnprocessableEntity)
	mustContain(t, r, `id="f-name-error"`, `<option value="`+itoa(other.ID)+`" selected>`)
	r = d.c.post(path, url.Values{"name": {"信息中心"}, "parent_id": {itoa(grand.ID)}, "version": {form.Get("version")}})
	mustStatus(t, r, http.StatusUnprocessableEntity)
	mustContain(t, r, `id="f-parent_id-error"`, `value="信息中心"`)

	form.Set("name", "信息中心")
	form.Set("parent_id", itoa(other.ID))
	mustStatus(t, d.c.post(path, form), http.StatusSeeOther)
	got, _ := d.e.svc.OrgUnits.Get(d.e.ctx, kam.System, child.ID)
	if got.Name != "信息中心" || got.ParentID != other.ID {
		t.Fatalf("not renamed and moved: %+v", got)
	}
	// The same (now stale) form again: a conflict, labelled, and re-applied.
	form.Set("name", "信息技术部")
	r = d.c.post(path, form)
	mustStatus(t, r, http.StatusConflict)
	rows := conflictRows(t, r.Body)
	if rows["Department name"] != [3]string{"信息中心", "信息技术部", "changed"} || rows["Part of"][0] != "采购部" {
		t.Errorf("conflict rows = %q", rows)
	}
	mustStatus(t, d.c.post(path, formFields(t, r.Body, path)), http.StatusSeeOther)
	if got, _ := d.e.svc.OrgUnits.Get(d.e.ctx, kam.System, child.ID); got.Name != "信息技术部" {
		t.Errorf("re-applied name not saved: %q", got.Name)
	}
}

// TestSWOTEditForm: a SWOT item is edited on its own form (linked from the
// sheet); an empty text is refused beside it; a stale form conflicts and
// re-applies.
func TestSWOTEditForm(t *testing.T) {
	t.Parallel()
	d := newDemo(t)
	s := d.swot[2] // 价格偏高, a weakness
	path := "/swot/" + itoa(s.ID)
	mustContain(t, d.c.get("/opportunities/"+itoa(d.opp.ID)), `href="`+path+`/edit"`)
	page := d.c.get(path + "/edit")
	mustStatus(t, page, http.StatusOK)
	form := formFields(t, page.Body, path)
	if form.Get("kind") != "weakness" || form.Get("text") != "价格偏高" {
		t.Fatalf("edit form = %v", form)
	}
	r := d.c.post(path, url.Values{"kind": {"threat"}, "text": {""}, "version": {form.Get("version")}})
	mustStatus(t, r, http.StatusUnprocessableEntity)
	mustContain(t, r, `id="f-text-error"`, `<option value="threat" selected>`)
	form.Set("text", "价格比对手高 10%")
	form.Set("kind", "threat")
	mustStatus(t, d.c.post(path, form), http.StatusSeeOther)
	got, _ := d.e.svc.SWOTItems.Get(d.e.ctx, kam.System, s.ID)
	if got.Text != "价格比对手高 10%" || got.Kind != kam.SWOTThreat {
		t.Fatalf("not saved: %+v", got)
	}
	form.Set("text", "价格偏高，但服务更好")
	r = d.c.post(path, form)
	mustStatus(t, r, http.StatusConflict)
	if rows := conflictRows(t, r.Body); rows["Text"] != [3]string{"价格比对手高 10%", "价格偏高，但服务更好", "changed"} || rows["Kind"][2] != "" {
		t.Errorf("conflict rows = %q", rows)
	}
	mustStatus(t, d.c.post(path, formFields(t, r.Body, path)), http.StatusSeeOther)
	if got, _ := d.e.svc.SWOTItems.Get(d.e.ctx, kam.System, s.ID); got.Text != "价格偏高，但服务更好" {
		t.Errorf("re-applied text not saved: %q", got.Text)
	}
}

// TestQuotaEditForm: a manager edits a quota in its row of /quotas; a bad
// amount comes back in that row, opened, with the error beside the amount;
// a stale form conflicts and re-applies; a rep sees no edit forms.
func TestQuotaEditForm(t *testing.T) {
	t.Parallel()
	d := newDemo(t)
	q := d.quotas[0]
	path := "/quotas/" + itoa(q.ID)
	page := d.mc.get("/quotas")
	mustStatus(t, page, http.StatusOK)
	pre := "f-q" + itoa(q.ID) + "-"
	mustContain(t, page, `id="`+pre+`amount"`, `<label for="`+pre+`amount">`)
	form := formFields(t, page.Body, path)
	if form.Get("amount") != "3000000" || form.Get("period") != "2026Q1" || form.Get("user_id") != itoa(d.rep.ID) {
		t.Fatalf("edit form = %v", form)
	}
	typed := url.Values{}
	for k, v := range form {
		typed[k] = v
	}
	typed.Set("amount", "三百万")
	r := d.mc.post(path, typed)
	mustStatus(t, r, http.StatusUnprocessableEntity)
	row := r.Body[strings.Index(r.Body, `action="`+path+`"`)-400:]
	mustContain(t, &response{Body: row}, "<details open>", `id="`+pre+`amount-error"`, `value="三百万"`)
	form.Set("amount", "3500000")
	mustStatus(t, d.mc.post(path, form), http.StatusSeeOther)
	if got, _ := d.e.svc.Quotas.Get(d.e.ctx, kam.System, q.ID); got.Amount != 3_500_000 {
		t.Fatalf("amount not saved: %d", got.Amount)
	}
	form.Set("amount", "4000000")
	r = d.mc.post(path, form)
	mustStatus(t, r, http.StatusConflict)
	if rows := conflictRows(t, r.Body); rows["Amount"] != [3]string{"3500000", "4000000", "changed"} {
		t.Errorf("conflict rows = %q", rows)
	}
	mustStatus(t, d.mc.post(path, formFields(t, r.Body, path)), http.StatusSeeOther)
	if got, _ := d.e.svc.Quotas.Get(d.e.ctx, kam.System, q.ID); got.Amount != 4_000_000 {
		t.Errorf("re-applied amount not saved: %d", got.Amount)
	}
	if strings.Contains(d.c.get("/quotas").Body, `action="`+path+`"`) {
		t.Errorf("a rep is offered the quota's edit form")
	}
}

// TestFunnelCurrency: the funnel's picture and figures are in the currency
// of the quota in view, else of the deals in view, never a fixed CNY.
func TestFunnelCurrency(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	a := service.ActorOf(w.rep)
	if _, err := w.e.svc.Opportunities.Update(w.e.ctx, a, w.opp.ID, w.opp.Version, func(o *kam.Opportunity) error {
		o.Currency, o.CloseDate = "EUR", kam.MustDate("2026-03-20")
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	picture := func(body string) string {
		i := strings.Index(body, `<div class="picture">`)
		return body[i : i+strings.Index(body[i:], "</div>")]
	}
	// No quota: the deals' currency.
	r := w.c.get("/funnel")
	mustStatus(t, r, http.StatusOK)
	if p := picture(r.Body); !strings.Contains(p, "EUR ") || strings.Contains(p, "CNY") {
		t.Errorf("with EUR deals and no quota, the funnel picture says:\n%s", p)
	}
	mustContain(t, r, "1,200,000 EUR")
	// A USD quota for the period wins.
	if _, err := w.e.svc.Quotas.Create(w.e.ctx, kam.System, kam.Quota{UserID: w.rep.ID, Period: "2026Q1", Amount: 5_000_000, Currency: "USD"}); err != nil {
		t.Fatal(err)
	}
	r = w.c.get("/funnel")
	if p := picture(r.Body); !strings.Contains(p, "USD 5,000,000") || strings.Contains(p, "CNY") {
		t.Errorf("with a USD quota, the funnel picture says:\n%s", p)
	}
	mustContain(t, r, "5,000,000 USD")
	if strings.Contains(r.Body, "¥") {
		t.Errorf("a USD funnel shows ¥")
	}
}

// TestGroupTreeShowsTheSubtree: the account page's group tree nests every
// subsidiary under its parent, grandchildren included, down to
// maxGroupDepth levels, then says there is more; the tree read level by
// level (when the user sees too many accounts to read them all) is the
// same as the one built from the page's account list.
func TestGroupTreeShowsTheSubtree(t *testing.T) {
	t.Parallel()
	d := newDemo(t)
	r := d.c.get("/accounts/" + itoa(d.acct.ID))
	mustStatus(t, r, http.StatusOK)
	i := strings.Index(r.Body, `id="h-group"`)
	tree := r.Body[i : i+strings.Index(r.Body[i:], "</section>")]
	li := func(a kam.Account) string { return `<li>↳ <a href="/accounts/` + itoa(a.ID) + `">` + a.Name + `</a>` }
	// 华信集团 › 华信软件 › (苏州, 成都); 华信集团 › 华信物流.
	want := `<ul>` + li(d.subs[0]) + `<ul>` + li(d.subs[2]) + `</li>` + li(d.subs[3]) + `</li></ul></li>` + li(d.subs[1]) + `</li></ul>`
	if !strings.Contains(tree, want) {
		t.Errorf("group tree lacks the nested subtree %s:\n%s", want, tree)
	}
	if !strings.Contains(tree, `↑ <a href="/accounts/`+itoa(d.parent.ID)+`">`) {
		t.Errorf("group tree lacks the parent")
	}

	// A chain deeper than the tree shows.
	a := service.ActorOf(d.rep)
	parent := d.subs[3]
	var chain []kam.Account
	for i := 0; i < maxGroupDepth+2; i++ {
		x, err := d.e.svc.Accounts.Create(d.e.ctx, a, kam.Account{Name: "层级 " + itoa(int64(i)), ParentID: parent.ID})
		if err != nil {
			t.Fatal(err)
		}
		chain = append(chain, x)
		parent = x
	}
	r = d.c.get("/accounts/" + itoa(d.acct.ID))
	// 华信软件 is level 1 and 成都 level 2, so the chain shows maxGroupDepth-2 levels.
	shown := maxGroupDepth - 2
	if !strings.Contains(r.Body, li(chain[shown-1])) || strings.Contains(r.Body, li(chain[shown])) {
		t.Errorf("the tree should stop after %s", chain[shown-1].Name)
	}
	mustContain(t, r, chain[shown-1].Name+`</a> <small>`+msg(kam.LocaleEN, "accounts.group_more")+`</small>`)

	// Level by level gives the same tree.
	all, err := listAll(d.e.ctx, d.e.svc.Accounts, a, store.AccountFilter{}, maxChoices)
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("GET", "/", nil)
	c := &call{Actor: a, User: d.rep}
	fromList, err := d.e.app.groupTree(req, c, d.acct.ID, all)
	if err != nil {
		t.Fatal(err)
	}
	byLevel, err := d.e.app.groupTree(req, c, d.acct.ID, make([]kam.Account, maxChoices))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fromList, byLevel) {
		t.Errorf("level by level:\n%+v\nfrom the list:\n%+v", byLevel, fromList)
	}
}
