package web

import (
	"net/http"
	"slices"
	"strings"

	"kam/internal/draw"
	"kam/internal/kam"
	"kam/internal/method"
	"kam/internal/store"
)

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
	// Merge are the accounts an admin may merge this one into: those that
	// seem to be the same account.
	Merge []option
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
				kids, err := listAll(r.Context(), a.svc.Accounts, c.Actor, store.AccountFilter{ParentID: p}, maxGroupNodes)
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
	all, err := listAll(ctx, a.svc.Accounts, c.Actor, store.AccountFilter{}, maxChoices)
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
	rels, err := listAll(ctx, a.svc.AccountRelations, c.Actor, store.AccountRelationFilter{AccountID: id}, maxListed)
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
	if d.Opps, err = listAll(ctx, a.svc.Opportunities, c.Actor, store.OpportunityFilter{AccountID: id}, maxListed); err != nil {
		return err
	}
	slices.SortStableFunc(d.Opps, compareOpps)
	if d.Units, err = listAll(ctx, a.svc.OrgUnits, c.Actor, store.OrgUnitFilter{AccountID: id}, maxListed); err != nil {
		return err
	}
	d.UnitOpts = withBlank(nil)
	for _, u := range d.Units {
		d.UnitNames[u.ID] = u.Name
		d.UnitOpts = append(d.UnitOpts, option{Value: itoa64(u.ID), Label: u.Name})
	}
	if d.Contacts, err = listAll(ctx, a.svc.Contacts, c.Actor, store.ContactFilter{AccountID: id}, maxListed); err != nil {
		return err
	}
	links, err := listAll(ctx, a.svc.ContactLinks, c.Actor, store.ContactLinkFilter{AccountID: id}, maxListed)
	if err != nil {
		return err
	}
	d.Chart = draw.OrgChart(draw.OrgChartInput{Contacts: d.Contacts, Units: d.Units, Links: links,
		Href: func(id int64) string { return "/contacts/" + itoa64(id) }}, l)
	criteria, err := listAll(ctx, a.svc.Criteria, c.Actor, store.CriterionFilter{}, maxListed)
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
	teams, err := listAll(ctx, a.svc.Teams, c.Actor, store.TeamFilter{}, maxListed)
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
	if d.Merge, err = a.mergeChoices(ctx, c, acct, kam.Contact{}); err != nil {
		return err
	}
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
	return a.shareForm(w, r, c, "/shares", func(f *Form, id, team int64) error {
		return a.svc.Share(r.Context(), c.Actor, kam.AccountShare{AccountID: id, TeamID: team, Access: kam.ShareAccess(f.Get("access"))})
	})
}

func (a *app) unshareAccount(w http.ResponseWriter, r *http.Request, c *call) error {
	return a.shareForm(w, r, c, "/unshare", func(_ *Form, id, team int64) error {
		return a.svc.Unshare(r.Context(), c.Actor, id, team)
	})
}

// shareForm runs a sharing form of the account page (smallForm): write
// gets the account {id} and the posted team, once the team reads well.
func (a *app) shareForm(w http.ResponseWriter, r *http.Request, c *call, action string, write func(f *Form, accountID, team int64) error) error {
	id, _ := pathID(r)
	return a.smallForm(w, r, c, action, "#shares", func(f *Form) error {
		team := f.Int64("team_id")
		if f.Invalid() {
			return nil
		}
		return write(f, id, team)
	})
}
