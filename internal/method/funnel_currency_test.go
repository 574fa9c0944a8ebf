package method

import (
	"strings"
	"testing"

	"kam/internal/kam"
)

func TestFunnelWithoutARateSaysCoverageCannotBeComputed(t *testing.T) {
	t.Parallel()
	q4, _ := kam.ParsePeriod("2026Q4")
	in := FunnelInput{
		Period: q4, Currency: "CNY", Quota: 10_000_000, Won: 2_000_000, Now: testNow,
		Open:        open3(LevelTotal{10, 5_000_000}, LevelTotal{5, 4_000_000}, LevelTotal{2, 2_000_000}),
		Unconverted: []CurrencyTotal{{Currency: "USD", OpenCount: 1, OpenAmount: 1_000_000}},
	}
	r := Funnel(in)
	if !r.CoverageUnknown || r.Coverage != 0 || r.Gap != 0 || r.Request != nil || r.QuotaMet {
		t.Fatalf("unknown %v, coverage %v, gap %v, request %v, met %v: want coverage not computed",
			r.CoverageUnknown, r.Coverage, r.Gap, r.Request, r.QuotaMet)
	}
	for _, l := range r.Levels {
		if l.DealsNeeded != -1 {
			t.Errorf("%s: deals needed %d, want -1 (cannot be computed)", l.Level, l.DealsNeeded)
		}
	}
	if !hasText(r.Notes, "No exchange rate converts USD (1 open deals, 1,000,000 open") {
		t.Errorf("notes %v: no word of the USD deal", r.Notes)
	}
	// The CNY figures are the CNY deals only: the USD million is not in them.
	if r.OpenAmount != 11_000_000 || r.Currency != "CNY" || len(r.Unconverted) != 1 {
		t.Errorf("open %d %s, unconverted %v", r.OpenAmount, r.Currency, r.Unconverted)
	}
	md := r.Markdown(kam.LocaleZH)
	if !strings.Contains(md, "未换算 USD") || !strings.Contains(md, "无法计算") {
		t.Errorf("markdown does not show the USD total apart:\n%s", md)
	}

	// With every amount converted, the same funnel is judged as usual.
	in.Unconverted = nil
	in.Conversions = []kam.Conversion{{From: "USD", To: "CNY", Rate: 7.1, On: kam.MustDate("2026-12-01")}}
	r = Funnel(in)
	if r.CoverageUnknown || r.Coverage == 0 || r.Request == nil {
		t.Errorf("converted: unknown %v, coverage %v, request %v", r.CoverageUnknown, r.Coverage, r.Request)
	}
	if md := r.Markdown(kam.LocaleZH); !strings.Contains(md, "按 2026-12-01 汇率 1 USD = 7.10 CNY") {
		t.Errorf("markdown does not show the rate used:\n%s", md)
	}
}

func TestFunnelAllInAnotherCurrencyIsNotEmpty(t *testing.T) {
	t.Parallel()
	q4, _ := kam.ParsePeriod("2026Q4")
	r := Funnel(FunnelInput{Period: q4, Currency: "CNY", Now: testNow, Open: open3(LevelTotal{}, LevelTotal{}, LevelTotal{}),
		Unconverted: []CurrencyTotal{{Currency: "USD", OpenCount: 3, OpenAmount: 300, Quota: 1000}}})
	if hasText(r.Warnings, "The funnel is empty") {
		t.Errorf("warnings %v: three USD deals are not an empty funnel", r.Warnings)
	}
	if !r.QuotaSet || !r.CoverageUnknown {
		t.Errorf("quota set %v, unknown %v: a USD quota is a quota", r.QuotaSet, r.CoverageUnknown)
	}
}

func TestWonDealsWithoutARateStayOutOfTheAverage(t *testing.T) {
	t.Parallel()
	q4, _ := kam.ParsePeriod("2026Q4")
	r := Funnel(FunnelInput{Period: q4, Currency: "CNY", Now: testNow, Quota: 1000, Open: open3(LevelTotal{}, LevelTotal{}, LevelTotal{}),
		History: []ClosedTotal{{Reached: kam.LevelBestFew, Won: 4, WonUnpriced: 2, WonAmount: 200}}})
	if r.AvgDealSize != 100 {
		t.Errorf("average %v, want 100 (two priced won deals of 200 in all)", r.AvgDealSize)
	}
}
