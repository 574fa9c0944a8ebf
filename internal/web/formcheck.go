package web

import (
	"errors"
	"strings"

	"kam/internal/kam"
)

// Also completes a form already refused for fields it could not read (a
// bad date, a number that is none) with the field problems of err, a
// *kam.ValidationError from the service's Check of the record the form was
// read into: one submission then reports every field at once, the date
// beside an empty name and a negative amount. Only fields the form posted
// and has no problem on yet are added. A form without problems of its own
// is left alone: the save itself validates it, with the database at hand.
func (f *Form) Also(err error) {
	var v *kam.ValidationError
	if !f.Invalid() || !errors.As(err, &v) {
		return
	}
	for k, m := range v.Fields {
		name, _, _ := strings.Cut(k, "[")
		if _, own := f.Errors[k]; own || !f.Values.Has(name) {
			continue
		}
		if _, own := f.Errors[name]; own {
			continue
		}
		f.Errors[k] = m
	}
}
