package web

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"kam/internal/draw"
	"kam/internal/kam"
	"kam/internal/method"
	"kam/internal/service"
)

// strategyRoutes are the strategy sheet (策略表) of an opportunity and every
// form on it: the opportunity, its buying influences, red flags, SWOT,
// actions and interactions.
func (a *app) strategyRoutes() []route {
	opps, buyers, modes := a.opportunityRecords(), a.buyerRecords(), a.modeRecords()
	swot, actions, interactions := a.swotRecords(), a.actionRecords(), a.interactionRecords()
	return []route{
		{Method: "GET", Path: "/opportunities/new", Handle: a.newOpportunityPage},
		{Method: "POST", Path: "/opportunities", Handle: opps.create},
		// {id} is "7" for the sheet, "7.md" for its Markdown copy.
		{Method: "GET", Path: "/opportunities/{id}", Entity: "opportunity", Handle: a.strategyPage},
		{Method: "GET", Path: "/opportunities/{id}/print", Entity: "opportunity", Handle: a.strategyPrint},
		{Method: "GET", Path: "/opportunities/{id}/edit", Entity: "opportunity", Handle: opps.editPage},
		{Method: "POST", Path: "/opportunities/{id}", Entity: "opportunity", Handle: opps.update},
		{Method: "POST", Path: "/opportunities/{id}/delete", Entity: "opportunity", Handle: opps.delete},
		{Method: "GET", Path: "/opportunities/{id}/buyers/new", Entity: "opportunity", Handle: a.newBuyerPage},
		{Method: "POST", Path: "/opportunities/{id}/buyers", Entity: "opportunity", Handle: buyers.create},
		{Method: "GET", Path: "/influences/{id}/edit", Entity: "buying_influence", Handle: buyers.editPage},
		{Method: "POST", Path: "/influences/{id}", Entity: "buying_influence", Handle: buyers.update},
		{Method: "POST", Path: "/influences/{id}/delete", Entity: "buying_influence", Handle: buyers.delete},
		{Method: "GET", Path: "/influences/{id}/mode", Entity: "buying_influence", Handle: a.modeHelper},
		{Method: "POST", Path: "/influences/{id}/mode", Entity: "buying_influence", Handle: modes.update},
		{Method: "POST", Path: "/opportunities/{id}/findings/accept", Entity: "opportunity", Handle: a.acceptFinding},
		{Method: "POST", Path: "/opportunities/{id}/findings/reopen", Entity: "opportunity", Handle: a.reopenFinding},
		{Method: "POST", Path: "/opportunities/{id}/swot", Entity: "opportunity", Handle: a.createSWOT},
		{Method: "GET", Path: "/swot/{id}/edit", Entity: "swot_item", Handle: swot.editPage},
		{Method: "POST", Path: "/swot/{id}", Entity: "swot_item", Handle: swot.update},
		{Method: "POST", Path: "/swot/{id}/delete", Entity: "swot_item", Handle: swot.delete},
		{Method: "GET", Path: "/opportunities/{id}/actions/new", Entity: "opportunity", Handle: a.newActionPage},
		{Method: "POST", Path: "/opportunities/{id}/actions", Entity: "opportunity", Handle: actions.create},
		{Method: "GET", Path: "/actions/{id}/edit", Entity: "action", Handle: actions.editPage},
		{Method: "POST", Path: "/actions/{id}", Entity: "action", Handle: actions.update},
		{Method: "POST", Path: "/actions/{id}/delete", Entity: "action", Handle: actions.delete},
		{Method: "GET", Path: "/opportunities/{id}/interactions/new", Entity: "opportunity", Handle: a.newInteractionPage},
		{Method: "POST", Path: "/opportunities/{id}/interactions", Entity: "opportunity", Handle: interactions.create},
		{Method: "GET", Path: "/interactions/{id}/edit", Entity: "interaction", Handle: interactions.editPage},
		{Method: "POST", Path: "/interactions/{id}", Entity: "interaction", Handle: interactions.update},
		{Method: "POST", Path: "/interactions/{id}/delete", Entity: "interaction", Handle: interactions.delete},
	}
}

func oppURL(id int64) string { return "/opportunities/" + itoa64(id) }

// buyerRow is one line of the buying-influence table.
type buyerRow struct {
	B           kam.BuyingInfluence
	Contact     kam.Contact
	Counterpart string
	Departed    bool
	// Counterparts are the row's counterpart choices: the shared ones, or
	// (rarely) those plus a disabled user the buyer still has.
	Counterparts []option
}

// flagView is a red flag with the contacts its candidates name.
type flagView struct {
	method.Finding
	Subject string // the buyer's name, or "" for the whole deal
}

// flagGroup is one rule's open red flags: the why and what-to-do once,
// then each subject (buyer) it was raised on.
type flagGroup struct {
	First flagView
	Items []flagView
}

// strategyData is what the strategy sheet and its print view show.
type strategyData struct {
	V            service.StrategyView
	Opp          kam.Opportunity
	Owner        string
	Buyers       []buyerRow
	Open         []flagView
	Groups       []flagGroup
	Accepted     []flagView
	SWOT         map[kam.SWOTKind][]kam.SWOTItem
	SWOTKinds    []kam.SWOTKind
	Actions      []kam.Action
	Interactions []kam.Interaction
	Map          []byte
	Users        map[int64]string
	// users are the users the actor may see, for the forms' choices.
	users     []kam.User
	Contacts  map[int64]string
	Strengths map[int64]string
	SWOTForm  *Form
	// Accept is a refused accept-flag form, shown again on its own flag.
	Accept acceptView
	Opts   buyerOpts
	Today  kam.Date
}

// acceptView is a refused accept-flag form: which flag, what the user
// typed and chose, the note's error beside the note and any other error
// inside the same form.
type acceptView struct {
	Rule, Subject, Note string
	NoteError           string
	Other               []string
	// Lost: the flag is no longer open, so the errors are shown above the
	// red flags instead.
	Lost bool
}

// buyerOpts are the choices of the in-place buyer row forms, made once.
type buyerOpts struct {
	Roles        []option
	Influence    []option
	Rating       []option
	ContactLevel []option
	Mode         []option
	Counterpart  []option
	Relationship []option
}

func (a *app) loadStrategy(r *http.Request, c *call, id int64) (*strategyData, error) {
	v, err := a.svc.Strategy(r.Context(), c.Actor, id)
	if err != nil {
		return nil, err
	}
	users, err := a.usersFor(r.Context(), c)
	if err != nil {
		return nil, err
	}
	names := userNames(users)
	d := &strategyData{V: v, Opp: v.Opportunity, Owner: names[v.Opportunity.OwnerID], Users: names, users: users,
		Contacts: map[int64]string{}, Strengths: map[int64]string{}, SWOT: map[kam.SWOTKind][]kam.SWOTItem{},
		SWOTKinds: kam.SWOTKinds, SWOTForm: newForm(oppURL(id) + "/swot"), Today: kam.DateOf(a.now().In(c.User.Location()))}
	contacts := map[int64]kam.Contact{}
	for _, ct := range v.Contacts {
		contacts[ct.ID] = ct
		d.Contacts[ct.ID] = ct.Name
	}
	byInfluence := map[int64]string{}
	for _, b := range v.Influences {
		ct := contacts[b.ContactID]
		d.Buyers = append(d.Buyers, buyerRow{B: b, Contact: ct, Counterpart: names[b.CounterpartID], Departed: ct.Status.Gone()})
		byInfluence[b.ID] = ct.Name
	}
	for _, f := range v.Findings {
		fv := flagView{Finding: f, Subject: byInfluence[f.InfluenceID]}
		if f.Open() {
			d.Open = append(d.Open, fv)
			if n := len(d.Groups); n > 0 && d.Groups[n-1].First.Rule == f.Rule {
				d.Groups[n-1].Items = append(d.Groups[n-1].Items, fv)
			} else {
				d.Groups = append(d.Groups, flagGroup{First: fv, Items: []flagView{fv}})
			}
		} else {
			d.Accepted = append(d.Accepted, fv)
		}
	}
	for _, s := range v.SWOT {
		d.SWOT[s.Kind] = append(d.SWOT[s.Kind], s)
		if s.Kind == kam.SWOTStrength {
			d.Strengths[s.ID] = s.Text
		}
	}
	d.Actions = slices.Clone(v.Actions)
	slices.SortStableFunc(d.Actions, func(x, y kam.Action) int {
		if c := boolCmp(x.Status != kam.ActionOpen, y.Status != kam.ActionOpen); c != 0 {
			return c
		}
		return cmp.Compare(x.Due.String(), y.Due.String())
	})
	d.Interactions = slices.Clone(v.Interactions)
	slices.SortStableFunc(d.Interactions, func(x, y kam.Interaction) int { return y.At.Compare(x.At) })
	d.Map = draw.RelationshipMap(draw.MapInput{Picture: v.OpportunityPicture, Users: names,
		Href: func(id int64) string { return "/contacts/" + itoa64(id) }}, c.Locale)
	l := c.Locale
	d.Opts = buyerOpts{
		Roles:        optionsOf(l, kam.BuyingRoles),
		Influence:    optionsOf(l, kam.Influences),
		Rating:       withBlank(numberOpts(-5, 5)),
		ContactLevel: optionsOf(l, kam.ContactLevels),
		Mode:         optionsOf(l, kam.ResponseModes),
		Counterpart:  withBlank(userOpts(users)),
		Relationship: withBlank(optionsOf(l, kam.RelationshipLevels)),
	}
	for i := range d.Buyers {
		d.Buyers[i].Counterparts = withUser(d.Opts.Counterpart, users, d.Buyers[i].B.CounterpartID)
	}
	return d, nil
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// strategyPage is the strategy sheet, or its Markdown copy for "{id}.md".
func (a *app) strategyPage(w http.ResponseWriter, r *http.Request, c *call) error {
	raw := r.PathValue("id")
	md := strings.HasSuffix(raw, ".md")
	id, err := strconv.ParseInt(strings.TrimSuffix(raw, ".md"), 10, 64)
	if err != nil || id <= 0 {
		return kam.ErrNotFound
	}
	d, err := a.loadStrategy(r, c, id)
	if err != nil {
		return err
	}
	if md {
		w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
		w.Header().Set("Content-Language", string(c.Locale))
		_, err := w.Write([]byte(strategyMarkdown(d, c.Locale)))
		return err
	}
	return a.renderPage(w, r, c, http.StatusOK, "strategy", &Page{Section: "funnel", Title: d.Opp.Name, Data: d})
}

func (a *app) strategyPrint(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	d, err := a.loadStrategy(r, c, id)
	if err != nil {
		return err
	}
	return a.renderPage(w, r, c, http.StatusOK, "strategy_print", &Page{Section: "funnel", Title: d.Opp.Name, Data: d})
}

// sheetWithError shows the sheet again with a refused small form; put
// places the form (its values and errors) where it is shown.
func (a *app) sheetWithError(w http.ResponseWriter, r *http.Request, c *call, id int64, f *Form, put func(d *strategyData)) error {
	d, err := a.loadStrategy(r, c, id)
	if err != nil {
		return err
	}
	put(d)
	return a.renderPage(w, r, c, f.Status(), "strategy", &Page{Section: "funnel", Title: d.Opp.Name, Data: d})
}
