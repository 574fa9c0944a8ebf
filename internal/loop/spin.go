package loop

import (
	"fmt"
	"strings"

	"kam/internal/kam"
)

// MaxSituation is the most Situation questions a draft holds: the course
// warns against overusing them (they ask the buyer to work for us).
const MaxSituation = 2

// MaxDraft bounds the questions drafted for one attendee.
const MaxDraft = 8

// Draft is one drafted question, with the reason kam proposes it.
type Draft struct {
	Kind kam.QuestionKind `json:"kind"`
	Text kam.Text         `json:"text"`
	Why  kam.Text         `json:"why"`
}

// subject holds what the drafting reads about one attendee.
type subject struct {
	name, deal, product, account string
	buyer                        *kam.BuyingInfluence
	implied, explicit            []kam.Need
}

func subjectOf(p *kam.OpportunityPicture, contactID int64) subject {
	s := subject{deal: p.Opportunity.Name, product: p.Opportunity.Product, account: p.Account.Name}
	if s.product == "" {
		s.product = s.deal
	}
	for _, c := range p.Contacts {
		if c.ID == contactID {
			s.name = c.Name
		}
	}
	for i := range p.Influences {
		if p.Influences[i].ContactID == contactID {
			s.buyer = &p.Influences[i]
		}
	}
	for _, n := range p.Needs {
		if n.ContactID != contactID {
			continue
		}
		if n.Kind == kam.NeedExplicit {
			s.explicit = append(s.explicit, n)
		} else {
			s.implied = append(s.implied, n)
		}
	}
	return s
}

// DraftQuestions drafts the SPIN questions to ask contact contactID in a
// call on the picture's deal, from what the map lacks about them and from
// their mode and role, in the method's words, for the seller to edit:
//   - not on the map, or with unknown role or influence: Situation
//     questions about the decision;
//   - unknown mode: a Situation question that reads how they see things;
//   - Trouble: Problem and Need-payoff questions about the trouble;
//   - Even Keel (above all the Economic buyer): Implication questions that
//     reveal a gap they do not see;
//   - Growth: Need-payoff questions about the result they want;
//   - Overconfident: an Implication question that tests the comfort;
//   - no recorded win-result: Need-payoff questions that draw it out;
//   - an implied need not yet stated as a want: an Implication and a
//     Need-payoff question that turn it into an explicit need.
//
// The draft never holds more than MaxSituation Situation questions nor more
// than MaxDraft in all, and lists them in SPIN order.
func DraftQuestions(p *kam.OpportunityPicture, contactID int64) []Draft {
	s := subjectOf(p, contactID)
	var out []Draft
	add := func(k kam.QuestionKind, text, why kam.Text) {
		out = append(out, Draft{Kind: k, Text: text, Why: why})
	}
	b := s.buyer

	// What the map lacks about the decision.
	if b == nil || len(b.Roles) == 0 || b.Influence == kam.InfluenceUnknown || b.Influence == "" {
		why := kam.T("their part in the decision is not on the map yet", "此人在决策中的角色尚未标注")
		if b == nil {
			why = kam.T("they are not a buyer on this deal yet", "此人还不是本商机的购买影响者")
		}
		add(kam.QuestionSituation,
			kam.T(fmt.Sprintf("Besides you, who will weigh in on %s, and who gives the final yes?", s.deal),
				fmt.Sprintf("除了您，还有谁会参与“%s”的决定？最终由谁拍板？", s.deal)), why)
		add(kam.QuestionSituation,
			kam.T(fmt.Sprintf("How does %s usually decide on a purchase like %s: the steps, the timing, the budget?", s.account, s.product),
				fmt.Sprintf("%s通常如何决定像“%s”这样的采购：流程、时间、预算怎样安排？", s.account, s.product)), why)
	}

	mode := kam.ModeUnknown
	economic := false
	if b != nil {
		mode = b.Mode
		economic = b.HasRole(kam.RoleEconomic)
	}
	switch mode {
	case kam.ModeTrouble:
		why := kam.T("in Trouble mode: something is going wrong now; find it and fix it fast", "处于“不知所措”模式：眼下出了问题，找准问题，尽快解决")
		if len(s.implied) > 0 {
			w := s.implied[len(s.implied)-1].Words
			add(kam.QuestionProblem,
				kam.T(fmt.Sprintf("You mentioned \"%s\": how often does it happen, and where does it hurt most?", w),
					fmt.Sprintf("您提到“%s”：这种情况多久发生一次？哪里影响最大？", w)), why)
		} else {
			add(kam.QuestionProblem,
				kam.T("What is going wrong right now that makes this urgent for you?", "眼下是什么问题让这件事对您变得紧迫？"), why)
		}
		add(kam.QuestionProblem,
			kam.T("What have you tried so far, and why has it not been enough?", "到目前为止您尝试过哪些办法？为什么还不够？"), why)
		add(kam.QuestionNeedPayoff,
			kam.T("If this were solved within a few weeks, what would it mean for you and your team?", "如果几周内解决这个问题，对您和您的团队意味着什么？"), why)
	case kam.ModeEvenKeel:
		why := kam.T("in Even Keel mode: sees no gap, so reveal one they have not seen", "处于“四平八稳”模式：看不到差距，要帮其发现未察觉的差距")
		if economic {
			why = kam.T("the Economic buyer is in Even Keel mode: without a gap they see, no money is released; reveal an unseen gap", "财务决策者处于“四平八稳”模式：看不到差距就不会批钱，要揭示其未察觉的差距")
			add(kam.QuestionImplication,
				kam.T(fmt.Sprintf("If things stay as they are for another year, what will that cost %s?", s.account),
					fmt.Sprintf("如果维持现状再过一年，%s要付出什么代价？", s.account)), why)
			add(kam.QuestionImplication,
				kam.T("Where could today's way of working hold back the results you are measured on?", "现在的做法在哪些方面可能拖累您负责的业绩？"), why)
			add(kam.QuestionImplication,
				kam.T("What happens to your plans if a competitor of yours moves first on this?", "如果您的竞争对手在这方面先行一步，您的计划会受到什么影响？"), why)
		} else {
			add(kam.QuestionImplication,
				kam.T("What would have to change for the current set-up to become a problem?", "现有方式在什么情况下会变成问题？"), why)
			add(kam.QuestionImplication,
				kam.T("Who else is affected when it does not work as planned, and how?", "当事情没有按计划进行时，还有谁会受影响？怎样受影响？"), why)
		}
	case kam.ModeGrowth:
		why := kam.T("in Growth mode: wants more than today; show how we close the gap", "处于“高瞻远瞩”模式：想要比现在更好，展示我们如何弥补差距")
		add(kam.QuestionImplication,
			kam.T("What stands between you and the result you want today?", "今天是什么阻碍着您达到想要的结果？"), why)
		add(kam.QuestionNeedPayoff,
			kam.T(fmt.Sprintf("What result do you want from %s, and how will you measure it?", s.deal),
				fmt.Sprintf("您希望“%s”带来什么结果？您会怎样衡量？", s.deal)), why)
	case kam.ModeOverconfident:
		why := kam.T("in Overconfident mode: sees things better than needed; do not push, test the comfort", "处于“自我陶醉”模式：自认为好得超出需要；不要硬推，检验其判断")
		add(kam.QuestionImplication,
			kam.T("What would have to happen for today's results to slip?", "在什么情况下现在的成绩会下滑？"), why)
	default:
		add(kam.QuestionSituation,
			kam.T("How do you see things at the moment: better than you want, about right, or short of where they should be?", "您怎么看目前的情况：比预期好、差不多，还是没达到应有的水平？"),
			kam.T("their response mode is not known", "其反馈模式未知"))
	}

	// The win-result.
	if b != nil && strings.TrimSpace(b.BusinessResult) == "" {
		add(kam.QuestionNeedPayoff,
			kam.T(fmt.Sprintf("Which result of your unit would %s move, and by how much?", s.product),
				fmt.Sprintf("“%s”会改善您部门的哪项业绩？改善多少？", s.product)),
			kam.T("no business result is recorded for them", "尚未记录其业务结果"))
	}
	if b != nil && strings.TrimSpace(b.PersonalWin) == "" {
		add(kam.QuestionNeedPayoff,
			kam.T("If this goes well, what would it mean for you personally?", "如果这件事做成了，对您个人意味着什么？"),
			kam.T("no personal win is recorded for them", "尚未记录其个人赢的标准"))
	}

	// An implied need waits to be stated as a want.
	if len(s.implied) > 0 && len(s.explicit) == 0 && mode != kam.ModeTrouble {
		w := s.implied[len(s.implied)-1].Words
		why := kam.T("an implied need (a complaint) must become an explicit need (a stated want)", "隐含需求（抱怨）要转化为明确需求（明确的想要）")
		add(kam.QuestionImplication,
			kam.T(fmt.Sprintf("You mentioned \"%s\": what does it lead to further down the line?", w),
				fmt.Sprintf("您提到“%s”：这会进一步带来什么后果？", w)), why)
		add(kam.QuestionNeedPayoff,
			kam.T(fmt.Sprintf("Would it help you if \"%s\" went away? What would that be worth?", w),
				fmt.Sprintf("如果“%s”的问题消除了，对您有帮助吗？价值有多大？", w)), why)
	}
	return order(out)
}

// order puts drafts in SPIN order, keeps at most MaxSituation Situation
// questions and MaxDraft in all, and drops repeats.
func order(ds []Draft) []Draft {
	var out []Draft
	seen := map[string]bool{}
	for _, k := range kam.QuestionKinds {
		n := 0
		for _, d := range ds {
			if d.Kind != k || seen[d.Text.EN] {
				continue
			}
			if k == kam.QuestionSituation && n == MaxSituation {
				continue
			}
			seen[d.Text.EN] = true
			n++
			out = append(out, d)
		}
	}
	if len(out) > MaxDraft {
		// Keep the questions the method rates strongest: drop Situation
		// first, then from the front.
		for len(out) > MaxDraft && out[0].Kind == kam.QuestionSituation {
			out = out[1:]
		}
		out = out[:min(len(out), MaxDraft)]
	}
	return out
}

// Questions turns drafts into a plan's questions in one language.
func Questions(ds []Draft, l kam.Locale) []kam.Question {
	out := make([]kam.Question, len(ds))
	for i, d := range ds {
		out[i] = kam.Question{Kind: d.Kind, Text: d.Text.In(l)}
	}
	return out
}
