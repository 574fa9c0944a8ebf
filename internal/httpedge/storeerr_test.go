package httpedge

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"kam/internal/auth"
	"kam/internal/kam"
)

var errDisk = errors.New("disk unavailable")

// brokenStore fails every call, to show store failures are reported as
// themselves, never as "unauthorized" or "bad credentials".
type brokenStore struct{}

func (brokenStore) InsertSession(context.Context, kam.Session) error { return errDisk }
func (brokenStore) GetSession(context.Context, string) (kam.Session, error) {
	return kam.Session{}, errDisk
}
func (brokenStore) TouchSession(context.Context, string, time.Time) error { return errDisk }
func (brokenStore) DeleteSession(context.Context, string) error           { return errDisk }
func (brokenStore) DeleteUserSessions(context.Context, int64) error       { return errDisk }
func (brokenStore) GetThrottle(context.Context, string) (kam.LoginThrottle, error) {
	return kam.LoginThrottle{}, errDisk
}
func (brokenStore) UpdateThrottles(context.Context, []string, func([]kam.LoginThrottle)) error {
	return errDisk
}
func (brokenStore) DeleteThrottle(context.Context, string) error { return errDisk }

func TestStoreFailuresAreNotDisguised(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	m := &Sessions{Store: brokenStore{}}
	th := &auth.Throttle{Store: brokenStore{}}
	a := &auth.Authenticator{Throttle: th, Params: auth.CheapParams(),
		LookupUser: func(context.Context, string) (kam.User, error) { return kam.User{}, kam.ErrNotFound }}
	withCookie := requestWith(nil)
	withCookie.AddCookie(&http.Cookie{Name: DefaultCookieName, Value: auth.NewSecret()})
	tests := []struct {
		name string
		call func() error
	}{
		{"session start reports store error", func() error {
			_, err := m.Start(ctx, httptest.NewRecorder(), requestWith(nil), 1)
			return err
		}},
		{"session load reports store error", func() error { _, err := m.Load(ctx, withCookie); return err }},
		{"session end reports store error", func() error { return m.End(ctx, httptest.NewRecorder(), withCookie) }},
		{"end all reports store error", func() error { return m.EndAll(ctx, 1) }},
		{"throttle allow reports store error", func() error { _, err := th.Allow(ctx, "a@example.com", "192.0.2.1"); return err }},
		{"throttle reserve reports store error", func() error { _, err := th.Reserve(ctx, "a@example.com", "192.0.2.1"); return err }},
		{"throttle fail reports store error", func() error { return th.Fail(ctx, "a@example.com", "192.0.2.1") }},
		{"throttle success reports store error", func() error { return th.Success(ctx, "a@example.com", "192.0.2.1") }},
		{"sign-in reports store error", func() error { _, err := a.SignIn(ctx, "a@example.com", "pw", "192.0.2.1"); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.call()
			if !errors.Is(err, errDisk) {
				t.Errorf("err = %v, want the store's error", err)
			}
			if errors.Is(err, kam.ErrUnauthorized) || errors.Is(err, auth.ErrThrottled) {
				t.Errorf("store failure disguised as %v", err)
			}
		})
	}
}
