package draw

import (
	"strings"
	"testing"
	"time"

	"kam/internal/kam"
)

func TestFitTruncatesByDisplayWidth(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, in string
		px, size float64
		want     string
	}{
		{"short latin is kept", "Li Ming", 100, 10, "Li Ming"},
		{"long latin gets an ellipsis", "abcdefghijklmnop", 56, 10, "abcdefgh…"},
		{"CJK counts double", "首席信息官兼数字化转型办公室主任", 56, 10, "首席信息…"},
		{"mixed text counts each rune", "CFO 财务总监", 56, 10, "CFO 财务…"},
		{"exact fit is kept", "一二三四五", 56, 10, "一二三四五"},
		{"newlines collapse", "a\n\tb", 100, 10, "a b"},
		{"invalid UTF-8 is replaced", "a\xffb", 100, 10, "a\uFFFDb"},
		{"no room leaves the ellipsis", "abc", 5, 10, "…"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if got := fit(c.in, c.px, c.size); got != c.want {
				t.Errorf("fit(%q, %v, %v) = %q, want %q", c.in, c.px, c.size, got, c.want)
			}
		})
	}
}

func TestFormatAmountPerLocale(t *testing.T) {
	t.Parallel()
	cases := []struct {
		n        int64
		currency string
		l        kam.Locale
		want     string
	}{
		{0, "CNY", kam.LocaleEN, "CNY 0"},
		{999, "USD", kam.LocaleEN, "USD 999"},
		{1234567, "CNY", kam.LocaleEN, "CNY 1,234,567"},
		{-1234567, "", kam.LocaleEN, "−1,234,567"},
		{9999, "CNY", kam.LocaleZH, "9999元"},
		{10000, "CNY", kam.LocaleZH, "1万元"},
		{15000, "RMB", kam.LocaleZH, "1.5万元"},
		{12345678, "CNY", kam.LocaleZH, "1,234.57万元"},
		{38_600_000, "", kam.LocaleZH, "3,860万元"},
		{10_050, "CNY", kam.LocaleZH, "1.01万元"},
		{99_999_999, "CNY", kam.LocaleZH, "1亿元"},
		{250_000_000, "USD", kam.LocaleZH, "2.5亿 USD"},
		{-20000, "CNY", kam.LocaleZH, "−2万元"},
		{-9223372036854775808, "", kam.LocaleEN, "−9,223,372,036,854,775,808"},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			t.Parallel()
			if got := formatAmount(c.n, c.currency, c.l); got != c.want {
				t.Errorf("formatAmount(%d, %q, %s) = %q, want %q", c.n, c.currency, c.l, got, c.want)
			}
		})
	}
}

func TestRatingLabelSaysSupportWithoutColour(t *testing.T) {
	t.Parallel()
	cases := []struct {
		rating *int
		want   string
	}{
		{intp(3), "+3 ✓"},
		{intp(5), "+5 ✓"},
		{intp(2), "+2 ~"},
		{intp(0), "0 ~"},
		{intp(-2), "−2 ~"},
		{intp(-4), "−4 ✗"},
		{nil, "?"},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			t.Parallel()
			if got := ratingLabel(c.rating); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestOrgChartMarksLeftAndMoved(t *testing.T) {
	t.Parallel()
	cases := []struct {
		l                  kam.Locale
		left, moved, title string
	}{
		{kam.LocaleZH, "已离职", "已调岗", "组织结构图 · 10 人"},
		{kam.LocaleEN, "left", "moved", "Org chart · 10 people"},
	}
	for _, c := range cases {
		t.Run(string(c.l)+" marks both in text", func(t *testing.T) {
			t.Parallel()
			out := string(OrgChart(fixtureOrgChart(), c.l))
			doc := checkSVG(t, []byte(out))
			if doc.title != c.title {
				t.Errorf("title %q, want %q", doc.title, c.title)
			}
			for _, want := range []string{c.left, c.moved} {
				if !contains(doc.texts, want) {
					t.Errorf("no %q marker", want)
				}
			}
			if n := strings.Count(out, `class="kam-oc-person kam-left"`); n != 1 {
				t.Errorf("%d boxes marked left, want 1", n)
			}
			if n := strings.Count(out, `class="kam-oc-person kam-moved"`); n != 1 {
				t.Errorf("%d boxes marked moved, want 1", n)
			}
			if n := strings.Count(out, `class="kam-oc-strike"`); n != 1 {
				t.Errorf("%d names struck through, want 1", n)
			}
			if n := strings.Count(out, `class="kam-oc-influences"`); n != 2 {
				t.Errorf("%d influence lines, want 2", n)
			}
			if n := strings.Count(out, `class="kam-oc-conflicts"`); n != 1 {
				t.Errorf("%d conflict lines, want 1", n)
			}
			if len(doc.hrefs) != 10 || doc.hrefs[0] == "" {
				t.Errorf("hrefs %q, want one per person", doc.hrefs)
			}
			// Nine reporting lines: everyone but the chairman has a manager.
			if n := strings.Count(out, `<path d="M`); n != 9 {
				t.Errorf("%d reporting lines, want 9", n)
			}
		})
	}
}

func TestOrgChartSkipsLinksOutsideTheChart(t *testing.T) {
	t.Parallel()
	in := fixtureOrgChart()
	in.Links = []kam.ContactLink{
		{FromContactID: 1, ToContactID: 99, Kind: kam.LinkInfluences},
		{FromContactID: 3, ToContactID: 3, Kind: kam.LinkConflictsWith},
		{FromContactID: 1, ToContactID: 2, Kind: "friend_of"},
	}
	out := string(OrgChart(in, kam.LocaleEN))
	checkSVG(t, []byte(out))
	if strings.Contains(out, "kam-oc-links") {
		t.Errorf("links drawn although none joins two people of the chart by a known kind")
	}
}

func TestBuyerParentFollowsReportingChain(t *testing.T) {
	t.Parallel()
	pic := fixturePicture()
	contacts := map[int64]*kam.Contact{}
	for i := range pic.Contacts {
		contacts[pic.Contacts[i].ID] = &pic.Contacts[i]
	}
	// 5 (not a buyer) reports to 3; 11 reports to 5; 12 and 13 report to each other.
	extra := []kam.Contact{
		contact(11, "钱勇", "", 2, kam.SeniorityJunior, 5, kam.ContactActive),
		contact(12, "甲", "", 2, kam.SeniorityJunior, 13, kam.ContactActive),
		contact(13, "乙", "", 2, kam.SeniorityJunior, 12, kam.ContactActive),
	}
	for i := range extra {
		contacts[extra[i].ID] = &extra[i]
	}
	buyers := map[int64]*kam.BuyingInfluence{}
	for i := range pic.Influences {
		buyers[pic.Influences[i].ContactID] = &pic.Influences[i]
	}
	buyers[11] = &kam.BuyingInfluence{ContactID: 11}
	buyers[12] = &kam.BuyingInfluence{ContactID: 12}
	cases := []struct {
		name string
		id   int64
		want int64
	}{
		{"the VITO's manager is no buyer, so the VITO is a root", 2, 0},
		{"a direct report sits under their buyer manager", 3, 2},
		{"a chain through a non-buyer reaches the buyer above", 11, 3},
		{"two levels down reaches the nearest buyer", 6, 4},
		{"a cycle through a non-buyer ends at the buyer", 12, 0},
		{"an unknown contact has no parent", 404, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if got := buyerParent(c.id, contacts, buyers); got != c.want {
				t.Errorf("buyerParent(%d) = %d, want %d", c.id, got, c.want)
			}
		})
	}
}

func TestRelationshipMapShowsEveryMark(t *testing.T) {
	t.Parallel()
	cases := []struct {
		l     kam.Locale
		wants []string
	}{
		{kam.LocaleZH, []string{"♛ VITO", "+2 ~", "−4 ✗", "+4 ✓", "+3 ✓", "0 ~", "?",
			"→ 四平八稳", "☆ 自我陶醉", "↗ 高瞻远瞩", "⚠ 不知所措", "? 模式未知",
			"未指定我方对应者", "陈总（副总裁）", "可信赖的顾问", "接触度: 频繁", "接触度: 没有", "影响度: 高", "C", "U", "T", "E"}},
		{kam.LocaleEN, []string{"♛ VITO", "→ Even Keel", "☆ Overconfident", "↗ Growth", "⚠ Trouble",
			"no counterpart", "trusted advisor", "contact: rare", "contact: unknown", "influence: unknown"}},
	}
	for _, c := range cases {
		t.Run(string(c.l)+" writes every mark as text", func(t *testing.T) {
			t.Parallel()
			out := string(RelationshipMap(fixtureMap(), c.l))
			doc := checkSVG(t, []byte(out))
			for _, w := range c.wants {
				if !contains(doc.texts, w) {
					t.Errorf("no text %q", w)
				}
			}
			for _, class := range []string{"kam-contact-frequent", "kam-contact-rare", "kam-contact-none", "kam-contact-unknown",
				"kam-support-supports", "kam-support-neutral", "kam-support-opposes", "kam-support-unknown",
				"kam-influence-high", "kam-influence-medium", "kam-influence-low", "kam-influence-unknown"} {
				if !strings.Contains(out, class) {
					t.Errorf("no element of class %s", class)
				}
			}
			if n := strings.Count(out, `class="kam-rm-vito"`); n != 1 {
				t.Errorf("%d VITO tags, want 1", n)
			}
			if len(doc.hrefs) != 6 {
				t.Errorf("%d links, want one per buyer", len(doc.hrefs))
			}
			// Five reporting lines: everyone under the VITO.
			if n := strings.Count(out, `<path d="M`); n != 5 {
				t.Errorf("%d reporting lines, want 5", n)
			}
		})
	}
}

func TestRelationshipMapToleratesMissingContacts(t *testing.T) {
	t.Parallel()
	pic := fixturePicture()
	pic.Contacts = nil
	pic.Influences = append(pic.Influences, pic.Influences[0]) // the same contact twice
	out := RelationshipMap(MapInput{Picture: pic}, kam.LocaleEN)
	doc := checkSVG(t, out)
	n := 0
	for _, s := range doc.texts {
		if s == "(unknown)" {
			n++
		}
	}
	if n != 6 {
		t.Errorf("%d unnamed cards, want 6 (one per contact)", n)
	}
	if len(doc.hrefs) != 0 {
		t.Errorf("links drawn without Href: %q", doc.hrefs)
	}
}

func TestFunnelFigures(t *testing.T) {
	t.Parallel()
	behind := fixtureFunnel()
	met := fixtureFunnel()
	met.Won = 60_000_000
	covered := fixtureFunnel()
	covered.Won = 40_000_000
	noQuota := fixtureFunnel()
	noQuota.Quota, noQuota.Href = 0, nil
	cases := []struct {
		name   string
		in     FunnelInput
		l      kam.Locale
		wants  []string
		hrefs  int
		absent []string
	}{
		{"behind quota shows the gap and the coverage", behind, kam.LocaleEN,
			[]string{"Above the funnel", "12 deals · CNY 38,600,000", "win rate 35%", "3 deals · CNY 9,800,000",
				"5 deals · CNY 12,300,000", "CNY 19,207,500", "CNY 69,850,000", "✗ CNY 18,492,500", "1.85×"}, 4, []string{"quota met"}},
		{"behind quota in Chinese uses 万", behind, kam.LocaleZH,
			[]string{"漏斗之上", "最佳少数", "12 个商机 · 3,860万元", "✗ 1,849.25万元", "1,920.75万元", "赢单率 80%"}, 4, nil},
		{"quota met says so", met, kam.LocaleEN, []string{"✓ quota met"}, 4, []string{"Coverage (open ÷ quota left)"}},
		{"weighted pipeline covering the rest leaves no gap", covered, kam.LocaleEN, []string{"✓ 0", "6.99×"}, 4, nil},
		{"no quota draws no quota line and no links", noQuota, kam.LocaleZH, []string{"未设定销售指标"}, 0, []string{"缺口"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			out := string(Funnel(c.in, c.l))
			doc := checkSVG(t, []byte(out))
			for _, w := range c.wants {
				if !contains(doc.texts, w) {
					t.Errorf("no text %q in %q", w, doc.texts)
				}
			}
			for _, a := range c.absent {
				if containsPart(doc.texts, a) {
					t.Errorf("unexpected text %q", a)
				}
			}
			if len(doc.hrefs) != c.hrefs {
				t.Errorf("%d links, want %d", len(doc.hrefs), c.hrefs)
			}
			if quota := strings.Contains(out, "kam-fn-quota"); quota != (c.in.Quota > 0) {
				t.Errorf("quota line drawn = %v with quota %d", quota, c.in.Quota)
			}
		})
	}
}

func TestHeatMapWritesCounts(t *testing.T) {
	t.Parallel()
	out := string(HeatMap(heatRows, heatCols, heatCells, kam.LocaleEN))
	doc := checkSVG(t, []byte(out))
	if n := strings.Count(out, `class="kam-hm-cell"`); n != len(heatRows)*len(heatCols) {
		t.Errorf("%d cells, want %d", n, len(heatRows)*len(heatCols))
	}
	for _, w := range []string{"Alice Chen · stale-contact: 0", "黄工 · uncontacted: 5"} {
		if !strings.Contains(out, esc(w)) {
			t.Errorf("no cell titled %q", w)
		}
	}
	if !contains(doc.texts, "5") || !contains(doc.texts, "0") {
		t.Errorf("counts are not written as text")
	}
	// The peak cell is the darkest, and white ink keeps it readable.
	if !strings.Contains(out, `fill-opacity="0.9"`) {
		t.Errorf("the peak cell is not at full shade")
	}
}

func TestRelationshipMapDrawsTheDottedLines(t *testing.T) {
	t.Parallel()
	in := fixtureMap()
	gone := time.Now()
	in.Picture.ContactLinks = append(fixtureLinks(),
		kam.ContactLink{Meta: kam.Meta{ID: 4}, FromContactID: 1, ToContactID: 2, Kind: kam.LinkInfluences},                   // the chairman, not a buyer
		kam.ContactLink{Meta: kam.Meta{ID: 5}, FromContactID: 5, ToContactID: 3, Kind: kam.LinkInfluences},                   // left the company
		kam.ContactLink{Meta: kam.Meta{ID: 6}, FromContactID: 9, ToContactID: 1, Kind: kam.LinkInfluences},                   // between two non-buyers
		kam.ContactLink{Meta: kam.Meta{ID: 7, DeletedAt: &gone}, FromContactID: 9, ToContactID: 3, Kind: kam.LinkInfluences}, // deleted
	)
	for _, l := range []kam.Locale{kam.LocaleZH, kam.LocaleEN} {
		out := string(RelationshipMap(in, l))
		doc := checkSVG(t, []byte(out))
		if n := strings.Count(out, `class="kam-rm-influences"`); n != 3 {
			t.Errorf("%s: %d influence lines, want 3 (two between buyers, one from the chairman)", l, n)
		}
		if n := strings.Count(out, `class="kam-rm-conflicts"`); n != 1 {
			t.Errorf("%s: %d conflict lines, want 1", l, n)
		}
		if n := strings.Count(out, `class="kam-rm-unseen"`); n != 1 || !contains(doc.texts, "王建国") {
			t.Errorf("%s: %d unseen influencers, want the chairman alone", l, n)
		}
		for _, w := range []string{txtNotYetBuyer.In(l), txtDottedLines.In(l), txtInfluences.In(l), txtConflicts.In(l)} {
			if !contains(doc.texts, w) {
				t.Errorf("%s: no text %q", l, w)
			}
		}
		if contains(doc.texts, "陈静") || contains(doc.texts, "吴敏") {
			t.Errorf("%s: a contact who left, or one linked only to non-buyers or by a deleted line, is drawn", l)
		}
	}
	// Without dotted lines the map is as before: no legend row for them.
	if out := string(RelationshipMap(fixtureMap(), kam.LocaleEN)); strings.Contains(out, "kam-rm-links") || strings.Contains(out, txtDottedLines.EN) {
		t.Error("a map without dotted lines draws their legend")
	}
}
