package method

import (
	"slices"
	"strconv"
	"time"

	"kam/internal/kam"
)

// The rules of "The conversation (calls, needs, reviews)"
// (docs/redflags.md). They read the picture's call plans, needs, last
// review and interactions.

// ruleNoCallPlan: a meeting with a key buyer — an open action on them (or
// with them taking part) due within CallPlanDays, or a planned call they
// attend — has no call plan naming a best and a minimum commitment for them
// in that time. One finding per buyer, about the first such meeting.
func ruleNoCallPlan(v *view) {
	if !v.open {
		return
	}
	until := v.today.AddDays(v.s.CallPlanDays)
	end := until.AddDays(1).Time() // the window ends with the day until
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if !v.present(i) || !b.IsKey() || v.hasCallPlan(b.ContactID, end) {
			continue
		}
		var first kam.Date
		title := ""
		for k := range v.p.Actions {
			a := &v.p.Actions[k]
			if a.Status != kam.ActionOpen || a.Due.IsZero() || a.Due.Before(v.today) || a.Due.After(until) {
				continue
			}
			if a.TargetInfluenceID != b.ID && !slices.Contains(a.ParticipantIDs, b.ContactID) {
				continue
			}
			if first.IsZero() || a.Due.Before(first) {
				first, title = a.Due, a.Title
			}
		}
		for k := range v.p.CallPlans {
			c := &v.p.CallPlans[k]
			if c.DeletedAt != nil || c.At.Before(v.now) || !c.At.Before(end) || !attends(c, b.ContactID) {
				continue
			}
			if on := kam.DateOf(c.At); first.IsZero() || on.Before(first) {
				first, title = on, ""
			}
		}
		if first.IsZero() {
			continue
		}
		on := day(first)
		d := v.text()
		if title != "" {
			d.en("Action “", title, "” on ", on, " has no call plan with a best and a minimum commitment.")
			d.zh("行动“", title, "”（", on, "）没有写明最佳承诺和最低承诺的拜访计划。")
		} else {
			d.en("The call on ", on, " has no best and minimum commitment.")
			d.zh(on, " 的拜访计划没有写明最佳承诺和最低承诺。")
		}
		d.flag(RuleNoCallPlan, i, on)
	}
}

// hasCallPlan reports whether a call plan still ahead (before end) that
// contact attends names both commitments.
func (v *view) hasCallPlan(contact int64, end time.Time) bool {
	for k := range v.p.CallPlans {
		c := &v.p.CallPlans[k]
		if c.DeletedAt == nil && !c.At.Before(v.now) && c.At.Before(end) && c.HasCommitments() && attends(c, contact) {
			return true
		}
	}
	return false
}

// attends reports whether contact is among the plan's attendees.
func attends(c *kam.CallPlan, contact int64) bool {
	for _, a := range c.Attendees {
		if a.ContactID == contact {
			return true
		}
	}
	return false
}

// ruleContinuationStreak: the last two interactions held with a key buyer
// ended in continuation or no sale.
func ruleContinuationStreak(v *view) {
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if !v.present(i) || !b.IsKey() {
			continue
		}
		last, prev := v.lastTwoWith(b.ContactID)
		if prev < 0 || !stalled(v.p.Interactions[last].Outcome) || !stalled(v.p.Interactions[prev].Outcome) {
			continue
		}
		p, l := &v.p.Interactions[prev], &v.p.Interactions[last]
		pd, ld := day(kam.DateOf(p.At)), day(kam.DateOf(l.At))
		po, lo := kam.Label(p.Outcome), kam.Label(l.Outcome)
		d := v.text()
		d.en("The last two calls ended without advance: ", pd, " ", po.EN, ", ", ld, " ", lo.EN, ".")
		d.zh("最近两次拜访都没有推进：", pd, " ", po.ZH, "，", ld, " ", lo.ZH, "。")
		d.flag(RuleContinuationStreak, i, strconv.FormatInt(p.ID, 10), strconv.FormatInt(l.ID, 10))
	}
}

// stalled reports whether a call's outcome is continuation or no sale.
func stalled(o kam.Outcome) bool { return o == kam.OutcomeContinuation || o == kam.OutcomeNoSale }

// lastTwoWith returns the latest and the one before of the interactions
// held by now in which contact took part (gave feedback), or -1.
func (v *view) lastTwoWith(contact int64) (last, prev int) {
	last, prev = -1, -1
	for k := range v.p.Interactions {
		in := &v.p.Interactions[k]
		if in.DeletedAt != nil || in.At.After(v.now) || !tookPart(in, contact) {
			continue
		}
		switch {
		case last < 0 || in.At.After(v.p.Interactions[last].At):
			last, prev = k, last
		case prev < 0 || in.At.After(v.p.Interactions[prev].At):
			prev = k
		}
	}
	return last, prev
}

// tookPart reports whether contact is among the interaction's attendees.
func tookPart(in *kam.Interaction, contact int64) bool {
	for _, f := range in.Feedback {
		if f.ContactID == contact {
			return true
		}
	}
	return false
}

// ruleNoExplicitNeed: In the funnel or later, a present Economic buyer has no
// explicit need recorded.
func ruleNoExplicitNeed(v *view) {
	if !v.atLeastIn() {
		return
	}
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if !v.present(i) || !b.HasRole(kam.RoleEconomic) {
			continue
		}
		explicit, implied := v.needsOf(b.ContactID)
		if explicit > 0 {
			continue
		}
		n := strconv.Itoa(implied)
		d := v.text()
		d.en("No explicit need recorded (implied needs: ", n, ").")
		d.zh("没有记录明确需求（隐含需求：", n, " 项）。")
		d.flag(RuleNoExplicitNeed, i)
	}
}

// ruleNeedsNotLinked: a present key buyer has explicit needs, none linked to
// their business result.
func ruleNeedsNotLinked(v *view) {
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if !v.present(i) || !b.IsKey() {
			continue
		}
		explicit, linked := 0, false
		for k := range v.p.Needs {
			nd := &v.p.Needs[k]
			if nd.DeletedAt == nil && nd.ContactID == b.ContactID && nd.Kind == kam.NeedExplicit {
				explicit++
				linked = linked || nd.LinkedToResult
			}
		}
		if explicit == 0 || linked {
			continue
		}
		n := strconv.Itoa(explicit)
		d := v.text()
		d.en("Explicit needs: ", n, ", none linked to the business result.")
		d.zh("明确需求 ", n, " 项，没有一项与业务结果关联。")
		d.flag(RuleNeedsNotLinked, i, n)
	}
}

// needsOf counts contact's live explicit and implied needs.
func (v *view) needsOf(contact int64) (explicit, implied int) {
	for k := range v.p.Needs {
		nd := &v.p.Needs[k]
		if nd.DeletedAt != nil || nd.ContactID != contact {
			continue
		}
		if nd.Kind == kam.NeedExplicit {
			explicit++
		} else {
			implied++
		}
	}
	return explicit, implied
}

// ruleReviewOverdue: an open deal at Best few, or of at least ReviewAmount,
// was last reviewed ReviewDays or more ago; never reviewed counts from the
// deal's start.
func ruleReviewOverdue(v *view) {
	o := &v.p.Opportunity
	if !v.open || (o.Level != kam.LevelBestFew && o.Amount < v.s.ReviewAmount) {
		return
	}
	d := v.text()
	if r := v.p.LastReviewAt; r != nil {
		last := kam.DateOf(*r)
		days := last.DaysUntil(v.today)
		if days < v.s.ReviewDays {
			return
		}
		ls, n := day(last), strconv.Itoa(days)
		d.en("Last review: ", ls, " (", n, " days ago).")
		d.zh("最近一次复盘：", ls, "（", n, " 天前）。")
		d.flag(RuleReviewOverdue, -1, ls)
		return
	}
	start := v.dealStart()
	if start.IsZero() || start.DaysUntil(v.today) < v.s.ReviewDays {
		return
	}
	ss := day(start)
	d.en("Never reviewed since the deal began on ", ss, ".")
	d.zh("自 ", ss, " 机会开始以来从未复盘。")
	d.flag(RuleReviewOverdue, -1, "never")
}
