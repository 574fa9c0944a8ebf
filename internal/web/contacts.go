package web

import (
	"net/http"

	"kam/internal/kam"
	"kam/internal/store"
)

// contactRoutes are the contact page and the forms of a contact and its
// dotted lines (influences, conflicts).
func (a *app) contactRoutes() []route {
	contacts, links := a.contactRecords(), a.linkRecords()
	return []route{
		{Method: "GET", Path: "/contacts/new", Handle: a.newContactPage},
		{Method: "POST", Path: "/contacts", Handle: contacts.create},
		{Method: "GET", Path: "/contacts/{id}", Entity: "contact", Handle: a.contactView},
		{Method: "GET", Path: "/contacts/{id}/edit", Entity: "contact", Handle: contacts.editPage},
		{Method: "POST", Path: "/contacts/{id}", Entity: "contact", Handle: contacts.update},
		{Method: "POST", Path: "/contacts/{id}/delete", Entity: "contact", Handle: contacts.delete},
		{Method: "POST", Path: "/contacts/{id}/links", Entity: "contact", Handle: a.createLink},
		{Method: "POST", Path: "/links/{id}/delete", Entity: "contact_link", Handle: links.delete},
	}
}

func contactURL(id int64) string { return "/contacts/" + itoa64(id) }

// influenceRow is one opportunity the contact influences, with their roles.
type influenceRow struct {
	B   kam.BuyingInfluence
	Opp kam.Opportunity
}

type linkRow struct {
	L        kam.ContactLink
	Other    kam.Contact
	Incoming bool
}

type contactData struct {
	C            kam.Contact
	Account      kam.Account
	Unit         string
	Manager      *kam.Contact
	Reports      []kam.Contact
	Influences   []influenceRow
	Interactions []kam.Interaction
	OppNames     map[int64]string
	Links        []linkRow
	LinkForm     *Form
	LinkKinds    []option
	Colleagues   []option
	Writable     bool
	// Merge are the contacts an admin may merge this one into: those of
	// the account that seem to be the same person.
	Merge []option
}

func (a *app) contactView(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return a.renderContact(w, r, c, id, http.StatusOK, nil)
}

func (a *app) renderContact(w http.ResponseWriter, r *http.Request, c *call, id int64, status int, bad *Form) error {
	ctx := r.Context()
	ct, err := a.svc.Contacts.Get(ctx, c.Actor, id)
	if err != nil {
		return err
	}
	acct, err := a.svc.Accounts.Get(ctx, c.Actor, ct.AccountID)
	if err != nil {
		return err
	}
	d := contactData{C: ct, Account: acct, OppNames: map[int64]string{}, LinkForm: newForm(contactURL(id) + "/links"),
		LinkKinds: optionsOf(c.Locale, kam.ContactLinkKinds)}
	if bad != nil {
		d.LinkForm = bad
	}
	people, err := listAll(ctx, a.svc.Contacts, c.Actor, store.ContactFilter{AccountID: ct.AccountID}, maxListed)
	if err != nil {
		return err
	}
	byID := map[int64]kam.Contact{}
	for _, p := range people {
		byID[p.ID] = p
		if p.ReportsToID == id {
			d.Reports = append(d.Reports, p)
		}
		if p.ID != id {
			d.Colleagues = append(d.Colleagues, option{Value: itoa64(p.ID), Label: p.Name})
		}
	}
	if m, ok := byID[ct.ReportsToID]; ok {
		d.Manager = &m
	}
	if ct.OrgUnitID != 0 {
		if u, err := a.svc.OrgUnits.Get(ctx, c.Actor, ct.OrgUnitID); err == nil {
			d.Unit = u.Name
		}
	}
	opps, err := listAll(ctx, a.svc.Opportunities, c.Actor, store.OpportunityFilter{AccountID: ct.AccountID}, maxListed)
	if err != nil {
		return err
	}
	oppByID := map[int64]kam.Opportunity{}
	for _, o := range opps {
		oppByID[o.ID] = o
		d.OppNames[o.ID] = o.Name
	}
	infl, err := listAll(ctx, a.svc.BuyingInfluences, c.Actor, store.BuyingInfluenceFilter{ContactID: id}, maxListed)
	if err != nil {
		return err
	}
	for _, b := range infl {
		d.Influences = append(d.Influences, influenceRow{B: b, Opp: oppByID[b.OpportunityID]})
	}
	if d.Interactions, err = listAll(ctx, a.svc.Interactions, c.Actor, store.InteractionFilter{ContactID: id}, maxListed); err != nil {
		return err
	}
	links, err := listAll(ctx, a.svc.ContactLinks, c.Actor, store.ContactLinkFilter{ContactID: id}, maxListed)
	if err != nil {
		return err
	}
	for _, l := range links {
		row := linkRow{L: l, Other: byID[l.ToContactID]}
		if l.ToContactID == id {
			row.Incoming, row.Other = true, byID[l.FromContactID]
		}
		d.Links = append(d.Links, row)
	}
	shares, err := a.svc.Shares(ctx, c.Actor, acct.ID)
	if err != nil {
		return err
	}
	d.Writable = a.canWriteAccount(r, c, acct, shares)
	if d.Merge, err = a.mergeChoices(ctx, c, kam.Account{}, ct); err != nil {
		return err
	}
	return a.renderPage(w, r, c, status, "contact_view", &Page{Section: "accounts", Title: ct.Name, Data: d})
}

func (a *app) contactSpecs(r *http.Request, c *call, accountID, selfID int64) ([]spec, error) {
	ctx := r.Context()
	people, err := listAll(ctx, a.svc.Contacts, c.Actor, store.ContactFilter{AccountID: accountID}, maxListed)
	if err != nil {
		return nil, err
	}
	units, err := listAll(ctx, a.svc.OrgUnits, c.Actor, store.OrgUnitFilter{AccountID: accountID}, maxListed)
	if err != nil {
		return nil, err
	}
	var managers, unitOpts []option
	for _, p := range people {
		if p.ID != selfID {
			managers = append(managers, option{Value: itoa64(p.ID), Label: p.Name})
		}
	}
	for _, u := range units {
		unitOpts = append(unitOpts, option{Value: itoa64(u.ID), Label: u.Name})
	}
	l := c.Locale
	return []spec{
		{Name: "account_id", Kind: "hidden"},
		{Name: "name", Label: "f.name", Kind: "text"},
		{Name: "title", Label: "f.title", Kind: "text"},
		{Name: "org_unit_id", Label: "f.org_unit", Kind: "select", Opts: withBlank(unitOpts)},
		{Name: "seniority", Label: "f.seniority", Kind: "select", Opts: optionsOf(l, kam.Seniorities)},
		{Name: "reports_to_id", Label: "f.reports_to", Kind: "select", Opts: withBlank(managers)},
		{Name: "status", Label: "f.contact_status", Kind: "select", Opts: optionsOf(l, kam.ContactStatuses)},
		{Name: "status_date", Label: "f.status_date", Kind: "date"},
		{Name: "in_post_since", Label: "f.in_post_since", Kind: "date"},
		{Name: "email", Label: "f.email", Kind: "email"},
		{Name: "phone", Label: "f.phone", Kind: "text"},
		{Name: "personal_notes", Label: "f.personal_notes", Kind: "textarea"},
	}, nil
}

func contactForm(action string, x kam.Contact) *Form {
	f := newForm(action)
	f.setID("account_id", x.AccountID)
	f.Set("name", x.Name)
	f.Set("title", x.Title)
	f.setID("org_unit_id", x.OrgUnitID)
	f.Set("seniority", string(x.Seniority))
	f.setID("reports_to_id", x.ReportsToID)
	f.Set("status", string(x.Status))
	f.setDate("status_date", x.StatusDate)
	f.setDate("in_post_since", x.InPostSince)
	f.Set("email", x.Email)
	f.Set("phone", x.Phone)
	f.Set("personal_notes", x.PersonalNotes)
	f.Version = x.Version
	return f
}

func readContact(f *Form, x *kam.Contact) {
	x.Name = f.Text("name")
	x.Title = f.Text("title")
	x.OrgUnitID = f.Int64("org_unit_id")
	x.Seniority = kam.Seniority(f.Get("seniority"))
	x.ReportsToID = f.Int64("reports_to_id")
	x.Status = kam.ContactStatus(f.Get("status"))
	x.StatusDate = f.Date("status_date")
	x.InPostSince = f.Date("in_post_since")
	x.Email = f.Text("email")
	x.Phone = f.Text("phone")
	x.PersonalNotes = f.Text("personal_notes")
}

func (a *app) contactFormPage(w http.ResponseWriter, r *http.Request, c *call, f *Form, accountID, selfID int64, heading, back string) error {
	specs, err := a.contactSpecs(r, c, accountID, selfID)
	if err != nil {
		return err
	}
	return a.renderForm(w, r, c, "accounts", heading, f, specs, back)
}

// contactRecords create, edit, update, delete and restore contacts; a
// deleted contact waits in the trash. A contact is created on the account
// its form names.
func (a *app) contactRecords() *record[kam.Contact] {
	return &record[kam.Contact]{a: a, entity: a.svc.Contacts, url: contactURL, form: contactForm, read: readContact,
		page: func(w http.ResponseWriter, r *http.Request, c *call, f *Form, cur kam.Contact) error {
			f.setID("account_id", cur.AccountID)
			return a.contactFormPage(w, r, c, f, cur.AccountID, cur.ID, cur.Name, contactURL(cur.ID))
		},
		saved:   func(cur kam.Contact) string { return contactURL(cur.ID) },
		removed: "wb.trashed", gone: func(x kam.Contact) string { return acctURL(x.AccountID) },
		newURL: fixedURL("/contacts"),
		blank: func(_ *http.Request, _ *call, f *Form) (kam.Contact, error) {
			return kam.Contact{AccountID: f.Int64("account_id")}, nil
		},
		newPage: func(w http.ResponseWriter, r *http.Request, c *call, f *Form, x kam.Contact) error {
			acctID := x.AccountID
			if _, err := a.svc.Accounts.Get(r.Context(), c.Actor, acctID); err != nil {
				acctID = 0
			}
			return a.contactFormPage(w, r, c, f, acctID, 0, msg(c.Locale, "contacts.new", ""), "/accounts")
		},
		created:    func(x kam.Contact) string { return contactURL(x.ID) },
		duplicates: a.warnContactDuplicates,
	}
}

func (a *app) newContactPage(w http.ResponseWriter, r *http.Request, c *call) error {
	acct, err := a.svc.Accounts.Get(r.Context(), c.Actor, queryID(r, "account"))
	if err != nil {
		return err
	}
	x := kam.Contact{AccountID: acct.ID, Seniority: kam.SeniorityUnknown, Status: kam.ContactActive, ReportsToID: queryID(r, "reports_to")}
	return a.contactFormPage(w, r, c, contactForm("/contacts", x), acct.ID, 0, msg(c.Locale, "contacts.new", acct.Name), acctURL(acct.ID))
}

func (a *app) createLink(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := a.svc.Contacts.Get(r.Context(), c.Actor, id); err != nil {
		return err
	}
	f, err := formFrom(r, contactURL(id)+"/links")
	if err != nil {
		return err
	}
	l := kam.ContactLink{FromContactID: id, ToContactID: f.Int64("to_contact_id"), Kind: kam.ContactLinkKind(f.Get("kind"))}
	if !f.Invalid() {
		_, err = a.svc.ContactLinks.Create(r.Context(), c.Actor, l)
	} else {
		err = f.Err()
	}
	if err != nil {
		if f.Take(err) {
			return a.renderContact(w, r, c, id, f.Status(), f)
		}
		return err
	}
	a.flash(w, r, "form.saved")
	return seeOther(w, r, contactURL(id)+"#links")
}

// linkRecords delete a contact's dotted lines, returning to the contact
// who has them.
func (a *app) linkRecords() *record[kam.ContactLink] {
	return &record[kam.ContactLink]{a: a, entity: a.svc.ContactLinks, removed: "wb.removed",
		gone: func(x kam.ContactLink) string { return contactURL(x.FromContactID) + "#links" }}
}
