package web

import (
	"net/http"

	"kam/internal/kam"
	"kam/internal/method"
)

// modeData is the response-mode helper: three questions, and the mode and
// advice that follow from the answers.
type modeData struct {
	Buyer   kam.BuyingInfluence
	Contact kam.Contact
	Opp     kam.Opportunity
	Asked   bool
	Answers method.ModeAnswers
	Advice  method.ModeAdvice
	Form    *Form
	Results []option
	Gaps    []option
}

func (a *app) modeHelper(w http.ResponseWriter, r *http.Request, c *call) error {
	b, o, err := a.buyerAndOpp(r, c)
	if err != nil {
		return err
	}
	ct, err := a.svc.Contacts.Get(r.Context(), c.Actor, b.ContactID)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := newForm("/influences/" + itoa64(b.ID) + "/mode")
	for _, k := range []string{"current_results", "sees_gap", "gap_direction"} {
		f.Set(k, q.Get(k))
	}
	d := modeData{Buyer: b, Contact: ct, Opp: o, Form: f, Asked: q.Get("current_results") != ""}
	l := c.Locale
	d.Results = []option{
		{Value: string(method.ResultsWorse), Label: msg(l, "mode.results.worse")},
		{Value: string(method.ResultsAsExpected), Label: msg(l, "mode.results.as_expected")},
		{Value: string(method.ResultsBetter), Label: msg(l, "mode.results.better")},
	}
	d.Gaps = []option{
		{Value: string(method.GapMore), Label: msg(l, "mode.gap.more")},
		{Value: string(method.GapFix), Label: msg(l, "mode.gap.fix")},
		{Value: string(method.GapNone), Label: msg(l, "mode.gap.none")},
	}
	if d.Asked {
		d.Answers = method.ModeAnswers{CurrentResults: method.CurrentResults(q.Get("current_results")),
			SeesGap: q.Get("sees_gap") == "yes", GapDirection: method.GapDirection(q.Get("gap_direction"))}
		if err := d.Answers.Validate(); err != nil {
			f.Take(err)
		}
		d.Advice = method.SuggestMode(d.Answers)
	}
	f.Version = b.Version
	return a.renderPage(w, r, c, http.StatusOK, "mode_helper", &Page{Section: "funnel", Title: msg(l, "mode.title"), Data: d})
}

// modeRecords save the response mode the helper suggests (POST
// /influences/{id}/mode) and return to the buyer's row on the sheet.
func (a *app) modeRecords() *record[kam.BuyingInfluence] {
	return &record[kam.BuyingInfluence]{a: a, entity: a.svc.BuyingInfluences,
		url:  func(id int64) string { return influenceURL(id) + "/mode" },
		read: func(f *Form, b *kam.BuyingInfluence) { b.Mode = kam.ResponseMode(f.Get("mode")) },
		refused: func(w http.ResponseWriter, r *http.Request, c *call, f *Form, b kam.BuyingInfluence, _ error) error {
			// The helper posts the mode alone: its conflict compares that
			// field only, not the boxes of the full form it comes back as
			// (an absent box there would read as unchecked).
			if f.Conflict != nil {
				f.Conflict.partial = true
			}
			full := buyerForm(influenceURL(b.ID), b)
			full.Errors, full.Conflict, full.Version = f.Errors, f.Conflict, f.Version
			if f.Conflict == nil {
				full.Version = b.Version
			}
			full.Set("mode", f.Get("mode"))
			return a.buyerEditPage(w, r, c, full, b)
		},
		saved: buyerOnSheet,
	}
}
