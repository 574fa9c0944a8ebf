package kam

import (
	"fmt"
	"strings"
)

// labels name every enum value in both languages, keyed by the typed value
// itself (LevelAbove and RoleCoach are different keys even where their
// strings could collide). This is the one table of the product's words for
// enum values: the web pages, the drawings, the rules' texts, the workbooks,
// the CSV files, the command line and the API read it (TestNoLabelOutsideKam
// fails when another package keeps its own). Field names are in fields.go,
// the method's terms and their explanations in glossary.go.
var labels = map[any]Text{
	// Users' roles.
	RoleAdmin:   T("Administrator", "管理员"),
	RoleManager: T("Manager", "经理"),
	RoleRep:     T("Sales rep", "销售代表"),

	// Funnel levels (漏斗).
	LevelAbove:   T("Above the funnel", "漏斗之上"),
	LevelIn:      T("In the funnel", "漏斗之中"),
	LevelBestFew: T("Best few", "最佳少数"),
	LevelWon:     T("Won", "赢单"),
	LevelLost:    T("Lost", "丢单"),

	// CUTE roles (购买影响者).
	RoleCoach:     T("Coach", "教练"),
	RoleUser:      T("User", "用户"),
	RoleTechnical: T("Technical", "技术把关者"),
	RoleEconomic:  T("Economic", "财务决策者"),

	// Influence (影响度).
	InfluenceHigh:    T("High", "高"),
	InfluenceMedium:  T("Medium", "中"),
	InfluenceLow:     T("Low", "低"),
	InfluenceUnknown: T("Unknown", "未知"),

	// Contact level (接触度).
	ContactFrequent: T("Frequent", "频繁"),
	ContactRare:     T("Rare", "很少"),
	ContactNone:     T("None", "没有"),
	ContactUnknown:  T("Unknown", "未知"),

	// Response modes (反馈模式).
	ModeGrowth:        T("Growth", "高瞻远瞩"),
	ModeTrouble:       T("Trouble", "不知所措"),
	ModeEvenKeel:      T("Even Keel", "四平八稳"),
	ModeOverconfident: T("Overconfident", "自我陶醉"),
	ModeUnknown:       T("Unknown", "未知"),

	// Support (支持度).
	SupportSupports: T("Supports", "支持"),
	SupportNeutral:  T("Neutral", "中立"),
	SupportOpposes:  T("Opposes", "反对"),
	SupportUnknown:  T("Unknown", "未知"),

	// Seniority.
	SeniorityExecutive: T("Executive", "高层"),
	SenioritySenior:    T("Senior manager", "高级经理"),
	SeniorityMiddle:    T("Middle manager", "中层"),
	SeniorityJunior:    T("Junior", "基层"),
	SeniorityUnknown:   T("Unknown", "未知"),

	// Contact status.
	ContactActive: T("In post", "在职"),
	ContactLeft:   T("Left the company", "已离职"),
	ContactMoved:  T("Moved to another post", "已调岗"),

	LinkInfluences:    T("Influences", "影响"),
	LinkConflictsWith: T("Conflicts with", "有矛盾"),

	RelationSupplier: T("Supplier (upstream)", "供应商（上游）"),
	RelationCustomer: T("Customer (downstream)", "客户（下游）"),
	RelationPartner:  T("Partner", "合作伙伴"),

	ShareRead:  T("Read", "只读"),
	ShareWrite: T("Read and write", "可编辑"),

	// Our relationship level with a buyer.
	RelVendor:         T("Vendor", "供应商"),
	RelCredibleSource: T("Credible source", "可信来源"),
	RelProblemSolver:  T("Problem solver", "问题解决者"),
	RelTrustedAdvisor: T("Trusted advisor", "可信赖的顾问"),

	SWOTStrength:    T("Strength", "强项（小铃铛）"),
	SWOTWeakness:    T("Weakness", "劣势"),
	SWOTOpportunity: T("Opportunity", "机会"),
	SWOTThreat:      T("Threat", "威胁"),

	ActionOpen:    T("Open", "待办"),
	ActionDone:    T("Done", "已完成"),
	ActionDropped: T("Dropped", "已放弃"),

	InteractionVisit:   T("Visit", "拜访"),
	InteractionCall:    T("Call", "电话"),
	InteractionMeeting: T("Meeting", "会议"),
	InteractionEmail:   T("Email", "邮件"),

	OutcomeOrder:        T("Order", "订单"),
	OutcomeAdvance:      T("Advance", "推进"),
	OutcomeContinuation: T("Continuation", "维持"),
	OutcomeNoSale:       T("No sale", "无进展"),

	FeedbackPositive: T("Positive", "积极"),
	FeedbackNeutral:  T("Neutral", "中性"),
	FeedbackNegative: T("Negative", "消极"),

	CriterionDemographic:   T("Demographic", "人口统计特征"),
	CriterionPsychographic: T("Psychographic", "心理特征"),

	QuestionSituation:   T("Situation", "背景问题"),
	QuestionProblem:     T("Problem", "难点问题"),
	QuestionImplication: T("Implication", "暗示问题"),
	QuestionNeedPayoff:  T("Need-payoff", "需求效益问题"),

	NeedImplied:  T("Implied need", "隐含需求"),
	NeedExplicit: T("Explicit need", "明确需求"),

	SeverityHigh:   T("High", "高"),
	SeverityMedium: T("Medium", "中"),
	SeverityLow:    T("Low", "低"),

	LocaleZH: T("简体中文", "简体中文"),
	LocaleEN: T("English", "English"),
}

// shorts are the short forms of the values a drawing names in little room:
// the CUTE roles' badge letters, the response modes' and support's signs, a few words
// and fields in fewer letters (the Chinese stays the one word).
var shorts = map[any]Text{
	RoleCoach:     T("C", "C"),
	RoleUser:      T("U", "U"),
	RoleTechnical: T("T", "T"),
	RoleEconomic:  T("E", "E"),

	ModeGrowth:        T("↗", "↗"),
	ModeTrouble:       T("⚠", "⚠"),
	ModeEvenKeel:      T("→", "→"),
	ModeOverconfident: T("☆", "☆"),
	ModeUnknown:       T("?", "?"),

	// Support as a sign that says it without colour.
	SupportSupports: T("✓", "✓"),
	SupportNeutral:  T("~", "~"),
	SupportOpposes:  T("✗", "✗"),
	SupportUnknown:  T("?", "?"),

	ContactLeft:  T("Left", "已离职"),
	ContactMoved: T("Moved", "已调岗"),

	// Fields named in little room.
	FieldContactLevel: T("Contact", "接触度"),
	FieldRoles:        T("Roles", "角色"),
}

// Label returns the bilingual name of an enum value; a value without one (a
// plain string, a new enum value) shows as itself.
func Label(v any) Text {
	if t, ok := labels[v]; ok {
		return t
	}
	s := fmt.Sprint(v)
	return T(s, s)
}

// HasLabel reports whether v is an enum value the table names.
func HasLabel(v any) bool {
	_, ok := labels[v]
	return ok
}

// Short returns the short form of an enum value (a CUTE role's letter, a
// response mode's symbol), or its label when it has none.
func Short(v any) Text {
	if t, ok := shorts[v]; ok {
		return t
	}
	return Label(v)
}

// ValueOf reads an enum value of values from s as a person writes it: the
// value itself ("executive"), or its label in either language ("高层",
// "Executive"), any case. ok is false when s names none of them.
func ValueOf[T ~string](s string, values []T) (v T, ok bool) {
	s = strings.TrimSpace(s)
	for _, v := range values {
		l := Label(v)
		if strings.EqualFold(s, string(v)) || s == l.ZH || strings.EqualFold(s, l.EN) {
			return v, true
		}
	}
	return "", false
}

// positions name the seller's reading of a deal (当前位置), -3 … +3.
var positions = [7]Text{
	T("panic", "恐慌"),
	T("worried", "担忧"),
	T("uneasy", "不安"),
	T("steady", "平稳"),
	T("confident", "有信心"),
	T("very confident", "很有信心"),
	T("euphoric", "狂喜"),
}

// PositionLabel names a position from panic (-3) to euphoric (+3); a value
// outside the scale shows as its number.
func PositionLabel(p int) Text {
	if p < -3 || p > 3 {
		s := fmt.Sprint(p)
		return T(s, s)
	}
	return positions[p+3]
}
