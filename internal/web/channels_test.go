package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kam/internal/kam"
)

// An admin adds a channel, its address never shows again, the test button
// puts a push on the deliveries list, a manager keeps their team's channel
// only, a seller finds no such pages, and deleting removes it.
func TestChannelPages(t *testing.T) {
	e := newEnv(t)
	tm := e.team("North")
	mgr := e.user("mgr@example.com", "Mia Manager", kam.RoleManager, tm.ID, false)
	rep := e.user("rep@example.com", "Rep", kam.RoleRep, tm.ID, false)
	admin := e.signedIn(e.admin)
	const hook = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRET-KEY-123"
	r := admin.post("/channels", url.Values{"name": {"Sales group"}, "kind": {"wecom"}, "locale": {"zh-CN"},
		"url": {hook}, "events": {"deal_moved", "flag_new_high"}, "mentions": {itoa(rep.ID) + " user:zhangsan\n" + itoa(rep.ID) + " mobile:13800000000"}})
	mustStatus(t, r, http.StatusSeeOther)
	loc := r.Location()
	if !strings.HasPrefix(loc, "/channels/") {
		t.Fatalf("created channel at %q", loc)
	}
	page := admin.get(loc)
	mustStatus(t, page, http.StatusOK)
	mustContain(t, page, "Sales group", itoa(rep.ID)+" user:zhangsan", itoa(rep.ID)+" mobile:13800000000")
	if strings.Contains(page.Body, "SECRET-KEY-123") || strings.Contains(admin.get("/channels").Body, "SECRET-KEY-123") {
		t.Error("the webhook address is shown again")
	}
	mustStatus(t, admin.post(loc+"/test", url.Values{}), http.StatusSeeOther)
	mustContain(t, admin.get(loc), "test", "pending")

	// Edit keeps the stored address when the field is left empty.
	id := strings.TrimPrefix(loc, "/channels/")
	ch, err := e.svc.PushChannel(e.ctx, kam.System, mustChannelID(t, id))
	if err != nil {
		t.Fatal(err)
	}
	r = admin.post(loc, url.Values{"name": {"Sales group 2"}, "kind": {"wecom"}, "locale": {"en"}, "version": {itoa(ch.Version)}, "events": {"deal_moved"}})
	mustStatus(t, r, http.StatusSeeOther)
	if ch, _ = e.svc.PushChannel(e.ctx, kam.System, ch.ID); ch.Name != "Sales group 2" || ch.Locale != kam.LocaleEN || len(ch.Events) != 1 {
		t.Errorf("after edit %+v", ch)
	}
	// A bad mentions line is refused on the form.
	r = admin.post(loc, url.Values{"name": {"X"}, "kind": {"wecom"}, "locale": {"en"}, "version": {itoa(ch.Version)}, "mentions": {"someone"}})
	mustStatus(t, r, http.StatusUnprocessableEntity)

	m := e.signedIn(mgr)
	mustStatus(t, m.get(loc), http.StatusNotFound)
	r = m.post("/channels", url.Values{"name": {"Team North"}, "kind": {"slack"}, "locale": {"en"}, "url": {"https://hooks.slack.com/services/T/B/X"}})
	mustStatus(t, r, http.StatusSeeOther)
	if mc, _ := e.svc.PushChannels(e.ctx, actorOf(mgr)); len(mc) != 1 || mc[0].TeamID != tm.ID {
		t.Errorf("manager's channels %+v", mc)
	}
	s := e.signedIn(rep)
	mustStatus(t, s.get("/channels"), http.StatusNotFound)
	mustStatus(t, s.post("/channels", url.Values{"name": {"x"}, "kind": {"slack"}, "locale": {"en"}, "url": {"https://hooks.slack.com/services/T/B/X"}}), http.StatusNotFound)

	mustStatus(t, admin.post(loc+"/delete", url.Values{}), http.StatusSeeOther)
	mustStatus(t, admin.get(loc), http.StatusNotFound)
}

func actorOf(u kam.User) kam.Actor { return kam.Actor{UserID: u.ID, Role: u.Role, TeamID: u.TeamID} }

func mustChannelID(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	for _, r := range s {
		if r < '0' || r > '9' {
			t.Fatalf("not an id: %q", s)
		}
		n = n*10 + int64(r-'0')
	}
	return n
}
