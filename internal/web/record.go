package web

import (
	"context"
	"errors"
	"net/http"

	"kam/internal/kam"
	"kam/internal/service"
)

// record is a kind of record created, edited and deleted through forms:
// accounts, contacts, opportunities, buying influences (and the response
// mode the helper sets), departments, relations, dotted lines, quotas,
// ideal-customer criteria, users and teams (for administrators) and the
// strategy sheet's SWOT items, actions and interactions. Their create,
// edit page, update, delete and restore handlers share one shape, kept
// here once; the fields say what differs, and a kind sets only those of
// the handlers it routes.
type record[T any] struct {
	a      *app
	entity *service.Entity[T]
	// url is the action of the record's form: "/accounts/7".
	url func(id int64) string
	// form fills a form from the record, for the edit page and a refused
	// status-only post (records edited in a row of their list have none).
	form func(action string, x T) *Form
	// read applies the posted fields to x, recording field errors on f.
	read func(f *Form, x *T)
	// check, when set, records the field errors that need more than the
	// form (a department placed under one of its own parts); posted is the
	// record with the form read onto it.
	check func(r *http.Request, c *call, f *Form, posted T) error
	// page shows the form f of the record cur (as it was read before the
	// change).
	page func(w http.ResponseWriter, r *http.Request, c *call, f *Form, cur T) error
	// refused, when set, shows a form the service refused with err (a field
	// error or a version conflict) instead of page.
	refused func(w http.ResponseWriter, r *http.Request, c *call, f *Form, cur T, err error) error
	// saved is where a saved form returns.
	saved func(cur T) string
	// removed is the message after a delete ("wb.trashed" for what the
	// trash keeps, "wb.removed"), gone where the delete returns.
	removed string
	gone    func(x T) string
	// statusOnly, when set, applies a form posted with "status_only", which
	// changes nothing but the status.
	statusOnly func(f *Form, x *T)

	// For create: newURL is the create form's action; blank the record
	// the form fills before read (on the opportunity {id} of the path,
	// which the user must see, or on the account the form names); newPage
	// shows the create form again with what was refused, x as read; and
	// created is where a created record returns.
	newURL  func(r *http.Request) string
	blank   func(r *http.Request, c *call, f *Form) (T, error)
	newPage func(w http.ResponseWriter, r *http.Request, c *call, f *Form, x T) error
	created func(x T) string
	// duplicates, when set, lists on f.Duplicates the records in scope the
	// new one seems to repeat; the create form then warns and links to them
	// instead of creating, until it is posted again with duplicate_ok.
	duplicates func(ctx context.Context, c *call, f *Form, x T) error
}

// get reads the record {id} of the path as the user sees it.
func (k *record[T]) get(r *http.Request, c *call) (int64, T, error) {
	x, err := pathRecord(r, c, k.entity)
	return pathOrZero(r), x, err
}

// pathRecord reads the record {id} of the path from e as the user sees it;
// an id that is not a positive number is not found.
func pathRecord[T any](r *http.Request, c *call, e *service.Entity[T]) (T, error) {
	id, err := pathID(r)
	if err != nil {
		var zero T
		return zero, err
	}
	return e.Get(r.Context(), c.Actor, id)
}

// create adds the record the form describes and returns to created, or
// shows the form again with what was refused.
func (k *record[T]) create(w http.ResponseWriter, r *http.Request, c *call) error {
	f, err := formFrom(r, k.newURL(r))
	if err != nil {
		return err
	}
	var x T
	if k.blank != nil {
		if x, err = k.blank(r, c, f); err != nil {
			return err
		}
	}
	k.read(f, &x)
	f.Also(k.entity.Check(r.Context(), c.Actor, nil, x))
	if !f.Invalid() && k.duplicates != nil && !f.Bool("duplicate_ok") {
		if err := k.duplicates(r.Context(), c, f, x); err != nil {
			return err
		}
	}
	if !f.Invalid() && f.Duplicates == nil {
		made, err := k.entity.Create(r.Context(), c.Actor, x)
		if err == nil {
			k.a.flash(w, r, "form.saved")
			return seeOther(w, r, k.created(made))
		}
		if !f.Take(err) {
			return err
		}
	}
	return k.newPage(w, r, c, f, x)
}

// restore brings the record {id} back from the trash, to its page (url).
func (k *record[T]) restore(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := k.entity.Restore(r.Context(), c.Actor, id); err != nil {
		return err
	}
	k.a.flash(w, r, "wb.restored")
	return seeOther(w, r, k.url(id))
}

// editPage shows the form of the record {id}.
func (k *record[T]) editPage(w http.ResponseWriter, r *http.Request, c *call) error {
	id, x, err := k.get(r, c)
	if err != nil {
		return err
	}
	return k.page(w, r, c, k.form(k.url(id), x), x)
}

// update saves the form of the record {id} at the version it was read and
// returns to saved, or shows the form again with what was refused.
func (k *record[T]) update(w http.ResponseWriter, r *http.Request, c *call) error {
	id, cur, err := k.get(r, c)
	if err != nil {
		return err
	}
	f, err := formFrom(r, k.url(id))
	if err != nil {
		return err
	}
	statusOnly := k.statusOnly != nil && f.Get("status_only") != ""
	if !statusOnly {
		// Read once before the transaction so field errors stop it early.
		posted := cur
		k.read(f, &posted)
		if k.check != nil {
			if err := k.check(r, c, f, posted); err != nil {
				return err
			}
		}
		f.Also(k.entity.Check(r.Context(), c.Actor, &cur, posted))
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
			k.a.flash(w, r, "form.saved")
			return seeOther(w, r, k.saved(cur))
		}
		if !f.Take(err) {
			return err
		}
	}
	if k.refused != nil {
		return k.refused(w, r, c, f, cur, err)
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
	return k.page(w, r, c, f, cur)
}

// delete removes the record {id} at the posted version and returns to gone.
func (k *record[T]) delete(w http.ResponseWriter, r *http.Request, c *call) error {
	id, x, err := k.get(r, c)
	if err != nil {
		return err
	}
	if err := k.entity.Delete(r.Context(), c.Actor, id, formVersion(r)); err != nil {
		return err
	}
	k.a.flash(w, r, k.removed)
	return seeOther(w, r, k.gone(x))
}

// listedRecord is a record kind created and edited in the rows of one
// list page at path (quotas, criteria): every form returns to the list,
// and show shows the list again with a refused form where it was.
func listedRecord[T any](a *app, e *service.Entity[T], path string, read func(f *Form, x *T),
	show func(w http.ResponseWriter, r *http.Request, c *call, bad *Form) error) *record[T] {
	back := func(T) string { return path }
	again := func(w http.ResponseWriter, r *http.Request, c *call, f *Form, _ T) error { return show(w, r, c, f) }
	return &record[T]{a: a, entity: e, read: read, url: func(id int64) string { return path + "/" + itoa64(id) },
		page: again, saved: back, removed: "wb.removed", gone: back,
		newURL: fixedURL(path), newPage: again, created: back}
}

// sheetRecord is a record kept on an opportunity's strategy sheet (策略表):
// actions, interactions and SWOT items (which are created on the sheet
// itself). It is created at /opportunities/{id}/<path>, edited at
// /<path>/{id}, and every form returns to the sheet's section.
type sheetRecord[T any] struct {
	record[T]
	path string
	// anchor is the sheet's section to return to, such as "#actions".
	anchor string
	oppOf  func(x T) int64
	onOpp  func(oppID int64) T // an empty record on the opportunity
	// formPage shows the record's form f for the opportunity oppID.
	formPage func(w http.ResponseWriter, r *http.Request, c *call, f *Form, oppID int64) error
}

// onSheet fills in the record's URL, pages and returns from the sheet's
// path, anchor and form page.
func (k *sheetRecord[T]) onSheet() *sheetRecord[T] {
	k.url = func(id int64) string { return "/" + k.path + "/" + itoa64(id) }
	k.page = func(w http.ResponseWriter, r *http.Request, c *call, f *Form, x T) error {
		return k.formPage(w, r, c, f, k.oppOf(x))
	}
	k.saved = func(x T) string { return oppURL(k.oppOf(x)) + k.anchor }
	k.removed, k.gone = "wb.removed", k.saved
	k.newURL = func(r *http.Request) string { return oppURL(pathOrZero(r)) + "/" + k.path }
	k.blank = func(r *http.Request, c *call, _ *Form) (T, error) {
		o, err := pathRecord(r, c, k.a.svc.Opportunities)
		return k.onOpp(o.ID), err
	}
	k.newPage = k.page
	k.created = k.saved
	return k
}
