package web

import (
	"context"
	"strings"
	"time"

	"kam/internal/auth"
	"kam/internal/kam"
	"kam/internal/store"
)

// dbStore keeps sessions and sign-in throttles in kam's database: it is
// auth.Store over the store package, one short transaction per call.
type dbStore struct{ db *store.DB }

var _ auth.Store = (*dbStore)(nil)

func (d *dbStore) InsertSession(ctx context.Context, s kam.Session) error {
	return d.db.Write(ctx, func(tx *store.Tx) error { return store.InsertSession(ctx, tx, s) })
}

func (d *dbStore) GetSession(ctx context.Context, idHash string) (kam.Session, error) {
	var s kam.Session
	err := d.db.Read(ctx, func(tx *store.Tx) error {
		var err error
		s, err = store.GetSession(ctx, tx, idHash)
		return err
	})
	return s, err
}

func (d *dbStore) TouchSession(ctx context.Context, idHash string, at time.Time) error {
	return d.db.Write(ctx, func(tx *store.Tx) error { return store.TouchSession(ctx, tx, idHash, at) })
}

func (d *dbStore) DeleteSession(ctx context.Context, idHash string) error {
	return d.db.Write(ctx, func(tx *store.Tx) error { return store.DeleteSession(ctx, tx, idHash) })
}

func (d *dbStore) DeleteUserSessions(ctx context.Context, userID int64) error {
	return d.db.Write(ctx, func(tx *store.Tx) error { return store.DeleteUserSessions(ctx, tx, userID) })
}

func (d *dbStore) GetThrottle(ctx context.Context, key string) (kam.LoginThrottle, error) {
	var t kam.LoginThrottle
	err := d.db.Read(ctx, func(tx *store.Tx) error {
		var err error
		t, err = store.GetThrottle(ctx, tx, key)
		return err
	})
	return t, err
}

func (d *dbStore) PutThrottle(ctx context.Context, t kam.LoginThrottle) error {
	return d.db.Write(ctx, func(tx *store.Tx) error { return store.PutThrottle(ctx, tx, t) })
}

func (d *dbStore) DeleteThrottle(ctx context.Context, key string) error {
	return d.db.Write(ctx, func(tx *store.Tx) error { return store.DeleteThrottle(ctx, tx, key) })
}

// userByEmail finds the user who signs in with email; kam.ErrNotFound when
// none does.
func (d *dbStore) userByEmail(ctx context.Context, email string) (kam.User, error) {
	var u kam.User
	err := d.db.Read(ctx, func(tx *store.Tx) error {
		var err error
		u, err = store.GetUserByEmail(ctx, tx, strings.ToLower(strings.TrimSpace(email)))
		return err
	})
	return u, err
}
