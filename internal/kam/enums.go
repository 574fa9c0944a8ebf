package kam

// Role is what a user may do in kam.
type Role string

// The roles of kam's users.
const (
	RoleAdmin   Role = "admin"
	RoleManager Role = "manager"
	RoleRep     Role = "rep"
)

// Seniority is a contact's rank in their organisation.
type Seniority string

// Seniorities, from the top.
const (
	SeniorityExecutive Seniority = "executive"
	SenioritySenior    Seniority = "senior"
	SeniorityMiddle    Seniority = "middle"
	SeniorityJunior    Seniority = "junior"
	SeniorityUnknown   Seniority = "unknown"
)

// Rank orders seniorities: executive 4 … junior 1, unknown 0.
func (s Seniority) Rank() int {
	switch s {
	case SeniorityExecutive:
		return 4
	case SenioritySenior:
		return 3
	case SeniorityMiddle:
		return 2
	case SeniorityJunior:
		return 1
	}
	return 0
}

// IsSenior reports whether s is executive or senior manager.
func (s Seniority) IsSenior() bool { return s == SeniorityExecutive || s == SenioritySenior }

// ContactStatus says whether a contact is still in their post.
type ContactStatus string

// Contact statuses.
const (
	ContactActive ContactStatus = "active"
	ContactLeft   ContactStatus = "left"  // left the company
	ContactMoved  ContactStatus = "moved" // moved to another post
)

// Gone reports whether the person no longer holds the post they had: they
// left the company or moved to another post. Every picture draws them as
// gone, and the method's rules and the deal's health leave them out of the
// buyers who count.
func (s ContactStatus) Gone() bool { return s == ContactLeft || s == ContactMoved }

// ContactLinkKind is a dotted line of the org chart.
type ContactLinkKind string

// Contact link kinds.
const (
	LinkInfluences    ContactLinkKind = "influences"
	LinkConflictsWith ContactLinkKind = "conflicts_with"
)

// AccountRelationKind links two accounts outside the group tree.
type AccountRelationKind string

// Account relation kinds, read from the first account: the second is its …
const (
	RelationSupplier AccountRelationKind = "supplier" // upstream
	RelationCustomer AccountRelationKind = "customer" // downstream
	RelationPartner  AccountRelationKind = "partner"
)

// ShareAccess is what a team may do with an account shared with it.
type ShareAccess string

// Share access levels.
const (
	ShareRead  ShareAccess = "read"
	ShareWrite ShareAccess = "write"
)

// FunnelLevel is where an opportunity stands in the funnel (漏斗).
type FunnelLevel string

// Funnel levels, from the top.
const (
	LevelAbove   FunnelLevel = "above"    // 漏斗之上
	LevelIn      FunnelLevel = "in"       // 漏斗之中
	LevelBestFew FunnelLevel = "best_few" // 最佳少数
	LevelWon     FunnelLevel = "won"      // 赢单
	LevelLost    FunnelLevel = "lost"     // 丢单
)

// OpenLevels are the levels of deals not yet decided, from the top.
var OpenLevels = []FunnelLevel{LevelAbove, LevelIn, LevelBestFew}

// Open reports whether the level is undecided.
func (l FunnelLevel) Open() bool { return l == LevelAbove || l == LevelIn || l == LevelBestFew }

// Rank orders levels: above 1, in 2, best few 3, decided 4.
func (l FunnelLevel) Rank() int {
	switch l {
	case LevelAbove:
		return 1
	case LevelIn:
		return 2
	case LevelBestFew:
		return 3
	case LevelWon, LevelLost:
		return 4
	}
	return 0
}

// BuyingRole is a CUTE role a person holds on one opportunity.
type BuyingRole string

// The CUTE roles.
const (
	RoleCoach     BuyingRole = "coach"     // 教练
	RoleUser      BuyingRole = "user"      // 用户
	RoleTechnical BuyingRole = "technical" // 技术把关者
	RoleEconomic  BuyingRole = "economic"  // 财务决策者
)

// Influence is a buyer's weight on the decision (影响度).
type Influence string

// Influence levels.
const (
	InfluenceHigh    Influence = "high"
	InfluenceMedium  Influence = "medium"
	InfluenceLow     Influence = "low"
	InfluenceUnknown Influence = "unknown"
)

// ContactLevel is how much we are in touch with a buyer (接触度).
type ContactLevel string

// Contact levels.
const (
	ContactFrequent ContactLevel = "frequent"
	ContactRare     ContactLevel = "rare"
	ContactNone     ContactLevel = "none"
	ContactUnknown  ContactLevel = "unknown"
)

// Contacted reports whether the level is rare or frequent.
func (c ContactLevel) Contacted() bool { return c == ContactFrequent || c == ContactRare }

// ResponseMode is a buyer's perception of their situation (反馈模式).
type ResponseMode string

// Response modes.
const (
	ModeGrowth        ResponseMode = "growth"        // 高瞻远瞩
	ModeTrouble       ResponseMode = "trouble"       // 不知所措
	ModeEvenKeel      ResponseMode = "even_keel"     // 四平八稳
	ModeOverconfident ResponseMode = "overconfident" // 自我陶醉
	ModeUnknown       ResponseMode = "unknown"
)

// Receptive reports whether the mode is Growth or Trouble.
func (m ResponseMode) Receptive() bool { return m == ModeGrowth || m == ModeTrouble }

// RelationshipLevel is how the buyer sees our counterpart.
type RelationshipLevel string

// Relationship levels, from the lowest.
const (
	RelVendor         RelationshipLevel = "vendor"
	RelCredibleSource RelationshipLevel = "credible_source"
	RelProblemSolver  RelationshipLevel = "problem_solver"
	RelTrustedAdvisor RelationshipLevel = "trusted_advisor"
)

// SWOTKind sorts SWOT items.
type SWOTKind string

// SWOT kinds. Strengths are the 小铃铛 we leverage.
const (
	SWOTStrength    SWOTKind = "strength"
	SWOTWeakness    SWOTKind = "weakness"
	SWOTOpportunity SWOTKind = "opportunity"
	SWOTThreat      SWOTKind = "threat"
)

// ActionStatus is the state of an action.
type ActionStatus string

// Action statuses.
const (
	ActionOpen    ActionStatus = "open"
	ActionDone    ActionStatus = "done"
	ActionDropped ActionStatus = "dropped"
)

// InteractionKind is how we met a buyer.
type InteractionKind string

// Interaction kinds.
const (
	InteractionVisit   InteractionKind = "visit"
	InteractionCall    InteractionKind = "call"
	InteractionMeeting InteractionKind = "meeting"
	InteractionEmail   InteractionKind = "email"
)

// Outcome is what an interaction achieved.
type Outcome string

// Interaction outcomes.
const (
	OutcomeOrder        Outcome = "order"
	OutcomeAdvance      Outcome = "advance"
	OutcomeContinuation Outcome = "continuation"
	OutcomeNoSale       Outcome = "no_sale"
)

// Feedback is a buyer's reaction in one interaction.
type Feedback string

// Feedback values.
const (
	FeedbackPositive Feedback = "positive"
	FeedbackNeutral  Feedback = "neutral"
	FeedbackNegative Feedback = "negative"
)

// CriterionKind sorts ideal-customer criteria.
type CriterionKind string

// Criterion kinds.
const (
	CriterionDemographic   CriterionKind = "demographic"
	CriterionPsychographic CriterionKind = "psychographic"
)

// Severity grades a red flag.
type Severity string

// Severities.
const (
	SeverityHigh   Severity = "high"
	SeverityMedium Severity = "medium"
	SeverityLow    Severity = "low"
)

// Rank orders severities: high 3, medium 2, low 1.
func (s Severity) Rank() int {
	switch s {
	case SeverityHigh:
		return 3
	case SeverityMedium:
		return 2
	case SeverityLow:
		return 1
	}
	return 0
}

// Support reads a rating (-5…+5) the method's way: ≥+3 supports, ≤-3 opposes.
type Support string

// Support levels.
const (
	SupportSupports Support = "supports"
	SupportNeutral  Support = "neutral"
	SupportOpposes  Support = "opposes"
	SupportUnknown  Support = "unknown"
)

// SupportOf classifies a rating; nil is unknown.
func SupportOf(rating *int) Support {
	switch {
	case rating == nil:
		return SupportUnknown
	case *rating >= 3:
		return SupportSupports
	case *rating <= -3:
		return SupportOpposes
	}
	return SupportNeutral
}
