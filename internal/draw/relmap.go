package draw

import (
	"slices"
	"sort"
	"strconv"

	"kam/internal/kam"
)

// MapInput is what the relationship map of one opportunity shows.
type MapInput struct {
	// Picture gives the buying influences and, in Picture.Contacts, the
	// people behind them (their names, titles and reporting lines).
	Picture *kam.OpportunityPicture
	// Users names our counterparts by user id.
	Users map[int64]string
	// Href gives the page of a contact; nil or "" draws no link.
	Href func(contactID int64) string
}

// Relationship map geometry, in SVG user units.
const (
	rmCardW   = 196.0
	rmCardH   = 108.0
	rmOurGap  = 40.0 // the contact line between a buyer and our counterpart
	rmOurW    = 124.0
	rmOurH    = 66.0
	rmSlotW   = rmCardW + rmOurGap + rmOurW + 28
	rmLevelH  = rmCardH + 62
	rmMargin  = 20.0
	rmHeadH   = 34.0 // the caption, and room for the VITO tag
	rmLegendH = 96.0 // four rows and the space above them
	rmMinW    = 760.0
	// A contact not yet on the deal who influences a buyer: a dashed card
	// in a row under the buyers.
	rmUnseenW   = 176.0
	rmUnseenH   = 50.0
	rmUnseenGap = 24.0
	rmUnseenTop = 46.0 // from the lowest buyer card to the row
	rmLinksRowH = 24.0 // the legend's row of dotted lines
)

// The relationship map's words for the dotted lines.
var (
	txtDottedLines = kam.T("Dotted lines", "影响与冲突")
	txtNotYetBuyer = kam.T("not yet a buyer on this deal", "尚未列为本机会的购买影响者")
)

// goneStyle is how a buyer who left or moved is drawn: no support colour.
var goneStyle = struct{ fill, stroke string }{"#f2f2f2", "#8a8a8a"}

// supportStyle is how a support level is drawn: fill and stroke; its sign
// (kam.Short: ✓ ~ ✗ ?) says the same thing without colour.
var supportStyle = map[kam.Support]struct{ fill, stroke string }{
	kam.SupportSupports: {"#e3f4e1", "#2e7d32"},
	kam.SupportNeutral:  {"#fdf1d6", "#a97c0a"},
	kam.SupportOpposes:  {"#fbe1de", "#c62828"},
	kam.SupportUnknown:  {"#ffffff", "#777777"},
}

// influenceRing is the border of a buyer's card by influence.
var influenceRing = map[kam.Influence]struct {
	width float64
	dash  string
}{
	kam.InfluenceHigh:    {4, ""},
	kam.InfluenceMedium:  {2.4, ""},
	kam.InfluenceLow:     {1.1, ""},
	kam.InfluenceUnknown: {1.5, `stroke-dasharray="5 3"`},
}

// contactLine is the line from a buyer to our counterpart by contact level.
var contactLine = map[kam.ContactLevel]string{
	kam.ContactFrequent: `stroke="#333" stroke-width="2.6"`,
	kam.ContactRare:     `stroke="#333" stroke-width="1.8" stroke-dasharray="7 4"`,
	kam.ContactNone:     `stroke="#333" stroke-width="2" stroke-dasharray="0.1 5" stroke-linecap="round"`,
	kam.ContactUnknown:  `stroke="#333" stroke-width="1.2" stroke-opacity="0.3"`,
}

// ratingLabel says a rating with its sign and a symbol: "+3 ✓", "−4 ✗", "0 ~", "?".
func ratingLabel(r *int) string {
	s := kam.SupportOf(r)
	if r == nil {
		return "?"
	}
	n := strconv.Itoa(*r)
	switch {
	case *r > 0:
		n = "+" + n
	case *r < 0:
		n = "−" + strconv.Itoa(-*r)
	}
	return n + " " + kam.Short(s).EN
}

// RelMapCSS styles the short text classes of RelationshipMap. A page that
// embeds the map should serve these rules in its stylesheet.
const RelMapCSS = `.kam-relmap .k-n{font-size:13px;font-weight:600}
.kam-relmap .k-on{font-size:12px;font-weight:600}
.kam-relmap .k-t{font-size:11px;fill:#333}
.kam-relmap .k-r{font-size:10px;fill:#333}
.kam-relmap .k-m{font-size:10px;fill:#555}
.kam-relmap .k-o{font-size:9.5px;fill:#2c6fbb}
.kam-relmap .k-g{font-size:13px;font-weight:700}
.kam-relmap .k-v{font-size:10.5px;font-weight:700}
.kam-relmap .k-role,.kam-relmap .k-q,.kam-relmap .k-x{font-size:11px}
.kam-relmap .k-q{fill:#888}
`

// RelationshipMap draws the buying influences of one opportunity, placed by
// reporting line among themselves (a buyer whose manager chain, through
// in.Picture.Contacts, reaches another buyer sits under them). Each card is
// filled by support and says it as "+3 ✓", bordered by influence (thick for
// high, dashed for unknown) and says it in text, carries C/U/T/E badges for
// its roles, a VITO tag and the response mode. Beside it stands our
// counterpart ("our side": name and relationship level), joined by a line
// whose style follows the contact level. A legend explains every mark. With
// no buying influences it draws a small "no data" picture.
func RelationshipMap(in MapInput, l kam.Locale) []byte {
	if in.Picture == nil || len(in.Picture.Influences) == 0 {
		return noData("kam-relmap", txtRelMap, l)
	}
	pic := in.Picture
	contacts := make(map[int64]*kam.Contact, len(pic.Contacts))
	for i := range pic.Contacts {
		contacts[pic.Contacts[i].ID] = &pic.Contacts[i]
	}
	// One card per contact: a contact named twice keeps the first influence by id.
	buyers := make(map[int64]*kam.BuyingInfluence, len(pic.Influences))
	ids := make([]int64, 0, len(pic.Influences))
	for i := range pic.Influences {
		bi := &pic.Influences[i]
		if old, dup := buyers[bi.ContactID]; dup {
			if bi.ID < old.ID {
				buyers[bi.ContactID] = bi
			}
			continue
		}
		buyers[bi.ContactID] = bi
		ids = append(ids, bi.ContactID)
	}
	// Siblings: highest seniority first, then by contact id.
	rank := func(id int64) int {
		if c, ok := contacts[id]; ok {
			return c.Seniority.Rank()
		}
		return 0
	}
	sort.Slice(ids, func(i, j int) bool {
		if ri, rj := rank(ids[i]), rank(ids[j]); ri != rj {
			return ri > rj
		}
		return ids[i] < ids[j]
	})
	parents := make(map[int64]int64, len(ids))
	for _, id := range ids {
		parents[id] = buyerParent(id, contacts, buyers)
	}
	f := layoutForest(ids, func(id int64) int64 { return parents[id] })
	links, unseen := mapLinks(pic, buyers, contacts)

	span := f.width*rmSlotW - (rmSlotW - (rmCardW + rmOurGap + rmOurW))
	w := max(rmMinW, 2*rmMargin+span, 2*rmMargin+float64(len(unseen))*(rmUnseenW+rmUnseenGap)-rmUnseenGap)
	cardsBottom := rmMargin + rmHeadH + float64(f.depth)*rmLevelH - (rmLevelH - rmCardH)
	unseenY := cardsBottom + rmUnseenTop
	legendY := cardsBottom + 32
	h := cardsBottom + rmLegendH + rmMargin
	if len(unseen) > 0 {
		legendY += rmUnseenTop + rmUnseenH
		h += rmUnseenTop + rmUnseenH
	}
	if len(links) > 0 {
		h += rmLinksRowH
	}
	offset := rmMargin + (w-2*rmMargin-span)/2
	cardX := func(p placed) float64 { return offset + p.slot*rmSlotW }
	cardY := func(p placed) float64 { return rmMargin + rmHeadH + float64(p.depth)*rmLevelH }

	var b svgBuf
	caption := txtRelMap.In(l)
	if pic.Opportunity.Name != "" {
		caption += " · " + pic.Opportunity.Name
	}
	label := caption + " · " + kam.NounBuyingInfluence.Count(len(ids)).In(l)
	b.open("kam-relmap", w, h, label)
	if len(links) > 0 {
		b.s(`<defs><marker id="kam-rm-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path fill="#2c6fbb" d="M0,0L10,5L0,10z"/></marker></defs>`, "\n")
	}
	b.text(rmMargin, rmMargin+6, textOpts{class: "kam-rm-caption", size: 14, weight: "600"}, fit(caption, w-2*rmMargin, 14))

	b.s(`<g class="kam-rm-reports" fill="none" stroke="#8a96a3" stroke-width="1.4">`, "\n")
	for _, p := range f.nodes {
		if p.parent < 0 {
			continue
		}
		q := f.nodes[p.parent]
		px, py := cardX(q)+rmCardW/2, cardY(q)+rmCardH
		cx, cy := cardX(p)+rmCardW/2, cardY(p)
		mid := py + (cy-py)/2
		b.s(`<path d="M`, num(px), `,`, num(py), `V`, num(mid), `H`, num(cx), `V`, num(cy), `"/>`, "\n")
	}
	b.s("</g>\n")

	// The dotted lines of the org chart between the people on the map: to
	// a buyer's card, or to an unseen influencer's in the row below.
	box := func(id int64) (x, y, bw, bh float64) {
		if k, ok := f.index[id]; ok {
			p := f.nodes[k]
			return cardX(p), cardY(p), rmCardW, rmCardH
		}
		k := slices.Index(unseen, id)
		return offset + float64(k)*(rmUnseenW+rmUnseenGap), unseenY, rmUnseenW, rmUnseenH
	}
	if len(links) > 0 {
		b.s(`<g class="kam-rm-links" fill="none">`, "\n")
		for _, k := range links {
			ax, ay, aw, ah := box(k.FromContactID)
			bx, by, bw, bh := box(k.ToContactID)
			d := curveBetweenBoxes(ax, ay, aw, ah, bx, by, bw, bh)
			if k.Kind == kam.LinkInfluences {
				b.s(`<path class="kam-rm-influences" d="`, d, `" stroke="#2c6fbb" stroke-width="1.8" stroke-dasharray="2 3" marker-end="url(#kam-rm-arrow)"/>`, "\n")
			} else {
				b.s(`<path class="kam-rm-conflicts" d="`, d, `" stroke="#c0392b" stroke-width="1.8" stroke-dasharray="9 3 2 3"/>`, "\n")
			}
		}
		b.s("</g>\n")
	}

	for _, p := range f.nodes {
		buyerCard(&b, cardX(p), cardY(p), buyers[p.id], contacts[p.id], in, l)
	}
	for _, id := range unseen {
		x, y, _, _ := box(id)
		unseenCard(&b, x, y, contacts[id], in, l)
	}
	rmLegend(&b, rmMargin, legendY, l)
	if len(links) > 0 {
		rmLinksLegend(&b, rmMargin, legendY+4*24, len(unseen) > 0, l)
	}
	b.close()
	return b.Bytes()
}

// buyerCard draws one buying influence at (x, y) with our counterpart beside it.
func buyerCard(b *svgBuf, x, y float64, bi *kam.BuyingInfluence, c *kam.Contact, in MapInput, l kam.Locale) {
	name, title := txtUnknownPerson.In(l), ""
	if c != nil {
		name, title = c.Name, c.Title
	}
	sup := bi.Support()
	st := supportStyle[sup]
	ring, ok := influenceRing[bi.Influence]
	if !ok {
		ring = influenceRing[kam.InfluenceUnknown]
	}
	// A buyer who left or moved is drawn as gone, whatever their support
	// was: grey, dashed, their status where the rating stood.
	gone := ""
	if c != nil && c.Status.Gone() {
		gone = kam.Short(c.Status).Lower().In(l)
		st = goneStyle
		ring.dash = `stroke-dasharray="5 3"`
	}
	lineStyle, ok := contactLine[bi.ContactLevel]
	if !ok {
		lineStyle = contactLine[kam.ContactUnknown]
	}

	var roles, roleNames string
	for _, r := range roleInfo {
		if bi.HasRole(r.role) {
			roles += r.letter
			if roleNames != "" {
				roleNames += ", "
			}
			roleNames += r.t.In(l)
		}
	}
	full := name
	if title != "" {
		full += " · " + title
	}
	if roleNames != "" {
		full += " · " + roleNames
	}
	if bi.VITO {
		full += " · VITO"
	}
	if gone != "" {
		full += " · " + gone
	}
	full += " · " + supportLabel(sup, l) + " " + ratingLabel(bi.Rating) +
		" · " + txtInfluence.In(l) + " " + influenceLabel(bi.Influence, l) +
		" · " + modeLabel(bi.Mode, l) +
		" · " + txtContact.In(l) + " " + contactLevelLabel(bi.ContactLevel, l)

	// The card is drawn in its own coordinates (a translated group), and its
	// texts are sized and tinted by short classes that the page's stylesheet
	// styles (RelMapCSS): the map of a deal with twenty buyers stays small
	// enough for the page budget. Without that stylesheet the texts fall
	// back to the root's 12px dark grey and still read well; every colour
	// that carries meaning (support, contact line, influence) stays an
	// attribute.
	class := "kam-rm-buyer kam-support-" + string(sup)
	if gone != "" {
		class = "kam-rm-buyer kam-gone"
	}
	b.s(`<g class="`, class, `" transform="translate(`, num(x), `,`, num(y), `)">`, "\n")

	// The contact line and our side come first so the card's ring covers the line's end.
	ly := rmCardH / 2
	b.s(`<line class="kam-contact-`, esc(string(bi.ContactLevel)), `" x1="`, num(rmCardW), `" y1="`, num(ly),
		`" x2="`, num(rmCardW+rmOurGap), `" y2="`, num(ly), `" `, lineStyle, `/>`, "\n")
	ourSide(b, rmCardW+rmOurGap, ly-rmOurH/2, bi, in.Users, l)

	// The card's <title>, first in the link, names it and shows on hover:
	// no aria-label repeating the same words.
	var linked bool
	if in.Href != nil {
		linked = b.linkOpen(in.Href(bi.ContactID), "")
	}
	if !linked {
		b.s(`<g class="kam-rm-card">`, "\n")
	}
	b.s("<title>", esc(full), "</title>\n")
	b.rect(0, 0, rmCardW, rmCardH, 8, "kam-influence-"+esc(string(bi.Influence)), st.fill, st.stroke, ring.width, ring.dash)

	// Role badges: letters, so the role never rests on colour.
	bx := 8.0
	if roles != "" {
		b.s(`<g class="k-role" font-weight="700" text-anchor="middle">`, "\n")
	}
	for _, r := range roleInfo {
		if !bi.HasRole(r.role) {
			continue
		}
		b.rect(bx, 8, 18, 18, 4, "", "#34495e", "", 0, "")
		b.text(bx+9, 21, textOpts{fill: "#fff"}, r.letter)
		bx += 22
	}
	if roles == "" {
		b.text(bx, 21, textOpts{class: "k-q"}, "? "+txtRoles.In(l))
	} else {
		b.s("</g>\n")
	}
	if gone != "" {
		b.text(rmCardW-10, 22, textOpts{class: "k-g kam-rm-status", anchor: "end", fill: "#b03a2e"}, gone)
	} else {
		b.text(rmCardW-10, 22, textOpts{class: "k-g", anchor: "end", fill: st.stroke}, ratingLabel(bi.Rating))
	}

	b.text(10, 48, textOpts{class: "k-n"}, fit(name, rmCardW-20, 13*boldWiden))
	b.text(10, 65, textOpts{class: "k-t"}, fit(title, rmCardW-20, 11))
	b.text(10, 82, textOpts{class: "k-t"}, fit(modeLabel(bi.Mode, l), rmCardW-20, 11))
	b.text(10, 98, textOpts{class: "k-m"}, txtInfluence.In(l)+": "+influenceLabel(bi.Influence, l))

	if bi.VITO {
		// A crown tab on the card's top edge.
		b.rect(rmCardW-70, -11, 60, 18, 9, "kam-rm-vito", "#f4c430", "#9a7400", 1, "")
		b.text(rmCardW-40, 2.5, textOpts{class: "k-v", anchor: "middle", fill: "#3d2e00"}, "♛ VITO")
	}
	if !linked {
		b.s("</g>\n")
	}
	b.linkClose(linked)
	b.s("</g>\n")
}

// ourSide draws our counterpart's box at (x, y).
func ourSide(b *svgBuf, x, y float64, bi *kam.BuyingInfluence, users map[int64]string, l kam.Locale) {
	name, known := "", false
	if bi.CounterpartID != 0 {
		name, known = users[bi.CounterpartID]
		if !known || name == "" {
			name, known = "#"+strconv.FormatInt(bi.CounterpartID, 10), true
		}
	}
	b.s(`<g class="kam-rm-ours" transform="translate(`, num(x), `,`, num(y), `)">`, "\n")
	if known {
		b.rect(0, 0, rmOurW, rmOurH, 6, "", "#eef3fa", "#2c6fbb", 1.2, "")
	} else {
		b.rect(0, 0, rmOurW, rmOurH, 6, "kam-missing", "#fafafa", "#999", 1.2, `stroke-dasharray="4 3"`)
	}
	b.text(8, 15, textOpts{class: "k-o"}, txtOurSide.In(l))
	if known {
		b.text(8, 31, textOpts{class: "k-on"}, fit(name, rmOurW-16, 12*boldWiden))
		if t, ok := relLevelLabel(bi.RelationshipLevel, l); ok {
			b.text(8, 46, textOpts{class: "k-r"}, fit(t, rmOurW-16, 10))
		}
	} else {
		b.text(8, 30, textOpts{class: "k-x", fill: "#a33"}, fit(txtNoCounterpart.In(l), rmOurW-16, 11))
	}
	b.text(8, 60, textOpts{class: "k-m"}, txtContact.In(l)+": "+contactLevelLabel(bi.ContactLevel, l))
	b.s("</g>\n")
}

// rmLegend draws the relationship map's key: four rows at (x, y).
func rmLegend(b *svgBuf, x, y float64, l kam.Locale) {
	const col = 150.0
	head := textOpts{weight: "600", size: 11}
	small := textOpts{size: 11}
	b.s(`<g class="kam-legend" fill="#333">`, "\n")

	b.text(x, y+4, head, txtSupport.In(l))
	for i, s := range []kam.Support{kam.SupportSupports, kam.SupportNeutral, kam.SupportOpposes, kam.SupportUnknown} {
		st := supportStyle[s]
		cx := x + 90 + float64(i)*col
		b.rect(cx, y-7, 22, 14, 3, "", st.fill, st.stroke, 1.2, "")
		b.text(cx+11, y+4, textOpts{size: 10, weight: "700", anchor: "middle", fill: st.stroke}, kam.Short(s).EN)
		b.text(cx+28, y+4, small, supportLabel(s, l))
	}

	y += 24
	b.text(x, y+4, head, txtInfluenceHead.In(l))
	for i, v := range []kam.Influence{kam.InfluenceHigh, kam.InfluenceMedium, kam.InfluenceLow, kam.InfluenceUnknown} {
		r := influenceRing[v]
		cx := x + 90 + float64(i)*col
		b.rect(cx, y-7, 22, 14, 3, "", "#fff", "#555", r.width, r.dash)
		b.text(cx+28, y+4, small, influenceLabel(v, l))
	}

	y += 24
	b.text(x, y+4, head, txtContactLine.In(l))
	for i, v := range []kam.ContactLevel{kam.ContactFrequent, kam.ContactRare, kam.ContactNone, kam.ContactUnknown} {
		cx := x + 90 + float64(i)*col
		b.s(`<line x1="`, num(cx), `" y1="`, num(y), `" x2="`, num(cx+24), `" y2="`, num(y), `" `, contactLine[v], `/>`, "\n")
		b.text(cx+30, y+4, small, contactLevelLabel(v, l))
	}

	y += 24
	b.text(x, y+4, head, txtRoles.In(l))
	cx := x + 90
	for _, r := range roleInfo {
		b.rect(cx, y-8, 16, 16, 3, "", "#34495e", "", 0, "")
		b.text(cx+8, y+4, textOpts{size: 10, weight: "700", anchor: "middle", fill: "#fff"}, r.letter)
		name := r.t.In(l)
		b.text(cx+21, y+4, small, name)
		cx += 21 + pxWidth(name, 11) + 16
	}
	b.rect(cx, y-8, 48, 16, 8, "", "#f4c430", "#9a7400", 1, "")
	b.text(cx+24, y+4, textOpts{size: 10, weight: "700", anchor: "middle", fill: "#3d2e00"}, "♛ VITO")
	b.text(cx+54, y+4, small, txtVITOLong.In(l))
	b.s("</g>\n")
}

// mapLinks returns the live influences and conflicts-with lines between the
// map's buyers, and from contacts not yet buyers (who have not left) to a
// buyer, in a stable order, with those contacts (the unseen influencers) by
// id.
func mapLinks(pic *kam.OpportunityPicture, buyers map[int64]*kam.BuyingInfluence, contacts map[int64]*kam.Contact) ([]kam.ContactLink, []int64) {
	var links []kam.ContactLink
	var unseen []int64
	for _, k := range pic.ContactLinks {
		if k.DeletedAt != nil || k.FromContactID == k.ToContactID || (k.Kind != kam.LinkInfluences && k.Kind != kam.LinkConflictsWith) {
			continue
		}
		_, from := buyers[k.FromContactID]
		_, to := buyers[k.ToContactID]
		if !to {
			continue
		}
		if !from {
			c := contacts[k.FromContactID]
			if k.Kind != kam.LinkInfluences || c == nil || c.Status == kam.ContactLeft || c.Status == kam.ContactMoved {
				continue
			}
			if !slices.Contains(unseen, c.ID) {
				unseen = append(unseen, c.ID)
			}
		}
		links = append(links, k)
	}
	slices.Sort(unseen)
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
	return links, unseen
}

// unseenCard draws a contact who influences a buyer but is not one: dashed,
// and marked as not yet a buyer.
func unseenCard(b *svgBuf, x, y float64, c *kam.Contact, in MapInput, l kam.Locale) {
	name, title := txtUnknownPerson.In(l), ""
	if c != nil {
		name, title = c.Name, c.Title
	}
	b.s(`<g class="kam-rm-unseen" transform="translate(`, num(x), `,`, num(y), `)">`, "\n")
	linked := false
	if in.Href != nil && c != nil {
		linked = b.linkOpen(in.Href(c.ID), "")
	}
	full := name
	if title != "" {
		full += " · " + title
	}
	b.s("<title>", esc(full+" · "+txtNotYetBuyer.In(l)), "</title>\n")
	b.rect(0, 0, rmUnseenW, rmUnseenH, 8, "", "#ffffff", "#2c6fbb", 1.4, `stroke-dasharray="6 4"`)
	b.text(10, 20, textOpts{class: "k-n"}, fit(name, rmUnseenW-20, 13*boldWiden))
	b.text(10, 38, textOpts{class: "k-o"}, fit(txtNotYetBuyer.In(l), rmUnseenW-20, 9.5))
	b.linkClose(linked)
	b.s("</g>\n")
}

// rmLinksLegend draws the legend's row of dotted lines at (x, y), with the
// unseen influencer's card when the map shows one.
func rmLinksLegend(b *svgBuf, x, y float64, unseen bool, l kam.Locale) {
	small := textOpts{size: 11}
	b.s(`<g class="kam-legend" fill="#333">`, "\n")
	b.text(x, y+4, textOpts{weight: "600", size: 11}, txtDottedLines.In(l))
	cx := x + 90
	b.s(`<path class="kam-legend-line" d="M`, num(cx), `,`, num(y), `H`, num(cx+30), `" fill="none" stroke="#2c6fbb" stroke-width="1.8" stroke-dasharray="2 3" marker-end="url(#kam-rm-arrow)"/>`, "\n")
	b.text(cx+36, y+4, small, txtInfluences.In(l))
	cx += 46 + pxWidth(txtInfluences.In(l), 11) + 14
	b.line(cx, y, cx+30, y, "", "#c0392b", 1.8, `stroke-dasharray="9 3 2 3"`)
	b.text(cx+36, y+4, small, txtConflicts.In(l))
	cx += 46 + pxWidth(txtConflicts.In(l), 11) + 14
	if unseen {
		b.rect(cx, y-8, 30, 16, 4, "", "#fff", "#2c6fbb", 1.4, `stroke-dasharray="6 4"`)
		b.text(cx+36, y+4, small, txtNotYetBuyer.In(l))
	}
	b.s("</g>\n")
}

// buyerParent is the nearest buyer up id's reporting chain, or 0. The walk
// stops at a repeat, so a cycle among non-buyers cannot hang it.
func buyerParent(id int64, contacts map[int64]*kam.Contact, buyers map[int64]*kam.BuyingInfluence) int64 {
	seen := map[int64]bool{id: true}
	for c := contacts[id]; c != nil && c.ReportsToID != 0 && !seen[c.ReportsToID]; c = contacts[c.ReportsToID] {
		if _, ok := buyers[c.ReportsToID]; ok {
			return c.ReportsToID
		}
		seen[c.ReportsToID] = true
	}
	return 0
}
