package service

import (
	"context"
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
	// at is the instant behind date, for an interaction's time: a change
	// of the time within the same day is a change all the same.
	at  time.Time
	msg kam.Text
}

// changed reports whether p differs from q, the same date of the stored
// record. A time is compared as an instant: the same moment written in
// another time zone is no change.
func (p pastDate) changed(q pastDate) bool {
	if !p.at.IsZero() || !q.at.IsZero() {
		return !p.at.Equal(q.at)
	}
	return !p.date.Time().Equal(q.date.Time())
}

// replayKey marks a context as replaying records kam accepted before.
type replayKey struct{}

// Replaying returns ctx marked as replaying records that kam accepted
// before: the import of an export. A date that records the past and lies
// after today is then not refused — the record holding it was accepted
// before this check existed, and an export must import again. The rest of
// the validation, scope and audit are the same.
func Replaying(ctx context.Context) context.Context {
	return context.WithValue(ctx, replayKey{}, true)
}

func replaying(ctx context.Context) bool {
	ok, _ := ctx.Value(replayKey{}).(bool)
	return ok
}

// validateWith runs e's validation on v and, unless ctx replays an import,
// checks that the dates that record the past lie no later than today. On an
// update (before is the stored record) only a date that changes is held to
// that: a record that already holds a future date, accepted before the check
// existed, stays editable. Problems are added to the validation's own, each
// on its field, so that one answer lists all of them.
func (e *Entity[T]) validateWith(ctx context.Context, before, v *T) error {
	err := e.validate(v)
	if e.pasts == nil || replaying(ctx) {
		return err
	}
	var ve *kam.ValidationError
	if err != nil && !errors.As(err, &ve) {
		return err
	}
	if ve == nil {
		ve = &kam.ValidationError{}
	}
	var was []pastDate
	if before != nil {
		was = e.pasts(before)
	}
	today := e.s.today()
	for i, p := range e.pasts(v) {
		if i < len(was) && !p.changed(was[i]) {
			continue
		}
		if !p.date.IsZero() && p.date.After(today) {
			ve.Add(p.field, p.msg)
		}
	}
	return ve.Err()
}

func accountPast(a *kam.Account) []pastDate {
	return []pastDate{{field: "reorganising_since", date: a.ReorganisingSince, msg: msgInFuture}}
}

func contactPast(c *kam.Contact) []pastDate {
	return []pastDate{
		{field: "status_date", date: c.StatusDate, msg: msgInFuture},
		{field: "in_post_since", date: c.InPostSince, msg: msgInFuture},
	}
}

func opportunityPast(o *kam.Opportunity) []pastDate {
	return []pastDate{
		{field: "engaged_on", date: o.EngagedOn, msg: msgInFuture},
		{field: "tender_published_on", date: o.TenderPublishedOn, msg: msgInFuture},
	}
}

// interactionPast: an interaction happened, so its day, where it was
// logged, is no later than today.
func interactionPast(in *kam.Interaction) []pastDate {
	var d kam.Date
	if !in.At.IsZero() {
		d = kam.DateOf(in.At)
	}
	return []pastDate{{field: "at", date: d, at: in.At, msg: msgAtInFuture}}
}
