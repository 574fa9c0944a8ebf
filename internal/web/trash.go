package web

import (
	"net/http"

	"kam/internal/kam"
	"kam/internal/store"
)

// trashRoutes are the trash: accounts, contacts and opportunities deleted
// to it, with restore.
func (a *app) trashRoutes() []route {
	accounts, contacts, opps := a.accountRecords(), a.contactRecords(), a.opportunityRecords()
	return []route{
		{Method: "GET", Path: "/trash", Handle: a.trashPage},
		{Method: "POST", Path: "/trash/accounts/{id}/restore", Entity: "account", Handle: accounts.restore},
		{Method: "POST", Path: "/trash/contacts/{id}/restore", Entity: "contact", Handle: contacts.restore},
		{Method: "POST", Path: "/trash/opportunities/{id}/restore", Entity: "opportunity", Handle: opps.restore},
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
	trash := store.ListOptions{Deleted: true, Limit: trashShown}
	if d.Accounts, _, err = a.svc.Accounts.List(ctx, c.Actor, store.AccountFilter{ListOptions: trash}); err != nil {
		return err
	}
	if d.Contacts, _, err = a.svc.Contacts.List(ctx, c.Actor, store.ContactFilter{ListOptions: trash}); err != nil {
		return err
	}
	if d.Opportunities, _, err = a.svc.Opportunities.List(ctx, c.Actor, store.OpportunityFilter{ListOptions: trash}); err != nil {
		return err
	}
	return a.renderPage(w, r, c, http.StatusOK, "trash", &Page{Section: "accounts", Data: d})
}
