// Package draw renders kam's pictures as inline SVG: the org chart, the
// relationship map of one opportunity, the funnel, and a heat map of red flags.
//
// Every function returns complete, well-formed SVG markup in which all user
// text is XML-escaped (invalid UTF-8 is replaced by U+FFFD), so a page may
// embed it as template.HTML. The output carries no scripts, no external fonts
// and no assets. It is deterministic: the same input gives the same bytes,
// whatever the order of the input slices, which keeps golden files stable.
//
// The root element has the classes "kam-svg" and "kam-<picture>", a viewBox,
// a natural width and height, role="img", an aria-label and a <title>. Pages
// make it shrink on narrow screens with CSS such as
// `.kam-svg{max-width:100%;height:auto}`. Colours that carry meaning are
// presentation attributes, so the picture reads well without the page's CSS;
// the relationship map sizes its texts with short classes the page styles
// (RelMapCSS) to stay light. Colour is never the only signal (symbols,
// letters, line styles and text say the same thing).
package draw

import (
	"bytes"
	"encoding/xml"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"kam/internal/kam"
)

// fontFamily lists system fonts only: the pictures load nothing from the network.
const fontFamily = `system-ui,-apple-system,'Segoe UI','PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC',sans-serif`

// esc returns s escaped for XML text and attribute values. Invalid UTF-8 and
// characters XML forbids become U+FFFD, so the result always parses.
func esc(s string) string {
	var b strings.Builder
	// EscapeText never fails when writing to a strings.Builder.
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// num formats a coordinate with at most one decimal, so output is stable.
func num(v float64) string {
	v = math.Round(v*10) / 10
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// svgBuf accumulates markup. Only the helpers that take user text escape it;
// the others receive constants and numbers.
type svgBuf struct {
	bytes.Buffer
}

func (b *svgBuf) s(parts ...string) {
	for _, p := range parts {
		b.WriteString(p)
	}
}

// open writes the root element and its title.
func (b *svgBuf) open(class string, w, h float64, label string) {
	b.s(`<svg xmlns="http://www.w3.org/2000/svg" class="kam-svg `, class,
		`" viewBox="0 0 `, num(w), ` `, num(h), `" width="`, num(w), `" height="`, num(h),
		`" role="img" aria-label="`, esc(label), `" font-family="`, fontFamily,
		`" font-size="12" fill="#222">`, "\n",
		`<title>`, esc(label), `</title>`, "\n")
}

func (b *svgBuf) close() { b.s("</svg>\n") }

// textOpts are the presentation attributes of one <text>.
type textOpts struct {
	class  string
	size   float64 // 0: inherit
	weight string
	anchor string // start (default), middle, end
	fill   string
}

// text writes one escaped line of text at (x, y).
func (b *svgBuf) text(x, y float64, o textOpts, s string) {
	b.s(`<text x="`, num(x), `" y="`, num(y), `"`)
	if o.class != "" {
		b.s(` class="`, o.class, `"`)
	}
	if o.size != 0 {
		b.s(` font-size="`, num(o.size), `"`)
	}
	if o.weight != "" {
		b.s(` font-weight="`, o.weight, `"`)
	}
	if o.anchor != "" && o.anchor != "start" {
		b.s(` text-anchor="`, o.anchor, `"`)
	}
	if o.fill != "" {
		b.s(` fill="`, o.fill, `"`)
	}
	b.s(`>`, esc(s), "</text>\n")
}

// rect writes a rectangle; extra holds further constant attributes.
func (b *svgBuf) rect(x, y, w, h, rx float64, class, fill, stroke string, strokeW float64, extra string) {
	b.s(`<rect`)
	if class != "" {
		b.s(` class="`, class, `"`)
	}
	if x != 0 {
		b.s(` x="`, num(x), `"`)
	}
	if y != 0 {
		b.s(` y="`, num(y), `"`)
	}
	b.s(` width="`, num(w), `" height="`, num(h), `"`)
	if rx != 0 {
		b.s(` rx="`, num(rx), `"`)
	}
	b.s(` fill="`, fill, `"`)
	if stroke != "" {
		b.s(` stroke="`, stroke, `" stroke-width="`, num(strokeW), `"`)
	}
	if extra != "" {
		b.s(` `, extra)
	}
	b.s("/>\n")
}

// line writes a straight line; extra holds further constant attributes.
func (b *svgBuf) line(x1, y1, x2, y2 float64, class, stroke string, w float64, extra string) {
	b.s(`<line`)
	if class != "" {
		b.s(` class="`, class, `"`)
	}
	b.s(` x1="`, num(x1), `" y1="`, num(y1), `" x2="`, num(x2), `" y2="`, num(y2),
		`" stroke="`, stroke, `" stroke-width="`, num(w), `"`)
	if extra != "" {
		b.s(` `, extra)
	}
	b.s("/>\n")
}

// linkOpen starts an <a> to href when href is safe to follow, and reports
// whether it did; the caller closes it with linkClose. An empty label writes
// no aria-label: the caller names the link with a <title> inside it.
func (b *svgBuf) linkOpen(href, label string) bool {
	if !safeHref(href) {
		return false
	}
	b.s(`<a class="kam-link" href="`, esc(href), `"`)
	if label != "" {
		b.s(` aria-label="`, esc(label), `"`)
	}
	b.s(">\n")
	return true
}

func (b *svgBuf) linkClose(opened bool) {
	if opened {
		b.s("</a>\n")
	}
}

// safeHref accepts relative references and http(s) URLs only, so a bad Href
// can never produce a javascript: or data: link.
func safeHref(h string) bool {
	if h == "" || !utf8.ValidString(h) {
		return false
	}
	lower := strings.ToLower(h)
	if strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://") {
		return true
	}
	if strings.HasPrefix(h, "//") || strings.HasPrefix(h, `/\`) {
		return false // protocol-relative: another host
	}
	// A scheme is anything before the first ':' that comes before '/', '?' or '#'.
	if i := strings.IndexAny(h, ":/?#"); i >= 0 && h[i] == ':' {
		return false
	}
	for _, r := range h {
		if r < 0x20 || r == 0x7f {
			return false
		}
	}
	return true
}

// noData is the small picture drawn when there is nothing to draw.
func noData(class string, title kam.Text, l kam.Locale) []byte {
	var b svgBuf
	label := title.In(l) + " · " + txtNoData.In(l)
	b.open(class+" kam-empty", 320, 80, label)
	b.rect(0.5, 0.5, 319, 79, 8, "kam-empty-frame", "#fafafa", "#c8c8c8", 1, `stroke-dasharray="4 3"`)
	b.text(160, 36, textOpts{anchor: "middle", size: 13, fill: "#666", class: "kam-muted"}, title.In(l))
	b.text(160, 56, textOpts{anchor: "middle", size: 12, fill: "#888", class: "kam-muted"}, txtNoData.In(l))
	b.close()
	return b.Bytes()
}

// runeWidth is a rune's width in half-em units: East Asian wide characters
// count 2, everything else 1. It is an estimate good enough to truncate labels.
func runeWidth(r rune) int {
	switch {
	case r >= 0x1100 && r <= 0x115F,
		r >= 0x2E80 && r <= 0xA4CF && r != 0x303F,
		r >= 0xAC00 && r <= 0xD7A3,
		r >= 0xF900 && r <= 0xFAFF,
		r >= 0xFE30 && r <= 0xFE4F,
		r >= 0xFF00 && r <= 0xFF60,
		r >= 0xFFE0 && r <= 0xFFE6,
		r >= 0x1F300 && r <= 0x1F64F,
		r >= 0x1F900 && r <= 0x1F9FF,
		r >= 0x20000 && r <= 0x3FFFD:
		return 2
	}
	return 1
}

// textWidth is the width of s in half-em units (see runeWidth).
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

// unitPx is the assumed width of one half-em unit as a fraction of the font
// size: Latin letters average a little over half an em.
const unitPx = 0.56

// boldWiden scales the font size given to fit and pxWidth for bold text,
// which runs about a tenth wider.
const boldWiden = 1.1

// pxWidth estimates the rendered width of s at the given font size.
func pxWidth(s string, size float64) float64 {
	return float64(textWidth(s)) * unitPx * size
}

// fit truncates s with "…" so it takes at most px pixels at the given font
// size. Invalid UTF-8 is replaced first so truncation never splits a byte
// sequence.
func fit(s string, px, size float64) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Join(strings.Fields(s), " ")        // newlines and tabs would not render
	max := int(math.Floor(px/(unitPx*size) + 1e-9)) // 56/5.6 must be 10, not 9.99…
	if textWidth(s) <= max {
		return s
	}
	const ellipsisW = 2 // "…" is wide in CJK fonts
	var b strings.Builder
	w := 0
	for _, r := range s {
		rw := runeWidth(r)
		if w+rw+ellipsisW > max {
			break
		}
		b.WriteRune(r)
		w += rw
	}
	return strings.TrimRight(b.String(), " ") + "…"
}

// groupDigits formats n with a comma every three digits.
func groupDigits(n int64) string {
	neg := n < 0
	u := uint64(n)
	if neg {
		u = uint64(-(n + 1)) + 1 // safe for math.MinInt64
	}
	s := strconv.FormatUint(u, 10)
	var b strings.Builder
	if neg {
		b.WriteString("−") // U+2212 minus sign
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// scaled formats hundredths as "int.frac" with grouped digits and no
// trailing zeros: 150 → "1.5", 200 → "2".
func scaled(hundredths uint64) string {
	s := groupDigits(int64(hundredths / 100))
	frac := hundredths % 100
	switch {
	case frac == 0:
		return s
	case frac%10 == 0:
		return s + "." + strconv.FormatUint(frac/10, 10)
	case frac < 10:
		return s + ".0" + strconv.FormatUint(frac, 10)
	}
	return s + "." + strconv.FormatUint(frac, 10)
}

// formatAmount formats money for locale l: "CNY 12,345,678" in English,
// "1,234.57万元" in Chinese (万 from ten thousand, 亿 from a hundred million).
func formatAmount(n int64, currency string, l kam.Locale) string {
	currency = strings.TrimSpace(currency)
	if l != kam.LocaleZH {
		if currency == "" {
			return groupDigits(n)
		}
		return currency + " " + groupDigits(n)
	}
	neg := n < 0
	u := uint64(n)
	if neg {
		u = uint64(-(n + 1)) + 1
	}
	var s string
	switch wan := (u + 50) / 100; {
	case u < 10_000:
		s = strconv.FormatUint(u, 10)
	case wan < 1_000_000: // below 10,000.00万
		s = scaled(wan) + "万"
	default:
		s = scaled((u+500_000)/1_000_000) + "亿"
	}
	if neg {
		s = "−" + s
	}
	switch strings.ToUpper(currency) {
	case "", "CNY", "RMB":
		return s + "元"
	}
	return s + " " + currency
}

// percent formats a fraction 0…1 as a whole percentage, clamped.
func percent(f float64) string {
	if math.IsNaN(f) || f < 0 {
		f = 0
	}
	if f > 1 {
		f = 1
	}
	return strconv.Itoa(int(math.Round(f*100))) + "%"
}
