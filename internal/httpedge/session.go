package httpedge

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
	"unicode/utf8"

	"kam/internal/auth"
	"kam/internal/kam"
)

// DefaultCookieName names the session cookie when Sessions.CookieName is
// empty.
const DefaultCookieName = "kam_session"

// touchEvery limits LastSeenAt writes to one a minute per session, so reading
// pages does not turn into a write per request.
const touchEvery = time.Minute

// maxUserAgent bounds the User-Agent kept with a session.
const maxUserAgent = 256

// Sessions manages browser sessions. The cookie holds a random id; the store
// holds only auth.HashSecret(id). A session ends after Idle without requests or
// Absolute after sign-in, whichever comes first. Zero fields take the
// defaults (2 h, 12 h, "kam_session").
type Sessions struct {
	Store      auth.Store
	Now        func() time.Time // nil: time.Now
	Idle       time.Duration
	Absolute   time.Duration
	CookieName string
	// TrustProxy: a reverse proxy sets X-Forwarded-Proto and X-Forwarded-For.
	// Leave false unless one does; clients could forge the headers otherwise.
	TrustProxy bool
}

// now is the injected clock's reading, or the wall clock's.
func (m *Sessions) now() time.Time {
	if m.Now != nil {
		return m.Now()
	}
	return time.Now()
}

func (m *Sessions) cookieName() string { return cmp.Or(m.CookieName, DefaultCookieName) }

// Start signs userID in: it ends the request's current session, if any, and
// begins a new one with a fresh random id (so an id planted before sign-in is
// worthless) and its own CSRF token, then sets the cookie on w.
func (m *Sessions) Start(ctx context.Context, w http.ResponseWriter, r *http.Request, userID int64) (kam.Session, error) {
	if c, err := r.Cookie(m.cookieName()); err == nil && c.Value != "" {
		if err := m.Store.DeleteSession(ctx, auth.HashSecret(c.Value)); err != nil && !errors.Is(err, kam.ErrNotFound) {
			return kam.Session{}, fmt.Errorf("end previous session: %w", err)
		}
	}
	now := m.now()
	id := auth.NewSecret()
	s := kam.Session{
		IDHash:     auth.HashSecret(id),
		UserID:     userID,
		CSRFToken:  auth.NewSecret(),
		CreatedAt:  now,
		LastSeenAt: now,
		ExpiresAt:  now.Add(cmp.Or(m.Absolute, auth.DefaultAbsolute)),
		UserAgent:  truncate(r.UserAgent(), maxUserAgent),
		IP:         ClientIP(r, m.TrustProxy),
	}
	if err := m.Store.InsertSession(ctx, s); err != nil {
		return kam.Session{}, fmt.Errorf("start session: %w", err)
	}
	http.SetCookie(w, m.cookie(r, id, 0))
	return s, nil
}

// Load returns the session of the request's cookie. It returns an error
// wrapping kam.ErrUnauthorized when there is no cookie, the session is
// unknown, or it has passed its idle or absolute expiry (an expired session
// is deleted). Other errors come from the store. It records activity at most
// once a minute.
func (m *Sessions) Load(ctx context.Context, r *http.Request) (kam.Session, error) {
	c, err := r.Cookie(m.cookieName())
	if err != nil || !auth.LooksLikeSecret(c.Value) {
		return kam.Session{}, fmt.Errorf("%w: no session cookie", kam.ErrUnauthorized)
	}
	idHash := auth.HashSecret(c.Value)
	s, err := m.Store.GetSession(ctx, idHash)
	if errors.Is(err, kam.ErrNotFound) {
		return kam.Session{}, fmt.Errorf("%w: unknown session", kam.ErrUnauthorized)
	}
	if err != nil {
		return kam.Session{}, fmt.Errorf("load session: %w", err)
	}
	now := m.now()
	var why string
	switch {
	case !now.Before(s.ExpiresAt):
		why = "session reached its absolute expiry"
	case now.Sub(s.LastSeenAt) >= cmp.Or(m.Idle, auth.DefaultIdle):
		why = "session idle too long"
	}
	if why != "" {
		if err := m.Store.DeleteSession(ctx, idHash); err != nil && !errors.Is(err, kam.ErrNotFound) {
			return kam.Session{}, fmt.Errorf("delete expired session: %w", err)
		}
		return kam.Session{}, fmt.Errorf("%w: %s", kam.ErrUnauthorized, why)
	}
	if now.Sub(s.LastSeenAt) >= touchEvery {
		if err := m.Store.TouchSession(ctx, idHash, now); err != nil {
			return kam.Session{}, fmt.Errorf("touch session: %w", err)
		}
		s.LastSeenAt = now
	}
	return s, nil
}

// End signs the request's session out: it expires the cookie on w and
// deletes the session, if any.
func (m *Sessions) End(ctx context.Context, w http.ResponseWriter, r *http.Request) error {
	// The cookie goes first, so the browser is signed out even when the
	// store fails.
	http.SetCookie(w, m.cookie(r, "", -1))
	if c, err := r.Cookie(m.cookieName()); err == nil && c.Value != "" {
		if err := m.Store.DeleteSession(ctx, auth.HashSecret(c.Value)); err != nil && !errors.Is(err, kam.ErrNotFound) {
			return fmt.Errorf("end session: %w", err)
		}
	}
	return nil
}

// EndAll signs userID out everywhere, for example after a password change or
// when the user is disabled.
func (m *Sessions) EndAll(ctx context.Context, userID int64) error {
	if err := m.Store.DeleteUserSessions(ctx, userID); err != nil {
		return fmt.Errorf("end all sessions: %w", err)
	}
	return nil
}

// cookie builds the session cookie. No Expires: the browser drops it when it
// closes, and the server enforces the real limits anyway.
func (m *Sessions) cookie(r *http.Request, value string, maxAge int) *http.Cookie {
	return &http.Cookie{
		Name:     m.cookieName(),
		Value:    value,
		Path:     "/",
		MaxAge:   maxAge,
		HttpOnly: true,
		Secure:   IsHTTPS(r, m.TrustProxy),
		SameSite: http.SameSiteLaxMode,
	}
}

// IsHTTPS reports whether the client reached kam over TLS: directly, or, when
// trustProxy is set, through a proxy that says X-Forwarded-Proto: https.
func IsHTTPS(r *http.Request, trustProxy bool) bool {
	return r.TLS != nil || trustProxy && r.Header.Get("X-Forwarded-Proto") == "https"
}

// truncate cuts s to at most n bytes without splitting a character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
