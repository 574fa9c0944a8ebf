package transfer

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"

	"kam/internal/kam"
)

// The kinds of sheet a mapping is proposed for, beside CSVContacts and
// CSVAccounts: the rest of the pipeline.
const (
	CSVDepartments   CSVKind = "org_units"
	CSVOpportunities CSVKind = "opportunities"
	CSVInfluences    CSVKind = "buying_influences"
	CSVActions       CSVKind = "actions"
	CSVInteractions  CSVKind = "interactions"
)

// MappingKinds lists the kinds ProposeMapping knows, in the order a
// pipeline is read (each refers only to those before it).
var MappingKinds = []CSVKind{CSVAccounts, CSVDepartments, CSVContacts, CSVOpportunities, CSVInfluences, CSVActions, CSVInteractions}

// Keys of the columns that are not one field of the record: the user's own
// key for the row, and references to other rows (by the user's key or by
// name).
const (
	KeyExternalID = "external_id" // the row's own key in the user's system
	KeyAccount    = "account"     // the account, by name
	KeyAccountID  = "account_ref" // the account, by the user's key
	KeyParent     = "parent"      // parent account or department, by name
	KeyParentID   = "parent_ref"  // parent, by the user's key
	KeyOwner      = "owner"       // a user, by email or name
	KeyDepartment = "department"  // the contact's department, by name
	KeyReportsTo  = "reports_to"  // the contact's manager, by name
	KeyReportsID  = "reports_ref" // the contact's manager, by the user's key
	KeyFirstName  = "first_name"  // joined with last_name into the name
	KeyLastName   = "last_name"
	KeyDeal       = "opportunity"     // a deal, by name within its account
	KeyDealID     = "opportunity_ref" // a deal, by the user's key
	KeyPerson     = "contact"         // a person, by name within the account
	KeyPersonID   = "contact_ref"     // a person, by the user's key
	KeyPersonMail = "contact_email"   // a person, by email
)

// Target is something a column of a user's sheet can fill: a field of the
// record (its JSON name) or one of the Key… references. Field names it in
// kam's table, the header kam's own files write; Synonyms are the other
// headers people and other systems write (older Chinese words, Salesforce's
// and HubSpot's export headers, API names).
type Target struct {
	Key      string    `json:"key"`
	Field    kam.Field `json:"field,omitempty"`
	Title    kam.Text  `json:"title"`
	Synonyms []string  `json:"-"`
}

func tg(key string, f kam.Field, syn ...string) Target {
	return Target{Key: key, Field: f, Title: f.Label(), Synonyms: syn}
}

func tk(key string, title kam.Text, syn ...string) Target {
	return Target{Key: key, Title: title, Synonyms: syn}
}

var (
	titleExternalID = kam.T("Your key (external id)", "外部编号（贵方系统的编号）")
	titleAccountRef = kam.T("Account's key", "客户企业的外部编号")
	titleParentRef  = kam.T("Parent's key", "上级的外部编号")
	titleFirstName  = kam.T("First name", "名")
	titleLastName   = kam.T("Last name", "姓")
	titleReportsRef = kam.T("Manager's key", "直属上级的外部编号")
	titleDealRef    = kam.T("Opportunity's key", "商机的外部编号")
	titlePersonRef  = kam.T("Person's key", "联系人的外部编号")
	titlePersonMail = kam.T("Person's email", "联系人邮箱")
)

// targets holds, per kind, every column ProposeMapping can propose. A
// header matches a target by its key, its field's name in either language,
// or a synonym, compared by normKey (case, spaces, underscores and
// punctuation aside).
var targets = map[CSVKind][]Target{
	CSVAccounts: {
		tk(KeyExternalID, titleExternalID, "id", "编号", "Account ID", "AccountId", "Record ID", "Company ID", "客户编号", "客户ID", "企业编号", "外部编号", "外部ID"),
		tg("name", kam.FieldAccountName, "Account Name", "Company name", "Company", "Name", "客户名称", "企业名称", "公司名称", "客户", "公司", "单位名称"),
		tg("industry", kam.FieldIndustry, "Industry", "所属行业", "行业类别"),
		tg("region", kam.FieldRegion, "Billing State/Province", "BillingState", "State/Region", "State", "Region", "区域", "省份", "所在地区", "地区/省份"),
		tg("employees", kam.FieldEmployees, "Employees", "NumberOfEmployees", "Number of Employees", "员工数", "人数", "员工规模", "规模", "企业规模"),
		tg("annual_revenue", kam.FieldAnnualRevenue, "Annual Revenue", "AnnualRevenue", "年收入", "年营收", "营业收入", "营收"),
		tg(KeyParent, kam.FieldParentAccount, "Parent Account", "Parent Company", "Parent", "所属集团", "集团", "上级公司", "母公司", "上级客户", "上级客户企业名称"),
		tk(KeyParentID, titleParentRef, "parent_id", "Parent Account ID", "ParentId", "Parent Company ID", "上级客户编号", "上级客户ID", "集团编号"),
		tg(KeyOwner, kam.FieldOwner, "owner_id", "Account Owner", "Company owner", "Owner", "OwnerId", "Owner Email", "客户经理", "销售负责人", "所有人", "负责销售"),
		tg("reorganising_since", kam.FieldReorganisingSince, "重组日期"),
		tg("notes", kam.FieldNotes, "Description", "描述", "说明", "简介"),
	},
	CSVDepartments: {
		tk(KeyExternalID, titleExternalID, "id", "编号", "Department ID", "部门编号", "外部编号"),
		tg(KeyAccount, kam.FieldAccount, "Account Name", "Account", "Company", "Company name", "客户名称", "公司", "公司名称", "所属公司", "企业名称"),
		tk(KeyAccountID, titleAccountRef, "account_id", "Account ID", "AccountId", "客户编号", "客户ID"),
		tg("name", kam.FieldUnitName, "Department", "Department Name", "Name", "部门", "名称", "部门名"),
		tg(KeyParent, kam.FieldParentUnit, "Parent Department", "Parent", "上级", "所属部门"),
		tk(KeyParentID, titleParentRef, "parent_id", "Parent Department ID", "上级部门编号"),
	},
	CSVContacts: {
		tk(KeyExternalID, titleExternalID, "id", "编号", "Contact ID", "ContactId", "Record ID", "联系人编号", "联系人ID", "外部编号"),
		tg(KeyAccount, kam.FieldAccount, "Account Name", "Account", "Company Name", "Company", "Associated Company", "客户名称", "公司", "公司名称", "所属公司", "企业名称", "单位"),
		tk(KeyAccountID, titleAccountRef, "account_id", "Account ID", "AccountId", "Associated Company ID", "客户编号", "客户ID", "公司编号"),
		tg("name", kam.FieldName, "Full Name", "Contact Name", "Name", "名字", "联系人", "联系人姓名"),
		tk(KeyFirstName, titleFirstName, "First Name", "FirstName", "Given Name", "名"),
		tk(KeyLastName, titleLastName, "Last Name", "LastName", "Surname", "Family Name", "姓"),
		tg("title", kam.FieldTitle, "Title", "Job Title", "Position", "职位", "头衔", "岗位", "职称"),
		tg(KeyDepartment, kam.FieldOrgUnit, "Department", "部门", "所属部门", "部门名称"),
		tg("seniority", kam.FieldSeniority, "Seniority", "Level", "职级", "级别", "层级"),
		tg(KeyReportsTo, kam.FieldReportsTo, "Reports To", "Manager", "汇报对象", "汇报关系", "上级", "直接上级", "汇报给"),
		tk(KeyReportsID, titleReportsRef, "reports_to_id", "Reports To ID", "ReportsToId", "上级编号", "直属上级编号"),
		tg("status", kam.FieldContactStatus, "Status", "在职状态", "状态"),
		tg("status_date", kam.FieldStatusDate, "状态日期"),
		tg("in_post_since", kam.FieldInPostSince, "任职起始日期", "任职日期", "到岗时间", "任职时间", "In Post Since"),
		tg("email", kam.FieldEmail, "Email", "Email Address", "E-mail", "电子邮件", "邮件", "电子邮箱", "邮箱地址"),
		tg("phone", kam.FieldPhone, "Phone", "Mobile", "MobilePhone", "Mobile Phone", "Mobile Phone Number", "Phone Number", "Business Phone", "手机", "手机号", "手机号码", "联系电话", "电话号码", "座机"),
		tg("personal_notes", kam.FieldPersonalNotes, "Description", "个人备注", "备注", "说明"),
	},
	CSVOpportunities: {
		tk(KeyExternalID, titleExternalID, "id", "编号", "Opportunity ID", "OpportunityId", "Deal ID", "Record ID", "商机编号", "外部编号"),
		tg("name", kam.FieldOpportunityName, "Opportunity Name", "Deal Name", "Name", "商机名称", "项目名称", "机会名称", "名称", "项目"),
		tg(KeyAccount, kam.FieldAccount, "Account Name", "Account", "Company", "Associated Company", "Company name", "客户名称", "客户", "公司", "公司名称"),
		tk(KeyAccountID, titleAccountRef, "account_id", "Account ID", "AccountId", "Associated Company ID", "客户编号", "客户ID"),
		tg("product", kam.FieldProduct, "Product", "Product Name", "产品", "产品名称", "产品/服务"),
		tg("amount", kam.FieldAmount, "Amount", "Deal Amount", "Expected Revenue", "金额", "预计金额", "合同金额", "商机金额"),
		tg("currency", kam.FieldCurrency, "Currency", "CurrencyIsoCode", "Opportunity Currency", "Deal Currency Code", "货币"),
		tg("close_date", kam.FieldCloseDate, "Close Date", "CloseDate", "预计成交日期", "预计签约日期", "成交日期", "关闭日期"),
		tg("level", kam.FieldLevel, "Stage", "StageName", "Deal Stage", "阶段", "销售阶段", "商机阶段", "漏斗阶段"),
		tg(KeyOwner, kam.FieldOwner, "owner_id", "Opportunity Owner", "Deal owner", "Owner", "OwnerId", "Owner Email", "销售", "销售负责人", "负责销售"),
		tg("competitors", kam.FieldCompetitors, "Competitors", "Competitor", "竞争对手", "竞品"),
	},
	CSVInfluences: {
		tk(KeyExternalID, titleExternalID, "id", "编号", "OpportunityContactRole ID", "外部编号"),
		tg(KeyDeal, kam.FieldOpportunity, "Opportunity Name", "Opportunity", "Deal Name", "Deal", "商机名称", "项目名称"),
		tk(KeyDealID, titleDealRef, "opportunity_id", "Opportunity ID", "OpportunityId", "Deal ID", "商机编号"),
		tg(KeyPerson, kam.FieldContact, "Contact Name", "Contact", "Name", "姓名", "联系人姓名", "决策人", "购买影响者"),
		tk(KeyPersonID, titlePersonRef, "contact_id", "Contact ID", "ContactId", "联系人编号"),
		tk(KeyPersonMail, titlePersonMail, "Contact Email", "Email", "邮箱", "电子邮件"),
		tg("roles", kam.FieldRoles, "Role", "Contact Role", "Buying Role", "角色", "购买角色", "决策角色"),
		tg("influence", kam.FieldInfluence, "Influence", "影响力", "影响程度"),
		// kam's workbook writes the rating and then the support it gives:
		// the second column is then ignored as giving the rating again.
		tg("rating", kam.FieldRating, "Rating", "Attitude", string(kam.FieldSupport), kam.FieldSupport.Label().EN, kam.FieldSupport.Label().ZH, "态度", "立场", "支持程度"),
		tg("contact_level", kam.FieldContactLevel, "Contact Level", "接触程度", "接触频率"),
		tg("mode", kam.FieldMode, "Response Mode", "Mode", "反馈模式", "反应模式"),
		tg("personal_win", kam.FieldPersonalWin, "Personal Win", "个人赢"),
		tg("business_result", kam.FieldBusinessResult, "Business Result", "业务结果"),
		tg("counterpart", kam.FieldCounterpart, "Counterpart", "我方对接人", "对接人"),
		tg("relationship_level", kam.FieldRelationshipLevel, "Relationship Level", "关系级别"),
	},
	CSVActions: {
		tk(KeyExternalID, titleExternalID, "id", "编号", "外部编号"),
		tg(KeyDeal, kam.FieldOpportunity, "Opportunity Name", "Opportunity", "Deal Name", "商机名称", "项目名称"),
		tk(KeyDealID, titleDealRef, "opportunity_id", "Opportunity ID", "OpportunityId", "商机编号"),
		tg("title", kam.FieldActionTitle, "Subject", "Task", "Action", "Title", "任务", "行动", "事项", "标题"),
		tg(KeyOwner, kam.FieldOwner, "owner_id", "Assigned To", "Owner", "负责人", "执行人"),
		tg("due", kam.FieldDue, "Due Date", "ActivityDate", "Due", "截止日期", "到期日", "完成期限"),
		tg("status", kam.FieldStatus, "Status", "状态"),
	},
	CSVInteractions: {
		tk(KeyExternalID, titleExternalID, "id", "编号", "外部编号"),
		tg(KeyDeal, kam.FieldOpportunity, "Opportunity Name", "Opportunity", "Deal Name", "商机名称", "项目名称"),
		tk(KeyDealID, titleDealRef, "opportunity_id", "Opportunity ID", "商机编号"),
		tg("kind", kam.FieldInteractionKind, "Type", "Activity Type", "Call Type", "方式", "拜访方式", "沟通方式"),
		tg("at", kam.FieldAt, "Date", "Activity Date", "Call Date", "日期", "拜访日期", "时间"),
		tg("objective", kam.FieldObjective, "Objective", "Subject", "拜访目的", "目的"),
		tg("outcome", kam.FieldOutcome, "Outcome", "结果", "拜访结果"),
		tg("notes", kam.FieldNotes, "Description", "Comments", "备注", "记录"),
	},
}

// derived are the columns kam's own workbook writes that kam works out
// (a deal's health) or keeps on another sheet (a buyer's title is the
// contact's): read back, they are ignored with this reason.
var derived = map[CSVKind][]kam.Field{
	CSVOpportunities: {kam.FieldHealth, kam.FieldOpenHighFlags},
	CSVInfluences:    {kam.FieldTitle},
}

var (
	msgWorkedOut = kam.T("kam works it out", "由 kam 计算得出")
	msgElsewhere = kam.T("it is the person's, read from the contacts sheet", "它属于联系人，从联系人工作表读取")
)

// derivedOf finds the reason a derived column of kind is ignored.
func derivedOf(kind CSVKind, h string) (kam.Text, bool) {
	for _, f := range derived[kind] {
		l := f.Label()
		for _, s := range []string{l.ZH, l.EN, l.ZH + " / " + l.EN, string(f)} {
			if normKey(s) != normKey(h) {
				continue
			}
			if kind == CSVInfluences {
				return msgElsewhere, true
			}
			return msgWorkedOut, true
		}
	}
	return kam.Text{}, false
}

// Targets lists what a column of a sheet of kind can fill, in the order
// of the form (nil for a kind without a mapping).
func Targets(kind CSVKind) []Target { return targets[kind] }

// MappedColumn is one column of a user's sheet and what it fills.
type MappedColumn struct {
	// Index is the column's position, 0 for column A.
	Index int `json:"index"`
	// Header is the column's name as the user wrote it.
	Header string `json:"header"`
	// Target is the Key of the Target it fills, "" when it is ignored.
	Target string `json:"target"`
	// Notice says why a column with a header is ignored.
	Notice *kam.Text `json:"notice,omitempty"`
}

// Mapping says, for each column of a sheet, what it fills.
type Mapping struct {
	Kind    CSVKind        `json:"kind"`
	Columns []MappedColumn `json:"columns"`
}

// Notices are the reasons columns with a header are ignored, one per such
// column, in the user's words.
func (m Mapping) Notices() []kam.Text {
	var out []kam.Text
	for _, c := range m.Columns {
		if c.Notice != nil {
			out = append(out, *c.Notice)
		}
	}
	return out
}

// Column returns the index of the column mapped to key, -1 when none is.
func (m Mapping) Column(key string) int {
	for _, c := range m.Columns {
		if c.Target == key {
			return c.Index
		}
	}
	return -1
}

// normKey folds a header for comparison: lower case, full-width forms as
// their ASCII twins, and everything but letters and digits dropped
// ("Account Name", "account_name" and "ACCOUNT-NAME" are one key).
func normKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII
			r -= 0xFEE0
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// index of a kind's targets: normalised header → position in targets[kind].
// Earlier targets win a header two of them list (none do; the test holds
// the table to that).
func targetIndex(kind CSVKind) map[string]int {
	byName := map[string]int{}
	add := func(h string, i int) {
		if k := normKey(h); k != "" {
			if _, ok := byName[k]; !ok {
				byName[k] = i
			}
		}
	}
	for i, t := range targets[kind] {
		add(t.Key, i)
		if t.Field != "" {
			add(t.Field.Label().ZH, i)
			add(t.Field.Label().EN, i)
			if !strings.HasSuffix(string(t.Field), "_id") {
				// A field's JSON name, but not an id's: "account_id"
				// holds a key, the reference by name is "account".
				add(string(t.Field), i)
			}
		}
		for _, s := range t.Synonyms {
			add(s, i)
		}
	}
	return byName
}

var indexes = func() map[CSVKind]map[string]int {
	m := map[CSVKind]map[string]int{}
	for k := range targets {
		m[k] = targetIndex(k)
	}
	return m
}()

// matchHeader finds the target a header names: the whole header; else the
// header without a bracketed note ("金额（元）", "Amount (USD)") or a
// required mark ("*姓名"); else the halves of a bilingual "中文 / English"
// header when they agree, as kam's own files write them.
func matchHeader(byName map[string]int, h string) (int, bool) {
	try := func(s string) (int, bool) {
		k := normKey(s)
		if k == "" {
			return 0, false
		}
		i, ok := byName[k]
		return i, ok
	}
	if i, ok := try(h); ok {
		return i, true
	}
	if s := stripNote(h); s != h {
		if i, ok := try(s); ok {
			return i, true
		}
	}
	parts := strings.FieldsFunc(h, func(r rune) bool { return r == '/' || r == '／' || r == '|' })
	if len(parts) < 2 {
		return 0, false
	}
	found, at := false, 0
	for _, p := range parts {
		i, ok := try(p)
		if !ok {
			i, ok = try(stripNote(p))
		}
		if !ok {
			continue
		}
		if found && i != at {
			return 0, false // the halves name different targets
		}
		found, at = true, i
	}
	return at, found
}

// stripNote drops bracketed notes — (…), （…）, […], 【…】 — from a header.
func stripNote(h string) string {
	var b strings.Builder
	depth := 0
	for _, r := range h {
		switch r {
		case '(', '（', '[', '【':
			depth++
			continue
		case ')', '）', ']', '】':
			if depth > 0 {
				depth--
			}
			continue
		}
		if depth == 0 {
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// ProposeMapping proposes what each column of a sheet of kind fills, from
// its header row. A column whose header names nothing kam knows, or names
// a target an earlier column already fills, is ignored with a notice; an
// empty header cell is ignored silently. It never fails: a sheet with no
// column kam knows maps to nothing, and the import then says what is
// missing.
func ProposeMapping(kind CSVKind, header []string) Mapping {
	m := Mapping{Kind: kind, Columns: make([]MappedColumn, len(header))}
	byName := indexes[kind]
	ts := targets[kind]
	used := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		c := MappedColumn{Index: i, Header: h}
		if h != "" {
			if why, ok := derivedOf(kind, h); ok {
				n := kam.T("column "+columnName(i)+" ("+h+") is ignored: "+why.EN, "第 "+columnName(i)+" 列（"+h+"）已忽略："+why.ZH)
				c.Notice = &n
			} else if at, ok := matchHeader(byName, h); ok {
				key := ts[at].Key
				if first, dup := used[key]; dup {
					n := kam.T("column "+columnName(i)+" ("+h+") is ignored: column "+columnName(first)+" ("+header[first]+") already gives "+ts[at].Title.EN,
						"第 "+columnName(i)+" 列（"+h+"）已忽略：第 "+columnName(first)+" 列（"+header[first]+"）已是"+ts[at].Title.ZH)
					c.Notice = &n
				} else {
					used[key] = i
					c.Target = key
				}
			} else {
				n := kam.T("column "+columnName(i)+" ("+h+") is ignored: kam keeps no such field", "第 "+columnName(i)+" 列（"+h+"）已忽略：kam 没有对应的字段")
				c.Notice = &n
			}
		}
		m.Columns[i] = c
	}
	return m
}

// Remap applies the user's choices to a proposed mapping: for each header
// (as the user wrote it) the target key it fills, or "" to ignore it. A
// key the kind has no target for is refused with the kind's targets; two
// columns given one target are refused too.
func (m Mapping) Remap(choice map[string]string) (Mapping, error) {
	valid := map[string]bool{}
	for _, t := range targets[m.Kind] {
		valid[t.Key] = true
	}
	out := Mapping{Kind: m.Kind, Columns: append([]MappedColumn(nil), m.Columns...)}
	for i := range out.Columns {
		c := &out.Columns[i]
		key, ok := choice[c.Header]
		if !ok {
			continue
		}
		key = strings.TrimSpace(key)
		if key != "" && !valid[key] {
			return m, mappingError{kam.T("column "+c.Header+": "+key+" is not one of "+targetList(m.Kind, kam.LocaleEN),
				"列「"+c.Header+"」："+key+" 不是可选的字段之一（"+targetList(m.Kind, kam.LocaleZH)+"）")}
		}
		c.Target, c.Notice = key, nil
		if key == "" {
			n := kam.T("column "+columnName(c.Index)+" ("+c.Header+") is ignored as chosen", "第 "+columnName(c.Index)+" 列（"+c.Header+"）已按选择忽略")
			c.Notice = &n
		}
	}
	seen := map[string]string{}
	for _, c := range out.Columns {
		if c.Target == "" {
			continue
		}
		if other, dup := seen[c.Target]; dup {
			return m, mappingError{kam.T("columns "+other+" and "+c.Header+" are both given one field", "列「"+other+"」与「"+c.Header+"」对应了同一字段")}
		}
		seen[c.Target] = c.Header
	}
	return out, nil
}

func targetList(kind CSVKind, l kam.Locale) string {
	var names []string
	for _, t := range targets[kind] {
		names = append(names, t.Key+" ("+t.Title.In(l)+")")
	}
	return strings.Join(names, ", ")
}

// mappingError is a mapping the user chose that cannot be applied.
type mappingError struct{ msg kam.Text }

func (e mappingError) Error() string { return "import: " + e.msg.EN + " (" + e.msg.ZH + ")" }

// Message is the error in both languages.
func (e mappingError) Message() kam.Text { return e.msg }

// ReadMapping reads a mapping the user wrote down (kam import --mapping
// FILE): a JSON object from each header, as the file writes it, to the
// target key its column fills, or "" to ignore the column —
// {"微信": "phone", "Lead Source": ""}. The keys are checked when the
// mapping is applied to a header row (Mapping.Remap).
func ReadMapping(r io.Reader) (map[string]string, error) {
	var m map[string]string
	dec := json.NewDecoder(io.LimitReader(r, 1<<20))
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf(`import: the mapping file is not a JSON object of headers to fields, like {"微信": "phone"} (映射文件格式错误): %w`, err)
	}
	return m, nil
}
