package service

import "context"

// What NotifyCaches names.
const (
	cacheSettings = "settings"
	cacheWeights  = "weights"
)

// ListenForChanges keeps this Service's caches in step with the other kam
// instances on the same PostgreSQL database until ctx ends: new red-flag
// thresholds, and decided deals that change the health fit, are forgotten
// here the moment the change commits anywhere. On SQLite it returns at once.
// ready, if not nil, is closed once it listens.
func (s *Service) ListenForChanges(ctx context.Context, ready chan<- struct{}) {
	s.db.ListenCaches(ctx, func(what string) {
		switch what {
		case cacheSettings:
			s.forgetSettings()
			s.weights.Clear()
		case cacheWeights:
			s.weights.Clear()
		default: // a reconnection: anything may have been missed
			s.forgetSettings()
			s.weights.Clear()
		}
	}, ready)
}
