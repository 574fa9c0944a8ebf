package transfer

import (
	"fmt"
	"strconv"
	"strings"

	"kam/internal/kam"
	"kam/internal/method"
)

// The importers of the conversation's records: call plans, needs, VITO
// plans and reviews. A review keeps the snapshot taken then, its ids
// renumbered to the imported records, so "what changed since" reads the
// same after an import.

func (im *importer) callPlan(r *rec, v *kam.CallPlan) error {
	x := *v
	x.OpportunityID = im.ref(r, KindOpportunities, v.OpportunityID, "opportunity_id")
	x.InteractionID = im.ref(r, KindInteractions, v.InteractionID, "interaction_id")
	x.UserIDs = make([]int64, len(v.UserIDs))
	for i, id := range v.UserIDs {
		x.UserIDs[i] = im.ref(r, KindUsers, id, fmt.Sprintf("user_ids[%d]", i))
	}
	x.Attendees = make([]kam.CallAttendee, len(v.Attendees))
	for i, at := range v.Attendees {
		x.Attendees[i] = kam.CallAttendee{ContactID: im.ref(r, KindContacts, at.ContactID, fmt.Sprintf("attendees[%d].contact_id", i)), Questions: at.Questions}
	}
	// The decisions name proposals by contact: renumber them too. They are
	// written after the plan exists (a new plan takes none).
	decisions := make([]kam.ProposalDecision, 0, len(v.Decisions))
	for _, d := range v.Decisions {
		kind, id, ok := strings.Cut(d.Key, ":")
		old, err := strconv.ParseInt(id, 10, 64)
		if !ok || err != nil {
			continue
		}
		if c := im.ids[KindContacts][old]; c != 0 {
			d.Key = kind + ":" + strconv.FormatInt(c, 10)
			d.ByUserID = im.ids[KindUsers][d.ByUserID]
			decisions = append(decisions, d)
		}
	}
	if r.bad() {
		im.skip(r)
		return nil
	}
	im.at(v.CreatedAt)
	c, err := im.svc.CallPlans.Create(im.ctx, kam.System, x)
	if err == nil && len(decisions) > 0 {
		err = im.svc.RestoreDecisions(im.ctx, c.ID, decisions)
	}
	return im.outcome(r, c.ID, err)
}

func (im *importer) need(r *rec, v *kam.Need) error {
	x := *v
	x.OpportunityID = im.ref(r, KindOpportunities, v.OpportunityID, "opportunity_id")
	x.ContactID = im.ref(r, KindContacts, v.ContactID, "contact_id")
	x.InteractionID = im.ref(r, KindInteractions, v.InteractionID, "interaction_id")
	return create(im, r, im.svc.Needs, v.CreatedAt, x)
}

func (im *importer) vitoPlan(r *rec, v *kam.VITOPlan) error {
	x := *v
	x.OpportunityID = im.ref(r, KindOpportunities, v.OpportunityID, "opportunity_id")
	x.ContactID = im.ref(r, KindContacts, v.ContactID, "contact_id")
	x.ReferralPath = make([]int64, len(v.ReferralPath))
	for i, id := range v.ReferralPath {
		x.ReferralPath[i] = im.ref(r, KindContacts, id, fmt.Sprintf("referral_path[%d]", i))
	}
	return create(im, r, im.svc.VITOPlans, v.CreatedAt, x)
}

func (im *importer) review(r *rec, v *kam.Review) error {
	x := *v
	x.OpportunityID = im.ref(r, KindOpportunities, v.OpportunityID, "opportunity_id")
	x.ManagerID = im.ref(r, KindUsers, v.ManagerID, "manager_id")
	x.SellerID = im.ref(r, KindUsers, v.SellerID, "seller_id")
	x.Snapshot = im.renumber(v.Snapshot)
	return create(im, r, im.svc.Reviews, v.CreatedAt, x)
}

// renumber maps a snapshot's ids to the imported records; a record not
// imported keeps id 0 (it reads as gone or added, as it is).
func (im *importer) renumber(s kam.ReviewSnapshot) kam.ReviewSnapshot {
	out := s
	out.Buyers = make([]kam.SnapshotBuyer, len(s.Buyers))
	for i, b := range s.Buyers {
		b.InfluenceID = im.ids[KindBuyingInfluences][b.InfluenceID]
		b.ContactID = im.ids[KindContacts][b.ContactID]
		out.Buyers[i] = b
	}
	out.Findings = make([]kam.SnapshotFinding, len(s.Findings))
	for i, f := range s.Findings {
		if id, ok := strings.CutPrefix(f.Subject, "influence:"); ok {
			old, _ := strconv.ParseInt(id, 10, 64)
			f.Subject = method.SubjectOf(im.ids[KindBuyingInfluences][old])
		}
		out.Findings[i] = f
	}
	out.Needs = make([]kam.SnapshotNeed, len(s.Needs))
	for i, n := range s.Needs {
		n.ID = im.ids[KindNeeds][n.ID]
		n.ContactID = im.ids[KindContacts][n.ContactID]
		out.Needs[i] = n
	}
	out.Actions = make([]kam.SnapshotAction, len(s.Actions))
	for i, a := range s.Actions {
		a.ID = im.ids[KindActions][a.ID]
		out.Actions[i] = a
	}
	return out
}
