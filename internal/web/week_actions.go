package web

import (
	"cmp"
	"context"
	"slices"

	"kam/internal/kam"
	"kam/internal/store"
)

// weekActions picks the open actions due by a week from today, overdue
// first, then by due date (and by id, so the order is stable), each naming
// its deal: from names (the deals of the work order) or, for an action on a
// deal outside it — a manager's action on a seller's deal, say — from the
// deals the actor sees, read in one list. A deal the actor cannot see is
// left unnamed, never shown as a bare id.
func (a *app) weekActions(ctx context.Context, actor kam.Actor, acts []kam.Action, names map[int64]string, today kam.Date) ([]weekAction, error) {
	horizon := today.AddDays(weekAhead)
	var out []weekAction
	var missing []int64
	for _, x := range acts {
		if x.Status != kam.ActionOpen || x.Due.IsZero() || x.Due.After(horizon) {
			continue
		}
		if _, ok := names[x.OpportunityID]; !ok && !slices.Contains(missing, x.OpportunityID) {
			missing = append(missing, x.OpportunityID)
		}
		out = append(out, weekAction{A: x, Overdue: x.Due.Before(today)})
	}
	for start := 0; start < len(missing); start += store.MaxLimit {
		ids := missing[start:min(start+store.MaxLimit, len(missing))]
		opps, err := listAll(ctx, a.svc.Opportunities, actor, store.OpportunityFilter{ListOptions: store.ListOptions{IDs: ids}}, len(ids))
		if err != nil {
			return nil, err
		}
		for _, o := range opps {
			names[o.ID] = o.Name
		}
	}
	for i := range out {
		out[i].Opp = names[out[i].A.OpportunityID]
	}
	slices.SortStableFunc(out, func(x, y weekAction) int {
		if x.Overdue != y.Overdue {
			if x.Overdue {
				return -1
			}
			return 1
		}
		if c := x.A.Due.Time().Compare(y.A.Due.Time()); c != 0 {
			return c
		}
		return cmp.Compare(x.A.ID, y.A.ID)
	})
	return out, nil
}
