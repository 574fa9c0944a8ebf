package method

import (
	"errors"
	"slices"
	"testing"

	"kam/internal/kam"
)

func TestSuggestMode(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		answers ModeAnswers
		want    kam.ResponseMode
	}{
		{"worse results with no gap is Trouble", ModeAnswers{ResultsWorse, false, ""}, kam.ModeTrouble},
		{"worse results wanting more is still Trouble", ModeAnswers{ResultsWorse, true, GapMore}, kam.ModeTrouble},
		{"a gap to fix with expected results is Trouble", ModeAnswers{ResultsAsExpected, true, GapFix}, kam.ModeTrouble},
		{"a gap to fix with better results is Trouble", ModeAnswers{ResultsBetter, true, GapFix}, kam.ModeTrouble},
		{"expected results wanting more is Growth", ModeAnswers{ResultsAsExpected, true, GapMore}, kam.ModeGrowth},
		{"better results wanting more is Growth", ModeAnswers{ResultsBetter, true, GapMore}, kam.ModeGrowth},
		{"expected results and no gap is Even Keel", ModeAnswers{ResultsAsExpected, false, ""}, kam.ModeEvenKeel},
		{"expected results and a gap of none is Even Keel", ModeAnswers{ResultsAsExpected, true, GapNone}, kam.ModeEvenKeel},
		{"no gap ignores a direction given anyway", ModeAnswers{ResultsAsExpected, false, GapMore}, kam.ModeEvenKeel},
		{"better results and no gap is Overconfident", ModeAnswers{ResultsBetter, false, ""}, kam.ModeOverconfident},
		{"better results and a gap of none is Overconfident", ModeAnswers{ResultsBetter, true, GapNone}, kam.ModeOverconfident},
		{"missing results is unknown", ModeAnswers{"", true, GapMore}, kam.ModeUnknown},
		{"a gap without direction is unknown", ModeAnswers{ResultsWorse, true, ""}, kam.ModeUnknown},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got := SuggestMode(c.answers)
			if got.Mode != c.want {
				t.Errorf("mode = %s, want %s", got.Mode, c.want)
			}
			if got.Why.ZH == "" || got.HowToSell.ZH == "" || got.Odds.EN == "" {
				t.Errorf("advice lacks words: %+v", got)
			}
		})
	}
	if err := (ModeAnswers{CurrentResults: "great"}).Validate(); !errors.Is(err, kam.ErrInvalid) {
		t.Errorf("Validate of a bad answer = %v, want ErrInvalid", err)
	}
}

func TestIdealScore(t *testing.T) {
	t.Parallel()
	crit := []kam.Criterion{
		{Meta: kam.Meta{ID: 1}, Name: "Industry", Weight: 3},
		{Meta: kam.Meta{ID: 2}, Name: "Budget", Weight: 1},
		{Meta: kam.Meta{ID: 3}, Name: "Retired", Weight: 0},
	}
	rate := func(pairs ...int) []kam.CriterionRating {
		var out []kam.CriterionRating
		for i := 0; i < len(pairs); i += 2 {
			out = append(out, kam.CriterionRating{AccountID: 1, CriterionID: int64(pairs[i]), Rating: pairs[i+1]})
		}
		return out
	}
	cases := []struct {
		name    string
		ratings []kam.CriterionRating
		want    *float64
	}{
		// (3·(5+5)·10 + 1·(-5+5)·10) / 4 = 300/4 = 75
		{"weighted mean of +5 and -5 is 75", rate(1, 5, 2, -5), ptr(75.0)},
		// only criterion 2: (0+5)·10 = 50
		{"one rating of 0 is 50", rate(2, 0), ptr(50.0)},
		{"a rating of +7 is clamped to 100", rate(1, 7), ptr(100.0)},
		{"weight 0 and unknown criteria do not count", rate(3, 5, 9, 5), nil},
		{"nothing rated is nil", nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got := IdealScore(crit, c.ratings)
			switch {
			case c.want == nil && got != nil:
				t.Errorf("score = %v, want nil", *got)
			case c.want != nil && (got == nil || *got != *c.want):
				t.Errorf("score = %v, want %v", got, *c.want)
			}
		})
	}
	accounts := []kam.Account{
		{Meta: kam.Meta{ID: 1}, Name: "B"}, {Meta: kam.Meta{ID: 2}, Name: "Unrated"},
		{Meta: kam.Meta{ID: 3}, Name: "A"}, {Meta: kam.Meta{ID: 4}, Name: "Best"},
	}
	ratings := []kam.CriterionRating{
		{AccountID: 1, CriterionID: 1, Rating: 0}, {AccountID: 3, CriterionID: 1, Rating: 0},
		{AccountID: 4, CriterionID: 1, Rating: 4},
	}
	var names []string
	for _, a := range RankAccounts(accounts, crit, ratings) {
		names = append(names, a.Account.Name)
	}
	if want := []string{"Best", "A", "B", "Unrated"}; !slices.Equal(names, want) {
		t.Errorf("ranking %v, want %v", names, want)
	}
}

func TestWorkOrder(t *testing.T) {
	t.Parallel()
	d := func(id int64, level kam.FunnelLevel, closeIn, health, high int) Deal {
		o := kam.Opportunity{Meta: kam.Meta{ID: id}, Level: level}
		if closeIn >= 0 {
			o.CloseDate = testToday.AddDays(closeIn)
		}
		return Deal{Opportunity: o, Health: health, HighFlags: high}
	}
	deals := []Deal{
		d(1, kam.LevelIn, 10, 50, 0),
		d(2, kam.LevelAbove, 90, 30, 0),
		d(3, kam.LevelBestFew, 40, 90, 0), // lowest health of Best few: first, though it closes later
		d(4, kam.LevelBestFew, 20, 95, 0),
		d(5, kam.LevelWon, 1, 99, 0),
		d(6, kam.LevelAbove, 90, 20, 0), // same close date as 2, lower health: before 2
		d(7, kam.LevelAbove, -1, 10, 3), // lowest health above: first, though undated
		d(8, kam.LevelLost, 1, 5, 0),
		d(9, kam.LevelBestFew, 20, 95, 2),  // same health and date as 4, more high flags: before 4
		d(10, kam.LevelIn, 5, 50, 0),       // same health as 1, closes sooner: before 1
		d(11, kam.LevelIn, -1, 50, 5),      // same health, undated: after 1 despite its high flags
		d(12, kam.LevelBestFew, 10, 95, 0), // same health as 4 and 9, closes sooner: before both
	}
	var got []int64
	for _, x := range WorkOrder(deals) {
		got = append(got, x.Opportunity.ID)
	}
	// Best few 3 (health 90), then 12, 9, 4 (health 95: by date, then flags);
	// Above 7 (10), 6 (20), 2 (30); In 10, 1, 11 (health 50: by date, undated last).
	if want := []int64{3, 12, 9, 4, 7, 6, 2, 10, 1, 11}; !slices.Equal(got, want) {
		t.Errorf("work order %v, want %v", got, want)
	}
	if deals[0].Opportunity.ID != 1 {
		t.Error("WorkOrder changed its input")
	}
}
