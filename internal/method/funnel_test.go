package method

import (
	"math"
	"strings"
	"testing"

	"kam/internal/kam"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func open3(above, in, best LevelTotal) map[kam.FunnelLevel]LevelTotal {
	return map[kam.FunnelLevel]LevelTotal{kam.LevelAbove: above, kam.LevelIn: in, kam.LevelBestFew: best}
}

func hasText(ts []kam.Text, en string) bool {
	for _, t := range ts {
		if strings.Contains(t.EN, en) {
			return true
		}
	}
	return false
}

func TestFunnelWithDefaultRates(t *testing.T) {
	t.Parallel()
	q4, _ := kam.ParsePeriod("2026Q4")
	r := Funnel(FunnelInput{
		Period: q4, Quota: 10_000_000, Won: 2_000_000, Now: testNow,
		Open: open3(LevelTotal{10, 5_000_000}, LevelTotal{5, 4_000_000}, LevelTotal{2, 2_000_000}),
	})
	// Empty history: default rates 10%, 30%, 80%.
	// weighted = 5,000,000·0.1 + 4,000,000·0.3 + 2,000,000·0.8 = 500,000 + 1,200,000 + 1,600,000 = 3,300,000
	// remaining = 10,000,000 − 2,000,000 = 8,000,000; coverage = 11,000,000 ÷ 8,000,000 = 1.375
	// open win rate = 3,300,000 ÷ 11,000,000 = 0.3; coverage needed = 1 ÷ 0.3 = 3.333…
	// expected = 2,000,000 + 3,300,000 = 5,300,000; gap = 8,000,000 − 3,300,000 = 4,700,000
	// average deal = 11,000,000 ÷ 17 = 647,058.82…
	// deals needed: above ceil(4,700,000 ÷ 64,705.88) = ceil(72.64) = 73;
	//               in ceil(4,700,000 ÷ 194,117.65) = ceil(24.21) = 25;
	//               best few ceil(4,700,000 ÷ 517,647.06) = ceil(9.08) = 10
	checks := []struct {
		name      string
		got, want float64
	}{
		{"weighted", r.Weighted, 3_300_000},
		{"remaining", float64(r.Remaining), 8_000_000},
		{"coverage", r.Coverage, 1.375},
		{"open win rate", r.OpenWinRate, 0.3},
		{"coverage needed", r.CoverageNeeded, 1 / 0.3},
		{"expected", r.Expected, 5_300_000},
		{"gap", r.Gap, 4_700_000},
		{"average deal", r.AvgDealSize, 11_000_000.0 / 17},
		{"above deals needed", float64(r.Levels[0].DealsNeeded), 73},
		{"in deals needed", float64(r.Levels[1].DealsNeeded), 25},
		{"best few deals needed", float64(r.Levels[2].DealsNeeded), 10},
		{"open count", float64(r.OpenCount), 17},
	}
	for _, c := range checks {
		if !near(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	for _, l := range r.Levels {
		if l.WinRateSource != SourceDefault {
			t.Errorf("%s: source %s, want default", l.Level, l.WinRateSource)
		}
	}
	if !hasText(r.Notes, "Default win rates used for Above the funnel, In the funnel, Best few") {
		t.Errorf("notes do not say the defaults were used: %v", r.Notes)
	}
	if len(r.Warnings) != 0 {
		t.Errorf("warnings %v, want none (5,000,000 above ≥ 2,800,000 to replace; 5 in vs 12)", r.Warnings)
	}
	if r.Request == nil {
		t.Fatal("no resource request although 5,300,000 < 10,000,000")
	}
	if r.Request.Figures.Gap != 4_700_000 || !hasText(r.Request.Asks, "73 more qualified deals above the funnel") ||
		!hasText(r.Request.Asks, "Executive sponsorship") || !hasText(r.Request.Asks, "Presales") {
		t.Errorf("request %+v", r.Request)
	}
	md := r.Markdown(kam.LocaleZH)
	for _, want := range []string{"## 漏斗 2026Q4", "| 漏斗之上 | 10 | 5,000,000 | 10% (默认) | 500,000 | 73 |", "资源申请", "缺口"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	if en := r.Markdown(kam.LocaleEN); !strings.Contains(en, "| Best few | 2 | 2,000,000 | 80% (default) | 1,600,000 | 10 |") {
		t.Errorf("English markdown:\n%s", en)
	}
}

func TestFunnelWithHistory(t *testing.T) {
	t.Parallel()
	r := Funnel(FunnelInput{
		Quota: 1_000_000,
		Open:  open3(LevelTotal{}, LevelTotal{2, 1_000_000}, LevelTotal{}),
		History: []ClosedTotal{
			{Reached: kam.LevelAbove, Won: 2, Lost: 18, WonAmount: 900_000},
			{Reached: kam.LevelIn, Won: 3, Lost: 4, WonAmount: 1_500_000},
			{Reached: kam.LevelIn, Won: 3, Lost: 5, WonAmount: 1_500_000},
			{Reached: kam.LevelBestFew, Won: 3, Lost: 1, WonAmount: 2_000_000},
		},
		DefaultWinRates: map[kam.FunnelLevel]float64{kam.LevelBestFew: 0.9},
	})
	// A level's rate counts every closed deal that reached it or went
	// further: a deal won from Best few also passed through Above and In.
	// above: all four groups, won 2+3+3+3 = 11 of 20+7+8+4 = 39 closed → 11/39 ≈ 0.2821;
	// in: the In and Best few groups, won 3+3+3 = 9 of 7+8+4 = 19 → 9/19 ≈ 0.4737;
	// best few: its own group only, 4 closed < 5, so the given default 0.90.
	// weighted = 1,000,000 · 9/19 ≈ 473,684.21; remaining 1,000,000; coverage 1.0;
	// coverage needed 19/9 ≈ 2.11; gap = 1,000,000 · 10/19 ≈ 526,315.79;
	// average deal 1,000,000 ÷ 2 = 500,000;
	// deals needed: above ceil((10/19 · 1,000,000) ÷ (500,000 · 11/39)) = ceil(780/209 ≈ 3.73) = 4;
	//               in ceil((10/19 · 1,000,000) ÷ (500,000 · 9/19)) = ceil(20/9 ≈ 2.22) = 3;
	//               best few ceil(526,315.79 ÷ 450,000) = ceil(1.17) = 2
	want := []struct {
		rate   float64
		source string
		need   int64
		closed int64
	}{{11.0 / 39, SourceHistory, 4, 39}, {9.0 / 19, SourceHistory, 3, 19}, {0.9, SourceDefault, 2, 4}}
	for i, w := range want {
		l := r.Levels[i]
		if !near(l.WinRate, w.rate) || l.WinRateSource != w.source || l.DealsNeeded != w.need || l.ClosedDeals != w.closed {
			t.Errorf("%s: rate %v (%s, %d closed), needed %d; want %v (%s, %d closed), %d",
				l.Level, l.WinRate, l.WinRateSource, l.ClosedDeals, l.DealsNeeded, w.rate, w.source, w.closed, w.need)
		}
	}
	if !near(r.Coverage, 1) || !near(r.CoverageNeeded, 19.0/9) || !near(r.Gap, 10_000_000.0/19) || r.AvgDealSource != SourceOpen {
		t.Errorf("coverage %v, needed %v, gap %v, avg source %s", r.Coverage, r.CoverageNeeded, r.Gap, r.AvgDealSource)
	}
	if !hasText(r.Warnings, "Dry top: no deal above the funnel") {
		t.Errorf("warnings %v, want a dry top", r.Warnings)
	}
	if !hasText(r.Notes, "Default win rates used for Best few:") || hasText(r.Notes, "Above the funnel,") {
		t.Errorf("notes %v", r.Notes)
	}
	if r.Request == nil || !hasText(r.Request.Missing, "No deal is in Best few") || !hasText(r.Request.Missing, "coverage is 1.0×; at my win rate of 47% it needs to be 2.11×") {
		t.Errorf("request %+v", r.Request)
	}
}

func TestFunnelEdges(t *testing.T) {
	t.Parallel()
	t.Run("zero quota computes no coverage and asks for nothing", func(t *testing.T) {
		t.Parallel()
		r := Funnel(FunnelInput{Open: open3(LevelTotal{1, 100}, LevelTotal{}, LevelTotal{})})
		if r.QuotaSet || r.Coverage != 0 || r.Gap != 0 || r.Request != nil || r.Levels[0].DealsNeeded != 0 {
			t.Errorf("report %+v", r)
		}
		if !hasText(r.Notes, "No quota is set") {
			t.Errorf("notes %v", r.Notes)
		}
		// weighted 100·0.1 = 10; expected 10
		if !near(r.Expected, 10) {
			t.Errorf("expected = %v, want 10", r.Expected)
		}
		if md := r.Markdown(kam.LocaleEN); !strings.Contains(md, "Quota: not set") {
			t.Errorf("markdown:\n%s", md)
		}
	})
	t.Run("quota met says so and divides by nothing", func(t *testing.T) {
		t.Parallel()
		r := Funnel(FunnelInput{Quota: 1_000_000, Won: 1_200_000, Open: open3(LevelTotal{}, LevelTotal{1, 500_000}, LevelTotal{})})
		// remaining max(0, −200,000) = 0; weighted 150,000; expected 1,350,000 ≥ quota
		if !r.QuotaMet || r.Remaining != 0 || r.Coverage != 0 || r.Gap != 0 || r.Request != nil {
			t.Errorf("report %+v", r)
		}
		if !near(r.Expected, 1_350_000) || !hasText(r.Notes, "Quota met") {
			t.Errorf("expected %v, notes %v", r.Expected, r.Notes)
		}
		for _, l := range r.Levels {
			if l.DealsNeeded != 0 {
				t.Errorf("%s needs %d deals with the quota met", l.Level, l.DealsNeeded)
			}
		}
		if math.IsInf(r.Coverage, 0) || math.IsNaN(r.Coverage) {
			t.Error("coverage is not finite")
		}
	})
	t.Run("no open deals warns of an empty funnel and asks for leads", func(t *testing.T) {
		t.Parallel()
		r := Funnel(FunnelInput{Quota: 1_000_000})
		// No pipeline: open win rate falls back to above's 10%, coverage needed 10×;
		// gap = 1,000,000; no average deal size, so deals needed are unknown (−1).
		if r.OpenCount != 0 || !near(r.OpenWinRate, 0.1) || !near(r.CoverageNeeded, 10) || !near(r.Gap, 1_000_000) {
			t.Errorf("report %+v", r)
		}
		if r.AvgDealSource != SourceNone || r.Levels[0].DealsNeeded != -1 {
			t.Errorf("avg source %s, needed %d", r.AvgDealSource, r.Levels[0].DealsNeeded)
		}
		if !hasText(r.Warnings, "The funnel is empty") || r.Request == nil || !hasText(r.Request.Missing, "I have no open deal") ||
			!hasText(r.Request.Asks, "Qualified leads") {
			t.Errorf("warnings %v, request %+v", r.Warnings, r.Request)
		}
		if md := r.Markdown(kam.LocaleEN); !strings.Contains(md, "| — |") {
			t.Errorf("markdown does not mark unknown deals needed:\n%s", md)
		}
	})
	t.Run("no open deals takes the average deal from won history", func(t *testing.T) {
		t.Parallel()
		r := Funnel(FunnelInput{Quota: 1_000_000, History: []ClosedTotal{{Reached: kam.LevelIn, Won: 4, WonAmount: 800_000}}})
		// average 800,000 ÷ 4 = 200,000; in (4 closed < 5) default 0.3: ceil(1,000,000 ÷ 60,000) = ceil(16.67) = 17
		if r.AvgDealSource != SourceHistory || !near(r.AvgDealSize, 200_000) || r.Levels[1].DealsNeeded != 17 {
			t.Errorf("avg %v (%s), in needed %d", r.AvgDealSize, r.AvgDealSource, r.Levels[1].DealsNeeded)
		}
	})
	t.Run("jammed middle and premature best few warn", func(t *testing.T) {
		t.Parallel()
		r := Funnel(FunnelInput{Quota: 1_000_000, PrematureBestFew: 1,
			Open: open3(LevelTotal{1, 10_000_000}, LevelTotal{5, 500_000}, LevelTotal{1, 1_600_000})})
		// in 5 ≥ 5 and 5 > 2·(1+1) = 4: jammed; best few 1,600,000 > 1.5·1,000,000: premature
		for _, w := range []string{"Jammed middle: 5 deals", "Premature Best few: 1 of 1", "more than 1.5× the 1,000,000"} {
			if !hasText(r.Warnings, w) {
				t.Errorf("warnings lack %q: %v", w, r.Warnings)
			}
		}
	})
	t.Run("four in the funnel is no jam", func(t *testing.T) {
		t.Parallel()
		r := Funnel(FunnelInput{Quota: 1_000_000, Open: open3(LevelTotal{1, 10_000_000}, LevelTotal{4, 500_000}, LevelTotal{})})
		if hasText(r.Warnings, "Jammed") {
			t.Errorf("warnings %v", r.Warnings)
		}
	})
}

func TestMoney(t *testing.T) {
	t.Parallel()
	for in, want := range map[float64]string{0: "0", 999: "999", 1000: "1,000", 1234567.4: "1,234,567", -45000: "-45,000"} {
		if got := money(in); got != want {
			t.Errorf("money(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestDryTopCountsDealsAboveTheFunnelClosingLater(t *testing.T) {
	t.Parallel()
	p, _ := kam.ParsePeriod("2026Q4")
	in := FunnelInput{
		Period: p, Quota: 1_000_000,
		Open: map[kam.FunnelLevel]LevelTotal{kam.LevelIn: {Count: 2, Amount: 1_000_000}},
		Now:  p.Start.Time(),
	}
	// In the funnel closes 1,000,000 × 30% = 300,000 by default.
	if r := Funnel(in); !hasText(r.Warnings, "Dry top: no deal above the funnel") {
		t.Errorf("nothing above the funnel at all: warnings %v", r.Warnings)
	}
	in.AboveAll = LevelTotal{Count: 3, Amount: 200_000}
	r := Funnel(in)
	if !hasText(r.Warnings, "Dry top: 200,000 above the funnel is less than the 300,000") {
		t.Errorf("too little above the funnel, closing later: warnings %v", r.Warnings)
	}
	if r.AboveAll.Count != 3 {
		t.Errorf("report's deals above the funnel = %+v", r.AboveAll)
	}
	in.AboveAll = LevelTotal{Count: 5, Amount: 900_000}
	if r := Funnel(in); hasText(r.Warnings, "Dry top") {
		t.Errorf("enough above the funnel, closing after the quarter: warnings %v", r.Warnings)
	}
}

func TestWinRateCountsDealsThatReachedTheLevelOrFurther(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		history []ClosedTotal
		// want closed deals and win rate per level: above, in, best few;
		// a rate of -1 means the default (fewer than 5 closed).
		closed [3]int64
		rate   [3]float64
	}{
		{"five won from Best few count at every level",
			[]ClosedTotal{{Reached: kam.LevelBestFew, Won: 5, WonAmount: 500}},
			[3]int64{5, 5, 5}, [3]float64{1, 1, 1}},
		{"lost above the funnel counts only above",
			[]ClosedTotal{{Reached: kam.LevelBestFew, Won: 5}, {Reached: kam.LevelAbove, Lost: 5}},
			// above 5 won of 10; in and best few 5 of 5
			[3]int64{10, 5, 5}, [3]float64{0.5, 1, 1}},
		{"lost in the funnel counts above and in, not Best few",
			[]ClosedTotal{{Reached: kam.LevelIn, Won: 1, Lost: 4}, {Reached: kam.LevelBestFew, Won: 3, Lost: 1}},
			// above and in: 4 won of 9; best few 3 of 4 → default
			[3]int64{9, 9, 4}, [3]float64{4.0 / 9, 4.0 / 9, -1}},
		{"a deal with no recorded level counts above the funnel only",
			[]ClosedTotal{{Reached: "", Won: 2, Lost: 3}},
			[3]int64{5, 0, 0}, [3]float64{0.4, -1, -1}},
	}
	defaults := DefaultWinRates()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := Funnel(FunnelInput{History: c.history})
			for i, l := range r.Levels {
				want := c.rate[i]
				if want < 0 {
					want = defaults[l.Level]
				}
				if l.ClosedDeals != c.closed[i] || !near(l.WinRate, want) {
					t.Errorf("%s: %d closed, rate %v; want %d, %v", l.Level, l.ClosedDeals, l.WinRate, c.closed[i], want)
				}
			}
		})
	}
}

func TestHistoryWindow(t *testing.T) {
	t.Parallel()
	today := kam.MustDate("2026-11-20") // in 2026Q4
	cases := []struct {
		period   string
		from, to string
	}{
		// The current quarter: the four full quarters before it, 2025Q4–2026Q3.
		{"2026Q4", "2025-10-01", "2026-10-01"},
		// A current month or year: the same, as the period is not over.
		{"2026-11", "2025-10-01", "2026-10-01"},
		{"2026", "2025-10-01", "2026-10-01"},
		// A future period: deals closed after today are not known yet.
		{"2027Q1", "2025-10-01", "2026-10-01"},
		{"2027", "2025-10-01", "2026-10-01"},
		// Past periods: the four quarters before the quarter they start in.
		{"2026Q2", "2025-04-01", "2026-04-01"},
		{"2026-08", "2025-07-01", "2026-07-01"},
		{"2025", "2024-01-01", "2025-01-01"},
		// A month of the current quarter already over: that quarter's window.
		{"2026-10", "2025-10-01", "2026-10-01"},
	}
	for _, c := range cases {
		p, err := kam.ParsePeriod(c.period)
		if err != nil {
			t.Fatal(err)
		}
		from, to := HistoryWindow(p, today)
		if from.String() != c.from || to.String() != c.to {
			t.Errorf("%s: [%s, %s), want [%s, %s)", c.period, from, to, c.from, c.to)
		}
	}
	// The first day of a quarter starts a new window: 2026Q3 is now full.
	p, _ := kam.ParsePeriod("2026Q4")
	if from, to := HistoryWindow(p, kam.MustDate("2026-10-01")); from.String() != "2025-10-01" || to.String() != "2026-10-01" {
		t.Errorf("on 2026-10-01: [%s, %s)", from, to)
	}
	if from, to := HistoryWindow(p, kam.MustDate("2026-09-30")); from.String() != "2025-07-01" || to.String() != "2026-07-01" {
		t.Errorf("on 2026-09-30: [%s, %s)", from, to)
	}
}

func TestResourceRequestAgreesWithDryTop(t *testing.T) {
	t.Parallel()
	// In the funnel 1,000,000 × 30% = 300,000 to replace; quota 10,000,000
	// is far beyond what the funnel expects, so a request is always made.
	cases := []struct {
		name     string
		inPeriod LevelTotal // above the funnel, closing in the period
		all      LevelTotal // above the funnel, whatever the close date
		dry      bool
	}{
		{"little in the period but plenty closing later: neither", LevelTotal{1, 100_000}, LevelTotal{6, 900_000}, false},
		{"plenty in the period: neither", LevelTotal{3, 400_000}, LevelTotal{3, 400_000}, false},
		{"little in all: both", LevelTotal{1, 100_000}, LevelTotal{2, 250_000}, true},
		{"nothing above in the period, little later: both", LevelTotal{}, LevelTotal{1, 200_000}, true},
		{"nothing above at all: both", LevelTotal{}, LevelTotal{}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := Funnel(FunnelInput{Quota: 10_000_000, AboveAll: c.all,
				Open: open3(c.inPeriod, LevelTotal{2, 1_000_000}, LevelTotal{})})
			if r.Request == nil {
				t.Fatal("no resource request")
			}
			warned := hasText(r.Warnings, "Dry top")
			asked := hasText(r.Request.Missing, "Too little above the funnel")
			if warned != c.dry || asked != c.dry {
				t.Errorf("dry-top warning %v, request's too-little line %v; want both %v", warned, asked, c.dry)
			}
		})
	}
}
