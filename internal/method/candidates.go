package method

import (
	"cmp"
	"slices"
	"strings"

	"kam/internal/kam"
)

// coachCandidates ranks the buyers who could become a new coach: present
// (contact active), not already a coach, not buyer skip, supporting us, with
// medium or high influence.
//
// Score = 10·influence (high 2, medium 1) + rating (3…5) + seniority rank
// (executive 4 … junior 1) + contact (frequent 2, rare 1). Influence weighs
// most because a coach must be credible with the buyers; ties go to the
// lower influence id so the order is stable.
func (v *view) coachCandidates(skip int) []Candidate {
	var out []Candidate
	for i := range v.p.Influences {
		b := &v.p.Influences[i]
		if i == skip || !v.present(i) || b.HasRole(kam.RoleCoach) || b.Support() != kam.SupportSupports {
			continue
		}
		var inf float64
		switch b.Influence {
		case kam.InfluenceHigh:
			inf = 2
		case kam.InfluenceMedium:
			inf = 1
		default:
			continue
		}
		var touch float64
		switch b.ContactLevel {
		case kam.ContactFrequent:
			touch = 2
		case kam.ContactRare:
			touch = 1
		}
		sen := v.seniority(i)
		var en, zh []string
		en = append(en, "supports us ("+signed(*b.Rating)+")")
		zh = append(zh, "支持我们（"+signed(*b.Rating)+"）")
		infw, senw := word(influenceWords, b.Influence), word(seniorityWords, sen)
		en = append(en, infw.EN+" influence")
		zh = append(zh, "影响度"+infw.ZH)
		if sen != kam.SeniorityUnknown && sen != "" {
			en = append(en, "seniority "+senw.EN)
			zh = append(zh, "级别"+senw.ZH)
		}
		switch b.ContactLevel {
		case kam.ContactFrequent:
			en, zh = append(en, "in frequent contact"), append(zh, "接触频繁")
		case kam.ContactRare:
			en, zh = append(en, "in occasional contact"), append(zh, "偶有接触")
		default:
			en, zh = append(en, "not yet contacted"), append(zh, "尚未接触")
		}
		out = append(out, Candidate{
			ContactID:   b.ContactID,
			InfluenceID: b.ID,
			Name:        v.name(i),
			Score:       10*inf + float64(*b.Rating) + float64(sen.Rank()) + touch,
			Reason:      kam.T(strings.Join(en, ", "), strings.Join(zh, "，")),
		})
	}
	slices.SortStableFunc(out, func(a, b Candidate) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.InfluenceID, b.InfluenceID)
	})
	return out
}
