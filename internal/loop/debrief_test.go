package loop

import (
	"strings"
	"testing"
	"time"

	"kam/internal/kam"
)

func TestPropose(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	rating := func(n int) *int { return &n }
	buyer := func(mut func(b *kam.BuyingInfluence)) *kam.BuyingInfluence {
		b := &kam.BuyingInfluence{Meta: kam.Meta{ID: 5}, Roles: []kam.BuyingRole{kam.RoleEconomic}, Influence: kam.InfluenceHigh,
			Rating: rating(4), Mode: kam.ModeGrowth, ContactLevel: kam.ContactRare, BusinessResult: "lower cost"}
		if mut != nil {
			mut(b)
		}
		return b
	}
	debrief := func(kind kam.InteractionKind, f kam.Feedback) *kam.Interaction {
		return &kam.Interaction{Meta: kam.Meta{ID: 77}, OpportunityID: 10, Kind: kind, At: at,
			Feedback: []kam.ContactFeedback{{ContactID: 1, Feedback: f, Said: "太贵了"}}}
	}
	heard := func(k kam.NeedKind, words string) kam.Need {
		return kam.Need{ContactID: 1, Kind: k, Words: words, InteractionID: 77}
	}
	type want struct {
		kind   ProposalKind
		to     string
		reason string // held by the Chinese or English reason
	}
	cases := []struct {
		name  string
		b     *kam.BuyingInfluence
		needs []kam.Need
		it    *kam.Interaction
		want  []want
	}{
		{name: "negative feedback on a +4 buyer: check the judgement",
			b: buyer(nil), it: debrief(kam.InteractionVisit, kam.FeedbackNegative),
			want: []want{{ProposeRating, "-1", "负反馈，但我们评为 +4：核对判断"}}},
		{name: "positive feedback on a -3 buyer",
			b: buyer(func(b *kam.BuyingInfluence) { b.Rating = rating(-3) }), it: debrief(kam.InteractionCall, kam.FeedbackPositive),
			want: []want{{ProposeRating, "+1", "正反馈，但我们评为 -3"}}},
		{name: "feedback that agrees with the rating proposes nothing",
			b: buyer(nil), it: debrief(kam.InteractionVisit, kam.FeedbackPositive), want: nil},
		{name: "neutral feedback and no rating: rate them 0",
			b: buyer(func(b *kam.BuyingInfluence) { b.Rating = nil }), it: debrief(kam.InteractionVisit, kam.FeedbackNeutral),
			want: []want{{ProposeRating, "0", "尚未评分"}}},
		{name: "a difficulty heard from an Even Keel buyer: Trouble?",
			b: buyer(func(b *kam.BuyingInfluence) { b.Mode = kam.ModeEvenKeel }), needs: []kam.Need{heard(kam.NeedImplied, "交付太慢")},
			it: debrief(kam.InteractionVisit, kam.FeedbackPositive), want: []want{{ProposeMode, "trouble", "交付太慢"}}},
		{name: "a want stated by an Even Keel buyer: Growth?, and it is not their result yet",
			b:     buyer(func(b *kam.BuyingInfluence) { b.Mode = kam.ModeEvenKeel; b.BusinessResult = "" }),
			needs: []kam.Need{heard(kam.NeedExplicit, "缩短交付周期")}, it: debrief(kam.InteractionVisit, kam.FeedbackPositive),
			want: []want{{ProposeMode, "growth", "缩短交付周期"}, {ProposeWinResult, "缩短交付周期", "业务结果"}}},
		{name: "a need heard in another call does not count",
			b:     buyer(func(b *kam.BuyingInfluence) { b.Mode = kam.ModeEvenKeel }),
			needs: []kam.Need{{ContactID: 1, Kind: kam.NeedImplied, Words: "old", InteractionID: 3}}, it: debrief(kam.InteractionVisit, kam.FeedbackPositive), want: nil},
		{name: "met a buyer the map says we have no contact with",
			b: buyer(func(b *kam.BuyingInfluence) { b.ContactLevel = kam.ContactNone }), it: debrief(kam.InteractionMeeting, kam.FeedbackPositive),
			want: []want{{ProposeContactLevel, "rare", "没有接触"}}},
		{name: "an email is not a meeting: contact level stays",
			b: buyer(func(b *kam.BuyingInfluence) { b.ContactLevel = kam.ContactNone }), it: debrief(kam.InteractionEmail, kam.FeedbackPositive), want: nil},
		{name: "an attendee who is not a buyer, on a deal without an Economic buyer",
			b: nil, it: debrief(kam.InteractionVisit, kam.FeedbackNegative),
			want: []want{{ProposeNewBuyer, "-1", "加入地图"}, {ProposeRole, "economic", "财务决策者"}}},
		{name: "an executive buyer without role on a deal without an Economic buyer",
			b: buyer(func(b *kam.BuyingInfluence) { b.Roles = []kam.BuyingRole{kam.RoleUser} }), it: debrief(kam.InteractionVisit, kam.FeedbackPositive),
			want: []want{{ProposeRole, "economic", "Economic buyer"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p := picture(c.b, c.needs...)
			got := Propose(p, &kam.CallPlan{}, c.it)
			if len(got) != len(c.want) {
				t.Fatalf("%d proposals, want %d: %+v", len(got), len(c.want), got)
			}
			for i, w := range c.want {
				g := got[i]
				if g.Kind != w.kind || g.To != w.to {
					t.Errorf("proposal %d = %s → %q, want %s → %q", i, g.Kind, g.To, w.kind, w.to)
				}
				if !strings.Contains(g.Reason.ZH+g.Reason.EN, w.reason) {
					t.Errorf("reason %q / %q does not hold %q", g.Reason.EN, g.Reason.ZH, w.reason)
				}
				if g.Reason.EN == "" || g.Reason.ZH == "" || g.Key == "" || g.ContactID != 1 {
					t.Errorf("proposal %d incomplete: %+v", i, g)
				}
			}
		})
	}
	t.Run("a decided proposal is not offered again", func(t *testing.T) {
		p := picture(buyer(nil))
		it := debrief(kam.InteractionVisit, kam.FeedbackNegative)
		first := Propose(p, &kam.CallPlan{}, it)
		if len(first) != 1 {
			t.Fatalf("proposals = %+v", first)
		}
		plan := &kam.CallPlan{Decisions: []kam.ProposalDecision{{Key: first[0].Key}}}
		if again := Propose(p, plan, it); len(again) != 0 {
			t.Errorf("decided proposal offered again: %+v", again)
		}
	})
	t.Run("three calls in 90 days make the contact frequent", func(t *testing.T) {
		p := picture(buyer(nil))
		for i, days := range []int{10, 40} {
			p.Interactions = append(p.Interactions, kam.Interaction{Meta: kam.Meta{ID: int64(i + 1)}, Kind: kam.InteractionVisit, At: at.AddDate(0, 0, -days),
				Feedback: []kam.ContactFeedback{{ContactID: 1, Feedback: kam.FeedbackPositive}}})
		}
		got := Propose(p, nil, debrief(kam.InteractionVisit, kam.FeedbackPositive))
		if len(got) != 1 || got[0].Kind != ProposeContactLevel || got[0].To != "frequent" {
			t.Errorf("proposals = %+v, want contact level frequent", got)
		}
		p.Interactions[0].At = at.AddDate(0, 0, -120)
		if got := Propose(p, nil, debrief(kam.InteractionVisit, kam.FeedbackPositive)); len(got) != 0 {
			t.Errorf("a call 120 days ago counted: %+v", got)
		}
	})
}
