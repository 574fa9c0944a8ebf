package kam

import (
	"strings"
	"time"
	// The zone database travels in the binary: a bare container without
	// /usr/share/zoneinfo still knows Asia/Shanghai.
	_ "time/tzdata"
)

// DefaultTimeZone is the time zone of a user whose language is l and who
// has chosen none: Asia/Shanghai (北京时间) for 简体中文, UTC otherwise.
func DefaultTimeZone(l Locale) string {
	if l == LocaleZH {
		return "Asia/Shanghai"
	}
	return "UTC"
}

// CommonTimeZones are the IANA time zones offered first when a user picks
// one; any other IANA name is accepted too.
var CommonTimeZones = []string{
	"Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore", "Asia/Tokyo", "Asia/Seoul",
	"Asia/Kolkata", "Asia/Dubai", "Europe/London", "Europe/Berlin", "Europe/Paris", "Europe/Moscow",
	"America/New_York", "America/Chicago", "America/Los_Angeles", "America/Sao_Paulo",
	"Australia/Sydney", "UTC",
}

var msgTimeZone = T("must be an IANA time zone name such as Asia/Shanghai", "必须是 IANA 时区名称，如 Asia/Shanghai")

// LoadTimeZone returns the location of an IANA time zone name. "Local"
// and the empty name are refused: they would mean the server's zone.
func LoadTimeZone(name string) (*time.Location, error) {
	if name == "" || name == "Local" || strings.ContainsAny(name, " \\") {
		return nil, Invalid("time_zone", msgTimeZone)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, Invalid("time_zone", msgTimeZone)
	}
	return loc, nil
}

// Location returns the user's time zone; UTC when it is unset or unknown.
func (u *User) Location() *time.Location { return LocationOf(u.TimeZone) }

// LocationOf returns the location of an IANA name, UTC when it is empty
// or unknown.
func LocationOf(name string) *time.Location {
	if loc, err := LoadTimeZone(name); err == nil {
		return loc
	}
	return time.UTC
}

// ParseLocalTime reads a moment a user typed in their time zone loc:
// RFC 3339 with an offset (the offset wins), "2006-01-02T15:04" (seconds
// optional, a space instead of the T allowed) as a wall-clock time in loc,
// or a plain day "2006-01-02" as that day at 09:00 in loc. ok is false for
// anything else.
func ParseLocalTime(s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if loc == nil {
		loc = time.UTC
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, true
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02 15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, true
		}
	}
	if d, err := time.Parse(DateLayout, s); err == nil {
		return time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, loc), true
	}
	return time.Time{}, false
}
