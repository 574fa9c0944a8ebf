package web

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"kam/internal/kam"
	"kam/internal/store"
)

// Time zones and currencies on the pages: times are entered and shown in
// the user's own zone, currencies are chosen from the ISO 4217 list, and
// administrators keep the exchange rates (汇率) the funnel converts with.

var zoneMessages = map[string]kam.Text{
	"f.time_zone":          kam.FieldTimeZone.Label(),
	"hint.time_zone":       kam.T("Every time you enter and read is in this zone; your “today” (overdue, due) is the day there.", "你录入和看到的时间都按此时区；“今天”（逾期、到期）也按此时区的日期计算。"),
	"rates.title":          kam.T("Exchange rates", "汇率"),
	"rates.explain":        kam.T("From its day, one unit of the first currency is worth the rate in the second. Funnels, quotas and coverage convert other currencies into the report's with the latest rate on or before the day; without one, each currency is totalled apart and coverage is not computed.", "自生效日期起，1 单位第一种币种折合若干单位第二种币种。漏斗、销售指标和覆盖率按当日或之前最近的汇率把其他币种换算为报表币种；没有汇率时，各币种分别合计，不计算覆盖率。"),
	"rates.none":           kam.T("No exchange rate yet: amounts in different currencies are never added.", "尚无汇率：不同币种的金额不会相加。"),
	"rates.new":            kam.T("Add a rate", "添加汇率"),
	"rates.create":         kam.T("Add", "添加"),
	"rates.delete":         kam.T("Delete", "删除"),
	"f.rate_from":          kam.FieldRateFrom.Label(),
	"f.rate_to":            kam.FieldRateTo.Label(),
	"f.rate":               kam.FieldRate.Label(),
	"f.rate_on":            kam.FieldRateOn.Label(),
	"cur.unconverted":      kam.T("No exchange rate into this report's currency: each currency is totalled apart, and coverage cannot be computed.", "以下币种没有换算为本报表币种的汇率：各币种分别合计，无法计算覆盖率。"),
	"cur.coverage_unknown": kam.T("cannot be computed (currencies without a rate)", "无法计算（有币种没有汇率）"),
	"cur.sep":              kam.T("; ", "；"),
}

// formatWhen shows an instant as 2006-01-02 15:04 in loc, the reader's time
// zone; with no zone, in UTC and saying so.
func formatWhen(loc *time.Location, v any) string {
	var t time.Time
	switch x := v.(type) {
	case time.Time:
		t = x
	case *time.Time:
		if x == nil {
			return ""
		}
		t = *x
	default:
		return formatDate(v)
	}
	if t.IsZero() {
		return ""
	}
	if loc == nil {
		return t.UTC().Format("2006-01-02 15:04 UTC")
	}
	return t.In(loc).Format("2006-01-02 15:04")
}

// TimeIn reads a datetime-local field as a wall-clock time in loc (a plain
// day is 09:00 there); empty is the zero time.
func (f *Form) TimeIn(name string, loc *time.Location) time.Time {
	s := strings.TrimSpace(f.Get(name))
	if s == "" {
		return time.Time{}
	}
	t, ok := kam.ParseLocalTime(s, loc)
	if !ok {
		f.Errors[name] = msgBadDateTime
		return time.Time{}
	}
	return t
}

// localInput writes an instant as a datetime-local input holds it, in loc.
func localInput(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("2006-01-02T15:04")
}

// currencyOptions are the ISO 4217 currencies as select options, 人民币 CNY
// first, labelled "CNY 人民币" in l.
func currencyOptions(l kam.Locale) []option {
	cs := kam.Currencies()
	out := make([]option, len(cs))
	for i, c := range cs {
		out[i] = option{Value: c.Code, Label: c.Code + " " + c.Name.In(l)}
	}
	return out
}

// zoneOptions are the common IANA time zones with their offset now, and
// current first when it is not among them.
func zoneOptions(current string, now time.Time) []option {
	names := slices.Clone(kam.CommonTimeZones)
	if current != "" && !slices.Contains(names, current) {
		names = append([]string{current}, names...)
	}
	out := make([]option, 0, len(names))
	for _, n := range names {
		loc, err := kam.LoadTimeZone(n)
		if err != nil {
			continue
		}
		out = append(out, option{Value: n, Label: n + " (UTC" + now.In(loc).Format("-07:00") + ")"})
	}
	return out
}

// --- Exchange rates (admin) ------------------------------------------------

func (a *app) rateRoutes() []route {
	return []route{
		{Method: "GET", Path: "/admin/rates", Access: AdminOnly, Handle: a.adminRates},
		{Method: "POST", Path: "/admin/rates", Access: AdminOnly, Handle: a.adminCreateRate},
		{Method: "POST", Path: "/admin/rates/{id}/delete", Access: AdminOnly, Entity: "exchange_rate", Handle: a.adminDeleteRate},
	}
}

type ratesData struct {
	Rates      []kam.ExchangeRate
	Form       *Form
	Currencies []option
}

func (a *app) adminRates(w http.ResponseWriter, r *http.Request, c *call) error {
	f := newForm("/admin/rates")
	f.Set("from", "USD")
	f.Set("to", kam.DefaultCurrency)
	f.Set("on", kam.DateOf(a.now().In(c.User.Location())).String())
	return a.renderRates(w, r, c, f)
}

func (a *app) renderRates(w http.ResponseWriter, r *http.Request, c *call, f *Form) error {
	rates, err := listAll(r.Context(), a.svc.ExchangeRates, c.Actor, store.NoFilter[kam.ExchangeRate]{}, maxListed)
	if err != nil {
		return err
	}
	// The newest day first, then by pair.
	slices.SortFunc(rates, func(x, y kam.ExchangeRate) int {
		if d := cmp.Compare(y.On.String(), x.On.String()); d != 0 {
			return d
		}
		return cmp.Compare(x.From+x.To, y.From+y.To)
	})
	return a.adminPage(w, r, c, f.Status(), "admin_rates", ratesData{Rates: rates, Form: f, Currencies: currencyOptions(c.Locale)})
}

func (a *app) adminCreateRate(w http.ResponseWriter, r *http.Request, c *call) error {
	f, err := formFrom(r, "/admin/rates")
	if err != nil {
		return err
	}
	x := kam.ExchangeRate{From: f.Text("from"), To: f.Text("to"), On: f.Date("on")}
	if s := strings.TrimSpace(strings.ReplaceAll(f.Get("rate"), ",", ".")); s != "" {
		v, perr := strconv.ParseFloat(s, 64)
		if perr != nil {
			f.Errors["rate"] = kam.T("must be a positive number such as 7.10", "必须是正数，如 7.10")
		}
		x.Rate = v
	}
	if !f.Invalid() {
		if _, err = a.svc.ExchangeRates.Create(r.Context(), c.Actor, x); err == nil {
			a.flash(w, r, "form.saved")
			return seeOther(w, r, "/admin/rates")
		}
		if !f.Take(err) {
			return err
		}
	}
	return a.renderRates(w, r, c, f)
}

func (a *app) adminDeleteRate(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := a.svc.ExchangeRates.Delete(r.Context(), c.Actor, id, formVersion(r)); err != nil {
		return err
	}
	a.flash(w, r, "wb.trashed")
	return seeOther(w, r, "/admin/rates")
}

// zoneKey keys the signed-in user's time zone in a request's context.
type zoneKey struct{}

// withZone notes the time zone of c's user in ctx, for the forms read from
// the request (formFrom).
func withZone(ctx context.Context, c *call) context.Context {
	if !c.SignedIn {
		return ctx
	}
	return context.WithValue(ctx, zoneKey{}, c.User.Location())
}

// zoneOf is the time zone withZone noted, nil when none.
func zoneOf(ctx context.Context) *time.Location {
	loc, _ := ctx.Value(zoneKey{}).(*time.Location)
	return loc
}

// instantValue writes a stored instant into a form field as RFC 3339, a
// value that reads back exactly whatever the reader's zone; the page then
// shows it in the reader's zone (localizeInstant).
func instantValue(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// localizeInstant turns field name, when it holds an RFC 3339 instant (a
// record's value, instantValue), into the wall-clock time in loc that a
// datetime-local input shows; what the user typed stays as typed.
func localizeInstant(f *Form, name string, loc *time.Location) {
	if t, err := time.Parse(time.RFC3339, f.Get(name)); err == nil {
		f.Set(name, localInput(t, loc))
	}
}

// localizeConflict writes the record's instants of a conflict as the
// wall-clock times in loc that the user's form posted, so that a time the
// user left as it was is not shown as changed, and reads as on the form.
func localizeConflict(c *Conflict, loc *time.Location) {
	if c == nil || c.current == nil || loc == nil {
		return
	}
	for k, v := range c.current {
		s, ok := v.(string)
		if !ok || !c.yours.Has(k) {
			continue
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			continue
		}
		if _, err := time.Parse(time.RFC3339Nano, c.yours.Get(k)); err == nil {
			continue // posted as an instant too: compared as it is
		}
		c.current[k] = localInput(t, loc)
	}
}
