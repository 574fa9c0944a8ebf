package store

import (
	"context"
	"fmt"
)

// MaxDepth caps the walks up a tree: deeper chains are cut off, so a cycle
// already in the data cannot make a walk run forever.
const MaxDepth = 1000

// ancestors walks parentCol upward from id and returns the ids met, nearest
// first, without id itself (unless a cycle leads back to it).
func ancestors(ctx context.Context, tx *Tx, table, parentCol string, id int64) ([]int64, error) {
	q := `WITH RECURSIVE up (id, depth) AS (
		SELECT ` + parentCol + `, 1 FROM ` + table + ` WHERE id = ? AND ` + parentCol + ` IS NOT NULL
		UNION ALL
		SELECT t.` + parentCol + `, up.depth + 1 FROM ` + table + ` t JOIN up ON t.id = up.id
		WHERE t.` + parentCol + ` IS NOT NULL AND up.depth < ?
	) SELECT id FROM up ORDER BY depth`
	rows, err := tx.query(ctx, q, id, MaxDepth)
	if err != nil {
		return nil, fmt.Errorf("store: ancestors in %s: %w", table, err)
	}
	defer rows.Close()
	out := []int64{}
	for rows.Next() {
		var a int64
		if err := rows.Scan(&a); err != nil {
			return nil, fmt.Errorf("store: ancestors in %s: %w", table, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// AccountAncestors returns the group parents of account id, nearest first,
// up to MaxDepth. The service refuses parent P for account A when P == A or A
// is among P's ancestors.
func AccountAncestors(ctx context.Context, tx *Tx, id int64) ([]int64, error) {
	return ancestors(ctx, tx, "accounts", "parent_id", id)
}

// ContactManagers returns the reports-to chain above contact id, nearest
// first, up to MaxDepth.
func ContactManagers(ctx context.Context, tx *Tx, id int64) ([]int64, error) {
	return ancestors(ctx, tx, "contacts", "reports_to_id", id)
}

// OrgUnitAncestors returns the parent units of org unit id, nearest first,
// up to MaxDepth.
func OrgUnitAncestors(ctx context.Context, tx *Tx, id int64) ([]int64, error) {
	return ancestors(ctx, tx, "org_units", "parent_id", id)
}
