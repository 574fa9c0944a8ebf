package service_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"kam/internal/auth"
	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/storetest"
	"kam/internal/testkit"
)

// seedRunOut stores one live and two run-out sessions, and three throttles
// of which one is stale, for user.
func seedRunOut(t *testing.T, svc *service.Service, user int64) {
	t.Helper()
	ctx := context.Background()
	st := svc.AuthStore()
	for _, s := range []kam.Session{
		{IDHash: "live", LastSeenAt: clock.Add(-time.Minute), ExpiresAt: clock.Add(time.Hour)},
		{IDHash: "expired", LastSeenAt: clock.Add(-time.Minute), ExpiresAt: clock.Add(-time.Second)},
		{IDHash: "idle", LastSeenAt: clock.Add(-auth.DefaultIdle - time.Second), ExpiresAt: clock.Add(time.Hour)},
	} {
		s.UserID, s.CreatedAt = user, clock.Add(-3*time.Hour)
		if err := st.InsertSession(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	th := func(key string, last, locked time.Time) {
		t.Helper()
		err := st.UpdateThrottles(ctx, []string{key}, func(ts []kam.LoginThrottle) {
			ts[0].Failures, ts[0].LastFailure, ts[0].LockedUntil = 7, last, locked
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	th("ip:192.0.2.1", clock.Add(-time.Minute), time.Time{})
	th("ip:192.0.2.2", clock.Add(-2*time.Hour), time.Time{})
	th("ip:192.0.2.3", clock.Add(-2*time.Hour), clock.Add(time.Minute))
}

func TestCleanUpRemovesRunOutSessionsAndStaleThrottles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		seedRunOut(t, w.svc, w.a1.UserID)
		n, err := w.svc.CleanUp(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n != (service.Swept{Sessions: 2, Throttles: 1}) {
			t.Errorf("swept %+v, want 2 sessions and 1 throttle", n)
		}
		st := w.svc.AuthStore()
		for id, keep := range map[string]bool{"live": true, "expired": false, "idle": false} {
			_, err := st.GetSession(ctx, id)
			if kept := err == nil; kept != keep {
				t.Errorf("session %s kept = %v (%v), want %v", id, kept, err, keep)
			}
			if err != nil && !errors.Is(err, kam.ErrNotFound) {
				t.Error(err)
			}
		}
		for key, keep := range map[string]bool{"ip:192.0.2.1": true, "ip:192.0.2.2": false, "ip:192.0.2.3": true} {
			th, err := st.GetThrottle(ctx, key)
			if kept := th.Failures != 0; err != nil || kept != keep {
				t.Errorf("throttle %s kept = %v (%v), want %v", key, kept, err, keep)
			}
		}
		if n, err := w.svc.CleanUp(ctx); err != nil || n != (service.Swept{}) {
			t.Errorf("second clean-up swept %+v, %v; want nothing", n, err)
		}
	})
}

func TestRunCleanUpLogsCountsAndStopsWithItsContext(t *testing.T) {
	t.Parallel()
	var logs testkit.SyncBuffer
	svc := service.New(storetest.SQLite(t), service.Options{Now: func() time.Time { return clock },
		Passwords: auth.CheapParams(), Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	u, err := svc.CreateUser(context.Background(), kam.System, kam.User{Email: "u@example.com", Name: "U", Role: kam.RoleRep}, "correct horse battery", false)
	if err != nil {
		t.Fatal(err)
	}
	seedRunOut(t, svc, u.ID)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { svc.RunCleanUp(ctx, time.Millisecond); close(done) }()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(logs.String(), "sessions=2 throttles=1") && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("RunCleanUp did not return after its context ended")
	}
	out := logs.String()
	if !strings.Contains(out, "sessions=2 throttles=1") {
		t.Errorf("log lacks the counts:\n%s", out)
	}
	if strings.Count(out, "cleaned up") != 1 {
		t.Errorf("want one log line for the one run that removed something:\n%s", out)
	}
	if strings.Contains(out, "live") || strings.Contains(out, "192.0.2") {
		t.Errorf("log names records:\n%s", out)
	}
}
