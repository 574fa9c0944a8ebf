package draw

import "kam/internal/kam"

// The words the pictures use, in the method's terms (see methodology.md).
var (
	txtNoData = kam.T("No data", "暂无数据")

	txtOrgChart   = kam.T("Org chart", "组织结构图")
	txtReportsTo  = kam.FieldReportsTo.Label().Lower()
	txtInfluences = kam.Label(kam.LinkInfluences).Lower()
	txtConflicts  = kam.Label(kam.LinkConflictsWith).Lower()
	txtLeft       = kam.Short(kam.ContactLeft).Lower()
	txtMoved      = kam.Short(kam.ContactMoved).Lower()
	txtLeftMoved  = kam.T(txtLeft.EN+" / "+txtMoved.EN, txtLeft.ZH+" / "+txtMoved.ZH)

	txtRelMap        = kam.T("Relationship map", "关系图")
	txtOurSide       = kam.FieldCounterpart.Label()
	txtNoCounterpart = kam.T("no counterpart", "未指定我方对应者")
	txtContact       = kam.Short(kam.FieldContactLevel).Lower()
	txtInfluence     = kam.FieldInfluence.Label().Lower()
	txtInfluenceHead = kam.FieldInfluence.Label()
	txtSupport       = kam.FieldSupport.Label()
	txtContactLine   = kam.FieldContactLevel.Label()
	txtRoles         = kam.Short(kam.FieldRoles)
	txtVITOLong      = kam.T("top decision maker", "最高决策者")
	txtModeUnknown   = kam.T("mode unknown", "模式未知")
	txtUnknownPerson = kam.T("(unknown)", "（未知）")

	txtFunnel       = kam.TermName("funnel")
	txtWinRate      = kam.TermName("win-rate").Lower()
	txtQuotaCover   = kam.T("Quota coverage", "销售指标覆盖")
	txtQuota        = kam.TermName("quota")
	txtWonAmount    = kam.Label(kam.LevelWon)
	txtWeighted     = kam.TermName("weighted-pipeline")
	txtOpenPipeline = kam.TermName("open-pipeline")
	txtGap          = kam.TermName("gap")
	txtCoverage     = kam.T("Coverage (open ÷ quota left)", "覆盖率（在途商机 ÷ 剩余销售指标）")
	txtQuotaMet     = kam.T("quota met", "已完成销售指标")
	txtNoQuota      = kam.T("no quota set", "未设定销售指标")

	txtHeatMap = kam.T("Red flags by seller", "各销售的小红旗")
)

// The labels of enum values come from the one table in kam; inside a
// picture's sentences the plain ones read in lower case ("influence high").

func seniorityLabel(s kam.Seniority, l kam.Locale) string {
	if s != kam.SeniorityUnknown && kam.HasLabel(s) {
		return kam.Label(s).Lower().In(l)
	}
	// "seniority unknown" / "级别未知": the field and the value together.
	f, u := kam.FieldSeniority.Label(), kam.Label(kam.SeniorityUnknown).Lower()
	return kam.T(f.EN+" "+u.EN, f.ZH+u.ZH).Lower().In(l)
}

func levelLabel(lv kam.FunnelLevel, l kam.Locale) string { return kam.Label(lv).In(l) }

// modeLabel is a response mode's symbol and label ("↗ Growth").
func modeLabel(m kam.ResponseMode, l kam.Locale) string {
	if m != kam.ModeUnknown && kam.HasLabel(m) {
		return kam.Short(m).In(l) + " " + kam.Label(m).In(l)
	}
	return kam.Short(kam.ModeUnknown).In(l) + " " + txtModeUnknown.In(l)
}

func influenceLabel(i kam.Influence, l kam.Locale) string {
	if !kam.HasLabel(i) {
		i = kam.InfluenceUnknown
	}
	return kam.Label(i).Lower().In(l)
}

func contactLevelLabel(c kam.ContactLevel, l kam.Locale) string {
	if !kam.HasLabel(c) {
		c = kam.ContactUnknown
	}
	return kam.Label(c).Lower().In(l)
}

func supportLabel(s kam.Support, l kam.Locale) string { return kam.Label(s).Lower().In(l) }

// relLevelLabel is our relationship level with a buyer; ok is false when
// none is set.
func relLevelLabel(r kam.RelationshipLevel, l kam.Locale) (string, bool) {
	if !kam.HasLabel(r) {
		return "", false
	}
	return kam.Label(r).Lower().In(l), true
}

// roleBadge is the badge letter and name of a CUTE role.
type roleBadge struct {
	role   kam.BuyingRole
	letter string
	t      kam.Text
}

// roleInfo lists the CUTE roles' badges, in CUTE order.
var roleInfo = func() []roleBadge {
	out := make([]roleBadge, len(kam.BuyingRoles))
	for i, r := range kam.BuyingRoles {
		out[i] = roleBadge{r, kam.Short(r).EN, kam.Label(r)}
	}
	return out
}()
