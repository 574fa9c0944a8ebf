package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"kam/internal/kam"
)

// The conversation's records: call plans (attendees with their questions in
// call_plan_attendees), needs, deal reviews (with their snapshot as JSON)
// and VITO plans.

// CallPlans are the plans of visits, calls and meetings on a deal.
var CallPlans = &Table[kam.CallPlan]{
	name:  "call_plan",
	table: "call_plans",
	cols: []string{"opportunity_id", "kind", "at", "user_ids", "business_reason", "best_commitment", "minimum_commitment",
		"commitment_due", "give", "learn", "interaction_id", "commitment_obtained", "commitment_met", "proposal_decisions"},
	meta: func(v *kam.CallPlan) *kam.Meta { return &v.Meta },
	args: func(v *kam.CallPlan) []any {
		return []any{v.OpportunityID, string(v.Kind), tv(v.At), jsonv(v.UserIDs), v.BusinessReason, v.BestCommitment, v.MinimumCommitment,
			datePtrv(v.CommitmentDue), v.Give, v.Learn, idv(v.InteractionID), v.CommitmentObtained, string(v.CommitmentMet), jsonv(v.Decisions)}
	},
	dest: func(v *kam.CallPlan) []any {
		return []any{&v.OpportunityID, &v.Kind, timeCol{&v.At}, jsonCol[int64]{&v.UserIDs}, &v.BusinessReason, &v.BestCommitment, &v.MinimumCommitment,
			datePtrCol{&v.CommitmentDue}, &v.Give, &v.Learn, idCol{&v.InteractionID}, &v.CommitmentObtained, &v.CommitmentMet, jsonCol[kam.ProposalDecision]{&v.Decisions}}
	},
	refs: func(v *kam.CallPlan) []ref {
		r := []ref{{"opportunity_id", "opportunities", v.OpportunityID}, {"interaction_id", "interactions", v.InteractionID}}
		for _, at := range v.Attendees {
			r = append(r, ref{"attendees", "contacts", at.ContactID})
		}
		return r
	},
	scopeFrom:    viaOpportunity,
	saveChildren: saveCallPlanChildren,
	loadChildren: loadCallPlanChildren,
}

func saveCallPlanChildren(ctx context.Context, tx *Tx, v *kam.CallPlan) error {
	rows := make([][]any, len(v.Attendees))
	for i, at := range v.Attendees {
		rows[i] = []any{at.ContactID, jsonv(at.Questions)}
	}
	return replaceChildren(ctx, tx, "call_plan_attendees", "call_plan_id", v.ID, []string{"contact_id", "questions"}, rows)
}

func loadCallPlanChildren(ctx context.Context, tx *Tx, vs []*kam.CallPlan) error {
	ids := idsOf(vs, func(v *kam.CallPlan) *kam.Meta { return &v.Meta })
	byID := make(map[int64]*kam.CallPlan, len(vs))
	for _, v := range vs {
		v.Attendees = []kam.CallAttendee{}
		if v.UserIDs == nil {
			v.UserIDs = []int64{}
		}
		byID[v.ID] = v
	}
	rows, err := tx.query(ctx, "SELECT call_plan_id, contact_id, questions FROM call_plan_attendees WHERE call_plan_id IN ("+placeholders(len(ids))+") ORDER BY call_plan_id, pos", int64Args(ids)...)
	if err != nil {
		return fmt.Errorf("store: call plan attendees: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var pid int64
		var at kam.CallAttendee
		if err := rows.Scan(&pid, &at.ContactID, jsonCol[kam.Question]{&at.Questions}); err != nil {
			return fmt.Errorf("store: call plan attendees: %w", err)
		}
		if v := byID[pid]; v != nil {
			v.Attendees = append(v.Attendees, at)
		}
	}
	return rows.Err()
}

// Needs are the needs buyers voiced.
var Needs = &Table[kam.Need]{
	name:  "need",
	table: "needs",
	cols:  []string{"opportunity_id", "contact_id", "kind", "words", "heard_at", "linked_to_result", "interaction_id"},
	meta:  func(v *kam.Need) *kam.Meta { return &v.Meta },
	args: func(v *kam.Need) []any {
		return []any{v.OpportunityID, v.ContactID, string(v.Kind), v.Words, tv(v.HeardAt), v.LinkedToResult, idv(v.InteractionID)}
	},
	dest: func(v *kam.Need) []any {
		return []any{&v.OpportunityID, &v.ContactID, &v.Kind, &v.Words, timeCol{&v.HeardAt}, &v.LinkedToResult, idCol{&v.InteractionID}}
	},
	refs: func(v *kam.Need) []ref {
		return []ref{{"opportunity_id", "opportunities", v.OpportunityID}, {"contact_id", "contacts", v.ContactID}, {"interaction_id", "interactions", v.InteractionID}}
	},
	scopeFrom: viaOpportunity,
}

// Reviews are the deal reviews (复盘), each with its snapshot.
var Reviews = &Table[kam.Review]{
	name:  "review",
	table: "reviews",
	cols:  []string{"opportunity_id", "at", "manager_id", "seller_id", "notes", "agreed_actions", "snapshot"},
	meta:  func(v *kam.Review) *kam.Meta { return &v.Meta },
	args: func(v *kam.Review) []any {
		return []any{v.OpportunityID, tv(v.At), idv(v.ManagerID), idv(v.SellerID), v.Notes, jsonv(v.AgreedActions), jsonObjv(v.Snapshot)}
	},
	dest: func(v *kam.Review) []any {
		return []any{&v.OpportunityID, timeCol{&v.At}, idCol{&v.ManagerID}, idCol{&v.SellerID}, &v.Notes, jsonCol[string]{&v.AgreedActions}, jsonObjCol[kam.ReviewSnapshot]{&v.Snapshot}}
	},
	refs: func(v *kam.Review) []ref {
		return []ref{{"opportunity_id", "opportunities", v.OpportunityID}, {"manager_id", "users", v.ManagerID}, {"seller_id", "users", v.SellerID}}
	},
	scopeFrom: viaOpportunity,
}

// VITOPlans are the plans to meet each deal's top decision maker.
var VITOPlans = &Table[kam.VITOPlan]{
	name:  "vito_plan",
	table: "vito_plans",
	cols:  []string{"opportunity_id", "contact_id", "contacted_on", "executive_name", "executive_title", "referral_path", "notes"},
	meta:  func(v *kam.VITOPlan) *kam.Meta { return &v.Meta },
	args: func(v *kam.VITOPlan) []any {
		return []any{v.OpportunityID, idv(v.ContactID), v.ContactedOn, v.ExecutiveName, v.ExecutiveTitle, jsonv(v.ReferralPath), v.Notes}
	},
	dest: func(v *kam.VITOPlan) []any {
		return []any{&v.OpportunityID, idCol{&v.ContactID}, &v.ContactedOn, &v.ExecutiveName, &v.ExecutiveTitle, jsonCol[int64]{&v.ReferralPath}, &v.Notes}
	},
	refs: func(v *kam.VITOPlan) []ref {
		return []ref{{"opportunity_id", "opportunities", v.OpportunityID}, {"contact_id", "contacts", v.ContactID}}
	},
	scopeFrom: viaOpportunity,
}

// ListReviews returns the live reviews of an opportunity, oldest first.
func ListReviews(ctx context.Context, tx *Tx, opportunityID int64) ([]kam.Review, error) {
	return Reviews.selectWhere(ctx, tx, "t.opportunity_id = ? AND t.deleted_at IS NULL ORDER BY t.at, t.id", opportunityID)
}

// LastReviews returns, for each opportunity in ids, when it was last
// reviewed, in one query; opportunities never reviewed are absent.
func LastReviews(ctx context.Context, tx *Tx, ids []int64) (map[int64]time.Time, error) {
	out := map[int64]time.Time{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := tx.query(ctx, "SELECT opportunity_id, MAX(at) FROM reviews WHERE opportunity_id IN ("+placeholders(len(ids))+") AND deleted_at IS NULL GROUP BY opportunity_id", int64Args(ids)...)
	if err != nil {
		return nil, fmt.Errorf("store: last reviews: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var at time.Time
		if err := rows.Scan(&id, timeCol{&at}); err != nil {
			return nil, fmt.Errorf("store: last reviews: %w", err)
		}
		out[id] = at
	}
	return out, rows.Err()
}

// VITOPlanOf returns the live VITO plan of an opportunity; kam.ErrNotFound
// when it has none.
func VITOPlanOf(ctx context.Context, tx *Tx, opportunityID int64) (kam.VITOPlan, error) {
	vs, err := VITOPlans.selectWhere(ctx, tx, "t.opportunity_id = ? AND t.deleted_at IS NULL", opportunityID)
	if err != nil {
		return kam.VITOPlan{}, err
	}
	if len(vs) == 0 {
		return kam.VITOPlan{}, notFound("vito plan of opportunity", opportunityID)
	}
	return vs[0], nil
}

// datePtrv stores a nil date as NULL.
func datePtrv(d *kam.Date) any {
	if d == nil || d.IsZero() {
		return nil
	}
	return d.String()
}

// datePtrCol scans a nullable date into a *kam.Date.
type datePtrCol struct{ p **kam.Date }

func (c datePtrCol) Scan(src any) error {
	if src == nil {
		*c.p = nil
		return nil
	}
	var d kam.Date
	if err := d.Scan(src); err != nil {
		return err
	}
	*c.p = &d
	return nil
}

// jsonObjv stores a value as JSON text.
func jsonObjv[T any](v T) any {
	b, err := json.Marshal(v)
	if err != nil {
		// Snapshots hold plain values and always marshal.
		panic(err)
	}
	return string(b)
}

// jsonObjCol scans JSON text into a value.
type jsonObjCol[T any] struct{ p *T }

func (c jsonObjCol[T]) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case nil:
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		return fmt.Errorf("store: cannot scan %T as JSON", src)
	}
	var v T
	if len(b) > 0 {
		if err := json.Unmarshal(b, &v); err != nil {
			return fmt.Errorf("store: bad JSON: %w", err)
		}
	}
	*c.p = v
	return nil
}

// CallPlanFilter narrows the list of CallPlans.
type CallPlanFilter struct {
	ListOptions
	// AccountID and OpportunityID: the plans of the account's deals, of the
	// deal.
	AccountID     int64 `query:"account_id"`
	OpportunityID int64 `query:"opportunity_id"`
	// ContactID: plans the contact attends.
	ContactID int64 `query:"contact_id"`
	// Query: a case-insensitive substring of the business reason or the
	// commitments.
	Query string `query:"q"`
}

// WithOptions implements Filter.
func (f CallPlanFilter) WithOptions(o ListOptions) Filter[kam.CallPlan] { f.ListOptions = o; return f }

func (f CallPlanFilter) where(w *where) {
	underOpportunity(w, f.AccountID, f.OpportunityID)
	if f.ContactID != 0 {
		w.add("t.id IN (SELECT call_plan_id FROM call_plan_attendees WHERE contact_id = ?)", f.ContactID)
	}
	search(w, f.Query, "t.business_reason", "t.best_commitment", "t.minimum_commitment")
}

// NeedFilter narrows the list of Needs.
type NeedFilter struct {
	ListOptions
	AccountID     int64 `query:"account_id"`
	OpportunityID int64 `query:"opportunity_id"`
	// ContactID: the needs the buyer voiced.
	ContactID int64 `query:"contact_id"`
	// Query: a case-insensitive substring of the buyer's words.
	Query string `query:"q"`
}

// WithOptions implements Filter.
func (f NeedFilter) WithOptions(o ListOptions) Filter[kam.Need] { f.ListOptions = o; return f }

func (f NeedFilter) where(w *where) {
	underOpportunity(w, f.AccountID, f.OpportunityID)
	if f.ContactID != 0 {
		w.add("t.contact_id = ?", f.ContactID)
	}
	search(w, f.Query, "t.words")
}

// ReviewFilter narrows the list of Reviews.
type ReviewFilter struct {
	ListOptions
	AccountID     int64 `query:"account_id"`
	OpportunityID int64 `query:"opportunity_id"`
	// UserID: reviews the user held as manager or took part in as seller.
	UserID int64 `query:"user_id"`
	// Query: a case-insensitive substring of the notes.
	Query string `query:"q"`
}

// WithOptions implements Filter.
func (f ReviewFilter) WithOptions(o ListOptions) Filter[kam.Review] { f.ListOptions = o; return f }

func (f ReviewFilter) where(w *where) {
	underOpportunity(w, f.AccountID, f.OpportunityID)
	if f.UserID != 0 {
		w.add("(t.manager_id = ? OR t.seller_id = ?)", f.UserID, f.UserID)
	}
	search(w, f.Query, "t.notes")
}

// VITOPlanFilter narrows the list of VITOPlans.
type VITOPlanFilter struct {
	ListOptions
	AccountID     int64 `query:"account_id"`
	OpportunityID int64 `query:"opportunity_id"`
	// ContactID: the plans naming the contact as the VITO.
	ContactID int64 `query:"contact_id"`
	// Query: a case-insensitive substring of our executive's name or the
	// notes.
	Query string `query:"q"`
}

// WithOptions implements Filter.
func (f VITOPlanFilter) WithOptions(o ListOptions) Filter[kam.VITOPlan] { f.ListOptions = o; return f }

func (f VITOPlanFilter) where(w *where) {
	underOpportunity(w, f.AccountID, f.OpportunityID)
	if f.ContactID != 0 {
		w.add("t.contact_id = ?", f.ContactID)
	}
	search(w, f.Query, "t.executive_name", "t.notes")
}
