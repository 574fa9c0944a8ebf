package service

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"kam/internal/kam"
	"kam/internal/loop"
	"kam/internal/method"
	"kam/internal/store"
)

// The conversation around a deal: call plans, needs, reviews and the VITO
// plan as ordinary records (versions, audit, scope), and the use cases that
// tie them to the map: drafting questions, debriefing a call, accepting the
// map changes it proposes, and reading what changed since a review.

func (s *Service) initConversation() {
	oppScoped := func(ctx context.Context, tx *store.Tx, oppID int64) (int64, string, bool, error) {
		o, err := store.Opportunities.Get(ctx, tx, oppID)
		if errors.Is(err, kam.ErrNotFound) {
			return 0, "opportunity_id", true, nil
		}
		return o.AccountID, "opportunity_id", true, err
	}
	s.CallPlans = &Entity[kam.CallPlan]{s: s, t: store.CallPlans,
		meta:     func(v *kam.CallPlan) *kam.Meta { return &v.Meta },
		validate: (*kam.CallPlan).Validate,
		account: func(ctx context.Context, tx *store.Tx, v *kam.CallPlan) (int64, string, bool, error) {
			return oppScoped(ctx, tx, v.OpportunityID)
		},
		defaults: func(a kam.Actor, v *kam.CallPlan) {
			// Decisions are made through AcceptProposal and RejectProposal.
			v.Decisions = nil
			if len(v.UserIDs) == 0 && a.UserID != 0 {
				v.UserIDs = []int64{a.UserID}
			}
		},
		keep: func(cur, next *kam.CallPlan) {
			next.OpportunityID = cur.OpportunityID
			next.Decisions = cur.Decisions
		},
		check: s.checkCallPlan,
	}
	s.Needs = &Entity[kam.Need]{s: s, t: store.Needs,
		meta:     func(v *kam.Need) *kam.Meta { return &v.Meta },
		validate: (*kam.Need).Validate,
		pasts: func(n *kam.Need) []pastDate {
			var d kam.Date
			if !n.HeardAt.IsZero() {
				d = kam.DateOf(n.HeardAt)
			}
			return []pastDate{{field: "heard_at", date: d, at: n.HeardAt, msg: msgInFuture}}
		},
		account: func(ctx context.Context, tx *store.Tx, v *kam.Need) (int64, string, bool, error) {
			return oppScoped(ctx, tx, v.OpportunityID)
		},
		keep: func(cur, next *kam.Need) {
			next.OpportunityID = cur.OpportunityID
			next.ContactID = cur.ContactID
		},
		check: s.checkNeed,
	}
	s.Reviews = &Entity[kam.Review]{s: s, t: store.Reviews,
		meta:     func(v *kam.Review) *kam.Meta { return &v.Meta },
		validate: (*kam.Review).Validate,
		pasts: func(r *kam.Review) []pastDate {
			var d kam.Date
			if !r.At.IsZero() {
				d = kam.DateOf(r.At)
			}
			return []pastDate{{field: "at", date: d, at: r.At, msg: msgInFuture}}
		},
		account: func(ctx context.Context, tx *store.Tx, v *kam.Review) (int64, string, bool, error) {
			return oppScoped(ctx, tx, v.OpportunityID)
		},
		defaults: func(a kam.Actor, v *kam.Review) {
			if v.At.IsZero() {
				v.At = s.now()
			}
			if v.ManagerID == 0 && a.Role == kam.RoleManager {
				v.ManagerID = a.UserID
			}
		},
		keep: func(cur, next *kam.Review) {
			next.OpportunityID = cur.OpportunityID
			next.Snapshot = cur.Snapshot
			next.At = cur.At
		},
		check: s.checkReview,
	}
	s.VITOPlans = &Entity[kam.VITOPlan]{s: s, t: store.VITOPlans,
		meta:     func(v *kam.VITOPlan) *kam.Meta { return &v.Meta },
		validate: (*kam.VITOPlan).Validate,
		pasts: func(v *kam.VITOPlan) []pastDate {
			return []pastDate{{field: "contacted_on", date: v.ContactedOn, msg: msgInFuture}}
		},
		account: func(ctx context.Context, tx *store.Tx, v *kam.VITOPlan) (int64, string, bool, error) {
			return oppScoped(ctx, tx, v.OpportunityID)
		},
		keep:  func(cur, next *kam.VITOPlan) { next.OpportunityID = cur.OpportunityID },
		check: s.checkVITOPlan,
	}
}

var msgOtherOpportunity = kam.T("belongs to another opportunity", "属于其他商机")

// interactionOf checks that interaction id (when set) is one of the
// opportunity's.
func interactionOf(ctx context.Context, tx *store.Tx, id, oppID int64, field string) error {
	if id == 0 {
		return nil
	}
	it, err := store.Interactions.Get(ctx, tx, id)
	if err != nil {
		return refErr(field, err)
	}
	if it.OpportunityID != oppID {
		return kam.Invalid(field, msgOtherOpportunity)
	}
	return nil
}

func (s *Service) checkCallPlan(ctx context.Context, tx *store.Tx, _ kam.Actor, before, after *kam.CallPlan) error {
	acct, err := s.accountOfOpportunity(ctx, tx, after.OpportunityID)
	if err != nil {
		return err
	}
	for i, at := range after.Attendees {
		if err := s.contactInAccount(ctx, tx, at.ContactID, acct, fieldIndex("attendees", i)+".contact_id"); err != nil {
			return err
		}
	}
	for i, id := range after.UserIDs {
		if _, err := store.Users.Get(ctx, tx, id); err != nil {
			return refErr(fieldIndex("user_ids", i), err)
		}
	}
	if before == nil || before.InteractionID != after.InteractionID {
		return interactionOf(ctx, tx, after.InteractionID, after.OpportunityID, "interaction_id")
	}
	return nil
}

func (s *Service) checkNeed(ctx context.Context, tx *store.Tx, _ kam.Actor, before, after *kam.Need) error {
	if before == nil {
		acct, err := s.accountOfOpportunity(ctx, tx, after.OpportunityID)
		if err != nil {
			return err
		}
		if err := s.contactInAccount(ctx, tx, after.ContactID, acct, "contact_id"); err != nil {
			return err
		}
	}
	if before == nil || before.InteractionID != after.InteractionID {
		return interactionOf(ctx, tx, after.InteractionID, after.OpportunityID, "interaction_id")
	}
	return nil
}

func (s *Service) checkReview(ctx context.Context, tx *store.Tx, a kam.Actor, before, after *kam.Review) error {
	for _, u := range []struct {
		field string
		id    int64
	}{{"manager_id", after.ManagerID}, {"seller_id", after.SellerID}} {
		if u.id != 0 {
			if _, err := store.Users.Get(ctx, tx, u.id); err != nil {
				return refErr(u.field, err)
			}
		}
	}
	if before != nil {
		return nil
	}
	o, err := store.Opportunities.Get(ctx, tx, after.OpportunityID)
	if err != nil {
		return refErr("opportunity_id", err)
	}
	if after.SellerID == 0 {
		after.SellerID = o.OwnerID
	}
	// An import brings the snapshot taken then; a new review takes one now.
	if replaying(ctx) {
		return nil
	}
	snap, err := s.snapshot(ctx, tx, a, after.OpportunityID)
	if err != nil {
		return err
	}
	after.Snapshot = snap
	return nil
}

func (s *Service) checkVITOPlan(ctx context.Context, tx *store.Tx, _ kam.Actor, _, after *kam.VITOPlan) error {
	acct, err := s.accountOfOpportunity(ctx, tx, after.OpportunityID)
	if err != nil {
		return err
	}
	if after.ContactID != 0 {
		if err := s.contactInAccount(ctx, tx, after.ContactID, acct, "contact_id"); err != nil {
			return err
		}
	}
	for i, id := range after.ReferralPath {
		if err := s.contactInAccount(ctx, tx, id, acct, fieldIndex("referral_path", i)); err != nil {
			return err
		}
	}
	return nil
}

// snapshot takes the judgement of the opportunity now, as the strategy
// sheet reads it.
func (s *Service) snapshot(ctx context.Context, tx *store.Tx, _ kam.Actor, oppID int64) (kam.ReviewSnapshot, error) {
	p, err := store.LoadPicture(ctx, tx, oppID)
	if err != nil {
		return kam.ReviewSnapshot{}, refErr("opportunity_id", err)
	}
	set, err := s.settings(ctx, tx)
	if err != nil {
		return kam.ReviewSnapshot{}, err
	}
	// The health fit is one for all of kam, and the day is the deal
	// owner's, whoever takes the snapshot: a move of health between two
	// snapshots is a move of the deal, not of the reader.
	w, _, err := s.weightsFor(ctx, tx, set)
	if err != nil {
		return kam.ReviewSnapshot{}, err
	}
	now, err := s.ownerNow(ctx, tx, p)
	if err != nil {
		return kam.ReviewSnapshot{}, err
	}
	fs, h, lvl, _ := s.read(p, set, w, now)
	return loop.Snapshot(p, snapshotFindings(fs), h.Score, lvl, s.now()), nil
}

func snapshotFindings(fs []method.Finding) []kam.SnapshotFinding {
	out := make([]kam.SnapshotFinding, len(fs))
	for i, f := range fs {
		out[i] = kam.SnapshotFinding{Rule: f.Rule, Subject: f.Subject, Severity: f.Severity, Title: f.Title, Accepted: !f.Open()}
	}
	return out
}

// viewable reads the opportunity's picture for the actor: kam.ErrNotFound
// when it is outside their scope; forWrite asks for write access.
func (s *Service) viewable(ctx context.Context, tx *store.Tx, a kam.Actor, oppID int64, forWrite bool) (*kam.OpportunityPicture, error) {
	p, err := store.LoadPicture(ctx, tx, oppID)
	if err != nil {
		return nil, err
	}
	acc, err := store.AccessTo(ctx, tx, scopeOf(a), &p.Account)
	if err != nil {
		return nil, err
	}
	switch {
	case acc == store.AccessNone:
		return nil, kam.ErrNotFound
	case forWrite && acc != store.AccessWrite:
		return nil, &forbidden{msgReadOnly}
	}
	return p, nil
}

// DraftQuestions drafts the SPIN questions to ask contact contactID in a
// call on opportunity oppID (loop.DraftQuestions). kam.ErrNotFound when the
// opportunity is outside the actor's scope; a contact of another account is
// invalid.
func (s *Service) DraftQuestions(ctx context.Context, a kam.Actor, oppID, contactID int64) ([]loop.Draft, error) {
	var out []loop.Draft
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		p, err := s.viewable(ctx, tx, a, oppID, false)
		if err != nil {
			return err
		}
		if err := s.contactInAccount(ctx, tx, contactID, p.Account.ID, "contact_id"); err != nil {
			return err
		}
		if !slices.ContainsFunc(p.Contacts, func(c kam.Contact) bool { return c.ID == contactID }) {
			c, err := store.Contacts.Get(ctx, tx, contactID)
			if err != nil {
				return err
			}
			p.Contacts = append(p.Contacts, c)
		}
		out = loop.DraftQuestions(p, contactID)
		return nil
	})
	return out, err
}

// Debrief is what the seller records after a call: the outcome, each
// attendee's feedback and words, the needs heard, and the commitment
// obtained.
type Debrief struct {
	At                 time.Time             `json:"at"`
	Outcome            kam.Outcome           `json:"outcome"`
	Feedback           []kam.ContactFeedback `json:"feedback"`
	Notes              string                `json:"notes"`
	CommitmentObtained string                `json:"commitment_obtained"`
	CommitmentMet      kam.CommitmentMet     `json:"commitment_met"`
	Needs              []HeardNeed           `json:"needs"`
}

// HeardNeed is one need heard in a call.
type HeardNeed struct {
	ContactID int64        `json:"contact_id"`
	Kind      kam.NeedKind `json:"kind"`
	Words     string       `json:"words"`
}

// DebriefResult is a debriefed call: the plan, the interaction record it
// became, the needs heard, and the map changes proposed.
type DebriefResult struct {
	Plan        kam.CallPlan    `json:"call_plan"`
	Interaction kam.Interaction `json:"interaction"`
	Needs       []kam.Need      `json:"needs"`
	Proposals   []loop.Proposal `json:"proposals"`
}

var msgDebriefed = kam.T("this call is already debriefed: edit its interaction record", "此次沟通已复盘：请修改其沟通记录")

// DebriefCall records the debrief of call plan planID, provided the client
// saw version: the call becomes the deal's interaction record (with our
// attendees, the outcome, each buyer's feedback and words), each need heard
// is recorded against it, and the plan keeps the commitment obtained and
// points at the record. It answers the map changes the debrief proposes.
// All of it is one transaction, each record versioned and audited.
func (s *Service) DebriefCall(ctx context.Context, a kam.Actor, planID, version int64, d Debrief) (DebriefResult, error) {
	var res DebriefResult
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		plan, err := s.CallPlans.get(ctx, tx, a, planID)
		if err != nil {
			return err
		}
		if plan.InteractionID != 0 {
			return kam.Invalid("interaction_id", msgDebriefed)
		}
		at := d.At
		if at.IsZero() {
			at = plan.At
		}
		it := kam.Interaction{OpportunityID: plan.OpportunityID, Kind: plan.Kind, At: at, UserIDs: plan.UserIDs,
			Objective: objectiveOf(&plan), Outcome: d.Outcome, Feedback: d.Feedback, Notes: d.Notes}
		if err := s.Interactions.create(ctx, tx, a, &it); err != nil {
			return err
		}
		for i, h := range d.Needs {
			n := kam.Need{OpportunityID: plan.OpportunityID, ContactID: h.ContactID, Kind: h.Kind, Words: h.Words, HeardAt: at, InteractionID: it.ID}
			if err := s.Needs.create(ctx, tx, a, &n); err != nil {
				return prefixFields(err, fieldIndex("needs", i)+".")
			}
			res.Needs = append(res.Needs, n)
		}
		plan, err = s.CallPlans.update(ctx, tx, a, planID, version, func(p *kam.CallPlan) error {
			p.InteractionID = it.ID
			p.CommitmentObtained = d.CommitmentObtained
			p.CommitmentMet = d.CommitmentMet
			return nil
		})
		if err != nil {
			return err
		}
		res.Plan, res.Interaction = plan, it
		res.Proposals, err = s.proposals(ctx, tx, a, &plan)
		return err
	})
	if res.Needs == nil {
		res.Needs = []kam.Need{}
	}
	return res, err
}

// objectiveOf is the interaction's objective taken from the plan.
func objectiveOf(p *kam.CallPlan) string {
	switch {
	case p.BestCommitment != "" && p.MinimumCommitment != "":
		return fmt.Sprintf("%s / %s", p.BestCommitment, p.MinimumCommitment)
	case p.BestCommitment != "":
		return p.BestCommitment
	}
	return p.BusinessReason
}

// prefixFields puts prefix before the fields of a validation error.
func prefixFields(err error, prefix string) error {
	var ve *kam.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	out := &kam.ValidationError{}
	for f, m := range ve.Fields {
		out.Add(prefix+f, m)
	}
	return out
}

// proposals reads the map changes a debriefed plan proposes; none before
// the debrief.
func (s *Service) proposals(ctx context.Context, tx *store.Tx, a kam.Actor, plan *kam.CallPlan) ([]loop.Proposal, error) {
	if plan.InteractionID == 0 {
		return []loop.Proposal{}, nil
	}
	p, err := s.viewable(ctx, tx, a, plan.OpportunityID, false)
	if err != nil {
		return nil, err
	}
	it, err := store.Interactions.Get(ctx, tx, plan.InteractionID)
	if errors.Is(err, kam.ErrNotFound) {
		return []loop.Proposal{}, nil
	}
	if err != nil {
		return nil, err
	}
	// The attendees who are not buyers yet are named too.
	var missing []int64
	for _, f := range it.Feedback {
		if !slices.ContainsFunc(p.Contacts, func(c kam.Contact) bool { return c.ID == f.ContactID }) {
			missing = append(missing, f.ContactID)
		}
	}
	if len(missing) > 0 {
		cs, _, err := store.Contacts.List(ctx, tx, store.ContactFilter{ListOptions: store.ListOptions{Scope: store.Scope{All: true}, IDs: missing, Limit: store.MaxLimit}})
		if err != nil {
			return nil, err
		}
		p.Contacts = append(p.Contacts, cs...)
	}
	out := loop.Propose(p, plan, &it)
	if out == nil {
		out = []loop.Proposal{}
	}
	return out, nil
}

// Proposals returns the map changes the debrief of call plan planID
// proposes and the seller has not yet decided.
func (s *Service) Proposals(ctx context.Context, a kam.Actor, planID int64) ([]loop.Proposal, error) {
	var out []loop.Proposal
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		plan, err := s.CallPlans.get(ctx, tx, a, planID)
		if err != nil {
			return err
		}
		out, err = s.proposals(ctx, tx, a, &plan)
		return err
	})
	return out, err
}

var msgNoSuchProposal = kam.T("is not an open proposal of this debrief", "不是本次复盘待处理的建议")

// DecideProposal accepts or rejects the proposal key of call plan planID's
// debrief. An accepted change goes in as the ordinary versioned, audited
// edit of the buyer (or the creation of a new one); either way the plan
// records the decision, so the proposal is not offered again. It returns
// the proposals still open.
func (s *Service) DecideProposal(ctx context.Context, a kam.Actor, planID int64, key string, accept bool) ([]loop.Proposal, error) {
	var open []loop.Proposal
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		plan, err := s.CallPlans.get(ctx, tx, a, planID)
		if err != nil {
			return err
		}
		if err := s.CallPlans.access(ctx, tx, a, &plan, true); err != nil {
			return err
		}
		ps, err := s.proposals(ctx, tx, a, &plan)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(ps, func(p loop.Proposal) bool { return p.Key == key })
		if i < 0 {
			return kam.Invalid("key", msgNoSuchProposal)
		}
		if accept {
			if err := s.apply(ctx, tx, a, plan.OpportunityID, ps[i]); err != nil {
				return err
			}
		}
		// The decisions are kept from generic edits (Entity.keep), so the
		// plan is written here, as a versioned, audited update all the same.
		before, err := clone(plan)
		if err != nil {
			return err
		}
		plan.Decisions = append(plan.Decisions, kam.ProposalDecision{Key: key, Accepted: accept, ByUserID: a.UserID, At: tx.Now()})
		if err := store.CallPlans.Update(ctx, tx, &plan); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, a, "update", s.CallPlans.Name(), plan.ID, before, plan); err != nil {
			return err
		}
		open, err = s.proposals(ctx, tx, a, &plan)
		return err
	})
	return open, err
}

// apply makes one accepted proposal an edit of the map.
func (s *Service) apply(ctx context.Context, tx *store.Tx, a kam.Actor, oppID int64, p loop.Proposal) error {
	if p.Kind == loop.ProposeNewBuyer || (p.Kind == loop.ProposeRole && p.InfluenceID == 0) {
		b := kam.BuyingInfluence{OpportunityID: oppID, ContactID: p.ContactID, Influence: kam.InfluenceUnknown,
			Mode: kam.ModeUnknown, ContactLevel: kam.ContactRare, Roles: []kam.BuyingRole{}}
		if p.Kind == loop.ProposeRole {
			b.Roles = []kam.BuyingRole{kam.BuyingRole(p.To)}
		} else if r, ok := p.RatingTo(); ok {
			b.Rating = &r
		}
		existing, _, err := store.BuyingInfluences.List(ctx, tx, store.BuyingInfluenceFilter{ListOptions: store.ListOptions{Scope: store.Scope{All: true}}, OpportunityID: oppID, ContactID: p.ContactID})
		if err != nil {
			return err
		}
		if len(existing) == 0 {
			return s.BuyingInfluences.create(ctx, tx, a, &b)
		}
		// The new buyer was put on the map meanwhile: give them the role.
		p.InfluenceID = existing[0].ID
	}
	cur, err := s.BuyingInfluences.get(ctx, tx, a, p.InfluenceID)
	if err != nil {
		return err
	}
	_, err = s.BuyingInfluences.update(ctx, tx, a, cur.ID, cur.Version, func(b *kam.BuyingInfluence) error {
		switch p.Kind {
		case loop.ProposeRating:
			r, ok := p.RatingTo()
			if !ok {
				return kam.Invalid("key", msgNoSuchProposal)
			}
			b.Rating = &r
		case loop.ProposeMode:
			b.Mode = kam.ResponseMode(p.To)
		case loop.ProposeContactLevel:
			b.ContactLevel = kam.ContactLevel(p.To)
		case loop.ProposeRole:
			if !b.HasRole(kam.BuyingRole(p.To)) {
				b.Roles = append(b.Roles, kam.BuyingRole(p.To))
			}
		case loop.ProposeWinResult:
			b.BusinessResult = p.To
		}
		return nil
	})
	return err
}

// ChangesView is what changed on a deal between two snapshots.
type ChangesView struct {
	// FromReview is the review whose snapshot is the start; 0 when none.
	FromReview int64              `json:"from_review_id"`
	From       time.Time          `json:"from"`
	ToReview   int64              `json:"to_review_id,omitempty"` // 0: now
	To         time.Time          `json:"to"`
	Changes    []loop.Change      `json:"changes"`
	Reviews    []kam.Review       `json:"-"`
	Now        kam.ReviewSnapshot `json:"-"`
}

var msgNoReviewBefore = kam.T("no review of this deal on or before this point: what changed is read between review snapshots",
	"此时间点（含）之前没有该商机的复盘：变化是在复盘快照之间比较的")

// Since names the start (or end) of a changes list: a review, or a date
// (the last review on or before that day). The zero Since is the last
// review (as a start) or now (as an end).
type Since struct {
	ReviewID int64
	Date     kam.Date
}

// ParseSince reads "42" as a review id and "2026-11-01" as a date.
func ParseSince(s string) (Since, bool) {
	if s == "" {
		return Since{}, true
	}
	if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 {
		return Since{ReviewID: id}, true
	}
	d, err := kam.ParseDate(s)
	if err != nil {
		return Since{}, false
	}
	return Since{Date: d}, true
}

// pick finds the review a Since names among the deal's reviews (oldest
// first); ok is false when there is none.
func (q Since) pick(rs []kam.Review) (kam.Review, bool) {
	switch {
	case q.ReviewID != 0:
		for _, r := range rs {
			if r.ID == q.ReviewID {
				return r, true
			}
		}
		return kam.Review{}, false
	case !q.Date.IsZero():
		end := q.Date.AddDays(1).Time()
		var got kam.Review
		ok := false
		for _, r := range rs {
			if r.At.Before(end) {
				got, ok = r, true
			}
		}
		return got, ok
	}
	if len(rs) == 0 {
		return kam.Review{}, false
	}
	return rs[len(rs)-1], true
}

// Changes lists what changed on opportunity oppID from the snapshot since
// names to the one until names (now, when zero): buyers added or gone,
// ratings and modes moved, flags opened, closed and accepted, health and
// level moved, actions done, dropped and overdue. A field error on "since"
// or "until" when no review matches.
func (s *Service) Changes(ctx context.Context, a kam.Actor, oppID int64, since, until Since) (ChangesView, error) {
	var v ChangesView
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		if _, err := s.viewable(ctx, tx, a, oppID, false); err != nil {
			return err
		}
		rs, err := store.ListReviews(ctx, tx, oppID)
		if err != nil {
			return err
		}
		v.Reviews = rs
		from, ok := since.pick(rs)
		if !ok {
			return kam.Invalid("since", msgNoReviewBefore)
		}
		v.FromReview, v.From = from.ID, from.Snapshot.At
		var to kam.ReviewSnapshot
		if until == (Since{}) {
			to, err = s.snapshot(ctx, tx, a, oppID)
			if err != nil {
				return err
			}
		} else {
			r, ok := until.pick(rs)
			if !ok {
				return kam.Invalid("until", msgNoReviewBefore)
			}
			v.ToReview, to = r.ID, r.Snapshot
		}
		v.To, v.Now = to.At, to
		v.Changes = loop.Changes(from.Snapshot, to)
		return nil
	})
	return v, err
}

// VITOView is the VITO page of a deal: its plan (nil when none), the results
// the VITO buys, and a briefing draft for our executive.
type VITOView struct {
	Plan     *kam.VITOPlan
	Results  []loop.VITOResult
	Briefing kam.Text
	Picture  *kam.OpportunityPicture
}

// VITO reads the VITO page of opportunity oppID; kam.ErrNotFound outside
// the actor's scope.
func (s *Service) VITO(ctx context.Context, a kam.Actor, oppID int64) (VITOView, error) {
	var v VITOView
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		p, err := s.viewable(ctx, tx, a, oppID, false)
		if err != nil {
			return err
		}
		plan := kam.VITOPlan{OpportunityID: oppID, ReferralPath: []int64{}}
		got, err := store.VITOPlanOf(ctx, tx, oppID)
		switch {
		case err == nil:
			plan = got
			v.Plan = &got
		case !errors.Is(err, kam.ErrNotFound):
			return err
		}
		ids := append([]int64{plan.ContactID}, plan.ReferralPath...)
		var missing []int64
		for _, id := range ids {
			if id != 0 && !slices.ContainsFunc(p.Contacts, func(c kam.Contact) bool { return c.ID == id }) {
				missing = append(missing, id)
			}
		}
		if len(missing) > 0 {
			cs, _, err := store.Contacts.List(ctx, tx, store.ContactFilter{ListOptions: store.ListOptions{Scope: store.Scope{All: true}, IDs: missing, Limit: store.MaxLimit}})
			if err != nil {
				return err
			}
			p.Contacts = append(p.Contacts, cs...)
		}
		v.Results = loop.VITOResults(p)
		v.Briefing = loop.Briefing(p, &plan)
		v.Picture = p
		return nil
	})
	return v, err
}

// RestoreDecisions sets the proposal decisions of call plan id, which an
// import brings from the file (a plan created through CallPlans takes none);
// administrators' work only, as kam.System. It is a versioned, audited
// update.
func (s *Service) RestoreDecisions(ctx context.Context, id int64, ds []kam.ProposalDecision) error {
	return s.db.Write(ctx, func(tx *store.Tx) error {
		plan, err := store.CallPlans.Get(ctx, tx, id)
		if err != nil {
			return err
		}
		before, err := clone(plan)
		if err != nil {
			return err
		}
		plan.Decisions = ds
		if err := plan.Validate(); err != nil {
			return err
		}
		if err := store.CallPlans.Update(ctx, tx, &plan); err != nil {
			return err
		}
		return s.audit(ctx, tx, kam.System, "update", s.CallPlans.Name(), id, before, plan)
	})
}
