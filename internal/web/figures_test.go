package web

import (
	"maps"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
)

// TestFunnelDrawingCountsWonDeals: the funnel picture's won band counts the
// deals won in the period, in both languages (it read a level the report
// never fills and said 0).
func TestFunnelDrawingCountsWonDeals(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	if _, err := w.e.svc.Opportunities.Update(w.e.ctx, service.ActorOf(w.rep), w.opp.ID, w.opp.Version, func(o *kam.Opportunity) error {
		o.Level = kam.LevelWon
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, l := range []kam.Locale{kam.LocaleEN, kam.LocaleZH} {
		inLocale(t, w.c, l)
		r := w.c.get("/funnel?period=2026Q1")
		mustStatus(t, r, http.StatusOK)
		i := strings.Index(r.Body, `<g class="kam-fn-band kam-level-won">`)
		if i < 0 {
			t.Fatalf("%s: no won band in the funnel picture", l)
		}
		band := r.Body[i : i+strings.Index(r.Body[i:], "</g>")]
		want := map[kam.Locale]string{kam.LocaleEN: ">1 deal", kam.LocaleZH: ">1 个"}[l]
		if !strings.Contains(band, want) {
			t.Errorf("%s: the won band says %q, want %q", l, band, want)
		}
	}
}

// TestMyWeekActionsInOrderAndNamed: My week lists the actions due overdue
// first, then by due date, and a manager's actions on a seller's deal
// name the deal (they were listed in id order, and as "#91" for a deal
// outside the manager's own work order).
func TestMyWeekActionsInOrderAndNamed(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	e := w.e
	mgr := e.user("boss@example.com", "钱经理", kam.RoleManager, e.getUser(w.rep.ID).TeamID, false)
	for _, x := range []struct {
		title, due string
		owner      kam.User
	}{
		{"准备方案", "2026-03-06", w.rep}, {"约见财务", "2026-03-04", w.rep}, {"补交资料", "2026-02-20", w.rep},
		{"复盘会", "2026-03-08", w.rep}, {"陪访客户", "2026-03-05", mgr}, {"审批折扣", "2026-02-27", mgr},
	} {
		if _, err := e.svc.Actions.Create(e.ctx, kam.System, kam.Action{OpportunityID: w.opp.ID, Title: x.title, OwnerID: x.owner.ID,
			Due: kam.MustDate(x.due), Status: kam.ActionOpen}); err != nil {
			t.Fatal(err)
		}
	}
	order := func(body string, titles ...string) {
		t.Helper()
		sec := sectionOf(body, "h-due")
		last := -1
		for _, title := range titles {
			i := strings.Index(sec, title)
			if i < 0 {
				t.Fatalf("My week does not list %s:\n%s", title, sec)
			}
			if i < last {
				t.Errorf("%s is listed out of order:\n%s", title, sec)
			}
			last = i
		}
		if strings.Contains(sec, "#"+itoa(w.opp.ID)) {
			t.Errorf("an action names its deal by id:\n%s", sec)
		}
		if n := strings.Count(sec, `>ERP 升级</a>`); n != len(titles) {
			t.Errorf("%d actions name their deal, want %d:\n%s", n, len(titles), sec)
		}
	}
	order(w.c.get("/").Body, "补交资料", "约见财务", "准备方案", "复盘会")
	order(e.signedIn(mgr).get("/").Body, "审批折扣", "陪访客户")
}

// TestGoneBuyersDrawnAsGone: a coach who left (rated +5) and a buyer who
// moved are drawn as gone on the relationship map, the printed sheet, the
// Markdown copy and the org chart — grey, their status in place of the
// green "+5 ✓" — and the health no longer counts the coach.
func TestGoneBuyersDrawnAsGone(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	e := w.e
	a := service.ActorOf(w.rep)
	coach := w.buyer(t, w.it, kam.RoleCoach)
	r5 := 5
	if _, err := e.svc.BuyingInfluences.Update(e.ctx, a, coach.ID, coach.Version, func(b *kam.BuyingInfluence) error { b.Rating = &r5; return nil }); err != nil {
		t.Fatal(err)
	}
	w.buyer(t, w.cfo, kam.RoleEconomic)
	before, err := e.svc.Strategy(e.ctx, a, w.opp.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []struct {
		c  kam.Contact
		st kam.ContactStatus
	}{{w.it, kam.ContactLeft}, {w.cfo, kam.ContactMoved}} {
		if _, err := e.svc.Contacts.Update(e.ctx, a, x.c.ID, x.c.Version, func(c *kam.Contact) error {
			c.Status, c.StatusDate = x.st, kam.MustDate("2026-02-20")
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	after, err := e.svc.Strategy(e.ctx, a, w.opp.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Health.Score >= before.Health.Score {
		t.Errorf("health %d after the coach left, %d before", after.Health.Score, before.Health.Score)
	}
	inLocale(t, w.c, kam.LocaleZH)
	card := func(body, name string) string {
		t.Helper()
		i := strings.Index(body, "<title>"+name+" · ")
		if i < 0 {
			t.Fatalf("no map card for %s", name)
		}
		g := strings.LastIndex(body[:i], `<g class="kam-rm-buyer`)
		end := strings.Index(body[i:], `<g class="kam-`)
		return body[g : i+end]
	}
	for _, page := range []string{"/opportunities/" + itoa(w.opp.ID), "/opportunities/" + itoa(w.opp.ID) + "/print"} {
		r := w.c.get(page)
		mustStatus(t, r, http.StatusOK)
		for name, status := range map[string]string{"赵工": "已离职", "李财务": "已调岗"} {
			c := card(r.Body, name)
			if !strings.HasPrefix(c, `<g class="kam-rm-buyer kam-gone"`) || strings.Contains(c, "kam-support-supports") || strings.Contains(c, ">+5 ✓<") ||
				!strings.Contains(c, `kam-rm-status`) || !strings.Contains(c, ">"+status+"<") {
				t.Errorf("%s: %s's map card is not drawn as gone:\n%s", page, name, c)
			}
		}
		buyers := sectionOf(r.Body, "h-buyers")
		if page != "/opportunities/"+itoa(w.opp.ID) {
			i := strings.Index(r.Body, "<tbody>")
			buyers = r.Body[i : i+strings.Index(r.Body[i:], "</tbody>")]
		}
		if !strings.Contains(buyers, `<span class="support s-gone"><s>&#43;5</s> 已离职</span>`) || strings.Contains(buyers, "s-supports") {
			t.Errorf("%s: the buyers table still counts the gone coach's support:\n%s", page, buyers)
		}
	}
	md := w.c.get("/opportunities/" + itoa(w.opp.ID) + ".md")
	mustContain(t, md, "~~+5~~ 已离职")
	org := w.c.get("/accounts/" + itoa(w.acct.ID))
	mustContain(t, org, `class="kam-oc-person kam-left"`, `class="kam-oc-person kam-moved"`)
}

// TestSelectsOfferWhatTheActorMayChoose: the funnel's owner and team
// selects and the deal's owner select offer a rep only themself (no team at
// all), and a manager their team's active users and team, never another
// team's rep, who would be refused (未找到 / 不能分配给该用户).
func TestSelectsOfferWhatTheActorMayChoose(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	e := w.e
	team := e.getUser(w.rep.ID).TeamID
	e.user("peer@example.com", "赵同事", kam.RoleRep, team, false)
	mgr := e.user("boss@example.com", "钱经理", kam.RoleManager, team, false)
	north := e.team("华北大客户部")
	e.user("north@example.com", "周北区", kam.RoleRep, north.ID, false)
	selectOf := func(body, name string) string {
		t.Helper()
		i := strings.Index(body, `name="`+name+`"`)
		if i < 0 {
			t.Fatalf("no %s select", name)
		}
		return body[i : i+strings.Index(body[i:], "</select>")]
	}
	offers := func(sel string, names ...string) {
		t.Helper()
		if n := strings.Count(sel, "<option"); n != len(names) {
			t.Errorf("%d options, want %d (%v):\n%s", n, len(names), names, sel)
		}
		for _, n := range names {
			if !strings.Contains(sel, ">"+n+"<") && !strings.HasSuffix(sel, ">"+n) {
				t.Errorf("%s is not offered:\n%s", n, sel)
			}
		}
	}
	inLocale(t, w.c, kam.LocaleZH)
	fn := w.c.get("/funnel")
	mustStatus(t, fn, http.StatusOK)
	offers(selectOf(fn.Body, "owner"), "", "王销售")
	offers(selectOf(fn.Body, "team"), "")
	edit := w.c.get("/opportunities/" + itoa(w.opp.ID) + "/edit")
	mustStatus(t, edit, http.StatusOK)
	offers(selectOf(edit.Body, "owner_id"), "王销售")

	m := e.signedIn(mgr)
	inLocale(t, m, kam.LocaleZH)
	fn = m.get("/funnel")
	offers(selectOf(fn.Body, "owner"), "", "王销售", "赵同事", "钱经理")
	offers(selectOf(fn.Body, "team"), "", "华东大客户部")
	edit = m.get("/opportunities/" + itoa(w.opp.ID) + "/edit")
	mustStatus(t, edit, http.StatusOK)
	offers(selectOf(edit.Body, "owner_id"), "王销售", "赵同事", "钱经理")
}

// TestHistoryReadsAsWords: a deal's history (变更历史) says who did what in
// the reader's language, each changed field by its name with labels and
// names ("漏斗位置 最佳少数 → 漏斗之中", "负责人 王销售 → 李同事"), an
// accepted red flag by its title and person — never a field's JSON name, a
// code, an id or a fingerprint; the admin's filter offers kinds of record.
func TestHistoryReadsAsWords(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	e := w.e
	a := service.ActorOf(w.rep)
	mgr := e.user("boss@example.com", "钱经理", kam.RoleManager, e.getUser(w.rep.ID).TeamID, false)
	peer := e.user("peer@example.com", "李同事", kam.RoleRep, e.getUser(w.rep.ID).TeamID, false)
	o, err := e.svc.Opportunities.Update(e.ctx, a, w.opp.ID, w.opp.Version, func(o *kam.Opportunity) error { o.Level = kam.LevelBestFew; return nil })
	if err != nil {
		t.Fatal(err)
	}
	if o, err = e.svc.Opportunities.Update(e.ctx, a, o.ID, o.Version, func(o *kam.Opportunity) error { o.Level = kam.LevelIn; return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err = e.svc.Opportunities.Update(e.ctx, service.ActorOf(mgr), o.ID, o.Version, func(o *kam.Opportunity) error { o.OwnerID = peer.ID; return nil }); err != nil {
		t.Fatal(err)
	}
	coach := w.buyer(t, w.it, kam.RoleEconomic)
	fs, err := e.svc.Findings(e.ctx, kam.System, w.opp.ID)
	if err != nil {
		t.Fatal(err)
	}
	var accepted string
	for _, f := range fs {
		if f.Subject == "influence:"+itoa(coach.ID) {
			if _, err := e.svc.AcceptFinding(e.ctx, kam.System, w.opp.ID, f.Rule, f.Subject, "客户已确认"); err != nil {
				t.Fatal(err)
			}
			accepted = f.Title.In(kam.LocaleZH)
			break
		}
	}
	if accepted == "" {
		t.Fatal("no red flag about the buyer to accept")
	}
	admin := e.signedIn(e.admin)
	inLocale(t, admin, kam.LocaleZH)
	r := admin.get("/audit/opportunity/" + itoa(w.opp.ID))
	mustStatus(t, r, http.StatusOK)
	mustContain(t, r,
		`<span class="audit-field">漏斗位置</span> <del>最佳少数</del> → <ins>漏斗之中</ins>`,
		`<span class="audit-field">漏斗位置</span> <del>漏斗之中</del> → <ins>最佳少数</ins>`,
		`<strong class="audit-by">钱经理</strong> <span class="audit-verb">修改</span> 商机「<span class="audit-subject">ERP 升级</span>」`,
		`<span class="audit-field">负责人</span> <del>王销售</del> → <ins>李同事</ins>`,
		`<span class="audit-verb">创建</span> 商机「<span class="audit-subject">ERP 升级</span>」`,
		`<span class="audit-verb">接受小红旗</span> 商机「<span class="audit-subject">`+accepted+`（赵工）</span>」`,
		`客户已确认`)
	main := r.Body[strings.Index(r.Body, "<main"):]
	for _, raw := range []string{"owner_id", "best_few", ">in<", "update", "create", "accept", "influence:", "fingerprint", "#" + itoa(peer.ID), "opportunity #"} {
		if strings.Contains(main, raw) {
			t.Errorf("the history shows %q", raw)
		}
	}
	f := admin.get("/admin/audit")
	mustContain(t, f, `<select id="f-entity" name="entity">`, `<option value="opportunity">商机</option>`)
	mustStatus(t, admin.get("/admin/audit?entity=nonsense"), http.StatusUnprocessableEntity)
}

// TestEveryHistoryFieldHasAName: every field a history can list has a name
// in both languages — none falls back to "(changed)" or its JSON name.
func TestEveryHistoryFieldHasAName(t *testing.T) {
	t.Parallel()
	kinds := map[string]reflect.Type{}
	maps.Copy(kinds, auditTypes)
	for _, action := range []string{"accept", "share", "rate"} {
		tp, _ := auditTypeOf(kam.AuditRecord{Action: action, Entity: "account"})
		kinds["account"+action] = tp
	}
	for entity, tp := range kinds {
		for _, f := range reflect.VisibleFields(tp) {
			key, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if f.Anonymous || key == "" || key == "-" || auditSkipped[key] || !f.IsExported() {
				continue
			}
			name := auditField(entity, key)
			if name == messages["audit.changed"] || name.EN == "" || name.ZH == "" || strings.Contains(name.EN, "_") {
				t.Errorf("%s.%s has no name in the history: %v", entity, key, name)
			}
		}
	}
}

// mergeHostileForm attacks a merge form: whatever into_id holds, a merge
// into the record itself, into nothing or into a record of no such id is
// refused with a field error and moves nothing.
func mergeHostileForm(name, path string, id func(*hostileWorld) int64) hostileForm {
	return hostileForm{
		name: name, method: "POST", as: asAdmin,
		path:   func(w *hostileWorld) string { return strings.Replace(path, "{id}", itoa(id(w)), 1) },
		fields: []string{"into_id"},
		base:   func(w *hostileWorld, _ int) url.Values { return url.Values{"into_id": {itoa(id(w))}} },
	}
}

func init() {
	hostileForms = append(hostileForms,
		mergeHostileForm("merge account", "/accounts/{id}/merge", func(w *hostileWorld) int64 { return w.account().ID }),
		mergeHostileForm("merge contact", "/contacts/{id}/merge", func(w *hostileWorld) int64 { return w.recs().ct.ID }))
}

// TestDuplicateAccountWarnsAndAdminMerges: a second 华信集团 from the form
// warns and links to the first instead of being created; "create anyway"
// creates it; an admin merges it into the first from its page, and the
// history says so. A second contact with the first one's mobile warns too.
func TestDuplicateAccountWarnsAndAdminMerges(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	e := w.e
	inLocale(t, w.c, kam.LocaleZH)
	form := url.Values{"name": {"华信 集团"}, "owner_id": {itoa(w.rep.ID)}}
	r := w.c.post("/accounts", form)
	mustStatus(t, r, http.StatusOK)
	mustContain(t, r, `id="duplicates"`, `<a href="/accounts/`+itoa(w.acct.ID)+`">华信集团</a>`, `name="duplicate_ok" value="1"`)
	accts, _, err := e.svc.Accounts.List(e.ctx, kam.System, store.AccountFilter{Query: "华信"})
	if err != nil || len(accts) != 1 {
		t.Fatalf("after the warning there are %d accounts named 华信 (%v)", len(accts), err)
	}
	form.Set("duplicate_ok", "1")
	r = w.c.post("/accounts", form)
	mustStatus(t, r, http.StatusSeeOther)
	twinURL := r.Location()

	// A contact with 张总's mobile under another name.
	if _, err := e.svc.Contacts.Update(e.ctx, service.ActorOf(w.rep), w.ceo.ID, w.ceo.Version, func(c *kam.Contact) error { c.Phone = "13800138000"; return nil }); err != nil {
		t.Fatal(err)
	}
	r = w.c.post("/contacts", url.Values{"account_id": {itoa(w.acct.ID)}, "name": {"张建国"}, "phone": {"138 0013 8000"}, "status": {"active"}})
	mustStatus(t, r, http.StatusOK)
	mustContain(t, r, `id="duplicates"`, `<a href="/contacts/`+itoa(w.ceo.ID)+`">张总 · 总经理</a>`)

	admin := e.signedIn(e.admin)
	inLocale(t, admin, kam.LocaleZH)
	page := admin.get(twinURL)
	mustContain(t, page, `action="`+twinURL+`/merge"`, `<option value="`+itoa(w.acct.ID)+`">华信集团</option>`)
	if strings.Contains(w.c.get(twinURL).Body, "/merge") {
		t.Error("a rep is offered the merge")
	}
	mustStatus(t, w.c.post(twinURL+"/merge", url.Values{"into_id": {itoa(w.acct.ID)}}), http.StatusNotFound)
	r = admin.post(twinURL+"/merge", url.Values{"into_id": {itoa(w.acct.ID)}})
	mustStatus(t, r, http.StatusSeeOther)
	if r.Location() != "/accounts/"+itoa(w.acct.ID) {
		t.Errorf("after the merge: %s", r.Location())
	}
	mustStatus(t, admin.get(twinURL), http.StatusNotFound)
	h := admin.get("/audit/account/" + itoa(w.acct.ID))
	mustContain(t, h, `<span class="audit-verb">合并</span> 客户企业「<span class="audit-subject">华信 集团 → 华信集团</span>」`)
}
