package method

import (
	"slices"
	"strconv"
	"time"

	"kam/internal/kam"
)

// Cap is one of the method's deal-killers holding on a deal: health cannot
// exceed Limit whatever else holds.
type Cap struct {
	ID    string `json:"id"`
	Limit int    `json:"limit"`
	// Reason says it on the sheet: "上限 15：财务决策者自我陶醉".
	Reason kam.Text `json:"reason"`
}

// Knockout ids.
const (
	KnockoutNoEconomic     = "no_economic"     // no Economic buyer, or the only one has left
	KnockoutOverconfident  = "overconfident"   // the Economic buyer is Overconfident: odds near zero
	KnockoutEvenKeel       = "even_keel"       // the Economic buyer is in Even Keel: sees no reason to change
	KnockoutTechnicalVeto  = "technical_veto"  // a Technical buyer opposes us
	KnockoutStrongOpponent = "strong_opponent" // a high-influence buyer is strongly opposed (-4, -5)
	KnockoutNoUrgency      = "no_urgency"      // in the funnel and nobody in Growth or Trouble
	KnockoutCloseDatePast  = "close_date_past" // open, and the close date has passed
)

// knockouts are the caps and their words, in the order the sheet lists them
// when their limits tie.
var knockouts = []struct {
	id    string
	limit int
	what  kam.Text
}{
	{KnockoutOverconfident, 15, kam.T("the Economic buyer is Overconfident", "财务决策者自我陶醉")},
	{KnockoutNoEconomic, 25, kam.T("no Economic buyer on the map", "关系图上没有财务决策者")},
	{KnockoutTechnicalVeto, 30, kam.T("a Technical buyer opposes us (veto)", "技术把关者反对我们（可否决）")},
	{KnockoutStrongOpponent, 30, kam.T("a high-influence buyer is strongly opposed", "高影响度的人强烈反对")},
	{KnockoutEvenKeel, 35, kam.T("the Economic buyer is in Even Keel", "财务决策者四平八稳")},
	{KnockoutNoUrgency, 40, kam.T("nobody in Growth or Trouble while in the funnel", "已进入漏斗却没有人处于高瞻远瞩或不知所措模式")},
	{KnockoutCloseDatePast, 40, kam.T("the close date has passed", "成交日期已过")},
}

// Knockouts returns the deal-killers that hold on the picture at now, lowest
// cap first. They read the facts, not the findings: accepting a red flag
// does not lift its cap.
func Knockouts(p *kam.OpportunityPicture, now time.Time) []Cap {
	v := newView(p, DefaultSettings(), now)
	hold := map[string]bool{}
	econ := false
	for i := range p.Influences {
		b := &p.Influences[i]
		if !v.present(i) {
			continue
		}
		if b.HasRole(kam.RoleEconomic) {
			econ = true
			switch b.Mode {
			case kam.ModeOverconfident:
				hold[KnockoutOverconfident] = true
			case kam.ModeEvenKeel:
				hold[KnockoutEvenKeel] = true
			}
		}
		if b.HasRole(kam.RoleTechnical) && b.Support() == kam.SupportOpposes {
			hold[KnockoutTechnicalVeto] = true
		}
		if b.Influence == kam.InfluenceHigh && b.Rating != nil && *b.Rating <= -4 {
			hold[KnockoutStrongOpponent] = true
		}
	}
	hold[KnockoutNoEconomic] = !econ
	if v.atLeastIn() {
		receptive := false
		for i := range p.Influences {
			receptive = receptive || (v.present(i) && p.Influences[i].Mode.Receptive())
		}
		hold[KnockoutNoUrgency] = !receptive
	}
	cd := p.Opportunity.CloseDate
	hold[KnockoutCloseDatePast] = v.open && !cd.IsZero() && cd.Before(v.today)

	var out []Cap
	for _, k := range knockouts {
		if !hold[k.id] {
			continue
		}
		n := strconv.Itoa(k.limit)
		out = append(out, Cap{ID: k.id, Limit: k.limit,
			Reason: kam.T("Capped at "+n+": "+k.what.EN, "上限 "+n+"："+k.what.ZH)})
	}
	slices.SortStableFunc(out, func(a, b Cap) int { return a.Limit - b.Limit })
	return out
}

// KnockoutLimit returns the lowest cap in caps, or 100 when none holds.
func KnockoutLimit(caps []Cap) int {
	if len(caps) == 0 {
		return 100
	}
	return caps[0].Limit
}
