package web

import (
	"net/http"
	"slices"
	"strings"

	"kam/internal/draw"
	"kam/internal/kam"
	"kam/internal/method"
	"kam/internal/service"
	"kam/internal/store"
)

// funnelRoutes are the funnel (漏斗) and the quotas behind it.
func (a *app) funnelRoutes() []route {
	return []route{
		{Method: "GET", Path: "/funnel", Handle: a.funnelPage},
		{Method: "GET", Path: "/quotas", Handle: a.quotasPage},
		{Method: "POST", Path: "/quotas", Handle: a.createQuota},
		{Method: "POST", Path: "/quotas/{id}", Entity: "quota", Handle: a.updateQuota},
		{Method: "POST", Path: "/quotas/{id}/delete", Entity: "quota", Handle: a.deleteQuota},
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
}

// defaultCurrency is the currency of a funnel with neither a quota nor a
// deal to say otherwise.
const defaultCurrency = "CNY"

// funnelCurrency is the currency of the funnel in view: the currency of its
// quota for the period (the team's, or the one seller's), else of any quota
// of theirs, else the most common among their first deals, else CNY. It
// reads at most two short lists.
func (a *app) funnelCurrency(r *http.Request, c *call, v service.FunnelView) (string, error) {
	ctx := r.Context()
	qf := store.Filter{Limit: store.MaxLimit}
	switch {
	case v.Query.TeamID != 0 && v.Query.OwnerID == 0:
		qf.TeamID = v.Query.TeamID
	case len(v.OwnerIDs) == 1:
		qf.UserID = v.OwnerIDs[0]
	}
	if qf.TeamID != 0 || qf.UserID != 0 {
		qs, _, err := a.svc.Quotas.List(ctx, c.Actor, qf)
		if err != nil {
			return "", err
		}
		cur := ""
		for _, q := range qs {
			if q.Currency == "" {
				continue
			}
			if q.Period == v.Query.Period {
				return q.Currency, nil
			}
			if cur == "" {
				cur = q.Currency
			}
		}
		if cur != "" {
			return cur, nil
		}
	}
	of := store.Filter{} // the first page of deals is sample enough
	if len(v.OwnerIDs) == 1 {
		of.OwnerID = v.OwnerIDs[0]
	}
	opps, _, err := a.svc.Opportunities.List(ctx, c.Actor, of)
	if err != nil {
		return "", err
	}
	count := map[string]int{}
	best := ""
	for _, o := range opps {
		if o.Currency == "" || (len(v.OwnerIDs) > 0 && !slices.Contains(v.OwnerIDs, o.OwnerID)) {
			continue
		}
		count[o.Currency]++
		if count[o.Currency] > count[best] {
			best = o.Currency
		}
	}
	if best != "" {
		return best, nil
	}
	return defaultCurrency, nil
}

func funnelFigure(v service.FunnelView, currency string, l kam.Locale) []byte {
	in := draw.FunnelInput{Currency: currency, Quota: v.Report.Quota, Won: v.Report.Won}
	for _, x := range v.Report.Levels {
		in.Levels = append(in.Levels, draw.FunnelLevel{Level: x.Level, Count: x.Count, Amount: x.Amount, WinRate: x.WinRate})
	}
	return draw.Funnel(in, l)
}

func (a *app) funnelPage(w http.ResponseWriter, r *http.Request, c *call) error {
	ctx := r.Context()
	q := r.URL.Query()
	d := funnelData{Owner: queryID(r, "owner"), Team: queryID(r, "team"), Period: strings.TrimSpace(q.Get("period")),
		Manager: c.User.Role != kam.RoleRep}
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
	users, err := a.usersFor(ctx, c)
	if err != nil {
		return err
	}
	d.Owners = withBlank(userOpts(users))
	teams, err := listAll(ctx, a.svc.Teams, c.Actor, store.Filter{}, maxListed)
	if err != nil {
		return err
	}
	d.Teams = withBlank(nil)
	for _, t := range teams {
		d.Teams = append(d.Teams, option{Value: itoa64(t.ID), Label: t.Name})
	}
	d.View, err = a.svc.Funnel(ctx, c.Actor, service.FunnelQuery{OwnerID: d.Owner, TeamID: d.Team, Period: d.Period})
	if err != nil {
		var f = newForm("/funnel")
		if f.Take(err) {
			d.Error = f.Errors["period"].In(c.Locale)
			d.Period = ""
			if d.View, err = a.svc.Funnel(ctx, c.Actor, service.FunnelQuery{OwnerID: d.Owner, TeamID: d.Team}); err != nil {
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
			v, err := a.svc.Funnel(ctx, c.Actor, service.FunnelQuery{OwnerID: u.ID, Period: d.Period})
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

// --- Quotas ----------------------------------------------------------------

type quotasData struct {
	Quotas []quotaRow
	Form   *Form
	Fields []wbField
	CanSet bool
}

// quotaRow is one quota with its edit form (inputs prefixed "q<id>"); Open
// when the form was refused and comes back with its errors.
type quotaRow struct {
	Q      kam.Quota
	Whom   string
	Form   *Form
	Fields []wbField
	Open   bool
}

func (a *app) quotasPage(w http.ResponseWriter, r *http.Request, c *call) error {
	return a.renderQuotas(w, r, c, nil)
}

// renderQuotas shows the quotas; bad, when set, is a refused create or
// edit form shown again in its place.
func (a *app) renderQuotas(w http.ResponseWriter, r *http.Request, c *call, bad *Form) error {
	ctx := r.Context()
	qs, err := listAll(ctx, a.svc.Quotas, c.Actor, store.Filter{}, maxListed)
	if err != nil {
		return err
	}
	users, err := a.usersFor(ctx, c)
	if err != nil {
		return err
	}
	teams, err := listAll(ctx, a.svc.Teams, c.Actor, store.Filter{}, maxListed)
	if err != nil {
		return err
	}
	names := userNames(users)
	teamNames := map[int64]string{}
	var teamOpts []option
	for _, t := range teams {
		teamNames[t.ID] = t.Name
		teamOpts = append(teamOpts, option{Value: itoa64(t.ID), Label: t.Name})
	}
	specs := []spec{
		{Name: "user_id", Label: "f.quota_for_user", Kind: "select", Opts: withBlank(userOpts(users))},
		{Name: "team_id", Label: "f.quota_for_team", Kind: "select", Opts: withBlank(teamOpts)},
		{Name: "period", Label: "f.period", Kind: "text", Hint: "hint.period"},
		{Name: "amount", Label: "f.amount", Kind: "number"},
		{Name: "currency", Label: "f.currency", Kind: "text"},
	}
	status := http.StatusOK
	if bad != nil {
		status = bad.Status()
	}
	d := quotasData{CanSet: c.User.Role != kam.RoleRep}
	for _, q := range qs {
		whom := names[q.UserID]
		if q.TeamID != 0 {
			whom = teamNames[q.TeamID]
		}
		row := quotaRow{Q: q, Whom: whom}
		if d.CanSet {
			row.Form = quotaForm(q)
			if bad != nil && bad.Action == row.Form.Action {
				row.Form, row.Open = bad, true
			}
			row.Form.Prefix = "q" + itoa64(q.ID)
			row.Fields = row.Form.views(c.Locale, specs)
		}
		d.Quotas = append(d.Quotas, row)
	}
	slices.SortStableFunc(d.Quotas, func(x, y quotaRow) int { return strings.Compare(y.Q.Period, x.Q.Period) })
	f := bad
	if f == nil || f.Action != "/quotas" {
		f = newForm("/quotas")
		f.Set("currency", "CNY")
		f.Set("period", kam.QuarterOf(kam.DateOf(a.now())).Name)
	}
	d.Form = f
	d.Fields = f.views(c.Locale, specs)
	return a.renderPage(w, r, c, status, "quotas", &Page{Section: "funnel", Data: d})
}

// quotaForm is the edit form of quota q.
func quotaForm(q kam.Quota) *Form {
	f := newForm("/quotas/" + itoa64(q.ID))
	f.setID("user_id", q.UserID)
	f.setID("team_id", q.TeamID)
	f.Set("period", q.Period)
	f.setInt("amount", q.Amount)
	f.Set("currency", q.Currency)
	f.Version = q.Version
	return f
}

func readQuota(f *Form, q *kam.Quota) {
	q.UserID, q.TeamID = f.Int64("user_id"), f.Int64("team_id")
	q.Period, q.Amount, q.Currency = f.Text("period"), f.Int64("amount"), f.Text("currency")
}

// updateQuota saves a quota's edit form at the version it was read, or
// shows the quotas again with the form refused in its row.
func (a *app) updateQuota(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := a.svc.Quotas.Get(r.Context(), c.Actor, id); err != nil {
		return err
	}
	f, err := formFrom(r, "/quotas/"+itoa64(id))
	if err != nil {
		return err
	}
	var probe kam.Quota
	readQuota(f, &probe)
	f.Also(a.svc.Quotas.Check(r.Context(), c.Actor, nil, probe))
	if !f.Invalid() {
		_, err = a.svc.Quotas.Update(r.Context(), c.Actor, id, f.Version, func(q *kam.Quota) error {
			readQuota(f, q)
			return nil
		})
		if err == nil {
			a.flash(w, r, "form.saved")
			return seeOther(w, r, "/quotas")
		}
		if !f.Take(err) {
			return err
		}
	}
	return a.renderQuotas(w, r, c, f)
}

func (a *app) createQuota(w http.ResponseWriter, r *http.Request, c *call) error {
	f, err := formFrom(r, "/quotas")
	if err != nil {
		return err
	}
	var q kam.Quota
	readQuota(f, &q)
	f.Also(a.svc.Quotas.Check(r.Context(), c.Actor, nil, q))
	if !f.Invalid() {
		if _, err = a.svc.Quotas.Create(r.Context(), c.Actor, q); err == nil {
			a.flash(w, r, "form.saved")
			return seeOther(w, r, "/quotas")
		}
		if !f.Take(err) {
			return err
		}
	}
	return a.renderQuotas(w, r, c, f)
}

func (a *app) deleteQuota(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := a.svc.Quotas.Get(r.Context(), c.Actor, id); err != nil {
		return err
	}
	if err := a.svc.Quotas.Delete(r.Context(), c.Actor, id, formVersion(r)); err != nil {
		return err
	}
	a.flash(w, r, "wb.removed")
	return seeOther(w, r, "/quotas")
}
