package web

import (
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"kam/internal/draw"
	"kam/internal/kam"
	"kam/internal/method"
	"kam/internal/store"
)

// accountRoutesWB are the account list and page, and the forms of an
// account: the account itself, org units, relations, ratings and shares.
func (a *app) accountRoutesWB() []route {
	return []route{
		{Method: "GET", Path: "/accounts", Handle: a.accountsPage},
		{Method: "GET", Path: "/accounts/new", Handle: a.newAccountPage},
		{Method: "POST", Path: "/accounts", Handle: a.createAccount},
		{Method: "GET", Path: "/accounts/{id}", Entity: "account", Handle: a.accountView},
		{Method: "GET", Path: "/accounts/{id}/edit", Entity: "account", Handle: a.editAccountPage},
		{Method: "POST", Path: "/accounts/{id}", Entity: "account", Handle: a.updateAccount},
		{Method: "POST", Path: "/accounts/{id}/delete", Entity: "account", Handle: a.deleteAccount},
		{Method: "POST", Path: "/accounts/{id}/ratings", Entity: "account", Handle: a.rateAccount},
		{Method: "POST", Path: "/accounts/{id}/shares", Entity: "account", Handle: a.shareAccount},
		{Method: "POST", Path: "/accounts/{id}/unshare", Entity: "account", Handle: a.unshareAccount},
		{Method: "POST", Path: "/accounts/{id}/units", Entity: "account", Handle: a.createUnit},
		{Method: "GET", Path: "/units/{id}/edit", Entity: "org_unit", Handle: a.editUnitPage},
		{Method: "POST", Path: "/units/{id}", Entity: "org_unit", Handle: a.updateUnit},
		{Method: "POST", Path: "/units/{id}/delete", Entity: "org_unit", Handle: a.deleteUnit},
		{Method: "POST", Path: "/accounts/{id}/relations", Entity: "account", Handle: a.createRelation},
		{Method: "POST", Path: "/relations/{id}/delete", Entity: "account_relation", Handle: a.deleteRelation},
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
	f := store.Filter{Query: d.Q, OwnerID: d.Owner, Industry: d.Industry, Region: d.Region}
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

// oppOrder places open deals first, nearest the close first (best few, in
// the funnel, above), then won and lost ones.
var oppOrder = map[kam.FunnelLevel]int{kam.LevelBestFew: 0, kam.LevelIn: 1, kam.LevelAbove: 2, kam.LevelWon: 3, kam.LevelLost: 4}

// compareOpps orders an account's opportunities so the page answers "what
// is open here" first: open deals by level, then by the nearest close
// date; decided deals after them, the latest first.
func compareOpps(x, y kam.Opportunity) int {
	if ox, oy := oppOrder[x.Level], oppOrder[y.Level]; ox != oy {
		return ox - oy
	}
	switch {
	case x.CloseDate == y.CloseDate:
		return 0
	case x.CloseDate.Before(y.CloseDate) == x.Level.Open():
		return -1
	}
	return 1
}

// accountViewData is the account page.
type accountViewData struct {
	A          kam.Account
	Writable   bool
	Owner      string
	Ancestors  []kam.Account
	Group      []groupNode // the subsidiaries, level by level
	Relations  []relationRow
	Opps       []kam.Opportunity
	Units      []kam.OrgUnit
	UnitNames  map[int64]string
	Contacts   []kam.Contact
	Chart      []byte
	Criteria   []ratingRow
	Score      float64 // the ideal-customer score 0–100, when Rated
	Rated      bool
	Shares     []shareRow
	Teams      []option
	Others     []option
	UnitForm   *Form
	RelForm    *Form
	ShareForm  *Form
	RateForm   *Form
	RelKinds   []option
	Accesses   []option
	UnitOpts   []option
	ShareError string
}

// groupNode is one subsidiary in the group tree with its own; More when
// it has subsidiaries deeper than the tree shows.
type groupNode struct {
	A        kam.Account
	Children []groupNode
	More     bool
}

// The group tree shows at most maxGroupDepth levels below the account and
// maxGroupNodes subsidiaries.
const (
	maxGroupDepth = 6
	maxGroupNodes = 500
)

// groupTree is the subtree of subsidiaries under account id, as far as the
// user may see. all is every account the user sees (read for the page's
// relation choices): when it is complete the tree is built from it with no
// further query; when the user sees more accounts than it holds, the tree is
// read level by level, a query per subsidiary, within the same bounds.
func (a *app) groupTree(r *http.Request, c *call, id int64, all []kam.Account) ([]groupNode, error) {
	under := map[int64][]kam.Account{}
	if len(all) < maxChoices {
		for _, x := range all {
			if x.ParentID != 0 {
				under[x.ParentID] = append(under[x.ParentID], x)
			}
		}
	} else {
		level, n := []int64{id}, 0
		for depth := 0; depth <= maxGroupDepth && len(level) > 0 && n < maxGroupNodes; depth++ {
			var next []int64
			for _, p := range level {
				kids, err := listAll(r.Context(), a.svc.Accounts, c.Actor, store.Filter{ParentID: p}, maxGroupNodes)
				if err != nil {
					return nil, err
				}
				under[p] = kids
				for _, k := range kids {
					next = append(next, k.ID)
				}
				if n += len(kids); n >= maxGroupNodes {
					break
				}
			}
			level = next
		}
	}
	seen := map[int64]bool{id: true}
	n := 0
	var build func(p int64, depth int) []groupNode
	build = func(p int64, depth int) []groupNode {
		var out []groupNode
		for _, x := range under[p] {
			if seen[x.ID] || n >= maxGroupNodes {
				continue
			}
			seen[x.ID] = true
			n++
			g := groupNode{A: x}
			if depth < maxGroupDepth {
				g.Children = build(x.ID, depth+1)
			} else {
				g.More = len(under[x.ID]) > 0
			}
			out = append(out, g)
		}
		return out
	}
	return build(id, 1), nil
}

// relationRow is one upstream or downstream company of the account in
// view. Kind is the role Other plays for that account: a relation recorded
// on the other side (Incoming) reads the other way round — the supplier of
// a customer sees it as its customer.
type relationRow struct {
	R        kam.AccountRelation
	Other    kam.Account
	Incoming bool
	Kind     kam.AccountRelationKind
}

// inverseRelation is kind read from the second account: a supplier's
// customer, a customer's supplier, a partner's partner.
func inverseRelation(kind kam.AccountRelationKind) kam.AccountRelationKind {
	switch kind {
	case kam.RelationSupplier:
		return kam.RelationCustomer
	case kam.RelationCustomer:
		return kam.RelationSupplier
	}
	return kind
}

type ratingRow struct {
	C      kam.Criterion
	Rating string
	// Error is a refused rating's message, shown beside its select.
	Error string
}

type shareRow struct {
	S    kam.AccountShare
	Team string
}

func (a *app) accountView(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return a.renderAccountView(w, r, c, id, http.StatusOK, nil)
}

// renderAccountView shows the account page; bad, when set, is a refused
// small form (org unit, relation, share, rating) shown with its errors.
func (a *app) renderAccountView(w http.ResponseWriter, r *http.Request, c *call, id int64, status int, bad *Form) error {
	ctx := r.Context()
	acct, err := a.svc.Accounts.Get(ctx, c.Actor, id)
	if err != nil {
		return err
	}
	users, err := a.usersFor(ctx, c)
	if err != nil {
		return err
	}
	l := c.Locale
	d := accountViewData{A: acct, Owner: userNames(users)[acct.OwnerID], UnitNames: map[int64]string{},
		UnitForm: newForm(acctURL(id) + "/units"), RelForm: newForm(acctURL(id) + "/relations"),
		ShareForm: newForm(acctURL(id) + "/shares"), RateForm: newForm(acctURL(id) + "/ratings"),
		RelKinds: optionsOf(l, kam.AccountRelations), Accesses: optionsOf(l, kam.ShareAccesses)}
	if bad != nil {
		switch bad.Action {
		case d.UnitForm.Action:
			d.UnitForm = bad
		case d.RelForm.Action:
			d.RelForm = bad
		case d.ShareForm.Action:
			d.ShareForm = bad
		case d.RateForm.Action:
			d.RateForm = bad
		}
	}
	// Ancestors: up the group tree, as far as the user may see, without
	// looping on a damaged tree.
	seen := map[int64]bool{id: true}
	for p := acct.ParentID; p != 0 && !seen[p] && len(d.Ancestors) < 20; {
		seen[p] = true
		pa, err := a.svc.Accounts.Get(ctx, c.Actor, p)
		if err != nil {
			break
		}
		d.Ancestors = append([]kam.Account{pa}, d.Ancestors...)
		p = pa.ParentID
	}
	all, err := listAll(ctx, a.svc.Accounts, c.Actor, store.Filter{}, maxChoices)
	if err != nil {
		return err
	}
	if d.Group, err = a.groupTree(r, c, id, all); err != nil {
		return err
	}
	byID := map[int64]kam.Account{}
	for _, x := range all {
		byID[x.ID] = x
		if x.ID != id {
			d.Others = append(d.Others, option{Value: itoa64(x.ID), Label: x.Name})
		}
	}
	rels, err := listAll(ctx, a.svc.AccountRelations, c.Actor, store.Filter{AccountID: id}, maxListed)
	if err != nil {
		return err
	}
	for _, x := range rels {
		row := relationRow{R: x, Other: byID[x.ToAccountID], Kind: x.Kind}
		if x.ToAccountID == id {
			row.Incoming, row.Other, row.Kind = true, byID[x.FromAccountID], inverseRelation(x.Kind)
		}
		d.Relations = append(d.Relations, row)
	}
	if d.Opps, err = listAll(ctx, a.svc.Opportunities, c.Actor, store.Filter{AccountID: id}, maxListed); err != nil {
		return err
	}
	slices.SortStableFunc(d.Opps, compareOpps)
	if d.Units, err = listAll(ctx, a.svc.OrgUnits, c.Actor, store.Filter{AccountID: id}, maxListed); err != nil {
		return err
	}
	d.UnitOpts = withBlank(nil)
	for _, u := range d.Units {
		d.UnitNames[u.ID] = u.Name
		d.UnitOpts = append(d.UnitOpts, option{Value: itoa64(u.ID), Label: u.Name})
	}
	if d.Contacts, err = listAll(ctx, a.svc.Contacts, c.Actor, store.Filter{AccountID: id}, maxListed); err != nil {
		return err
	}
	links, err := listAll(ctx, a.svc.ContactLinks, c.Actor, store.Filter{AccountID: id}, maxListed)
	if err != nil {
		return err
	}
	d.Chart = draw.OrgChart(draw.OrgChartInput{Contacts: d.Contacts, Units: d.Units, Links: links,
		Href: func(id int64) string { return "/contacts/" + itoa64(id) }}, l)
	criteria, err := listAll(ctx, a.svc.Criteria, c.Actor, store.Filter{}, maxListed)
	if err != nil {
		return err
	}
	ratings, err := a.svc.Ratings(ctx, c.Actor, id)
	if err != nil {
		return err
	}
	if s := method.IdealScore(criteria, ratings); s != nil {
		d.Score, d.Rated = *s, true
	}
	for _, k := range criteria {
		row := ratingRow{C: k}
		for _, x := range ratings {
			if x.CriterionID == k.ID {
				row.Rating = itoa64(int64(x.Rating))
			}
		}
		if bad != nil && bad == d.RateForm && bad.Get("criterion_id") == itoa64(k.ID) {
			row.Rating = bad.Get("rating")
			var msgs []string
			for _, e := range bad.OtherErrors() {
				msgs = append(msgs, e.In(l))
			}
			row.Error = strings.Join(msgs, " ")
			d.RateForm = newForm(bad.Action) // shown beside its row, not below
		}
		d.Criteria = append(d.Criteria, row)
	}
	shares, err := a.svc.Shares(ctx, c.Actor, id)
	if err != nil {
		return err
	}
	teams, err := listAll(ctx, a.svc.Teams, c.Actor, store.Filter{}, maxListed)
	if err != nil {
		return err
	}
	for _, t := range teams {
		d.Teams = append(d.Teams, option{Value: itoa64(t.ID), Label: t.Name})
		for _, s := range shares {
			if s.TeamID == t.ID {
				d.Shares = append(d.Shares, shareRow{S: s, Team: t.Name})
			}
		}
	}
	// Writable: the service decides; an update with the current version and
	// no change is not attempted, so ask through the strategy of access:
	// owners, their managers, admins and write-shared teams may edit.
	d.Writable = a.canWriteAccount(r, c, acct, shares)
	return a.renderPage(w, r, c, status, "account_view", &Page{Section: "accounts", Title: acct.Name, Data: d})
}

// canWriteAccount mirrors the service's rule for showing edit controls
// (the service still decides on every write): an admin, the owner, a
// manager of the owner's team (approximated by a manager seeing an account
// that is not shared with their team), or a team the account is shared
// with for writing.
func (a *app) canWriteAccount(r *http.Request, c *call, acct kam.Account, shares []kam.AccountShare) bool {
	if c.User.Role == kam.RoleAdmin || acct.OwnerID == c.User.ID {
		return true
	}
	for _, s := range shares {
		if s.TeamID == c.User.TeamID && c.User.TeamID != 0 {
			return s.Access == kam.ShareWrite
		}
	}
	return c.User.Role == kam.RoleManager
}

// --- The account form ------------------------------------------------------

func (a *app) accountSpecs(r *http.Request, c *call, selfID int64) ([]spec, error) {
	users, err := a.usersFor(r.Context(), c)
	if err != nil {
		return nil, err
	}
	accts, err := listAll(r.Context(), a.svc.Accounts, c.Actor, store.Filter{}, maxChoices)
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
	if err != nil {
		return err
	}
	return a.renderForm(w, r, c, "accounts", heading, f, specs, back, "ideal-customer")
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

func (a *app) createAccount(w http.ResponseWriter, r *http.Request, c *call) error {
	f, err := formFrom(r, "/accounts")
	if err != nil {
		return err
	}
	var x kam.Account
	readAccount(f, &x)
	f.Also(a.svc.Accounts.Check(r.Context(), c.Actor, nil, x))
	if !f.Invalid() {
		if x, err = a.svc.Accounts.Create(r.Context(), c.Actor, x); err == nil {
			a.flash(w, r, "form.saved")
			return seeOther(w, r, acctURL(x.ID))
		}
		if !f.Take(err) {
			return err
		}
	}
	return a.accountFormPage(w, r, c, f, 0, msg(c.Locale, "accounts.new"), "/accounts")
}

func (a *app) editAccountPage(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	x, err := a.svc.Accounts.Get(r.Context(), c.Actor, id)
	if err != nil {
		return err
	}
	return a.accountFormPage(w, r, c, accountForm(acctURL(id), x), id, x.Name, acctURL(id))
}

func (a *app) updateAccount(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	cur, err := a.svc.Accounts.Get(r.Context(), c.Actor, id)
	if err != nil {
		return err
	}
	f, err := formFrom(r, acctURL(id))
	if err != nil {
		return err
	}
	probe := cur
	readAccount(f, &probe)
	f.Also(a.svc.Accounts.Check(r.Context(), c.Actor, &cur, probe))
	if !f.Invalid() {
		_, err = a.svc.Accounts.Update(r.Context(), c.Actor, id, f.Version, func(x *kam.Account) error {
			readAccount(f, x)
			return nil
		})
		if err == nil {
			a.flash(w, r, "form.saved")
			return seeOther(w, r, acctURL(id))
		}
		if !f.Take(err) {
			return err
		}
	}
	return a.accountFormPage(w, r, c, f, id, cur.Name, acctURL(id))
}

func (a *app) deleteAccount(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := a.svc.Accounts.Delete(r.Context(), c.Actor, id, formVersion(r)); err != nil {
		return err
	}
	a.flash(w, r, "wb.trashed")
	return seeOther(w, r, "/accounts")
}

// --- Small forms of the account page ---------------------------------------

// smallForm runs one small form of the account page: read, write, and on a
// field error or conflict show the page again with the form's errors.
func (a *app) smallForm(w http.ResponseWriter, r *http.Request, c *call, action, anchor string, write func(f *Form) error) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := a.svc.Accounts.Get(r.Context(), c.Actor, id); err != nil {
		return err
	}
	f, err := formFrom(r, acctURL(id)+action)
	if err != nil {
		return err
	}
	err = write(f)
	if err == nil && f.Invalid() {
		err = f.Err()
	}
	if err != nil {
		if f.Take(err) {
			return a.renderAccountView(w, r, c, id, f.Status(), f)
		}
		return err
	}
	a.flash(w, r, "form.saved")
	return seeOther(w, r, acctURL(id)+anchor)
}

func (a *app) rateAccount(w http.ResponseWriter, r *http.Request, c *call) error {
	id, _ := pathID(r)
	return a.smallForm(w, r, c, "/ratings", "#ideal", func(f *Form) error {
		crit := f.Int64("criterion_id")
		rating := f.Int("rating")
		if f.Invalid() {
			return nil
		}
		return a.svc.Rate(r.Context(), c.Actor, kam.CriterionRating{AccountID: id, CriterionID: crit, Rating: rating})
	})
}

func (a *app) shareAccount(w http.ResponseWriter, r *http.Request, c *call) error {
	id, _ := pathID(r)
	return a.smallForm(w, r, c, "/shares", "#shares", func(f *Form) error {
		team := f.Int64("team_id")
		if f.Invalid() {
			return nil
		}
		return a.svc.Share(r.Context(), c.Actor, kam.AccountShare{AccountID: id, TeamID: team, Access: kam.ShareAccess(f.Get("access"))})
	})
}

func (a *app) unshareAccount(w http.ResponseWriter, r *http.Request, c *call) error {
	id, _ := pathID(r)
	return a.smallForm(w, r, c, "/unshare", "#shares", func(f *Form) error {
		team := f.Int64("team_id")
		if f.Invalid() {
			return nil
		}
		return a.svc.Unshare(r.Context(), c.Actor, id, team)
	})
}

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

// unitForm is the edit form of a department.
func unitForm(u kam.OrgUnit) *Form {
	f := newForm("/units/" + itoa64(u.ID))
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
	units, err := listAll(r.Context(), a.svc.OrgUnits, c.Actor, store.Filter{AccountID: u.AccountID}, maxListed)
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

func (a *app) editUnitPage(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	u, err := a.svc.OrgUnits.Get(r.Context(), c.Actor, id)
	if err != nil {
		return err
	}
	return a.unitFormPage(w, r, c, unitForm(u), u)
}

// updateUnit renames or moves a department at the version it was read, or
// shows its form again with what was refused.
func (a *app) updateUnit(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	u, err := a.svc.OrgUnits.Get(r.Context(), c.Actor, id)
	if err != nil {
		return err
	}
	f, err := formFrom(r, "/units/"+itoa64(id))
	if err != nil {
		return err
	}
	name, parent := f.Text("name"), f.Int64("parent_id")
	if parent != 0 && parent != id {
		units, err := listAll(r.Context(), a.svc.OrgUnits, c.Actor, store.Filter{AccountID: u.AccountID}, maxListed)
		if err != nil {
			return err
		}
		if unitsBelow(units, id)[parent] {
			f.Errors["parent_id"] = msgUnitLoop
		}
	}
	if !f.Invalid() {
		_, err = a.svc.OrgUnits.Update(r.Context(), c.Actor, id, f.Version, func(x *kam.OrgUnit) error {
			x.Name, x.ParentID = name, parent
			return nil
		})
		if err == nil {
			a.flash(w, r, "form.saved")
			return seeOther(w, r, acctURL(u.AccountID)+"#units")
		}
		if !f.Take(err) {
			return err
		}
	}
	return a.unitFormPage(w, r, c, f, u)
}

var msgUnitLoop = kam.T("cannot be one of this department's own parts", "不能是本部门的下级部门")

func (a *app) deleteUnit(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	u, err := a.svc.OrgUnits.Get(r.Context(), c.Actor, id)
	if err != nil {
		return err
	}
	if err := a.svc.OrgUnits.Delete(r.Context(), c.Actor, id, formVersion(r)); err != nil {
		return err
	}
	a.flash(w, r, "wb.removed")
	return seeOther(w, r, acctURL(u.AccountID)+"#units")
}

func (a *app) createRelation(w http.ResponseWriter, r *http.Request, c *call) error {
	id, _ := pathID(r)
	return a.smallForm(w, r, c, "/relations", "#relations", func(f *Form) error {
		rel := kam.AccountRelation{FromAccountID: id, ToAccountID: f.Int64("to_account_id"), Kind: kam.AccountRelationKind(f.Get("kind"))}
		if f.Invalid() {
			return nil
		}
		_, err := a.svc.AccountRelations.Create(r.Context(), c.Actor, rel)
		return err
	})
}

func (a *app) deleteRelation(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	rel, err := a.svc.AccountRelations.Get(r.Context(), c.Actor, id)
	if err != nil {
		return err
	}
	if err := a.svc.AccountRelations.Delete(r.Context(), c.Actor, id, formVersion(r)); err != nil {
		return err
	}
	a.flash(w, r, "wb.removed")
	return seeOther(w, r, acctURL(rel.FromAccountID)+"#relations")
}

// sortedOpps orders an account's opportunities: open first by level, then
// by close date.
func sortedOpps(opps []kam.Opportunity) []kam.Opportunity {
	out := slices.Clone(opps)
	slices.SortStableFunc(out, func(x, y kam.Opportunity) int {
		if c := boolCmp(!x.Level.Open(), !y.Level.Open()); c != 0 {
			return c
		}
		return strings.Compare(x.CloseDate.String(), y.CloseDate.String())
	})
	return out
}
