package kam

import (
	"errors"
	"testing"
	"time"
)

func fieldErr(t *testing.T, err error, field string) bool {
	t.Helper()
	var ve *ValidationError
	if !errors.As(err, &ve) {
		return false
	}
	_, ok := ve.Fields[field]
	return ok
}

func TestCurrencyIsAChoiceOfISOCodes(t *testing.T) {
	for _, tc := range []struct {
		code string
		ok   bool
	}{
		{"CNY", true}, {"usd", true}, {" eur ", true}, {"", true}, // empty is CNY
		{"RMB", false}, {"XYZ", false}, {"ABC", false}, {"US$", false}, {"元", false},
	} {
		o := Opportunity{AccountID: 1, Name: "deal", Currency: tc.code, OwnerID: 1}
		o.Normalize()
		err := o.Validate()
		if got := !fieldErr(t, err, "currency"); got != tc.ok {
			t.Errorf("opportunity currency %q: accepted %v, want %v (%v)", tc.code, got, tc.ok, err)
		}
		q := Quota{UserID: 1, Period: "2026Q4", Amount: 1, Currency: tc.code}
		err = q.Validate()
		if got := !fieldErr(t, err, "currency"); got != tc.ok {
			t.Errorf("quota currency %q: accepted %v, want %v (%v)", tc.code, got, tc.ok, err)
		}
	}
}

func TestRMBIsAnsweredWithCNY(t *testing.T) {
	o := Opportunity{AccountID: 1, Name: "deal", Currency: "rmb", OwnerID: 1}
	o.Normalize()
	var ve *ValidationError
	if err := o.Validate(); !errors.As(err, &ve) || ve.Fields["currency"].EN != msgRMB.EN {
		t.Fatalf("RMB: %v, want the message naming CNY", err)
	}
}

func TestCurrenciesOfferCNYFirstWithBothNames(t *testing.T) {
	cs := Currencies()
	if len(cs) < 50 || cs[0].Code != "CNY" || cs[0].Name.ZH != "人民币" {
		t.Fatalf("currencies: %d, first %+v", len(cs), cs[0])
	}
	seen := map[string]bool{}
	for i, c := range cs {
		if seen[c.Code] || c.Name.EN == "" || c.Name.ZH == "" {
			t.Errorf("currency %+v: repeated or unnamed", c)
		}
		seen[c.Code] = true
		if i > 1 && cs[i-1].Code > c.Code {
			t.Errorf("%s before %s: not by code", cs[i-1].Code, c.Code)
		}
	}
	if _, ok := CurrencyOf("USD"); !ok {
		t.Error("USD is not offered")
	}
}

func TestExchangeRateValidate(t *testing.T) {
	good := ExchangeRate{From: "usd", To: "CNY", Rate: 7.1, On: MustDate("2026-12-01")}
	good.Normalize()
	if err := good.Validate(); err != nil {
		t.Fatalf("good rate: %v", err)
	}
	for name, tc := range map[string]struct {
		r     ExchangeRate
		field string
	}{
		"same currency": {ExchangeRate{From: "CNY", To: "CNY", Rate: 1, On: good.On}, "to"},
		"RMB":           {ExchangeRate{From: "RMB", To: "USD", Rate: 1, On: good.On}, "from"},
		"zero rate":     {ExchangeRate{From: "USD", To: "CNY", Rate: 0, On: good.On}, "rate"},
		"negative":      {ExchangeRate{From: "USD", To: "CNY", Rate: -7, On: good.On}, "rate"},
		"no day":        {ExchangeRate{From: "USD", To: "CNY", Rate: 7}, "on"},
		"no to":         {ExchangeRate{From: "USD", Rate: 7, On: good.On}, "to"},
	} {
		if err := tc.r.Validate(); !fieldErr(t, err, tc.field) {
			t.Errorf("%s: %v, want an error on %s", name, err, tc.field)
		}
	}
}

func TestRatesFindTheLatestOnOrBeforeTheDay(t *testing.T) {
	rs := Rates{
		{Meta: Meta{ID: 1}, From: "USD", To: "CNY", Rate: 7.0, On: MustDate("2026-11-01")},
		{Meta: Meta{ID: 2}, From: "USD", To: "CNY", Rate: 7.1, On: MustDate("2026-12-01")},
		{Meta: Meta{ID: 3}, From: "USD", To: "CNY", Rate: 7.3, On: MustDate("2027-01-01")},
		{Meta: Meta{ID: 4}, From: "CNY", To: "EUR", Rate: 0.125, On: MustDate("2026-10-01")},
	}
	cv, ok := rs.Find("USD", "CNY", MustDate("2026-12-04"))
	if !ok || cv.Rate != 7.1 || cv.RateID != 2 {
		t.Fatalf("USD→CNY on 2026-12-04: %+v %v, want rate 2 (7.1)", cv, ok)
	}
	if got := cv.Text(); got.ZH != "按 2026-12-01 汇率 1 USD = 7.10 CNY" || got.EN != "at the 2026-12-01 rate 1 USD = 7.10 CNY" {
		t.Errorf("text: %+v", got)
	}
	cv, ok = rs.Find("CNY", "USD", MustDate("2026-12-04"))
	if !ok || !cv.Inverse || cv.Rate != 1/7.1 {
		t.Errorf("CNY→USD: %+v %v, want the inverse of 7.1", cv, ok)
	}
	if got := cv.Text().ZH; got != "按 2026-12-01 汇率 1 USD = 7.10 CNY" {
		t.Errorf("inverse text %q: want the rate as kept", got)
	}
	if cv, ok := rs.Find("EUR", "CNY", MustDate("2026-12-04")); !ok || cv.Rate != 8 {
		t.Errorf("EUR→CNY: %+v %v, want 8 (inverse of 0.125)", cv, ok)
	}
	if _, ok := rs.Find("USD", "CNY", MustDate("2026-10-31")); ok {
		t.Error("USD→CNY before the first rate: found one")
	}
	if _, ok := rs.Find("JPY", "CNY", MustDate("2026-12-04")); ok {
		t.Error("JPY→CNY without a rate: found one")
	}
	if cv, ok := rs.Find("CNY", "CNY", MustDate("2026-12-04")); !ok || cv.Rate != 1 {
		t.Errorf("CNY→CNY: %+v %v", cv, ok)
	}
}

func TestUserTimeZone(t *testing.T) {
	u := User{Email: "a@example.com", Name: "A", Locale: LocaleZH}
	u.Normalize()
	if u.TimeZone != "Asia/Shanghai" || u.Validate() != nil {
		t.Fatalf("简体中文 user: zone %q, %v", u.TimeZone, u.Validate())
	}
	e := User{Email: "b@example.com", Name: "B", Locale: LocaleEN}
	e.Normalize()
	if e.TimeZone != "UTC" {
		t.Errorf("English user: zone %q, want UTC", e.TimeZone)
	}
	for _, bad := range []string{"Mars/Olympus", "Local", "CST+8", "../etc/passwd"} {
		u.TimeZone = bad
		if err := u.Validate(); !fieldErr(t, err, "time_zone") {
			t.Errorf("zone %q: %v, want a time_zone error", bad, err)
		}
	}
	if u.TimeZone = "Europe/Berlin"; u.Validate() != nil {
		t.Error("Europe/Berlin refused")
	}
}

func TestParseLocalTime(t *testing.T) {
	sh, err := LoadTimeZone("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		in   string
		want string // UTC
	}{
		{"2026-12-01", "2026-12-01T01:00:00Z"},           // 09:00 in Beijing
		{"2026-12-01T14:30", "2026-12-01T06:30:00Z"},     // wall clock in Beijing
		{"2026-12-01 14:30", "2026-12-01T06:30:00Z"},     // a space for the T
		{"2026-12-01T14:30:00Z", "2026-12-01T14:30:00Z"}, // an offset wins
		{"2026-12-01T14:30:00+01:00", "2026-12-01T13:30:00Z"},
	} {
		got, ok := ParseLocalTime(tc.in, sh)
		if !ok || got.UTC().Format(time.RFC3339) != tc.want {
			t.Errorf("%q: %v %v, want %s", tc.in, got.UTC(), ok, tc.want)
		}
	}
	for _, bad := range []string{"", "yesterday", "2026-13-01", "01/12/2026"} {
		if _, ok := ParseLocalTime(bad, sh); ok {
			t.Errorf("%q accepted", bad)
		}
	}
}
