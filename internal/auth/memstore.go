package auth

import (
	"context"
	"fmt"
	"sync"
	"time"

	"kam/internal/kam"
)

// MemStore is an in-memory Store for tests and demos. The zero value is ready
// to use; it is safe for concurrent use.
type MemStore struct {
	mu        sync.Mutex
	sessions  map[string]kam.Session
	throttles map[string]kam.LoginThrottle
}

var _ Store = (*MemStore)(nil)

// NewMemStore returns an empty MemStore.
func NewMemStore() *MemStore { return &MemStore{} }

func (m *MemStore) init() {
	if m.sessions == nil {
		m.sessions = map[string]kam.Session{}
		m.throttles = map[string]kam.LoginThrottle{}
	}
}

// InsertSession stores s; a session with the same IDHash is a kam.ErrConflict.
func (m *MemStore) InsertSession(_ context.Context, s kam.Session) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	if _, ok := m.sessions[s.IDHash]; ok {
		return fmt.Errorf("session already exists: %w", kam.ErrConflict)
	}
	m.sessions[s.IDHash] = s
	return nil
}

// GetSession returns the session with idHash, or kam.ErrNotFound.
func (m *MemStore) GetSession(_ context.Context, idHash string) (kam.Session, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.sessions[idHash]
	if !ok {
		return kam.Session{}, fmt.Errorf("session: %w", kam.ErrNotFound)
	}
	return s, nil
}

// TouchSession sets LastSeenAt; a missing session is kam.ErrNotFound.
func (m *MemStore) TouchSession(_ context.Context, idHash string, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.sessions[idHash]
	if !ok {
		return fmt.Errorf("session: %w", kam.ErrNotFound)
	}
	s.LastSeenAt = at
	m.sessions[idHash] = s
	return nil
}

// DeleteSession removes the session with idHash, if any.
func (m *MemStore) DeleteSession(_ context.Context, idHash string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.sessions, idHash)
	return nil
}

// DeleteUserSessions removes every session of userID.
func (m *MemStore) DeleteUserSessions(_ context.Context, userID int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for k, s := range m.sessions {
		if s.UserID == userID {
			delete(m.sessions, k)
		}
	}
	return nil
}

// GetThrottle returns the throttle for key, or a zero one with Key set.
func (m *MemStore) GetThrottle(_ context.Context, key string) (kam.LoginThrottle, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if t, ok := m.throttles[key]; ok {
		return t, nil
	}
	return kam.LoginThrottle{Key: key}, nil
}

// UpdateThrottles runs fn on the throttles of keys under the store's lock.
func (m *MemStore) UpdateThrottles(_ context.Context, keys []string, fn func(ts []kam.LoginThrottle)) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	ts := make([]kam.LoginThrottle, len(keys))
	for i, k := range keys {
		ts[i] = m.throttles[k]
		ts[i].Key = k
	}
	fn(ts)
	for i, t := range ts {
		if t.Failures == 0 && t.LockedUntil.IsZero() {
			delete(m.throttles, keys[i])
		} else {
			m.throttles[keys[i]] = t
		}
	}
	return nil
}

// DeleteThrottle removes the throttle for key, if any.
func (m *MemStore) DeleteThrottle(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.throttles, key)
	return nil
}

// SessionCount reports how many sessions userID holds; tests use it.
func (m *MemStore) SessionCount(userID int64) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for _, s := range m.sessions {
		if s.UserID == userID {
			n++
		}
	}
	return n
}
