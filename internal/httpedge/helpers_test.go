package httpedge

import (
	"time"

	"kam/internal/testkit"
)

// newClock is the tests' settable clock, at a fixed start.
func newClock() *testkit.Clock {
	return testkit.NewClock(time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC))
}
