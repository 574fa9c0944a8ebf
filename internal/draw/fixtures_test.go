package draw

import (
	"strconv"

	"kam/internal/kam"
)

// The fixed data of the golden files: a group company's head office, IT
// centre and procurement, ten people, one who left and one who moved.

func intp(v int) *int { return &v }

func contact(id int64, name, title string, unit int64, s kam.Seniority, reportsTo int64, st kam.ContactStatus) kam.Contact {
	return kam.Contact{Meta: kam.Meta{ID: id}, AccountID: 7, Name: name, Title: title,
		OrgUnitID: unit, Seniority: s, ReportsToID: reportsTo, Status: st}
}

func fixtureUnits() []kam.OrgUnit {
	return []kam.OrgUnit{
		{Meta: kam.Meta{ID: 1}, AccountID: 7, Name: "集团总部"},
		{Meta: kam.Meta{ID: 2}, AccountID: 7, Name: "信息中心", ParentID: 1},
		{Meta: kam.Meta{ID: 3}, AccountID: 7, Name: "采购与招标管理部", ParentID: 1},
	}
}

func fixtureContacts() []kam.Contact {
	return []kam.Contact{
		contact(1, "王建国", "董事长", 1, kam.SeniorityExecutive, 0, kam.ContactActive),
		contact(2, "李明华", "总裁", 1, kam.SeniorityExecutive, 1, kam.ContactActive),
		contact(3, "张伟", "首席信息官兼数字化转型办公室主任", 2, kam.SenioritySenior, 2, kam.ContactActive),
		contact(4, "刘洋", "架构规划部副主任", 2, kam.SeniorityMiddle, 3, kam.ContactActive),
		contact(5, "陈静", "运维经理", 2, kam.SeniorityMiddle, 3, kam.ContactLeft),
		contact(6, "赵磊", "高级工程师", 2, kam.SeniorityJunior, 4, kam.ContactActive),
		contact(7, "孙丽", "采购总监", 3, kam.SenioritySenior, 2, kam.ContactActive),
		contact(8, "周强", "采购经理", 3, kam.SeniorityMiddle, 7, kam.ContactMoved),
		contact(9, "吴敏", "招标专员", 3, kam.SeniorityJunior, 8, kam.ContactActive),
		contact(10, "郑浩", "财务总监 CFO", 1, kam.SenioritySenior, 2, kam.ContactActive),
	}
}

func fixtureLinks() []kam.ContactLink {
	return []kam.ContactLink{
		{Meta: kam.Meta{ID: 1}, FromContactID: 10, ToContactID: 7, Kind: kam.LinkInfluences},
		{Meta: kam.Meta{ID: 2}, FromContactID: 4, ToContactID: 2, Kind: kam.LinkInfluences},
		{Meta: kam.Meta{ID: 3}, FromContactID: 3, ToContactID: 7, Kind: kam.LinkConflictsWith},
	}
}

func contactHref(id int64) string { return "/contacts/" + strconv.FormatInt(id, 10) }

func fixtureOrgChart() OrgChartInput {
	return OrgChartInput{Contacts: fixtureContacts(), Units: fixtureUnits(), Links: fixtureLinks(), Href: contactHref}
}

// fixturePicture has six buyers covering every role, support level,
// influence, contact level and response mode, and one VITO.
func fixturePicture() *kam.OpportunityPicture {
	bi := func(id, contact int64, roles []kam.BuyingRole, inf kam.Influence, rating *int, cl kam.ContactLevel, m kam.ResponseMode, vito bool, cp int64, rl kam.RelationshipLevel) kam.BuyingInfluence {
		return kam.BuyingInfluence{Meta: kam.Meta{ID: id}, OpportunityID: 42, ContactID: contact, Roles: roles,
			Influence: inf, Rating: rating, ContactLevel: cl, Mode: m, VITO: vito, CounterpartID: cp, RelationshipLevel: rl}
	}
	return &kam.OpportunityPicture{
		Opportunity: kam.Opportunity{Meta: kam.Meta{ID: 42}, AccountID: 7, Name: "集团数据中心扩容", Amount: 8_600_000, Currency: "CNY", Level: kam.LevelIn},
		Account:     kam.Account{Meta: kam.Meta{ID: 7}, Name: "华东能源集团"},
		Contacts:    fixtureContacts(),
		Influences: []kam.BuyingInfluence{
			bi(1, 2, []kam.BuyingRole{kam.RoleEconomic}, kam.InfluenceHigh, intp(2), kam.ContactRare, kam.ModeEvenKeel, true, 101, kam.RelCredibleSource),
			bi(2, 3, []kam.BuyingRole{kam.RoleTechnical}, kam.InfluenceHigh, intp(-4), kam.ContactFrequent, kam.ModeOverconfident, false, 102, kam.RelProblemSolver),
			bi(3, 4, []kam.BuyingRole{kam.RoleCoach, kam.RoleUser}, kam.InfluenceMedium, intp(4), kam.ContactFrequent, kam.ModeGrowth, false, 103, kam.RelTrustedAdvisor),
			bi(4, 6, []kam.BuyingRole{kam.RoleUser}, kam.InfluenceLow, nil, kam.ContactNone, kam.ModeUnknown, false, 0, ""),
			bi(5, 7, []kam.BuyingRole{kam.RoleCoach}, kam.InfluenceMedium, intp(3), kam.ContactRare, kam.ModeTrouble, false, 103, kam.RelVendor),
			bi(6, 10, nil, kam.InfluenceUnknown, intp(0), kam.ContactUnknown, kam.ModeGrowth, false, 104, kam.RelCredibleSource),
		},
	}
}

func fixtureMap() MapInput {
	return MapInput{
		Picture: fixturePicture(),
		Users:   map[int64]string{101: "陈总（副总裁）", 102: "黄工", 103: "林晓", 104: "Alice Chen"},
		Href:    contactHref,
	}
}

func fixtureFunnel() FunnelInput {
	return FunnelInput{
		Levels: []FunnelLevel{
			{Level: kam.LevelBestFew, Count: 3, Amount: 9_800_000, WinRate: 0.8},
			{Level: kam.LevelAbove, Count: 12, Amount: 38_600_000, WinRate: 0.1},
			{Level: kam.LevelIn, Count: 7, Amount: 21_450_000, WinRate: 0.35},
			{Level: kam.LevelLost, Count: 4, Amount: 7_000_000},
		},
		Currency: "CNY",
		Quota:    50_000_000,
		Won:      12_300_000,
		WonCount: 5,
		Href:     func(l kam.FunnelLevel) string { return "/funnel?level=" + string(l) },
	}
}

var heatRows = []string{"林晓", "黄工", "Alice Chen"}
var heatCols = []string{"no-coach", "coach-left", "uncontacted", "economic-mode", "no-vito", "stale-contact"}
var heatCells = [][]int{
	{1, 0, 3, 1, 0, 2},
	{0, 1, 5, 0, 1, 0},
	{2, 0, 1, 1, 0}, // short row: the last cell counts as 0
}
