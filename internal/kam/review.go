package kam

import "time"

// Review is one deal review (复盘) a manager holds with the seller: who and
// when, the coaching notes (visible to the seller), the actions agreed, and
// a snapshot of the whole judgement of the deal at that moment, from which
// "what changed since the last review" is read.
type Review struct {
	Meta
	OpportunityID int64     `json:"opportunity_id"`
	At            time.Time `json:"at"`
	// ManagerID is the reviewing manager, SellerID the seller reviewed
	// (users; 0: not named).
	ManagerID int64 `json:"manager_id,omitempty"`
	SellerID  int64 `json:"seller_id,omitempty"`
	// Notes are the coaching notes.
	Notes string `json:"notes"`
	// AgreedActions are the next steps agreed in the review.
	AgreedActions []string `json:"agreed_actions"`
	// Snapshot is taken by kam when the review is recorded; a client
	// cannot set it.
	Snapshot ReviewSnapshot `json:"snapshot"`
}

// ReviewSnapshot is the judgement of a deal at one moment: its buyers and
// how they stand, the red flags, health, level and suggested level, and the
// action plan.
type ReviewSnapshot struct {
	At             time.Time         `json:"at"`
	Level          FunnelLevel       `json:"level"`
	SuggestedLevel FunnelLevel       `json:"suggested_level"`
	Health         int               `json:"health"`
	Buyers         []SnapshotBuyer   `json:"buyers"`
	Findings       []SnapshotFinding `json:"findings"`
	Actions        []SnapshotAction  `json:"actions"`
	// Needs are the needs heard so far.
	Needs []SnapshotNeed `json:"needs"`
}

// SnapshotNeed is one need of a snapshot.
type SnapshotNeed struct {
	ID             int64    `json:"id"`
	ContactID      int64    `json:"contact_id"`
	Kind           NeedKind `json:"kind"`
	Words          string   `json:"words"`
	LinkedToResult bool     `json:"linked_to_result"`
}

// SnapshotBuyer is one buyer of a snapshot.
type SnapshotBuyer struct {
	InfluenceID  int64        `json:"influence_id"`
	ContactID    int64        `json:"contact_id"`
	Name         string       `json:"name"`
	Roles        []BuyingRole `json:"roles"`
	Influence    Influence    `json:"influence"`
	Rating       *int         `json:"rating"`
	Mode         ResponseMode `json:"mode"`
	ContactLevel ContactLevel `json:"contact_level"`
}

// SnapshotFinding is one red flag of a snapshot.
type SnapshotFinding struct {
	Rule     string   `json:"rule"`
	Subject  string   `json:"subject"`
	Severity Severity `json:"severity"`
	Title    Text     `json:"title"`
	Accepted bool     `json:"accepted"`
}

// SnapshotAction is one action of a snapshot.
type SnapshotAction struct {
	ID     int64        `json:"id"`
	Title  string       `json:"title"`
	Status ActionStatus `json:"status"`
	Due    Date         `json:"due"`
}

// VITOPlan is the plan to meet the top decision maker of a deal (拜访老总):
// who they are, whether we reached them, who on our side meets them, and the
// referral path from them down to the buyers.
type VITOPlan struct {
	Meta
	OpportunityID int64 `json:"opportunity_id"`
	// ContactID is the top decision maker, a contact of the account; 0
	// while unknown.
	ContactID int64 `json:"contact_id,omitempty"`
	// ContactedOn is when we last reached them; unset: not yet.
	ContactedOn Date `json:"contacted_on"`
	// ExecutiveName and ExecutiveTitle are our executive counterpart, any
	// person of our company (not necessarily a kam user).
	ExecutiveName  string `json:"executive_name"`
	ExecutiveTitle string `json:"executive_title"`
	// ReferralPath are the contacts from the VITO down to the buyers, in
	// order.
	ReferralPath []int64 `json:"referral_path"`
	Notes        string  `json:"notes"`
}
