package web

import (
	"context"
	"net/http"
	"strings"

	"kam/internal/kam"
)

// warnAccountDuplicates sets f.Duplicates to the accounts in the user's
// scope that x seems to repeat (the same name once normalised).
func (a *app) warnAccountDuplicates(ctx context.Context, c *call, f *Form, x kam.Account) error {
	dups, err := a.svc.AccountDuplicates(ctx, c.Actor, x)
	if err != nil {
		return err
	}
	for _, d := range dups {
		f.Duplicates = append(f.Duplicates, option{Value: acctURL(d.ID), Label: d.Name})
	}
	return nil
}

// warnContactDuplicates sets f.Duplicates to the contacts of x's account
// that x seems to repeat (name, email or mobile).
func (a *app) warnContactDuplicates(ctx context.Context, c *call, f *Form, x kam.Contact) error {
	dups, err := a.svc.ContactDuplicates(ctx, c.Actor, x)
	if err != nil {
		return err
	}
	for _, d := range dups {
		label := d.Name
		if d.Title != "" {
			label += " · " + d.Title
		}
		f.Duplicates = append(f.Duplicates, option{Value: contactURL(d.ID), Label: label})
	}
	return nil
}

// mergeRoutes are the admin's merges of two records of one kind.
func (a *app) mergeRoutes() []route {
	return []route{
		{Method: "POST", Path: "/accounts/{id}/merge", Entity: "account", Access: AdminOnly, Handle: a.mergeAccount},
		{Method: "POST", Path: "/contacts/{id}/merge", Entity: "contact", Access: AdminOnly, Handle: a.mergeContact},
	}
}

// mergeAccount merges the account of the path into the form's into_id.
func (a *app) mergeAccount(w http.ResponseWriter, r *http.Request, c *call) error {
	return a.merge(w, r, c, a.svc.MergeAccounts, acctURL)
}

// mergeContact merges the contact of the path into the form's into_id.
func (a *app) mergeContact(w http.ResponseWriter, r *http.Request, c *call) error {
	return a.merge(w, r, c, a.svc.MergeContacts, contactURL)
}

func (a *app) merge(w http.ResponseWriter, r *http.Request, c *call, do func(context.Context, kam.Actor, int64, int64) error, url func(int64) string) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f, err := formFrom(r, url(id)+"/merge")
	if err != nil {
		return err
	}
	into := formID(f, "into_id")
	if into == 0 {
		return kam.Invalid("into_id", kam.T("choose the record to keep", "请选择保留的记录"))
	}
	if err := do(r.Context(), c.Actor, id, into); err != nil {
		return err
	}
	a.flash(w, r, "dup.merged")
	return seeOther(w, r, url(into))
}

// mergeChoices are, for an admin, the records the account (or, when
// acct is zero, the contact) seems to repeat, to merge it into; nothing for
// others.
func (a *app) mergeChoices(ctx context.Context, c *call, acct kam.Account, ct kam.Contact) ([]option, error) {
	if c.User.Role != kam.RoleAdmin {
		return nil, nil
	}
	var f Form
	var err error
	if acct.ID != 0 {
		err = a.warnAccountDuplicates(ctx, c, &f, acct)
	} else {
		err = a.warnContactDuplicates(ctx, c, &f, ct)
	}
	for i := range f.Duplicates {
		// The record's page is its path; the form wants its id.
		p := f.Duplicates[i].Value
		f.Duplicates[i].Value = p[strings.LastIndex(p, "/")+1:]
	}
	return f.Duplicates, err
}
