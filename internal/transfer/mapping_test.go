package transfer

import (
	"strings"
	"testing"

	"kam/internal/kam"
)

// targetsOf is the mapping's targets in column order ("" for ignored).
func targetsOf(m Mapping) []string {
	out := make([]string, len(m.Columns))
	for i, c := range m.Columns {
		out[i] = c.Target
	}
	return out
}

func TestProposeMappingReadsEveryHeaderFamily(t *testing.T) {
	cases := []struct {
		name   string
		kind   CSVKind
		header []string
		want   []string
	}{
		{"Chinese, the words of kam's table", CSVContacts,
			[]string{"姓名", "职务", "部门", "级别", "直属上级", "到岗日期", "邮箱", "电话", "客户企业"},
			[]string{"name", "title", KeyDepartment, "seniority", KeyReportsTo, "in_post_since", "email", "phone", KeyAccount}},
		{"Chinese, the older and other words", CSVContacts,
			[]string{"联系人姓名", "职位", "所属部门", "职级", "汇报对象", "任职起始日期", "电子邮件", "手机号", "公司名称"},
			[]string{"name", "title", KeyDepartment, "seniority", KeyReportsTo, "in_post_since", "email", "phone", KeyAccount}},
		{"English, any case and spacing", CSVContacts,
			[]string{"NAME", "job title", "Reports_To", "in post since", "E-mail"},
			[]string{"name", "title", KeyReportsTo, "in_post_since", "email"}},
		{"Salesforce Contact export", CSVContacts,
			[]string{"Contact ID", "First Name", "Last Name", "Title", "Department", "Email", "Mobile", "Account Name", "Reports To", "Account ID"},
			[]string{KeyExternalID, KeyFirstName, KeyLastName, "title", KeyDepartment, "email", "phone", KeyAccount, KeyReportsTo, KeyAccountID}},
		{"Salesforce Contact, API names", CSVContacts,
			[]string{"Id", "FirstName", "LastName", "AccountId", "ReportsToId", "MobilePhone"},
			[]string{KeyExternalID, KeyFirstName, KeyLastName, KeyAccountID, KeyReportsID, "phone"}},
		{"HubSpot Contact export", CSVContacts,
			[]string{"Record ID", "First Name", "Last Name", "Email", "Phone Number", "Job Title", "Associated Company"},
			[]string{KeyExternalID, KeyFirstName, KeyLastName, "email", "phone", "title", KeyAccount}},
		{"Salesforce Account export", CSVAccounts,
			[]string{"Account ID", "Account Name", "Parent Account", "Industry", "Billing State/Province", "Employees", "Annual Revenue", "Account Owner", "Description"},
			[]string{KeyExternalID, "name", KeyParent, "industry", "region", "employees", "annual_revenue", KeyOwner, "notes"}},
		{"Salesforce Account, API names", CSVAccounts,
			[]string{"Id", "Name", "ParentId", "BillingState", "NumberOfEmployees", "AnnualRevenue", "OwnerId"},
			[]string{KeyExternalID, "name", KeyParentID, "region", "employees", "annual_revenue", KeyOwner}},
		{"HubSpot Company export", CSVAccounts,
			[]string{"Record ID", "Company name", "Industry", "State/Region", "Number of Employees", "Annual Revenue", "Company owner", "Parent Company"},
			[]string{KeyExternalID, "name", "industry", "region", "employees", "annual_revenue", KeyOwner, KeyParent}},
		{"Chinese accounts", CSVAccounts,
			[]string{"客户名称", "所属集团", "行业", "区域", "员工人数", "年收入", "负责人"},
			[]string{"name", KeyParent, "industry", "region", "employees", "annual_revenue", KeyOwner}},
		{"Salesforce Opportunity export", CSVOpportunities,
			[]string{"Opportunity ID", "Opportunity Name", "Account Name", "Amount", "Close Date", "Stage", "Opportunity Owner", "Opportunity Currency"},
			[]string{KeyExternalID, "name", KeyAccount, "amount", "close_date", "level", KeyOwner, "currency"}},
		{"HubSpot Deal export", CSVOpportunities,
			[]string{"Record ID", "Deal Name", "Deal Stage", "Close Date", "Deal owner", "Amount", "Associated Company"},
			[]string{KeyExternalID, "name", "level", "close_date", KeyOwner, "amount", KeyAccount}},
		{"Chinese deals, a note in brackets", CSVOpportunities,
			[]string{"商机名称", "客户名称", "金额（元）", "预计成交日期", "销售阶段", "产品"},
			[]string{"name", KeyAccount, "amount", "close_date", "level", "product"}},
		{"Salesforce OpportunityContactRole", CSVInfluences,
			[]string{"OpportunityId", "ContactId", "Role", "IsPrimary"},
			[]string{KeyDealID, KeyPersonID, "roles", ""}},
		{"Chinese buyers", CSVInfluences,
			[]string{"商机名称", "姓名", "角色", "影响度", "态度", "接触度", "反馈模式"},
			[]string{KeyDeal, KeyPerson, "roles", "influence", "rating", "contact_level", "mode"}},
		{"a required mark and full-width letters", CSVContacts,
			[]string{"*姓名", "Ｅｍａｉｌ"},
			[]string{"name", "email"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := ProposeMapping(c.kind, c.header)
			got := targetsOf(m)
			for i := range c.want {
				if got[i] != c.want[i] {
					t.Errorf("%q → %q, want %q", c.header[i], got[i], c.want[i])
				}
			}
		})
	}
}

// kam's own workbook imports back: every header it writes maps, and the
// columns it works out are ignored with the reason. Fails before the
// mapping: "编号 / ID" stopped the file.
func TestKamsOwnWorkbookHeadersMap(t *testing.T) {
	heads := func(cols []xcol) []string {
		h := make([]string, len(cols))
		for i, c := range cols {
			h[i] = c.head.ZH + " / " + c.head.EN
		}
		return h
	}
	cases := []struct {
		kind CSVKind
		cols []xcol
		// columns ignored, by index, with the word their notice holds
		ignored map[int]string
	}{
		{CSVAccounts, accountCols, nil},
		{CSVContacts, contactCols(true), nil},
		{CSVOpportunities, opportunityCols, map[int]string{8: "kam works it out", 9: "kam works it out"}},
		{CSVInfluences, influenceCols, map[int]string{3: "contacts sheet", 7: "already gives"}},
		{CSVActions, actionCols, nil},
	}
	for _, c := range cases {
		m := ProposeMapping(c.kind, heads(c.cols))
		for i, mc := range m.Columns {
			why, ignore := c.ignored[i]
			switch {
			case ignore && (mc.Target != "" || mc.Notice == nil || !strings.Contains(mc.Notice.EN, why)):
				t.Errorf("%s: %q → %q (%v), want ignored: %s", c.kind, mc.Header, mc.Target, mc.Notice, why)
			case !ignore && mc.Target == "":
				t.Errorf("%s: %q is not understood: %v", c.kind, mc.Header, mc.Notice)
			}
		}
		if m.Columns[0].Target != KeyExternalID && c.kind != CSVInfluences && c.kind != CSVActions {
			t.Errorf("%s: the id column maps to %q", c.kind, m.Columns[0].Target)
		}
	}
}

func TestProposeMappingIgnoresWithANotice(t *testing.T) {
	m := ProposeMapping(CSVContacts, []string{"姓名", "微信", "", "职位", "职务"})
	if got := targetsOf(m); strings.Join(got, ",") != "name,,,title," {
		t.Fatalf("targets %q", got)
	}
	ns := m.Notices()
	if len(ns) != 2 {
		t.Fatalf("notices %v, want one for 微信 and one for the second title (none for the blank header)", ns)
	}
	if !strings.Contains(ns[0].ZH, "第 B 列（微信）已忽略") || !strings.Contains(ns[0].EN, "column B (微信) is ignored") {
		t.Errorf("unknown column: %+v", ns[0])
	}
	if !strings.Contains(ns[1].EN, "column E (职务) is ignored: column D (职位) already gives Title") || !strings.Contains(ns[1].ZH, "已是职务") {
		t.Errorf("second title: %+v", ns[1])
	}
	if m.Column("title") != 3 || m.Column("email") != -1 {
		t.Errorf("Column: title %d email %d", m.Column("title"), m.Column("email"))
	}
}

func TestRemapAppliesTheUsersChoice(t *testing.T) {
	m := ProposeMapping(CSVContacts, []string{"姓名", "微信", "职位"})
	got, err := m.Remap(map[string]string{"微信": "phone", "职位": ""})
	if err != nil {
		t.Fatal(err)
	}
	if s := strings.Join(targetsOf(got), ","); s != "name,phone," {
		t.Errorf("remapped %q", s)
	}
	if got.Columns[1].Notice != nil || got.Columns[2].Notice == nil {
		t.Errorf("notices: %+v", got.Columns)
	}
	if strings.Join(targetsOf(m), ",") != "name,,title" {
		t.Errorf("Remap changed the proposal it was given: %q", targetsOf(m))
	}
	if _, err := m.Remap(map[string]string{"微信": "wechat"}); err == nil || !strings.Contains(err.Error(), "wechat is not one of") {
		t.Errorf("an unknown target: %v", err)
	}
	if _, err := m.Remap(map[string]string{"微信": "name"}); err == nil || !strings.Contains(err.Error(), "both given one field") {
		t.Errorf("two columns, one target: %v", err)
	}
}

// No header names two targets of one kind: the table is one proposal.
func TestTargetsShareNoHeader(t *testing.T) {
	for kind, ts := range targets {
		owner := map[string]string{}
		for _, tg := range ts {
			names := append([]string{tg.Key}, tg.Synonyms...)
			if tg.Field != "" {
				names = append(names, tg.Field.Label().ZH, tg.Field.Label().EN)
				if !strings.HasSuffix(string(tg.Field), "_id") {
					names = append(names, string(tg.Field))
				}
			}
			mine := map[string]bool{}
			for _, n := range names {
				k := normKey(n)
				if mine[k] {
					continue
				}
				mine[k] = true
				if o, ok := owner[k]; ok {
					t.Errorf("%s: %q names both %s and %s", kind, n, o, tg.Key)
				}
				owner[k] = tg.Key
			}
			if tg.Title.EN == "" || tg.Title.ZH == "" {
				t.Errorf("%s: target %s has no title in both languages", kind, tg.Key)
			}
		}
	}
}

func TestValueMapping(t *testing.T) {
	sen := []struct {
		in   string
		want kam.Seniority
	}{
		{"总监", kam.SenioritySenior}, {"副总裁", kam.SeniorityExecutive}, {"高层", kam.SeniorityExecutive}, {"高管", kam.SeniorityExecutive},
		{"VP", kam.SeniorityExecutive}, {"Director", kam.SenioritySenior}, {"Senior manager", kam.SenioritySenior},
		{"经理", kam.SeniorityMiddle}, {"专员", kam.SeniorityJunior}, {"junior", kam.SeniorityJunior}, {" 中层 ", kam.SeniorityMiddle},
	}
	for _, c := range sen {
		if got, ok := ReadSeniority(c.in); !ok || got != c.want {
			t.Errorf("ReadSeniority(%q) = %q %v, want %q", c.in, got, ok, c.want)
		}
	}
	if _, ok := ReadSeniority("大老板"); ok {
		t.Error("大老板 read as a seniority")
	}
	inf := map[string]kam.Influence{"高": kam.InfluenceHigh, "中": kam.InfluenceMedium, "低": kam.InfluenceLow, "H": kam.InfluenceHigh, "medium": kam.InfluenceMedium}
	for in, want := range inf {
		if got, ok := ReadInfluence(in); !ok || got != want {
			t.Errorf("ReadInfluence(%q) = %q %v", in, got, ok)
		}
	}
	rat := map[string]int{"支持": 3, "中立": 0, "反对": -3, "强烈支持": 5, "Neutral": 0, "+4": 4, "-2": -2, "０": 0, "Supporter": 3}
	for in, want := range rat {
		if got, ok := ReadRating(in); !ok || got != want {
			t.Errorf("ReadRating(%q) = %d %v, want %d", in, got, ok, want)
		}
		if r, _ := ReadRating(in); (kam.SupportOf(&r) == kam.SupportSupports) != (want >= 3) {
			t.Errorf("%q does not read as the support it says", in)
		}
	}
	for _, bad := range []string{"6", "-9", "maybe", ""} {
		if _, ok := ReadRating(bad); ok {
			t.Errorf("ReadRating(%q) took it", bad)
		}
	}
	lv := map[string]kam.FunnelLevel{"Prospecting": kam.LevelAbove, "Needs Analysis": kam.LevelIn, "Proposal/Price Quote": kam.LevelBestFew,
		"Closed Won": kam.LevelWon, "closedlost": kam.LevelLost, "漏斗之中": kam.LevelIn, "商务谈判": kam.LevelBestFew, "Contract Sent": kam.LevelBestFew}
	for in, want := range lv {
		if got, ok := ReadLevel(in); !ok || got != want {
			t.Errorf("ReadLevel(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
	roles, ok := ReadRoles("Economic Buyer; Evaluator;Influencer")
	if !ok || len(roles) != 2 || roles[0] != kam.RoleEconomic || roles[1] != kam.RoleTechnical {
		t.Errorf("Salesforce roles: %v %v", roles, ok)
	}
	roles, ok = ReadRoles("教练、用户、教练")
	if !ok || len(roles) != 2 || roles[0] != kam.RoleCoach || roles[1] != kam.RoleUser {
		t.Errorf("Chinese roles: %v %v", roles, ok)
	}
	if _, ok := ReadRoles("教练、老板"); ok {
		t.Error("老板 read as a role")
	}
	if st, ok := ReadContactStatus("离职"); !ok || st != kam.ContactLeft {
		t.Errorf("离职: %q %v", st, ok)
	}
}

func TestNotOneOfListsLabels(t *testing.T) {
	msg := notOneOf("大老板", kam.Influences)
	if !strings.Contains(msg.ZH, "高、中、低") || !strings.Contains(msg.EN, "High, Medium, Low") {
		t.Errorf("%+v", msg)
	}
}

func TestJoinName(t *testing.T) {
	for _, c := range [][3]string{{"伟", "张", "张伟"}, {"Ann", "Lee", "Ann Lee"}, {"", "Lee", "Lee"}, {"Ann", "", "Ann"}} {
		if got := joinName(c[0], c[1]); got != c[2] {
			t.Errorf("joinName(%q, %q) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
}

// FuzzProposeMapping: any header row maps without a panic, one column per
// header cell, each target the kind's and at most once, and a notice for
// every non-empty header left unmapped.
func FuzzProposeMapping(f *testing.F) {
	f.Add("contacts", "姓名\t职位\t微信\t职务")
	f.Add("accounts", "编号 / ID\t名称 / Name\t上级客户企业 / Parent account")
	f.Add("opportunities", "Opportunity Name\tStage\tAmount (USD)\t【备注】")
	f.Add("buying_influences", "支持度（-5…+5） / Support (-5…+5)\t支持度 / Support\t／\t(")
	f.Fuzz(func(t *testing.T, kind, row string) {
		header := strings.Split(row, "\t")
		m := ProposeMapping(CSVKind(kind), header)
		if len(m.Columns) != len(header) {
			t.Fatalf("%d columns for %d headers", len(m.Columns), len(header))
		}
		valid := map[string]bool{}
		for _, tg := range Targets(CSVKind(kind)) {
			valid[tg.Key] = true
		}
		seen := map[string]bool{}
		for i, c := range m.Columns {
			if c.Index != i {
				t.Fatalf("column %d has index %d", i, c.Index)
			}
			if c.Target != "" {
				if !valid[c.Target] || seen[c.Target] {
					t.Fatalf("target %q (valid %v, twice %v)", c.Target, valid[c.Target], seen[c.Target])
				}
				seen[c.Target] = true
				if c.Notice != nil {
					t.Fatalf("mapped column %q has a notice", c.Header)
				}
			} else if (c.Notice != nil) != (strings.TrimSpace(header[i]) != "") {
				t.Fatalf("column %q: notice %v", header[i], c.Notice)
			}
		}
	})
}

// FuzzReadValues: the value readers never panic, and what they accept is
// a valid value.
func FuzzReadValues(f *testing.F) {
	for _, s := range []string{"总监", "副总裁", "高", "支持", "+3", "-5", "Closed Won", "教练、用户", "Economic Buyer;Influencer", "６", "、、"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if r, ok := ReadRating(s); ok && (r < -5 || r > 5) {
			t.Fatalf("rating %d", r)
		}
		if v, ok := ReadSeniority(s); ok && !kam.HasLabel(v) {
			t.Fatalf("seniority %q", v)
		}
		if v, ok := ReadLevel(s); ok && !kam.HasLabel(v) {
			t.Fatalf("level %q", v)
		}
		if v, ok := ReadInfluence(s); ok && !kam.HasLabel(v) {
			t.Fatalf("influence %q", v)
		}
		if rs, ok := ReadRoles(s); ok {
			for _, r := range rs {
				if !kam.HasLabel(r) {
					t.Fatalf("role %q", r)
				}
			}
		}
	})
}

func TestReadMapping(t *testing.T) {
	m, err := ReadMapping(strings.NewReader(`{"微信": "phone", "Lead Source": ""}`))
	if err != nil || m["微信"] != "phone" || m["Lead Source"] != "" || len(m) != 2 {
		t.Errorf("%v %v", m, err)
	}
	if _, err := ReadMapping(strings.NewReader(`["phone"]`)); err == nil || !strings.Contains(err.Error(), "映射文件格式错误") {
		t.Errorf("a list: %v", err)
	}
}
