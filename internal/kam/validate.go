package kam

import (
	"fmt"
	"net/mail"
	"strings"
	"unicode/utf8"
)

// Limits on free text, in characters.
const (
	MaxName = 200
	MaxText = 20000
)

// MaxListItems caps every list field of a record (an action's
// participant_ids and addresses_rules, an interaction's user_ids and
// feedback): far more than any meeting has, and few enough that a record
// stays small and is written in one statement.
const MaxListItems = 100

// msgListTooLong is the error of a list over MaxListItems.
var msgListTooLong = T(fmt.Sprintf("may list at most %d entries", MaxListItems), fmt.Sprintf("最多列出 %d 项", MaxListItems))

var msgListedTwice = T("is listed twice", "重复列出")

// ids checks a list of record ids: at most MaxListItems, each a valid id
// listed once; each bad element is named ("participant_ids[3]").
func (c *checker) ids(field string, ids []int64) {
	if len(ids) > MaxListItems {
		c.Add(field, msgListTooLong)
		return
	}
	seen := make(map[int64]bool, len(ids))
	for i, id := range ids {
		el := fmt.Sprintf("%s[%d]", field, i)
		switch {
		case id <= 0:
			c.Add(el, T("is not a valid id", "不是有效的编号"))
		case seen[id]:
			c.Add(el, msgListedTwice)
		}
		seen[id] = true
	}
}

var (
	msgRequired = T("is required", "必填")
	msgBadUTF8  = T("is not valid UTF-8 text", "不是有效的 UTF-8 文本")
)

func msgTooLong(n int) Text {
	return T(fmt.Sprintf("must be at most %d characters", n), fmt.Sprintf("最多 %d 个字符", n))
}

func msgOneOf(values []string) Text {
	return T("must be one of: "+strings.Join(values, ", "), "必须是以下之一："+strings.Join(values, "、"))
}

func msgRange(lo, hi int) Text {
	return T(fmt.Sprintf("must be between %d and %d", lo, hi), fmt.Sprintf("必须在 %d 到 %d 之间", lo, hi))
}

// checker gathers field problems.
type checker struct{ ValidationError }

// TextProblem says what makes s unfit to be stored as text at all: invalid
// UTF-8 or a NUL character (which PostgreSQL cannot keep). ok is true when
// there is none. Every text that reaches kam from outside (a query, a form,
// a body, a file) passes this check once, at the edge.
func TextProblem(s string) (problem Text, ok bool) {
	switch {
	case !utf8.ValidString(s):
		return msgBadUTF8, false
	case strings.IndexByte(s, 0) >= 0:
		return msgNUL, false
	}
	return Text{}, true
}

var msgNUL = T("must not contain NUL characters", "不能包含 NUL 字符")

// CheckParams checks every name and value of a query string or a form with
// TextProblem. The *ValidationError names each bad parameter; a name that
// is itself bad is shown quoted, so it can be read.
func CheckParams(values map[string][]string) error {
	var c checker
	for name, vs := range values {
		if m, ok := TextProblem(name); !ok {
			c.Add(fmt.Sprintf("%+q", name), m)
			continue
		}
		for _, v := range vs {
			if m, ok := TextProblem(v); !ok {
				c.Add(name, m)
				break
			}
		}
	}
	return c.Err()
}

// lineProblem says what makes s unfit for a one-line field beyond
// TextProblem: a control character (a line break, a tab, BEL, ESC, C1
// controls), a line or paragraph separator (U+2028, U+2029), or a
// bidirectional embedding, override or isolate (U+202A–U+202E,
// U+2066–U+2069), which can make "Invoice\u202egnp.exe" read as
// "Invoiceexe.png". multi allows the line breaks and tabs of long text.
func lineProblem(s string, multi bool) (Text, bool) {
	for _, r := range s {
		switch {
		case multi && (r == '\n' || r == '\r' || r == '\t'):
		case r < 0x20 || r >= 0x7f && r < 0xa0:
			return T(fmt.Sprintf("must not contain control characters (%U)", r), fmt.Sprintf("不能包含控制字符（%U）", r)), false
		case r == 0x2028 || r == 0x2029:
			if multi {
				continue
			}
			return T(fmt.Sprintf("must be one line (it contains %U)", r), fmt.Sprintf("只能是一行文字（含有 %U）", r)), false
		case r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069:
			return T(fmt.Sprintf("must not contain text-direction control characters (%U)", r), fmt.Sprintf("不能包含文字方向控制字符（%U）", r)), false
		}
	}
	return Text{}, true
}

// text checks a free text: fit to store, at most max characters, set when
// required. A text of at most MaxName characters is one line (a name, an
// email, a rule id); a longer one (notes, a SWOT item, an objective) may
// hold line breaks and tabs. line checks a longer text that is one line
// all the same (an action's title).
func (c *checker) text(field, v string, max int, required bool) {
	c.textIn(field, v, max, required, max > MaxName)
}

func (c *checker) line(field, v string, max int, required bool) {
	c.textIn(field, v, max, required, false)
}

func (c *checker) textIn(field, v string, max int, required, multi bool) {
	if m, ok := TextProblem(v); !ok {
		c.Add(field, m)
		return
	}
	if m, ok := lineProblem(v, multi); !ok {
		c.Add(field, m)
		return
	}
	switch {
	case required && strings.TrimSpace(v) == "":
		c.Add(field, msgRequired)
	case utf8.RuneCountInString(v) > max:
		c.Add(field, msgTooLong(max))
	}
}

// CheckName checks an optional one-line name of at most MaxName characters
// kept outside any record's own Validate (an API token's name); the
// *ValidationError names field.
func CheckName(field, v string) error {
	var c checker
	c.optName(field, v)
	return c.Err()
}

func (c *checker) name(field, v string) { c.text(field, v, MaxName, true) }

func (c *checker) optName(field, v string) { c.text(field, v, MaxName, false) }

func (c *checker) long(field, v string) { c.text(field, v, MaxText, false) }

func oneOf[T ~string](c *checker, field string, v T, values ...T) {
	for _, x := range values {
		if v == x {
			return
		}
	}
	s := make([]string, len(values))
	for i, x := range values {
		s[i] = string(x)
	}
	c.Add(field, msgOneOf(s))
}

func (c *checker) intRange(field string, v, lo, hi int) {
	if v < lo || v > hi {
		c.Add(field, msgRange(lo, hi))
	}
}

// Dates outside MinYear…MaxYear are typing mistakes (0226, 2206), not
// records of a key account.
const (
	MinYear = 1900
	MaxYear = 2100
)

// date checks that a set date is within MinYear…MaxYear.
func (c *checker) date(field string, d Date) {
	if d.IsZero() {
		return
	}
	if y := d.Time().Year(); y < MinYear || y > MaxYear {
		c.Add(field, T(fmt.Sprintf("must be a date between %d and %d", MinYear, MaxYear),
			fmt.Sprintf("必须是 %d 年至 %d 年之间的日期", MinYear, MaxYear)))
	}
}

func (c *checker) nonNegative(field string, v int64) {
	if v < 0 {
		c.Add(field, T("must not be negative", "不能为负数"))
	}
}

func (c *checker) ref(field string, id int64) {
	if id <= 0 {
		c.Add(field, msgRequired)
	}
}

func (c *checker) optRef(field string, id int64) {
	if id < 0 {
		c.Add(field, T("is not a valid id", "不是有效的编号"))
	}
}

// Values lists, for forms and documentation, the valid values of each enum.
var (
	Roles              = []Role{RoleAdmin, RoleManager, RoleRep}
	Seniorities        = []Seniority{SeniorityExecutive, SenioritySenior, SeniorityMiddle, SeniorityJunior, SeniorityUnknown}
	ContactStatuses    = []ContactStatus{ContactActive, ContactLeft, ContactMoved}
	ContactLinkKinds   = []ContactLinkKind{LinkInfluences, LinkConflictsWith}
	AccountRelations   = []AccountRelationKind{RelationSupplier, RelationCustomer, RelationPartner}
	ShareAccesses      = []ShareAccess{ShareRead, ShareWrite}
	FunnelLevels       = []FunnelLevel{LevelAbove, LevelIn, LevelBestFew, LevelWon, LevelLost}
	BuyingRoles        = []BuyingRole{RoleCoach, RoleUser, RoleTechnical, RoleEconomic}
	Influences         = []Influence{InfluenceHigh, InfluenceMedium, InfluenceLow, InfluenceUnknown}
	ContactLevels      = []ContactLevel{ContactFrequent, ContactRare, ContactNone, ContactUnknown}
	ResponseModes      = []ResponseMode{ModeGrowth, ModeTrouble, ModeEvenKeel, ModeOverconfident, ModeUnknown}
	RelationshipLevels = []RelationshipLevel{RelVendor, RelCredibleSource, RelProblemSolver, RelTrustedAdvisor}
	SWOTKinds          = []SWOTKind{SWOTStrength, SWOTWeakness, SWOTOpportunity, SWOTThreat}
	ActionStatuses     = []ActionStatus{ActionOpen, ActionDone, ActionDropped}
	InteractionKinds   = []InteractionKind{InteractionVisit, InteractionCall, InteractionMeeting, InteractionEmail}
	Outcomes           = []Outcome{OutcomeOrder, OutcomeAdvance, OutcomeContinuation, OutcomeNoSale}
	Feedbacks          = []Feedback{FeedbackPositive, FeedbackNeutral, FeedbackNegative}
	CriterionKinds     = []CriterionKind{CriterionDemographic, CriterionPsychographic}
	Locales            = []Locale{LocaleZH, LocaleEN}
)

// Normalize trims names and fills defaults; Validate checks the result.
func (u *User) Normalize() {
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	u.Name = strings.TrimSpace(u.Name)
	if u.Role == "" {
		u.Role = RoleRep
	}
	if u.Locale == "" {
		u.Locale = LocaleZH
	}
	u.TimeZone = strings.TrimSpace(u.TimeZone)
	if u.TimeZone == "" {
		u.TimeZone = DefaultTimeZone(u.Locale)
	}
}

// Validate checks the user's own fields.
func (u *User) Validate() error {
	var c checker
	c.name("email", u.Email)
	if _, ok := c.Fields["email"]; !ok {
		if a, err := mail.ParseAddress(u.Email); err != nil || a.Address != u.Email {
			c.Add("email", T("is not a valid email address", "不是有效的邮箱地址"))
		}
	}
	c.name("name", u.Name)
	oneOf(&c, "role", u.Role, Roles...)
	oneOf(&c, "locale", u.Locale, Locales...)
	if _, err := LoadTimeZone(u.TimeZone); err != nil {
		c.Add("time_zone", msgTimeZone)
	}
	c.optRef("team_id", u.TeamID)
	return c.Err()
}

// Validate checks the team's own fields.
func (t *Team) Validate() error {
	var c checker
	t.Name = strings.TrimSpace(t.Name)
	c.name("name", t.Name)
	c.optRef("manager_id", t.ManagerID)
	return c.Err()
}

// Normalize trims the account's names.
func (a *Account) Normalize() {
	a.Name = strings.TrimSpace(a.Name)
	a.Industry = strings.TrimSpace(a.Industry)
	a.Region = strings.TrimSpace(a.Region)
}

// Validate checks the account's own fields. That the parent exists and forms
// no cycle is checked where the other accounts are known.
func (a *Account) Validate() error {
	var c checker
	c.name("name", a.Name)
	c.optName("industry", a.Industry)
	c.optName("region", a.Region)
	c.nonNegative("employees", a.Employees)
	c.nonNegative("annual_revenue", a.AnnualRevenue)
	c.optRef("parent_id", a.ParentID)
	if a.ParentID != 0 && a.ParentID == a.ID {
		c.Add("parent_id", T("cannot be the account itself", "不能是本企业自身"))
	}
	c.date("reorganising_since", a.ReorganisingSince)
	c.ref("owner_id", a.OwnerID)
	c.long("notes", a.Notes)
	return c.Err()
}

// Validate checks the share.
func (s *AccountShare) Validate() error {
	var c checker
	c.ref("account_id", s.AccountID)
	c.ref("team_id", s.TeamID)
	oneOf(&c, "access", s.Access, ShareAccesses...)
	return c.Err()
}

// Validate checks the relation.
func (r *AccountRelation) Validate() error {
	var c checker
	c.ref("from_account_id", r.FromAccountID)
	c.ref("to_account_id", r.ToAccountID)
	if r.FromAccountID != 0 && r.FromAccountID == r.ToAccountID {
		c.Add("to_account_id", T("cannot be the same account", "不能与本企业相同"))
	}
	oneOf(&c, "kind", r.Kind, AccountRelations...)
	return c.Err()
}

// Validate checks the org unit.
func (o *OrgUnit) Validate() error {
	var c checker
	o.Name = strings.TrimSpace(o.Name)
	c.ref("account_id", o.AccountID)
	c.name("name", o.Name)
	c.optRef("parent_id", o.ParentID)
	if o.ParentID != 0 && o.ParentID == o.ID {
		c.Add("parent_id", T("cannot be the unit itself", "不能是本部门自身"))
	}
	return c.Err()
}

// Normalize trims the contact's names and fills defaults.
func (p *Contact) Normalize() {
	p.Name = strings.TrimSpace(p.Name)
	p.Title = strings.TrimSpace(p.Title)
	p.Email = strings.TrimSpace(p.Email)
	p.Phone = strings.TrimSpace(p.Phone)
	if p.Seniority == "" {
		p.Seniority = SeniorityUnknown
	}
	if p.Status == "" {
		p.Status = ContactActive
	}
}

// Validate checks the contact's own fields.
func (p *Contact) Validate() error {
	var c checker
	c.ref("account_id", p.AccountID)
	c.name("name", p.Name)
	c.optName("title", p.Title)
	c.optRef("org_unit_id", p.OrgUnitID)
	oneOf(&c, "seniority", p.Seniority, Seniorities...)
	c.optRef("reports_to_id", p.ReportsToID)
	if p.ReportsToID != 0 && p.ReportsToID == p.ID {
		c.Add("reports_to_id", T("cannot be the contact themself", "不能向自己汇报"))
	}
	oneOf(&c, "status", p.Status, ContactStatuses...)
	if p.Status != ContactActive && p.StatusDate.IsZero() {
		c.Add("status_date", T("is required when the contact has left or moved", "离职或调岗时必须填写日期"))
	}
	c.date("status_date", p.StatusDate)
	c.date("in_post_since", p.InPostSince)
	// The status date of one who left or moved ends their time in the post.
	if p.Status != ContactActive && !p.StatusDate.IsZero() && !p.InPostSince.IsZero() && p.InPostSince.After(p.StatusDate) {
		c.Add("in_post_since", T("cannot be after the date they left or moved (status_date)", "不能晚于离职或调岗日期（status_date）"))
	}
	c.optName("email", p.Email)
	if p.Email != "" && c.Fields["email"].EN == "" {
		if _, err := mail.ParseAddress(p.Email); err != nil {
			c.Add("email", T("is not a valid email address", "不是有效的邮箱地址"))
		}
	}
	c.optName("phone", p.Phone)
	c.long("personal_notes", p.PersonalNotes)
	return c.Err()
}

// Validate checks the link.
func (l *ContactLink) Validate() error {
	var c checker
	c.ref("from_contact_id", l.FromContactID)
	c.ref("to_contact_id", l.ToContactID)
	if l.FromContactID != 0 && l.FromContactID == l.ToContactID {
		c.Add("to_contact_id", T("cannot link a contact to themself", "不能与自己关联"))
	}
	oneOf(&c, "kind", l.Kind, ContactLinkKinds...)
	return c.Err()
}

// Normalize trims the opportunity's names and fills defaults.
func (o *Opportunity) Normalize() {
	o.Name = strings.TrimSpace(o.Name)
	o.Product = strings.TrimSpace(o.Product)
	o.Currency = NormalizeCurrency(o.Currency)
	if o.Level == "" {
		o.Level = LevelAbove
	}
}

// Validate checks the opportunity's own fields.
func (o *Opportunity) Validate() error {
	var c checker
	c.ref("account_id", o.AccountID)
	c.name("name", o.Name)
	c.optName("product", o.Product)
	c.nonNegative("amount", o.Amount)
	c.currency("currency", o.Currency)
	oneOf(&c, "level", o.Level, FunnelLevels...)
	if o.Position != nil {
		c.intRange("position", *o.Position, -3, 3)
	}
	c.date("close_date", o.CloseDate)
	c.date("engaged_on", o.EngagedOn)
	c.date("tender_published_on", o.TenderPublishedOn)
	if !o.EngagedOn.IsZero() && !o.CloseDate.IsZero() && o.CloseDate.Before(o.EngagedOn) {
		c.Add("close_date", T("cannot be before the date we engaged", "不能早于我方介入日期"))
	}
	c.long("competitors", o.Competitors)
	c.ref("owner_id", o.OwnerID)
	c.long("our_win", o.OurWin)
	return c.Err()
}

// Normalize fills the buyer's unknowns and sorts out duplicate roles.
func (b *BuyingInfluence) Normalize() {
	if b.Influence == "" {
		b.Influence = InfluenceUnknown
	}
	if b.ContactLevel == "" {
		b.ContactLevel = ContactUnknown
	}
	if b.Mode == "" {
		b.Mode = ModeUnknown
	}
	seen := map[BuyingRole]bool{}
	roles := b.Roles[:0:0]
	for _, r := range b.Roles {
		if !seen[r] {
			seen[r] = true
			roles = append(roles, r)
		}
	}
	b.Roles = roles
}

// Validate checks the buyer's own fields.
func (b *BuyingInfluence) Validate() error {
	var c checker
	c.ref("opportunity_id", b.OpportunityID)
	c.ref("contact_id", b.ContactID)
	if len(b.Roles) > len(BuyingRoles) {
		// Normalize has removed repeats: more roles than there are is junk.
		c.Add("roles", T(fmt.Sprintf("may list at most %d roles", len(BuyingRoles)), fmt.Sprintf("最多列出 %d 个角色", len(BuyingRoles))))
	} else {
		for i, r := range b.Roles {
			oneOf(&c, fmt.Sprintf("roles[%d]", i), r, BuyingRoles...)
		}
	}
	oneOf(&c, "influence", b.Influence, Influences...)
	if b.Rating != nil {
		c.intRange("rating", *b.Rating, -5, 5)
	}
	oneOf(&c, "contact_level", b.ContactLevel, ContactLevels...)
	oneOf(&c, "mode", b.Mode, ResponseModes...)
	c.long("personal_win", b.PersonalWin)
	c.long("business_result", b.BusinessResult)
	c.long("evidence", b.Evidence)
	c.optRef("counterpart_id", b.CounterpartID)
	if b.RelationshipLevel != "" {
		oneOf(&c, "relationship_level", b.RelationshipLevel, RelationshipLevels...)
	}
	return c.Err()
}

// Validate checks the SWOT item.
func (s *SWOTItem) Validate() error {
	var c checker
	s.Text = strings.TrimSpace(s.Text)
	c.ref("opportunity_id", s.OpportunityID)
	oneOf(&c, "kind", s.Kind, SWOTKinds...)
	c.text("text", s.Text, MaxText, true)
	return c.Err()
}

// Validate checks the action's own fields.
func (a *Action) Validate() error {
	var c checker
	a.Title = strings.TrimSpace(a.Title)
	if a.Status == "" {
		a.Status = ActionOpen
	}
	c.ref("opportunity_id", a.OpportunityID)
	c.line("title", a.Title, 500, true)
	c.optRef("owner_id", a.OwnerID)
	oneOf(&c, "status", a.Status, ActionStatuses...)
	c.optRef("target_influence_id", a.TargetInfluenceID)
	c.ids("participant_ids", a.ParticipantIDs)
	if len(a.AddressesRules) > MaxListItems {
		c.Add("addresses_rules", msgListTooLong)
	} else {
		seen := map[string]bool{}
		for i, r := range a.AddressesRules {
			field := fmt.Sprintf("addresses_rules[%d]", i)
			if seen[r] {
				c.Add(field, msgListedTwice)
			}
			seen[r] = true
			c.text(field, r, 64, true)
		}
	}
	c.optRef("strength_id", a.StrengthID)
	return c.Err()
}

// Validate checks the interaction's own fields.
func (in *Interaction) Validate() error {
	var c checker
	c.ref("opportunity_id", in.OpportunityID)
	oneOf(&c, "kind", in.Kind, InteractionKinds...)
	if in.At.IsZero() {
		c.Add("at", msgRequired)
	}
	c.text("objective", in.Objective, MaxText, false)
	if in.Outcome != "" {
		oneOf(&c, "outcome", in.Outcome, Outcomes...)
	}
	c.ids("user_ids", in.UserIDs)
	if len(in.Feedback) > MaxListItems {
		c.Add("feedback", msgListTooLong)
	}
	seen := map[int64]bool{}
	for i, f := range in.Feedback {
		if i == MaxListItems {
			break
		}
		field := fmt.Sprintf("feedback[%d]", i)
		if f.ContactID <= 0 {
			c.Add(field+".contact_id", msgRequired)
		} else if seen[f.ContactID] {
			c.Add(field+".contact_id", msgListedTwice)
		}
		seen[f.ContactID] = true
		if f.Feedback != "" {
			oneOf(&c, field+".feedback", f.Feedback, Feedbacks...)
		}
		c.text(field+".said", f.Said, 2000, false)
	}
	c.long("notes", in.Notes)
	return c.Err()
}

// Validate checks the criterion.
func (k *Criterion) Validate() error {
	var c checker
	k.Name = strings.TrimSpace(k.Name)
	c.name("name", k.Name)
	oneOf(&c, "kind", k.Kind, CriterionKinds...)
	c.intRange("weight", k.Weight, 1, 10)
	return c.Err()
}

// Validate checks the rating.
func (r *CriterionRating) Validate() error {
	var c checker
	c.ref("account_id", r.AccountID)
	c.ref("criterion_id", r.CriterionID)
	c.intRange("rating", r.Rating, -5, 5)
	return c.Err()
}

// Validate checks the quota: exactly one of user and team, a known period.
func (q *Quota) Validate() error {
	var c checker
	if (q.UserID == 0) == (q.TeamID == 0) {
		c.Add("user_id", T("set exactly one of user_id and team_id", "user_id 与 team_id 须且只能填一个"))
	}
	if _, err := ParsePeriod(q.Period); err != nil {
		c.Add("period", T("must look like 2026, 2026Q4 or 2026-11", "格式应为 2026、2026Q4 或 2026-11"))
	}
	c.nonNegative("amount", q.Amount)
	q.Currency = NormalizeCurrency(q.Currency)
	// As on an opportunity: a quota's currency is compared with theirs.
	c.currency("currency", q.Currency)
	return c.Err()
}

// Validate checks the acceptance.
func (a *AcceptedFinding) Validate() error {
	var c checker
	c.ref("opportunity_id", a.OpportunityID)
	c.text("rule_id", a.RuleID, 64, true)
	c.text("subject", a.Subject, 64, true)
	c.long("note", a.Note)
	return c.Err()
}
