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
}

// DefaultSettings returns the catalogue's defaults: 90, 30, 14, 90 and 90
// days, and an ideal-customer score of 40.
func DefaultSettings() Settings {
	return Settings{
		NewInJobDays:       90,
		StaleContactDays:   30,
		NextActionDays:     14,
		ReorganisationDays: 90,
		SalesCycleDays:     90,
		LowIdealFit:        40,
	}
}

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
	return v.Err()
}
