package loop

import (
	"fmt"
	"strings"

	"kam/internal/kam"
)

// ResultArea is one kind of result a VITO buys.
type ResultArea string

// The results a VITO buys: revenue, cost, efficiency, compliance.
const (
	AreaRevenue    ResultArea = "revenue"
	AreaCost       ResultArea = "cost"
	AreaEfficiency ResultArea = "efficiency"
	AreaCompliance ResultArea = "compliance"
)

// ResultAreas lists the areas in the order they are shown.
var ResultAreas = []ResultArea{AreaRevenue, AreaCost, AreaEfficiency, AreaCompliance}

// AreaLabel names an area in both languages.
func AreaLabel(a ResultArea) kam.Text {
	switch a {
	case AreaRevenue:
		return kam.T("Revenue", "收入增长")
	case AreaCost:
		return kam.T("Cost", "成本降低")
	case AreaEfficiency:
		return kam.T("Efficiency", "效率提升")
	case AreaCompliance:
		return kam.T("Compliance", "合规与风险")
	}
	return kam.T(string(a), string(a))
}

// areaWords are the words by which a business result is read as one area.
var areaWords = map[ResultArea][]string{
	AreaRevenue:    {"revenue", "sales", "growth", "market", "customer", "收入", "营收", "销售", "增长", "市场", "客户"},
	AreaCost:       {"cost", "saving", "spend", "budget", "cheaper", "成本", "费用", "节省", "节约", "预算", "降本"},
	AreaEfficiency: {"efficien", "faster", "time", "productiv", "automat", "cycle", "效率", "周期", "时间", "自动", "提速", "交付"},
	AreaCompliance: {"complian", "audit", "risk", "regulat", "secur", "合规", "审计", "风险", "监管", "安全"},
}

// VITOResult is one result the VITO buys, with the buyers' results behind it.
type VITOResult struct {
	Area ResultArea `json:"area"`
	// From are the business results of the buyers that name this area.
	From []string `json:"from"`
}

// VITOResults reads, from the buyers' business results, which results the
// VITO buys: each result counts for every area it speaks of. Areas no
// buyer's result names are left out.
func VITOResults(p *kam.OpportunityPicture) []VITOResult {
	var out []VITOResult
	for _, area := range ResultAreas {
		r := VITOResult{Area: area}
		for _, b := range p.Influences {
			text := strings.ToLower(b.BusinessResult)
			if text == "" {
				continue
			}
			for _, w := range areaWords[area] {
				if strings.Contains(text, w) {
					r.From = append(r.From, b.BusinessResult)
					break
				}
			}
		}
		if len(r.From) > 0 {
			out = append(out, r)
		}
	}
	return out
}

// Briefing drafts the briefing of our executive before meeting the VITO, in
// both languages, from the sheet: the deal, the VITO and how we reach them,
// the results they buy, the buyers' standing, and the commitment to ask for.
func Briefing(p *kam.OpportunityPicture, v *kam.VITOPlan) kam.Text {
	names := map[int64]kam.Contact{}
	for _, c := range p.Contacts {
		names[c.ID] = c
	}
	var en, zh strings.Builder
	o := p.Opportunity
	exec := v.ExecutiveName
	if exec == "" {
		exec = "—"
	}
	fmt.Fprintf(&en, "Briefing for %s", exec)
	fmt.Fprintf(&zh, "致%s的拜访简报", exec)
	if v.ExecutiveTitle != "" {
		fmt.Fprintf(&en, " (%s)", v.ExecutiveTitle)
		fmt.Fprintf(&zh, "（%s）", v.ExecutiveTitle)
	}
	fmt.Fprintf(&en, "\n\nDeal: %s at %s", o.Name, p.Account.Name)
	fmt.Fprintf(&zh, "\n\n商机：%s（%s）", o.Name, p.Account.Name)
	if o.Product != "" {
		fmt.Fprintf(&en, " — %s", o.Product)
		fmt.Fprintf(&zh, "，%s", o.Product)
	}
	if !o.CloseDate.IsZero() {
		fmt.Fprintf(&en, ", to close by %s", o.CloseDate)
		fmt.Fprintf(&zh, "，预计 %s 成交", o.CloseDate)
	}
	en.WriteString(".\n")
	zh.WriteString("。\n")

	vito, known := names[v.ContactID]
	switch {
	case v.ContactID == 0 || !known:
		en.WriteString("The top decision maker is not known yet: ask who will finally approve this project.\n")
		zh.WriteString("尚不清楚最高决策者：请了解由谁最终批准此项目。\n")
	default:
		title := ""
		if vito.Title != "" {
			title = ", " + vito.Title
		}
		fmt.Fprintf(&en, "You meet %s%s, the top decision maker for this project.", vito.Name, title)
		fmt.Fprintf(&zh, "您将拜访%s%s，此项目的最高决策者。", vito.Name, strings.Replace(title, ", ", "，", 1))
		if v.ContactedOn.IsZero() {
			en.WriteString(" We have not reached them yet.\n")
			zh.WriteString("我们尚未与其接触。\n")
		} else {
			fmt.Fprintf(&en, " We last reached them on %s.\n", v.ContactedOn)
			fmt.Fprintf(&zh, "我们最近一次接触是在 %s。\n", v.ContactedOn)
		}
	}
	if len(v.ReferralPath) > 0 {
		var path []string
		for _, id := range v.ReferralPath {
			if c, ok := names[id]; ok {
				path = append(path, c.Name)
			}
		}
		if len(path) > 0 {
			fmt.Fprintf(&en, "Referral path down to the buyers: %s.\n", strings.Join(path, " → "))
			fmt.Fprintf(&zh, "由高层向下引荐的路径：%s。\n", strings.Join(path, " → "))
		}
	}
	results := VITOResults(p)
	if len(results) == 0 {
		en.WriteString("No buyer's business result is recorded: talk about the results a top officer buys (revenue, cost, efficiency, compliance), not the product.\n")
		zh.WriteString("尚无购买影响者的业务结果记录：与高层谈他们购买的结果（收入、成本、效率、合规），而不是产品。\n")
	} else {
		en.WriteString("Results to talk about (not the product):\n")
		zh.WriteString("要谈的结果（而不是产品）：\n")
		for _, r := range results {
			l := AreaLabel(r.Area)
			fmt.Fprintf(&en, "- %s: %s\n", l.EN, strings.Join(r.From, "; "))
			fmt.Fprintf(&zh, "- %s：%s\n", l.ZH, strings.Join(r.From, "；"))
		}
	}
	var support, oppose []string
	for _, b := range p.Influences {
		n := names[b.ContactID].Name
		switch b.Support() {
		case kam.SupportSupports:
			support = append(support, n)
		case kam.SupportOpposes:
			oppose = append(oppose, n)
		}
	}
	if len(support) > 0 {
		fmt.Fprintf(&en, "On our side: %s.\n", strings.Join(support, ", "))
		fmt.Fprintf(&zh, "支持我们的：%s。\n", strings.Join(support, "、"))
	}
	if len(oppose) > 0 {
		fmt.Fprintf(&en, "Against us: %s.\n", strings.Join(oppose, ", "))
		fmt.Fprintf(&zh, "反对我们的：%s。\n", strings.Join(oppose, "、"))
	}
	en.WriteString("Ask for: a referral from the top down to the buyers who decide, and a date for the next step.\n")
	zh.WriteString("争取：由高层向下引荐到做决定的购买影响者，并约定下一步的日期。\n")
	return kam.T(en.String(), zh.String())
}
