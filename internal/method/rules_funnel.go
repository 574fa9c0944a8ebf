package method

import (
	"fmt"
	"slices"
	"strings"

	"kam/internal/kam"
)

// The rules of "The funnel" (docs/redflags.md).

// rulePrematureInFunnel: In the funnel with no contacted buyer in Growth or
// Trouble.
func rulePrematureInFunnel(v *view) {
	if v.level != kam.LevelIn || v.hasContactedReceptive() {
		return
	}
	v.add(RulePrematureInFunnel, -1, kam.Text{})
}

// hasContactedReceptive reports whether a present, contacted buyer is in
// Growth or Trouble mode.
func (v *view) hasContactedReceptive() bool {
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if v.present(i) && b.ContactLevel.Contacted() && b.Mode.Receptive() {
			return true
		}
	}
	return false
}

// rulePrematureBestFew: at Best few while a condition of Best few fails.
func rulePrematureBestFew(v *view) {
	if v.level != kam.LevelBestFew {
		return
	}
	gaps := v.bestFewGaps()
	if len(gaps) == 0 {
		return
	}
	var factBuf [4]string
	facts := factBuf[:0]
	d := v.text()
	d.en("Not yet Best few: ")
	for k, g := range gaps {
		if k > 0 {
			d.en("; ")
		}
		d.en(g.text.EN)
		facts = append(facts, g.code)
	}
	d.en(".")
	d.zh("尚不符合最佳少数：")
	for k, g := range gaps {
		if k > 0 {
			d.zh("；")
		}
		d.zh(g.text.ZH)
	}
	d.zh("。")
	d.flag(RulePrematureBestFew, -1, facts...)
}

// bestFewGap is one failed condition of Best few.
type bestFewGap struct {
	code string
	text kam.Text
}

// bestFewGaps lists the Best few conditions the picture fails, given the
// findings so far (an open high finding other than premature-best-few
// itself fails the deal).
func (v *view) bestFewGaps() []bestFewGap {
	var gaps []bestFewGap
	if v.countRole(kam.RoleCoach) == 0 {
		gaps = append(gaps, bestFewGap{"no-coach", kam.T("no coach", "没有教练")})
	}
	econ := false
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if v.present(i) && b.HasRole(kam.RoleEconomic) && b.ContactLevel.Contacted() && b.Support() == kam.SupportSupports {
			econ = true
			break
		}
	}
	if !econ {
		gaps = append(gaps, bestFewGap{"economic", kam.T("the Economic buyer is not contacted or not supporting", "财务决策者未接触或不支持")})
	}
	// The open high findings, named by their titles; their ids feed the
	// fingerprint.
	var highs []string
	var en, zh []string
	for k := range v.out {
		f := &v.out[k]
		if f.Severity == kam.SeverityHigh && f.Accepted == nil && f.Rule != RulePrematureBestFew && !slices.Contains(highs, f.Rule) {
			highs = append(highs, f.Rule)
			en, zh = append(en, f.Title.EN), append(zh, f.Title.ZH)
		}
	}
	if len(highs) > 0 {
		gaps = append(gaps, bestFewGap{"high:" + strings.Join(highs, ","),
			kam.T("open high red flags: "+strings.Join(en, ", "), "未处理的高风险小红旗："+strings.Join(zh, "、"))})
	}
	half := v.s.SalesCycleDays / 2
	cd := v.p.Opportunity.CloseDate
	switch {
	case cd.IsZero():
		gaps = append(gaps, bestFewGap{"close-date", kam.T("no close date", "没有成交日期")})
	case v.today.DaysUntil(cd) > half:
		gaps = append(gaps, bestFewGap{"close-date", kam.T(
			fmt.Sprintf("close date %s is beyond half the usual sales cycle (%d days)", cd, half),
			fmt.Sprintf("成交日期 %s 超出常规销售周期的一半（%d 天）", cd, half))})
	}
	return gaps
}
