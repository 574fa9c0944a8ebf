package web

import (
	"errors"
	"net/http"
	"strings"

	"kam/internal/kam"
)

// calendarRoutes are the user's calendar feed: its address is made and
// turned off on /account, and calendar clients read it without a session.
func (a *app) calendarRoutes() []route {
	return []route{
		{Method: "POST", Path: "/account/calendar", Handle: a.newCalendar},
		{Method: "POST", Path: "/account/calendar/off", Handle: a.calendarOff},
		{Method: "GET", Path: "/calendar/{file}", Access: Public, Handle: a.calendarFeed},
	}
}

var calendarMessages = map[string]kam.Text{
	"calendar.title": kam.T("Calendar feed", "日历订阅"),
	"calendar.explain": kam.T("Subscribe to this address in Outlook, Apple or Google Calendar, or in the calendar of 企业微信, 钉钉 or 飞书, to see your open actions and your deals' close dates. Anyone with the address can read it: a new address turns the old one off.",
		"在 Outlook、苹果或谷歌日历，或企业微信、钉钉、飞书的日历中订阅此地址，即可看到您的待办行动和商机的预计成交日期。拿到地址的人都能读取：生成新地址后旧地址即失效。"),
	"calendar.shown_once": kam.T("Your calendar address, shown only now:", "您的日历地址（只显示这一次）："),
	"calendar.create":     kam.T("Make a new calendar address", "生成新的日历地址"),
	"calendar.off":        kam.T("Turn the calendar feed off", "关闭日历订阅"),
	"calendar.turned_off": kam.T("The calendar feed is off.", "日历订阅已关闭。"),
}

func (a *app) newCalendar(w http.ResponseWriter, r *http.Request, c *call) error {
	secret, err := a.svc.NewCalendarSecret(r.Context(), c.Actor)
	if err != nil {
		return err
	}
	// The address is shown in this response only; only its hash is kept.
	return a.renderProfileCalendar(w, r, c, a.absoluteURL(r, "/calendar/"+secret+".ics"))
}

func (a *app) calendarOff(w http.ResponseWriter, r *http.Request, c *call) error {
	if err := a.svc.RevokeCalendar(r.Context(), c.Actor); err != nil {
		return err
	}
	a.flash(w, r, "calendar.turned_off")
	return seeOther(w, r, "/account")
}

// calendarFeed serves /calendar/{secret}.ics to a calendar client.
func (a *app) calendarFeed(w http.ResponseWriter, r *http.Request, _ *call) error {
	secret, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
	if !ok || secret == "" || !validText(secret) {
		return kam.ErrNotFound
	}
	feed, err := a.svc.CalendarFeed(r.Context(), secret)
	if errors.Is(err, kam.ErrNotFound) {
		return kam.ErrNotFound
	}
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `inline; filename="kam.ics"`)
	_, err = w.Write(feed)
	return err
}

// absoluteURL is path on the host the request came to, for an address a
// user copies into another program.
func (a *app) absoluteURL(r *http.Request, path string) string {
	scheme := "http"
	if r.TLS != nil || a.trustProxy && r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}
