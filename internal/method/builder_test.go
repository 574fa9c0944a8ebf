package method

import (
	"time"

	"kam/internal/kam"
)

// testNow is the clock of every test: Monday 15 June 2026, 10:00 UTC.
var testNow = time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)

var testToday = kam.DateOf(testNow)

func ptr[T any](v T) *T { return &v }

// picture wraps an OpportunityPicture with helpers that make cases read well.
type picture struct{ *kam.OpportunityPicture }

// contactOf is the contact id of buying influence id in test pictures.
func contactOf(id int64) int64 { return 100 + id }

// healthyPicture is a Best few deal that raises no red flag at testNow:
//
//	1 Economic, VITO  executive  high    +4 frequent growth
//	2 Coach           senior     high    +5 frequent trouble
//	3 Coach           senior     medium  +3 rare     growth
//	4 Technical       middle     medium   0 rare     even keel
//	5 User            junior     low     +1 frequent unknown
func healthyPicture() picture {
	p := &kam.OpportunityPicture{
		Opportunity: kam.Opportunity{
			Meta:      kam.Meta{ID: 1, CreatedAt: time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)},
			AccountID: 1, Name: "Plant MES rollout", Product: "MES", Amount: 1_200_000, Currency: "CNY",
			CloseDate: testToday.AddDays(30), Level: kam.LevelBestFew, Position: ptr(1),
			EngagedOn: kam.NewDate(2026, 1, 10), OwnerID: 7,
		},
		Account:    kam.Account{Meta: kam.Meta{ID: 1}, Name: "Huaxin Steel"},
		IdealScore: ptr(75.0),
		SWOT:       []kam.SWOTItem{{Meta: kam.Meta{ID: 1}, OpportunityID: 1, Kind: kam.SWOTStrength, Text: "Local service team"}},
		Actions: []kam.Action{{
			Meta: kam.Meta{ID: 1}, OpportunityID: 1, Title: "Workshop with the plant manager",
			Due: testToday.AddDays(7), Status: kam.ActionOpen,
		}},
	}
	type row struct {
		roles     []kam.BuyingRole
		sen       kam.Seniority
		influence kam.Influence
		rating    int
		contact   kam.ContactLevel
		mode      kam.ResponseMode
	}
	rows := []row{
		{[]kam.BuyingRole{kam.RoleEconomic}, kam.SeniorityExecutive, kam.InfluenceHigh, 4, kam.ContactFrequent, kam.ModeGrowth},
		{[]kam.BuyingRole{kam.RoleCoach}, kam.SenioritySenior, kam.InfluenceHigh, 5, kam.ContactFrequent, kam.ModeTrouble},
		{[]kam.BuyingRole{kam.RoleCoach}, kam.SenioritySenior, kam.InfluenceMedium, 3, kam.ContactRare, kam.ModeGrowth},
		{[]kam.BuyingRole{kam.RoleTechnical}, kam.SeniorityMiddle, kam.InfluenceMedium, 0, kam.ContactRare, kam.ModeEvenKeel},
		{[]kam.BuyingRole{kam.RoleUser}, kam.SeniorityJunior, kam.InfluenceLow, 1, kam.ContactFrequent, kam.ModeUnknown},
	}
	names := []string{"Wang Wei", "Li Na", "Zhang Min", "Chen Jie", "Liu Yang"}
	for k, r := range rows {
		id := int64(k + 1)
		p.Contacts = append(p.Contacts, kam.Contact{
			Meta: kam.Meta{ID: contactOf(id)}, AccountID: 1, Name: names[k], Seniority: r.sen,
			Status: kam.ContactActive, InPostSince: kam.NewDate(2020, 3, 1),
		})
		b := kam.BuyingInfluence{
			Meta: kam.Meta{ID: id}, OpportunityID: 1, ContactID: contactOf(id), Roles: r.roles,
			Influence: r.influence, Rating: ptr(r.rating), ContactLevel: r.contact, Mode: r.mode,
			PersonalWin: "Recognition", BusinessResult: "Less downtime",
		}
		if r.sen.IsSenior() || r.influence == kam.InfluenceHigh {
			b.CounterpartID = 7
		}
		p.Influences = append(p.Influences, b)
	}
	p.Influences[0].VITO = true
	p.Needs = []kam.Need{{Meta: kam.Meta{ID: 1}, OpportunityID: 1, ContactID: contactOf(1), Kind: kam.NeedExplicit,
		Words: "We must cut unplanned downtime by half", HeardAt: testNow.AddDate(0, 0, -5), LinkedToResult: true}}
	p.LastReviewAt = ptr(testNow.AddDate(0, 0, -10))
	p.Interactions = []kam.Interaction{{
		Meta: kam.Meta{ID: 1}, OpportunityID: 1, Kind: kam.InteractionVisit, At: testNow.AddDate(0, 0, -5),
		Feedback: []kam.ContactFeedback{
			{ContactID: contactOf(1), Feedback: kam.FeedbackPositive},
			{ContactID: contactOf(2), Feedback: kam.FeedbackPositive},
		},
	}}
	return picture{p}
}

// buyer returns the buying influence with id.
func (p picture) buyer(id int64) *kam.BuyingInfluence {
	for i := range p.Influences {
		if p.Influences[i].ID == id {
			return &p.Influences[i]
		}
	}
	panic("no buyer")
}

// contact returns the contact of the buying influence with id.
func (p picture) contact(id int64) *kam.Contact {
	for i := range p.Contacts {
		if p.Contacts[i].ID == contactOf(id) {
			return &p.Contacts[i]
		}
	}
	panic("no contact")
}

// drop removes role r from every buyer.
func (p picture) drop(r kam.BuyingRole) {
	for i := range p.Influences {
		b := &p.Influences[i]
		var keep []kam.BuyingRole
		for _, x := range b.Roles {
			if x != r {
				keep = append(keep, x)
			}
		}
		b.Roles = keep
	}
}

// addRole gives buyer id role r too.
func (p picture) addRole(id int64, r kam.BuyingRole) {
	b := p.buyer(id)
	b.Roles = append(b.Roles, r)
}

// meet records an interaction daysAgo with feedback from buyers.
func (p picture) meet(daysAgo int, fb kam.Feedback, buyers ...int64) {
	in := kam.Interaction{
		Meta: kam.Meta{ID: int64(len(p.Interactions) + 1)}, OpportunityID: 1, Kind: kam.InteractionCall,
		At: testNow.AddDate(0, 0, -daysAgo),
	}
	for _, id := range buyers {
		in.Feedback = append(in.Feedback, kam.ContactFeedback{ContactID: contactOf(id), Feedback: fb})
	}
	p.Interactions = append(p.Interactions, in)
}

// link draws a dotted line of kind from contact from to contact to.
func (p picture) link(kind kam.ContactLinkKind, from, to int64) {
	p.ContactLinks = append(p.ContactLinks, kam.ContactLink{Meta: kam.Meta{ID: int64(len(p.ContactLinks) + 1)},
		FromContactID: from, ToContactID: to, Kind: kind})
}

// outsider adds a contact of the account who is not a buyer on the deal.
func (p picture) outsider(id int64, name string) {
	p.Contacts = append(p.Contacts, kam.Contact{Meta: kam.Meta{ID: id}, AccountID: 1, Name: name, Status: kam.ContactActive})
}

// need records a need voiced by buyer id.
func (p picture) need(id int64, kind kam.NeedKind, linked bool) {
	p.Needs = append(p.Needs, kam.Need{Meta: kam.Meta{ID: int64(len(p.Needs) + 1)}, OpportunityID: 1, ContactID: contactOf(id),
		Kind: kind, Words: "words", HeardAt: testNow.AddDate(0, 0, -3), LinkedToResult: linked})
}

// plan adds a call plan inDays from now attended by buyers.
func (p picture) plan(inDays int, best, minimum string, buyers ...int64) {
	c := kam.CallPlan{Meta: kam.Meta{ID: int64(len(p.CallPlans) + 1)}, OpportunityID: 1, Kind: kam.InteractionVisit,
		At: testNow.AddDate(0, 0, inDays), BestCommitment: best, MinimumCommitment: minimum}
	for _, id := range buyers {
		c.Attendees = append(c.Attendees, kam.CallAttendee{ContactID: contactOf(id)})
	}
	p.CallPlans = append(p.CallPlans, c)
}

// call records an interaction daysAgo with buyers that ended in outcome.
func (p picture) call(daysAgo int, outcome kam.Outcome, buyers ...int64) {
	p.meet(daysAgo, kam.FeedbackNeutral, buyers...)
	p.Interactions[len(p.Interactions)-1].Outcome = outcome
}

// act adds an action.
func (p picture) act(a kam.Action) {
	a.ID = int64(len(p.Actions) + 1)
	a.OpportunityID = 1
	if a.Status == "" {
		a.Status = kam.ActionOpen
	}
	p.Actions = append(p.Actions, a)
}

func (p picture) setModes(m kam.ResponseMode) {
	for i := range p.Influences {
		p.Influences[i].Mode = m
	}
}

// findings returns the findings of rule in fs.
func findingsOf(fs []Finding, rule string) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}
