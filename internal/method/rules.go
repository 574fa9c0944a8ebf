package method

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"kam/internal/kam"
)

// The rules, one function each, in catalogue order. Each reads the view and
// appends what it finds; texts are built only when a rule fires.

// --- Coverage of the four roles -------------------------------------------

func (v *view) withRole(r kam.BuyingRole) []int {
	var idx []int
	for i := range v.p.Influences {
		if v.present(i) && v.p.Influences[i].HasRole(r) {
			idx = append(idx, i)
		}
	}
	return idx
}

func (v *view) countRole(r kam.BuyingRole) int {
	n := 0
	for i := range v.p.Influences {
		if v.present(i) && v.p.Influences[i].HasRole(r) {
			n++
		}
	}
	return n
}

func ruleNoEconomic(v *view) {
	if v.countRole(kam.RoleEconomic) == 0 {
		v.add(RuleNoEconomic, -1, kam.Text{})
	}
}

func ruleSeveralEconomic(v *view) {
	if v.countRole(kam.RoleEconomic) < 2 {
		return
	}
	idx := v.withRole(kam.RoleEconomic)
	start := len(v.txt)
	v.txt = append(v.txt, "Marked as Economic buyer: "...)
	v.putNames(idx, ", ")
	mid := len(v.txt)
	v.txt = append(v.txt, "标为财务决策者的有："...)
	v.putNames(idx, "、")
	v.addSpan(RuleSeveralEconomic, -1, start, mid, v.ids(idx)...)
}

// ruleNoCoach fires only when nobody ever held the Coach role: a coach who
// left is coach-left's business, with the same candidates.
func ruleNoCoach(v *view) {
	for i := range v.p.Influences {
		if v.p.Influences[i].HasRole(kam.RoleCoach) {
			return
		}
	}
	f := v.add(RuleNoCoach, -1, kam.Text{})
	f.Candidates = v.coachCandidates(-1)
}

func ruleNoTechnical(v *view) {
	if v.countRole(kam.RoleTechnical) == 0 {
		v.add(RuleNoTechnical, -1, kam.Text{})
	}
}

func ruleNoUser(v *view) {
	if v.countRole(kam.RoleUser) == 0 {
		v.add(RuleNoUser, -1, kam.Text{})
	}
}

// --- The coach ------------------------------------------------------------

func ruleCoachLeft(v *view) {
	for i := range v.p.Influences {
		if !v.p.Influences[i].HasRole(kam.RoleCoach) || !v.departed(i) {
			continue
		}
		c := v.contacts[i]
		var d kam.Text
		if c.Status == kam.ContactLeft {
			d = kam.T(v.name(i)+" left the company", v.name(i)+" 已离开公司")
		} else {
			d = kam.T(v.name(i)+" moved to another post", v.name(i)+" 已调往其他岗位")
		}
		if !c.StatusDate.IsZero() {
			d.EN += " on " + c.StatusDate.String()
			d.ZH += "（" + c.StatusDate.String() + "）"
		}
		d.EN += "."
		d.ZH += "。"
		f := v.add(RuleCoachLeft, i, d, string(c.Status), day(c.StatusDate))
		f.Candidates = v.coachCandidates(i)
	}
}

func ruleCoachJunior(v *view) {
	var coaches []int
	for i := range v.p.Influences {
		if !v.present(i) || !v.p.Influences[i].HasRole(kam.RoleCoach) {
			continue
		}
		if v.p.Influences[i].Influence != kam.InfluenceLow && v.seniority(i).IsSenior() {
			return // one well-placed coach is enough
		}
		coaches = append(coaches, i)
	}
	if len(coaches) == 0 {
		return
	}
	facts := make([]string, 0, 3*len(coaches))
	start := len(v.txt)
	v.txt = append(v.txt, "Coaches: "...)
	for k, i := range coaches {
		b := &v.p.Influences[i]
		s := v.seniority(i)
		if k > 0 {
			v.txt = append(v.txt, "; "...)
		}
		v.put(v.name(i), " (influence ", string(b.Influence), ", seniority ", string(s), ")")
		facts = append(facts, strconv.FormatInt(b.ID, 10), string(b.Influence), string(s))
	}
	mid := len(v.txt)
	v.txt = append(v.txt, "教练："...)
	for k, i := range coaches {
		b := &v.p.Influences[i]
		if k > 0 {
			v.txt = append(v.txt, "；"...)
		}
		v.put(v.name(i), "（影响度", influenceZH(b.Influence), "，级别", seniorityZH(v.seniority(i)), "）")
	}
	v.addSpan(RuleCoachJunior, -1, start, mid, facts...)
}

func ruleCoachNotSupportive(v *view) {
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if !v.present(i) || !b.HasRole(kam.RoleCoach) || b.Support() == kam.SupportSupports {
			continue
		}
		v.addRating(RuleCoachNotSupportive, i, b.Rating)
	}
}

func ruleSingleCoach(v *view) {
	if !v.atLeastIn() || v.countRole(kam.RoleCoach) != 1 {
		return
	}
	i := v.withRole(kam.RoleCoach)[0]
	v.addText(RuleSingleCoach, -1,
		[]string{v.name(i), " is the only coach."}, []string{v.name(i), " 是唯一的教练。"},
		strconv.FormatInt(v.p.Influences[i].ID, 10))
}

func ruleBypassCoach(v *view) {
	top, coaches := -1, 0
	for i := range v.p.Influences {
		if v.present(i) && v.p.Influences[i].HasRole(kam.RoleCoach) {
			coaches++
			top = max(top, v.seniority(i).Rank())
		}
	}
	if coaches == 0 {
		return
	}
	for k := range v.p.Actions {
		a := &v.p.Actions[k]
		if a.Status != kam.ActionOpen || a.TargetInfluenceID == 0 {
			continue
		}
		t := v.influenceByID(a.TargetInfluenceID)
		if t < 0 || !v.present(t) || v.p.Influences[t].HasRole(kam.RoleCoach) || v.seniority(t).Rank() <= top {
			continue
		}
		if v.coachTakesPart(a) {
			continue
		}
		v.add(RuleBypassCoach, t,
			kam.T(fmt.Sprintf("Action “%s” targets %s, senior to every coach, and no coach takes part.", a.Title, v.name(t)),
				fmt.Sprintf("行动“%s”针对比所有教练级别都高的 %s，却没有教练参与。", a.Title, v.name(t))),
			strconv.FormatInt(a.ID, 10))
	}
}

func (v *view) coachTakesPart(a *kam.Action) bool {
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if v.present(i) && b.HasRole(kam.RoleCoach) && slices.Contains(a.ParticipantIDs, b.ContactID) {
			return true
		}
	}
	return false
}

// --- Each buyer -------------------------------------------------------------

func ruleUncontacted(v *view) {
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if !v.present(i) || b.ContactLevel != kam.ContactNone {
			continue
		}
		f := v.addText(RuleUncontacted, i,
			[]string{v.name(i), " has not been contacted."}, []string{"尚未接触 ", v.name(i), "。"}, strconv.FormatBool(b.IsKey()))
		if !b.IsKey() {
			f.Severity = kam.SeverityMedium
		}
	}
}

func ruleOpposesHigh(v *view) {
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if v.present(i) && b.Influence == kam.InfluenceHigh && b.Support() == kam.SupportOpposes {
			v.addRating(RuleOpposesHigh, i, b.Rating)
		}
	}
}

func ruleStrongOpponent(v *view) {
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if v.present(i) && b.Rating != nil && *b.Rating <= -4 {
			v.addRating(RuleStrongOpponent, i, b.Rating)
		}
	}
}

func ruleTechnicalVeto(v *view) {
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if v.present(i) && b.HasRole(kam.RoleTechnical) && b.Support() == kam.SupportOpposes {
			v.addRating(RuleTechnicalVeto, i, b.Rating)
		}
	}
}

func ruleEconomicMode(v *view) {
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if !v.present(i) || !b.HasRole(kam.RoleEconomic) || (b.Mode != kam.ModeEvenKeel && b.Mode != kam.ModeOverconfident) {
			continue
		}
		v.addText(RuleEconomicMode, i,
			[]string{v.name(i), " is in ", modeEN(b.Mode), " mode."}, []string{v.name(i), " 处于", modeZH(b.Mode), "模式。"},
			string(b.Mode))
	}
}

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
		start := len(v.txt)
		v.put(v.name(i), ": unknown ")
		v.putJoin(en, ", ")
		v.txt = append(v.txt, '.')
		mid := len(v.txt)
		v.put(v.name(i), "：未知")
		v.putJoin(zh, "、")
		v.txt = append(v.txt, "。"...)
		v.addSpan(RuleMissingInfo, i, start, mid, en...)
	}
}

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
		start := len(v.txt)
		v.put(v.name(i), ": no ")
		v.putJoin(en, " and ")
		v.txt = append(v.txt, " recorded."...)
		mid := len(v.txt)
		v.put(v.name(i), "：未记录")
		v.putJoin(zh, "和")
		v.txt = append(v.txt, "。"...)
		v.addSpan(RuleWinResultMissing, i, start, mid, en...)
	}
}

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
		v.addText(RuleNewInJob, i,
			[]string{v.name(i), " has held the post since ", since, " (", n, " days)."},
			[]string{v.name(i), " 自 ", since, " 起任职（", n, " 天）。"},
			since)
	}
}

func ruleNoCounterpart(v *view) {
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if !v.present(i) || b.CounterpartID != 0 || !(b.IsKey() || v.seniority(i).IsSenior()) {
			continue
		}
		v.addText(RuleNoCounterpart, i,
			[]string{v.name(i), " has no counterpart on our side."}, []string{v.name(i), " 在我方没有对应者。"})
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
			v.addText(RuleStaleContact, i,
				[]string{"Last interaction with ", v.name(i), ": ", ls, " (", n, " days ago)."},
				[]string{"与 ", v.name(i), " 的最近一次互动：", ls, "（", n, " 天前）。"},
				ls)
			continue
		}
		start := v.dealStart()
		if start.IsZero() || start.DaysUntil(v.today) < limit {
			continue
		}
		ss := day(start)
		v.addText(RuleStaleContact, i,
			[]string{"No interaction with ", v.name(i), " recorded since the deal began on ", ss, "."},
			[]string{"自 ", ss, " 机会开始以来，没有与 ", v.name(i), " 的互动记录。"},
			"never")
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
		v.addText(RuleFeedbackContradicts, i,
			[]string{v.name(i), " gave ", string(fb), " feedback on ", on, ", yet is rated ", signed(*b.Rating), "."},
			[]string{v.name(i), " 在 ", on, " 的反馈为", fbZH, "，而支持度评为 ", signed(*b.Rating), "。"},
			strconv.FormatInt(in.ID, 10), string(fb), ratingFact(b.Rating))
	}
}

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
			v.addText(RuleNoVITO, i,
				[]string{v.name(i), ", the project's top decision maker, has not been contacted."}, []string{"项目最高决策者 ", v.name(i), " 尚未接触。"})
		}
	}
	if !found {
		v.add(RuleNoVITO, -1,
			kam.T("No buyer is marked as the project's top decision maker (VITO).", "没有人被标为项目的最高决策者（VITO）。"))
	}
}

// --- The map as a whole -----------------------------------------------------

func ruleSingleThreaded(v *view) {
	n := 0
	for i := range v.p.Influences {
		if v.present(i) && v.p.Influences[i].ContactLevel.Contacted() {
			n++
		}
	}
	if n > 1 {
		return
	}
	ns := strconv.Itoa(n)
	v.addText(RuleSingleThreaded, -1,
		[]string{"Buyers contacted: ", ns, "."}, []string{"已接触的购买影响者：", ns, " 人。"},
		ns)
}

func ruleMajorityNotSupportive(v *view) {
	total := 0
	var not []int
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if !v.present(i) || b.Influence != kam.InfluenceHigh {
			continue
		}
		total++
		if b.Support() != kam.SupportSupports {
			not = append(not, i)
		}
	}
	if 2*len(not) <= total {
		return
	}
	start := len(v.txt)
	v.txt = strconv.AppendInt(v.txt, int64(len(not)), 10)
	v.txt = append(v.txt, " of "...)
	v.txt = strconv.AppendInt(v.txt, int64(total), 10)
	v.txt = append(v.txt, " high-influence buyers do not support us: "...)
	v.putNames(not, ", ")
	v.txt = append(v.txt, '.')
	mid := len(v.txt)
	v.txt = strconv.AppendInt(v.txt, int64(total), 10)
	v.txt = append(v.txt, " 位高影响度的人中有 "...)
	v.txt = strconv.AppendInt(v.txt, int64(len(not)), 10)
	v.txt = append(v.txt, " 位不支持我们："...)
	v.putNames(not, "、")
	v.txt = append(v.txt, "。"...)
	v.addSpan(RuleMajorityNotSupportive, -1, start, mid, v.ids(not)...)
}

// ruleTooRosy reads "none neutral or opposing" as "every buyer rated as a
// supporter": an unrated buyer is not known to be on our side.
func ruleTooRosy(v *view) {
	n := 0
	for i := range v.p.Influences {
		if !v.present(i) {
			continue
		}
		if v.p.Influences[i].Support() != kam.SupportSupports {
			return
		}
		n++
	}
	if n < 4 {
		return
	}
	ns := strconv.Itoa(n)
	v.addText(RuleTooRosy, -1,
		[]string{"All ", ns, " buyers are rated as supporters."}, []string{"全部 ", ns, " 位购买影响者都被评为支持。"},
		ns)
}

// --- The plan ----------------------------------------------------------------

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
	start := len(v.txt)
	v.txt = append(v.txt, "Missing: "...)
	v.putJoin(en, ", ")
	v.txt = append(v.txt, '.')
	mid := len(v.txt)
	v.txt = append(v.txt, "缺少："...)
	v.putJoin(zh, "、")
	v.txt = append(v.txt, "。"...)
	v.addSpan(RuleObjectiveIncomplete, -1, start, mid, en...)
}

func ruleCloseDatePassed(v *view) {
	o := &v.p.Opportunity
	if !v.open || o.CloseDate.IsZero() || !o.CloseDate.Before(v.today) {
		return
	}
	cd, n := day(o.CloseDate), strconv.Itoa(o.CloseDate.DaysUntil(v.today))
	v.addText(RuleCloseDatePassed, -1,
		[]string{"Close date ", cd, " passed ", n, " days ago."}, []string{"成交日期 ", cd, " 已过去 ", n, " 天。"},
		cd)
}

func ruleLateEntry(v *view) {
	o := &v.p.Opportunity
	if o.EngagedOn.IsZero() || o.TenderPublishedOn.IsZero() || !o.EngagedOn.After(o.TenderPublishedOn) {
		return
	}
	tp, en := o.TenderPublishedOn.String(), o.EngagedOn.String()
	v.addText(RuleLateEntry, -1,
		[]string{"Tender published on ", tp, "; we engaged on ", en, "."}, []string{"标书于 ", tp, " 发布；我们于 ", en, " 介入。"},
		tp, en)
}

func ruleNoStrengths(v *view) {
	for k := range v.p.SWOT {
		if v.p.SWOT[k].Kind == kam.SWOTStrength {
			return
		}
	}
	v.add(RuleNoStrengths, -1, kam.Text{})
}

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
	v.addText(RuleNoNextAction, -1,
		[]string{"No open action is due by ", u, "."}, []string{"截至 ", u, " 没有到期的未完成行动。"})
}

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
	start := len(v.txt)
	v.txt = append(v.txt, "Overdue: "...)
	v.putOverdue(facts, ", ", "” (due ", ")")
	v.txt = append(v.txt, '.')
	mid := len(v.txt)
	v.txt = append(v.txt, "逾期："...)
	v.putOverdue(facts, "、", "”（截止 ", "）")
	v.txt = append(v.txt, "。"...)
	v.addSpan(RuleOverdueActions, -1, start, mid, facts...)
}

// overdue reports whether action a is open and past its due day.
func (v *view) overdue(a *kam.Action) bool {
	return a.Status == kam.ActionOpen && !a.Due.IsZero() && a.Due.Before(v.today)
}

// putOverdue writes the overdue actions' titles, each with its due day from
// facts (ruleOverdueActions' id and day pairs), separated by sep.
func (v *view) putOverdue(facts []string, sep, due, end string) {
	n := 0
	for k := range v.p.Actions {
		a := &v.p.Actions[k]
		if !v.overdue(a) {
			continue
		}
		if n > 0 {
			v.txt = append(v.txt, sep...)
		}
		v.put("“", a.Title, due, facts[2*n+1], end)
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
	start := len(v.txt)
	v.txt = append(v.txt, "Without action or strength: "...)
	for n, k := range highs {
		if n > 0 {
			v.txt = append(v.txt, "; "...)
		}
		v.txt = append(v.txt, v.out[k].Title.EN...)
	}
	v.txt = append(v.txt, '.')
	mid := len(v.txt)
	v.txt = append(v.txt, "无行动或强项应对："...)
	for n, k := range highs {
		if n > 0 {
			v.txt = append(v.txt, "；"...)
		}
		v.txt = append(v.txt, v.out[k].Title.ZH...)
	}
	v.txt = append(v.txt, "。"...)
	v.addSpan(RuleUnaddressedHighFlag, -1, start, mid)
	v.meta[len(v.meta)-1].fp = h
}

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

func ruleReorganization(v *view) {
	since := v.p.Account.ReorganisingSince
	if since.IsZero() || since.DaysUntil(v.today) >= v.s.ReorganisationDays {
		return
	}
	ss := since.String()
	v.addText(RuleReorganization, -1,
		[]string{v.p.Account.Name, " is reorganising since ", ss, "."}, []string{v.p.Account.Name, " 自 ", ss, " 起正在重组。"},
		ss)
}

func ruleLowIdealFit(v *view) {
	s := v.p.IdealScore
	if s == nil || *s >= v.s.LowIdealFit {
		return
	}
	start := len(v.txt)
	v.txt = append(v.txt, "Ideal-customer score "...)
	v.txt = strconv.AppendFloat(v.txt, *s, 'f', 0, 64)
	v.txt = append(v.txt, " of 100 (below "...)
	v.txt = strconv.AppendFloat(v.txt, v.s.LowIdealFit, 'f', 0, 64)
	v.txt = append(v.txt, ")."...)
	mid := len(v.txt)
	v.txt = append(v.txt, "理想型客户得分 "...)
	v.txt = strconv.AppendFloat(v.txt, *s, 'f', 0, 64)
	v.txt = append(v.txt, "/100（低于 "...)
	v.txt = strconv.AppendFloat(v.txt, v.s.LowIdealFit, 'f', 0, 64)
	v.txt = append(v.txt, "）。"...)
	v.addSpan(RuleLowIdealFit, -1, start, mid, strconv.FormatFloat(*s, 'f', 1, 64))
}

// --- The funnel --------------------------------------------------------------

func rulePrematureInFunnel(v *view) {
	if v.level != kam.LevelIn || v.hasContactedReceptive() {
		return
	}
	v.add(RulePrematureInFunnel, -1, kam.Text{})
}

func (v *view) hasContactedReceptive() bool {
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if v.present(i) && b.ContactLevel.Contacted() && b.Mode.Receptive() {
			return true
		}
	}
	return false
}

// bestFewGap is one failed condition of Best few.
type bestFewGap struct {
	code string
	text kam.Text
}

// bestFewGaps lists the Best few conditions the picture fails, given the
// findings so far (an open high finding other than premature-best-few
// itself fails the deal).
func (v *view) bestFewGaps() []bestFewGap {
	var gaps []bestFewGap
	if v.countRole(kam.RoleCoach) == 0 {
		gaps = append(gaps, bestFewGap{"no-coach", kam.T("no coach", "没有教练")})
	}
	econ := false
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if v.present(i) && b.HasRole(kam.RoleEconomic) && b.ContactLevel.Contacted() && b.Support() == kam.SupportSupports {
			econ = true
			break
		}
	}
	if !econ {
		gaps = append(gaps, bestFewGap{"economic", kam.T("the Economic buyer is not contacted or not supporting", "财务决策者未接触或不支持")})
	}
	var highs []string
	for k := range v.out {
		f := &v.out[k]
		if f.Severity == kam.SeverityHigh && f.Accepted == nil && f.Rule != RulePrematureBestFew {
			highs = append(highs, f.Rule)
		}
	}
	if len(highs) > 0 {
		highs = slices.Compact(highs)
		gaps = append(gaps, bestFewGap{"high:" + strings.Join(highs, ","),
			kam.T("open high red flags: "+strings.Join(highs, ", "), "未处理的高风险小红旗："+strings.Join(highs, "、"))})
	}
	half := v.s.SalesCycleDays / 2
	cd := v.p.Opportunity.CloseDate
	switch {
	case cd.IsZero():
		gaps = append(gaps, bestFewGap{"close-date", kam.T("no close date", "没有成交日期")})
	case v.today.DaysUntil(cd) > half:
		gaps = append(gaps, bestFewGap{"close-date", kam.T(
			fmt.Sprintf("close date %s is beyond half the usual sales cycle (%d days)", cd, half),
			fmt.Sprintf("成交日期 %s 超出常规销售周期的一半（%d 天）", cd, half))})
	}
	return gaps
}

func rulePrematureBestFew(v *view) {
	if v.level != kam.LevelBestFew {
		return
	}
	gaps := v.bestFewGaps()
	if len(gaps) == 0 {
		return
	}
	var factBuf [4]string
	facts := factBuf[:0]
	start := len(v.txt)
	v.txt = append(v.txt, "Not yet Best few: "...)
	for k, g := range gaps {
		if k > 0 {
			v.txt = append(v.txt, "; "...)
		}
		v.txt = append(v.txt, g.text.EN...)
		facts = append(facts, g.code)
	}
	v.txt = append(v.txt, '.')
	mid := len(v.txt)
	v.txt = append(v.txt, "尚不符合最佳少数："...)
	for k, g := range gaps {
		if k > 0 {
			v.txt = append(v.txt, "；"...)
		}
		v.txt = append(v.txt, g.text.ZH...)
	}
	v.txt = append(v.txt, "。"...)
	v.addSpan(RulePrematureBestFew, -1, start, mid, facts...)
}

// day writes a date as YYYY-MM-DD ("" when unset) without time.Format,
// which dominates the cost of rules that fire on many buyers.
func day(d kam.Date) string {
	if d.IsZero() {
		return ""
	}
	y, m, dd := d.Time().Date()
	if y < 0 || y > 9999 {
		return d.String()
	}
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + int(m)/10), byte('0' + int(m)%10), '-', byte('0' + dd/10), byte('0' + dd%10)}
	return string(b[:])
}

// --- Texts --------------------------------------------------------------------

// put appends parts to v.txt.
func (v *view) put(parts ...string) {
	for _, s := range parts {
		v.txt = append(v.txt, s...)
	}
}

// putJoin appends parts to v.txt, sep between them.
func (v *view) putJoin(parts []string, sep string) {
	for k, s := range parts {
		if k > 0 {
			v.txt = append(v.txt, sep...)
		}
		v.txt = append(v.txt, s...)
	}
}

// putNames appends the names of buyers idx to v.txt, sep between them.
func (v *view) putNames(idx []int, sep string) {
	for k, i := range idx {
		if k > 0 {
			v.txt = append(v.txt, sep...)
		}
		v.txt = append(v.txt, v.name(i)...)
	}
}

// addRating adds a finding of rule about buyer i whose detail is i's rating.
func (v *view) addRating(rule string, i int, r *int) *Finding {
	if r == nil {
		return v.addText(rule, i, []string{v.name(i), " is not rated."}, []string{v.name(i), " 尚未评定支持度。"}, ratingFact(r))
	}
	return v.addText(rule, i, []string{v.name(i), " is rated ", signed(*r), "."},
		[]string{v.name(i), " 的支持度为 ", signed(*r), "。"}, ratingFact(r))
}

func (v *view) ids(idx []int) []string {
	s := make([]string, len(idx))
	for k, i := range idx {
		s[k] = strconv.FormatInt(v.p.Influences[i].ID, 10)
	}
	return s
}

// signedRatings and plainRatings spell the ratings -5…+5 without
// allocating; other values are formatted.
var (
	signedRatings = [...]string{"-5", "-4", "-3", "-2", "-1", "0", "+1", "+2", "+3", "+4", "+5"}
	plainRatings  = [...]string{"-5", "-4", "-3", "-2", "-1", "0", "1", "2", "3", "4", "5"}
)

func signed(r int) string {
	if r >= -5 && r <= 5 {
		return signedRatings[r+5]
	}
	if r > 0 {
		return "+" + strconv.Itoa(r)
	}
	return strconv.Itoa(r)
}

func ratingFact(r *int) string {
	if r == nil {
		return "unrated"
	}
	if *r >= -5 && *r <= 5 {
		return plainRatings[*r+5]
	}
	return strconv.Itoa(*r)
}

func modeEN(m kam.ResponseMode) string {
	switch m {
	case kam.ModeGrowth:
		return "Growth"
	case kam.ModeTrouble:
		return "Trouble"
	case kam.ModeEvenKeel:
		return "Even Keel"
	case kam.ModeOverconfident:
		return "Overconfident"
	}
	return "unknown"
}

func modeZH(m kam.ResponseMode) string {
	switch m {
	case kam.ModeGrowth:
		return "高瞻远瞩"
	case kam.ModeTrouble:
		return "不知所措"
	case kam.ModeEvenKeel:
		return "四平八稳"
	case kam.ModeOverconfident:
		return "自我陶醉"
	}
	return "未知"
}

func influenceZH(i kam.Influence) string {
	switch i {
	case kam.InfluenceHigh:
		return "高"
	case kam.InfluenceMedium:
		return "中"
	case kam.InfluenceLow:
		return "低"
	}
	return "未知"
}

func seniorityZH(s kam.Seniority) string {
	switch s {
	case kam.SeniorityExecutive:
		return "高管"
	case kam.SenioritySenior:
		return "高级经理"
	case kam.SeniorityMiddle:
		return "中层"
	case kam.SeniorityJunior:
		return "基层"
	}
	return "未知"
}
