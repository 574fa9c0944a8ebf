package web

import (
	"bytes"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"kam/internal/kam"
	"kam/internal/transfer"
)

// listRoutes are the lists a team lives in: the deals, the people, my
// actions, each with its "Download Excel" of exactly the list shown, and the
// one-click done / drop of an action.
func (a *app) listRoutes() []route {
	return append(a.searchRoutes(),
		route{Method: "GET", Path: "/opportunities", Handle: a.dealsPage},
		route{Method: "GET", Path: "/opportunities/list.xlsx", Handle: a.dealsXLSX},
		route{Method: "GET", Path: "/contacts", Handle: a.peoplePage},
		route{Method: "GET", Path: "/contacts/list.xlsx", Handle: a.peopleXLSX},
		route{Method: "GET", Path: "/actions", Handle: a.myActionsPage},
		route{Method: "GET", Path: "/actions/list.xlsx", Handle: a.myActionsXLSX},
		route{Method: "POST", Path: "/actions/{id}/status", Entity: "action", Handle: a.setActionStatus},
	)
}

// listQuery reads a list's filters from the URL. A value that does not
// parse is dropped (the list shows as if it were not given, and the form
// shows it empty), as on the account list: a bookmark with a stale value
// still opens.
type listQuery struct{ q url.Values }

func (l listQuery) text(name string) string {
	s := strings.TrimSpace(l.q.Get(name))
	if !validText(s) {
		return ""
	}
	return clip(s)
}

func (l listQuery) id(name string) int64 {
	n, err := strconv.ParseInt(l.q.Get(name), 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

func (l listQuery) date(name string) kam.Date {
	d, err := kam.ParseDate(strings.TrimSpace(l.q.Get(name)))
	if err != nil {
		return kam.Date{}
	}
	return d
}

// intIn reads a whole number in [lo, hi]; nil when absent or out of range.
func (l listQuery) intIn(name string, lo, hi int) *int {
	n, err := strconv.Atoi(strings.TrimSpace(l.q.Get(name)))
	if err != nil || n < lo || n > hi {
		return nil
	}
	return &n
}

// sort reads a sort among allowed (and their "-" forms); "" when absent or
// unknown.
func (l listQuery) sort(allowed []string) string {
	s := l.q.Get("sort")
	if slices.Contains(allowed, strings.TrimPrefix(s, "-")) {
		return s
	}
	return ""
}

// cursor reads the page cursor, bounded; a bad one is refused by the store.
func (l listQuery) cursor() string {
	s := l.q.Get("cursor")
	if len(s) > 1000 || !validText(s) {
		return ""
	}
	return s
}

// pageLinks are the URLs of a list's next page and of its workbook: the same
// query, with the cursor replaced (next) or left out (the workbook lists
// from the first row).
func pageLinks(r *http.Request, base, next string) (nextURL, xlsxURL string) {
	q := r.URL.Query()
	q.Del("cursor")
	xlsxURL = base + "/list.xlsx"
	if enc := q.Encode(); enc != "" {
		xlsxURL += "?" + enc
	}
	if next != "" {
		q.Set("cursor", next)
		nextURL = base + "?" + q.Encode()
	}
	return nextURL, xlsxURL
}

// sortOption is one entry of a list's sort select.
type sortOption struct {
	Value, Label string
}

// sortOptions lists each sort of a list of entity ascending and
// descending, named by kam's field table (the record's own field first),
// else by the message "sort.<name>".
func sortOptions(l kam.Locale, entity string, sorts []string) []sortOption {
	var out []sortOption
	for _, s := range sorts {
		name := msg(l, "sort."+s)
		if t, ok := kam.FieldOf(entity, s); ok {
			name = t.In(l)
		}
		out = append(out, sortOption{s, name + " ↑"}, sortOption{"-" + s, name + " ↓"})
	}
	return out
}

// fieldLabels names the lists' columns from kam's field table, keyed by
// the fields' names, for the templates: {{index $d.Cols "close_date"}}.
func fieldLabels(l kam.Locale, fs ...kam.Field) map[string]string {
	m := make(map[string]string, len(fs))
	for _, f := range fs {
		m[string(f)] = f.Label().In(l)
	}
	return m
}

// sendWorkbook sends a built workbook as a download named name-DATE.xlsx.
func (a *app) sendWorkbook(w http.ResponseWriter, name string, buf *bytes.Buffer) error {
	w.Header().Set("Content-Type", transfer.XLSXContentType)
	w.Header().Set("Content-Disposition", `attachment; filename="kam-`+name+"-"+a.svc.Now().Format("2006-01-02")+`.xlsx"`)
	w.Header().Set("Cache-Control", "no-store")
	_, err := w.Write(buf.Bytes())
	return err
}
