package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// cacheChannel is the PostgreSQL notification channel on which kam
// instances sharing a database tell each other to forget cached state.
const cacheChannel = "kam_cache"

// NotifyCaches tells every kam instance on this database, when tx commits,
// to forget the cached state named by what ("settings", "weights"). On
// SQLite, which one instance serves, it does nothing: the caller forgets its
// own cache.
func NotifyCaches(ctx context.Context, tx *Tx, what string) error {
	if tx.Dialect() != Postgres {
		return nil
	}
	_, err := tx.exec(ctx, "SELECT pg_notify('"+cacheChannel+"', ?)", what)
	return err
}

// ListenCaches calls forget with each payload NotifyCaches sends on this
// database, until ctx ends; on SQLite it returns at once. A lost connection
// is opened again (after a second, doubling up to half a minute), and
// forget("") is called after every reconnection, because notifications
// sent while no connection listened are lost. ready, if not nil, is closed
// once the first LISTEN is in force.
func (db *DB) ListenCaches(ctx context.Context, forget func(what string), ready chan<- struct{}) {
	if db.dialect != Postgres {
		if ready != nil {
			close(ready)
		}
		return
	}
	wait := time.Second
	first := true
	for ctx.Err() == nil {
		err := db.listenOnce(ctx, forget, func() {
			if first {
				first = false
				if ready != nil {
					close(ready)
				}
			} else {
				forget("")
			}
			wait = time.Second
		})
		if ctx.Err() != nil {
			return
		}
		_ = err
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(2*wait, 30*time.Second)
	}
}

func (db *DB) listenOnce(ctx context.Context, forget func(string), listening func()) error {
	conn, err := pgx.Connect(ctx, db.dsn)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+cacheChannel); err != nil {
		return err
	}
	listening()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		forget(n.Payload)
	}
}
