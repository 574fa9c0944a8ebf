package method

import (
	"math/rand/v2"
	"testing"
	"time"

	"kam/internal/kam"
	"kam/internal/testkit"
)

// benchPictures builds n varied pictures with 8 buying influences each, so
// that rules fire in a realistic mix.
func benchPictures(n int) []*kam.OpportunityPicture {
	r := rand.New(rand.NewPCG(1, 2))
	roles := kam.BuyingRoles
	levels := []kam.FunnelLevel{kam.LevelAbove, kam.LevelIn, kam.LevelBestFew}
	sens := kam.Seniorities
	infl := kam.Influences
	contacts := kam.ContactLevels
	modes := kam.ResponseModes
	out := make([]*kam.OpportunityPicture, n)
	for k := range out {
		p := &kam.OpportunityPicture{
			Opportunity: kam.Opportunity{
				Meta: kam.Meta{ID: int64(k + 1), CreatedAt: testNow.AddDate(0, 0, -r.IntN(200))}, Name: "Deal", Product: "MES",
				Amount: int64(r.IntN(2_000_000)), CloseDate: testToday.AddDays(r.IntN(200) - 30),
				Level: levels[r.IntN(3)], Position: ptr(r.IntN(7) - 3), EngagedOn: testToday.AddDays(-r.IntN(200)),
			},
			Account:    kam.Account{Name: "Account"},
			IdealScore: ptr(float64(r.IntN(100))),
		}
		if r.IntN(3) == 0 {
			p.SWOT = []kam.SWOTItem{{Meta: kam.Meta{ID: 1}, Kind: kam.SWOTStrength}}
		}
		for i := range 8 {
			id := int64(i + 1)
			c := kam.Contact{Meta: kam.Meta{ID: 1000 + id}, Name: "Buyer", Seniority: sens[r.IntN(len(sens))],
				Status: kam.ContactActive, InPostSince: testToday.AddDays(-r.IntN(400))}
			if r.IntN(20) == 0 {
				c.Status = kam.ContactLeft
			}
			p.Contacts = append(p.Contacts, c)
			b := kam.BuyingInfluence{Meta: kam.Meta{ID: id}, ContactID: c.ID,
				Roles:     []kam.BuyingRole{roles[r.IntN(len(roles))]},
				Influence: infl[r.IntN(len(infl))], Rating: ptr(r.IntN(11) - 5),
				ContactLevel: contacts[r.IntN(len(contacts))], Mode: modes[r.IntN(len(modes))],
				PersonalWin: "win", BusinessResult: "result", VITO: i == 0, CounterpartID: int64(r.IntN(2)),
			}
			p.Influences = append(p.Influences, b)
		}
		for j := range 4 {
			p.Interactions = append(p.Interactions, kam.Interaction{Meta: kam.Meta{ID: int64(j + 1)},
				At:       testNow.Add(-time.Duration(r.IntN(60*24)) * time.Hour),
				Feedback: []kam.ContactFeedback{{ContactID: 1001 + int64(r.IntN(8)), Feedback: kam.Feedbacks[r.IntN(3)]}}})
		}
		for j := range 3 {
			p.Actions = append(p.Actions, kam.Action{Meta: kam.Meta{ID: int64(j + 1)}, Title: "Step",
				Due: testToday.AddDays(r.IntN(40) - 10), Status: kam.ActionStatuses[r.IntN(3)],
				TargetInfluenceID: int64(r.IntN(9))})
		}
		out[k] = p
	}
	return out
}

// BenchmarkEvaluate runs every rule on 100,000 opportunities per iteration
// (a pool of 1,000 varied pictures, 100 times over) the way the batch
// callers do (the funnel's premature Best-few count, the health fit): one
// Evaluator, each deal's findings read and dropped before the next.
func BenchmarkEvaluate(b *testing.B) {
	const perOp = 100_000
	pics := benchPictures(1000)
	s := DefaultSettings()
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := testkit.CPUTime()
	findings := 0
	for b.Loop() {
		var e Evaluator
		for k := range perOp {
			findings += len(e.Evaluate(pics[k%len(pics)], s, testNow))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*perOp), "ns/opportunity")
	testkit.ReportCPU(b, cpu0)
	b.ReportMetric(float64(findings)/float64(b.N*perOp), "findings/opportunity")
}

// BenchmarkEvaluateEach is BenchmarkEvaluate through the package's
// Evaluate, which returns a slice of findings of their own per deal (the
// path of callers that keep them: the strategy sheet, the work order).
func BenchmarkEvaluateEach(b *testing.B) {
	const perOp = 100_000
	pics := benchPictures(1000)
	s := DefaultSettings()
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := testkit.CPUTime()
	findings := 0
	for b.Loop() {
		for k := range perOp {
			findings += len(Evaluate(pics[k%len(pics)], s, testNow))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*perOp), "ns/opportunity")
	testkit.ReportCPU(b, cpu0)
	b.ReportMetric(float64(findings)/float64(b.N*perOp), "findings/opportunity")
}

// keptPictures builds n well-kept pictures with 8 buying influences: the
// healthy test picture widened to 8 buyers, with one or two flags each.
func keptPictures(n int) []*kam.OpportunityPicture {
	r := rand.New(rand.NewPCG(3, 4))
	out := make([]*kam.OpportunityPicture, n)
	for k := range out {
		p := healthyPicture()
		for id := int64(6); id <= 8; id++ {
			p.Contacts = append(p.Contacts, kam.Contact{Meta: kam.Meta{ID: contactOf(id)}, Name: "Buyer",
				Seniority: kam.SeniorityMiddle, Status: kam.ContactActive})
			p.Influences = append(p.Influences, kam.BuyingInfluence{Meta: kam.Meta{ID: id}, ContactID: contactOf(id),
				Roles: []kam.BuyingRole{kam.RoleUser}, Influence: kam.InfluenceLow, Rating: ptr(r.IntN(5) - 1),
				ContactLevel: kam.ContactRare, Mode: kam.ModeGrowth})
		}
		switch r.IntN(4) {
		case 0:
			p.buyer(4).Rating = ptr(-3)
		case 1:
			p.Opportunity.CloseDate = testToday.AddDays(60)
		case 2:
			p.contact(3).InPostSince = testToday.AddDays(-10)
		}
		out[k] = p.OpportunityPicture
	}
	return out
}

// BenchmarkEvaluateKept is BenchmarkEvaluate on well-kept pictures.
func BenchmarkEvaluateKept(b *testing.B) {
	const perOp = 100_000
	pics := keptPictures(1000)
	s := DefaultSettings()
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := testkit.CPUTime()
	findings := 0
	for b.Loop() {
		for k := range perOp {
			findings += len(Evaluate(pics[k%len(pics)], s, testNow))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*perOp), "ns/opportunity")
	testkit.ReportCPU(b, cpu0)
	b.ReportMetric(float64(findings)/float64(b.N*perOp), "findings/opportunity")
}

// BenchmarkEvaluateMapped is BenchmarkEvaluate on the golden pictures:
// the messy ones with dotted lines, needs, call plans, outcomes, reviews
// and accepted findings, which the map and conversation rules read.
func BenchmarkEvaluateMapped(b *testing.B) {
	const perOp = 100_000
	pics := goldenPictures()
	s := DefaultSettings()
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := testkit.CPUTime()
	findings := 0
	for b.Loop() {
		var e Evaluator
		for k := range perOp {
			findings += len(e.Evaluate(pics[k%len(pics)], s, testNow))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*perOp), "ns/opportunity")
	testkit.ReportCPU(b, cpu0)
	b.ReportMetric(float64(findings)/float64(b.N*perOp), "findings/opportunity")
}
