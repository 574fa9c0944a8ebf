package method

import (
	"slices"
	"strconv"

	"kam/internal/kam"
)

// The rules of "The coach" (docs/redflags.md).

// ruleCoachLeft: a coach left the company or moved to another post.
func ruleCoachLeft(v *view) {
	for i := range v.p.Influences {
		if !v.p.Influences[i].HasRole(kam.RoleCoach) || !v.departed(i) {
			continue
		}
		c := v.contacts[i]
		on := day(c.StatusDate)
		d := v.text()
		if c.Status == kam.ContactLeft {
			d.en("Left the company")
		} else {
			d.en("Moved to another post")
		}
		if on != "" {
			d.en(" on ", on)
		}
		d.en(".")
		if c.Status == kam.ContactLeft {
			d.zh("已离开公司")
		} else {
			d.zh("已调往其他岗位")
		}
		if on != "" {
			d.zh("（", on, "）")
		}
		d.zh("。")
		f := d.flag(RuleCoachLeft, i, string(c.Status), on)
		f.Candidates = v.coachCandidates(i)
		if len(f.Candidates) == 0 {
			f.Next = nextCoachLeftNoCandidate
		}
	}
}

// ruleCoachJunior: every present coach has low influence or is below senior.
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
	d := v.text()
	d.en("Coaches: ")
	for k, i := range coaches {
		b := &v.p.Influences[i]
		s := v.seniority(i)
		if k > 0 {
			d.en("; ")
		}
		d.en(v.name(i), " (influence ", word(influenceWords, b.Influence).EN, ", seniority ", word(seniorityWords, s).EN, ")")
		facts = append(facts, strconv.FormatInt(b.ID, 10), string(b.Influence), string(s))
	}
	d.zh("教练：")
	for k, i := range coaches {
		if k > 0 {
			d.zh("；")
		}
		d.zh(v.name(i), "（影响度", word(influenceWords, v.p.Influences[i].Influence).ZH, "，级别", word(seniorityWords, v.seniority(i)).ZH, "）")
	}
	d.flag(RuleCoachJunior, -1, facts...)
}

// ruleCoachNotSupportive: a present coach is not rated as a supporter.
func ruleCoachNotSupportive(v *view) {
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if v.present(i) && b.HasRole(kam.RoleCoach) && b.Support() != kam.SupportSupports {
			v.flagRating(RuleCoachNotSupportive, i)
		}
	}
}

// ruleSingleCoach: In the funnel or later with exactly one coach.
func ruleSingleCoach(v *view) {
	if !v.atLeastIn() || v.countRole(kam.RoleCoach) != 1 {
		return
	}
	i := v.withRole(kam.RoleCoach)[0]
	d := v.text()
	d.en(v.name(i), " is the only coach.")
	d.zh(v.name(i), " 是唯一的教练。")
	d.flag(RuleSingleCoach, -1, strconv.FormatInt(v.p.Influences[i].ID, 10))
}

// ruleBypassCoach: an open action targets a buyer senior to every coach, and
// no coach takes part. Senior to a coach means above them in the reporting
// chain, or of a higher seniority: going to a coach's own boss without the
// coach is going over their head even when both are executives.
func ruleBypassCoach(v *view) {
	var coachBuf [8]int
	coaches := coachBuf[:0]
	for i := range v.p.Influences {
		if v.present(i) && v.p.Influences[i].HasRole(kam.RoleCoach) {
			coaches = append(coaches, i)
		}
	}
	if len(coaches) == 0 {
		return
	}
	for k := range v.p.Actions {
		a := &v.p.Actions[k]
		if a.Status != kam.ActionOpen || a.TargetInfluenceID == 0 {
			continue
		}
		t := v.influenceByID(a.TargetInfluenceID)
		if t < 0 || !v.present(t) || v.p.Influences[t].HasRole(kam.RoleCoach) || v.coachTakesPart(a) {
			continue
		}
		above := true
		for _, c := range coaches {
			above = above && v.seniorTo(t, c)
		}
		if !above {
			continue
		}
		d := v.text()
		d.en("Action “", a.Title, "” goes above every coach, and no coach takes part.")
		d.zh("行动“", a.Title, "”越过了所有教练，却没有教练参与。")
		d.flag(RuleBypassCoach, t, strconv.FormatInt(a.ID, 10))
	}
}

// seniorTo reports whether buyer t is senior to buyer c: above c in the
// reporting chain, or — when neither is above the other — of a higher
// seniority.
func (v *view) seniorTo(t, c int) bool {
	tc, cc := v.p.Influences[t].ContactID, v.p.Influences[c].ContactID
	if v.reportsUpTo(cc, tc) {
		return true
	}
	if v.reportsUpTo(tc, cc) {
		return false
	}
	return v.seniority(t).Rank() > v.seniority(c).Rank()
}

// reportsUpTo reports whether contact from reports, directly or through the
// picture's other contacts, to contact boss.
func (v *view) reportsUpTo(from, boss int64) bool {
	c := v.contact(from)
	for steps := 0; c != nil && c.ReportsToID != 0 && steps < 32; steps++ {
		if c.ReportsToID == boss {
			return true
		}
		c = v.contact(c.ReportsToID)
	}
	return false
}

// coachTakesPart reports whether a present coach takes part in action a.
func (v *view) coachTakesPart(a *kam.Action) bool {
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if v.present(i) && b.HasRole(kam.RoleCoach) && slices.Contains(a.ParticipantIDs, b.ContactID) {
			return true
		}
	}
	return false
}
