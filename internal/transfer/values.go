package transfer

import (
	"strconv"
	"strings"

	"kam/internal/kam"
)

// Value mapping: how the words people and other systems write in a cell
// read as kam's values. Each reader takes a value's code or its label in
// either language (kam.ValueOf) first, then the other spellings below.
// Every reader is pure; ok is false when the cell names no value, and the
// import then refuses the cell, listing the allowed values by their labels.

// Other spellings of seniorities: the titles that say the rank.
var senioritySpellings = map[string]kam.Seniority{
	"高管": kam.SeniorityExecutive, "高层管理者": kam.SeniorityExecutive, "副总裁": kam.SeniorityExecutive, "总裁": kam.SeniorityExecutive,
	"总经理": kam.SeniorityExecutive, "副总经理": kam.SeniorityExecutive, "董事长": kam.SeniorityExecutive, "首席执行官": kam.SeniorityExecutive,
	"cxo": kam.SeniorityExecutive, "c-level": kam.SeniorityExecutive, "clevel": kam.SeniorityExecutive, "vp": kam.SeniorityExecutive,
	"vice president": kam.SeniorityExecutive, "president": kam.SeniorityExecutive, "ceo": kam.SeniorityExecutive, "cfo": kam.SeniorityExecutive,
	"cio": kam.SeniorityExecutive, "cto": kam.SeniorityExecutive, "coo": kam.SeniorityExecutive, "owner": kam.SeniorityExecutive,
	"高级": kam.SenioritySenior, "总监": kam.SenioritySenior, "高级经理": kam.SenioritySenior, "部长": kam.SenioritySenior,
	"director": kam.SenioritySenior, "head": kam.SenioritySenior, "senior": kam.SenioritySenior,
	"中层": kam.SeniorityMiddle, "经理": kam.SeniorityMiddle, "主管": kam.SeniorityMiddle, "科长": kam.SeniorityMiddle,
	"manager": kam.SeniorityMiddle, "middle": kam.SeniorityMiddle, "middle management": kam.SeniorityMiddle,
	"初级": kam.SeniorityJunior, "基层": kam.SeniorityJunior, "专员": kam.SeniorityJunior, "员工": kam.SeniorityJunior, "工程师": kam.SeniorityJunior,
	"staff": kam.SeniorityJunior, "entry": kam.SeniorityJunior, "individual contributor": kam.SeniorityJunior,
	"未知": kam.SeniorityUnknown, "不详": kam.SeniorityUnknown,
}

var statusSpellings = map[string]kam.ContactStatus{
	"在职": kam.ContactActive, "在岗": kam.ContactActive, "离职": kam.ContactLeft, "已离开": kam.ContactLeft,
	"调岗": kam.ContactMoved, "转岗": kam.ContactMoved, "inactive": kam.ContactLeft,
}

var influenceSpellings = map[string]kam.Influence{
	"高": kam.InfluenceHigh, "大": kam.InfluenceHigh, "h": kam.InfluenceHigh, "中": kam.InfluenceMedium, "一般": kam.InfluenceMedium,
	"m": kam.InfluenceMedium, "med": kam.InfluenceMedium, "低": kam.InfluenceLow, "小": kam.InfluenceLow, "l": kam.InfluenceLow,
}

var contactLevelSpellings = map[string]kam.ContactLevel{
	"经常": kam.ContactFrequent, "频繁接触": kam.ContactFrequent, "often": kam.ContactFrequent,
	"偶尔": kam.ContactRare, "很少": kam.ContactRare, "少": kam.ContactRare, "seldom": kam.ContactRare,
	"无": kam.ContactNone, "从未": kam.ContactNone, "never": kam.ContactNone,
}

// levelSpellings read the stages of Salesforce's and HubSpot's default
// sales processes (and common Chinese ones) as funnel levels: qualifying
// is above the funnel, working the need in it, a proposal out among the
// best few.
var levelSpellings = map[string]kam.FunnelLevel{
	"prospecting": kam.LevelAbove, "qualification": kam.LevelAbove, "appointmentscheduled": kam.LevelAbove, "qualifiedtobuy": kam.LevelAbove,
	"线索": kam.LevelAbove, "初步接触": kam.LevelAbove, "潜在": kam.LevelAbove,
	"needsanalysis": kam.LevelIn, "valueproposition": kam.LevelIn, "iddecisionmakers": kam.LevelIn, "perceptionanalysis": kam.LevelIn,
	"presentationscheduled": kam.LevelIn, "decisionmakerboughtin": kam.LevelIn, "需求分析": kam.LevelIn, "方案": kam.LevelIn, "方案阶段": kam.LevelIn,
	"proposalpricequote": kam.LevelBestFew, "negotiationreview": kam.LevelBestFew, "contractsent": kam.LevelBestFew,
	"商务谈判": kam.LevelBestFew, "谈判": kam.LevelBestFew, "报价": kam.LevelBestFew, "合同": kam.LevelBestFew,
	"closedwon": kam.LevelWon, "won": kam.LevelWon, "赢": kam.LevelWon, "成交": kam.LevelWon, "已成交": kam.LevelWon, "签约": kam.LevelWon,
	"closedlost": kam.LevelLost, "lost": kam.LevelLost, "输": kam.LevelLost, "失败": kam.LevelLost, "输单": kam.LevelLost,
}

// roleSpellings read Salesforce's contact roles (OpportunityContactRole's
// Role) and HubSpot's buying roles as CUTE roles; roles with no CUTE twin
// (Influencer, Other) name none.
var roleSpellings = map[string]kam.BuyingRole{
	"decisionmaker": kam.RoleEconomic, "economicbuyer": kam.RoleEconomic, "economicdecisionmaker": kam.RoleEconomic,
	"executivesponsor": kam.RoleEconomic, "budgetholder": kam.RoleEconomic, "决策者": kam.RoleEconomic, "拍板人": kam.RoleEconomic, "e": kam.RoleEconomic,
	"technicalbuyer": kam.RoleTechnical, "evaluator": kam.RoleTechnical, "technicaldecisionmaker": kam.RoleTechnical,
	"技术把关": kam.RoleTechnical, "技术评估": kam.RoleTechnical, "t": kam.RoleTechnical,
	"businessuser": kam.RoleUser, "enduser": kam.RoleUser, "使用者": kam.RoleUser, "最终用户": kam.RoleUser, "u": kam.RoleUser,
	"champion": kam.RoleCoach, "内线": kam.RoleCoach, "向导": kam.RoleCoach, "c": kam.RoleCoach,
}

var modeSpellings = map[string]kam.ResponseMode{
	"增长": kam.ModeGrowth, "成长": kam.ModeGrowth, "困境": kam.ModeTrouble, "麻烦": kam.ModeTrouble,
	"平稳": kam.ModeEvenKeel, "稳定": kam.ModeEvenKeel, "evenkeel": kam.ModeEvenKeel, "自负": kam.ModeOverconfident, "过度自信": kam.ModeOverconfident,
}

// readEnum reads a cell as one of values: its code or label (kam.ValueOf),
// or a spelling of the table (compared by normKey, and as written).
func readEnum[T ~string](s string, values []T, spellings map[string]T) (T, bool) {
	if v, ok := kam.ValueOf(s, values); ok {
		return v, true
	}
	s = strings.TrimSpace(s)
	if v, ok := spellings[strings.ToLower(s)]; ok {
		return v, true
	}
	if v, ok := spellings[normKey(s)]; ok {
		return v, true
	}
	return "", false
}

// ReadSeniority reads a seniority: 高层, Executive, 副总裁 and VP are
// executive; 总监 and Director senior; 经理 middle; 专员 junior.
func ReadSeniority(s string) (kam.Seniority, bool) {
	return readEnum(s, kam.Seniorities, senioritySpellings)
}

// ReadContactStatus reads a contact's status (在职, 离职, 调岗 …).
func ReadContactStatus(s string) (kam.ContactStatus, bool) {
	return readEnum(s, kam.ContactStatuses, statusSpellings)
}

// ReadInfluence reads an influence: 高/中/低, High/Medium/Low, H/M/L.
func ReadInfluence(s string) (kam.Influence, bool) {
	return readEnum(s, kam.Influences, influenceSpellings)
}

// ReadContactLevel reads how often we are in touch with a buyer.
func ReadContactLevel(s string) (kam.ContactLevel, bool) {
	return readEnum(s, kam.ContactLevels, contactLevelSpellings)
}

// ReadLevel reads a funnel level, or a CRM's stage as one.
func ReadLevel(s string) (kam.FunnelLevel, bool) {
	return readEnum(s, kam.FunnelLevels, levelSpellings)
}

// ReadMode reads a response mode.
func ReadMode(s string) (kam.ResponseMode, bool) {
	return readEnum(s, kam.ResponseModes, modeSpellings)
}

// ReadRoles reads a list of CUTE roles separated by 、 , ; / or spaces
// within Chinese text ("教练、用户", "Economic Buyer;Evaluator", "E/T").
// A part naming no role kam keeps (Influencer, Other) is left out; ok is
// false when a part is not a role at all.
func ReadRoles(s string) (roles []kam.BuyingRole, ok bool) {
	parts := strings.FieldsFunc(s, func(r rune) bool {
		return r == '、' || r == ',' || r == '，' || r == ';' || r == '；' || r == '/' || r == '|'
	})
	seen := map[kam.BuyingRole]bool{}
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		switch normKey(p) {
		case "influencer", "other", "其他", "影响者":
			continue
		}
		r, ok := readEnum(p, kam.BuyingRoles, roleSpellings)
		if !ok {
			return nil, false
		}
		if !seen[r] {
			seen[r] = true
			roles = append(roles, r)
		}
	}
	return roles, true
}

// Ratings proposed for words of support: a supporter +3 (the least that
// reads as support), an opponent -3, the strong forms ±5. The user
// confirms them in the mapping; a number is taken as it is.
var ratingSpellings = map[string]int{
	"强烈支持": 5, "坚定支持": 5, "strongsupport": 5, "strongsupporter": 5, "champion": 5,
	"支持": 3, "支持者": 3, "support": 3, "supporter": 3, "supports": 3, "positive": 3, "积极": 3,
	"中立": 0, "中性": 0, "neutral": 0, "一般": 0,
	"反对": -3, "反对者": -3, "oppose": -3, "opposes": -3, "opponent": -3, "against": -3, "negative": -3, "消极": -3,
	"强烈反对": -5, "坚决反对": -5, "strongopponent": -5, "strongoppose": -5,
}

// ReadRating reads a buyer's rating, -5 … +5: a number ("+3", "-2", "４"),
// or a word of support (支持 +3, 中立 0, 反对 -3, 强烈支持 +5 …). A
// number outside the scale is refused here, not clipped.
func ReadRating(s string) (int, bool) {
	s = strings.TrimSpace(s)
	k := normKey(s)
	if v, ok := ratingSpellings[k]; ok {
		return v, true
	}
	t := strings.Map(func(r rune) rune {
		if r >= 0xFF01 && r <= 0xFF5E {
			return r - 0xFEE0
		}
		return r
	}, s)
	t = strings.TrimPrefix(t, "+")
	n, err := strconv.Atoi(t)
	if err != nil || n < -5 || n > 5 {
		return 0, false
	}
	return n, true
}

// allowedLabels lists the labels of values in locale l, for a message
// that says what a cell may hold.
func allowedLabels[T ~string](values []T, l kam.Locale) string {
	names := make([]string, len(values))
	for i, v := range values {
		names[i] = kam.Label(v).In(l)
	}
	sep := ", "
	if l == kam.LocaleZH {
		sep = "、"
	}
	return strings.Join(names, sep)
}

// notOneOf is the problem of a cell that names none of values, with the
// allowed values as labels in both languages.
func notOneOf[T ~string](cell string, values []T) kam.Text {
	return kam.T("“"+cell+"” is not one of: "+allowedLabels(values, kam.LocaleEN),
		"“"+cell+"”不是可选值之一："+allowedLabels(values, kam.LocaleZH))
}
