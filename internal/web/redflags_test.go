package web

import (
	"net/url"
	"strings"
	"testing"

	"kam/internal/kam"
)

func init() {
	hostileForms = append(hostileForms, hostileForm{
		name: "red-flag thresholds", method: "POST", path: fixed("/admin/settings"), as: asAdmin, view: "/admin/settings",
		fields: settingsFields,
		base: func(*hostileWorld, int) url.Values {
			return url.Values{"new_in_job_days": {"90"}, "stale_contact_days": {"30"}, "next_action_days": {"14"},
				"reorganisation_days": {"90"}, "sales_cycle_days": {"90"}, "low_ideal_fit": {"40"}}
		},
	})
}

func TestRedFlagCatalogueAndThresholds(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.admin
	rep := e.user("rep@example.com", "Rep", kam.RoleRep, 0, false)
	ac, rc := e.signedIn(admin), e.signedIn(rep)

	page := rc.get("/redflags")
	if page.Code != 200 || !strings.Contains(page.Body, "coach-left") || !strings.Contains(page.Body, "premature-best-few") {
		t.Fatalf("catalogue page: %d", page.Code)
	}
	if strings.Contains(page.Body, `href="/admin/settings"`) {
		t.Error("a rep is offered the admin's thresholds")
	}
	if r := rc.get("/admin/settings"); r.Code != 404 {
		t.Errorf("rep sees the thresholds form: %d", r.Code)
	}
	if r := rc.post("/admin/settings", url.Values{"stale_contact_days": {"10"}}); r.Code != 404 {
		t.Errorf("rep posts thresholds: %d", r.Code)
	}

	good := url.Values{"new_in_job_days": {"60"}, "stale_contact_days": {"21"}, "next_action_days": {"7"},
		"reorganisation_days": {"120"}, "sales_cycle_days": {"180"}, "low_ideal_fit": {"35.5"},
		"call_plan_days": {"5"}, "review_days": {"21"}, "review_amount": {"500000"}}
	bad := url.Values{}
	for k, v := range good {
		bad[k] = v
	}
	bad.Set("stale_contact_days", "0")
	bad.Set("low_ideal_fit", "abc")
	r := ac.post("/admin/settings", bad)
	if r.Code != 422 || !strings.Contains(r.Body, "must be a number of days between 1 and") || !strings.Contains(r.Body, "must be a number") {
		t.Fatalf("bad thresholds: %d %s", r.Code, r.Body)
	}
	if !strings.Contains(r.Body, `value="abc"`) {
		t.Error("the refused value is not kept in the form")
	}
	if r := ac.post("/admin/settings", good); r.Code != 303 {
		t.Fatalf("saving thresholds: %d %s", r.Code, r.Body)
	}
	set, err := e.svc.Settings(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if set.StaleContactDays != 21 || set.SalesCycleDays != 180 || set.LowIdealFit != 35.5 ||
		set.CallPlanDays != 5 || set.ReviewDays != 21 || set.ReviewAmount != 500_000 {
		t.Fatalf("stored thresholds %+v", set)
	}
	if page := rc.get("/redflags"); !strings.Contains(page.Body, "<dd>21</dd>") {
		t.Error("the catalogue page does not show the thresholds in force")
	}
}
