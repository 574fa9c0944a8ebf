package store

import (
	"context"
	"fmt"
	"strings"

	"kam/internal/kam"
)

// Child rows hold the list fields other queries filter on: the contacts of
// an action, our users and the buyers' feedback of an interaction. They are
// rewritten whole with their parent and read for a batch of parents at once.

func idsOf[T any](vs []*T, meta func(*T) *kam.Meta) []int64 {
	ids := make([]int64, len(vs))
	for i, v := range vs {
		ids[i] = meta(v).ID
	}
	return ids
}

// maxParams bounds the parameters of one statement: below SQLite's 32766
// and PostgreSQL's 65535, whatever the number of rows.
const maxParams = 30000

// replaceChildren deletes the rows of parent in table and inserts rows (each
// a slice of values for cols after the parent id and position), as few
// statements as maxParams allows.
func replaceChildren(ctx context.Context, tx *Tx, table, parentCol string, parent int64, cols []string, rows [][]any) error {
	if _, err := tx.exec(ctx, "DELETE FROM "+table+" WHERE "+parentCol+" = ?", parent); err != nil {
		return err
	}
	all := append([]string{parentCol, "pos"}, cols...)
	one := "(" + placeholders(len(all)) + ")"
	head := "INSERT INTO " + table + " (" + strings.Join(all, ", ") + ") VALUES "
	per := maxParams / len(all)
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(start+per, len(rows))]
		var q strings.Builder
		q.WriteString(head)
		args := make([]any, 0, len(chunk)*len(all))
		for i, r := range chunk {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString(one)
			args = append(args, parent, int64(start+i))
			args = append(args, r...)
		}
		if _, err := tx.exec(ctx, q.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

func saveActionChildren(ctx context.Context, tx *Tx, v *kam.Action) error {
	rows := make([][]any, len(v.ParticipantIDs))
	for i, id := range v.ParticipantIDs {
		rows[i] = []any{id}
	}
	return replaceChildren(ctx, tx, "action_participants", "action_id", v.ID, []string{"contact_id"}, rows)
}

func loadActionChildren(ctx context.Context, tx *Tx, vs []*kam.Action) error {
	ids := idsOf(vs, func(v *kam.Action) *kam.Meta { return &v.Meta })
	return loadActionParticipants(ctx, tx, vs, "action_id IN ("+placeholders(len(ids))+")", int64Args(ids)...)
}

// loadActionParticipants fills ParticipantIDs of vs from the rows matching
// cond, in one query.
func loadActionParticipants(ctx context.Context, tx *Tx, vs []*kam.Action, cond string, args ...any) error {
	byID := make(map[int64]*kam.Action, len(vs))
	for _, v := range vs {
		v.ParticipantIDs = []int64{}
		byID[v.ID] = v
	}
	rows, err := tx.query(ctx, "SELECT action_id, contact_id FROM action_participants WHERE "+cond+" ORDER BY action_id, pos", args...)
	if err != nil {
		return fmt.Errorf("store: action participants: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var aid, cid int64
		if err := rows.Scan(&aid, &cid); err != nil {
			return fmt.Errorf("store: action participants: %w", err)
		}
		if v := byID[aid]; v != nil {
			v.ParticipantIDs = append(v.ParticipantIDs, cid)
		}
	}
	return rows.Err()
}

func saveInteractionChildren(ctx context.Context, tx *Tx, v *kam.Interaction) error {
	users := make([][]any, len(v.UserIDs))
	for i, id := range v.UserIDs {
		users[i] = []any{id}
	}
	if err := replaceChildren(ctx, tx, "interaction_users", "interaction_id", v.ID, []string{"user_id"}, users); err != nil {
		return err
	}
	fb := make([][]any, len(v.Feedback))
	for i, f := range v.Feedback {
		fb[i] = []any{f.ContactID, string(f.Feedback), f.Said}
	}
	return replaceChildren(ctx, tx, "interaction_feedback", "interaction_id", v.ID, []string{"contact_id", "feedback", "said"}, fb)
}

func loadInteractionChildren(ctx context.Context, tx *Tx, vs []*kam.Interaction) error {
	ids := idsOf(vs, func(v *kam.Interaction) *kam.Meta { return &v.Meta })
	return loadInteractionRows(ctx, tx, vs, "interaction_id IN ("+placeholders(len(ids))+")", int64Args(ids)...)
}

// loadInteractionRows fills UserIDs and Feedback of vs from the child rows
// matching cond, in two queries.
func loadInteractionRows(ctx context.Context, tx *Tx, vs []*kam.Interaction, cond string, args ...any) error {
	byID := make(map[int64]*kam.Interaction, len(vs))
	for _, v := range vs {
		v.UserIDs = []int64{}
		v.Feedback = []kam.ContactFeedback{}
		byID[v.ID] = v
	}
	rows, err := tx.query(ctx, "SELECT interaction_id, user_id FROM interaction_users WHERE "+cond+" ORDER BY interaction_id, pos", args...)
	if err != nil {
		return fmt.Errorf("store: interaction users: %w", err)
	}
	for rows.Next() {
		var iid, uid int64
		if err := rows.Scan(&iid, &uid); err != nil {
			rows.Close()
			return fmt.Errorf("store: interaction users: %w", err)
		}
		if v := byID[iid]; v != nil {
			v.UserIDs = append(v.UserIDs, uid)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = tx.query(ctx, "SELECT interaction_id, contact_id, feedback, said FROM interaction_feedback WHERE "+cond+" ORDER BY interaction_id, pos", args...)
	if err != nil {
		return fmt.Errorf("store: interaction feedback: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var iid int64
		var f kam.ContactFeedback
		if err := rows.Scan(&iid, &f.ContactID, &f.Feedback, &f.Said); err != nil {
			return fmt.Errorf("store: interaction feedback: %w", err)
		}
		if v := byID[iid]; v != nil {
			v.Feedback = append(v.Feedback, f)
		}
	}
	return rows.Err()
}
