package web

import (
	"errors"
	"net/http"

	"kam/internal/kam"

	"kam/internal/service"
)

// sheetRecord is a kind of record kept on an opportunity's strategy sheet
// (策略表) and edited on a form of its own: actions, interactions and SWOT
// items (which are created on the sheet itself). Their create, edit,
// update and delete handlers share one shape, kept here once.
type sheetRecord[T any] struct {
	a      *app
	entity *service.Entity[T]
	// path names the record in URLs: created at /opportunities/{id}/<path>,
	// edited at /<path>/{id}.
	path string
	// anchor is the sheet's section to return to, such as "#actions".
	anchor string
	oppOf  func(x T) int64
	onOpp  func(oppID int64) T // an empty record on the opportunity
	form   func(action string, x T) *Form
	read   func(f *Form, x *T)
	page   func(w http.ResponseWriter, r *http.Request, c *call, f *Form, oppID int64) error
	// statusOnly, when set, applies a form posted with "status_only", which
	// changes nothing but the status.
	statusOnly func(f *Form, x *T)
}

// create adds a record to the opportunity {id} and returns to the sheet, or
// shows the form again with what was refused.
func (k *sheetRecord[T]) create(w http.ResponseWriter, r *http.Request, c *call) error {
	a := k.a
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := a.svc.Opportunities.Get(r.Context(), c.Actor, id); err != nil {
		return err
	}
	f, err := formFrom(r, oppURL(id)+"/"+k.path)
	if err != nil {
		return err
	}
	x := k.onOpp(id)
	k.read(f, &x)
	f.Also(k.entity.Check(r.Context(), c.Actor, nil, x))
	if !f.Invalid() {
		if _, err = k.entity.Create(r.Context(), c.Actor, x); err == nil {
			a.flash(w, r, "form.saved")
			return seeOther(w, r, oppURL(id)+k.anchor)
		}
		if !f.Take(err) {
			return err
		}
	}
	return k.page(w, r, c, f, id)
}

// editPage shows the form of the record {id}.
func (k *sheetRecord[T]) editPage(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	x, err := k.entity.Get(r.Context(), c.Actor, id)
	if err != nil {
		return err
	}
	return k.page(w, r, c, k.form(k.editURL(id), x), k.oppOf(x))
}

// update saves the form of the record {id} at the version it was read and
// returns to the sheet, or shows the form again with what was refused.
func (k *sheetRecord[T]) update(w http.ResponseWriter, r *http.Request, c *call) error {
	a := k.a
	id, err := pathID(r)
	if err != nil {
		return err
	}
	cur, err := k.entity.Get(r.Context(), c.Actor, id)
	if err != nil {
		return err
	}
	f, err := formFrom(r, k.editURL(id))
	if err != nil {
		return err
	}
	statusOnly := k.statusOnly != nil && f.Get("status_only") != ""
	if !statusOnly {
		// Read once before the transaction so field errors stop it early.
		probe := cur
		k.read(f, &probe)
		f.Also(k.entity.Check(r.Context(), c.Actor, &cur, probe))
	}
	if !f.Invalid() {
		_, err = k.entity.Update(r.Context(), c.Actor, id, f.Version, func(x *T) error {
			if statusOnly {
				k.statusOnly(f, x)
				return nil
			}
			k.read(f, x)
			return nil
		})
		if err == nil {
			a.flash(w, r, "form.saved")
			return seeOther(w, r, oppURL(k.oppOf(cur))+k.anchor)
		}
		if !f.Take(err) {
			return err
		}
	}
	if statusOnly {
		// The status-only form has no fields to show again: show the record
		// as it is now (after a conflict, the newer version) with the posted
		// status on top, keeping the conflict and the errors, so saving the
		// form applies the status.
		now := cur
		var ce *kam.ConflictError
		if errors.As(err, &ce) {
			if x, ok := ce.Current.(T); ok {
				now = x
			}
		}
		k.statusOnly(f, &now)
		nf := k.form(f.Action, now)
		nf.Errors, nf.Conflict = f.Errors, f.Conflict
		if f.Conflict != nil {
			nf.Version = f.Conflict.Version
		}
		f = nf
	}
	return k.page(w, r, c, f, k.oppOf(cur))
}

// delete removes the record {id} at the posted version and returns to the
// sheet.
func (k *sheetRecord[T]) delete(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	x, err := k.entity.Get(r.Context(), c.Actor, id)
	if err != nil {
		return err
	}
	if err := k.entity.Delete(r.Context(), c.Actor, id, formVersion(r)); err != nil {
		return err
	}
	k.a.flash(w, r, "wb.removed")
	return seeOther(w, r, oppURL(k.oppOf(x))+k.anchor)
}

func (k *sheetRecord[T]) editURL(id int64) string { return "/" + k.path + "/" + itoa64(id) }
