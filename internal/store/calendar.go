package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"kam/internal/kam"
)

// SetCalendarSecret stores the hash of a user's calendar feed secret; ""
// revokes the feed.
func SetCalendarSecret(ctx context.Context, tx *Tx, userID int64, hash string) error {
	n, err := tx.execN(ctx, "UPDATE users SET calendar_secret_hash = ? WHERE id = ? AND deleted_at IS NULL", hash, userID)
	if err != nil {
		return err
	}
	if n == 0 {
		return notFound("user", userID)
	}
	return nil
}

// UserByCalendarSecret returns the live, enabled user whose calendar feed
// secret hashes to hash; kam.ErrNotFound when none.
func UserByCalendarSecret(ctx context.Context, tx *Tx, hash string) (int64, error) {
	if hash == "" {
		return 0, notFound("calendar", "empty")
	}
	var id int64
	err := tx.queryRow(ctx, "SELECT id FROM users WHERE calendar_secret_hash = ? AND deleted_at IS NULL AND disabled = ?", hash, false).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, notFound("calendar", "by hash")
	}
	return id, err
}

// CalendarAction is an open, dated action of a user, with its deal and the
// buyer it works on.
type CalendarAction struct {
	ID        int64
	Title     string
	Due       kam.Date
	UpdatedAt time.Time
	DealID    int64
	DealName  string
	Buyer     string
}

// CalendarDeal is an open deal of a user with its close date.
type CalendarDeal struct {
	ID        int64
	Name      string
	Account   string
	CloseDate kam.Date
	UpdatedAt time.Time
}

// CalendarCall is a planned call on one of a user's deals, not yet
// debriefed.
type CalendarCall struct {
	ID        int64
	Kind      kam.InteractionKind
	At        time.Time
	Reason    string
	UpdatedAt time.Time
	DealID    int64
	DealName  string
}

// CalendarCalls returns the planned calls of a user's open deals that are
// not yet debriefed, at most limit, soonest first.
func CalendarCalls(ctx context.Context, tx *Tx, userID int64, limit int) ([]CalendarCall, error) {
	rows, err := tx.query(ctx, `SELECT cp.id, cp.kind, cp.at, cp.business_reason, cp.updated_at, o.id, o.name
		FROM call_plans cp JOIN opportunities o ON o.id = cp.opportunity_id AND o.deleted_at IS NULL
		WHERE o.owner_id = ? AND o.level IN ('above', 'in', 'best_few') AND cp.deleted_at IS NULL AND cp.interaction_id IS NULL
		ORDER BY cp.at, cp.id LIMIT ?`, userID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CalendarCall
	for rows.Next() {
		var c CalendarCall
		if err := rows.Scan(&c.ID, &c.Kind, timeCol{&c.At}, &c.Reason, timeCol{&c.UpdatedAt}, &c.DealID, &c.DealName); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CalendarEntries returns what a user's calendar feed shows: their open
// actions with a due date, and the close dates of their open deals, at most
// limit of each, soonest first.
func CalendarEntries(ctx context.Context, tx *Tx, userID int64, limit int) ([]CalendarAction, []CalendarDeal, error) {
	rows, err := tx.query(ctx, `SELECT a.id, a.title, a.due, a.updated_at, o.id, o.name, COALESCE(c.name, '')
		FROM actions a
		JOIN opportunities o ON o.id = a.opportunity_id AND o.deleted_at IS NULL
		LEFT JOIN buying_influences bi ON bi.id = a.target_influence_id
		LEFT JOIN contacts c ON c.id = bi.contact_id
		WHERE a.owner_id = ? AND a.status = 'open' AND a.deleted_at IS NULL AND a.due IS NOT NULL
		ORDER BY a.due, a.id LIMIT ?`, userID, limit)
	if err != nil {
		return nil, nil, err
	}
	var actions []CalendarAction
	for rows.Next() {
		var a CalendarAction
		if err := rows.Scan(&a.ID, &a.Title, &a.Due, timeCol{&a.UpdatedAt}, &a.DealID, &a.DealName, &a.Buyer); err != nil {
			rows.Close()
			return nil, nil, err
		}
		actions = append(actions, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	rows, err = tx.query(ctx, `SELECT o.id, o.name, ac.name, o.close_date, o.updated_at
		FROM opportunities o JOIN accounts ac ON ac.id = o.account_id
		WHERE o.owner_id = ? AND o.level IN ('above', 'in', 'best_few') AND o.deleted_at IS NULL AND o.close_date IS NOT NULL
		ORDER BY o.close_date, o.id LIMIT ?`, userID, limit)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var deals []CalendarDeal
	for rows.Next() {
		var d CalendarDeal
		if err := rows.Scan(&d.ID, &d.Name, &d.Account, &d.CloseDate, timeCol{&d.UpdatedAt}); err != nil {
			return nil, nil, err
		}
		deals = append(deals, d)
	}
	return actions, deals, rows.Err()
}
