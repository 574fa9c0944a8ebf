package kam

import (
	"fmt"
	"strconv"
	"time"
)

// Period is a span of whole months: a year, a quarter or a month.
type Period struct {
	Name  string `json:"name"`  // "2026", "2026Q4", "2026-11"
	Start Date   `json:"start"` // first day
	End   Date   `json:"end"`   // first day after
}

// ParsePeriod reads "2026", "2026Q4" (also "2026-Q4") or "2026-11".
func ParsePeriod(s string) (Period, error) {
	bad := fmt.Errorf("period %q: want 2026, 2026Q4 or 2026-11", s)
	if len(s) < 4 {
		return Period{}, bad
	}
	y, err := strconv.Atoi(s[:4])
	if err != nil || y < 1900 || y > 9999 {
		return Period{}, bad
	}
	rest := s[4:]
	switch {
	case rest == "":
		return Period{s, NewDate(y, 1, 1), NewDate(y+1, 1, 1)}, nil
	case len(rest) == 2 && (rest[0] == 'Q' || rest[0] == 'q'), len(rest) == 3 && rest[0] == '-' && (rest[1] == 'Q' || rest[1] == 'q'):
		q := int(rest[len(rest)-1] - '0')
		if q < 1 || q > 4 {
			return Period{}, bad
		}
		start := NewDate(y, time.Month(3*q-2), 1)
		return Period{fmt.Sprintf("%dQ%d", y, q), start, Date{start.t.AddDate(0, 3, 0)}}, nil
	case len(rest) == 3 && rest[0] == '-':
		m, err := strconv.Atoi(rest[1:])
		if err != nil || m < 1 || m > 12 {
			return Period{}, bad
		}
		start := NewDate(y, time.Month(m), 1)
		return Period{s, start, Date{start.t.AddDate(0, 1, 0)}}, nil
	}
	return Period{}, bad
}

// Contains reports whether d falls in the period.
func (p Period) Contains(d Date) bool { return !d.Before(p.Start) && d.Before(p.End) }

// QuarterOf returns the quarter that holds d.
func QuarterOf(d Date) Period {
	p, _ := ParsePeriod(fmt.Sprintf("%dQ%d", d.t.Year(), (int(d.t.Month())-1)/3+1))
	return p
}
