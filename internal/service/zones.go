package service

import (
	"context"
	"errors"
	"time"

	"kam/internal/kam"
	"kam/internal/store"
)

// locationOf is the actor's time zone, UTC when unset.
func locationOf(a kam.Actor) *time.Location {
	if a.Location == nil {
		return time.UTC
	}
	return a.Location
}

// ownerZones finds the time zones of deal owners, each read once: "today"
// for the method's overdue and due rules is the owner's day.
type ownerZones struct {
	tx   *store.Tx
	ctx  context.Context
	locs map[int64]*time.Location
}

func newOwnerZones(ctx context.Context, tx *store.Tx) *ownerZones {
	return &ownerZones{tx: tx, ctx: ctx, locs: map[int64]*time.Location{}}
}

// of returns the time zone of user id; UTC for an unknown user.
func (z *ownerZones) of(id int64) (*time.Location, error) {
	if loc, ok := z.locs[id]; ok {
		return loc, nil
	}
	loc := time.UTC
	if id != 0 {
		u, err := store.Users.Get(z.ctx, z.tx, id)
		switch {
		case err == nil:
			loc = u.Location()
		case !errors.Is(err, kam.ErrNotFound):
			return nil, err
		}
	}
	z.locs[id] = loc
	return loc, nil
}

// ownersNow is the moment now as the owner of picture p reads the clock:
// the method takes "today" from its location. The picture's own instants
// are put in the same zone (inZone), so that their days are the owner's
// days too.
func (z *ownerZones) ownersNow(p *kam.OpportunityPicture, now time.Time) (time.Time, error) {
	loc, err := z.of(p.Opportunity.OwnerID)
	if err != nil {
		return now, err
	}
	inZone(p, loc)
	return now.In(loc), nil
}

// ownerNow is the service's now in the time zone of the owner of p.
func (s *Service) ownerNow(ctx context.Context, tx *store.Tx, p *kam.OpportunityPicture) (time.Time, error) {
	return newOwnerZones(ctx, tx).ownersNow(p, s.now())
}

// inZone writes the instants of picture p that the method reads as days in
// loc, the owner's time zone: a visit at 01:00 in Beijing happened on that
// Beijing day, not the UTC day before. The instants stay the same moments.
func inZone(p *kam.OpportunityPicture, loc *time.Location) {
	o := &p.Opportunity
	o.CreatedAt, o.UpdatedAt = o.CreatedAt.In(loc), o.UpdatedAt.In(loc)
	for i := range p.Interactions {
		p.Interactions[i].At = p.Interactions[i].At.In(loc)
	}
	for i := range p.LevelHistory {
		p.LevelHistory[i].At = p.LevelHistory[i].At.In(loc)
	}
	for i := range p.CallPlans {
		p.CallPlans[i].At = p.CallPlans[i].At.In(loc)
	}
	for i := range p.Needs {
		p.Needs[i].HeardAt = p.Needs[i].HeardAt.In(loc)
	}
	if p.LastReviewAt != nil {
		t := p.LastReviewAt.In(loc)
		p.LastReviewAt = &t
	}
}
