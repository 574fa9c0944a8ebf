package web

import (
	"fmt"

	"kam/internal/kam"
)

// labels name every enum value in both languages, keyed by the typed value
// itself (kam.LevelAbove and kam.RoleCoach are different keys even where
// their strings could collide).
var labels = map[any]kam.Text{
	// Users' roles.
	kam.RoleAdmin:   kam.T("Administrator", "管理员"),
	kam.RoleManager: kam.T("Manager", "经理"),
	kam.RoleRep:     kam.T("Sales rep", "销售代表"),

	// Funnel levels (漏斗).
	kam.LevelAbove:   kam.T("Above the funnel", "漏斗之上"),
	kam.LevelIn:      kam.T("In the funnel", "漏斗之中"),
	kam.LevelBestFew: kam.T("Best few", "最佳少数"),
	kam.LevelWon:     kam.T("Won", "赢单"),
	kam.LevelLost:    kam.T("Lost", "丢单"),

	// CUTE roles (购买影响者).
	kam.RoleCoach:     kam.T("Coach", "教练"),
	kam.RoleUser:      kam.T("User", "用户"),
	kam.RoleTechnical: kam.T("Technical", "技术把关者"),
	kam.RoleEconomic:  kam.T("Economic", "财务决策者"),

	// Influence (影响度).
	kam.InfluenceHigh:    kam.T("High", "高"),
	kam.InfluenceMedium:  kam.T("Medium", "中"),
	kam.InfluenceLow:     kam.T("Low", "低"),
	kam.InfluenceUnknown: kam.T("Unknown", "未知"),

	// Contact level (接触度).
	kam.ContactFrequent: kam.T("Frequent", "频繁"),
	kam.ContactRare:     kam.T("Rare", "很少"),
	kam.ContactNone:     kam.T("None", "没有"),
	kam.ContactUnknown:  kam.T("Unknown", "未知"),

	// Response modes (反馈模式).
	kam.ModeGrowth:        kam.T("Growth", "高瞻远瞩"),
	kam.ModeTrouble:       kam.T("Trouble", "不知所措"),
	kam.ModeEvenKeel:      kam.T("Even Keel", "四平八稳"),
	kam.ModeOverconfident: kam.T("Overconfident", "自我陶醉"),
	kam.ModeUnknown:       kam.T("Unknown", "未知"),

	// Support (支持度).
	kam.SupportSupports: kam.T("Supports", "支持"),
	kam.SupportNeutral:  kam.T("Neutral", "中立"),
	kam.SupportOpposes:  kam.T("Opposes", "反对"),
	kam.SupportUnknown:  kam.T("Unknown", "未知"),

	// Seniority.
	kam.SeniorityExecutive: kam.T("Executive", "高层"),
	kam.SenioritySenior:    kam.T("Senior manager", "高级经理"),
	kam.SeniorityMiddle:    kam.T("Middle manager", "中层"),
	kam.SeniorityJunior:    kam.T("Junior", "基层"),
	kam.SeniorityUnknown:   kam.T("Unknown", "未知"),

	// Contact status.
	kam.ContactActive: kam.T("In post", "在职"),
	kam.ContactLeft:   kam.T("Left the company", "已离职"),
	kam.ContactMoved:  kam.T("Moved to another post", "已调岗"),

	kam.LinkInfluences:    kam.T("Influences", "影响"),
	kam.LinkConflictsWith: kam.T("Conflicts with", "有矛盾"),

	kam.RelationSupplier: kam.T("Supplier (upstream)", "供应商（上游）"),
	kam.RelationCustomer: kam.T("Customer (downstream)", "客户（下游）"),
	kam.RelationPartner:  kam.T("Partner", "合作伙伴"),

	kam.ShareRead:  kam.T("Read", "只读"),
	kam.ShareWrite: kam.T("Read and write", "可编辑"),

	// Our relationship level with a buyer.
	kam.RelVendor:         kam.T("Vendor", "供应商"),
	kam.RelCredibleSource: kam.T("Credible source", "可信来源"),
	kam.RelProblemSolver:  kam.T("Problem solver", "问题解决者"),
	kam.RelTrustedAdvisor: kam.T("Trusted advisor", "可信赖的顾问"),

	kam.SWOTStrength:    kam.T("Strength", "优势（小铃铛）"),
	kam.SWOTWeakness:    kam.T("Weakness", "劣势"),
	kam.SWOTOpportunity: kam.T("Opportunity", "机会"),
	kam.SWOTThreat:      kam.T("Threat", "威胁"),

	kam.ActionOpen:    kam.T("Open", "待办"),
	kam.ActionDone:    kam.T("Done", "已完成"),
	kam.ActionDropped: kam.T("Dropped", "已放弃"),

	kam.InteractionVisit:   kam.T("Visit", "拜访"),
	kam.InteractionCall:    kam.T("Call", "电话"),
	kam.InteractionMeeting: kam.T("Meeting", "会议"),
	kam.InteractionEmail:   kam.T("Email", "邮件"),

	kam.OutcomeOrder:        kam.T("Order", "订单"),
	kam.OutcomeAdvance:      kam.T("Advance", "推进"),
	kam.OutcomeContinuation: kam.T("Continuation", "维持"),
	kam.OutcomeNoSale:       kam.T("No sale", "无进展"),

	kam.FeedbackPositive: kam.T("Positive", "积极"),
	kam.FeedbackNeutral:  kam.T("Neutral", "中性"),
	kam.FeedbackNegative: kam.T("Negative", "消极"),

	kam.CriterionDemographic:   kam.T("Demographic", "人口统计特征"),
	kam.CriterionPsychographic: kam.T("Psychographic", "心理特征"),

	kam.SeverityHigh:   kam.T("High", "高"),
	kam.SeverityMedium: kam.T("Medium", "中"),
	kam.SeverityLow:    kam.T("Low", "低"),

	kam.LocaleZH: kam.T("简体中文", "简体中文"),
	kam.LocaleEN: kam.T("English", "English"),
}

// labelOf returns the label of an enum value; a value without one (a plain
// string, a new enum value) shows as itself.
func labelOf(v any) kam.Text {
	if t, ok := labels[v]; ok {
		return t
	}
	s := fmt.Sprint(v)
	return kam.T(s, s)
}
