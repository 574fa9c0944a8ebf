package web

import (
	"net/http"
	"strconv"

	"kam/internal/kam"
)

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
		spec{Name: "currency", Label: "f.currency", Kind: "select", Opts: currencyOptions(l)},
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
	if err == nil {
		err = a.ownerChoices(r.Context(), c, specs, formID(f, "owner_id"))
	}
	if err != nil {
		return err
	}
	return a.renderForm(w, r, c, "funnel", heading, f, specs, back, "single-sales-objective", "position", "funnel")
}

// opportunityRecords create, edit, update, delete and restore
// opportunities; a deleted opportunity waits in the trash. An opportunity
// is created on the account its form names; a refused edit form is headed
// by the name as posted.
func (a *app) opportunityRecords() *record[kam.Opportunity] {
	return &record[kam.Opportunity]{a: a, entity: a.svc.Opportunities, url: oppURL, form: opportunityForm, read: readOpportunity,
		page: func(w http.ResponseWriter, r *http.Request, c *call, f *Form, cur kam.Opportunity) error {
			return a.opportunityFormPage(w, r, c, f, cur.Name, oppURL(cur.ID), false)
		},
		refused: func(w http.ResponseWriter, r *http.Request, c *call, f *Form, cur kam.Opportunity, _ error) error {
			return a.opportunityFormPage(w, r, c, f, f.Text("name"), oppURL(cur.ID), false)
		},
		saved:   func(cur kam.Opportunity) string { return oppURL(cur.ID) },
		removed: "wb.trashed", gone: func(x kam.Opportunity) string { return "/accounts/" + itoa64(x.AccountID) },
		newURL: fixedURL("/opportunities"),
		blank: func(_ *http.Request, _ *call, f *Form) (kam.Opportunity, error) {
			return kam.Opportunity{AccountID: f.Int64("account_id")}, nil
		},
		newPage: func(w http.ResponseWriter, r *http.Request, c *call, f *Form, _ kam.Opportunity) error {
			return a.opportunityFormPage(w, r, c, f, msg(c.Locale, "opp.new", ""), "/accounts", true)
		},
		created: func(x kam.Opportunity) string { return oppURL(x.ID) },
	}
}
