package store

import (
	"context"
	"fmt"
	"strings"
)

// Hit is one record found by Search.
type Hit struct {
	Kind      string // "account", "contact" or "opportunity"
	ID        int64
	Name      string
	Detail    string // industry, title or product
	AccountID int64
}

// Search finds live accounts, contacts and opportunities visible in s whose
// name-like columns hold q (case-insensitive substring, Chinese included).
// It returns at most limit hits (default 20, at most 100), taking the kinds
// in turn so that no kind crowds out the others; each kind by id. An empty q
// finds nothing.
func Search(ctx context.Context, tx *Tx, s Scope, q string, limit int) ([]Hit, error) {
	limit = clampLimit(limit, 20, 100)
	out := []Hit{}
	if strings.TrimSpace(q) == "" {
		return out, nil
	}
	kinds := []struct {
		kind, table, cols string
		match             func(*where) // the list's own q filter
		scope             func(Scope, *where)
	}{
		{"account", "accounts", "t.id, t.name, t.industry, t.id", AccountFilter{Query: q}.where, Accounts.scope},
		{"contact", "contacts", "t.id, t.name, t.title, t.account_id", ContactFilter{Query: q}.where, Contacts.scope},
		{"opportunity", "opportunities", "t.id, t.name, t.product, t.account_id", OpportunityFilter{Query: q}.where, Opportunities.scope},
	}
	lists := make([][]Hit, len(kinds))
	for i, k := range kinds {
		var w where
		w.add("t.deleted_at IS NULL")
		k.match(&w)
		k.scope(s, &w)
		rows, err := tx.query(ctx, "SELECT "+k.cols+" FROM "+k.table+" t"+w.sql()+" ORDER BY t.id LIMIT ?", append(w.args, limit)...)
		if err != nil {
			return nil, fmt.Errorf("store: search %s: %w", k.kind, err)
		}
		for rows.Next() {
			h := Hit{Kind: k.kind}
			if err := rows.Scan(&h.ID, &h.Name, &h.Detail, &h.AccountID); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: search %s: %w", k.kind, err)
			}
			lists[i] = append(lists[i], h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	for i := 0; len(out) < limit; i++ {
		added := false
		for _, l := range lists {
			if i < len(l) && len(out) < limit {
				out = append(out, l[i])
				added = true
			}
		}
		if !added {
			break
		}
	}
	return out, nil
}
