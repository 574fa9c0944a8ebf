package loop

import (
	"strings"
	"testing"

	"kam/internal/kam"
)

// picture builds a deal at an account with one contact (id 1), a buyer on
// the deal when b is not nil, and the given needs.
func picture(b *kam.BuyingInfluence, needs ...kam.Need) *kam.OpportunityPicture {
	p := &kam.OpportunityPicture{
		Opportunity: kam.Opportunity{Meta: kam.Meta{ID: 10}, Name: "CRM 二期", Product: "大客户系统", Level: kam.LevelIn},
		Account:     kam.Account{Meta: kam.Meta{ID: 20}, Name: "华东钢铁"},
		Contacts:    []kam.Contact{{Meta: kam.Meta{ID: 1}, Name: "张总", Seniority: kam.SeniorityExecutive}},
		Needs:       needs,
	}
	if b != nil {
		b.ContactID = 1
		if b.ID == 0 {
			b.ID = 5
		}
		p.Influences = []kam.BuyingInfluence{*b}
	}
	return p
}

func kinds(ds []Draft) map[kam.QuestionKind]int {
	m := map[kam.QuestionKind]int{}
	for _, d := range ds {
		m[d.Kind]++
	}
	return m
}

func TestDraftQuestions(t *testing.T) {
	t.Parallel()
	known := func(mode kam.ResponseMode, roles ...kam.BuyingRole) *kam.BuyingInfluence {
		return &kam.BuyingInfluence{Roles: roles, Influence: kam.InfluenceHigh, Mode: mode, PersonalWin: "promotion", BusinessResult: "lower cost"}
	}
	implied := kam.Need{ContactID: 1, Kind: kam.NeedImplied, Words: "交付太慢"}
	explicit := kam.Need{ContactID: 1, Kind: kam.NeedExplicit, Words: "需要缩短交付周期"}
	cases := []struct {
		name  string
		b     *kam.BuyingInfluence
		needs []kam.Need
		// want holds the kinds the draft must hold at least once; none the
		// kinds it must not hold.
		want, none []kam.QuestionKind
		// mention is a text one of the questions must hold.
		mention string
	}{
		{name: "Even Keel Economic gets Implication questions, no Problem",
			b: known(kam.ModeEvenKeel, kam.RoleEconomic), want: []kam.QuestionKind{kam.QuestionImplication},
			none: []kam.QuestionKind{kam.QuestionSituation, kam.QuestionProblem, kam.QuestionNeedPayoff}, mention: "another year"},
		{name: "Even Keel User gets an Implication question too",
			b: known(kam.ModeEvenKeel, kam.RoleUser), want: []kam.QuestionKind{kam.QuestionImplication}, none: []kam.QuestionKind{kam.QuestionSituation, kam.QuestionProblem}},
		{name: "Trouble Economic gets Problem and Need-payoff",
			b: known(kam.ModeTrouble, kam.RoleEconomic), want: []kam.QuestionKind{kam.QuestionProblem, kam.QuestionNeedPayoff}, none: []kam.QuestionKind{kam.QuestionSituation}},
		{name: "Trouble Technical asks about the difficulty heard",
			b: known(kam.ModeTrouble, kam.RoleTechnical), needs: []kam.Need{implied}, want: []kam.QuestionKind{kam.QuestionProblem, kam.QuestionNeedPayoff}, mention: "交付太慢"},
		{name: "Growth Coach gets Need-payoff",
			b: known(kam.ModeGrowth, kam.RoleCoach), want: []kam.QuestionKind{kam.QuestionNeedPayoff}, none: []kam.QuestionKind{kam.QuestionSituation, kam.QuestionProblem}},
		{name: "Overconfident Economic gets one Implication, no push",
			b: known(kam.ModeOverconfident, kam.RoleEconomic), want: []kam.QuestionKind{kam.QuestionImplication}, none: []kam.QuestionKind{kam.QuestionNeedPayoff, kam.QuestionProblem}},
		{name: "unknown mode gets a Situation question reading the mode",
			b: known(kam.ModeUnknown, kam.RoleEconomic), want: []kam.QuestionKind{kam.QuestionSituation}, mention: "How do you see things"},
		{name: "no win-result draws it out with Need-payoff",
			b:    &kam.BuyingInfluence{Roles: []kam.BuyingRole{kam.RoleEconomic}, Influence: kam.InfluenceHigh, Mode: kam.ModeEvenKeel},
			want: []kam.QuestionKind{kam.QuestionImplication, kam.QuestionNeedPayoff}, mention: "personally"},
		{name: "unknown role asks Situation questions about the decision",
			b: &kam.BuyingInfluence{Influence: kam.InfluenceHigh, Mode: kam.ModeGrowth, PersonalWin: "x", BusinessResult: "y"}, want: []kam.QuestionKind{kam.QuestionSituation}, mention: "final yes"},
		{name: "unknown influence asks Situation questions about the decision",
			b: &kam.BuyingInfluence{Roles: []kam.BuyingRole{kam.RoleUser}, Influence: kam.InfluenceUnknown, Mode: kam.ModeGrowth, PersonalWin: "x", BusinessResult: "y"}, want: []kam.QuestionKind{kam.QuestionSituation}, mention: "final yes"},
		{name: "not on the map: Situation about the decision, and no more than the cap",
			b: nil, want: []kam.QuestionKind{kam.QuestionSituation}, mention: "final yes"},
		{name: "an implied need is developed into an explicit one",
			b: known(kam.ModeGrowth, kam.RoleUser), needs: []kam.Need{implied}, want: []kam.QuestionKind{kam.QuestionImplication, kam.QuestionNeedPayoff}, mention: "went away"},
		{name: "an explicit need already stated is not developed again",
			b: known(kam.ModeGrowth, kam.RoleUser), needs: []kam.Need{implied, explicit}, want: []kam.QuestionKind{kam.QuestionNeedPayoff}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ds := DraftQuestions(picture(c.b, c.needs...), 1)
			k := kinds(ds)
			for _, w := range c.want {
				if k[w] == 0 {
					t.Errorf("no %s question in %v", w, ds)
				}
			}
			for _, n := range c.none {
				if k[n] != 0 {
					t.Errorf("%d %s questions, want none: %v", k[n], n, ds)
				}
			}
			if k[kam.QuestionSituation] > MaxSituation {
				t.Errorf("%d Situation questions, want at most %d", k[kam.QuestionSituation], MaxSituation)
			}
			if len(ds) > MaxDraft || len(ds) == 0 {
				t.Errorf("%d questions, want 1…%d", len(ds), MaxDraft)
			}
			found := c.mention == ""
			for i, d := range ds {
				if d.Text.EN == "" || d.Text.ZH == "" || d.Why.EN == "" || d.Why.ZH == "" {
					t.Errorf("question %d is not in both languages: %+v", i, d)
				}
				if strings.Contains(d.Text.EN, c.mention) || strings.Contains(d.Text.ZH, c.mention) {
					found = true
				}
				if i > 0 && kindRank(d.Kind) < kindRank(ds[i-1].Kind) {
					t.Errorf("questions not in SPIN order: %v", ds)
				}
			}
			if !found {
				t.Errorf("no question mentions %q: %v", c.mention, ds)
			}
		})
	}
	t.Run("the Economic buyer in Even Keel is told why in the method's words", func(t *testing.T) {
		ds := DraftQuestions(picture(known(kam.ModeEvenKeel, kam.RoleEconomic)), 1)
		if !strings.Contains(ds[0].Why.ZH, "未察觉的差距") {
			t.Errorf("why = %q, want the unseen gap", ds[0].Why.ZH)
		}
	})
	t.Run("Questions picks one language", func(t *testing.T) {
		ds := DraftQuestions(picture(nil), 1)
		qs := Questions(ds, kam.LocaleZH)
		if len(qs) != len(ds) || qs[0].Text != ds[0].Text.ZH || qs[0].Kind != ds[0].Kind {
			t.Errorf("Questions = %v", qs)
		}
	})
}

func kindRank(k kam.QuestionKind) int {
	for i, x := range kam.QuestionKinds {
		if x == k {
			return i
		}
	}
	return -1
}

func TestOrderCapsSituation(t *testing.T) {
	t.Parallel()
	var ds []Draft
	for i := range 5 {
		ds = append(ds, Draft{Kind: kam.QuestionSituation, Text: kam.T(strings.Repeat("s", i+1), "s")})
	}
	for i := range 8 {
		ds = append(ds, Draft{Kind: kam.QuestionNeedPayoff, Text: kam.T(strings.Repeat("n", i+1), "n")})
	}
	got := order(ds)
	if k := kinds(got); k[kam.QuestionSituation] > MaxSituation || len(got) > MaxDraft {
		t.Errorf("order kept %d situation of %d questions", k[kam.QuestionSituation], len(got))
	}
	if got[len(got)-1].Kind != kam.QuestionNeedPayoff {
		t.Errorf("the cut took Need-payoff questions before Situation ones: %v", got)
	}
}
