package store

import (
	"context"
	"database/sql"
	"errors"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"

	"kam/internal/kam"
)

// Messages of the constraint violations a user can cause.
var (
	msgTaken   = kam.T("is already taken", "已被占用")
	msgMissing = kam.T("does not exist", "不存在")
)

// childFields renames columns of child tables to the field of the parent
// record the user edited ("action_participants.contact_id" is an entry of an
// action's participant_ids).
var childFields = map[string]string{
	"action_participants.contact_id":  "participant_ids",
	"interaction_users.user_id":       "user_ids",
	"interaction_feedback.contact_id": "feedback",
	"criterion_ratings.criterion_id":  "criterion_id",
	"call_plan_attendees.contact_id":  "attendees",
}

func fieldOf(table, column string) string {
	if f, ok := childFields[table+"."+column]; ok {
		return f
	}
	return column
}

// fkViolation is SQLite's foreign-key failure, which does not say which
// column failed; the writer that knows its references resolves it (see
// Tx.resolveFK).
type fkViolation struct{ err error }

func (e *fkViolation) Error() string { return e.err.Error() }
func (e *fkViolation) Unwrap() error { return e.err }

// Is makes an unresolved violation still count as invalid input.
func (e *fkViolation) Is(target error) bool { return target == kam.ErrInvalid }

var (
	sqliteUnique = regexp.MustCompile(`UNIQUE constraint failed: ([a-z_]+)\.([a-z_]+)((?:, [a-z_]+\.[a-z_]+)*)`)
	pgKey        = regexp.MustCompile(`Key \(([^)]*)\)=`)
)

// mapErr turns driver errors into kam's error kinds: sql.ErrNoRows is
// kam.ErrNotFound, unique and foreign-key violations are *kam.ValidationError
// naming the field. Anything else is returned unchanged.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return kam.ErrNotFound
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		return mapSQLite(se, err)
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return mapPostgres(pe, err)
	}
	return err
}

// SQLite's extended result codes for constraint failures.
const (
	sqliteConstraintForeignKey = 787
	sqliteConstraintPrimaryKey = 1555
	sqliteConstraintUnique     = 2067
)

func mapSQLite(se *sqlite.Error, err error) error {
	switch se.Code() {
	case sqliteConstraintUnique, sqliteConstraintPrimaryKey:
		m := sqliteUnique.FindStringSubmatch(se.Error())
		if m == nil {
			return kam.Invalid("id", msgTaken)
		}
		table, column := m[1], m[2]
		if m[3] != "" {
			// A composite key: the last column is the one the user chose
			// (buying_influences: opportunity_id, contact_id → contact_id).
			last := m[3][strings.LastIndex(m[3], ".")+1:]
			column = last
		}
		return kam.Invalid(fieldOf(table, column), msgTaken)
	case sqliteConstraintForeignKey:
		return &fkViolation{err}
	}
	return err
}

func mapPostgres(pe *pgconn.PgError, err error) error {
	switch pe.Code {
	case "23505", "23503": // unique_violation, foreign_key_violation
		column := "id"
		if m := pgKey.FindStringSubmatch(pe.Detail); m != nil {
			cols := strings.Split(m[1], ",")
			column = strings.TrimSpace(cols[len(cols)-1])
		}
		msg := msgTaken
		if pe.Code == "23503" {
			msg = msgMissing
		}
		return kam.Invalid(fieldOf(pe.TableName, column), msg)
	}
	return err
}

// ref is a foreign key a write sets: the column (named as the input field),
// the table it points to and the value.
type ref struct {
	field string
	table string
	id    int64
}

// resolveFK names the field behind a SQLite foreign-key failure by looking up
// each reference the write made. Other errors pass through.
func (tx *Tx) resolveFK(ctx context.Context, err error, refs []ref) error {
	var fk *fkViolation
	if !errors.As(err, &fk) {
		return err
	}
	for _, r := range refs {
		if r.id == 0 {
			continue
		}
		var one int
		e := tx.queryRow(ctx, "SELECT 1 FROM "+r.table+" WHERE id = ?", r.id).Scan(&one)
		if errors.Is(e, sql.ErrNoRows) {
			return kam.Invalid(r.field, msgMissing)
		}
		if e != nil {
			return errors.Join(err, e)
		}
	}
	return kam.Invalid("id", msgMissing)
}
