package method

import (
	"strconv"
	"strings"

	"kam/internal/kam"
)

// The rules of "Each buyer" (docs/redflags.md).

// ruleUncontacted: a buyer's contact level is none; high for a key buyer,
// medium otherwise.
func ruleUncontacted(v *view) {
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if !v.present(i) || b.ContactLevel != kam.ContactNone {
			continue
		}
		d := v.text()
		d.en("Not contacted yet.")
		d.zh("尚未接触。")
		f := d.flag(RuleUncontacted, i, strconv.FormatBool(b.IsKey()))
		if !b.IsKey() {
			f.Severity = kam.SeverityMedium
		}
	}
}

// ruleOpposesHigh: a high-influence buyer opposes us.
func ruleOpposesHigh(v *view) {
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if v.present(i) && b.Influence == kam.InfluenceHigh && b.Support() == kam.SupportOpposes {
			v.flagRating(RuleOpposesHigh, i)
		}
	}
}

// ruleStrongOpponent: a buyer is rated -4 or -5.
func ruleStrongOpponent(v *view) {
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if v.present(i) && b.Rating != nil && *b.Rating <= -4 {
			v.flagRating(RuleStrongOpponent, i)
		}
	}
}

// ruleTechnicalVeto: a Technical buyer opposes us.
func ruleTechnicalVeto(v *view) {
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if v.present(i) && b.HasRole(kam.RoleTechnical) && b.Support() == kam.SupportOpposes {
			v.flagRating(RuleTechnicalVeto, i)
		}
	}
}

// ruleEconomicMode: the Economic buyer is in Even Keel or Overconfident mode.
func ruleEconomicMode(v *view) {
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if !v.present(i) || !b.HasRole(kam.RoleEconomic) || (b.Mode != kam.ModeEvenKeel && b.Mode != kam.ModeOverconfident) {
			continue
		}
		mode := modeNames[b.Mode] // Even Keel or Overconfident, both listed
		d := v.text()
		d.en("In ", mode.EN, " mode.")
		d.zh("处于", mode.ZH, "模式。")
		d.flag(RuleEconomicMode, i, string(b.Mode))
	}
}

// ruleNoUrgency: In the funnel or later and no buyer in Growth or Trouble.
func ruleNoUrgency(v *view) {
	if !v.atLeastIn() {
		return
	}
	for i := range v.p.Influences {
		if v.present(i) && v.p.Influences[i].Mode.Receptive() {
			return
		}
	}
	v.add(RuleNoUrgency, -1, kam.Text{})
}

// ruleMissingInfo: a key buyer lacks role, influence, rating or mode.
func ruleMissingInfo(v *view) {
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if !v.present(i) || !b.IsKey() {
			continue
		}
		var enBuf, zhBuf [4]string
		en, zh := enBuf[:0], zhBuf[:0]
		if len(b.Roles) == 0 {
			en, zh = append(en, "role"), append(zh, "角色")
		}
		if b.Influence == kam.InfluenceUnknown || b.Influence == "" {
			en, zh = append(en, "influence"), append(zh, "影响度")
		}
		if b.Rating == nil {
			en, zh = append(en, "rating"), append(zh, "支持度")
		}
		if b.Mode == kam.ModeUnknown || b.Mode == "" {
			en, zh = append(en, "response mode"), append(zh, "反馈模式")
		}
		if len(en) == 0 {
			continue
		}
		d := v.text()
		d.en("Unknown: ")
		d.join(en, ", ")
		d.en(".")
		d.zh("未知：")
		d.join(zh, "、")
		d.zh("。")
		d.flag(RuleMissingInfo, i, en...)
	}
}

// ruleWinResultMissing: a key buyer's business result or personal win is
// not recorded.
func ruleWinResultMissing(v *view) {
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if !v.present(i) || !b.IsKey() {
			continue
		}
		var enBuf, zhBuf [2]string
		en, zh := enBuf[:0], zhBuf[:0]
		if strings.TrimSpace(b.BusinessResult) == "" {
			en, zh = append(en, "business result"), append(zh, "业务结果")
		}
		if strings.TrimSpace(b.PersonalWin) == "" {
			en, zh = append(en, "personal win"), append(zh, "个人的赢")
		}
		if len(en) == 0 {
			continue
		}
		d := v.text()
		d.en("Not recorded: ")
		d.join(en, " and ")
		d.en(".")
		d.zh("未记录：")
		d.join(zh, "和")
		d.zh("。")
		d.flag(RuleWinResultMissing, i, en...)
	}
}

// ruleNewInJob: a buyer has held the post fewer than NewInJobDays.
func ruleNewInJob(v *view) {
	for i := range v.p.Influences {
		c := v.contacts[i]
		if c == nil || !v.present(i) || c.InPostSince.IsZero() {
			continue
		}
		days := c.InPostSince.DaysUntil(v.today)
		if days >= v.s.NewInJobDays {
			continue
		}
		since, n := day(c.InPostSince), strconv.Itoa(days)
		d := v.text()
		d.en("In the post since ", since, " (", n, " days).")
		d.zh("自 ", since, " 起任职（", n, " 天）。")
		d.flag(RuleNewInJob, i, since)
	}
}

// ruleNoCounterpart: a key or senior buyer has no counterpart on our side.
func ruleNoCounterpart(v *view) {
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if !v.present(i) || b.CounterpartID != 0 || !(b.IsKey() || v.seniority(i).IsSenior()) {
			continue
		}
		d := v.text()
		d.en("No counterpart on our side.")
		d.zh("在我方没有对应者。")
		d.flag(RuleNoCounterpart, i)
	}
}

// ruleStaleContact reads the latest interaction with feedback from the buyer;
// a key buyer never met counts from the day we engaged (or the deal was
// created).
func ruleStaleContact(v *view) {
	if !v.open {
		return
	}
	limit := v.s.StaleContactDays
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if !v.present(i) || !b.IsKey() {
			continue
		}
		if k := v.lastSeen[i]; k >= 0 {
			last := kam.DateOf(v.p.Interactions[k].At)
			days := last.DaysUntil(v.today)
			if days < limit {
				continue
			}
			ls, n := day(last), strconv.Itoa(days)
			d := v.text()
			d.en("Last interaction: ", ls, " (", n, " days ago).")
			d.zh("最近一次互动：", ls, "（", n, " 天前）。")
			d.flag(RuleStaleContact, i, ls)
			continue
		}
		start := v.dealStart()
		if start.IsZero() || start.DaysUntil(v.today) < limit {
			continue
		}
		ss := day(start)
		d := v.text()
		d.en("No interaction recorded since the deal began on ", ss, ".")
		d.zh("自 ", ss, " 机会开始以来，没有互动记录。")
		d.flag(RuleStaleContact, i, "never")
	}
}

// dealStart is the day we engaged, or else the day the deal was recorded.
func (v *view) dealStart() kam.Date {
	o := &v.p.Opportunity
	if !o.EngagedOn.IsZero() {
		return o.EngagedOn
	}
	if !o.CreatedAt.IsZero() {
		return kam.DateOf(o.CreatedAt)
	}
	return kam.Date{}
}

// ruleFeedbackContradicts: a buyer's last feedback contradicts the rating.
func ruleFeedbackContradicts(v *view) {
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		k := v.lastSeen[i]
		if !v.present(i) || k < 0 {
			continue
		}
		fb, s := v.lastFeedback[i], b.Support()
		if !(fb == kam.FeedbackNegative && s == kam.SupportSupports) && !(fb == kam.FeedbackPositive && s == kam.SupportOpposes) {
			continue
		}
		in := &v.p.Interactions[k]
		on := day(kam.DateOf(in.At))
		fbZH := "负面"
		if fb == kam.FeedbackPositive {
			fbZH = "正面"
		}
		d := v.text()
		d.en("Gave ", string(fb), " feedback on ", on, ", yet is rated ", signed(*b.Rating), ".")
		d.zh("在 ", on, " 的反馈为", fbZH, "，而支持度评为 ", signed(*b.Rating), "。")
		d.flag(RuleFeedbackContradicts, i, strconv.FormatInt(in.ID, 10), string(fb), ratingFact(b.Rating))
	}
}

// ruleNoVITO: In the funnel or later, no present buyer is the VITO, or the
// VITO has not been contacted.
func ruleNoVITO(v *view) {
	if !v.atLeastIn() {
		return
	}
	found := false
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if !v.present(i) || !b.VITO {
			continue
		}
		found = true
		if !b.ContactLevel.Contacted() {
			d := v.text()
			d.en("The project's top decision maker, not yet contacted.")
			d.zh("项目最高决策者，尚未接触。")
			d.flag(RuleNoVITO, i)
		}
	}
	if !found {
		v.add(RuleNoVITO, -1,
			kam.T("No buyer is marked as the project's top decision maker (VITO).", "没有人被标为项目的最高决策者（VITO）。"))
	}
}
