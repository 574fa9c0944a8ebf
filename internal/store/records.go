package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"kam/internal/kam"
)

// notFound wraps kam.ErrNotFound with what was looked for.
func notFound(what string, key any) error {
	return fmt.Errorf("%s %v: %w", what, key, kam.ErrNotFound)
}

// GetUserByEmail returns the live user with that email (stored lower-case;
// compare after kam.User.Normalize); kam.ErrNotFound when none.
func GetUserByEmail(ctx context.Context, tx *Tx, email string) (kam.User, error) {
	vs, err := Users.selectWhere(ctx, tx, "t.email = ? AND t.deleted_at IS NULL", email)
	if err != nil {
		return kam.User{}, err
	}
	if len(vs) == 0 {
		return kam.User{}, notFound("user", email)
	}
	return vs[0], nil
}

// SetPassword stores a new password hash for a live user and whether the user
// must change it at next sign-in. It bumps the version, so a form opened
// before the change conflicts. kam.ErrNotFound when the user is missing.
func SetPassword(ctx context.Context, tx *Tx, userID int64, hash string, mustChange bool) error {
	n, err := tx.execN(ctx, "UPDATE users SET password_hash = ?, must_change_password = ?, version = version + 1, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
		hash, mustChange, tv(tx.Now()), userID)
	if err != nil {
		return fmt.Errorf("store: set password: %w", err)
	}
	if n == 0 {
		return notFound("user", userID)
	}
	return nil
}

// UpgradePasswordHash replaces userID's password hash old with next, the
// same password hashed at a higher cost. It changes nothing when the hash is
// no longer old (the password was set meanwhile) and reports whether it
// replaced it. Being no edit of the user, it keeps version and updated_at.
func UpgradePasswordHash(ctx context.Context, tx *Tx, userID int64, old, next string) (bool, error) {
	n, err := tx.execN(ctx, "UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ? AND deleted_at IS NULL",
		next, userID, old)
	if err != nil {
		return false, fmt.Errorf("store: upgrade password hash: %w", err)
	}
	return n > 0, nil
}

// --- API tokens ---

const tokenCols = "id, user_id, name, prefix, hash, created_at, last_used_at, revoked_at"

func scanToken(sc interface{ Scan(...any) error }) (kam.APIToken, error) {
	var t kam.APIToken
	err := sc.Scan(&t.ID, &t.UserID, &t.Name, &t.Prefix, &t.Hash, timeCol{&t.CreatedAt}, timePtrCol{&t.LastUsedAt}, timePtrCol{&t.RevokedAt})
	return t, err
}

// InsertToken stores t and sets its ID; CreatedAt defaults to tx.Now().
func InsertToken(ctx context.Context, tx *Tx, t *kam.APIToken) error {
	if t.CreatedAt.IsZero() {
		t.CreatedAt = tx.Now()
	}
	err := tx.queryRow(ctx, "INSERT INTO api_tokens (user_id, name, prefix, hash, created_at, last_used_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
		t.UserID, t.Name, t.Prefix, t.Hash, tv(t.CreatedAt), tvPtr(t.LastUsedAt), tvPtr(t.RevokedAt)).Scan(&t.ID)
	if err != nil {
		return tx.resolveFK(ctx, mapErr(err), []ref{{"user_id", "users", t.UserID}})
	}
	return nil
}

// TokenByHash returns the token whose secret hashes to hash; kam.ErrNotFound
// when there is none or it is revoked.
func TokenByHash(ctx context.Context, tx *Tx, hash string) (kam.APIToken, error) {
	t, err := scanToken(tx.queryRow(ctx, "SELECT "+tokenCols+" FROM api_tokens WHERE hash = ? AND revoked_at IS NULL", hash))
	if errors.Is(err, sql.ErrNoRows) {
		return kam.APIToken{}, notFound("token", "by hash")
	}
	if err != nil {
		return kam.APIToken{}, fmt.Errorf("store: token: %w", err)
	}
	return t, nil
}

// ListTokens returns the tokens of userID (0: of every user), revoked ones
// included, oldest first.
func ListTokens(ctx context.Context, tx *Tx, userID int64) ([]kam.APIToken, error) {
	q := "SELECT " + tokenCols + " FROM api_tokens"
	var args []any
	if userID != 0 {
		q += " WHERE user_id = ?"
		args = append(args, userID)
	}
	rows, err := tx.query(ctx, q+" ORDER BY id", args...)
	if err != nil {
		return nil, fmt.Errorf("store: tokens: %w", err)
	}
	defer rows.Close()
	out := []kam.APIToken{}
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, fmt.Errorf("store: tokens: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken marks token id revoked at tx.Now(); kam.ErrNotFound when it is
// missing or already revoked.
func RevokeToken(ctx context.Context, tx *Tx, id int64) error {
	n, err := tx.execN(ctx, "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", tv(tx.Now()), id)
	if err != nil {
		return fmt.Errorf("store: revoke token: %w", err)
	}
	if n == 0 {
		return notFound("token", id)
	}
	return nil
}

// RevokeUserTokens revokes every live token of userID and returns how many.
func RevokeUserTokens(ctx context.Context, tx *Tx, userID int64) (int64, error) {
	n, err := tx.execN(ctx, "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", tv(tx.Now()), userID)
	if err != nil {
		return 0, fmt.Errorf("store: revoke tokens: %w", err)
	}
	return n, nil
}

// TouchToken records that token id was used at at.
func TouchToken(ctx context.Context, tx *Tx, id int64, at time.Time) error {
	n, err := tx.execN(ctx, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", tv(at), id)
	if err != nil {
		return fmt.Errorf("store: touch token: %w", err)
	}
	if n == 0 {
		return notFound("token", id)
	}
	return nil
}

// --- account shares ---

// PutShare gives s.TeamID access s.Access to s.AccountID, replacing any
// earlier share of the account with that team.
func PutShare(ctx context.Context, tx *Tx, s kam.AccountShare) error {
	_, err := tx.exec(ctx, "INSERT INTO account_shares (account_id, team_id, access) VALUES (?, ?, ?) ON CONFLICT (account_id, team_id) DO UPDATE SET access = excluded.access",
		s.AccountID, s.TeamID, string(s.Access))
	if err != nil {
		return tx.resolveFK(ctx, err, []ref{{"account_id", "accounts", s.AccountID}, {"team_id", "teams", s.TeamID}})
	}
	return nil
}

// DeleteShare ends the share; kam.ErrNotFound when there is none.
func DeleteShare(ctx context.Context, tx *Tx, accountID, teamID int64) error {
	n, err := tx.execN(ctx, "DELETE FROM account_shares WHERE account_id = ? AND team_id = ?", accountID, teamID)
	if err != nil {
		return fmt.Errorf("store: delete share: %w", err)
	}
	if n == 0 {
		return notFound("share", fmt.Sprintf("%d/%d", accountID, teamID))
	}
	return nil
}

// ListShares returns the shares of an account, by team id.
func ListShares(ctx context.Context, tx *Tx, accountID int64) ([]kam.AccountShare, error) {
	rows, err := tx.query(ctx, "SELECT account_id, team_id, access FROM account_shares WHERE account_id = ? ORDER BY team_id", accountID)
	if err != nil {
		return nil, fmt.Errorf("store: shares: %w", err)
	}
	return scanAll(rows, "shares", func(s *kam.AccountShare) []any { return []any{&s.AccountID, &s.TeamID, &s.Access} })
}

// --- criterion ratings ---

// PutRating sets the account's rating on a criterion, replacing any earlier
// one.
func PutRating(ctx context.Context, tx *Tx, r kam.CriterionRating) error {
	_, err := tx.exec(ctx, "INSERT INTO criterion_ratings (account_id, criterion_id, rating) VALUES (?, ?, ?) ON CONFLICT (account_id, criterion_id) DO UPDATE SET rating = excluded.rating",
		r.AccountID, r.CriterionID, int64(r.Rating))
	if err != nil {
		return tx.resolveFK(ctx, err, []ref{{"account_id", "accounts", r.AccountID}, {"criterion_id", "criteria", r.CriterionID}})
	}
	return nil
}

// DeleteRating removes the account's rating on a criterion; kam.ErrNotFound
// when there is none.
func DeleteRating(ctx context.Context, tx *Tx, accountID, criterionID int64) error {
	n, err := tx.execN(ctx, "DELETE FROM criterion_ratings WHERE account_id = ? AND criterion_id = ?", accountID, criterionID)
	if err != nil {
		return fmt.Errorf("store: delete rating: %w", err)
	}
	if n == 0 {
		return notFound("rating", fmt.Sprintf("%d/%d", accountID, criterionID))
	}
	return nil
}

// ListRatings returns the account's ratings on live criteria, by criterion.
func ListRatings(ctx context.Context, tx *Tx, accountID int64) ([]kam.CriterionRating, error) {
	m, err := RatingsForAccounts(ctx, tx, []int64{accountID})
	if err != nil {
		return nil, err
	}
	if m[accountID] == nil {
		return []kam.CriterionRating{}, nil
	}
	return m[accountID], nil
}

// RatingsForAccounts returns the ratings on live criteria of each account in
// ids, in one query; accounts without ratings are absent from the map.
func RatingsForAccounts(ctx context.Context, tx *Tx, ids []int64) (map[int64][]kam.CriterionRating, error) {
	out := map[int64][]kam.CriterionRating{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := tx.query(ctx, "SELECT r.account_id, r.criterion_id, r.rating FROM criterion_ratings r JOIN criteria c ON c.id = r.criterion_id AND c.deleted_at IS NULL WHERE r.account_id IN ("+placeholders(len(ids))+") ORDER BY r.account_id, r.criterion_id", int64Args(ids)...)
	if err != nil {
		return nil, fmt.Errorf("store: ratings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r kam.CriterionRating
		if err := rows.Scan(&r.AccountID, &r.CriterionID, &r.Rating); err != nil {
			return nil, fmt.Errorf("store: ratings: %w", err)
		}
		out[r.AccountID] = append(out[r.AccountID], r)
	}
	return out, rows.Err()
}

// --- level history ---

// InsertLevelChange records a move between funnel levels and sets c.ID; a
// zero At is tx.Now().
func InsertLevelChange(ctx context.Context, tx *Tx, c *kam.LevelChange) error {
	if c.At.IsZero() {
		c.At = tx.Now()
	}
	err := tx.queryRow(ctx, "INSERT INTO level_changes (opportunity_id, from_level, to_level, at, by_user_id) VALUES (?, ?, ?, ?, ?) RETURNING id",
		c.OpportunityID, string(c.From), string(c.To), tv(c.At), idv(c.ByUserID)).Scan(&c.ID)
	if err != nil {
		return tx.resolveFK(ctx, mapErr(err), []ref{{"opportunity_id", "opportunities", c.OpportunityID}, {"by_user_id", "users", c.ByUserID}})
	}
	return nil
}

const levelChangeCols = "id, opportunity_id, from_level, to_level, at, by_user_id"

func scanLevelChanges(rows *sql.Rows) ([]kam.LevelChange, error) {
	return scanAll(rows, "level changes", func(c *kam.LevelChange) []any {
		return []any{&c.ID, &c.OpportunityID, &c.From, &c.To, timeCol{&c.At}, idCol{&c.ByUserID}}
	})
}

// ListLevelChanges returns the opportunity's moves, oldest first.
func ListLevelChanges(ctx context.Context, tx *Tx, opportunityID int64) ([]kam.LevelChange, error) {
	rows, err := tx.query(ctx, "SELECT "+levelChangeCols+" FROM level_changes WHERE opportunity_id = ? ORDER BY at, id", opportunityID)
	if err != nil {
		return nil, fmt.Errorf("store: level changes: %w", err)
	}
	return scanLevelChanges(rows)
}

// --- accepted findings ---

// InsertAccepted records an accepted finding and sets a.ID; a zero At is
// tx.Now().
func InsertAccepted(ctx context.Context, tx *Tx, a *kam.AcceptedFinding) error {
	if a.At.IsZero() {
		a.At = tx.Now()
	}
	err := tx.queryRow(ctx, "INSERT INTO accepted_findings (opportunity_id, rule_id, subject, fingerprint, note, by_user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
		a.OpportunityID, a.RuleID, a.Subject, a.Fingerprint, a.Note, idv(a.ByUserID), tv(a.At)).Scan(&a.ID)
	if err != nil {
		return tx.resolveFK(ctx, mapErr(err), []ref{{"opportunity_id", "opportunities", a.OpportunityID}, {"by_user_id", "users", a.ByUserID}})
	}
	return nil
}

// DeleteAccepted withdraws an accepted finding; kam.ErrNotFound when there is
// none.
func DeleteAccepted(ctx context.Context, tx *Tx, id int64) error {
	n, err := tx.execN(ctx, "DELETE FROM accepted_findings WHERE id = ?", id)
	if err != nil {
		return fmt.Errorf("store: delete accepted finding: %w", err)
	}
	if n == 0 {
		return notFound("accepted finding", id)
	}
	return nil
}

const acceptedCols = "id, opportunity_id, rule_id, subject, fingerprint, note, by_user_id, at"

func scanAccepted(rows *sql.Rows) ([]kam.AcceptedFinding, error) {
	return scanAll(rows, "accepted findings", func(a *kam.AcceptedFinding) []any {
		return []any{&a.ID, &a.OpportunityID, &a.RuleID, &a.Subject, &a.Fingerprint, &a.Note, idCol{&a.ByUserID}, timeCol{&a.At}}
	})
}

// scanAll reads every row into a T through dest (the scan targets of one
// T, in the query's column order) and closes rows; a scan error names what
// was read.
func scanAll[T any](rows *sql.Rows, what string, dest func(*T) []any) ([]T, error) {
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		var v T
		if err := rows.Scan(dest(&v)...); err != nil {
			return nil, fmt.Errorf("store: %s: %w", what, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// ListAccepted returns the opportunity's accepted findings, oldest first.
func ListAccepted(ctx context.Context, tx *Tx, opportunityID int64) ([]kam.AcceptedFinding, error) {
	rows, err := tx.query(ctx, "SELECT "+acceptedCols+" FROM accepted_findings WHERE opportunity_id = ? ORDER BY id", opportunityID)
	if err != nil {
		return nil, fmt.Errorf("store: accepted findings: %w", err)
	}
	return scanAccepted(rows)
}

// --- audit ---

// InsertAudit appends r to the audit trail and sets r.ID; a zero At is
// tx.Now().
func InsertAudit(ctx context.Context, tx *Tx, r *kam.AuditRecord) error {
	if r.At.IsZero() {
		r.At = tx.Now()
	}
	err := tx.queryRow(ctx, "INSERT INTO audit_log (at, user_id, action, entity, entity_id, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
		tv(r.At), r.UserID, r.Action, r.Entity, r.EntityID, r.Before, r.After).Scan(&r.ID)
	if err != nil {
		return fmt.Errorf("store: audit: %w", mapErr(err))
	}
	return nil
}

// AuditFilter narrows ListAudit; zero fields do not filter.
type AuditFilter struct {
	Entity   string
	EntityID int64
	UserID   int64
	Since    time.Time // at or after
	Until    time.Time // before
	Before   int64     // keyset: records with id < Before (newest first)
	Limit    int       // default 50, at most 500
}

// ListAudit returns audit records newest first; next is the Before of the
// following page, or 0 when this is the last.
func ListAudit(ctx context.Context, tx *Tx, f AuditFilter) (recs []kam.AuditRecord, next int64, err error) {
	limit := clampLimit(f.Limit, DefaultLimit, MaxLimit)
	var w where
	if f.Entity != "" {
		w.add("entity = ?", f.Entity)
	}
	if f.EntityID != 0 {
		w.add("entity_id = ?", f.EntityID)
	}
	if f.UserID != 0 {
		w.add("user_id = ?", f.UserID)
	}
	if !f.Since.IsZero() {
		w.add("at >= ?", tv(f.Since))
	}
	if !f.Until.IsZero() {
		w.add("at < ?", tv(f.Until))
	}
	if f.Before > 0 {
		w.add("id < ?", f.Before)
	}
	rows, err := tx.query(ctx, "SELECT id, at, user_id, action, entity, entity_id, before_json, after_json FROM audit_log"+w.sql()+" ORDER BY id DESC LIMIT ?", append(w.args, limit+1)...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: audit: %w", err)
	}
	recs, err = scanAll(rows, "audit", func(r *kam.AuditRecord) []any {
		return []any{&r.ID, timeCol{&r.At}, &r.UserID, &r.Action, &r.Entity, &r.EntityID, &r.Before, &r.After}
	})
	if err != nil {
		return nil, 0, err
	}
	if len(recs) > limit {
		recs = recs[:limit]
		next = recs[limit-1].ID
	}
	return recs, next, nil
}

// --- sessions ---

// InsertSession stores a new signed-in browser.
func InsertSession(ctx context.Context, tx *Tx, s kam.Session) error {
	_, err := tx.exec(ctx, "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, user_agent, ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		s.IDHash, s.UserID, s.CSRFToken, tv(s.CreatedAt), tv(s.LastSeenAt), tv(s.ExpiresAt), s.UserAgent, s.IP)
	if err != nil {
		return tx.resolveFK(ctx, err, []ref{{"user_id", "users", s.UserID}})
	}
	return nil
}

// GetSession returns the session with that id hash, expired or not (the
// caller compares ExpiresAt with its clock); kam.ErrNotFound when none.
func GetSession(ctx context.Context, tx *Tx, idHash string) (kam.Session, error) {
	var s kam.Session
	err := tx.queryRow(ctx, "SELECT id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, user_agent, ip FROM sessions WHERE id_hash = ?", idHash).
		Scan(&s.IDHash, &s.UserID, &s.CSRFToken, timeCol{&s.CreatedAt}, timeCol{&s.LastSeenAt}, timeCol{&s.ExpiresAt}, &s.UserAgent, &s.IP)
	if errors.Is(err, sql.ErrNoRows) {
		return kam.Session{}, notFound("session", "by hash")
	}
	if err != nil {
		return kam.Session{}, fmt.Errorf("store: session: %w", err)
	}
	return s, nil
}

// TouchSession records that the session was seen at at; kam.ErrNotFound when
// it is gone.
func TouchSession(ctx context.Context, tx *Tx, idHash string, at time.Time) error {
	n, err := tx.execN(ctx, "UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?", tv(at), idHash)
	if err != nil {
		return fmt.Errorf("store: touch session: %w", err)
	}
	if n == 0 {
		return notFound("session", "by hash")
	}
	return nil
}

// DeleteSession signs the session out; deleting a missing session is not an
// error (signing out twice is fine).
func DeleteSession(ctx context.Context, tx *Tx, idHash string) error {
	if _, err := tx.exec(ctx, "DELETE FROM sessions WHERE id_hash = ?", idHash); err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}

// DeleteUserSessions signs the user out everywhere.
func DeleteUserSessions(ctx context.Context, tx *Tx, userID int64) error {
	if _, err := tx.exec(ctx, "DELETE FROM sessions WHERE user_id = ?", userID); err != nil {
		return fmt.Errorf("store: delete sessions: %w", err)
	}
	return nil
}

// DeleteExpiredSessions removes sessions whose ExpiresAt is not after now and
// returns how many.
func DeleteExpiredSessions(ctx context.Context, tx *Tx, now time.Time) (int64, error) {
	n, err := tx.execN(ctx, "DELETE FROM sessions WHERE expires_at <= ?", tv(now))
	if err != nil {
		return 0, fmt.Errorf("store: delete expired sessions: %w", err)
	}
	return n, nil
}

// DeleteIdleSessions removes sessions last seen before seenBefore (they
// have been idle too long to be used again) and returns how many.
func DeleteIdleSessions(ctx context.Context, tx *Tx, seenBefore time.Time) (int64, error) {
	n, err := tx.execN(ctx, "DELETE FROM sessions WHERE last_seen_at < ?", tv(seenBefore))
	if err != nil {
		return 0, fmt.Errorf("store: delete idle sessions: %w", err)
	}
	return n, nil
}

// --- sign-in throttles ---

// GetThrottle returns the failure count of key; the zero value with Key set
// when there is none.
func GetThrottle(ctx context.Context, tx *Tx, key string) (kam.LoginThrottle, error) {
	t := kam.LoginThrottle{Key: key}
	var failures int64
	err := tx.queryRow(ctx, "SELECT failures, last_failure, locked_until FROM login_throttles WHERE key = ?", key).
		Scan(&failures, timeCol{&t.LastFailure}, timeCol{&t.LockedUntil})
	if errors.Is(err, sql.ErrNoRows) {
		return t, nil
	}
	if err != nil {
		return t, fmt.Errorf("store: throttle: %w", err)
	}
	t.Failures = int(failures)
	return t, nil
}

// LockThrottle returns the failure count of key, like GetThrottle, and holds
// the key's row until tx ends, so a read-modify-write of one key in one write
// transaction is atomic: on PostgreSQL the upsert takes the row lock (a
// concurrent transaction on the same key waits for this one, then sees its
// result); on SQLite every write transaction runs alone. A missing key gets
// an empty row, which the caller overwrites or deletes. Lock several keys in
// the same order everywhere, so two transactions cannot wait on each other.
func LockThrottle(ctx context.Context, tx *Tx, key string) (kam.LoginThrottle, error) {
	t := kam.LoginThrottle{Key: key}
	var failures int64
	err := tx.queryRow(ctx, "INSERT INTO login_throttles (key, failures) VALUES (?, 0) ON CONFLICT (key) DO UPDATE SET failures = login_throttles.failures RETURNING failures, last_failure, locked_until", key).
		Scan(&failures, timeCol{&t.LastFailure}, timeCol{&t.LockedUntil})
	if err != nil {
		return t, fmt.Errorf("store: lock throttle: %w", err)
	}
	t.Failures = int(failures)
	return t, nil
}

// PutThrottle stores t, replacing the earlier count of t.Key.
func PutThrottle(ctx context.Context, tx *Tx, t kam.LoginThrottle) error {
	_, err := tx.exec(ctx, "INSERT INTO login_throttles (key, failures, last_failure, locked_until) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, last_failure = excluded.last_failure, locked_until = excluded.locked_until",
		t.Key, int64(t.Failures), tvNull(t.LastFailure), tvNull(t.LockedUntil))
	if err != nil {
		return fmt.Errorf("store: put throttle: %w", err)
	}
	return nil
}

// DeleteThrottle forgets the failures of key (after a good sign-in).
func DeleteThrottle(ctx context.Context, tx *Tx, key string) error {
	if _, err := tx.exec(ctx, "DELETE FROM login_throttles WHERE key = ?", key); err != nil {
		return fmt.Errorf("store: delete throttle: %w", err)
	}
	return nil
}

// DeleteStaleThrottles removes the throttles whose last failure is before
// cutoff (or that hold no failure at all) and whose lock, if any, has ended by
// now, and returns how many. A throttle older than the decay window counts
// from zero anyway, so this forgets nothing that still matters.
func DeleteStaleThrottles(ctx context.Context, tx *Tx, cutoff, now time.Time) (int64, error) {
	n, err := tx.execN(ctx, "DELETE FROM login_throttles WHERE (last_failure IS NULL OR last_failure < ?) AND (locked_until IS NULL OR locked_until <= ?)",
		tv(cutoff), tv(now))
	if err != nil {
		return 0, fmt.Errorf("store: delete stale throttles: %w", err)
	}
	return n, nil
}

// --- settings ---

// GetSetting returns the JSON value stored under key; ok is false when none.
func GetSetting(ctx context.Context, tx *Tx, key string) (value string, ok bool, err error) {
	err = tx.queryRow(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("store: setting %s: %w", key, err)
	}
	return value, true, nil
}

// PutSetting stores value (JSON text) under key.
func PutSetting(ctx context.Context, tx *Tx, key, value string) error {
	_, err := tx.exec(ctx, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value)
	if err != nil {
		return fmt.Errorf("store: put setting %s: %w", key, err)
	}
	return nil
}
