package store

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"kam/internal/kam"
)

func TestConversationRecordsRoundTrip(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, db *DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		at := t0.Truncate(time.Microsecond)
		due := kam.MustDate("2026-04-01")
		var cp kam.CallPlan
		var it kam.Interaction
		var need kam.Need
		var rev kam.Review
		var vito kam.VITOPlan
		write(t, db, func(tx *Tx) error {
			it = *must(t, Interactions, tx, &kam.Interaction{OpportunityID: w.opp1.ID, Kind: kam.InteractionVisit, At: at, UserIDs: []int64{w.rep1.ID},
				Feedback: []kam.ContactFeedback{{ContactID: w.con1.ID, Feedback: kam.FeedbackNegative, Said: "太贵了"}}})
			cp = *must(t, CallPlans, tx, &kam.CallPlan{OpportunityID: w.opp1.ID, Kind: kam.InteractionMeeting, At: at, UserIDs: []int64{w.rep1.ID, w.manager.ID},
				Attendees: []kam.CallAttendee{
					{ContactID: w.con1.ID, Questions: []kam.Question{{Kind: kam.QuestionImplication, Text: "如果上线推迟，会影响什么？"}}},
					{ContactID: w.con2.ID, Questions: []kam.Question{}},
				},
				BusinessReason: "review the pilot", BestCommitment: "sign the PO", MinimumCommitment: "a meeting with the CFO", CommitmentDue: &due,
				Give: "pilot results", Learn: "budget", InteractionID: it.ID, CommitmentObtained: "CFO meeting", CommitmentMet: kam.CommitmentMinimum,
				Decisions: []kam.ProposalDecision{{Key: "rating:1", Accepted: true, ByUserID: w.rep1.ID, At: at}}})
			need = *must(t, Needs, tx, &kam.Need{OpportunityID: w.opp1.ID, ContactID: w.con1.ID, Kind: kam.NeedExplicit, Words: "需要缩短交付周期", HeardAt: at, LinkedToResult: true, InteractionID: it.ID})
			rating := 3
			rev = *must(t, Reviews, tx, &kam.Review{OpportunityID: w.opp1.ID, At: at, ManagerID: w.manager.ID, SellerID: w.rep1.ID, Notes: "coach", AgreedActions: []string{"meet the CFO"},
				Snapshot: kam.ReviewSnapshot{At: at, Level: kam.LevelIn, Health: 61, Buyers: []kam.SnapshotBuyer{{InfluenceID: 9, ContactID: w.con1.ID, Name: "张总", Roles: []kam.BuyingRole{kam.RoleEconomic}, Rating: &rating, Mode: kam.ModeEvenKeel}}}})
			vito = *must(t, VITOPlans, tx, &kam.VITOPlan{OpportunityID: w.opp1.ID, ContactID: w.con1.ID, ContactedOn: due, ExecutiveName: "Ann", ExecutiveTitle: "CEO", ReferralPath: []int64{w.con1.ID, w.con2.ID}})
			return nil
		})
		read(t, db, func(tx *Tx) error {
			gotCP, err := CallPlans.Get(ctx, tx, cp.ID)
			if err != nil {
				return err
			}
			if !reflect.DeepEqual(gotCP, cp) {
				t.Errorf("call plan:\n got %+v\nwant %+v", gotCP, cp)
			}
			gotIt, _ := Interactions.Get(ctx, tx, it.ID)
			if gotIt.Feedback[0].Said != "太贵了" {
				t.Errorf("said = %q, want 太贵了", gotIt.Feedback[0].Said)
			}
			gotNeed, _ := Needs.Get(ctx, tx, need.ID)
			if !reflect.DeepEqual(gotNeed, need) {
				t.Errorf("need:\n got %+v\nwant %+v", gotNeed, need)
			}
			gotRev, _ := Reviews.Get(ctx, tx, rev.ID)
			if !reflect.DeepEqual(gotRev, rev) {
				t.Errorf("review:\n got %+v\nwant %+v", gotRev, rev)
			}
			gotVito, err := VITOPlanOf(ctx, tx, w.opp1.ID)
			if err != nil || !reflect.DeepEqual(gotVito, vito) {
				t.Errorf("vito plan: %v\n got %+v\nwant %+v", err, gotVito, vito)
			}
			// Filters: by attendee, by reviewer.
			plans, _, err := CallPlans.List(ctx, tx, CallPlanFilter{ListOptions: ListOptions{Scope: Scope{All: true}}, ContactID: w.con2.ID})
			if err != nil || len(plans) != 1 {
				t.Errorf("plans with con2: %d, %v; want 1", len(plans), err)
			}
			revs, _, err := Reviews.List(ctx, tx, ReviewFilter{ListOptions: ListOptions{Scope: Scope{All: true}}, UserID: w.rep2.ID})
			if err != nil || len(revs) != 0 {
				t.Errorf("reviews with rep2: %d, %v; want 0", len(revs), err)
			}
			// Scope: a rep who neither owns acc1 nor has it shared sees none.
			plans, _, err = CallPlans.List(ctx, tx, CallPlanFilter{ListOptions: ListOptions{Scope: Scope{UserID: w.rep2.ID, TeamID: w.teamC.ID}}})
			if err != nil || len(plans) != 0 {
				t.Errorf("rep2 sees %d plans of acc1, want 0", len(plans))
			}
			return nil
		})
		t.Run("one live VITO plan per deal", func(t *testing.T) {
			err := db.Write(ctx, func(tx *Tx) error {
				return VITOPlans.Insert(ctx, tx, &kam.VITOPlan{OpportunityID: w.opp1.ID})
			})
			var ve *kam.ValidationError
			if !errors.As(err, &ve) || ve.Fields["opportunity_id"].EN == "" {
				t.Errorf("second VITO plan: %v, want a validation error on opportunity_id", err)
			}
		})
		t.Run("an attendee of another record is named", func(t *testing.T) {
			err := db.Write(ctx, func(tx *Tx) error {
				return CallPlans.Insert(ctx, tx, &kam.CallPlan{OpportunityID: w.opp1.ID, Kind: kam.InteractionCall, At: at, Attendees: []kam.CallAttendee{{ContactID: 999999}}})
			})
			var ve *kam.ValidationError
			if !errors.As(err, &ve) || ve.Fields["attendees"].EN == "" {
				t.Errorf("missing attendee: %v, want a validation error on attendees", err)
			}
		})
	})
}
