// Package method is kam's strategy engine: the red flags (小红旗) it finds by
// itself, the funnel level the data supports, deal health, the response-mode
// helper, the ideal-customer score, the funnel and quota arithmetic (漏斗原则)
// and the seller's work order.
//
// Everything here is pure: functions read domain values from package kam and
// a `now` passed in by the caller, and never touch a clock, a file or a
// database. The same inputs always give the same outputs.
package method
