package method

import (
	"fmt"
	"time"

	"kam/internal/kam"
)

// SuggestLevel returns the funnel level the data supports (methodology §10),
// with the reasons, to show beside the level the seller set. Won and lost
// stay as set.
//
//   - In the funnel: the fit is verified and at least one contacted buyer is in
//     Growth or Trouble mode. The fit counts as verified when the account's
//     ideal-customer score is not below s.LowIdealFit; with no score the fit
//     cannot be checked, which the reasons say, and it does not hold the deal
//     back.
//   - Best few: In the funnel, and a coach, an Economic buyer contacted and
//     supporting, no open high finding in findings (other than
//     premature-best-few), and a close date within half of s.SalesCycleDays.
//   - Otherwise Above the funnel.
//
// findings are the picture's findings from Evaluate.
func SuggestLevel(p *kam.OpportunityPicture, findings []Finding, s Settings, now time.Time) (kam.FunnelLevel, []kam.Text) {
	level := p.Opportunity.Level
	if level == kam.LevelWon || level == kam.LevelLost {
		return level, []kam.Text{kam.T("The deal is decided; its level stays as set.", "机会已有结果，级别保持不变。")}
	}
	v := newView(p, s, now)
	v.out = findings
	var reasons []kam.Text

	fit := true
	switch sc := p.IdealScore; {
	case sc == nil:
		reasons = append(reasons, kam.T("No ideal-customer score: the fit cannot be checked.", "没有理想型客户得分：无法核实匹配度。"))
	case *sc < s.LowIdealFit:
		fit = false
		reasons = append(reasons, kam.T(
			fmt.Sprintf("Fit not verified: ideal-customer score %.0f is below %.0f.", *sc, s.LowIdealFit),
			fmt.Sprintf("匹配度未核实：理想型客户得分 %.0f 低于 %.0f。", *sc, s.LowIdealFit)))
	default:
		reasons = append(reasons, kam.T(
			fmt.Sprintf("Fit verified: ideal-customer score %.0f.", *sc),
			fmt.Sprintf("匹配度已核实：理想型客户得分 %.0f。", *sc)))
	}
	urgent := v.hasContactedReceptive()
	if urgent {
		reasons = append(reasons, kam.T("A contacted buyer is in Growth or Trouble mode.", "已接触的人中有人处于高瞻远瞩或不知所措模式。"))
	} else {
		reasons = append(reasons, kam.T("No contacted buyer is in Growth or Trouble mode.", "已接触的人中没有人处于高瞻远瞩或不知所措模式。"))
	}
	if !fit || !urgent {
		return kam.LevelAbove, reasons
	}

	gaps := v.bestFewGaps()
	if len(gaps) == 0 {
		reasons = append(reasons, kam.T(
			"Best few: a coach, the Economic buyer contacted and supporting, no open high red flag, closing within half the usual cycle.",
			"最佳少数：有教练，财务决策者已接触且支持，没有未处理的高风险小红旗，在常规周期的一半内成交。"))
		return kam.LevelBestFew, reasons
	}
	for _, g := range gaps {
		reasons = append(reasons, kam.T("Not Best few: "+g.text.EN+".", "尚非最佳少数："+g.text.ZH+"。"))
	}
	return kam.LevelIn, reasons
}
