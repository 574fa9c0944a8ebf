package web

import (
	"regexp"
	"testing"

	"kam/internal/kam"
	"kam/internal/service"
)

// The Markdown copy of the strategy sheet is pasted into other tools; what
// users typed must stay text there, never a link, an image or HTML.
func TestStrategyMarkdownKeepsUserTextInert(t *testing.T) {
	t.Parallel()
	hostile := []string{
		"[点我](javascript:alert(1))",
		"![](https://evil.example/track.png)",
		"<img src=x onerror=alert(1)>",
		"<script>alert(1)</script>",
		"**粗体** _斜体_ `code`",
	}
	// Markup that is live: not escaped by a backslash before it.
	live := []*regexp.Regexp{
		regexp.MustCompile(`(^|[^\\])\]\(`),
		regexp.MustCompile(`(^|[^\\])!\[`),
		regexp.MustCompile(`(^|[^\\])<(img|script)`),
		regexp.MustCompile(`(^|[^\\])\*\*粗体`),
		regexp.MustCompile("(^|[^\\\\])`code"),
	}
	for _, text := range hostile {
		t.Run("inert: "+text, func(t *testing.T) {
			t.Parallel()
			d := &strategyData{
				Opp:     kam.Opportunity{Name: text, Product: text},
				Owner:   text,
				V:       service.StrategyView{OpportunityPicture: &kam.OpportunityPicture{Account: kam.Account{Name: text}}},
				Buyers:  []buyerRow{{Contact: kam.Contact{Name: text}, B: kam.BuyingInfluence{BusinessResult: text, PersonalWin: text}, Counterpart: text}},
				SWOT:    map[kam.SWOTKind][]kam.SWOTItem{kam.SWOTStrength: {{Kind: kam.SWOTStrength, Text: text}}},
				Actions: []kam.Action{{Title: text}},
			}
			for _, l := range []kam.Locale{kam.LocaleZH, kam.LocaleEN} {
				md := strategyMarkdown(d, l)
				for _, bad := range live {
					if bad.MatchString(md) {
						t.Fatalf("%s: the copy holds live Markdown %v:\n%s", l, bad, md)
					}
				}
			}
		})
	}
	t.Run("plain text reads as typed", func(t *testing.T) {
		t.Parallel()
		if got := mdText("华远集团 2026 年数据中心扩容"); got != "华远集团 2026 年数据中心扩容" {
			t.Fatalf("got %q", got)
		}
	})
}
