// Package loop holds the method's loop after the map, as pure functions over
// domain values: drafting the SPIN questions of a call plan from what the
// map lacks (spin.go), proposing map changes from a call's debrief
// (debrief.go), taking a review's snapshot of the judgement and reading what
// changed between two snapshots (changes.go), and the VITO's results and
// briefing (vito.go). It imports kam only and does no I/O.
package loop
