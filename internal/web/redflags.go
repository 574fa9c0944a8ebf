package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"kam/internal/kam"
	"kam/internal/method"
)

// methodRoutes are the pages about the method itself: the red-flag
// catalogue with the thresholds and health weights in force, and the
// admin's thresholds.
func (a *app) methodRoutes() []route {
	return []route{
		{Method: "GET", Path: "/redflags", Handle: a.redFlagsPage},
		{Method: "GET", Path: "/admin/settings", Access: AdminOnly, Handle: a.adminSettings},
		{Method: "POST", Path: "/admin/settings", Access: AdminOnly, Handle: a.adminSaveSettings},
	}
}

type redFlagsData struct {
	Rules    []method.RuleInfo
	Settings method.Settings
	Weights  method.Weights
	Fit      method.FitReport
	Factors  []weightRow
}

type weightRow struct {
	ID     string
	Name   kam.Text
	Weight float64
	// Held says the method's sign held this fitted weight at zero.
	Held bool
}

func (a *app) redFlagsPage(w http.ResponseWriter, r *http.Request, c *call) error {
	set, err := a.svc.Settings(r.Context())
	if err != nil {
		return err
	}
	wts, fit, err := a.svc.HealthFit(r.Context(), c.Actor)
	if err != nil {
		return err
	}
	d := redFlagsData{Rules: method.Catalogue(), Settings: set, Weights: wts, Fit: fit}
	for _, id := range method.FactorIDs() {
		d.Factors = append(d.Factors, weightRow{ID: id, Name: method.FactorName(id), Weight: wts.W[id], Held: slices.Contains(fit.Held, id)})
	}
	return a.renderPage(w, r, c, http.StatusOK, "redflags", &Page{Data: d})
}

// settingsFields are the thresholds' form fields, in the catalogue's order.
var settingsFields = []string{"new_in_job_days", "stale_contact_days", "next_action_days", "reorganisation_days", "sales_cycle_days", "low_ideal_fit", "call_plan_days", "review_days", "review_amount"}

func settingsForm(s method.Settings) *Form {
	f := newForm("/admin/settings")
	f.Set("new_in_job_days", strconv.Itoa(s.NewInJobDays))
	f.Set("stale_contact_days", strconv.Itoa(s.StaleContactDays))
	f.Set("next_action_days", strconv.Itoa(s.NextActionDays))
	f.Set("reorganisation_days", strconv.Itoa(s.ReorganisationDays))
	f.Set("sales_cycle_days", strconv.Itoa(s.SalesCycleDays))
	f.Set("low_ideal_fit", strconv.FormatFloat(s.LowIdealFit, 'f', -1, 64))
	f.Set("call_plan_days", strconv.Itoa(s.CallPlanDays))
	f.Set("review_days", strconv.Itoa(s.ReviewDays))
	f.Set("review_amount", strconv.FormatInt(s.ReviewAmount, 10))
	return f
}

type settingsData struct {
	Form     *Form
	Fields   []string
	Defaults method.Settings
}

func (a *app) adminSettings(w http.ResponseWriter, r *http.Request, c *call) error {
	set, err := a.svc.Settings(r.Context())
	if err != nil {
		return err
	}
	return a.adminPage(w, r, c, http.StatusOK, "admin_settings", settingsData{Form: settingsForm(set), Fields: settingsFields, Defaults: method.DefaultSettings()})
}

func (a *app) adminSaveSettings(w http.ResponseWriter, r *http.Request, c *call) error {
	f, err := formFrom(r, "/admin/settings")
	if err != nil {
		return err
	}
	days := func(name string) int { return int(f.Int64(name)) }
	set := method.Settings{
		NewInJobDays:       days("new_in_job_days"),
		StaleContactDays:   days("stale_contact_days"),
		NextActionDays:     days("next_action_days"),
		ReorganisationDays: days("reorganisation_days"),
		SalesCycleDays:     days("sales_cycle_days"),
		CallPlanDays:       days("call_plan_days"),
		ReviewDays:         days("review_days"),
		ReviewAmount:       f.Int64("review_amount"),
	}
	if v, perr := strconv.ParseFloat(strings.TrimSpace(f.Get("low_ideal_fit")), 64); perr == nil {
		set.LowIdealFit = v
	} else {
		f.Errors["low_ideal_fit"] = kam.T("must be a number", "必须是数字")
	}
	// Show every problem at once, not just the ones the form itself found.
	var verr *kam.ValidationError
	if errors.As(set.Validate(), &verr) {
		for k, m := range verr.Fields {
			if _, seen := f.Errors[k]; !seen {
				f.Errors[k] = m
			}
		}
	}
	if !f.Invalid() {
		err = a.svc.PutSettings(r.Context(), c.Actor, set)
		if err == nil {
			a.flash(w, r, "form.saved")
			return seeOther(w, r, "/admin/settings")
		}
		if !f.Take(err) {
			return err
		}
	}
	return a.adminPage(w, r, c, f.Status(), "admin_settings", settingsData{Form: f, Fields: settingsFields, Defaults: method.DefaultSettings()})
}
