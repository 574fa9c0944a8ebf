package kam

import "time"

// The conversation around a deal: the call plan before a contact with the
// buyers (拜访计划, the Green Sheet), the needs heard in it, and the deal
// reviews (复盘) a manager holds with the seller. The debrief of a call is the
// deal's Interaction record; a plan points at it once the call took place.

// QuestionKind is the SPIN kind of a question asked in a call (提问).
type QuestionKind string

// SPIN question kinds.
const (
	QuestionSituation   QuestionKind = "situation"
	QuestionProblem     QuestionKind = "problem"
	QuestionImplication QuestionKind = "implication"
	QuestionNeedPayoff  QuestionKind = "need_payoff"
)

// QuestionKinds lists the SPIN kinds in the order of the method.
var QuestionKinds = []QuestionKind{QuestionSituation, QuestionProblem, QuestionImplication, QuestionNeedPayoff}

// NeedKind says whether a need was implied (a complaint, a difficulty) or
// stated as a want (explicit).
type NeedKind string

// Need kinds.
const (
	NeedImplied  NeedKind = "implied"
	NeedExplicit NeedKind = "explicit"
)

// NeedKinds lists the need kinds.
var NeedKinds = []NeedKind{NeedImplied, NeedExplicit}

// Question is one question to ask an attendee in a call.
type Question struct {
	Kind QuestionKind `json:"kind"`
	Text string       `json:"text"`
}

// CallAttendee is one person of the customer's side at a planned call: a
// contact of the account (a buyer on this deal or not), with the questions to
// ask them.
type CallAttendee struct {
	ContactID int64      `json:"contact_id"`
	Questions []Question `json:"questions"`
}

// CallPlan is the plan of one visit, call or meeting on an opportunity.
type CallPlan struct {
	Meta
	OpportunityID int64           `json:"opportunity_id"`
	Kind          InteractionKind `json:"kind"`
	// At is when the call is planned.
	At time.Time `json:"at"`
	// UserIDs are our attendees.
	UserIDs []int64 `json:"user_ids"`
	// Attendees are the customer's attendees with their questions.
	Attendees []CallAttendee `json:"attendees"`
	// BusinessReason is the valid business reason: why the buyer should give
	// us the time, in their terms.
	BusinessReason string `json:"business_reason"`
	// BestCommitment and MinimumCommitment are the concrete actions by the
	// buyer we hope for and the least we accept.
	BestCommitment    string `json:"best_commitment"`
	MinimumCommitment string `json:"minimum_commitment"`
	// CommitmentDue is the date the commitment should be kept by, if known.
	CommitmentDue *Date `json:"commitment_due,omitempty"`
	// Give and Learn are what we want to give and to learn in the call.
	Give  string `json:"give"`
	Learn string `json:"learn"`
	// InteractionID is the debrief (the deal's interaction record) once the
	// call took place; 0 before.
	InteractionID int64 `json:"interaction_id,omitempty"`
	// CommitmentObtained is the commitment the buyer actually gave, in the
	// debrief; CommitmentMet weighs it against the best and the minimum.
	CommitmentObtained string        `json:"commitment_obtained"`
	CommitmentMet      CommitmentMet `json:"commitment_met,omitempty"`
	// Decisions are the seller's answers to the map changes the debrief
	// proposed, by proposal key; a decided proposal is not offered again.
	Decisions []ProposalDecision `json:"proposal_decisions"`
}

// CommitmentMet says how the commitment obtained in a call compares with
// the plan.
type CommitmentMet string

// How a call's commitment compares with the plan.
const (
	CommitmentBest    CommitmentMet = "best"    // the best commitment or more
	CommitmentMinimum CommitmentMet = "minimum" // at least the minimum acceptable
	CommitmentNone    CommitmentMet = "none"    // less than the minimum
)

// CommitmentMets lists the values of CommitmentMet.
var CommitmentMets = []CommitmentMet{CommitmentBest, CommitmentMinimum, CommitmentNone}

// ProposalDecision records the seller's answer to one proposed map change.
type ProposalDecision struct {
	Key      string    `json:"key"`
	Accepted bool      `json:"accepted"`
	ByUserID int64     `json:"by_user_id"`
	At       time.Time `json:"at"`
}

// Decided reports whether the plan's debrief proposal key was answered.
func (p *CallPlan) Decided(key string) bool {
	for _, d := range p.Decisions {
		if d.Key == key {
			return true
		}
	}
	return false
}

// HasCommitments reports whether the plan names both a best and a minimum
// acceptable commitment.
func (p *CallPlan) HasCommitments() bool {
	return p.BestCommitment != "" && p.MinimumCommitment != ""
}

// Need is one need a buyer voiced.
type Need struct {
	Meta
	OpportunityID int64 `json:"opportunity_id"`
	// ContactID is the buyer who voiced it.
	ContactID int64    `json:"contact_id"`
	Kind      NeedKind `json:"kind"`
	// Words are the words the buyer used.
	Words string `json:"words"`
	// HeardAt is when it was heard.
	HeardAt time.Time `json:"heard_at"`
	// LinkedToResult says an explicit need is tied to the buyer's business
	// result.
	LinkedToResult bool `json:"linked_to_result"`
	// InteractionID is the call it was heard in, if recorded.
	InteractionID int64 `json:"interaction_id,omitempty"`
}
