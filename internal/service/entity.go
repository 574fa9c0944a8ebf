package service

import (
	"context"
	"encoding/json"
	"errors"

	"kam/internal/kam"
	"kam/internal/store"
)

// Entity is the set of use cases every stored record shares: list, get,
// create, update with a version, delete to the trash and restore. Each one
// checks the actor's scope, validates, and writes its audit record in the
// same transaction as the change.
type Entity[T any] struct {
	s    *Service
	t    *store.Table[T]
	meta func(*T) *kam.Meta

	// defaults fills what a new record takes from its creator (an owner);
	// may be nil.
	defaults func(a kam.Actor, v *T)
	// normalize trims and fills defaults before validation; may be nil.
	normalize func(*T)
	validate  func(*T) error
	// pasts lists the dates of a record that record the past and so must
	// not lie after today (past.go); may be nil.
	pasts func(*T) []pastDate
	// account returns the account whose scope governs v, and the field that
	// refers to it. ok is false for records outside any account (users,
	// teams, criteria, quotas): those are governed by read and write.
	account func(ctx context.Context, tx *store.Tx, v *T) (id int64, field string, ok bool, err error)
	// read and write govern records outside any account; nil allows.
	read  func(a kam.Actor) error
	write func(ctx context.Context, tx *store.Tx, a kam.Actor, v *T) error
	// keep copies onto next the fields an update may not change.
	keep func(cur, next *T)
	// check verifies references and invariants against the database before
	// a create (before is nil) or an update.
	check func(ctx context.Context, tx *store.Tx, a kam.Actor, before, after *T) error
	// afterWrite runs after a create or update in the same transaction.
	afterWrite func(ctx context.Context, tx *store.Tx, a kam.Actor, before, after *T) error
	// visible filters records outside any account; nil shows all.
	visible func(ctx context.Context, tx *store.Tx, a kam.Actor, v *T) (bool, error)
}

// Name is the entity's name in audit records and errors ("account", …).
func (e *Entity[T]) Name() string { return e.t.Name() }

// access reports what the actor may do with v; kam.ErrNotFound when v is
// outside the actor's scope.
func (e *Entity[T]) access(ctx context.Context, tx *store.Tx, a kam.Actor, v *T, forWrite bool) error {
	if e.account == nil {
		if forWrite {
			if e.write != nil {
				return e.write(ctx, tx, a, v)
			}
			return nil
		}
		if e.read != nil {
			if err := e.read(a); err != nil {
				return err
			}
		}
		if e.visible != nil {
			ok, err := e.visible(ctx, tx, a, v)
			if err != nil {
				return err
			}
			if !ok {
				return kam.ErrNotFound
			}
		}
		return nil
	}
	id, _, scoped, err := e.account(ctx, tx, v)
	if err != nil {
		return err
	}
	if !scoped {
		return nil
	}
	acc, err := store.AccountAccess(ctx, tx, scopeOf(a), id)
	if err != nil {
		return err
	}
	switch {
	case acc == store.AccessNone:
		return kam.ErrNotFound
	case forWrite && acc != store.AccessWrite:
		return &forbidden{msgReadOnly}
	}
	return nil
}

// Get returns the record with id; kam.ErrNotFound when it does not exist,
// is in the trash, or is outside the actor's scope.
func (e *Entity[T]) Get(ctx context.Context, a kam.Actor, id int64) (T, error) {
	var v T
	err := e.s.db.Read(ctx, func(tx *store.Tx) error {
		var err error
		v, err = e.get(ctx, tx, a, id)
		return err
	})
	return v, err
}

func (e *Entity[T]) get(ctx context.Context, tx *store.Tx, a kam.Actor, id int64) (T, error) {
	v, err := e.t.Get(ctx, tx, id)
	if err != nil {
		return v, err
	}
	if err := e.access(ctx, tx, a, &v, false); err != nil {
		var zero T
		if errors.Is(err, kam.ErrForbidden) {
			return zero, kam.ErrNotFound
		}
		return zero, err
	}
	return v, nil
}

// see checks that the actor may read record id: kam.ErrNotFound when not.
func (e *Entity[T]) see(ctx context.Context, tx *store.Tx, a kam.Actor, id int64) error {
	_, err := e.get(ctx, tx, a, id)
	return err
}

// List returns one page of the records the actor may see, in id order from
// f's After; next is the cursor of the following page, 0 at the end. The
// scope is the actor's, whatever f's.
func (e *Entity[T]) List(ctx context.Context, a kam.Actor, f store.Filter[T]) (items []T, next int64, err error) {
	if e.account == nil && e.read != nil {
		if err := e.read(a); err != nil {
			return nil, 0, err
		}
	}
	o := f.Options()
	o.Scope = scopeOf(a)
	f = f.WithOptions(o)
	err = e.s.db.Read(ctx, func(tx *store.Tx) error {
		if e.visible == nil {
			items, next, err = e.t.List(ctx, tx, f)
			return err
		}
		items, next, err = e.listVisible(ctx, tx, a, f)
		return err
	})
	return items, next, err
}

// listVisible is List for records whose visibility is decided one by one
// (e.visible): it reads on until the page is full, and one record further,
// so that a page is short only when it is the last, and next is set only
// when a visible record follows.
func (e *Entity[T]) listVisible(ctx context.Context, tx *store.Tx, a kam.Actor, f store.Filter[T]) ([]T, int64, error) {
	o := f.Options()
	limit := o.Limit
	if limit <= 0 {
		limit = store.DefaultLimit
	}
	limit = min(limit, store.MaxLimit)
	o.Limit = store.MaxLimit
	f = f.WithOptions(o)
	var kept []T
	for {
		batch, more, err := e.t.List(ctx, tx, f)
		if err != nil {
			return nil, 0, err
		}
		for i := range batch {
			ok, err := e.visible(ctx, tx, a, &batch[i])
			if err != nil {
				return nil, 0, err
			}
			if !ok {
				continue
			}
			if len(kept) == limit {
				// A visible record follows the full page.
				return kept, e.meta(&kept[limit-1]).ID, nil
			}
			kept = append(kept, batch[i])
		}
		if more == 0 {
			return kept, 0, nil
		}
		o.After = more
		f = f.WithOptions(o)
	}
}

// Create validates v and stores it; it returns the stored record with its id
// and version 1. A reference to a record the actor cannot see is a
// *kam.ValidationError on that field, as if it did not exist.
func (e *Entity[T]) Create(ctx context.Context, a kam.Actor, v T) (T, error) {
	err := e.s.db.Write(ctx, func(tx *store.Tx) error {
		return e.create(ctx, tx, a, &v)
	})
	return v, err
}

func (e *Entity[T]) create(ctx context.Context, tx *store.Tx, a kam.Actor, v *T) error {
	*e.meta(v) = kam.Meta{}
	if e.defaults != nil {
		e.defaults(a, v)
	}
	if e.normalize != nil {
		e.normalize(v)
	}
	if err := e.validateWith(ctx, nil, v); err != nil {
		return err
	}
	if err := e.createAccess(ctx, tx, a, v); err != nil {
		return err
	}
	if e.check != nil {
		if err := e.check(ctx, tx, a, nil, v); err != nil {
			return err
		}
	}
	if err := e.t.Insert(ctx, tx, v); err != nil {
		return err
	}
	if e.afterWrite != nil {
		if err := e.afterWrite(ctx, tx, a, nil, v); err != nil {
			return err
		}
	}
	return e.s.audit(ctx, tx, a, "create", e.Name(), e.meta(v).ID, nil, v)
}

// Check reports every problem record v has on its own, as Create (before
// nil) or Update (before the current record) would find them before
// looking at the database: it fills the creator's defaults, normalises and
// validates a copy, and writes nothing. A front end whose form or body had
// unreadable fields calls it to report the other fields' problems in the
// same answer. The error is a *kam.ValidationError or nil.
func (e *Entity[T]) Check(ctx context.Context, a kam.Actor, before *T, v T) error {
	if before == nil && e.defaults != nil {
		e.defaults(a, &v)
	}
	if e.normalize != nil {
		e.normalize(&v)
	}
	return e.validateWith(ctx, before, &v)
}

// createAccess checks that the actor may add v where it points.
func (e *Entity[T]) createAccess(ctx context.Context, tx *store.Tx, a kam.Actor, v *T) error {
	err := e.access(ctx, tx, a, v, true)
	if errors.Is(err, kam.ErrNotFound) && e.account != nil {
		if _, field, _, ferr := e.account(ctx, tx, v); ferr == nil && field != "" {
			return kam.Invalid(field, msgNoSuch(field))
		}
	}
	return err
}

// Update applies a change to the record with id, provided the client saw
// version. A stale version is a *kam.ConflictError carrying the current
// record; nothing is written then.
func (e *Entity[T]) Update(ctx context.Context, a kam.Actor, id, version int64, apply func(*T) error) (T, error) {
	var next T
	err := e.s.db.Write(ctx, func(tx *store.Tx) error {
		var err error
		next, err = e.update(ctx, tx, a, id, version, apply)
		return err
	})
	return next, err
}

func (e *Entity[T]) update(ctx context.Context, tx *store.Tx, a kam.Actor, id, version int64, apply func(*T) error) (T, error) {
	var zero T
	cur, err := e.get(ctx, tx, a, id)
	if err != nil {
		return zero, err
	}
	if err := e.access(ctx, tx, a, &cur, true); err != nil {
		return zero, err
	}
	m := *e.meta(&cur)
	if version != m.Version {
		return zero, &kam.ConflictError{Entity: e.Name(), ID: id, Current: cur}
	}
	before, err := clone(cur)
	if err != nil {
		return zero, err
	}
	next := cur
	if err := apply(&next); err != nil {
		return zero, err
	}
	*e.meta(&next) = m
	if e.keep != nil {
		e.keep(&before, &next)
	}
	if e.normalize != nil {
		e.normalize(&next)
	}
	if err := e.validateWith(ctx, &before, &next); err != nil {
		return zero, err
	}
	if e.account == nil && e.write != nil {
		if err := e.write(ctx, tx, a, &next); err != nil {
			return zero, err
		}
	}
	if e.check != nil {
		if err := e.check(ctx, tx, a, &before, &next); err != nil {
			return zero, err
		}
	}
	if err := e.t.Update(ctx, tx, &next); err != nil {
		return zero, err
	}
	if e.afterWrite != nil {
		if err := e.afterWrite(ctx, tx, a, &before, &next); err != nil {
			return zero, err
		}
	}
	return next, e.s.audit(ctx, tx, a, "update", e.Name(), id, before, next)
}

// Delete moves the record to the trash, provided the client saw version.
func (e *Entity[T]) Delete(ctx context.Context, a kam.Actor, id, version int64) error {
	return e.s.db.Write(ctx, func(tx *store.Tx) error {
		cur, err := e.get(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if err := e.access(ctx, tx, a, &cur, true); err != nil {
			return err
		}
		// Moving a whole account to the trash is its holder's act, like
		// restoring it (restoreAccess): a write share does not reach it.
		if acct, ok := any(&cur).(*kam.Account); ok {
			if err := e.s.holdsAccount(ctx, tx, a, acct.OwnerID); err != nil {
				return err
			}
		}
		// Like disabling oneself, which the user check refuses.
		if u, ok := any(&cur).(*kam.User); ok && u.ID == a.UserID {
			return &forbidden{msgNotYourself}
		}
		if err := e.t.Delete(ctx, tx, id, version); err != nil {
			return err
		}
		return e.s.audit(ctx, tx, a, "delete", e.Name(), id, cur, nil)
	})
}

// Restore brings the record back from the trash.
func (e *Entity[T]) Restore(ctx context.Context, a kam.Actor, id int64) (T, error) {
	var v T
	err := e.s.db.Write(ctx, func(tx *store.Tx) error {
		cur, err := e.t.GetDeleted(ctx, tx, id)
		if err != nil {
			return err
		}
		if e.meta(&cur).DeletedAt == nil {
			return kam.ErrNotFound
		}
		if err := e.restoreAccess(ctx, tx, a, &cur); err != nil {
			return err
		}
		if err := e.t.Restore(ctx, tx, id); err != nil {
			return err
		}
		if v, err = e.t.Get(ctx, tx, id); err != nil {
			return err
		}
		return e.s.audit(ctx, tx, a, "restore", e.Name(), id, nil, v)
	})
	return v, err
}

// restoreAccess checks write access to a record in the trash. An account in
// the trash is out of every scope the store computes, so its own owner rule
// decides.
func (e *Entity[T]) restoreAccess(ctx context.Context, tx *store.Tx, a kam.Actor, v *T) error {
	if acct, ok := any(v).(*kam.Account); ok {
		return e.s.ownerAccess(ctx, tx, a, acct.OwnerID)
	}
	// Those who may not see the record must not learn it exists.
	if err := e.access(ctx, tx, a, v, false); err != nil {
		if errors.Is(err, kam.ErrForbidden) {
			return kam.ErrNotFound
		}
		return err
	}
	return e.access(ctx, tx, a, v, true)
}

// clone deep-copies v, so that an update cannot reach into the record the
// audit keeps as "before".
func clone[T any](v T) (T, error) {
	var c T
	b, err := json.Marshal(v)
	if err != nil {
		return c, err
	}
	err = json.Unmarshal(b, &c)
	// Fields hidden from JSON (a password hash) survive through the copy.
	if u, ok := any(&v).(*kam.User); ok {
		any(&c).(*kam.User).PasswordHash = u.PasswordHash
	}
	return c, err
}
