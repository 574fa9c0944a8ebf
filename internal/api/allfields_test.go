package api

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// TestEveryFieldIsReportedAtOnce: a body with an unreadable date, an empty
// name and a negative amount names all three in one answer's errors, and
// a validation error's Chinese detail names the fields as the English one
// does.
func TestEveryFieldIsReportedAtOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t, sqliteDB(t))
	t.Run("an unreadable field and invalid ones together", func(t *testing.T) {
		w := f.do(request{method: "POST", path: Prefix + "/opportunities", as: "r1a",
			body: `{"account_id":{acct},"name":"","amount":-5,"close_date":"2026-13-45","position":"high"}`})
		var p problem
		_ = json.Unmarshal(w.Body.Bytes(), &p)
		var got []string
		for k := range p.Errors {
			got = append(got, k)
		}
		slices.Sort(got)
		if want := []string{"amount", "close_date", "name", "position"}; w.Code != http.StatusBadRequest || !slices.Equal(got, want) {
			t.Errorf("%d naming %v, want 400 naming %v: %s", w.Code, got, want, w.Body)
		}
	})
	t.Run("a patch names every field too", func(t *testing.T) {
		w := f.do(request{method: "PATCH", path: Prefix + "/opportunities/{opp}", as: "r1a",
			body: `{"version":1,"name":"","close_date":"soon"}`})
		var p problem
		_ = json.Unmarshal(w.Body.Bytes(), &p)
		if _, ok := p.Errors["name"]; !ok || p.Errors["close_date"] == "" || len(p.Errors) != 2 {
			t.Errorf("%d %s, want close_date and name named", w.Code, w.Body)
		}
	})
	t.Run("the Chinese detail names the fields", func(t *testing.T) {
		w := f.do(request{method: "POST", path: Prefix + "/contacts", as: "r1a", body: `{"name":"","account_id":0}`,
			header: map[string]string{"Accept-Language": "zh-CN"}})
		var p problem
		_ = json.Unmarshal(w.Body.Bytes(), &p)
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(p.Detail, "name") || !strings.Contains(p.Detail, "account_id") ||
			!strings.Contains(p.Detail, "必填") {
			t.Errorf("%d detail %q, want both fields named in Chinese", w.Code, p.Detail)
		}
	})
}
