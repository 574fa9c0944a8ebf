package kam

import (
	_ "embed"
	"math"
	"strconv"
	"strings"
)

// DefaultCurrency is the currency of an amount entered without one: 人民币.
const DefaultCurrency = "CNY"

// Currency is one ISO 4217 currency kam offers, with its name in both
// languages.
type Currency struct {
	Code string `json:"code"`
	Name Text   `json:"name"`
}

//go:embed currencies.tsv
var currenciesTSV string

// currencies is the embedded list, CNY first; currencyIndex finds a code.
var currencies, currencyIndex = parseCurrencies(currenciesTSV)

func parseCurrencies(s string) ([]Currency, map[string]int) {
	var out []Currency
	idx := map[string]int{}
	for _, line := range strings.Split(s, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 || len(f[0]) != 3 {
			panic("kam: bad line in currencies.tsv: " + line)
		}
		idx[f[0]] = len(out)
		out = append(out, Currency{Code: f[0], Name: T(f[1], f[2])})
	}
	return out, idx
}

// Currencies returns the currencies kam offers, 人民币 (CNY) first, the others
// by code. The caller may not change the slice.
func Currencies() []Currency { return currencies }

// CurrencyOf returns the currency with ISO 4217 code (upper case), and
// whether kam offers it.
func CurrencyOf(code string) (Currency, bool) {
	i, ok := currencyIndex[code]
	if !ok {
		return Currency{}, false
	}
	return currencies[i], true
}

// ValidCurrency reports whether code is an ISO 4217 code kam offers.
func ValidCurrency(code string) bool {
	_, ok := currencyIndex[code]
	return ok
}

// NormalizeCurrency trims and upper-cases a currency code; empty is
// DefaultCurrency.
func NormalizeCurrency(code string) string {
	code = strings.ToUpper(strings.TrimSpace(code))
	if code == "" {
		return DefaultCurrency
	}
	return code
}

// msgRMB answers the habit of writing RMB, which is not an ISO 4217 code.
var msgRMB = T("RMB is not an ISO 4217 code: the renminbi is CNY", "RMB 不是 ISO 4217 代码：人民币的代码是 CNY")

var msgCurrency = T("must be an ISO 4217 currency code from the list, such as CNY or USD",
	"必须是列表中的 ISO 4217 币种代码，如 CNY（人民币）或 USD（美元）")

// currency checks a normalised currency code.
func (c *checker) currency(field, code string) {
	switch {
	case code == "RMB":
		c.Add(field, msgRMB)
	case !ValidCurrency(code):
		c.Add(field, msgCurrency)
	}
}

// ExchangeRate (汇率) says that from its day On, one unit of From is worth
// Rate units of To. An administrator keeps them; reports convert amounts
// into their own currency with the latest rate on or before their day.
type ExchangeRate struct {
	Meta
	From string  `json:"from"`
	To   string  `json:"to"`
	Rate float64 `json:"rate"`
	On   Date    `json:"on"`
}

// MaxRate bounds an exchange rate (and its inverse): beyond it, the rate is
// a typing mistake.
const MaxRate = 1e9

// Normalize trims and upper-cases the currency codes.
func (r *ExchangeRate) Normalize() {
	r.From = strings.ToUpper(strings.TrimSpace(r.From))
	r.To = strings.ToUpper(strings.TrimSpace(r.To))
}

// Validate checks the rate: two different currencies from the list, a
// positive rate whose inverse is in range too, and a day.
func (r *ExchangeRate) Validate() error {
	var c checker
	if r.From == "" {
		c.Add("from", msgRequired)
	} else {
		c.currency("from", r.From)
	}
	if r.To == "" {
		c.Add("to", msgRequired)
	} else {
		c.currency("to", r.To)
	}
	if r.From != "" && r.From == r.To {
		c.Add("to", T("must differ from the currency converted from", "必须与被换算的币种不同"))
	}
	if math.IsNaN(r.Rate) || math.IsInf(r.Rate, 0) || r.Rate <= 0 || r.Rate > MaxRate || 1/r.Rate > MaxRate {
		c.Add("rate", T("must be a positive number such as 7.10", "必须是正数，如 7.10"))
	}
	if r.On.IsZero() {
		c.Add("on", msgRequired)
	} else {
		c.date("on", r.On)
	}
	return c.Err()
}

// Conversion is one exchange rate a figure was computed with: amounts in
// From were multiplied by Rate to give amounts in To. Inverse says the rate
// kept is the one from To to From (Rate is then its inverse).
type Conversion struct {
	From    string  `json:"from"`
	To      string  `json:"to"`
	Rate    float64 `json:"rate"`
	On      Date    `json:"on"`
	Inverse bool    `json:"inverse,omitempty"`
	RateID  int64   `json:"rate_id"`
}

// Text says the conversion as a reader wants it next to the figure, the
// rate written as the administrator keeps it:
// "at the 2026-12-01 rate 1 USD = 7.10 CNY" / "按 2026-12-01 汇率 1 USD = 7.10 CNY"
// (also for a conversion from CNY into USD with that rate inverted).
func (cv Conversion) Text() Text {
	from, to, rate := cv.From, cv.To, cv.Rate
	if cv.Inverse {
		from, to, rate = cv.To, cv.From, 1/cv.Rate
	}
	r := FormatRate(rate)
	return T("at the "+cv.On.String()+" rate 1 "+from+" = "+r+" "+to,
		"按 "+cv.On.String()+" 汇率 1 "+from+" = "+r+" "+to)
}

// FormatRate writes a rate with at least two and at most six decimals:
// 7.10, 0.140845.
func FormatRate(r float64) string {
	s := strconv.FormatFloat(r, 'f', 6, 64)
	s = strings.TrimRight(s, "0")
	if i := strings.IndexByte(s, '.'); i < 0 {
		s += ".00"
	} else if len(s)-i-1 < 2 {
		s += strings.Repeat("0", 2-(len(s)-i-1))
	}
	return s
}

// Rates is a set of exchange rates to convert with.
type Rates []ExchangeRate

// Find returns the conversion from one currency into another on day: the
// latest rate dated on or before day for the pair, or else the inverse of
// the latest rate for the pair the other way round (a direct rate of the
// same day wins over an inverse one; a later rate wins over an earlier one
// whichever way it is written). ok is false when no rate applies. The same
// currency converts at 1 with no rate.
func (rs Rates) Find(from, to string, day Date) (Conversion, bool) {
	if from == to {
		return Conversion{From: from, To: to, Rate: 1, On: day}, true
	}
	var best Conversion
	found := false
	for _, r := range rs {
		if r.DeletedAt != nil || (!day.IsZero() && day.Before(r.On)) {
			continue
		}
		var cv Conversion
		switch {
		case r.From == from && r.To == to:
			cv = Conversion{From: from, To: to, Rate: r.Rate, On: r.On, RateID: r.ID}
		case r.From == to && r.To == from:
			cv = Conversion{From: from, To: to, Rate: 1 / r.Rate, On: r.On, Inverse: true, RateID: r.ID}
		default:
			continue
		}
		if !found || best.On.Before(cv.On) ||
			(!best.On.Before(cv.On) && !cv.On.Before(best.On) && (best.Inverse && !cv.Inverse || best.Inverse == cv.Inverse && cv.RateID > best.RateID)) {
			best, found = cv, true
		}
	}
	return best, found
}
