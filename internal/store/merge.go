package store

import (
	"context"
	"fmt"
)

// MergeAccounts moves everything below account from to account into — its
// contacts, departments, opportunities, subsidiaries, relations to other
// accounts, shares and ideal-customer ratings (into's own share or rating
// wins where both have one) — and moves from to the trash. Every moved
// record's version goes up. A relation that would join into to itself is
// moved to the trash. The caller checks both accounts exist and audits.
func MergeAccounts(ctx context.Context, tx *Tx, from, into int64) error {
	now := tv(tx.Now())
	bump := "version = version + 1, updated_at = ?"
	steps := []struct {
		q    string
		args []any
	}{
		{"UPDATE contacts SET account_id = ?, " + bump + " WHERE account_id = ?", []any{into, now, from}},
		{"UPDATE org_units SET account_id = ?, " + bump + " WHERE account_id = ?", []any{into, now, from}},
		{"UPDATE opportunities SET account_id = ?, " + bump + " WHERE account_id = ?", []any{into, now, from}},
		// A keeper that was a subsidiary of the merged account takes its parent.
		{"UPDATE accounts SET parent_id = (SELECT f.parent_id FROM accounts f WHERE f.id = ?), " + bump + " WHERE id = ? AND parent_id = ?", []any{from, now, into, from}},
		{"UPDATE accounts SET parent_id = ?, " + bump + " WHERE parent_id = ? AND id <> ?", []any{into, now, from, into}},
		{"UPDATE account_relations SET from_account_id = ?, " + bump + " WHERE from_account_id = ?", []any{into, now, from}},
		{"UPDATE account_relations SET to_account_id = ?, " + bump + " WHERE to_account_id = ?", []any{into, now, from}},
		{"UPDATE account_relations SET deleted_at = ?, " + bump + " WHERE from_account_id = to_account_id AND deleted_at IS NULL", []any{now, now}},
		{"DELETE FROM account_shares WHERE account_id = ? AND team_id IN (SELECT s.team_id FROM account_shares s WHERE s.account_id = ?)", []any{from, into}},
		{"UPDATE account_shares SET account_id = ? WHERE account_id = ?", []any{into, from}},
		{"DELETE FROM criterion_ratings WHERE account_id = ? AND criterion_id IN (SELECT r.criterion_id FROM criterion_ratings r WHERE r.account_id = ?)", []any{from, into}},
		{"UPDATE criterion_ratings SET account_id = ? WHERE account_id = ?", []any{into, from}},
		{"UPDATE accounts SET deleted_at = ?, " + bump + " WHERE id = ? AND deleted_at IS NULL", []any{now, now, from}},
	}
	for _, s := range steps {
		if _, err := tx.exec(ctx, s.q, s.args...); err != nil {
			return fmt.Errorf("store: merge accounts: %w", err)
		}
	}
	return nil
}

// MergeContacts moves everything that names contact from to contact into —
// their buying-influence roles (where into already is a buying influence of
// the same opportunity, from's is moved to the trash), dotted lines,
// reporting lines, action participation and interaction feedback — and
// moves from to the trash. Every moved record's version goes up; a dotted
// line that would join into to itself is moved to the trash. The caller
// checks both contacts exist (of one account) and audits.
func MergeContacts(ctx context.Context, tx *Tx, from, into int64) error {
	now := tv(tx.Now())
	bump := "version = version + 1, updated_at = ?"
	steps := []struct {
		q    string
		args []any
	}{
		{"UPDATE buying_influences SET deleted_at = ?, " + bump + " WHERE contact_id = ? AND deleted_at IS NULL AND opportunity_id IN " +
			"(SELECT b.opportunity_id FROM buying_influences b WHERE b.contact_id = ? AND b.deleted_at IS NULL)", []any{now, now, from, into}},
		{"UPDATE buying_influences SET contact_id = ?, " + bump + " WHERE contact_id = ? AND deleted_at IS NULL", []any{into, now, from}},
		{"UPDATE contact_links SET from_contact_id = ?, " + bump + " WHERE from_contact_id = ?", []any{into, now, from}},
		{"UPDATE contact_links SET to_contact_id = ?, " + bump + " WHERE to_contact_id = ?", []any{into, now, from}},
		{"UPDATE contact_links SET deleted_at = ?, " + bump + " WHERE from_contact_id = to_contact_id AND deleted_at IS NULL", []any{now, now}},
		{"UPDATE contacts SET reports_to_id = (SELECT f.reports_to_id FROM contacts f WHERE f.id = ?), " + bump + " WHERE id = ? AND reports_to_id = ?", []any{from, now, into, from}},
		{"UPDATE contacts SET reports_to_id = ?, " + bump + " WHERE reports_to_id = ? AND id <> ?", []any{into, now, from, into}},
		{"UPDATE action_participants SET contact_id = ? WHERE contact_id = ?", []any{into, from}},
		{"UPDATE interaction_feedback SET contact_id = ? WHERE contact_id = ?", []any{into, from}},
		{"UPDATE contacts SET deleted_at = ?, " + bump + " WHERE id = ? AND deleted_at IS NULL", []any{now, now, from}},
	}
	for _, s := range steps {
		if _, err := tx.exec(ctx, s.q, s.args...); err != nil {
			return fmt.Errorf("store: merge contacts: %w", err)
		}
	}
	return nil
}
