package service

import (
	"context"
	"math"
	"slices"
	"strings"

	"kam/internal/kam"
	"kam/internal/method"
	"kam/internal/store"
)

// FunnelQuery selects whose funnel to read: one seller, one team, or (both
// zero) everyone in the actor's scope; Period is "2026Q4", "2026-11" or
// "2026", the current quarter when empty.
type FunnelQuery struct {
	OwnerID int64  `json:"owner_id,omitempty"`
	TeamID  int64  `json:"team_id,omitempty"`
	Period  string `json:"period"`
	// Currency is the report's currency (ISO 4217); empty: the currency of
	// the quota, else the one most open deals are in, else CNY.
	Currency string `json:"currency,omitempty"`
}

// FunnelView is a funnel report with what it was computed for.
type FunnelView struct {
	Query    FunnelQuery         `json:"query"`
	Period   kam.Period          `json:"-"`
	OwnerIDs []int64             `json:"owner_ids"`
	Report   method.FunnelReport `json:"report"`
}

// maxBestFewChecked bounds how many Best few deals one report re-reads to
// count the premature ones; the report says when there were more.
const maxBestFewChecked = 1000

// Funnel computes the funnel principle's evidence (漏斗原则): the pipeline per
// level against the quota, win rates from the last four full quarters (see
// method.HistoryWindow), the gap and what would close it.
func (s *Service) Funnel(ctx context.Context, a kam.Actor, q FunnelQuery) (FunnelView, error) {
	v := FunnelView{Query: q}
	if q.Period == "" {
		v.Query.Period = kam.QuarterOf(kam.DateOf(s.now().In(locationOf(a)))).Name
	}
	p, err := kam.ParsePeriod(v.Query.Period)
	if err != nil {
		return v, kam.Invalid("period", kam.T("must look like 2026, 2026Q4 or 2026-11", "格式应为 2026、2026Q4 或 2026-11"))
	}
	v.Period, v.Query.Period = p, p.Name
	if q.Currency != "" {
		q.Currency = kam.NormalizeCurrency(q.Currency)
		if !kam.ValidCurrency(q.Currency) {
			return v, kam.Invalid("currency", kam.T("must be an ISO 4217 currency code from the list, such as CNY or USD",
				"必须是列表中的 ISO 4217 币种代码，如 CNY（人民币）或 USD（美元）"))
		}
		v.Query.Currency = q.Currency
	}
	set, err := s.cachedSettings(ctx)
	if err != nil {
		return v, err
	}
	err = s.db.Read(ctx, func(tx *store.Tx) error {
		owners, err := s.funnelOwners(ctx, tx, a, q)
		if err != nil {
			return err
		}
		v.OwnerIDs = owners
		f := store.FunnelFilter{Scope: scopeOf(a), OwnerIDs: owners, CloseTo: p.End}
		in, err := s.funnelInput(ctx, tx, a, f, p, q, set)
		if err != nil {
			return err
		}
		v.Report = method.Funnel(in)
		return nil
	})
	return v, err
}

func (s *Service) funnelInput(ctx context.Context, tx *store.Tx, a kam.Actor, f store.FunnelFilter, p kam.Period, q FunnelQuery, set method.Settings) (method.FunnelInput, error) {
	// The actor's day: the quarter they are in, and the rates of that day.
	now := s.now().In(locationOf(a))
	today := kam.DateOf(now)
	in := method.FunnelInput{Period: p, Open: map[kam.FunnelLevel]method.LevelTotal{}, Now: now}
	// The period's totals per level and currency, and, in the same pass,
	// every deal above the funnel: those that close later, or have no date
	// yet, refill the funnel though they cannot count toward this period.
	totals, above, err := store.FunnelOpenTotals(ctx, tx, f)
	if err != nil {
		return in, err
	}
	wonCount, won, err := store.WonAmounts(ctx, tx, f, p.Start, p.End)
	in.WonCount = wonCount
	if err != nil {
		return in, err
	}
	in.HistoryFrom, in.HistoryTo = method.HistoryWindow(p, today)
	hist, err := store.ClosedHistory(ctx, tx, f, in.HistoryFrom, in.HistoryTo)
	if err != nil {
		return in, err
	}
	quota, err := s.quotaFor(ctx, tx, q, f.OwnerIDs, p)
	if err != nil {
		return in, err
	}
	rates, err := allRates(ctx, tx)
	if err != nil {
		return in, err
	}
	// Amounts are converted with the latest rates on or before the
	// actor's day; what no rate converts is totalled apart.
	in.Currency = reportCurrency(q.Currency, quota, totals)
	cv := converter{to: in.Currency, rates: rates, day: today, other: map[string]*method.CurrencyTotal{}}
	for _, t := range totals {
		if !t.Level.Open() || t.Count == 0 {
			continue
		}
		x := in.Open[t.Level]
		if amt, ok := cv.convert(t.Currency, t.Amount); ok {
			x.Count += t.Count
			x.Amount += amt
		} else {
			o := cv.otherOf(t.Currency)
			o.OpenCount += t.Count
			o.OpenAmount += t.Amount
		}
		in.Open[t.Level] = x
	}
	for _, t := range above {
		if amt, ok := cv.convert(t.Currency, t.Amount); ok && t.Count > 0 {
			in.AboveAll.Count += t.Count
			in.AboveAll.Amount += amt
		}
	}
	for c, amt := range won {
		if x, ok := cv.convert(c, amt); ok {
			in.Won += x
		} else if amt != 0 {
			cv.otherOf(c).Won += amt
		}
	}
	for _, h := range hist {
		ct := method.ClosedTotal{Reached: h.Reached, Won: h.Won, Lost: h.Lost}
		if amt, ok := cv.convert(h.Currency, h.WonAmount); ok {
			ct.WonAmount = amt
		} else {
			ct.WonUnpriced = h.Won
		}
		in.History = append(in.History, ct)
	}
	for c, amt := range quota {
		if x, ok := cv.convert(c, amt); ok {
			in.Quota += x
		} else {
			cv.otherOf(c).Quota += amt
		}
	}
	in.Conversions, in.Unconverted = cv.results()
	if in.PrematureBestFew, in.PrematureBestFewTruncated, err = s.countPrematureBestFew(ctx, tx, f, set); err != nil {
		return in, err
	}
	if in.PrematureBestFewTruncated {
		in.PrematureBestFewChecked = maxBestFewChecked
	}
	return in, nil
}

// allRates reads every exchange rate: an administrator keeps a few per
// currency pair and month, a small table.
func allRates(ctx context.Context, tx *store.Tx) (kam.Rates, error) {
	var all kam.Rates
	var after int64
	for {
		page, next, err := store.ExchangeRates.List(ctx, tx, store.NoFilter[kam.ExchangeRate]{ListOptions: store.ListOptions{After: after, Limit: store.MaxLimit}})
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if next == 0 {
			return all, nil
		}
		after = next
	}
}

// reportCurrency is the currency a funnel is reported in: the one asked
// for, else the quota's (the largest part of it), else the one most open
// deals are in, else CNY.
func reportCurrency(asked string, quota map[string]int64, totals []store.LevelTotal) string {
	if asked != "" {
		return asked
	}
	best, n := "", int64(0)
	for c, amt := range quota {
		if amt > n || (amt == n && c < best) {
			best, n = c, amt
		}
	}
	if best != "" {
		return best
	}
	count := map[string]int64{}
	for _, t := range totals {
		if t.Count > 0 {
			count[currencyOrDefault(t.Currency)] += t.Count
		}
	}
	for c, k := range count {
		if k > n || (k == n && c < best) {
			best, n = c, k
		}
	}
	if best != "" {
		return best
	}
	return kam.DefaultCurrency
}

func currencyOrDefault(c string) string {
	if c == "" {
		return kam.DefaultCurrency
	}
	return c
}

// converter turns amounts into one currency with the exchange rates of one
// day, and keeps the rates it used and, per currency, what it could not
// convert.
type converter struct {
	to    string
	rates kam.Rates
	day   kam.Date
	used  []kam.Conversion
	other map[string]*method.CurrencyTotal
}

// convert returns amt, in currency from, in the converter's currency,
// rounded to whole units; ok is false when no rate applies.
func (c *converter) convert(from string, amt int64) (int64, bool) {
	from = currencyOrDefault(from)
	if from == c.to {
		return amt, true
	}
	if _, missing := c.other[from]; missing {
		return 0, false
	}
	cv, ok := c.rates.Find(from, c.to, c.day)
	if !ok {
		c.otherOf(from)
		return 0, false
	}
	if !slices.ContainsFunc(c.used, func(u kam.Conversion) bool { return u.From == from }) {
		c.used = append(c.used, cv)
	}
	return int64(math.Round(float64(amt) * cv.Rate)), true
}

// otherOf is the running total of a currency no rate converts.
func (c *converter) otherOf(cur string) *method.CurrencyTotal {
	cur = currencyOrDefault(cur)
	o, ok := c.other[cur]
	if !ok {
		o = &method.CurrencyTotal{Currency: cur}
		c.other[cur] = o
	}
	return o
}

// results lists the rates used and the currencies left apart, by code.
func (c *converter) results() ([]kam.Conversion, []method.CurrencyTotal) {
	slices.SortFunc(c.used, func(a, b kam.Conversion) int { return strings.Compare(a.From, b.From) })
	var other []method.CurrencyTotal
	for _, o := range c.other {
		if o.OpenCount != 0 || o.OpenAmount != 0 || o.Won != 0 || o.Quota != 0 {
			other = append(other, *o)
		}
	}
	slices.SortFunc(other, func(a, b method.CurrencyTotal) int { return strings.Compare(a.Currency, b.Currency) })
	return c.used, other
}

// funnelOwners resolves a query to the sellers it covers; nil means every
// owner in the actor's scope.
func (s *Service) funnelOwners(ctx context.Context, tx *store.Tx, a kam.Actor, q FunnelQuery) ([]int64, error) {
	switch {
	case q.OwnerID != 0:
		if err := s.ownerAccess(ctx, tx, a, q.OwnerID); err != nil {
			return nil, err
		}
		return []int64{q.OwnerID}, nil
	case q.TeamID != 0:
		if err := s.teamAccess(ctx, tx, a, q.TeamID); err != nil {
			return nil, err
		}
		return s.teamMembers(ctx, tx, q.TeamID)
	case a.Role == kam.RoleAdmin:
		return nil, nil
	case a.Role == kam.RoleManager && a.TeamID != 0:
		return s.teamMembers(ctx, tx, a.TeamID)
	}
	return []int64{a.UserID}, nil
}

// teamAccess lets admins and the team's manager read a team's funnel.
func (s *Service) teamAccess(ctx context.Context, tx *store.Tx, a kam.Actor, teamID int64) error {
	if a.Role == kam.RoleAdmin {
		return nil
	}
	if _, err := store.Teams.Get(ctx, tx, teamID); err != nil {
		return err
	}
	l, err := s.leadershipOf(ctx, tx, a)
	if err != nil {
		return err
	}
	if l.leadsTeam(teamID) {
		return nil
	}
	return kam.ErrNotFound
}

// teamMembers lists a team's users.
func (s *Service) teamMembers(ctx context.Context, tx *store.Tx, teamID int64) ([]int64, error) {
	var ids []int64
	var after int64
	for {
		page, next, err := store.Users.List(ctx, tx, store.UserFilter{ListOptions: store.ListOptions{After: after, Limit: 500}, TeamID: teamID})
		if err != nil {
			return nil, err
		}
		for _, u := range page {
			ids = append(ids, u.ID)
		}
		if next == 0 {
			return ids, nil
		}
		after = next
	}
}

// quotaFor sums the quotas that apply, per currency: a team's own quota when
// set, else its members'; for a span without its own quota, the quotas of the
// periods inside it, or a share of the year's.
func (s *Service) quotaFor(ctx context.Context, tx *store.Tx, q FunnelQuery, owners []int64, p kam.Period) (map[string]int64, error) {
	var all []kam.Quota
	var after int64
	for {
		page, next, err := store.Quotas.List(ctx, tx, store.QuotaFilter{ListOptions: store.ListOptions{After: after, Limit: 500}})
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if next == 0 {
			break
		}
		after = next
	}
	if q.TeamID != 0 && q.OwnerID == 0 {
		if amt, ok := periodAmount(all, func(x kam.Quota) bool { return x.TeamID == q.TeamID }, p); ok {
			return amt, nil
		}
	}
	var ownerSet map[int64]bool
	if owners != nil {
		ownerSet = map[int64]bool{}
		for _, id := range owners {
			ownerSet[id] = true
		}
	}
	amt, _ := periodAmount(all, func(x kam.Quota) bool {
		return x.UserID != 0 && (ownerSet == nil || ownerSet[x.UserID])
	}, p)
	return amt, nil
}

// periodAmount sums, per quota holder, the amount for period p: an exact
// quota; else the quotas of sub-periods inside p; else the share of the
// holder's enclosing yearly or quarterly quota. Amounts are kept per
// currency (a holder's quotas in two currencies are two holders).
func periodAmount(all []kam.Quota, match func(kam.Quota) bool, p kam.Period) (map[string]int64, bool) {
	type holder struct {
		user, team int64
		currency   string
	}
	exact := map[holder]int64{}
	inside := map[holder]int64{}
	share := map[holder]int64{}
	holders := map[holder]bool{}
	for _, x := range all {
		if !match(x) {
			continue
		}
		qp, err := kam.ParsePeriod(x.Period)
		if err != nil {
			continue
		}
		h := holder{x.UserID, x.TeamID, currencyOrDefault(x.Currency)}
		switch {
		case qp.Start == p.Start && qp.End == p.End:
			exact[h] += x.Amount
		case !qp.Start.Before(p.Start) && !p.End.Before(qp.End):
			inside[h] += x.Amount
		case !p.Start.Before(qp.Start) && !qp.End.Before(p.End):
			span := qp.Start.DaysUntil(qp.End)
			if span > 0 {
				share[h] += x.Amount * int64(months(p)) / int64(months(qp))
			}
		default:
			continue
		}
		holders[h] = true
	}
	sum := map[string]int64{}
	for h := range holders {
		switch {
		case exact[h] != 0:
			sum[h.currency] += exact[h]
		case inside[h] != 0:
			sum[h.currency] += inside[h]
		default:
			sum[h.currency] += share[h]
		}
	}
	return sum, len(holders) > 0
}

func months(p kam.Period) int {
	s, e := p.Start.Time(), p.End.Time()
	return (e.Year()-s.Year())*12 + int(e.Month()) - int(s.Month())
}

// countPrematureBestFew counts the Best few deals of the report (those that
// pass f, close window included) that carry the premature-best-few red
// flag. It checks at most maxBestFewChecked of them, the nearest close
// dates first, and says whether there were more.
func (s *Service) countPrematureBestFew(ctx context.Context, tx *store.Tx, f store.FunnelFilter, set method.Settings) (n int, truncated bool, err error) {
	ids, err := store.OpenIDsByCloseDate(ctx, tx, f, kam.LevelBestFew, maxBestFewChecked+1)
	if err != nil {
		return 0, false, err
	}
	if len(ids) > maxBestFewChecked {
		ids, truncated = ids[:maxBestFewChecked], true
	}
	if len(ids) == 0 {
		return 0, false, nil
	}
	pics, err := store.LoadPictures(ctx, tx, ids)
	if err != nil {
		return 0, false, err
	}
	// Each deal's findings are read and dropped before the next: one
	// Evaluator serves them all without a slice of findings per deal.
	var ev method.Evaluator
	zones := newOwnerZones(ctx, tx)
	for _, p := range pics {
		now, err := zones.ownersNow(p, s.now())
		if err != nil {
			return 0, false, err
		}
		for _, fd := range ev.Evaluate(p, set, now) {
			if fd.Rule == method.RulePrematureBestFew && fd.Accepted == nil {
				n++
				break
			}
		}
	}
	return n, truncated, nil
}

// WorkItem is one deal of a seller's week, with the method's reading.
type WorkItem struct {
	method.Deal
	Findings []method.Finding `json:"findings"`
	Account  kam.Account      `json:"account"`
}

// WorkOrderView is a seller's work order and whether it was cut short.
type WorkOrderView struct {
	Items []WorkItem `json:"items"`
	// Truncated says the seller has more than Limit open deals: only the
	// first Limit, level by level (Best few, Above, In the funnel) and by
	// the nearest close date inside each, were read and ordered.
	Truncated bool `json:"truncated"`
	Limit     int  `json:"limit"`
}

// maxWorkDeals bounds a work order.
const maxWorkDeals = 500

// WorkOrder returns the seller's deals in the order to work them this week
// (see WorkOrderOf); ownerID 0 is the actor.
func (s *Service) WorkOrder(ctx context.Context, a kam.Actor, ownerID int64) ([]WorkItem, error) {
	v, err := s.WorkOrderOf(ctx, a, ownerID)
	return v.Items, err
}

// WorkOrderOf returns the seller's deals in the order to work them this
// week: Best few first, then Above the funnel, then In the funnel; inside
// each, by health and nearest close date (see method.WorkOrder). At most
// maxWorkDeals deals are read, in that level order and nearest close date
// first inside each level, so a cut keeps the most urgent and drops the
// furthest-dated; Truncated says so. ownerID 0 is the actor.
func (s *Service) WorkOrderOf(ctx context.Context, a kam.Actor, ownerID int64) (WorkOrderView, error) {
	if ownerID == 0 {
		ownerID = a.UserID
	}
	v := WorkOrderView{Items: []WorkItem{}, Limit: maxWorkDeals}
	set, err := s.cachedSettings(ctx)
	if err != nil {
		return v, err
	}
	err = s.db.Read(ctx, func(tx *store.Tx) error {
		if err := s.ownerAccess(ctx, tx, a, ownerID); err != nil {
			return err
		}
		ids, truncated, err := openDealIDs(ctx, tx, scopeOf(a), ownerID)
		if err != nil {
			return err
		}
		v.Truncated = truncated
		pics, err := store.LoadPictures(ctx, tx, ids)
		if err != nil {
			return err
		}
		w, _, err := s.weightsFor(ctx, tx, set)
		if err != nil {
			return err
		}
		byID := map[int64]WorkItem{}
		zones := newOwnerZones(ctx, tx)
		ds := make([]method.Deal, 0, len(ids))
		for _, id := range ids {
			p, ok := pics[id]
			if !ok {
				continue
			}
			now, err := zones.ownersNow(p, s.now())
			if err != nil {
				return err
			}
			fs, h, _, _ := s.read(p, set, w, now)
			d := method.Deal{Opportunity: p.Opportunity, Health: h.Score, HighFlags: countHigh(fs)}
			ds = append(ds, d)
			byID[id] = WorkItem{Deal: d, Findings: fs, Account: p.Account}
		}
		for _, d := range method.WorkOrder(ds) {
			v.Items = append(v.Items, byID[d.Opportunity.ID])
		}
		return nil
	})
	return v, err
}

// openDealIDs lists the ids of up to maxWorkDeals open deals of owner, level
// by level in the work order's order, the nearest close date first inside
// each level (undated last), and reports whether more were left out. Each
// level is one ordered walk of the (owner_id, level, close_date) index.
func openDealIDs(ctx context.Context, tx *store.Tx, sc store.Scope, owner int64) ([]int64, bool, error) {
	var ids []int64
	f := store.FunnelFilter{Scope: sc, OwnerIDs: []int64{owner}}
	for _, lvl := range []kam.FunnelLevel{kam.LevelBestFew, kam.LevelAbove, kam.LevelIn} {
		room := maxWorkDeals - len(ids)
		// One more than there is room for tells whether the level is cut.
		got, err := store.OpenIDsByCloseDate(ctx, tx, f, lvl, room+1)
		if err != nil {
			return nil, false, err
		}
		if len(got) > room {
			return append(ids, got[:room]...), true, nil
		}
		ids = append(ids, got...)
	}
	return ids, false, nil
}

func countHigh(fs []method.Finding) int {
	n := 0
	for _, f := range fs {
		if f.Severity == kam.SeverityHigh && f.Accepted == nil {
			n++
		}
	}
	return n
}
