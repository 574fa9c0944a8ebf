package demo

import (
	"maps"
	"slices"

	"kam/internal/kam"
	"kam/internal/service"
)

// idealCustomer writes the ideal-customer profile (理想型客户) and rates
// every account on it. The ratings are chosen so the scores spread out:
// 华远集团 is close to ideal, 申达建材 falls below 40 of 100.
func (l *loader) idealCustomer() {
	l.atDay(-setupDays+2, 2, 0)
	specs := []struct {
		name   string
		kind   kam.CriterionKind
		weight int
	}{
		{"行业与规模匹配：员工 1000 人以上的集团型企业 (Industry and size fit)", kam.CriterionDemographic, 8},
		{"信息化预算已落实 (IT budget in place)", kam.CriterionDemographic, 9},
		{"地域在我方实施与服务覆盖范围内 (Region within our service coverage)", kam.CriterionDemographic, 5},
		{"决策流程清晰，采购周期不超过 6 个月 (Clear decision process, cycle ≤ 6 months)", kam.CriterionDemographic, 6},
		{"重视长期合作、追求双赢 (Values a long-term, win-win partnership)", kam.CriterionPsychographic, 7},
		{"愿意变革，数字化意愿强 (Open to change, eager to digitalise)", kam.CriterionPsychographic, 8},
	}
	for _, s := range specs {
		l.criteria = append(l.criteria, create(l, l.svc.Criteria, l.admin, kam.Criterion{Name: s.name, Kind: s.kind, Weight: s.weight}, s.name))
	}

	// One rating per criterion, in the order above (-5…+5).
	ratings := map[string][6]int{
		"huayuan":      {5, 4, 5, 3, 4, 4},
		"hy_realty":    {3, 2, 5, 1, 2, 0},
		"hy_logistics": {3, 3, 4, 2, 3, 3},
		"hy_fintech":   {2, 4, 4, 3, 2, 5},
		"hy_cloud":     {-1, 1, 4, 2, 2, 4},
		"ruikang":      {4, 3, 3, -1, 3, 2},
		"shenda":       {-3, -4, 1, -2, -3, -1},
		"jingbei":      {4, 5, 1, -2, 1, -1},
		"binhai":       {3, 2, 1, 2, 3, 1},
		"beifang":      {4, 2, 0, 1, 2, -2},
	}
	for _, key := range slices.Sorted(maps.Keys(ratings)) {
		a := l.accts[key]
		for i, r := range ratings[key] {
			if l.err != nil {
				return
			}
			err := l.svc.Rate(l.ctx, service.ActorOf(a.owner), kam.CriterionRating{
				AccountID: a.ID, CriterionID: l.criteria[i].ID, Rating: r,
			})
			l.fail(err, "rate %s", key)
		}
	}
}
