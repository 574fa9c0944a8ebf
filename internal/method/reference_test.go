package method

import (
	"fmt"
	"testing"

	"kam/internal/kam"
)

// band is the health range a coach of the method gives a deal.
type band struct{ lo, hi int }

var (
	bandStrong = band{80, 100} // on track: keep going
	bandFair   = band{50, 79}  // winnable, with work to do
	bandWeak   = band{20, 49}  // a real gap the method names
	bandLost   = band{0, 19}   // a deal-killer: near zero odds
)

func (b band) String() string { return fmt.Sprintf("%d–%d", b.lo, b.hi) }

// referenceDeal is one deal read by a coach of the method: what changes from
// the healthy Best few deal, the health band the coach gives it and why, and
// the level the data supports.
type referenceDeal struct {
	name   string
	change func(p picture)
	band   band
	level  kam.FunnelLevel
	why    string
}

// referenceDeals are the calibration table of the default health weights
// and caps (methodology.md, redflags.md).
func referenceDeals() []referenceDeal {
	every := func(p picture, f func(b *kam.BuyingInfluence)) {
		for i := range p.Influences {
			f(&p.Influences[i])
		}
	}
	return []referenceDeal{
		{"healthy Best few", func(p picture) {}, bandStrong, kam.LevelBestFew,
			"coach, Economic buyer contacted and supporting, Growth and Trouble, next action, strength"},
		{"one low-influence User not yet contacted", func(p picture) { p.buyer(5).ContactLevel = kam.ContactNone }, bandStrong, kam.LevelBestFew,
			"a medium flag on a minor buyer does not change the picture"},
		{"only one coach", func(p picture) { p.buyer(3).Roles = nil }, bandStrong, kam.LevelBestFew,
			"a single point of failure, but a good senior coach"},
		{"late entry after the tender", func(p picture) { p.Opportunity.TenderPublishedOn = kam.NewDate(2026, 1, 1) }, bandStrong, kam.LevelBestFew,
			"a warning; every key buyer is on our side anyway"},
		{"seller euphoric (+3)", func(p picture) { p.Opportunity.Position = ptr(3) }, bandStrong, kam.LevelBestFew,
			"a warning about the seller, not the deal"},
		{"objective bundles a service", func(p picture) { p.Opportunity.Product = "MES 及相关服务" }, bandStrong, kam.LevelBestFew,
			"a plan to split, not a gap in the map"},
		{"a contact off the map influences the Economic buyer", func(p picture) {
			p.outsider(900, "Sun Li")
			p.link(kam.LinkInfluences, 900, contactOf(1))
		}, bandStrong, kam.LevelBestFew, "an influence to map; nobody against us"},
		{"Economic buyer new in the job", func(p picture) { p.contact(1).InPostSince = testToday.AddDays(-30) }, bandStrong, kam.LevelBestFew,
			"new priorities may come, the support is there today"},
		{"no strength recorded", func(p picture) { p.SWOT = nil }, bandStrong, kam.LevelBestFew,
			"we have not written what sets us apart; the buyers still support us"},
		{"coach in conflict with the Economic buyer", func(p picture) { p.link(kam.LinkConflictsWith, contactOf(2), contactOf(1)) }, bandStrong, kam.LevelBestFew,
			"one coach's word will not carry to the one who decides; the other coach's will"},
		{"Economic buyer not met for 45 days", func(p picture) {
			p.Interactions = nil
			p.meet(45, kam.FeedbackPositive, 1, 2)
		}, bandStrong, kam.LevelBestFew, "a warning: the one who decides still supports us, meet them soon"},
		{"no next action, one overdue", func(p picture) { p.Actions[0].Due = testToday.AddDays(-3) }, bandFair, kam.LevelBestFew,
			"the plan is not being executed"},
		{"account reorganising", func(p picture) { p.Account.ReorganisingSince = testToday.AddDays(-20) }, bandStrong, kam.LevelBestFew,
			"roles may move; check them"},
		{"an opponent influences the Economic buyer", func(p picture) {
			p.buyer(5).Rating = ptr(-3)
			p.link(kam.LinkInfluences, contactOf(5), contactOf(1))
		}, bandFair, kam.LevelIn, "someone against us has the ear of the one who decides"},
		{"two calls with the Economic buyer without advance", func(p picture) {
			p.call(4, kam.OutcomeContinuation, 1)
			p.call(2, kam.OutcomeNoSale, 1)
		}, bandStrong, kam.LevelBestFew, "time given, no commitment: a warning"},
		{"Economic buyer has stated no explicit need", func(p picture) { p.Needs = nil }, bandStrong, kam.LevelBestFew,
			"the need is implied; the buyers are with us"},
		{"a strong opponent of low influence, accepted with a note", func(p picture) {
			p.buyer(5).Rating = ptr(-4)
			f := findingsOf(Evaluate(p.OpportunityPicture, DefaultSettings(), testNow), RuleStrongOpponent)[0]
			p.Accepted = append(p.Accepted, kam.AcceptedFinding{ID: 1, OpportunityID: 1, RuleID: f.Rule, Subject: f.Subject,
				Fingerprint: f.Fingerprint, Note: "outweighed by the plant manager", At: testNow})
		}, bandStrong, kam.LevelBestFew, "a known sceptic, accepted: it weighs, less than when open"},
		{"the same strong opponent, open", func(p picture) { p.buyer(5).Rating = ptr(-4) }, bandFair, kam.LevelIn,
			"an open high flag: not Best few, and it costs"},
		{"no coach at all (uncovered base)", func(p picture) { p.drop(kam.RoleCoach) }, bandWeak, kam.LevelIn,
			"without a coach we learn late and guess"},
		{"both coaches gone", func(p picture) {
			p.contact(2).Status = kam.ContactLeft
			p.contact(3).Status = kam.ContactMoved
		}, bandWeak, kam.LevelIn, "our information dries up"},
		{"Technical buyer opposes (veto)", func(p picture) { p.buyer(4).Rating = ptr(-3) }, bandWeak, kam.LevelIn,
			"we can be screened out before the Economic buyer decides"},
		{"Economic buyer in Even Keel", func(p picture) { p.buyer(1).Mode = kam.ModeEvenKeel }, bandWeak, kam.LevelIn,
			"sees no reason to change: low odds"},
		{"Economic buyer Overconfident", func(p picture) { p.buyer(1).Mode = kam.ModeOverconfident }, bandLost, kam.LevelIn,
			"odds near zero, whatever else holds"},
		{"no Economic buyer", func(p picture) { p.drop(kam.RoleEconomic) }, bandWeak, kam.LevelIn,
			"we do not know who decides"},
		{"the only Economic buyer has left", func(p picture) { p.contact(1).Status = kam.ContactLeft }, bandWeak, kam.LevelIn,
			"nobody decides for us any more"},
		{"a high-influence buyer strongly opposed", func(p picture) { p.buyer(2).Roles = nil; p.buyer(2).Rating = ptr(-5) }, bandWeak, kam.LevelIn,
			"can carry the decision against us"},
		{"close date passed", func(p picture) { p.Opportunity.CloseDate = testToday.AddDays(-10) }, bandWeak, kam.LevelIn,
			"the plan no longer matches the customer"},
		{"nobody in Growth or Trouble in the funnel", func(p picture) {
			p.Opportunity.Level = kam.LevelIn
			every(p, func(b *kam.BuyingInfluence) { b.Mode = kam.ModeEvenKeel })
		}, bandWeak, kam.LevelAbove, "nobody needs the change we sell"},
		{"Economic buyer neutral and not contacted", func(p picture) {
			p.buyer(1).Rating = ptr(0)
			p.buyer(1).ContactLevel = kam.ContactNone
		}, bandWeak, kam.LevelIn, "the one who decides has not heard us"},
		{"single-threaded: only the coach is contacted", func(p picture) {
			every(p, func(b *kam.BuyingInfluence) { b.ContactLevel = kam.ContactNone })
			p.buyer(2).ContactLevel = kam.ContactFrequent
		}, bandLost, kam.LevelIn, "one pair of eyes on a group decision, and the one who decides never met"},
		{"most high-influence buyers neutral", func(p picture) {
			p.buyer(1).Rating = ptr(1)
			p.buyer(2).Rating = ptr(0)
		}, bandFair, kam.LevelIn, "the group decision leans away from us"},
		{"no coach, no Economic buyer, one contact", func(p picture) {
			p.drop(kam.RoleCoach)
			p.drop(kam.RoleEconomic)
			every(p, func(b *kam.BuyingInfluence) { b.ContactLevel = kam.ContactNone })
			p.buyer(3).ContactLevel = kam.ContactRare
		}, bandLost, kam.LevelIn, "a wreck: nobody decides for us, nobody guides us"},
		{"healthy In the funnel, closing in 80 days", func(p picture) {
			p.Opportunity.Level = kam.LevelIn
			p.Opportunity.CloseDate = testToday.AddDays(80)
		}, bandStrong, kam.LevelIn, "everything in place, not yet closing"},
		{"In the funnel, Economic buyer rated +2, not yet a supporter", func(p picture) {
			p.Opportunity.Level = kam.LevelIn
			p.buyer(1).Rating = ptr(2)
		}, bandFair, kam.LevelIn, "the one who decides is not yet on our side"},
	}
}

// TestReferenceDeals checks the default health weights and caps, and the
// suggested level, against the reference deals: every one in the band a
// coach gives it.
func TestReferenceDeals(t *testing.T) {
	t.Parallel()
	deals := referenceDeals()
	if len(deals) < 30 {
		t.Fatalf("%d reference deals, want at least 30", len(deals))
	}
	for _, d := range deals {
		t.Run(d.name, func(t *testing.T) {
			t.Parallel()
			p := healthyPicture()
			d.change(p)
			fs := Evaluate(p.OpportunityPicture, DefaultSettings(), testNow)
			h := Health(p.OpportunityPicture, fs, DefaultWeights(), testNow)
			if h.Score < d.band.lo || h.Score > d.band.hi {
				var rules []string
				for _, f := range fs {
					if f.Open() {
						rules = append(rules, string(f.Severity[0])+":"+f.Rule)
					}
				}
				t.Errorf("health %d (uncapped %d, caps %v), want %s (%s); open flags %v", h.Score, h.Uncapped, h.Caps, d.band, d.why, rules)
			}
			if lvl, why := SuggestLevel(p.OpportunityPicture, fs, DefaultSettings(), testNow); lvl != d.level {
				t.Errorf("suggested level %s, want %s: %v", lvl, d.level, why)
			}
		})
	}
}
