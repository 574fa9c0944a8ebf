package web

import (
	"net/http"

	"kam/internal/kam"
	"kam/internal/store"
)

// criteriaRoutes are the ideal-customer criteria administrators keep.
func (a *app) criteriaRoutes() []route {
	criteria := a.criterionRecords()
	return []route{
		{Method: "GET", Path: "/criteria", Access: AdminOnly, Handle: a.criteriaPage},
		{Method: "POST", Path: "/criteria", Access: AdminOnly, Handle: criteria.create},
		{Method: "POST", Path: "/criteria/{id}", Access: AdminOnly, Entity: "criterion", Handle: criteria.update},
		{Method: "POST", Path: "/criteria/{id}/delete", Access: AdminOnly, Entity: "criterion", Handle: criteria.delete},
	}
}

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
	ks, err := listAll(r.Context(), a.svc.Criteria, c.Actor, store.CriterionFilter{}, maxListed)
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
