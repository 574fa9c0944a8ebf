package web

import "kam/internal/kam"

// workbenchMessages are the catalogue entries of the workbench pages (my
// week, accounts, contacts, the strategy sheet, the funnel, the trash),
// merged into messages at start-up so the pages' text stays in one file.
var workbenchMessages = map[string]kam.Text{
	"wb.edit":     kam.T("Edit", "编辑"),
	"wb.cancel":   kam.T("Cancel", "取消"),
	"wb.delete":   kam.T("Delete", "删除"),
	"wb.more":     kam.T("All fields", "全部字段"),
	"wb.none":     kam.T("None yet.", "暂无。"),
	"wb.unset":    kam.T("not set", "未填写"),
	"wb.crumbs":   kam.T("You are here", "当前位置"),
	"wb.trashed":  kam.T("Moved to the trash. You can restore it from the trash page.", "已移到回收站，可在回收站恢复。"),
	"wb.removed":  kam.T("Removed.", "已删除。"),
	"wb.restored": kam.T("Restored.", "已恢复。"),
	"wb.trash_it": kam.T("Move to the trash", "移到回收站"),
	"wb.new":      kam.T("New", "新建"),
	"wb.add":      kam.T("Add", "添加"),
	"wb.open":     kam.T("Open", "打开"),
	"wb.all":      kam.T("All", "全部"),
	"wb.next":     kam.T("Next page", "下一页"),
	"wb.first":    kam.T("First page", "第一页"),
	"wb.name":     kam.T("Name", "名称"),
	"wb.trash":    kam.T("Trash", "回收站"),
	"wb.criteria": kam.T("Ideal-customer criteria", "理想型客户标准"),
	"wb.quotas":   kam.T("Quotas", "销售指标"),

	// Positions (当前位置), -3 … +3.
	"pos.-3": kam.T("panic", "恐慌"),
	"pos.-2": kam.T("worried", "担忧"),
	"pos.-1": kam.T("uneasy", "不安"),
	"pos.0":  kam.T("steady", "平稳"),
	"pos.1":  kam.T("confident", "有信心"),
	"pos.2":  kam.T("very confident", "很有信心"),
	"pos.3":  kam.T("euphoric", "狂喜"),

	// Field labels of the workbench forms.
	"f.opp_name":            kam.T("Opportunity", "商机名称"),
	"f.product":             kam.T("Product or service", "产品或服务"),
	"f.amount":              kam.T("Amount", "金额"),
	"f.currency":            kam.T("Currency", "币种"),
	"f.close_date":          kam.T("Close date", "预计成交日期"),
	"f.level":               kam.T("Funnel level", "漏斗位置"),
	"f.position":            kam.T("Position", "当前位置"),
	"f.engaged_on":          kam.T("We engaged on", "我方介入日期"),
	"f.tender_published_on": kam.T("Tender published on", "标书发布日期"),
	"f.competitors":         kam.T("Competitors", "竞争对手"),
	"f.our_win":             kam.T("Our win", "我方的赢"),
	"f.owner":               kam.T("Owner", "负责人"),
	"f.contact":             kam.T("Person", "人员"),
	"f.roles":               kam.T("Roles (CUTE)", "角色（CUTE）"),
	"f.influence":           kam.T("Influence", "影响度"),
	"f.rating":              kam.T("Support (-5…+5)", "支持度（-5…+5）"),
	"f.contact_level":       kam.T("Contact level", "接触度"),
	"f.mode":                kam.T("Response mode", "反馈模式"),
	"f.business_result":     kam.T("Result for the company", "企业的结果"),
	"f.personal_win":        kam.T("Personal win", "个人的赢"),
	"f.evidence":            kam.T("Evidence", "依据"),
	"f.vito":                kam.T("VITO for this project", "本项目的 VITO"),
	"f.counterpart":         kam.T("Our counterpart", "我方对应者"),
	"f.relationship_level":  kam.T("Relationship level", "关系层级"),
	"f.swot_kind":           kam.T("Kind", "类型"),
	"f.swot_text":           kam.T("Text", "内容"),
	"f.action_title":        kam.T("Action", "行动"),
	"f.due":                 kam.T("Due", "截止日期"),
	"f.status":              kam.T("Status", "状态"),
	"f.target":              kam.T("Works on buyer", "针对的购买影响者"),
	"f.participants":        kam.T("Their people taking part", "客户方参与人"),
	"f.addresses":           kam.T("Red flags it addresses", "应对的小红旗"),
	"f.strength":            kam.T("Strength it leverages", "借助的强项"),
	"f.interaction_kind":    kam.T("Kind", "方式"),
	"f.at":                  kam.T("When (UTC)", "时间（UTC）"),
	"f.objective":           kam.T("Call objective", "拜访目标"),
	"f.outcome":             kam.T("Outcome", "结果"),
	"f.our_side":            kam.T("Our side", "我方人员"),
	"f.notes":               kam.T("Notes", "备注"),
	"f.feedback_of":         kam.T("Feedback of %s", "%s 的反馈"),
	"f.industry":            kam.T("Industry", "行业"),
	"f.region":              kam.T("Region", "地区"),
	"f.employees":           kam.T("Employees", "员工人数"),
	"f.annual_revenue":      kam.T("Annual revenue", "年营业额"),
	"f.parent":              kam.T("Parent company", "上级公司"),
	"f.reorganising_since":  kam.T("Reorganising since", "重组开始日期"),
	"f.account_name":        kam.T("Account", "客户企业"),
	"f.title":               kam.T("Post", "职务"),
	"f.org_unit":            kam.T("Department", "部门"),
	"f.seniority":           kam.T("Seniority", "级别"),
	"f.reports_to":          kam.T("Reports to", "汇报对象"),
	"f.contact_status":      kam.T("Status", "状态"),
	"f.status_date":         kam.T("Left or moved on", "离职或调岗日期"),
	"f.in_post_since":       kam.T("In post since", "任职起始日期"),
	"f.phone":               kam.T("Phone", "电话"),
	"f.personal_notes":      kam.T("Personal notes (sensitive)", "个人备注（敏感）"),
	"f.unit_name":           kam.T("Department name", "部门名称"),
	"f.parent_unit":         kam.T("Part of", "上级部门"),
	"f.relation_kind":       kam.T("Relation", "关系"),
	"f.other_account":       kam.T("Other account", "对方企业"),
	"f.link_kind":           kam.T("Link", "关系"),
	"f.other_contact":       kam.T("Other person", "对方人员"),
	"f.access":              kam.T("Access", "权限"),
	"f.criterion":           kam.T("Criterion", "标准"),
	"f.criterion_kind":      kam.T("Kind", "类型"),
	"f.weight":              kam.T("Weight (1…10)", "权重（1…10）"),
	"f.period":              kam.T("Period", "期间"),
	"f.quota_for_user":      kam.T("Seller", "销售"),
	"f.quota_for_team":      kam.T("or team", "或团队"),
	"f.q":                   kam.T("Search", "搜索"),
	"f.sort":                kam.T("Order", "排序"),

	"hint.single_objective": kam.T("One objective: which product and how much, measurable, dated, not a bundle.", "单一目标：什么产品、多少金额，可衡量、有日期，不要打包。"),
	"hint.position":         kam.T("Your honest reading, from panic (-3) to euphoric (+3); both extremes are warnings.", "真实判断，从恐慌（-3）到狂喜（+3）；两个极端都是警告。"),
	"hint.roles":            kam.T("Roles on this opportunity, not job titles; one person may hold several.", "在本商机中的角色，而非职务；一人可兼多个角色。"),
	"hint.rating":           kam.T("+3 or more supports us, -3 or less opposes, in between is neutral.", "+3 及以上为支持，-3 及以下为反对，其间为中立。"),
	"hint.addresses":        kam.T("Leverage from strength: plan actions that remove red flags.", "借助强项，制定消除小红旗的行动。"),
	"hint.strength":         kam.T("The strength (小铃铛) this action leans on.", "本行动借助的强项（小铃铛）。"),
	"hint.objective":        kam.T("The best commitment you hope for, and the minimum acceptable one.", "希望获得的最佳承诺，以及可接受的最低承诺。"),

	// The strategy sheet.
	"sheet.title":              kam.T("Strategy sheet", "策略表"),
	"sheet.print":              kam.T("Print view", "打印视图"),
	"sheet.markdown":           kam.T("Markdown copy", "Markdown 副本"),
	"sheet.back":               kam.T("Back to the strategy sheet", "返回策略表"),
	"sheet.print_hint":         kam.T("Prints on one A4 page, landscape.", "横向 A4 打印。"),
	"sheet.suggested":          kam.T("the method suggests", "方法建议"),
	"sheet.suggested_same":     kam.T("the method agrees", "与方法建议一致"),
	"sheet.health":             kam.T("Deal health", "商机健康度"),
	"sheet.buyers":             kam.T("Buying influences", "购买影响者"),
	"sheet.no_buyers":          kam.T("No buying influence yet. Who decides? Start with the Economic buyer and a coach.", "还没有购买影响者。谁来决策？先找财务决策者和教练。"),
	"sheet.add_buyer":          kam.T("Add a buying influence", "添加购买影响者"),
	"sheet.map":                kam.T("Relationship map", "关系图"),
	"sheet.flags":              kam.T("Red flags", "小红旗"),
	"sheet.swot":               kam.T("Strengths and SWOT", "强项与 SWOT"),
	"sheet.add_swot":           kam.T("Add", "添加"),
	"sheet.actions":            kam.T("Action plan", "行动计划"),
	"sheet.no_actions":         kam.T("No action planned.", "尚无行动计划。"),
	"sheet.add_action":         kam.T("Plan an action", "制定行动"),
	"sheet.done":               kam.T("Done", "完成"),
	"sheet.interactions":       kam.T("Calls and meetings", "拜访与沟通"),
	"sheet.no_interactions":    kam.T("Nothing recorded yet.", "暂无记录。"),
	"sheet.add_interaction":    kam.T("Record a call", "记录拜访"),
	"health.factor":            kam.T("Factor", "因素"),
	"health.value":             kam.T("Value", "取值"),
	"health.effect":            kam.T("Effect", "影响"),
	"health.fitted":            kam.T("Weights fitted to your won and lost deals.", "权重根据您的赢单与丢单拟合。"),
	"health.default":           kam.T("Default weights (not enough closed deals to fit).", "默认权重（已结束的商机不足以拟合）。"),
	"flags.why":                kam.T("Why it matters:", "为何重要："),
	"flags.next":               kam.T("What to do:", "下一步："),
	"flags.candidates":         kam.T("Coach candidates:", "教练候选人："),
	"flags.plan":               kam.T("Plan an action against it", "制定应对行动"),
	"flags.accept":             kam.T("Accept this flag", "接受此小红旗"),
	"flags.which":              kam.T("Which one", "针对哪一项"),
	"flags.note":               kam.T("Why you accept it", "接受的理由"),
	"flags.accept_submit":      kam.T("Accept", "接受"),
	"flags.accepted":           kam.T("The red flag is accepted while its facts stay the same.", "已接受该小红旗；事实变化时会重新打开。"),
	"flags.reopened":           kam.T("The red flag is open again.", "小红旗已重新打开。"),
	"flags.reopen":             kam.T("Reopen", "重新打开"),
	"flags.none":               kam.T("No open red flag.", "没有未处理的小红旗。"),
	"flags.accepted_list":      kam.T("Accepted red flags", "已接受的小红旗"),
	"flags.accepted_by":        kam.T("Accepted by %s on %s", "%s 于 %s 接受"),
	"opp.new":                  kam.T("New opportunity %s", "新建商机 %s"),
	"buyer.heading":            kam.T("Buying influence — %s", "购买影响者 — %s"),
	"action.heading":           kam.T("Action", "行动"),
	"interaction.heading":      kam.T("Call or meeting", "拜访或会议"),
	"mode.title":               kam.T("Response-mode helper", "反馈模式助手"),
	"mode.helper":              kam.T("Helper", "助手"),
	"mode.q1":                  kam.T("How do they read their current results?", "对方如何看待当前的业绩？"),
	"mode.q2":                  kam.T("Do they see a gap between today and the results they want?", "对方是否看到现状与期望结果之间的差距？"),
	"mode.q3":                  kam.T("If so, what do they want?", "如果看到，对方想要什么？"),
	"mode.results.worse":       kam.T("Worse than they expect or need", "比预期或需要的差"),
	"mode.results.as_expected": kam.T("About what they expect", "大致符合预期"),
	"mode.results.better":      kam.T("Better than they need", "好于需要"),
	"mode.gap.more":            kam.T("More or better than today", "比现在更多、更好"),
	"mode.gap.fix":             kam.T("Something fixed now", "立即解决某个问题"),
	"mode.gap.none":            kam.T("Nothing to change", "无需改变"),
	"mode.yes":                 kam.T("Yes", "是"),
	"mode.no":                  kam.T("No", "否"),
	"mode.suggest":             kam.T("Suggest the mode", "推断模式"),
	"mode.result":              kam.T("Suggested mode", "推断的模式"),
	"mode.odds":                kam.T("Odds of a sale:", "成交机会："),
	"mode.how":                 kam.T("How to sell:", "销售方法："),
	"mode.apply":               kam.T("Set this mode on the buyer", "设为该购买影响者的模式"),
	"mode.current":             kam.T("Current mode:", "当前模式："),
}

func init() {
	for k, v := range workbenchMessages {
		messages[k] = v
	}
}

var accountMessages = map[string]kam.Text{
	"accounts.new":          kam.T("New account", "新建客户"),
	"accounts.new_opp":      kam.T("New opportunity", "新建商机"),
	"accounts.new_contact":  kam.T("New person", "新建联系人"),
	"accounts.new_sub":      kam.T("New subsidiary", "新建下属公司"),
	"accounts.by_id":        kam.T("Oldest first", "按创建顺序"),
	"accounts.by_ideal":     kam.T("Rank by ideal-customer score", "按理想型客户得分排序"),
	"accounts.score":        kam.T("Ideal-customer score", "理想型客户得分"),
	"accounts.unrated":      kam.T("not rated", "未评分"),
	"accounts.rating":       kam.T("Rating (−5…+5)", "评分（−5…+5）"),
	"accounts.hidden_other": kam.T("a company outside your accounts (ask its owner to share it)", "不在您客户范围内的企业（请其负责人共享）"),
	"accounts.none":         kam.T("No account yet.", "暂无客户。"),
	"accounts.none_found":   kam.T("No account matches.", "没有符合条件的客户。"),
	"accounts.opps":         kam.T("Opportunities", "商机"),
	"accounts.org_chart":    kam.T("Org chart", "组织结构图"),
	"accounts.people":       kam.T("People", "人员"),
	"accounts.group":        kam.T("Group: parent and subsidiaries", "集团：上级与下属公司"),
	"accounts.no_group":     kam.T("Not part of a group.", "不属于任何集团。"),
	"accounts.relations":    kam.T("Upstream and downstream", "上下游企业"),
	"accounts.units":        kam.T("Departments", "部门"),
	"accounts.ratings":      kam.T("Ideal-customer ratings", "理想型客户评分"),
	"accounts.no_criteria":  kam.T("No criterion defined yet; an administrator sets them.", "尚未定义标准，由管理员设置。"),
	"accounts.shares":       kam.T("Shared with", "共享给"),
	"accounts.not_shared":   kam.T("Not shared with other teams.", "未共享给其他团队。"),
	"accounts.share":        kam.T("Share", "共享"),
	"accounts.unshare":      kam.T("Stop sharing", "取消共享"),
}

func init() {
	for k, v := range accountMessages {
		messages[k] = v
	}
}

var contactMessages = map[string]kam.Text{
	"contacts.new":        kam.T("New person at %s", "新建联系人 %s"),
	"contacts.new_report": kam.T("Add a direct report", "添加直接下属"),
	"contacts.reports":    kam.T("Direct reports", "直接下属"),
	"contacts.influences": kam.T("Opportunities they influence", "参与的商机"),
	"contacts.links":      kam.T("Influences and conflicts", "影响与矛盾关系"),
}

func init() {
	for k, v := range contactMessages {
		messages[k] = v
	}
}

var weekMessages = map[string]kam.Text{
	"week.quarter":     kam.T("Quarter %s at a glance", "本季度 %s 概览"),
	"week.to_funnel":   kam.T("My funnel", "我的漏斗"),
	"week.team_funnel": kam.T("My team's funnel", "团队漏斗"),
	"week.order":       kam.T("Work order", "工作顺序"),
	"week.no_deals":    kam.T("No open deal. Time to prospect above the funnel.", "没有进行中的商机，该去开发漏斗之上的机会了。"),
	"week.high":        kam.T("High red flags", "高风险小红旗"),
	"week.high_count":  kam.T("%d high red flags", "%d 个高风险小红旗"),
	"week.no_high":     kam.T("No open high red flag.", "没有未处理的高风险小红旗。"),
	"week.actions":     kam.T("My actions due this week and overdue", "本周到期与逾期的行动"),
	"week.no_actions":  kam.T("Nothing due this week.", "本周没有到期的行动。"),
	"week.overdue":     kam.T("overdue", "已逾期"),
	"week.stale":       kam.T("Stale contact with key buyers", "与关键购买影响者久未联系"),
	"week.no_stale":    kam.T("Every key buyer was contacted recently.", "近期已联系所有关键购买影响者。"),
}

func init() {
	for k, v := range weekMessages {
		messages[k] = v
	}
}

var funnelMessages = map[string]kam.Text{
	"funnel.quota":         kam.T("Quota", "销售指标"),
	"funnel.no_quota":      kam.T("no quota set", "未设定指标"),
	"funnel.won":           kam.T("Won so far", "已赢单"),
	"funnel.remaining":     kam.T("Still to win", "尚需赢单"),
	"funnel.open":          kam.T("Open pipeline", "在途商机"),
	"funnel.weighted":      kam.T("Weighted by win rate", "按赢率加权"),
	"funnel.coverage":      kam.T("Coverage", "覆盖率"),
	"funnel.needed":        kam.T("needed", "需要"),
	"funnel.gap":           kam.T("Gap", "缺口"),
	"funnel.deals_n":       kam.T("%d deals", "%d 个商机"),
	"funnel.levels":        kam.T("By level", "各层级"),
	"funnel.count":         kam.T("Deals", "商机数"),
	"funnel.win_rate":      kam.T("Win rate", "赢率"),
	"funnel.from_history":  kam.T("from %d closed deals", "来自 %d 个已结束商机"),
	"funnel.from_default":  kam.T("default (too little history)", "默认值（历史数据不足）"),
	"funnel.deals_needed":  kam.T("Deals needed to close the gap", "弥补缺口所需商机数"),
	"funnel.warnings":      kam.T("Warnings", "警告"),
	"funnel.request":       kam.T("Resource request", "资源申请"),
	"funnel.request_intro": kam.T("The funnel principle: neither accept a quota the funnel cannot carry nor just ask for a lower number — bargain for resources, with this funnel as evidence.", "漏斗原则：既不默默接受漏斗无法支撑的指标，也不只是要求降低指标，而是以漏斗为依据争取资源。"),
	"funnel.expected":      kam.T("Expected (won + weighted)", "预期（已赢单 + 加权）"),
	"funnel.missing":       kam.T("What is missing", "缺什么"),
	"funnel.asks":          kam.T("What to ask for", "申请什么"),
	"funnel.team":          kam.T("The team, seller by seller", "团队：逐个销售"),
	"funnel.heatmap":       kam.T("Open red flags by seller and rule", "各销售未处理的小红旗（按规则）"),
	"quotas.explain":       kam.T("A quota is what a seller or a team must win in a period (2026, 2026Q4 or 2026-11). Managers set their team's; administrators set all.", "指标是销售或团队在某期间（2026、2026Q4 或 2026-11）内须赢得的金额。经理设定本团队的，管理员可设定全部。"),
	"quotas.whom":          kam.T("For", "对象"),
	"quotas.set":           kam.T("Set a quota", "设定指标"),
	"hint.period":          kam.T("2026, 2026Q4 or 2026-11", "2026、2026Q4 或 2026-11"),
}

func init() {
	for k, v := range funnelMessages {
		messages[k] = v
	}
}

var trashMessages = map[string]kam.Text{
	"trash.explain":    kam.T("Deleted accounts, people and opportunities wait here. Restore one to bring it back as it was.", "已删除的客户、联系人和商机保存在这里，恢复后即回到删除前的状态。"),
	"trash.restore":    kam.T("Restore", "恢复"),
	"trash.empty":      kam.T("Nothing in the trash.", "回收站为空。"),
	"criteria.explain": kam.T("The ideal-customer profile: weighted criteria from our best real customers. Each account is rated -5…+5 on each; the score ranks where effort goes.", "理想型客户画像：来自最佳真实客户的加权标准。每个客户在各项上评分 -5…+5，得分决定投入方向。"),
	"criteria.new":     kam.T("New criterion", "新建标准"),
}

func init() {
	for k, v := range trashMessages {
		messages[k] = v
	}
}
