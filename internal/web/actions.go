package web

import (
	"net/http"

	"kam/internal/kam"
	"kam/internal/method"
)

func (a *app) actionSpecs(r *http.Request, c *call, oppID int64) ([]spec, error) {
	d, err := a.loadStrategy(r, c, oppID)
	if err != nil {
		return nil, err
	}
	users := d.users
	l := c.Locale
	var buyers, people, strengths []option
	for _, b := range d.Buyers {
		buyers = append(buyers, option{Value: itoa64(b.B.ID), Label: b.Contact.Name})
		people = append(people, option{Value: itoa64(b.Contact.ID), Label: b.Contact.Name})
	}
	for _, s := range d.SWOT[kam.SWOTStrength] {
		strengths = append(strengths, option{Value: itoa64(s.ID), Label: s.Text})
	}
	// The flags found on this deal first; every rule may be chosen.
	var rules []option
	seen := map[string]bool{}
	for _, fl := range d.V.Findings {
		if !seen[fl.Rule] {
			seen[fl.Rule] = true
			rules = append(rules, option{Value: fl.Rule, Label: fl.Title.In(l)})
		}
	}
	for _, ri := range method.Catalogue() {
		if !seen[ri.ID] {
			rules = append(rules, option{Value: ri.ID, Label: ri.Title.In(l)})
		}
	}
	return []spec{
		{Name: "title", Label: "f.action_title", Kind: "text"},
		{Name: "owner_id", Label: "f.owner", Kind: "select", Opts: withBlank(userOpts(users))},
		{Name: "due", Label: "f.due", Kind: "date"},
		{Name: "status", Label: "f.status", Kind: "select", Opts: optionsOf(l, kam.ActionStatuses)},
		{Name: "target_influence_id", Label: "f.target", Kind: "select", Opts: withBlank(buyers)},
		{Name: "participant_ids", Label: "f.participants", Kind: "checks", Opts: people},
		{Name: "addresses_rules", Label: "f.addresses", Kind: "checks", Opts: rules, Hint: "hint.addresses"},
		{Name: "strength_id", Label: "f.strength", Kind: "select", Opts: withBlank(strengths), Hint: "hint.strength"},
	}, nil
}

func actionForm(action string, x kam.Action) *Form {
	f := newForm(action)
	f.Set("title", x.Title)
	f.setID("owner_id", x.OwnerID)
	f.setDate("due", x.Due)
	f.Set("status", string(x.Status))
	f.setID("target_influence_id", x.TargetInfluenceID)
	for _, id := range x.ParticipantIDs {
		f.Values.Add("participant_ids", itoa64(id))
	}
	for _, r := range x.AddressesRules {
		f.Values.Add("addresses_rules", r)
	}
	f.setID("strength_id", x.StrengthID)
	f.Version = x.Version
	return f
}

func readAction(f *Form, x *kam.Action) {
	x.Title = f.Text("title")
	x.OwnerID = f.Int64("owner_id")
	x.Due = f.Date("due")
	x.Status = kam.ActionStatus(f.Get("status"))
	x.TargetInfluenceID = f.Int64("target_influence_id")
	x.ParticipantIDs = f.IDs("participant_ids")
	x.AddressesRules = nil
	for _, v := range f.Values["addresses_rules"] {
		if v != "" {
			x.AddressesRules = append(x.AddressesRules, v)
		}
	}
	x.StrengthID = f.Int64("strength_id")
}

func (a *app) actionFormPage(w http.ResponseWriter, r *http.Request, c *call, f *Form, oppID int64) error {
	specs, err := a.actionSpecs(r, c, oppID)
	if err != nil {
		return err
	}
	return a.renderForm(w, r, c, "funnel", msg(c.Locale, "action.heading"), f, specs, oppURL(oppID)+"#actions", "red-flag", "strength")
}

// actionRecords are the actions of a sheet. A form posted with
// "status_only" (the "done" button on the sheet) changes the status alone.
func (a *app) actionRecords() *sheetRecord[kam.Action] {
	return (&sheetRecord[kam.Action]{
		record: record[kam.Action]{a: a, entity: a.svc.Actions, form: actionForm, read: readAction,
			statusOnly: func(f *Form, x *kam.Action) { x.Status = kam.ActionStatus(f.Get("status")) }},
		path: "actions", anchor: "#actions", formPage: a.actionFormPage,
		oppOf: func(x kam.Action) int64 { return x.OpportunityID },
		onOpp: func(oppID int64) kam.Action { return kam.Action{OpportunityID: oppID} },
	}).onSheet()
}

func (a *app) newActionPage(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	x := kam.Action{Status: kam.ActionOpen, OwnerID: c.User.ID}
	if rule := r.URL.Query().Get("rule"); rule != "" {
		if _, ok := method.Rule(rule); ok {
			x.AddressesRules = []string{rule}
		}
	}
	x.TargetInfluenceID = queryID(r, "target")
	return a.actionFormPage(w, r, c, actionForm(oppURL(id)+"/actions", x), id)
}
