package web

import (
	"bytes"
	"net/http"
	"strings"

	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/transfer"
)

// myActionsData is the My actions page.
type myActionsData struct {
	Rows []service.ActionRow
	// Team: the team's actions (managers); CanTeam offers the switch.
	Team, CanTeam bool
	Opp, Target   int64
	Due, Q        string
	Filtered      bool
	Next, XLSX    string
	// Back is this page's URL, where done and drop return to.
	Back    string
	Windows []int
}

// dueWindows are the due-window choices, in days from today.
var dueWindows = []int{0, 7, 30}

// actionQueryOf reads My actions' filters from the URL: ?team=1 for the
// team's (managers and administrators), ?opp= a deal, ?target= a buyer,
// ?due=N actions due within N days (overdue included).
func (a *app) actionQueryOf(r *http.Request, c *call) service.ActionQuery {
	l := listQuery{r.URL.Query()}
	q := service.ActionQuery{ActionListFilter: store.ActionListFilter{OpportunityID: l.id("opp"), TargetInfluenceID: l.id("target"),
		Query: l.text("q"), After: l.cursor(), Limit: store.DefaultLimit},
		Team: l.text("team") == "1" && c.User.Role != kam.RoleRep}
	if n := l.intIn("due", 0, 3650); n != nil {
		q.DueTo = kam.DateOf(a.now()).AddDays(*n)
	}
	return q
}

// myActionsPage lists the user's open actions (a manager: the team's, on
// asking), overdue first then by due date, each with its deal and target
// buyer and a one-click done and drop that return here.
func (a *app) myActionsPage(w http.ResponseWriter, r *http.Request, c *call) error {
	q := a.actionQueryOf(r, c)
	p, err := a.svc.ActionList(r.Context(), c.Actor, q)
	if err != nil {
		return err
	}
	l := listQuery{r.URL.Query()}
	d := myActionsData{Rows: p.Rows, Team: q.Team, CanTeam: c.User.Role != kam.RoleRep, Opp: q.OpportunityID, Target: q.TargetInfluenceID,
		Due: l.text("due"), Q: q.Query, Back: r.URL.RequestURI(), Windows: dueWindows}
	if l.intIn("due", 0, 3650) == nil {
		d.Due = ""
	}
	d.Filtered = d.Opp != 0 || d.Target != 0 || d.Due != "" || d.Q != ""
	d.Next, d.XLSX = pageLinks(r, "/actions", p.Next)
	return a.renderPage(w, r, c, http.StatusOK, "my_actions", &Page{Section: "actions", Data: d})
}

// myActionsXLSX downloads the action list the URL selects as a workbook.
func (a *app) myActionsXLSX(w http.ResponseWriter, r *http.Request, c *call) error {
	var buf bytes.Buffer
	if _, err := transfer.ExportActions(r.Context(), a.svc, c.Actor, a.actionQueryOf(r, c), &buf, c.Locale); err != nil {
		return err
	}
	return a.sendWorkbook(w, "actions", &buf)
}

// setActionStatus marks an action done or dropped (or open again) at the
// version the list showed, and returns to the list it was clicked on
// (back, a local /actions URL; anything else returns to /actions).
func (a *app) setActionStatus(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	st := kam.ActionStatus(r.PostForm.Get("status"))
	if _, err := a.svc.SetActionStatus(r.Context(), c.Actor, id, formVersion(r), st); err != nil {
		return err
	}
	back := r.PostForm.Get("back")
	if !(back == "/actions" || strings.HasPrefix(back, "/actions?")) || !validText(back) || strings.ContainsAny(back, "\r\n\\") {
		back = "/actions"
	}
	a.flash(w, r, "actions.marked_"+string(st))
	return seeOther(w, r, back)
}
