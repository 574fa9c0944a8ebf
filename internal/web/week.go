package web

import (
	"net/http"

	"kam/internal/kam"
	"kam/internal/method"
	"kam/internal/service"
	"kam/internal/store"
)

// weekRoutes is the home page, "My week".
func (a *app) weekRoutes() []route { return nil }

// weekFlag is a red flag on one of the seller's deals; a flag raised on a
// buyer says who through its detail.
type weekFlag struct {
	Opp     kam.Opportunity
	Finding method.Finding
}

type weekAction struct {
	A       kam.Action
	Opp     string
	Overdue bool
}

type weekData struct {
	Items []service.WorkItem
	// Truncated: the seller has more open deals than the Limit listed.
	Truncated bool
	Limit     int
	High      []weekFlag
	Stale     []weekFlag
	Actions   []weekAction
	Funnel    service.FunnelView
	Today     kam.Date
	TeamID    int64
	Manager   bool
	Quota     bool
	// Currency is the currency of the quarter's figures, as on the funnel
	// (funnelCurrency).
	Currency string
}

// weekAhead is how far ahead "actions due" looks.
const weekAhead = 7

// myWeek is the seller's home page: the work order (best few → above → in
// the funnel), the high red flags and stale contacts across their deals,
// their actions due and overdue, and quota and coverage for the quarter.
func (a *app) myWeek(w http.ResponseWriter, r *http.Request, c *call) error {
	ctx := r.Context()
	order, err := a.svc.WorkOrderOf(ctx, c.Actor, 0)
	if err != nil {
		return err
	}
	items := order.Items
	d := weekData{Items: items, Truncated: order.Truncated, Limit: order.Limit, Today: kam.DateOf(a.now().In(c.User.Location())), TeamID: c.User.TeamID, Manager: c.User.Role != kam.RoleRep}
	names := map[int64]string{}
	for _, it := range items {
		names[it.Opportunity.ID] = it.Opportunity.Name
		for _, f := range it.Findings {
			if !f.Open() {
				continue
			}
			wf := weekFlag{Opp: it.Opportunity, Finding: f}
			switch {
			case f.Rule == method.RuleStaleContact:
				d.Stale = append(d.Stale, wf)
			case f.Severity == kam.SeverityHigh:
				d.High = append(d.High, wf)
			}
		}
	}
	acts, err := listAll(ctx, a.svc.Actions, c.Actor, store.ActionFilter{OwnerID: c.User.ID}, maxListed)
	if err != nil {
		return err
	}
	if d.Actions, err = a.weekActions(ctx, c.Actor, acts, names, d.Today); err != nil {
		return err
	}
	if d.Funnel, err = a.svc.Funnel(ctx, c.Actor, service.FunnelQuery{OwnerID: c.User.ID}); err != nil {
		return err
	}
	if d.Currency, err = a.funnelCurrency(r, c, d.Funnel); err != nil {
		return err
	}
	return a.renderPage(w, r, c, http.StatusOK, "week", &Page{Section: "week", Data: d})
}
