package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"kam/internal/kam"
)

// The channels and the outbox of pushes (通知). Channel addresses and
// secrets arrive here already sealed by the service; the store never sees
// them in clear.

const pushChannelCols = "id, version, created_at, updated_at, name, kind, team_id, locale, url_sealed, secret_sealed, events, mentions"

func scanPushChannel(row interface{ Scan(...any) error }) (kam.PushChannel, error) {
	var c kam.PushChannel
	var mentions string
	err := row.Scan(&c.ID, &c.Version, timeCol{&c.CreatedAt}, timeCol{&c.UpdatedAt}, &c.Name, &c.Kind, idCol{&c.TeamID},
		&c.Locale, &c.URL, &c.Secret, jsonCol[kam.PushEvent]{&c.Events}, &mentions)
	if err != nil {
		return c, err
	}
	c.HasSecret = c.Secret != ""
	if mentions != "" && mentions != "{}" {
		if err := json.Unmarshal([]byte(mentions), &c.Mentions); err != nil {
			return c, fmt.Errorf("store: push channel %d mentions: %w", c.ID, err)
		}
	}
	return c, nil
}

func mentionsv(m map[int64]kam.PushMention) string {
	if len(m) == 0 {
		return "{}"
	}
	b, err := json.Marshal(m)
	if err != nil {
		panic(err) // strings only
	}
	return string(b)
}

// InsertPushChannel stores a new channel; c.URL and c.Secret must be sealed.
func InsertPushChannel(ctx context.Context, tx *Tx, c *kam.PushChannel) error {
	now := tx.Now()
	err := tx.queryRow(ctx, "INSERT INTO push_channels (version, created_at, updated_at, name, kind, team_id, locale, url_sealed, secret_sealed, events, mentions) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		tv(now), tv(now), c.Name, string(c.Kind), idv(c.TeamID), string(c.Locale), c.URL, c.Secret, jsonv(c.Events), mentionsv(c.Mentions)).Scan(&c.ID)
	if err != nil {
		return tx.resolveFK(ctx, mapErr(err), []ref{{"team_id", "teams", c.TeamID}})
	}
	c.Version, c.CreatedAt, c.UpdatedAt = 1, now, now
	return nil
}

// GetPushChannel returns a live channel; kam.ErrNotFound when there is none.
func GetPushChannel(ctx context.Context, tx *Tx, id int64) (kam.PushChannel, error) {
	c, err := scanPushChannel(tx.queryRow(ctx, "SELECT "+pushChannelCols+" FROM push_channels WHERE id = ? AND deleted_at IS NULL", id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, notFound("push_channel", fmt.Sprint(id))
	}
	return c, err
}

// ListPushChannels returns the live channels, by id: every channel when
// teamIDs is nil, else the channels of those teams.
func ListPushChannels(ctx context.Context, tx *Tx, teamIDs []int64) ([]kam.PushChannel, error) {
	q := "SELECT " + pushChannelCols + " FROM push_channels WHERE deleted_at IS NULL"
	var args []any
	if teamIDs != nil {
		if len(teamIDs) == 0 {
			return []kam.PushChannel{}, nil
		}
		q += " AND team_id IN (" + placeholders(len(teamIDs)) + ")"
		args = int64Args(teamIDs)
	}
	rows, err := tx.query(ctx, q+" ORDER BY id", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []kam.PushChannel{}
	for rows.Next() {
		c, err := scanPushChannel(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// UpdatePushChannel writes c over the stored channel if its version is
// still c.Version, and bumps it; kam.ErrConflict-carrying
// *kam.ConflictError is the caller's to build: this returns ErrStale.
func UpdatePushChannel(ctx context.Context, tx *Tx, c *kam.PushChannel) error {
	now := tx.Now()
	n, err := tx.execN(ctx, "UPDATE push_channels SET version = version + 1, updated_at = ?, name = ?, kind = ?, team_id = ?, locale = ?, url_sealed = ?, secret_sealed = ?, events = ?, mentions = ? WHERE id = ? AND version = ? AND deleted_at IS NULL",
		tv(now), c.Name, string(c.Kind), idv(c.TeamID), string(c.Locale), c.URL, c.Secret, jsonv(c.Events), mentionsv(c.Mentions), c.ID, c.Version)
	if err != nil {
		return tx.resolveFK(ctx, mapErr(err), []ref{{"team_id", "teams", c.TeamID}})
	}
	if n == 0 {
		return ErrStalePush
	}
	c.Version++
	c.UpdatedAt = now
	return nil
}

// ErrStalePush is UpdatePushChannel's answer when the version moved or the
// channel is gone.
var ErrStalePush = errors.New("store: the push channel changed or is gone")

// DeletePushChannel removes a channel; its pending pushes are dropped as
// failed so that nothing is sent to an address the admin took away.
func DeletePushChannel(ctx context.Context, tx *Tx, id int64) error {
	n, err := tx.execN(ctx, "UPDATE push_channels SET deleted_at = ?, url_sealed = '', secret_sealed = '' WHERE id = ? AND deleted_at IS NULL", tv(tx.Now()), id)
	if err != nil {
		return err
	}
	if n == 0 {
		return notFound("push_channel", fmt.Sprint(id))
	}
	_, err = tx.exec(ctx, "UPDATE push_outbox SET status = 'failed', last_error = 'channel removed', done_at = ? WHERE channel_id = ? AND status = 'pending'", tv(tx.Now()), id)
	return err
}

// EnqueuePush writes one push to the outbox, due at once. Called in the
// transaction of the change that caused it, so the push exists exactly
// when the change does.
func EnqueuePush(ctx context.Context, tx *Tx, channelID int64, event kam.PushEvent, message []byte) (int64, error) {
	now := tx.Now()
	var id int64
	err := tx.queryRow(ctx, "INSERT INTO push_outbox (channel_id, event, message, status, created_at, next_at) VALUES (?, ?, ?, 'pending', ?, ?) RETURNING id",
		channelID, string(event), string(message), tv(now), tv(now)).Scan(&id)
	if err != nil {
		return 0, tx.resolveFK(ctx, mapErr(err), []ref{{"channel_id", "push_channels", channelID}})
	}
	return id, nil
}

// ClaimedPush is an outbox row a worker holds, with its channel's sealed
// address and secret.
type ClaimedPush struct {
	ID        int64
	Event     kam.PushEvent
	Message   []byte
	CreatedAt time.Time
	Attempts  int
	Kind      kam.ChannelKind
	URL       string
	Secret    string
}

// ClaimPushes gives worker up to limit pending pushes due at now that no
// other worker holds, and holds them until now+lease. On PostgreSQL the
// rows are picked with FOR UPDATE SKIP LOCKED, so workers on several
// instances never pick the same row; SQLite has one writer, so the pick
// and the claim are one step anyway. A worker that dies leaves its claims
// to expire; the rows are then picked again.
func ClaimPushes(ctx context.Context, tx *Tx, worker string, now time.Time, lease time.Duration, limit int) ([]ClaimedPush, error) {
	pick := "SELECT o.id FROM push_outbox o WHERE o.status = 'pending' AND o.next_at <= ? AND (o.claimed_until IS NULL OR o.claimed_until < ?) ORDER BY o.next_at, o.id LIMIT ?"
	if tx.Dialect() == Postgres {
		pick += " FOR UPDATE SKIP LOCKED"
	}
	rows, err := tx.query(ctx, pick, tv(now), tv(now), limit)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return nil, err
	}
	args := append([]any{worker, tv(now.Add(lease))}, int64Args(ids)...)
	if _, err := tx.exec(ctx, "UPDATE push_outbox SET claimed_by = ?, claimed_until = ? WHERE id IN ("+placeholders(len(ids))+")", args...); err != nil {
		return nil, err
	}
	rows, err = tx.query(ctx, "SELECT o.id, o.event, o.message, o.created_at, o.attempts, c.kind, c.url_sealed, c.secret_sealed FROM push_outbox o JOIN push_channels c ON c.id = o.channel_id WHERE o.id IN ("+placeholders(len(ids))+") ORDER BY o.next_at, o.id", int64Args(ids)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ClaimedPush
	for rows.Next() {
		var p ClaimedPush
		var msg string
		if err := rows.Scan(&p.ID, &p.Event, &msg, timeCol{&p.CreatedAt}, &p.Attempts, &p.Kind, &p.URL, &p.Secret); err != nil {
			return nil, err
		}
		p.Message = []byte(msg)
		out = append(out, p)
	}
	return out, rows.Err()
}

// FinishPush records worker's attempt at push id: sent, given up (failed),
// or due again at next. It does nothing and reports false when worker no
// longer holds the row (its lease ran out and another worker took it), so
// a slow worker cannot overwrite the newer outcome.
func FinishPush(ctx context.Context, tx *Tx, id int64, worker string, a kam.DeliveryAttempt, status kam.DeliveryStatus, next time.Time) (bool, error) {
	var done any
	if status != kam.DeliveryPending {
		done = tv(a.At)
	}
	n, err := tx.execN(ctx, "UPDATE push_outbox SET status = ?, attempts = attempts + 1, last_status = ?, last_error = ?, next_at = ?, done_at = ?, claimed_by = '', claimed_until = NULL WHERE id = ? AND claimed_by = ? AND status = 'pending'",
		string(status), a.Status, a.Error, tv(next), done, id, worker)
	if err != nil || n == 0 {
		return false, err
	}
	_, err = tx.exec(ctx, "INSERT INTO push_attempts (outbox_id, at, worker, status, error) VALUES (?, ?, ?, ?, ?)", id, tv(a.At), worker, a.Status, a.Error)
	return err == nil, err
}

// ListPushes returns the newest pushes of a channel (at most limit, newest
// first), as its delivery list shows them.
func ListPushes(ctx context.Context, tx *Tx, channelID int64, limit int) ([]kam.Push, error) {
	rows, err := tx.query(ctx, "SELECT id, channel_id, event, message, status, created_at, next_at, attempts, last_status, last_error, done_at FROM push_outbox WHERE channel_id = ? ORDER BY id DESC LIMIT ?", channelID, clampLimit(limit, 50, 500))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []kam.Push{}
	for rows.Next() {
		var p kam.Push
		var msg string
		if err := rows.Scan(&p.ID, &p.ChannelID, &p.Event, &msg, &p.Status, timeCol{&p.CreatedAt}, timeCol{&p.NextAt}, &p.Attempts, &p.LastStatus, &p.LastError, timePtrCol{&p.DoneAt}); err != nil {
			return nil, err
		}
		var m struct{ Title string }
		if json.Unmarshal([]byte(msg), &m) == nil {
			p.Title = m.Title
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// PushAttempts returns every attempt at one push of a channel, oldest first.
func PushAttempts(ctx context.Context, tx *Tx, channelID, pushID int64) ([]kam.DeliveryAttempt, error) {
	rows, err := tx.query(ctx, "SELECT a.at, a.status, a.error FROM push_attempts a JOIN push_outbox o ON o.id = a.outbox_id WHERE a.outbox_id = ? AND o.channel_id = ? ORDER BY a.id", pushID, channelID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []kam.DeliveryAttempt{}
	for rows.Next() {
		var a kam.DeliveryAttempt
		if err := rows.Scan(timeCol{&a.At}, &a.Status, &a.Error); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// PushBacklog counts the pushes waiting and those that failed, for the
// metrics and the admin page.
func PushBacklog(ctx context.Context, tx *Tx) (pending, failed int64, err error) {
	err = tx.queryRow(ctx, "SELECT COALESCE(SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), 0) FROM push_outbox").Scan(&pending, &failed)
	return pending, failed, err
}
