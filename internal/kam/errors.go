package kam

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// The error kinds every layer shares. Check them with errors.Is; front ends map
// them to statuses (404, 422, 409, 403, 401, 500).
var (
	// ErrNotFound: the record does not exist, or is outside the actor's scope.
	ErrNotFound = errors.New("not found")
	// ErrInvalid: the input breaks a rule; a *ValidationError says which fields.
	ErrInvalid = errors.New("invalid input")
	// ErrConflict: the record changed since the client read it; a
	// *ConflictError carries the current record.
	ErrConflict = errors.New("version conflict")
	// ErrForbidden: the actor may see the record but not do this to it.
	ErrForbidden = errors.New("forbidden")
	// ErrUnauthorized: no valid credentials.
	ErrUnauthorized = errors.New("unauthorized")
	// ErrInternal: anything else; never shown to users in detail.
	ErrInternal = errors.New("internal error")
)

// ValidationError lists what is wrong with an input, field by field. Field
// names are the JSON names of the input ("close_date", "roles[1]").
type ValidationError struct {
	Fields map[string]Text
}

// Error lists the fields in a stable order.
func (e *ValidationError) Error() string {
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("invalid input: ")
	for i, k := range keys {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s: %s", k, e.Fields[k].EN)
	}
	return b.String()
}

// Is makes errors.Is(err, ErrInvalid) true.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalid }

// Add records a problem with field; the first problem per field wins.
func (e *ValidationError) Add(field string, msg Text) {
	if e.Fields == nil {
		e.Fields = map[string]Text{}
	}
	if _, ok := e.Fields[field]; !ok {
		e.Fields[field] = msg
	}
}

// Err returns e when it holds a problem, else nil.
func (e *ValidationError) Err() error {
	if e == nil || len(e.Fields) == 0 {
		return nil
	}
	return e
}

// Merge adds the field problems of err to e, the first problem per field
// winning, and reports whether err was a validation error (or nil); any
// other error is left for the caller to return.
func (e *ValidationError) Merge(err error) bool {
	if err == nil {
		return true
	}
	var v *ValidationError
	if !errors.As(err, &v) {
		return false
	}
	for k, m := range v.Fields {
		e.Add(k, m)
	}
	return true
}

// Invalid returns a validation error for one field.
func Invalid(field string, msg Text) error {
	v := &ValidationError{}
	v.Add(field, msg)
	return v
}

// ConflictError reports a stale version. Current is the record as it is now,
// so the client can show what changed and re-apply its edit.
type ConflictError struct {
	Entity  string
	ID      int64
	Current any
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("version conflict on %s %d", e.Entity, e.ID)
}

// Is makes errors.Is(err, ErrConflict) true.
func (e *ConflictError) Is(target error) bool { return target == ErrConflict }
