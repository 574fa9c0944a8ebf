package method

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"kam/internal/kam"
)

func TestHealthyPictureRaisesNoFlag(t *testing.T) {
	t.Parallel()
	fs := Evaluate(healthyPicture().OpportunityPicture, DefaultSettings(), testNow)
	for _, f := range fs {
		t.Errorf("unexpected finding %s on %s: %s", f.Rule, f.Subject, f.Detail.EN)
	}
}

// ruleCase changes the healthy picture and says whether rule must fire.
type ruleCase struct {
	name     string
	rule     string
	change   func(p picture)
	fires    bool
	subject  string       // when set, the finding must be about this subject
	severity kam.Severity // when set, the finding must have this severity
	detail   string       // when set, the finding's English detail must hold this
	// candidates, when set, are the contact ids the finding must list, in order.
	candidates []int64
}

func TestRules(t *testing.T) {
	t.Parallel()
	cases := []ruleCase{
		// Coverage of the four roles.
		{name: "no Economic role fires", rule: RuleNoEconomic, fires: true, subject: SubjectOpportunity,
			change: func(p picture) { p.drop(kam.RoleEconomic) }},
		{name: "Economic buyer who left fires", rule: RuleNoEconomic, fires: true,
			change: func(p picture) { p.contact(1).Status = kam.ContactLeft }},
		{name: "one present Economic buyer does not fire", rule: RuleNoEconomic,
			change: func(p picture) {}},
		{name: "two Economic buyers fire", rule: RuleSeveralEconomic, fires: true,
			change: func(p picture) { p.addRole(4, kam.RoleEconomic) }},
		{name: "second Economic buyer who moved does not fire", rule: RuleSeveralEconomic,
			change: func(p picture) { p.addRole(4, kam.RoleEconomic); p.contact(4).Status = kam.ContactMoved }},
		{name: "no coach at all fires", rule: RuleNoCoach, fires: true,
			change: func(p picture) { p.drop(kam.RoleCoach) }},
		{name: "coach who left does not count as no coach", rule: RuleNoCoach,
			change: func(p picture) {
				p.buyer(3).Roles = nil
				p.contact(2).Status = kam.ContactLeft
			}},
		{name: "no Technical buyer fires", rule: RuleNoTechnical, fires: true,
			change: func(p picture) { p.drop(kam.RoleTechnical) }},
		{name: "Technical role on a second buyer still covers it", rule: RuleNoTechnical,
			change: func(p picture) { p.addRole(5, kam.RoleTechnical); p.buyer(4).Roles = nil }},
		{name: "no User buyer fires", rule: RuleNoUser, fires: true,
			change: func(p picture) { p.drop(kam.RoleUser) }},
		{name: "User held by the Economic buyer covers it", rule: RuleNoUser,
			change: func(p picture) { p.drop(kam.RoleUser); p.addRole(1, kam.RoleUser) }},

		// The coach.
		{name: "coach who left fires on that coach", rule: RuleCoachLeft, fires: true, subject: "influence:2", severity: high,
			change: func(p picture) {
				p.contact(2).Status = kam.ContactLeft
				p.contact(2).StatusDate = testToday.AddDays(-3)
			}},
		{name: "coach who moved fires", rule: RuleCoachLeft, fires: true, subject: "influence:3",
			change: func(p picture) { p.contact(3).Status = kam.ContactMoved }},
		{name: "active coaches do not fire", rule: RuleCoachLeft,
			change: func(p picture) { p.contact(4).Status = kam.ContactLeft }},
		{name: "every coach junior or low influence fires", rule: RuleCoachJunior, fires: true,
			change: func(p picture) { p.buyer(2).Influence = kam.InfluenceLow; p.contact(3).Seniority = kam.SeniorityMiddle }},
		{name: "one senior coach with influence does not fire", rule: RuleCoachJunior,
			change: func(p picture) { p.contact(3).Seniority = kam.SeniorityMiddle }},
		{name: "coach rated +2 fires", rule: RuleCoachNotSupportive, fires: true, subject: "influence:3",
			change: func(p picture) { p.buyer(3).Rating = ptr(2) }},
		{name: "coach not rated fires", rule: RuleCoachNotSupportive, fires: true, subject: "influence:3",
			change: func(p picture) { p.buyer(3).Rating = nil }},
		{name: "coach rated +3 does not fire", rule: RuleCoachNotSupportive,
			change: func(p picture) { p.buyer(3).Rating = ptr(3) }},
		{name: "one coach in the funnel fires", rule: RuleSingleCoach, fires: true,
			change: func(p picture) { p.buyer(3).Roles = nil; p.Opportunity.Level = kam.LevelIn }},
		{name: "one coach above the funnel does not fire", rule: RuleSingleCoach,
			change: func(p picture) { p.buyer(3).Roles = nil; p.Opportunity.Level = kam.LevelAbove }},
		{name: "one coach on a lost deal that reached best few fires", rule: RuleSingleCoach, fires: true,
			change: func(p picture) {
				p.buyer(3).Roles = nil
				p.Opportunity.Level, p.Opportunity.ReachedLevel = kam.LevelLost, kam.LevelBestFew
			}},
		{name: "action on an executive without the coaches fires", rule: RuleBypassCoach, fires: true, subject: "influence:1",
			change: func(p picture) { p.act(kam.Action{Title: "Lunch", Due: testToday.AddDays(3), TargetInfluenceID: 1}) }},
		{name: "action on an executive with a coach taking part does not fire", rule: RuleBypassCoach,
			change: func(p picture) {
				p.act(kam.Action{Title: "Lunch", Due: testToday.AddDays(3), TargetInfluenceID: 1, ParticipantIDs: []int64{contactOf(3)}})
			}},
		{name: "action on a buyer as senior as a coach does not fire", rule: RuleBypassCoach,
			change: func(p picture) {
				p.contact(1).Seniority = kam.SenioritySenior
				p.act(kam.Action{Title: "Lunch", Due: testToday.AddDays(3), TargetInfluenceID: 1})
			}},
		{name: "action on a coach's own boss of the same seniority fires", rule: RuleBypassCoach, fires: true, subject: "influence:4",
			change: func(p picture) {
				p.contact(4).Seniority = kam.SenioritySenior // as senior as both coaches
				p.contact(2).ReportsToID = contactOf(4)
				p.contact(3).ReportsToID = contactOf(4)
				p.act(kam.Action{Title: "Dinner", Due: testToday.AddDays(3), TargetInfluenceID: 4})
			}},
		{name: "action on the boss of one coach only, as senior as the other, does not fire", rule: RuleBypassCoach,
			change: func(p picture) {
				p.contact(4).Seniority = kam.SenioritySenior
				p.contact(2).ReportsToID = contactOf(4)
				p.act(kam.Action{Title: "Dinner", Due: testToday.AddDays(3), TargetInfluenceID: 4})
			}},
		{name: "action on an executive who reports to a coach does not fire", rule: RuleBypassCoach,
			change: func(p picture) {
				p.contact(1).ReportsToID = contactOf(2)
				p.contact(3).ReportsToID = contactOf(2)
				p.act(kam.Action{Title: "Lunch", Due: testToday.AddDays(3), TargetInfluenceID: 1})
			}},
		{name: "done action on an executive does not fire", rule: RuleBypassCoach,
			change: func(p picture) {
				p.act(kam.Action{Title: "Lunch", Due: testToday.AddDays(-3), TargetInfluenceID: 1, Status: kam.ActionDone})
			}},

		// Each buyer.
		{name: "uncontacted key buyer fires high", rule: RuleUncontacted, fires: true, subject: "influence:1", severity: high,
			change: func(p picture) { p.buyer(1).ContactLevel = kam.ContactNone }},
		{name: "uncontacted other buyer fires medium", rule: RuleUncontacted, fires: true, subject: "influence:5", severity: medium,
			change: func(p picture) { p.buyer(5).ContactLevel = kam.ContactNone }},
		{name: "rarely contacted buyer does not fire", rule: RuleUncontacted,
			change: func(p picture) { p.buyer(5).ContactLevel = kam.ContactRare }},
		{name: "high influence rated -3 fires", rule: RuleOpposesHigh, fires: true, subject: "influence:1",
			change: func(p picture) { p.buyer(1).Rating = ptr(-3) }},
		{name: "high influence rated -2 does not fire", rule: RuleOpposesHigh,
			change: func(p picture) { p.buyer(1).Rating = ptr(-2) }},
		{name: "medium influence rated -5 does not fire opposes-high", rule: RuleOpposesHigh,
			change: func(p picture) { p.buyer(4).Rating = ptr(-5) }},
		{name: "buyer rated -4 fires", rule: RuleStrongOpponent, fires: true, subject: "influence:5",
			change: func(p picture) { p.buyer(5).Rating = ptr(-4) }},
		{name: "buyer rated -3 is no strong opponent", rule: RuleStrongOpponent,
			change: func(p picture) { p.buyer(5).Rating = ptr(-3) }},
		{name: "Technical buyer rated -3 fires", rule: RuleTechnicalVeto, fires: true, subject: "influence:4",
			change: func(p picture) { p.buyer(4).Rating = ptr(-3) }},
		{name: "Technical buyer rated -2 does not fire", rule: RuleTechnicalVeto,
			change: func(p picture) { p.buyer(4).Rating = ptr(-2) }},
		{name: "Economic buyer in Even Keel fires", rule: RuleEconomicMode, fires: true, subject: "influence:1",
			change: func(p picture) { p.buyer(1).Mode = kam.ModeEvenKeel }},
		{name: "Economic buyer Overconfident fires", rule: RuleEconomicMode, fires: true,
			change: func(p picture) { p.buyer(1).Mode = kam.ModeOverconfident }},
		{name: "Economic buyer in Trouble does not fire", rule: RuleEconomicMode,
			change: func(p picture) { p.buyer(1).Mode = kam.ModeTrouble }},
		{name: "nobody in Growth or Trouble in the funnel fires", rule: RuleNoUrgency, fires: true,
			change: func(p picture) { p.setModes(kam.ModeEvenKeel); p.Opportunity.Level = kam.LevelIn }},
		{name: "nobody in Growth or Trouble above the funnel does not fire", rule: RuleNoUrgency,
			change: func(p picture) { p.setModes(kam.ModeEvenKeel); p.Opportunity.Level = kam.LevelAbove }},
		{name: "one buyer in Trouble in the funnel does not fire", rule: RuleNoUrgency,
			change: func(p picture) { p.setModes(kam.ModeEvenKeel); p.buyer(5).Mode = kam.ModeTrouble }},
		{name: "key buyer without rating fires", rule: RuleMissingInfo, fires: true, subject: "influence:1",
			change: func(p picture) { p.buyer(1).Rating = nil }},
		{name: "key buyer with unknown mode fires", rule: RuleMissingInfo, fires: true, subject: "influence:2",
			change: func(p picture) { p.buyer(2).Mode = kam.ModeUnknown }},
		{name: "other buyer without rating does not fire", rule: RuleMissingInfo,
			change: func(p picture) { p.buyer(3).Rating = nil }},
		{name: "key buyer without a role fires naming the role", rule: RuleMissingInfo, fires: true, subject: "influence:2", detail: "Unknown: role.",
			change: func(p picture) { p.buyer(2).Roles = nil }},
		{name: "other buyer without a role does not fire", rule: RuleMissingInfo,
			change: func(p picture) { p.buyer(5).Roles = nil }},
		{name: "key buyer of unknown influence fires naming the influence", rule: RuleMissingInfo, fires: true, subject: "influence:1", detail: "Unknown: influence.",
			change: func(p picture) { p.buyer(1).Influence = kam.InfluenceUnknown }},
		{name: "key buyer of unset influence fires naming the influence", rule: RuleMissingInfo, fires: true, subject: "influence:1", detail: "Unknown: influence.",
			change: func(p picture) { p.buyer(1).Influence = "" }},
		{name: "other buyer of unknown influence does not fire", rule: RuleMissingInfo,
			change: func(p picture) { p.buyer(4).Influence = kam.InfluenceUnknown }},
		{name: "key buyer without personal win fires", rule: RuleWinResultMissing, fires: true, subject: "influence:2",
			change: func(p picture) { p.buyer(2).PersonalWin = " " }},
		{name: "key buyer without business result fires", rule: RuleWinResultMissing, fires: true, subject: "influence:1",
			change: func(p picture) { p.buyer(1).BusinessResult = "" }},
		{name: "other buyer without win-result does not fire", rule: RuleWinResultMissing,
			change: func(p picture) { p.buyer(3).PersonalWin = "" }},
		{name: "in the post 89 days fires", rule: RuleNewInJob, fires: true, subject: "influence:4",
			change: func(p picture) { p.contact(4).InPostSince = testToday.AddDays(-89) }},
		{name: "in the post 90 days does not fire", rule: RuleNewInJob,
			change: func(p picture) { p.contact(4).InPostSince = testToday.AddDays(-90) }},
		{name: "key buyer without counterpart fires", rule: RuleNoCounterpart, fires: true, subject: "influence:2",
			change: func(p picture) { p.buyer(2).CounterpartID = 0 }},
		{name: "senior buyer without counterpart fires", rule: RuleNoCounterpart, fires: true, subject: "influence:3",
			change: func(p picture) { p.buyer(3).CounterpartID = 0 }},
		{name: "junior buyer of low influence without counterpart does not fire", rule: RuleNoCounterpart,
			change: func(p picture) { p.buyer(5).CounterpartID = 0 }},
		{name: "key buyer last met 30 days ago fires", rule: RuleStaleContact, fires: true, subject: "influence:1",
			change: func(p picture) { p.Interactions = nil; p.meet(30, kam.FeedbackPositive, 1, 2) }},
		{name: "key buyer last met 29 days ago does not fire", rule: RuleStaleContact,
			change: func(p picture) { p.Interactions = nil; p.meet(29, kam.FeedbackPositive, 1, 2) }},
		{name: "key buyer never met on a deal 30 days old fires", rule: RuleStaleContact, fires: true, subject: "influence:2",
			change: func(p picture) {
				p.Interactions = nil
				p.meet(1, kam.FeedbackPositive, 1)
				p.Opportunity.EngagedOn = testToday.AddDays(-30)
			}},
		{name: "key buyer never met on a deal 29 days old does not fire", rule: RuleStaleContact,
			change: func(p picture) {
				p.Interactions = nil
				p.meet(1, kam.FeedbackPositive, 1)
				p.Opportunity.EngagedOn = testToday.AddDays(-29)
			}},
		{name: "stale key buyer on a won deal does not fire", rule: RuleStaleContact,
			change: func(p picture) { p.Interactions = nil; p.Opportunity.Level = kam.LevelWon }},
		{name: "negative feedback from a supporter fires", rule: RuleFeedbackContradicts, fires: true, subject: "influence:1",
			change: func(p picture) { p.meet(1, kam.FeedbackNegative, 1) }},
		{name: "positive feedback from an opponent fires", rule: RuleFeedbackContradicts, fires: true, subject: "influence:4",
			change: func(p picture) { p.buyer(4).Rating = ptr(-3); p.meet(1, kam.FeedbackPositive, 4) }},
		{name: "older negative feedback does not fire", rule: RuleFeedbackContradicts,
			change: func(p picture) { p.meet(10, kam.FeedbackNegative, 1) }},
		{name: "negative feedback from a neutral buyer does not fire", rule: RuleFeedbackContradicts,
			change: func(p picture) { p.buyer(1).Rating = ptr(2); p.meet(1, kam.FeedbackNegative, 1) }},
		{name: "no VITO in the funnel fires", rule: RuleNoVITO, fires: true, subject: SubjectOpportunity,
			change: func(p picture) { p.buyer(1).VITO = false }},
		{name: "uncontacted VITO fires on the VITO", rule: RuleNoVITO, fires: true, subject: "influence:1",
			change: func(p picture) { p.buyer(1).ContactLevel = kam.ContactNone }},
		{name: "no VITO above the funnel does not fire", rule: RuleNoVITO,
			change: func(p picture) { p.buyer(1).VITO = false; p.Opportunity.Level = kam.LevelAbove }},

		// The map as a whole.
		{name: "one buyer contacted fires", rule: RuleSingleThreaded, fires: true,
			change: func(p picture) {
				for _, id := range []int64{2, 3, 4, 5} {
					p.buyer(id).ContactLevel = kam.ContactNone
				}
			}},
		{name: "two buyers contacted does not fire", rule: RuleSingleThreaded,
			change: func(p picture) {
				for _, id := range []int64{3, 4, 5} {
					p.buyer(id).ContactLevel = kam.ContactNone
				}
			}},
		{name: "two of two high-influence buyers neutral fires", rule: RuleMajorityNotSupportive, fires: true,
			change: func(p picture) { p.buyer(1).Rating = ptr(2); p.buyer(2).Rating = ptr(2) }},
		{name: "one of two high-influence buyers neutral does not fire", rule: RuleMajorityNotSupportive,
			change: func(p picture) { p.buyer(1).Rating = ptr(2) }},
		{name: "five buyers all supporting fires", rule: RuleTooRosy, fires: true,
			change: func(p picture) { p.buyer(4).Rating = ptr(3); p.buyer(5).Rating = ptr(3) }},
		{name: "one neutral among five does not fire", rule: RuleTooRosy,
			change: func(p picture) { p.buyer(4).Rating = ptr(3); p.buyer(5).Rating = ptr(2) }},
		{name: "three buyers all supporting does not fire", rule: RuleTooRosy,
			change: func(p picture) { p.Influences = p.Influences[:3] }},

		// The plan.
		{name: "objective without product fires", rule: RuleObjectiveIncomplete, fires: true,
			change: func(p picture) { p.Opportunity.Product = "" }},
		{name: "objective without amount fires", rule: RuleObjectiveIncomplete, fires: true,
			change: func(p picture) { p.Opportunity.Amount = 0 }},
		{name: "complete objective does not fire", rule: RuleObjectiveIncomplete,
			change: func(p picture) { p.Opportunity.Amount = 1 }},
		{name: "objective without close date fires", rule: RuleObjectiveIncomplete, fires: true, detail: "Missing: close date.",
			change: func(p picture) { p.Opportunity.CloseDate = kam.Date{} }},
		{name: "objective with a past close date is complete and does not fire", rule: RuleObjectiveIncomplete,
			change: func(p picture) { p.Opportunity.CloseDate = testToday.AddDays(-10) }},
		{name: "close date yesterday fires", rule: RuleCloseDatePassed, fires: true, severity: high,
			change: func(p picture) { p.Opportunity.CloseDate = testToday.AddDays(-1) }},
		{name: "close date today does not fire", rule: RuleCloseDatePassed,
			change: func(p picture) { p.Opportunity.CloseDate = testToday }},
		{name: "engaged the day after the tender fires", rule: RuleLateEntry, fires: true,
			change: func(p picture) { p.Opportunity.TenderPublishedOn = p.Opportunity.EngagedOn.AddDays(-1) }},
		{name: "engaged the day of the tender does not fire", rule: RuleLateEntry,
			change: func(p picture) { p.Opportunity.TenderPublishedOn = p.Opportunity.EngagedOn }},
		{name: "only a weakness recorded fires", rule: RuleNoStrengths, fires: true,
			change: func(p picture) { p.SWOT[0].Kind = kam.SWOTWeakness }},
		{name: "a strength recorded does not fire", rule: RuleNoStrengths,
			change: func(p picture) {}},
		{name: "next action due in 15 days fires", rule: RuleNoNextAction, fires: true,
			change: func(p picture) { p.Actions[0].Due = testToday.AddDays(15) }},
		{name: "next action due in 14 days does not fire", rule: RuleNoNextAction,
			change: func(p picture) { p.Actions[0].Due = testToday.AddDays(14) }},
		{name: "only a done action fires", rule: RuleNoNextAction, fires: true,
			change: func(p picture) { p.Actions[0].Status = kam.ActionDone }},
		{name: "open action due yesterday fires", rule: RuleOverdueActions, fires: true,
			change: func(p picture) { p.act(kam.Action{Title: "Send proposal", Due: testToday.AddDays(-1)}) }},
		{name: "open action due today does not fire", rule: RuleOverdueActions,
			change: func(p picture) { p.act(kam.Action{Title: "Send proposal", Due: testToday}) }},
		{name: "done action due yesterday does not fire", rule: RuleOverdueActions,
			change: func(p picture) {
				p.act(kam.Action{Title: "Send proposal", Due: testToday.AddDays(-1), Status: kam.ActionDone})
			}},
		{name: "high flag without action fires", rule: RuleUnaddressedHighFlag, fires: true,
			change: func(p picture) { p.Opportunity.Level = kam.LevelIn; p.drop(kam.RoleEconomic) }},
		{name: "high flag with an open action does not fire", rule: RuleUnaddressedHighFlag,
			change: func(p picture) {
				p.Opportunity.Level = kam.LevelIn
				p.drop(kam.RoleEconomic)
				p.act(kam.Action{Title: "Ask who approves", Due: testToday.AddDays(2), AddressesRules: []string{RuleNoEconomic}})
			}},
		{name: "high flag with a done action leveraging a strength does not fire", rule: RuleUnaddressedHighFlag,
			change: func(p picture) {
				p.Opportunity.Level = kam.LevelIn
				p.drop(kam.RoleEconomic)
				p.act(kam.Action{Title: "Reference visit", Due: testToday.AddDays(-2), Status: kam.ActionDone,
					StrengthID: 1, AddressesRules: []string{RuleNoEconomic}})
			}},
		{name: "high flag with a done action and no strength fires", rule: RuleUnaddressedHighFlag, fires: true,
			change: func(p picture) {
				p.Opportunity.Level = kam.LevelIn
				p.drop(kam.RoleEconomic)
				p.act(kam.Action{Title: "Asked", Due: testToday.AddDays(-2), Status: kam.ActionDone, AddressesRules: []string{RuleNoEconomic}})
			}},
		{name: "position +3 fires", rule: RulePositionExtreme, fires: true,
			change: func(p picture) { p.Opportunity.Position = ptr(3) }},
		{name: "position -3 fires", rule: RulePositionExtreme, fires: true,
			change: func(p picture) { p.Opportunity.Position = ptr(-3) }},
		{name: "position +2 does not fire", rule: RulePositionExtreme,
			change: func(p picture) { p.Opportunity.Position = ptr(2) }},
		{name: "reorganising for 89 days fires", rule: RuleReorganization, fires: true,
			change: func(p picture) { p.Account.ReorganisingSince = testToday.AddDays(-89) }},
		{name: "reorganising for 90 days does not fire", rule: RuleReorganization,
			change: func(p picture) { p.Account.ReorganisingSince = testToday.AddDays(-90) }},
		{name: "ideal score 39.9 fires", rule: RuleLowIdealFit, fires: true,
			change: func(p picture) { p.IdealScore = ptr(39.9) }},
		{name: "ideal score 40 does not fire", rule: RuleLowIdealFit,
			change: func(p picture) { p.IdealScore = ptr(40.0) }},
		{name: "no ideal score does not fire", rule: RuleLowIdealFit,
			change: func(p picture) { p.IdealScore = nil }},

		// The funnel.
		{name: "in the funnel with no contacted buyer in Growth or Trouble fires", rule: RulePrematureInFunnel, fires: true,
			change: func(p picture) {
				p.Opportunity.Level = kam.LevelIn
				p.setModes(kam.ModeEvenKeel)
				p.buyer(5).Mode, p.buyer(5).ContactLevel = kam.ModeGrowth, kam.ContactNone
			}},
		{name: "in the funnel with a contacted buyer in Growth does not fire", rule: RulePrematureInFunnel,
			change: func(p picture) {
				p.Opportunity.Level = kam.LevelIn
				p.setModes(kam.ModeEvenKeel)
				p.buyer(5).Mode = kam.ModeGrowth
			}},
		// premature-best-few: each condition fires alone, with a close case
		// that does not.
		{name: "best few closing in 46 days fires", rule: RulePrematureBestFew, fires: true, severity: high,
			detail: "close date 2026-07-31 is beyond half the usual sales cycle (45 days)",
			change: func(p picture) { p.Opportunity.CloseDate = testToday.AddDays(46) }},
		{name: "best few closing in 45 days does not fire", rule: RulePrematureBestFew,
			change: func(p picture) { p.Opportunity.CloseDate = testToday.AddDays(45) }},
		{name: "best few without a close date fires", rule: RulePrematureBestFew, fires: true, detail: "no close date",
			change: func(p picture) { p.Opportunity.CloseDate = kam.Date{} }},
		{name: "best few without a coach fires", rule: RulePrematureBestFew, fires: true, detail: "Not yet Best few: no coach;",
			change: func(p picture) { p.drop(kam.RoleCoach) }},
		{name: "best few keeping one of its two coaches does not fire", rule: RulePrematureBestFew,
			change: func(p picture) { p.buyer(3).Roles = nil }},
		{name: "best few with the Economic buyer uncontacted fires", rule: RulePrematureBestFew, fires: true,
			detail: "the Economic buyer is not contacted or not supporting",
			change: func(p picture) { p.buyer(1).ContactLevel = kam.ContactNone }},
		{name: "best few with the Economic buyer rarely contacted does not fire", rule: RulePrematureBestFew,
			change: func(p picture) { p.buyer(1).ContactLevel = kam.ContactRare }},
		{name: "best few with a neutral Economic buyer fires", rule: RulePrematureBestFew, fires: true,
			detail: "Not yet Best few: the Economic buyer is not contacted or not supporting.",
			change: func(p picture) { p.buyer(1).Rating = ptr(2) }},
		{name: "best few with the Economic buyer rated +3 does not fire", rule: RulePrematureBestFew,
			change: func(p picture) { p.buyer(1).Rating = ptr(3) }},
		{name: "best few with an open high flag fires", rule: RulePrematureBestFew, fires: true,
			detail: "Not yet Best few: open high red flags: Strong opponent.",
			change: func(p picture) { p.buyer(5).Rating = ptr(-4) }},
		{name: "best few with that high flag accepted does not fire", rule: RulePrematureBestFew,
			change: func(p picture) {
				p.buyer(5).Rating = ptr(-4)
				f := findingsOf(Evaluate(p.OpportunityPicture, DefaultSettings(), testNow), RuleStrongOpponent)[0]
				p.Accepted = append(p.Accepted, kam.AcceptedFinding{ID: 1, OpportunityID: 1, RuleID: f.Rule, Subject: f.Subject,
					Fingerprint: f.Fingerprint, Note: "a known sceptic, outweighed", At: testNow})
			}},
		{name: "best few with a buyer rated -3 of low influence (no high flag) does not fire", rule: RulePrematureBestFew,
			change: func(p picture) { p.buyer(5).Rating = ptr(-3) }},
		{name: "in the funnel closing late does not fire", rule: RulePrematureBestFew,
			change: func(p picture) { p.Opportunity.Level = kam.LevelIn; p.Opportunity.CloseDate = testToday.AddDays(80) }},

		// The map as a whole: the dotted lines.
		{name: "opponent who influences the Economic buyer fires high", rule: RuleOpponentInfluencesKey, fires: true, subject: "influence:4", severity: high,
			detail: "Rated -3, influences Wang Wei.",
			change: func(p picture) {
				p.buyer(4).Rating = ptr(-3)
				p.link(kam.LinkInfluences, contactOf(4), contactOf(1))
			}},
		{name: "competitor's coach rated neutral who influences a high-influence buyer fires", rule: RuleOpponentInfluencesKey, fires: true, subject: "influence:5",
			detail: "The competitor's coach influences Li Na.",
			change: func(p picture) {
				p.buyer(5).CompetitorCoach = true
				p.link(kam.LinkInfluences, contactOf(5), contactOf(2))
			}},
		{name: "opponent influenced by the Economic buyer (the other way) does not fire", rule: RuleOpponentInfluencesKey,
			change: func(p picture) {
				p.buyer(4).Rating = ptr(-3)
				p.link(kam.LinkInfluences, contactOf(1), contactOf(4))
			}},
		{name: "opponent who influences a medium-influence buyer does not fire", rule: RuleOpponentInfluencesKey,
			change: func(p picture) {
				p.buyer(5).Rating = ptr(-3)
				p.link(kam.LinkInfluences, contactOf(5), contactOf(4))
			}},
		{name: "neutral buyer who influences the Economic buyer does not fire", rule: RuleOpponentInfluencesKey,
			change: func(p picture) { p.link(kam.LinkInfluences, contactOf(4), contactOf(1)) }},
		{name: "coach in conflict with the Economic buyer fires medium", rule: RuleCoachConflictsKey, fires: true, subject: "influence:3", severity: medium,
			detail: "In conflict with Wang Wei.",
			change: func(p picture) { p.link(kam.LinkConflictsWith, contactOf(1), contactOf(3)) }},
		{name: "coach in conflict with the Technical buyer of medium influence does not fire", rule: RuleCoachConflictsKey,
			change: func(p picture) { p.link(kam.LinkConflictsWith, contactOf(3), contactOf(4)) }},
		{name: "coach who influences the Economic buyer is no conflict", rule: RuleCoachConflictsKey,
			change: func(p picture) { p.link(kam.LinkInfluences, contactOf(3), contactOf(1)) }},
		{name: "contacts off the map who influence key buyers fire, the most connected first", rule: RuleUnseenInfluencer, fires: true,
			subject: SubjectOpportunity, severity: medium, candidates: []int64{901, 900}, detail: "Not on the map: Gao Feng, Sun Li.",
			change: func(p picture) {
				p.outsider(900, "Sun Li")
				p.outsider(901, "Gao Feng")
				p.link(kam.LinkInfluences, 900, contactOf(1))
				p.link(kam.LinkInfluences, 901, contactOf(1))
				p.link(kam.LinkInfluences, 901, contactOf(2))
			}},
		{name: "contact off the map who influences only a medium buyer does not fire", rule: RuleUnseenInfluencer,
			change: func(p picture) {
				p.outsider(900, "Sun Li")
				p.link(kam.LinkInfluences, 900, contactOf(4))
			}},
		{name: "a buyer who influences the Economic buyer is not unseen", rule: RuleUnseenInfluencer,
			change: func(p picture) { p.link(kam.LinkInfluences, contactOf(4), contactOf(1)) }},
		{name: "contact off the map who left the company does not fire", rule: RuleUnseenInfluencer,
			change: func(p picture) {
				p.outsider(900, "Sun Li")
				p.Contacts[len(p.Contacts)-1].Status = kam.ContactLeft
				p.link(kam.LinkInfluences, 900, contactOf(1))
			}},
		{name: "Economic buyer met rarely, with no supporter below or beside them, fires", rule: RuleNoPathToEconomic, fires: true,
			subject: "influence:1", severity: medium,
			change: func(p picture) { p.buyer(1).ContactLevel = kam.ContactRare }},
		{name: "Economic buyer met rarely with a supporter reporting to them does not fire", rule: RuleNoPathToEconomic,
			change: func(p picture) {
				p.buyer(1).ContactLevel = kam.ContactRare
				p.contact(3).ReportsToID = contactOf(1)
			}},
		{name: "Economic buyer met rarely with a supporter who influences them does not fire", rule: RuleNoPathToEconomic,
			change: func(p picture) {
				p.buyer(1).ContactLevel = kam.ContactRare
				p.link(kam.LinkInfluences, contactOf(2), contactOf(1))
			}},
		{name: "Economic buyer met rarely with a neutral buyer reporting to them fires", rule: RuleNoPathToEconomic, fires: true,
			change: func(p picture) {
				p.buyer(1).ContactLevel = kam.ContactRare
				p.contact(4).ReportsToID = contactOf(1)
			}},
		{name: "Economic buyer in frequent contact does not fire", rule: RuleNoPathToEconomic,
			change: func(p picture) {}},

		// The plan: a bundled objective.
		{name: "product and related services in one objective fires low", rule: RuleObjectiveBundled, fires: true, severity: low,
			subject: SubjectOpportunity, detail: "bundles 2: MES; 相关服务",
			change: func(p picture) { p.Opportunity.Product = "MES 及相关服务" }},
		{name: "two products joined by a plus fire", rule: RuleObjectiveBundled, fires: true,
			change: func(p picture) { p.Opportunity.Product = "ERP + WMS" }},
		{name: "one product does not fire", rule: RuleObjectiveBundled,
			change: func(p picture) { p.Opportunity.Product = "MES 二期" }},
		{name: "one product whose scope in brackets names several sites does not fire", rule: RuleObjectiveBundled,
			change: func(p picture) {
				p.Opportunity.Product = "智联一体化办公系统（集团总部及 3 家子公司，8000 用户）"
			}},
		{name: "a number with a thousands comma does not fire", rule: RuleObjectiveBundled,
			change: func(p picture) { p.Opportunity.Product = "Integrated Office System for 4,000 users" }},

		// The conversation.
		{name: "action on the Economic buyer in 3 days without a call plan fires", rule: RuleNoCallPlan, fires: true, subject: "influence:1", severity: medium,
			detail: "Action “Steering meeting” on 2026-06-18 has no call plan",
			change: func(p picture) {
				p.act(kam.Action{Title: "Steering meeting", Due: testToday.AddDays(3), TargetInfluenceID: 1})
			}},
		{name: "planned call with a key buyer lacking a minimum commitment fires", rule: RuleNoCallPlan, fires: true, subject: "influence:2",
			change: func(p picture) { p.plan(2, "pilot order", "", 2) }},
		{name: "action on the Economic buyer with a full call plan does not fire", rule: RuleNoCallPlan,
			change: func(p picture) {
				p.act(kam.Action{Title: "Steering meeting", Due: testToday.AddDays(3), TargetInfluenceID: 1})
				p.plan(3, "sign the pilot", "agree the pilot's scope", 1)
			}},
		{name: "action on the Economic buyer in 10 days does not fire yet", rule: RuleNoCallPlan,
			change: func(p picture) {
				p.act(kam.Action{Title: "Steering meeting", Due: testToday.AddDays(10), TargetInfluenceID: 1})
			}},
		{name: "action with a low-influence buyer only does not fire", rule: RuleNoCallPlan,
			change: func(p picture) { p.act(kam.Action{Title: "Training", Due: testToday.AddDays(2), TargetInfluenceID: 5}) }},
		{name: "two calls with the Economic buyer ending in continuation and no sale fire", rule: RuleContinuationStreak, fires: true,
			subject: "influence:1", severity: medium,
			change: func(p picture) {
				p.call(4, kam.OutcomeContinuation, 1)
				p.call(2, kam.OutcomeNoSale, 1)
			}},
		{name: "a call without an outcome between two stalled ones breaks the streak", rule: RuleContinuationStreak,
			change: func(p picture) {
				p.call(20, kam.OutcomeContinuation, 1) // then the healthy picture's visit 5 days ago
				p.call(2, kam.OutcomeNoSale, 1)
			}},
		{name: "an advance in the last two calls does not fire", rule: RuleContinuationStreak,
			change: func(p picture) {
				p.call(4, kam.OutcomeContinuation, 1)
				p.call(2, kam.OutcomeAdvance, 1)
			}},
		{name: "two stalled calls with a low-influence buyer do not fire", rule: RuleContinuationStreak,
			change: func(p picture) {
				p.call(20, kam.OutcomeContinuation, 5)
				p.call(4, kam.OutcomeNoSale, 5)
			}},
		{name: "a stalled call planned ahead does not count", rule: RuleContinuationStreak,
			change: func(p picture) {
				p.call(20, kam.OutcomeContinuation, 1)
				p.call(-2, kam.OutcomeNoSale, 1)
			}},
		{name: "Economic buyer with only an implied need fires", rule: RuleNoExplicitNeed, fires: true, subject: "influence:1", severity: medium,
			detail: "implied needs: 1",
			change: func(p picture) { p.Needs = nil; p.need(1, kam.NeedImplied, false) }},
		{name: "no explicit need above the funnel does not fire", rule: RuleNoExplicitNeed,
			change: func(p picture) { p.Needs = nil; p.Opportunity.Level = kam.LevelAbove }},
		{name: "explicit need of another buyer does not count for the Economic buyer", rule: RuleNoExplicitNeed, fires: true,
			change: func(p picture) { p.Needs = nil; p.need(2, kam.NeedExplicit, true) }},
		{name: "explicit needs none linked fire low", rule: RuleNeedsNotLinked, fires: true, subject: "influence:2", severity: low,
			change: func(p picture) { p.need(2, kam.NeedExplicit, false); p.need(2, kam.NeedExplicit, false) }},
		{name: "one of two explicit needs linked does not fire", rule: RuleNeedsNotLinked,
			change: func(p picture) { p.need(2, kam.NeedExplicit, false); p.need(2, kam.NeedExplicit, true) }},
		{name: "implied needs alone do not fire", rule: RuleNeedsNotLinked,
			change: func(p picture) { p.need(2, kam.NeedImplied, false) }},
		{name: "best few last reviewed 30 days ago fires", rule: RuleReviewOverdue, fires: true, subject: SubjectOpportunity, severity: medium,
			detail: "Last review: 2026-05-16 (30 days ago).",
			change: func(p picture) { p.LastReviewAt = ptr(testNow.AddDate(0, 0, -30)) }},
		{name: "best few reviewed 10 days ago does not fire", rule: RuleReviewOverdue,
			change: func(p picture) {}},
		{name: "large deal in the funnel never reviewed fires", rule: RuleReviewOverdue, fires: true,
			change: func(p picture) { p.Opportunity.Level = kam.LevelIn; p.LastReviewAt = nil }},
		{name: "small deal in the funnel never reviewed does not fire", rule: RuleReviewOverdue,
			change: func(p picture) {
				p.Opportunity.Level, p.Opportunity.Amount = kam.LevelIn, 300_000
				p.LastReviewAt = nil
			}},

		// Decided deals: the funnel rules read the level the deal reached.
		{name: "lost deal that reached In the funnel with no contacted buyer in Growth or Trouble fires", rule: RulePrematureInFunnel, fires: true,
			change: func(p picture) {
				p.Opportunity.Level, p.Opportunity.ReachedLevel = kam.LevelLost, kam.LevelIn
				p.setModes(kam.ModeEvenKeel)
			}},
		{name: "lost deal that reached only Above the funnel with no buyer in Growth or Trouble does not fire", rule: RulePrematureInFunnel,
			change: func(p picture) {
				p.Opportunity.Level, p.Opportunity.ReachedLevel = kam.LevelLost, kam.LevelAbove
				p.setModes(kam.ModeEvenKeel)
			}},
		{name: "lost deal that reached Best few is not premature In the funnel", rule: RulePrematureInFunnel,
			change: func(p picture) {
				p.Opportunity.Level, p.Opportunity.ReachedLevel = kam.LevelLost, kam.LevelBestFew
				p.setModes(kam.ModeEvenKeel)
			}},
		{name: "won deal that reached Best few closing in 46 days fires", rule: RulePrematureBestFew, fires: true,
			change: func(p picture) {
				p.Opportunity.Level, p.Opportunity.ReachedLevel = kam.LevelWon, kam.LevelBestFew
				p.Opportunity.CloseDate = testToday.AddDays(46)
			}},
		{name: "won deal that reached Best few and qualified does not fire", rule: RulePrematureBestFew,
			change: func(p picture) { p.Opportunity.Level, p.Opportunity.ReachedLevel = kam.LevelWon, kam.LevelBestFew }},
		{name: "won deal that reached only In the funnel closing in 46 days does not fire", rule: RulePrematureBestFew,
			change: func(p picture) {
				p.Opportunity.Level, p.Opportunity.ReachedLevel = kam.LevelWon, kam.LevelIn
				p.Opportunity.CloseDate = testToday.AddDays(46)
			}},
	}
	seen := map[string][2]bool{}
	for _, c := range cases {
		s := seen[c.rule]
		if c.fires {
			s[0] = true
		} else {
			s[1] = true
		}
		seen[c.rule] = s
		t.Run(c.rule+"/"+c.name, func(t *testing.T) {
			t.Parallel()
			p := healthyPicture()
			c.change(p)
			got := findingsOf(Evaluate(p.OpportunityPicture, DefaultSettings(), testNow), c.rule)
			if !c.fires {
				if len(got) > 0 {
					t.Fatalf("%s fired: %s", c.rule, got[0].Detail.EN)
				}
				return
			}
			if len(got) == 0 {
				t.Fatalf("%s did not fire", c.rule)
			}
			f := got[0]
			if c.subject != "" && f.Subject != c.subject {
				t.Errorf("subject = %q, want %q", f.Subject, c.subject)
			}
			if c.severity != "" && f.Severity != c.severity {
				t.Errorf("severity = %q, want %q", f.Severity, c.severity)
			}
			if c.candidates != nil {
				var ids []int64
				for _, x := range f.Candidates {
					ids = append(ids, x.ContactID)
				}
				if !slices.Equal(ids, c.candidates) {
					t.Errorf("candidates = %v, want %v", ids, c.candidates)
				}
			}
			if c.detail != "" && !strings.Contains(f.Detail.EN, c.detail) {
				t.Errorf("detail %q lacks %q", f.Detail.EN, c.detail)
			}
			if f.Title.EN == "" || f.Title.ZH == "" || f.Why.ZH == "" || f.Next.ZH == "" {
				t.Errorf("finding lacks bilingual words: %+v", f)
			}
			if len(f.Fingerprint) != 16 {
				t.Errorf("fingerprint %q is not 16 hex digits", f.Fingerprint)
			}
		})
	}
	for _, r := range Catalogue() {
		if s := seen[r.ID]; !s[0] || !s[1] {
			t.Errorf("rule %s lacks a case that fires (%v) or one that must not (%v)", r.ID, s[0], s[1])
		}
	}
}

func TestCoachCandidates(t *testing.T) {
	t.Parallel()
	t.Run("coach left: supporters ranked, the coaches and the weak left out", func(t *testing.T) {
		t.Parallel()
		p := healthyPicture()
		p.buyer(3).Roles = nil // now a supporter with medium influence
		p.contact(2).Status = kam.ContactLeft
		p.buyer(4).Rating = ptr(4) // medium influence supporter, middle rank, rare
		p.buyer(5).Rating = ptr(5) // low influence: never a candidate
		got := findingsOf(Evaluate(p.OpportunityPicture, DefaultSettings(), testNow), RuleCoachLeft)
		if len(got) != 1 {
			t.Fatalf("coach-left findings = %d, want 1", len(got))
		}
		var ids []int64
		for _, c := range got[0].Candidates {
			ids = append(ids, c.InfluenceID)
			if c.Reason.EN == "" || c.Reason.ZH == "" {
				t.Errorf("candidate %d has no reason", c.InfluenceID)
			}
		}
		// 1: 10·2 + 4 + 4 + 2 = 30; 3: 10·1 + 3 + 3 + 1 = 17; 4: 10·1 + 4 + 2 + 1 = 17 (tie → lower id).
		if want := []int64{1, 3, 4}; !slices.Equal(ids, want) {
			t.Errorf("candidates = %v, want %v", ids, want)
		}
		if got[0].Candidates[0].Score != 30 {
			t.Errorf("top score = %v, want 30", got[0].Candidates[0].Score)
		}
	})
	t.Run("no coach: a neutral buyer is no candidate", func(t *testing.T) {
		t.Parallel()
		p := healthyPicture()
		p.drop(kam.RoleCoach)
		p.buyer(2).Rating = ptr(2)
		got := findingsOf(Evaluate(p.OpportunityPicture, DefaultSettings(), testNow), RuleNoCoach)
		if len(got) != 1 {
			t.Fatalf("no-coach findings = %d, want 1", len(got))
		}
		var ids []int64
		for _, c := range got[0].Candidates {
			ids = append(ids, c.InfluenceID)
		}
		if want := []int64{1, 3}; !slices.Equal(ids, want) {
			t.Errorf("candidates = %v, want %v", ids, want)
		}
	})
}

func TestAcceptedFindings(t *testing.T) {
	t.Parallel()
	base := healthyPicture()
	base.contact(2).Status = kam.ContactLeft
	base.contact(2).StatusDate = kam.NewDate(2026, 6, 1)
	first := findingsOf(Evaluate(base.OpportunityPicture, DefaultSettings(), testNow), RuleCoachLeft)
	if len(first) != 1 {
		t.Fatalf("coach-left findings = %d, want 1", len(first))
	}
	accept := kam.AcceptedFinding{ID: 9, OpportunityID: 1, RuleID: RuleCoachLeft, Subject: first[0].Subject,
		Fingerprint: first[0].Fingerprint, Note: "She still advises us", ByUserID: 7, At: testNow}

	cases := []struct {
		name     string
		change   func(p picture)
		accepted bool
	}{
		{"same facts stay accepted", func(p picture) {}, true},
		{"coach moved instead of left reopens", func(p picture) { p.contact(2).Status = kam.ContactMoved }, false},
		{"another departure date reopens", func(p picture) { p.contact(2).StatusDate = kam.NewDate(2026, 6, 2) }, false},
		{"acceptance of another subject does not apply", func(p picture) { p.Accepted[0].Subject = "influence:3" }, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p := healthyPicture()
			p.contact(2).Status = kam.ContactLeft
			p.contact(2).StatusDate = kam.NewDate(2026, 6, 1)
			p.Accepted = []kam.AcceptedFinding{accept}
			c.change(p)
			fs := Evaluate(p.OpportunityPicture, DefaultSettings(), testNow)
			got := findingsOf(fs, RuleCoachLeft)
			if len(got) != 1 {
				t.Fatalf("coach-left findings = %d, want 1", len(got))
			}
			if (got[0].Accepted != nil) != c.accepted {
				t.Fatalf("accepted = %v, want %v", got[0].Accepted != nil, c.accepted)
			}
			if c.accepted && got[0].Accepted.Note != accept.Note {
				t.Errorf("accepted note = %q", got[0].Accepted.Note)
			}
			// An accepted high flag needs no action; an open one does.
			unaddressed := findingsOf(fs, RuleUnaddressedHighFlag)
			if c.accepted && len(unaddressed) > 0 {
				t.Errorf("unaddressed-high-flag fired although the only high flag is accepted: %s", unaddressed[0].Detail.EN)
			}
			if !c.accepted && len(unaddressed) == 0 {
				t.Errorf("unaddressed-high-flag did not fire for the open coach-left")
			}
		})
	}
}

func TestEvaluateOrder(t *testing.T) {
	t.Parallel()
	p := healthyPicture()
	p.Opportunity.Level = kam.LevelIn
	p.Opportunity.Position = ptr(3)           // low, opportunity
	p.buyer(5).ContactLevel = kam.ContactNone // medium uncontacted
	p.buyer(4).ContactLevel = kam.ContactNone // medium uncontacted
	p.buyer(4).Rating = ptr(-4)               // high strong-opponent + technical-veto
	p.drop(kam.RoleEconomic)                  // high no-economic
	fs := Evaluate(p.OpportunityPicture, DefaultSettings(), testNow)
	var got []string
	for _, f := range fs {
		got = append(got, f.Rule+"@"+f.Subject)
	}
	want := []string{
		"no-economic@opportunity",
		"strong-opponent@influence:4",
		"technical-veto@influence:4",
		"uncontacted@influence:4",
		"uncontacted@influence:5",
		"missing-info@influence:1", // no role left: a key buyer by influence alone
		"unaddressed-high-flag@opportunity",
		"position-extreme@opportunity",
	}
	if !slices.Equal(got, want) {
		t.Errorf("order:\n got %v\nwant %v", got, want)
	}
}

func TestEvaluateIsDeterministic(t *testing.T) {
	t.Parallel()
	p := healthyPicture()
	p.drop(kam.RoleCoach)
	p.buyer(4).Rating = ptr(-5)
	a := Evaluate(p.OpportunityPicture, DefaultSettings(), testNow)
	b := Evaluate(p.OpportunityPicture, DefaultSettings(), testNow)
	if len(a) != len(b) || len(a) == 0 {
		t.Fatalf("lengths %d and %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Rule != b[i].Rule || a[i].Fingerprint != b[i].Fingerprint || a[i].Detail != b[i].Detail {
			t.Errorf("finding %d differs: %+v vs %+v", i, a[i], b[i])
		}
	}
}

func TestSettingsValidate(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		change func(s *Settings)
		field  string
	}{
		{"defaults are valid", func(s *Settings) {}, ""},
		{"zero stale days is invalid", func(s *Settings) { s.StaleContactDays = 0 }, "stale_contact_days"},
		{"one new-in-job day is valid", func(s *Settings) { s.NewInJobDays = 1 }, ""},
		{"sales cycle of eleven years is invalid", func(s *Settings) { s.SalesCycleDays = 4000 }, "sales_cycle_days"},
		{"ideal fit 101 is invalid", func(s *Settings) { s.LowIdealFit = 101 }, "low_ideal_fit"},
		{"ideal fit 100 is valid", func(s *Settings) { s.LowIdealFit = 100 }, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s := DefaultSettings()
			c.change(&s)
			err := s.Validate()
			if c.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			var ve *kam.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Validate() = %v, want *kam.ValidationError", err)
			}
			if _, ok := ve.Fields[c.field]; !ok || len(ve.Fields) != 1 {
				t.Errorf("fields = %v, want only %s", ve.Fields, c.field)
			}
			if ve.Fields[c.field].ZH == "" {
				t.Errorf("no Chinese message for %s", c.field)
			}
		})
	}
}

// TestBuyerDetailsDoNotRepeatTheName checks every golden finding about a
// buyer: the sheet shows "name: detail", so the detail must not name the
// buyer again ("张建国: 张建国 处于…", issue 9).
func TestBuyerDetailsDoNotRepeatTheName(t *testing.T) {
	t.Parallel()
	n := 0
	for _, p := range goldenPictures() {
		// A name two buyers share may rightly name the other one.
		names := map[string]int{}
		for _, c := range p.Contacts {
			names[c.Name]++
		}
		for _, f := range Evaluate(p, DefaultSettings(), testNow) {
			if f.InfluenceID == 0 {
				if f.SubjectName != "" {
					t.Fatalf("%s about the deal has a subject name %q", f.Rule, f.SubjectName)
				}
				continue
			}
			n++
			if f.SubjectName == "" {
				t.Fatalf("%s on %s has no subject name", f.Rule, f.Subject)
			}
			repeats := strings.HasPrefix(f.Detail.EN, f.SubjectName) || strings.HasPrefix(f.Detail.ZH, f.SubjectName)
			if names[f.SubjectName] < 2 {
				repeats = repeats || strings.Contains(f.Detail.EN, f.SubjectName) || strings.Contains(f.Detail.ZH, f.SubjectName)
			}
			if repeats {
				t.Fatalf("%s about %s repeats the name: %q / %q", f.Rule, f.SubjectName, f.Detail.EN, f.Detail.ZH)
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d findings about buyers checked", n)
	}
}

// TestNoCoachWithoutCandidatesSaysSo checks that no-coach and coach-left do
// not point at a list of candidates that is empty (issue 9).
func TestNoCoachWithoutCandidatesSaysSo(t *testing.T) {
	t.Parallel()
	for _, rule := range []string{RuleNoCoach, RuleCoachLeft} {
		t.Run(rule, func(t *testing.T) {
			t.Parallel()
			for _, withCandidate := range []bool{true, false} {
				p := healthyPicture()
				if rule == RuleNoCoach {
					p.drop(kam.RoleCoach)
				} else {
					p.buyer(3).Roles = nil
					p.contact(2).Status = kam.ContactLeft
				}
				if !withCandidate {
					for i := range p.Influences {
						p.Influences[i].Rating = ptr(2) // nobody supports us: nobody qualifies
					}
				}
				fs := findingsOf(Evaluate(p.OpportunityPicture, DefaultSettings(), testNow), rule)
				if len(fs) != 1 {
					t.Fatalf("%d %s findings", len(fs), rule)
				}
				f := fs[0]
				listed := strings.Contains(f.Next.ZH, "候选人已列出") || strings.Contains(f.Next.EN, "candidates are listed")
				if withCandidate != (len(f.Candidates) > 0) || listed != withCandidate {
					t.Errorf("candidates %d, next %q / %q", len(f.Candidates), f.Next.EN, f.Next.ZH)
				}
			}
		})
	}
}
