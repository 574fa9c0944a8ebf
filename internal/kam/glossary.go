package kam

// Term is one word of the method with a one-line explanation: the other half
// of the product's vocabulary (labels.go names enum values, fields.go the
// records' fields). A page shows the explanation on hover or focus.
type Term struct {
	Name    Text
	Explain Text
}

// glossary holds the method's terms by id (see the methodology: CUTE roles,
// response modes, funnel levels, red flags and strengths, …). Where a term is
// also an enum value or a field its name is read from that table, so the
// two cannot drift apart.
var glossary = map[string]Term{
	"buying-influence": {T("Buying influence", "购买影响者"),
		T("A person who takes part in the buying decision of one opportunity; one person may hold several roles.",
			"参与某个商机购买决策的人；一个人可以同时承担多个角色。")},
	"coach": {labels[RoleCoach],
		T("Our inside guide: tells us when the project is approved, how buyers react and where competitors stand. Our success is their success.",
			"我们的内线：告诉我们项目何时立项、采购方的反应和竞争对手的位置。我们的成功就是他们的成功。")},
	"user": {labels[RoleUser],
		T("Uses the product or directs its use and judges its effect on their work; often neglected, and a bad word from users sinks a deal.",
			"使用产品或指导使用，评价其对工作的影响；常被忽视，用户的差评会让单子失败。")},
	"technical": {T("Technical buyer", labels[RoleTechnical].ZH),
		T("Screens suppliers against specifications; cannot say the final yes but can veto.",
			"按规格筛选供应商；不能最终拍板，但可以否决。")},
	"economic": {T("Economic buyer", labels[RoleEconomic].ZH),
		T("Gives final approval and releases the money; can overrule everyone. Exactly one per objective.",
			"最终批准并拨款，可以否决所有人。每个销售目标只有一个。")},
	"vito": {T("VITO", "VITO（非常重要的高层官员）"),
		T("Very Important Top Officer: the highest decision maker for this project. VITOs buy results, not products.",
			"本项目的最高决策者（不一定是CEO）。高层买的是结果，不是产品。")},
	"response-mode": {fields[FieldMode],
		T("A buyer's perception of the gap between today's reality and the results they want: Growth, Trouble, Even Keel or Overconfident.",
			"购买影响者对现状与期望结果之间差距的认知：高瞻远瞩、不知所措、四平八稳或自我陶醉。")},
	"growth": {labels[ModeGrowth],
		T("Wants more or better than today: high odds; show how we close the gap.",
			"希望比现在更多更好：成交机会高；展示我们如何弥补差距。")},
	"trouble": {labels[ModeTrouble],
		T("Something is going wrong now: high odds, most urgent; fix the problem fast.",
			"现在出了问题：成交机会高且最紧迫；尽快解决问题。")},
	"even-keel": {labels[ModeEvenKeel],
		T("Sees no gap: low odds; show the risk ahead or lean on a buyer in Growth or Trouble.",
			"看不到差距：成交机会低；揭示潜在风险，或借助高瞻远瞩或不知所措的购买影响者。")},
	"overconfident": {labels[ModeOverconfident],
		T("Sees things as better than needed: odds near zero; do not push, wait or work through others.",
			"认为现状好于所需：几乎没有机会；不要强推，等待或通过他人推动。")},
	"funnel": {T("Funnel", "漏斗"),
		T("Where every deal stands: above the funnel, in the funnel, best few, won or lost.",
			"每个商机所处的位置：漏斗之上、漏斗之中、最佳少数、赢单或丢单。")},
	"above-funnel": {labels[LevelAbove],
		T("A possible fit, not yet verified.", "可能合适，尚未验证。")},
	"in-funnel": {labels[LevelIn],
		T("Fit verified and at least one buyer in Growth or Trouble contacted about it.",
			"已验证合适，并已就此接触至少一位高瞻远瞩或不知所措的购买影响者。")},
	"best-few": {labels[LevelBestFew],
		T("About 90% sure, closing within half the normal cycle, only closing steps left.",
			"约九成把握，在正常周期一半内成交，只剩成交步骤。")},
	"red-flag": {T("Red flag", "小红旗"),
		T("Anything that can hurt the sale: missing or uncertain information, or a real problem. It shows where to act.",
			"任何可能损害销售的因素：信息缺失、信息不确定或真实问题。它指明该在哪里行动。")},
	"strength": {labels[SWOTStrength],
		T("What sets us apart from competitors; we use strengths to remove red flags.",
			"使我们区别于竞争对手的地方；我们用强项消除小红旗。")},
	"win-result": {T("Win-result", "赢的标准"),
		T("For each buyer: the measurable result for the company and the personal win for the person.",
			"对每位购买影响者：给企业带来的可衡量结果，以及给个人带来的收获。")},
	"ideal-customer": {T("Ideal customer", "理想型客户"),
		T("A profile built from our best real customers; each account is scored against it to decide where effort goes.",
			"根据我们最好的真实客户建立的画像；每个客户据此打分，决定投入方向。")},
	"position": {fields[FieldPosition],
		T("The seller's honest reading of where the deal stands, from panic (-3) to euphoric (+3); both extremes are warnings.",
			"销售对商机所处位置的真实判断，从恐慌（-3）到狂喜（+3）；两个极端都是警告。")},
	"single-sales-objective": {T("Single sales objective", "单一销售目标"),
		T("One opportunity, one objective: which product and how much, measurable, dated, clear and single.",
			"一个商机一个目标：什么产品、多少金额，可衡量、有日期、清晰且单一。")},
	"counterpart": {fields[FieldCounterpart],
		T("The person in our company who matches the buyer's level; our executives open the doors of theirs.",
			"我方与购买影响者级别相当的人；由我方高层去见客户的高层。")},
	"contact-level": {fields[FieldContactLevel],
		T("How much we are in touch with the buyer: frequent, rare or none.",
			"我们与购买影响者的接触程度：频繁、很少或没有。")},
	"support": {fields[FieldSupport],
		T("How much the buyer backs our offer, rated -5 to +5: +3 or more supports, -3 or less opposes.",
			"购买影响者对我们方案的支持程度，-5到+5：+3及以上为支持，-3及以下为反对。")},
	"influence": {fields[FieldInfluence],
		T("The buyer's weight on the decision: high, medium or low.",
			"购买影响者对决策的影响力：高、中、低。")},
	"quota": {T("Quota", "销售指标"),
		T("What a seller or a team must win in a period; the funnel shows whether the open deals can carry it.",
			"销售或团队在一个期间内必须赢得的金额；漏斗显示进行中的商机能否支撑它。")},
	"win-rate": {T("Win rate", "赢单率"),
		T("The share of deals at a funnel level that end won, from the deals closed in the last four quarters.",
			"某一漏斗位置的商机最终赢单的比例，依据过去四个季度已关闭的商机计算。")},
	"weighted-pipeline": {T("Weighted pipeline", "加权漏斗"),
		T("Each open deal's amount times its level's win rate, added up: what the funnel is likely to bring.",
			"每个进行中商机的金额乘以其漏斗位置的赢单率之和：漏斗可能带来的金额。")},
	"coverage": {T("Coverage", "覆盖率"),
		T("Open pipeline ÷ the quota still to win; the coverage needed is 1 ÷ win rate (3× is right only at 33%).",
			"进行中的漏斗金额 ÷ 剩余销售指标；所需覆盖率为 1 ÷ 赢单率（只有赢单率为 33% 时才是 3 倍）。")},
	"open-pipeline": {T("Open pipeline", "在途商机"),
		T("The amount of the deals not yet won or lost, above, in the funnel and best few.",
			"尚未赢单或丢单的商机金额：漏斗之上、漏斗之中和最佳少数。")},
	"gap": {T("Gap", "缺口"),
		T("The quota not yet covered by what is won and the weighted pipeline; bargain for resources with it.",
			"已赢单与加权漏斗之外仍未覆盖的销售指标；用它来争取资源。")},
}

// Glossary returns the method's terms by id, a fresh copy the caller may keep.
func Glossary() map[string]Term {
	out := make(map[string]Term, len(glossary))
	for id, t := range glossary {
		out[id] = t
	}
	return out
}

// Lookup returns the term id of the glossary.
func Lookup(id string) (Term, bool) {
	t, ok := glossary[id]
	return t, ok
}

// TermName returns the name of the glossary's term id. It panics when the
// glossary holds no such term: callers name terms in package-level tables,
// so a mistyped id stops the program at start-up, in every test.
func TermName(id string) Text {
	t, ok := glossary[id]
	if !ok {
		panic("kam: no glossary term " + id)
	}
	return t.Name
}
