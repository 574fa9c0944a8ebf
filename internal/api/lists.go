package api

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
)

// The sorted lists: GET /opportunities, /contacts and /actions with ?sort=
// (or one of the filters only the sorted list takes) answer rows in that
// order, keyset-paged with an opaque cursor; without them the lists stay the
// plain id-ordered pages of records.

// sortedParams are the parameters of the sorted lists that the plain list
// does not take; any of them selects the sorted list.
var sortedParams = map[string][]param{
	"opportunities": {
		{Name: "sort", Type: "string", Enum: withDesc(store.DealSorts),
			Desc: "the sorted deal list, in this order (\"-\" first: descending; undated deals last by close_date): each item is then a row " +
				"{opportunity, account_name, owner_name, health, open_high_flags, suggested_level, next_action}, paged with cursor"},
		{Name: "cursor", Type: "string", Desc: "the sorted list's cursor: the \"next\" of the previous page, unchanged"},
		{Name: "team_id", Type: "integer", Desc: "sorted list: deals owned by members of this team"},
		{Name: "close_from", Type: "string", Format: "date", Desc: "sorted list: deals closing on or after this day (YYYY-MM-DD)"},
		{Name: "close_to", Type: "string", Format: "date", Desc: "sorted list: deals closing on or before this day (YYYY-MM-DD)"},
		{Name: "health_min", Type: "integer", Desc: "sorted list: health at least this (0–100); a page may then be short but still carry next"},
		{Name: "health_max", Type: "integer", Desc: "sorted list: health at most this (0–100)"},
		{Name: "high_flags", Type: "boolean", Desc: "sorted list: true keeps the deals with an open high red flag"},
	},
	"contacts": {
		{Name: "sort", Type: "string", Enum: withDesc(store.ContactSorts),
			Desc: "the sorted people list, in this order (\"-\" first: descending): each item is then a row " +
				"{contact, account_name, deals (the deals they are buyers on, with roles), last_interaction}, paged with cursor; personal notes are left out"},
		{Name: "cursor", Type: "string", Desc: "the sorted list's cursor: the \"next\" of the previous page, unchanged"},
		{Name: "status", Type: "string", Enum: enumStrings([]kam.ContactStatus{kam.ContactActive, kam.ContactLeft, kam.ContactMoved}), Desc: "sorted list: people in this status"},
		{Name: "departed_days", Type: "integer", Desc: "sorted list: people who left or moved in the last this many days (by status date), 1–3650"},
	},
	"actions": {
		{Name: "sort", Type: "string", Enum: withDesc(store.ActionSorts),
			Desc: "the sorted action list, in this order (\"-\" first: descending; due puts the overdue first, undated last): each item is then a row " +
				"{action, opportunity, account_id, target, owner_name, overdue}, paged with cursor"},
		{Name: "cursor", Type: "string", Desc: "the sorted list's cursor: the \"next\" of the previous page, unchanged"},
		{Name: "mine", Type: "boolean", Desc: "sorted list: true keeps your own actions"},
		{Name: "team", Type: "boolean", Desc: "sorted list: true keeps your team's actions (managers and administrators)"},
		{Name: "target_influence_id", Type: "integer", Desc: "sorted list: actions working on this buying influence"},
		{Name: "status", Type: "string", Enum: enumStrings([]kam.ActionStatus{kam.ActionOpen, kam.ActionDone, kam.ActionDropped}), Desc: "sorted list: actions in this status (default open)"},
		{Name: "due_to", Type: "string", Format: "date", Desc: "sorted list: actions due on or before this day, overdue included (YYYY-MM-DD)"},
	},
}

// withDesc lists the sorts and their descending forms.
func withDesc(sorts []string) []string {
	out := slices.Clone(sorts)
	for _, s := range sorts {
		out = append(out, "-"+s)
	}
	return out
}

// sortedLists gives the list routes of opportunities, contacts and actions
// their sorted form: the parameters in the document, and a handler that
// answers the sorted list when one of them is given.
func (s *server) sortedLists(rs []route) []route {
	for i := range rs {
		if rs[i].Method != "GET" {
			continue
		}
		var sorted handlerFunc
		switch rs[i].Path {
		case "/opportunities":
			sorted = s.sortedDeals
		case "/contacts":
			sorted = s.sortedContacts
		case "/actions":
			sorted = s.sortedActions
		default:
			continue
		}
		plural := rs[i].Path[1:]
		own := sortedParams[plural]
		for _, p := range own {
			if !slices.ContainsFunc(rs[i].Query, func(x param) bool { return x.Name == p.Name }) {
				rs[i].Query = append(rs[i].Query, p)
			}
		}
		plain := rs[i].handle
		rs[i].handle = func(w http.ResponseWriter, r *http.Request, c *call) error {
			q := r.URL.Query()
			if !slices.ContainsFunc(own, func(p param) bool { return q.Has(p.Name) }) {
				return plain(w, r, c)
			}
			for _, name := range []string{"after", "updated_since", "deleted"} {
				if q.Has(name) {
					return &badRequest{Field: name, Msg: kam.T("is not taken by the sorted list: page it with cursor", "排序列表不接受该参数：请用 cursor 翻页")}
				}
			}
			return sorted(w, r, c)
		}
	}
	return rs
}

// sortedQuery reads the parameters every sorted list shares.
type sortedQuery struct {
	query
}

func (q *sortedQuery) date(name string) kam.Date {
	s := q.str(name)
	if s == "" || q.err != nil {
		return kam.Date{}
	}
	d, err := kam.ParseDate(s)
	if err != nil {
		q.err = &badRequest{Field: name, Msg: kam.T("must be a date such as 2026-12-31", "必须是日期，如 2026-12-31")}
	}
	return d
}

func (q *sortedQuery) limit() int {
	n := int(q.id("limit"))
	if q.err == nil && n > store.MaxLimit {
		q.err = &badRequest{Field: "limit", Msg: kam.T("must be at most 500", "最多 500")}
	}
	return n
}

func (q *sortedQuery) sort(allowed []string) string {
	s := q.str("sort")
	if s != "" && q.err == nil && !slices.Contains(withDesc(allowed), s) {
		q.err = &badRequest{Field: "sort", Msg: kam.T("is not a sort of this list", "不是本列表的排序方式")}
	}
	return s
}

func (q *sortedQuery) cursor() string {
	s := q.str("cursor")
	if len(s) > 1000 && q.err == nil {
		q.err = &badRequest{Field: "cursor", Msg: kam.T("is not a cursor of this list", "不是本列表的游标")}
	}
	return s
}

// intPtr reads an optional whole number in [lo, hi].
func (q *sortedQuery) intPtr(name string, lo, hi int) *int {
	s := q.str(name)
	if s == "" || q.err != nil {
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		q.err = &badRequest{Field: name, Msg: kam.T("must be a whole number from "+strconv.Itoa(lo)+" to "+strconv.Itoa(hi), "必须是 "+strconv.Itoa(lo)+" 到 "+strconv.Itoa(hi)+" 之间的整数")}
		return nil
	}
	return &n
}

// refuse rejects the filters of the plain list that the sorted one does
// not take.
func (q *sortedQuery) refuse(plural string, names ...string) {
	for _, n := range names {
		if q.err == nil && q.str(n) != "" {
			q.err = &badRequest{Field: n, Msg: kam.T("is not a filter of the sorted "+plural, "不是排序后的 "+plural+" 的筛选条件")}
		}
	}
}

func (s *server) sortedDeals(w http.ResponseWriter, r *http.Request, c *call) error {
	q := sortedQuery{query{r: r}}
	d := service.DealQuery{DealFilter: store.DealFilter{
		OwnerID: q.id("owner_id"), TeamID: q.id("team_id"), AccountID: q.id("account_id"),
		Level: kam.FunnelLevel(q.str("level")), CloseFrom: q.date("close_from"), CloseTo: q.date("close_to"),
		Query: q.term("q"), Sort: q.sort(store.DealSorts), After: q.cursor(), Limit: q.limit(),
	}, HealthMin: q.intPtr("health_min", 0, 100), HealthMax: q.intPtr("health_max", 0, 100), HighFlags: q.boolean("high_flags")}
	if q.err != nil {
		return q.err
	}
	if d.Level != "" && !slices.Contains(kam.FunnelLevels, d.Level) {
		return &badRequest{Field: "level", Msg: kam.T("is not a funnel level", "不是有效的漏斗位置")}
	}
	p, err := s.svc.Deals(r.Context(), c.actor, d)
	if err != nil {
		return asBadQuery(err)
	}
	writeSorted(w, r, p, p.Next)
	return nil
}

func (s *server) sortedContacts(w http.ResponseWriter, r *http.Request, c *call) error {
	q := sortedQuery{query{r: r}}
	f := store.ContactListFilter{AccountID: q.id("account_id"), Status: kam.ContactStatus(q.str("status")), Query: q.term("q"),
		Sort: q.sort(store.ContactSorts), After: q.cursor(), Limit: q.limit()}
	if days := q.intPtr("departed_days", 1, 3650); days != nil {
		f.DepartedSince = kam.DateOf(s.svc.Now()).AddDays(-*days)
	}
	if q.err != nil {
		return q.err
	}
	if f.Status != "" && !slices.Contains([]kam.ContactStatus{kam.ContactActive, kam.ContactLeft, kam.ContactMoved}, f.Status) {
		return &badRequest{Field: "status", Msg: kam.T("is not a contact status", "不是有效的联系人状态")}
	}
	p, err := s.svc.ContactList(r.Context(), c.actor, f)
	if err != nil {
		return asBadQuery(err)
	}
	writeSorted(w, r, p, p.Next)
	return nil
}

func (s *server) sortedActions(w http.ResponseWriter, r *http.Request, c *call) error {
	q := sortedQuery{query{r: r}}
	q.refuse("actions", "account_id", "contact_id")
	a := service.ActionQuery{ActionListFilter: store.ActionListFilter{OpportunityID: q.id("opportunity_id"), TargetInfluenceID: q.id("target_influence_id"),
		Status: kam.ActionStatus(q.str("status")), DueTo: q.date("due_to"), Query: q.term("q"),
		Sort: q.sort(store.ActionSorts), After: q.cursor(), Limit: q.limit()},
		OwnerID: q.id("owner_id"), Team: q.boolean("team")}
	mine := q.boolean("mine")
	if q.err != nil {
		return q.err
	}
	if a.Status != "" && !slices.Contains([]kam.ActionStatus{kam.ActionOpen, kam.ActionDone, kam.ActionDropped}, a.Status) {
		return &badRequest{Field: "status", Msg: kam.T("is not an action status", "不是有效的行动状态")}
	}
	a.Everyone = !mine && !a.Team && a.OwnerID == 0
	p, err := s.svc.ActionList(r.Context(), c.actor, a)
	if err != nil {
		return asBadQuery(err)
	}
	writeSorted(w, r, p, p.Next)
	return nil
}

// asBadQuery answers a refused sort or cursor as the bad query parameter it
// is (400), like every other parameter.
func asBadQuery(err error) error {
	var ve *kam.ValidationError
	if errors.As(err, &ve) {
		for _, name := range []string{"cursor", "sort"} {
			if msg, ok := ve.Fields[name]; ok {
				return &badRequest{Field: name, Msg: msg}
			}
		}
	}
	return err
}

// writeSorted sends a page of a sorted list, with a Link header to the next.
func writeSorted(w http.ResponseWriter, r *http.Request, body any, next string) {
	if next != "" {
		q := r.URL.Query()
		q.Set("cursor", next)
		u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
		w.Header().Set("Link", "<"+u.String()+`>; rel="next"`)
	}
	writeJSON(w, http.StatusOK, body)
}
