package store

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"kam/internal/kam"
)

// The sorted lists: deals, people and actions in an order the user picks,
// keyset-paged in that order. A cursor carries the sort, the last row's sort
// key and its id, so the next page starts right after that row whatever was
// written meanwhile; one page is one statement.

// undated stands for a missing date in a sort key: undated rows come last
// in ascending order, on SQLite (text) and PostgreSQL (date) alike.
const undated = "9999-12-31"

// sortCol is one sort a sorted list offers: the SQL expression it orders by,
// and the key of a row as the cursor keeps it.
type sortCol[T any] struct {
	expr string
	num  bool // the key is a whole number
	key  func(*T) string
}

// cursor is the decoded position of a sorted list: after the row whose sort
// key is Key and id is ID, in sort Sort.
type cursor struct {
	Sort string `json:"s"`
	Key  string `json:"k"`
	ID   int64  `json:"i"`
}

var errCursor = kam.T("is not a cursor of this list and sort: pass the \"next\" of the previous page unchanged",
	"不是本列表与排序的游标：请原样传入上一页的 next")

func encodeCursor(c cursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s, sort string) (cursor, error) {
	var c cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.Sort != sort || c.ID <= 0 {
		return c, kam.Invalid("cursor", errCursor)
	}
	return c, nil
}

// sortedPage reads one page of t under w in sort (a key of sorts, "-" first
// for descending), after the encoded cursor after ("" for the first page).
// next is the cursor of the following page, "" on the last.
func sortedPage[T any](ctx context.Context, tx *Tx, t *Table[T], w *where, sorts map[string]sortCol[T], sort, after string, limit int) (items []T, next string, err error) {
	limit = clampLimit(limit, DefaultLimit, MaxLimit)
	name, desc := strings.TrimPrefix(sort, "-"), strings.HasPrefix(sort, "-")
	sc, ok := sorts[name]
	if !ok {
		return nil, "", kam.Invalid("sort", kam.T("is not a sort of this list", "不是本列表的排序方式"))
	}
	dir, cmp := "ASC", ">"
	if desc {
		dir, cmp = "DESC", "<"
	}
	if after != "" {
		c, err := decodeCursor(after, sort)
		if err != nil {
			return nil, "", err
		}
		var key any = c.Key
		if sc.num {
			n, err := strconv.ParseInt(c.Key, 10, 64)
			if err != nil {
				return nil, "", kam.Invalid("cursor", errCursor)
			}
			key = n
		}
		w.add("("+sc.expr+" "+cmp+" ? OR ("+sc.expr+" = ? AND t.id "+cmp+" ?))", key, key, c.ID)
	}
	q := "SELECT " + t.selectCols("t") + " FROM " + t.table + " t" + w.sql() +
		" ORDER BY " + sc.expr + " " + dir + ", t.id " + dir + " LIMIT ?"
	rows, err := tx.query(ctx, q, append(w.args, limit+1)...)
	if err != nil {
		return nil, "", fmt.Errorf("store: sorted list %s: %w", t.name, err)
	}
	if items, err = t.scanAll(ctx, tx, rows); err != nil {
		return nil, "", err
	}
	if len(items) > limit {
		items = items[:limit]
		last := &items[limit-1]
		next = encodeCursor(cursor{Sort: sort, Key: sc.key(last), ID: t.meta(last).ID})
	}
	return items, next, nil
}

func dateKey(d kam.Date) string {
	if d.IsZero() {
		return undated
	}
	return d.String()
}

func timeKey(t time.Time) string { return tv(t).(string) }

// DealSorts are the orders of the deal list, ascending; "-" before one
// reverses it. Undated deals come last by close date ascending.
var DealSorts = []string{"close_date", "amount", "updated_at", "name"}

var dealSorts = map[string]sortCol[kam.Opportunity]{
	"close_date": {expr: "COALESCE(t.close_date, '" + undated + "')", key: func(o *kam.Opportunity) string { return dateKey(o.CloseDate) }},
	"amount":     {expr: "t.amount", num: true, key: func(o *kam.Opportunity) string { return strconv.FormatInt(o.Amount, 10) }},
	"updated_at": {expr: "t.updated_at", key: func(o *kam.Opportunity) string { return timeKey(o.UpdatedAt) }},
	"name":       {expr: "t.name", key: func(o *kam.Opportunity) string { return o.Name }},
}

// DealFilter selects and orders the deal list. Zero fields do not filter.
type DealFilter struct {
	Scope     Scope
	OwnerID   int64
	TeamID    int64 // deals owned by members of this team
	AccountID int64
	Level     kam.FunnelLevel
	// CloseFrom and CloseTo bound the close date, both days included; a
	// bound leaves undated deals out.
	CloseFrom, CloseTo kam.Date
	// Query: a case-insensitive substring of the deal's name or product or
	// of its account's name.
	Query string
	// Sort is one of DealSorts, "-" before it for descending; empty is
	// close_date.
	Sort string
	// After is the cursor of the page before ("" for the first page);
	// Limit the page size (default 50, at most 500).
	After string
	Limit int
}

// ListDeals returns one page of the live deals visible in f.Scope that pass
// f, in f.Sort order, in one statement; next is the cursor of the following
// page ("" on the last). A bad sort or cursor is a *kam.ValidationError.
func ListDeals(ctx context.Context, tx *Tx, f DealFilter) ([]kam.Opportunity, string, error) {
	var w where
	w.add("t.deleted_at IS NULL")
	if f.OwnerID != 0 {
		w.add("t.owner_id = ?", f.OwnerID)
	}
	if f.TeamID != 0 {
		w.add("t.owner_id IN (SELECT u.id FROM users u WHERE u.team_id = ?)", f.TeamID)
	}
	if f.AccountID != 0 {
		w.add("t.account_id = ?", f.AccountID)
	}
	if f.Level != "" {
		w.add("t.level = ?", string(f.Level))
	}
	if !f.CloseFrom.IsZero() {
		w.add("t.close_date >= ?", f.CloseFrom)
	}
	if !f.CloseTo.IsZero() {
		w.add("t.close_date <= ?", f.CloseTo)
	}
	if f.Query != "" {
		p := likePattern(f.Query)
		w.add(`(LOWER(t.name) LIKE ? ESCAPE '\' OR LOWER(t.product) LIKE ? ESCAPE '\' OR t.account_id IN (SELECT x.id FROM accounts x WHERE LOWER(x.name) LIKE ? ESCAPE '\'))`, p, p, p)
	}
	Opportunities.scope(f.Scope, &w)
	sort := f.Sort
	if sort == "" {
		sort = "close_date"
	}
	return sortedPage(ctx, tx, Opportunities, &w, dealSorts, sort, f.After, f.Limit)
}

// DealCursor is the cursor of the deal list in sort ("" is close_date)
// that continues right after o.
func DealCursor(sort string, o kam.Opportunity) string {
	if sort == "" {
		sort = "close_date"
	}
	sc, ok := dealSorts[strings.TrimPrefix(sort, "-")]
	if !ok {
		return ""
	}
	return encodeCursor(cursor{Sort: sort, Key: sc.key(&o), ID: o.ID})
}

// ContactSorts are the orders of the people list.
var ContactSorts = []string{"name", "updated_at", "status_date"}

var contactSorts = map[string]sortCol[kam.Contact]{
	"name":        {expr: "t.name", key: func(c *kam.Contact) string { return c.Name }},
	"updated_at":  {expr: "t.updated_at", key: func(c *kam.Contact) string { return timeKey(c.UpdatedAt) }},
	"status_date": {expr: "COALESCE(t.status_date, '" + undated + "')", key: func(c *kam.Contact) string { return dateKey(c.StatusDate) }},
}

// ContactListFilter selects and orders the people list.
type ContactListFilter struct {
	Scope     Scope
	AccountID int64
	Status    kam.ContactStatus
	// DepartedSince keeps the people who left or moved on or after this
	// day (by their status date): those whose departure may hurt a deal.
	DepartedSince kam.Date
	// Query: a case-insensitive substring of the name or title.
	Query string
	// Sort is one of ContactSorts ("-" first for descending); empty is name.
	Sort  string
	After string
	Limit int
}

// ListContacts returns one page of the live contacts visible in f.Scope that
// pass f, in f.Sort order, in one statement.
func ListContacts(ctx context.Context, tx *Tx, f ContactListFilter) ([]kam.Contact, string, error) {
	var w where
	w.add("t.deleted_at IS NULL")
	if f.AccountID != 0 {
		w.add("t.account_id = ?", f.AccountID)
	}
	if f.Status != "" {
		w.add("t.status = ?", string(f.Status))
	}
	if !f.DepartedSince.IsZero() {
		w.add("t.status IN (?, ?) AND t.status_date >= ?", string(kam.ContactLeft), string(kam.ContactMoved), f.DepartedSince)
	}
	if f.Query != "" {
		matchAny(&w, f.Query, "t.name", "t.title")
	}
	Contacts.scope(f.Scope, &w)
	sort := f.Sort
	if sort == "" {
		sort = "name"
	}
	return sortedPage(ctx, tx, Contacts, &w, contactSorts, sort, f.After, f.Limit)
}

// ActionSorts are the orders of the action list; "due" puts the overdue
// first (they are the earliest), then by due date, undated last.
var ActionSorts = []string{"due", "updated_at", "title"}

var actionSorts = map[string]sortCol[kam.Action]{
	"due":        {expr: "COALESCE(t.due, '" + undated + "')", key: func(a *kam.Action) string { return dateKey(a.Due) }},
	"updated_at": {expr: "t.updated_at", key: func(a *kam.Action) string { return timeKey(a.UpdatedAt) }},
	"title":      {expr: "t.title", key: func(a *kam.Action) string { return a.Title }},
}

// ActionListFilter selects and orders the action list.
type ActionListFilter struct {
	Scope Scope
	// OwnerIDs keeps the actions owned by one of these users (none: any).
	OwnerIDs      []int64
	OpportunityID int64
	// TargetInfluenceID: actions working on this buying influence.
	TargetInfluenceID int64
	// Status: actions in this status; empty is open.
	Status kam.ActionStatus
	// DueTo keeps the actions due on or before this day (overdue included).
	DueTo kam.Date
	// Query: a case-insensitive substring of the title.
	Query string
	// Sort is one of ActionSorts ("-" first for descending); empty is due.
	Sort  string
	After string
	Limit int
}

// ListActions returns one page of the live actions visible in f.Scope that
// pass f, in f.Sort order, in one statement (and the fixed few of their
// children).
func ListActions(ctx context.Context, tx *Tx, f ActionListFilter) ([]kam.Action, string, error) {
	var w where
	w.add("t.deleted_at IS NULL")
	if len(f.OwnerIDs) > 0 {
		w.add("t.owner_id IN ("+placeholders(len(f.OwnerIDs))+")", int64Args(f.OwnerIDs)...)
	}
	if f.OpportunityID != 0 {
		w.add("t.opportunity_id = ?", f.OpportunityID)
	}
	if f.TargetInfluenceID != 0 {
		w.add("t.target_influence_id = ?", f.TargetInfluenceID)
	}
	status := f.Status
	if status == "" {
		status = kam.ActionOpen
	}
	w.add("t.status = ?", string(status))
	if !f.DueTo.IsZero() {
		w.add("t.due <= ?", f.DueTo)
	}
	if f.Query != "" {
		matchAny(&w, f.Query, "t.title")
	}
	Actions.scope(f.Scope, &w)
	sort := f.Sort
	if sort == "" {
		sort = "due"
	}
	return sortedPage(ctx, tx, Actions, &w, actionSorts, sort, f.After, f.Limit)
}

// BuyerOn is one deal a contact is a buying influence on.
type BuyerOn struct {
	InfluenceID   int64            `json:"influence_id"`
	OpportunityID int64            `json:"opportunity_id"`
	Opportunity   string           `json:"opportunity"`
	Roles         []kam.BuyingRole `json:"roles"`
}

// BuyersOf returns, for each of contactIDs, the live deals visible in s they
// are buying influences on, with their roles, in one statement.
func BuyersOf(ctx context.Context, tx *Tx, s Scope, contactIDs []int64) (map[int64][]BuyerOn, error) {
	out := map[int64][]BuyerOn{}
	if len(contactIDs) == 0 {
		return out, nil
	}
	var w where
	w.add("t.contact_id IN ("+placeholders(len(contactIDs))+")", int64Args(contactIDs)...)
	w.add("t.deleted_at IS NULL AND o.deleted_at IS NULL")
	cond, args := visible(s, "a")
	if cond != "" {
		w.add(cond, args...)
	}
	rows, err := tx.query(ctx, "SELECT t.id, t.contact_id, o.id, o.name, t.roles FROM buying_influences t JOIN opportunities o ON o.id = t.opportunity_id JOIN accounts a ON a.id = o.account_id AND a.deleted_at IS NULL"+
		w.sql()+" ORDER BY t.contact_id, o.id", w.args...)
	if err != nil {
		return nil, fmt.Errorf("store: buyers of contacts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var b BuyerOn
		var contact int64
		if err := rows.Scan(&b.InfluenceID, &contact, &b.OpportunityID, &b.Opportunity, jsonCol[kam.BuyingRole]{&b.Roles}); err != nil {
			return nil, fmt.Errorf("store: buyers of contacts: %w", err)
		}
		out[contact] = append(out[contact], b)
	}
	return out, rows.Err()
}

// LastInteractions returns when each of contactIDs last gave feedback in a
// live interaction, in one statement; contacts without one are absent.
func LastInteractions(ctx context.Context, tx *Tx, contactIDs []int64) (map[int64]time.Time, error) {
	out := map[int64]time.Time{}
	if len(contactIDs) == 0 {
		return out, nil
	}
	rows, err := tx.query(ctx, "SELECT f.contact_id, MAX(i.at) FROM interaction_feedback f JOIN interactions i ON i.id = f.interaction_id WHERE i.deleted_at IS NULL AND f.contact_id IN ("+
		placeholders(len(contactIDs))+") GROUP BY f.contact_id", int64Args(contactIDs)...)
	if err != nil {
		return nil, fmt.Errorf("store: last interactions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var at time.Time
		if err := rows.Scan(&id, timeCol{&at}); err != nil {
			return nil, fmt.Errorf("store: last interactions: %w", err)
		}
		out[id] = at
	}
	return out, rows.Err()
}
