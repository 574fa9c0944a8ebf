package web

import (
	"fmt"
	"net/url"
	"sync"

	"kam/internal/kam"
	"kam/internal/service"
)

// The workbench registers its records with the other-team walk and its
// forms with the hostile-input suite.
func init() {
	oppOf := func(e *env, owner kam.User) (kam.Opportunity, kam.Contact) {
		a := service.ActorOf(owner)
		acct := walkAccount(e, owner)
		ct, err := e.svc.Contacts.Create(e.ctx, a, kam.Contact{AccountID: acct.ID, Name: "Walk contact"})
		must(e, err)
		o, err := e.svc.Opportunities.Create(e.ctx, a, kam.Opportunity{AccountID: acct.ID, Name: "Walk deal"})
		must(e, err)
		return o, ct
	}
	walkFixtures["contact"] = func(e *env, owner kam.User) int64 { _, ct := oppOf(e, owner); return ct.ID }
	walkFixtures["opportunity"] = func(e *env, owner kam.User) int64 { o, _ := oppOf(e, owner); return o.ID }
	walkFixtures["buying_influence"] = func(e *env, owner kam.User) int64 {
		o, ct := oppOf(e, owner)
		b, err := e.svc.BuyingInfluences.Create(e.ctx, service.ActorOf(owner), kam.BuyingInfluence{OpportunityID: o.ID, ContactID: ct.ID})
		must(e, err)
		return b.ID
	}
	walkFixtures["swot_item"] = func(e *env, owner kam.User) int64 {
		o, _ := oppOf(e, owner)
		s, err := e.svc.SWOTItems.Create(e.ctx, service.ActorOf(owner), kam.SWOTItem{OpportunityID: o.ID, Kind: kam.SWOTStrength, Text: "walk"})
		must(e, err)
		return s.ID
	}
	walkFixtures["action"] = func(e *env, owner kam.User) int64 {
		o, _ := oppOf(e, owner)
		x, err := e.svc.Actions.Create(e.ctx, service.ActorOf(owner), kam.Action{OpportunityID: o.ID, Title: "walk"})
		must(e, err)
		return x.ID
	}
	walkFixtures["interaction"] = func(e *env, owner kam.User) int64 {
		o, _ := oppOf(e, owner)
		x, err := e.svc.Interactions.Create(e.ctx, service.ActorOf(owner), kam.Interaction{OpportunityID: o.ID, Kind: kam.InteractionCall, At: e.clock.Now()})
		must(e, err)
		return x.ID
	}
	walkFixtures["org_unit"] = func(e *env, owner kam.User) int64 {
		u, err := e.svc.OrgUnits.Create(e.ctx, service.ActorOf(owner), kam.OrgUnit{AccountID: walkAccount(e, owner).ID, Name: "walk"})
		must(e, err)
		return u.ID
	}
	walkFixtures["account_relation"] = func(e *env, owner kam.User) int64 {
		a := service.ActorOf(owner)
		other, err := e.svc.Accounts.Create(e.ctx, a, kam.Account{Name: "Walk supplier"})
		must(e, err)
		r, err := e.svc.AccountRelations.Create(e.ctx, a, kam.AccountRelation{FromAccountID: walkAccount(e, owner).ID, ToAccountID: other.ID, Kind: kam.RelationSupplier})
		must(e, err)
		return r.ID
	}
	walkFixtures["contact_link"] = func(e *env, owner kam.User) int64 {
		_, c1 := oppOf(e, owner)
		c2, err := e.svc.Contacts.Create(e.ctx, service.ActorOf(owner), kam.Contact{AccountID: c1.AccountID, Name: "Walk peer"})
		must(e, err)
		l, err := e.svc.ContactLinks.Create(e.ctx, service.ActorOf(owner), kam.ContactLink{FromContactID: c1.ID, ToContactID: c2.ID, Kind: kam.LinkInfluences})
		must(e, err)
		return l.ID
	}
	walkFixtures["criterion"] = func(e *env, _ kam.User) int64 {
		k, err := e.svc.Criteria.Create(e.ctx, kam.System, kam.Criterion{Name: "Walk criterion", Kind: kam.CriterionDemographic, Weight: 3})
		must(e, err)
		return k.ID
	}
	walkFixtures["quota"] = func(e *env, owner kam.User) int64 {
		q, err := e.svc.Quotas.Create(e.ctx, kam.System, kam.Quota{UserID: owner.ID, Period: "2026Q1", Amount: 1000})
		must(e, err)
		return q.ID
	}
	hostileForms = append(hostileForms, workbenchHostileForms...)
}

func must(e *env, err error) {
	e.t.Helper()
	if err != nil {
		e.t.Fatal(err)
	}
}

// walkAccount makes an account of owner's.
func walkAccount(e *env, owner kam.User) kam.Account {
	acct, err := e.svc.Accounts.Create(e.ctx, service.ActorOf(owner), kam.Account{Name: "Walk account " + fmt.Sprint(e.clock.Now().UnixNano())})
	must(e, err)
	return acct
}

// hostileRecords are the records the workbench's hostile cases aim at, made
// once per world.
type hostileRecords struct {
	acct  kam.Account
	ct    kam.Contact
	opp   kam.Opportunity
	buyer kam.BuyingInfluence
	unit  kam.OrgUnit
	swot  kam.SWOTItem
	quota kam.Quota
}

var (
	hostileMu   sync.Mutex
	hostileRecs = map[*hostileWorld]*hostileRecords{}
)

func (w *hostileWorld) recs() *hostileRecords {
	hostileMu.Lock()
	defer hostileMu.Unlock()
	if r, ok := hostileRecs[w]; ok {
		return r
	}
	e, a := w.e, service.ActorOf(w.repU)
	r := &hostileRecords{}
	var err error
	r.acct, err = e.svc.Accounts.Create(e.ctx, a, kam.Account{Name: "Hostile account"})
	must(e, err)
	r.ct, err = e.svc.Contacts.Create(e.ctx, a, kam.Contact{AccountID: r.acct.ID, Name: "Hostile contact"})
	must(e, err)
	r.opp, err = e.svc.Opportunities.Create(e.ctx, a, kam.Opportunity{AccountID: r.acct.ID, Name: "Hostile deal"})
	must(e, err)
	r.buyer, err = e.svc.BuyingInfluences.Create(e.ctx, a, kam.BuyingInfluence{OpportunityID: r.opp.ID, ContactID: r.ct.ID})
	must(e, err)
	r.unit, err = e.svc.OrgUnits.Create(e.ctx, a, kam.OrgUnit{AccountID: r.acct.ID, Name: "Hostile unit"})
	must(e, err)
	r.swot, err = e.svc.SWOTItems.Create(e.ctx, a, kam.SWOTItem{OpportunityID: r.opp.ID, Kind: kam.SWOTStrength, Text: "Hostile strength"})
	must(e, err)
	r.quota, err = e.svc.Quotas.Create(e.ctx, kam.System, kam.Quota{UserID: w.repU.ID, Period: "2026Q3", Amount: 100, Currency: "CNY"})
	must(e, err)
	hostileRecs[w] = r
	return r
}

func (w *hostileWorld) account() kam.Account {
	x, err := w.e.svc.Accounts.Get(w.e.ctx, kam.System, w.recs().acct.ID)
	must(w.e, err)
	return x
}

func (w *hostileWorld) opportunity() kam.Opportunity {
	x, err := w.e.svc.Opportunities.Get(w.e.ctx, kam.System, w.recs().opp.ID)
	must(w.e, err)
	return x
}

func (w *hostileWorld) buyerNow() kam.BuyingInfluence {
	x, err := w.e.svc.BuyingInfluences.Get(w.e.ctx, kam.System, w.recs().buyer.ID)
	must(w.e, err)
	return x
}

var workbenchHostileForms = []hostileForm{
	{
		name: "create account", method: "POST", path: fixed("/accounts"), as: asRep, view: "/accounts",
		fields:       []string{"name", "industry", "region", "employees", "annual_revenue", "parent_id", "reorganising_since", "owner_id", "notes"},
		emptyDefault: map[string]string{"employees": "0", "annual_revenue": "0"},
		base: func(w *hostileWorld, i int) url.Values {
			return url.Values{"name": {fmt.Sprintf("客户 %d", i)}, "owner_id": {itoa(w.repU.ID)}}
		},
	},
	{
		name: "edit account", method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return "/accounts/" + itoa(w.recs().acct.ID) },
		view:   "/accounts",
		fields: []string{"name", "industry", "region", "notes", "version"},
		base: func(w *hostileWorld, _ int) url.Values {
			x := w.account()
			return url.Values{"name": {x.Name}, "owner_id": {itoa(x.OwnerID)}, "version": {itoa(x.Version)}}
		},
		stored: func(w *hostileWorld, field string) (string, bool) {
			x := w.account()
			switch field {
			case "name":
				return x.Name, true
			case "industry":
				return x.Industry, true
			case "region":
				return x.Region, true
			case "notes":
				return x.Notes, true
			}
			return "", false
		},
	},
	{
		name: "account search", method: "GET", path: fixed("/accounts"), as: asRep,
		fields: []string{"q", "owner", "industry", "region", "sort", "after"},
		base:   func(*hostileWorld, int) url.Values { return url.Values{"q": {"客户"}} },
	},
	{
		name: "org unit", method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return "/accounts/" + itoa(w.recs().acct.ID) + "/units" },
		fields: []string{"name", "parent_id"},
		base:   func(*hostileWorld, int) url.Values { return url.Values{"name": {"销售部"}} },
	},
	{
		name: "rating", method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return "/accounts/" + itoa(w.recs().acct.ID) + "/ratings" },
		fields: []string{"criterion_id", "rating"},
		base:   func(*hostileWorld, int) url.Values { return url.Values{"criterion_id": {"1"}, "rating": {"3"}} },
	},
	{
		name: "create contact", method: "POST", path: fixed("/contacts"), as: asRep,
		fields: []string{"account_id", "name", "title", "org_unit_id", "seniority", "reports_to_id", "status", "status_date", "in_post_since", "email", "phone", "personal_notes"},
		base: func(w *hostileWorld, i int) url.Values {
			return url.Values{"account_id": {itoa(w.recs().acct.ID)}, "name": {fmt.Sprintf("联系人 %d", i)}}
		},
	},
	{
		name: "create opportunity", method: "POST", path: fixed("/opportunities"), as: asRep,
		fields:       []string{"account_id", "name", "product", "amount", "currency", "close_date", "level", "position", "engaged_on", "tender_published_on", "competitors", "our_win", "owner_id"},
		emptyDefault: map[string]string{"amount": "0", "currency": "CNY", "level": "above"},
		base: func(w *hostileWorld, i int) url.Values {
			return url.Values{"account_id": {itoa(w.recs().acct.ID)}, "name": {fmt.Sprintf("商机 %d", i)}, "owner_id": {itoa(w.repU.ID)}}
		},
	},
	{
		name: "edit opportunity", method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return "/opportunities/" + itoa(w.recs().opp.ID) },
		view:   "/",
		fields: []string{"name", "product", "competitors", "our_win", "version"},
		base: func(w *hostileWorld, _ int) url.Values {
			x := w.opportunity()
			return url.Values{"name": {x.Name}, "owner_id": {itoa(x.OwnerID)}, "level": {"above"}, "version": {itoa(x.Version)}}
		},
		stored: func(w *hostileWorld, field string) (string, bool) {
			x := w.opportunity()
			switch field {
			case "name":
				return x.Name, true
			case "product":
				return x.Product, true
			case "competitors":
				return x.Competitors, true
			case "our_win":
				return x.OurWin, true
			}
			return "", false
		},
	},
	{
		name: "buyer row", method: "POST", as: asRep,
		path: func(w *hostileWorld) string { return "/influences/" + itoa(w.recs().buyer.ID) },
		view: "",
		fields: []string{"roles", "influence", "rating", "contact_level", "mode", "counterpart_id", "relationship_level",
			"personal_win", "business_result", "evidence", "vito", "version"},
		base: func(w *hostileWorld, _ int) url.Values {
			return url.Values{"row": {"1"}, "version": {itoa(w.buyerNow().Version)}}
		},
		stored: func(w *hostileWorld, field string) (string, bool) {
			b := w.buyerNow()
			switch field {
			case "personal_win":
				return b.PersonalWin, true
			case "business_result":
				return b.BusinessResult, true
			case "evidence":
				return b.Evidence, true
			}
			return "", false
		},
	},
	{
		name: "swot", method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return "/opportunities/" + itoa(w.recs().opp.ID) + "/swot" },
		fields: []string{"kind", "text"},
		base:   func(*hostileWorld, int) url.Values { return url.Values{"kind": {"strength"}, "text": {"行业经验"}} },
	},
	{
		name: "accept flag", method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return "/opportunities/" + itoa(w.recs().opp.ID) + "/findings/accept" },
		fields: []string{"rule", "subject", "note"},
		base: func(*hostileWorld, int) url.Values {
			return url.Values{"rule": {"no-coach"}, "subject": {"opportunity"}, "note": {"known"}}
		},
	},
	{
		name: "action", method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return "/opportunities/" + itoa(w.recs().opp.ID) + "/actions" },
		fields: []string{"title", "owner_id", "due", "status", "target_influence_id", "participant_ids", "addresses_rules", "strength_id"},
		base:   func(*hostileWorld, int) url.Values { return url.Values{"title": {"拜访"}, "status": {"open"}} },
	},
	{
		name: "interaction", method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return "/opportunities/" + itoa(w.recs().opp.ID) + "/interactions" },
		fields: []string{"kind", "at", "objective", "outcome", "user_ids", "notes", "feedback_1"},
		base: func(*hostileWorld, int) url.Values {
			return url.Values{"kind": {"visit"}, "at": {"2026-03-02T10:00"}}
		},
	},
	{
		name: "mode helper", method: "GET", as: asRep,
		path:   func(w *hostileWorld) string { return "/influences/" + itoa(w.recs().buyer.ID) + "/mode" },
		fields: []string{"current_results", "sees_gap", "gap_direction"},
		base:   func(*hostileWorld, int) url.Values { return url.Values{"current_results": {"worse"}} },
	},
	{
		name: "funnel filter", method: "GET", path: fixed("/funnel"), as: asRep,
		fields: []string{"owner", "team", "period"},
		base:   func(*hostileWorld, int) url.Values { return url.Values{"period": {"2026Q1"}} },
	},
	{
		name: "quota", method: "POST", path: fixed("/quotas"), as: asAdmin, view: "/quotas",
		fields: []string{"user_id", "team_id", "period", "amount", "currency"},
		base: func(w *hostileWorld, _ int) url.Values {
			return url.Values{"user_id": {itoa(w.repU.ID)}, "period": {"2026Q2"}, "amount": {"100"}}
		},
	},
	{
		name: "edit org unit", method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return "/units/" + itoa(w.recs().unit.ID) },
		fields: []string{"name", "parent_id", "version"},
		base: func(w *hostileWorld, _ int) url.Values {
			u, err := w.e.svc.OrgUnits.Get(w.e.ctx, kam.System, w.recs().unit.ID)
			must(w.e, err)
			return url.Values{"name": {u.Name}, "version": {itoa(u.Version)}}
		},
	},
	{
		name: "edit swot", method: "POST", as: asRep,
		path:   func(w *hostileWorld) string { return "/swot/" + itoa(w.recs().swot.ID) },
		fields: []string{"kind", "text", "version"},
		base: func(w *hostileWorld, _ int) url.Values {
			x, err := w.e.svc.SWOTItems.Get(w.e.ctx, kam.System, w.recs().swot.ID)
			must(w.e, err)
			return url.Values{"kind": {string(x.Kind)}, "text": {x.Text}, "version": {itoa(x.Version)}}
		},
	},
	{
		name: "edit quota", method: "POST", as: asAdmin, view: "/quotas",
		path:   func(w *hostileWorld) string { return "/quotas/" + itoa(w.recs().quota.ID) },
		fields: []string{"user_id", "team_id", "period", "amount", "currency", "version"},
		base: func(w *hostileWorld, _ int) url.Values {
			q, err := w.e.svc.Quotas.Get(w.e.ctx, kam.System, w.recs().quota.ID)
			must(w.e, err)
			return url.Values{"user_id": {itoa(q.UserID)}, "period": {"2026Q3"}, "amount": {"100"}, "currency": {"CNY"}, "version": {itoa(q.Version)}}
		},
	},
	{
		name: "criterion", method: "POST", path: fixed("/criteria"), as: asAdmin, view: "/criteria",
		fields: []string{"name", "kind", "weight"},
		base: func(*hostileWorld, int) url.Values {
			return url.Values{"name": {"行业"}, "kind": {"demographic"}, "weight": {"5"}}
		},
	},
}
