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

// departedWindow is how far back the "left or moved lately" filter looks.
const departedWindow = 90

// peopleData is the people list page.
type peopleData struct {
	Rows               []service.ContactRow
	Q, Status, Sort    string
	Account            int64
	Departed, Filtered bool
	Statuses           []option
	Sorts              []sortOption
	Next, XLSX         string
	DepartedWindowDays int
	// Cols are column names from kam's field table.
	Cols map[string]string
}

var contactStatuses = []kam.ContactStatus{kam.ContactActive, kam.ContactLeft, kam.ContactMoved}

// peopleQueryOf reads the people list's filters and sort from the URL.
func (a *app) peopleQueryOf(r *http.Request) store.ContactListFilter {
	l := listQuery{r.URL.Query()}
	f := store.ContactListFilter{AccountID: l.id("account"), Status: kam.ContactStatus(l.text("status")), Query: l.text("q"),
		Sort: l.sort(store.ContactSorts), After: l.cursor(), Limit: store.DefaultLimit}
	if !slices.Contains(contactStatuses, f.Status) {
		f.Status = ""
	}
	if l.text("departed") == "1" {
		f.DepartedSince = kam.DateOf(a.now()).AddDays(-departedWindow)
	}
	return f
}

// peoplePage lists the contacts the user may see across accounts: title,
// account, seniority, status, the deals they are buyers on with their
// roles, their last interaction; "left or moved in the last 90 days" finds
// the people whose departure may have hurt a deal.
func (a *app) peoplePage(w http.ResponseWriter, r *http.Request, c *call) error {
	f := a.peopleQueryOf(r)
	p, err := a.svc.ContactList(r.Context(), c.Actor, f)
	if err != nil {
		return err
	}
	d := peopleData{Rows: p.Rows, Q: f.Query, Status: string(f.Status), Sort: f.Sort, Account: f.AccountID, Departed: !f.DepartedSince.IsZero(),
		Statuses: withBlank(optionsOf(c.Locale, contactStatuses)), Sorts: sortOptions(c.Locale, "contact", store.ContactSorts), Cols: fieldLabels(c.Locale, kam.FieldAccount, kam.FieldBuyerOn, kam.FieldLastInteraction), DepartedWindowDays: departedWindow}
	d.Filtered = d.Q != "" || d.Status != "" || d.Account != 0 || d.Departed
	d.Next, d.XLSX = pageLinks(r, "/contacts", p.Next)
	return a.renderPage(w, r, c, http.StatusOK, "people", &Page{Section: "people", Data: d})
}

// peopleXLSX downloads the people list the URL selects as a workbook.
func (a *app) peopleXLSX(w http.ResponseWriter, r *http.Request, c *call) error {
	var buf bytes.Buffer
	if _, err := transfer.ExportPeople(r.Context(), a.svc, c.Actor, a.peopleQueryOf(r), &buf, c.Locale); err != nil {
		return err
	}
	return a.sendWorkbook(w, "people", &buf)
}
