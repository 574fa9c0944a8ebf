package method

import (
	"slices"
	"strconv"
	"strings"

	"kam/internal/kam"
)

// The rules of "The plan" (docs/redflags.md).

// ruleObjectiveIncomplete: the objective lacks its product, amount or close
// date.
func ruleObjectiveIncomplete(v *view) {
	o := &v.p.Opportunity
	var enBuf, zhBuf [3]string
	en, zh := enBuf[:0], zhBuf[:0]
	if strings.TrimSpace(o.Product) == "" {
		en, zh = append(en, "product"), append(zh, "产品")
	}
	if o.Amount <= 0 {
		en, zh = append(en, "amount"), append(zh, "金额")
	}
	if o.CloseDate.IsZero() {
		en, zh = append(en, "close date"), append(zh, "成交日期")
	}
	if len(en) == 0 {
		return
	}
	d := v.text()
	d.en("Missing: ")
	d.join(en, ", ")
	d.en(".")
	d.zh("缺少：")
	d.join(zh, "、")
	d.zh("。")
	d.flag(RuleObjectiveIncomplete, -1, en...)
}

// ruleCloseDatePassed: the deal is open after its close date.
func ruleCloseDatePassed(v *view) {
	o := &v.p.Opportunity
	if !v.open || o.CloseDate.IsZero() || !o.CloseDate.Before(v.today) {
		return
	}
	cd, n := day(o.CloseDate), strconv.Itoa(o.CloseDate.DaysUntil(v.today))
	d := v.text()
	d.en("Close date ", cd, " passed ", n, " days ago.")
	d.zh("成交日期 ", cd, " 已过去 ", n, " 天。")
	d.flag(RuleCloseDatePassed, -1, cd)
}

// ruleLateEntry: we engaged after the tender was published.
func ruleLateEntry(v *view) {
	o := &v.p.Opportunity
	if o.EngagedOn.IsZero() || o.TenderPublishedOn.IsZero() || !o.EngagedOn.After(o.TenderPublishedOn) {
		return
	}
	tp, en := o.TenderPublishedOn.String(), o.EngagedOn.String()
	d := v.text()
	d.en("Tender published on ", tp, "; we engaged on ", en, ".")
	d.zh("标书于 ", tp, " 发布；我们于 ", en, " 介入。")
	d.flag(RuleLateEntry, -1, tp, en)
}

// ruleNoStrengths: no strength is recorded.
func ruleNoStrengths(v *view) {
	for k := range v.p.SWOT {
		if v.p.SWOT[k].Kind == kam.SWOTStrength {
			return
		}
	}
	v.add(RuleNoStrengths, -1, kam.Text{})
}

// ruleNoNextAction: no open action is due within NextActionDays.
func ruleNoNextAction(v *view) {
	if !v.open {
		return
	}
	until := v.today.AddDays(v.s.NextActionDays)
	for k := range v.p.Actions {
		a := &v.p.Actions[k]
		if a.Status == kam.ActionOpen && !a.Due.IsZero() && !a.Due.Before(v.today) && !a.Due.After(until) {
			return
		}
	}
	u := day(until)
	d := v.text()
	d.en("No open action is due by ", u, ".")
	d.zh("截至 ", u, " 没有到期的未完成行动。")
	d.flag(RuleNoNextAction, -1)
}

// ruleOverdueActions: open actions are past their due day.
func ruleOverdueActions(v *view) {
	var facts []string
	for k := range v.p.Actions {
		if a := &v.p.Actions[k]; v.overdue(a) {
			facts = append(facts, strconv.FormatInt(a.ID, 10), day(a.Due))
		}
	}
	if len(facts) == 0 {
		return
	}
	// facts holds each overdue action's id and due day, in turn.
	d := v.text()
	d.en("Overdue: ")
	v.putOverdue(&d, facts, ", ", "” (due ", ")")
	d.en(".")
	d.zh("逾期：")
	v.putOverdue(&d, facts, "、", "”（截止 ", "）")
	d.zh("。")
	d.flag(RuleOverdueActions, -1, facts...)
}

// overdue reports whether action a is open and past its due day.
func (v *view) overdue(a *kam.Action) bool {
	return a.Status == kam.ActionOpen && !a.Due.IsZero() && a.Due.Before(v.today)
}

// putOverdue writes the overdue actions' titles, each with its due day from
// facts (ruleOverdueActions' id and day pairs), separated by sep.
func (v *view) putOverdue(d *detail, facts []string, sep, due, end string) {
	n := 0
	for k := range v.p.Actions {
		a := &v.p.Actions[k]
		if !v.overdue(a) {
			continue
		}
		if n > 0 {
			d.put(sep)
		}
		d.put("“", a.Title, due, facts[2*n+1], end)
		n++
	}
}

// ruleUnaddressedHighFlag runs after every other rule and after acceptances
// are marked. A high finding is addressed by an open action that names its
// rule, or by any action not dropped that names its rule and leverages a
// strength.
func ruleUnaddressedHighFlag(v *view) {
	h := newHasher(RuleUnaddressedHighFlag, SubjectOpportunity)
	// The high findings without action, as indexes into v.out.
	var highBuf [32]int
	highs := highBuf[:0]
	for k := range v.out {
		f := &v.out[k]
		if f.Severity != kam.SeverityHigh || f.Accepted != nil || v.addressed(f.Rule) {
			continue
		}
		highs = append(highs, k)
		h.write(f.Rule)
		h.write(f.Subject)
	}
	if len(highs) == 0 {
		return
	}
	d := v.text()
	d.en("Without action or strength: ")
	for n, k := range highs {
		if n > 0 {
			d.en("; ")
		}
		d.en(v.out[k].Title.EN)
	}
	d.en(".")
	d.zh("无行动或强项应对：")
	for n, k := range highs {
		if n > 0 {
			d.zh("；")
		}
		d.zh(v.out[k].Title.ZH)
	}
	d.zh("。")
	d.flag(RuleUnaddressedHighFlag, -1)
	v.meta[len(v.meta)-1].fp = h
}

// addressed reports whether an action answers rule: open, or leveraging a
// strength and not dropped.
func (v *view) addressed(rule string) bool {
	for k := range v.p.Actions {
		a := &v.p.Actions[k]
		if a.Status == kam.ActionDropped || !slices.Contains(a.AddressesRules, rule) {
			continue
		}
		if a.Status == kam.ActionOpen || a.StrengthID != 0 {
			return true
		}
	}
	return false
}

// rulePositionExtreme: the position is rated -3 or +3.
func rulePositionExtreme(v *view) {
	p := v.p.Opportunity.Position
	if p == nil || (*p != 3 && *p != -3) {
		return
	}
	d := kam.T("Position rated -3 (panic).", "当前位置评为 -3（恐慌）。")
	if *p == 3 {
		d = kam.T("Position rated +3 (euphoric).", "当前位置评为 +3（狂喜）。")
	}
	v.add(RulePositionExtreme, -1, d, strconv.Itoa(*p))
}

// ruleReorganization: the account started reorganising fewer than
// ReorganisationDays ago.
func ruleReorganization(v *view) {
	since := v.p.Account.ReorganisingSince
	if since.IsZero() || since.DaysUntil(v.today) >= v.s.ReorganisationDays {
		return
	}
	ss := since.String()
	d := v.text()
	d.en(v.p.Account.Name, " is reorganising since ", ss, ".")
	d.zh(v.p.Account.Name, " 自 ", ss, " 起正在重组。")
	d.flag(RuleReorganization, -1, ss)
}

// ruleLowIdealFit: the account's ideal-customer score is below LowIdealFit.
func ruleLowIdealFit(v *view) {
	s := v.p.IdealScore
	if s == nil || *s >= v.s.LowIdealFit {
		return
	}
	d := v.text()
	d.en("Ideal-customer score ")
	d.score(*s)
	d.en(" of 100 (below ")
	d.score(v.s.LowIdealFit)
	d.en(").")
	d.zh("理想型客户得分 ")
	d.score(*s)
	d.zh("/100（低于 ")
	d.score(v.s.LowIdealFit)
	d.zh("）。")
	d.flag(RuleLowIdealFit, -1, strconv.FormatFloat(*s, 'f', 1, 64))
}

// bundleSeparators are the words and marks that join several products or
// services in one objective ("MES 及相关服务", "ERP + WMS"). A comma counts
// only when a space follows it, so "4,000" stays one number.
var bundleSeparators = []string{"、", "，", ", ", "；", ";", "+", "/", "以及", "及", "和", "与", " and ", " plus ", " & "}

// ruleObjectiveBundled: the objective's product names several products or
// services. What stands in brackets — scope, sites, users — is not read:
// "办公系统（总部及 3 家子公司）" is one product.
func ruleObjectiveBundled(v *view) {
	prod := strings.TrimSpace(v.p.Opportunity.Product)
	if !strings.ContainsAny(prod, "、，,；;+/及和与&") && !strings.Contains(prod, " and ") && !strings.Contains(prod, " plus ") {
		return // the common case: nothing to split, nothing to allocate
	}
	var partBuf [6]string
	parts := bundleParts(partBuf[:0], unbracketed(prod))
	if len(parts) < 2 {
		return
	}
	d := v.text()
	d.en("“", prod, "” bundles ")
	d.int(len(parts))
	d.en(": ")
	d.join(parts, "; ")
	d.en(". Split it into one objective each.")
	d.zh("“", prod, "”捆绑了 ")
	d.int(len(parts))
	d.zh(" 项：")
	d.join(parts, "；")
	d.zh("。请拆分为各自的销售目标。")
	d.flag(RuleObjectiveBundled, -1, prod)
}

// unbracketed returns s without what stands in brackets, （…） or (…).
func unbracketed(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '（', '(':
			depth++
		case '）', ')':
			depth = max(0, depth-1)
		default:
			if depth == 0 {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// bundleParts splits a product text at the bundle separators and appends
// the non-empty parts to out.
func bundleParts(out []string, s string) []string {
	for s != "" {
		cut, width := len(s), 0
		for _, sep := range bundleSeparators {
			if k := strings.Index(s, sep); k >= 0 && k < cut {
				cut, width = k, len(sep)
			}
		}
		if p := strings.TrimSpace(s[:cut]); p != "" {
			out = append(out, p)
		}
		if width == 0 {
			break
		}
		s = s[cut+width:]
	}
	return out
}
