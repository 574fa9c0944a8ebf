package store

import (
	"time"

	"kam/internal/kam"
)

// ListOptions are what every List takes beside the filters of its entity:
// whose records, which page, the trash or the live records, and a change
// window. The `query` tags name the API's query parameters; untagged fields
// are set by the service only.
type ListOptions struct {
	Scope Scope
	// After and Limit page by id ascending: rows with id > After, at most
	// Limit (default 50, at most 500).
	After int64 `query:"after"`
	Limit int   `query:"limit"`
	// UpdatedSince: records changed at or after this instant.
	UpdatedSince time.Time `query:"updated_since"`
	// Deleted lists the trash instead of the live records.
	Deleted bool `query:"deleted"`
	// IDs, when not empty, keeps only records with one of these ids; at
	// most MaxLimit ids are meaningful to one page.
	IDs []int64
}

// Options returns o; it makes every filter that embeds ListOptions answer
// with its options.
func (o ListOptions) Options() ListOptions { return o }

// Filter is what the List of T takes: the filter type of T's table
// (AccountFilter for Accounts, ContactFilter for Contacts, …), or NoFilter.
// Each filter type declares, in its fields and their `query` tags, every
// condition its List applies, and nothing else: the API accepts exactly
// those as query parameters. Only the types of this package are filters.
type Filter[T any] interface {
	// Options returns the filter's scope, page, trash and change window.
	Options() ListOptions
	// WithOptions returns the filter with o in place of its options.
	WithOptions(o ListOptions) Filter[T]
	// where adds the entity's own conditions.
	where(w *where)
}

// NoFilter lists every record of T its options select: the filter of
// generic code (the export, sweeps over every table) that narrows by
// nothing of T's own.
type NoFilter[T any] struct{ ListOptions }

// WithOptions implements Filter.
func (f NoFilter[T]) WithOptions(o ListOptions) Filter[T] { f.ListOptions = o; return f }

func (NoFilter[T]) where(*where) {}

// UserFilter narrows the list of Users.
type UserFilter struct {
	ListOptions
	// TeamID: users of the team.
	TeamID int64 `query:"team_id"`
	// Query: a case-insensitive substring of the name or email.
	Query string `query:"q"`
}

// WithOptions implements Filter.
func (f UserFilter) WithOptions(o ListOptions) Filter[kam.User] { f.ListOptions = o; return f }

func (f UserFilter) where(w *where) {
	if f.TeamID != 0 {
		w.add("t.team_id = ?", f.TeamID)
	}
	search(w, f.Query, "t.name", "t.email")
}

// TeamFilter narrows the list of Teams.
type TeamFilter struct {
	ListOptions
	// UserID: teams the user manages.
	UserID int64 `query:"user_id"`
	// Query: a case-insensitive substring of the name.
	Query string `query:"q"`
}

// WithOptions implements Filter.
func (f TeamFilter) WithOptions(o ListOptions) Filter[kam.Team] { f.ListOptions = o; return f }

func (f TeamFilter) where(w *where) {
	if f.UserID != 0 {
		w.add("t.manager_id = ?", f.UserID)
	}
	search(w, f.Query, "t.name")
}

// AccountFilter narrows the list of Accounts.
type AccountFilter struct {
	ListOptions
	// OwnerID: accounts owned by the user.
	OwnerID int64 `query:"owner_id"`
	// Industry and Region: accounts whose industry (region) holds this
	// case-insensitive substring, as the account list's filters ask.
	Industry string `query:"industry"`
	Region   string `query:"region"`
	// ParentID: accounts directly under this parent in the group tree.
	ParentID int64 `query:"parent_id"`
	// Query: a case-insensitive substring of the name.
	Query string `query:"q"`
}

// WithOptions implements Filter.
func (f AccountFilter) WithOptions(o ListOptions) Filter[kam.Account] { f.ListOptions = o; return f }

func (f AccountFilter) where(w *where) {
	if f.OwnerID != 0 {
		w.add("t.owner_id = ?", f.OwnerID)
	}
	search(w, f.Industry, "t.industry")
	search(w, f.Region, "t.region")
	if f.ParentID != 0 {
		w.add("t.parent_id = ?", f.ParentID)
	}
	search(w, f.Query, "t.name")
}

// AccountRelationFilter narrows the list of AccountRelations.
type AccountRelationFilter struct {
	ListOptions
	// AccountID: relations with the account at either end.
	AccountID int64 `query:"account_id"`
}

// WithOptions implements Filter.
func (f AccountRelationFilter) WithOptions(o ListOptions) Filter[kam.AccountRelation] {
	f.ListOptions = o
	return f
}

func (f AccountRelationFilter) where(w *where) {
	if f.AccountID != 0 {
		w.add("(t.from_account_id = ? OR t.to_account_id = ?)", f.AccountID, f.AccountID)
	}
}

// OrgUnitFilter narrows the list of OrgUnits.
type OrgUnitFilter struct {
	ListOptions
	// AccountID: the account's departments.
	AccountID int64 `query:"account_id"`
	// Query: a case-insensitive substring of the name.
	Query string `query:"q"`
}

// WithOptions implements Filter.
func (f OrgUnitFilter) WithOptions(o ListOptions) Filter[kam.OrgUnit] { f.ListOptions = o; return f }

func (f OrgUnitFilter) where(w *where) {
	ofAccount(w, f.AccountID)
	search(w, f.Query, "t.name")
}

// ContactFilter narrows the list of Contacts.
type ContactFilter struct {
	ListOptions
	// AccountID: the account's people.
	AccountID int64 `query:"account_id"`
	// Query: a case-insensitive substring of the name or title.
	Query string `query:"q"`
}

// WithOptions implements Filter.
func (f ContactFilter) WithOptions(o ListOptions) Filter[kam.Contact] { f.ListOptions = o; return f }

func (f ContactFilter) where(w *where) {
	ofAccount(w, f.AccountID)
	search(w, f.Query, "t.name", "t.title")
}

// ContactLinkFilter narrows the list of ContactLinks.
type ContactLinkFilter struct {
	ListOptions
	// AccountID: links from the account's contacts.
	AccountID int64 `query:"account_id"`
	// ContactID: links with the contact at either end.
	ContactID int64 `query:"contact_id"`
}

// WithOptions implements Filter.
func (f ContactLinkFilter) WithOptions(o ListOptions) Filter[kam.ContactLink] {
	f.ListOptions = o
	return f
}

func (f ContactLinkFilter) where(w *where) {
	if f.ContactID != 0 {
		w.add("(t.from_contact_id = ? OR t.to_contact_id = ?)", f.ContactID, f.ContactID)
	}
	if f.AccountID != 0 {
		w.add("t.from_contact_id IN (SELECT id FROM contacts WHERE account_id = ?)", f.AccountID)
	}
}

// OpportunityFilter narrows the list of Opportunities.
type OpportunityFilter struct {
	ListOptions
	// AccountID: the account's deals.
	AccountID int64 `query:"account_id"`
	// OwnerID: deals owned by the user.
	OwnerID int64 `query:"owner_id"`
	// Level: deals at this funnel level.
	Level kam.FunnelLevel `query:"level"`
	// Query: a case-insensitive substring of the name or product.
	Query string `query:"q"`
}

// WithOptions implements Filter.
func (f OpportunityFilter) WithOptions(o ListOptions) Filter[kam.Opportunity] {
	f.ListOptions = o
	return f
}

func (f OpportunityFilter) where(w *where) {
	ofAccount(w, f.AccountID)
	if f.OwnerID != 0 {
		w.add("t.owner_id = ?", f.OwnerID)
	}
	if f.Level != "" {
		w.add("t.level = ?", string(f.Level))
	}
	search(w, f.Query, "t.name", "t.product")
}

// BuyingInfluenceFilter narrows the list of BuyingInfluences.
type BuyingInfluenceFilter struct {
	ListOptions
	// AccountID and OpportunityID: the buyers of the account's deals, of
	// the deal.
	AccountID     int64 `query:"account_id"`
	OpportunityID int64 `query:"opportunity_id"`
	// ContactID: the contact's roles as a buyer.
	ContactID int64 `query:"contact_id"`
	// UserID: buyers the user is counterpart of.
	UserID int64 `query:"user_id"`
}

// WithOptions implements Filter.
func (f BuyingInfluenceFilter) WithOptions(o ListOptions) Filter[kam.BuyingInfluence] {
	f.ListOptions = o
	return f
}

func (f BuyingInfluenceFilter) where(w *where) {
	underOpportunity(w, f.AccountID, f.OpportunityID)
	if f.ContactID != 0 {
		w.add("t.contact_id = ?", f.ContactID)
	}
	if f.UserID != 0 {
		w.add("t.counterpart_id = ?", f.UserID)
	}
}

// SWOTItemFilter narrows the list of SWOTItems.
type SWOTItemFilter struct {
	ListOptions
	// AccountID and OpportunityID: the items of the account's deals, of
	// the deal.
	AccountID     int64 `query:"account_id"`
	OpportunityID int64 `query:"opportunity_id"`
	// Query: a case-insensitive substring of the text.
	Query string `query:"q"`
}

// WithOptions implements Filter.
func (f SWOTItemFilter) WithOptions(o ListOptions) Filter[kam.SWOTItem] { f.ListOptions = o; return f }

func (f SWOTItemFilter) where(w *where) {
	underOpportunity(w, f.AccountID, f.OpportunityID)
	search(w, f.Query, "t.text")
}

// ActionFilter narrows the list of Actions.
type ActionFilter struct {
	ListOptions
	// AccountID and OpportunityID: the actions of the account's deals, of
	// the deal.
	AccountID     int64 `query:"account_id"`
	OpportunityID int64 `query:"opportunity_id"`
	// OwnerID: actions owned by the user.
	OwnerID int64 `query:"owner_id"`
	// ContactID: actions the contact takes part in.
	ContactID int64 `query:"contact_id"`
	// Query: a case-insensitive substring of the title.
	Query string `query:"q"`
}

// WithOptions implements Filter.
func (f ActionFilter) WithOptions(o ListOptions) Filter[kam.Action] { f.ListOptions = o; return f }

func (f ActionFilter) where(w *where) {
	underOpportunity(w, f.AccountID, f.OpportunityID)
	if f.OwnerID != 0 {
		w.add("t.owner_id = ?", f.OwnerID)
	}
	if f.ContactID != 0 {
		w.add("t.id IN (SELECT action_id FROM action_participants WHERE contact_id = ?)", f.ContactID)
	}
	search(w, f.Query, "t.title")
}

// InteractionFilter narrows the list of Interactions.
type InteractionFilter struct {
	ListOptions
	// AccountID and OpportunityID: the interactions of the account's
	// deals, of the deal.
	AccountID     int64 `query:"account_id"`
	OpportunityID int64 `query:"opportunity_id"`
	// ContactID: interactions with feedback from the contact.
	ContactID int64 `query:"contact_id"`
	// UserID: interactions the user took part in.
	UserID int64 `query:"user_id"`
	// Query: a case-insensitive substring of the objective or notes.
	Query string `query:"q"`
}

// WithOptions implements Filter.
func (f InteractionFilter) WithOptions(o ListOptions) Filter[kam.Interaction] {
	f.ListOptions = o
	return f
}

func (f InteractionFilter) where(w *where) {
	underOpportunity(w, f.AccountID, f.OpportunityID)
	if f.ContactID != 0 {
		w.add("t.id IN (SELECT interaction_id FROM interaction_feedback WHERE contact_id = ?)", f.ContactID)
	}
	if f.UserID != 0 {
		w.add("t.id IN (SELECT interaction_id FROM interaction_users WHERE user_id = ?)", f.UserID)
	}
	search(w, f.Query, "t.objective", "t.notes")
}

// CriterionFilter narrows the list of Criteria.
type CriterionFilter struct {
	ListOptions
	// Query: a case-insensitive substring of the name.
	Query string `query:"q"`
}

// WithOptions implements Filter.
func (f CriterionFilter) WithOptions(o ListOptions) Filter[kam.Criterion] {
	f.ListOptions = o
	return f
}

func (f CriterionFilter) where(w *where) { search(w, f.Query, "t.name") }

// QuotaFilter narrows the list of Quotas.
type QuotaFilter struct {
	ListOptions
	// TeamID and UserID: quotas of the team, of the user.
	TeamID int64 `query:"team_id"`
	UserID int64 `query:"user_id"`
}

// WithOptions implements Filter.
func (f QuotaFilter) WithOptions(o ListOptions) Filter[kam.Quota] { f.ListOptions = o; return f }

func (f QuotaFilter) where(w *where) {
	if f.UserID != 0 {
		w.add("t.user_id = ?", f.UserID)
	}
	if f.TeamID != 0 {
		w.add("t.team_id = ?", f.TeamID)
	}
}

// search adds the condition that one of columns holds q; none when q is
// empty.
func search(w *where, q string, columns ...string) {
	if q != "" {
		matchAny(w, q, columns...)
	}
}

// ofAccount keeps the rows of the account, when one is given.
func ofAccount(w *where, accountID int64) {
	if accountID != 0 {
		w.add("t.account_id = ?", accountID)
	}
}

// underOpportunity keeps the records under the deals of an account, under
// one deal, when given.
func underOpportunity(w *where, accountID, opportunityID int64) {
	if opportunityID != 0 {
		w.add("t.opportunity_id = ?", opportunityID)
	}
	if accountID != 0 {
		w.add("t.opportunity_id IN (SELECT id FROM opportunities WHERE account_id = ?)", accountID)
	}
}

// Page returns f asking for at most limit records with ids above after.
func Page[T any](f Filter[T], after int64, limit int) Filter[T] {
	o := f.Options()
	o.After, o.Limit = after, limit
	return f.WithOptions(o)
}
