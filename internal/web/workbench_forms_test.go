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
