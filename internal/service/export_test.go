package service

import (
	"context"

	"kam/internal/kam"
	"kam/internal/method"
	"kam/internal/store"
)

// SetAfterPicture makes Strategy call f inside its read transaction, right
// after the picture is read (its snapshot has begun).
func SetAfterPicture(s *Service, f func()) { s.afterPicture = f }

// FitSampleIDs returns the ids of the closed deals a health fit for a
// learns from.
func FitSampleIDs(ctx context.Context, s *Service, a kam.Actor) ([]int64, error) {
	var ids []int64
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		var err error
		ids, err = fitSampleIDs(ctx, tx, scopeOf(a))
		return err
	})
	return ids, err
}

// CachedSettings exposes the read paths' thresholds to the tests.
func (s *Service) CachedSettings(ctx context.Context) (method.Settings, error) {
	return s.cachedSettings(ctx)
}
