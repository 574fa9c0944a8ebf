package method

import "slices"

// The dispatch: which function implements each rule of the catalogue, and
// the order Evaluate runs them in. The rules themselves live in files by the
// catalogue's sections (rules_roles.go, rules_coach.go, …).

// ruleFunc appends the findings of one rule to v.out.
type ruleFunc func(v *view)

// rules maps every catalogue id to its implementation.
var rules = map[string]ruleFunc{
	RuleNoEconomic:            ruleNoEconomic,
	RuleSeveralEconomic:       ruleSeveralEconomic,
	RuleNoCoach:               ruleNoCoach,
	RuleNoTechnical:           ruleNoTechnical,
	RuleNoUser:                ruleNoUser,
	RuleCoachLeft:             ruleCoachLeft,
	RuleCoachJunior:           ruleCoachJunior,
	RuleCoachNotSupportive:    ruleCoachNotSupportive,
	RuleSingleCoach:           ruleSingleCoach,
	RuleBypassCoach:           ruleBypassCoach,
	RuleUncontacted:           ruleUncontacted,
	RuleOpposesHigh:           ruleOpposesHigh,
	RuleStrongOpponent:        ruleStrongOpponent,
	RuleTechnicalVeto:         ruleTechnicalVeto,
	RuleEconomicMode:          ruleEconomicMode,
	RuleNoUrgency:             ruleNoUrgency,
	RuleMissingInfo:           ruleMissingInfo,
	RuleWinResultMissing:      ruleWinResultMissing,
	RuleNewInJob:              ruleNewInJob,
	RuleNoCounterpart:         ruleNoCounterpart,
	RuleStaleContact:          ruleStaleContact,
	RuleFeedbackContradicts:   ruleFeedbackContradicts,
	RuleNoVITO:                ruleNoVITO,
	RuleSingleThreaded:        ruleSingleThreaded,
	RuleMajorityNotSupportive: ruleMajorityNotSupportive,
	RuleTooRosy:               ruleTooRosy,
	RuleOpponentInfluencesKey: ruleOpponentInfluencesKey,
	RuleCoachConflictsKey:     ruleCoachConflictsKey,
	RuleUnseenInfluencer:      ruleUnseenInfluencer,
	RuleNoPathToEconomic:      ruleNoPathToEconomic,
	RuleObjectiveIncomplete:   ruleObjectiveIncomplete,
	RuleCloseDatePassed:       ruleCloseDatePassed,
	RuleLateEntry:             ruleLateEntry,
	RuleNoStrengths:           ruleNoStrengths,
	RuleNoNextAction:          ruleNoNextAction,
	RuleOverdueActions:        ruleOverdueActions,
	RuleUnaddressedHighFlag:   ruleUnaddressedHighFlag,
	RulePositionExtreme:       rulePositionExtreme,
	RuleReorganization:        ruleReorganization,
	RuleLowIdealFit:           ruleLowIdealFit,
	RuleObjectiveBundled:      ruleObjectiveBundled,
	RuleNoCallPlan:            ruleNoCallPlan,
	RuleContinuationStreak:    ruleContinuationStreak,
	RuleNoExplicitNeed:        ruleNoExplicitNeed,
	RuleNeedsNotLinked:        ruleNeedsNotLinked,
	RuleReviewOverdue:         ruleReviewOverdue,
	RulePrematureInFunnel:     rulePrematureInFunnel,
	RulePrematureBestFew:      rulePrematureBestFew,
}

// Rules that read other findings run after the rest, in this order:
// premature-best-few asks for "no open high finding", and
// unaddressed-high-flag looks at every high finding, premature-best-few
// included.
var laterRules = []string{RulePrematureBestFew, RuleUnaddressedHighFlag}

// firstRules are the rules that read only the picture, in catalogue order;
// firstRuleIndex holds their places in the catalogue.
var firstRules, firstRuleIndex = func() ([]ruleFunc, []int) {
	var fs []ruleFunc
	var idx []int
	for i, r := range catalogue {
		if !slices.Contains(laterRules, r.ID) {
			fs = append(fs, rules[r.ID])
			idx = append(idx, i)
		}
	}
	return fs, idx
}()
