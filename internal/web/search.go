package web

import (
	"net/http"
	"net/url"

	"kam/internal/service"
)

// searchPerKind is how many hits of each kind the search page lists before
// its "more" link.
const searchPerKind = 5

// searchRoutes are the header search's results page.
func (a *app) searchRoutes() []route {
	return []route{{Method: "GET", Path: "/search", Handle: a.searchPage}}
}

type searchData struct {
	Q string
	R service.SearchResults
	// More links: the lists filtered by the same text.
	MoreAccounts, MoreContacts, MoreDeals, MoreActions string
	Any                                                bool
}

// searchPage answers the header's search box: accounts, people, deals and
// open actions holding the text, grouped by kind, the first five of each
// with a link to the whole filtered list.
func (a *app) searchPage(w http.ResponseWriter, r *http.Request, c *call) error {
	q := listQuery{r.URL.Query()}.text("q")
	res, err := a.svc.SearchAll(r.Context(), c.Actor, q, searchPerKind)
	if err != nil {
		return err
	}
	e := url.QueryEscape(q)
	d := searchData{Q: q, R: res, MoreAccounts: "/accounts?q=" + e, MoreContacts: "/contacts?q=" + e, MoreDeals: "/opportunities?q=" + e, MoreActions: "/actions?q=" + e,
		Any: len(res.Accounts)+len(res.Contacts)+len(res.Opportunities)+len(res.Actions) > 0}
	p := &Page{Section: "search", Data: d}
	return a.renderPage(w, r, c, http.StatusOK, "search", p)
}
