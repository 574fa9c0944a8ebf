package service

import (
	"context"
	"time"

	"kam/internal/auth"
	"kam/internal/store"
)

// Swept counts what one CleanUp removed.
type Swept struct {
	Sessions  int64 // expired or idle sessions
	Throttles int64 // sign-in throttles nobody needs any more
}

// CleanUp removes what can no longer be used: sessions past their absolute
// end or idle longer than auth.DefaultIdle, and sign-in throttles whose last
// failure is older than auth.DefaultWindow and whose lock, if any, is over
// (such a throttle counts from zero again anyway). It runs in one write
// transaction.
func (s *Service) CleanUp(ctx context.Context) (Swept, error) {
	var n Swept
	now := s.now()
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		expired, err := store.DeleteExpiredSessions(ctx, tx, now)
		if err != nil {
			return err
		}
		idle, err := store.DeleteIdleSessions(ctx, tx, now.Add(-auth.DefaultIdle))
		if err != nil {
			return err
		}
		throttles, err := store.DeleteStaleThrottles(ctx, tx, now.Add(-auth.DefaultWindow), now)
		if err != nil {
			return err
		}
		n = Swept{Sessions: expired + idle, Throttles: throttles}
		return nil
	})
	if err != nil {
		return Swept{}, err
	}
	return n, nil
}

// DefaultCleanUpEvery is how often kam serve runs CleanUp.
const DefaultCleanUpEvery = 15 * time.Minute

// RunCleanUp calls CleanUp at once and then every interval (0:
// DefaultCleanUpEvery) until ctx ends, then returns. It logs how many
// records each run removed, and failures, never their contents.
func (s *Service) RunCleanUp(ctx context.Context, every time.Duration) {
	if every <= 0 {
		every = DefaultCleanUpEvery
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		n, err := s.CleanUp(ctx)
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			s.log.ErrorContext(ctx, "clean-up of sessions and sign-in throttles failed", "err", err)
		case n.Sessions > 0 || n.Throttles > 0:
			s.log.InfoContext(ctx, "cleaned up", "sessions", n.Sessions, "throttles", n.Throttles)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
