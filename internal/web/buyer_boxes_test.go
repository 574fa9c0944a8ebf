package web

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"kam/internal/kam"
	"kam/internal/service"
)

// TestBuyerFormRefusedKeepsUncheckedBoxes: the full buyer form refused (a
// version conflict, a field error) comes back with the boxes as the user
// left them — VITO unchecked, only "user" or no role at all — not checked
// again from the stored record (an unchecked box posts nothing); saving the
// form as rendered writes them.
func TestBuyerFormRefusedKeepsUncheckedBoxes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		status int
		roles  []string
	}{
		{"conflict", http.StatusConflict, []string{"user"}},
		{"field error", http.StatusUnprocessableEntity, []string{"user"}},
		{"conflict, no role", http.StatusConflict, nil},
		{"field error, no role", http.StatusUnprocessableEntity, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := newWorkbench(t)
			b := w.buyer(t, w.cfo, kam.RoleCoach, kam.RoleEconomic)
			b, err := w.e.svc.BuyingInfluences.Update(w.e.ctx, service.ActorOf(w.rep), b.ID, b.Version, func(v *kam.BuyingInfluence) error { v.VITO = true; return nil })
			if err != nil {
				t.Fatal(err)
			}
			path := "/influences/" + itoa(b.ID)
			form := formFields(t, w.c.get(path+"/edit").Body, path)
			if form.Get("vito") != "on" || !sameSet(form["roles"], []string{"coach", "economic"}) {
				t.Fatalf("the edit form does not show the stored boxes: vito %q, roles %q", form.Get("vito"), form["roles"])
			}
			form.Del("vito")
			form.Del("roles")
			if tc.roles != nil {
				form["roles"] = tc.roles
			}
			if tc.status == http.StatusConflict {
				if _, err := w.e.svc.BuyingInfluences.Update(w.e.ctx, service.ActorOf(w.rep), b.ID, b.Version, func(v *kam.BuyingInfluence) error {
					v.Influence = kam.InfluenceMedium
					return nil
				}); err != nil {
					t.Fatal(err)
				}
			} else {
				form.Set("rating", "many")
			}
			r := w.c.post(path, form)
			mustStatus(t, r, tc.status)
			again := formFields(t, r.Body, path)
			if again.Has("vito") {
				t.Errorf("the refused form shows VITO checked (%q); the user unchecked it", again["vito"])
			}
			if !slices.Equal(nonEmpty(again["roles"]), tc.roles) {
				t.Errorf("the refused form shows roles %q, want %q", again["roles"], tc.roles)
			}
			if tc.status == http.StatusUnprocessableEntity {
				again.Set("rating", "2")
			}
			mustStatus(t, w.c.post(path, again), http.StatusSeeOther)
			got, _ := w.e.svc.BuyingInfluences.Get(w.e.ctx, kam.System, b.ID)
			var want []kam.BuyingRole
			for _, r := range tc.roles {
				want = append(want, kam.BuyingRole(r))
			}
			if got.VITO || !slices.Equal(got.Roles, want) {
				t.Errorf("saving the refused form stored VITO %v, roles %q; want no VITO, roles %q", got.VITO, got.Roles, want)
			}
		})
	}
}

// TestBuyerRowNoRolesRefused: the in-place buyer row with every role box
// unchecked posts its roles marker alone; refused (a conflict, a field
// error), the full form it comes back as shows no role checked — none
// means none — and saving it clears the roles.
func TestBuyerRowNoRolesRefused(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		status int
	}{{"conflict", http.StatusConflict}, {"field error", http.StatusUnprocessableEntity}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := newWorkbench(t)
			b := w.buyer(t, w.cfo, kam.RoleCoach, kam.RoleEconomic)
			sheet := w.c.get("/opportunities/" + itoa(w.opp.ID))
			mustStatus(t, sheet, http.StatusOK)
			row := sheet.Body[strings.Index(sheet.Body, `<tr id="buyer-`+itoa(b.ID)+`"`):]
			row = row[:strings.Index(row, "</tr>")]
			fid := row[strings.Index(row, `<form id="`)+len(`<form id="`):]
			fid = fid[:strings.Index(fid, `"`)]
			form := rowFields(t, row, fid)
			if !sameSet(nonEmpty(form["roles"]), []string{"coach", "economic"}) {
				t.Fatalf("the row does not show the stored roles: %q", form["roles"])
			}
			form["roles"] = slices.DeleteFunc(form["roles"], func(s string) bool { return s != "" }) // every box unchecked
			if !form.Has("roles") {
				t.Fatal("the row posts no roles marker: none checked would read as unchanged")
			}
			if tc.status == http.StatusConflict {
				if _, err := w.e.svc.BuyingInfluences.Update(w.e.ctx, service.ActorOf(w.rep), b.ID, b.Version, func(v *kam.BuyingInfluence) error {
					v.Influence = kam.InfluenceMedium
					return nil
				}); err != nil {
					t.Fatal(err)
				}
			} else {
				form.Set("rating", "many")
			}
			path := "/influences/" + itoa(b.ID)
			r := w.c.post(path, form)
			mustStatus(t, r, tc.status)
			again := formFields(t, r.Body, path)
			if roles := nonEmpty(again["roles"]); len(roles) != 0 {
				t.Errorf("the refused row comes back with roles %q checked, want none", roles)
			}
			if tc.status == http.StatusUnprocessableEntity {
				again.Set("rating", "2")
			}
			mustStatus(t, w.c.post(path, again), http.StatusSeeOther)
			if got, _ := w.e.svc.BuyingInfluences.Get(w.e.ctx, kam.System, b.ID); len(got.Roles) != 0 {
				t.Errorf("saving the refused row's form stored roles %q, want none", got.Roles)
			}
		})
	}
}

// TestBuyerFormMarksTheCompetitorsCoach: the full buyer form's "competitor's
// coach" box (对手的内线) stores the mark, and unchecking it clears it.
func TestBuyerFormMarksTheCompetitorsCoach(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	b := w.buyer(t, w.cfo, kam.RoleUser)
	path := "/influences/" + itoa(b.ID)
	for _, on := range []bool{true, false} {
		form := formFields(t, w.c.get(path+"/edit").Body, path)
		if form.Has("competitor_coach") == on {
			t.Fatalf("the edit form shows the box as %v before setting it to %v", form.Has("competitor_coach"), on)
		}
		form.Del("competitor_coach")
		if on {
			form.Set("competitor_coach", "on")
		}
		mustStatus(t, w.c.post(path, form), http.StatusSeeOther)
		got, err := w.e.svc.BuyingInfluences.Get(w.e.ctx, kam.System, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.CompetitorCoach != on {
			t.Errorf("stored competitor's coach %v, want %v", got.CompetitorCoach, on)
		}
	}
}
