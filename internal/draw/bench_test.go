package draw

import (
	"strconv"
	"testing"

	"kam/internal/kam"
)

// bigOrg is an account of n people in a tree of fan-out 4 across 6 units,
// with a dotted line every 10 people.
func bigOrg(n int) OrgChartInput {
	in := OrgChartInput{Href: contactHref}
	for u := int64(1); u <= 6; u++ {
		in.Units = append(in.Units, kam.OrgUnit{Meta: kam.Meta{ID: u}, Name: "事业部 " + strconv.FormatInt(u, 10)})
	}
	for i := int64(1); i <= int64(n); i++ {
		in.Contacts = append(in.Contacts, contact(i, "员工"+strconv.FormatInt(i, 10), "高级产品经理（华东区）", i%6+1, kam.SeniorityMiddle, i/4, kam.ContactActive))
		if i%10 == 0 {
			in.Links = append(in.Links, kam.ContactLink{FromContactID: i, ToContactID: i / 3, Kind: kam.LinkInfluences})
		}
	}
	return in
}

func BenchmarkOrgChart(b *testing.B) {
	for _, n := range []int{10, 200} {
		in := bigOrg(n)
		b.Run(strconv.Itoa(n)+" people", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				OrgChart(in, kam.LocaleZH)
			}
		})
	}
}

func BenchmarkRelationshipMap(b *testing.B) {
	in := fixtureMap()
	b.ReportAllocs()
	for b.Loop() {
		RelationshipMap(in, kam.LocaleZH)
	}
}

func BenchmarkFunnel(b *testing.B) {
	in := fixtureFunnel()
	b.ReportAllocs()
	for b.Loop() {
		Funnel(in, kam.LocaleZH)
	}
}

func BenchmarkHeatMap(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		HeatMap(heatRows, heatCols, heatCells, kam.LocaleZH)
	}
}
