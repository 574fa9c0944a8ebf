package transfer

import (
	"fmt"
	"strconv"

	"kam/internal/kam"
	"kam/internal/store"
)

var influenceColumns = []column[kam.BuyingInfluence]{
	{"roles", kam.FieldRoles, func(v *kam.BuyingInfluence, s string) *kam.Text {
		if s == "" {
			return nil
		}
		rs, ok := ReadRoles(s)
		if !ok {
			msg := notOneOf(s, kam.BuyingRoles)
			return &msg
		}
		v.Roles = rs
		return nil
	}},
	{"influence", kam.FieldInfluence, func(v *kam.BuyingInfluence, s string) *kam.Text {
		return enumCell(&v.Influence, s, kam.Influences, ReadInfluence)
	}},
	{"rating", kam.FieldRating, func(v *kam.BuyingInfluence, s string) *kam.Text {
		if s == "" {
			return nil
		}
		r, ok := ReadRating(s)
		if !ok {
			msg := kam.T("“"+s+"” is not a rating from -5 to +5 nor 支持, 中立, 反对", "“"+s+"”不是 -5 到 +5 的评分，也不是支持、中立、反对")
			return &msg
		}
		v.Rating = &r
		return nil
	}},
	{"contact_level", kam.FieldContactLevel, func(v *kam.BuyingInfluence, s string) *kam.Text {
		return enumCell(&v.ContactLevel, s, kam.ContactLevels, ReadContactLevel)
	}},
	{"mode", kam.FieldMode, func(v *kam.BuyingInfluence, s string) *kam.Text {
		return enumCell(&v.Mode, s, kam.ResponseModes, ReadMode)
	}},
	{"personal_win", kam.FieldPersonalWin, func(v *kam.BuyingInfluence, s string) *kam.Text { v.PersonalWin = s; return nil }},
	{"business_result", kam.FieldBusinessResult, func(v *kam.BuyingInfluence, s string) *kam.Text { v.BusinessResult = s; return nil }},
	{"relationship_level", kam.FieldRelationshipLevel, func(v *kam.BuyingInfluence, s string) *kam.Text {
		return enumCell(&v.RelationshipLevel, s, kam.RelationshipLevels, func(s string) (kam.RelationshipLevel, bool) {
			return kam.ValueOf(s, kam.RelationshipLevels)
		})
	}},
}

// influenceRow resolves a buyer row — the deal by kam's id or by name
// (one deal of that name among those the user sees), the person by name
// or email at the deal's account, our counterpart by email or name — and
// creates the buyer, or updates the person's buyer on that deal.
func (lk *lookups) influenceRow(v *kam.BuyingInfluence, line int, refs map[string]string, p *[]Problem, m *Mapping) (outcome, error) {
	kind := string(CSVInfluences)
	var deal kam.Opportunity
	switch {
	case refs[KeyDealID] != "":
		id, err := strconv.ParseInt(refs[KeyDealID], 10, 64)
		if err == nil {
			deal, err = lk.svc.Opportunities.Get(lk.ctx, lk.a, id)
		}
		if err != nil {
			*p = append(*p, problem(kind, line, headerOf(m, KeyDealID), notFound(KindOpportunities, refs[KeyDealID])))
			return refused, nil
		}
	case refs[KeyDeal] != "":
		var found []kam.Opportunity
		err := eachPage(lk.ctx, lk.svc.Opportunities, lk.a, store.OpportunityFilter{Query: refs[KeyDeal]}, func(o kam.Opportunity) error {
			if normName(o.Name) == normName(refs[KeyDeal]) {
				found = append(found, o)
			}
			return nil
		})
		if err != nil {
			return refused, fmt.Errorf("import: list opportunities: %w", err)
		}
		switch len(found) {
		case 0:
			*p = append(*p, problem(kind, line, headerOf(m, KeyDeal), notFound(KindOpportunities, refs[KeyDeal])))
			return refused, nil
		case 1:
			deal = found[0]
		default:
			*p = append(*p, problem(kind, line, headerOf(m, KeyDeal), kam.T(
				fmt.Sprintf("%d deals are named “%s”: give the deal's id (商机编号 / Opportunity ID)", len(found), refs[KeyDeal]),
				fmt.Sprintf("有 %d 个商机名为“%s”：请提供商机编号", len(found), refs[KeyDeal]))))
			return refused, nil
		}
	default:
		*p = append(*p, problem(kind, line, "opportunity_id", kam.T("is missing: give a column with the deal's name or id", "缺失：请提供商机名称或商机编号列")))
		return refused, nil
	}
	v.OpportunityID = deal.ID
	people, err := lk.peopleOf(deal.AccountID)
	if err != nil {
		return refused, err
	}
	var ok bool
	switch {
	case refs[KeyPersonID] != "":
		id, perr := strconv.ParseInt(refs[KeyPersonID], 10, 64)
		if perr == nil {
			c, gerr := lk.svc.Contacts.Get(lk.ctx, lk.a, id)
			ok = gerr == nil && c.AccountID == deal.AccountID
			v.ContactID = c.ID
		}
		if !ok {
			*p = append(*p, problem(kind, line, headerOf(m, KeyPersonID), notFound(KindContacts, refs[KeyPersonID])))
			return refused, nil
		}
	default:
		probe := kam.Contact{Name: refs[KeyPerson], Email: refs[KeyPersonMail]}
		if v.ContactID, ok = matchPerson(people, &probe); !ok {
			cell, col := refs[KeyPerson], headerOf(m, KeyPerson)
			if cell == "" {
				cell, col = refs[KeyPersonMail], headerOf(m, KeyPersonMail)
			}
			*p = append(*p, problem(kind, line, col, notFound(KindContacts, cell)))
			return refused, nil
		}
	}
	if s := refs["counterpart"]; s != "" {
		id, ok, err := lk.user(s)
		if err != nil {
			return refused, err
		}
		if !ok {
			*p = append(*p, problem(kind, line, headerOf(m, "counterpart"), kam.T("no user “"+s+"” (by email or name)", "找不到用户“"+s+"”（按邮箱或姓名）")))
			return refused, nil
		}
		v.CounterpartID = id
	}
	var existing *kam.BuyingInfluence
	err = eachPage(lk.ctx, lk.svc.BuyingInfluences, lk.a, store.BuyingInfluenceFilter{OpportunityID: deal.ID, ContactID: v.ContactID}, func(b kam.BuyingInfluence) error {
		existing = &b
		return nil
	})
	if err != nil {
		return refused, fmt.Errorf("import: list buyers: %w", err)
	}
	if existing != nil {
		probe := *existing
		if !mergeBuyer(&probe, v) {
			return unchanged, nil
		}
		_, err = lk.svc.BuyingInfluences.Update(lk.ctx, lk.a, existing.ID, existing.Version, func(x *kam.BuyingInfluence) error { mergeBuyer(x, v); return nil })
		return updated, err
	}
	_, err = lk.svc.BuyingInfluences.Create(lk.ctx, lk.a, *v)
	if err != nil {
		return refused, err
	}
	return created, nil
}

func mergeBuyer(x, v *kam.BuyingInfluence) bool {
	ch := false
	if len(v.Roles) > 0 && fmt.Sprint(v.Roles) != fmt.Sprint(x.Roles) {
		x.Roles, ch = v.Roles, true
	}
	if v.Rating != nil && (x.Rating == nil || *x.Rating != *v.Rating) {
		r := *v.Rating
		x.Rating, ch = &r, true
	}
	for _, c := range []bool{setIf(&x.Influence, v.Influence), setIf(&x.ContactLevel, v.ContactLevel), setIf(&x.Mode, v.Mode),
		setIf(&x.PersonalWin, v.PersonalWin), setIf(&x.BusinessResult, v.BusinessResult), setIf(&x.CounterpartID, v.CounterpartID),
		setIf(&x.RelationshipLevel, v.RelationshipLevel)} {
		ch = ch || c
	}
	return ch
}
