package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestUserTimeZoneAndRatesOnTheCommandLine(t *testing.T) {
	t.Parallel()
	db := "--db=" + filepath.Join(t.TempDir(), "kam.db")
	mustRun(t, "user", "add", db, "--email", "berlin@example.com", "--name", "Anna", "--locale", "en", "--time-zone", "Europe/Berlin", "--password", "correct horse battery")
	mustRun(t, "user", "add", db, "--email", "wang@example.com", "--name", "王磊", "--password", "correct horse battery")
	out := mustRun(t, "user", "list", db)
	if !strings.Contains(out, "\tteam 0\tEurope/Berlin") || !strings.Contains(out, "Asia/Shanghai") {
		t.Errorf("user list does not show the zones:\n%s", out)
	}
	if out, err := kamRun(t, "user", "add", db, "--email", "x@example.com", "--name", "X", "--time-zone", "Mars/Base", "--password", "correct horse battery"); err == nil || !strings.Contains(out+err.Error(), "time_zone") {
		t.Errorf("an unknown zone: %v\n%s", err, out)
	}
	if out := mustRun(t, "rate", "add", db, "--from", "usd", "--to", "CNY", "--rate", "7.1", "--on", "2026-12-01"); !strings.Contains(out, "1 USD = 7.10 CNY") {
		t.Errorf("rate add: %s", out)
	}
	if _, err := kamRun(t, "rate", "add", db, "--from", "RMB", "--rate", "1", "--on", "2026-12-01"); err == nil {
		t.Error("a rate from RMB: no error")
	}
	if out := mustRun(t, "rate", "list", db); !strings.Contains(out, "2026-12-01\t1 USD = 7.10 CNY") {
		t.Errorf("rate list: %s", out)
	}
}
