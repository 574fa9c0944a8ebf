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

// dealsData is the deal list page.
type dealsData struct {
	Rows []service.DealRow
	// The filters as given (for the form).
	Q, Level, Sort, CloseFrom, CloseTo, HealthMin, HealthMax string
	Owner, Team, Account                                     int64
	Flags                                                    bool
	Owners, Teams, Levels                                    []option
	Sorts                                                    []sortOption
	Filtered                                                 bool
	Next, XLSX                                               string
	Today                                                    kam.Date
	// Cols are column names from kam's field table.
	Cols map[string]string
}

// dealQueryOf reads the deal list's filters and sort from the URL.
func dealQueryOf(r *http.Request) service.DealQuery {
	l := listQuery{r.URL.Query()}
	q := service.DealQuery{DealFilter: store.DealFilter{
		OwnerID: l.id("owner"), TeamID: l.id("team"), AccountID: l.id("account"),
		Level: kam.FunnelLevel(l.text("level")), CloseFrom: l.date("close_from"), CloseTo: l.date("close_to"),
		Query: l.text("q"), Sort: l.sort(store.DealSorts), After: l.cursor(), Limit: store.DefaultLimit,
	}, HealthMin: l.intIn("health_min", 0, 100), HealthMax: l.intIn("health_max", 0, 100), HighFlags: l.text("flags") == "1"}
	if !slices.Contains(kam.FunnelLevels, q.Level) {
		q.Level = ""
	}
	return q
}

// dealsPage lists every deal the user may see, filtered and sorted as the
// URL says, a page at a time: account, name, amount, close date, level and
// suggested level, health, open high flags, owner, next action. A page costs
// a fixed number of statements (service.Deals).
func (a *app) dealsPage(w http.ResponseWriter, r *http.Request, c *call) error {
	ctx := r.Context()
	q := dealQueryOf(r)
	p, err := a.svc.Deals(ctx, c.Actor, q)
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
	var teamOpts []option
	for _, t := range teams {
		teamOpts = append(teamOpts, option{Value: itoa64(t.ID), Label: t.Name})
	}
	d := dealsData{Rows: p.Rows, Q: q.Query, Level: string(q.Level), Sort: q.Sort, Owner: q.OwnerID, Team: q.TeamID, Account: q.AccountID,
		Flags: q.HighFlags, Owners: withBlank(userOpts(users)), Teams: withBlank(teamOpts), Levels: withBlank(optionsOf(c.Locale, kam.FunnelLevels)),
		Sorts: sortOptions(c.Locale, "opportunity", store.DealSorts), Today: kam.DateOf(a.now()),
		Cols: fieldLabels(c.Locale, kam.FieldAccount, kam.FieldNextAction)}
	if !q.CloseFrom.IsZero() {
		d.CloseFrom = q.CloseFrom.String()
	}
	if !q.CloseTo.IsZero() {
		d.CloseTo = q.CloseTo.String()
	}
	if q.HealthMin != nil {
		d.HealthMin = itoa64(int64(*q.HealthMin))
	}
	if q.HealthMax != nil {
		d.HealthMax = itoa64(int64(*q.HealthMax))
	}
	d.Filtered = d.Q != "" || d.Level != "" || d.Owner != 0 || d.Team != 0 || d.Account != 0 || d.Flags ||
		d.CloseFrom != "" || d.CloseTo != "" || d.HealthMin != "" || d.HealthMax != ""
	d.Next, d.XLSX = pageLinks(r, "/opportunities", p.Next)
	return a.renderPage(w, r, c, http.StatusOK, "deals", &Page{Section: "deals", Data: d})
}

// dealsXLSX downloads the deal list the URL selects, every page of it in
// its order, as an Excel workbook.
func (a *app) dealsXLSX(w http.ResponseWriter, r *http.Request, c *call) error {
	var buf bytes.Buffer
	if _, err := transfer.ExportDeals(r.Context(), a.svc, c.Actor, dealQueryOf(r), &buf, c.Locale); err != nil {
		return err
	}
	return a.sendWorkbook(w, "deals", &buf)
}
