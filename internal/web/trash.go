package web

import (
	"net/http"

	"kam/internal/kam"
	"kam/internal/store"
)

// trashRoutes are the trash (accounts, contacts and opportunities deleted
// to it, with restore) and the ideal-customer criteria administrators keep.
func (a *app) trashRoutes() []route {
	criteria := a.criterionRecords()
	accounts, contacts, opps := a.accountRecords(), a.contactRecords(), a.opportunityRecords()
	return []route{
		{Method: "GET", Path: "/trash", Handle: a.trashPage},
		{Method: "POST", Path: "/trash/accounts/{id}/restore", Entity: "account", Handle: accounts.restore},
		{Method: "POST", Path: "/trash/contacts/{id}/restore", Entity: "contact", Handle: contacts.restore},
		{Method: "POST", Path: "/trash/opportunities/{id}/restore", Entity: "opportunity", Handle: opps.restore},
		{Method: "GET", Path: "/criteria", Access: AdminOnly, Handle: a.criteriaPage},
		{Method: "POST", Path: "/criteria", Access: AdminOnly, Handle: criteria.create},
		{Method: "POST", Path: "/criteria/{id}", Access: AdminOnly, Entity: "criterion", Handle: criteria.update},
		{Method: "POST", Path: "/criteria/{id}/delete", Access: AdminOnly, Entity: "criterion", Handle: criteria.delete},
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

// --- Ideal-customer criteria (admins) --------------------------------------

type criteriaData struct {
	Criteria []criterionRow
	New      formPageData
}

type criterionRow struct {
	C      kam.Criterion
	Form   *Form
	Fields []specField
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

// criterionRecords create criteria, save a criterion's form (edited in
// its row of the criteria page) and delete a criterion; a refused form is
// shown where it was.
func (a *app) criterionRecords() *record[kam.Criterion] {
	return listedRecord(a, a.svc.Criteria, "/criteria", readCriterion, a.renderCriteria)
}
