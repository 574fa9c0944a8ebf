package kam

// Field names a field of a record as every surface shows it: the form's
// label, the workbook's and the CSV file's column header, the record
// history's row. A Field is the record's JSON name ("in_post_since"); where
// one JSON name means different things on different records ("name" of a
// person, of an account, of a team) the record's own is written
// "record.name" ("account.name") and FieldOf picks it.
type Field string

// The fields of the records, by their JSON names.
const (
	FieldID          Field = "id"
	FieldName        Field = "name" // a person's name
	FieldEmail       Field = "email"
	FieldPhone       Field = "phone"
	FieldRole        Field = "role" // a user's role
	FieldTeam        Field = "team_id"
	FieldManager     Field = "manager_id"
	FieldLocale      Field = "locale"
	FieldTimeZone    Field = "time_zone"
	FieldOwner       Field = "owner_id"
	FieldNotes       Field = "notes"
	FieldStatus      Field = "status"
	FieldKind        Field = "kind"
	FieldAmount      Field = "amount"
	FieldCurrency    Field = "currency"
	FieldAccount     Field = "account_id"
	FieldOpportunity Field = "opportunity_id"
	FieldContact     Field = "contact_id" // the person a record is about
	FieldUser        Field = "user_id"    // one of kam's users

	// Accounts.
	FieldAccountName       Field = "account.name"
	FieldIndustry          Field = "industry"
	FieldRegion            Field = "region"
	FieldEmployees         Field = "employees"
	FieldAnnualRevenue     Field = "annual_revenue"
	FieldParentAccount     Field = "account.parent_id"
	FieldReorganisingSince Field = "reorganising_since"

	// Departments (org units), account relations, shares.
	FieldUnitName     Field = "org_unit.name"
	FieldParentUnit   Field = "org_unit.parent_id"
	FieldRelationKind Field = "account_relation.kind"
	FieldOtherAccount Field = "to_account_id"
	FieldAccess       Field = "access"

	// Contacts and the org chart's dotted lines.
	FieldTitle         Field = "title" // a contact's post
	FieldOrgUnit       Field = "org_unit_id"
	FieldSeniority     Field = "seniority"
	FieldReportsTo     Field = "reports_to_id"
	FieldContactStatus Field = "contact.status"
	FieldStatusDate    Field = "status_date"
	FieldInPostSince   Field = "in_post_since"
	FieldPersonalNotes Field = "personal_notes"
	FieldLinkKind      Field = "contact_link.kind"
	FieldOtherContact  Field = "to_contact_id"

	// Opportunities.
	FieldOpportunityName   Field = "opportunity.name"
	FieldProduct           Field = "product"
	FieldCloseDate         Field = "close_date"
	FieldLevel             Field = "level"
	FieldPosition          Field = "position"
	FieldEngagedOn         Field = "engaged_on"
	FieldTenderPublishedOn Field = "tender_published_on"
	FieldCompetitors       Field = "competitors"
	FieldOurWin            Field = "our_win"
	FieldHealth            Field = "health"          // computed: the health score
	FieldOpenHighFlags     Field = "open_high_flags" // computed: open high red flags
	FieldClosedOn          Field = "closed_on"
	FieldReachedLevel      Field = "reached_level"

	// Buying influences.
	FieldRoles             Field = "roles"
	FieldInfluence         Field = "influence"
	FieldRating            Field = "rating"
	FieldSupport           Field = "support" // computed from the rating
	FieldContactLevel      Field = "contact_level"
	FieldMode              Field = "mode"
	FieldBusinessResult    Field = "business_result"
	FieldPersonalWin       Field = "personal_win"
	FieldEvidence          Field = "evidence"
	FieldVITO              Field = "vito"
	FieldCounterpart       Field = "counterpart_id"
	FieldRelationshipLevel Field = "relationship_level"

	// SWOT items and actions.
	FieldSWOTKind     Field = "swot_item.kind"
	FieldSWOTText     Field = "swot_item.text"
	FieldActionTitle  Field = "action.title"
	FieldDue          Field = "due"
	FieldTarget       Field = "target_influence_id"
	FieldParticipants Field = "participant_ids"
	FieldAddresses    Field = "addresses_rules"
	FieldStrength     Field = "strength_id"

	// Interactions (calls).
	FieldInteractionKind Field = "interaction.kind"
	FieldAt              Field = "at"
	FieldOurSide         Field = "user_ids"
	FieldObjective       Field = "objective"
	FieldOutcome         Field = "outcome"
	FieldFeedback        Field = "feedback"

	// Exchange rates (汇率): from a day on, 1 From = Rate To.
	FieldRateFrom Field = "exchange_rate.from"
	FieldRateTo   Field = "exchange_rate.to"
	FieldRate     Field = "exchange_rate.rate"
	FieldRateOn   Field = "exchange_rate.on"

	// Ideal-customer criteria, quotas, teams, tokens.
	FieldCriterion     Field = "criterion.name"
	FieldCriterionKind Field = "criterion.kind"
	FieldWeight        Field = "weight"
	FieldPeriod        Field = "period"
	FieldQuotaSeller   Field = "quota.user_id"
	FieldTeamName      Field = "team.name"
	FieldTokenName     Field = "api_token.name"

	// Fields only the record history shows: an acceptance of a red flag,
	// the far end of a relation or a dotted line, a rating's criterion, a
	// user's or a token's state.
	FieldRule               Field = "rule_id"
	FieldSubject            Field = "subject"
	FieldAcceptNote         Field = "note"
	FieldAcceptedBy         Field = "by_user_id"
	FieldFromAccount        Field = "from_account_id"
	FieldFromContact        Field = "from_contact_id"
	FieldRatedCriterion     Field = "criterion_id"
	FieldDisabled           Field = "disabled"
	FieldMustChangePassword Field = "must_change_password"
	FieldTokenPrefix        Field = "prefix"
	FieldLastUsed           Field = "last_used_at"
	FieldRevokedAt          Field = "revoked_at"
)

// fields is the one table of field names.
var fields = map[Field]Text{
	FieldID:          T("ID", "编号"),
	FieldName:        T("Name", "姓名"),
	FieldEmail:       T("Email", "邮箱"),
	FieldPhone:       T("Phone", "电话"),
	FieldRole:        T("Role", "角色"),
	FieldTeam:        T("Team", "团队"),
	FieldManager:     T("Manager", "经理"),
	FieldLocale:      T("Language", "语言"),
	FieldTimeZone:    T("Time zone", "时区"),
	FieldOwner:       T("Owner", "负责人"),
	FieldNotes:       T("Notes", "备注"),
	FieldStatus:      T("Status", "状态"),
	FieldKind:        T("Kind", "类型"),
	FieldAmount:      T("Amount", "金额"),
	FieldCurrency:    T("Currency", "币种"),
	FieldAccount:     T("Account", "客户企业"),
	FieldOpportunity: T("Opportunity", "商机"),
	FieldContact:     T("Person", "联系人"),
	FieldUser:        T("User", "用户"),

	FieldAccountName:       T("Name", "名称"),
	FieldIndustry:          T("Industry", "行业"),
	FieldRegion:            T("Region", "地区"),
	FieldEmployees:         T("Employees", "员工人数"),
	FieldAnnualRevenue:     T("Annual revenue", "年营业额"),
	FieldParentAccount:     T("Parent account", "上级客户企业"),
	FieldReorganisingSince: T("Reorganising since", "重组开始日期"),

	FieldUnitName:     T("Department name", "部门名称"),
	FieldParentUnit:   T("Part of", "上级部门"),
	FieldRelationKind: T("Relation", "关系"),
	FieldOtherAccount: T("Other account", "对方企业"),
	FieldAccess:       T("Access", "权限"),

	FieldTitle:         T("Title", "职务"),
	FieldOrgUnit:       T("Department", "部门"),
	FieldSeniority:     T("Seniority", "级别"),
	FieldReportsTo:     T("Reports to", "直属上级"),
	FieldContactStatus: T("Status", "状态"),
	FieldStatusDate:    T("Left or moved on", "离职或调岗日期"),
	FieldInPostSince:   T("In post since", "到岗日期"),
	FieldPersonalNotes: T("Personal notes (sensitive)", "个人备注（敏感）"),
	FieldLinkKind:      T("Link", "关系"),
	FieldOtherContact:  T("Other person", "对方人员"),

	FieldOpportunityName:   T("Opportunity", "商机"),
	FieldProduct:           T("Product or service", "产品或服务"),
	FieldCloseDate:         T("Close date", "预计成交日期"),
	FieldLevel:             T("Funnel level", "漏斗位置"),
	FieldPosition:          T("Position", "当前位置"),
	FieldEngagedOn:         T("We engaged on", "我方介入日期"),
	FieldTenderPublishedOn: T("Tender published on", "标书发布日期"),
	FieldCompetitors:       T("Competitors", "竞争对手"),
	FieldOurWin:            T("Our win", "我方的赢"),
	FieldHealth:            T("Health", "健康度"),
	FieldOpenHighFlags:     T("Open high red flags", "未处理的高风险小红旗"),
	FieldClosedOn:          T("Closed on", "关闭日期"),
	FieldReachedLevel:      T("Furthest level reached", "到达过的最深位置"),

	FieldRoles:             T("Roles (CUTE)", "角色（CUTE）"),
	FieldInfluence:         T("Influence", "影响度"),
	FieldRating:            T("Support (-5…+5)", "支持度（-5…+5）"),
	FieldSupport:           T("Support", "支持度"),
	FieldContactLevel:      T("Contact level", "接触度"),
	FieldMode:              T("Response mode", "反馈模式"),
	FieldBusinessResult:    T("Result for the company", "企业的结果"),
	FieldPersonalWin:       T("Personal win", "个人的赢"),
	FieldEvidence:          T("Evidence", "依据"),
	FieldVITO:              T("VITO for this project", "本项目的 VITO"),
	FieldCounterpart:       T("Our counterpart", "我方对应者"),
	FieldRelationshipLevel: T("Relationship level", "关系层级"),

	FieldSWOTKind:     T("Kind", "类型"),
	FieldSWOTText:     T("Text", "内容"),
	FieldActionTitle:  T("Action", "行动"),
	FieldDue:          T("Due", "截止日期"),
	FieldTarget:       T("Works on buyer", "针对的购买影响者"),
	FieldParticipants: T("Their people taking part", "客户方参与人"),
	FieldAddresses:    T("Red flags it addresses", "应对的小红旗"),
	FieldStrength:     T("Strength it leverages", "借助的强项"),

	FieldRateFrom: T("1 unit of", "1 单位"),
	FieldRateTo:   T("is worth, in", "折合币种"),
	FieldRate:     T("Rate", "汇率"),
	FieldRateOn:   T("From the day", "生效日期"),

	FieldInteractionKind: T("Kind", "方式"),
	FieldAt:              T("When (in your time zone)", "时间（按你的时区）"),
	FieldOurSide:         T("Our side", "我方人员"),
	FieldObjective:       T("Call objective", "拜访目标"),
	FieldOutcome:         T("Outcome", "结果"),
	FieldFeedback:        T("Feedback", "反馈"),

	FieldCriterion:     T("Criterion", "标准"),
	FieldCriterionKind: T("Kind", "类型"),
	FieldWeight:        T("Weight (1…10)", "权重（1…10）"),
	FieldPeriod:        T("Period", "期间"),
	FieldQuotaSeller:   T("Seller", "销售"),
	FieldTeamName:      T("Team name", "团队名称"),
	FieldTokenName:     T("Token name", "令牌名称"),

	FieldRule:               T("Red flag", "小红旗"),
	FieldSubject:            T("About", "关于"),
	FieldAcceptNote:         T("Reason", "理由"),
	FieldAcceptedBy:         T("Accepted by", "接受人"),
	FieldFromAccount:        T("Account", "客户企业"),
	FieldFromContact:        T("Person", "联系人"),
	FieldRatedCriterion:     T("Criterion", "标准"),
	FieldDisabled:           T("Disabled", "已停用"),
	FieldMustChangePassword: T("Must change password", "需修改密码"),
	FieldTokenPrefix:        T("Token prefix", "令牌前缀"),
	FieldLastUsed:           T("Last used", "最近使用"),
	FieldRevokedAt:          T("Revoked on", "吊销日期"),
}

// Label returns the field's name in both languages; a field the table does
// not hold shows as itself.
func (f Field) Label() Text {
	if t, ok := fields[f]; ok {
		return t
	}
	return T(string(f), string(f))
}

// FieldOf returns the name of the field key (its JSON name) of a record of
// kind entity ("account", "contact", as the record history names them):
// the record's own ("account.name") before the shared one ("name"). ok is
// false when the table holds neither.
func FieldOf(entity, key string) (t Text, ok bool) {
	if t, ok := fields[Field(entity+"."+key)]; ok {
		return t, true
	}
	t, ok = fields[Field(key)]
	if !ok {
		return T(key, key), false
	}
	return t, true
}
