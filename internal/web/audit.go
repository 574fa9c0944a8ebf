package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"kam/internal/kam"
	"kam/internal/store"
)

func (a *app) auditRoutes() []route {
	return []route{
		// The history of one record, for everyone who may see the record;
		// the service decides (others get 404).
		{Method: "GET", Path: "/audit/{entity}/{id}", Entity: "account", Handle: a.recordHistory},
	}
}

type auditData struct {
	// Views are the page's changes, newest first, as a person reads them.
	Views  []auditView
	Filter *Form
	Users  []option
	// Older is the URL of the next (older) page, "" at the end.
	Older string
	// Kinds are the kinds of record the admin's filter offers.
	Kinds []option
	// Entity and EntityID name the record of a per-record history;
	// Subject is its kind in words.
	Entity   string
	EntityID int64
	// Zone is the reader's time zone, for the times of the entries.
	Zone    *time.Location
	Subject string
}

// auditFilterOf reads the filter of /admin/audit; a malformed value is a
// field error shown on the filter form, and the filter is then not applied.
func auditFilterOf(q url.Values) (store.AuditFilter, *Form) {
	f := newForm("/admin/audit")
	for _, k := range []string{"entity", "entity_id", "user_id", "since", "until"} {
		if v := q.Get(k); v != "" {
			f.Set(k, v)
		}
	}
	var af store.AuditFilter
	af.Entity = f.Get("entity")
	if _, known := auditTypes[af.Entity]; af.Entity != "" && !known && af.Entity != "settings" {
		f.Errors["entity"] = kam.T("is not a known kind of record", "不是已知的记录类型")
		af.Entity = ""
	}
	af.EntityID = f.Int64("entity_id")
	af.UserID = f.Int64("user_id")
	for _, k := range []string{"since", "until"} {
		d, err := kam.ParseDate(f.Get(k))
		if err != nil {
			f.Errors[k] = kam.T("must be a date YYYY-MM-DD", "日期格式应为 YYYY-MM-DD")
			continue
		}
		if d.IsZero() {
			continue
		}
		if k == "since" {
			af.Since = d.Time()
		} else {
			// "until" is inclusive for people: up to the end of that day.
			af.Until = d.Time().Add(24 * time.Hour)
		}
	}
	af.Before, _ = strconv.ParseInt(q.Get("before"), 10, 64)
	af.Limit = auditPageSize
	return af, f
}

// adminAudit lists every change, newest first, filtered by kind of record,
// record id, user and date range, with keyset paging to older records.
func (a *app) adminAudit(w http.ResponseWriter, r *http.Request, c *call) error {
	q := r.URL.Query()
	af, f := auditFilterOf(q)
	if f.Invalid() {
		af = store.AuditFilter{}
	}
	recs, next, err := a.svc.Audit(r.Context(), c.Actor, af)
	if err != nil {
		return err
	}
	users, byID, err := a.allUsers(r.Context(), c)
	if err != nil {
		return err
	}
	opts := []option{{Value: "", Label: msg(c.Locale, "audit.anyone")}}
	for _, u := range users {
		opts = append(opts, option{Value: strconv.FormatInt(u.ID, 10), Label: u.Name})
	}
	d := auditData{Views: a.auditViews(r.Context(), c, recs, byID), Filter: f, Users: opts, Kinds: auditKindOpts(c.Locale), Zone: c.User.Location()}
	if next != 0 {
		older := url.Values{}
		for k, v := range f.Values {
			older[k] = v
		}
		older.Set("before", strconv.FormatInt(next, 10))
		d.Older = "/admin/audit?" + older.Encode()
	}
	return a.adminPage(w, r, c, f.Status(), "admin_audit", d)
}

// recordHistory shows the changes of one record to those who may see it.
func (a *app) recordHistory(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	entity := r.PathValue("entity")
	before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	recs, next, err := a.svc.Audit(r.Context(), c.Actor, store.AuditFilter{Entity: entity, EntityID: id, Before: before, Limit: auditPageSize})
	if err != nil {
		// A record the user may not see does not exist for them.
		if errors.Is(err, kam.ErrForbidden) {
			return kam.ErrNotFound
		}
		return err
	}
	_, byID, err := a.allUsers(r.Context(), c)
	if err != nil {
		return err
	}
	d := auditData{Views: a.auditViews(r.Context(), c, recs, byID), Entity: entity, EntityID: id, Subject: auditKind(entity).In(c.Locale), Zone: c.User.Location()}
	if next != 0 {
		d.Older = r.URL.Path + "?before=" + strconv.FormatInt(next, 10)
	}
	return a.renderPage(w, r, c, http.StatusOK, "audit_record", &Page{Data: d})
}
