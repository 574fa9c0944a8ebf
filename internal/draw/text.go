package draw

import "kam/internal/kam"

// The words the pictures use, in the method's terms (see methodology.md).
var (
	txtNoData = kam.T("No data", "暂无数据")

	txtOrgChart   = kam.T("Org chart", "组织结构图")
	txtReportsTo  = kam.T("reports to", "汇报关系")
	txtInfluences = kam.T("influences", "影响")
	txtConflicts  = kam.T("conflicts with", "冲突")
	txtLeft       = kam.T("left", "已离职")
	txtMoved      = kam.T("moved", "已调岗")
	txtLeftMoved  = kam.T("left / moved", "已离职 / 已调岗")
	txtPeople     = kam.T("people", "人")

	txtRelMap         = kam.T("Relationship map", "关系图")
	txtOurSide        = kam.T("Our side", "我方")
	txtNoCounterpart  = kam.T("no counterpart", "未指定对应者")
	txtContact        = kam.T("contact", "接触")
	txtInfluence      = kam.T("influence", "影响度")
	txtInfluenceHead  = kam.T("Influence", "影响度")
	txtSupport        = kam.T("Support", "支持度")
	txtContactLine    = kam.T("Contact", "接触度")
	txtRoles          = kam.T("Roles", "角色")
	txtVITOLong       = kam.T("top decision maker", "最高决策者")
	txtBuyingInfluenc = kam.T("buying influences", "位购买影响者")
	txtModeUnknown    = kam.T("mode unknown", "模式未知")
	txtUnknownPerson  = kam.T("(unknown)", "（未知）")

	txtFunnel       = kam.T("Funnel", "漏斗")
	txtDeals        = kam.T("deals", "个")
	txtWinRate      = kam.T("win rate", "赢率")
	txtQuotaCover   = kam.T("Quota coverage", "指标覆盖")
	txtQuota        = kam.T("Quota", "指标")
	txtWonAmount    = kam.T("Won", "已赢")
	txtWeighted     = kam.T("Weighted pipeline", "加权漏斗")
	txtOpenPipeline = kam.T("Open pipeline", "漏斗总额")
	txtGap          = kam.T("Gap", "缺口")
	txtCoverage     = kam.T("Coverage (open ÷ quota left)", "覆盖率（漏斗 ÷ 剩余指标）")
	txtQuotaMet     = kam.T("quota met", "已完成指标")
	txtNoQuota      = kam.T("no quota set", "未设指标")

	txtHeatMap = kam.T("Red flags by seller", "各销售的小红旗")
)

var seniorityText = map[kam.Seniority]kam.Text{
	kam.SeniorityExecutive: kam.T("executive", "高管"),
	kam.SenioritySenior:    kam.T("senior manager", "高级经理"),
	kam.SeniorityMiddle:    kam.T("middle manager", "中层"),
	kam.SeniorityJunior:    kam.T("junior", "基层"),
	kam.SeniorityUnknown:   kam.T("seniority unknown", "职级未知"),
}

func seniorityLabel(s kam.Seniority, l kam.Locale) string {
	if t, ok := seniorityText[s]; ok {
		return t.In(l)
	}
	return seniorityText[kam.SeniorityUnknown].In(l)
}

var levelText = map[kam.FunnelLevel]kam.Text{
	kam.LevelAbove:   kam.T("Above the funnel", "漏斗之上"),
	kam.LevelIn:      kam.T("In the funnel", "漏斗之中"),
	kam.LevelBestFew: kam.T("Best few", "最佳少数"),
	kam.LevelWon:     kam.T("Won", "赢单"),
	kam.LevelLost:    kam.T("Lost", "丢单"),
}

// modeInfo is a response mode's label and the symbol drawn before it.
var modeInfo = map[kam.ResponseMode]struct {
	sym string
	t   kam.Text
}{
	kam.ModeGrowth:        {"↗", kam.T("Growth", "高瞻远瞩")},
	kam.ModeTrouble:       {"⚠", kam.T("Trouble", "不知所措")},
	kam.ModeEvenKeel:      {"→", kam.T("Even Keel", "四平八稳")},
	kam.ModeOverconfident: {"☆", kam.T("Overconfident", "自我陶醉")},
}

func modeLabel(m kam.ResponseMode, l kam.Locale) string {
	if mi, ok := modeInfo[m]; ok {
		return mi.sym + " " + mi.t.In(l)
	}
	return "? " + txtModeUnknown.In(l)
}

var influenceText = map[kam.Influence]kam.Text{
	kam.InfluenceHigh:    kam.T("high", "高"),
	kam.InfluenceMedium:  kam.T("medium", "中"),
	kam.InfluenceLow:     kam.T("low", "低"),
	kam.InfluenceUnknown: kam.T("unknown", "未知"),
}

func influenceLabel(i kam.Influence, l kam.Locale) string {
	if t, ok := influenceText[i]; ok {
		return t.In(l)
	}
	return influenceText[kam.InfluenceUnknown].In(l)
}

var contactLevelText = map[kam.ContactLevel]kam.Text{
	kam.ContactFrequent: kam.T("frequent", "经常"),
	kam.ContactRare:     kam.T("rare", "很少"),
	kam.ContactNone:     kam.T("none", "无"),
	kam.ContactUnknown:  kam.T("unknown", "未知"),
}

func contactLevelLabel(c kam.ContactLevel, l kam.Locale) string {
	if t, ok := contactLevelText[c]; ok {
		return t.In(l)
	}
	return contactLevelText[kam.ContactUnknown].In(l)
}

var relLevelText = map[kam.RelationshipLevel]kam.Text{
	kam.RelVendor:         kam.T("vendor", "供应商"),
	kam.RelCredibleSource: kam.T("credible source", "可信来源"),
	kam.RelProblemSolver:  kam.T("problem solver", "问题解决者"),
	kam.RelTrustedAdvisor: kam.T("trusted advisor", "可信赖的顾问"),
}

var supportText = map[kam.Support]kam.Text{
	kam.SupportSupports: kam.T("supports", "支持"),
	kam.SupportNeutral:  kam.T("neutral", "中立"),
	kam.SupportOpposes:  kam.T("opposes", "反对"),
	kam.SupportUnknown:  kam.T("unknown", "未知"),
}

// roleInfo is the badge letter and name of each CUTE role, in CUTE order.
var roleInfo = []struct {
	role   kam.BuyingRole
	letter string
	t      kam.Text
}{
	{kam.RoleCoach, "C", kam.T("Coach", "教练")},
	{kam.RoleUser, "U", kam.T("User", "用户")},
	{kam.RoleTechnical, "T", kam.T("Technical", "技术把关者")},
	{kam.RoleEconomic, "E", kam.T("Economic", "财务决策者")},
}
