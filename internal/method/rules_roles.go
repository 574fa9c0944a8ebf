package method

import "kam/internal/kam"

// The rules of "Coverage of the four roles" (docs/redflags.md).

// ruleNoEconomic: nobody present holds the Economic role.
func ruleNoEconomic(v *view) {
	if v.countRole(kam.RoleEconomic) == 0 {
		v.add(RuleNoEconomic, -1, kam.Text{})
	}
}

// ruleSeveralEconomic: more than one present buyer holds the Economic role.
func ruleSeveralEconomic(v *view) {
	if v.countRole(kam.RoleEconomic) < 2 {
		return
	}
	idx := v.withRole(kam.RoleEconomic)
	d := v.text()
	d.en("Marked as Economic buyer: ")
	d.names(idx, ", ")
	d.zh("标为财务决策者的有：")
	d.names(idx, "、")
	d.flag(RuleSeveralEconomic, -1, v.ids(idx)...)
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
	if len(f.Candidates) == 0 {
		f.Next = nextNoCoachNoCandidate
	}
}

// ruleNoTechnical: nobody present holds the Technical role.
func ruleNoTechnical(v *view) {
	if v.countRole(kam.RoleTechnical) == 0 {
		v.add(RuleNoTechnical, -1, kam.Text{})
	}
}

// ruleNoUser: nobody present holds the User role.
func ruleNoUser(v *view) {
	if v.countRole(kam.RoleUser) == 0 {
		v.add(RuleNoUser, -1, kam.Text{})
	}
}

// withRole returns the present buyers who hold role r.
func (v *view) withRole(r kam.BuyingRole) []int {
	var idx []int
	for i := range v.p.Influences {
		if v.present(i) && v.p.Influences[i].HasRole(r) {
			idx = append(idx, i)
		}
	}
	return idx
}

// countRole counts the present buyers who hold role r.
func (v *view) countRole(r kam.BuyingRole) int {
	n := 0
	for i := range v.p.Influences {
		if v.present(i) && v.p.Influences[i].HasRole(r) {
			n++
		}
	}
	return n
}
