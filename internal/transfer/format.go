// Package transfer moves a sales organisation's data in and out of kam: a
// versioned JSON export of everything live in the database, an import of that
// format into another database through the service (so scope, validation and
// audit apply), a spreadsheet import of contacts or accounts (CSV, or an
// Excel worksheet), and Excel workbooks of the pipeline for people, read in
// the acting user's scope.
//
// An import never stops at a bad record: the record is reported (kind, id in
// the file, field, message in both languages) and skipped together with
// everything that depends on it, and the import goes on.
package transfer

import (
	"time"

	"kam/internal/kam"
)

// Format and Version name the export format; an import refuses anything
// else.
const (
	Format  = "kam-export"
	Version = 1
)

// The kinds of record, which are also the names of the export's sections, in
// the order an export writes them and an import reads them: every section
// refers only to sections before it (teams' managers aside, which are set
// once the users exist).
const (
	KindCriteria         = "criteria"
	KindTeams            = "teams"
	KindUsers            = "users"
	KindAccounts         = "accounts"
	KindAccountRelations = "account_relations"
	KindOrgUnits         = "org_units"
	KindContacts         = "contacts"
	KindContactLinks     = "contact_links"
	KindOpportunities    = "opportunities"
	KindBuyingInfluences = "buying_influences"
	KindSWOTItems        = "swot_items"
	KindActions          = "actions"
	KindInteractions     = "interactions"
	KindQuotas           = "quotas"
	KindAcceptedFindings = "accepted_findings"
	KindExchangeRates    = "exchange_rates"
	KindCallPlans        = "call_plans"
	KindNeeds            = "needs"
	KindVITOPlans        = "vito_plans"
	KindReviews          = "reviews"
)

// Kinds lists the sections in file order.
var Kinds = []string{
	KindCriteria, KindTeams, KindUsers, KindAccounts, KindAccountRelations,
	KindOrgUnits, KindContacts, KindContactLinks, KindOpportunities,
	KindBuyingInfluences, KindSWOTItems, KindActions, KindInteractions,
	KindQuotas, KindAcceptedFindings, KindExchangeRates, KindCallPlans, KindNeeds, KindVITOPlans,
	KindReviews,
}

// Header is what an export says about itself before its sections.
type Header struct {
	Format     string    `json:"format"`
	Version    int       `json:"version"`
	ExportedAt time.Time `json:"exported_at"`
	// PasswordHashes is true when users carry their password hashes.
	PasswordHashes bool `json:"password_hashes"`
}

// User is a user as exported: the password hash only when the export was
// asked for it (PasswordHashes in the header).
type User struct {
	kam.User
	PasswordHash string `json:"password_hash,omitempty"`
}

// Share is a team an account is shared with.
type Share struct {
	TeamID int64           `json:"team_id"`
	Access kam.ShareAccess `json:"access"`
}

// Rating is an account's rating on one ideal-customer criterion.
type Rating struct {
	CriterionID int64 `json:"criterion_id"`
	Rating      int   `json:"rating"`
}

// Account is an account as exported, with the teams it is shared with and
// its ideal-customer ratings.
type Account struct {
	kam.Account
	Shares  []Share  `json:"shares"`
	Ratings []Rating `json:"ratings"`
}

// LevelStep is one move of an opportunity between funnel levels.
type LevelStep struct {
	From     kam.FunnelLevel `json:"from"`
	To       kam.FunnelLevel `json:"to"`
	At       time.Time       `json:"at"`
	ByUserID int64           `json:"by_user_id,omitempty"`
}

// Opportunity is an opportunity as exported, with its level history oldest
// first.
type Opportunity struct {
	kam.Opportunity
	LevelHistory []LevelStep `json:"level_history"`
}

// AcceptedFinding is an accepted red flag as exported. Only acceptances in
// force are exported: one whose facts changed since has no effect any more
// (the flag is open again), and its fingerprint could not be carried over.
type AcceptedFinding = kam.AcceptedFinding
