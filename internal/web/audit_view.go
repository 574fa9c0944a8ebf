package web

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"time"

	"kam/internal/kam"
	"kam/internal/method"
)

// The record history (变更历史) as a person reads it: who did what to which
// record, when, and each changed field by its name with its values in
// words — labels for codes, names for ids — never raw field names, codes,
// ids or fingerprints.

// auditPageSize is how many changes one history page shows.
const auditPageSize = 20

// auditTypes are the Go types behind each kind of record's before and
// after; an acceptance of a red flag (accept, reopen), a share and a rating
// are written on the opportunity's or the account's history with their own
// type.
var auditTypes = map[string]reflect.Type{
	"user":             reflect.TypeFor[kam.User](),
	"team":             reflect.TypeFor[kam.Team](),
	"account":          reflect.TypeFor[kam.Account](),
	"account_relation": reflect.TypeFor[kam.AccountRelation](),
	"org_unit":         reflect.TypeFor[kam.OrgUnit](),
	"contact":          reflect.TypeFor[kam.Contact](),
	"contact_link":     reflect.TypeFor[kam.ContactLink](),
	"opportunity":      reflect.TypeFor[kam.Opportunity](),
	"buying_influence": reflect.TypeFor[kam.BuyingInfluence](),
	"swot_item":        reflect.TypeFor[kam.SWOTItem](),
	"action":           reflect.TypeFor[kam.Action](),
	"interaction":      reflect.TypeFor[kam.Interaction](),
	"criterion":        reflect.TypeFor[kam.Criterion](),
	"quota":            reflect.TypeFor[kam.Quota](),
	"api_token":        reflect.TypeFor[kam.APIToken](),
}

// auditTypeOf is the type of a record's before and after.
func auditTypeOf(rec kam.AuditRecord) (reflect.Type, bool) {
	switch rec.Action {
	case "accept", "reopen":
		return reflect.TypeFor[kam.AcceptedFinding](), true
	case "share", "unshare":
		return reflect.TypeFor[kam.AccountShare](), true
	case "rate":
		return reflect.TypeFor[kam.CriterionRating](), true
	case "merge":
		return reflect.TypeFor[auditMergeNote](), true
	}
	t, ok := auditTypes[rec.Entity]
	return t, ok
}

// auditMergeNote is what a merge's audit records hold: the record merged
// away and the one kept.
type auditMergeNote struct {
	MergedName string `json:"merged_name"`
	IntoName   string `json:"into_name"`
}

// auditSkipped are the bookkeeping fields no one reads in a history.
var auditSkipped = map[string]bool{"id": true, "version": true, "created_at": true, "updated_at": true, "deleted_at": true,
	"fingerprint": true, "opportunity_id": true}

// namer turns the ids a record holds into names, as the actor may see
// them, reading each record once per page.
type namer struct {
	a     *app
	ctx   context.Context
	c     *call
	users map[int64]kam.User
	seen  map[string]string
}

// name is the name of the record of kind with id; a record the actor
// cannot see (or one deleted since) is "a record no longer visible".
func (n *namer) name(kind string, id int64) string {
	if id == 0 {
		return ""
	}
	if kind == "user" {
		if u, ok := n.users[id]; ok {
			return u.Name
		}
		return msg(n.c.Locale, "audit.unknown")
	}
	key := kind + ":" + strconv.FormatInt(id, 10)
	if s, ok := n.seen[key]; ok {
		return s
	}
	s, err := n.lookup(kind, id)
	if err != nil || s == "" {
		s = msg(n.c.Locale, "audit.unknown")
	}
	n.seen[key] = s
	return s
}

func (n *namer) lookup(kind string, id int64) (string, error) {
	ctx, a, svc := n.ctx, n.c.Actor, n.a.svc
	switch kind {
	case "account":
		x, err := svc.Accounts.Get(ctx, a, id)
		return x.Name, err
	case "contact":
		x, err := svc.Contacts.Get(ctx, a, id)
		return x.Name, err
	case "opportunity":
		x, err := svc.Opportunities.Get(ctx, a, id)
		return x.Name, err
	case "org_unit":
		x, err := svc.OrgUnits.Get(ctx, a, id)
		return x.Name, err
	case "team":
		x, err := svc.Teams.Get(ctx, a, id)
		return x.Name, err
	case "criterion":
		x, err := svc.Criteria.Get(ctx, a, id)
		return x.Name, err
	case "swot_item":
		x, err := svc.SWOTItems.Get(ctx, a, id)
		return x.Text, err
	case "buying_influence":
		x, err := svc.BuyingInfluences.Get(ctx, a, id)
		if err != nil {
			return "", err
		}
		return n.name("contact", x.ContactID), nil
	}
	return "", errors.New("no such kind")
}

// idKinds name the kind of record an id field points at.
var idKinds = map[string]string{
	"owner_id": "user", "manager_id": "user", "counterpart_id": "user", "by_user_id": "user", "user_id": "user", "user_ids": "user",
	"team_id": "team", "account_id": "account", "parent_id": "", "from_account_id": "account", "to_account_id": "account",
	"contact_id": "contact", "reports_to_id": "contact", "from_contact_id": "contact", "to_contact_id": "contact", "participant_ids": "contact",
	"org_unit_id": "org_unit", "target_influence_id": "buying_influence", "strength_id": "swot_item", "criterion_id": "criterion",
}

// idKind is the kind of record the id field key of a record of entity
// points at: a parent is of the record's own kind.
func idKind(entity, key string) string {
	if key == "parent_id" {
		return entity
	}
	return idKinds[key]
}

// auditChange is one changed field: its name, and its value before and
// after, in words.
type auditChange struct {
	Field, Before, After string
}

// auditView is one change as the history shows it.
type auditView struct {
	kam.AuditRecord
	By, Verb, Kind, Subject string
	Changes                 []auditChange
}

// auditViews turns records into what a person reads.
func (a *app) auditViews(ctx context.Context, c *call, recs []kam.AuditRecord, users map[int64]kam.User) []auditView {
	n := &namer{a: a, ctx: ctx, c: c, users: users, seen: map[string]string{}}
	l := c.Locale
	out := make([]auditView, len(recs))
	for i, rec := range recs {
		v := auditView{AuditRecord: rec, Verb: auditVerb(rec.Action).In(l), Kind: auditKind(rec.Entity).In(l)}
		switch u, ok := users[rec.UserID]; {
		case rec.UserID == 0:
			v.By = "kam"
		case ok:
			v.By = u.Name
		default:
			v.By = msg(l, "audit.unknown")
		}
		t, ok := auditTypeOf(rec)
		if !ok {
			out[i] = v
			continue
		}
		before, after := decodeAudit(t, rec.Before), decodeAudit(t, rec.After)
		v.Subject = n.subject(rec, t, before, after)
		// A new, deleted or restored record is named, not listed field by
		// field: the history says what changed, the record says what is. A
		// red flag accepted or reopened says why.
		switch {
		case rec.Action == "accept" || rec.Action == "reopen":
			side := after
			if !side.IsValid() {
				side = before
			}
			if side.IsValid() {
				if note := side.Interface().(kam.AcceptedFinding).Note; note != "" {
					v.Changes = []auditChange{{Field: auditField(rec.Entity, "note").In(l), After: note}}
				}
			}
		case before.IsValid() && after.IsValid():
			v.Changes = n.changes(rec, t, before, after)
		}
		out[i] = v
	}
	return out
}

// decodeAudit reads one side of a change into a value of t; the zero
// reflect.Value when that side is empty (a create's before).
func decodeAudit(t reflect.Type, raw string) reflect.Value {
	if raw == "" {
		return reflect.Value{}
	}
	p := reflect.New(t)
	if err := json.Unmarshal([]byte(raw), p.Interface()); err != nil {
		return reflect.Value{}
	}
	return p.Elem()
}

// subject names the record a change is about.
func (n *namer) subject(rec kam.AuditRecord, t reflect.Type, before, after reflect.Value) string {
	v := after
	if !v.IsValid() {
		v = before
	}
	switch rec.Action {
	case "accept", "reopen":
		// The red flag: its title, and whom it is about.
		if !v.IsValid() {
			return n.name("opportunity", rec.EntityID)
		}
		acc := v.Interface().(kam.AcceptedFinding)
		s := acc.RuleID
		if ri, ok := method.Rule(acc.RuleID); ok {
			s = ri.Title.In(n.c.Locale)
		}
		if who := n.findingSubject(acc.Subject); who != "" {
			s += "（" + who + "）"
		}
		return s
	case "share", "unshare", "rate":
		return n.name("account", rec.EntityID)
	case "merge":
		if !v.IsValid() {
			return ""
		}
		m := v.Interface().(auditMergeNote)
		return m.MergedName + " → " + m.IntoName
	}
	if !v.IsValid() {
		return ""
	}
	for _, f := range []string{"Name", "Title", "Text", "Period"} {
		if x := v.FieldByName(f); x.IsValid() && x.Kind() == reflect.String && x.String() != "" {
			return x.String()
		}
	}
	if x := v.FieldByName("ContactID"); x.IsValid() && x.Kind() == reflect.Int64 {
		return n.name("contact", x.Int())
	}
	if x := v.FieldByName("FromContactID"); x.IsValid() {
		return n.name("contact", x.Int()) + " → " + n.name("contact", v.FieldByName("ToContactID").Int())
	}
	if x := v.FieldByName("FromAccountID"); x.IsValid() {
		return n.name("account", x.Int()) + " → " + n.name("account", v.FieldByName("ToAccountID").Int())
	}
	return ""
}

// findingSubject names whom a red flag is about: the person behind
// "influence:ID", nothing for the opportunity itself.
func (n *namer) findingSubject(s string) string {
	id, ok := strings.CutPrefix(s, "influence:")
	if !ok {
		return ""
	}
	x, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return ""
	}
	return n.name("buying_influence", x)
}

// changes lists the fields that differ between before and after, in the
// order of the record's fields.
func (n *namer) changes(rec kam.AuditRecord, t reflect.Type, before, after reflect.Value) []auditChange {
	var out []auditChange
	for _, f := range reflect.VisibleFields(t) {
		key, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous || key == "" || key == "-" || auditSkipped[key] || !f.IsExported() {
			continue
		}
		var b, a reflect.Value
		if before.IsValid() {
			b = before.FieldByIndex(f.Index)
		}
		if after.IsValid() {
			a = after.FieldByIndex(f.Index)
		}
		if b.IsValid() && a.IsValid() && reflect.DeepEqual(b.Interface(), a.Interface()) {
			continue
		}
		bs, as := n.value(rec.Entity, key, b), n.value(rec.Entity, key, a)
		if bs == as {
			continue
		}
		out = append(out, auditChange{Field: auditField(rec.Entity, key).In(n.c.Locale), Before: bs, After: as})
	}
	return out
}

// value writes one field's value in words: a code by its label, an id by
// the name of its record, a rule by its title, a flag as yes or no, a
// date or time as the pages write them.
func (n *namer) value(entity, key string, v reflect.Value) string {
	if !v.IsValid() {
		return ""
	}
	l := n.c.Locale
	if kind := idKind(entity, key); kind != "" {
		switch v.Kind() {
		case reflect.Int64:
			return n.name(kind, v.Int())
		case reflect.Slice:
			var names []string
			for i := range v.Len() {
				names = append(names, n.name(kind, v.Index(i).Int()))
			}
			return strings.Join(names, "、")
		}
	}
	if key == "rule_id" || key == "addresses_rules" {
		var titles []string
		rules := []string{}
		if v.Kind() == reflect.String {
			rules = append(rules, v.String())
		} else if s, ok := v.Interface().([]string); ok {
			rules = s
		}
		for _, r := range rules {
			if ri, ok := method.Rule(r); ok {
				titles = append(titles, ri.Title.In(l))
			}
		}
		return strings.Join(titles, "、")
	}
	if key == "subject" {
		if s := n.findingSubject(v.String()); s != "" {
			return s
		}
		return auditKind("opportunity").In(l)
	}
	switch x := v.Interface().(type) {
	case kam.Date, time.Time, *time.Time:
		return formatDate(x)
	case bool:
		if x {
			return msg(l, "audit.yes")
		}
		return msg(l, "audit.no")
	case *int:
		if x == nil {
			return ""
		}
		if key == "rating" || key == "position" {
			return signedInt(*x)
		}
		return strconv.Itoa(*x)
	case []kam.ContactFeedback:
		var parts []string
		for _, f := range x {
			parts = append(parts, n.name("contact", f.ContactID)+" "+kam.Label(f.Feedback).In(l))
		}
		return strings.Join(parts, "、")
	}
	switch v.Kind() {
	case reflect.String:
		if v.Type().PkgPath() != "" {
			// A code of a kam enum: its label.
			return kam.Label(v.Interface()).In(l)
		}
		return v.String()
	case reflect.Int, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'f', -1, 64)
	case reflect.Slice:
		var parts []string
		for i := range v.Len() {
			parts = append(parts, n.value(entity, key, v.Index(i)))
		}
		return strings.Join(parts, "、")
	}
	return msg(l, "audit.changed")
}

// auditKindOpts are the kinds of record the history's filter offers, with
// "any kind" first.
func auditKindOpts(l kam.Locale) []option {
	out := []option{{Value: "", Label: msg(l, "audit.kinds")}}
	for _, k := range []string{"account", "contact", "opportunity", "buying_influence", "action", "interaction", "swot_item",
		"org_unit", "contact_link", "account_relation", "quota", "criterion", "team", "user", "api_token", "settings"} {
		out = append(out, option{Value: k, Label: auditKind(k).In(l)})
	}
	return out
}
