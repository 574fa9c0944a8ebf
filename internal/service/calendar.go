package service

import (
	"context"
	"fmt"

	"kam/internal/auth"
	"kam/internal/ics"
	"kam/internal/kam"
	"kam/internal/store"
)

// calendarLimit caps each kind of entry of a feed.
const calendarLimit = 2000

// NewCalendarSecret gives the actor's calendar feed a new secret and
// returns it, once: the feed's address is /calendar/{secret}.ics. Any
// earlier address stops working.
func (s *Service) NewCalendarSecret(ctx context.Context, a kam.Actor) (string, error) {
	secret := auth.NewSecret()
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.SetCalendarSecret(ctx, tx, a.UserID, auth.HashSecret(secret)); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "update", "calendar_feed", a.UserID, nil, map[string]bool{"active": true})
	})
	if err != nil {
		return "", err
	}
	return secret, nil
}

// RevokeCalendar turns the actor's calendar feed off.
func (s *Service) RevokeCalendar(ctx context.Context, a kam.Actor) error {
	return s.db.Write(ctx, func(tx *store.Tx) error {
		if err := store.SetCalendarSecret(ctx, tx, a.UserID, ""); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "update", "calendar_feed", a.UserID, nil, map[string]bool{"active": false})
	})
}

// CalendarFeed returns the iCalendar feed behind secret: the owner's open
// actions with a due date (with deal and buyer), the calls planned on their
// open deals and not yet debriefed, and the close dates of their open deals, in the owner's language. kam.ErrNotFound for an unknown
// or revoked secret, or a disabled user.
func (s *Service) CalendarFeed(ctx context.Context, secret string) ([]byte, error) {
	var cal ics.Calendar
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		id, err := store.UserByCalendarSecret(ctx, tx, auth.HashSecret(secret))
		if err != nil {
			return err
		}
		u, err := store.Users.Get(ctx, tx, id)
		if err != nil {
			return err
		}
		actions, deals, err := store.CalendarEntries(ctx, tx, id, calendarLimit)
		if err != nil {
			return err
		}
		calls, err := store.CalendarCalls(ctx, tx, id, calendarLimit)
		if err != nil {
			return err
		}
		l := u.Locale
		cal = ics.Calendar{Name: kam.T("kam: ", "kam：").In(l) + u.Name, TimeZone: userZoneName(u)}
		for _, a := range actions {
			desc := kam.T("Deal: ", "商机：").In(l) + a.DealName
			if a.Buyer != "" {
				desc += "\n" + kam.T("Buyer: ", "购买影响者：").In(l) + a.Buyer
			}
			cal.Events = append(cal.Events, ics.Event{
				UID:     fmt.Sprintf("action-%d@kam", a.ID),
				Summary: kam.T("Action: ", "行动：").In(l) + a.Title, Description: desc,
				URL:   fmt.Sprintf("%s/opportunities/%d", s.baseURL, a.DealID),
				Start: a.Due.Time(), AllDay: true, Updated: a.UpdatedAt,
			})
		}
		for _, c := range calls {
			cal.Events = append(cal.Events, ics.Event{
				UID:         fmt.Sprintf("call-%d@kam", c.ID),
				Summary:     kam.Label(c.Kind).In(l) + kam.T(": ", "：").In(l) + c.DealName,
				Description: c.Reason,
				URL:         fmt.Sprintf("%s/call-plans/%d", s.baseURL, c.ID),
				Start:       c.At, Updated: c.UpdatedAt,
			})
		}
		for _, d := range deals {
			cal.Events = append(cal.Events, ics.Event{
				UID:         fmt.Sprintf("close-%d@kam", d.ID),
				Summary:     kam.T("Close date: ", "预计成交：").In(l) + d.Name,
				Description: kam.T("Account: ", "客户企业：").In(l) + d.Account,
				URL:         fmt.Sprintf("%s/opportunities/%d", s.baseURL, d.ID),
				Start:       d.CloseDate.Time(), AllDay: true, Updated: d.UpdatedAt,
			})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return cal.Write(), nil
}

// userZoneName is the IANA zone a user's times are shown in.
func userZoneName(u kam.User) string {
	if u.Locale == kam.LocaleZH || u.Locale == "" {
		return "Asia/Shanghai"
	}
	return "UTC"
}
