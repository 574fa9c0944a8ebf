package demo

import (
	"time"

	"kam/internal/kam"
	"kam/internal/method"
)

// dealSpec is an open opportunity of the story.
type dealSpec struct {
	acct                string
	owner               kam.User
	name, product       string
	amount              int64
	level               kam.FunnelLevel
	close               kam.Date
	engagedAgo          int
	tender              kam.Date // zero: no tender (yet)
	competitors, ourWin string
	position            *int
}

type buyerSpec struct {
	contact     string
	roles       []kam.BuyingRole
	influence   kam.Influence
	rating      *int
	level       kam.ContactLevel
	mode        kam.ResponseMode
	win, result string
	evidence    string
	vito        bool
	// competitorCoach marks the buyer as the competitor's coach (对手的内线).
	competitorCoach bool
	counterpart     kam.User
	relationship    kam.RelationshipLevel
}

type actionSpec struct {
	title        string
	owner        kam.User
	due          int // days from today
	done         bool
	target       kam.BuyingInfluence
	participants []string // contact keys
	rules        []string // red-flag rule ids the action answers
	strength     kam.SWOTItem
}

type feedback struct {
	contact string
	is      kam.Feedback
}

type interactionSpec struct {
	ago, hour int // days ago, hour UTC
	kind      kam.InteractionKind
	users     []kam.User
	objective string
	outcome   kam.Outcome
	feedback  []feedback
	notes     string
}

// deal creates an open opportunity as its owner on the day we engaged,
// Above the funnel, and moves it down level by level, as a seller would.
func (l *loader) deal(s dealSpec) kam.Opportunity {
	a := l.accts[s.acct]
	l.atDay(-s.engagedAgo, 2, 0)
	o := create(l, l.svc.Opportunities, s.owner, kam.Opportunity{
		AccountID: a.ID, Name: s.name, Product: s.product, Amount: s.amount, Currency: "CNY",
		CloseDate: s.close, Level: kam.LevelAbove, Position: s.position,
		EngagedOn: l.day(-s.engagedAgo), TenderPublishedOn: s.tender,
		Competitors: s.competitors, OwnerID: s.owner.ID, OurWin: s.ourWin,
	}, s.name)
	steps := []kam.FunnelLevel{kam.LevelIn, kam.LevelBestFew}
	for i, lv := range steps {
		if s.level.Rank() < lv.Rank() {
			break
		}
		// In the funnel after a third of the time so far, Best few after
		// five sixths.
		ago := s.engagedAgo * []int{2, 1}[i] / []int{3, 6}[i]
		l.atDay(-ago, 3, 0)
		o = update(l, l.svc.Opportunities, s.owner, o.ID, o.Version, func(x *kam.Opportunity) { x.Level = lv }, s.name)
	}
	l.open = append(l.open, o)
	return o
}

func (l *loader) buyer(o kam.Opportunity, by kam.User, s buyerSpec) kam.BuyingInfluence {
	b := kam.BuyingInfluence{
		OpportunityID: o.ID, ContactID: l.contacts[s.contact].ID, Roles: s.roles,
		Influence: s.influence, Rating: s.rating, ContactLevel: s.level, Mode: s.mode,
		PersonalWin: s.win, BusinessResult: s.result, Evidence: s.evidence, VITO: s.vito,
		CounterpartID: s.counterpart.ID, RelationshipLevel: s.relationship, CompetitorCoach: s.competitorCoach,
	}
	return create(l, l.svc.BuyingInfluences, by, b, o.Name+" / "+s.contact)
}

func (l *loader) swot(o kam.Opportunity, by kam.User, kind kam.SWOTKind, text string) kam.SWOTItem {
	return create(l, l.svc.SWOTItems, by, kam.SWOTItem{OpportunityID: o.ID, Kind: kind, Text: text}, text)
}

func (l *loader) action(o kam.Opportunity, by kam.User, s actionSpec) kam.Action {
	// Planned a week before it is due, and never later than yesterday.
	l.atDay(min(s.due-7, -1), 1, 15)
	a := kam.Action{
		OpportunityID: o.ID, Title: s.title, OwnerID: s.owner.ID, Due: l.day(s.due),
		Status: kam.ActionOpen, TargetInfluenceID: s.target.ID, AddressesRules: s.rules,
		StrengthID: s.strength.ID,
	}
	if s.done {
		a.Status = kam.ActionDone
	}
	for _, c := range s.participants {
		a.ParticipantIDs = append(a.ParticipantIDs, l.contacts[c].ID)
	}
	return create(l, l.svc.Actions, by, a, s.title)
}

func (l *loader) interaction(o kam.Opportunity, by kam.User, s interactionSpec) kam.Interaction {
	at := l.moment(-s.ago, s.hour, 0)
	// Written up an hour after it happened.
	l.at(at.Add(time.Hour))
	in := kam.Interaction{
		OpportunityID: o.ID, Kind: s.kind, At: at, Objective: s.objective,
		Outcome: s.outcome, Notes: s.notes,
	}
	for _, u := range s.users {
		in.UserIDs = append(in.UserIDs, u.ID)
	}
	for _, f := range s.feedback {
		in.Feedback = append(in.Feedback, kam.ContactFeedback{ContactID: l.contacts[f.contact].ID, Feedback: f.is})
	}
	return create(l, l.svc.Interactions, by, in, s.objective)
}

// closeInQuarter is today+d, or the quarter's last day when that comes
// first: the deals counted against this quarter's quota must close in it.
func (l *loader) closeInQuarter(d int) kam.Date {
	last := kam.QuarterOf(l.today).End.AddDays(-1)
	if c := l.day(d); c.Before(last) {
		return c
	}
	return last
}

var (
	coach     = kam.RoleCoach
	user      = kam.RoleUser
	technical = kam.RoleTechnical
	economic  = kam.RoleEconomic
)

func roles(r ...kam.BuyingRole) []kam.BuyingRole { return r }

// openDeals writes the current funnel: fifteen open opportunities across
// the three open levels, each showing one of the method's situations.
func (l *loader) openDeals() {
	l.dealHuayuanOffice()
	l.dealHuayuanDocs()
	l.dealRealtyOA()
	l.dealFintech()
	l.dealCloudTraining()
	l.dealHuayuanTraining()
	l.dealLogisticsMobile()
	l.dealRuikangOffice()
	l.dealRuikangSupport()
	l.dealShendaSupport()
	l.dealJingbeiXinchuang()
	l.dealJingbeiDocs()
	l.dealBinhai()
	l.dealBeifangOffice()
	l.dealBeifangServices()
	l.at(l.now)
}

// dealHuayuanOffice is the healthy Best few deal: a senior supportive coach
// (two, in fact), the Economic buyer reached and supporting, users in Growth,
// strengths recorded and the next action planned.
func (l *loader) dealHuayuanOffice() {
	w := l.wang
	o := l.deal(dealSpec{
		acct: "huayuan", owner: w, name: "华远集团 一体化办公系统一期 (Integrated Office phase 1)",
		product: "智联一体化办公系统 Integrated Office System（集团总部及 3 家子公司，8000 用户）",
		amount:  3_800_000, level: kam.LevelBestFew, close: l.closeInQuarter(25), engagedAgo: 200,
		// The tender is still to come (a published date cannot lie ahead).
		competitors: "云图软件、协同天下", position: ptr(2),
		ourWin: "拿下集团标杆，带动华远地产、华远金融科技复制；确立在华东集团型客户的领先地位。",
	})
	zhao := l.buyer(o, w, buyerSpec{contact: "zhao_guohua", roles: roles(economic), influence: kam.InfluenceHigh,
		rating: ptr(4), level: kam.ContactRare, mode: kam.ModeGrowth, vito: true,
		win:         "在董事会上展示数字化转型的阶段成果",
		result:      "集团审批周期从平均 5 天缩短到 1 天，年节省行政成本约 800 万元",
		evidence:    "参观华远物流后当场表示“这就是我要的效果”",
		counterpart: l.admin, relationship: kam.RelCredibleSource})
	l.buyer(o, w, buyerSpec{contact: "sun_ming", roles: roles(coach), influence: kam.InfluenceHigh,
		rating: ptr(5), level: kam.ContactFrequent, mode: kam.ModeGrowth,
		win:         "三年内实现集团办公全面上云，成为集团数字化的代表人物",
		result:      "统一平台，替换 5 套分散的办公系统",
		evidence:    "主动把招标时间表和评分细则告诉我们",
		counterpart: l.eastMgr, relationship: kam.RelTrustedAdvisor})
	l.buyer(o, w, buyerSpec{contact: "qian_wei", roles: roles(technical, coach), influence: kam.InfluenceMedium,
		rating: ptr(3), level: kam.ContactFrequent, mode: kam.ModeGrowth,
		win: "主导一个开放、国产化的架构，在行业会议上分享", result: "接口标准化，运维工作量减少三成",
		counterpart: w, relationship: kam.RelProblemSolver})
	zhou := l.buyer(o, w, buyerSpec{contact: "zhou_ting", roles: roles(technical), influence: kam.InfluenceMedium,
		rating: ptr(1), level: kam.ContactRare, mode: kam.ModeEvenKeel,
		win: "预算可控，不出审计问题", result: "五年总拥有成本低于现有系统",
		counterpart: l.eastMgr, relationship: kam.RelVendor})
	l.buyer(o, w, buyerSpec{contact: "wu_hao", roles: roles(user), influence: kam.InfluenceMedium,
		rating: ptr(3), level: kam.ContactRare, mode: kam.ModeTrouble,
		win: "不再被领导催公文", result: "公文流转时间减半", counterpart: w, relationship: kam.RelCredibleSource})
	l.buyer(o, w, buyerSpec{contact: "huang_lei", roles: roles(user), influence: kam.InfluenceLow,
		rating: ptr(4), level: kam.ContactFrequent, mode: kam.ModeGrowth,
		win: "成为集团内部的系统专家", result: "日常维护工作量下降", counterpart: w, relationship: kam.RelTrustedAdvisor})

	ref := l.swot(o, w, kam.SWOTStrength, "华远物流一期已按期上线，集团内部就有可参观的标杆（小铃铛）")
	l.swot(o, w, kam.SWOTStrength, "国产化适配认证齐全：麒麟、统信操作系统，达梦数据库")
	l.swot(o, w, kam.SWOTWeakness, "报价比云图软件高约 12%")
	l.swot(o, w, kam.SWOTOpportunity, "集团三年数字化规划已获董事会批准，预算已落实")
	l.swot(o, w, kam.SWOTThreat, "云图软件以低价切入，并已约见财务总监周婷")

	l.interaction(o, w, interactionSpec{ago: 40, hour: 2, kind: kam.InteractionMeeting, users: []kam.User{w},
		objective: "与孙明、钱伟评审技术方案（SPIN：确认现有 5 套系统带来的问题与影响）",
		outcome:   kam.OutcomeAdvance, feedback: []feedback{{"sun_ming", kam.FeedbackPositive}, {"qian_wei", kam.FeedbackPositive}},
		notes: "钱伟要求补充与 SAP 的接口说明；孙明同意安排总裁参观。"})
	l.interaction(o, w, interactionSpec{ago: 21, hour: 6, kind: kam.InteractionVisit, users: []kam.User{l.admin, w},
		objective: "陪同赵国华总裁参观华远物流上线成果，孙明引荐",
		outcome:   kam.OutcomeAdvance, feedback: []feedback{{"zhao_guohua", kam.FeedbackPositive}, {"sun_ming", kam.FeedbackPositive}},
		notes: "总裁当场表示这就是他要的效果，要求一期覆盖三家子公司。"})
	l.interaction(o, w, interactionSpec{ago: 9, hour: 7, kind: kam.InteractionCall, users: []kam.User{w},
		objective: "向周婷说明分期付款与五年 TCO",
		outcome:   kam.OutcomeContinuation, feedback: []feedback{{"zhou_ting", kam.FeedbackNeutral}},
		notes: "周总要书面测算，并拿云图的报价比较。"})
	l.interaction(o, w, interactionSpec{ago: 3, hour: 3, kind: kam.InteractionMeeting, users: []kam.User{w},
		objective: "给行政部演示公文流转与移动审批",
		outcome:   kam.OutcomeAdvance, feedback: []feedback{{"huang_lei", kam.FeedbackPositive}, {"wu_hao", kam.FeedbackPositive}}})

	l.action(o, w, actionSpec{title: "技术方案评审并补充 SAP 接口说明", owner: w, due: -12, done: true,
		participants: []string{"qian_wei"}})
	l.action(o, w, actionSpec{title: "向周婷提交五年 TCO 书面测算（对比云图报价）", owner: w, due: 5,
		target: zhou, participants: []string{"zhou_ting"}, strength: ref})
	l.action(o, w, actionSpec{title: "与孙明一起向赵总汇报一期范围与上线计划", owner: l.eastMgr, due: 10,
		target: zhao, participants: []string{"sun_ming", "zhao_guohua"}, strength: ref})
}

// dealHuayuanDocs has lost its coach: 冯涛 left the company; 钱伟 supports us
// and could become the new coach.
func (l *loader) dealHuayuanDocs() {
	w := l.wang
	o := l.deal(dealSpec{
		acct: "huayuan", owner: w, name: "华远集团 文档管理模块 (Document Management)",
		product: "文档管理模块 Document Management add-on（集团档案室及信息中心）",
		amount:  1_200_000, level: kam.LevelIn, close: l.day(75), engagedAgo: 150,
		competitors: "蓝海OA", position: ptr(0),
		ourWin: "文档管理与办公系统同平台，形成集团级内容中台。",
	})
	l.buyer(o, w, buyerSpec{contact: "feng_tao", roles: roles(coach), influence: kam.InfluenceHigh,
		rating: ptr(5), level: kam.ContactFrequent, mode: kam.ModeGrowth,
		win: "推动立项，作为信息中心的年度重点成果", result: "档案检索时间从小时级降到分钟级",
		counterpart: w, relationship: kam.RelTrustedAdvisor})
	qian := l.buyer(o, w, buyerSpec{contact: "qian_wei", roles: roles(technical), influence: kam.InfluenceMedium,
		rating: ptr(4), level: kam.ContactFrequent, mode: kam.ModeGrowth,
		win: "统一内容存储架构", result: "减少三套文件服务器",
		counterpart: w, relationship: kam.RelProblemSolver})
	l.buyer(o, w, buyerSpec{contact: "chen_chen", roles: roles(user), influence: kam.InfluenceLow,
		rating: ptr(2), level: kam.ContactRare, mode: kam.ModeTrouble,
		win: "不再半夜恢复误删的文件", counterpart: w})
	l.buyer(o, w, buyerSpec{contact: "zhou_ting", roles: roles(economic), influence: kam.InfluenceHigh,
		rating: ptr(2), level: kam.ContactRare, mode: kam.ModeTrouble,
		win: "年度审计不再因档案问题被点名", result: "电子档案满足审计与归档要求",
		counterpart: l.eastMgr, relationship: kam.RelVendor})

	s := l.swot(o, w, kam.SWOTStrength, "文档管理模块与一体化办公系统同平台，免二次集成")
	l.swot(o, w, kam.SWOTThreat, "冯涛离职后，信息中心内部没有人主动推动本项目")

	l.interaction(o, w, interactionSpec{ago: 52, hour: 2, kind: kam.InteractionMeeting, users: []kam.User{w},
		objective: "与冯涛确认立项材料", outcome: kam.OutcomeAdvance,
		feedback: []feedback{{"feng_tao", kam.FeedbackPositive}}})
	l.interaction(o, w, interactionSpec{ago: 18, hour: 8, kind: kam.InteractionCall, users: []kam.User{w},
		objective: "冯涛离职后，请钱伟评估项目状态", outcome: kam.OutcomeContinuation,
		feedback: []feedback{{"qian_wei", kam.FeedbackPositive}},
		notes:    "钱伟愿意继续推动，但需要孙明授权。"})
	l.interaction(o, w, interactionSpec{ago: 27, hour: 3, kind: kam.InteractionVisit, users: []kam.User{w},
		objective: "向周婷介绍电子档案的审计价值", outcome: kam.OutcomeNoSale,
		feedback: []feedback{{"zhou_ting", kam.FeedbackNeutral}},
		notes:    "周婷认为档案合规可以放到明年再议。"})
	l.interaction(o, w, interactionSpec{ago: 6, hour: 5, kind: kam.InteractionEmail, users: []kam.User{w},
		objective: "向周婷发送档案合规解决方案", outcome: kam.OutcomeContinuation,
		feedback: []feedback{{"zhou_ting", kam.FeedbackNeutral}}})

	l.action(o, w, actionSpec{title: "请钱伟一起向孙明汇报，争取其成为新的内线教练", owner: w, due: 3,
		target: qian, participants: []string{"qian_wei"}, rules: []string{method.RuleCoachLeft}, strength: s})
	l.action(o, w, actionSpec{title: "与冯涛保持联系，了解其新单位的需求", owner: w, due: -10, done: true})
}

// dealRealtyOA: the Economic buyer is in Even Keel mode while the account
// reorganises.
func (l *loader) dealRealtyOA() {
	w := l.wang
	o := l.deal(dealSpec{
		acct: "hy_realty", owner: w, name: "华远地产 OA 升级与流程再造 (OA upgrade)",
		product: "智联一体化办公系统 Integrated Office System + 实施服务（三大事业部）",
		amount:  2_600_000, level: kam.LevelIn, close: l.day(60), engagedAgo: 120,
		competitors: "协同天下", position: ptr(1),
		ourWin: "借重组之机统一子公司平台，与集团项目形成合力。",
	})
	ma := l.buyer(o, w, buyerSpec{contact: "ma_jun", roles: roles(economic), influence: kam.InfluenceHigh,
		rating: ptr(0), level: kam.ContactRare, mode: kam.ModeEvenKeel, vito: true,
		win: "重组平稳落地，不出乱子", result: "三大事业部审批流程统一",
		evidence:    "“现在的 OA 够用，先把重组做完再说。”",
		counterpart: l.admin, relationship: kam.RelVendor})
	l.buyer(o, w, buyerSpec{contact: "xu_jing", roles: roles(coach, technical), influence: kam.InfluenceHigh,
		rating: ptr(4), level: kam.ContactFrequent, mode: kam.ModeGrowth,
		win: "成为重组后流程再造的牵头人", result: "新组织架构一个月内在系统中生效",
		counterpart: w, relationship: kam.RelTrustedAdvisor})
	l.buyer(o, w, buyerSpec{contact: "tian_yu", roles: roles(user), influence: kam.InfluenceMedium,
		rating: ptr(3), level: kam.ContactRare, mode: kam.ModeTrouble,
		win: "项目审批不再卡在纸面签字", counterpart: w})
	l.buyer(o, w, buyerSpec{contact: "luo_bin", roles: roles(technical), influence: kam.InfluenceMedium,
		rating: ptr(-1), level: kam.ContactRare, mode: kam.ModeEvenKeel, counterpart: w,
		competitorCoach: true}) // 罗斌 briefs 蓝海OA, and the general manager listens to him

	l.swot(o, w, kam.SWOTStrength, "许静是重组后新流程的牵头人，信任我们")
	l.swot(o, w, kam.SWOTOpportunity, "重组需要重新设计审批流程，正是切入点")
	l.swot(o, w, kam.SWOTThreat, "总经理马骏认为现有系统“够用”（四平八稳）")

	l.interaction(o, w, interactionSpec{ago: 33, hour: 2, kind: kam.InteractionVisit, users: []kam.User{w},
		objective: "与许静、田宇梳理重组后的审批流程", outcome: kam.OutcomeAdvance,
		feedback: []feedback{{"xu_jing", kam.FeedbackPositive}, {"tian_yu", kam.FeedbackPositive}}})
	l.interaction(o, w, interactionSpec{ago: 14, hour: 6, kind: kam.InteractionMeeting, users: []kam.User{l.admin, w},
		objective: "许静引荐，向马骏介绍流程再造方案（提示重组期间的管控风险）", outcome: kam.OutcomeContinuation,
		feedback: []feedback{{"ma_jun", kam.FeedbackNeutral}, {"xu_jing", kam.FeedbackPositive}},
		notes:    "马总认为现有 OA 够用，同意重组完成后再议。"})

	l.action(o, w, actionSpec{title: "准备重组前后审批流程对比与风险清单，请许静转呈马骏", owner: w, due: -4,
		target: ma, participants: []string{"xu_jing"}, rules: []string{method.RuleEconomicMode}})
	l.action(o, w, actionSpec{title: "邀请马骏参加地产行业数字化案例交流会", owner: l.eastMgr, due: 6,
		target: ma, participants: []string{"xu_jing", "ma_jun"}, rules: []string{method.RuleEconomicMode, method.RuleReorganization}})
}

func (l *loader) dealFintech() {
	w := l.wang
	o := l.deal(dealSpec{
		acct: "hy_fintech", owner: w, name: "华远金融科技 合规审批平台实施 (Compliance approvals)",
		product: "实施服务 Implementation services（合规审批留痕）",
		amount:  900_000, level: kam.LevelAbove, close: l.day(120), engagedAgo: 20,
		competitors: "客户自研 (in-house build)",
		ourWin:      "进入受监管的金融子公司，积累合规案例。",
	})
	deng := l.buyer(o, w, buyerSpec{contact: "deng_jie", roles: roles(user, coach), influence: kam.InfluenceMedium,
		rating: ptr(3), level: kam.ContactRare, mode: kam.ModeTrouble,
		win: "通过下一次监管检查", result: "审批全程留痕，可供审计调阅", counterpart: w})
	l.buyer(o, w, buyerSpec{contact: "shi_lin", roles: roles(technical), influence: kam.InfluenceHigh,
		rating: ptr(-1), level: kam.ContactNone, mode: kam.ModeOverconfident})
	l.buyer(o, w, buyerSpec{contact: "gao_yuan", roles: roles(economic), influence: kam.InfluenceHigh,
		level: kam.ContactNone, mode: kam.ModeUnknown})
	l.interaction(o, w, interactionSpec{ago: 10, hour: 3, kind: kam.InteractionCall, users: []kam.User{w},
		objective: "了解上次监管检查发现的问题（SPIN：难点与影响）", outcome: kam.OutcomeAdvance,
		feedback: []feedback{{"deng_jie", kam.FeedbackPositive}}})
	l.action(o, w, actionSpec{title: "通过邓洁了解高远总对合规项目的预算安排", owner: w, due: 7,
		target: deng, participants: []string{"deng_jie"}, rules: []string{method.RuleUncontacted}})
}

// dealCloudTraining has only one contacted buyer.
func (l *loader) dealCloudTraining() {
	w := l.wang
	o := l.deal(dealSpec{
		acct: "hy_cloud", owner: w, name: "华远云数据 研发团队培训 (Training)",
		product: "培训服务 Training（研发部 60 人）", amount: 300_000, level: kam.LevelAbove,
		close: l.day(90), engagedAgo: 12, ourWin: "进入集团三级公司。",
	})
	l.buyer(o, w, buyerSpec{contact: "qin_kai", roles: roles(user, coach), influence: kam.InfluenceLow,
		rating: ptr(3), level: kam.ContactRare, mode: kam.ModeGrowth, counterpart: w})
	l.buyer(o, w, buyerSpec{contact: "lu_fang", roles: roles(economic), influence: kam.InfluenceHigh,
		level: kam.ContactNone, mode: kam.ModeUnknown})
}

// dealHuayuanTraining involves a buyer new in the job.
func (l *loader) dealHuayuanTraining() {
	w := l.wang
	o := l.deal(dealSpec{
		acct: "huayuan", owner: w, name: "华远集团 全员上线培训 (Roll-out training)",
		product: "培训服务 Training（8000 名员工，线上 + 线下）", amount: 500_000, level: kam.LevelAbove,
		close: l.day(100), engagedAgo: 15, competitors: "协同天下",
		ourWin: "培训体系与办公系统一起交付，提升上线率。",
	})
	he := l.buyer(o, w, buyerSpec{contact: "he_jian", roles: roles(user, economic), influence: kam.InfluenceHigh,
		rating: ptr(2), level: kam.ContactRare, mode: kam.ModeGrowth,
		win: "上任首年建立起数字化培训体系", result: "新系统上线三个月内活跃率达到 90%",
		counterpart: l.eastMgr, relationship: kam.RelVendor})
	l.interaction(o, w, interactionSpec{ago: 8, hour: 2, kind: kam.InteractionVisit, users: []kam.User{l.eastMgr, w},
		objective: "拜访新任人力资源总监何建", outcome: kam.OutcomeContinuation,
		feedback: []feedback{{"he_jian", kam.FeedbackPositive}}})
	l.action(o, w, actionSpec{title: "为何建准备外企同行的培训体系案例", owner: w, due: 4,
		target: he, participants: []string{"he_jian"}, rules: []string{method.RuleNewInJob}})
}

func (l *loader) dealLogisticsMobile() {
	li := l.li
	o := l.deal(dealSpec{
		acct: "hy_logistics", owner: li, name: "华远物流 移动办公二期 (Mobile Office phase 2)",
		product: "移动办公套件 Mobile Office suite + 实施服务（62 个网点）", amount: 1_500_000,
		level: kam.LevelBestFew, close: l.closeInQuarter(18), engagedAgo: 140,
		competitors: "协同天下", position: ptr(2),
		ourWin: "巩固集团内的标杆客户，为集团一期项目提供参观点。",
	})
	l.buyer(o, li, buyerSpec{contact: "cao_lei", roles: roles(economic), influence: kam.InfluenceHigh,
		rating: ptr(4), level: kam.ContactRare, mode: kam.ModeGrowth, vito: true,
		win: "网点效率排名进入集团前三", result: "网点审批从 2 天缩短到 2 小时",
		counterpart: l.eastMgr, relationship: kam.RelProblemSolver})
	l.buyer(o, li, buyerSpec{contact: "jiang_min", roles: roles(coach, technical), influence: kam.InfluenceHigh,
		rating: ptr(5), level: kam.ContactFrequent, mode: kam.ModeGrowth,
		win: "一期成功后再立新功，争取晋升", result: "统一移动入口",
		counterpart: li, relationship: kam.RelTrustedAdvisor})
	l.buyer(o, li, buyerSpec{contact: "bai_xue", roles: roles(user), influence: kam.InfluenceMedium,
		rating: ptr(3), level: kam.ContactFrequent, mode: kam.ModeTrouble,
		win: "出差时也能批单", result: "网点异常处理提速", counterpart: li})
	s := l.swot(o, li, kam.SWOTStrength, "一期项目按期验收，蒋敏是验收负责人（小铃铛）")
	l.swot(o, li, kam.SWOTThreat, "协同天下报价低 15%")
	l.interaction(o, li, interactionSpec{ago: 16, hour: 5, kind: kam.InteractionMeeting, users: []kam.User{li},
		objective: "与蒋敏、白雪确认二期范围", outcome: kam.OutcomeAdvance,
		feedback: []feedback{{"jiang_min", kam.FeedbackPositive}, {"bai_xue", kam.FeedbackPositive}}})
	l.interaction(o, li, interactionSpec{ago: 11, hour: 2, kind: kam.InteractionVisit, users: []kam.User{l.eastMgr, li},
		objective: "陪同陈静拜访曹总，汇报一期成效与二期范围", outcome: kam.OutcomeAdvance,
		feedback: []feedback{{"cao_lei", kam.FeedbackPositive}, {"jiang_min", kam.FeedbackPositive}}})
	// The North team works the Tianjin hub on the shared account.
	l.interaction(o, l.liu, interactionSpec{ago: 7, hour: 3, kind: kam.InteractionVisit, users: []kam.User{l.liu},
		objective: "天津枢纽移动审批现场演示", outcome: kam.OutcomeAdvance,
		feedback: []feedback{{"bai_xue", kam.FeedbackPositive}}, notes: "天津枢纽希望与苏州总部同步上线。"})
	l.action(o, li, actionSpec{title: "与曹总、蒋敏确认合同条款终稿", owner: li, due: 4,
		participants: []string{"jiang_min", "cao_lei"}, strength: s})
}

// dealRuikangOffice: the coach supports us, yet her latest feedback was
// negative.
func (l *loader) dealRuikangOffice() {
	li := l.li
	o := l.deal(dealSpec{
		acct: "ruikang", owner: li, name: "瑞康医疗 一体化办公系统（含医疗文书归档）",
		product: "智联一体化办公系统 Integrated Office System + 文档管理模块（5 家医院）",
		amount:  4_500_000, level: kam.LevelIn, close: l.day(90), engagedAgo: 100, // tender still to come
		competitors: "协同天下", position: ptr(1),
		ourWin: "打开医疗集团市场，形成可复制的医院方案。",
	})
	han := l.buyer(o, li, buyerSpec{contact: "han_mei", roles: roles(coach, technical), influence: kam.InfluenceHigh,
		rating: ptr(3), level: kam.ContactFrequent, mode: kam.ModeGrowth,
		win: "信息化项目零延期，争取副院长提名", result: "等保合规下的集团统一办公",
		counterpart: li, relationship: kam.RelProblemSolver})
	l.buyer(o, li, buyerSpec{contact: "xie_hong", roles: roles(economic), influence: kam.InfluenceHigh,
		rating: ptr(2), level: kam.ContactRare, mode: kam.ModeGrowth, vito: true,
		win: "医院管理评审获得优秀", result: "院办公文一天内办结",
		counterpart: l.admin, relationship: kam.RelVendor})
	l.buyer(o, li, buyerSpec{contact: "tang_jun", roles: roles(user), influence: kam.InfluenceHigh,
		rating: ptr(4), level: kam.ContactRare, mode: kam.ModeTrouble,
		win: "排班审批不再耽误手术安排", result: "医务审批全部线上化", counterpart: li})
	liang := l.buyer(o, li, buyerSpec{contact: "liang_yan", roles: roles(technical), influence: kam.InfluenceMedium,
		level: kam.ContactNone, mode: kam.ModeUnknown})
	s := l.swot(o, li, kam.SWOTStrength, "等保三级测评已通过，医疗数据不出院")
	l.swot(o, li, kam.SWOTWeakness, "医疗行业案例只有两家")
	l.swot(o, li, kam.SWOTThreat, "协同天下提出免费试点")

	l.interaction(o, li, interactionSpec{ago: 30, hour: 2, kind: kam.InteractionVisit, users: []kam.User{li},
		objective: "与韩梅、唐军调研医务审批痛点", outcome: kam.OutcomeAdvance,
		feedback: []feedback{{"han_mei", kam.FeedbackPositive}, {"tang_jun", kam.FeedbackPositive}}})
	l.interaction(o, li, interactionSpec{ago: 5, hour: 6, kind: kam.InteractionMeeting, users: []kam.User{li, l.eastMgr},
		objective: "汇报实施计划", outcome: kam.OutcomeContinuation,
		feedback: []feedback{{"han_mei", kam.FeedbackNegative}, {"tang_jun", kam.FeedbackPositive}},
		notes:    "韩主任对实施周期不满意：担心与 HIS 升级撞期导致延期。"})

	l.action(o, li, actionSpec{title: "书面回复韩梅：实施计划与延期风险应对", owner: li, due: -2,
		target: han, participants: []string{"han_mei"}, rules: []string{method.RuleFeedbackContradicts}, strength: s})
	l.action(o, li, actionSpec{title: "拜访梁燕，介绍分期付款方案", owner: li, due: 9,
		target: liang, participants: []string{"han_mei", "liang_yan"}, rules: []string{method.RuleUncontacted}})
}

func (l *loader) dealRuikangSupport() {
	li := l.li
	o := l.deal(dealSpec{
		acct: "ruikang", owner: li, name: "瑞康医疗 年度运维支持续约 (Support renewal)",
		product: "年度运维支持服务 Annual support", amount: 700_000, level: kam.LevelBestFew,
		close: l.closeInQuarter(8), engagedAgo: 60, position: ptr(1),
		ourWin: "续约并升级为 7×24 服务。",
	})
	l.buyer(o, li, buyerSpec{contact: "han_mei", roles: roles(coach, user), influence: kam.InfluenceHigh,
		rating: ptr(4), level: kam.ContactFrequent, mode: kam.ModeGrowth,
		win: "系统稳定，不被院长点名", result: "故障响应 30 分钟内", counterpart: li, relationship: kam.RelProblemSolver})
	l.buyer(o, li, buyerSpec{contact: "liang_yan", roles: roles(economic), influence: kam.InfluenceHigh,
		rating: ptr(3), level: kam.ContactRare, mode: kam.ModeGrowth, vito: true,
		win: "预算不超支", result: "运维成本与去年持平", counterpart: l.eastMgr, relationship: kam.RelCredibleSource})
	s := l.swot(o, li, kam.SWOTStrength, "去年故障平均 20 分钟响应，满意度 96%")
	l.interaction(o, li, interactionSpec{ago: 12, hour: 3, kind: kam.InteractionCall, users: []kam.User{li},
		objective: "与梁燕确认续约预算", outcome: kam.OutcomeAdvance,
		feedback: []feedback{{"liang_yan", kam.FeedbackPositive}}})
	l.action(o, li, actionSpec{title: "发送续约报价与服务级别协议", owner: li, due: 3,
		participants: []string{"liang_yan"}, strength: s})
}

// dealShendaSupport: a low-fit account with a single contacted buyer.
func (l *loader) dealShendaSupport() {
	li := l.li
	o := l.deal(dealSpec{
		acct: "shenda", owner: li, name: "申达建材 年度运维支持 (Annual support)",
		product: "年度运维支持服务 Annual support", amount: 450_000, level: kam.LevelAbove,
		close: l.day(100), engagedAgo: 25, competitors: "本地小厂商",
		ourWin: "借华远集团供应链关系拓展客户。",
	})
	l.buyer(o, li, buyerSpec{contact: "song_jia", roles: roles(user, coach), influence: kam.InfluenceLow,
		rating: ptr(3), level: kam.ContactFrequent, mode: kam.ModeGrowth, counterpart: li})
	l.buyer(o, li, buyerSpec{contact: "wei_dong", roles: roles(economic), influence: kam.InfluenceHigh,
		level: kam.ContactNone, mode: kam.ModeUnknown})
	l.interaction(o, li, interactionSpec{ago: 11, hour: 7, kind: kam.InteractionCall, users: []kam.User{li},
		objective: "了解现有系统的维护问题", outcome: kam.OutcomeContinuation,
		feedback: []feedback{{"song_jia", kam.FeedbackPositive}}})
}

// dealJingbeiXinchuang: a Technical buyer opposes us (-4), and we came in
// after the tender was published.
func (l *loader) dealJingbeiXinchuang() {
	lu := l.liu
	o := l.deal(dealSpec{
		acct: "jingbei", owner: lu, name: "京北银行 办公系统信创替换 (Xinchuang replacement)",
		product: "智联一体化办公系统 Integrated Office System（信创版，全行 5600 用户）",
		amount:  5_200_000, level: kam.LevelIn, close: l.closeInQuarter(40), engagedAgo: 35, tender: l.day(-50),
		competitors: "云图软件（现有厂商）、协同天下", position: ptr(-1),
		ourWin: "拿下第一家北京城商行，打开华北金融市场。",
	})
	peng := l.buyer(o, lu, buyerSpec{contact: "peng_zhiqiang", roles: roles(economic), influence: kam.InfluenceHigh,
		rating: ptr(2), level: kam.ContactRare, mode: kam.ModeTrouble, vito: true,
		win: "年内完成监管要求，保住监管评级", result: "信创替换按期验收",
		counterpart: l.northMgr, relationship: kam.RelVendor})
	dong := l.buyer(o, lu, buyerSpec{contact: "dong_ming", roles: roles(technical), influence: kam.InfluenceHigh,
		rating: ptr(-4), level: kam.ContactFrequent, mode: kam.ModeEvenKeel,
		win: "保住与原厂商的合作，避免迁移风险", result: "迁移零故障",
		evidence:    "评标会上多次强调“原厂商最了解我们”",
		counterpart: lu, relationship: kam.RelVendor})
	l.buyer(o, lu, buyerSpec{contact: "zhang_wen", roles: roles(coach, user), influence: kam.InfluenceMedium,
		rating: ptr(4), level: kam.ContactFrequent, mode: kam.ModeTrouble,
		win: "移动端公文好用，领导不再抱怨", result: "公文办结时间缩短一半",
		counterpart: lu, relationship: kam.RelProblemSolver})
	l.buyer(o, lu, buyerSpec{contact: "li_qiang", roles: roles(technical), influence: kam.InfluenceMedium,
		rating: ptr(3), level: kam.ContactRare, mode: kam.ModeTrouble,
		win: "合规检查一次通过", result: "全流程留痕", counterpart: l.northMgr})
	s := l.swot(o, lu, kam.SWOTStrength, "信创适配清单齐全，已在两家城商行上线")
	l.swot(o, lu, kam.SWOTWeakness, "招标文件发布后才介入，需求由竞争对手参与编写")
	l.swot(o, lu, kam.SWOTThreat, "科技部总经理董明与云图软件合作多年")

	l.interaction(o, lu, interactionSpec{ago: 30, hour: 2, kind: kam.InteractionVisit, users: []kam.User{lu},
		objective: "张雯介绍招标背景与评分办法", outcome: kam.OutcomeAdvance,
		feedback: []feedback{{"zhang_wen", kam.FeedbackPositive}}})
	l.interaction(o, lu, interactionSpec{ago: 15, hour: 6, kind: kam.InteractionMeeting, users: []kam.User{lu, l.northMgr},
		objective: "技术交流会", outcome: kam.OutcomeContinuation,
		feedback: []feedback{{"dong_ming", kam.FeedbackNegative}, {"li_qiang", kam.FeedbackPositive}},
		notes:    "董总质疑迁移风险；李总认可留痕能力。"})
	l.interaction(o, lu, interactionSpec{ago: 4, hour: 2, kind: kam.InteractionCall, users: []kam.User{lu},
		objective: "与张雯商量如何向行长汇报", outcome: kam.OutcomeAdvance,
		feedback: []feedback{{"zhang_wen", kam.FeedbackPositive}}})

	l.action(o, lu, actionSpec{title: "与张雯一起拜访彭行长，汇报监管时间表与迁移方案", owner: l.northMgr, due: 5,
		target: peng, participants: []string{"zhang_wen", "peng_zhiqiang"},
		rules: []string{method.RuleTechnicalVeto, method.RuleStrongOpponent}, strength: s})
	l.action(o, lu, actionSpec{title: "邀请董明参观已上线的城商行，消除迁移顾虑", owner: lu, due: -3,
		target: dong, participants: []string{"dong_ming"}, rules: []string{method.RuleStrongOpponent}, strength: s})
}

func (l *loader) dealJingbeiDocs() {
	lu := l.liu
	o := l.deal(dealSpec{
		acct: "jingbei", owner: lu, name: "京北银行 文档管理模块 (Document Management)",
		product: "文档管理模块 Document Management add-on", amount: 800_000, level: kam.LevelAbove,
		close: l.day(150), engagedAgo: 10, ourWin: "信创项目之后的第二个机会。",
	})
	l.buyer(o, lu, buyerSpec{contact: "zhang_wen", roles: roles(user), influence: kam.InfluenceMedium,
		rating: ptr(3), level: kam.ContactRare, mode: kam.ModeGrowth, counterpart: lu})
}

func (l *loader) dealBinhai() {
	lu := l.liu
	o := l.deal(dealSpec{
		acct: "binhai", owner: lu, name: "滨海港务 协同办公平台 (Collaboration platform)",
		product: "智联一体化办公系统 Integrated Office System（港区协同）", amount: 2_100_000,
		level: kam.LevelBestFew, close: l.closeInQuarter(12), engagedAgo: 160,
		competitors: "蓝海OA", position: ptr(2),
		ourWin: "港口行业首个标杆。",
	})
	l.buyer(o, lu, buyerSpec{contact: "meng_qing", roles: roles(economic), influence: kam.InfluenceHigh,
		rating: ptr(4), level: kam.ContactRare, mode: kam.ModeGrowth, vito: true,
		win: "国企改革考核中拿到数字化加分", result: "港区协同效率提升 30%",
		counterpart: l.admin, relationship: kam.RelCredibleSource})
	l.buyer(o, lu, buyerSpec{contact: "xia_bo", roles: roles(coach, technical), influence: kam.InfluenceHigh,
		rating: ptr(5), level: kam.ContactFrequent, mode: kam.ModeGrowth,
		win: "主导集团重点项目，年底评优", result: "一个平台覆盖六个港区",
		counterpart: lu, relationship: kam.RelTrustedAdvisor})
	l.buyer(o, lu, buyerSpec{contact: "guan_li", roles: roles(user), influence: kam.InfluenceMedium,
		rating: ptr(3), level: kam.ContactRare, mode: kam.ModeTrouble,
		win: "夜班调度审批不再打电话找人", result: "调度审批线上化", counterpart: lu})
	s := l.swot(o, lu, kam.SWOTStrength, "港区移动审批原型已获关莉认可")
	l.interaction(o, lu, interactionSpec{ago: 6, hour: 2, kind: kam.InteractionMeeting, users: []kam.User{lu, l.northMgr},
		objective: "与孟总、夏波确认商务条款", outcome: kam.OutcomeAdvance,
		feedback: []feedback{{"meng_qing", kam.FeedbackPositive}, {"xia_bo", kam.FeedbackPositive}}})
	l.action(o, lu, actionSpec{title: "商务谈判：确认付款节点", owner: lu, due: 2,
		participants: []string{"xia_bo"}, strength: s})
}

// dealBeifangOffice has no coach, and its seller feels euphoric (+3). Its
// owner works in English.
func (l *loader) dealBeifangOffice() {
	e := l.emily
	o := l.deal(dealSpec{
		acct: "beifang", owner: e, name: "Beifang Heavy — Integrated Office System (北方重工 一体化办公系统)",
		product: "Integrated Office System 智联一体化办公系统 (three plants, 4,000 users)",
		amount:  3_200_000, level: kam.LevelIn, close: l.closeInQuarter(50), engagedAgo: 90,
		competitors: "云图软件", position: ptr(3),
		ourWin: "First heavy-industry reference in North China.",
	})
	l.buyer(o, e, buyerSpec{contact: "guo_feng", roles: roles(economic), influence: kam.InfluenceHigh,
		rating: ptr(2), level: kam.ContactRare, mode: kam.ModeGrowth, vito: true,
		win: "Hit the group's cost-reduction target this year", result: "Procurement approvals from 10 days to 2",
		counterpart: l.northMgr, relationship: kam.RelVendor})
	l.buyer(o, e, buyerSpec{contact: "sun_lei", roles: roles(technical), influence: kam.InfluenceHigh,
		rating: ptr(1), level: kam.ContactFrequent, mode: kam.ModeGrowth,
		win: "One platform instead of five", result: "IT support tickets down by a third",
		counterpart: e, relationship: kam.RelCredibleSource})
	zhu := l.buyer(o, e, buyerSpec{contact: "zhu_hua", roles: roles(user), influence: kam.InfluenceHigh,
		rating: ptr(4), level: kam.ContactRare, mode: kam.ModeTrouble,
		win: "Engineering changes approved within days", result: "Change approvals from 3 weeks to 3 days",
		counterpart: e})
	l.swot(o, e, kam.SWOTStrength, "Only vendor with a working engineering-change workflow demo")
	l.interaction(o, e, interactionSpec{ago: 20, hour: 2, kind: kam.InteractionVisit, users: []kam.User{e},
		objective: "Workshop with 孙磊 on the platform consolidation", outcome: kam.OutcomeAdvance,
		feedback: []feedback{{"sun_lei", kam.FeedbackPositive}}})
	l.interaction(o, e, interactionSpec{ago: 8, hour: 6, kind: kam.InteractionMeeting, users: []kam.User{e},
		objective: "Engineering-change workflow demo for 朱华", outcome: kam.OutcomeAdvance,
		feedback: []feedback{{"zhu_hua", kam.FeedbackPositive}},
		notes:    "朱华 asked for a pilot in plant 2; he could become our coach."})
	l.action(o, e, actionSpec{title: "Ask 朱华 to guide us inside Beifang (become our coach)", owner: e, due: 6,
		target: zhu, participants: []string{"zhu_hua"}, rules: []string{method.RuleNoCoach}})
}

func (l *loader) dealBeifangServices() {
	e := l.emily
	o := l.deal(dealSpec{
		acct: "beifang", owner: e, name: "Beifang Heavy — Implementation & training (北方重工 实施与培训)",
		product: "Implementation services + Training 实施与培训服务", amount: 600_000, level: kam.LevelAbove,
		close: l.day(110), engagedAgo: 15, ourWin: "Attach services to the platform deal.",
	})
	l.buyer(o, e, buyerSpec{contact: "qiao_na", roles: roles(technical), influence: kam.InfluenceMedium,
		rating: ptr(0), level: kam.ContactRare, mode: kam.ModeEvenKeel, counterpart: e})
}
