package kam

// RecordKind names a kind of record: in English singular and plural (lower
// case, for sentences: "account 12 was skipped"), in Chinese once.
type RecordKind struct {
	One, Many string
	ZH        string
}

// Name is the kind's name in both languages, singular.
func (k RecordKind) Name() Text { return T(k.One, k.ZH) }

// records names every kind of record by the name the record history (the
// audit) and the store give it; the API and the export files use the
// plural.
var records = map[string]RecordKind{
	"user":             {"user", "users", "用户"},
	"team":             {"team", "teams", "团队"},
	"api_token":        {"API token", "API tokens", "API 令牌"},
	"account":          {"account", "accounts", "客户企业"},
	"account_relation": {"account relation", "account relations", "客户企业关系"},
	"account_share":    {"account share", "account shares", "客户企业共享"},
	"org_unit":         {"department", "departments", "部门"},
	"contact":          {"contact", "contacts", "联系人"},
	"contact_link":     {"contact link", "contact links", "联系人关系"},
	"opportunity":      {"opportunity", "opportunities", "商机"},
	"buying_influence": {"buying influence", "buying influences", "购买影响者"},
	"swot_item":        {"SWOT item", "SWOT items", "SWOT 条目"},
	"action":           {"action", "actions", "行动"},
	"interaction":      {"interaction", "interactions", "拜访与沟通记录"},
	"criterion":        {"ideal-customer criterion", "ideal-customer criteria", "理想型客户标准"},
	"criterion_rating": {"ideal-customer rating", "ideal-customer ratings", "理想型客户评分"},
	"quota":            {"quota", "quotas", "销售指标"},
	"exchange_rate":    {"exchange rate", "exchange rates", "汇率"},
	"accepted_finding": {"accepted red flag", "accepted red flags", "已接受的小红旗"},
	"level_change":     {"funnel level change", "funnel level changes", "漏斗位置变更"},
	"settings":         {"red-flag thresholds", "red-flag thresholds", "小红旗阈值"},
	"call_plan":        {"call plan", "call plans", "拜访计划"},
	"need":             {"need", "needs", "需求"},
	"review":           {"deal review", "deal reviews", "复盘"},
	"vito_plan":        {"VITO plan", "VITO plans", "拜访老总计划"},
}

// recordPlurals maps each plural name ("accounts", "criteria", "swot_items")
// to its kind.
var recordPlurals = func() map[string]string {
	out := map[string]string{}
	for name := range records {
		switch name {
		case "opportunity":
			out["opportunities"] = name
		case "criterion":
			out["criteria"] = name
		case "criterion_rating":
			out["criterion_ratings"] = name
		case "settings":
		default:
			out[name+"s"] = name
		}
	}
	return out
}()

// RecordOf returns the kind of record name names, singular ("account", as
// the audit writes it) or plural ("accounts", as the API and the export
// write it). ok is false for a name the table does not hold, whose kind
// then names itself.
func RecordOf(name string) (k RecordKind, ok bool) {
	if k, ok := records[name]; ok {
		return k, true
	}
	if one, ok := recordPlurals[name]; ok {
		return records[one], true
	}
	return RecordKind{name, name, name}, false
}

// RecordName is RecordOf(name)'s name in both languages.
func RecordName(name string) Text {
	k, _ := RecordOf(name)
	return k.Name()
}

// auditActions name what the record history says was done to a record.
var auditActions = map[string]Text{
	"create":   T("created", "创建"),
	"update":   T("changed", "修改"),
	"delete":   T("deleted", "删除"),
	"restore":  T("restored", "恢复"),
	"share":    T("shared", "共享"),
	"unshare":  T("unshared", "取消共享"),
	"rate":     T("rated", "评分"),
	"accept":   T("red flag accepted", "接受小红旗"),
	"reopen":   T("red flag reopened", "重新打开小红旗"),
	"password": T("password set", "设置密码"),
	"revoke":   T("revoked", "吊销"),
	"merge":    T("merged", "合并"),
}

// AuditActionName names an action of the record history ("create" →
// created, 创建); an action the table does not hold names itself.
func AuditActionName(action string) Text {
	if t, ok := auditActions[action]; ok {
		return t
	}
	return T(action, action)
}
