package service

import (
	"errors"
	"time"

	"kam/internal/kam"
)

// Some dates record what has already happened: an account began to
// reorganise, a contact took up their post or left it, we engaged on a deal,
// a tender was published, an interaction took place. Those cannot lie in the
// future. The kam validators have no clock, so the service, which has one
// (Options.Now), checks them here; dates that plan (an action's due date, a
// deal's close date) may lie ahead.
//
// "Today" is the date in the easternmost time zone, UTC+14: the latest date
// anywhere on Earth at the moment. A user east of the server (Beijing, when
// the server keeps UTC) is then never refused today's date, at the cost of
// accepting, from a user west of it, a date up to one day ahead. An
// interaction's time is held to the same rule by its calendar day in the
// time zone it was given in (the web's forms give UTC), which leaves the
// rest of today as a tolerance: a meeting logged while it runs, or with its
// end rounded up, passes; one logged for tomorrow does not.
var eastmost = time.FixedZone("UTC+14", 14*60*60)

// msgInFuture is the problem with a past date that lies ahead.
var msgInFuture = kam.T("cannot be in the future", "不能是将来的日期")

// msgAtInFuture is the problem with an interaction logged after today.
var msgAtInFuture = kam.T("cannot be later than today: log an interaction once it has happened",
	"不能晚于今天：互动发生后再记录")

// today returns the latest calendar date anywhere at the service's now.
func (s *Service) today() kam.Date { return kam.DateOf(s.now().In(eastmost)) }

// pastDate is one date of a record that must not lie after today.
type pastDate struct {
	field string
	date  kam.Date
}

// withPast extends validate with the check that the dates pasts returns lie
// no later than today. Problems are added to validate's own, each on its
// field, so that one answer lists all of them.
func withPast[T any](s *Service, validate func(*T) error, pasts func(*T) []pastDate) func(*T) error {
	return func(v *T) error {
		err := validate(v)
		var ve *kam.ValidationError
		if err != nil && !errors.As(err, &ve) {
			return err
		}
		if ve == nil {
			ve = &kam.ValidationError{}
		}
		today := s.today()
		for _, p := range pasts(v) {
			if !p.date.IsZero() && p.date.After(today) {
				ve.Add(p.field, msgInFuture)
			}
		}
		return ve.Err()
	}
}

func accountPast(a *kam.Account) []pastDate {
	return []pastDate{{"reorganising_since", a.ReorganisingSince}}
}

func contactPast(c *kam.Contact) []pastDate {
	return []pastDate{{"status_date", c.StatusDate}, {"in_post_since", c.InPostSince}}
}

func opportunityPast(o *kam.Opportunity) []pastDate {
	return []pastDate{{"engaged_on", o.EngagedOn}, {"tender_published_on", o.TenderPublishedOn}}
}

// validateInteraction is the interaction's validation plus: it happened, so
// its day, where it was logged, is no later than today.
func (s *Service) validateInteraction(in *kam.Interaction) error {
	err := in.Validate()
	var ve *kam.ValidationError
	if err != nil && !errors.As(err, &ve) {
		return err
	}
	if ve == nil {
		ve = &kam.ValidationError{}
	}
	if !in.At.IsZero() && kam.DateOf(in.At).After(s.today()) {
		ve.Add("at", msgAtInFuture)
	}
	return ve.Err()
}
