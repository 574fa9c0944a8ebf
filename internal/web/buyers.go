package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"kam/internal/kam"
	"kam/internal/store"
)

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
		contacts, err := listAll(r.Context(), a.svc.Contacts, c.Actor, store.ContactFilter{AccountID: accountID}, maxListed)
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
		spec{Name: "competitor_coach", Label: "f.competitor_coach", Kind: "checkbox"},
		spec{Name: "counterpart_id", Label: "f.counterpart", Kind: "select", Opts: withUser(withBlank(userOpts(users)), users, counterpart)},
		spec{Name: "relationship_level", Label: "f.relationship_level", Kind: "select", Opts: withBlank(optionsOf(l, kam.RelationshipLevels))},
	), nil
}

// buyerBoxes are the buyer form's checkbox fields (kinds "checkbox" and
// "checks" in buyerSpecs): an unchecked box posts nothing.
var buyerBoxes = []string{"roles", "vito", "competitor_coach"}

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
	f.setBool("competitor_coach", b.CompetitorCoach)
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
	if has("competitor_coach") || !row {
		b.CompetitorCoach = slices.Contains(f.Values["competitor_coach"], "on")
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

func influenceURL(id int64) string { return "/influences/" + itoa64(id) }

// buyerRecords create, edit, update and delete the buying influences of
// an opportunity, returning to its sheet. The full form and a row of the sheet's buyer
// table both post to the update (readBuyer).
func (a *app) buyerRecords() *record[kam.BuyingInfluence] {
	return &record[kam.BuyingInfluence]{a: a, entity: a.svc.BuyingInfluences, url: influenceURL, form: buyerForm, read: readBuyer,
		page: a.buyerEditPage, refused: a.refusedBuyer, saved: buyerOnSheet,
		removed: "wb.removed", gone: buyersOnSheet,
		newURL: func(r *http.Request) string { return oppURL(pathOrZero(r)) + "/buyers" },
		blank: func(r *http.Request, c *call, f *Form) (kam.BuyingInfluence, error) {
			o, err := pathRecord(r, c, a.svc.Opportunities)
			return kam.BuyingInfluence{OpportunityID: o.ID, ContactID: f.Int64("contact_id")}, err
		},
		newPage: func(w http.ResponseWriter, r *http.Request, c *call, f *Form, b kam.BuyingInfluence) error {
			o, err := a.svc.Opportunities.Get(r.Context(), c.Actor, b.OpportunityID)
			if err != nil {
				return err
			}
			return a.buyerFormPage(w, r, c, f, o, true)
		},
		created: buyersOnSheet,
	}
}

// buyersOnSheet is the buyer table of b's strategy sheet.
func buyersOnSheet(b kam.BuyingInfluence) string { return oppURL(b.OpportunityID) + "#buyers" }

// buyerOnSheet is the buyer's row on the strategy sheet.
func buyerOnSheet(b kam.BuyingInfluence) string {
	return oppURL(b.OpportunityID) + "#buyer-" + itoa64(b.ID)
}

// buyerEditPage shows the full form f of buyer b.
func (a *app) buyerEditPage(w http.ResponseWriter, r *http.Request, c *call, f *Form, b kam.BuyingInfluence) error {
	o, err := a.svc.Opportunities.Get(r.Context(), c.Actor, b.OpportunityID)
	if err != nil {
		return err
	}
	return a.buyerFormPage(w, r, c, f, o, false)
}

// refusedBuyer shows a buyer form the service refused with err.
//
// A refused form comes back as the full form: the record as it is now
// (after a conflict, the newer version) with the fields the user posted
// laid on top — from a row: roles, influence, support, contact level,
// counterpart and relationship, mode, business result and personal win
// — so re-submitting it keeps every other field. The full form is the
// user's whole intent: a box it posts nothing for was left unchecked,
// so its VITO and roles come from the post even when absent (a row
// always posts its roles, an empty marker first, so none checked there
// is none too).
func (a *app) refusedBuyer(w http.ResponseWriter, r *http.Request, c *call, f *Form, b kam.BuyingInfluence, err error) error {
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
	return a.buyerEditPage(w, r, c, full, b)
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
