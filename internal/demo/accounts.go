package demo

import (
	"kam/internal/kam"
	"kam/internal/service"
)

// account is one key account of the story with what the loader needs later.
type account struct {
	kam.Account
	short string   // the name used in deal names
	owner kam.User // the rep who owns it
	units map[string]kam.OrgUnit
	// The usual cast of a deal at this account, by contact key; history
	// deals draw their buyers from it.
	econ, coach, user, tech string
}

type unitSpec struct{ key, name, parent string }

type contactSpec struct {
	key, name, title, unit string
	seniority              kam.Seniority
	reportsTo              string // contact key
	email, phone, notes    string
	inPostDays             int // held the post since this many days ago; 0: unknown
}

type accountSpec struct {
	key, short, name, industry, region string
	employees, revenue                 int64
	parent                             string // account key
	owner                              kam.User
	reorganisingDays                   int // 0: not reorganising
	notes                              string
	units                              []unitSpec
	contacts                           []contactSpec
	econ, coach, user, tech            string
}

// accounts creates the key accounts with their group tree, departments,
// contacts and reporting lines, the dotted lines between contacts, the
// supplier and customer relations, and the shares between the two teams.
func (l *loader) accounts() {
	l.atDay(-setupDays+1, 2, 0)
	for _, s := range l.accountSpecs() {
		l.account(s)
	}

	// Dotted lines of the org chart (影响 / 冲突).
	links := []struct {
		from, to string
		kind     kam.ContactLinkKind
		by       kam.User
	}{
		{"sun_ming", "zhao_guohua", kam.LinkInfluences, l.wang},
		{"zhou_ting", "sun_ming", kam.LinkConflictsWith, l.wang},
		{"qian_wei", "zheng_li", kam.LinkInfluences, l.wang},
		{"xu_jing", "ma_jun", kam.LinkInfluences, l.wang},
		{"luo_bin", "xu_jing", kam.LinkConflictsWith, l.wang},
		{"han_mei", "xie_hong", kam.LinkInfluences, l.li},
		{"dong_ming", "peng_zhiqiang", kam.LinkInfluences, l.liu},
		{"dong_ming", "yu_hai", kam.LinkConflictsWith, l.liu},
		{"sun_lei", "guo_feng", kam.LinkInfluences, l.emily},
		// The new red flags of the map, each on a named deal:
		// the CEO weighs in on the CFO, who decides the Document
		// Management deal without him on its map (unseen-influencer);
		{"zhao_guohua", "zhou_ting", kam.LinkInfluences, l.wang},
		// the competitor's coach at 华远地产 has the general manager's ear
		// (opponent-influences-key, OA upgrade);
		{"luo_bin", "ma_jun", kam.LinkInfluences, l.wang},
		// at 瑞康, the coach and the head of medical affairs disagree on who
		// owns the records archive (coach-conflicts-key).
		{"han_mei", "tang_jun", kam.LinkConflictsWith, l.li},
	}
	for _, k := range links {
		create(l, l.svc.ContactLinks, k.by, kam.ContactLink{
			FromContactID: l.contacts[k.from].ID, ToContactID: l.contacts[k.to].ID, Kind: k.kind,
		}, k.from+"→"+k.to)
	}

	// Upstream and downstream of the group, mapped by the East manager,
	// who sees every account of her team.
	rels := []struct {
		from, to string
		kind     kam.AccountRelationKind
	}{
		{"huayuan", "shenda", kam.RelationSupplier},  // 申达建材 supplies the group's building projects
		{"huayuan", "ruikang", kam.RelationCustomer}, // 华远物流 delivers medical supplies to 瑞康
	}
	for _, r := range rels {
		create(l, l.svc.AccountRelations, l.eastMgr, kam.AccountRelation{
			FromAccountID: l.accts[r.from].ID, ToAccountID: l.accts[r.to].ID, Kind: r.kind,
		}, r.from+"→"+r.to)
	}

	// The North team serves the group's northern offices (read only) and
	// helps with 华远物流's Tianjin hub (read and write).
	l.atDay(-200, 3, 0)
	l.share(l.wang, "huayuan", l.north, kam.ShareRead)
	l.share(l.li, "hy_logistics", l.north, kam.ShareWrite)

	// People who left or moved: they were active when the deals began.
	l.contactStatus(l.wang, "feng_tao", kam.ContactLeft, -20)
	l.contactStatus(l.wang, "lin_xiaoyu", kam.ContactMoved, -45)
	l.contactStatus(l.liu, "yu_hai", kam.ContactLeft, -120)
}

func (l *loader) share(by kam.User, acct string, team kam.Team, access kam.ShareAccess) {
	if l.err != nil {
		return
	}
	err := l.svc.Share(l.ctx, service.ActorOf(by), kam.AccountShare{AccountID: l.accts[acct].ID, TeamID: team.ID, Access: access})
	l.fail(err, "share %s", acct)
}

// contactStatus records, on that day, that a contact left or moved.
func (l *loader) contactStatus(by kam.User, key string, status kam.ContactStatus, d int) {
	prev := l.clock
	l.atDay(d, 6, 0)
	c := l.contacts[key]
	c = update(l, l.svc.Contacts, by, c.ID, c.Version, func(c *kam.Contact) {
		c.Status = status
		c.StatusDate = l.day(d)
	}, key)
	l.contacts[key] = c
	l.at(prev)
}

// managerOf returns the manager of u's team.
func (l *loader) managerOf(u kam.User) kam.User {
	if u.TeamID == l.north.ID {
		return l.northMgr
	}
	return l.eastMgr
}

func (l *loader) account(s accountSpec) {
	a := &account{short: s.short, owner: s.owner, units: map[string]kam.OrgUnit{},
		econ: s.econ, coach: s.coach, user: s.user, tech: s.tech}
	acct := kam.Account{
		Name: s.name, Industry: s.industry, Region: s.region,
		Employees: s.employees, AnnualRevenue: s.revenue,
		OwnerID: s.owner.ID, Notes: s.notes,
	}
	by := s.owner
	if s.parent != "" {
		p := l.accts[s.parent]
		acct.ParentID = p.ID
		if p.owner.ID != s.owner.ID {
			// A rep sees only their own accounts, so the manager, who sees
			// the whole team's, hangs a colleague's subsidiary under the group.
			by = l.managerOf(s.owner)
		}
	}
	a.Account = create(l, l.svc.Accounts, by, acct, s.name)
	l.accts[s.key] = a
	if s.reorganisingDays > 0 {
		// The reorganisation is news of its day: record it then.
		prev := l.clock
		l.atDay(-s.reorganisingDays, 2, 0)
		a.Account = update(l, l.svc.Accounts, s.owner, a.ID, a.Version, func(x *kam.Account) {
			x.ReorganisingSince = l.day(-s.reorganisingDays)
		}, s.name)
		l.at(prev)
	}
	for _, u := range s.units {
		ou := kam.OrgUnit{AccountID: a.ID, Name: u.name}
		if u.parent != "" {
			ou.ParentID = a.units[u.parent].ID
		}
		a.units[u.key] = create(l, l.svc.OrgUnits, s.owner, ou, u.name)
	}
	for _, c := range s.contacts {
		ct := kam.Contact{
			AccountID: a.ID, Name: c.name, Title: c.title, Seniority: c.seniority,
			Email: c.email, Phone: c.phone, PersonalNotes: c.notes,
		}
		if c.unit != "" {
			ct.OrgUnitID = a.units[c.unit].ID
		}
		if c.reportsTo != "" {
			ct.ReportsToID = l.contacts[c.reportsTo].ID
		}
		if c.inPostDays > 0 {
			ct.InPostSince = l.day(-c.inPostDays)
		}
		l.contacts[c.key] = create(l, l.svc.Contacts, s.owner, ct, c.name)
	}
}

// accountSpecs is the cast of accounts. Parents come before subsidiaries
// and managers before the people who report to them.
func (l *loader) accountSpecs() []accountSpec {
	return []accountSpec{
		{
			key: "huayuan", short: "华远集团", name: "华远集团 Huayuan Group", industry: "综合性企业集团 Conglomerate",
			region: "华东·上海 Shanghai", employees: 38000, revenue: 52_000_000_000, owner: l.wang,
			notes: "集团总部统一规划信息化，信息中心牵头选型，采购部走公开招标。三年数字化规划（2025–2027）已经董事会批准。\n" +
				"Group IT is planned centrally; the IT centre leads vendor selection and procurement runs public tenders.",
			units: []unitSpec{
				{"hq", "集团总部", ""},
				{"it", "信息中心", "hq"},
				{"arch", "架构组", "it"},
				{"ops", "运维组", "it"},
				{"fin", "财务部", "hq"},
				{"admin", "行政部", "hq"},
				{"proc", "采购部", "hq"},
				{"hr", "人力资源部", "hq"},
			},
			contacts: []contactSpec{
				{key: "zhao_guohua", name: "赵国华", title: "总裁 CEO", unit: "hq", seniority: kam.SeniorityExecutive,
					email: "zhao.guohua@huayuan.example", phone: "021-6800 1001", inPostDays: 2900,
					notes: "重视数据安全与合规；周末打高尔夫；说话直接，讨厌冗长的PPT。"},
				{key: "sun_ming", name: "孙明", title: "副总裁兼CIO、信息中心主任", unit: "it", seniority: kam.SeniorityExecutive,
					reportsTo: "zhao_guohua", email: "sun.ming@huayuan.example", phone: "021-6800 1020", inPostDays: 1500,
					notes: "喜欢打羽毛球（每周三晚）；清华计算机系毕业；希望三年内把集团办公全面上云，以此作为个人的标志性成果。"},
				{key: "zhou_ting", name: "周婷", title: "财务总监 CFO", unit: "fin", seniority: kam.SeniorityExecutive,
					reportsTo: "zhao_guohua", email: "zhou.ting@huayuan.example", inPostDays: 1100,
					notes: "看重投资回报和总拥有成本；严谨，需要书面测算。"},
				{key: "qian_wei", name: "钱伟", title: "首席架构师", unit: "arch", seniority: kam.SenioritySenior,
					reportsTo: "sun_ming", email: "qian.wei@huayuan.example", inPostDays: 900,
					notes: "技术派，重视开放接口和国产化适配；爱喝手冲咖啡。"},
				{key: "feng_tao", name: "冯涛", title: "信息中心副主任", unit: "it", seniority: kam.SenioritySenior,
					reportsTo: "sun_ming", email: "feng.tao@huayuan.example", inPostDays: 1300,
					notes: "我们的老朋友，推动过文档管理立项。"},
				{key: "chen_chen", name: "陈晨", title: "运维组组长", unit: "ops", seniority: kam.SeniorityMiddle,
					reportsTo: "qian_wei", inPostDays: 700},
				{key: "lin_xiaoyu", name: "林小雨", title: "信息中心项目经理", unit: "it", seniority: kam.SeniorityMiddle,
					reportsTo: "sun_ming", inPostDays: 800, notes: "已调往华远地产信息部。"},
				{key: "wu_hao", name: "吴昊", title: "行政部经理", unit: "admin", seniority: kam.SeniorityMiddle,
					reportsTo: "zhao_guohua", inPostDays: 1200, notes: "每天处理大量公文流转，抱怨审批慢。"},
				{key: "huang_lei", name: "黄蕾", title: "行政部OA管理员", unit: "admin", seniority: kam.SeniorityJunior,
					reportsTo: "wu_hao", inPostDays: 600, notes: "系统使用的一线负责人，热心，乐于试用新功能。"},
				{key: "zheng_li", name: "郑丽", title: "采购部经理", unit: "proc", seniority: kam.SeniorityMiddle,
					reportsTo: "zhou_ting", inPostDays: 1000, notes: "坚持流程合规，所有供应商一视同仁。"},
				{key: "he_jian", name: "何建", title: "人力资源总监", unit: "hr", seniority: kam.SenioritySenior,
					reportsTo: "zhao_guohua", inPostDays: 30, notes: "新上任，从外企加入，关注员工体验与培训体系。"},
			},
			econ: "zhao_guohua", coach: "sun_ming", user: "wu_hao", tech: "qian_wei",
		},
		{
			key: "hy_realty", short: "华远地产", name: "华远地产 Huayuan Real Estate", industry: "房地产 Real estate",
			region: "华东·上海 Shanghai", employees: 6500, revenue: 18_000_000_000, parent: "huayuan", owner: l.wang,
			reorganisingDays: 30,
			notes:            "集团子公司。30天前宣布组织架构调整：区域公司合并为三大事业部，信息部划归集团统一管理。",
			units: []unitSpec{
				{"gm", "总经理办公室", ""},
				{"it", "信息部", "gm"},
				{"fin", "财务部", "gm"},
				{"ops", "运营管理部", "gm"},
			},
			contacts: []contactSpec{
				{key: "ma_jun", name: "马骏", title: "总经理", unit: "gm", seniority: kam.SeniorityExecutive,
					inPostDays: 2100, notes: "稳健型管理者，认为现有OA“够用”；喜欢钓鱼。"},
				{key: "xu_jing", name: "许静", title: "信息部经理", unit: "it", seniority: kam.SenioritySenior,
					reportsTo: "ma_jun", inPostDays: 1400, notes: "积极推动流程再造，希望借重组机会统一系统。"},
				{key: "luo_bin", name: "罗斌", title: "财务经理", unit: "fin", seniority: kam.SeniorityMiddle,
					reportsTo: "ma_jun", inPostDays: 900},
				{key: "tian_yu", name: "田宇", title: "运营管理部经理", unit: "ops", seniority: kam.SeniorityMiddle,
					reportsTo: "ma_jun", inPostDays: 650, notes: "项目审批流程的主要使用者。"},
			},
			econ: "ma_jun", coach: "xu_jing", user: "tian_yu", tech: "xu_jing",
		},
		{
			key: "hy_logistics", short: "华远物流", name: "华远物流 Huayuan Logistics", industry: "物流 Logistics",
			region: "华东·苏州 Suzhou", employees: 9200, revenue: 7_600_000_000, parent: "huayuan", owner: l.li,
			notes: "集团子公司，全国62个网点，天津枢纽由华北团队协助跟进。",
			units: []unitSpec{
				{"gm", "总经理办公室", ""},
				{"it", "信息技术部", "gm"},
				{"net", "网点运营部", "gm"},
			},
			contacts: []contactSpec{
				{key: "cao_lei", name: "曹磊", title: "总经理", unit: "gm", seniority: kam.SeniorityExecutive,
					inPostDays: 1600, notes: "关注网点效率，喜欢用数据说话。"},
				{key: "jiang_min", name: "蒋敏", title: "信息技术部经理", unit: "it", seniority: kam.SenioritySenior,
					reportsTo: "cao_lei", inPostDays: 1000, notes: "支持我们，上一期项目的验收负责人。"},
				{key: "bai_xue", name: "白雪", title: "网点运营部主管", unit: "net", seniority: kam.SeniorityMiddle,
					reportsTo: "cao_lei", inPostDays: 500, notes: "移动审批的主要用户，常年出差。"},
			},
			econ: "cao_lei", coach: "jiang_min", user: "bai_xue", tech: "jiang_min",
		},
		{
			key: "hy_fintech", short: "华远金融科技", name: "华远金融科技 Huayuan FinTech", industry: "金融科技 FinTech",
			region: "华东·杭州 Hangzhou", employees: 1800, revenue: 2_100_000_000, parent: "huayuan", owner: l.wang,
			notes: "集团子公司，受金融监管，审批留痕与档案合规要求高。",
			units: []unitSpec{
				{"ceo", "总经理办公室", ""},
				{"tech", "技术部", "ceo"},
				{"comp", "合规部", "ceo"},
			},
			contacts: []contactSpec{
				{key: "gao_yuan", name: "高远", title: "总经理", unit: "ceo", seniority: kam.SeniorityExecutive, inPostDays: 1200},
				{key: "deng_jie", name: "邓洁", title: "合规总监", unit: "comp", seniority: kam.SenioritySenior,
					reportsTo: "gao_yuan", inPostDays: 800, notes: "重视审计留痕；律师出身，逐条审合同。"},
				{key: "shi_lin", name: "石林", title: "技术部总监 CTO", unit: "tech", seniority: kam.SenioritySenior,
					reportsTo: "gao_yuan", inPostDays: 1000, notes: "偏好自研，对外购持保留态度。"},
			},
			econ: "gao_yuan", coach: "deng_jie", user: "deng_jie", tech: "shi_lin",
		},
		{
			key: "hy_cloud", short: "华远云数据", name: "华远云数据 Huayuan Cloud Data", industry: "信息技术 IT services",
			region: "华东·杭州 Hangzhou", employees: 420, revenue: 350_000_000, parent: "hy_fintech", owner: l.wang,
			notes: "华远金融科技的子公司（集团三级公司），负责集团私有云。",
			units: []unitSpec{{"gm", "总经理办公室", ""}, {"dev", "研发部", "gm"}},
			contacts: []contactSpec{
				{key: "lu_fang", name: "陆芳", title: "总经理", unit: "gm", seniority: kam.SeniorityExecutive, inPostDays: 700},
				{key: "qin_kai", name: "秦凯", title: "研发部经理", unit: "dev", seniority: kam.SeniorityMiddle,
					reportsTo: "lu_fang", inPostDays: 400, notes: "年轻，愿意尝试新工具。"},
			},
			econ: "lu_fang", coach: "qin_kai", user: "qin_kai", tech: "qin_kai",
		},
		{
			key: "ruikang", short: "瑞康医疗", name: "瑞康医疗集团 Ruikang Hospital Group", industry: "医疗 Healthcare",
			region: "华东·南京 Nanjing", employees: 12000, revenue: 6_800_000_000, owner: l.li,
			notes: "下属5家三甲医院。院办公文、医务审批和科室文书归档是痛点；信息化受等保三级约束。",
			units: []unitSpec{
				{"pres", "集团院长办公室", ""},
				{"it", "信息科", "pres"},
				{"med", "医务处", "pres"},
				{"fin", "财务处", "pres"},
			},
			contacts: []contactSpec{
				{key: "xie_hong", name: "谢宏", title: "集团院长", unit: "pres", seniority: kam.SeniorityExecutive,
					inPostDays: 2500, notes: "心内科专家出身，时间宝贵，只听结论。"},
				{key: "han_mei", name: "韩梅", title: "信息科主任", unit: "it", seniority: kam.SenioritySenior,
					reportsTo: "xie_hong", inPostDays: 1800, notes: "喜欢打羽毛球；重视数据安全；对项目延期非常敏感。"},
				{key: "tang_jun", name: "唐军", title: "医务处处长", unit: "med", seniority: kam.SenioritySenior,
					reportsTo: "xie_hong", inPostDays: 1300, notes: "抱怨纸质审批耽误排班。"},
				{key: "liang_yan", name: "梁燕", title: "财务处处长", unit: "fin", seniority: kam.SenioritySenior,
					reportsTo: "xie_hong", inPostDays: 1600},
			},
			econ: "xie_hong", coach: "han_mei", user: "tang_jun", tech: "han_mei",
		},
		{
			key: "shenda", short: "申达建材", name: "申达建材 Shenda Building Materials", industry: "建材制造 Building materials",
			region: "华东·常州 Changzhou", employees: 850, revenue: 900_000_000, owner: l.li,
			notes: "华远集团的供应商。家族企业，决策集中在董事长，压价明显，付款周期长。",
			units: []unitSpec{{"board", "董事长办公室", ""}, {"it", "信息部", "board"}},
			contacts: []contactSpec{
				{key: "wei_dong", name: "魏东", title: "董事长", unit: "board", seniority: kam.SeniorityExecutive,
					inPostDays: 5000, notes: "创始人，习惯一言堂；爱喝茶。"},
				{key: "song_jia", name: "宋佳", title: "信息部主管", unit: "it", seniority: kam.SeniorityJunior,
					reportsTo: "wei_dong", inPostDays: 300},
			},
			econ: "wei_dong", coach: "song_jia", user: "song_jia", tech: "song_jia",
		},
		{
			key: "jingbei", short: "京北银行", name: "京北城市商业银行 Jingbei City Bank", industry: "银行 Banking",
			region: "华北·北京 Beijing", employees: 5600, revenue: 14_000_000_000, owner: l.liu,
			notes: "城商行，正在推进办公系统信创（国产化）替换，监管要求年内完成。",
			units: []unitSpec{
				{"pres", "行长室", ""},
				{"tech", "科技部", "pres"},
				{"office", "办公室", "pres"},
				{"risk", "风险合规部", "pres"},
			},
			contacts: []contactSpec{
				{key: "peng_zhiqiang", name: "彭志强", title: "行长", unit: "pres", seniority: kam.SeniorityExecutive,
					inPostDays: 1900, notes: "重视监管评级；早起跑步。"},
				{key: "dong_ming", name: "董明", title: "科技部总经理", unit: "tech", seniority: kam.SenioritySenior,
					reportsTo: "peng_zhiqiang", inPostDays: 1500, notes: "与竞争对手“云图软件”合作多年，倾向原厂商。"},
				{key: "yu_hai", name: "于海", title: "科技部副总经理", unit: "tech", seniority: kam.SenioritySenior,
					reportsTo: "dong_ming", inPostDays: 900, notes: "曾是我们的支持者，已离职。"},
				{key: "zhang_wen", name: "张雯", title: "办公室主任", unit: "office", seniority: kam.SeniorityMiddle,
					reportsTo: "peng_zhiqiang", inPostDays: 1100, notes: "公文流转的负责人，希望移动端好用。"},
				{key: "li_qiang", name: "李强", title: "风险合规部总经理", unit: "risk", seniority: kam.SenioritySenior,
					reportsTo: "peng_zhiqiang", inPostDays: 1300},
			},
			econ: "peng_zhiqiang", coach: "zhang_wen", user: "zhang_wen", tech: "dong_ming",
		},
		{
			key: "binhai", short: "滨海港务", name: "滨海港务集团 Binhai Port Group", industry: "港口航运 Ports & shipping",
			region: "华北·天津 Tianjin", employees: 7800, revenue: 9_500_000_000, owner: l.liu,
			notes: "国企，港区多，协同办公需求强。",
			units: []unitSpec{{"gm", "总经理办公室", ""}, {"it", "信息化部", "gm"}, {"yard", "港区运营中心", "gm"}},
			contacts: []contactSpec{
				{key: "meng_qing", name: "孟庆", title: "总经理", unit: "gm", seniority: kam.SeniorityExecutive,
					inPostDays: 1400, notes: "军人出身，讲究执行力。"},
				{key: "xia_bo", name: "夏波", title: "信息化部部长", unit: "it", seniority: kam.SenioritySenior,
					reportsTo: "meng_qing", inPostDays: 1200, notes: "喜欢打乒乓球；是我们的坚定支持者。"},
				{key: "guan_li", name: "关莉", title: "港区运营中心主任", unit: "yard", seniority: kam.SenioritySenior,
					reportsTo: "meng_qing", inPostDays: 800},
			},
			econ: "meng_qing", coach: "xia_bo", user: "guan_li", tech: "xia_bo",
		},
		{
			key: "beifang", short: "北方重工", name: "北方重工机械 Beifang Heavy Machinery", industry: "装备制造 Manufacturing",
			region: "华北·唐山 Tangshan", employees: 15000, revenue: 21_000_000_000, owner: l.emily,
			notes: "Large SOE manufacturer; three plants. Paper-based approvals slow down procurement and engineering changes.",
			units: []unitSpec{
				{"gm", "总经理办公室", ""},
				{"it", "信息中心", "gm"},
				{"eng", "工程技术部", "gm"},
				{"proc", "采购中心", "gm"},
			},
			contacts: []contactSpec{
				{key: "guo_feng", name: "郭峰", title: "总经理", unit: "gm", seniority: kam.SeniorityExecutive,
					inPostDays: 1700, notes: "Cares about cost per unit; plays Go (围棋)."},
				{key: "sun_lei", name: "孙磊", title: "信息中心主任", unit: "it", seniority: kam.SenioritySenior,
					reportsTo: "guo_feng", inPostDays: 600, notes: "Pragmatic; wants one platform instead of five."},
				{key: "zhu_hua", name: "朱华", title: "工程技术部部长", unit: "eng", seniority: kam.SenioritySenior,
					reportsTo: "guo_feng", inPostDays: 2000, notes: "Engineering change approvals take three weeks on paper."},
				{key: "qiao_na", name: "乔娜", title: "采购中心主任", unit: "proc", seniority: kam.SeniorityMiddle,
					reportsTo: "guo_feng", inPostDays: 400},
			},
			econ: "guo_feng", coach: "sun_lei", user: "zhu_hua", tech: "sun_lei",
		},
	}
}
