package ics

import (
	"bufio"
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// parse is a strict reader of RFC 5545 content: every physical line ends
// in CRLF and is at most 75 octets of valid UTF-8; a continuation starts
// with one space; components nest and close; each VEVENT has exactly one
// UID, DTSTAMP, DTSTART and SUMMARY. It returns the unfolded content lines.
func parse(t *testing.T, feed []byte) []string {
	t.Helper()
	if !bytes.HasSuffix(feed, []byte("\r\n")) {
		t.Fatal("the feed does not end in CRLF")
	}
	var lines []string
	for i, phys := range strings.Split(strings.TrimSuffix(string(feed), "\r\n"), "\r\n") {
		if strings.ContainsAny(phys, "\r\n") {
			t.Fatalf("line %d has a bare CR or LF: %q", i+1, phys)
		}
		if len(phys) > 75 {
			t.Fatalf("line %d is %d octets: %q", i+1, len(phys), phys)
		}
		if !utf8.ValidString(phys) {
			t.Fatalf("line %d splits a UTF-8 character: %q", i+1, phys)
		}
		if strings.HasPrefix(phys, " ") {
			if len(lines) == 0 {
				t.Fatal("the feed starts with a continuation")
			}
			lines[len(lines)-1] += phys[1:]
			continue
		}
		lines = append(lines, phys)
	}
	var stack []string
	var props map[string]int
	for _, l := range lines {
		name, _, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("content line without a colon: %q", l)
		}
		name, _, _ = strings.Cut(name, ";")
		switch name {
		case "BEGIN":
			v := l[len("BEGIN:"):]
			stack = append(stack, v)
			if v == "VEVENT" {
				props = map[string]int{}
			}
		case "END":
			v := l[len("END:"):]
			if len(stack) == 0 || stack[len(stack)-1] != v {
				t.Fatalf("END:%s closes %v", v, stack)
			}
			stack = stack[:len(stack)-1]
			if v == "VEVENT" {
				for _, p := range []string{"UID", "DTSTAMP", "DTSTART", "SUMMARY"} {
					if props[p] != 1 {
						t.Errorf("a VEVENT has %d %s", props[p], p)
					}
				}
			}
		default:
			if props != nil {
				props[name]++
			}
		}
	}
	if len(stack) != 0 {
		t.Fatalf("unclosed components %v", stack)
	}
	if lines[0] != "BEGIN:VCALENDAR" || !contains(lines, "VERSION:2.0") || !strings.HasPrefix(lines[2], "PRODID:") {
		t.Errorf("calendar header %v", lines[:3])
	}
	return lines
}

func contains(lines []string, s string) bool {
	for _, l := range lines {
		if l == s {
			return true
		}
	}
	return false
}

func TestAFeedReadsBackStrictly(t *testing.T) {
	t.Parallel()
	sh := time.FixedZone("CST", 8*3600)
	long := strings.Repeat("华信集团数字化办公平台二期项目，", 8)
	c := Calendar{Name: "王磊的 kam 日程", TimeZone: "Asia/Shanghai", Events: []Event{
		{UID: "action-1@kam", Summary: "约见财务总监; 确认预算, 时间", Description: long + "\n第二行\\结束", Start: time.Date(2026, 12, 8, 0, 0, 0, 0, time.UTC), AllDay: true,
			URL: "https://kam.example/opportunities/7", Updated: time.Date(2026, 12, 1, 9, 30, 0, 0, sh)},
		{UID: "call-2@kam", Summary: "拜访 张建国", Start: time.Date(2026, 12, 9, 14, 0, 0, 0, sh), Updated: time.Date(2026, 12, 2, 9, 0, 0, 0, sh)},
	}}
	lines := parse(t, c.Write())
	for _, want := range []string{
		`SUMMARY:约见财务总监\; 确认预算\, 时间`,
		"DTSTART;VALUE=DATE:20261208", "DTEND;VALUE=DATE:20261209",
		"DTSTART:20261209T060000Z", "DTEND:20261209T070000Z",
		"X-WR-TIMEZONE:Asia/Shanghai",
		"DESCRIPTION:" + Escape(long) + `\n第二行\\结束`,
	} {
		if !contains(lines, want) {
			t.Errorf("the feed lacks %q", want)
		}
	}
}

func TestFoldingNeverSplitsACharacter(t *testing.T) {
	t.Parallel()
	for n := 60; n < 90; n++ {
		var b bytes.Buffer
		fold(&b, "SUMMARY:"+strings.Repeat("a", n%3)+strings.Repeat("华", n))
		sc := bufio.NewScanner(&b)
		for sc.Scan() {
			l := strings.TrimSuffix(sc.Text(), "\r")
			if len(l) > 75 || !utf8.ValidString(l) {
				t.Fatalf("n=%d: bad physical line %q", n, l)
			}
		}
	}
}

func TestEscapeDropsControlCharacters(t *testing.T) {
	t.Parallel()
	if got := Escape("a\x07b\x1bc\u2028d"); strings.ContainsAny(got, "\x07\x1b") {
		t.Errorf("Escape kept control characters: %q", got)
	}
}
