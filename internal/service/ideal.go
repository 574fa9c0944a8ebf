package service

import (
	"context"
	"slices"

	"kam/internal/kam"
	"kam/internal/store"
)

// IdealScores returns the ideal-customer score (理想型客户得分, 0–100) of
// each account in accountIDs that the actor may see and that is rated on at
// least one live criterion. Accounts the actor cannot see, deleted accounts
// and unrated accounts are absent from the map. It reads in one transaction
// with a fixed number of queries per 500 ids, never one per account.
func (s *Service) IdealScores(ctx context.Context, a kam.Actor, accountIDs []int64) (map[int64]float64, error) {
	out := map[int64]float64{}
	if len(accountIDs) == 0 {
		return out, nil
	}
	ids := slices.Clone(accountIDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		for chunk := range slices.Chunk(ids, store.MaxLimit) {
			// The scope decides which of the ids count: one query for the
			// visible accounts, one for their scores.
			visible, _, err := store.Accounts.List(ctx, tx, store.AccountFilter{ListOptions: store.ListOptions{Scope: scopeOf(a), IDs: chunk, Limit: store.MaxLimit}})
			if err != nil {
				return err
			}
			seen := make([]int64, len(visible))
			for i := range visible {
				seen[i] = visible[i].ID
			}
			scores, err := store.IdealScores(ctx, tx, seen)
			if err != nil {
				return err
			}
			for id, v := range scores {
				out[id] = v
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
