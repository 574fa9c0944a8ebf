package method

import (
	"cmp"
	"slices"

	"kam/internal/kam"
)

// Deal is an opportunity with what the work order needs to know of it.
type Deal struct {
	Opportunity kam.Opportunity `json:"opportunity"`
	Health      int             `json:"health"`
	HighFlags   int             `json:"high_flags"`
}

// WorkOrder returns the open deals in the order to work them this week:
// Best few first, then Above the funnel (prospecting keeps the funnel
// filled), then In the funnel — the method's order against the
// feast-then-famine roller coaster. Inside each level, as the method puts
// it, "by health and by the nearest close date": the lower health first
// (the deal most at risk of slipping), then, between deals of equal health,
// the nearest close date (deals without one last), then more open high
// flags, then id. Won and lost deals are left out. The input is not changed.
func WorkOrder(deals []Deal) []Deal {
	out := make([]Deal, 0, len(deals))
	for _, d := range deals {
		if d.Opportunity.Level.Open() {
			out = append(out, d)
		}
	}
	rank := func(l kam.FunnelLevel) int {
		switch l {
		case kam.LevelBestFew:
			return 0
		case kam.LevelAbove:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(out, func(a, b Deal) int {
		if c := cmp.Compare(rank(a.Opportunity.Level), rank(b.Opportunity.Level)); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Health, b.Health); c != 0 {
			return c
		}
		ac, bc := a.Opportunity.CloseDate, b.Opportunity.CloseDate
		switch {
		case ac.IsZero() != bc.IsZero():
			if ac.IsZero() {
				return 1
			}
			return -1
		case ac.Before(bc):
			return -1
		case bc.Before(ac):
			return 1
		}
		if c := cmp.Compare(b.HighFlags, a.HighFlags); c != 0 {
			return c
		}
		return cmp.Compare(a.Opportunity.ID, b.Opportunity.ID)
	})
	return out
}
