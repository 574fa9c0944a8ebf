package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"kam/internal/kam"
	"kam/internal/store"
)

// Push channels (通知渠道) and the outbox. An admin keeps channels for
// everyone's events; a manager keeps channels for their own team's. The
// webhook address and the signing secret are sealed before they reach the
// store and are never returned: a channel read back says only whether it
// has a secret.

// channelScope says which channels a may see and keep: nil (every channel)
// for an admin, the teams a manager leads or belongs to for a manager;
// reps keep none.
func (s *Service) channelScope(ctx context.Context, tx *store.Tx, a kam.Actor) ([]int64, error) {
	switch a.Role {
	case kam.RoleAdmin:
		return nil, nil
	case kam.RoleManager:
		if a.TeamID == 0 {
			return []int64{}, nil
		}
		return []int64{a.TeamID}, nil
	}
	return nil, kam.ErrForbidden
}

func (s *Service) channelVisible(teams []int64, c *kam.PushChannel) bool {
	if teams == nil {
		return true
	}
	for _, t := range teams {
		if c.TeamID == t {
			return true
		}
	}
	return false
}

// redact drops what is never shown again.
func redact(c kam.PushChannel) kam.PushChannel {
	c.HasSecret = c.Secret != ""
	c.URL, c.Secret = "", ""
	if c.Events == nil {
		c.Events = []kam.PushEvent{}
	}
	return c
}

// PushChannels lists the channels a may keep.
func (s *Service) PushChannels(ctx context.Context, a kam.Actor) ([]kam.PushChannel, error) {
	var out []kam.PushChannel
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		teams, err := s.channelScope(ctx, tx, a)
		if err != nil {
			return err
		}
		cs, err := store.ListPushChannels(ctx, tx, teams)
		for _, c := range cs {
			out = append(out, redact(c))
		}
		return err
	})
	return out, err
}

// PushChannel returns one channel a may keep; kam.ErrNotFound otherwise.
func (s *Service) PushChannel(ctx context.Context, a kam.Actor, id int64) (kam.PushChannel, error) {
	var out kam.PushChannel
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		c, err := s.channelOf(ctx, tx, a, id)
		out = redact(c)
		return err
	})
	return out, err
}

func (s *Service) channelOf(ctx context.Context, tx *store.Tx, a kam.Actor, id int64) (kam.PushChannel, error) {
	teams, err := s.channelScope(ctx, tx, a)
	if err != nil {
		return kam.PushChannel{}, kam.ErrNotFound
	}
	c, err := store.GetPushChannel(ctx, tx, id)
	if err != nil {
		return c, err
	}
	if !s.channelVisible(teams, &c) {
		return kam.PushChannel{}, fmt.Errorf("push channel %d: %w", id, kam.ErrNotFound)
	}
	return c, nil
}

// CreatePushChannel adds a channel. A manager's channel is always for
// their own team.
func (s *Service) CreatePushChannel(ctx context.Context, a kam.Actor, c kam.PushChannel) (kam.PushChannel, error) {
	if a.Role == kam.RoleManager {
		c.TeamID = a.TeamID
	}
	if err := kam.ValidatePushChannel(&c, true); err != nil {
		return kam.PushChannel{}, err
	}
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		if _, err := s.channelScope(ctx, tx, a); err != nil {
			return err
		}
		c.URL, c.Secret = s.sealer.Seal(c.URL), s.sealer.Seal(c.Secret)
		if err := store.InsertPushChannel(ctx, tx, &c); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "create", "push_channel", c.ID, nil, redact(c))
	})
	return redact(c), err
}

// UpdatePushChannel changes a channel at version; an empty URL or Secret
// keeps the stored one. A stale version is a *kam.ConflictError.
func (s *Service) UpdatePushChannel(ctx context.Context, a kam.Actor, id, version int64, c kam.PushChannel) (kam.PushChannel, error) {
	if err := kam.ValidatePushChannel(&c, false); err != nil {
		return kam.PushChannel{}, err
	}
	var out kam.PushChannel
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		before, err := s.channelOf(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return &kam.ConflictError{Entity: "push_channel", ID: id, Current: redact(before)}
		}
		next := c
		next.Meta = before.Meta
		if a.Role == kam.RoleManager {
			next.TeamID = before.TeamID
		}
		next.URL, next.Secret = before.URL, before.Secret
		if c.URL != "" {
			next.URL = s.sealer.Seal(c.URL)
		}
		if c.Secret != "" {
			next.Secret = s.sealer.Seal(c.Secret)
		}
		if err := store.UpdatePushChannel(ctx, tx, &next); err != nil {
			if errors.Is(err, store.ErrStalePush) {
				return &kam.ConflictError{Entity: "push_channel", ID: id, Current: redact(before)}
			}
			return err
		}
		out = redact(next)
		return s.audit(ctx, tx, a, "update", "push_channel", id, redact(before), out)
	})
	return out, err
}

// DeletePushChannel removes a channel; its waiting pushes are dropped.
func (s *Service) DeletePushChannel(ctx context.Context, a kam.Actor, id int64) error {
	return s.db.Write(ctx, func(tx *store.Tx) error {
		before, err := s.channelOf(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if err := store.DeletePushChannel(ctx, tx, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "delete", "push_channel", id, redact(before), nil)
	})
}

// Pushes lists a channel's newest pushes with their delivery state.
func (s *Service) Pushes(ctx context.Context, a kam.Actor, channelID int64, limit int) ([]kam.Push, error) {
	var out []kam.Push
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		if _, err := s.channelOf(ctx, tx, a, channelID); err != nil {
			return err
		}
		var err error
		out, err = store.ListPushes(ctx, tx, channelID, limit)
		return err
	})
	return out, err
}

// QueueTestPush puts a test message for the channel in the outbox: the
// "send test message" button.
func (s *Service) QueueTestPush(ctx context.Context, a kam.Actor, channelID int64) (int64, error) {
	var id int64
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		c, err := s.channelOf(ctx, tx, a, channelID)
		if err != nil {
			return err
		}
		m := kam.PushMessage{
			Event: kam.EventTest, Locale: c.Locale,
			Title: kam.T("kam test message", "kam 测试消息").In(c.Locale),
			Lines: []string{kam.T("This channel receives kam's pushes.", "此渠道可以收到 kam 的通知。").In(c.Locale)},
			Link:  s.baseURL + "/admin/channels",
		}
		id, err = s.enqueueOne(ctx, tx, &c, m)
		return err
	})
	return id, err
}

func (s *Service) enqueueOne(ctx context.Context, tx *store.Tx, c *kam.PushChannel, m kam.PushMessage) (int64, error) {
	b, err := json.Marshal(m)
	if err != nil {
		return 0, err
	}
	return store.EnqueuePush(ctx, tx, c.ID, m.Event, b)
}

// enqueue writes, in tx, the push of event to every channel that wants it
// and may hear of the owner's records: the admin's channels and those of
// the owner's team. words builds the message in a channel's language.
// A failure here fails the change, so a change and its pushes stand or
// fall together.
func (s *Service) enqueue(ctx context.Context, tx *store.Tx, event kam.PushEvent, ownerID int64, words func(kam.Locale) kam.PushMessage) error {
	channels, err := store.ListPushChannels(ctx, tx, nil)
	if err != nil || len(channels) == 0 {
		return err
	}
	var team int64
	if ownerID != 0 {
		if u, err := store.Users.Get(ctx, tx, ownerID); err == nil {
			team = u.TeamID
		}
	}
	for i := range channels {
		c := &channels[i]
		if !c.Wants(event) || (c.TeamID != 0 && c.TeamID != team) {
			continue
		}
		m := words(c.Locale)
		m.Event = event
		m.Locale = c.Locale
		if mention, ok := c.Mentions[ownerID]; ok {
			m.Mentions = append(m.Mentions, mention)
		}
		if _, err := s.enqueueOne(ctx, tx, c, m); err != nil {
			return err
		}
	}
	return nil
}

// Delivery is a push a worker holds, ready to send: the unsealed target
// and the message.
type Delivery struct {
	ID        int64
	CreatedAt time.Time
	Attempts  int
	Kind      kam.ChannelKind
	URL       string
	Secret    string
	Message   kam.PushMessage
}

// ClaimDeliveries gives worker up to limit due pushes, held for lease (see
// store.ClaimPushes). A push whose channel cannot be unsealed (another
// --secret-key) is failed at once with that reason.
func (s *Service) ClaimDeliveries(ctx context.Context, worker string, lease time.Duration, limit int) ([]Delivery, error) {
	var out []Delivery
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		claimed, err := store.ClaimPushes(ctx, tx, worker, tx.Now(), lease, limit)
		if err != nil {
			return err
		}
		for _, p := range claimed {
			d := Delivery{ID: p.ID, CreatedAt: p.CreatedAt, Attempts: p.Attempts, Kind: p.Kind}
			var e1, e2, e3 error
			d.URL, e1 = s.sealer.Open(p.URL)
			d.Secret, e2 = s.sealer.Open(p.Secret)
			e3 = json.Unmarshal(p.Message, &d.Message)
			if err := errors.Join(e1, e2, e3); err != nil {
				a := kam.DeliveryAttempt{At: tx.Now(), Error: "cannot read the channel: " + err.Error()}
				if _, err := store.FinishPush(ctx, tx, p.ID, worker, a, kam.DeliveryFailed, tx.Now()); err != nil {
					return err
				}
				continue
			}
			out = append(out, d)
		}
		return nil
	})
	return out, err
}

// FinishDelivery records worker's attempt at a push: sent, failed for
// good, or due again at next. ok is false when the worker's claim had
// already run out and another worker holds the push.
func (s *Service) FinishDelivery(ctx context.Context, worker string, id int64, a kam.DeliveryAttempt, status kam.DeliveryStatus, next time.Time) (ok bool, err error) {
	err = s.db.Write(ctx, func(tx *store.Tx) error {
		ok, err = store.FinishPush(ctx, tx, id, worker, a, status, next)
		return err
	})
	return ok, err
}

// PushBacklog counts the pushes waiting and those given up.
func (s *Service) PushBacklog(ctx context.Context) (pending, failed int64, err error) {
	err = s.db.Read(ctx, func(tx *store.Tx) error {
		pending, failed, err = store.PushBacklog(ctx, tx)
		return err
	})
	return pending, failed, err
}

// PushAttempts lists every attempt at one push of a channel a may keep.
func (s *Service) PushAttempts(ctx context.Context, a kam.Actor, channelID, pushID int64) ([]kam.DeliveryAttempt, error) {
	var out []kam.DeliveryAttempt
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		if _, err := s.channelOf(ctx, tx, a, channelID); err != nil {
			return err
		}
		var err error
		out, err = store.PushAttempts(ctx, tx, channelID, pushID)
		return err
	})
	return out, err
}

// dealMovedMessage is the push of a deal that moved between funnel levels.
func dealMovedMessage(l kam.Locale, base string, o *kam.Opportunity, from kam.FunnelLevel) kam.PushMessage {
	title := kam.T("Deal moved: ", "商机移动：").In(l) + o.Name
	switch o.Level {
	case kam.LevelWon:
		title = kam.T("Deal won: ", "赢单：").In(l) + o.Name
	case kam.LevelLost:
		title = kam.T("Deal lost: ", "丢单：").In(l) + o.Name
	}
	return kam.PushMessage{
		Title: title,
		Lines: []string{kam.Label(from).In(l) + " → " + kam.Label(o.Level).In(l)},
		Link:  fmt.Sprintf("%s/opportunities/%d", base, o.ID),
	}
}
