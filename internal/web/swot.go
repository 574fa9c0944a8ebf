package web

import (
	"net/http"

	"kam/internal/kam"
)

func (a *app) createSWOT(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f, err := formFrom(r, oppURL(id)+"/swot")
	if err != nil {
		return err
	}
	s := kam.SWOTItem{OpportunityID: id, Kind: kam.SWOTKind(f.Get("kind")), Text: f.Text("text")}
	if !f.Invalid() {
		if _, err = a.svc.SWOTItems.Create(r.Context(), c.Actor, s); err == nil {
			a.flash(w, r, "form.saved")
			return seeOther(w, r, oppURL(id)+"#swot")
		}
	} else {
		err = f.Err()
	}
	if f.Take(err) {
		return a.sheetWithError(w, r, c, id, f, func(d *strategyData) { d.SWOTForm = f })
	}
	return err
}

// swotRecords are the SWOT items of a sheet; they are added on the sheet
// itself (createSWOT) and edited on a form of their own.
func (a *app) swotRecords() *sheetRecord[kam.SWOTItem] {
	return (&sheetRecord[kam.SWOTItem]{
		record: record[kam.SWOTItem]{a: a, entity: a.svc.SWOTItems, form: swotForm, read: readSWOT},
		path:   "swot", anchor: "#swot", formPage: a.swotFormPage,
		oppOf: func(x kam.SWOTItem) int64 { return x.OpportunityID },
		onOpp: func(oppID int64) kam.SWOTItem { return kam.SWOTItem{OpportunityID: oppID} },
	}).onSheet()
}

func swotForm(action string, x kam.SWOTItem) *Form {
	f := newForm(action)
	f.Set("kind", string(x.Kind))
	f.Set("text", x.Text)
	f.Version = x.Version
	return f
}

func readSWOT(f *Form, x *kam.SWOTItem) {
	x.Kind = kam.SWOTKind(f.Get("kind"))
	x.Text = f.Text("text")
}

func (a *app) swotFormPage(w http.ResponseWriter, r *http.Request, c *call, f *Form, oppID int64) error {
	l := c.Locale
	specs := []spec{
		{Name: "kind", Label: "f.swot_kind", Kind: "select", Opts: optionsOf(l, kam.SWOTKinds)},
		{Name: "text", Label: "f.swot_text", Kind: "textarea"},
	}
	return a.renderForm(w, r, c, "funnel", msg(l, "swot.heading"), f, specs, oppURL(oppID)+"#swot", "strength", "red-flag")
}
