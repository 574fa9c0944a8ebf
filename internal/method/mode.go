package method

import "kam/internal/kam"

// CurrentResults is how a buyer reads their current business results.
type CurrentResults string

// Readings of current results.
const (
	ResultsWorse      CurrentResults = "worse"       // worse than they expect or need
	ResultsAsExpected CurrentResults = "as_expected" // about what they expect
	ResultsBetter     CurrentResults = "better"      // better than they need
)

// GapDirection is what the buyer wants to change, when they see a gap.
type GapDirection string

// Gap directions.
const (
	GapMore GapDirection = "more" // wants more or better than today
	GapFix  GapDirection = "fix"  // something must be fixed now
	GapNone GapDirection = "none" // sees nothing to change
)

// ModeAnswers are a seller's answers about one buyer, from which the
// response mode (反馈模式) follows.
type ModeAnswers struct {
	CurrentResults CurrentResults `json:"current_results"`
	// SeesGap: does the buyer see a gap between today and the results they
	// want?
	SeesGap      bool         `json:"sees_gap"`
	GapDirection GapDirection `json:"gap_direction"` // read only when SeesGap
}

// Validate checks the answers; it returns a *kam.ValidationError naming the
// field, or nil.
func (a ModeAnswers) Validate() error {
	var v kam.ValidationError
	switch a.CurrentResults {
	case ResultsWorse, ResultsAsExpected, ResultsBetter:
	default:
		v.Add("current_results", kam.T("must be one of: worse, as_expected, better", "必须是以下之一：worse、as_expected、better"))
	}
	if a.SeesGap {
		switch a.GapDirection {
		case GapMore, GapFix, GapNone:
		default:
			v.Add("gap_direction", kam.T("must be one of: more, fix, none", "必须是以下之一：more、fix、none"))
		}
	}
	return v.Err()
}

// ModeAdvice is the response mode that follows from the answers, with how
// to sell to it (methodology §7).
type ModeAdvice struct {
	Mode      kam.ResponseMode `json:"mode"`
	Why       kam.Text         `json:"why"`
	HowToSell kam.Text         `json:"how_to_sell"`
	Odds      kam.Text         `json:"odds"`
}

// SuggestMode maps answers to a response mode:
//
//   - results worse than expected, or a gap to fix: Trouble (不知所措);
//   - a gap towards more or better: Growth (高瞻远瞩);
//   - no gap (or a gap of "none"), results as expected: Even Keel (四平八稳);
//   - no gap, results better than needed: Overconfident (自我陶醉).
//
// Trouble comes first because a buyer whose results are going wrong feels
// the discrepancy now, whatever else they want. Invalid answers give
// ModeUnknown with advice to answer the questions.
func SuggestMode(a ModeAnswers) ModeAdvice {
	if a.Validate() != nil {
		return ModeAdvice{
			Mode:      kam.ModeUnknown,
			Why:       kam.T("The answers are incomplete.", "回答不完整。"),
			HowToSell: kam.T("Ask how they read their current results and whether they see a gap.", "询问对方如何看待当前业绩，以及是否看到差距。"),
			Odds:      kam.Label(kam.ModeUnknown).Lower(),
		}
	}
	gap := GapNone
	if a.SeesGap {
		gap = a.GapDirection
	}
	switch {
	case a.CurrentResults == ResultsWorse || gap == GapFix:
		return ModeAdvice{
			Mode:      kam.ModeTrouble,
			Why:       kam.T("Something is going wrong now, and they feel it.", "眼下出了问题，对方感受到了压力。"),
			HowToSell: kam.T("Fix the problem fast: show how our offer removes it, and when.", "迅速解决问题：说明我们的方案如何、何时消除它。"),
			Odds:      kam.T("high, and most urgent", "高，且最紧迫"),
		}
	case gap == GapMore:
		return ModeAdvice{
			Mode:      kam.ModeGrowth,
			Why:       kam.T("They want more or better than today.", "对方希望比现在更多、更好。"),
			HowToSell: kam.T("Show how we close the gap between today and the results they want.", "展示我们如何缩小现状与期望结果之间的差距。"),
			Odds:      kam.Label(kam.InfluenceHigh).Lower(),
		}
	case a.CurrentResults == ResultsBetter:
		return ModeAdvice{
			Mode:      kam.ModeOverconfident,
			Why:       kam.T("They believe results are better than needed.", "对方认为结果已好于所需。"),
			HowToSell: kam.T("Don't push; wait for reality to catch up, or work through buyers who see a gap.", "不要硬推；等待现实变化，或通过看到差距的其他人推进。"),
			Odds:      kam.T("near zero", "接近零"),
		}
	default:
		return ModeAdvice{
			Mode:      kam.ModeEvenKeel,
			Why:       kam.T("They see no gap between today and what they want.", "对方认为现状与期望之间没有差距。"),
			HowToSell: kam.T("Show the risk ahead or an unseen gap; lean on a buyer in Growth or Trouble.", "揭示未来的风险或未察觉的差距；借助处于高瞻远瞩或不知所措模式的人。"),
			Odds:      kam.Label(kam.InfluenceLow).Lower(),
		}
	}
}
