package method

import (
	"fmt"

	"kam/internal/kam"
)

// Settings are the thresholds of the red-flag rules, the figures written in
// italics in the catalogue (docs/redflags.md).
type Settings struct {
	// NewInJobDays: a buyer in the post fewer days than this is new in the job.
	NewInJobDays int `json:"new_in_job_days"`
	// StaleContactDays: a key buyer without an interaction for this many days
	// is a stale contact.
	StaleContactDays int `json:"stale_contact_days"`
	// NextActionDays: an open action due within this many days counts as the
	// next action.
	NextActionDays int `json:"next_action_days"`
	// ReorganisationDays: a reorganisation started fewer days ago than this is
	// still a red flag.
	ReorganisationDays int `json:"reorganisation_days"`
	// SalesCycleDays is the usual sales cycle; a Best few deal must close
	// within half of it.
	SalesCycleDays int `json:"sales_cycle_days"`
	// LowIdealFit: an ideal-customer score below this (0–100) is a low fit.
	LowIdealFit float64 `json:"low_ideal_fit"`
	// CallPlanDays: a meeting with a key buyer within this many days needs a
	// call plan with a best and a minimum commitment.
	CallPlanDays int `json:"call_plan_days"`
	// ReviewDays: a deal that needs reviews without one for this many days
	// is overdue for a review.
	ReviewDays int `json:"review_days"`
	// ReviewAmount: an open deal of at least this amount (in its own
	// currency's whole units) needs reviews even before Best few; 0 makes
	// every open deal need them.
	ReviewAmount int64 `json:"review_amount"`
}

// DefaultSettings returns the catalogue's defaults: 90, 30, 14, 90 and 90
// days, an ideal-customer score of 40, 7 and 28 days for call plans and
// reviews, and a review amount of 1,000,000.
func DefaultSettings() Settings {
	return Settings{
		NewInJobDays:       90,
		StaleContactDays:   30,
		NextActionDays:     14,
		ReorganisationDays: 90,
		SalesCycleDays:     90,
		LowIdealFit:        40,
		CallPlanDays:       7,
		ReviewDays:         28,
		ReviewAmount:       1_000_000,
	}
}

// maxReviewAmount bounds the review amount: a trillion is beyond any deal.
const maxReviewAmount = 1e12

// maxSettingDays bounds the day thresholds: ten years is already absurd.
const maxSettingDays = 3650

// Validate checks every threshold. It returns a *kam.ValidationError (which
// matches kam.ErrInvalid) naming each field that is out of range, or nil.
func (s Settings) Validate() error {
	var v kam.ValidationError
	days := []struct {
		field string
		value int
	}{
		{"new_in_job_days", s.NewInJobDays},
		{"stale_contact_days", s.StaleContactDays},
		{"next_action_days", s.NextActionDays},
		{"reorganisation_days", s.ReorganisationDays},
		{"sales_cycle_days", s.SalesCycleDays},
		{"call_plan_days", s.CallPlanDays},
		{"review_days", s.ReviewDays},
	}
	for _, d := range days {
		if d.value < 1 || d.value > maxSettingDays {
			v.Add(d.field, kam.T(
				fmt.Sprintf("must be a number of days between 1 and %d", maxSettingDays),
				fmt.Sprintf("必须是 1 到 %d 之间的天数", maxSettingDays)))
		}
	}
	// The negated form also rejects NaN.
	if !(s.LowIdealFit >= 0 && s.LowIdealFit <= 100) {
		v.Add("low_ideal_fit", kam.T("must be a score between 0 and 100", "必须是 0 到 100 之间的分数"))
	}
	if s.ReviewAmount < 0 || s.ReviewAmount > maxReviewAmount {
		v.Add("review_amount", kam.T(
			fmt.Sprintf("must be an amount between 0 and %d", int64(maxReviewAmount)),
			fmt.Sprintf("必须是 0 到 %d 之间的金额", int64(maxReviewAmount))))
	}
	return v.Err()
}
