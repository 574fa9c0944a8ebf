package auth

import (
	"time"

	"kam/internal/testkit"
)

// testParams keep argon2id cheap so the race detector stays fast.
var testParams = Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// newClock is the tests' settable clock, at a fixed start.
func newClock() *testkit.Clock {
	return testkit.NewClock(time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC))
}
