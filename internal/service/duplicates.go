package service

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"

	"kam/internal/kam"
	"kam/internal/store"
)

// maxDuplicateScan bounds how many candidates one duplicate check reads.
const maxDuplicateScan = 2000

// AccountDuplicates returns the accounts in the actor's scope whose name is
// acc's once normalised (kam.NormalName), acc itself aside: what a form
// warns of before a second 华信集团 is made. The caller may still create it.
func (s *Service) AccountDuplicates(ctx context.Context, a kam.Actor, acc kam.Account) ([]kam.Account, error) {
	key := kam.NormalName(acc.Name)
	if key == "" {
		return nil, nil
	}
	// The store's search narrows by a substring of the raw name: the
	// first two and the last two letters of the normalised name, each in
	// the raw names of nearly every spelling of it (a full-width or spaced
	// start is caught by the end, and the other way round).
	rs := []rune(key)
	probes := []string{string(rs[:min(2, len(rs))]), string(rs[max(0, len(rs)-2):])}
	var out []kam.Account
	seen := map[int64]bool{}
	for i, probe := range probes {
		if i > 0 && probe == probes[0] {
			break
		}
		err := scan(ctx, s.Accounts, a, store.AccountFilter{Query: probe}, func(x kam.Account) {
			if x.ID != acc.ID && !seen[x.ID] && kam.NormalName(x.Name) == key {
				seen[x.ID] = true
				out = append(out, x)
			}
		})
		if err != nil {
			return nil, err
		}
	}
	slices.SortFunc(out, func(x, y kam.Account) int { return cmp.Compare(x.ID, y.ID) })
	return out, nil
}

// ContactDuplicates returns the contacts of c's account the actor sees
// who are c by another record: the same name once normalised, the same
// email (any case) or the same mobile number (its digits) — c itself
// aside.
func (s *Service) ContactDuplicates(ctx context.Context, a kam.Actor, c kam.Contact) ([]kam.Contact, error) {
	if c.AccountID == 0 {
		return nil, nil
	}
	name, email, phone := kam.NormalName(c.Name), strings.ToLower(strings.TrimSpace(c.Email)), kam.NormalPhone(c.Phone)
	var out []kam.Contact
	err := scan(ctx, s.Contacts, a, store.ContactFilter{AccountID: c.AccountID}, func(x kam.Contact) {
		if x.ID == c.ID {
			return
		}
		if (name != "" && kam.NormalName(x.Name) == name) || (email != "" && strings.ToLower(strings.TrimSpace(x.Email)) == email) ||
			(phone != "" && kam.NormalPhone(x.Phone) == phone) {
			out = append(out, x)
		}
	})
	if errors.Is(err, kam.ErrNotFound) {
		return nil, nil
	}
	return out, err
}

// scan calls each for the records of e under f the actor sees, at most
// maxDuplicateScan of them.
func scan[T any](ctx context.Context, e *Entity[T], a kam.Actor, f store.Filter[T], each func(T)) error {
	f = store.Page(f, 0, store.MaxLimit)
	n := 0
	for {
		page, next, err := e.List(ctx, a, f)
		if err != nil {
			return err
		}
		for _, x := range page {
			each(x)
		}
		n += len(page)
		if next == 0 || n >= maxDuplicateScan {
			return nil
		}
		f = store.Page(f, next, store.MaxLimit)
	}
}

var (
	msgMergeSelf    = kam.T("cannot be merged into itself", "不能合并到自身")
	msgMergeAccount = kam.T("must be a contact of the same account", "必须是同一客户企业的联系人")
)

// MergeAccounts merges account from into account into (admins only):
// everything below from — contacts, departments, opportunities,
// subsidiaries, relations, shares, ratings — moves to into, from goes to
// the trash, and both histories say so ("merge"). A missing account is
// kam.ErrNotFound; from = into is a *kam.ValidationError on "into_id".
func (s *Service) MergeAccounts(ctx context.Context, a kam.Actor, from, into int64) error {
	if err := requireAdmin(a); err != nil {
		return err
	}
	if from == into {
		return kam.Invalid("into_id", msgMergeSelf)
	}
	return s.db.Write(ctx, func(tx *store.Tx) error {
		src, err := s.Accounts.get(ctx, tx, a, from)
		if err != nil {
			return err
		}
		dst, err := s.Accounts.get(ctx, tx, a, into)
		if err != nil {
			return refErr("into_id", err)
		}
		if err := store.MergeAccounts(ctx, tx, from, into); err != nil {
			return err
		}
		return s.auditMerge(ctx, tx, a, "account", src.ID, src.Name, dst.ID, dst.Name)
	})
}

// MergeContacts merges contact from into contact into, both of one account
// (admins only): from's buying-influence roles, dotted and reporting lines,
// actions and interaction feedback move to into, from goes to the trash,
// and both histories say so ("merge").
func (s *Service) MergeContacts(ctx context.Context, a kam.Actor, from, into int64) error {
	if err := requireAdmin(a); err != nil {
		return err
	}
	if from == into {
		return kam.Invalid("into_id", msgMergeSelf)
	}
	return s.db.Write(ctx, func(tx *store.Tx) error {
		src, err := s.Contacts.get(ctx, tx, a, from)
		if err != nil {
			return err
		}
		dst, err := s.Contacts.get(ctx, tx, a, into)
		if err != nil {
			return refErr("into_id", err)
		}
		if src.AccountID != dst.AccountID {
			return kam.Invalid("into_id", msgMergeAccount)
		}
		if err := store.MergeContacts(ctx, tx, from, into); err != nil {
			return err
		}
		return s.auditMerge(ctx, tx, a, "contact", src.ID, src.Name, dst.ID, dst.Name)
	})
}

// mergeNote is what a merge's audit records hold: the two records.
type mergeNote struct {
	MergedID   int64  `json:"merged_id"`
	MergedName string `json:"merged_name"`
	IntoID     int64  `json:"into_id"`
	IntoName   string `json:"into_name"`
}

// auditMerge writes the merge on both records' histories.
func (s *Service) auditMerge(ctx context.Context, tx *store.Tx, a kam.Actor, entity string, from int64, fromName string, into int64, intoName string) error {
	n := mergeNote{MergedID: from, MergedName: fromName, IntoID: into, IntoName: intoName}
	if err := s.audit(ctx, tx, a, "merge", entity, from, n, nil); err != nil {
		return err
	}
	return s.audit(ctx, tx, a, "merge", entity, into, nil, n)
}
