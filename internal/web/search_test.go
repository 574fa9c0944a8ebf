package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kam/internal/kam"
	"kam/internal/service"
)

// TestSearchPage: the header search finds accounts, people, deals and open
// actions by a Chinese substring, grouped by kind, five of a kind with a
// "more" link to the filtered list, in both languages, within the user's
// scope; every signed-in page carries the search box.
func TestSearchPage(t *testing.T) {
	t.Parallel()
	w := newListWorld(t)
	a := service.ActorOf(w.rep)
	for i := range 7 {
		if _, err := w.e.svc.Opportunities.Create(w.e.ctx, a, kam.Opportunity{AccountID: w.acct.ID, Name: "华信扩容 " + itoa64(int64(i)), Level: kam.LevelIn}); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range []kam.Locale{kam.LocaleEN, kam.LocaleZH} {
		inLocale(t, w.c, l)
		r := w.c.get("/search?q=" + url.QueryEscape("张总"))
		mustStatus(t, r, http.StatusOK)
		people := map[kam.Locale]string{kam.LocaleEN: "People", kam.LocaleZH: "联系人"}[l]
		acts := map[kam.Locale]string{kam.LocaleEN: "Open actions", kam.LocaleZH: "进行中的行动"}[l]
		for _, want := range []string{people, `href="/contacts/` + itoa64(w.ceo.ID) + `"`, acts, "约张总汇报方案"} {
			if !strings.Contains(r.Body, want) {
				t.Errorf("%s: search for 张总 lacks %q", l, want)
			}
		}
		r = w.c.get("/search?q=" + url.QueryEscape("华信"))
		more := map[kam.Locale]string{kam.LocaleEN: "More", kam.LocaleZH: "更多"}[l]
		if n := strings.Count(r.Body, `<li><a href="/opportunities/`); n != 5 {
			t.Errorf("%s: %d deals listed, want the first 5", l, n)
		}
		if !strings.Contains(r.Body, `href="/opportunities?q=%E5%8D%8E%E4%BF%A1">`+more) || !strings.Contains(r.Body, "华信集团") {
			t.Errorf("%s: no more link to the filtered deal list, or the account is missing", l)
		}
		if strings.Contains(r.Body, `href="/accounts?q=`) {
			t.Errorf("%s: a more link for one account", l)
		}
		if r := w.c.get("/search?q=nothing-like-this"); !strings.Contains(r.Body, "nothing-like-this") || strings.Contains(r.Body, "<h2 id=\"h-s-") {
			t.Errorf("%s: an empty result lists something or does not say what was searched", l)
		}
	}
	if r := w.otherC.get("/search?q=" + url.QueryEscape("华信")); strings.Contains(r.Body, "华信集团") || strings.Contains(r.Body, "华信扩容") {
		t.Error("another team's seller finds the seller's records")
	}
	if r := w.c.get("/search?q=" + url.QueryEscape(`<script>alert(1)</script>`)); strings.Contains(r.Body, "<script>alert(1)") {
		t.Error("the search term is not escaped")
	}
	for _, p := range []string{"/", "/opportunities", "/accounts", "/opportunities/" + itoa64(w.opp.ID)} {
		if r := w.c.get(p); !strings.Contains(r.Body, `id="hdr-q"`) || !strings.Contains(r.Body, `id="keys-help"`) {
			t.Errorf("%s has no header search or shortcut list", p)
		}
	}
}
