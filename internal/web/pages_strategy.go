package web

import (
	"cmp"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"kam/internal/draw"
	"kam/internal/kam"
	"kam/internal/method"
	"kam/internal/service"
	"kam/internal/store"
)

// strategyRoutes are the strategy sheet (策略表) of an opportunity and every
// form on it: the opportunity, its buying influences, red flags, SWOT,
// actions and interactions.
func (a *app) strategyRoutes() []route {
	swot, actions, interactions := a.swotRecords(), a.actionRecords(), a.interactionRecords()
	return []route{
		{Method: "GET", Path: "/opportunities/new", Handle: a.newOpportunityPage},
		{Method: "POST", Path: "/opportunities", Handle: a.createOpportunity},
		// {id} is "7" for the sheet, "7.md" for its Markdown copy.
		{Method: "GET", Path: "/opportunities/{id}", Entity: "opportunity", Handle: a.strategyPage},
		{Method: "GET", Path: "/opportunities/{id}/print", Entity: "opportunity", Handle: a.strategyPrint},
		{Method: "GET", Path: "/opportunities/{id}/edit", Entity: "opportunity", Handle: a.editOpportunityPage},
		{Method: "POST", Path: "/opportunities/{id}", Entity: "opportunity", Handle: a.updateOpportunity},
		{Method: "POST", Path: "/opportunities/{id}/delete", Entity: "opportunity", Handle: a.deleteOpportunity},
		{Method: "GET", Path: "/opportunities/{id}/buyers/new", Entity: "opportunity", Handle: a.newBuyerPage},
		{Method: "POST", Path: "/opportunities/{id}/buyers", Entity: "opportunity", Handle: a.createBuyer},
		{Method: "GET", Path: "/influences/{id}/edit", Entity: "buying_influence", Handle: a.editBuyerPage},
		{Method: "POST", Path: "/influences/{id}", Entity: "buying_influence", Handle: a.updateBuyer},
		{Method: "POST", Path: "/influences/{id}/delete", Entity: "buying_influence", Handle: a.deleteBuyer},
		{Method: "GET", Path: "/influences/{id}/mode", Entity: "buying_influence", Handle: a.modeHelper},
		{Method: "POST", Path: "/influences/{id}/mode", Entity: "buying_influence", Handle: a.setMode},
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
	Contacts     map[int64]string
	Strengths    map[int64]string
	SWOTForm     *Form
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
	d := &strategyData{V: v, Opp: v.Opportunity, Owner: names[v.Opportunity.OwnerID], Users: names,
		Contacts: map[int64]string{}, Strengths: map[int64]string{}, SWOT: map[kam.SWOTKind][]kam.SWOTItem{},
		SWOTKinds: kam.SWOTKinds, SWOTForm: newForm(oppURL(id) + "/swot"), Today: kam.DateOf(a.now())}
	contacts := map[int64]kam.Contact{}
	for _, ct := range v.Contacts {
		contacts[ct.ID] = ct
		d.Contacts[ct.ID] = ct.Name
	}
	byInfluence := map[int64]string{}
	for _, b := range v.Influences {
		ct := contacts[b.ContactID]
		d.Buyers = append(d.Buyers, buyerRow{B: b, Contact: ct, Counterpart: names[b.CounterpartID], Departed: ct.Status != kam.ContactActive && ct.Status != ""})
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

// --- The opportunity -------------------------------------------------------

func (a *app) opportunitySpecs(r *http.Request, c *call, withAccount bool) ([]spec, error) {
	users, err := a.usersFor(r.Context(), c)
	if err != nil {
		return nil, err
	}
	l := c.Locale
	var s []spec
	if withAccount {
		s = append(s, spec{Name: "account_id", Kind: "hidden"})
	}
	return append(s,
		spec{Name: "name", Label: "f.opp_name", Kind: "text"},
		spec{Name: "product", Label: "f.product", Kind: "text", Hint: "hint.single_objective"},
		spec{Name: "amount", Label: "f.amount", Kind: "number"},
		spec{Name: "currency", Label: "f.currency", Kind: "text"},
		spec{Name: "close_date", Label: "f.close_date", Kind: "date"},
		spec{Name: "level", Label: "f.level", Kind: "select", Opts: optionsOf(l, kam.FunnelLevels)},
		spec{Name: "position", Label: "f.position", Kind: "select", Opts: withBlank(positionOpts(l)), Hint: "hint.position"},
		spec{Name: "engaged_on", Label: "f.engaged_on", Kind: "date"},
		spec{Name: "tender_published_on", Label: "f.tender_published_on", Kind: "date"},
		spec{Name: "competitors", Label: "f.competitors", Kind: "textarea"},
		spec{Name: "our_win", Label: "f.our_win", Kind: "textarea"},
		spec{Name: "owner_id", Label: "f.owner", Kind: "select", Opts: userOpts(users)},
	), nil
}

func positionOpts(l kam.Locale) []option {
	out := make([]option, 0, 7)
	for i := -3; i <= 3; i++ {
		out = append(out, option{Value: strconv.Itoa(i), Label: signedInt(i) + " " + msg(l, "pos."+strconv.Itoa(i))})
	}
	return out
}

func opportunityForm(action string, o kam.Opportunity) *Form {
	f := newForm(action)
	f.setID("account_id", o.AccountID)
	f.Set("name", o.Name)
	f.Set("product", o.Product)
	f.setInt("amount", o.Amount)
	f.Set("currency", o.Currency)
	f.setDate("close_date", o.CloseDate)
	f.Set("level", string(o.Level))
	f.setIntPtr("position", o.Position)
	f.setDate("engaged_on", o.EngagedOn)
	f.setDate("tender_published_on", o.TenderPublishedOn)
	f.Set("competitors", o.Competitors)
	f.Set("our_win", o.OurWin)
	f.setID("owner_id", o.OwnerID)
	f.Version = o.Version
	return f
}

func readOpportunity(f *Form, o *kam.Opportunity) {
	o.Name = f.Text("name")
	o.Product = f.Text("product")
	o.Amount = f.Int64("amount")
	o.Currency = f.Text("currency")
	o.CloseDate = f.Date("close_date")
	o.Level = kam.FunnelLevel(f.Get("level"))
	o.Position = f.IntPtr("position")
	o.EngagedOn = f.Date("engaged_on")
	o.TenderPublishedOn = f.Date("tender_published_on")
	o.Competitors = f.Text("competitors")
	o.OurWin = f.Text("our_win")
	o.OwnerID = f.Int64("owner_id")
}

func (a *app) newOpportunityPage(w http.ResponseWriter, r *http.Request, c *call) error {
	acct, err := a.svc.Accounts.Get(r.Context(), c.Actor, queryID(r, "account"))
	if err != nil {
		return err
	}
	f := opportunityForm("/opportunities", kam.Opportunity{AccountID: acct.ID, Currency: "CNY", Level: kam.LevelAbove, OwnerID: c.User.ID})
	return a.opportunityFormPage(w, r, c, f, msg(c.Locale, "opp.new", acct.Name), "/accounts/"+itoa64(acct.ID), true)
}

func (a *app) opportunityFormPage(w http.ResponseWriter, r *http.Request, c *call, f *Form, heading, back string, create bool) error {
	specs, err := a.opportunitySpecs(r, c, create)
	if err != nil {
		return err
	}
	return a.renderForm(w, r, c, "funnel", heading, f, specs, back, "single-sales-objective", "position", "funnel")
}

func (a *app) createOpportunity(w http.ResponseWriter, r *http.Request, c *call) error {
	f, err := formFrom(r, "/opportunities")
	if err != nil {
		return err
	}
	o := kam.Opportunity{AccountID: f.Int64("account_id")}
	readOpportunity(f, &o)
	f.Also(a.svc.Opportunities.Check(r.Context(), c.Actor, nil, o))
	if !f.Invalid() {
		o, err = a.svc.Opportunities.Create(r.Context(), c.Actor, o)
		if err == nil {
			a.flash(w, r, "form.saved")
			return seeOther(w, r, oppURL(o.ID))
		}
		if !f.Take(err) {
			return err
		}
	}
	return a.opportunityFormPage(w, r, c, f, msg(c.Locale, "opp.new", ""), "/accounts", true)
}

func (a *app) editOpportunityPage(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	o, err := a.svc.Opportunities.Get(r.Context(), c.Actor, id)
	if err != nil {
		return err
	}
	return a.opportunityFormPage(w, r, c, opportunityForm(oppURL(id), o), o.Name, oppURL(id), false)
}

func (a *app) updateOpportunity(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f, err := formFrom(r, oppURL(id))
	if err != nil {
		return err
	}
	var probe kam.Opportunity
	readOpportunity(f, &probe)
	f.Also(a.svc.Opportunities.Check(r.Context(), c.Actor, nil, probe))
	if !f.Invalid() {
		_, err = a.svc.Opportunities.Update(r.Context(), c.Actor, id, f.Version, func(o *kam.Opportunity) error {
			readOpportunity(f, o)
			return nil
		})
		if err == nil {
			a.flash(w, r, "form.saved")
			return seeOther(w, r, oppURL(id))
		}
		if !f.Take(err) {
			return err
		}
	}
	return a.opportunityFormPage(w, r, c, f, probe.Name, oppURL(id), false)
}

func (a *app) deleteOpportunity(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	o, err := a.svc.Opportunities.Get(r.Context(), c.Actor, id)
	if err != nil {
		return err
	}
	if err := a.svc.Opportunities.Delete(r.Context(), c.Actor, id, formVersion(r)); err != nil {
		return err
	}
	a.flash(w, r, "wb.trashed")
	return seeOther(w, r, "/accounts/"+itoa64(o.AccountID))
}

// formVersion reads the posted version of a delete button.
func formVersion(r *http.Request) int64 {
	v, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	return v
}

// --- Buying influences -----------------------------------------------------

// buyerSpecs are the fields of the buyer form; counterpart is the user the
// form holds as counterpart, offered even when disabled since.
func (a *app) buyerSpecs(r *http.Request, c *call, accountID int64, create bool, counterpart int64) ([]spec, error) {
	users, err := a.usersFor(r.Context(), c)
	if err != nil {
		return nil, err
	}
	l := c.Locale
	var s []spec
	if create {
		contacts, err := listAll(r.Context(), a.svc.Contacts, c.Actor, store.Filter{AccountID: accountID}, maxListed)
		if err != nil {
			return nil, err
		}
		opts := make([]option, 0, len(contacts))
		for _, ct := range contacts {
			label := ct.Name
			if ct.Title != "" {
				label += " · " + ct.Title
			}
			opts = append(opts, option{Value: itoa64(ct.ID), Label: label})
		}
		s = append(s, spec{Name: "contact_id", Label: "f.contact", Kind: "select", Opts: withBlank(opts)})
	}
	return append(s,
		spec{Name: "roles", Label: "f.roles", Kind: "checks", Opts: optionsOf(l, kam.BuyingRoles), Hint: "hint.roles", Terms: true},
		spec{Name: "influence", Label: "f.influence", Kind: "select", Opts: optionsOf(l, kam.Influences)},
		spec{Name: "rating", Label: "f.rating", Kind: "select", Opts: withBlank(numberOpts(-5, 5)), Hint: "hint.rating"},
		spec{Name: "contact_level", Label: "f.contact_level", Kind: "select", Opts: optionsOf(l, kam.ContactLevels)},
		spec{Name: "mode", Label: "f.mode", Kind: "select", Opts: optionsOf(l, kam.ResponseModes)},
		spec{Name: "business_result", Label: "f.business_result", Kind: "textarea"},
		spec{Name: "personal_win", Label: "f.personal_win", Kind: "textarea"},
		spec{Name: "evidence", Label: "f.evidence", Kind: "textarea"},
		spec{Name: "vito", Label: "f.vito", Kind: "checkbox", Term: "vito"},
		spec{Name: "counterpart_id", Label: "f.counterpart", Kind: "select", Opts: withUser(withBlank(userOpts(users)), users, counterpart)},
		spec{Name: "relationship_level", Label: "f.relationship_level", Kind: "select", Opts: withBlank(optionsOf(l, kam.RelationshipLevels))},
	), nil
}

// buyerBoxes are the buyer form's checkbox fields (kinds "checkbox" and
// "checks" in buyerSpecs): an unchecked box posts nothing.
var buyerBoxes = []string{"roles", "vito"}

func buyerForm(action string, b kam.BuyingInfluence) *Form {
	f := newForm(action)
	f.setID("contact_id", b.ContactID)
	for _, r := range b.Roles {
		f.Values.Add("roles", string(r))
	}
	f.Set("influence", string(b.Influence))
	f.setIntPtr("rating", b.Rating)
	f.Set("contact_level", string(b.ContactLevel))
	f.Set("mode", string(b.Mode))
	f.Set("business_result", b.BusinessResult)
	f.Set("personal_win", b.PersonalWin)
	f.Set("evidence", b.Evidence)
	f.setBool("vito", b.VITO)
	f.setID("counterpart_id", b.CounterpartID)
	f.Set("relationship_level", string(b.RelationshipLevel))
	f.Version = b.Version
	return f
}

// readBuyer applies the posted fields to b. Only fields present in the form
// change, so a row of the buyer table (which carries fewer fields than the
// full form) leaves the others as they are. The in-place row sends a hidden
// "row" marker and always carries its role boxes and its business result
// and personal win texts (an emptied text clears it); VITO and the evidence
// only come with the full form.
func readBuyer(f *Form, b *kam.BuyingInfluence) {
	has := func(k string) bool { _, ok := f.Values[k]; return ok }
	row := has("row")
	if has("roles") || !row {
		b.Roles = b.Roles[:0:0]
		for _, v := range f.Values["roles"] {
			if v != "" {
				b.Roles = append(b.Roles, kam.BuyingRole(v))
			}
		}
	}
	if has("influence") {
		b.Influence = kam.Influence(f.Get("influence"))
	}
	if has("rating") {
		b.Rating = f.IntPtr("rating")
	}
	if has("contact_level") {
		b.ContactLevel = kam.ContactLevel(f.Get("contact_level"))
	}
	if has("mode") {
		b.Mode = kam.ResponseMode(f.Get("mode"))
	}
	for _, k := range []struct {
		name string
		dst  *string
	}{{"business_result", &b.BusinessResult}, {"personal_win", &b.PersonalWin}, {"evidence", &b.Evidence}} {
		if has(k.name) {
			*k.dst = f.Text(k.name)
		}
	}
	if has("vito") || !row {
		b.VITO = slices.Contains(f.Values["vito"], "on")
	}
	if has("counterpart_id") {
		b.CounterpartID = f.Int64("counterpart_id")
	}
	if has("relationship_level") {
		b.RelationshipLevel = kam.RelationshipLevel(f.Get("relationship_level"))
	}
}

func (a *app) newBuyerPage(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	o, err := a.svc.Opportunities.Get(r.Context(), c.Actor, id)
	if err != nil {
		return err
	}
	f := buyerForm(oppURL(id)+"/buyers", kam.BuyingInfluence{Influence: kam.InfluenceUnknown, ContactLevel: kam.ContactUnknown, Mode: kam.ModeUnknown})
	if cid := queryID(r, "contact"); cid != 0 {
		f.setID("contact_id", cid)
	}
	return a.buyerFormPage(w, r, c, f, o, true)
}

func (a *app) buyerFormPage(w http.ResponseWriter, r *http.Request, c *call, f *Form, o kam.Opportunity, create bool) error {
	cp, _ := strconv.ParseInt(strings.TrimSpace(f.Get("counterpart_id")), 10, 64) // no field error from showing the form
	specs, err := a.buyerSpecs(r, c, o.AccountID, create, cp)
	if err != nil {
		return err
	}
	return a.renderForm(w, r, c, "funnel", msg(c.Locale, "buyer.heading", o.Name), f, specs, oppURL(o.ID),
		"buying-influence", "coach", "user", "technical", "economic", "support", "response-mode", "win-result", "vito", "counterpart")
}

func (a *app) createBuyer(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	o, err := a.svc.Opportunities.Get(r.Context(), c.Actor, id)
	if err != nil {
		return err
	}
	f, err := formFrom(r, oppURL(id)+"/buyers")
	if err != nil {
		return err
	}
	b := kam.BuyingInfluence{OpportunityID: id, ContactID: f.Int64("contact_id")}
	readBuyer(f, &b)
	f.Also(a.svc.BuyingInfluences.Check(r.Context(), c.Actor, nil, b))
	if !f.Invalid() {
		if _, err = a.svc.BuyingInfluences.Create(r.Context(), c.Actor, b); err == nil {
			a.flash(w, r, "form.saved")
			return seeOther(w, r, oppURL(id)+"#buyers")
		}
		if !f.Take(err) {
			return err
		}
	}
	return a.buyerFormPage(w, r, c, f, o, true)
}

func (a *app) buyerAndOpp(r *http.Request, c *call) (kam.BuyingInfluence, kam.Opportunity, error) {
	id, err := pathID(r)
	if err != nil {
		return kam.BuyingInfluence{}, kam.Opportunity{}, err
	}
	b, err := a.svc.BuyingInfluences.Get(r.Context(), c.Actor, id)
	if err != nil {
		return b, kam.Opportunity{}, err
	}
	o, err := a.svc.Opportunities.Get(r.Context(), c.Actor, b.OpportunityID)
	return b, o, err
}

func (a *app) editBuyerPage(w http.ResponseWriter, r *http.Request, c *call) error {
	b, o, err := a.buyerAndOpp(r, c)
	if err != nil {
		return err
	}
	return a.buyerFormPage(w, r, c, buyerForm("/influences/"+itoa64(b.ID), b), o, false)
}

func (a *app) updateBuyer(w http.ResponseWriter, r *http.Request, c *call) error {
	b, o, err := a.buyerAndOpp(r, c)
	if err != nil {
		return err
	}
	f, err := formFrom(r, "/influences/"+itoa64(b.ID))
	if err != nil {
		return err
	}
	probe := b
	readBuyer(f, &probe)
	f.Also(a.svc.BuyingInfluences.Check(r.Context(), c.Actor, &b, probe))
	if !f.Invalid() {
		_, err = a.svc.BuyingInfluences.Update(r.Context(), c.Actor, b.ID, f.Version, func(v *kam.BuyingInfluence) error {
			readBuyer(f, v)
			return nil
		})
		if err == nil {
			a.flash(w, r, "form.saved")
			return seeOther(w, r, oppURL(o.ID)+"#buyer-"+itoa64(b.ID))
		}
		if !f.Take(err) {
			return err
		}
	}
	// A refused form comes back as the full form: the record as it is now
	// (after a conflict, the newer version) with the fields the user posted
	// laid on top — from a row: roles, influence, support, contact level,
	// counterpart and relationship, mode, business result and personal win
	// — so re-submitting it keeps every other field. The full form is the
	// user's whole intent: a box it posts nothing for was left unchecked,
	// so its VITO and roles come from the post even when absent (a row
	// always posts its roles, an empty marker first, so none checked there
	// is none too).
	base := b
	var ce *kam.ConflictError
	if errors.As(err, &ce) {
		if cur, ok := ce.Current.(kam.BuyingInfluence); ok {
			base = cur
		}
	}
	full := buyerForm(f.Action, base)
	for k, v := range f.Values {
		if k != "row" && k != "version" {
			full.Values[k] = slices.DeleteFunc(slices.Clone(v), func(s string) bool { return s == "" && k == "roles" })
		}
	}
	if !f.Values.Has("row") {
		for _, k := range buyerBoxes {
			if !f.Values.Has(k) {
				delete(full.Values, k)
			}
		}
	}
	full.Errors, full.Conflict = f.Errors, f.Conflict
	full.Version = f.Version
	return a.buyerFormPage(w, r, c, full, o, false)
}

func (a *app) deleteBuyer(w http.ResponseWriter, r *http.Request, c *call) error {
	b, o, err := a.buyerAndOpp(r, c)
	if err != nil {
		return err
	}
	if err := a.svc.BuyingInfluences.Delete(r.Context(), c.Actor, b.ID, formVersion(r)); err != nil {
		return err
	}
	a.flash(w, r, "wb.removed")
	return seeOther(w, r, oppURL(o.ID)+"#buyers")
}

// modeData is the response-mode helper: three questions, and the mode and
// advice that follow from the answers.
type modeData struct {
	Buyer   kam.BuyingInfluence
	Contact kam.Contact
	Opp     kam.Opportunity
	Asked   bool
	Answers method.ModeAnswers
	Advice  method.ModeAdvice
	Form    *Form
	Results []option
	Gaps    []option
}

func (a *app) modeHelper(w http.ResponseWriter, r *http.Request, c *call) error {
	b, o, err := a.buyerAndOpp(r, c)
	if err != nil {
		return err
	}
	ct, err := a.svc.Contacts.Get(r.Context(), c.Actor, b.ContactID)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := newForm("/influences/" + itoa64(b.ID) + "/mode")
	for _, k := range []string{"current_results", "sees_gap", "gap_direction"} {
		f.Set(k, q.Get(k))
	}
	d := modeData{Buyer: b, Contact: ct, Opp: o, Form: f, Asked: q.Get("current_results") != ""}
	l := c.Locale
	d.Results = []option{
		{Value: string(method.ResultsWorse), Label: msg(l, "mode.results.worse")},
		{Value: string(method.ResultsAsExpected), Label: msg(l, "mode.results.as_expected")},
		{Value: string(method.ResultsBetter), Label: msg(l, "mode.results.better")},
	}
	d.Gaps = []option{
		{Value: string(method.GapMore), Label: msg(l, "mode.gap.more")},
		{Value: string(method.GapFix), Label: msg(l, "mode.gap.fix")},
		{Value: string(method.GapNone), Label: msg(l, "mode.gap.none")},
	}
	if d.Asked {
		d.Answers = method.ModeAnswers{CurrentResults: method.CurrentResults(q.Get("current_results")),
			SeesGap: q.Get("sees_gap") == "yes", GapDirection: method.GapDirection(q.Get("gap_direction"))}
		if err := d.Answers.Validate(); err != nil {
			f.Take(err)
		}
		d.Advice = method.SuggestMode(d.Answers)
	}
	f.Version = b.Version
	return a.renderPage(w, r, c, http.StatusOK, "mode_helper", &Page{Section: "funnel", Title: msg(l, "mode.title"), Data: d})
}

func (a *app) setMode(w http.ResponseWriter, r *http.Request, c *call) error {
	b, o, err := a.buyerAndOpp(r, c)
	if err != nil {
		return err
	}
	f, err := formFrom(r, "/influences/"+itoa64(b.ID)+"/mode")
	if err != nil {
		return err
	}
	_, err = a.svc.BuyingInfluences.Update(r.Context(), c.Actor, b.ID, f.Version, func(v *kam.BuyingInfluence) error {
		v.Mode = kam.ResponseMode(f.Get("mode"))
		return nil
	})
	if err != nil {
		if f.Take(err) {
			// The helper posts the mode alone: its conflict compares that
			// field only, not the boxes of the full form it comes back as
			// (an absent box there would read as unchecked).
			if f.Conflict != nil {
				f.Conflict.partial = true
			}
			full := buyerForm("/influences/"+itoa64(b.ID), b)
			full.Errors, full.Conflict, full.Version = f.Errors, f.Conflict, f.Version
			if f.Conflict == nil {
				full.Version = b.Version
			}
			full.Set("mode", f.Get("mode"))
			return a.buyerFormPage(w, r, c, full, o, false)
		}
		return err
	}
	a.flash(w, r, "form.saved")
	return seeOther(w, r, oppURL(o.ID)+"#buyer-"+itoa64(b.ID))
}

// --- Red flags -------------------------------------------------------------

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

// --- SWOT ------------------------------------------------------------------

func (a *app) createSWOT(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f, err := formFrom(r, oppURL(id)+"/swot")
	if err != nil {
		return err
	}
	s := kam.SWOTItem{OpportunityID: id, Kind: kam.SWOTKind(f.Get("kind")), Text: f.Text("text")}
	if !f.Invalid() {
		if _, err = a.svc.SWOTItems.Create(r.Context(), c.Actor, s); err == nil {
			a.flash(w, r, "form.saved")
			return seeOther(w, r, oppURL(id)+"#swot")
		}
	} else {
		err = f.Err()
	}
	if f.Take(err) {
		return a.sheetWithError(w, r, c, id, f, func(d *strategyData) { d.SWOTForm = f })
	}
	return err
}

// swotRecords are the SWOT items of a sheet; they are added on the sheet
// itself (createSWOT) and edited on a form of their own.
func (a *app) swotRecords() *sheetRecord[kam.SWOTItem] {
	return &sheetRecord[kam.SWOTItem]{a: a, entity: a.svc.SWOTItems, path: "swot", anchor: "#swot",
		oppOf: func(x kam.SWOTItem) int64 { return x.OpportunityID },
		onOpp: func(oppID int64) kam.SWOTItem { return kam.SWOTItem{OpportunityID: oppID} },
		form:  swotForm, read: readSWOT, page: a.swotFormPage,
	}
}

func swotForm(action string, x kam.SWOTItem) *Form {
	f := newForm(action)
	f.Set("kind", string(x.Kind))
	f.Set("text", x.Text)
	f.Version = x.Version
	return f
}

func readSWOT(f *Form, x *kam.SWOTItem) {
	x.Kind = kam.SWOTKind(f.Get("kind"))
	x.Text = f.Text("text")
}

func (a *app) swotFormPage(w http.ResponseWriter, r *http.Request, c *call, f *Form, oppID int64) error {
	l := c.Locale
	specs := []spec{
		{Name: "kind", Label: "f.swot_kind", Kind: "select", Opts: optionsOf(l, kam.SWOTKinds)},
		{Name: "text", Label: "f.swot_text", Kind: "textarea"},
	}
	return a.renderForm(w, r, c, "funnel", msg(l, "swot.heading"), f, specs, oppURL(oppID)+"#swot", "strength", "red-flag")
}

// --- Actions ---------------------------------------------------------------

func (a *app) actionSpecs(r *http.Request, c *call, oppID int64) ([]spec, error) {
	d, err := a.loadStrategy(r, c, oppID)
	if err != nil {
		return nil, err
	}
	users, err := a.usersFor(r.Context(), c)
	if err != nil {
		return nil, err
	}
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
	return &sheetRecord[kam.Action]{a: a, entity: a.svc.Actions, path: "actions", anchor: "#actions",
		oppOf: func(x kam.Action) int64 { return x.OpportunityID },
		onOpp: func(oppID int64) kam.Action { return kam.Action{OpportunityID: oppID} },
		form:  actionForm, read: readAction, page: a.actionFormPage,
		statusOnly: func(f *Form, x *kam.Action) { x.Status = kam.ActionStatus(f.Get("status")) },
	}
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

// --- Interactions ----------------------------------------------------------

func (a *app) interactionSpecs(r *http.Request, c *call, oppID int64) ([]spec, error) {
	d, err := a.loadStrategy(r, c, oppID)
	if err != nil {
		return nil, err
	}
	users, err := a.usersFor(r.Context(), c)
	if err != nil {
		return nil, err
	}
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
		f.Set("at", x.At.UTC().Format("2006-01-02T15:04"))
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
	return a.renderForm(w, r, c, "funnel", msg(c.Locale, "interaction.heading"), f, specs, oppURL(oppID)+"#interactions")
}

// interactionRecords are the interactions of a sheet.
func (a *app) interactionRecords() *sheetRecord[kam.Interaction] {
	return &sheetRecord[kam.Interaction]{a: a, entity: a.svc.Interactions, path: "interactions", anchor: "#interactions",
		oppOf: func(x kam.Interaction) int64 { return x.OpportunityID },
		onOpp: func(oppID int64) kam.Interaction { return kam.Interaction{OpportunityID: oppID} },
		form:  interactionForm, read: readInteraction, page: a.interactionFormPage,
	}
}

func (a *app) newInteractionPage(w http.ResponseWriter, r *http.Request, c *call) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	x := kam.Interaction{Kind: kam.InteractionVisit, At: a.now().UTC().Truncate(60e9), UserIDs: []int64{c.User.ID}}
	return a.interactionFormPage(w, r, c, interactionForm(oppURL(id)+"/interactions", x), id)
}
