package web

import (
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"kam/internal/kam"
	"kam/internal/store"
)

// accountRoutes are the customer accounts: the list and page, and the
// forms of an account — the account itself, org units, relations,
// ratings and shares. (The user's own /account page is profileRoutes.)
func (a *app) accountRoutes() []route {
	accounts, units, relations := a.accountRecords(), a.unitRecords(), a.relationRecords()
	return []route{
		{Method: "GET", Path: "/accounts", Handle: a.accountsPage},
		{Method: "GET", Path: "/accounts/new", Handle: a.newAccountPage},
		{Method: "POST", Path: "/accounts", Handle: accounts.create},
		{Method: "GET", Path: "/accounts/{id}", Entity: "account", Handle: a.accountView},
		{Method: "GET", Path: "/accounts/{id}/edit", Entity: "account", Handle: accounts.editPage},
		{Method: "POST", Path: "/accounts/{id}", Entity: "account", Handle: accounts.update},
		{Method: "POST", Path: "/accounts/{id}/delete", Entity: "account", Handle: accounts.delete},
		{Method: "POST", Path: "/accounts/{id}/ratings", Entity: "account", Handle: a.rateAccount},
		{Method: "POST", Path: "/accounts/{id}/shares", Entity: "account", Handle: a.shareAccount},
		{Method: "POST", Path: "/accounts/{id}/unshare", Entity: "account", Handle: a.unshareAccount},
		{Method: "POST", Path: "/accounts/{id}/units", Entity: "account", Handle: a.createUnit},
		{Method: "GET", Path: "/units/{id}/edit", Entity: "org_unit", Handle: units.editPage},
		{Method: "POST", Path: "/units/{id}", Entity: "org_unit", Handle: units.update},
		{Method: "POST", Path: "/units/{id}/delete", Entity: "org_unit", Handle: units.delete},
		{Method: "POST", Path: "/accounts/{id}/relations", Entity: "account", Handle: a.createRelation},
		{Method: "POST", Path: "/relations/{id}/delete", Entity: "account_relation", Handle: relations.delete},
	}
}

// clip bounds a search term to kam.MaxName characters.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= kam.MaxName {
		return s
	}
	return string([]rune(s)[:kam.MaxName])
}

func acctURL(id int64) string { return "/accounts/" + itoa64(id) }

// accountRow is one line of the account list.
type accountRow struct {
	A     kam.Account
	Owner string
	// Score is the ideal-customer score 0–100; Rated is false when the
	// account has no rating on a live criterion.
	Score float64
	Rated bool
}

type accountsData struct {
	Rows     []accountRow
	Q        string
	Owner    int64
	Industry string
	Region   string
	Rank     bool
	Next     string
	Owners   []option
	Filtered bool
}

// maxChoices bounds how many accounts a form offers as parent or related
// company.
const maxChoices = 2000

// maxRanked bounds the "rank by ideal-customer score" view.
const maxRanked = 500

// accountsPage lists the accounts the actor sees: search, owner, industry
// and region filters are applied by the store, so one page costs a fixed
// number of queries (the page, the owners, the scores).
func (a *app) accountsPage(w http.ResponseWriter, r *http.Request, c *call) error {
	q := r.URL.Query()
	d := accountsData{Q: strings.TrimSpace(q.Get("q")), Owner: queryID(r, "owner"),
		Industry: strings.TrimSpace(q.Get("industry")), Region: strings.TrimSpace(q.Get("region")), Rank: q.Get("sort") == "ideal"}
	if !validText(d.Q) || !validText(d.Industry) || !validText(d.Region) {
		d.Q, d.Industry, d.Region = "", "", ""
	}
	// A search longer than any name can match nothing; bound it so the
	// query stays cheap.
	d.Q, d.Industry, d.Region = clip(d.Q), clip(d.Industry), clip(d.Region)
	d.Filtered = d.Q != "" || d.Owner != 0 || d.Industry != "" || d.Region != ""
	users, err := a.usersFor(r.Context(), c)
	if err != nil {
		return err
	}
	names := userNames(users)
	d.Owners = withBlank(userOpts(users))
	f := store.AccountFilter{Query: d.Q, OwnerID: d.Owner, Industry: d.Industry, Region: d.Region}
	var accts []kam.Account
	if d.Rank {
		if accts, err = listAll(r.Context(), a.svc.Accounts, c.Actor, f, maxRanked); err != nil {
			return err
		}
	} else {
		f.After, f.Limit = queryID(r, "after"), store.DefaultLimit
		var next int64
		if accts, next, err = a.svc.Accounts.List(r.Context(), c.Actor, f); err != nil {
			return err
		}
		if next != 0 {
			nq := r.URL.Query()
			nq.Set("after", itoa64(next))
			d.Next = "/accounts?" + nq.Encode()
		}
	}
	ids := make([]int64, len(accts))
	for i := range accts {
		ids[i] = accts[i].ID
	}
	scores, err := a.svc.IdealScores(r.Context(), c.Actor, ids)
	if err != nil {
		return err
	}
	for _, x := range accts {
		s, ok := scores[x.ID]
		d.Rows = append(d.Rows, accountRow{A: x, Owner: names[x.OwnerID], Score: s, Rated: ok})
	}
	if d.Rank {
		// Best fit first; unrated accounts last, then by name and id, as
		// method.RankAccounts orders them.
		slices.SortStableFunc(d.Rows, func(x, y accountRow) int {
			switch {
			case x.Rated != y.Rated:
				if x.Rated {
					return -1
				}
				return 1
			case x.Score != y.Score:
				if x.Score > y.Score {
					return -1
				}
				return 1
			}
			if c := strings.Compare(x.A.Name, y.A.Name); c != 0 {
				return c
			}
			return int(x.A.ID - y.A.ID)
		})
	}
	return a.renderPage(w, r, c, http.StatusOK, "accounts", &Page{Section: "accounts", Data: d})
}

func (a *app) accountSpecs(r *http.Request, c *call, selfID int64) ([]spec, error) {
	users, err := a.usersFor(r.Context(), c)
	if err != nil {
		return nil, err
	}
	accts, err := listAll(r.Context(), a.svc.Accounts, c.Actor, store.AccountFilter{}, maxChoices)
	if err != nil {
		return nil, err
	}
	var parents []option
	for _, x := range accts {
		if x.ID != selfID {
			parents = append(parents, option{Value: itoa64(x.ID), Label: x.Name})
		}
	}
	return []spec{
		{Name: "name", Label: "f.account_name", Kind: "text"},
		{Name: "industry", Label: "f.industry", Kind: "text"},
		{Name: "region", Label: "f.region", Kind: "text"},
		{Name: "employees", Label: "f.employees", Kind: "number"},
		{Name: "annual_revenue", Label: "f.annual_revenue", Kind: "number"},
		{Name: "parent_id", Label: "f.parent", Kind: "select", Opts: withBlank(parents)},
		{Name: "reorganising_since", Label: "f.reorganising_since", Kind: "date"},
		{Name: "owner_id", Label: "f.owner", Kind: "select", Opts: userOpts(users)},
		{Name: "notes", Label: "f.notes", Kind: "textarea"},
	}, nil
}

func accountForm(action string, x kam.Account) *Form {
	f := newForm(action)
	f.Set("name", x.Name)
	f.Set("industry", x.Industry)
	f.Set("region", x.Region)
	f.setInt("employees", x.Employees)
	f.setInt("annual_revenue", x.AnnualRevenue)
	f.setID("parent_id", x.ParentID)
	f.setDate("reorganising_since", x.ReorganisingSince)
	f.setID("owner_id", x.OwnerID)
	f.Set("notes", x.Notes)
	f.Version = x.Version
	return f
}

func readAccount(f *Form, x *kam.Account) {
	x.Name = f.Text("name")
	x.Industry = f.Text("industry")
	x.Region = f.Text("region")
	x.Employees = f.Int64("employees")
	x.AnnualRevenue = f.Int64("annual_revenue")
	x.ParentID = f.Int64("parent_id")
	x.ReorganisingSince = f.Date("reorganising_since")
	x.OwnerID = f.Int64("owner_id")
	x.Notes = f.Text("notes")
}

func (a *app) accountFormPage(w http.ResponseWriter, r *http.Request, c *call, f *Form, selfID int64, heading, back string) error {
	specs, err := a.accountSpecs(r, c, selfID)
	if err == nil {
		err = a.ownerChoices(r.Context(), c, specs, formID(f, "owner_id"))
	}
	if err != nil {
		return err
	}
	return a.renderForm(w, r, c, "accounts", heading, f, specs, back, "ideal-customer")
}

// accountRecords create, edit, update, delete and restore accounts; a
// deleted account waits in the trash.
func (a *app) accountRecords() *record[kam.Account] {
	return &record[kam.Account]{a: a, entity: a.svc.Accounts, url: acctURL, form: accountForm, read: readAccount,
		page: func(w http.ResponseWriter, r *http.Request, c *call, f *Form, cur kam.Account) error {
			return a.accountFormPage(w, r, c, f, cur.ID, cur.Name, acctURL(cur.ID))
		},
		saved:   func(cur kam.Account) string { return acctURL(cur.ID) },
		removed: "wb.trashed", gone: func(kam.Account) string { return "/accounts" },
		newURL: fixedURL("/accounts"),
		newPage: func(w http.ResponseWriter, r *http.Request, c *call, f *Form, _ kam.Account) error {
			return a.accountFormPage(w, r, c, f, 0, msg(c.Locale, "accounts.new"), "/accounts")
		},
		created:    func(x kam.Account) string { return acctURL(x.ID) },
		duplicates: a.warnAccountDuplicates,
	}
}

func (a *app) newAccountPage(w http.ResponseWriter, r *http.Request, c *call) error {
	x := kam.Account{OwnerID: c.User.ID, ParentID: queryID(r, "parent")}
	if x.ParentID != 0 {
		// Like ?account= on the other new-record pages: a parent the user
		// cannot see is not found.
		if _, err := a.svc.Accounts.Get(r.Context(), c.Actor, x.ParentID); err != nil {
			return err
		}
	}
	return a.accountFormPage(w, r, c, accountForm("/accounts", x), 0, msg(c.Locale, "accounts.new"), "/accounts")
}
