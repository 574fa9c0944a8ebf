package web

import (
	"testing"

	"kam/internal/kam"
	"kam/internal/method"
)

func TestReasonTextSpellsRuleTitles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		l    kam.Locale
		want string
	}{
		{"a rule id becomes its Chinese title", "尚非最佳少数：未处理的高风险小红旗：technical-veto。", kam.LocaleZH, "尚非最佳少数：未处理的高风险小红旗：「技术把关者可能否决」。"},
		{"a rule id becomes its English title", "Not Best few: open high red flags: no-coach.", kam.LocaleEN, "Not Best few: open high red flags: “No coach”."},
		{"hyphenated words that are no rule stay", "a well-known buyer", kam.LocaleEN, "a well-known buyer"},
		{"a text without ids is unchanged", "匹配度已核实：理想型客户得分 92。", kam.LocaleZH, "匹配度已核实：理想型客户得分 92。"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := reasonText(tc.in, tc.l); got != tc.want {
				t.Errorf("reasonText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestFactorValueSaysYesNoOrCount(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		f    method.Factor
		l    kam.Locale
		want string
	}{
		{"a present coach is yes", method.Factor{ID: method.FactorCoach, Value: 1}, kam.LocaleEN, "✓ yes"},
		{"no VITO contact is no", method.Factor{ID: method.FactorVITOContacted, Value: 0}, kam.LocaleZH, "✗ 否"},
		{"one receptive buyer of two", method.Factor{ID: method.FactorReceptiveBuyers, Value: 0.5}, kam.LocaleEN, "1 buyer"},
		{"four or more contacted buyers", method.Factor{ID: method.FactorMultiThreaded, Value: 1}, kam.LocaleZH, "4+ 人"},
		{"three open high red flags", method.Factor{ID: method.FactorHighFindings, Value: 3}, kam.LocaleEN, "3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := factorValue(tc.f, tc.l); got != tc.want {
				t.Errorf("factorValue = %q, want %q", got, tc.want)
			}
		})
	}
}
