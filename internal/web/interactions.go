package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"kam/internal/kam"
)

func (a *app) interactionSpecs(r *http.Request, c *call, oppID int64) ([]spec, error) {
	d, err := a.loadStrategy(r, c, oppID)
	if err != nil {
		return nil, err
	}
	users := d.users
	l := c.Locale
	s := []spec{
		{Name: "kind", Label: "f.interaction_kind", Kind: "select", Opts: optionsOf(l, kam.InteractionKinds)},
		{Name: "at", Label: "f.at", Kind: "datetime-local"},
		{Name: "objective", Label: "f.objective", Kind: "textarea", Hint: "hint.objective"},
		{Name: "outcome", Label: "f.outcome", Kind: "select", Opts: withBlank(optionsOf(l, kam.Outcomes))},
		{Name: "user_ids", Label: "f.our_side", Kind: "checks", Opts: userOpts(users)},
		{Name: "notes", Label: "f.notes", Kind: "textarea"},
	}
	fb := withBlank(optionsOf(l, kam.Feedbacks))
	for _, b := range d.Buyers {
		s = append(s, spec{Name: "feedback_" + itoa64(b.Contact.ID), Kind: "select", Opts: fb,
			Text: msg(l, "f.feedback_of", b.Contact.Name)})
	}
	return s, nil
}

func interactionForm(action string, x kam.Interaction) *Form {
	f := newForm(action)
	f.Set("kind", string(x.Kind))
	if !x.At.IsZero() {
		f.Set("at", instantValue(x.At)) // shown in the reader's zone by interactionFormPage
	}
	f.Set("objective", x.Objective)
	f.Set("outcome", string(x.Outcome))
	for _, id := range x.UserIDs {
		f.Values.Add("user_ids", itoa64(id))
	}
	f.Set("notes", x.Notes)
	for _, fb := range x.Feedback {
		f.Set("feedback_"+itoa64(fb.ContactID), string(fb.Feedback))
	}
	f.Version = x.Version
	return f
}

func readInteraction(f *Form, x *kam.Interaction) {
	x.Kind = kam.InteractionKind(f.Get("kind"))
	x.At = f.Time("at")
	x.Objective = f.Text("objective")
	x.Outcome = kam.Outcome(f.Get("outcome"))
	x.UserIDs = f.IDs("user_ids")
	x.Notes = f.Text("notes")
	x.Feedback = nil
	keys := make([]string, 0)
	for k := range f.Values {
		if strings.HasPrefix(k, "feedback_") {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := f.Get(k)
		if v == "" {
			continue
		}
		id, err := strconv.ParseInt(strings.TrimPrefix(k, "feedback_"), 10, 64)
		if err != nil || id <= 0 {
			continue
		}
		x.Feedback = append(x.Feedback, kam.ContactFeedback{ContactID: id, Feedback: kam.Feedback(v)})
	}
}

func (a *app) interactionFormPage(w http.ResponseWriter, r *http.Request, c *call, f *Form, oppID int64) error {
	specs, err := a.interactionSpecs(r, c, oppID)
	if err != nil {
		return err
	}
	localizeInstant(f, "at", c.User.Location())
	return a.renderForm(w, r, c, "funnel", msg(c.Locale, "interaction.heading"), f, specs, oppURL(oppID)+"#interactions")
}

// interactionRecords are the interactions of a sheet.
func (a *app) interactionRecords() *sheetRecord[kam.Interaction] {
	return (&sheetRecord[kam.Interaction]{
		record: record[kam.Interaction]{a: a, entity: a.svc.Interactions, form: interactionForm, read: readInteraction},
		path:   "interactions", anchor: "#interactions", formPage: a.interactionFormPage,
		oppOf: func(x kam.Interaction) int64 { return x.OpportunityID },
		onOpp: func(oppID int64) kam.Interaction { return kam.Interaction{OpportunityID: oppID} },
	}).onSheet()
}

func (a *app) newInteractionPage(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	x := kam.Interaction{Kind: kam.InteractionVisit, At: a.now().Truncate(60e9), UserIDs: []int64{c.User.ID}}
	return a.interactionFormPage(w, r, c, interactionForm(oppURL(id)+"/interactions", x), id)
}
