// Package store keeps kam's records in SQLite or PostgreSQL.
//
// SQL is written by hand in the subset both databases share, with `?`
// placeholders rebound for PostgreSQL in one place (Tx.rebind). The real
// differences between the dialects (identity columns, column types) live in
// the two migration folders; upserts use ON CONFLICT, which both speak.
// Driver errors are mapped to kam's error kinds in errors.go, one function
// per driver. Every function takes a context and runs inside a
// transaction opened by DB.Read or DB.Write.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers driver "pgx"
	_ "modernc.org/sqlite"             // registers driver "sqlite"

	"kam/internal/reqinfo"
)

// Dialect names the database behind a DB.
type Dialect int

// The supported databases.
const (
	SQLite Dialect = iota
	Postgres
)

// String returns "sqlite" or "postgres".
func (d Dialect) String() string {
	if d == Postgres {
		return "postgres"
	}
	return "sqlite"
}

// DB is an open database. It is safe for concurrent use.
type DB struct {
	// Clock is the time source of write transactions; nil means time.Now.
	// Tests set it to make timestamps predictable.
	Clock func() time.Time

	dialect Dialect
	write   *sql.DB // SQLite: one connection, so writers queue instead of failing
	read    *sql.DB // SQLite: several read-only connections; PostgreSQL: same as write
	cleanup func()  // removes the temporary file behind ":memory:"
	dsn     string  // PostgreSQL: for the listening connection (Listen)

	// queries counts statements sent, so tests can prove a fixed query count.
	queries atomic.Int64
	// txs counts transactions begun: each costs a BEGIN and a COMMIT (or
	// ROLLBACK) beside its statements.
	txs atomic.Int64
}

// Counts reports how many statements and transactions the DB has run since
// it was opened; a benchmark's round trips to PostgreSQL are the statements
// plus two per transaction.
func (db *DB) Counts() (statements, transactions int64) {
	return db.queries.Load(), db.txs.Load()
}

// Statements returns how many SQL statements the store has sent through its
// transactions since it was opened. Tests read it before and after a request
// to prove that the request's query count does not grow with the data; the
// store's own tests read the same counter.
func (db *DB) Statements() int64 { return db.queries.Load() }

// readConns is the size of SQLite's read pool; readers never block each other
// in WAL mode, so a handful serve the whole application.
const readConns = 4

// Open connects to dsn. A dsn starting with "postgres://" or "postgresql://"
// opens PostgreSQL through pgx; anything else is a SQLite file path, and
// ":memory:" is a private temporary database removed on Close. Open checks the
// connection but does not migrate; call Migrate.
func Open(ctx context.Context, dsn string) (*DB, error) {
	db := &DB{}
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		db.dialect = Postgres
		db.dsn = dsn
		pool, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("store: open postgres: %w", err)
		}
		pool.SetMaxOpenConns(16)
		pool.SetMaxIdleConns(16)
		pool.SetConnMaxIdleTime(5 * time.Minute)
		db.write, db.read = pool, pool
	} else {
		path := dsn
		if dsn == ":memory:" {
			// A plain in-memory database is private to one connection; the
			// writer and the readers must share it, so use a temporary file.
			dir, err := os.MkdirTemp("", "kam-store-*")
			if err != nil {
				return nil, fmt.Errorf("store: temp dir: %w", err)
			}
			path = filepath.Join(dir, "kam.db")
			db.cleanup = func() { os.RemoveAll(dir) }
		}
		path = strings.TrimPrefix(path, "file:")
		if i := strings.IndexByte(path, '?'); i >= 0 {
			path = path[:i]
		}
		// busy_timeout comes first so the other pragmas wait instead of failing.
		// synchronous(FULL): a commit is on disk before it is acknowledged, so
		// not even a power cut loses a saved change (NORMAL could lose the
		// last ones). cache_size (32 MiB per connection) and mmap_size
		// (256 MiB) keep a big sales organisation's hot pages in memory
		// instead of reading them through a system call each time: the
		// funnel report of a 100,000-deal team went from 250 to 125 ms.
		pragmas := "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)&_pragma=cache_size(-32768)&_pragma=mmap_size(268435456)"
		base := path + "?" + pragmas
		w, err := sql.Open("sqlite", base+"&_txlock=immediate")
		if err != nil {
			db.closeFiles()
			return nil, fmt.Errorf("store: open sqlite: %w", err)
		}
		w.SetMaxOpenConns(1)
		w.SetMaxIdleConns(1)
		w.SetConnMaxIdleTime(0)
		w.SetConnMaxLifetime(0)
		db.write = w
		// The writer creates the file and switches it to WAL before any
		// reader opens it.
		if err := w.PingContext(ctx); err != nil {
			db.Close()
			return nil, fmt.Errorf("store: open sqlite %s: %w", path, err)
		}
		r, err := sql.Open("sqlite", base+"&_pragma=query_only(1)")
		if err != nil {
			db.Close()
			return nil, fmt.Errorf("store: open sqlite: %w", err)
		}
		r.SetMaxOpenConns(readConns)
		r.SetMaxIdleConns(readConns)
		db.read = r
	}
	if err := db.Ping(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Pools returns the connection pools, for their statistics: on SQLite the
// single writer and the readers, on PostgreSQL one pool twice.
func (db *DB) Pools() (write, read *sql.DB) { return db.write, db.read }

// Dialect reports which database db talks to.
func (db *DB) Dialect() Dialect { return db.dialect }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.write.PingContext(ctx); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	if db.read != db.write {
		if err := db.read.PingContext(ctx); err != nil {
			return fmt.Errorf("store: ping readers: %w", err)
		}
	}
	return nil
}

// Close closes every connection; a ":memory:" database is deleted.
func (db *DB) Close() error {
	var err error
	if db.read != nil && db.read != db.write {
		err = db.read.Close()
	}
	if db.write != nil {
		err = errors.Join(err, db.write.Close())
	}
	db.closeFiles()
	return err
}

func (db *DB) closeFiles() {
	if db.cleanup != nil {
		db.cleanup()
		db.cleanup = nil
	}
}

func (db *DB) now() time.Time {
	clock := db.Clock
	if clock == nil {
		clock = time.Now
	}
	return clock().UTC().Truncate(time.Microsecond)
}

// Read runs fn in a read-only transaction (on SQLite, on the read pool). fn
// must not write; its error is returned as is.
func (db *DB) Read(ctx context.Context, fn func(tx *Tx) error) error {
	return db.run(ctx, db.read, &sql.TxOptions{ReadOnly: true}, fn)
}

// Write runs fn in a read-write transaction and commits when fn returns nil;
// fn's error rolls everything back and is returned as is. On SQLite writers
// queue on one connection (BEGIN IMMEDIATE), so they never fail with
// "database is locked".
func (db *DB) Write(ctx context.Context, fn func(tx *Tx) error) error {
	return db.run(ctx, db.write, nil, fn)
}

// ReadEach runs fn's statements on the read pool each on its own, outside
// any transaction: no BEGIN and COMMIT, so two round trips fewer on
// PostgreSQL, but no snapshot is shared between the statements either. It
// suits a read whose statements need no common snapshot (a token, then its
// user). fn must not write; its error is returned as is.
func (db *DB) ReadEach(ctx context.Context, fn func(tx *Tx) error) error {
	return fn(&Tx{tx: db.read, db: db, now: db.now()})
}

func (db *DB) run(ctx context.Context, pool *sql.DB, opts *sql.TxOptions, fn func(tx *Tx) error) (err error) {
	db.txs.Add(1)
	stx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	tx := &Tx{tx: stx, db: db, now: db.now()}
	defer func() {
		if p := recover(); p != nil {
			_ = stx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = stx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	if err = stx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", mapErr(err))
	}
	return nil
}

// Tx is one transaction (or, from ReadEach, statements run one by one). It
// is not safe for concurrent use.
type Tx struct {
	tx  conn
	db  *DB
	now time.Time
}

// conn is what a Tx sends its statements to: a *sql.Tx, or a pool for
// ReadEach.
type conn interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Now is the transaction's clock reading, UTC, to the microsecond: every
// timestamp a write sets comes from it.
func (tx *Tx) Now() time.Time { return tx.now }

// Dialect reports which database the transaction runs on.
func (tx *Tx) Dialect() Dialect { return tx.db.dialect }

// rebind turns `?` placeholders into `$1…` for PostgreSQL. Queries never hold
// a literal question mark, so no quoting rules are needed.
func (tx *Tx) rebind(q string) string {
	if tx.db.dialect != Postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

func (tx *Tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	tx.db.queries.Add(1)
	reqinfo.CountStatement(ctx)
	rows, err := tx.tx.QueryContext(ctx, tx.rebind(q), args...)
	if err != nil {
		return nil, mapErr(err)
	}
	return rows, nil
}

func (tx *Tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	tx.db.queries.Add(1)
	reqinfo.CountStatement(ctx)
	return tx.tx.QueryRowContext(ctx, tx.rebind(q), args...)
}

func (tx *Tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	tx.db.queries.Add(1)
	reqinfo.CountStatement(ctx)
	res, err := tx.tx.ExecContext(ctx, tx.rebind(q), args...)
	if err != nil {
		return nil, mapErr(err)
	}
	return res, nil
}

// execN runs q and returns the number of rows it changed.
func (tx *Tx) execN(ctx context.Context, q string, args ...any) (int64, error) {
	res, err := tx.exec(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// placeholders returns "?,?,…" with n marks.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?,", n-1) + "?"
}

// int64Args converts ids to query arguments.
func int64Args(ids []int64) []any {
	a := make([]any, len(ids))
	for i, id := range ids {
		a[i] = id
	}
	return a
}
