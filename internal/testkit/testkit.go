// Package testkit holds the helpers kam's tests share across packages: a
// settable clock, a log sink safe for concurrent writers, the process's CPU
// time for benchmarks, a workbook's sheet as text, and the hostile inputs
// the security suites send. Only tests import it.
package testkit

import (
	"bytes"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// Clock is a settable clock for the Now fields of the code under test; safe
// for concurrent use.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock that reads t until advanced.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now reads the clock.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// SyncBuffer is a log sink that a server or clean-up goroutine writes
// while the test reads it.
type SyncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p.
func (s *SyncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String returns everything written so far.
func (s *SyncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// CPUTime is the CPU time the process has used, every thread included (the
// garbage collector's too); 0 when the system does not say.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// ReportCPU records the process's CPU time per iteration since start (a
// CPUTime reading) as cpu-ms/op: on a loaded machine it is what the
// operation costs whatever the wait for a core. Work in other processes (a
// PostgreSQL server) is not in it.
func ReportCPU(b *testing.B, start time.Duration) {
	if start == 0 {
		return
	}
	b.ReportMetric(float64(CPUTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
}

// SheetText is every cell of one sheet of the workbook body, the cells of a
// row joined by "|", a row a line. It fails the test when body is not a
// workbook or has no such sheet.
func SheetText(t testing.TB, body []byte, sheet string) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("not a workbook: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "|") + "\n")
	}
	return b.String()
}

// Payload is one hostile input, named for the subtest.
type Payload struct{ Name, Value string }

// HostilePayloads go into every field of every form and API body: markup
// that must come back escaped, SQL that must stay text, a value far over
// any limit, nothing at all, bytes that are not UTF-8, a NUL, and control
// and text-direction characters a one-line field must refuse.
var HostilePayloads = []Payload{
	{"script tag", "<script>alert(1)</script>"},
	{"attribute breakout", `"><img src=x onerror=alert(1)>`},
	{"SQL injection", "'; DROP TABLE accounts; --"},
	{"100k characters", strings.Repeat("长", 50000) + strings.Repeat("x", 50000)},
	{"empty", ""},
	{"invalid UTF-8", "\xff\xfe"},
	{"NUL", "a\x00b"},
	{"bidi override", "Invoice\u202egnp.exe"},
	{"escape and bell", "a\x1b[31mb\a"},
}
