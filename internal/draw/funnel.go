package draw

import (
	"math"

	"kam/internal/kam"
)

// FunnelLevel is one level of the funnel: how many deals stand there, their
// total amount, and the share of deals at that level that end up won.
type FunnelLevel struct {
	Level   kam.FunnelLevel
	Count   int64
	Amount  int64
	WinRate float64 // 0…1
}

// FunnelInput is what the funnel picture shows. Levels holds the open
// levels in any order; open levels missing from it are drawn empty and
// closed levels in it are ignored: the deals won are WonCount and Won,
// figures of the period that the funnel report gives apart from its levels.
type FunnelInput struct {
	Levels   []FunnelLevel
	Currency string
	Quota    int64 // the period's quota; 0: none set
	Won      int64 // amount won in the period
	WonCount int64 // deals won in the period
	// Href gives the list of deals at a level; nil, or "", draws no link.
	Href func(level kam.FunnelLevel) string
}

// Funnel geometry, in SVG user units.
const (
	fnW      = 720.0
	fnTop    = 44.0
	fnBandH  = 66.0
	fnBandG  = 4.0
	fnCX     = 220.0 // the funnel's centre line
	fnWonH   = 48.0
	fnBarX   = 470.0
	fnBarW   = 38.0
	fnBottom = 20.0
)

// fnWidths are the funnel's widths at the top of each band and at its foot.
var fnWidths = [4]float64{400, 312, 232, 164}

// fnFills colour the bands from the top; the level's name is written in it.
var fnFills = [3]string{"#dbe7f5", "#b5cdea", "#7fa7d6"}

// Funnel draws the classic funnel: a band per open level (above the funnel,
// in the funnel, best few) with its number of deals, amount and win rate,
// then the deals won below. Beside it a bar sets the amount won plus the
// weighted pipeline (each level's amount times its win rate) against the
// quota, with labels for the gap and the coverage (open pipeline ÷ quota not
// yet won). Amounts are grouped by thousands; in Chinese they use 万 and 亿.
// With no deals, nothing won and no quota it draws a small "no data" picture.
func Funnel(in FunnelInput, l kam.Locale) []byte {
	var open [3]FunnelLevel
	wonCount := in.WonCount
	hasData := in.Quota != 0 || in.Won != 0 || in.WonCount != 0
	for _, lv := range in.Levels {
		if !lv.Level.Open() {
			continue
		}
		i := lv.Level.Rank() - 1
		open[i].Count += lv.Count
		open[i].Amount += lv.Amount
		if lv.WinRate > open[i].WinRate {
			open[i].WinRate = lv.WinRate
		}
		hasData = hasData || lv.Count != 0 || lv.Amount != 0
	}
	if !hasData {
		return noData("kam-funnel", txtFunnel, l)
	}

	var openAmount, weighted int64
	for i := range open {
		open[i].Level = kam.OpenLevels[i]
		openAmount += open[i].Amount
		weighted += int64(math.Round(float64(open[i].Amount) * clamp01(open[i].WinRate)))
	}

	bandsH := 3*fnBandH + 2*fnBandG
	h := fnTop + bandsH + 14 + fnWonH + fnBottom
	money := func(n int64) string { return formatAmount(n, in.Currency, l) }

	var b svgBuf
	label := txtFunnel.In(l) + " · " + txtOpenPipeline.In(l) + " " + money(openAmount)
	if in.Quota > 0 {
		label += " · " + txtQuota.In(l) + " " + money(in.Quota)
	}
	b.open("kam-funnel", fnW, h, label)
	b.text(20, 26, textOpts{class: "kam-fn-caption", size: 14, weight: "600"}, txtFunnel.In(l))

	for i, lv := range open {
		top := fnTop + float64(i)*(fnBandH+fnBandG)
		wt, wb := fnWidths[i], fnWidths[i+1]
		name := levelLabel(lv.Level, l)
		line2 := kam.NounDeal.Count(int(lv.Count)).In(l) + " · " + money(lv.Amount)
		line3 := txtWinRate.In(l) + " " + percent(lv.WinRate)
		linked := false
		if in.Href != nil {
			linked = b.linkOpen(in.Href(lv.Level), name+" · "+line2+" · "+line3)
		}
		b.s(`<g class="kam-fn-band kam-level-`, string(lv.Level), `">`, "\n")
		b.s(`<path d="M`, num(fnCX-wt/2), `,`, num(top), `H`, num(fnCX+wt/2), `L`, num(fnCX+wb/2), `,`, num(top+fnBandH),
			`H`, num(fnCX-wb/2), `Z" fill="`, fnFills[i], `" stroke="#3b6ea5" stroke-width="1.2"/>`, "\n")
		// The room for a line is the band's width at that line's height.
		inner := func(dy float64) float64 { return wt + (wb-wt)*dy/fnBandH - 16 }
		b.text(fnCX, top+20, textOpts{size: 13, weight: "700", anchor: "middle", fill: "#14304f"}, fit(name, inner(20), 13))
		b.text(fnCX, top+38, textOpts{class: "kam-fn-amount", size: 12, anchor: "middle", fill: "#14304f"}, fit(line2, inner(38), 12))
		b.text(fnCX, top+55, textOpts{size: 11, anchor: "middle", fill: "#33506f"}, fit(line3, inner(55), 11))
		b.s("</g>\n")
		b.linkClose(linked)
	}

	// The deals won, caught below the funnel.
	wy := fnTop + bandsH + 14
	ww := fnWidths[2]
	linked := false
	wonLine := kam.NounDeal.Count(int(wonCount)).In(l) + " · " + money(in.Won)
	if in.Href != nil {
		linked = b.linkOpen(in.Href(kam.LevelWon), levelLabel(kam.LevelWon, l)+" · "+wonLine)
	}
	b.s(`<g class="kam-fn-band kam-level-won">`, "\n")
	b.rect(fnCX-ww/2, wy, ww, fnWonH, 8, "", "#2e7d32", "#1b5e20", 1.2, "")
	b.text(fnCX, wy+19, textOpts{size: 13, weight: "700", anchor: "middle", fill: "#fff"}, "✓ "+levelLabel(kam.LevelWon, l))
	b.text(fnCX, wy+37, textOpts{size: 12, anchor: "middle", fill: "#fff"}, fit(wonLine, ww-10, 12))
	b.s("</g>\n")
	b.linkClose(linked)

	coverageBar(&b, in, openAmount, weighted, h, l)
	b.close()
	return b.Bytes()
}

// coverageBar draws the quota side bar: won and weighted pipeline stacked
// against the quota line, and the figures beside it.
func coverageBar(b *svgBuf, in FunnelInput, openAmount, weighted int64, h float64, l kam.Locale) {
	money := func(n int64) string { return formatAmount(n, in.Currency, l) }
	won := max(in.Won, 0)
	top, bottom := fnTop, h-fnBottom
	full := bottom - top
	scale := float64(max(in.Quota, won+weighted, 1))
	y := func(v int64) float64 { return bottom - float64(v)/scale*full }

	b.s(`<g class="kam-fn-coverage">`, "\n")
	b.text(fnBarX, 26, textOpts{size: 13, weight: "600"}, txtQuotaCover.In(l))
	b.rect(fnBarX, top, fnBarW, full, 0, "kam-fn-bar", "#f4f4f4", "#bbb", 1, "")
	b.rect(fnBarX, y(won), fnBarW, bottom-y(won), 0, "kam-fn-won", "#2e7d32", "", 0, "")
	b.rect(fnBarX, y(won+weighted), fnBarW, y(won)-y(won+weighted), 0, "kam-fn-weighted", "#a5d6a7", "#2e7d32", 1, `stroke-dasharray="3 2"`)
	if in.Quota > 0 {
		qy := y(in.Quota)
		b.line(fnBarX-8, qy, fnBarX+fnBarW+8, qy, "kam-fn-quota", "#111", 2, "")
		b.text(fnBarX-10, qy+4, textOpts{size: 10, anchor: "end", fill: "#111"}, txtQuota.In(l))
	}

	// The figures, each a small label over its value.
	tx := fnBarX + fnBarW + 18
	ry := top + 4
	row := func(swatch, dash, label, value string) {
		if swatch != "" {
			b.rect(tx, ry-9, 12, 12, 2, "", swatch, "#2e7d32", 1, dash)
		}
		b.text(tx+18, ry+1, textOpts{size: 10.5, fill: "#555"}, label)
		b.text(tx+18, ry+17, textOpts{size: 12, weight: "700"}, fit(value, fnW-tx-26, 12))
		ry += 38
	}
	b.s(`<g class="kam-legend" fill="#222">`, "\n")
	if in.Quota > 0 {
		b.line(tx, ry-3, tx+12, ry-3, "", "#111", 2, "")
		row("", "", txtQuota.In(l), money(in.Quota))
	} else {
		row("", "", txtQuota.In(l), txtNoQuota.In(l))
	}
	row("#2e7d32", "", txtWonAmount.In(l), money(won))
	row("#a5d6a7", `stroke-dasharray="3 2"`, txtWeighted.In(l), money(weighted))
	row("", "", txtOpenPipeline.In(l), money(openAmount))
	if in.Quota > 0 {
		remaining := in.Quota - won
		switch gap := remaining - weighted; {
		case remaining <= 0:
			row("", "", txtGap.In(l), "✓ "+txtQuotaMet.In(l))
		case gap > 0:
			row("", "", txtGap.In(l), "✗ "+money(gap))
		default:
			row("", "", txtGap.In(l), "✓ 0")
		}
		if remaining > 0 {
			cov := float64(openAmount) / float64(remaining)
			row("", "", txtCoverage.In(l), kam.Multiple(cov))
		}
	}
	b.s("</g>\n</g>\n")
}

func clamp01(f float64) float64 {
	if math.IsNaN(f) || f < 0 {
		return 0
	}
	return math.Min(f, 1)
}
