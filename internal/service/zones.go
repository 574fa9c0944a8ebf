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
// the method takes "today" from its location.
func (z *ownerZones) ownersNow(p *kam.OpportunityPicture, now time.Time) (time.Time, error) {
	loc, err := z.of(p.Opportunity.OwnerID)
	if err != nil {
		return now, err
	}
	return now.In(loc), nil
}

// ownerNow is the service's now in the time zone of the owner of p.
func (s *Service) ownerNow(ctx context.Context, tx *store.Tx, p *kam.OpportunityPicture) (time.Time, error) {
	return newOwnerZones(ctx, tx).ownersNow(p, s.now())
}
