package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"kam/internal/kam"
)

var calendarURL = regexp.MustCompile(`id="calendar-url">(http://[^<]+)</code>`)

// A user makes a calendar address on /account; a calendar client reads it
// without a session; turning it off or making a new one retires it.
func TestCalendarFeedFromTheProfilePage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	u := e.user("rep@example.com", "Rita Rep", kam.RoleRep, 0, false)
	c := e.signedIn(u)
	r := c.post("/account/calendar", url.Values{})
	mustStatus(t, r, http.StatusOK)
	mustContain(t, r, "Calendar feed", "shown only now")
	m := calendarURL.FindStringSubmatch(r.Body)
	if m == nil {
		t.Fatalf("no calendar address on the page:\n%s", r.Body)
	}
	feedPath := strings.TrimPrefix(m[1], "http://example.com")
	anon := e.client()
	feed := anon.get(feedPath)
	mustStatus(t, feed, http.StatusOK)
	if ct := feed.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" || !strings.HasPrefix(feed.Body, "BEGIN:VCALENDAR\r\n") {
		t.Errorf("feed %q:\n%s", ct, feed.Body)
	}
	if again := c.get("/account"); strings.Contains(again.Body, feedPath) {
		t.Error("the address is shown again after the first time")
	}
	mustStatus(t, c.post("/account/calendar/off", url.Values{}), http.StatusSeeOther)
	mustStatus(t, anon.get(feedPath), http.StatusNotFound)
	mustStatus(t, anon.get("/calendar/nonsense.ics"), http.StatusNotFound)
}
