package demo

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"kam/internal/kam"
)

// historyDeals is how many won and lost deals the history holds, spread over
// the last four quarters: 22 per rep, 44 per team, enough for a manager's
// scope to fit its own health weights.
const historyDeals = 88

// product is one line of what Zhilian Office sells, with its usual price range.
type product struct {
	name     string
	min, max int64 // CNY
}

var products = []product{
	{"智联一体化办公系统 Integrated Office System", 1_500_000, 5_000_000},
	{"文档管理模块 Document Management add-on", 400_000, 1_500_000},
	{"实施服务 Implementation services", 300_000, 1_200_000},
	{"培训服务 Training", 150_000, 500_000},
	{"年度运维支持服务 Annual support", 200_000, 800_000},
	{"移动办公套件 Mobile Office suite", 300_000, 1_000_000},
	{"电子签章集成 E-signature integration", 200_000, 700_000},
}

var competitors = []string{"云图软件", "协同天下", "蓝海OA", "客户自研 (in-house build)", "云图软件、协同天下"}

// event is one dated step of the history; run in date order, so the audit
// log and the level history read chronologically.
type event struct {
	at  time.Time
	seq int
	run func()
}

// histBuyer is a buyer of a history deal.
type histBuyer struct {
	contact string
	b       kam.BuyingInfluence
}

// history writes the closed deals of the last four quarters. What the
// buyers looked like follows the outcome, roughly as in real life (won deals
// mostly had a senior supportive coach and an Economic buyer we reached), so
// the win rates per funnel level and the health weights fitted from this
// history say something.
func (l *loader) history() {
	reps := []kam.User{l.wang, l.li, l.liu, l.emily}
	repAccts := map[int64][]string{
		l.wang.ID:  {"huayuan", "hy_realty", "hy_fintech", "hy_cloud"},
		l.li.ID:    {"hy_logistics", "ruikang", "shenda"},
		l.liu.ID:   {"jingbei", "binhai"},
		l.emily.ID: {"beifang"},
	}
	names := map[string]bool{}
	var events []event
	add := func(at time.Time, run func()) {
		events = append(events, event{at: at, seq: len(events), run: run})
	}

	for i := range historyDeals {
		rep := reps[i%len(reps)]
		accts := repAccts[rep.ID]
		a := l.accts[accts[(i/len(reps))%len(accts)]]
		p := products[l.rnd.IntN(len(products))]

		closedAgo := 2 + i*4 + l.rnd.IntN(4) // two a week, back about eleven and a half months
		cycle := 45 + l.rnd.IntN(150)
		engagedAgo := closedAgo + cycle
		amount := (p.min + l.rnd.Int64N(p.max-p.min)) / 10_000 * 10_000

		reached := kam.LevelBestFew
		switch r := l.rnd.IntN(100); {
		case r < 20:
			reached = kam.LevelAbove
		case r < 55:
			reached = kam.LevelIn
		}
		odds := map[kam.FunnelLevel]int{kam.LevelAbove: 10, kam.LevelIn: 35, kam.LevelBestFew: 75}[reached]
		won := l.rnd.IntN(100) < odds

		name := a.short + " " + shortName(p.name)
		for n := 2; names[name]; n++ {
			name = fmt.Sprintf("%s %s（%d期）", a.short, shortName(p.name), n)
		}
		names[name] = true

		opp := kam.Opportunity{
			AccountID: a.ID, Name: name, Product: p.name, Amount: amount, Currency: "CNY",
			CloseDate: l.day(-closedAgo), Level: kam.LevelAbove,
			EngagedOn: l.day(-engagedAgo), Competitors: competitors[l.rnd.IntN(len(competitors))],
			OwnerID: rep.ID, OurWin: "扩大在" + a.short + "的覆盖，积累行业案例。",
		}
		buyers, strength := l.historyBuyers(a, rep, won)
		var o kam.Opportunity // this deal as last written; the events below share it

		add(l.moment(-engagedAgo, 2, 10), func() {
			o = create(l, l.svc.Opportunities, rep, opp, name)
			for _, hb := range buyers {
				hb.b.OpportunityID = o.ID
				hb.b.ContactID = l.contacts[hb.contact].ID
				create(l, l.svc.BuyingInfluences, rep, hb.b, name+" / "+hb.contact)
			}
			if strength != "" {
				l.swot(o, rep, kam.SWOTStrength, strength)
			}
		})
		move := func(ago int, to kam.FunnelLevel) {
			add(l.moment(-ago, 3, 0), func() {
				o = update(l, l.svc.Opportunities, rep, o.ID, o.Version, func(x *kam.Opportunity) { x.Level = to }, name)
			})
		}
		if reached.Rank() >= kam.LevelIn.Rank() {
			move(engagedAgo-cycle/3, kam.LevelIn)
		}
		if reached == kam.LevelBestFew {
			move(engagedAgo-2*cycle/3, kam.LevelBestFew)
		}
		outcome := kam.LevelLost
		if won {
			outcome = kam.LevelWon
		}
		add(l.moment(-closedAgo, 7, 30), func() {
			o = update(l, l.svc.Opportunities, rep, o.ID, o.Version, func(x *kam.Opportunity) { x.Level = outcome }, name)
			if won {
				l.won = append(l.won, o)
			}
		})
	}

	slices.SortFunc(events, func(a, b event) int {
		return cmp.Or(a.at.Compare(b.at), cmp.Compare(a.seq, b.seq))
	})
	for _, e := range events {
		if l.err != nil {
			return
		}
		l.at(e.at)
		e.run()
	}
	l.at(l.now)
}

// historyBuyers draws a closed deal's buyers from the account's usual cast.
// One person may hold several roles; they are merged into one buyer. It
// also returns the strength we had recorded, or "".
func (l *loader) historyBuyers(a *account, rep kam.User, won bool) ([]histBuyer, string) {
	// One deal in ten looked like the other outcome: won against the odds,
	// or lost though the map looked good. Without that noise the fitted
	// health weights would separate won from lost perfectly, which real
	// history never does.
	looksWon := won
	if l.rnd.IntN(100) < 10 {
		looksWon = !won
	}
	chance := func(ifWon, ifLost int) bool {
		if looksWon {
			return l.rnd.IntN(100) < ifWon
		}
		return l.rnd.IntN(100) < ifLost
	}
	between := func(lo, hi int) *int { return ptr(lo + l.rnd.IntN(hi-lo+1)) }
	receptive := func(ifWon, ifLost int) kam.ResponseMode {
		if chance(ifWon, ifLost) {
			if l.rnd.IntN(2) == 0 {
				return kam.ModeGrowth
			}
			return kam.ModeTrouble
		}
		return kam.ModeEvenKeel
	}

	var out []histBuyer
	put := func(contact string, role kam.BuyingRole, b kam.BuyingInfluence) {
		for i := range out {
			if out[i].contact == contact {
				out[i].b.Roles = append(out[i].b.Roles, role)
				return
			}
		}
		b.Roles = []kam.BuyingRole{role}
		out = append(out, histBuyer{contact: contact, b: b})
	}

	econ := kam.BuyingInfluence{Influence: kam.InfluenceHigh, ContactLevel: kam.ContactNone, Mode: receptive(85, 30)}
	if chance(90, 35) {
		econ.ContactLevel = kam.ContactRare
	}
	if looksWon {
		econ.Rating = between(2, 5)
	} else {
		econ.Rating = between(-3, 2)
	}
	if chance(90, 40) {
		econ.PersonalWin = "年度经营目标中的数字化指标达标"
		econ.BusinessResult = "降低行政成本，提升审批效率"
	}
	econ.VITO = true
	econ.CounterpartID = l.admin.ID
	put(a.econ, kam.RoleEconomic, econ)

	if chance(85, 25) {
		coach := kam.BuyingInfluence{Influence: kam.InfluenceMedium, ContactLevel: kam.ContactFrequent,
			Rating: between(3, 5), Mode: kam.ModeGrowth, CounterpartID: rep.ID,
			PersonalWin: "项目成功，在公司内部获得认可", BusinessResult: "部门协同效率提升"}
		if chance(70, 30) {
			coach.Influence = kam.InfluenceHigh
		}
		put(a.coach, kam.RoleCoach, coach)
	}
	if chance(85, 50) {
		put(a.user, kam.RoleUser, kam.BuyingInfluence{Influence: kam.InfluenceMedium, ContactLevel: kam.ContactRare,
			Rating: between(1, 4), Mode: receptive(90, 35), CounterpartID: rep.ID})
	}
	if chance(60, 60) {
		tech := kam.BuyingInfluence{Influence: kam.InfluenceMedium, ContactLevel: kam.ContactRare, Mode: kam.ModeEvenKeel, CounterpartID: rep.ID}
		if looksWon {
			tech.Rating = between(0, 4)
		} else {
			tech.Rating = between(-4, 1)
		}
		put(a.tech, kam.RoleTechnical, tech)
	}
	strength := ""
	if chance(85, 35) {
		strength = strengths[l.rnd.IntN(len(strengths))]
	}
	return out, strength
}

// strengths are the differentiators (小铃铛) sellers record on deals.
var strengths = []string{
	"同一集团内已有成功上线案例（小铃铛）",
	"国产化适配认证齐全",
	"本地实施团队两小时内到场",
	"与客户现有 ERP 的标准接口已验证",
	"客户高层参观过我们的标杆客户",
}

// shortName is the Chinese half of a bilingual product name.
func shortName(s string) string {
	for i, r := range s {
		if r == ' ' {
			return s[:i]
		}
	}
	return s
}
