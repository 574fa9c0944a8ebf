// Package ics writes iCalendar feeds (RFC 5545) that calendar clients —
// Outlook, Apple and Google calendars, and the 企业微信, 钉钉 and 飞书 calendars
// that subscribe to an ICS address — read: CRLF line ends, lines folded at
// 75 octets without splitting a UTF-8 character, text escaped, instants in
// UTC, whole days as DATE values.
package ics

import (
	"bytes"
	"strings"
	"time"
	"unicode/utf8"
)

// Event is one entry of a feed. A zero End on a timed event means an hour;
// an all-day event (AllDay) spans Start's day.
type Event struct {
	// UID is stable across downloads so that clients update instead of
	// duplicating: "action-12@kam".
	UID         string
	Summary     string
	Description string
	URL         string
	Start       time.Time
	End         time.Time
	AllDay      bool
	// Updated is when the entry last changed (DTSTAMP, LAST-MODIFIED).
	Updated time.Time
}

// Calendar is a whole feed.
type Calendar struct {
	// Name is shown by clients as the calendar's name (X-WR-CALNAME).
	Name string
	// TimeZone is the owner's IANA zone, a hint for clients (X-WR-TIMEZONE);
	// the instants themselves are written in UTC.
	TimeZone string
	Events   []Event
}

// Write returns the feed as iCalendar text.
func (c Calendar) Write() []byte {
	var b bytes.Buffer
	line := func(s string) { fold(&b, s) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//kam//key-account strategic selling//ZH")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	if c.Name != "" {
		line("X-WR-CALNAME:" + Escape(c.Name))
	}
	if c.TimeZone != "" {
		line("X-WR-TIMEZONE:" + Escape(c.TimeZone))
	}
	line("REFRESH-INTERVAL;VALUE=DURATION:PT1H")
	line("X-PUBLISHED-TTL:PT1H")
	for _, e := range c.Events {
		line("BEGIN:VEVENT")
		line("UID:" + Escape(e.UID))
		stamp := e.Updated
		if stamp.IsZero() {
			stamp = e.Start
		}
		line("DTSTAMP:" + utc(stamp))
		if e.AllDay {
			day := e.Start
			line("DTSTART;VALUE=DATE:" + day.Format("20060102"))
			line("DTEND;VALUE=DATE:" + day.AddDate(0, 0, 1).Format("20060102"))
		} else {
			end := e.End
			if end.IsZero() || !end.After(e.Start) {
				end = e.Start.Add(time.Hour)
			}
			line("DTSTART:" + utc(e.Start))
			line("DTEND:" + utc(end))
		}
		line("SUMMARY:" + Escape(e.Summary))
		if e.Description != "" {
			line("DESCRIPTION:" + Escape(e.Description))
		}
		if e.URL != "" {
			line("URL:" + e.URL)
		}
		if !e.Updated.IsZero() {
			line("LAST-MODIFIED:" + utc(e.Updated))
		}
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return b.Bytes()
}

func utc(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

var escaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

// Escape escapes a TEXT value: backslash, semicolon, comma and line breaks.
// Other control characters are dropped (they are not allowed in TEXT).
func Escape(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7f {
			return -1
		}
		return r
	}, s)
	return escaper.Replace(s)
}

// fold writes s as one content line, folded so that no physical line is
// longer than 75 octets, breaking only between UTF-8 characters.
func fold(b *bytes.Buffer, s string) {
	const max = 75
	n := 0
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		_ = r
		if n+size > max {
			b.WriteString("\r\n ")
			n = 1
		}
		b.WriteString(s[:size])
		n += size
		s = s[size:]
	}
	b.WriteString("\r\n")
}
