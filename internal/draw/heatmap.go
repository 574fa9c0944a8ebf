package draw

import (
	"strconv"

	"kam/internal/kam"
)

// Heat map geometry, in SVG user units.
const (
	hmCellW  = 40.0
	hmCellH  = 26.0
	hmRowLbl = 130.0 // the row labels' column
	hmMargin = 16.0
	hmMaxCol = 150.0 // room for the slanted column labels, at most
)

// HeatMap draws a table of counts, typically sellers (rows) × red-flag
// rules (cols): each cell is shaded by its count relative to the largest one
// and shows the count itself, so the picture never relies on colour alone.
// Rows of cells shorter than cols count the missing cells as 0; negative
// counts are drawn as 0. With no rows or no columns it draws a small "no
// data" picture.
func HeatMap(rows []string, cols []string, cells [][]int, l kam.Locale) []byte {
	if len(rows) == 0 || len(cols) == 0 {
		return noData("kam-heatmap", txtHeatMap, l)
	}
	at := func(r, c int) int {
		if r < len(cells) && c < len(cells[r]) && cells[r][c] > 0 {
			return cells[r][c]
		}
		return 0
	}
	peak := 0
	for r := range rows {
		for c := range cols {
			peak = max(peak, at(r, c))
		}
	}
	// Column labels are slanted at 45°, so they need about 0.7 of their width.
	colH := 20.0
	for _, c := range cols {
		colH = max(colH, pxWidth(fit(c, hmMaxCol, 11), 11)*0.72+12)
	}
	gridX := hmMargin + hmRowLbl
	gridY := hmMargin + 22 + colH
	w := gridX + float64(len(cols))*hmCellW + hmMargin + colH*0.72 // the last label leans right
	h := gridY + float64(len(rows))*hmCellH + hmMargin

	var b svgBuf
	b.open("kam-heatmap", w, h, txtHeatMap.In(l))
	b.text(hmMargin, hmMargin+8, textOpts{class: "kam-hm-caption", size: 14, weight: "600"}, txtHeatMap.In(l))
	for c, name := range cols {
		x := gridX + float64(c)*hmCellW + hmCellW/2
		y := gridY - 6
		b.s(`<text class="kam-hm-col" x="`, num(x), `" y="`, num(y), `" font-size="11" transform="rotate(-45 `, num(x), ` `, num(y), `)">`,
			esc(fit(name, hmMaxCol, 11)), "<title>", esc(name), "</title></text>\n")
	}
	for r, name := range rows {
		y := gridY + float64(r)*hmCellH
		b.text(gridX-8, y+hmCellH/2+4, textOpts{class: "kam-hm-row", size: 11.5, anchor: "end"}, fit(name, hmRowLbl-12, 11.5))
		for c := range cols {
			x := gridX + float64(c)*hmCellW
			n := at(r, c)
			fill, ink, op := "#f6f6f6", "#999", ""
			if n > 0 {
				k := float64(n) / float64(peak)
				op = `fill-opacity="` + num(0.15+0.75*k) + `"`
				fill, ink = "#c62828", "#222"
				if k > 0.6 {
					ink = "#fff"
				}
			}
			b.s(`<g class="kam-hm-cell">`, "<title>", esc(name), " · ", esc(cols[c]), ": ", strconv.Itoa(n), "</title>\n")
			b.rect(x+1, y+1, hmCellW-2, hmCellH-2, 3, "", fill, "", 0, op)
			weight := ""
			if n > 0 {
				weight = "600"
			}
			b.text(x+hmCellW/2, y+hmCellH/2+4, textOpts{size: 11.5, anchor: "middle", fill: ink, weight: weight}, strconv.Itoa(n))
			b.s("</g>\n")
		}
	}
	b.close()
	return b.Bytes()
}
