package kam

import "time"

// Meta is what every stored record carries. Version starts at 1 and grows by
// one on every write; a write that names an older version is a conflict.
type Meta struct {
	ID        int64      `json:"id"`
	Version   int64      `json:"version"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
	DeletedAt *time.Time `json:"deleted_at,omitempty"`
}

// RecordID returns the record's id; generic code over every stored kind
// reads it through this method.
func (m Meta) RecordID() int64 { return m.ID }

// User is a person who signs in to kam.
type User struct {
	Meta
	Email  string `json:"email"`
	Name   string `json:"name"`
	Role   Role   `json:"role"`
	TeamID int64  `json:"team_id,omitempty"` // 0: no team
	Locale Locale `json:"locale"`
	// TimeZone is the IANA name of the zone the user enters and reads
	// times in ("Asia/Shanghai"); their "today" is the day there.
	TimeZone           string `json:"time_zone"`
	Disabled           bool   `json:"disabled"`
	MustChangePassword bool   `json:"must_change_password"`
	PasswordHash       string `json:"-"`
}

// Team is a group of sellers under one manager.
type Team struct {
	Meta
	Name      string `json:"name"`
	ManagerID int64  `json:"manager_id,omitempty"` // a user; 0: none
}

// APIToken lets a program act as a user. Only a hash of the secret is stored;
// the secret itself is shown once, when the token is created.
type APIToken struct {
	ID         int64      `json:"id"`
	UserID     int64      `json:"user_id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"` // the first characters, to tell tokens apart
	Hash       string     `json:"-"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
}

// Account is a key account (客户企业).
type Account struct {
	Meta
	Name              string `json:"name"`
	Industry          string `json:"industry"`
	Region            string `json:"region"`
	Employees         int64  `json:"employees"`
	AnnualRevenue     int64  `json:"annual_revenue"` // in whole units of the account's currency
	ParentID          int64  `json:"parent_id,omitempty"`
	ReorganisingSince Date   `json:"reorganising_since"`
	OwnerID           int64  `json:"owner_id"`
	Notes             string `json:"notes"`
}

// AccountShare gives a team access to an account it does not own.
type AccountShare struct {
	AccountID int64       `json:"account_id"`
	TeamID    int64       `json:"team_id"`
	Access    ShareAccess `json:"access"`
}

// AccountRelation links an account to another outside its group tree: To is
// From's supplier, customer or partner.
type AccountRelation struct {
	Meta
	FromAccountID int64               `json:"from_account_id"`
	ToAccountID   int64               `json:"to_account_id"`
	Kind          AccountRelationKind `json:"kind"`
}

// OrgUnit is a department of an account; units form a tree per account.
type OrgUnit struct {
	Meta
	AccountID int64  `json:"account_id"`
	Name      string `json:"name"`
	ParentID  int64  `json:"parent_id,omitempty"`
}

// Contact is a person at an account.
type Contact struct {
	Meta
	AccountID   int64         `json:"account_id"`
	Name        string        `json:"name"`
	Title       string        `json:"title"`
	OrgUnitID   int64         `json:"org_unit_id,omitempty"`
	Seniority   Seniority     `json:"seniority"`
	ReportsToID int64         `json:"reports_to_id,omitempty"`
	Status      ContactStatus `json:"status"`
	StatusDate  Date          `json:"status_date"`
	InPostSince Date          `json:"in_post_since"`
	Email       string        `json:"email"`
	Phone       string        `json:"phone"`
	// PersonalNotes are sensitive (preferences, background): only people who
	// may see the account see them.
	PersonalNotes string `json:"personal_notes"`
}

// ContactLink is a dotted line between two contacts of one account.
type ContactLink struct {
	Meta
	FromContactID int64           `json:"from_contact_id"`
	ToContactID   int64           `json:"to_contact_id"`
	Kind          ContactLinkKind `json:"kind"`
}

// Opportunity is one single sales objective (单一销售目标) at an account.
type Opportunity struct {
	Meta
	AccountID         int64       `json:"account_id"`
	Name              string      `json:"name"`
	Product           string      `json:"product"`
	Amount            int64       `json:"amount"` // whole units of Currency
	Currency          string      `json:"currency"`
	CloseDate         Date        `json:"close_date"`
	Level             FunnelLevel `json:"level"`
	Position          *int        `json:"position"` // -3 panic … +3 euphoric; nil unset
	EngagedOn         Date        `json:"engaged_on"`
	TenderPublishedOn Date        `json:"tender_published_on"`
	Competitors       string      `json:"competitors"`
	OwnerID           int64       `json:"owner_id"`
	OurWin            string      `json:"our_win"`
	ClosedOn          Date        `json:"closed_on"` // set when the level becomes won or lost
	// ReachedLevel is the furthest open level the deal has stood at; win
	// rates per level are read from it.
	ReachedLevel FunnelLevel `json:"reached_level"`
}

// LevelChange records a move of an opportunity between funnel levels.
type LevelChange struct {
	ID            int64       `json:"id"`
	OpportunityID int64       `json:"opportunity_id"`
	From          FunnelLevel `json:"from"`
	To            FunnelLevel `json:"to"`
	At            time.Time   `json:"at"`
	ByUserID      int64       `json:"by_user_id"`
}

// BuyingInfluence is a contact's part in one opportunity (购买影响者).
type BuyingInfluence struct {
	Meta
	OpportunityID     int64             `json:"opportunity_id"`
	ContactID         int64             `json:"contact_id"`
	Roles             []BuyingRole      `json:"roles"`
	Influence         Influence         `json:"influence"`
	Rating            *int              `json:"rating"` // -5…+5; nil unset
	ContactLevel      ContactLevel      `json:"contact_level"`
	Mode              ResponseMode      `json:"mode"`
	PersonalWin       string            `json:"personal_win"`
	BusinessResult    string            `json:"business_result"`
	Evidence          string            `json:"evidence"`
	VITO              bool              `json:"vito"`
	CounterpartID     int64             `json:"counterpart_id,omitempty"` // a user of ours
	RelationshipLevel RelationshipLevel `json:"relationship_level,omitempty"`
	// CompetitorCoach marks the person as the competitor's coach on this
	// deal (对手的内线): whatever their rating, they work for the other side.
	CompetitorCoach bool `json:"competitor_coach"`
}

// HasRole reports whether the buyer holds role r.
func (b *BuyingInfluence) HasRole(r BuyingRole) bool {
	for _, x := range b.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Support classifies the buyer's rating.
func (b *BuyingInfluence) Support() Support { return SupportOf(b.Rating) }

// IsKey reports whether the buyer is a key buyer: Economic, or high influence.
func (b *BuyingInfluence) IsKey() bool {
	return b.HasRole(RoleEconomic) || b.Influence == InfluenceHigh
}

// SWOTItem is one strength, weakness, opportunity or threat of a deal.
type SWOTItem struct {
	Meta
	OpportunityID int64    `json:"opportunity_id"`
	Kind          SWOTKind `json:"kind"`
	Text          string   `json:"text"`
}

// Action is a step of an opportunity's action plan.
type Action struct {
	Meta
	OpportunityID int64        `json:"opportunity_id"`
	Title         string       `json:"title"`
	OwnerID       int64        `json:"owner_id,omitempty"` // a user
	Due           Date         `json:"due"`
	Status        ActionStatus `json:"status"`
	// TargetInfluenceID is the buying influence the action works on.
	TargetInfluenceID int64 `json:"target_influence_id,omitempty"`
	// ParticipantIDs are the contacts taking part.
	ParticipantIDs []int64 `json:"participant_ids"`
	// AddressesRules are the red-flag rule ids the action answers.
	AddressesRules []string `json:"addresses_rules"`
	// StrengthID is the SWOT strength the action leverages.
	StrengthID int64 `json:"strength_id,omitempty"`
}

// ContactFeedback is one buyer's reaction in an interaction.
type ContactFeedback struct {
	ContactID int64    `json:"contact_id"`
	Feedback  Feedback `json:"feedback"`
	// Said is what the buyer said, in their words (the debrief of a call).
	Said string `json:"said,omitempty"`
}

// Interaction is a visit, call, meeting or email with the account.
type Interaction struct {
	Meta
	OpportunityID int64             `json:"opportunity_id"`
	Kind          InteractionKind   `json:"kind"`
	At            time.Time         `json:"at"`
	UserIDs       []int64           `json:"user_ids"` // our side
	Objective     string            `json:"objective"`
	Outcome       Outcome           `json:"outcome,omitempty"`
	Feedback      []ContactFeedback `json:"feedback"` // their side, with each one's reaction
	Notes         string            `json:"notes"`
}

// Criterion is one weighted criterion of the ideal-customer profile.
type Criterion struct {
	Meta
	Name   string        `json:"name"`
	Kind   CriterionKind `json:"kind"`
	Weight int           `json:"weight"` // 1…10
}

// CriterionRating rates one account on one criterion, -5…+5.
type CriterionRating struct {
	AccountID   int64 `json:"account_id"`
	CriterionID int64 `json:"criterion_id"`
	Rating      int   `json:"rating"`
}

// Quota is what a user or a team must win in a period.
type Quota struct {
	Meta
	UserID   int64  `json:"user_id,omitempty"`
	TeamID   int64  `json:"team_id,omitempty"`
	Period   string `json:"period"` // "2026", "2026Q4" or "2026-11"
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

// AcceptedFinding records that a seller accepted a red flag on an
// opportunity. Fingerprint captures the facts behind the finding when it was
// accepted; when they change, the finding opens again.
type AcceptedFinding struct {
	ID            int64     `json:"id"`
	OpportunityID int64     `json:"opportunity_id"`
	RuleID        string    `json:"rule_id"`
	Subject       string    `json:"subject"` // "opportunity" or "influence:ID"
	Fingerprint   string    `json:"fingerprint"`
	Note          string    `json:"note"`
	ByUserID      int64     `json:"by_user_id"`
	At            time.Time `json:"at"`
}

// RecordID returns the acceptance's id, as Meta.RecordID does for the
// versioned kinds.
func (f AcceptedFinding) RecordID() int64 { return f.ID }

// AuditRecord is one change: who did what to which record, before and after.
type AuditRecord struct {
	ID       int64     `json:"id"`
	At       time.Time `json:"at"`
	UserID   int64     `json:"user_id"`
	Action   string    `json:"action"` // create, update, delete, restore, …
	Entity   string    `json:"entity"`
	EntityID int64     `json:"entity_id"`
	Before   string    `json:"before,omitempty"` // JSON
	After    string    `json:"after,omitempty"`  // JSON
}

// OpportunityPicture is the whole strategy picture of one opportunity: the
// deal, its account, its buyers with their contacts, and everything planned
// and done. It is what the method reads.
type OpportunityPicture struct {
	Opportunity  Opportunity       `json:"opportunity"`
	Account      Account           `json:"account"`
	Influences   []BuyingInfluence `json:"buying_influences"`
	Contacts     []Contact         `json:"contacts"` // every contact of the account that a buyer or candidate needs
	SWOT         []SWOTItem        `json:"swot"`
	Actions      []Action          `json:"actions"`
	Interactions []Interaction     `json:"interactions"`
	Accepted     []AcceptedFinding `json:"accepted_findings"`
	LevelHistory []LevelChange     `json:"level_history"`
	// ContactLinks are the dotted lines (influences, conflicts with) that
	// touch a buyer's contact; Contacts holds the contacts at both ends.
	ContactLinks []ContactLink `json:"contact_links"`
	CallPlans    []CallPlan    `json:"call_plans"`
	Needs        []Need        `json:"needs"`
	// LastReviewAt is when the deal was last reviewed (复盘), nil if never.
	LastReviewAt *time.Time `json:"last_review_at"`
	// IdealScore is the account's ideal-customer score 0–100, or nil when no
	// criterion is rated.
	IdealScore *float64 `json:"ideal_score"`
}

// Session is a signed-in browser. Only a hash of the cookie's secret is
// stored, so a copy of the database signs nobody in.
type Session struct {
	IDHash     string    `json:"-"`
	UserID     int64     `json:"user_id"`
	CSRFToken  string    `json:"-"`
	CreatedAt  time.Time `json:"created_at"`
	LastSeenAt time.Time `json:"last_seen_at"`
	ExpiresAt  time.Time `json:"expires_at"` // absolute expiry
	UserAgent  string    `json:"user_agent"`
	IP         string    `json:"ip"`
}

// LoginThrottle counts failed sign-ins for one key ("email:…" or "ip:…").
type LoginThrottle struct {
	Key         string    `json:"key"`
	Failures    int       `json:"failures"`
	LastFailure time.Time `json:"last_failure"`
	LockedUntil time.Time `json:"locked_until"`
}

// Actor is the user on whose behalf something is done.
type Actor struct {
	UserID int64
	Role   Role
	TeamID int64
	// Location is the user's time zone, for the times they type without
	// an offset; nil is UTC.
	Location *time.Location
}

// System is the actor of the binary's own work (migrations, demo data).
var System = Actor{Role: RoleAdmin}
