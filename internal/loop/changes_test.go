package loop

import (
	"strings"
	"testing"
	"time"

	"kam/internal/kam"
)

func TestSnapshotAndChanges(t *testing.T) {
	t.Parallel()
	t1 := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	t2 := t1.AddDate(0, 0, 28)
	r := func(n int) *int { return &n }
	p := &kam.OpportunityPicture{
		Opportunity: kam.Opportunity{Meta: kam.Meta{ID: 10}, Name: "deal", Level: kam.LevelAbove},
		Contacts:    []kam.Contact{{Meta: kam.Meta{ID: 1}, Name: "张总"}, {Meta: kam.Meta{ID: 2}, Name: "Li"}, {Meta: kam.Meta{ID: 3}, Name: "Wu"}},
		Influences: []kam.BuyingInfluence{
			{Meta: kam.Meta{ID: 11}, ContactID: 1, Roles: []kam.BuyingRole{kam.RoleEconomic}, Rating: r(4), Mode: kam.ModeEvenKeel, ContactLevel: kam.ContactRare},
			{Meta: kam.Meta{ID: 12}, ContactID: 2, Roles: []kam.BuyingRole{kam.RoleUser}, Rating: r(1), Mode: kam.ModeGrowth, ContactLevel: kam.ContactFrequent},
		},
		Actions: []kam.Action{
			{Meta: kam.Meta{ID: 21}, Title: "demo", Status: kam.ActionOpen, Due: kam.MustDate("2026-10-20")},
			{Meta: kam.Meta{ID: 22}, Title: "pilot", Status: kam.ActionOpen, Due: kam.MustDate("2026-12-01")},
			{Meta: kam.Meta{ID: 23}, Title: "call CFO", Status: kam.ActionOpen},
		},
	}
	flags1 := []kam.SnapshotFinding{
		{Rule: "no-coach", Subject: "opportunity", Title: kam.T("No coach", "没有教练")},
		{Rule: "economic-even-keel", Subject: "influence:11", Title: kam.T("Economic buyer in Even Keel", "财务决策者四平八稳")},
		{Rule: "not-contacted", Subject: "influence:12", Title: kam.T("Not contacted", "未接触")},
	}
	before := Snapshot(p, flags1, 40, kam.LevelAbove, t1)
	if len(before.Buyers) != 2 || before.Buyers[0].Name != "张总" || *before.Buyers[0].Rating != 4 || len(before.Actions) != 3 || before.Health != 40 {
		t.Fatalf("snapshot = %+v", before)
	}
	// The snapshot is a copy: later edits of the picture leave it alone.
	*p.Influences[0].Rating = 0
	if *before.Buyers[0].Rating != 4 {
		t.Fatalf("the snapshot shares the picture's rating")
	}

	p.Opportunity.Level = kam.LevelIn
	p.Influences[0].Rating = r(-1)
	p.Influences[0].Mode = kam.ModeTrouble
	p.Influences[0].ContactLevel = kam.ContactFrequent
	p.Influences[1].Roles = []kam.BuyingRole{kam.RoleUser, kam.RoleCoach}
	p.Influences = append(p.Influences[:1], p.Influences[1], kam.BuyingInfluence{Meta: kam.Meta{ID: 13}, ContactID: 3, Roles: []kam.BuyingRole{kam.RoleTechnical}, Rating: r(2)})
	p.Influences = []kam.BuyingInfluence{p.Influences[0], p.Influences[2]} // Li (12) is gone
	p.Actions[1].Status = kam.ActionDone
	p.Actions = append(p.Actions[:2], kam.Action{Meta: kam.Meta{ID: 24}, Title: "workshop", Status: kam.ActionDropped})
	p.Actions[0].Status = kam.ActionOpen // due 10-20, overdue at t2
	flags2 := []kam.SnapshotFinding{
		{Rule: "economic-even-keel", Subject: "influence:11", Title: kam.T("Economic buyer in Even Keel", "财务决策者四平八稳"), Accepted: true},
		{Rule: "no-call-plan", Subject: "influence:11", Title: kam.T("No call plan", "没有拜访计划")},
	}
	p.Needs = []kam.Need{{Meta: kam.Meta{ID: 31}, ContactID: 1, Kind: kam.NeedExplicit, Words: "两周内审批", LinkedToResult: true}}
	after := Snapshot(p, flags2, 55, kam.LevelIn, t2)
	got := Changes(before, after)
	want := []struct {
		kind ChangeKind
		text string
	}{
		{LevelMoved, "Funnel level: Above the funnel → In the funnel"},
		{SuggestedMoved, "Suggested level"},
		{HealthMoved, "Health: 40 → 55 (+15)"},
		{RatingMoved, "张总: rating +4 → -1"},
		{ModeMoved, "张总: mode Even Keel → Trouble"},
		{ContactMoved, "张总: contact"},
		{BuyerAdded, "New buyer: Wu"},
		{BuyerGone, "Buyer gone from the map: Li"},
		{FlagAccepted, "Red flag accepted: Economic buyer in Even Keel"},
		{FlagOpened, "Red flag raised: No call plan"},
		{FlagClosed, "Red flag cleared: No coach"},
		{FlagClosed, "Red flag cleared: Not contacted"},
		{ActionOverdue, "Action overdue since 2026-10-20: demo"},
		{ActionDone, "Action done: pilot"},
		{ActionAdded, "New action: workshop"},
		{NeedHeard, "Explicit need heard from 张总: 两周内审批"},
		{NeedLinked, "张总's need linked to their business result: 两周内审批"},
		{ActionDropped, "Action removed from the plan: call CFO"},
	}
	if len(got) != len(want) {
		for _, g := range got {
			t.Log(g.Kind, g.Text.EN)
		}
		t.Fatalf("%d changes, want %d", len(got), len(want))
	}
	for i, w := range want {
		if got[i].Kind != w.kind || !strings.Contains(got[i].Text.EN, w.text) || got[i].Text.ZH == "" {
			t.Errorf("change %d = %s %q, want %s %q", i, got[i].Kind, got[i].Text.EN, w.kind, w.text)
		}
	}
	if zh := got[3].Text.ZH; zh != "张总：评分 +4 → -1" {
		t.Errorf("Chinese line = %q", zh)
	}
	t.Run("no change, no lines", func(t *testing.T) {
		if c := Changes(after, after); len(c) != 0 {
			t.Errorf("changes of a snapshot against itself: %+v", c)
		}
	})
	t.Run("an action already overdue is not overdue again", func(t *testing.T) {
		later := after
		later.At = t2.AddDate(0, 0, 14)
		for _, c := range Changes(after, later) {
			if c.Kind == ActionOverdue {
				t.Errorf("reported again: %s", c.Text.EN)
			}
		}
	})
}

func TestVITOResultsAndBriefing(t *testing.T) {
	t.Parallel()
	r := func(n int) *int { return &n }
	p := &kam.OpportunityPicture{
		Opportunity: kam.Opportunity{Name: "CRM 二期", Product: "大客户系统", CloseDate: kam.MustDate("2026-12-31")},
		Account:     kam.Account{Name: "华东钢铁"},
		Contacts:    []kam.Contact{{Meta: kam.Meta{ID: 1}, Name: "张总", Title: "CEO"}, {Meta: kam.Meta{ID: 2}, Name: "Li"}},
		Influences: []kam.BuyingInfluence{
			{ContactID: 1, BusinessResult: "降低采购成本 5%", Rating: r(4)},
			{ContactID: 2, BusinessResult: "Faster order cycle, fewer audit findings", Rating: r(-4)},
		},
	}
	res := VITOResults(p)
	var areas []ResultArea
	for _, x := range res {
		areas = append(areas, x.Area)
	}
	if len(areas) != 3 || areas[0] != AreaCost || areas[1] != AreaEfficiency || areas[2] != AreaCompliance {
		t.Errorf("areas = %v, want cost, efficiency, compliance", areas)
	}
	b := Briefing(p, &kam.VITOPlan{ContactID: 1, ExecutiveName: "Ann", ExecutiveTitle: "VP Sales", ReferralPath: []int64{1, 2}})
	for _, s := range []string{"Briefing for Ann (VP Sales)", "You meet 张总, CEO", "not reached them", "张总 → Li", "Cost: 降低采购成本 5%", "On our side: 张总", "Against us: Li"} {
		if !strings.Contains(b.EN, s) {
			t.Errorf("briefing lacks %q:\n%s", s, b.EN)
		}
	}
	for _, s := range []string{"致Ann的拜访简报", "成本降低：降低采购成本 5%", "反对我们的：Li"} {
		if !strings.Contains(b.ZH, s) {
			t.Errorf("简报缺少 %q:\n%s", s, b.ZH)
		}
	}
	unknown := Briefing(&kam.OpportunityPicture{}, &kam.VITOPlan{})
	if !strings.Contains(unknown.EN, "not known yet") || !strings.Contains(unknown.EN, "No buyer's business result") {
		t.Errorf("briefing without VITO or results:\n%s", unknown.EN)
	}
}

func TestChangesOfNeeds(t *testing.T) {
	t.Parallel()
	from := kam.ReviewSnapshot{Buyers: []kam.SnapshotBuyer{{ContactID: 1, Name: "Li"}},
		Needs: []kam.SnapshotNeed{{ID: 1, ContactID: 1, Kind: kam.NeedImplied, Words: "slow"}}}
	to := from
	to.Needs = []kam.SnapshotNeed{{ID: 1, ContactID: 1, Kind: kam.NeedExplicit, Words: "two weeks"}}
	got := Changes(from, to)
	if len(got) != 1 || got[0].Kind != NeedExplicit || got[0].Text.EN != "Li's need is now explicit: two weeks" || got[0].Text.ZH != "Li的需求已转为明确需求：two weeks" {
		t.Errorf("changes = %+v", got)
	}
}
