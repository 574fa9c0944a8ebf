package method

import (
	"math"
	"time"

	"kam/internal/kam"
)

// Health factor ids, in the order Health reports them.
const (
	FactorCoach             = "coach"              // a present coach who supports us
	FactorCoachSenior       = "coach_senior"       // such a coach is senior, with medium or high influence
	FactorEconomicContacted = "economic_contacted" // the Economic buyer is contacted
	FactorEconomicSupports  = "economic_supports"  // the Economic buyer supports us
	FactorReceptiveBuyers   = "receptive_buyers"   // contacted buyers in Growth/Trouble, 0, ½, 1 for 0, 1, 2+
	FactorMultiThreaded     = "multi_threaded"     // contacted buyers, ¼ each up to 4
	FactorVITOContacted     = "vito_contacted"     // the project's VITO is contacted
	FactorNextAction        = "next_action"        // an open action is due today or later
	FactorHighFindings      = "high_findings"      // open high red flags, up to 5
	FactorMediumFindings    = "medium_findings"    // open medium red flags, up to 10
	FactorLowFindings       = "low_findings"       // open low red flags, up to 10
	FactorAcceptedHigh      = "accepted_high"      // accepted high red flags, up to 5
	FactorAcceptedOther     = "accepted_other"     // accepted medium and low red flags, up to 10
)

// factorInfo names each factor, in report order, with the sign the method
// gives it: +1 for what the method calls good (a fitted weight is never
// below 0), -1 for red flags (never above 0).
var factorInfo = []struct {
	id   string
	name kam.Text
	sign float64
}{
	{FactorCoach, kam.T("Coach who supports us", "有支持我们的教练"), +1},
	{FactorCoachSenior, kam.T("Senior coach", "高层教练"), +1},
	{FactorEconomicContacted, kam.T("Economic buyer contacted", "已接触财务决策者"), +1},
	{FactorEconomicSupports, kam.T("Economic buyer supports us", "财务决策者支持我们"), +1},
	{FactorReceptiveBuyers, kam.T("Buyers in Growth or Trouble", "处于高瞻远瞩或不知所措模式的人"), +1},
	{FactorMultiThreaded, kam.T("Buyers contacted", "已接触的购买影响者"), +1},
	{FactorVITOContacted, kam.T("VITO contacted", "已接触 VITO"), +1},
	{FactorNextAction, kam.T("Next action planned", "已计划下一步行动"), +1},
	{FactorHighFindings, kam.FieldOpenHighFlags.Label(), -1},
	{FactorMediumFindings, kam.T("Open medium red flags", "未处理的中风险小红旗"), -1},
	{FactorLowFindings, kam.T("Open low red flags", "未处理的低风险小红旗"), -1},
	{FactorAcceptedHigh, kam.T("Accepted high red flags", "已接受的高风险小红旗"), -1},
	{FactorAcceptedOther, kam.T("Accepted medium and low red flags", "已接受的中、低风险小红旗"), -1},
}

// FactorSign returns the sign the method gives factor id: +1 (good), -1 (a
// red flag), or 0 for an unknown id.
func FactorSign(id string) float64 {
	for _, f := range factorInfo {
		if f.id == id {
			return f.sign
		}
	}
	return 0
}

// FactorName returns the bilingual name of factor id (the id itself when
// unknown).
func FactorName(id string) kam.Text {
	for _, f := range factorInfo {
		if f.id == id {
			return f.name
		}
	}
	return kam.T(id, id)
}

// FactorIDs returns the ids of the health factors, in report order.
func FactorIDs() []string {
	ids := make([]string, len(factorInfo))
	for i, f := range factorInfo {
		ids[i] = f.id
	}
	return ids
}

// Weights turn factor values into a health score: score = 100·σ(Bias + Σ
// W[id]·value). Factors missing from W weigh nothing.
type Weights struct {
	Source string             `json:"source"` // "default" or "fitted"
	Bias   float64            `json:"bias"`
	W      map[string]float64 `json:"weights"`
	// Samples and AUC describe a fit: how many closed deals it learned from,
	// and the area under the ROC curve on the held-out part. Zero for the
	// defaults.
	Samples int     `json:"samples,omitempty"`
	AUC     float64 `json:"auc,omitempty"`
}

// Weight sources.
const (
	WeightsDefault = "default"
	WeightsFitted  = "fitted"
)

// DefaultWeights are the fixed weights used until enough deals are closed to
// fit the team's own, calibrated on the reference deals of reference_test.go
// (each in the band a coach of the method gives it): a healthy Best few deal
// scores about 90; an open high red flag costs about seven times a medium
// one and takes a healthy deal out of the top band; an accepted high flag
// costs a third of an open one. The method's deal-killers are caps
// (Knockouts), not weights.
func DefaultWeights() Weights {
	return Weights{
		Source: WeightsDefault,
		Bias:   -4,
		W: map[string]float64{
			FactorCoach:             1.0,
			FactorCoachSenior:       0.5,
			FactorEconomicContacted: 0.8,
			FactorEconomicSupports:  1.0,
			FactorReceptiveBuyers:   1.0,
			FactorMultiThreaded:     0.8,
			FactorVITOContacted:     0.5,
			FactorNextAction:        0.75,
			FactorHighFindings:      -1.1,
			FactorMediumFindings:    -0.15,
			FactorLowFindings:       -0.05,
			FactorAcceptedHigh:      -0.35,
			FactorAcceptedOther:     -0.05,
		},
	}
}

// Factor is one factor's part in a health score.
type Factor struct {
	ID           string   `json:"id"`
	Name         kam.Text `json:"name"`
	Value        float64  `json:"value"`
	Contribution float64  `json:"contribution"` // weight × value, in logits
}

// HealthReport is a deal's health 0–100 and how it came about.
type HealthReport struct {
	// Score is Uncapped, or the lowest cap when a knockout holds.
	Score int `json:"score"`
	// Uncapped is 100·σ(bias + Σ contributions), before the caps.
	Uncapped int `json:"uncapped"`
	// Caps are the method's deal-killers that hold, lowest first; each caps
	// the score whatever else holds.
	Caps    []Cap    `json:"caps"`
	Bias    float64  `json:"bias"`
	Factors []Factor `json:"factors"`
	Weights string   `json:"weights"` // the weights' source: "default" or "fitted"
	// WeightsSamples and WeightsAUC describe fitted weights: how many closed
	// deals they were fitted to, and how well they separate won from lost
	// on the held-out deals (area under the ROC curve; 0.5 is guessing).
	// Both are left out for the defaults.
	WeightsSamples int     `json:"weights_samples,omitempty"`
	WeightsAUC     float64 `json:"weights_auc,omitempty"`
}

// Health scores a deal from its picture and its findings (from Evaluate),
// reporting every factor's value and contribution.
func Health(p *kam.OpportunityPicture, findings []Finding, w Weights, now time.Time) HealthReport {
	vals := featureValues(p, findings, now)
	r := HealthReport{Bias: w.Bias, Weights: w.Source, Factors: make([]Factor, len(factorInfo))}
	if w.Source == WeightsFitted {
		r.WeightsSamples, r.WeightsAUC = w.Samples, w.AUC
	}
	z := w.Bias
	for i, f := range factorInfo {
		c := w.W[f.id] * vals[i]
		z += c
		r.Factors[i] = Factor{ID: f.id, Name: f.name, Value: vals[i], Contribution: c}
	}
	r.Uncapped = int(math.Round(100 * sigmoid(z)))
	r.Caps = Knockouts(p, now)
	if r.Caps == nil {
		r.Caps = []Cap{} // "caps": [] in JSON, not null
	}
	r.Score = r.Uncapped
	if len(r.Caps) > 0 {
		r.Score = min(r.Score, r.Caps[0].Limit)
	}
	return r
}

// Features returns the factor values Health uses, by factor id, so that a
// service can build fitting samples from closed deals (pass the day a deal
// closed as now, and its findings evaluated at that day).
func Features(p *kam.OpportunityPicture, findings []Finding, now time.Time) map[string]float64 {
	vals := featureValues(p, findings, now)
	m := make(map[string]float64, len(vals))
	for i, f := range factorInfo {
		m[f.id] = vals[i]
	}
	return m
}

func featureValues(p *kam.OpportunityPicture, findings []Finding, now time.Time) []float64 {
	v := newView(p, DefaultSettings(), now)
	var coach, coachSenior, econContacted, econSupports, vito, next bool
	receptive, contacted := 0, 0
	for i := range p.Influences {
		b := &p.Influences[i]
		if !v.present(i) {
			continue
		}
		if b.HasRole(kam.RoleCoach) && b.Support() == kam.SupportSupports {
			coach = true
			if v.seniority(i).IsSenior() && (b.Influence == kam.InfluenceHigh || b.Influence == kam.InfluenceMedium) {
				coachSenior = true
			}
		}
		if b.HasRole(kam.RoleEconomic) {
			econContacted = econContacted || b.ContactLevel.Contacted()
			econSupports = econSupports || b.Support() == kam.SupportSupports
		}
		if b.ContactLevel.Contacted() {
			contacted++
			if b.Mode.Receptive() {
				receptive++
			}
			if b.VITO {
				vito = true
			}
		}
	}
	for k := range p.Actions {
		a := &p.Actions[k]
		if a.Status == kam.ActionOpen && !a.Due.IsZero() && !a.Due.Before(v.today) {
			next = true
			break
		}
	}
	// Red flags count once per rule, however many buyers share it: the
	// factor weighs how many of the method's warnings stand. premature-best-
	// few and unaddressed-high-flag restate other findings and factors, and
	// do not count again.
	var hi, me, lo, accHi, accOther int
	seen := make(map[string]bool, len(findings))
	for k := range findings {
		f := &findings[k]
		if f.Rule == RulePrematureBestFew || f.Rule == RuleUnaddressedHighFlag {
			continue
		}
		key := f.Rule
		if f.Accepted != nil {
			key = "accepted " + key
		}
		if f.Rule != "" && seen[key] {
			continue
		}
		seen[key] = true
		if f.Accepted != nil {
			if f.Severity == kam.SeverityHigh {
				accHi++
			} else {
				accOther++
			}
			continue
		}
		switch f.Severity {
		case kam.SeverityHigh:
			hi++
		case kam.SeverityMedium:
			me++
		case kam.SeverityLow:
			lo++
		}
	}
	return []float64{
		b2f(coach), b2f(coachSenior), b2f(econContacted), b2f(econSupports),
		float64(min(receptive, 2)) / 2, float64(min(contacted, 4)) / 4,
		b2f(vito), b2f(next),
		float64(min(hi, 5)), float64(min(me, 10)), float64(min(lo, 10)),
		float64(min(accHi, 5)), float64(min(accOther, 10)),
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }
