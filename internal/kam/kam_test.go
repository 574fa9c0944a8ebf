package kam_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"kam/internal/kam"
)

func ptr(i int) *int { return &i }

// fields returns the fields a validation error names, or nil.
func fields(t *testing.T, err error) map[string]kam.Text {
	t.Helper()
	if err == nil {
		return nil
	}
	var v *kam.ValidationError
	if !errors.As(err, &v) {
		t.Fatalf("not a validation error: %v", err)
	}
	if !errors.Is(err, kam.ErrInvalid) {
		t.Fatalf("validation error does not match ErrInvalid")
	}
	return v.Fields
}

func TestValidationNamesTheField(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("长", kam.MaxName+1)
	cases := []struct {
		name  string
		err   error
		field string // "" = valid
	}{
		{"a valid account", (&kam.Account{Name: "华远集团", OwnerID: 1}).Validate(), ""},
		{"an account without a name", (&kam.Account{Name: " ", OwnerID: 1}).Validate(), "name"},
		{"an account name too long in characters", (&kam.Account{Name: long, OwnerID: 1}).Validate(), "name"},
		{"an account name of 200 Chinese characters", (&kam.Account{Name: long[:len(long)-len("长")], OwnerID: 1}).Validate(), ""},
		{"an account that is its own parent", (&kam.Account{Meta: kam.Meta{ID: 3}, Name: "x", OwnerID: 1, ParentID: 3}).Validate(), "parent_id"},
		{"negative employees", (&kam.Account{Name: "x", OwnerID: 1, Employees: -1}).Validate(), "employees"},
		{"invalid UTF-8 in notes", (&kam.Account{Name: "x", OwnerID: 1, Notes: "\xff\xfe"}).Validate(), "notes"},
		{"a NUL in a name", (&kam.Account{Name: "a\x00b", OwnerID: 1}).Validate(), "name"},
		{"an account without owner", (&kam.Account{Name: "x"}).Validate(), "owner_id"},
		{"a contact reporting to themself", (&kam.Contact{Meta: kam.Meta{ID: 7}, AccountID: 1, Name: "王", Seniority: kam.SeniorityUnknown, Status: kam.ContactActive, ReportsToID: 7}).Validate(), "reports_to_id"},
		{"a contact who left without a date", (&kam.Contact{AccountID: 1, Name: "王", Seniority: kam.SeniorityUnknown, Status: kam.ContactLeft}).Validate(), "status_date"},
		{"a contact with an unknown seniority", (&kam.Contact{AccountID: 1, Name: "王", Seniority: "boss", Status: kam.ContactActive}).Validate(), "seniority"},
		{"a contact with a bad email", (&kam.Contact{AccountID: 1, Name: "王", Seniority: kam.SeniorityUnknown, Status: kam.ContactActive, Email: "not-an-email"}).Validate(), "email"},
		{"a contact linked to themself", (&kam.ContactLink{FromContactID: 2, ToContactID: 2, Kind: kam.LinkInfluences}).Validate(), "to_contact_id"},
		{"a position beyond euphoric", (&kam.Opportunity{AccountID: 1, Name: "OA", Currency: "CNY", Level: kam.LevelIn, OwnerID: 1, Position: ptr(4)}).Validate(), "position"},
		{"a position at panic", (&kam.Opportunity{AccountID: 1, Name: "OA", Currency: "CNY", Level: kam.LevelIn, OwnerID: 1, Position: ptr(-3)}).Validate(), ""},
		{"a close date before engagement", (&kam.Opportunity{AccountID: 1, Name: "OA", Currency: "CNY", Level: kam.LevelIn, OwnerID: 1, EngagedOn: kam.MustDate("2026-05-01"), CloseDate: kam.MustDate("2026-04-30")}).Validate(), "close_date"},
		{"a lowercase currency of four letters", (&kam.Opportunity{AccountID: 1, Name: "OA", Currency: "CNYY", Level: kam.LevelIn, OwnerID: 1}).Validate(), "currency"},
		{"an unknown funnel level", (&kam.Opportunity{AccountID: 1, Name: "OA", Currency: "CNY", Level: "middle", OwnerID: 1}).Validate(), "level"},
		{"a rating of +6", (&kam.BuyingInfluence{OpportunityID: 1, ContactID: 1, Influence: kam.InfluenceHigh, ContactLevel: kam.ContactRare, Mode: kam.ModeGrowth, Rating: ptr(6)}).Validate(), "rating"},
		{"a rating of -5", (&kam.BuyingInfluence{OpportunityID: 1, ContactID: 1, Influence: kam.InfluenceHigh, ContactLevel: kam.ContactRare, Mode: kam.ModeGrowth, Rating: ptr(-5)}).Validate(), ""},
		{"an unknown role names its index", (&kam.BuyingInfluence{OpportunityID: 1, ContactID: 1, Roles: []kam.BuyingRole{kam.RoleCoach, "boss"}, Influence: kam.InfluenceHigh, ContactLevel: kam.ContactRare, Mode: kam.ModeGrowth}).Validate(), "roles[1]"},
		{"an interaction without a time", (&kam.Interaction{OpportunityID: 1, Kind: kam.InteractionVisit}).Validate(), "at"},
		{"feedback listing a contact twice", (&kam.Interaction{OpportunityID: 1, Kind: kam.InteractionVisit, At: kam.MustDate("2026-01-01").Time(), Feedback: []kam.ContactFeedback{{ContactID: 1}, {ContactID: 1}}}).Validate(), "feedback[1].contact_id"},
		{"a criterion weight of 11", (&kam.Criterion{Name: "规模", Kind: kam.CriterionDemographic, Weight: 11}).Validate(), "weight"},
		{"a quota for both a user and a team", (&kam.Quota{UserID: 1, TeamID: 1, Period: "2026Q4"}).Validate(), "user_id"},
		{"a quota with a bad period", (&kam.Quota{UserID: 1, Period: "2026Q5"}).Validate(), "period"},
		{"a quota in markup instead of a currency", (&kam.Quota{UserID: 1, Period: "2026", Currency: "<script>"}).Validate(), "currency"},
		{"a quota in lowercase cny", (&kam.Quota{UserID: 1, Period: "2026", Currency: "cny"}).Validate(), ""},
		{"a user with a bad email", (&kam.User{Email: "a@", Name: "A", Role: kam.RoleRep, Locale: kam.LocaleEN}).Validate(), "email"},
		{"a user with an unknown role", (&kam.User{Email: "a@example.com", Name: "A", Role: "root", Locale: kam.LocaleEN}).Validate(), "role"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := fields(t, c.err)
			if c.field == "" {
				if got != nil {
					t.Fatalf("want valid, got %v", c.err)
				}
				return
			}
			msg, ok := got[c.field]
			if !ok {
				t.Fatalf("want an error on %q, got %v", c.field, c.err)
			}
			if msg.EN == "" || msg.ZH == "" {
				t.Fatalf("message on %q not bilingual: %+v", c.field, msg)
			}
		})
	}
}

func TestSupportReadsRatingsTheMethodsWay(t *testing.T) {
	t.Parallel()
	cases := []struct {
		rating *int
		want   kam.Support
	}{
		{nil, kam.SupportUnknown}, {ptr(3), kam.SupportSupports}, {ptr(2), kam.SupportNeutral},
		{ptr(-2), kam.SupportNeutral}, {ptr(-3), kam.SupportOpposes}, {ptr(5), kam.SupportSupports},
	}
	for _, c := range cases {
		if got := kam.SupportOf(c.rating); got != c.want {
			t.Errorf("SupportOf(%v) = %s, want %s", c.rating, got, c.want)
		}
	}
}

func TestDateJSONAndSQL(t *testing.T) {
	t.Parallel()
	var v struct {
		D kam.Date `json:"d"`
		E kam.Date `json:"e"`
	}
	if err := json.Unmarshal([]byte(`{"d":"2026-11-27","e":null}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.D.String() != "2026-11-27" || !v.E.IsZero() {
		t.Fatalf("decoded %+v", v)
	}
	b, _ := json.Marshal(v)
	if string(b) != `{"d":"2026-11-27","e":null}` {
		t.Fatalf("encoded %s", b)
	}
	if err := json.Unmarshal([]byte(`{"d":"27/11/2026"}`), &v); err == nil {
		t.Fatal("a date in another layout was accepted")
	}
	var d kam.Date
	if err := d.Scan("2026-02-03T00:00:00Z"); err != nil || d.String() != "2026-02-03" {
		t.Fatalf("scan timestamp text: %v %s", err, d)
	}
	if val, _ := (kam.Date{}).Value(); val != nil {
		t.Fatalf("zero date stored as %v", val)
	}
	if n := kam.MustDate("2026-01-01").DaysUntil(kam.MustDate("2026-03-01")); n != 59 {
		t.Fatalf("days = %d", n)
	}
}

func TestPeriods(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in, name, start, end string
	}{
		{"2026", "2026", "2026-01-01", "2027-01-01"},
		{"2026Q4", "2026Q4", "2026-10-01", "2027-01-01"},
		{"2026-q1", "2026Q1", "2026-01-01", "2026-04-01"},
		{"2026-11", "2026-11", "2026-11-01", "2026-12-01"},
		{"2026-12", "2026-12", "2026-12-01", "2027-01-01"},
	}
	for _, c := range cases {
		p, err := kam.ParsePeriod(c.in)
		if err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		if p.Name != c.name || p.Start.String() != c.start || p.End.String() != c.end {
			t.Errorf("%s = %s %s..%s", c.in, p.Name, p.Start, p.End)
		}
	}
	for _, bad := range []string{"", "26", "2026Q0", "2026Q5", "2026-13", "2026-00", "abcd", "2026-1"} {
		if _, err := kam.ParsePeriod(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if q := kam.QuarterOf(kam.MustDate("2026-11-27")); q.Name != "2026Q4" {
		t.Errorf("quarter of 2026-11-27 = %s", q.Name)
	}
	p, _ := kam.ParsePeriod("2026Q4")
	if !p.Contains(kam.MustDate("2026-12-31")) || p.Contains(kam.MustDate("2027-01-01")) {
		t.Error("Contains is off at the end of the quarter")
	}
}

func TestLocales(t *testing.T) {
	t.Parallel()
	for tag, want := range map[string]kam.Locale{"zh": kam.LocaleZH, "zh-Hans-CN": kam.LocaleZH, "en-US": kam.LocaleEN, "EN": kam.LocaleEN} {
		if got, ok := kam.ParseLocale(tag); !ok || got != want {
			t.Errorf("ParseLocale(%q) = %s, %v", tag, got, ok)
		}
	}
	if _, ok := kam.ParseLocale("fr"); ok {
		t.Error("fr accepted")
	}
	txt := kam.T("Coach", "教练")
	if txt.In(kam.LocaleZH) != "教练" || txt.In(kam.LocaleEN) != "Coach" || kam.T("only", "").In(kam.LocaleZH) != "only" {
		t.Error("Text.In picks the wrong language")
	}
}

func TestBuyerHelpers(t *testing.T) {
	t.Parallel()
	b := kam.BuyingInfluence{Roles: []kam.BuyingRole{kam.RoleUser, kam.RoleCoach, kam.RoleUser}}
	b.Normalize()
	if len(b.Roles) != 2 || !b.HasRole(kam.RoleCoach) || b.HasRole(kam.RoleEconomic) {
		t.Fatalf("roles = %v", b.Roles)
	}
	if b.Influence != kam.InfluenceUnknown || b.Mode != kam.ModeUnknown || b.ContactLevel != kam.ContactUnknown {
		t.Fatalf("unknowns not filled: %+v", b)
	}
	if b.IsKey() {
		t.Fatal("a user-and-coach with unknown influence is not a key buyer")
	}
	b.Roles = append(b.Roles, kam.RoleEconomic)
	if !b.IsKey() {
		t.Fatal("an economic buyer is a key buyer")
	}
}
