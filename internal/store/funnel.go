package store

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"kam/internal/kam"
)

// FunnelFilter chooses the deals a funnel report covers.
type FunnelFilter struct {
	Scope Scope
	// OwnerIDs limits the deals to these owners; empty: every owner in scope.
	OwnerIDs []int64
	// CloseFrom and CloseTo bound the close date of open deals to
	// [CloseFrom, CloseTo); a zero bound is open. Undated deals fall outside
	// any bounded window.
	CloseFrom, CloseTo kam.Date
	// Level limits open deals to one level; empty: every open level.
	Level kam.FunnelLevel
}

// LevelTotal is the count and amount of open deals at one level in one
// currency: amounts in two currencies are never added here (the service
// converts them with exchange rates, or shows them apart).
type LevelTotal struct {
	Level kam.FunnelLevel
	// Currency is the ISO 4217 code of Amount; "" on a level without deals.
	Currency string
	Count    int64
	Amount   int64
}

// ClosedTotal counts the deals decided in a window that reached a level,
// in one currency.
type ClosedTotal struct {
	Reached   kam.FunnelLevel
	Currency  string
	Won, Lost int64
	WonAmount int64
}

// funnelWhere builds the conditions shared by the funnel queries: live
// deals, of the owners, of live accounts visible in scope. The queries join
// accounts a (see funnelFrom) so that visibility is decided once per account,
// not once per deal.
func funnelWhere(f FunnelFilter) *where {
	w := &where{}
	w.add("t.account_id = a.id")
	w.add("t.deleted_at IS NULL")
	w.add("a.deleted_at IS NULL")
	if len(f.OwnerIDs) > 0 {
		w.add("t.owner_id IN ("+placeholders(len(f.OwnerIDs))+")", int64Args(f.OwnerIDs)...)
	}
	if cond, args := visible(f.Scope, "a"); cond != "" {
		w.add(cond, args...)
	}
	return w
}

// funnelFrom is the FROM clause funnelWhere's conditions need. CROSS JOIN
// makes SQLite loop over accounts outside and read each account's deals from
// the covering index opportunities_funnel, whatever its statistics say;
// PostgreSQL plans it as any inner join.
const funnelFrom = " FROM accounts a CROSS JOIN opportunities t"

func addOpenWindow(w *where, f FunnelFilter) {
	if f.Level.Open() {
		w.add("t.level = ?", f.Level)
	} else {
		w.add("t.level IN ('above', 'in', 'best_few')")
	}
	if !f.CloseFrom.IsZero() {
		w.add("t.close_date >= ?", f.CloseFrom)
	}
	if !f.CloseTo.IsZero() {
		w.add("t.close_date < ?", f.CloseTo)
	}
}

// FunnelTotals returns, for each open level from the top (above, in, best
// few), the count and amount of the open deals that pass f per currency
// (by code), aggregated in SQL. A level without deals is listed once, with
// zeros and no currency.
func FunnelTotals(ctx context.Context, tx *Tx, f FunnelFilter) ([]LevelTotal, error) {
	w := funnelWhere(f)
	addOpenWindow(w, f)
	rows, err := tx.query(ctx, "SELECT t.level, t.currency, COUNT(*), COALESCE(CAST(SUM(t.amount) AS BIGINT), 0)"+funnelFrom+w.sql()+" GROUP BY t.level, t.currency", w.args...)
	if err != nil {
		return nil, fmt.Errorf("store: funnel totals: %w", err)
	}
	defer rows.Close()
	var got []LevelTotal
	for rows.Next() {
		var t LevelTotal
		if err := rows.Scan(&t.Level, &t.Currency, &t.Count, &t.Amount); err != nil {
			return nil, fmt.Errorf("store: funnel totals: %w", err)
		}
		got = append(got, t)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return byLevelAndCurrency(got), nil
}

// byLevelAndCurrency orders totals by open level from the top, then by
// currency, and lists a level without any once with zeros.
func byLevelAndCurrency(got []LevelTotal) []LevelTotal {
	out := make([]LevelTotal, 0, len(kam.OpenLevels))
	for _, l := range kam.OpenLevels {
		n := len(out)
		for _, t := range got {
			if t.Level == l {
				out = append(out, t)
			}
		}
		if len(out) == n {
			out = append(out, LevelTotal{Level: l})
		}
		sort.Slice(out[n:], func(i, j int) bool { return out[n+i].Currency < out[n+j].Currency })
	}
	return out
}

// FunnelOpenTotals answers two FunnelTotals in one pass over the open deals
// that pass f (f.Level aside): inWindow is FunnelTotals(f), every open level
// inside f's close window; aboveAll is the Above level's totals per
// currency whatever the close date (FunnelTotals with Level above and no
// window; one entry with no currency when there is no such deal). One
// statement and one walk of the index instead of two.
func FunnelOpenTotals(ctx context.Context, tx *Tx, f FunnelFilter) (inWindow []LevelTotal, aboveAll []LevelTotal, err error) {
	// The window as a condition of its own, for the CASE expressions.
	var win []string
	var winArgs []any
	if !f.CloseFrom.IsZero() {
		win, winArgs = append(win, "t.close_date >= ?"), append(winArgs, f.CloseFrom)
	}
	if !f.CloseTo.IsZero() {
		win, winArgs = append(win, "t.close_date < ?"), append(winArgs, f.CloseTo)
	}
	inWin := "1 = 1"
	if len(win) > 0 {
		inWin = strings.Join(win, " AND ")
	}
	w := funnelWhere(f)
	w.add("t.level IN ('above', 'in', 'best_few')")
	args := make([]any, 0, 2*len(winArgs)+len(w.args))
	args = append(append(append(args, winArgs...), winArgs...), w.args...)
	rows, err := tx.query(ctx, "SELECT t.level, t.currency, SUM(CASE WHEN "+inWin+" THEN 1 ELSE 0 END), "+
		"COALESCE(CAST(SUM(CASE WHEN "+inWin+" THEN t.amount ELSE 0 END) AS BIGINT), 0), "+
		"COUNT(*), COALESCE(CAST(SUM(t.amount) AS BIGINT), 0)"+funnelFrom+w.sql()+" GROUP BY t.level, t.currency", args...)
	if err != nil {
		return nil, nil, fmt.Errorf("store: funnel totals: %w", err)
	}
	defer rows.Close()
	var got []LevelTotal
	for rows.Next() {
		var t, all LevelTotal
		if err := rows.Scan(&t.Level, &t.Currency, &t.Count, &t.Amount, &all.Count, &all.Amount); err != nil {
			return nil, nil, fmt.Errorf("store: funnel totals: %w", err)
		}
		if t.Count > 0 {
			got = append(got, t)
		}
		if t.Level == kam.LevelAbove {
			all.Level, all.Currency = kam.LevelAbove, t.Currency
			aboveAll = append(aboveAll, all)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	sort.Slice(aboveAll, func(i, j int) bool { return aboveAll[i].Currency < aboveAll[j].Currency })
	if len(aboveAll) == 0 {
		aboveAll = []LevelTotal{{Level: kam.LevelAbove}}
	}
	return byLevelAndCurrency(got), aboveAll, nil
}

// ClosedHistory returns the deals that pass f (its close window aside) and
// were decided (closed_on) in [from, to), grouped by the furthest level they
// reached, from the top, and by currency: how many were won and lost, and
// the amount won. Zero bounds are open.
func ClosedHistory(ctx context.Context, tx *Tx, f FunnelFilter, from, to kam.Date) ([]ClosedTotal, error) {
	w := funnelWhere(f)
	w.add("t.level IN ('won', 'lost')")
	addClosedWindow(w, from, to)
	rows, err := tx.query(ctx, `SELECT t.reached_level, t.currency,
		SUM(CASE WHEN t.level = 'won' THEN 1 ELSE 0 END),
		SUM(CASE WHEN t.level = 'lost' THEN 1 ELSE 0 END),
		COALESCE(CAST(SUM(CASE WHEN t.level = 'won' THEN t.amount ELSE 0 END) AS BIGINT), 0)
		`+funnelFrom+w.sql()+" GROUP BY t.reached_level, t.currency", w.args...)
	if err != nil {
		return nil, fmt.Errorf("store: closed history: %w", err)
	}
	defer rows.Close()
	out := []ClosedTotal{}
	for rows.Next() {
		var c ClosedTotal
		if err := rows.Scan(&c.Reached, &c.Currency, &c.Won, &c.Lost, &c.WonAmount); err != nil {
			return nil, fmt.Errorf("store: closed history: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sortByRank(out)
	return out, nil
}

func sortByRank(cs []ClosedTotal) {
	sort.SliceStable(cs, func(i, j int) bool {
		ri, rj := cs[i].Reached.Rank(), cs[j].Reached.Rank()
		if ri != rj {
			return ri < rj
		}
		if cs[i].Reached != cs[j].Reached {
			return cs[i].Reached < cs[j].Reached
		}
		return cs[i].Currency < cs[j].Currency
	})
}

func addClosedWindow(w *where, from, to kam.Date) {
	if !from.IsZero() {
		w.add("t.closed_on >= ?", from)
	}
	if !to.IsZero() {
		w.add("t.closed_on < ?", to)
	}
}

// WonAmounts returns how many deals pass f (its close window aside) and
// were won with closed_on in [from, to), and their amounts per currency.
func WonAmounts(ctx context.Context, tx *Tx, f FunnelFilter, from, to kam.Date) (count int64, amounts map[string]int64, err error) {
	w := funnelWhere(f)
	w.add("t.level = 'won'")
	addClosedWindow(w, from, to)
	rows, err := tx.query(ctx, "SELECT t.currency, COUNT(*), COALESCE(CAST(SUM(t.amount) AS BIGINT), 0)"+funnelFrom+w.sql()+" GROUP BY t.currency", w.args...)
	if err != nil {
		return 0, nil, fmt.Errorf("store: won amount: %w", err)
	}
	defer rows.Close()
	amounts = map[string]int64{}
	for rows.Next() {
		var cur string
		var k, n int64
		if err := rows.Scan(&cur, &k, &n); err != nil {
			return 0, nil, fmt.Errorf("store: won amount: %w", err)
		}
		count += k
		amounts[cur] = n
	}
	return count, amounts, rows.Err()
}

// dealIDs runs one id query over live deals of live accounts visible in
// f's scope and of f's owners, with the extra conditions of w, in order, at
// most limit ids.
func dealIDs(ctx context.Context, tx *Tx, w *where, order string, limit int) ([]int64, error) {
	rows, err := tx.query(ctx, "SELECT t.id FROM opportunities t, accounts a"+w.sql()+" ORDER BY "+order+" LIMIT ?", append(w.args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: deal ids: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: deal ids: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// RecentlyClosedIDs returns the ids of up to limit decided deals (won and
// lost together) that pass f (its close window and level aside), the most
// recently closed first (by closed_on, then the higher id; deals without a
// closed_on last). The two outcomes are read in one order, so the ids keep
// the history's own share of wins.
func RecentlyClosedIDs(ctx context.Context, tx *Tx, f FunnelFilter, limit int) ([]int64, error) {
	// Dated and undated apart, as in OpenIDsByCloseDate: each query walks
	// an index in order, and NULLs sort the same on both databases.
	w := funnelWhere(f)
	w.add("t.level IN ('won', 'lost')")
	w.add("t.closed_on IS NOT NULL")
	ids, err := dealIDs(ctx, tx, w, "t.closed_on DESC, t.id DESC", limit)
	if err != nil || len(ids) >= limit {
		return ids, err
	}
	w = funnelWhere(f)
	w.add("t.level IN ('won', 'lost')")
	w.add("t.closed_on IS NULL")
	more, err := dealIDs(ctx, tx, w, "t.id DESC", limit-len(ids))
	return append(ids, more...), err
}

// OpenIDsByCloseDate returns the ids of up to limit open deals at level that
// pass f, its close window included, the nearest close date first (then by
// id), deals without a close date last (a bounded window leaves them out,
// as FunnelTotals does). Dated and undated deals are read apart so that each
// query walks the (owner_id, level, close_date) index in order, and NULLs
// sort the same on both databases.
func OpenIDsByCloseDate(ctx context.Context, tx *Tx, f FunnelFilter, level kam.FunnelLevel, limit int) ([]int64, error) {
	if !level.Open() {
		return nil, fmt.Errorf("store: open deals: %q is not an open level", level)
	}
	w := funnelWhere(f)
	f.Level = level
	addOpenWindow(w, f)
	w.add("t.close_date IS NOT NULL")
	ids, err := dealIDs(ctx, tx, w, "t.close_date, t.id", limit)
	if err != nil || len(ids) >= limit || !f.CloseFrom.IsZero() || !f.CloseTo.IsZero() {
		return ids, err
	}
	w = funnelWhere(f)
	w.add("t.level = ?", level)
	w.add("t.close_date IS NULL")
	more, err := dealIDs(ctx, tx, w, "t.id", limit-len(ids))
	return append(ids, more...), err
}
