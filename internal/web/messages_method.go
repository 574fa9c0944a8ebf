package web

import "kam/internal/kam"

// methodMessages are the catalogue entries of the red-flag catalogue page
// and the admin's thresholds.
var methodMessages = map[string]kam.Text{
	"redflags.title":         kam.T("Red flags kam finds by itself", "kam 自动发现的小红旗"),
	"redflags.intro":         kam.T("Every opportunity is read against these rules whenever it is shown. A red flag is a positive tool: it tells you where to act. Lean on a strength (小铃铛) to remove it, or accept it with a note; an accepted flag comes back when its facts change.", "每次查看商机时，kam 都会按下列规则检查。小红旗是积极的工具：它告诉我们该在哪里采取行动。借助强项（小铃铛）消除它，或附上说明接受它；事实变化时，已接受的小红旗会重新打开。"),
	"redflags.rule":          kam.T("Rule", "规则"),
	"redflags.severity":      kam.T("Severity", "严重程度"),
	"redflags.why":           kam.T("Why it matters", "为什么重要"),
	"redflags.next":          kam.T("What to do", "怎么做"),
	"redflags.thresholds":    kam.T("Thresholds in force", "当前阈值"),
	"redflags.change":        kam.T("Change the thresholds", "修改阈值"),
	"redflags.health":        kam.T("Deal health weights in force", "当前的商机健康度权重"),
	"redflags.fitted":        kam.T("Fitted to %s across kam: on held-out deals the score separates won from lost with an AUC of %.2f (accuracy %s).", "根据系统内 %s拟合：在留出的商机上，得分区分赢单与丢单的 AUC 为 %.2f（准确率 %s）。"),
	"redflags.default":       kam.T("Default weights: fewer than 30 closed deals across kam, so kam does not fit weights to the history yet.", "默认权重：系统内已结束的商机少于 30 个，暂不根据历史拟合权重。"),
	"redflags.factor":        kam.T("Factor", "因素"),
	"redflags.weight":        kam.T("Weight", "权重"),
	"redflags.bias":          kam.T("Bias", "截距"),
	"redflags.held":          kam.T("(held at 0: the history pointed against the method)", "（保持为 0：历史数据与方法的方向相反）"),
	"redflags.caps":          kam.T("Whatever the weights, the method's deal-killers cap health: an Overconfident Economic buyer at 15, no Economic buyer at 25, a Technical veto or a high-influence buyer strongly opposed at 30, an Even Keel Economic buyer at 35, nobody in Growth or Trouble in the funnel or a passed close date at 40.", "无论权重如何，方法中的致命问题都会限制健康度：财务决策者自我陶醉上限 15，没有财务决策者上限 25，技术把关者否决或高影响度的人强烈反对上限 30，财务决策者四平八稳上限 35，进入漏斗却无人处于高瞻远瞩或不知所措、成交日期已过上限 40。"),
	"redflags.calibration":   kam.T("Calibration on the held-out deals: predicted health against the actual win rate", "留出样本的校准：预测健康度与实际赢单率"),
	"redflags.cal_deals":     kam.T("Deals", "商机数"),
	"redflags.cal_predicted": kam.T("Predicted", "预测"),
	"redflags.cal_actual":    kam.T("Actual win rate", "实际赢单率"),
	"health.uncapped":        kam.T("Without the cap the factors would give %d.", "若无上限，各因素合计为 %d。"),

	"settings.title":   kam.T("Red-flag thresholds", "小红旗阈值"),
	"settings.intro":   kam.T("The figures the red-flag rules compare against. They apply to every opportunity at once.", "小红旗规则所比较的数值，修改后对所有商机立即生效。"),
	"settings.default": kam.T("Default: %v", "默认：%v"),
	"settings.save":    kam.T("Save thresholds", "保存阈值"),

	"f.new_in_job_days":     kam.T("New in the job: fewer days in the post than", "新上任：在岗天数少于"),
	"f.stale_contact_days":  kam.T("Stale contact: days without an interaction with a key buyer", "联系中断：与关键购买影响者无互动的天数"),
	"f.next_action_days":    kam.T("Next action: an open action due within days", "下一步行动：未完成行动须在多少天内到期"),
	"f.reorganisation_days": kam.T("Reorganisation: days it stays a red flag", "重组：持续作为小红旗的天数"),
	"f.sales_cycle_days":    kam.T("The usual sales cycle, in days (Best few must close within half)", "常规销售周期（天）（最佳少数须在一半时间内成交）"),
	"f.low_ideal_fit":       kam.T("Low ideal-customer fit: a score below (0–100)", "理想型客户匹配度低：得分低于（0–100）"),
	"f.competitor_coach":    kam.T("The competitor's coach on this deal (对手的内线)", "本项目中对手的内线"),
	"f.call_plan_days":      kam.T("Call plan: a meeting with a key buyer within days needs one", "拜访计划：与关键购买影响者的会面在多少天内须有计划"),
	"f.review_days":         kam.T("Deal review: days without a review before it is overdue", "商机复盘：多少天未复盘即为逾期"),
	"f.review_amount":       kam.T("Deal review: deals of at least this amount need reviews before Best few (0: every deal)", "商机复盘：金额达到此数的商机在最佳少数之前也须复盘（0：所有商机）"),
	"nav.redflags":          kam.T("Red-flag rules", "小红旗规则"),
	"funnel.above_all": kam.T("The table counts deals closing by the end of the period. Above the funnel, whatever the close date: %s, %s — what refills the funnel.",
		"上表只计入本期结束前预计成交的商机。漏斗之上（不论预计成交日期）共 %s，%s——这是补充漏斗的来源。"),
}
