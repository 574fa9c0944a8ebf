package method

import "kam/internal/kam"

// RuleInfo describes one red-flag rule of the catalogue.
type RuleInfo struct {
	ID       string       `json:"id"`
	Severity kam.Severity `json:"severity"` // the default; uncontacted grades by the buyer
	Group    kam.Text     `json:"group"`
	Title    kam.Text     `json:"title"`
	Why      kam.Text     `json:"why"`
	Next     kam.Text     `json:"next"`
}

// The groups of the catalogue, as docs/redflags.md heads them.
var (
	groupCoverage = kam.T("Coverage of the four roles", "四种角色的覆盖")
	groupCoach    = kam.T("The coach", "教练")
	groupBuyer    = kam.T("Each buyer", "购买影响者")
	groupMap      = kam.T("The map as a whole", "整体关系图")
	groupPlan     = kam.T("The plan", "计划")
	groupTalk     = kam.T("The conversation (calls, needs, reviews)", "沟通（拜访、需求、复盘）")
	groupFunnel   = kam.T("The funnel", "漏斗")
)

// Rule ids, in catalogue order.
const (
	RuleNoEconomic            = "no-economic"
	RuleSeveralEconomic       = "several-economic"
	RuleNoCoach               = "no-coach"
	RuleNoTechnical           = "no-technical"
	RuleNoUser                = "no-user"
	RuleCoachLeft             = "coach-left"
	RuleCoachJunior           = "coach-junior"
	RuleCoachNotSupportive    = "coach-not-supportive"
	RuleSingleCoach           = "single-coach"
	RuleBypassCoach           = "bypass-coach"
	RuleUncontacted           = "uncontacted"
	RuleOpposesHigh           = "opposes-high"
	RuleStrongOpponent        = "strong-opponent"
	RuleTechnicalVeto         = "technical-veto"
	RuleEconomicMode          = "economic-mode"
	RuleNoUrgency             = "no-urgency"
	RuleMissingInfo           = "missing-info"
	RuleWinResultMissing      = "win-result-missing"
	RuleNewInJob              = "new-in-job"
	RuleNoCounterpart         = "no-counterpart"
	RuleStaleContact          = "stale-contact"
	RuleFeedbackContradicts   = "feedback-contradicts"
	RuleNoVITO                = "no-vito"
	RuleSingleThreaded        = "single-threaded"
	RuleMajorityNotSupportive = "majority-not-supportive"
	RuleTooRosy               = "too-rosy"
	RuleOpponentInfluencesKey = "opponent-influences-key"
	RuleCoachConflictsKey     = "coach-conflicts-key"
	RuleUnseenInfluencer      = "unseen-influencer"
	RuleNoPathToEconomic      = "no-path-to-economic"
	RuleObjectiveIncomplete   = "objective-incomplete"
	RuleCloseDatePassed       = "close-date-passed"
	RuleLateEntry             = "late-entry"
	RuleNoStrengths           = "no-strengths"
	RuleNoNextAction          = "no-next-action"
	RuleOverdueActions        = "overdue-actions"
	RuleUnaddressedHighFlag   = "unaddressed-high-flag"
	RulePositionExtreme       = "position-extreme"
	RuleReorganization        = "reorganization"
	RuleLowIdealFit           = "low-ideal-fit"
	RuleObjectiveBundled      = "objective-bundled"
	RuleNoCallPlan            = "no-call-plan"
	RuleContinuationStreak    = "continuation-streak"
	RuleNoExplicitNeed        = "no-explicit-need"
	RuleNeedsNotLinked        = "needs-not-linked"
	RuleReviewOverdue         = "review-overdue"
	RulePrematureInFunnel     = "premature-in-funnel"
	RulePrematureBestFew      = "premature-best-few"
)

const (
	high   = kam.SeverityHigh
	medium = kam.SeverityMedium
	low    = kam.SeverityLow
)

// catalogue is the single source of the rules' words, in docs/redflags.md
// order; catalogueIndex gives each id its place, used to sort findings.
var catalogue = []RuleInfo{
	{RuleNoEconomic, high, groupCoverage,
		kam.T("No Economic buyer", "没有财务决策者"),
		kam.T("Nobody on the map can give the final yes and release the money, so we do not know who really decides.", "关系图上没有人能最终拍板、批出资金，我们不知道谁真正做决定。"),
		kam.T("Find out who approves this objective and add them as the Economic buyer; ask the coach.", "弄清谁批准这个销售目标，把他列为财务决策者；可以问教练。")},
	{RuleSeveralEconomic, medium, groupCoverage,
		kam.T("Several Economic buyers", "多个财务决策者"),
		kam.T("There is exactly one Economic buyer per objective (a person or a board); several means we do not yet know who really decides.", "每个销售目标只有一个财务决策者（一个人或一个委员会）；出现多个，说明还不清楚谁真正拍板。"),
		kam.T("Check with the coach who gives the final approval, and keep the Economic role on that one buyer.", "与教练核实谁最终批准，只把财务决策者角色留给那一位。")},
	{RuleNoCoach, high, groupCoverage,
		kam.T("No coach", "没有教练"),
		kam.T("Without a coach (内线) we learn late when the project is approved, when the tender comes and how the buyers react.", "没有教练（内线），我们就无法及时知道何时立项、何时发标、各决策者对我们方案的反应。"),
		kam.T("Develop a coach among the supporters with real influence; the candidates are listed.", "在有影响力的支持者中发展教练；候选人已列出。")},
	{RuleNoTechnical, medium, groupCoverage,
		kam.T("No Technical buyer", "没有技术把关者"),
		kam.T("Technical buyers screen suppliers against specifications and can veto us even though they cannot say the final yes.", "技术把关者按规格筛选供应商，虽不能最终拍板，却可以否决我们。"),
		kam.T("Find out who writes or checks the specifications and add them to the map.", "弄清谁编写或审核技术规格，把他加到关系图上。")},
	{RuleNoUser, medium, groupCoverage,
		kam.T("No User buyer", "没有用户"),
		kam.T("Users are the most neglected role, and a bad word from the users sinks a deal.", "用户是最容易被忽视的角色，用户的一句坏话就能让项目失败。"),
		kam.T("Identify who will use the product or direct its use, and learn what it must do for their work.", "找出谁会使用或指导使用产品，了解产品必须为他们的工作解决什么问题。")},
	{RuleCoachLeft, high, groupCoach,
		kam.T("The coach left", "教练离开"),
		kam.T("When the coach leaves the company or the post, our information dries up and our influence weakens.", "教练离开公司或岗位后，我们的信息来源枯竭，影响力减弱。"),
		kam.T("Develop a new coach now; the candidates are listed. Keep in touch with the old coach in their new place.", "立即发展新教练，候选人已列出；与原教练在新岗位上保持联系。")},
	{RuleCoachJunior, medium, groupCoach,
		kam.T("Coach lacks information", "教练信息不足"),
		kam.T("A coach with low influence or low rank lacks information; for a key account the coach should be senior.", "影响度低或级别低的教练掌握的信息有限；大客户的教练应当是高层。"),
		kam.T("Do not go around the coach; persuade the coach to go up with us, and develop a senior coach as well.", "不要绕过教练，说服教练带我们向上走，同时发展一位高层教练。")},
	{RuleCoachNotSupportive, medium, groupCoach,
		kam.T("Coach does not support us", "教练不支持我们"),
		kam.T("A coach must want us to win; one who does not support us is only a source of information, not a guide.", "教练必须希望我们赢；不支持我们的人只是信息来源，不是内线。"),
		kam.T("Check the rating: link the coach's own success to our offer, or look for another coach.", "核实支持度：把教练个人的成功与我们的方案联系起来，或另找教练。")},
	{RuleSingleCoach, low, groupCoach,
		kam.T("Only one coach", "只有一个教练"),
		kam.T("One coach is a single point of failure: if they leave or fall silent, we lose our guide.", "只有一个教练就是单点故障：他一旦离开或沉默，我们就失去了内线。"),
		kam.T("Develop a second coach among the supporters.", "在支持者中发展第二个教练。")},
	{RuleBypassCoach, medium, groupCoach,
		kam.T("Going around the coach", "绕过教练"),
		kam.T("Reaching a buyer senior to every coach without the coach costs the coach's goodwill.", "绕开教练去接触比所有教练都高的决策者，会失去教练的好感。"),
		kam.T("Ask the coach to take part in the action and go up together.", "请教练参与这项行动，一起向上走。")},
	{RuleUncontacted, high, groupBuyer,
		kam.T("Buyer not contacted", "未接触的购买影响者"),
		kam.T("A buyer we have never contacted decides without hearing us, and we cannot know where they stand.", "从未接触的购买影响者会在听不到我们声音的情况下做决定，我们也无从知道他的立场。"),
		kam.T("Plan a first contact, through the coach or our matching counterpart.", "通过教练或我方对应者安排首次接触。")},
	{RuleOpposesHigh, high, groupBuyer,
		kam.T("High-influence buyer opposes us", "高影响度的人反对我们"),
		kam.T("A buyer with high influence who opposes us can carry the decision against us.", "反对我们的高影响度人物可以左右决策，让我们出局。"),
		kam.T("Learn the reason behind the opposition and their win-result; use a strength or a supporter to change it.", "弄清反对的原因和他的赢的标准，借助强项或支持者去改变。")},
	{RuleStrongOpponent, high, groupBuyer,
		kam.T("Strong opponent", "强烈反对者"),
		kam.T("A buyer rated -4 or -5 is working against us, often for a competitor.", "支持度为 -4 或 -5 的人在积极反对我们，往往站在竞争对手一边。"),
		kam.T("Find out what they lose if we win, and neutralise it or limit their influence through other buyers.", "弄清我们赢了他会失去什么，设法化解，或通过其他决策者削弱他的影响。")},
	{RuleTechnicalVeto, high, groupBuyer,
		kam.T("Technical buyer may veto", "技术把关者可能否决"),
		kam.T("A Technical buyer who opposes us can screen us out before the Economic buyer ever decides.", "反对我们的技术把关者可以在财务决策者决定之前就把我们筛掉。"),
		kam.T("Meet the Technical buyer on the specifications; help them learn and grow as experts.", "就技术规格与技术把关者沟通，帮助他作为专家学习和成长。")},
	{RuleEconomicMode, high, groupBuyer,
		kam.T("Economic buyer sees no gap", "财务决策者看不到差距"),
		kam.T("An Economic buyer in Even Keel or Overconfident mode sees no reason to change, so the odds of a sale are low.", "处于四平八稳或自我陶醉模式的财务决策者看不到改变的理由，成交机会很低。"),
		kam.T("Show the risk ahead or an unseen gap, leaning on a buyer in Growth or Trouble mode; do not push.", "借助处于高瞻远瞩或不知所措模式的人，揭示未来的风险或未察觉的差距；不要硬推。")},
	{RuleNoUrgency, high, groupBuyer,
		kam.T("No buyer in Growth or Trouble", "没有人处于高瞻远瞩或不知所措模式"),
		kam.T("Without a buyer who sees a gap (Growth or Trouble), nobody needs the change we sell.", "没有人看到差距（高瞻远瞩或不知所措），就没有人需要我们所卖的改变。"),
		kam.T("Find the buyer who wants more or sees trouble now; otherwise move the deal back above the funnel.", "找出想要更多或正遇到问题的人；否则把这个机会移回漏斗之上。")},
	{RuleMissingInfo, medium, groupBuyer,
		kam.T("Missing information on a key buyer", "关键决策者信息缺失"),
		kam.T("Missing information is a red flag: we cannot plan around a key buyer we do not know.", "信息缺失本身就是小红旗：不了解的关键决策者，我们无法为之制定策略。"),
		kam.T("Fill in the missing fields, asking the coach where needed.", "补全缺失的信息，必要时询问教练。")},
	{RuleWinResultMissing, medium, groupBuyer,
		kam.T("Win-result not recorded", "赢的标准未记录"),
		kam.T("A key buyer's hidden personal win or business result is the usual unexplained loss.", "关键决策者隐藏的个人赢或业务结果，往往是莫名丢单的原因。"),
		kam.T("Record both the business result and the personal win; test them on the next call.", "记录业务结果和个人的赢，并在下次拜访中验证。")},
	{RuleNewInJob, medium, groupBuyer,
		kam.T("New in the job", "新上任"),
		kam.T("A person new in the post brings new priorities and may reopen what was agreed.", "新上任的人会带来新的优先级，可能推翻已有的共识。"),
		kam.T("Meet them early; learn their priorities and their personal win.", "尽早拜访，了解他的优先事项和个人的赢。")},
	{RuleNoCounterpart, medium, groupBuyer,
		kam.T("No counterpart on our side", "我方没有对应者"),
		kam.T("A senior or key buyer needs a counterpart of matching level on our side; a junior seller cannot open that door alone (高层对接).", "高层或关键决策者需要我方有对等级别的对应者；资历较浅的销售单独打不开这扇门（高层对接）。"),
		kam.T("Name a counterpart in our company at their level.", "在我方指定一位与其级别相当的对应者。")},
	{RuleStaleContact, medium, groupBuyer,
		kam.T("Key buyer not met lately", "长期未接触关键决策者"),
		kam.T("While we are silent with a key buyer, competitors are not.", "我们与关键决策者沉默的时候，竞争对手并没有停下。"),
		kam.T("Plan a call or visit with a clear objective.", "安排一次目标明确的电话或拜访。")},
	{RuleFeedbackContradicts, medium, groupBuyer,
		kam.T("Feedback contradicts our rating", "反馈与我们的判断矛盾"),
		kam.T("Feedback confirms or corrects our judgement of a buyer; here it contradicts the rating.", "反馈用来确认或修正我们对决策者的判断；这次的反馈与支持度矛盾。"),
		kam.T("Check your judgement and update the rating on the map.", "检查你的判断，更新关系图上的支持度。")},
	{RuleNoVITO, medium, groupBuyer,
		kam.T("VITO not reached", "未接触 VITO"),
		kam.T("Reaching the project's top decision maker (VITO) sharply raises the odds, and a referral from the VITO carries weight.", "接触到项目的最高决策者（VITO）能大大提高成功率，来自 VITO 的引荐更有分量。"),
		kam.T("Identify the VITO for this project and plan how to reach them, with our own executive if needed.", "确定本项目的 VITO，规划接触途径，必要时请我方高层出面。")},
	{RuleSingleThreaded, high, groupMap,
		kam.T("Single-threaded", "单线联系"),
		kam.T("The buyer decides as a group; with at most one person contacted, we see the decision through one pair of eyes.", "客户是集体决策；最多只接触了一个人，我们只能从一个角度看这个决策。"),
		kam.T("Contact the other buyers, starting with the key buyers.", "接触其他购买影响者，从关键决策者开始。")},
	{RuleMajorityNotSupportive, medium, groupMap,
		kam.T("Most high-influence buyers do not support us", "多数高影响度的人不支持我们"),
		kam.T("When most of those with high influence are neutral or against us, the group decision leans away from us.", "多数高影响度的人中立或反对时，集体决策会偏离我们。"),
		kam.T("Work on each high-influence buyer's win-result, starting with the closest to support.", "逐一研究高影响度决策者的赢的标准，先从最接近支持的人做起。")},
	{RuleTooRosy, low, groupMap,
		kam.T("Map looks too rosy", "关系图过于乐观"),
		kam.T("Four or more buyers and all of them support us: who supports the competitor?", "四个以上的决策者全都支持我们：那谁在支持竞争对手？"),
		kam.T("Test each rating against recent feedback; ask the coach who favours the competitor.", "用最近的反馈检验每个支持度；问教练谁偏向竞争对手。")},
	{RuleOpponentInfluencesKey, high, groupMap,
		kam.T("An opponent influences a key buyer", "反对者在影响关键决策者"),
		kam.T("Someone who works against us — an opponent, or the competitor's coach — has the ear of the Economic buyer or a high-influence buyer, and shapes their view of us where we are not present.", "反对我们的人（反对者或对手的内线）能影响财务决策者或高影响度的人，在我们不在场时左右他们对我们的看法。"),
		kam.T("Strengthen our own line to that key buyer through a supporter or the coach, and work on what the opponent loses if we win.", "通过支持者或教练加强我们与该关键决策者的联系，并研究我们赢了反对者会失去什么。")},
	{RuleCoachConflictsKey, medium, groupMap,
		kam.T("Coach in conflict with a key buyer", "教练与关键决策者有矛盾"),
		kam.T("A coach at odds with the Economic buyer or a high-influence buyer cannot carry our case to them; their word will not carry.", "与财务决策者或高影响度的人有矛盾的教练，无法替我们说话，他的话没有分量。"),
		kam.T("Reach that key buyer through another supporter, and do not let the coach's conflict become ours.", "通过其他支持者接触该关键决策者，不要让教练的矛盾变成我们的矛盾。")},
	{RuleUnseenInfluencer, medium, groupMap,
		kam.T("Influencer not on the map", "关系图外的影响者"),
		kam.T("Someone who is not a buyer on this deal influences the Economic buyer or a high-influence buyer: an influence we have not mapped.", "有人不在这个机会的购买影响者之列，却影响着财务决策者或高影响度的人：这是我们尚未掌握的影响。"),
		kam.T("Learn where the listed contacts stand and add them as buyers where they weigh in.", "了解所列联系人的立场，对决策有影响的就加为购买影响者。")},
	{RuleNoPathToEconomic, medium, groupMap,
		kam.T("No path to the Economic buyer", "没有通往财务决策者的路径"),
		kam.T("No supporter reports to or influences the Economic buyer, and we rarely meet them ourselves: nobody carries our case to the person who decides.", "没有支持者向财务决策者汇报或能影响他，我们自己也很少见到他：没有人把我们的方案带到拍板的人面前。"),
		kam.T("Win a supporter close to the Economic buyer, or plan more direct contact, going up with the coach.", "在财务决策者身边争取一位支持者，或与教练一起向上，增加直接接触。")},
	{RuleObjectiveIncomplete, medium, groupPlan,
		kam.T("Single sales objective incomplete", "单一销售目标不完整"),
		kam.T("A single sales objective names the product, the amount and the close date, so a colleague understands it.", "单一销售目标要写明产品、金额和成交日期，让同事一看就懂。"),
		kam.T("Complete the objective.", "补全销售目标。")},
	{RuleCloseDatePassed, high, groupPlan,
		kam.T("Close date passed", "成交日期已过"),
		kam.T("The deal is still open after its close date: the plan no longer matches the customer's reality.", "成交日期已过而机会仍未关闭：计划已与客户的实际情况脱节。"),
		kam.T("Learn the real timing from the coach and set a new close date, or close the deal as lost.", "向教练了解真实的时间表，重新设定成交日期，或将其标为丢单。")},
	{RuleLateEntry, low, groupPlan,
		kam.T("Late entry", "介入过晚"),
		kam.T("We engaged after the tender was published, so competitors shaped the requirements.", "我们在标书发布后才介入，需求已由竞争对手塑造。"),
		kam.T("Find a way to reopen the requirements, or weigh whether to compete at all.", "设法重新影响需求，或评估是否值得参与。")},
	{RuleNoStrengths, medium, groupPlan,
		kam.T("No strength recorded", "没有记录强项"),
		kam.T("Strengths (小铃铛) set us apart from competitors, and we use them to remove red flags.", "强项（小铃铛）让我们区别于竞争对手，我们用它来消除小红旗。"),
		kam.T("Record what sets us apart for this objective.", "记录我们在这个销售目标上的差异化优势。")},
	{RuleNoNextAction, medium, groupPlan,
		kam.T("No next action planned", "没有计划下一步行动"),
		kam.T("A deal with no planned next step drifts; we execute firmly and review.", "没有下一步计划的机会会漂移；我们要坚决执行并复盘。"),
		kam.T("Plan the next action with an owner and a due date.", "制定下一步行动，明确负责人和截止日期。")},
	{RuleOverdueActions, medium, groupPlan,
		kam.T("Actions overdue", "行动已逾期"),
		kam.T("Overdue actions mean the plan is not being executed.", "行动逾期说明计划没有被执行。"),
		kam.T("Do them, reschedule them, or drop them on purpose.", "执行、改期，或明确放弃。")},
	{RuleUnaddressedHighFlag, medium, groupPlan,
		kam.T("High red flag without a plan", "高风险小红旗无应对"),
		kam.T("A red flag is useful only when it leads to action; here a high one has no action and no strength against it.", "小红旗的价值在于引出行动；这个高风险小红旗既没有行动，也没有借助强项去应对。"),
		kam.T("Link an action to each high flag, leveraging a strength where possible, or accept the flag with a note.", "为每个高风险小红旗关联一项行动，尽量借助强项，或附说明接受它。")},
	{RulePositionExtreme, low, groupPlan,
		kam.T("Position at an extreme", "当前位置处于极端"),
		kam.T("Panic (-3) or euphoria (+3) about a deal are both warnings that we are out of touch.", "对机会感到恐慌（-3）或狂喜（+3）都是脱离实际的信号。"),
		kam.T("Review the map with a colleague and re-rate the position on facts.", "与同事一起复盘关系图，依据事实重新评估当前位置。")},
	{RuleReorganization, medium, groupPlan,
		kam.T("Account reorganising", "客户正在重组"),
		kam.T("A reorganisation moves people and budgets; roles and support on the map may no longer hold.", "重组会调整人员和预算，关系图上的角色与支持度可能已不再成立。"),
		kam.T("Re-check every buyer's role and status with the coach.", "与教练一起重新核实每个决策者的角色和状态。")},
	{RuleLowIdealFit, low, groupPlan,
		kam.T("Low ideal-customer fit", "理想型客户匹配度低"),
		kam.T("An account far from our ideal customer is a warning before the deal takes our effort.", "与理想型客户相差甚远的客户，在投入精力之前就应引起警惕。"),
		kam.T("Weigh whether this deal deserves the effort, and say why in the plan.", "评估这个机会是否值得投入，并在计划中说明理由。")},
	{RuleObjectiveBundled, low, groupPlan,
		kam.T("Objective bundles several products", "销售目标捆绑了多个产品"),
		kam.T("A single sales objective names one product or service; a bundle hides which part the buyer really wants, and each part has its own buyers.", "单一销售目标只针对一个产品或服务；捆绑在一起就看不清客户真正要的是哪一部分，而每一部分都有各自的购买影响者。"),
		kam.T("Split the objective: one deal per product or service, each with its own buyers.", "拆分销售目标：每个产品或服务一个机会，各有各的购买影响者。")},
	{RuleNoCallPlan, medium, groupTalk,
		kam.T("Meeting without a call plan", "拜访没有计划"),
		kam.T("A call on a key buyer without a best and a minimum commitment ends in a pleasant talk and no advance.", "拜访关键决策者却没有最佳承诺和最低承诺，往往只是一次愉快的谈话，没有推进。"),
		kam.T("Write the call plan: the valid business reason, the best and the minimum commitment you ask for.", "制定拜访计划：写明合理的业务理由、期望的最佳承诺和可接受的最低承诺。")},
	{RuleContinuationStreak, medium, groupTalk,
		kam.T("Calls without advance", "拜访没有推进"),
		kam.T("Two calls in a row that ended in continuation or no sale: the buyer gives us time but no commitment.", "连续两次拜访都以维持或无进展告终：客户给了时间，却没有给承诺。"),
		kam.T("Plan the next call around a concrete commitment the buyer can make, and test whether the need is explicit.", "围绕客户能做出的具体承诺来计划下次拜访，并检验需求是否已经明确。")},
	{RuleNoExplicitNeed, medium, groupTalk,
		kam.T("No explicit need from the Economic buyer", "财务决策者没有明确需求"),
		kam.T("The deal is in the funnel, yet the Economic buyer has stated no need in their own words: an implied need does not make them buy.", "机会已进入漏斗，但财务决策者还没有用自己的话表达需求：隐含需求不会促使他购买。"),
		kam.T("Ask implication and need-payoff questions until the Economic buyer states the need, and record it.", "提出暗示问题和需求效益问题，直到财务决策者说出需求，并记录下来。")},
	{RuleNeedsNotLinked, low, groupTalk,
		kam.T("Needs not tied to the business result", "需求未与业务结果关联"),
		kam.T("Explicit needs that are not tied to the buyer's business result are wants, not reasons to decide.", "没有与业务结果关联的明确需求只是愿望，不是做决定的理由。"),
		kam.T("Link at least one explicit need to the buyer's business result, and confirm it on the next call.", "至少把一个明确需求与他的业务结果关联起来，并在下次拜访中确认。")},
	{RuleReviewOverdue, medium, groupTalk,
		kam.T("Deal review overdue", "机会复盘逾期"),
		kam.T("A deal that matters is reviewed regularly with the manager; without a review the plan goes unchallenged.", "重要的机会要定期与经理复盘；没有复盘，计划就无人质疑。"),
		kam.T("Hold a deal review with your manager and record it.", "与经理进行一次机会复盘并记录。")},
	{RulePrematureInFunnel, medium, groupFunnel,
		kam.T("In the funnel too early", "过早进入漏斗之中"),
		kam.T("A deal enters the funnel only when a contacted buyer in Growth or Trouble mode sees the need; moving it down early is the classic error.", "只有已接触的人处于高瞻远瞩或不知所措模式并认可需求，机会才进入漏斗；过早下移是典型错误。"),
		kam.T("Contact a buyer in Growth or Trouble about it, or move the deal back above the funnel.", "与处于高瞻远瞩或不知所措模式的人沟通此事，或把机会移回漏斗之上。")},
	{RulePrematureBestFew, high, groupFunnel,
		kam.T("Best few too early", "过早列入最佳少数"),
		kam.T("Best few means about 90% sure with only closing steps left; a deal that does not qualify distorts the forecast.", "最佳少数意味着约九成把握、只剩成交步骤；不合格的机会会扭曲预测。"),
		kam.T("Close the listed gaps, or move the deal back into the funnel.", "补上所列的缺口，或把机会移回漏斗之中。")},
}

// The next steps of no-coach and coach-left when no buyer qualifies as a
// candidate: their catalogue words point at a list that would be empty.
var (
	nextNoCoachNoCandidate = kam.T("Develop a coach among the supporters with real influence; nobody qualifies yet, so first win a supporter with medium or high influence.",
		"在有影响力的支持者中发展教练；目前还没有合适的人选，先争取一位影响度中或高的支持者。")
	nextCoachLeftNoCandidate = kam.T("Develop a new coach now; nobody qualifies yet, so first win a supporter with medium or high influence. Keep in touch with the old coach in their new place.",
		"立即发展新教练；目前还没有合适的人选，先争取一位影响度中或高的支持者。与原教练在新岗位上保持联系。")
)

var catalogueIndex = func() map[string]int {
	m := make(map[string]int, len(catalogue))
	for i, r := range catalogue {
		m[r.ID] = i
	}
	return m
}()

// Catalogue returns every rule, in the order of docs/redflags.md. The slice
// is a copy; callers may keep it.
func Catalogue() []RuleInfo {
	return append([]RuleInfo(nil), catalogue...)
}

// Rule returns the description of rule id, and whether it exists.
func Rule(id string) (RuleInfo, bool) {
	i, ok := catalogueIndex[id]
	if !ok {
		return RuleInfo{}, false
	}
	return catalogue[i], true
}
