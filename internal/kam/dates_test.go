package kam_test

import (
	"strings"
	"testing"

	"kam/internal/kam"
)

// TestDateChecks covers the dates kam refuses: one outside 1900–2100 (a
// typing mistake), and a contact's time in post starting after the day they
// left or moved. Each names its field, in both languages; the edges pass.
func TestDateChecks(t *testing.T) {
	t.Parallel()
	d := kam.MustDate
	contact := func(status kam.ContactStatus, statusDate, inPost string) error {
		c := kam.Contact{AccountID: 1, Name: "王", Seniority: kam.SeniorityUnknown, Status: status}
		c.StatusDate, _ = kam.ParseDate(statusDate)
		c.InPostSince, _ = kam.ParseDate(inPost)
		return c.Validate()
	}
	opp := func(change func(o *kam.Opportunity)) error {
		o := kam.Opportunity{AccountID: 1, Name: "OA", Currency: "CNY", Level: kam.LevelIn, OwnerID: 1}
		change(&o)
		return o.Validate()
	}
	cases := []struct {
		name  string
		err   error
		field string // "" = valid
	}{
		{"a contact who left after taking the post", contact(kam.ContactLeft, "2026-03-01", "2024-05-01"), ""},
		{"a contact who left the day they took the post", contact(kam.ContactLeft, "2026-03-01", "2026-03-01"), ""},
		{"a contact in post only after leaving", contact(kam.ContactLeft, "2026-03-01", "2026-03-02"), "in_post_since"},
		{"a contact in post only after moving", contact(kam.ContactMoved, "2026-03-01", "2027-01-01"), "in_post_since"},
		{"an active contact's status date does not bound the post", contact(kam.ContactActive, "2026-03-01", "2026-06-01"), ""},
		{"an in-post date without a status date", contact(kam.ContactActive, "", "2026-06-01"), ""},
		{"an in-post date in year 206", contact(kam.ContactActive, "", "0206-06-01"), "in_post_since"},
		{"a status date in 2206", contact(kam.ContactLeft, "2206-03-01", ""), "status_date"},

		{"a tender in 2026", opp(func(o *kam.Opportunity) { o.TenderPublishedOn = d("2026-04-01") }), ""},
		{"a tender at the first year allowed", opp(func(o *kam.Opportunity) { o.TenderPublishedOn = d("1900-01-01") }), ""},
		{"a tender at the last day allowed", opp(func(o *kam.Opportunity) { o.TenderPublishedOn = d("2100-12-31") }), ""},
		{"a tender in 1899", opp(func(o *kam.Opportunity) { o.TenderPublishedOn = d("1899-12-31") }), "tender_published_on"},
		{"a tender in 2101", opp(func(o *kam.Opportunity) { o.TenderPublishedOn = d("2101-01-01") }), "tender_published_on"},
		{"an engagement in year 26", opp(func(o *kam.Opportunity) { o.EngagedOn = d("0026-05-01") }), "engaged_on"},
		{"a close date in 9999", opp(func(o *kam.Opportunity) { o.CloseDate = d("9999-06-30") }), "close_date"},
		{"a tender before we engaged is a red flag, not invalid", opp(func(o *kam.Opportunity) {
			o.EngagedOn, o.TenderPublishedOn = d("2026-05-01"), d("2026-04-01")
		}), ""},

		{"a reorganisation since 2025", (&kam.Account{Name: "x", OwnerID: 1, ReorganisingSince: d("2025-11-01")}).Validate(), ""},
		{"a reorganisation since 1025", (&kam.Account{Name: "x", OwnerID: 1, ReorganisingSince: d("1025-11-01")}).Validate(), "reorganising_since"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := fields(t, c.err)
			if c.field == "" {
				if got != nil {
					t.Fatalf("refused: %v", c.err)
				}
				return
			}
			m, ok := got[c.field]
			if !ok || len(got) != 1 {
				t.Fatalf("fields %v, want only %s", got, c.field)
			}
			if m.EN == "" || m.ZH == "" || strings.Contains(m.ZH, "must") {
				t.Errorf("message %+v is not bilingual", m)
			}
		})
	}
}

func TestMultipleKeepsTwoDecimals(t *testing.T) {
	for x, want := range map[float64]string{1.25: "1.25×", 0.2: "0.2×", 7: "7.0×", 1.0 / 0.47: "2.13×", 0: "0.0×", 12.345: "12.35×"} {
		if got := kam.Multiple(x); got != want {
			t.Errorf("Multiple(%v) = %q, want %q", x, got, want)
		}
	}
}
