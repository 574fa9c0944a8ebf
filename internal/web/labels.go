package web

import "kam/internal/kam"

// labelOf returns the label of an enum value (kam.Label).
func labelOf(v any) kam.Text { return kam.Label(v) }
