package web

import (
	"context"
	"strings"

	"kam/internal/auth"
	"kam/internal/kam"
	"kam/internal/store"
)

// dbStore is the service's auth.Store (sessions and sign-in throttles in the
// database), with the user lookup signing in needs.
type dbStore struct {
	auth.Store
	db *store.DB
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
