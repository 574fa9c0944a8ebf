package api

import (
	"reflect"

	"kam/internal/kam"
	"kam/internal/method"
)

// createDoc is what the document says about a create body beyond its
// fields: which fields a create needs, which one of a group it needs, and
// what an absent field becomes. TestCreateSchemasTellTheTruth holds each
// entry to what the server does: an empty body is refused naming exactly
// the required fields, and a body without the defaulted fields stores the
// defaults.
type createDoc struct {
	Required []string
	// OneOf lists fields of which exactly one must be set.
	OneOf []string
	// Defaults are the values an absent field takes.
	Defaults map[string]any
	// Filled are the fields the server fills from the request when absent,
	// said in words ("the caller").
	Filled map[string]string
}

// ownerIsCaller documents an owner_id that defaults to the caller.
var ownerIsCaller = map[string]string{"owner_id": "the caller (the user whose token sends the request)"}

// createDocs documents the create (POST and PUT) bodies by Go type.
var createDocs = map[reflect.Type]createDoc{
	reflect.TypeFor[newUser](): {Required: []string{"email", "name", "password"},
		Defaults: map[string]any{"role": string(kam.RoleRep), "locale": string(kam.LocaleZH), "disabled": false}},
	reflect.TypeFor[kam.Team]():            {Required: []string{"name"}},
	reflect.TypeFor[kam.Account]():         {Required: []string{"name"}, Filled: ownerIsCaller},
	reflect.TypeFor[kam.AccountRelation](): {Required: []string{"from_account_id", "to_account_id", "kind"}},
	reflect.TypeFor[kam.OrgUnit]():         {Required: []string{"account_id", "name"}},
	reflect.TypeFor[kam.Contact](): {Required: []string{"account_id", "name"},
		Defaults: map[string]any{"seniority": string(kam.SeniorityUnknown), "status": string(kam.ContactActive)}},
	reflect.TypeFor[kam.ContactLink](): {Required: []string{"from_contact_id", "to_contact_id", "kind"}},
	reflect.TypeFor[kam.Opportunity](): {Required: []string{"account_id", "name"}, Filled: ownerIsCaller,
		Defaults: map[string]any{"currency": "CNY", "level": string(kam.LevelAbove), "amount": 0}},
	reflect.TypeFor[kam.BuyingInfluence](): {Required: []string{"opportunity_id", "contact_id"},
		Defaults: map[string]any{"influence": string(kam.InfluenceUnknown), "contact_level": string(kam.ContactUnknown), "mode": string(kam.ModeUnknown)}},
	reflect.TypeFor[kam.SWOTItem]():       {Required: []string{"opportunity_id", "kind", "text"}},
	reflect.TypeFor[kam.Action]():         {Required: []string{"opportunity_id", "title"}, Defaults: map[string]any{"status": string(kam.ActionOpen)}},
	reflect.TypeFor[kam.Interaction]():    {Required: []string{"opportunity_id", "kind", "at"}},
	reflect.TypeFor[kam.Criterion]():      {Required: []string{"name", "kind", "weight"}},
	reflect.TypeFor[kam.ExchangeRate]():   {Required: []string{"from", "to", "rate", "on"}},
	reflect.TypeFor[kam.CallPlan]():       {Required: []string{"opportunity_id", "at"}, Defaults: map[string]any{"kind": string(kam.InteractionVisit)}},
	reflect.TypeFor[kam.Need]():           {Required: []string{"opportunity_id", "contact_id", "kind", "words", "heard_at"}},
	reflect.TypeFor[kam.Review]():         {Required: []string{"opportunity_id"}, Filled: map[string]string{"at": "now"}},
	reflect.TypeFor[kam.VITOPlan]():       {Required: []string{"opportunity_id"}},
	reflect.TypeFor[kam.Quota]():          {Required: []string{"period"}, OneOf: []string{"user_id", "team_id"}, Defaults: map[string]any{"currency": "CNY"}},
	reflect.TypeFor[shareBody]():          {Required: []string{"access"}},
	reflect.TypeFor[ratingBody]():         {Required: []string{"criterion_id"}, Defaults: map[string]any{"rating": 0}},
	reflect.TypeFor[acceptBody]():         {Required: []string{"rule", "subject"}},
	reflect.TypeFor[method.ModeAnswers](): {Required: []string{"current_results"}},
	reflect.TypeFor[changePassword]():     {Required: []string{"current_password", "password"}},
	reflect.TypeFor[setPassword]():        {Required: []string{"password"}},
	reflect.TypeFor[newToken]():           {Defaults: map[string]any{"name": "token"}, Filled: map[string]string{"user_id": "the caller"}},
}

// listCaps are the list fields capped at kam.MaxListItems, by record type;
// true when an entry may appear only once.
var listCaps = map[reflect.Type]map[string]bool{
	reflect.TypeFor[kam.Action]():      {"participant_ids": true, "addresses_rules": true},
	reflect.TypeFor[kam.Interaction](): {"user_ids": true, "feedback": false},
}

// createSchema is the schema of a create body of type t: its fields (s),
// with the required ones, the one-of group and the defaults of createDocs.
func createSchema(t reflect.Type, s obj) obj {
	d, ok := createDocs[t]
	if !ok {
		return s
	}
	out := obj{"allOf": []any{s}}
	if len(d.Required) > 0 {
		out["required"] = d.Required
	}
	if len(d.OneOf) > 0 {
		var alts []any
		for _, f := range d.OneOf {
			alts = append(alts, obj{"required": []string{f}})
		}
		out["oneOf"] = alts
	}
	props := obj{}
	for f, v := range d.Defaults {
		props[f] = obj{"default": v}
	}
	for f, how := range d.Filled {
		props[f] = obj{"description": "defaults to " + how}
	}
	if len(props) > 0 {
		out["properties"] = props
	}
	return out
}
