package service

import (
	"context"
	"slices"
	"time"

	"kam/internal/kam"
	"kam/internal/method"
	"kam/internal/store"
)

// DealRow is one line of the deal list: the deal with what the method reads
// from its picture.
type DealRow struct {
	Opportunity kam.Opportunity `json:"opportunity"`
	AccountName string          `json:"account_name"`
	OwnerName   string          `json:"owner_name"`
	// Health is the deal's health score, 0–100.
	Health int `json:"health"`
	// HighFlags counts the open high red flags.
	HighFlags int `json:"open_high_flags"`
	// SuggestedLevel is the level the method would put the deal at.
	SuggestedLevel kam.FunnelLevel `json:"suggested_level"`
	// NextAction is the open action due first (undated last); nil when none.
	NextAction *kam.Action `json:"next_action"`
}

// DealQuery is the deal list's filter and sort, and the filters the method
// answers: health range and open high flags.
type DealQuery struct {
	store.DealFilter
	// HealthMin and HealthMax bound the health score (both included);
	// nil does not filter.
	HealthMin, HealthMax *int
	// HighFlags keeps only deals with at least one open high red flag.
	HighFlags bool
}

// filtersHealth reports whether q filters on what only the method knows.
func (q DealQuery) filtersHealth() bool {
	return q.HealthMin != nil || q.HealthMax != nil || q.HighFlags
}

// DealPage is one page of the deal list. Next is the cursor of the following
// page, "" on the last.
type DealPage struct {
	Rows []DealRow `json:"items"`
	Next string    `json:"next"`
}

// dealScanRounds bounds how many batches a health or flag filter reads for
// one page; a page cut there is short but carries a cursor, so the reader
// goes on from where it stopped.
const dealScanRounds = 4

// Deals returns one page of the deals the actor sees, filtered and sorted as
// q asks, each with its account, owner, health, open high flags, suggested
// level and next action. A page costs a fixed number of statements however
// many rows it holds: the page, the pictures of its deals (one batch), and
// the owners (names and time zones). With a health or flag filter, at most dealScanRounds
// batches are read for one page. A bad sort or cursor is a
// *kam.ValidationError.
func (s *Service) Deals(ctx context.Context, a kam.Actor, q DealQuery) (DealPage, error) {
	p := DealPage{Rows: []DealRow{}}
	set, err := s.cachedSettings(ctx)
	if err != nil {
		return p, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = store.DefaultLimit
	}
	limit = min(limit, store.MaxLimit)
	f := q.DealFilter
	f.Scope = scopeOf(a)
	f.Limit = limit
	err = s.db.Read(ctx, func(tx *store.Tx) error {
		w, _, err := s.weightsFor(ctx, tx, set)
		if err != nil {
			return err
		}
		for round := 0; ; round++ {
			opps, next, err := store.ListDeals(ctx, tx, f)
			if err != nil {
				return err
			}
			rows, err := s.dealRows(ctx, tx, opps, set, w)
			if err != nil {
				return err
			}
			for i, r := range rows {
				if !q.keeps(r) {
					continue
				}
				p.Rows = append(p.Rows, r)
				if len(p.Rows) == limit {
					// The page is full: go on after this row, unless it was
					// the last of the list.
					if i < len(rows)-1 || next != "" {
						p.Next = store.DealCursor(f.Sort, r.Opportunity)
					}
					return nil
				}
			}
			if next == "" || !q.filtersHealth() || round+1 == dealScanRounds {
				p.Next = next
				return nil
			}
			f.After = next
		}
	})
	return p, err
}

func (q DealQuery) keeps(r DealRow) bool {
	switch {
	case q.HealthMin != nil && r.Health < *q.HealthMin:
		return false
	case q.HealthMax != nil && r.Health > *q.HealthMax:
		return false
	case q.HighFlags && r.HighFlags == 0:
		return false
	}
	return true
}

// dealRows reads the method over the pictures of opps, loaded in one batch,
// keeping their order.
func (s *Service) dealRows(ctx context.Context, tx *store.Tx, opps []kam.Opportunity, set method.Settings, w method.Weights) ([]DealRow, error) {
	ids := make([]int64, len(opps))
	for i, o := range opps {
		ids[i] = o.ID
	}
	pics, err := store.LoadPictures(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	// The owners, in one statement: their names, and their time zones, in
	// which the method reads each deal's days (as the sheet does).
	owners := make([]int64, len(opps))
	for i, o := range opps {
		owners[i] = o.OwnerID
	}
	us, _, err := store.Users.List(ctx, tx, store.UserFilter{ListOptions: store.ListOptions{IDs: compactIDs(owners), Limit: store.MaxLimit}})
	if err != nil {
		return nil, err
	}
	zones := newOwnerZones(ctx, tx)
	names := map[int64]string{}
	for _, u := range us {
		zones.locs[u.ID] = u.Location()
		names[u.ID] = u.Name
	}
	rows := make([]DealRow, 0, len(opps))
	for _, o := range opps {
		pic, ok := pics[o.ID]
		if !ok {
			continue
		}
		now, err := zones.ownersNow(pic, s.now())
		if err != nil {
			return nil, err
		}
		fs, h, lvl, _ := s.read(pic, set, w, now)
		r := DealRow{Opportunity: o, AccountName: pic.Account.Name, OwnerName: names[o.OwnerID], Health: h.Score, HighFlags: countHigh(fs), SuggestedLevel: lvl}
		r.NextAction = nextAction(pic.Actions)
		rows = append(rows, r)
	}
	return rows, nil
}

// nextAction is the open action due first, undated last, then by id.
func nextAction(acts []kam.Action) *kam.Action {
	var best *kam.Action
	for i := range acts {
		x := &acts[i]
		if x.Status != kam.ActionOpen {
			continue
		}
		if best == nil || dueBefore(x, best) {
			best = x
		}
	}
	if best == nil {
		return nil
	}
	c := *best
	return &c
}

func dueBefore(x, y *kam.Action) bool {
	switch {
	case x.Due.IsZero() != y.Due.IsZero():
		return !x.Due.IsZero()
	case !x.Due.IsZero() && x.Due != y.Due:
		return x.Due.Before(y.Due)
	}
	return x.ID < y.ID
}

// userNamesOf maps the ids among ids to the users' names, in one statement.
func userNamesOf(ctx context.Context, tx *store.Tx, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	ids = compactIDs(ids)
	if len(ids) == 0 {
		return out, nil
	}
	us, _, err := store.Users.List(ctx, tx, store.UserFilter{ListOptions: store.ListOptions{IDs: ids, Limit: store.MaxLimit}})
	if err != nil {
		return nil, err
	}
	for _, u := range us {
		out[u.ID] = u.Name
	}
	return out, nil
}

func compactIDs(ids []int64) []int64 {
	ids = slices.DeleteFunc(slices.Clone(ids), func(id int64) bool { return id == 0 })
	slices.Sort(ids)
	return slices.Compact(ids)
}

// ContactRow is one line of the people list.
type ContactRow struct {
	Contact     kam.Contact `json:"contact"`
	AccountName string      `json:"account_name"`
	// Deals are the visible deals the contact is a buyer on, with roles.
	Deals []store.BuyerOn `json:"deals"`
	// LastInteraction is when the contact last gave feedback in an
	// interaction; nil when never.
	LastInteraction *time.Time `json:"last_interaction"`
}

// ContactPage is one page of the people list.
type ContactPage struct {
	Rows []ContactRow `json:"items"`
	Next string       `json:"next"`
}

// ContactList returns one page of the people the actor sees, filtered and
// sorted as f asks, each with their account, the deals they are buyers on
// and their last interaction, in a fixed number of statements (the page,
// the accounts, the buyers, the interactions). Personal notes are left out
// of the list.
func (s *Service) ContactList(ctx context.Context, a kam.Actor, f store.ContactListFilter) (ContactPage, error) {
	p := ContactPage{Rows: []ContactRow{}}
	f.Scope = scopeOf(a)
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		cs, next, err := store.ListContacts(ctx, tx, f)
		if err != nil {
			return err
		}
		p.Next = next
		ids, accts := make([]int64, len(cs)), make([]int64, len(cs))
		for i, c := range cs {
			ids[i], accts[i] = c.ID, c.AccountID
		}
		names, err := accountNamesOf(ctx, tx, f.Scope, accts)
		if err != nil {
			return err
		}
		buyers, err := store.BuyersOf(ctx, tx, f.Scope, ids)
		if err != nil {
			return err
		}
		last, err := store.LastInteractions(ctx, tx, ids)
		if err != nil {
			return err
		}
		for _, c := range cs {
			c.PersonalNotes = ""
			r := ContactRow{Contact: c, AccountName: names[c.AccountID], Deals: buyers[c.ID]}
			if r.Deals == nil {
				r.Deals = []store.BuyerOn{}
			}
			if at, ok := last[c.ID]; ok {
				r.LastInteraction = &at
			}
			p.Rows = append(p.Rows, r)
		}
		return nil
	})
	return p, err
}

func accountNamesOf(ctx context.Context, tx *store.Tx, sc store.Scope, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	ids = compactIDs(ids)
	if len(ids) == 0 {
		return out, nil
	}
	as, _, err := store.Accounts.List(ctx, tx, store.AccountFilter{ListOptions: store.ListOptions{IDs: ids, Limit: store.MaxLimit, Scope: sc}})
	if err != nil {
		return nil, err
	}
	for _, x := range as {
		out[x.ID] = x.Name
	}
	return out, nil
}

// ActionRow is one line of My actions.
type ActionRow struct {
	Action      kam.Action `json:"action"`
	Opportunity string     `json:"opportunity"`
	AccountID   int64      `json:"account_id"`
	// Target is the name of the buyer the action works on ("" when none).
	Target    string `json:"target"`
	OwnerName string `json:"owner_name"`
	Overdue   bool   `json:"overdue"`
}

// ActionPage is one page of My actions.
type ActionPage struct {
	Rows []ActionRow `json:"items"`
	Next string      `json:"next"`
}

// ActionQuery selects My actions: the actor's own, or (Team) those of the
// actor's team — a manager's team, the members of the team the actor
// belongs to or manages.
type ActionQuery struct {
	store.ActionListFilter
	Team bool
	// Everyone lists every action the actor may see, whoever owns it.
	Everyone bool
	// OwnerID narrows to one user's actions; 0 is the actor's (or, with
	// Team, the team's).
	OwnerID int64
}

// ActionList returns one page of open actions as q asks, overdue first then
// by due date (by default), each with its deal, target buyer and owner, in a
// fixed number of statements. Team is for managers and administrators;
// a seller asking for it is kam.ErrForbidden.
func (s *Service) ActionList(ctx context.Context, a kam.Actor, q ActionQuery) (ActionPage, error) {
	p := ActionPage{Rows: []ActionRow{}}
	f := q.ActionListFilter
	f.Scope = scopeOf(a)
	today := kam.DateOf(s.now())
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		switch {
		case q.Everyone:
		case q.OwnerID != 0:
			if err := s.ownerAccess(ctx, tx, a, q.OwnerID); err != nil {
				return err
			}
			f.OwnerIDs = []int64{q.OwnerID}
		case q.Team:
			if a.Role == kam.RoleRep {
				return kam.ErrForbidden
			}
			if a.Role == kam.RoleManager {
				ids, err := s.managedMembers(ctx, tx, a)
				if err != nil {
					return err
				}
				f.OwnerIDs = append(ids, a.UserID)
			}
		default:
			f.OwnerIDs = []int64{a.UserID}
		}
		acts, next, err := store.ListActions(ctx, tx, f)
		if err != nil {
			return err
		}
		p.Next = next
		var oppIDs, infIDs, owners []int64
		for _, x := range acts {
			oppIDs = append(oppIDs, x.OpportunityID)
			infIDs = append(infIDs, x.TargetInfluenceID)
			owners = append(owners, x.OwnerID)
		}
		opps, _, err := store.Opportunities.List(ctx, tx, store.OpportunityFilter{ListOptions: store.ListOptions{IDs: compactIDs(oppIDs), Limit: store.MaxLimit, Scope: f.Scope}})
		if err != nil {
			return err
		}
		oppOf := map[int64]kam.Opportunity{}
		for _, o := range opps {
			oppOf[o.ID] = o
		}
		targets, err := targetNames(ctx, tx, f.Scope, infIDs)
		if err != nil {
			return err
		}
		names, err := userNamesOf(ctx, tx, owners)
		if err != nil {
			return err
		}
		for _, x := range acts {
			o := oppOf[x.OpportunityID]
			p.Rows = append(p.Rows, ActionRow{Action: x, Opportunity: o.Name, AccountID: o.AccountID, Target: targets[x.TargetInfluenceID],
				OwnerName: names[x.OwnerID], Overdue: !x.Due.IsZero() && x.Due.Before(today)})
		}
		return nil
	})
	return p, err
}

// managedMembers lists the members of the manager's own team and of the
// teams they manage.
func (s *Service) managedMembers(ctx context.Context, tx *store.Tx, a kam.Actor) ([]int64, error) {
	teams := []int64{}
	if a.TeamID != 0 {
		teams = append(teams, a.TeamID)
	}
	managed, _, err := store.Teams.List(ctx, tx, store.TeamFilter{UserID: a.UserID, ListOptions: store.ListOptions{Limit: store.MaxLimit}})
	if err != nil {
		return nil, err
	}
	for _, t := range managed {
		teams = append(teams, t.ID)
	}
	var ids []int64
	for _, t := range compactIDs(teams) {
		m, err := s.teamMembers(ctx, tx, t)
		if err != nil {
			return nil, err
		}
		ids = append(ids, m...)
	}
	return compactIDs(ids), nil
}

// targetNames maps buying-influence ids to their contacts' names, in two
// statements.
func targetNames(ctx context.Context, tx *store.Tx, sc store.Scope, infIDs []int64) (map[int64]string, error) {
	out := map[int64]string{}
	infIDs = compactIDs(infIDs)
	if len(infIDs) == 0 {
		return out, nil
	}
	infs, _, err := store.BuyingInfluences.List(ctx, tx, store.BuyingInfluenceFilter{ListOptions: store.ListOptions{IDs: infIDs, Limit: store.MaxLimit, Scope: sc}})
	if err != nil {
		return nil, err
	}
	var cids []int64
	for _, b := range infs {
		cids = append(cids, b.ContactID)
	}
	cs, _, err := store.Contacts.List(ctx, tx, store.ContactFilter{ListOptions: store.ListOptions{IDs: compactIDs(cids), Limit: store.MaxLimit, Scope: sc}})
	if err != nil {
		return nil, err
	}
	byID := map[int64]string{}
	for _, c := range cs {
		byID[c.ID] = c.Name
	}
	for _, b := range infs {
		out[b.ID] = byID[b.ContactID]
	}
	return out, nil
}

// SetActionStatus marks an action done, dropped or open again, at the
// version the user saw (a stale one is a *kam.ConflictError); an action out
// of the actor's reach is kam.ErrNotFound, whatever the status posted.
func (s *Service) SetActionStatus(ctx context.Context, a kam.Actor, id, version int64, st kam.ActionStatus) (kam.Action, error) {
	// The status is checked inside the update, after the scope: an action
	// out of reach is not found whatever is posted.
	return s.Actions.Update(ctx, a, id, version, func(x *kam.Action) error {
		if !slices.Contains([]kam.ActionStatus{kam.ActionOpen, kam.ActionDone, kam.ActionDropped}, st) {
			return kam.Invalid("status", kam.T("must be open, done or dropped", "必须是进行中、已完成或已放弃"))
		}
		x.Status = st
		return nil
	})
}

// SearchResults are the records a header search finds, by kind, the first
// few of each; the More flags say a kind has more than were listed.
type SearchResults struct {
	Accounts      []kam.Account     `json:"accounts"`
	Contacts      []kam.Contact     `json:"contacts"`
	Opportunities []kam.Opportunity `json:"opportunities"`
	Actions       []kam.Action      `json:"actions"`
	// AccountNames names the accounts of the contacts and deals listed.
	AccountNames                                               map[int64]string `json:"account_names"`
	MoreAccounts, MoreContacts, MoreOpportunities, MoreActions bool
}

// SearchAll finds, among what the actor may see, the accounts by name, the
// people by name or title, the deals by name, product or account name and
// the open actions by title that hold q (a case-insensitive substring:
// Chinese matches as typed), at most per of each (default 5), in a fixed
// number of statements. An empty q finds nothing.
func (s *Service) SearchAll(ctx context.Context, a kam.Actor, q string, per int) (SearchResults, error) {
	var r SearchResults
	if per <= 0 || per > 50 {
		per = 5
	}
	if q == "" {
		return r, nil
	}
	sc := scopeOf(a)
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		var err error
		if r.Accounts, _, err = store.Accounts.List(ctx, tx, store.AccountFilter{Query: q, ListOptions: store.ListOptions{Scope: sc, Limit: per + 1}}); err != nil {
			return err
		}
		if r.Contacts, _, err = store.ListContacts(ctx, tx, store.ContactListFilter{Scope: sc, Query: q, Limit: per + 1}); err != nil {
			return err
		}
		if r.Opportunities, _, err = store.ListDeals(ctx, tx, store.DealFilter{Scope: sc, Query: q, Sort: "name", Limit: per + 1}); err != nil {
			return err
		}
		if r.Actions, _, err = store.ListActions(ctx, tx, store.ActionListFilter{Scope: sc, Query: q, Limit: per + 1}); err != nil {
			return err
		}
		r.Accounts, r.MoreAccounts = cut(r.Accounts, per)
		r.Contacts, r.MoreContacts = cut(r.Contacts, per)
		r.Opportunities, r.MoreOpportunities = cut(r.Opportunities, per)
		r.Actions, r.MoreActions = cut(r.Actions, per)
		var ids []int64
		for _, c := range r.Contacts {
			ids = append(ids, c.AccountID)
		}
		for _, o := range r.Opportunities {
			ids = append(ids, o.AccountID)
		}
		r.AccountNames, err = accountNamesOf(ctx, tx, sc, ids)
		for i := range r.Contacts {
			r.Contacts[i].PersonalNotes = ""
		}
		return err
	})
	return r, err
}

func cut[T any](xs []T, n int) ([]T, bool) {
	if len(xs) > n {
		return xs[:n], true
	}
	return xs, false
}
