package store

import (
	"kam/internal/kam"
)

// How rows reach their account, for scoping (see Table.scopeFrom).
const (
	viaAccountID   = "accounts a WHERE a.id = t.account_id"
	viaFromAccount = "accounts a WHERE a.id = t.from_account_id"
	viaFromContact = "contacts c JOIN accounts a ON a.id = c.account_id WHERE c.id = t.from_contact_id AND c.deleted_at IS NULL"
	viaOpportunity = "opportunities o JOIN accounts a ON a.id = o.account_id WHERE o.id = t.opportunity_id AND o.deleted_at IS NULL"
)

// Users are the people who sign in. List ignores Scope.
var Users = &Table[kam.User]{
	name:  "user",
	table: "users",
	cols:  []string{"email", "name", "role", "team_id", "locale", "time_zone", "disabled", "must_change_password", "password_hash"},
	meta:  func(v *kam.User) *kam.Meta { return &v.Meta },
	args: func(v *kam.User) []any {
		return []any{v.Email, v.Name, string(v.Role), idv(v.TeamID), string(v.Locale), v.TimeZone, v.Disabled, v.MustChangePassword, v.PasswordHash}
	},
	dest: func(v *kam.User) []any {
		return []any{&v.Email, &v.Name, &v.Role, idCol{&v.TeamID}, &v.Locale, &v.TimeZone, &v.Disabled, &v.MustChangePassword, &v.PasswordHash}
	},
	refs: func(v *kam.User) []ref { return []ref{{"team_id", "teams", v.TeamID}} },
}

// Teams group sellers under a manager. List ignores Scope.
var Teams = &Table[kam.Team]{
	name:  "team",
	table: "teams",
	cols:  []string{"name", "manager_id"},
	meta:  func(v *kam.Team) *kam.Meta { return &v.Meta },
	args:  func(v *kam.Team) []any { return []any{v.Name, idv(v.ManagerID)} },
	dest:  func(v *kam.Team) []any { return []any{&v.Name, idCol{&v.ManagerID}} },
	refs:  func(v *kam.Team) []ref { return []ref{{"manager_id", "users", v.ManagerID}} },
}

// Accounts are the key accounts; visible by owner, team and shares.
var Accounts = &Table[kam.Account]{
	name:  "account",
	table: "accounts",
	cols:  []string{"name", "industry", "region", "employees", "annual_revenue", "parent_id", "reorganising_since", "owner_id", "notes"},
	meta:  func(v *kam.Account) *kam.Meta { return &v.Meta },
	args: func(v *kam.Account) []any {
		return []any{v.Name, v.Industry, v.Region, v.Employees, v.AnnualRevenue, idv(v.ParentID), v.ReorganisingSince, v.OwnerID, v.Notes}
	},
	dest: func(v *kam.Account) []any {
		return []any{&v.Name, &v.Industry, &v.Region, &v.Employees, &v.AnnualRevenue, idCol{&v.ParentID}, &v.ReorganisingSince, &v.OwnerID, &v.Notes}
	},
	refs: func(v *kam.Account) []ref {
		return []ref{{"parent_id", "accounts", v.ParentID}, {"owner_id", "users", v.OwnerID}}
	},
	isAccount: true,
}

// AccountRelations link accounts outside the group tree; they follow their
// From account.
var AccountRelations = &Table[kam.AccountRelation]{
	name:  "account_relation",
	table: "account_relations",
	cols:  []string{"from_account_id", "to_account_id", "kind"},
	meta:  func(v *kam.AccountRelation) *kam.Meta { return &v.Meta },
	args: func(v *kam.AccountRelation) []any {
		return []any{v.FromAccountID, v.ToAccountID, string(v.Kind)}
	},
	dest: func(v *kam.AccountRelation) []any {
		return []any{&v.FromAccountID, &v.ToAccountID, &v.Kind}
	},
	refs: func(v *kam.AccountRelation) []ref {
		return []ref{{"from_account_id", "accounts", v.FromAccountID}, {"to_account_id", "accounts", v.ToAccountID}}
	},
	scopeFrom: viaFromAccount,
}

// OrgUnits are departments of an account.
var OrgUnits = &Table[kam.OrgUnit]{
	name:  "org_unit",
	table: "org_units",
	cols:  []string{"account_id", "name", "parent_id"},
	meta:  func(v *kam.OrgUnit) *kam.Meta { return &v.Meta },
	args:  func(v *kam.OrgUnit) []any { return []any{v.AccountID, v.Name, idv(v.ParentID)} },
	dest:  func(v *kam.OrgUnit) []any { return []any{&v.AccountID, &v.Name, idCol{&v.ParentID}} },
	refs: func(v *kam.OrgUnit) []ref {
		return []ref{{"account_id", "accounts", v.AccountID}, {"parent_id", "org_units", v.ParentID}}
	},
	scopeFrom: viaAccountID,
}

var contactCols = []string{"account_id", "name", "title", "org_unit_id", "seniority", "reports_to_id", "status", "status_date", "in_post_since", "email", "phone", "personal_notes"}

func contactArgs(v *kam.Contact) []any {
	return []any{v.AccountID, v.Name, v.Title, idv(v.OrgUnitID), string(v.Seniority), idv(v.ReportsToID), string(v.Status), v.StatusDate, v.InPostSince, v.Email, v.Phone, v.PersonalNotes}
}

func contactRefs(v *kam.Contact) []ref {
	return []ref{{"account_id", "accounts", v.AccountID}, {"org_unit_id", "org_units", v.OrgUnitID}, {"reports_to_id", "contacts", v.ReportsToID}}
}

// Contacts are the people at accounts.
var Contacts = &Table[kam.Contact]{
	name:  "contact",
	table: "contacts",
	cols:  contactCols,
	meta:  func(v *kam.Contact) *kam.Meta { return &v.Meta },
	args:  contactArgs,
	dest: func(v *kam.Contact) []any {
		return []any{&v.AccountID, &v.Name, &v.Title, idCol{&v.OrgUnitID}, &v.Seniority, idCol{&v.ReportsToID}, &v.Status, &v.StatusDate, &v.InPostSince, &v.Email, &v.Phone, &v.PersonalNotes}
	},
	refs:      contactRefs,
	scopeFrom: viaAccountID,
}

// ContactLinks are dotted lines between contacts; they follow their From
// contact's account.
var ContactLinks = &Table[kam.ContactLink]{
	name:  "contact_link",
	table: "contact_links",
	cols:  []string{"from_contact_id", "to_contact_id", "kind"},
	meta:  func(v *kam.ContactLink) *kam.Meta { return &v.Meta },
	args:  func(v *kam.ContactLink) []any { return []any{v.FromContactID, v.ToContactID, string(v.Kind)} },
	dest:  func(v *kam.ContactLink) []any { return []any{&v.FromContactID, &v.ToContactID, &v.Kind} },
	refs: func(v *kam.ContactLink) []ref {
		return []ref{{"from_contact_id", "contacts", v.FromContactID}, {"to_contact_id", "contacts", v.ToContactID}}
	},
	scopeFrom: viaFromContact,
}

var opportunityCols = []string{"account_id", "name", "product", "amount", "currency", "close_date", "level", "position", "engaged_on", "tender_published_on", "competitors", "owner_id", "our_win", "closed_on", "reached_level"}

func opportunityDest(v *kam.Opportunity) []any {
	return []any{&v.AccountID, &v.Name, &v.Product, &v.Amount, &v.Currency, &v.CloseDate, &v.Level, intPtrCol{&v.Position}, &v.EngagedOn, &v.TenderPublishedOn, &v.Competitors, &v.OwnerID, &v.OurWin, &v.ClosedOn, &v.ReachedLevel}
}

// Opportunities are single sales objectives at accounts.
var Opportunities = &Table[kam.Opportunity]{
	name:  "opportunity",
	table: "opportunities",
	cols:  opportunityCols,
	meta:  func(v *kam.Opportunity) *kam.Meta { return &v.Meta },
	args: func(v *kam.Opportunity) []any {
		return []any{v.AccountID, v.Name, v.Product, v.Amount, v.Currency, v.CloseDate, string(v.Level), intPtrv(v.Position), v.EngagedOn, v.TenderPublishedOn, v.Competitors, v.OwnerID, v.OurWin, v.ClosedOn, string(v.ReachedLevel)}
	},
	dest: opportunityDest,
	refs: func(v *kam.Opportunity) []ref {
		return []ref{{"account_id", "accounts", v.AccountID}, {"owner_id", "users", v.OwnerID}}
	},
	scopeFrom: viaAccountID,
}

// BuyingInfluences are the buyers of an opportunity.
var BuyingInfluences = &Table[kam.BuyingInfluence]{
	name:  "buying_influence",
	table: "buying_influences",
	cols:  []string{"opportunity_id", "contact_id", "roles", "influence", "rating", "contact_level", "mode", "personal_win", "business_result", "evidence", "vito", "counterpart_id", "relationship_level", "competitor_coach"},
	meta:  func(v *kam.BuyingInfluence) *kam.Meta { return &v.Meta },
	args: func(v *kam.BuyingInfluence) []any {
		return []any{v.OpportunityID, v.ContactID, jsonv(v.Roles), string(v.Influence), intPtrv(v.Rating), string(v.ContactLevel), string(v.Mode), v.PersonalWin, v.BusinessResult, v.Evidence, v.VITO, idv(v.CounterpartID), string(v.RelationshipLevel), v.CompetitorCoach}
	},
	dest: func(v *kam.BuyingInfluence) []any {
		return []any{&v.OpportunityID, &v.ContactID, jsonCol[kam.BuyingRole]{&v.Roles}, &v.Influence, intPtrCol{&v.Rating}, &v.ContactLevel, &v.Mode, &v.PersonalWin, &v.BusinessResult, &v.Evidence, &v.VITO, idCol{&v.CounterpartID}, &v.RelationshipLevel, &v.CompetitorCoach}
	},
	refs: func(v *kam.BuyingInfluence) []ref {
		return []ref{{"opportunity_id", "opportunities", v.OpportunityID}, {"contact_id", "contacts", v.ContactID}, {"counterpart_id", "users", v.CounterpartID}}
	},
	scopeFrom: viaOpportunity,
}

// SWOTItems are the strengths, weaknesses, opportunities and threats of a
// deal.
var SWOTItems = &Table[kam.SWOTItem]{
	name:      "swot_item",
	table:     "swot_items",
	cols:      []string{"opportunity_id", "kind", "text"},
	meta:      func(v *kam.SWOTItem) *kam.Meta { return &v.Meta },
	args:      func(v *kam.SWOTItem) []any { return []any{v.OpportunityID, string(v.Kind), v.Text} },
	dest:      func(v *kam.SWOTItem) []any { return []any{&v.OpportunityID, &v.Kind, &v.Text} },
	refs:      func(v *kam.SWOTItem) []ref { return []ref{{"opportunity_id", "opportunities", v.OpportunityID}} },
	scopeFrom: viaOpportunity,
}

// Actions are the steps of a deal's action plan; ParticipantIDs live in
// action_participants.
var Actions = &Table[kam.Action]{
	name:  "action",
	table: "actions",
	cols:  []string{"opportunity_id", "title", "owner_id", "due", "status", "target_influence_id", "addresses_rules", "strength_id"},
	meta:  func(v *kam.Action) *kam.Meta { return &v.Meta },
	args: func(v *kam.Action) []any {
		return []any{v.OpportunityID, v.Title, idv(v.OwnerID), v.Due, string(v.Status), idv(v.TargetInfluenceID), jsonv(v.AddressesRules), idv(v.StrengthID)}
	},
	dest: func(v *kam.Action) []any {
		return []any{&v.OpportunityID, &v.Title, idCol{&v.OwnerID}, &v.Due, &v.Status, idCol{&v.TargetInfluenceID}, jsonCol[string]{&v.AddressesRules}, idCol{&v.StrengthID}}
	},
	refs: func(v *kam.Action) []ref {
		r := []ref{{"opportunity_id", "opportunities", v.OpportunityID}, {"owner_id", "users", v.OwnerID},
			{"target_influence_id", "buying_influences", v.TargetInfluenceID}, {"strength_id", "swot_items", v.StrengthID}}
		for _, id := range v.ParticipantIDs {
			r = append(r, ref{"participant_ids", "contacts", id})
		}
		return r
	},
	scopeFrom:    viaOpportunity,
	saveChildren: saveActionChildren,
	loadChildren: loadActionChildren,
}

// Interactions are visits, calls, meetings and emails; UserIDs and Feedback
// live in interaction_users and interaction_feedback.
var Interactions = &Table[kam.Interaction]{
	name:  "interaction",
	table: "interactions",
	cols:  []string{"opportunity_id", "kind", "at", "objective", "outcome", "notes"},
	meta:  func(v *kam.Interaction) *kam.Meta { return &v.Meta },
	args: func(v *kam.Interaction) []any {
		return []any{v.OpportunityID, string(v.Kind), tv(v.At), v.Objective, string(v.Outcome), v.Notes}
	},
	dest: func(v *kam.Interaction) []any {
		return []any{&v.OpportunityID, &v.Kind, timeCol{&v.At}, &v.Objective, &v.Outcome, &v.Notes}
	},
	refs: func(v *kam.Interaction) []ref {
		r := []ref{{"opportunity_id", "opportunities", v.OpportunityID}}
		for _, id := range v.UserIDs {
			r = append(r, ref{"user_ids", "users", id})
		}
		for _, fb := range v.Feedback {
			r = append(r, ref{"feedback", "contacts", fb.ContactID})
		}
		return r
	},
	scopeFrom:    viaOpportunity,
	saveChildren: saveInteractionChildren,
	loadChildren: loadInteractionChildren,
}

// Criteria make up the ideal-customer profile. List ignores Scope.
var Criteria = &Table[kam.Criterion]{
	name:  "criterion",
	table: "criteria",
	cols:  []string{"name", "kind", "weight"},
	meta:  func(v *kam.Criterion) *kam.Meta { return &v.Meta },
	args:  func(v *kam.Criterion) []any { return []any{v.Name, string(v.Kind), int64(v.Weight)} },
	dest:  func(v *kam.Criterion) []any { return []any{&v.Name, &v.Kind, &v.Weight} },
}

// Quotas are what users and teams must win per period. List ignores Scope.
var Quotas = &Table[kam.Quota]{
	name:  "quota",
	table: "quotas",
	cols:  []string{"user_id", "team_id", "period", "amount", "currency"},
	meta:  func(v *kam.Quota) *kam.Meta { return &v.Meta },
	args: func(v *kam.Quota) []any {
		return []any{idv(v.UserID), idv(v.TeamID), v.Period, v.Amount, v.Currency}
	},
	dest: func(v *kam.Quota) []any {
		return []any{idCol{&v.UserID}, idCol{&v.TeamID}, &v.Period, &v.Amount, &v.Currency}
	},
	refs: func(v *kam.Quota) []ref {
		return []ref{{"user_id", "users", v.UserID}, {"team_id", "teams", v.TeamID}}
	},
}

// ExchangeRates are the rates (汇率) an administrator keeps. List ignores
// Scope: rates are not secret.
var ExchangeRates = &Table[kam.ExchangeRate]{
	name:  "exchange_rate",
	table: "exchange_rates",
	cols:  []string{"from_currency", "to_currency", "rate", "on_date"},
	meta:  func(v *kam.ExchangeRate) *kam.Meta { return &v.Meta },
	args: func(v *kam.ExchangeRate) []any {
		return []any{v.From, v.To, v.Rate, v.On}
	},
	dest: func(v *kam.ExchangeRate) []any {
		return []any{&v.From, &v.To, &v.Rate, &v.On}
	},
}
