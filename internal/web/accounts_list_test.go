package web

import (
	"net/http"
	"strings"
	"testing"

	"kam/internal/kam"
	"kam/internal/service"
)

// TestAccountListFiltersAndScores checks the account list against the
// store's filters (industry, region) and that the ideal-customer score is
// shown as a number, in the list and in the ranking.
func TestAccountListFiltersAndScores(t *testing.T) {
	t.Parallel()
	w := newWorkbench(t)
	a := service.ActorOf(w.rep)
	other, err := w.e.svc.Accounts.Create(w.e.ctx, a, kam.Account{Name: "滨海港务", Industry: "港口 Ports", Region: "天津"})
	if err != nil {
		t.Fatal(err)
	}
	crit, err := w.e.svc.Criteria.Create(w.e.ctx, kam.System, kam.Criterion{Name: "行业匹配", Kind: kam.CriterionDemographic, Weight: 5})
	if err != nil {
		t.Fatal(err)
	}
	// 华信集团 (created first) rated +3: (3+5)·10 = 80; 滨海港务 +5: 100.
	for id, rating := range map[int64]int{w.acct.ID: 3, other.ID: 5} {
		if err := w.e.svc.Rate(w.e.ctx, a, kam.CriterionRating{AccountID: id, CriterionID: crit.ID, Rating: rating}); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name        string
		url         string
		want, avoid []string
	}{
		{"the list shows the score as a number", "/accounts", []string{"华信集团", "滨海港务", "<strong>80</strong>/100"}, []string{"%!"}},
		{"industry filters in the store", "/accounts?industry=%E6%B8%AF%E5%8F%A3", []string{"滨海港务"}, []string{"华信集团"}},
		{"region filters in the store", "/accounts?region=%E4%B8%8A%E6%B5%B7", []string{"华信集团"}, []string{"滨海港务"}},
		{"a region nobody is in finds nothing", "/accounts?region=%E6%8B%89%E8%90%A8", []string{`class="empty"`}, []string{"华信集团", "滨海港务"}},
		{"the ranking shows both scores", "/accounts?sort=ideal", []string{"<strong>80</strong>/100", "<strong>100</strong>/100"}, []string{"%!"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := w.c.get(tc.url)
			mustStatus(t, r, http.StatusOK)
			mustContain(t, r, tc.want...)
			for _, s := range tc.avoid {
				if strings.Contains(r.Body, s) {
					t.Errorf("%s shows %q", tc.url, s)
				}
			}
		})
	}
	t.Run("ranked order is best fit first, not creation order", func(t *testing.T) {
		r := w.c.get("/accounts?sort=ideal")
		best, next := strings.Index(r.Body, `href="/accounts/`+itoa(other.ID)+`"`), strings.Index(r.Body, `href="/accounts/`+itoa(w.acct.ID)+`"`)
		if best < 0 || next < 0 || best > next {
			t.Errorf("滨海港务 (100) at %d, 华信集团 (80) at %d: want the better fit first", best, next)
		}
	})
}
