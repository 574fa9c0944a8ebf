package service_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"kam/internal/kam"
	"kam/internal/loop"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/storetest"
)

// callDeal is a deal of a1 with an Economic buyer rated +4 in Even Keel and
// an executive at the account who is not a buyer yet.
type callDeal struct {
	opp           kam.Opportunity
	boss, cfo     kam.Contact
	economic      kam.BuyingInfluence
	plan          kam.CallPlan
	planAt, later time.Time
}

func newCallDeal(t *testing.T, w *world) callDeal {
	t.Helper()
	ctx := context.Background()
	acct := w.account(t, w.a1, "华东钢铁")
	var d callDeal
	var err error
	d.opp, err = w.svc.Opportunities.Create(ctx, w.a1, kam.Opportunity{AccountID: acct.ID, Name: "CRM 二期", Product: "大客户系统", Amount: 100, Currency: "CNY", Level: kam.LevelIn})
	if err != nil {
		t.Fatal(err)
	}
	if d.boss, err = w.svc.Contacts.Create(ctx, w.a1, kam.Contact{AccountID: acct.ID, Name: "张总", Seniority: kam.SeniorityExecutive}); err != nil {
		t.Fatal(err)
	}
	if d.cfo, err = w.svc.Contacts.Create(ctx, w.a1, kam.Contact{AccountID: acct.ID, Name: "王财务", Seniority: kam.SenioritySenior}); err != nil {
		t.Fatal(err)
	}
	four := 4
	if d.economic, err = w.svc.BuyingInfluences.Create(ctx, w.a1, kam.BuyingInfluence{OpportunityID: d.opp.ID, ContactID: d.boss.ID,
		Roles: []kam.BuyingRole{kam.RoleEconomic}, Influence: kam.InfluenceHigh, Rating: &four, Mode: kam.ModeEvenKeel, ContactLevel: kam.ContactNone}); err != nil {
		t.Fatal(err)
	}
	d.planAt = clock.Add(-2 * time.Hour)
	drafts, err := w.svc.DraftQuestions(ctx, w.a1, d.opp.ID, d.boss.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(drafts) == 0 || drafts[0].Kind != kam.QuestionImplication {
		t.Fatalf("drafts for an Even Keel Economic buyer = %+v, want Implication first", drafts)
	}
	d.plan, err = w.svc.CallPlans.Create(ctx, w.a1, kam.CallPlan{OpportunityID: d.opp.ID, Kind: kam.InteractionVisit, At: d.planAt,
		Attendees:      []kam.CallAttendee{{ContactID: d.boss.ID, Questions: loop.Questions(drafts, kam.LocaleZH)}, {ContactID: d.cfo.ID}},
		BusinessReason: "试点结果汇报", BestCommitment: "签采购单", MinimumCommitment: "约见财务"})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestCallPlanDebriefAndProposals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		d := newCallDeal(t, w)
		if len(d.plan.UserIDs) != 1 || d.plan.UserIDs[0] != w.a1.UserID {
			t.Errorf("our attendees default to the planner: %v", d.plan.UserIDs)
		}
		// Outside the scope, the plan does not exist.
		if _, err := w.svc.CallPlans.Get(ctx, w.b1, d.plan.ID); !errors.Is(err, kam.ErrNotFound) {
			t.Errorf("other team reads the plan: %v", err)
		}
		if _, err := w.svc.DebriefCall(ctx, w.b1, d.plan.ID, d.plan.Version, service.Debrief{}); !errors.Is(err, kam.ErrNotFound) {
			t.Errorf("other team debriefs: %v", err)
		}
		if _, err := w.svc.DraftQuestions(ctx, w.b1, d.opp.ID, d.boss.ID); !errors.Is(err, kam.ErrNotFound) {
			t.Errorf("other team drafts: %v", err)
		}
		// An attendee of another account is refused.
		other := w.account(t, w.a1, "别的客户")
		stranger, _ := w.svc.Contacts.Create(ctx, w.a1, kam.Contact{AccountID: other.ID, Name: "外人"})
		_, err := w.svc.CallPlans.Update(ctx, w.a1, d.plan.ID, d.plan.Version, func(p *kam.CallPlan) error {
			p.Attendees = append(p.Attendees, kam.CallAttendee{ContactID: stranger.ID})
			return nil
		})
		fieldErr(t, err, "attendees[2].contact_id")

		res, err := w.svc.DebriefCall(ctx, w.a1, d.plan.ID, d.plan.Version, service.Debrief{
			Outcome: kam.OutcomeContinuation, CommitmentObtained: "下周再谈", CommitmentMet: kam.CommitmentNone,
			Feedback: []kam.ContactFeedback{{ContactID: d.boss.ID, Feedback: kam.FeedbackNegative, Said: "价格太高"}, {ContactID: d.cfo.ID, Feedback: kam.FeedbackNeutral}},
			Needs:    []service.HeardNeed{{ContactID: d.boss.ID, Kind: kam.NeedImplied, Words: "交付太慢"}},
		})
		if err != nil {
			t.Fatal(err)
		}
		if res.Plan.InteractionID != res.Interaction.ID || res.Interaction.Outcome != kam.OutcomeContinuation || res.Interaction.Feedback[0].Said != "价格太高" {
			t.Errorf("debrief: plan → %d, interaction %+v", res.Plan.InteractionID, res.Interaction)
		}
		if len(res.Needs) != 1 || res.Needs[0].InteractionID != res.Interaction.ID {
			t.Errorf("needs = %+v", res.Needs)
		}
		keys := map[loop.ProposalKind]loop.Proposal{}
		for _, p := range res.Proposals {
			keys[p.Kind] = p
		}
		for _, k := range []loop.ProposalKind{loop.ProposeRating, loop.ProposeMode, loop.ProposeContactLevel, loop.ProposeNewBuyer} {
			if _, ok := keys[k]; !ok {
				t.Errorf("no %s proposal among %+v", k, res.Proposals)
			}
		}
		if r := keys[loop.ProposeRating].Reason.ZH; r != "负反馈，但我们评为 +4：核对判断" {
			t.Errorf("rating reason = %q", r)
		}
		// The same call cannot be debriefed twice.
		_, err = w.svc.DebriefCall(ctx, w.a1, d.plan.ID, res.Plan.Version, service.Debrief{})
		fieldErr(t, err, "interaction_id")

		// Accept two, reject one.
		open, err := w.svc.DecideProposal(ctx, w.a1, d.plan.ID, keys[loop.ProposeRating].Key, true)
		if err != nil {
			t.Fatal(err)
		}
		if _, err = w.svc.DecideProposal(ctx, w.a1, d.plan.ID, keys[loop.ProposeNewBuyer].Key, true); err != nil {
			t.Fatal(err)
		}
		open, err = w.svc.DecideProposal(ctx, w.a1, d.plan.ID, keys[loop.ProposeMode].Key, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range open {
			if p.Kind == loop.ProposeRating || p.Kind == loop.ProposeMode || p.Kind == loop.ProposeNewBuyer {
				t.Errorf("decided proposal still open: %+v", p)
			}
		}
		if _, err := w.svc.DecideProposal(ctx, w.a1, d.plan.ID, keys[loop.ProposeRating].Key, true); err == nil {
			t.Error("a decided proposal was accepted twice")
		}
		b, err := w.svc.BuyingInfluences.Get(ctx, w.a1, d.economic.ID)
		if err != nil {
			t.Fatal(err)
		}
		if b.Rating == nil || *b.Rating != -1 || b.Mode != kam.ModeEvenKeel || b.Version != d.economic.Version+1 {
			t.Errorf("economic buyer after decisions: rating %v mode %s version %d", b.Rating, b.Mode, b.Version)
		}
		buyers, _, err := w.svc.BuyingInfluences.List(ctx, w.a1, store.BuyingInfluenceFilter{OpportunityID: d.opp.ID})
		if err != nil || len(buyers) != 2 {
			t.Fatalf("buyers after accepting a new one: %d, %v", len(buyers), err)
		}
		// Each accepted change is an audited edit.
		recs, _, err := w.svc.Audit(ctx, w.admin, store.AuditFilter{Entity: "buying_influence", EntityID: d.economic.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != 2 || recs[0].Action != "update" || !strings.Contains(recs[0].After, `"rating":-1`) {
			t.Errorf("audit of the buyer: %+v", recs)
		}
		// A manager over the team may read the proposals; another team's may not.
		if _, err := w.svc.Proposals(ctx, w.mA, d.plan.ID); err != nil {
			t.Errorf("team manager reads proposals: %v", err)
		}
		if _, err := w.svc.Proposals(ctx, w.mB, d.plan.ID); !errors.Is(err, kam.ErrNotFound) {
			t.Errorf("other manager reads proposals: %v", err)
		}
		// The picture carries the plan and the need.
		v, err := w.svc.Strategy(ctx, w.a1, d.opp.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.CallPlans) != 1 || len(v.Needs) != 1 || v.LastReviewAt != nil {
			t.Errorf("picture: %d plans, %d needs, last review %v", len(v.CallPlans), len(v.Needs), v.LastReviewAt)
		}
	})
}

func TestReviewSnapshotAndChanges(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		d := newCallDeal(t, w)
		if _, err := w.svc.Changes(ctx, w.a1, d.opp.ID, service.Since{}, service.Since{}); err == nil {
			t.Error("changes without any review answered")
		}
		r1, err := w.svc.Reviews.Create(ctx, w.mA, kam.Review{OpportunityID: d.opp.ID, Notes: "先见财务", AgreedActions: []string{"约见王财务"},
			Snapshot: kam.ReviewSnapshot{Health: 99}})
		if err != nil {
			t.Fatal(err)
		}
		if r1.ManagerID != w.mA.UserID || r1.SellerID != w.a1.UserID || len(r1.Snapshot.Buyers) != 1 || r1.Snapshot.Health == 99 || r1.Snapshot.Level != kam.LevelIn {
			t.Errorf("review: manager %d seller %d snapshot %+v", r1.ManagerID, r1.SellerID, r1.Snapshot)
		}
		// The snapshot cannot be rewritten.
		r1b, err := w.svc.Reviews.Update(ctx, w.mA, r1.ID, r1.Version, func(r *kam.Review) error {
			r.Notes = "改了"
			r.Snapshot = kam.ReviewSnapshot{}
			return nil
		})
		if err != nil || len(r1b.Snapshot.Buyers) != 1 {
			t.Errorf("update rewrote the snapshot: %v %+v", err, r1b.Snapshot)
		}
		if _, err := w.svc.Reviews.Get(ctx, w.b1, r1.ID); !errors.Is(err, kam.ErrNotFound) {
			t.Errorf("other team reads the review: %v", err)
		}
		// Move the map, then read what changed.
		one := -2
		if _, err := w.svc.BuyingInfluences.Update(ctx, w.a1, d.economic.ID, d.economic.Version, func(b *kam.BuyingInfluence) error {
			b.Rating = &one
			b.Mode = kam.ModeTrouble
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.BuyingInfluences.Create(ctx, w.a1, kam.BuyingInfluence{OpportunityID: d.opp.ID, ContactID: d.cfo.ID, Roles: []kam.BuyingRole{kam.RoleTechnical}, Influence: kam.InfluenceMedium}); err != nil {
			t.Fatal(err)
		}
		v, err := w.svc.Changes(ctx, w.a1, d.opp.ID, service.Since{}, service.Since{})
		if err != nil {
			t.Fatal(err)
		}
		got := map[loop.ChangeKind]string{}
		for _, c := range v.Changes {
			got[c.Kind] = c.Text.EN
		}
		if got[loop.RatingMoved] != "张总: rating +4 → -2" || got[loop.ModeMoved] == "" || !strings.Contains(got[loop.BuyerAdded], "王财务") {
			t.Errorf("changes = %+v", v.Changes)
		}
		if v.FromReview != r1.ID {
			t.Errorf("from review %d, want %d", v.FromReview, r1.ID)
		}
		// By date: the day of the review names it; the day before has none.
		day := kam.DateOf(r1.At)
		if v2, err := w.svc.Changes(ctx, w.a1, d.opp.ID, service.Since{Date: day}, service.Since{}); err != nil || v2.FromReview != r1.ID {
			t.Errorf("since %s: %v, from %d", day, err, v2.FromReview)
		}
		_, err = w.svc.Changes(ctx, w.a1, d.opp.ID, service.Since{Date: day.AddDays(-1)}, service.Since{})
		fieldErr(t, err, "since")
		if _, err := w.svc.Changes(ctx, w.b1, d.opp.ID, service.Since{}, service.Since{}); !errors.Is(err, kam.ErrNotFound) {
			t.Errorf("other team reads changes: %v", err)
		}
		// The picture knows the last review.
		sv, err := w.svc.Strategy(ctx, w.a1, d.opp.ID)
		if err != nil || sv.LastReviewAt == nil || !sv.LastReviewAt.Equal(r1.At) {
			t.Errorf("last review = %v, want %v (%v)", sv.LastReviewAt, r1.At, err)
		}
	})
}

func TestVITOPlanAndNeeds(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		d := newCallDeal(t, w)
		v, err := w.svc.VITOPlans.Create(ctx, w.a1, kam.VITOPlan{OpportunityID: d.opp.ID, ContactID: d.boss.ID, ExecutiveName: "陈总裁", ExecutiveTitle: "总裁", ReferralPath: []int64{d.boss.ID, d.cfo.ID}})
		if err != nil {
			t.Fatal(err)
		}
		_, err = w.svc.VITOPlans.Create(ctx, w.a1, kam.VITOPlan{OpportunityID: d.opp.ID})
		fieldErr(t, err, "opportunity_id")
		_, err = w.svc.VITOPlans.Update(ctx, w.a1, v.ID, v.Version, func(p *kam.VITOPlan) error {
			p.ContactedOn = kam.DateOf(clock).AddDays(3)
			return nil
		})
		fieldErr(t, err, "contacted_on")

		n, err := w.svc.Needs.Create(ctx, w.a1, kam.Need{OpportunityID: d.opp.ID, ContactID: d.boss.ID, Kind: kam.NeedImplied, Words: "交付太慢", HeardAt: clock})
		if err != nil {
			t.Fatal(err)
		}
		_, err = w.svc.Needs.Update(ctx, w.a1, n.ID, n.Version, func(x *kam.Need) error { x.LinkedToResult = true; return nil })
		fieldErr(t, err, "linked_to_result")
		// Promote, then link.
		n, err = w.svc.Needs.Update(ctx, w.a1, n.ID, n.Version, func(x *kam.Need) error {
			x.Kind, x.Words, x.LinkedToResult = kam.NeedExplicit, "要把交付缩短到两周", true
			return nil
		})
		if err != nil || n.Kind != kam.NeedExplicit || !n.LinkedToResult || n.Version != 2 {
			t.Errorf("promoted need: %+v, %v", n, err)
		}
		_, err = w.svc.Needs.Create(ctx, w.a1, kam.Need{OpportunityID: d.opp.ID, ContactID: d.boss.ID, Kind: kam.NeedImplied, Words: "x", HeardAt: clock.Add(48 * time.Hour)})
		fieldErr(t, err, "heard_at")
		if _, err := w.svc.Needs.Get(ctx, w.b1, n.ID); !errors.Is(err, kam.ErrNotFound) {
			t.Errorf("other team reads the need: %v", err)
		}
	})
}
