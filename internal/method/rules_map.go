package method

import (
	"cmp"
	"slices"
	"strconv"

	"kam/internal/kam"
)

// The rules of "The map as a whole" (docs/redflags.md).

// ruleSingleThreaded: at most one present buyer has been contacted.
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
	d := v.text()
	d.en("Buyers contacted: ", ns, ".")
	d.zh("已接触的购买影响者：", ns, " 人。")
	d.flag(RuleSingleThreaded, -1, ns)
}

// ruleMajorityNotSupportive: more than half of the high-influence buyers do
// not support us.
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
	d := v.text()
	d.int(len(not))
	d.en(" of ")
	d.int(total)
	d.en(" high-influence buyers do not support us: ")
	d.names(not, ", ")
	d.en(".")
	d.zh()
	d.int(total)
	d.zh(" 位高影响度的人中有 ")
	d.int(len(not))
	d.zh(" 位不支持我们：")
	d.names(not, "、")
	d.zh("。")
	d.flag(RuleMajorityNotSupportive, -1, v.ids(not)...)
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
	d := v.text()
	d.en("All ", ns, " buyers are rated as supporters.")
	d.zh("全部 ", ns, " 位购买影响者都被评为支持。")
	d.flag(RuleTooRosy, -1, ns)
}

// ruleOpponentInfluencesKey: a present buyer who opposes us, or is marked as
// the competitor's coach, has an influences line to the Economic buyer or a
// high-influence buyer. One finding per opponent, naming whom they reach.
func ruleOpponentInfluencesKey(v *view) {
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if !v.present(i) || (b.Support() != kam.SupportOpposes && !b.CompetitorCoach) {
			continue
		}
		var keyBuf [8]int
		keys := v.linkedKeyBuyers(keyBuf[:0], b.ContactID, kam.LinkInfluences, true, i)
		if len(keys) == 0 {
			continue
		}
		d := v.text()
		if b.CompetitorCoach {
			d.en("The competitor's coach influences ")
		} else {
			d.en("Rated ", signed(*b.Rating), ", influences ")
		}
		d.names(keys, ", ")
		d.en(".")
		if b.CompetitorCoach {
			d.zh("对手的内线，影响着 ")
		} else {
			d.zh("支持度 ", signed(*b.Rating), "，影响着 ")
		}
		d.names(keys, "、")
		d.zh("。")
		facts := append(v.ids(keys), ratingFact(b.Rating), strconv.FormatBool(b.CompetitorCoach))
		d.flag(RuleOpponentInfluencesKey, i, facts...)
	}
}

// ruleCoachConflictsKey: a present coach has a conflicts-with line, either
// way, with the Economic buyer or a high-influence buyer.
func ruleCoachConflictsKey(v *view) {
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if !v.present(i) || !b.HasRole(kam.RoleCoach) {
			continue
		}
		var keyBuf [8]int
		keys := v.linkedKeyBuyers(keyBuf[:0], b.ContactID, kam.LinkConflictsWith, false, i)
		if len(keys) == 0 {
			continue
		}
		d := v.text()
		d.en("In conflict with ")
		d.names(keys, ", ")
		d.en(".")
		d.zh("与 ")
		d.names(keys, "、")
		d.zh(" 有矛盾。")
		d.flag(RuleCoachConflictsKey, i, v.ids(keys)...)
	}
}

// ruleUnseenInfluencer: contacts who are not buyers on the deal influence
// the Economic buyer or a high-influence buyer. One finding on the deal;
// the candidates are those contacts, the most connected first.
func ruleUnseenInfluencer(v *view) {
	var cands []Candidate
	for k := range v.p.ContactLinks {
		l := &v.p.ContactLinks[k]
		if l.DeletedAt != nil || l.Kind != kam.LinkInfluences || v.influenceOfContact(l.FromContactID) >= 0 {
			continue
		}
		t := v.keyBuyer(l.ToContactID)
		if t < 0 {
			continue
		}
		c := v.contact(l.FromContactID)
		if c != nil && (c.Status == kam.ContactLeft || c.Status == kam.ContactMoved) {
			continue
		}
		at := slices.IndexFunc(cands, func(x Candidate) bool { return x.ContactID == l.FromContactID })
		if at < 0 {
			name := "#" + strconv.FormatInt(l.FromContactID, 10)
			if c != nil && c.Name != "" {
				name = c.Name
			}
			cands = append(cands, Candidate{ContactID: l.FromContactID, Name: name, Reason: kam.T("influences ", "影响着 ")})
			at = len(cands) - 1
		}
		x := &cands[at]
		if x.Score > 0 {
			x.Reason.EN += ", "
			x.Reason.ZH += "、"
		}
		x.Reason.EN += v.name(t)
		x.Reason.ZH += v.name(t)
		x.Score++
	}
	if len(cands) == 0 {
		return
	}
	slices.SortStableFunc(cands, func(a, b Candidate) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.ContactID, b.ContactID)
	})
	facts := make([]string, len(cands))
	d := v.text()
	d.en("Not on the map: ")
	for k := range cands {
		if k > 0 {
			d.en(", ")
		}
		d.en(cands[k].Name)
		facts[k] = strconv.FormatInt(cands[k].ContactID, 10)
	}
	d.en(".")
	d.zh("不在关系图上：")
	for k := range cands {
		if k > 0 {
			d.zh("、")
		}
		d.zh(cands[k].Name)
	}
	d.zh("。")
	f := d.flag(RuleUnseenInfluencer, -1, facts...)
	f.Candidates = cands
}

// ruleNoPathToEconomic: for a present Economic buyer we are not in frequent
// contact with, no present supporter reports to them or influences them.
func ruleNoPathToEconomic(v *view) {
	for e := range v.p.Influences {
		eb := &v.p.Influences[e]
		if !v.present(e) || !eb.HasRole(kam.RoleEconomic) || eb.ContactLevel == kam.ContactFrequent {
			continue
		}
		if v.hasPathTo(e) {
			continue
		}
		d := v.text()
		d.en("No supporter reports to or influences them; our contact is ", word(contactWords, eb.ContactLevel).EN, ".")
		d.zh("没有支持者向其汇报或能影响其；我们与其接触度为", word(contactWords, eb.ContactLevel).ZH, "。")
		d.flag(RuleNoPathToEconomic, e, string(eb.ContactLevel))
	}
}

// hasPathTo reports whether a present supporter other than buyer e reports
// to e's contact or has an influences line to them.
func (v *view) hasPathTo(e int) bool {
	to := v.p.Influences[e].ContactID
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if i == e || !v.present(i) || b.Support() != kam.SupportSupports {
			continue
		}
		if c := v.contacts[i]; c != nil && c.ReportsToID == to {
			return true
		}
		for k := range v.p.ContactLinks {
			l := &v.p.ContactLinks[k]
			if l.DeletedAt == nil && l.Kind == kam.LinkInfluences && l.FromContactID == b.ContactID && l.ToContactID == to {
				return true
			}
		}
	}
	return false
}

// linkedKeyBuyers appends to out the present key buyers (Economic, or high
// influence) other than buyer skip that contact has a live line of kind
// with: from contact to them when directed, either way otherwise.
func (v *view) linkedKeyBuyers(out []int, contact int64, kind kam.ContactLinkKind, directed bool, skip int) []int {
	for k := range v.p.ContactLinks {
		l := &v.p.ContactLinks[k]
		if l.DeletedAt != nil || l.Kind != kind {
			continue
		}
		var other int64
		switch {
		case l.FromContactID == contact:
			other = l.ToContactID
		case !directed && l.ToContactID == contact:
			other = l.FromContactID
		default:
			continue
		}
		if t := v.keyBuyer(other); t >= 0 && t != skip && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// keyBuyer returns the present key buyer whose contact is id, or -1.
func (v *view) keyBuyer(id int64) int {
	for i := range v.p.Influences {
		if v.p.Influences[i].ContactID == id && v.present(i) && v.p.Influences[i].IsKey() {
			return i
		}
	}
	return -1
}

// contact returns the picture's contact id, or nil.
func (v *view) contact(id int64) *kam.Contact {
	for k := range v.p.Contacts {
		if v.p.Contacts[k].ID == id {
			return &v.p.Contacts[k]
		}
	}
	return nil
}
