package method

import (
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"kam/internal/kam"
)

func TestHealth(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		change   func(p picture)
		min, max int
	}{
		{"healthy best few scores 80 or more", func(p picture) {}, 80, 100},
		{"deal without coach and Economic buyer scores below 40", func(p picture) {
			p.drop(kam.RoleCoach)
			p.drop(kam.RoleEconomic)
		}, 0, 39},
		{"Economic buyer neutral and uncontacted lowers the score below the healthy one", func(p picture) {
			p.buyer(1).Rating = ptr(0)
			p.buyer(1).ContactLevel = kam.ContactNone
		}, 20, 49},
		{"Overconfident Economic buyer caps the score at 15", func(p picture) { p.buyer(1).Mode = kam.ModeOverconfident }, 15, 15},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p := healthyPicture()
			c.change(p)
			fs := Evaluate(p.OpportunityPicture, DefaultSettings(), testNow)
			r := Health(p.OpportunityPicture, fs, DefaultWeights(), testNow)
			if r.Score < c.min || r.Score > c.max {
				t.Errorf("score = %d, want %d…%d; factors %+v", r.Score, c.min, c.max, r.Factors)
			}
			z := r.Bias
			for _, f := range r.Factors {
				z += f.Contribution
				if f.Name.ZH == "" {
					t.Errorf("factor %s has no Chinese name", f.ID)
				}
			}
			if want := int(math.Round(100 / (1 + math.Exp(-z)))); want != r.Uncapped {
				t.Errorf("uncapped score %d is not 100·σ(bias + contributions) = %d", r.Uncapped, want)
			}
			if want := min(r.Uncapped, KnockoutLimit(r.Caps)); r.Score != want {
				t.Errorf("score %d, want the uncapped %d under the caps %v", r.Score, r.Uncapped, r.Caps)
			}
			if r.Weights != WeightsDefault || r.WeightsSamples != 0 || r.WeightsAUC != 0 {
				t.Errorf("weights source = %q (%d samples, AUC %v), want the defaults with no fit figures", r.Weights, r.WeightsSamples, r.WeightsAUC)
			}
		})
	}
}

func TestHealthNamesFittedWeights(t *testing.T) {
	t.Parallel()
	p := healthyPicture()
	fs := Evaluate(p.OpportunityPicture, DefaultSettings(), testNow)
	w := DefaultWeights()
	w.Source, w.Samples, w.AUC = WeightsFitted, 57, 0.83
	r := Health(p.OpportunityPicture, fs, w, testNow)
	if r.Weights != WeightsFitted || r.WeightsSamples != 57 || r.WeightsAUC != 0.83 {
		t.Errorf("health names weights %q, %d samples, AUC %v; want fitted, 57, 0.83", r.Weights, r.WeightsSamples, r.WeightsAUC)
	}
}

func TestFeatures(t *testing.T) {
	t.Parallel()
	p := healthyPicture()
	p.buyer(5).ContactLevel = kam.ContactNone // 4 contacted remain
	fs := []Finding{
		{Severity: kam.SeverityHigh}, {Severity: kam.SeverityHigh, Accepted: &kam.AcceptedFinding{}},
		{Severity: kam.SeverityMedium}, {Severity: kam.SeverityLow}, {Severity: kam.SeverityLow},
	}
	got := Features(p.OpportunityPicture, fs, testNow)
	want := map[string]float64{
		FactorCoach: 1, FactorCoachSenior: 1, FactorEconomicContacted: 1, FactorEconomicSupports: 1,
		FactorReceptiveBuyers: 1, // 1, 2 and 3 are contacted, in Growth or Trouble: capped at 2
		FactorMultiThreaded:   1,
		FactorVITOContacted:   1, FactorNextAction: 1,
		FactorHighFindings:   1, // the accepted one does not count
		FactorMediumFindings: 1, FactorLowFindings: 2,
		FactorAcceptedHigh: 1, FactorAcceptedOther: 0, // accepted: weighed apart
	}
	if len(got) != len(want) {
		t.Fatalf("features %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	p.Actions[0].Due = testToday.AddDays(-1)
	p.buyer(2).Roles, p.buyer(3).Roles = nil, nil
	got = Features(p.OpportunityPicture, nil, testNow)
	if got[FactorNextAction] != 0 || got[FactorCoach] != 0 || got[FactorCoachSenior] != 0 {
		t.Errorf("overdue action and no coach: got %v", got)
	}
}

// synthetic builds n deals whose outcome depends on the coach factor (won
// 90% with a coach, 10% without); the other factors are noise.
func synthetic(n int, seed uint64) []Sample {
	r := rand.New(rand.NewPCG(seed, 1))
	out := make([]Sample, n)
	for i := range out {
		f := map[string]float64{}
		for _, id := range FactorIDs() {
			f[id] = float64(r.IntN(2))
		}
		f[FactorHighFindings] = float64(r.IntN(4))
		p := 0.1
		if f[FactorCoach] == 1 {
			p = 0.9
		}
		out[i] = Sample{Factors: f, Won: r.Float64() < p}
	}
	return out
}

func TestFitWeights(t *testing.T) {
	t.Parallel()
	t.Run("learns that a coach wins deals", func(t *testing.T) {
		t.Parallel()
		w, rep, err := FitWeights(synthetic(400, 7), 42)
		if err != nil {
			t.Fatal(err)
		}
		if w.Source != WeightsFitted || w.Samples != 400 {
			t.Errorf("source %q, samples %d", w.Source, w.Samples)
		}
		if w.W[FactorCoach] <= 1 {
			t.Errorf("coach weight = %v, want clearly positive", w.W[FactorCoach])
		}
		for id, v := range w.W {
			if id != FactorCoach && math.Abs(v) >= w.W[FactorCoach]/2 {
				t.Errorf("noise factor %s weighs %v, coach %v", id, v, w.W[FactorCoach])
			}
		}
		if rep.AUC <= 0.8 {
			t.Errorf("held-out AUC = %v, want > 0.8", rep.AUC)
		}
		if rep.Accuracy < 0.75 {
			t.Errorf("held-out accuracy = %v", rep.Accuracy)
		}
		if rep.NTrain+rep.NTest != 400 || rep.NTest < 90 || rep.NTest > 110 {
			t.Errorf("split %d/%d, want about a quarter held out", rep.NTrain, rep.NTest)
		}
	})
	t.Run("same seed gives the same weights", func(t *testing.T) {
		t.Parallel()
		s := synthetic(120, 3)
		a, ra, _ := FitWeights(s, 5)
		b, rb, _ := FitWeights(s, 5)
		if a.Bias != b.Bias || !reflect.DeepEqual(ra, rb) {
			t.Errorf("two fits differ: %v/%v, %+v/%+v", a.Bias, b.Bias, ra, rb)
		}
		for id := range a.W {
			if a.W[id] != b.W[id] {
				t.Errorf("%s: %v vs %v", id, a.W[id], b.W[id])
			}
		}
	})
	refuse := []struct {
		name    string
		samples []Sample
	}{
		{"29 deals are refused", synthetic(29, 1)},
		{"only won deals are refused", func() []Sample {
			s := synthetic(60, 1)
			for i := range s {
				s[i].Won = true
			}
			return s
		}()},
		{"no deals are refused", nil},
	}
	for _, c := range refuse {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if _, _, err := FitWeights(c.samples, 1); !errors.Is(err, ErrTooFewSamples) {
				t.Errorf("err = %v, want ErrTooFewSamples", err)
			}
		})
	}
	t.Run("a good factor that the history calls harmful is held at zero", func(t *testing.T) {
		t.Parallel()
		// In this history a contacted VITO goes with losing (won 80%
		// without, 20% with), and an open medium flag with winning.
		r := rand.New(rand.NewPCG(9, 9))
		s := make([]Sample, 400)
		for i := range s {
			f := map[string]float64{}
			for _, id := range FactorIDs() {
				f[id] = float64(r.IntN(2))
			}
			p := 0.8
			if f[FactorVITOContacted] == 1 {
				p = 0.2
			}
			won := r.Float64() < p
			f[FactorMediumFindings] = b2f(won && r.IntN(3) > 0)
			s[i] = Sample{Factors: f, Won: won}
		}
		w, rep, err := FitWeights(s, 1)
		if err != nil {
			t.Fatal(err)
		}
		if w.W[FactorVITOContacted] != 0 || w.W[FactorMediumFindings] != 0 {
			t.Errorf("VITO weighs %v, medium flags %v; want both held at 0", w.W[FactorVITOContacted], w.W[FactorMediumFindings])
		}
		if !slices.Contains(rep.Held, FactorVITOContacted) || !slices.Contains(rep.Held, FactorMediumFindings) {
			t.Errorf("held = %v, want the VITO and medium flags named", rep.Held)
		}
		for id, v := range w.W {
			if v*FactorSign(id) < 0 {
				t.Errorf("%s weighs %v against the method's sign", id, v)
			}
		}
	})
	t.Run("the held-out check scores deals with their caps and reports calibration", func(t *testing.T) {
		t.Parallel()
		s := synthetic(400, 7)
		_, free, _ := FitWeights(s, 42)
		for i := range s {
			if s[i].Factors[FactorCoach] == 1 && !s[i].Won {
				s[i].Cap = 15 // the lost deals with a coach had an Overconfident Economic buyer
			}
		}
		_, capped, _ := FitWeights(s, 42)
		if capped.AUC <= free.AUC {
			t.Errorf("AUC with caps %v, without %v: the caps should separate the lost deals better", capped.AUC, free.AUC)
		}
		n := 0
		for _, b := range capped.Calibration {
			n += b.Deals
			if b.Predicted < float64(b.From)/100 || b.Predicted >= float64(b.To)/100+1e-9 || b.Actual < 0 || b.Actual > 1 {
				t.Errorf("bin %+v", b)
			}
		}
		if n != capped.NTest {
			t.Errorf("calibration covers %d deals, %d held out", n, capped.NTest)
		}
	})
	t.Run("30 deals with both outcomes are enough", func(t *testing.T) {
		t.Parallel()
		if _, _, err := FitWeights(synthetic(30, 11), 1); err != nil {
			t.Errorf("err = %v", err)
		}
	})
}

func TestAUC(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		score []float64
		won   []bool
		want  float64
	}{
		{"perfect ranking is 1", []float64{0.9, 0.8, 0.2}, []bool{true, true, false}, 1},
		{"reversed ranking is 0", []float64{0.1, 0.8}, []bool{true, false}, 0},
		{"ties count half", []float64{0.5, 0.5}, []bool{true, false}, 0.5},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if got := auc(c.score, c.won); got != c.want {
				t.Errorf("auc = %v, want %v", got, c.want)
			}
		})
	}
}

func TestSuggestLevel(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		change func(p picture)
		want   kam.FunnelLevel
	}{
		{"healthy deal supports best few", func(p picture) {}, kam.LevelBestFew},
		{"no ideal score does not hold the deal back", func(p picture) { p.IdealScore = nil }, kam.LevelBestFew},
		{"closing in 46 days is only in the funnel", func(p picture) { p.Opportunity.CloseDate = testToday.AddDays(46) }, kam.LevelIn},
		{"an open high flag keeps it in the funnel", func(p picture) { p.buyer(4).Rating = ptr(-4) }, kam.LevelIn},
		{"an accepted high flag does not", func(p picture) {
			p.buyer(4).Rating = ptr(-4)
			p.act(kam.Action{Title: "Meet", Due: testToday.AddDays(2), AddressesRules: []string{RuleStrongOpponent, RuleTechnicalVeto}})
			p.Accepted = []kam.AcceptedFinding{}
			for _, f := range Evaluate(p.OpportunityPicture, DefaultSettings(), testNow) {
				if f.Severity == kam.SeverityHigh && f.Rule != RulePrematureBestFew {
					p.Accepted = append(p.Accepted, kam.AcceptedFinding{RuleID: f.Rule, Subject: f.Subject, Fingerprint: f.Fingerprint})
				}
			}
		}, kam.LevelBestFew},
		{"low ideal fit stays above the funnel", func(p picture) { p.IdealScore = ptr(39.0) }, kam.LevelAbove},
		{"no contacted buyer in Growth or Trouble stays above", func(p picture) { p.setModes(kam.ModeEvenKeel) }, kam.LevelAbove},
		{"a won deal stays won", func(p picture) { p.Opportunity.Level = kam.LevelWon; p.drop(kam.RoleCoach) }, kam.LevelWon},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p := healthyPicture()
			c.change(p)
			fs := Evaluate(p.OpportunityPicture, DefaultSettings(), testNow)
			got, reasons := SuggestLevel(p.OpportunityPicture, fs, DefaultSettings(), testNow)
			if got != c.want {
				t.Errorf("level = %s, want %s; reasons %v", got, c.want, reasons)
			}
			if len(reasons) == 0 || reasons[0].ZH == "" {
				t.Errorf("no bilingual reasons: %v", reasons)
			}
		})
	}
}

func TestKnockouts(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		change func(p picture)
		want   []string // cap ids, lowest first
		reason string   // the first cap's Chinese reason
	}{
		{"healthy: none", func(p picture) {}, nil, ""},
		{"Overconfident Economic buyer", func(p picture) { p.buyer(1).Mode = kam.ModeOverconfident },
			[]string{KnockoutOverconfident}, "上限 15：财务决策者自我陶醉"},
		{"Even Keel Economic buyer", func(p picture) { p.buyer(1).Mode = kam.ModeEvenKeel },
			[]string{KnockoutEvenKeel}, "上限 35：财务决策者四平八稳"},
		{"the only Economic buyer left", func(p picture) { p.contact(1).Status = kam.ContactLeft },
			[]string{KnockoutNoEconomic}, "上限 25：关系图上没有财务决策者"},
		{"Technical veto and close date passed", func(p picture) {
			p.buyer(4).Rating = ptr(-3)
			p.Opportunity.CloseDate = testToday.AddDays(-1)
		}, []string{KnockoutTechnicalVeto, KnockoutCloseDatePast}, "上限 30：技术把关者反对我们（可否决）"},
		{"high-influence buyer at -4", func(p picture) { p.buyer(2).Rating = ptr(-4) },
			[]string{KnockoutStrongOpponent}, "上限 30：高影响度的人强烈反对"},
		{"a medium-influence buyer at -5 is no knockout", func(p picture) { p.buyer(3).Rating = ptr(-5) }, nil, ""},
		{"nobody in Growth or Trouble in the funnel", func(p picture) {
			p.Opportunity.Level = kam.LevelIn
			p.buyer(1).Mode, p.buyer(2).Mode, p.buyer(3).Mode = kam.ModeUnknown, kam.ModeUnknown, kam.ModeUnknown
		}, []string{KnockoutNoUrgency}, "上限 40：已进入漏斗却没有人处于高瞻远瞩或不知所措模式"},
		{"nobody in Growth or Trouble above the funnel is no knockout", func(p picture) {
			p.Opportunity.Level = kam.LevelAbove
			p.buyer(1).Mode, p.buyer(2).Mode, p.buyer(3).Mode = kam.ModeUnknown, kam.ModeUnknown, kam.ModeUnknown
		}, nil, ""},
		{"a won deal past its close date is no knockout", func(p picture) {
			p.Opportunity.Level, p.Opportunity.CloseDate = kam.LevelWon, testToday.AddDays(-5)
		}, nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p := healthyPicture()
			c.change(p)
			caps := Knockouts(p.OpportunityPicture, testNow)
			var ids []string
			for _, k := range caps {
				ids = append(ids, k.ID)
			}
			if !slices.Equal(ids, c.want) {
				t.Fatalf("caps %v, want %v", ids, c.want)
			}
			if len(caps) > 0 && caps[0].Reason.ZH != c.reason {
				t.Errorf("reason %q, want %q", caps[0].Reason.ZH, c.reason)
			}
			// Accepting every finding does not lift a cap, and the
			// best-fitting weights cannot either.
			fs := Evaluate(p.OpportunityPicture, DefaultSettings(), testNow)
			for i := range fs {
				fs[i].Accepted = &kam.AcceptedFinding{Note: "accepted"}
			}
			w := DefaultWeights()
			w.Bias = 50
			if h := Health(p.OpportunityPicture, fs, w, testNow); h.Score > KnockoutLimit(caps) {
				t.Errorf("health %d above the cap %d", h.Score, KnockoutLimit(caps))
			}
		})
	}
}
