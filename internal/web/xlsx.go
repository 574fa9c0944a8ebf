package web

import (
	"bytes"
	"net/http"
	"slices"

	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/transfer"
)

// xlsxRoutes are the downloads for people who plan in Excel.
func (a *app) xlsxRoutes() []route {
	return []route{
		// The funnel page's and the account page's "Download Excel".
		{Method: "GET", Path: "/opportunities.xlsx", Handle: a.opportunitiesXLSX},
	}
}

// opportunitiesXLSX downloads the opportunities the user sees as an Excel
// workbook (transfer.ExportOpportunities): the deals of the funnel in view
// (?owner= one seller, ?team= a team, neither: the funnel's default, as the
// funnel page takes them, with the same checks: another team's seller or
// team is 404), or of one account (?account=, 404 when out of reach). Every
// deal is read through the service as the user, so nothing outside their
// scope can appear.
func (a *app) opportunitiesXLSX(w http.ResponseWriter, r *http.Request, c *call) error {
	ctx := r.Context()
	owner, team, account := queryID(r, "owner"), queryID(r, "team"), queryID(r, "account")
	var f store.OpportunityFilter
	var keep func(kam.Opportunity) bool
	if account != 0 {
		if _, err := a.svc.Accounts.Get(ctx, c.Actor, account); err != nil {
			return err
		}
		f.AccountID = account
	}
	// The funnel's sellers: one, a team, or (neither, and no account) the
	// funnel page's own default — everyone in scope for an administrator.
	if account == 0 || owner != 0 || team != 0 {
		v, err := a.svc.Funnel(ctx, c.Actor, service.FunnelQuery{OwnerID: owner, TeamID: team})
		if err != nil {
			return err
		}
		if owners := v.OwnerIDs; owners != nil {
			keep = func(o kam.Opportunity) bool { return slices.Contains(owners, o.OwnerID) }
			if len(owners) == 1 {
				f.OwnerID = owners[0]
			}
		}
	}
	var buf bytes.Buffer
	if _, err := transfer.ExportOpportunities(ctx, a.svc, c.Actor, f, keep, &buf, c.Locale); err != nil {
		return err
	}
	name := "kam-opportunities-" + a.svc.Now().Format("2006-01-02") + ".xlsx"
	w.Header().Set("Content-Type", transfer.XLSXContentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	_, err := w.Write(buf.Bytes())
	return err
}
