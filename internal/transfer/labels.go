package transfer

import (
	"fmt"

	"kam/internal/kam"
)

// labels name the enum values a workbook shows, in both languages, in the
// web pages' words (internal/web/labels.go), so that a sheet reads like the
// workbench.
var labels = map[any]kam.Text{
	kam.LevelAbove:   kam.T("Above the funnel", "漏斗之上"),
	kam.LevelIn:      kam.T("In the funnel", "漏斗之中"),
	kam.LevelBestFew: kam.T("Best few", "最佳少数"),
	kam.LevelWon:     kam.T("Won", "赢单"),
	kam.LevelLost:    kam.T("Lost", "丢单"),

	kam.RoleCoach:     kam.T("Coach", "教练"),
	kam.RoleUser:      kam.T("User", "用户"),
	kam.RoleTechnical: kam.T("Technical", "技术把关者"),
	kam.RoleEconomic:  kam.T("Economic", "财务决策者"),

	kam.InfluenceHigh:    kam.T("High", "高"),
	kam.InfluenceMedium:  kam.T("Medium", "中"),
	kam.InfluenceLow:     kam.T("Low", "低"),
	kam.InfluenceUnknown: kam.T("Unknown", "未知"),

	kam.ContactFrequent: kam.T("Frequent", "频繁"),
	kam.ContactRare:     kam.T("Rare", "很少"),
	kam.ContactNone:     kam.T("None", "没有"),
	kam.ContactUnknown:  kam.T("Unknown", "未知"),

	kam.ModeGrowth:        kam.T("Growth", "高瞻远瞩"),
	kam.ModeTrouble:       kam.T("Trouble", "不知所措"),
	kam.ModeEvenKeel:      kam.T("Even Keel", "四平八稳"),
	kam.ModeOverconfident: kam.T("Overconfident", "自我陶醉"),
	kam.ModeUnknown:       kam.T("Unknown", "未知"),

	kam.SupportSupports: kam.T("Supports", "支持"),
	kam.SupportNeutral:  kam.T("Neutral", "中立"),
	kam.SupportOpposes:  kam.T("Opposes", "反对"),
	kam.SupportUnknown:  kam.T("Unknown", "未知"),

	kam.SeniorityExecutive: kam.T("Executive", "高层"),
	kam.SenioritySenior:    kam.T("Senior manager", "高级经理"),
	kam.SeniorityMiddle:    kam.T("Middle manager", "中层"),
	kam.SeniorityJunior:    kam.T("Junior", "基层"),
	kam.SeniorityUnknown:   kam.T("Unknown", "未知"),

	kam.ContactActive: kam.T("In post", "在职"),
	kam.ContactLeft:   kam.T("Left the company", "已离职"),
	kam.ContactMoved:  kam.T("Moved to another post", "已调岗"),

	kam.RelVendor:         kam.T("Vendor", "供应商"),
	kam.RelCredibleSource: kam.T("Credible source", "可信来源"),
	kam.RelProblemSolver:  kam.T("Problem solver", "问题解决者"),
	kam.RelTrustedAdvisor: kam.T("Trusted advisor", "可信赖的顾问"),

	kam.ActionOpen:    kam.T("Open", "待办"),
	kam.ActionDone:    kam.T("Done", "已完成"),
	kam.ActionDropped: kam.T("Dropped", "已放弃"),
}

// labelOf returns the label of an enum value; a value without one shows as
// itself.
func labelOf(v any) kam.Text {
	if t, ok := labels[v]; ok {
		return t
	}
	s := fmt.Sprint(v)
	return kam.T(s, s)
}
