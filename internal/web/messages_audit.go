package web

import "kam/internal/kam"

// auditMessages (a part of the catalogue, messageTables) are the record history's words: what was done (verbs in the
// reader's language), to which kind of record, and the words of values.
var auditMessages = map[string]kam.Text{
	"audit.unknown": kam.T("(a record you cannot see)", "（不可见的记录）"),
	"audit.yes":     kam.T("yes", "是"),
	"audit.no":      kam.T("no", "否"),
	"audit.changed": kam.T("(changed)", "（已修改）"),
	"audit.empty":   kam.T("(empty)", "（空）"),
	"audit.kinds":   kam.T("Any kind", "所有类型"),

	"audit.verb.create":   kam.T("created", "新建了"),
	"audit.verb.update":   kam.T("changed", "修改了"),
	"audit.verb.delete":   kam.T("moved to the trash", "删除了"),
	"audit.verb.restore":  kam.T("restored", "恢复了"),
	"audit.verb.accept":   kam.T("accepted the red flag", "接受了小红旗"),
	"audit.verb.reopen":   kam.T("reopened the red flag", "重新打开了小红旗"),
	"audit.verb.rate":     kam.T("rated", "评分了"),
	"audit.verb.share":    kam.T("shared", "共享了"),
	"audit.verb.unshare":  kam.T("stopped sharing", "取消共享了"),
	"audit.verb.password": kam.T("set the password of", "设置了密码："),
	"audit.verb.revoke":   kam.T("revoked", "吊销了"),
	"audit.verb.merge":    kam.T("merged", "合并了"),

	"dup.warn":          kam.T("This seems to exist already:", "似乎已经存在："),
	"dup.hint":          kam.T("Open it to work on it, or create the new record anyway.", "请打开已有的记录继续工作，或者仍然新建这条记录。"),
	"dup.create_anyway": kam.T("Create anyway", "仍然新建"),
	"dup.merge":         kam.T("Merge into the same record", "合并到重复的记录"),
	"dup.keep":          kam.T("Record to keep", "保留的记录"),
	"dup.merge_hint":    kam.T("Everything below this record moves to the one kept; this one goes to the trash, and both histories say so.", "本记录下的所有内容将移到保留的记录；本记录移入回收站，两条记录的变更历史都会记下这次合并。"),
	"dup.merge_submit":  kam.T("Merge", "合并"),
	"dup.merged":        kam.T("Merged.", "已合并。"),
	"audit.verb.other":  kam.T("changed", "修改了"),

	"audit.kind.user":             kam.T("user", "用户"),
	"audit.kind.team":             kam.T("team", "团队"),
	"audit.kind.account":          kam.T("account", "客户企业"),
	"audit.kind.account_relation": kam.T("account relation", "客户关系"),
	"audit.kind.org_unit":         kam.T("department", "部门"),
	"audit.kind.contact":          kam.T("contact", "联系人"),
	"audit.kind.contact_link":     kam.T("contact link", "联系人关系"),
	"audit.kind.opportunity":      kam.T("opportunity", "商机"),
	"audit.kind.buying_influence": kam.T("buying influence", "购买影响者"),
	"audit.kind.swot_item":        kam.T("SWOT item", "SWOT 条目"),
	"audit.kind.action":           kam.T("action", "行动"),
	"audit.kind.interaction":      kam.T("interaction", "互动"),
	"audit.kind.criterion":        kam.T("ideal-customer criterion", "理想客户标准"),
	"audit.kind.quota":            kam.T("quota", "销售指标"),
	"audit.kind.api_token":        kam.T("API token", "API 令牌"),
	"audit.kind.settings":         kam.T("red-flag settings", "小红旗设置"),
	"audit.kind.other":            kam.T("record", "记录"),

	// Fields the forms do not name.
	"f.reached_level":     kam.T("Furthest level reached", "到达过的最远漏斗位置"),
	"f.closed_on":         kam.T("Closed on", "结束日期"),
	"f.disabled":          kam.T("Disabled", "已停用"),
	"f.must_change":       kam.T("Must change password", "须修改密码"),
	"f.note":              kam.T("Note", "说明"),
	"f.rule":              kam.T("Red flag", "小红旗"),
	"f.subject":           kam.T("About", "关于"),
	"f.by":                kam.T("By", "操作人"),
	"f.last_used_at":      kam.T("Last used", "最近使用"),
	"f.expires_at":        kam.T("Expires", "到期"),
	"f.revoked_at":        kam.T("Revoked", "已吊销"),
	"f.prefix":            kam.T("Token prefix", "令牌前缀"),
	"f.feedback":          kam.T("Feedback", "反馈"),
	"f.users":             kam.T("Our side", "我方人员"),
	"f.from":              kam.T("From", "从"),
	"f.to":                kam.T("To", "到"),
	"f.kind":              kam.T("Kind", "类型"),
	"f.text":              kam.T("Text", "内容"),
	"f.description":       kam.T("Description", "说明"),
	"f.criterion_rating":  kam.T("Rating", "评分"),
	"f.criterion_id":      kam.T("Criterion", "标准"),
	"f.ideal_rating":      kam.T("Rating", "评分"),
	"f.last_sign_in":      kam.T("Last sign-in", "最近登录"),
	"f.strength_id":       kam.T("Strength used", "利用的强项"),
	"f.addresses_rules":   kam.T("Answers red flags", "应对的小红旗"),
	"f.participant_ids":   kam.T("Participants", "参与人"),
	"f.target_influence":  kam.T("Works on", "针对的购买影响者"),
	"f.win_results":       kam.T("Win results", "赢的结果"),
	"f.reorganising":      kam.T("Reorganising since", "重组开始于"),
	"f.counterpart_level": kam.T("Relationship level", "关系级别"),
}


// auditVerb is what was done, in the reader's language.
func auditVerb(action string) kam.Text {
	if m, ok := messages["audit.verb."+action]; ok {
		return m
	}
	return messages["audit.verb.other"]
}

// auditKind names a kind of record.
func auditKind(entity string) kam.Text {
	if m, ok := messages["audit.kind."+entity]; ok {
		return m
	}
	return messages["audit.kind.other"]
}

// auditFieldIDs name the fields whose form label has another id.
var auditFieldIDs = map[string]string{
	"owner_id": "f.owner", "counterpart_id": "f.counterpart", "org_unit_id": "f.org_unit", "reports_to_id": "f.reports_to",
	"manager_id": "f.manager", "team_id": "f.team", "user_id": "f.user", "by_user_id": "f.by", "rule_id": "f.rule",
	"account_id": "f.account_name", "contact_id": "f.contact", "to_account_id": "f.other_account", "from_account_id": "f.account_name",
	"to_contact_id": "f.other_contact", "from_contact_id": "f.contact", "user_ids": "f.users", "target_influence_id": "f.target",
	"must_change_password": "f.must_change", "status": "f.status", "rating": "f.rating",
}

// auditField names field key of a record of kind entity as the forms do.
func auditField(entity, key string) kam.Text {
	switch {
	case key == "name" && entity == "account":
		return messages["f.account_name"]
	case key == "name" && entity == "opportunity":
		return messages["f.opp_name"]
	case key == "name" && entity == "org_unit":
		return messages["f.unit_name"]
	case key == "name" && entity == "team":
		return messages["f.team_name"]
	case key == "status" && entity == "contact":
		return messages["f.contact_status"]
	case key == "kind" && entity == "interaction":
		return messages["f.interaction_kind"]
	case key == "kind" && entity == "swot_item":
		return messages["f.swot_kind"]
	case key == "text" && entity == "swot_item":
		return messages["f.swot_text"]
	case key == "kind" && entity == "contact_link":
		return messages["f.link_kind"]
	case key == "kind" && entity == "account_relation":
		return messages["f.relation_kind"]
	case key == "kind" && entity == "criterion":
		return messages["f.criterion_kind"]
	case key == "title" && entity == "action":
		return messages["f.action_title"]
	case key == "parent_id" && entity == "org_unit":
		return messages["f.parent_unit"]
	case key == "parent_id":
		return messages["f.parent"]
	}
	if id, ok := auditFieldIDs[key]; ok {
		return messages[id]
	}
	if m, ok := messages["f."+key]; ok {
		return m
	}
	return messages["audit.changed"]
}
