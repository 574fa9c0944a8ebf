package web

import (
	"strings"
	"testing"

	"kam/internal/draw"
)

// TestStylesheetStylesTheRelationshipMap checks that the workbench
// stylesheet carries every rule of draw.RelMapCSS: the map's texts are sized
// by those classes, not by attributes repeated on every card.
func TestStylesheetStylesTheRelationshipMap(t *testing.T) {
	t.Parallel()
	css, err := staticFS.ReadFile("static/workbench.css")
	if err != nil {
		t.Fatal(err)
	}
	for _, rule := range strings.Split(strings.TrimSpace(draw.RelMapCSS), "\n") {
		t.Run(rule, func(t *testing.T) {
			if !strings.Contains(string(css), rule) {
				t.Errorf("workbench.css lacks the rule %q", rule)
			}
		})
	}
}
