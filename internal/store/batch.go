package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"kam/internal/kam"
)

// batchRows is how many contacts one INSERT carries: 1000 rows × 15 columns
// stays under SQLite's 32766 and PostgreSQL's 65535 bound parameters.
const batchRows = 1000

// InsertContacts stores many new contacts with multi-row INSERTs, for
// imports, and sets each one's Meta as Contacts.Insert does. On a unique or
// foreign-key violation it returns a *kam.ValidationError; the caller's
// transaction then rolls back the whole import.
func InsertContacts(ctx context.Context, tx *Tx, cs []*kam.Contact) error {
	now := tx.Now()
	cols := append([]string{"version", "created_at", "updated_at"}, contactCols...)
	one := "(" + placeholders(len(cols)) + ")"
	head := "INSERT INTO contacts (" + strings.Join(cols, ", ") + ") VALUES "
	for start := 0; start < len(cs); start += batchRows {
		chunk := cs[start:min(start+batchRows, len(cs))]
		var q strings.Builder
		q.Grow(len(head) + len(chunk)*(len(one)+2) + 20)
		q.WriteString(head)
		args := make([]any, 0, len(chunk)*len(cols))
		stamp := tv(now)
		for i, c := range chunk {
			if i > 0 {
				q.WriteString(",")
			}
			q.WriteString(one)
			args = append(args, int64(1), stamp, stamp)
			args = append(args, contactArgs(c)...)
		}
		q.WriteString(" RETURNING id")
		rows, err := tx.query(ctx, q.String(), args...)
		if err != nil {
			return batchErr(ctx, tx, chunk, err)
		}
		ids := make([]int64, 0, len(chunk))
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return fmt.Errorf("store: insert contacts: %w", err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return batchErr(ctx, tx, chunk, err)
		}
		if len(ids) != len(chunk) {
			return fmt.Errorf("store: insert contacts: %d ids for %d rows", len(ids), len(chunk))
		}
		// Both databases number the rows of one INSERT in VALUES order, but
		// neither promises RETURNING in that order: sort to match.
		slices.Sort(ids)
		for i, c := range chunk {
			c.Meta = kam.Meta{ID: ids[i], Version: 1, CreatedAt: now, UpdatedAt: now}
		}
	}
	return nil
}

func batchErr(ctx context.Context, tx *Tx, chunk []*kam.Contact, err error) error {
	err = mapErr(err)
	seen := map[ref]bool{}
	var refs []ref
	for _, c := range chunk {
		for _, r := range contactRefs(c) {
			if r.id != 0 && !seen[r] {
				seen[r] = true
				refs = append(refs, r)
			}
		}
	}
	err = tx.resolveFK(ctx, err, refs)
	return fmt.Errorf("store: insert contacts: %w", err)
}
