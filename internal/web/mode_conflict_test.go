package web

import (
	"net/http"
	"net/url"
	"testing"

	"kam/internal/kam"
	"kam/internal/service"
)

// TestModeHelperConflictListsOnlyMode: the response-mode helper posts only
// the mode; on a stale version its conflict table compares that field
// alone, not VITO and the roles the user never saw.
func TestModeHelperConflictListsOnlyMode(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	mustStatus(t, w.c.post("/lang", url.Values{"lang": {"en"}, "next": {"/"}}), http.StatusSeeOther)
	b := w.buyer(t, w.cfo, kam.RoleCoach)
	if _, err := w.e.svc.BuyingInfluences.Update(w.e.ctx, service.ActorOf(w.rep), b.ID, b.Version, func(v *kam.BuyingInfluence) error {
		v.VITO, v.Influence = true, kam.InfluenceLow
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	r := w.c.post("/influences/"+itoa(b.ID)+"/mode", url.Values{"version": {itoa(b.Version)}, "mode": {string(kam.ModeTrouble)}})
	mustStatus(t, r, http.StatusConflict)
	rows := conflictRows(t, r.Body)
	mode := msg(kam.LocaleEN, "f.mode")
	if len(rows) != 1 {
		t.Errorf("the mode helper's conflict lists %q, want only %q", rows, mode)
	}
	if got := rows[mode]; got != [3]string{kam.Label(kam.ModeGrowth).In(kam.LocaleEN), kam.Label(kam.ModeTrouble).In(kam.LocaleEN), "changed"} {
		t.Errorf("conflict row %q = %q", mode, got)
	}
}
