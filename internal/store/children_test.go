package store

import (
	"context"
	"testing"
	"time"

	"kam/internal/kam"
)

// TestChildRowsBeyondOneStatementsParameters: a list longer than one
// statement's bound parameters allow (11,000 users × 3 columns is over
// SQLite's 32,766) is written in chunks, on both databases, and read back
// whole and in order. (The service caps such lists far lower; the store
// does not rely on it.)
func TestChildRowsBeyondOneStatementsParameters(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		const n = 11000
		it := kam.Interaction{OpportunityID: w.opp1.ID, Kind: kam.InteractionCall, At: t0.Truncate(time.Microsecond)}
		for i := range n {
			it.UserIDs = append(it.UserIDs, []int64{w.rep1.ID, w.rep2.ID}[i%2])
		}
		write(t, db, func(tx *Tx) error { return Interactions.Insert(ctx, tx, &it) })
		read(t, db, func(tx *Tx) error {
			got, err := Interactions.Get(ctx, tx, it.ID)
			if err != nil {
				return err
			}
			if len(got.UserIDs) != n || got.UserIDs[0] != w.rep1.ID || got.UserIDs[n-1] != w.rep2.ID {
				t.Errorf("read back %d users, want %d in order", len(got.UserIDs), n)
			}
			return nil
		})
	})
}
