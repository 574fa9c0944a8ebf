package transfer

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"kam/internal/kam"
	"kam/internal/store"
)

var opportunityColumns = []column[kam.Opportunity]{
	{"name", kam.FieldOpportunityName, func(v *kam.Opportunity, s string) *kam.Text { v.Name = s; return nil }},
	{"product", kam.FieldProduct, func(v *kam.Opportunity, s string) *kam.Text { v.Product = s; return nil }},
	{"amount", kam.FieldAmount, func(v *kam.Opportunity, s string) *kam.Text { return money(&v.Amount, s) }},
	{"currency", kam.FieldCurrency, func(v *kam.Opportunity, s string) *kam.Text { v.Currency = strings.ToUpper(s); return nil }},
	{"close_date", kam.FieldCloseDate, func(v *kam.Opportunity, s string) *kam.Text { return date(&v.CloseDate, s) }},
	{"level", kam.FieldLevel, func(v *kam.Opportunity, s string) *kam.Text {
		return enumCell(&v.Level, s, kam.FunnelLevels, ReadLevel)
	}},
	{"competitors", kam.FieldCompetitors, func(v *kam.Opportunity, s string) *kam.Text { v.Competitors = s; return nil }},
}

var msgCents = kam.T("has a fraction: kam keeps amounts in whole units of the currency", "含有小数：kam 的金额以币种的整数单位记录")

// money reads an amount as CRMs export it: digits with thousands
// separators and a currency sign or code around them (¥1,200,000,
// 1200000.00 CNY); a fraction other than zero is refused, not rounded.
func money(dst *int64, s string) *kam.Text {
	// A sign or code before or after the number; separators inside it.
	t := strings.TrimFunc(s, func(r rune) bool { return !(r >= '0' && r <= '9' || r == '-' || r == '.') })
	t = strings.NewReplacer(",", "", " ", "", "，", "").Replace(t)
	if t == "" {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		return &msgNotWhole
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || math.Abs(f) > 1e15 {
		return &msgNotWhole
	}
	if f != math.Trunc(f) {
		return &msgCents
	}
	*dst = int64(f)
	return nil
}

// opportunityRow resolves a deal row's account (by name, or kam's id) and
// owner (email, name, or kam's id), and creates the deal — or updates the
// account's deal of the same name.
func (lk *lookups) opportunityRow(v *kam.Opportunity, line int, refs map[string]string, p *[]Problem, o CSVOptions, m *Mapping) (outcome, error) {
	kind := string(CSVOpportunities)
	if ok, err := lk.rowAccount(&v.AccountID, kind, line, refs, p, o, m); !ok || err != nil {
		return refused, err
	}
	if s := refs[KeyOwner]; s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			v.OwnerID = n
		} else {
			id, ok, err := lk.user(s)
			if err != nil {
				return refused, err
			}
			if !ok {
				*p = append(*p, problem(kind, line, headerOf(m, KeyOwner), kam.T("no user “"+s+"” (by email or name)", "找不到用户“"+s+"”（按邮箱或姓名）")))
				return refused, nil
			}
			v.OwnerID = id
		}
	}
	if v.OwnerID == 0 {
		v.OwnerID = lk.a.UserID
	}
	deals, err := lk.dealsOf(v.AccountID)
	if err != nil {
		return refused, err
	}
	if id, ok := deals[normName(v.Name)]; ok && v.Name != "" {
		old, err := lk.svc.Opportunities.Get(lk.ctx, lk.a, id)
		if err != nil {
			return refused, err
		}
		probe := old
		if !mergeDeal(&probe, v) {
			return unchanged, nil
		}
		_, err = lk.svc.Opportunities.Update(lk.ctx, lk.a, id, old.Version, func(x *kam.Opportunity) error { mergeDeal(x, v); return nil })
		return updated, err
	}
	c, err := lk.svc.Opportunities.Create(lk.ctx, lk.a, *v)
	if err != nil {
		return refused, err
	}
	deals[normName(c.Name)] = c.ID
	return created, nil
}

func mergeDeal(x, v *kam.Opportunity) bool {
	ch := false
	for _, c := range []bool{setIf(&x.Product, v.Product), setIf(&x.Amount, v.Amount), setIf(&x.Currency, v.Currency),
		setIf(&x.CloseDate, v.CloseDate), setIf(&x.Level, v.Level), setIf(&x.Competitors, v.Competitors), setIf(&x.OwnerID, v.OwnerID)} {
		ch = ch || c
	}
	return ch
}

// dealsOf maps the normalised names of an account's deals to their ids.
func (lk *lookups) dealsOf(account int64) (map[string]int64, error) {
	if m, ok := lk.deals[account]; ok {
		return m, nil
	}
	m := map[string]int64{}
	err := eachPage(lk.ctx, lk.svc.Opportunities, lk.a, store.OpportunityFilter{AccountID: account}, func(o kam.Opportunity) error {
		m[normName(o.Name)] = o.ID
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("import: list opportunities: %w", err)
	}
	lk.deals[account] = m
	return m, nil
}

// rowAccount resolves the account of a row into *id: the one the import
// names (--account), else the row's kam id, else its account by name. ok
// is false, with the problem recorded, when the row names none or one
// that does not exist.
func (lk *lookups) rowAccount(id *int64, kind string, line int, refs map[string]string, p *[]Problem, o CSVOptions, m *Mapping) (ok bool, err error) {
	switch {
	case o.AccountID != 0:
		*id = o.AccountID
	case refs[KeyAccountID] != "":
		if msg := whole(id, refs[KeyAccountID]); msg != nil {
			*p = append(*p, problem(kind, line, headerOf(m, KeyAccountID), *msg))
			return false, nil
		}
	case refs[KeyAccount] != "":
		found, ok, err := lk.account(refs[KeyAccount])
		if err != nil {
			return false, err
		}
		if !ok {
			*p = append(*p, problem(kind, line, headerOf(m, KeyAccount), notFound(KindAccounts, refs[KeyAccount])))
			return false, nil
		}
		*id = found
	}
	if *id == 0 {
		*p = append(*p, problem(kind, line, "account_id",
			kam.T("is missing: give --account or a column with the account's name", "缺失：请指定 --account 或提供客户企业名称列")))
		return false, nil
	}
	return true, nil
}
