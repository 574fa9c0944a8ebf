package method

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"kam/internal/kam"
)

// FunnelInput is what the funnel arithmetic (漏斗原则) needs, summed by the
// caller from the database for one seller or team and one period. Every
// amount is in Currency: the caller converts other currencies with the
// exchange rates an administrator keeps (Conversions) and leaves out, in
// Unconverted, what no rate converts. Amounts in two currencies are never
// added.
type FunnelInput struct {
	Period kam.Period `json:"period"`
	// Currency is the ISO 4217 code of every amount of the input.
	Currency string `json:"currency"`
	// Conversions are the exchange rates the amounts were converted with.
	Conversions []kam.Conversion `json:"conversions"`
	// Unconverted holds, per currency, what no exchange rate converts into
	// Currency: it is in none of the other figures. While it holds
	// anything, coverage, gap and deals needed cannot be computed.
	Unconverted []CurrencyTotal `json:"unconverted"`
	Quota       int64           `json:"quota"` // 0: no quota set
	Won         int64           `json:"won"`   // amount won in the period so far
	// WonCount is the number of deals won in the period so far.
	WonCount int64 `json:"won_count"`
	// Open holds count and amount per open level (above, in, best_few).
	Open map[kam.FunnelLevel]LevelTotal `json:"open"`
	// History holds closed deals of the last four quarters by the furthest
	// level they reached; several entries for one level are added up. A
	// level's win rate counts every deal that reached it or a later level
	// (a deal that reached Best few also passed through Above and In the
	// funnel); a deal with no recorded level counts as Above the funnel,
	// where every deal starts.
	History []ClosedTotal `json:"history"`
	// DefaultWinRates replace history for a level with fewer than
	// MinHistoryDeals closed deals; nil or a missing level takes
	// DefaultWinRates().
	DefaultWinRates map[kam.FunnelLevel]float64 `json:"default_win_rates"`
	// PrematureBestFew counts the Best few deals that carry the
	// premature-best-few red flag.
	PrematureBestFew int `json:"premature_best_few"`
	// PrematureBestFewTruncated says only PrematureBestFewChecked of the
	// Best few deals were checked (the nearest close dates first), so
	// PrematureBestFew is a lower bound.
	PrematureBestFewTruncated bool `json:"premature_best_few_truncated"`
	PrematureBestFewChecked   int  `json:"premature_best_few_checked"`
	// AboveAll is every open deal above the funnel whatever its close date:
	// those closing after the period (or undated) cannot count toward its
	// quota but do refill the funnel. Zero means the same as Open[above].
	AboveAll LevelTotal `json:"above_all"`
	// Now is the moment the report is made; it is carried to the report.
	Now time.Time `json:"now"`
	// HistoryFrom and HistoryTo are the closed window [from, to) History was
	// read from (see HistoryWindow); carried to the report, zero if unknown.
	HistoryFrom kam.Date `json:"history_from"`
	HistoryTo   kam.Date `json:"history_to"`
}

// HistoryWindow returns the days [from, to) whose closed deals give the win
// rates of a report for period p made on today: the four full quarters
// before the quarter that holds today. For a period already over (it ends on
// or before today), the four full quarters before the quarter it starts in:
// a past period is judged by the history it had, not by deals closed after
// it. A current or future period uses the window of the current quarter;
// the quarter in progress is never part of it, being not yet full.
func HistoryWindow(p kam.Period, today kam.Date) (from, to kam.Date) {
	to = kam.QuarterOf(today).Start
	if !p.End.IsZero() && !today.Before(p.End) {
		if ps := kam.QuarterOf(p.Start).Start; ps.Before(to) {
			to = ps
		}
	}
	return kam.DateOf(to.Time().AddDate(-1, 0, 0)), to
}

// CurrencyTotal is what one currency adds to a funnel when no exchange
// rate converts it into the report's currency: its own totals, in its own
// currency.
type CurrencyTotal struct {
	Currency   string `json:"currency"`
	OpenCount  int64  `json:"open_count"`
	OpenAmount int64  `json:"open_amount"`
	Won        int64  `json:"won"`
	// Quota is the part of the quota set in this currency.
	Quota int64 `json:"quota"`
}

// LevelTotal is the number and amount of open deals at one level.
type LevelTotal struct {
	Count  int64 `json:"count"`
	Amount int64 `json:"amount"`
}

// ClosedTotal counts closed deals that reached one level.
type ClosedTotal struct {
	Reached   kam.FunnelLevel `json:"reached"`
	Won       int64           `json:"won"`
	Lost      int64           `json:"lost"`
	WonAmount int64           `json:"won_amount"`
	// WonUnpriced counts won deals (among Won) whose amount is in a
	// currency no rate converts: they count in win rates, not in the
	// average deal size.
	WonUnpriced int64 `json:"won_unpriced,omitempty"`
}

// MinHistoryDeals is the fewest closed deals that reached a level for its
// win rate to come from history rather than the defaults.
const MinHistoryDeals = 5

// DefaultWinRates are the win rates used while history is thin: 10% of
// deals above the funnel, 30% in the funnel and 80% of Best few are won.
func DefaultWinRates() map[kam.FunnelLevel]float64 {
	return map[kam.FunnelLevel]float64{kam.LevelAbove: 0.10, kam.LevelIn: 0.30, kam.LevelBestFew: 0.80}
}

// Win-rate and average-deal sources.
const (
	SourceHistory = "history"
	SourceDefault = "default"
	SourceOpen    = "open"
	SourceNone    = "none"
)

// Funnel warning thresholds.
const (
	// JammedMinIn and JammedRatio: the middle is jammed when at least
	// JammedMinIn deals are In the funnel and they outnumber Best few and
	// Above the funnel together JammedRatio times over.
	JammedMinIn = 5
	JammedRatio = 2
	// PrematureBestFewRatio: Best few amounting to more than this many times
	// the remaining quota is unlikely to be ~90% sure.
	PrematureBestFewRatio = 1.5
)

// LevelLine is one open level of the funnel.
type LevelLine struct {
	Level         kam.FunnelLevel `json:"level"`
	Count         int64           `json:"count"`
	Amount        int64           `json:"amount"`
	WinRate       float64         `json:"win_rate"`
	WinRateSource string          `json:"win_rate_source"` // "history" or "default"
	// ClosedDeals is the history behind the rate: the closed deals that
	// reached this level or a later one.
	ClosedDeals int64   `json:"closed_deals"`
	Weighted    float64 `json:"weighted"` // amount × win rate
	// DealsNeeded is how many more deals of average size at this level
	// would close the gap alone: ceil(gap ÷ (average size × win rate)).
	// 0 when there is no gap, -1 when it cannot be computed (no average
	// deal size or a zero win rate).
	DealsNeeded int64 `json:"deals_needed"`
}

// FunnelReport is the funnel's evidence for one period: where the deals
// stand, what they are worth weighted by win rate, and what quota asks.
type FunnelReport struct {
	Period kam.Period `json:"period"`
	// Currency is the ISO 4217 code of every amount of the report;
	// Conversions are the exchange rates that produced them from other
	// currencies, to be shown with the figures.
	Currency    string           `json:"currency"`
	Conversions []kam.Conversion `json:"conversions"`
	// Unconverted are the totals, one per currency, that no exchange rate
	// converts into Currency (see FunnelInput.Unconverted).
	Unconverted []CurrencyTotal `json:"unconverted"`
	// CoverageUnknown says coverage, gap, deals needed and the resource
	// request cannot be computed: part of the pipeline or the quota is in a
	// currency without an exchange rate (a note says which).
	CoverageUnknown bool        `json:"coverage_unknown"`
	AsOf            time.Time   `json:"as_of"`
	Levels          []LevelLine `json:"levels"` // above, in, best_few
	OpenCount       int64       `json:"open_count"`
	OpenAmount      int64       `json:"open_amount"`
	Weighted        float64     `json:"weighted"` // the weighted pipeline
	Won             int64       `json:"won"`
	WonCount        int64       `json:"won_count"` // deals won in the period
	Quota           int64       `json:"quota"`
	QuotaSet        bool        `json:"quota_set"`
	QuotaMet        bool        `json:"quota_met"`
	Remaining       int64       `json:"remaining"` // quota − won, at least 0
	// Coverage is open pipeline ÷ remaining quota; 0 when no quota is set or
	// it is met (then there is nothing to cover).
	Coverage float64 `json:"coverage"`
	// OpenWinRate is the amount-weighted win rate of the open pipeline
	// (weighted ÷ open amount); with no open deal, the rate Above the funnel,
	// where new deals enter.
	OpenWinRate float64 `json:"open_win_rate"`
	// CoverageNeeded is 1 ÷ OpenWinRate (3× is right only at 33%); 0 when
	// the rate is 0.
	CoverageNeeded float64 `json:"coverage_needed"`
	Expected       float64 `json:"expected"` // won + weighted pipeline
	Gap            float64 `json:"gap"`      // remaining − weighted pipeline, at least 0
	AvgDealSize    float64 `json:"avg_deal_size"`
	// AvgDealSource: "open" (open pipeline), "history" (won deals), "none".
	AvgDealSource string           `json:"avg_deal_source"`
	Warnings      []kam.Text       `json:"warnings"`
	Notes         []kam.Text       `json:"notes"`
	Request       *ResourceRequest `json:"request,omitempty"` // when the funnel cannot carry the quota
	// AboveAll is every open deal above the funnel, whatever its close
	// date: what refills the funnel.
	AboveAll LevelTotal `json:"above_all"`
	// PrematureBestFewTruncated says the premature Best few count stopped
	// after checking PrematureBestFewChecked deals (a note says so too).
	PrematureBestFewTruncated bool `json:"premature_best_few_truncated"`
	PrematureBestFewChecked   int  `json:"premature_best_few_checked,omitempty"`
	// HistoryFrom and HistoryTo bound the closing days [from, to) of the
	// deals behind the win rates: the four full quarters of HistoryWindow.
	HistoryFrom kam.Date `json:"history_from"`
	HistoryTo   kam.Date `json:"history_to"`
}

// ResourceRequest is the seller's case to their manager when the funnel
// cannot carry the quota: the funnel principle says bargain for resources,
// with the funnel as evidence, rather than silently accept or just ask for a
// lower number.
type ResourceRequest struct {
	Figures RequestFigures `json:"figures"`
	Missing []kam.Text     `json:"missing"`
	Asks    []kam.Text     `json:"asks"`
}

// RequestFigures are the numbers behind a resource request.
type RequestFigures struct {
	Quota    int64   `json:"quota"`
	Won      int64   `json:"won"`
	Weighted float64 `json:"weighted"`
	Expected float64 `json:"expected"`
	Gap      float64 `json:"gap"`
}

// Funnel computes the funnel report from the input; see FunnelReport for
// each figure. It never divides by zero: figures that cannot be computed
// are 0 or -1 as documented, and a note says why.
func Funnel(in FunnelInput) FunnelReport {
	r := FunnelReport{Period: in.Period, AsOf: in.Now, Won: in.Won, WonCount: in.WonCount, Quota: in.Quota, QuotaSet: in.Quota > 0,
		Currency: in.Currency, Conversions: in.Conversions, Unconverted: in.Unconverted,
		CoverageUnknown: len(in.Unconverted) > 0,
		HistoryFrom:     in.HistoryFrom, HistoryTo: in.HistoryTo,
		PrematureBestFewTruncated: in.PrematureBestFewTruncated}
	if r.PrematureBestFewTruncated {
		r.PrematureBestFewChecked = in.PrematureBestFewChecked
	}
	// The deals above the funnel in the period are part of every deal above
	// it; an input that does not say more counts just those.
	r.AboveAll = in.AboveAll
	if inPeriod := in.Open[kam.LevelAbove]; r.AboveAll.Count < inPeriod.Count {
		r.AboveAll = inPeriod
	}
	defaults := DefaultWinRates()
	for l, v := range in.DefaultWinRates {
		defaults[l] = v
	}
	// h[l] counts the closed deals that reached level l or further: the
	// win rate of l is the share of them that were won.
	type hist struct{ won, lost int64 }
	h := map[kam.FunnelLevel]hist{}
	// histWon counts the won deals whose amount is known in Currency.
	var histWon, histWonAmount int64
	for _, c := range in.History {
		reached := max(c.Reached.Rank(), kam.LevelAbove.Rank())
		for _, l := range kam.OpenLevels {
			if l.Rank() <= reached {
				x := h[l]
				x.won += c.Won
				x.lost += c.Lost
				h[l] = x
			}
		}
		histWon += c.Won - c.WonUnpriced
		histWonAmount += c.WonAmount
	}
	var defaulted []string
	var defaultedZH []string
	for _, l := range kam.OpenLevels {
		t := in.Open[l]
		line := LevelLine{Level: l, Count: t.Count, Amount: t.Amount}
		x := h[l]
		line.ClosedDeals = x.won + x.lost
		if line.ClosedDeals >= MinHistoryDeals {
			line.WinRate = float64(x.won) / float64(line.ClosedDeals)
			line.WinRateSource = SourceHistory
		} else {
			line.WinRate = defaults[l]
			line.WinRateSource = SourceDefault
			defaulted = append(defaulted, levelName(l).EN)
			defaultedZH = append(defaultedZH, levelName(l).ZH)
		}
		line.Weighted = float64(t.Amount) * line.WinRate
		r.OpenCount += t.Count
		r.OpenAmount += t.Amount
		r.Weighted += line.Weighted
		r.Levels = append(r.Levels, line)
	}
	if len(defaulted) > 0 {
		r.Notes = append(r.Notes, kam.T(
			fmt.Sprintf("Default win rates used for %s: fewer than %d deals closed in the last four quarters reached the level or went further.", strings.Join(defaulted, ", "), MinHistoryDeals),
			fmt.Sprintf("%s使用默认赢单率：过去四个季度已关闭且到达或越过该级别的机会少于 %d 个。", strings.Join(defaultedZH, "、"), MinHistoryDeals)))
	}

	for _, u := range in.Unconverted {
		r.QuotaSet = r.QuotaSet || u.Quota > 0
	}
	r.Remaining = max(0, in.Quota-in.Won)
	r.QuotaMet = r.QuotaSet && r.Remaining == 0 && !r.CoverageUnknown
	r.Expected = float64(in.Won) + r.Weighted
	if r.CoverageUnknown {
		// Coverage, gap and what would close it cannot be judged on part
		// of the pipeline against part of the quota.
		r.Remaining = 0
	} else if r.Remaining > 0 {
		r.Coverage = float64(r.OpenAmount) / float64(r.Remaining)
		r.Gap = max(0, float64(r.Remaining)-r.Weighted)
	}
	if r.OpenAmount > 0 {
		r.OpenWinRate = r.Weighted / float64(r.OpenAmount)
	} else {
		r.OpenWinRate = r.Levels[0].WinRate
	}
	if r.OpenWinRate > 0 {
		r.CoverageNeeded = 1 / r.OpenWinRate
	}
	switch {
	case r.OpenCount > 0 && r.OpenAmount > 0:
		r.AvgDealSize, r.AvgDealSource = float64(r.OpenAmount)/float64(r.OpenCount), SourceOpen
	case histWon > 0 && histWonAmount > 0:
		r.AvgDealSize, r.AvgDealSource = float64(histWonAmount)/float64(histWon), SourceHistory
	default:
		r.AvgDealSource = SourceNone
	}
	for i := range r.Levels {
		line := &r.Levels[i]
		switch {
		case r.Gap == 0:
			line.DealsNeeded = 0
		case r.AvgDealSize <= 0 || line.WinRate <= 0:
			line.DealsNeeded = -1
		default:
			line.DealsNeeded = int64(math.Ceil(r.Gap/(r.AvgDealSize*line.WinRate) - 1e-9))
		}
	}

	for i := range r.Levels {
		if r.CoverageUnknown {
			r.Levels[i].DealsNeeded = -1
		}
	}
	if r.CoverageUnknown {
		r.Notes = append(r.Notes, unconvertedNote(r.Currency, in.Unconverted))
	}
	switch {
	case r.CoverageUnknown:
	case !r.QuotaSet:
		r.Notes = append(r.Notes, kam.T("No quota is set for the period: coverage and gap are not computed.", "本期未设定销售指标：不计算覆盖率和缺口。"))
	case r.QuotaMet:
		r.Notes = append(r.Notes, kam.T("Quota met: nothing remains to cover.", "销售指标已完成：无需再覆盖。"))
	}
	if r.AvgDealSource == SourceNone && r.Gap > 0 {
		r.Notes = append(r.Notes, kam.T("No open or won deal gives an average deal size: deals needed cannot be computed.", "没有未关闭或已赢的机会可用来估算平均金额：无法计算所需机会数。"))
	} else if r.AvgDealSource == SourceHistory {
		r.Notes = append(r.Notes, kam.T("Average deal size taken from won deals, as no deal is open.", "没有未关闭的机会，平均金额取自已赢的机会。"))
	}
	if r.PrematureBestFewTruncated {
		r.Notes = append(r.Notes, kam.T(
			fmt.Sprintf("Only the %d Best few deals closing soonest were checked for premature Best few: the count is a lower bound.", in.PrematureBestFewChecked),
			fmt.Sprintf("仅检查了成交日期最近的 %d 个最佳少数机会是否过早列入：该数目只是下限。", in.PrematureBestFewChecked)))
	}
	r.Warnings = funnelWarnings(&r, in)
	if r.QuotaSet && !r.CoverageUnknown && r.Expected < float64(in.Quota) {
		r.Request = resourceRequest(&r)
	}
	return r
}

func (r *FunnelReport) level(l kam.FunnelLevel) *LevelLine {
	for i := range r.Levels {
		if r.Levels[i].Level == l {
			return &r.Levels[i]
		}
	}
	return &LevelLine{}
}

func funnelWarnings(r *FunnelReport, in FunnelInput) []kam.Text {
	var w []kam.Text
	above, mid, best := r.level(kam.LevelAbove), r.level(kam.LevelIn), r.level(kam.LevelBestFew)
	open := r.OpenCount
	for _, u := range r.Unconverted {
		open += u.OpenCount
	}
	if open == 0 {
		return append(w, kam.T("The funnel is empty: no open deal.", "漏斗是空的：没有未关闭的机会。"))
	}
	if r.CoverageUnknown {
		// The shape of the funnel is judged on the whole of it; part of it
		// is in a currency without a rate (the notes say so). Premature
		// Best few deals are counted by their red flag, whatever the
		// currency.
		if in.PrematureBestFew > 0 {
			w = append(w, kam.T(
				fmt.Sprintf("Premature Best few: %d Best few deals do not yet qualify.", in.PrematureBestFew),
				fmt.Sprintf("过早列入最佳少数：有 %d 个最佳少数机会尚不合格。", in.PrematureBestFew)))
		}
		return w
	}
	// What In the funnel and Best few will close must be replaced from the
	// top; less than that above the funnel starves the next quarters. Every
	// deal above the funnel refills it, whenever it may close.
	toReplace := mid.Weighted + best.Weighted
	top := r.AboveAll
	switch {
	case top.Count == 0:
		w = append(w, kam.T("Dry top: no deal above the funnel to refill it.", "漏斗顶部干涸：漏斗之上没有机会来补充。"))
	case float64(top.Amount) < toReplace:
		w = append(w, kam.T(
			fmt.Sprintf("Dry top: %s above the funnel is less than the %s that In the funnel and Best few are expected to close.", money(float64(top.Amount)), money(toReplace)),
			fmt.Sprintf("漏斗顶部干涸：漏斗之上的 %s 少于漏斗之中和最佳少数预计成交的 %s。", money(float64(top.Amount)), money(toReplace))))
	}
	if mid.Count >= JammedMinIn && mid.Count > JammedRatio*(best.Count+above.Count) {
		w = append(w, kam.T(
			fmt.Sprintf("Jammed middle: %d deals In the funnel against %d in Best few and %d above; move them forward or back.", mid.Count, best.Count, above.Count),
			fmt.Sprintf("漏斗中部拥堵：漏斗之中有 %d 个机会，而最佳少数 %d 个、漏斗之上 %d 个；推进或退回它们。", mid.Count, best.Count, above.Count)))
	}
	if in.PrematureBestFew > 0 {
		w = append(w, kam.T(
			fmt.Sprintf("Premature Best few: %d of %d Best few deals do not yet qualify.", in.PrematureBestFew, best.Count),
			fmt.Sprintf("过早列入最佳少数：%d 个最佳少数中有 %d 个尚不合格。", best.Count, in.PrematureBestFew)))
	}
	if r.Remaining > 0 && float64(best.Amount) > PrematureBestFewRatio*float64(r.Remaining) {
		w = append(w, kam.T(
			fmt.Sprintf("Premature Best few: %s in Best few is more than %.1f× the %s still to win; are they all ~90%% sure?", money(float64(best.Amount)), PrematureBestFewRatio, money(float64(r.Remaining))),
			fmt.Sprintf("过早列入最佳少数：最佳少数金额 %s 超过剩余销售指标 %s 的 %.1f 倍；真的都有九成把握吗？", money(float64(best.Amount)), money(float64(r.Remaining)), PrematureBestFewRatio)))
	}
	return w
}

func resourceRequest(r *FunnelReport) *ResourceRequest {
	above, mid, best := r.level(kam.LevelAbove), r.level(kam.LevelIn), r.level(kam.LevelBestFew)
	q := &ResourceRequest{Figures: RequestFigures{Quota: r.Quota, Won: r.Won, Weighted: r.Weighted, Expected: r.Expected, Gap: r.Gap}}
	q.Missing = append(q.Missing, kam.T(
		fmt.Sprintf("I have won %s of a %s quota; my weighted pipeline is %s, so %s is not covered.", money(float64(r.Won)), money(float64(r.Quota)), money(r.Weighted), money(r.Gap)),
		fmt.Sprintf("销售指标 %s，我已赢单 %s；加权后的漏斗为 %s，仍有 %s 没有着落。", money(float64(r.Quota)), money(float64(r.Won)), money(r.Weighted), money(r.Gap))))
	if r.OpenCount == 0 {
		q.Missing = append(q.Missing, kam.T("I have no open deal.", "我没有未关闭的机会。"))
	} else if r.CoverageNeeded > 0 && r.Coverage < r.CoverageNeeded {
		q.Missing = append(q.Missing, kam.T(
			fmt.Sprintf("My coverage is %s; at my win rate of %.0f%% it needs to be %s.", kam.Multiple(r.Coverage), 100*r.OpenWinRate, kam.Multiple(r.CoverageNeeded)),
			fmt.Sprintf("我的覆盖率是 %s；按 %.0f%% 的赢单率需要 %s。", kam.Multiple(r.Coverage), 100*r.OpenWinRate, kam.Multiple(r.CoverageNeeded))))
	}
	// The same test as the dry-top warning, on every deal above the funnel
	// whatever its close date, so that one report cannot contradict itself.
	if top := r.AboveAll; top.Count == 0 || float64(top.Amount) < mid.Weighted+best.Weighted {
		q.Missing = append(q.Missing, kam.T("Too little above the funnel to refill it.", "漏斗之上的机会太少，无法补充漏斗。"))
	}
	if best.Count == 0 {
		q.Missing = append(q.Missing, kam.T("No deal is in Best few yet.", "还没有机会进入最佳少数。"))
	}
	if n := above.DealsNeeded; n > 0 {
		q.Asks = append(q.Asks, kam.T(
			fmt.Sprintf("%d more qualified deals above the funnel, about %s each: leads, marketing or accounts to prospect.", n, money(r.AvgDealSize)),
			fmt.Sprintf("再增加 %d 个漏斗之上的合格机会（每个约 %s）：线索、市场活动或可开发的客户。", n, money(r.AvgDealSize))))
	} else {
		q.Asks = append(q.Asks, kam.T("Qualified leads and accounts to prospect above the funnel.", "漏斗之上的合格线索和可开发客户。"))
	}
	if best.Count > 0 {
		q.Asks = append(q.Asks, kam.T(
			fmt.Sprintf("Executive sponsorship (高层对接) for my %d Best few deals, so that they close.", best.Count),
			fmt.Sprintf("为我的 %d 个最佳少数机会安排高层对接，确保成交。", best.Count)))
	}
	if mid.Count > 0 {
		q.Asks = append(q.Asks, kam.T(
			fmt.Sprintf("Presales and solution time for my %d deals In the funnel, to move more of them to Best few.", mid.Count),
			fmt.Sprintf("为我的 %d 个漏斗之中的机会提供售前和方案支持，推动更多机会进入最佳少数。", mid.Count)))
	}
	return q
}

// unconvertedNote says which currencies have no exchange rate into cur and
// what follows: one total per currency, no coverage.
func unconvertedNote(cur string, us []CurrencyTotal) kam.Text {
	var en, zh []string
	for _, u := range us {
		en = append(en, fmt.Sprintf("%s (%d open deals, %s open, %s won, %s of quota)", u.Currency, u.OpenCount, money(float64(u.OpenAmount)), money(float64(u.Won)), money(float64(u.Quota))))
		zh = append(zh, fmt.Sprintf("%s（未关闭机会 %d 个，金额 %s；已赢单 %s；销售指标 %s）", u.Currency, u.OpenCount, money(float64(u.OpenAmount)), money(float64(u.Won)), money(float64(u.Quota))))
	}
	return kam.T(
		fmt.Sprintf("No exchange rate converts %s into %s: each currency is totalled apart, and coverage, gap and deals needed cannot be computed. An administrator can add the rate (Admin → Exchange rates).", strings.Join(en, "; "), cur),
		fmt.Sprintf("没有汇率可将 %s 换算为 %s：各币种分别合计，无法计算覆盖率、缺口和所需机会数。管理员可在“管理 → 汇率”中添加汇率。", strings.Join(zh, "；"), cur))
}

// levelName names a funnel level in both languages, in kam's words.
func levelName(l kam.FunnelLevel) kam.Text { return kam.Label(l) }

// money writes an amount rounded to whole units with thousands separators.
func money(v float64) string {
	n := int64(math.Round(v))
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Markdown writes the report for the command line or for pasting into a
// message, in locale l.
func (r FunnelReport) Markdown(l kam.Locale) string {
	t := func(en, zh string) string { return kam.T(en, zh).In(l) }
	colon := t(": ", "：")
	var b strings.Builder
	fmt.Fprintf(&b, "## %s %s\n\n", kam.TermName("funnel").In(l), r.Period.Name)
	if r.Currency != "" {
		fmt.Fprintf(&b, "%s%s%s", t("Amounts in", "金额币种"), colon, r.Currency)
		for _, cv := range r.Conversions {
			fmt.Fprintf(&b, t("; ", "；")+"%s", cv.Text().In(l))
		}
		b.WriteString("\n\n")
	}
	fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n|---|---:|---:|---:|---:|---:|\n",
		kam.FieldLevel.Label().In(l), t("Deals", "商机数"), kam.FieldAmount.Label().In(l), kam.TermName("win-rate").In(l),
		t("Weighted", "加权金额"), t("Deals needed", "所需商机数"))
	for _, line := range r.Levels {
		src := t("history", "历史")
		if line.WinRateSource == SourceDefault {
			src = t("default", "默认")
		}
		need := strconv.FormatInt(line.DealsNeeded, 10)
		if line.DealsNeeded < 0 {
			need = "—"
		}
		fmt.Fprintf(&b, "| %s | %d | %s | %.0f%% (%s) | %s | %s |\n",
			levelName(line.Level).In(l), line.Count, money(float64(line.Amount)), 100*line.WinRate, src, money(line.Weighted), need)
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "- %s%s%s\n", kam.Label(kam.LevelWon).In(l), colon, money(float64(r.Won)))
	if r.QuotaSet {
		fmt.Fprintf(&b, "- %s%s%s%s%s%s%s\n", kam.TermName("quota").In(l), colon, money(float64(r.Quota)), t("; ", "；"), t("remaining", "剩余"), colon, money(float64(r.Remaining)))
	} else {
		fmt.Fprintf(&b, "- %s%s%s\n", kam.TermName("quota").In(l), colon, t("not set", "未设定"))
	}
	fmt.Fprintf(&b, "- %s%s%s\n", kam.TermName("weighted-pipeline").In(l), colon, money(r.Weighted))
	fmt.Fprintf(&b, "- %s%s%s\n", t("Expected (won + weighted)", "预计（已赢 + 加权）"), colon, money(r.Expected))
	for _, u := range r.Unconverted {
		fmt.Fprintf(&b, "- %s %s%s%s %s%s%s %s%s%s\n", t("Not converted", "未换算"), u.Currency, colon,
			t("open", "未关闭"), money(float64(u.OpenAmount)), t(", ", "，"), kam.Label(kam.LevelWon).Lower().In(l), money(float64(u.Won)), t(", quota ", "，销售指标 "), money(float64(u.Quota)))
	}
	if r.CoverageUnknown {
		fmt.Fprintf(&b, "- %s%s%s\n", kam.TermName("coverage").In(l), colon, t("cannot be computed (currencies without an exchange rate)", "无法计算（有币种没有汇率）"))
	} else if r.QuotaSet && !r.QuotaMet {
		fmt.Fprintf(&b, "- %s%s%s (%s %s)\n", kam.TermName("coverage").In(l), colon, kam.Multiple(r.Coverage), t("needed", "需要"), kam.Multiple(r.CoverageNeeded))
		fmt.Fprintf(&b, "- %s%s%s\n", kam.TermName("gap").In(l), colon, money(r.Gap))
	}
	if r.AvgDealSource != SourceNone {
		fmt.Fprintf(&b, "- %s%s%s\n", t("Average deal size", "平均金额"), colon, money(r.AvgDealSize))
	}
	if !r.HistoryFrom.IsZero() && !r.HistoryTo.IsZero() {
		fmt.Fprintf(&b, "- %s%s%s – %s\n", t("Win rates from deals closed", "赢单率依据的关闭日期"), colon, r.HistoryFrom, r.HistoryTo.AddDays(-1))
	}
	list := func(heading, title string, items []kam.Text) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n%s %s\n\n", heading, title)
		for _, x := range items {
			fmt.Fprintf(&b, "- %s\n", x.In(l))
		}
	}
	list("###", t("Warnings", "警示"), r.Warnings)
	list("###", t("Notes", "说明"), r.Notes)
	if q := r.Request; q != nil {
		fmt.Fprintf(&b, "\n### %s\n", t("Resource request", "资源申请"))
		list("####", t("What is missing", "缺什么"), q.Missing)
		list("####", t("What would close the gap", "需要什么来弥补缺口"), q.Asks)
	}
	return b.String()
}
