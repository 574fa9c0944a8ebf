package web

import (
	"net/http"

	"kam/internal/kam"
	"kam/internal/store"
)

func (a *app) createUnit(w http.ResponseWriter, r *http.Request, c *call) error {
	id, _ := pathID(r)
	return a.smallForm(w, r, c, "/units", "#units", func(f *Form) error {
		u := kam.OrgUnit{AccountID: id, Name: f.Text("name"), ParentID: f.Int64("parent_id")}
		if f.Invalid() {
			return nil
		}
		_, err := a.svc.OrgUnits.Create(r.Context(), c.Actor, u)
		return err
	})
}

func unitURL(id int64) string { return "/units/" + itoa64(id) }

// unitRecords are the departments' edit page, update and delete, which
// return to the account's departments. A department cannot be placed
// under one of its own parts.
func (a *app) unitRecords() *record[kam.OrgUnit] {
	back := func(u kam.OrgUnit) string { return acctURL(u.AccountID) + "#units" }
	return &record[kam.OrgUnit]{a: a, entity: a.svc.OrgUnits, url: unitURL, form: unitForm, read: readUnit,
		check: a.checkUnitParent, page: a.unitFormPage, saved: back, removed: "wb.removed", gone: back}
}

// unitForm is the edit form of a department.
func unitForm(action string, u kam.OrgUnit) *Form {
	f := newForm(action)
	f.Set("name", u.Name)
	f.setID("parent_id", u.ParentID)
	f.Version = u.Version
	return f
}

// unitFormPage shows the edit form of department u: its name and the
// department it is part of, chosen among the account's others (not itself
// nor one of its own parts, which would make a loop).
func (a *app) unitFormPage(w http.ResponseWriter, r *http.Request, c *call, f *Form, u kam.OrgUnit) error {
	acct, err := a.svc.Accounts.Get(r.Context(), c.Actor, u.AccountID)
	if err != nil {
		return err
	}
	units, err := listAll(r.Context(), a.svc.OrgUnits, c.Actor, store.OrgUnitFilter{AccountID: u.AccountID}, maxListed)
	if err != nil {
		return err
	}
	below := unitsBelow(units, u.ID)
	opts := withBlank(nil)
	for _, x := range units {
		if !below[x.ID] {
			opts = append(opts, option{Value: itoa64(x.ID), Label: x.Name})
		}
	}
	specs := []spec{
		{Name: "name", Label: "f.unit_name", Kind: "text"},
		{Name: "parent_id", Label: "f.parent_unit", Kind: "select", Opts: opts},
	}
	return a.renderForm(w, r, c, "accounts", msg(c.Locale, "unit.heading", acct.Name), f, specs, acctURL(u.AccountID)+"#units")
}

// readUnit reads a department's name and the department it is part of.
func readUnit(f *Form, u *kam.OrgUnit) {
	u.Name, u.ParentID = f.Text("name"), f.Int64("parent_id")
}

// checkUnitParent refuses, as a field error, a parent that is the posted
// department u itself or one of its own parts, which would make a loop.
func (a *app) checkUnitParent(r *http.Request, c *call, f *Form, u kam.OrgUnit) error {
	if u.ParentID == 0 || u.ParentID == u.ID {
		return nil
	}
	units, err := listAll(r.Context(), a.svc.OrgUnits, c.Actor, store.OrgUnitFilter{AccountID: u.AccountID}, maxListed)
	if err != nil {
		return err
	}
	if unitsBelow(units, u.ID)[u.ParentID] {
		f.Errors["parent_id"] = msgUnitLoop
	}
	return nil
}

// unitsBelow is the set of id and every department under it.
func unitsBelow(units []kam.OrgUnit, id int64) map[int64]bool {
	below := map[int64]bool{id: true}
	for grew := true; grew; {
		grew = false
		for _, x := range units {
			if !below[x.ID] && below[x.ParentID] && x.ParentID != 0 {
				below[x.ID], grew = true, true
			}
		}
	}
	return below
}

// msgUnitLoop refuses a department placed under one of its own parts.
var msgUnitLoop = kam.T("cannot be one of this department's own parts", "不能是本部门的下级部门")
