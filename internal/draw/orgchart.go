package draw

import (
	"math"
	"sort"

	"kam/internal/kam"
)

// OrgChartInput is what the org chart shows: the people of one account, its
// org units (to name each person's unit), and the dotted lines between people.
type OrgChartInput struct {
	Contacts []kam.Contact
	Units    []kam.OrgUnit
	Links    []kam.ContactLink
	// Href gives the page of a contact; nil or "" draws the box without a link.
	Href func(contactID int64) string
}

// Org chart geometry, in SVG user units.
const (
	ocBoxW    = 176.0
	ocBoxH    = 74.0
	ocSlotW   = 200.0 // box plus the space between neighbours
	ocLevelH  = 120.0 // box plus the space for the reporting lines
	ocMargin  = 20.0
	ocLegendH = 44.0
	ocMinW    = 640.0
)

// unitColours mark org units on the box's left edge; the unit's name is
// always written in the box too.
var unitColours = []string{"#2c6fbb", "#2e8b57", "#b8651b", "#7b4fa8", "#1b8a8f", "#a83f5b"}

// OrgChart draws the people of an account as a tree by reporting line. A
// contact whose manager is not among in.Contacts is a root; several roots
// stand side by side; cycles are broken and very deep chains continue as new
// trees, so every contact is drawn exactly once. Each box shows the name,
// title, org unit and seniority, is marked (dashed border and text) when the
// person has left or moved, and links to in.Href. Influence links are dotted
// arrows, conflicts dash-dot lines; a legend explains both. With no contacts
// it draws a small "no data" picture.
func OrgChart(in OrgChartInput, l kam.Locale) []byte {
	if len(in.Contacts) == 0 {
		return noData("kam-orgchart", txtOrgChart, l)
	}

	units := make(map[int64]kam.OrgUnit, len(in.Units))
	unitIDs := make([]int64, 0, len(in.Units))
	for _, u := range in.Units {
		if _, dup := units[u.ID]; !dup {
			unitIDs = append(unitIDs, u.ID)
		}
		units[u.ID] = u
	}
	sort.Slice(unitIDs, func(i, j int) bool { return unitIDs[i] < unitIDs[j] })
	unitColour := make(map[int64]string, len(unitIDs))
	for i, id := range unitIDs {
		unitColour[id] = unitColours[i%len(unitColours)]
	}

	// Siblings sorted by unit, then rank, then id: people of one unit sit
	// together, and the input's order never shows in the output.
	people := make(map[int64]*kam.Contact, len(in.Contacts))
	ids := make([]int64, 0, len(in.Contacts))
	for i := range in.Contacts {
		c := &in.Contacts[i]
		if _, dup := people[c.ID]; !dup {
			ids = append(ids, c.ID)
		}
		people[c.ID] = c
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := people[ids[i]], people[ids[j]]
		if a.OrgUnitID != b.OrgUnitID {
			return a.OrgUnitID < b.OrgUnitID
		}
		if ra, rb := a.Seniority.Rank(), b.Seniority.Rank(); ra != rb {
			return ra > rb
		}
		return a.ID < b.ID
	})
	f := layoutForest(ids, func(id int64) int64 {
		if c, ok := people[id]; ok {
			return c.ReportsToID
		}
		return 0
	})

	w := math.Max(ocMinW, 2*ocMargin+f.width*ocSlotW-(ocSlotW-ocBoxW))
	h := 2*ocMargin + float64(f.depth)*ocLevelH - (ocLevelH - ocBoxH) + ocLegendH
	// Centre narrow charts.
	offset := ocMargin + (w-2*ocMargin-(f.width*ocSlotW-(ocSlotW-ocBoxW)))/2
	boxX := func(p placed) float64 { return offset + p.slot*ocSlotW }
	boxY := func(p placed) float64 { return ocMargin + float64(p.depth)*ocLevelH }

	var b svgBuf
	label := txtOrgChart.In(l) + " · " + kam.NounPerson.Count(len(ids)).In(l)
	b.open("kam-orgchart", w, h, label)
	b.s(`<defs><marker id="kam-oc-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path fill="#2c6fbb" d="M0,0L10,5L0,10z"/></marker></defs>`, "\n")

	// Reporting lines first, then dotted lines, then boxes over both.
	b.s(`<g class="kam-oc-reports" fill="none" stroke="#8a96a3" stroke-width="1.4">`, "\n")
	for _, p := range f.nodes {
		if p.parent < 0 {
			continue
		}
		q := f.nodes[p.parent]
		px, py := boxX(q)+ocBoxW/2, boxY(q)+ocBoxH
		cx, cy := boxX(p)+ocBoxW/2, boxY(p)
		mid := py + (cy-py)/2
		b.s(`<path d="M`, num(px), `,`, num(py), `V`, num(mid), `H`, num(cx), `V`, num(cy), `"/>`, "\n")
	}
	b.s("</g>\n")

	links := make([]kam.ContactLink, 0, len(in.Links))
	for _, k := range in.Links {
		_, okFrom := f.index[k.FromContactID]
		_, okTo := f.index[k.ToContactID]
		if okFrom && okTo && k.FromContactID != k.ToContactID &&
			(k.Kind == kam.LinkInfluences || k.Kind == kam.LinkConflictsWith) {
			links = append(links, k)
		}
	}
	sort.Slice(links, func(i, j int) bool {
		a, c := links[i], links[j]
		if a.Kind != c.Kind {
			return a.Kind < c.Kind
		}
		if a.FromContactID != c.FromContactID {
			return a.FromContactID < c.FromContactID
		}
		if a.ToContactID != c.ToContactID {
			return a.ToContactID < c.ToContactID
		}
		return a.ID < c.ID
	})
	if len(links) > 0 {
		b.s(`<g class="kam-oc-links" fill="none">`, "\n")
		for _, k := range links {
			from, to := f.nodes[f.index[k.FromContactID]], f.nodes[f.index[k.ToContactID]]
			d := curveBetween(boxX(from), boxY(from), boxX(to), boxY(to), ocBoxW, ocBoxH)
			if k.Kind == kam.LinkInfluences {
				b.s(`<path class="kam-oc-influences" d="`, d, `" stroke="#2c6fbb" stroke-width="1.6" stroke-dasharray="2 3" marker-end="url(#kam-oc-arrow)"/>`, "\n")
			} else {
				b.s(`<path class="kam-oc-conflicts" d="`, d, `" stroke="#c0392b" stroke-width="1.6" stroke-dasharray="9 3 2 3"/>`, "\n")
			}
		}
		b.s("</g>\n")
	}

	for _, p := range f.nodes {
		c := people[p.id]
		orgBox(&b, boxX(p), boxY(p), c, units, unitColour, in.Href, l)
	}

	ocLegend(&b, ocMargin, h-ocMargin-14, l)
	b.close()
	return b.Bytes()
}

// orgBox draws one person's box at (x, y).
func orgBox(b *svgBuf, x, y float64, c *kam.Contact, units map[int64]kam.OrgUnit, colours map[int64]string, href func(int64) string, l kam.Locale) {
	status := ""
	class := "kam-oc-person"
	if c.Status.Gone() {
		status, class = kam.Short(c.Status).Lower().In(l), class+" kam-"+string(c.Status)
	}
	unitName := ""
	if u, ok := units[c.OrgUnitID]; ok {
		unitName = u.Name
	}

	full := c.Name
	if c.Title != "" {
		full += " · " + c.Title
	}
	if unitName != "" {
		full += " · " + unitName
	}
	full += " · " + seniorityLabel(c.Seniority, l)
	if status != "" {
		full += " · " + status
	}

	var linked bool
	if href != nil {
		linked = b.linkOpen(href(c.ID), full)
	}
	b.s(`<g class="`, class, `">`, "\n<title>", esc(full), "</title>\n")
	fill, stroke, dash := "#ffffff", "#5b6b7c", ""
	if status != "" {
		fill, stroke, dash = "#f2f2f2", "#8a8a8a", `stroke-dasharray="5 3"`
	}
	b.rect(x, y, ocBoxW, ocBoxH, 6, "kam-oc-box", fill, stroke, 1.3, dash)
	if col, ok := colours[c.OrgUnitID]; ok {
		b.rect(x+1, y+6, 4, ocBoxH-12, 2, "kam-oc-unit-mark", col, "", 0, "")
	}

	nameW := ocBoxW - 22
	if status != "" {
		nameW -= pxWidth(status, 10) + 8
		b.text(x+ocBoxW-8, y+17, textOpts{class: "kam-oc-status", size: 10, anchor: "end", fill: "#b03a2e", weight: "600"}, status)
	}
	nameFill := "#1a1a1a"
	if status != "" {
		nameFill = "#666"
	}
	name := fit(c.Name, nameW, 13*boldWiden)
	b.text(x+12, y+21, textOpts{class: "kam-oc-name", size: 13, weight: "600", fill: nameFill}, name)
	if c.Status == kam.ContactLeft {
		// Struck through as well as labelled: "left" must not rest on the dash alone.
		b.line(x+11, y+16.5, x+12+math.Min(pxWidth(name, 13), nameW)+1, y+16.5, "kam-oc-strike", "#666", 1.2, "")
	}
	b.text(x+12, y+40, textOpts{class: "kam-oc-title", size: 11, fill: "#333"}, fit(c.Title, ocBoxW-22, 11))
	meta := seniorityLabel(c.Seniority, l)
	if unitName != "" {
		meta = fit(unitName, ocBoxW-22-pxWidth(" · "+meta, 10.5), 10.5) + " · " + meta
	}
	b.text(x+12, y+59, textOpts{class: "kam-oc-unit", size: 10.5, fill: "#555"}, fit(meta, ocBoxW-22, 10.5))
	b.s("</g>\n")
	b.linkClose(linked)
}

// curveBetween returns a path from the border of box A to the border of box
// B (both w×h at their top-left corners), bent a little so it does not run
// along the reporting lines.
func curveBetween(ax, ay, bx, by, w, h float64) string {
	return curveBetweenBoxes(ax, ay, w, h, bx, by, w, h)
}

// curveBetweenBoxes is curveBetween for boxes of different sizes: A is aw×ah,
// B bw×bh.
func curveBetweenBoxes(ax, ay, aw, ah, bx, by, bw, bh float64) string {
	acx, acy := ax+aw/2, ay+ah/2
	bcx, bcy := bx+bw/2, by+bh/2
	dx, dy := bcx-acx, bcy-acy
	sx, sy := clipToBox(dx, dy, aw, ah)
	ex, ey := clipToBox(-dx, -dy, bw, bh)
	x1, y1 := acx+sx, acy+sy
	x2, y2 := bcx+ex, bcy+ey
	// Control point: the midpoint pushed sideways, upwards when the line is
	// level, by a bend that grows with the distance so a long line arcs over
	// the boxes between its ends instead of running behind them.
	mx, my := (x1+x2)/2, (y1+y2)/2
	length := math.Hypot(x2-x1, y2-y1)
	if length > 0 {
		bend := math.Min(160, 12+length/4)
		nx, ny := -(y2-y1)/length, (x2-x1)/length
		if ny > 0 || (ny == 0 && nx > 0) {
			nx, ny = -nx, -ny
		}
		mx += nx * bend
		my += ny * bend
	}
	return "M" + num(x1) + "," + num(y1) + "Q" + num(mx) + "," + num(my) + " " + num(x2) + "," + num(y2)
}

// clipToBox scales (dx, dy) so it ends on the border of a w×h box centred
// at the origin.
func clipToBox(dx, dy, w, h float64) (float64, float64) {
	if dx == 0 && dy == 0 {
		return 0, 0
	}
	t := math.Inf(1)
	if dx != 0 {
		t = math.Min(t, (w/2)/math.Abs(dx))
	}
	if dy != 0 {
		t = math.Min(t, (h/2)/math.Abs(dy))
	}
	return dx * t, dy * t
}

// ocLegend draws the org chart's key in one row at (x, y).
func ocLegend(b *svgBuf, x, y float64, l kam.Locale) {
	b.s(`<g class="kam-legend" font-size="11" fill="#333">`, "\n")
	b.line(x, y, x+30, y, "", "#8a96a3", 1.4, "")
	b.text(x+36, y+4, textOpts{}, txtReportsTo.In(l))
	x += 46 + pxWidth(txtReportsTo.In(l), 11) + 14
	b.s(`<path class="kam-legend-line" d="M`, num(x), `,`, num(y), `H`, num(x+30), `" fill="none" stroke="#2c6fbb" stroke-width="1.6" stroke-dasharray="2 3" marker-end="url(#kam-oc-arrow)"/>`, "\n")
	b.text(x+36, y+4, textOpts{}, txtInfluences.In(l))
	x += 46 + pxWidth(txtInfluences.In(l), 11) + 14
	b.line(x, y, x+30, y, "", "#c0392b", 1.6, `stroke-dasharray="9 3 2 3"`)
	b.text(x+36, y+4, textOpts{}, txtConflicts.In(l))
	x += 46 + pxWidth(txtConflicts.In(l), 11) + 14
	b.rect(x, y-8, 30, 16, 3, "", "#f2f2f2", "#8a8a8a", 1.2, `stroke-dasharray="5 3"`)
	b.text(x+36, y+4, textOpts{}, txtLeftMoved.In(l))
	b.s("</g>\n")
}
