package kam

import (
	"strconv"
	"strings"
)

// Multiple writes a ratio as a multiple ("1.25×", "0.2×", "3.0×"): rounded
// to two decimals, a second decimal of 0 dropped. Every surface that shows
// a coverage or a coverage needed (the web, the funnel picture, the
// Markdown report the command line prints, the resource request) writes it
// through this one function, so none rounds 1.25 to 1.2 while another
// shows 1.25.
func Multiple(x float64) string {
	s := strconv.FormatFloat(x, 'f', 2, 64)
	if strings.HasSuffix(s, "0") {
		s = s[:len(s)-1]
	}
	if s == "-0.0" {
		s = "0.0"
	}
	return s + "×"
}
