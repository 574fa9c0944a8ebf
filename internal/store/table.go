package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"kam/internal/kam"
)

// Scope says whose records an actor sees; the service builds it from the
// actor's role. The zero Scope sees nothing in account-scoped tables.
type Scope struct {
	All      bool  // admin: everything
	UserID   int64 // the actor
	TeamWide bool  // manager: everything owned by users of TeamID or of teams the actor manages
	TeamID   int64 // the actor's team; accounts shared with this team are visible (read or write)
}

// Page sizes of List.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

func clampLimit(n, def, max int) int {
	switch {
	case n <= 0:
		return def
	case n > max:
		return max
	}
	return n
}

// where gathers the conditions and arguments of a query.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// visible returns the condition under which the account aliased a is visible
// in scope s (deletion aside), and its arguments; "" when everything is.
func visible(s Scope, a string) (string, []any) {
	if s.All {
		return "", nil
	}
	conds := []string{a + ".owner_id = ?"}
	args := []any{s.UserID}
	if s.TeamWide {
		conds = append(conds, a+".owner_id IN (SELECT u.id FROM users u WHERE u.team_id = ? OR u.team_id IN (SELECT tm.id FROM teams tm WHERE tm.manager_id = ? AND tm.deleted_at IS NULL))")
		args = append(args, s.TeamID, s.UserID)
	}
	if s.TeamID != 0 {
		conds = append(conds, "EXISTS (SELECT 1 FROM account_shares sh WHERE sh.account_id = "+a+".id AND sh.team_id = ?)")
		args = append(args, s.TeamID)
	}
	return "(" + strings.Join(conds, " OR ") + ")", args
}

// likePattern escapes % and _ and wraps q for a case-insensitive substring
// match against LOWER(column) … ESCAPE '\'.
func likePattern(q string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.ToLower(q)) + "%"
}

// matchAny is the condition that one of columns holds q.
func matchAny(w *where, q string, columns ...string) {
	p := likePattern(q)
	parts := make([]string, len(columns))
	args := make([]any, len(columns))
	for i, c := range columns {
		parts[i] = "LOWER(" + c + `) LIKE ? ESCAPE '\'`
		args[i] = p
	}
	w.add("("+strings.Join(parts, " OR ")+")", args...)
}

// Table is the descriptor of one versioned kam type: where it is stored, how
// its fields map to columns, and how a row reaches its account for scoping.
// The package-level tables (Accounts, Contacts, …) are the only instances.
type Table[T any] struct {
	name  string // entity name, as in audit records
	table string // SQL table
	cols  []string
	meta  func(*T) *kam.Meta
	args  func(*T) []any // values of cols, in order
	dest  func(*T) []any // scan targets of cols, in order
	refs  func(*T) []ref // references a write sets, to name a failing key on SQLite
	// scopeFrom reaches the row's account, aliased a, from the row aliased t:
	// "accounts a WHERE a.id = t.account_id". Empty: not account-scoped.
	scopeFrom string
	// isAccount: the table is accounts itself.
	isAccount bool
	// saveChildren writes rows of child tables after an insert or update;
	// loadChildren fills them for a batch of records in a fixed number of
	// queries.
	saveChildren func(ctx context.Context, tx *Tx, v *T) error
	loadChildren func(ctx context.Context, tx *Tx, vs []*T) error
}

// Name returns the entity name ("account", "contact", …) used in audit
// records and errors.
func (t *Table[T]) Name() string { return t.name }

func (t *Table[T]) selectCols(alias string) string {
	var b strings.Builder
	for i, c := range append([]string{"id", "version", "created_at", "updated_at", "deleted_at"}, t.cols...) {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(alias)
		b.WriteString(".")
		b.WriteString(c)
	}
	return b.String()
}

func (t *Table[T]) scanDest(v *T) []any {
	m := t.meta(v)
	return append([]any{&m.ID, &m.Version, timeCol{&m.CreatedAt}, timeCol{&m.UpdatedAt}, timePtrCol{&m.DeletedAt}}, t.dest(v)...)
}

// scanAll reads rows of t.selectCols and loads the children.
func (t *Table[T]) scanAll(ctx context.Context, tx *Tx, rows *sql.Rows) ([]T, error) {
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(t.scanDest(&v)...); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: scan %s: %w", t.name, err)
		}
		out = append(out, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: read %s: %w", t.name, mapErr(err))
	}
	if t.loadChildren != nil && len(out) > 0 {
		ptrs := make([]*T, len(out))
		for i := range out {
			ptrs[i] = &out[i]
		}
		if err := t.loadChildren(ctx, tx, ptrs); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (t *Table[T]) selectWhere(ctx context.Context, tx *Tx, cond string, args ...any) ([]T, error) {
	rows, err := tx.query(ctx, "SELECT "+t.selectCols("t")+" FROM "+t.table+" t WHERE "+cond, args...)
	if err != nil {
		return nil, fmt.Errorf("store: query %s: %w", t.name, err)
	}
	return t.scanAll(ctx, tx, rows)
}

func (t *Table[T]) getOne(ctx context.Context, tx *Tx, id int64, withDeleted bool) (T, error) {
	cond := "t.id = ? AND t.deleted_at IS NULL"
	if withDeleted {
		cond = "t.id = ?"
	}
	vs, err := t.selectWhere(ctx, tx, cond, id)
	if err != nil {
		var zero T
		return zero, err
	}
	if len(vs) == 0 {
		var zero T
		return zero, fmt.Errorf("%s %d: %w", t.name, id, kam.ErrNotFound)
	}
	return vs[0], nil
}

// Get returns the live record id; kam.ErrNotFound when it is missing or in
// the trash. Get does not check scope: the service does, with AccountAccess.
func (t *Table[T]) Get(ctx context.Context, tx *Tx, id int64) (T, error) {
	return t.getOne(ctx, tx, id, false)
}

// GetDeleted returns record id even if it is in the trash; kam.ErrNotFound
// when it does not exist.
func (t *Table[T]) GetDeleted(ctx context.Context, tx *Tx, id int64) (T, error) {
	return t.getOne(ctx, tx, id, true)
}

// Insert stores v as a new record and sets its Meta: a new ID, Version 1,
// CreatedAt = UpdatedAt = tx.Now(), no DeletedAt. A unique or foreign-key
// violation is a *kam.ValidationError naming the field.
func (t *Table[T]) Insert(ctx context.Context, tx *Tx, v *T) error {
	m := t.meta(v)
	now := tx.Now()
	cols := append([]string{"version", "created_at", "updated_at"}, t.cols...)
	args := append([]any{int64(1), tv(now), tv(now)}, t.args(v)...)
	q := "INSERT INTO " + t.table + " (" + strings.Join(cols, ", ") + ") VALUES (" + placeholders(len(cols)) + ") RETURNING id"
	var id int64
	if err := tx.queryRow(ctx, q, args...).Scan(&id); err != nil {
		return t.writeErr(ctx, tx, v, err)
	}
	m.ID, m.Version, m.CreatedAt, m.UpdatedAt, m.DeletedAt = id, 1, now, now, nil
	if t.saveChildren != nil {
		if err := t.saveChildren(ctx, tx, v); err != nil {
			return t.writeErr(ctx, tx, v, err)
		}
	}
	return nil
}

func (t *Table[T]) writeErr(ctx context.Context, tx *Tx, v *T, err error) error {
	err = mapErr(err)
	if t.refs != nil {
		err = tx.resolveFK(ctx, err, t.refs(v))
	}
	var ve *kam.ValidationError
	if errors.As(err, &ve) {
		return err
	}
	return fmt.Errorf("store: write %s: %w", t.name, err)
}

// Update writes v over the stored record. v.Version is the version the client
// saw: when it is stale Update returns a *kam.ConflictError whose Current is
// the stored T; when the record is missing or in the trash, kam.ErrNotFound.
// On success v.Version grows by one and v.UpdatedAt is tx.Now().
func (t *Table[T]) Update(ctx context.Context, tx *Tx, v *T) error {
	m := t.meta(v)
	now := tx.Now()
	var set strings.Builder
	set.WriteString("version = version + 1, updated_at = ?")
	for _, c := range t.cols {
		set.WriteString(", ")
		set.WriteString(c)
		set.WriteString(" = ?")
	}
	args := append([]any{tv(now)}, t.args(v)...)
	args = append(args, m.ID, m.Version)
	n, err := tx.execN(ctx, "UPDATE "+t.table+" SET "+set.String()+" WHERE id = ? AND version = ? AND deleted_at IS NULL", args...)
	if err != nil {
		return t.writeErr(ctx, tx, v, err)
	}
	if n == 0 {
		return t.staleOrMissing(ctx, tx, m.ID)
	}
	m.Version++
	m.UpdatedAt = now
	if t.saveChildren != nil {
		if err := t.saveChildren(ctx, tx, v); err != nil {
			return t.writeErr(ctx, tx, v, err)
		}
	}
	return nil
}

// staleOrMissing explains why a versioned write changed no row.
func (t *Table[T]) staleOrMissing(ctx context.Context, tx *Tx, id int64) error {
	cur, err := t.Get(ctx, tx, id)
	if err != nil {
		return err
	}
	return &kam.ConflictError{Entity: t.name, ID: id, Current: cur}
}

// Delete moves record id to the trash (sets deleted_at, version+1) when
// version is the stored one; otherwise *kam.ConflictError, or kam.ErrNotFound
// when it is missing or already in the trash.
func (t *Table[T]) Delete(ctx context.Context, tx *Tx, id, version int64) error {
	now := tv(tx.Now())
	n, err := tx.execN(ctx, "UPDATE "+t.table+" SET deleted_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ? AND deleted_at IS NULL",
		now, now, id, version)
	if err != nil {
		return fmt.Errorf("store: delete %s: %w", t.name, err)
	}
	if n == 0 {
		return t.staleOrMissing(ctx, tx, id)
	}
	return nil
}

// Restore takes record id out of the trash (clears deleted_at, version+1);
// kam.ErrNotFound when it is not in the trash. Restoring a record whose
// unique key a live record now holds is a *kam.ValidationError.
func (t *Table[T]) Restore(ctx context.Context, tx *Tx, id int64) error {
	n, err := tx.execN(ctx, "UPDATE "+t.table+" SET deleted_at = NULL, updated_at = ?, version = version + 1 WHERE id = ? AND deleted_at IS NOT NULL",
		tv(tx.Now()), id)
	if err != nil {
		var ve *kam.ValidationError
		if errors.As(err, &ve) {
			return err
		}
		return fmt.Errorf("store: restore %s: %w", t.name, err)
	}
	if n == 0 {
		return fmt.Errorf("%s %d in the trash: %w", t.name, id, kam.ErrNotFound)
	}
	return nil
}

// List returns one page of records, by id ascending: those with id >
// f's After that pass f and are visible in f's Scope (account-scoped tables
// only; records of a deleted account are never listed). next is the last id
// of the page when more may follow, else 0.
func (t *Table[T]) List(ctx context.Context, tx *Tx, f Filter[T]) (items []T, next int64, err error) {
	o := f.Options()
	limit := clampLimit(o.Limit, DefaultLimit, MaxLimit)
	var w where
	w.add("t.id > ?", o.After)
	if o.Deleted {
		w.add("t.deleted_at IS NOT NULL")
	} else {
		w.add("t.deleted_at IS NULL")
	}
	if !o.UpdatedSince.IsZero() {
		w.add("t.updated_at >= ?", tv(o.UpdatedSince))
	}
	if len(o.IDs) > 0 {
		w.add("t.id IN ("+placeholders(len(o.IDs))+")", int64Args(o.IDs)...)
	}
	f.where(&w)
	t.scope(o.Scope, &w)
	args := append(w.args, limit+1)
	rows, err := tx.query(ctx, "SELECT "+t.selectCols("t")+" FROM "+t.table+" t"+w.sql()+" ORDER BY t.id LIMIT ?", args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: list %s: %w", t.name, err)
	}
	items, err = t.scanAll(ctx, tx, rows)
	if err != nil {
		return nil, 0, err
	}
	if len(items) > limit {
		items = items[:limit]
		next = t.meta(&items[limit-1]).ID
	}
	return items, next, nil
}

// scope adds the visibility condition of an account-scoped table.
func (t *Table[T]) scope(s Scope, w *where) {
	switch {
	case t.isAccount:
		if cond, args := visible(s, "t"); cond != "" {
			w.add(cond, args...)
		}
	case t.scopeFrom != "":
		cond, args := visible(s, "a")
		if cond != "" {
			cond = " AND " + cond
		}
		w.add("EXISTS (SELECT 1 FROM "+t.scopeFrom+" AND a.deleted_at IS NULL"+cond+")", args...)
	}
}

// Access is what an actor may do with an account and the records under it.
type Access int

// Access levels, from none.
const (
	AccessNone Access = iota
	AccessRead
	AccessWrite
)

// AccessTo is AccountAccess for an account already read in tx (live, as
// LoadPicture returns it): an admin and the owner get write without another
// statement; anyone else is answered by AccountAccess.
func AccessTo(ctx context.Context, tx *Tx, s Scope, a *kam.Account) (Access, error) {
	if s.All || (s.UserID != 0 && a.OwnerID == s.UserID) {
		return AccessWrite, nil
	}
	return AccountAccess(ctx, tx, s, a.ID)
}

// AccountAccess reports what scope s may do with account accountID: write for
// an admin, the owner, a manager over the owner's team, or a team the account
// is shared with for writing; read for a team it is shared with for reading;
// none otherwise, and when the account is missing or deleted.
func AccountAccess(ctx context.Context, tx *Tx, s Scope, accountID int64) (Access, error) {
	var owner, teamID int64
	row := tx.queryRow(ctx, "SELECT a.owner_id, u.team_id FROM accounts a LEFT JOIN users u ON u.id = a.owner_id WHERE a.id = ? AND a.deleted_at IS NULL", accountID)
	if err := row.Scan(&owner, idCol{&teamID}); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return AccessNone, nil
		}
		return AccessNone, fmt.Errorf("store: account access: %w", err)
	}
	if s.All || (s.UserID != 0 && owner == s.UserID) {
		return AccessWrite, nil
	}
	if s.TeamWide && teamID != 0 {
		if teamID == s.TeamID {
			return AccessWrite, nil
		}
		var manager int64
		err := tx.queryRow(ctx, "SELECT manager_id FROM teams WHERE id = ? AND deleted_at IS NULL", teamID).Scan(idCol{&manager})
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return AccessNone, fmt.Errorf("store: account access: %w", err)
		}
		if s.UserID != 0 && manager == s.UserID {
			return AccessWrite, nil
		}
	}
	if s.TeamID != 0 {
		var access string
		err := tx.queryRow(ctx, "SELECT access FROM account_shares WHERE account_id = ? AND team_id = ?", accountID, s.TeamID).Scan(&access)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return AccessNone, fmt.Errorf("store: account access: %w", err)
		case kam.ShareAccess(access) == kam.ShareWrite:
			return AccessWrite, nil
		default:
			return AccessRead, nil
		}
	}
	return AccessNone, nil
}
