package web

import (
	"net/http"
	"slices"

	"kam/internal/kam"
)

func (a *app) acceptFinding(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f, err := formFrom(r, oppURL(id)+"/findings/accept")
	if err != nil {
		return err
	}
	note := f.Text("note")
	if !f.Invalid() {
		_, err = a.svc.AcceptFinding(r.Context(), c.Actor, id, f.Get("rule"), f.Get("subject"), note)
	} else {
		err = f.Err()
	}
	if err != nil {
		if f.Take(err) {
			return a.sheetWithError(w, r, c, id, f, func(d *strategyData) {
				d.Accept = acceptView{Rule: f.Get("rule"), Subject: f.Get("subject"), Note: f.Get("note")}
				if e, ok := f.Errors["note"]; ok {
					d.Accept.NoteError = e.In(c.Locale)
				}
				for _, e := range f.OtherErrors("note") {
					d.Accept.Other = append(d.Accept.Other, e.In(c.Locale))
				}
				d.Accept.Lost = !slices.ContainsFunc(d.Groups, func(g flagGroup) bool { return g.First.Rule == d.Accept.Rule })
			})
		}
		return err
	}
	a.flash(w, r, "flags.accepted")
	return seeOther(w, r, oppURL(id)+"#flags")
}

func (a *app) reopenFinding(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f, err := formFrom(r, oppURL(id)+"/findings/reopen")
	if err != nil {
		return err
	}
	acc := f.Int64("accepted_id")
	if f.Invalid() || acc <= 0 {
		return kam.ErrNotFound
	}
	if err := a.svc.ReopenFinding(r.Context(), c.Actor, id, acc); err != nil {
		return err
	}
	a.flash(w, r, "flags.reopened")
	return seeOther(w, r, oppURL(id)+"#flags")
}
