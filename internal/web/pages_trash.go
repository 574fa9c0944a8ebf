package web

import (
	"net/http"

	"kam/internal/kam"
	"kam/internal/store"
)

// trashRoutes are the trash (accounts, contacts and opportunities deleted
// to it, with restore) and the ideal-customer criteria administrators keep.
func (a *app) trashRoutes() []route {
	return []route{
		{Method: "GET", Path: "/trash", Handle: a.trashPage},
		{Method: "POST", Path: "/trash/accounts/{id}/restore", Entity: "account", Handle: a.restoreAccount},
		{Method: "POST", Path: "/trash/contacts/{id}/restore", Entity: "contact", Handle: a.restoreContact},
		{Method: "POST", Path: "/trash/opportunities/{id}/restore", Entity: "opportunity", Handle: a.restoreOpportunity},
		{Method: "GET", Path: "/criteria", Access: AdminOnly, Handle: a.criteriaPage},
		{Method: "POST", Path: "/criteria", Access: AdminOnly, Handle: a.createCriterion},
		{Method: "POST", Path: "/criteria/{id}", Access: AdminOnly, Entity: "criterion", Handle: a.updateCriterion},
		{Method: "POST", Path: "/criteria/{id}/delete", Access: AdminOnly, Entity: "criterion", Handle: a.deleteCriterion},
	}
}

type trashData struct {
	Accounts      []kam.Account
	Contacts      []kam.Contact
	Opportunities []kam.Opportunity
}

// trashShown bounds each list of the trash page.
const trashShown = 200

func (a *app) trashPage(w http.ResponseWriter, r *http.Request, c *call) error {
	ctx := r.Context()
	var d trashData
	var err error
	f := store.Filter{Deleted: true, Limit: trashShown}
	if d.Accounts, _, err = a.svc.Accounts.List(ctx, c.Actor, f); err != nil {
		return err
	}
	if d.Contacts, _, err = a.svc.Contacts.List(ctx, c.Actor, f); err != nil {
		return err
	}
	if d.Opportunities, _, err = a.svc.Opportunities.List(ctx, c.Actor, f); err != nil {
		return err
	}
	return a.renderPage(w, r, c, http.StatusOK, "trash", &Page{Section: "accounts", Data: d})
}

func (a *app) restoreAccount(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := a.svc.Accounts.Restore(r.Context(), c.Actor, id); err != nil {
		return err
	}
	a.flash(w, r, "wb.restored")
	return seeOther(w, r, acctURL(id))
}

func (a *app) restoreContact(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := a.svc.Contacts.Restore(r.Context(), c.Actor, id); err != nil {
		return err
	}
	a.flash(w, r, "wb.restored")
	return seeOther(w, r, contactURL(id))
}

func (a *app) restoreOpportunity(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := a.svc.Opportunities.Restore(r.Context(), c.Actor, id); err != nil {
		return err
	}
	a.flash(w, r, "wb.restored")
	return seeOther(w, r, oppURL(id))
}

// --- Ideal-customer criteria (admins) --------------------------------------

type criteriaData struct {
	Criteria []criterionRow
	New      formPageData
}

type criterionRow struct {
	C      kam.Criterion
	Form   *Form
	Fields []wbField
}

func criterionSpecs(l kam.Locale) []spec {
	return []spec{
		{Name: "name", Label: "f.criterion", Kind: "text"},
		{Name: "kind", Label: "f.criterion_kind", Kind: "select", Opts: optionsOf(l, kam.CriterionKinds)},
		{Name: "weight", Label: "f.weight", Kind: "number"},
	}
}

func criterionForm(action string, k kam.Criterion) *Form {
	f := newForm(action)
	f.Set("name", k.Name)
	f.Set("kind", string(k.Kind))
	f.setInt("weight", int64(k.Weight))
	f.Version = k.Version
	return f
}

func (a *app) criteriaPage(w http.ResponseWriter, r *http.Request, c *call) error {
	return a.renderCriteria(w, r, c, nil)
}

func (a *app) renderCriteria(w http.ResponseWriter, r *http.Request, c *call, bad *Form) error {
	ks, err := listAll(r.Context(), a.svc.Criteria, c.Actor, store.Filter{}, maxListed)
	if err != nil {
		return err
	}
	l := c.Locale
	var d criteriaData
	status := http.StatusOK
	for _, k := range ks {
		f := criterionForm("/criteria/"+itoa64(k.ID), k)
		if bad != nil && bad.Action == f.Action {
			f, status = bad, bad.Status()
		}
		f.Prefix = "c" + itoa64(k.ID)
		d.Criteria = append(d.Criteria, criterionRow{C: k, Form: f, Fields: f.views(l, criterionSpecs(l))})
	}
	nf := criterionForm("/criteria", kam.Criterion{Kind: kam.CriterionDemographic, Weight: 5})
	if bad != nil && bad.Action == "/criteria" {
		nf, status = bad, bad.Status()
	}
	nf.Prefix = "new"
	d.New = formPageData{Form: nf, Fields: nf.views(l, criterionSpecs(l)), Submit: msg(l, "wb.add")}
	return a.renderPage(w, r, c, status, "criteria", &Page{Section: "accounts", Data: d})
}

func readCriterion(f *Form, k *kam.Criterion) {
	k.Name = f.Text("name")
	k.Kind = kam.CriterionKind(f.Get("kind"))
	k.Weight = f.Int("weight")
}

func (a *app) createCriterion(w http.ResponseWriter, r *http.Request, c *call) error {
	f, err := formFrom(r, "/criteria")
	if err != nil {
		return err
	}
	var k kam.Criterion
	readCriterion(f, &k)
	f.Also(a.svc.Criteria.Check(r.Context(), c.Actor, nil, k))
	if !f.Invalid() {
		if _, err = a.svc.Criteria.Create(r.Context(), c.Actor, k); err == nil {
			a.flash(w, r, "form.saved")
			return seeOther(w, r, "/criteria")
		}
		if !f.Take(err) {
			return err
		}
	}
	return a.renderCriteria(w, r, c, f)
}

func (a *app) updateCriterion(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := a.svc.Criteria.Get(r.Context(), c.Actor, id); err != nil {
		return err
	}
	f, err := formFrom(r, "/criteria/"+itoa64(id))
	if err != nil {
		return err
	}
	var probe kam.Criterion
	readCriterion(f, &probe)
	f.Also(a.svc.Criteria.Check(r.Context(), c.Actor, nil, probe))
	if !f.Invalid() {
		_, err = a.svc.Criteria.Update(r.Context(), c.Actor, id, f.Version, func(k *kam.Criterion) error {
			readCriterion(f, k)
			return nil
		})
		if err == nil {
			a.flash(w, r, "form.saved")
			return seeOther(w, r, "/criteria")
		}
		if !f.Take(err) {
			return err
		}
	}
	return a.renderCriteria(w, r, c, f)
}

func (a *app) deleteCriterion(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := a.svc.Criteria.Delete(r.Context(), c.Actor, id, formVersion(r)); err != nil {
		return err
	}
	a.flash(w, r, "wb.removed")
	return seeOther(w, r, "/criteria")
}
