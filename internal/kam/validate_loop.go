package kam

import (
	"fmt"
	"strings"
)

// The checks of the conversation's records: call plans, needs, reviews and
// VITO plans.

// MaxQuestions bounds the questions per attendee of a call plan, and
// MaxAttendees the attendees.
const (
	MaxQuestions = 30
	MaxAttendees = 50
)

var msgBadID = T("is not a valid id", "不是有效的编号")

// Validate checks the call plan's own fields.
func (p *CallPlan) Validate() error {
	var c checker
	p.BusinessReason = strings.TrimSpace(p.BusinessReason)
	p.BestCommitment = strings.TrimSpace(p.BestCommitment)
	p.MinimumCommitment = strings.TrimSpace(p.MinimumCommitment)
	c.ref("opportunity_id", p.OpportunityID)
	if p.Kind == "" {
		p.Kind = InteractionVisit
	}
	oneOf(&c, "kind", p.Kind, InteractionKinds...)
	if p.At.IsZero() {
		c.Add("at", msgRequired)
	}
	for i, id := range p.UserIDs {
		if id <= 0 {
			c.Add(fmt.Sprintf("user_ids[%d]", i), msgBadID)
		}
	}
	if len(p.Attendees) > MaxAttendees {
		c.Add("attendees", T(fmt.Sprintf("must list at most %d people", MaxAttendees), fmt.Sprintf("最多 %d 人", MaxAttendees)))
	}
	seen := map[int64]bool{}
	for i, at := range p.Attendees {
		field := fmt.Sprintf("attendees[%d]", i)
		switch {
		case at.ContactID <= 0:
			c.Add(field+".contact_id", msgRequired)
		case seen[at.ContactID]:
			c.Add(field+".contact_id", T("is listed twice", "重复列出"))
		}
		seen[at.ContactID] = true
		if len(at.Questions) > MaxQuestions {
			c.Add(field+".questions", T(fmt.Sprintf("must hold at most %d questions", MaxQuestions), fmt.Sprintf("最多 %d 个问题", MaxQuestions)))
		}
		for j := range at.Questions {
			q := &p.Attendees[i].Questions[j]
			q.Text = strings.TrimSpace(q.Text)
			qf := fmt.Sprintf("%s.questions[%d]", field, j)
			oneOf(&c, qf+".kind", q.Kind, QuestionKinds...)
			c.text(qf+".text", q.Text, 2000, true)
		}
	}
	c.text("business_reason", p.BusinessReason, 2000, false)
	c.text("best_commitment", p.BestCommitment, 2000, false)
	c.text("minimum_commitment", p.MinimumCommitment, 2000, false)
	if p.CommitmentDue != nil {
		c.date("commitment_due", *p.CommitmentDue)
	}
	c.long("give", p.Give)
	c.long("learn", p.Learn)
	c.optRef("interaction_id", p.InteractionID)
	c.text("commitment_obtained", p.CommitmentObtained, 2000, false)
	if p.CommitmentMet != "" {
		oneOf(&c, "commitment_met", p.CommitmentMet, CommitmentMets...)
	}
	for i, d := range p.Decisions {
		c.text(fmt.Sprintf("proposal_decisions[%d].key", i), d.Key, 200, true)
	}
	return c.Err()
}

// Validate checks the need's own fields.
func (n *Need) Validate() error {
	var c checker
	n.Words = strings.TrimSpace(n.Words)
	c.ref("opportunity_id", n.OpportunityID)
	c.ref("contact_id", n.ContactID)
	oneOf(&c, "kind", n.Kind, NeedKinds...)
	c.text("words", n.Words, 2000, true)
	if n.HeardAt.IsZero() {
		c.Add("heard_at", msgRequired)
	}
	if n.LinkedToResult && n.Kind != NeedExplicit {
		c.Add("linked_to_result", T("only an explicit need is linked to a business result", "只有明确需求才能与业务结果关联"))
	}
	c.optRef("interaction_id", n.InteractionID)
	return c.Err()
}

// Validate checks the review's own fields.
func (r *Review) Validate() error {
	var c checker
	c.ref("opportunity_id", r.OpportunityID)
	if r.At.IsZero() {
		c.Add("at", msgRequired)
	}
	c.optRef("manager_id", r.ManagerID)
	c.optRef("seller_id", r.SellerID)
	c.long("notes", r.Notes)
	if len(r.AgreedActions) > 50 {
		c.Add("agreed_actions", T("must list at most 50 actions", "最多 50 项"))
	}
	for i := range r.AgreedActions {
		r.AgreedActions[i] = strings.TrimSpace(r.AgreedActions[i])
		c.text(fmt.Sprintf("agreed_actions[%d]", i), r.AgreedActions[i], 500, true)
	}
	return c.Err()
}

// Validate checks the VITO plan's own fields.
func (v *VITOPlan) Validate() error {
	var c checker
	v.ExecutiveName = strings.TrimSpace(v.ExecutiveName)
	v.ExecutiveTitle = strings.TrimSpace(v.ExecutiveTitle)
	c.ref("opportunity_id", v.OpportunityID)
	c.optRef("contact_id", v.ContactID)
	c.date("contacted_on", v.ContactedOn)
	c.optName("executive_name", v.ExecutiveName)
	c.optName("executive_title", v.ExecutiveTitle)
	if len(v.ReferralPath) > MaxAttendees {
		c.Add("referral_path", T(fmt.Sprintf("must list at most %d people", MaxAttendees), fmt.Sprintf("最多 %d 人", MaxAttendees)))
	}
	for i, id := range v.ReferralPath {
		if id <= 0 {
			c.Add(fmt.Sprintf("referral_path[%d]", i), msgBadID)
		}
	}
	c.long("notes", v.Notes)
	return c.Err()
}
