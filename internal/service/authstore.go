package service

import (
	"context"
	"time"

	"kam/internal/auth"
	"kam/internal/kam"
	"kam/internal/store"
)

// authStore keeps sessions and sign-in throttles in kam's database: it is
// auth.Store over the store package, one short transaction per call.
type authStore struct{ db *store.DB }

var _ auth.Store = authStore{}

// AuthStore returns the store of sessions and sign-in throttles, shared by
// every kam instance on the database.
func (s *Service) AuthStore() auth.Store { return authStore{s.db} }

func (d authStore) InsertSession(ctx context.Context, s kam.Session) error {
	return d.db.Write(ctx, func(tx *store.Tx) error { return store.InsertSession(ctx, tx, s) })
}

func (d authStore) GetSession(ctx context.Context, idHash string) (kam.Session, error) {
	var s kam.Session
	err := d.db.Read(ctx, func(tx *store.Tx) error {
		var err error
		s, err = store.GetSession(ctx, tx, idHash)
		return err
	})
	return s, err
}

func (d authStore) TouchSession(ctx context.Context, idHash string, at time.Time) error {
	return d.db.Write(ctx, func(tx *store.Tx) error { return store.TouchSession(ctx, tx, idHash, at) })
}

func (d authStore) DeleteSession(ctx context.Context, idHash string) error {
	return d.db.Write(ctx, func(tx *store.Tx) error { return store.DeleteSession(ctx, tx, idHash) })
}

func (d authStore) DeleteUserSessions(ctx context.Context, userID int64) error {
	return d.db.Write(ctx, func(tx *store.Tx) error { return store.DeleteUserSessions(ctx, tx, userID) })
}

func (d authStore) GetThrottle(ctx context.Context, key string) (kam.LoginThrottle, error) {
	var t kam.LoginThrottle
	err := d.db.Read(ctx, func(tx *store.Tx) error {
		var err error
		t, err = store.GetThrottle(ctx, tx, key)
		return err
	})
	return t, err
}

// UpdateThrottles locks the keys' rows in the order given, in one write
// transaction, so parallel sign-ins for one account are counted one after
// the other.
func (d authStore) UpdateThrottles(ctx context.Context, keys []string, fn func(ts []kam.LoginThrottle)) error {
	return d.db.Write(ctx, func(tx *store.Tx) error {
		ts := make([]kam.LoginThrottle, len(keys))
		for i, k := range keys {
			var err error
			if ts[i], err = store.LockThrottle(ctx, tx, k); err != nil {
				return err
			}
		}
		fn(ts)
		for i, t := range ts {
			t.Key = keys[i]
			var err error
			if t.Failures == 0 && t.LockedUntil.IsZero() {
				err = store.DeleteThrottle(ctx, tx, t.Key)
			} else {
				err = store.PutThrottle(ctx, tx, t)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}

func (d authStore) DeleteThrottle(ctx context.Context, key string) error {
	return d.db.Write(ctx, func(tx *store.Tx) error { return store.DeleteThrottle(ctx, tx, key) })
}
