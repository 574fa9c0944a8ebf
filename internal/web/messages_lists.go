package web

import "kam/internal/kam"

// listMessages are the texts of the deal list, the people list, My actions
// and search.
var listMessages = map[string]kam.Text{
	"nav.deals":   kam.T("Deals", "商机"),
	"nav.people":  kam.T("People", "联系人"),
	"nav.actions": kam.T("My actions", "我的行动"),

	"sort.updated_at":  kam.T("Last changed", "最近修改"),
	"sort.status_date": kam.T("Status date", "状态日期"),
	"sort.due":         kam.T("Due date (overdue first)", "截止日期（逾期在前）"),

	"list.close_from": kam.T("Closing from", "成交日期从"),
	"list.close_to":   kam.T("to", "至"),
	"list.health_min": kam.T("Health at least", "健康度不低于"),
	"list.health_max": kam.T("at most", "不高于"),
	"list.flags":      kam.T("Has open high red flags", "有未处理的高风险小红旗"),
	"list.suggested":  kam.T("suggested: %s", "建议：%s"),
	"list.none":       kam.T("Nothing here yet.", "暂无记录。"),
	"list.none_found": kam.T("Nothing matches these filters.", "没有符合筛选条件的记录。"),
	"list.clear":      kam.T("Clear the filters", "清除筛选"),
	"list.short_page": kam.T("Health and flag filters read a few hundred deals a page: follow “Next page” for more.", "健康度和小红旗筛选每页只检查数百个商机：更多结果请点“下一页”。"),
	"list.high_n":     kam.T("%d high", "%d 个高风险"),
	"list.departed":   kam.T("Left or moved in the last %d days", "最近 %d 天离职或调岗"),
	"list.deal":       kam.T("Deal", "商机"),
	"list.target":     kam.T("Target buyer", "目标购买影响者"),
	"list.mine":       kam.T("Mine", "我的"),
	"list.team":       kam.T("My team's", "我的团队"),
	"list.due_window": kam.T("Due within", "截止时间范围"),
	"list.due_any":    kam.T("any time", "不限"),
	"list.due_today":  kam.T("today or overdue", "今天及已逾期"),
	"list.due_days":   kam.T("within %d days", "%d 天内"),

	"search.title":   kam.T("Search", "搜索"),
	"search.label":   kam.T("Search accounts, people, deals, actions (press /)", "搜索客户、联系人、商机、行动（按 / 键）"),
	"search.hint":    kam.T("Type part of a name, a title or a product; Chinese works as typed.", "输入名称、职位或产品的一部分；中文可直接输入。"),
	"search.none":    kam.T("Nothing found for “%s”.", "没有找到与“%s”相关的记录。"),
	"search.more":    kam.T("More", "更多"),
	"search.actions": kam.T("Open actions", "进行中的行动"),
	"keys.title":     kam.T("Keyboard shortcuts", "键盘快捷键"),
	"keys.search":    kam.T("search", "搜索"),
	"keys.new":       kam.T("new action (on a deal's sheet)", "新建行动（在商机策略表上）"),
	"keys.week":      kam.T("go to My week", "前往“我的本周”"),
	"keys.deals":     kam.T("go to the deal list", "前往商机列表"),
	"keys.funnel":    kam.T("go to the funnel", "前往漏斗"),
	"keys.help":      kam.T("this list", "显示本列表"),
	"keys.close":     kam.T("Close", "关闭"),

	"actions.done":           kam.T("Mark done", "标记完成"),
	"actions.drop":           kam.T("Drop", "放弃"),
	"actions.marked_done":    kam.T("Marked done.", "已标记为完成。"),
	"actions.marked_dropped": kam.T("Dropped.", "已放弃。"),
	"actions.marked_open":    kam.T("Open again.", "已重新打开。"),
}
