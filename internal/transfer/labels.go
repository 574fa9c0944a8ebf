package transfer

import "kam/internal/kam"

// labelOf returns the label of an enum value, in the workbench's words
// (kam.Label), so that a sheet reads like the pages.
func labelOf(v any) kam.Text { return kam.Label(v) }
