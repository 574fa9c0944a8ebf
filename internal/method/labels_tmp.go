package method

import "kam/internal/kam"

func modeEN(m kam.ResponseMode) string {
	switch m {
	case kam.ModeGrowth:
		return "Growth"
	case kam.ModeTrouble:
		return "Trouble"
	case kam.ModeEvenKeel:
		return "Even Keel"
	case kam.ModeOverconfident:
		return "Overconfident"
	}
	return "unknown"
}

func modeZH(m kam.ResponseMode) string {
	switch m {
	case kam.ModeGrowth:
		return "高瞻远瞩"
	case kam.ModeTrouble:
		return "不知所措"
	case kam.ModeEvenKeel:
		return "四平八稳"
	case kam.ModeOverconfident:
		return "自我陶醉"
	}
	return "未知"
}

func influenceZH(i kam.Influence) string {
	switch i {
	case kam.InfluenceHigh:
		return "高"
	case kam.InfluenceMedium:
		return "中"
	case kam.InfluenceLow:
		return "低"
	}
	return "未知"
}

func seniorityZH(s kam.Seniority) string {
	switch s {
	case kam.SeniorityExecutive:
		return "高管"
	case kam.SenioritySenior:
		return "高级经理"
	case kam.SeniorityMiddle:
		return "中层"
	case kam.SeniorityJunior:
		return "基层"
	}
	return "未知"
}
