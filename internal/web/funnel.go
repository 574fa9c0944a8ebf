package web

import (
	"net/http"
	"strings"

	"kam/internal/draw"
	"kam/internal/kam"
	"kam/internal/method"
	"kam/internal/service"
)

// funnelRoutes are the funnel (漏斗); the quotas behind it are quotaRoutes.
func (a *app) funnelRoutes() []route {
	return []route{
		{Method: "GET", Path: "/funnel", Handle: a.funnelPage},
	}
}

// memberFunnel is one seller's funnel beside their colleagues'.
type memberFunnel struct {
	User   kam.User
	View   service.FunnelView
	Figure []byte
}

type funnelData struct {
	View    service.FunnelView
	Figure  []byte
	Owner   int64
	Team    int64
	Period  string
	Owners  []option
	Teams   []option
	Members []memberFunnel
	HeatMap []byte
	Manager bool
	Periods []option
	Error   string
	// Currency is the currency the funnel's amounts are in (funnelCurrency).
	Currency string
	// Asked is the currency chosen in the filter ("" for the quota's);
	// Currencies are the choices.
	Asked      string
	Currencies []option
}

// funnelCurrency is the currency of the funnel in view: the service chose
// it (the one asked, else the quota's, else the one most open deals are
// in) and converted every amount into it with the exchange rates.
func (a *app) funnelCurrency(_ *http.Request, _ *call, v service.FunnelView) (string, error) {
	if v.Report.Currency != "" {
		return v.Report.Currency, nil
	}
	return kam.DefaultCurrency, nil
}

func funnelFigure(v service.FunnelView, currency string, l kam.Locale) []byte {
	in := draw.FunnelInput{Currency: currency, Quota: v.Report.Quota, Won: v.Report.Won, WonCount: v.Report.WonCount}
	for _, x := range v.Report.Levels {
		in.Levels = append(in.Levels, draw.FunnelLevel{Level: x.Level, Count: x.Count, Amount: x.Amount, WinRate: x.WinRate})
	}
	return draw.Funnel(in, l)
}

func (a *app) funnelPage(w http.ResponseWriter, r *http.Request, c *call) error {
	ctx := r.Context()
	q := r.URL.Query()
	d := funnelData{Owner: queryID(r, "owner"), Team: queryID(r, "team"), Period: strings.TrimSpace(q.Get("period")),
		Manager: c.User.Role != kam.RoleRep, Asked: kam.NormalizeCurrency(q.Get("currency")), Currencies: withBlank(currencyOptions(c.Locale))}
	if q.Get("currency") == "" || !kam.ValidCurrency(d.Asked) {
		d.Asked = ""
	}
	if !validText(d.Period) {
		d.Period = ""
	}
	if d.Owner == 0 && d.Team == 0 && !q.Has("owner") && !q.Has("team") {
		switch {
		case c.User.Role == kam.RoleManager && c.User.TeamID != 0:
			d.Team = c.User.TeamID
		case c.User.Role == kam.RoleRep:
			d.Owner = c.User.ID
		}
	}
	users, owners, teams, err := a.funnelChoices(ctx, c.Actor)
	if err != nil {
		return err
	}
	d.Owners, d.Teams = owners, teams
	d.View, err = a.svc.Funnel(ctx, c.Actor, service.FunnelQuery{OwnerID: d.Owner, TeamID: d.Team, Period: d.Period, Currency: d.Asked})
	if err != nil {
		var f = newForm("/funnel")
		if f.Take(err) {
			d.Error = f.Errors["period"].In(c.Locale)
			d.Period = ""
			if d.View, err = a.svc.Funnel(ctx, c.Actor, service.FunnelQuery{OwnerID: d.Owner, TeamID: d.Team, Currency: d.Asked}); err != nil {
				return err
			}
		} else {
			return err
		}
	}
	if d.Period == "" {
		d.Period = d.View.Query.Period
	}
	if d.Currency, err = a.funnelCurrency(r, c, d.View); err != nil {
		return err
	}
	d.Figure = funnelFigure(d.View, d.Currency, c.Locale)
	// A team's funnel shows each seller's beside the others, and a heat map
	// of their open red flags by rule.
	if d.Team != 0 && d.Owner == 0 && d.Manager {
		var rows []string
		var cells [][]int
		counts := map[string]int{}
		perMember := []map[string]int{}
		for _, u := range users {
			if u.TeamID != d.Team || u.Disabled {
				continue
			}
			v, err := a.svc.Funnel(ctx, c.Actor, service.FunnelQuery{OwnerID: u.ID, Period: d.Period, Currency: d.Currency})
			if err != nil {
				return err
			}
			d.Members = append(d.Members, memberFunnel{User: u, View: v, Figure: funnelFigure(v, d.Currency, c.Locale)})
			items, err := a.svc.WorkOrder(ctx, c.Actor, u.ID)
			if err != nil {
				return err
			}
			m := map[string]int{}
			for _, it := range items {
				for _, f := range it.Findings {
					if f.Open() {
						m[f.Rule]++
						counts[f.Rule]++
					}
				}
			}
			rows = append(rows, u.Name)
			perMember = append(perMember, m)
		}
		var cols, colNames []string
		for _, ri := range method.Catalogue() {
			if counts[ri.ID] > 0 {
				cols = append(cols, ri.ID)
				colNames = append(colNames, ri.Title.In(c.Locale))
			}
		}
		for _, m := range perMember {
			row := make([]int, len(cols))
			for i, id := range cols {
				row[i] = m[id]
			}
			cells = append(cells, row)
		}
		d.HeatMap = draw.HeatMap(rows, colNames, cells, c.Locale)
	}
	return a.renderPage(w, r, c, http.StatusOK, "funnel", &Page{Section: "funnel", Data: d})
}
