package store

import (
	"context"
	"errors"
	"fmt"
	"os"
)

// ErrBackupUnsupported is returned by Backup on PostgreSQL, whose own tools
// (pg_dump, base backups) do the job better than an application can.
var ErrBackupUnsupported = errors.New("backup: use pg_dump for PostgreSQL")

// Backup writes a consistent copy of a SQLite database to path while the
// database stays in use (VACUUM INTO: a snapshot, compacted). It refuses to
// overwrite an existing file.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.dialect != SQLite {
		return ErrBackupUnsupported
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup: %s already exists", path)
	}
	// VACUUM cannot run inside a transaction, and the read pool is opened
	// read-only; the writer connection reads a consistent snapshot, and
	// writers wait for it meanwhile.
	if _, err := db.write.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}
