package web

import (
	"net/http"
	"slices"
	"strings"

	"kam/internal/kam"
	"kam/internal/store"
)

// quotaRoutes are the quotas behind the funnel.
func (a *app) quotaRoutes() []route {
	quotas := a.quotaRecords()
	return []route{
		{Method: "GET", Path: "/quotas", Handle: a.quotasPage},
		{Method: "POST", Path: "/quotas", Handle: quotas.create},
		{Method: "POST", Path: "/quotas/{id}", Entity: "quota", Handle: quotas.update},
		{Method: "POST", Path: "/quotas/{id}/delete", Entity: "quota", Handle: quotas.delete},
	}
}

type quotasData struct {
	Quotas []quotaRow
	Form   *Form
	Fields []specField
	CanSet bool
}

// quotaRow is one quota with its edit form (inputs prefixed "q<id>"); Open
// when the form was refused and comes back with its errors.
type quotaRow struct {
	Q      kam.Quota
	Whom   string
	Form   *Form
	Fields []specField
	Open   bool
}

func (a *app) quotasPage(w http.ResponseWriter, r *http.Request, c *call) error {
	return a.renderQuotas(w, r, c, nil)
}

// renderQuotas shows the quotas; bad, when set, is a refused create or
// edit form shown again in its place.
func (a *app) renderQuotas(w http.ResponseWriter, r *http.Request, c *call, bad *Form) error {
	ctx := r.Context()
	qs, err := listAll(ctx, a.svc.Quotas, c.Actor, store.QuotaFilter{}, maxListed)
	if err != nil {
		return err
	}
	users, err := a.usersFor(ctx, c)
	if err != nil {
		return err
	}
	teams, err := listAll(ctx, a.svc.Teams, c.Actor, store.TeamFilter{}, maxListed)
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
		{Name: "currency", Label: "f.currency", Kind: "select", Opts: currencyOptions(c.Locale)},
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
		f.Set("period", kam.QuarterOf(kam.DateOf(a.now().In(c.User.Location()))).Name)
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

// quotaRecords create quotas, save a quota's form (edited in its row of
// the quotas page) and delete a quota; a refused form is shown where it
// was.
func (a *app) quotaRecords() *record[kam.Quota] {
	return listedRecord(a, a.svc.Quotas, "/quotas", readQuota, a.renderQuotas)
}
