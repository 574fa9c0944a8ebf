package draw

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"kam/internal/kam"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.svg from the current output")

// pictures are the golden cases: every picture in both locales.
var pictures = []struct {
	name   string
	render func() []byte
}{
	{"orgchart.zh", func() []byte { return OrgChart(fixtureOrgChart(), kam.LocaleZH) }},
	{"orgchart.en", func() []byte { return OrgChart(fixtureOrgChart(), kam.LocaleEN) }},
	{"relmap.zh", func() []byte { return RelationshipMap(fixtureMap(), kam.LocaleZH) }},
	{"relmap.en", func() []byte { return RelationshipMap(fixtureMap(), kam.LocaleEN) }},
	{"funnel.zh", func() []byte { return Funnel(fixtureFunnel(), kam.LocaleZH) }},
	{"funnel.en", func() []byte { return Funnel(fixtureFunnel(), kam.LocaleEN) }},
	{"heatmap.zh", func() []byte { return HeatMap(heatRows, heatCols, heatCells, kam.LocaleZH) }},
	{"heatmap.en", func() []byte { return HeatMap(heatRows, heatCols, heatCells, kam.LocaleEN) }},
}

func TestGolden(t *testing.T) {
	t.Parallel()
	for _, p := range pictures {
		t.Run(p.name+" matches golden file", func(t *testing.T) {
			t.Parallel()
			got := p.render()
			path := filepath.Join("testdata", p.name+".golden.svg")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s at byte %d (run go test -update after checking the picture)", path, firstDiff(got, want))
			}
		})
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// svgDoc is what checkSVG learns from parsing a picture.
type svgDoc struct {
	root  xml.StartElement
	title string
	texts []string // character data of every <text>, in order
	hrefs []string
	count map[string]int // elements by local name
}

// checkSVG parses out as XML and checks the accessibility attributes every
// picture must carry.
func checkSVG(t *testing.T, out []byte) svgDoc {
	t.Helper()
	if !utf8.Valid(out) {
		t.Fatalf("output is not valid UTF-8")
	}
	dec := xml.NewDecoder(bytes.NewReader(out))
	doc := svgDoc{count: map[string]int{}}
	var stack []string
	var cur strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("output is not well-formed XML: %v\n%s", err, out)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if len(stack) == 0 {
				if doc.root.Name.Local != "" {
					t.Fatalf("more than one root element")
				}
				doc.root = tok.Copy()
			}
			stack = append(stack, tok.Name.Local)
			doc.count[tok.Name.Local]++
			if tok.Name.Local == "text" {
				cur.Reset()
			}
			if tok.Name.Local == "a" {
				for _, a := range tok.Attr {
					if a.Name.Local == "href" {
						doc.hrefs = append(doc.hrefs, a.Value)
					}
				}
			}
		case xml.EndElement:
			if tok.Name.Local == "text" {
				doc.texts = append(doc.texts, cur.String())
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				switch stack[len(stack)-1] {
				case "text":
					cur.Write(tok)
				case "title":
					if len(stack) == 2 {
						doc.title = string(tok)
					}
				}
			}
		}
	}
	if doc.root.Name.Local != "svg" || doc.root.Name.Space != "http://www.w3.org/2000/svg" {
		t.Fatalf("root is %v, want svg in the SVG namespace", doc.root.Name)
	}
	attrs := map[string]string{}
	for _, a := range doc.root.Attr {
		attrs[a.Name.Local] = a.Value
	}
	if attrs["role"] != "img" {
		t.Errorf("root role = %q, want img", attrs["role"])
	}
	if attrs["aria-label"] == "" {
		t.Errorf("root has no aria-label")
	}
	if !strings.HasPrefix(attrs["viewBox"], "0 0 ") {
		t.Errorf("root viewBox = %q", attrs["viewBox"])
	}
	if !strings.Contains(attrs["class"], "kam-svg") {
		t.Errorf("root class = %q, want kam-svg", attrs["class"])
	}
	if doc.title == "" || doc.title != attrs["aria-label"] {
		t.Errorf("title %q, aria-label %q: want both, equal", doc.title, attrs["aria-label"])
	}
	return doc
}

func TestEveryPictureIsAccessibleXML(t *testing.T) {
	t.Parallel()
	for _, p := range pictures {
		t.Run(p.name+" parses", func(t *testing.T) {
			t.Parallel()
			checkSVG(t, p.render())
		})
	}
}

func TestEmptyInputDrawsNoData(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		render func(kam.Locale) []byte
	}{
		{"org chart without contacts", func(l kam.Locale) []byte { return OrgChart(OrgChartInput{}, l) }},
		{"relationship map without picture", func(l kam.Locale) []byte { return RelationshipMap(MapInput{}, l) }},
		{"relationship map without buyers", func(l kam.Locale) []byte {
			return RelationshipMap(MapInput{Picture: &kam.OpportunityPicture{Contacts: fixtureContacts()}}, l)
		}},
		{"funnel without deals or quota", func(l kam.Locale) []byte {
			return Funnel(FunnelInput{Levels: []FunnelLevel{{Level: kam.LevelAbove}, {Level: kam.LevelLost, Count: 3}}}, l)
		}},
		{"heat map without rows", func(l kam.Locale) []byte { return HeatMap(nil, heatCols, nil, l) }},
		{"heat map without columns", func(l kam.Locale) []byte { return HeatMap(heatRows, nil, nil, l) }},
	}
	for _, c := range cases {
		for _, loc := range []struct {
			l    kam.Locale
			want string
		}{{kam.LocaleZH, "暂无数据"}, {kam.LocaleEN, "No data"}} {
			t.Run(c.name+" says "+loc.want, func(t *testing.T) {
				t.Parallel()
				out := c.render(loc.l)
				doc := checkSVG(t, out)
				if !contains(doc.texts, loc.want) {
					t.Errorf("texts %q lack %q", doc.texts, loc.want)
				}
				if len(out) > 1200 {
					t.Errorf("empty picture is %d bytes, want a small one", len(out))
				}
			})
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func containsPart(list []string, s string) bool {
	for _, x := range list {
		if strings.Contains(x, s) {
			return true
		}
	}
	return false
}

// hostile strings a user might type into a name or a title.
var hostile = []string{
	"<script>alert(1)</script>",
	`"><img src=x onerror=alert(1)>`,
	"R&D 研发 & 'quotes'",
	"bad\xff\xfeutf8\x00ctl",
}

func TestUserTextIsEscaped(t *testing.T) {
	t.Parallel()
	for _, h := range hostile {
		contacts := []kam.Contact{
			contact(1, h, h, 1, kam.SeniorityExecutive, 0, kam.ContactActive),
			contact(2, "x"+h, h, 1, kam.SeniorityMiddle, 1, kam.ContactLeft),
		}
		units := []kam.OrgUnit{{Meta: kam.Meta{ID: 1}, Name: h}}
		pic := &kam.OpportunityPicture{
			Opportunity: kam.Opportunity{Name: h},
			Contacts:    contacts,
			Influences: []kam.BuyingInfluence{
				{Meta: kam.Meta{ID: 1}, ContactID: 1, Roles: []kam.BuyingRole{kam.RoleEconomic}, CounterpartID: 9, ContactLevel: kam.ContactLevel(h), Influence: kam.Influence(h)},
				{Meta: kam.Meta{ID: 2}, ContactID: 2, Mode: kam.ResponseMode(h)},
			},
		}
		outs := map[string][]byte{
			"org chart":        OrgChart(OrgChartInput{Contacts: contacts, Units: units, Href: func(int64) string { return "/c?q=" + h }}, kam.LocaleZH),
			"relationship map": RelationshipMap(MapInput{Picture: pic, Users: map[int64]string{9: h}, Href: func(int64) string { return "/c#" + h }}, kam.LocaleEN),
			"funnel":           Funnel(FunnelInput{Levels: []FunnelLevel{{Level: kam.LevelIn, Count: 1, Amount: 5}}, Currency: h, Quota: 10}, kam.LocaleEN),
			"heat map":         HeatMap([]string{h}, []string{h}, [][]int{{2}}, kam.LocaleZH),
		}
		for name, out := range outs {
			t.Run(name+" escapes "+strings.ToValidUTF8(h, "?"), func(t *testing.T) {
				t.Parallel()
				checkSVG(t, out)
				for _, bad := range []string{"<script", "<img", "onerror=alert(1)>"} {
					if bytes.Contains(out, []byte(bad)) {
						t.Errorf("output contains raw %q", bad)
					}
				}
				// The full text survives, escaped, in a title or label.
				if want := esc(h); !bytes.Contains(out, []byte(want)) {
					t.Errorf("the escaped text %q is not in the output", want)
				}
				if strings.Contains(h, "\xff") && !bytes.Contains(out, []byte("\uFFFD")) {
					t.Errorf("invalid UTF-8 was not replaced by U+FFFD")
				}
			})
		}
	}
}

func TestUnsafeHrefIsNotLinked(t *testing.T) {
	t.Parallel()
	cases := []struct {
		href string
		safe bool
	}{
		{"/contacts/3", true},
		{"contacts/3?x=1#y", true},
		{"https://example.com/a", true},
		{"HTTP://example.com/a", true},
		{"", false},
		{"javascript:alert(1)", false},
		{"JavaScript:alert(1)", false},
		{"data:text/html,<b>", false},
		{"//evil.example/", false},
		{`/\evil.example/`, false},
		{"/a\nb", false},
		{"/a\xffb", false},
	}
	for _, c := range cases {
		name := "rejects " + c.href
		if c.safe {
			name = "accepts " + c.href
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := safeHref(c.href); got != c.safe {
				t.Errorf("safeHref(%q) = %v, want %v", c.href, got, c.safe)
			}
			in := OrgChartInput{Contacts: fixtureContacts()[:1], Href: func(int64) string { return c.href }}
			doc := checkSVG(t, OrgChart(in, kam.LocaleEN))
			if linked := len(doc.hrefs) == 1; linked != c.safe {
				t.Errorf("hrefs %q, want linked = %v", doc.hrefs, c.safe)
			}
		})
	}
}

func TestOrgChartDrawsEveryoneOnce(t *testing.T) {
	t.Parallel()
	chain := func(n int) []kam.Contact {
		var cs []kam.Contact
		for i := int64(1); i <= int64(n); i++ {
			cs = append(cs, contact(i, "P"+itoa(i), "", 0, kam.SeniorityMiddle, i-1, kam.ContactActive))
		}
		return cs
	}
	cases := []struct {
		name     string
		contacts []kam.Contact
	}{
		{"a cycle of three", []kam.Contact{
			contact(1, "甲", "", 0, kam.SeniorityMiddle, 3, kam.ContactActive),
			contact(2, "乙", "", 0, kam.SeniorityMiddle, 1, kam.ContactActive),
			contact(3, "丙", "", 0, kam.SeniorityMiddle, 2, kam.ContactActive),
			contact(4, "丁", "", 0, kam.SeniorityJunior, 3, kam.ContactActive),
		}},
		{"a self report", []kam.Contact{contact(1, "甲", "", 0, kam.SeniorityMiddle, 1, kam.ContactActive)}},
		{"a manager outside the set", []kam.Contact{
			contact(1, "甲", "", 0, kam.SeniorityMiddle, 99, kam.ContactActive),
			contact(2, "乙", "", 0, kam.SeniorityMiddle, 98, kam.ContactActive),
		}},
		{"a duplicate contact", append(fixtureContacts(), fixtureContacts()[3])},
		{"a chain deeper than the cap", chain(3*maxTreeDepth + 1)},
		{"the fixture", fixtureContacts()},
	}
	for _, c := range cases {
		t.Run(c.name+" draws each person once", func(t *testing.T) {
			t.Parallel()
			doc := checkSVG(t, OrgChart(OrgChartInput{Contacts: c.contacts}, kam.LocaleZH))
			seen := map[int64]bool{}
			for _, p := range c.contacts {
				if seen[p.ID] {
					continue
				}
				seen[p.ID] = true
				n := 0
				for _, s := range doc.texts {
					if s == p.Name {
						n++
					}
				}
				if n != 1 {
					t.Errorf("%s drawn %d times", p.Name, n)
				}
			}
			if got := doc.count["rect"] - 1; got < len(seen) { // the legend has one rect
				t.Errorf("%d boxes for %d people", got, len(seen))
			}
		})
	}
}

func itoa(i int64) string { return strings.TrimSpace(groupDigits(i)) }

func TestLayoutForestIsTidy(t *testing.T) {
	t.Parallel()
	type edge struct{ id, parent int64 }
	cases := []struct {
		name  string
		edges []edge
		depth int
	}{
		{"one root with a subtree", []edge{{1, 0}, {2, 1}, {3, 1}, {4, 2}, {5, 2}, {6, 2}, {7, 3}}, 3},
		{"several roots side by side", []edge{{1, 0}, {2, 0}, {3, 2}, {4, 2}, {5, 0}}, 2},
		{"a cycle hanging a tail", []edge{{1, 2}, {2, 3}, {3, 1}, {4, 3}, {5, 4}}, 4},
		{"a long chain", func() []edge {
			var es []edge
			for i := int64(1); i <= 30; i++ {
				es = append(es, edge{i, i - 1})
			}
			return es
		}(), maxTreeDepth},
	}
	for _, c := range cases {
		t.Run(c.name+" centres parents and never overlaps", func(t *testing.T) {
			t.Parallel()
			parent := map[int64]int64{}
			var ids []int64
			for _, e := range c.edges {
				ids = append(ids, e.id)
				parent[e.id] = e.parent
			}
			f := layoutForest(ids, func(id int64) int64 { return parent[id] })
			if len(f.nodes) != len(ids) || len(f.index) != len(ids) {
				t.Fatalf("%d nodes for %d ids", len(f.nodes), len(ids))
			}
			if f.depth != c.depth {
				t.Errorf("depth %d, want %d", f.depth, c.depth)
			}
			kids := map[int][]int{}
			for i, p := range f.nodes {
				if p.parent >= 0 {
					kids[p.parent] = append(kids[p.parent], i)
					if f.nodes[p.parent].depth != p.depth-1 {
						t.Errorf("%d at depth %d under a parent at %d", p.id, p.depth, f.nodes[p.parent].depth)
					}
				}
				for j, q := range f.nodes {
					if i < j && p.depth == q.depth && abs(p.slot-q.slot) < 1 {
						t.Errorf("%d and %d overlap at depth %d (slots %v, %v)", p.id, q.id, p.depth, p.slot, q.slot)
					}
				}
			}
			for i, ks := range kids {
				mid := (f.nodes[ks[0]].slot + f.nodes[ks[len(ks)-1]].slot) / 2
				if f.nodes[i].slot != mid {
					t.Errorf("%d at slot %v, want %v over its children", f.nodes[i].id, f.nodes[i].slot, mid)
				}
			}
		})
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

func TestOutputIgnoresInputOrder(t *testing.T) {
	t.Parallel()
	shuffle := func(r *rand.Rand, n int, swap func(i, j int)) { r.Shuffle(n, swap) }
	want := map[string][]byte{
		"org chart":        OrgChart(fixtureOrgChart(), kam.LocaleZH),
		"relationship map": RelationshipMap(fixtureMap(), kam.LocaleZH),
		"funnel":           Funnel(fixtureFunnel(), kam.LocaleZH),
	}
	for seed := uint64(1); seed <= 5; seed++ {
		r := rand.New(rand.NewPCG(seed, 7))
		oc := fixtureOrgChart()
		shuffle(r, len(oc.Contacts), func(i, j int) { oc.Contacts[i], oc.Contacts[j] = oc.Contacts[j], oc.Contacts[i] })
		shuffle(r, len(oc.Units), func(i, j int) { oc.Units[i], oc.Units[j] = oc.Units[j], oc.Units[i] })
		shuffle(r, len(oc.Links), func(i, j int) { oc.Links[i], oc.Links[j] = oc.Links[j], oc.Links[i] })
		m := fixtureMap()
		bs := m.Picture.Influences
		shuffle(r, len(bs), func(i, j int) { bs[i], bs[j] = bs[j], bs[i] })
		cs := m.Picture.Contacts
		shuffle(r, len(cs), func(i, j int) { cs[i], cs[j] = cs[j], cs[i] })
		fn := fixtureFunnel()
		shuffle(r, len(fn.Levels), func(i, j int) { fn.Levels[i], fn.Levels[j] = fn.Levels[j], fn.Levels[i] })
		got := map[string][]byte{
			"org chart":        OrgChart(oc, kam.LocaleZH),
			"relationship map": RelationshipMap(m, kam.LocaleZH),
			"funnel":           Funnel(fn, kam.LocaleZH),
		}
		for name := range want {
			if !bytes.Equal(got[name], want[name]) {
				t.Errorf("%s differs after shuffling the input (seed %d) at byte %d", name, seed, firstDiff(got[name], want[name]))
			}
		}
	}
}
