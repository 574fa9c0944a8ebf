package api

import (
	"bytes"
	"net/http"
	"reflect"

	"kam/internal/kam"
	"kam/internal/store"
	"kam/internal/transfer"
)

// opportunitiesXLSXRoute serves the opportunity list as an Excel workbook.
func (s *server) opportunitiesXLSXRoute() route {
	query := []param{{Name: "updated_since", Type: "string", Format: "date-time", Desc: "opportunities changed at or after this RFC 3339 instant"}}
	// The opportunity list's own filters, without paging or the trash.
	for _, ff := range filterFields(reflect.TypeFor[store.OpportunityFilter]()) {
		if !ff.common {
			query = append(query, ff.param)
		}
	}
	return route{Method: "GET", Path: "/opportunities.xlsx", Tag: "opportunities", Status: 200, Query: query,
		Produces: transfer.XLSXContentType, handle: s.opportunitiesXLSX,
		Summary: kam.T("Download the opportunity list as an Excel workbook (the list's filters, all pages, at most 10,000 deals): "+
			"account, owner, level, amount, currency, close date, health and open high red flags; bilingual headers, values in your language",
			"将商机列表下载为 Excel 工作簿（使用列表的筛选条件，不分页，最多 10,000 个商机）：客户企业、负责人、漏斗位置、金额、币种、预计成交日期、健康度和未处理的高风险小红旗；表头中英双语，内容使用您的语言")}
}

func (s *server) opportunitiesXLSX(w http.ResponseWriter, r *http.Request, c *call) error {
	q := r.URL.Query()
	for _, name := range []string{"after", "limit", "deleted"} {
		if q.Has(name) {
			return &badRequest{Field: name, Msg: kam.T("is not taken by the workbook: it lists every live opportunity the filters select",
				"工作簿不接受该参数：它列出筛选条件选中的全部有效商机")}
		}
	}
	f, err := listFilter[kam.Opportunity](r, "opportunities.xlsx", store.OpportunityFilter{})
	if err != nil {
		return err
	}
	// Built whole before the first byte is sent, so that a failure is a
	// problem document and never half a workbook.
	var buf bytes.Buffer
	if _, err := transfer.ExportOpportunities(r.Context(), s.svc, c.actor, f.(store.OpportunityFilter), nil, &buf, c.locale); err != nil {
		return err
	}
	name := "kam-opportunities-" + s.svc.Now().Format("2006-01-02") + ".xlsx"
	w.Header().Set("Content-Type", transfer.XLSXContentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(buf.Bytes())
	return err
}
