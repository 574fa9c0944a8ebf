package store

import (
	"context"
	"fmt"
	"slices"

	"kam/internal/kam"
)

// pictureChunk bounds the ids one round of LoadPictures puts in an IN list.
const pictureChunk = 500

// LoadPicture returns the strategy picture of one live opportunity;
// kam.ErrNotFound when it or its account is missing or deleted.
func LoadPicture(ctx context.Context, tx *Tx, id int64) (*kam.OpportunityPicture, error) {
	m, err := LoadPictures(ctx, tx, []int64{id})
	if err != nil {
		return nil, err
	}
	p := m[id]
	if p == nil {
		return nil, notFound("opportunity", id)
	}
	return p, nil
}

// LoadPictures returns the strategy pictures of the live opportunities among
// ids whose account is live, keyed by opportunity id; others are absent. It
// runs a fixed number of queries (18 per 500 ids) however many buyers,
// actions or interactions there are, and reads only live records.
func LoadPictures(ctx context.Context, tx *Tx, ids []int64) (map[int64]*kam.OpportunityPicture, error) {
	out := map[int64]*kam.OpportunityPicture{}
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	for len(ids) > 0 {
		n := min(len(ids), pictureChunk)
		if err := loadPictures(ctx, tx, ids[:n], out); err != nil {
			return nil, err
		}
		ids = ids[n:]
	}
	return out, nil
}

func loadPictures(ctx context.Context, tx *Tx, ids []int64, out map[int64]*kam.OpportunityPicture) error {
	in := "(" + placeholders(len(ids)) + ")"
	args := int64Args(ids)

	opps, err := Opportunities.selectWhere(ctx, tx, "t.id IN "+in+" AND t.deleted_at IS NULL", args...)
	if err != nil || len(opps) == 0 {
		return err
	}
	var accountIDs []int64
	for _, o := range opps {
		accountIDs = append(accountIDs, o.AccountID)
	}
	slices.Sort(accountIDs)
	accountIDs = slices.Compact(accountIDs)
	accounts, err := Accounts.selectWhere(ctx, tx, "t.id IN ("+placeholders(len(accountIDs))+") AND t.deleted_at IS NULL", int64Args(accountIDs)...)
	if err != nil {
		return err
	}
	accountByID := map[int64]kam.Account{}
	for _, a := range accounts {
		accountByID[a.ID] = a
	}
	pics := map[int64]*kam.OpportunityPicture{}
	for _, o := range opps {
		a, ok := accountByID[o.AccountID]
		if !ok {
			continue // the account is in the trash: so is the picture
		}
		pics[o.ID] = &kam.OpportunityPicture{
			Opportunity:  o,
			Account:      a,
			Influences:   []kam.BuyingInfluence{},
			Contacts:     []kam.Contact{},
			SWOT:         []kam.SWOTItem{},
			Actions:      []kam.Action{},
			Interactions: []kam.Interaction{},
			Accepted:     []kam.AcceptedFinding{},
			LevelHistory: []kam.LevelChange{},
			CallPlans:    []kam.CallPlan{},
			Needs:        []kam.Need{},
			ContactLinks: []kam.ContactLink{},
		}
	}
	live := "t.opportunity_id IN " + in + " AND t.deleted_at IS NULL ORDER BY t.id"

	contactIDs := map[int64][]int64{} // opportunity → contacts it needs
	influences, err := BuyingInfluences.selectWhere(ctx, tx, live, args...)
	if err != nil {
		return err
	}
	for _, b := range influences {
		if p := pics[b.OpportunityID]; p != nil {
			p.Influences = append(p.Influences, b)
			contactIDs[b.OpportunityID] = append(contactIDs[b.OpportunityID], b.ContactID)
		}
	}
	if err := loadContactLinks(ctx, tx, pics, contactIDs); err != nil {
		return err
	}
	swot, err := SWOTItems.selectWhere(ctx, tx, live, args...)
	if err != nil {
		return err
	}
	for _, s := range swot {
		if p := pics[s.OpportunityID]; p != nil {
			p.SWOT = append(p.SWOT, s)
		}
	}
	actions, err := Actions.selectWhere(ctx, tx, live, args...)
	if err != nil {
		return err
	}
	for _, a := range actions {
		if p := pics[a.OpportunityID]; p != nil {
			p.Actions = append(p.Actions, a)
			contactIDs[a.OpportunityID] = append(contactIDs[a.OpportunityID], a.ParticipantIDs...)
		}
	}
	interactions, err := Interactions.selectWhere(ctx, tx, "t.opportunity_id IN "+in+" AND t.deleted_at IS NULL ORDER BY t.at, t.id", args...)
	if err != nil {
		return err
	}
	for _, it := range interactions {
		if p := pics[it.OpportunityID]; p != nil {
			p.Interactions = append(p.Interactions, it)
			for _, f := range it.Feedback {
				contactIDs[it.OpportunityID] = append(contactIDs[it.OpportunityID], f.ContactID)
			}
		}
	}
	plans, err := CallPlans.selectWhere(ctx, tx, "t.opportunity_id IN "+in+" AND t.deleted_at IS NULL ORDER BY t.at, t.id", args...)
	if err != nil {
		return err
	}
	for _, cp := range plans {
		if p := pics[cp.OpportunityID]; p != nil {
			p.CallPlans = append(p.CallPlans, cp)
			for _, at := range cp.Attendees {
				contactIDs[cp.OpportunityID] = append(contactIDs[cp.OpportunityID], at.ContactID)
			}
		}
	}
	needs, err := Needs.selectWhere(ctx, tx, "t.opportunity_id IN "+in+" AND t.deleted_at IS NULL ORDER BY t.heard_at, t.id", args...)
	if err != nil {
		return err
	}
	for _, n := range needs {
		if p := pics[n.OpportunityID]; p != nil {
			p.Needs = append(p.Needs, n)
		}
	}
	reviewed, err := LastReviews(ctx, tx, ids)
	if err != nil {
		return err
	}
	for id, at := range reviewed {
		if p := pics[id]; p != nil {
			at := at
			p.LastReviewAt = &at
		}
	}

	// The contacts every picture refers to, in one query.
	var all []int64
	for _, cs := range contactIDs {
		all = append(all, cs...)
	}
	slices.Sort(all)
	all = slices.Compact(all)
	contactByID := map[int64]kam.Contact{}
	if len(all) > 0 {
		contacts, err := Contacts.selectWhere(ctx, tx, "t.id IN ("+placeholders(len(all))+") AND t.deleted_at IS NULL", int64Args(all)...)
		if err != nil {
			return err
		}
		for _, c := range contacts {
			contactByID[c.ID] = c
		}
	}
	for oppID, cs := range contactIDs {
		p := pics[oppID]
		slices.Sort(cs)
		for _, id := range slices.Compact(cs) {
			if c, ok := contactByID[id]; ok {
				p.Contacts = append(p.Contacts, c)
			}
		}
	}

	rows, err := tx.query(ctx, "SELECT "+acceptedCols+" FROM accepted_findings WHERE opportunity_id IN "+in+" ORDER BY id", args...)
	if err != nil {
		return fmt.Errorf("store: accepted findings: %w", err)
	}
	accepted, err := scanAccepted(rows)
	if err != nil {
		return err
	}
	for _, a := range accepted {
		if p := pics[a.OpportunityID]; p != nil {
			p.Accepted = append(p.Accepted, a)
		}
	}
	rows, err = tx.query(ctx, "SELECT "+levelChangeCols+" FROM level_changes WHERE opportunity_id IN "+in+" ORDER BY at, id", args...)
	if err != nil {
		return fmt.Errorf("store: level changes: %w", err)
	}
	changes, err := scanLevelChanges(rows)
	if err != nil {
		return err
	}
	for _, c := range changes {
		if p := pics[c.OpportunityID]; p != nil {
			p.LevelHistory = append(p.LevelHistory, c)
		}
	}

	scores, err := idealScores(ctx, tx, accountIDs)
	if err != nil {
		return err
	}
	for id, p := range pics {
		if s, ok := scores[p.Account.ID]; ok {
			p.IdealScore = &s
		}
		out[id] = p
	}
	return nil
}

// loadContactLinks gives each picture the live dotted lines that touch one
// of its buyers' contacts, in one query, and adds the contacts at their other
// ends to contactIDs (an influencer not yet on the map is read by name).
func loadContactLinks(ctx context.Context, tx *Tx, pics map[int64]*kam.OpportunityPicture, contactIDs map[int64][]int64) error {
	var buyers []int64
	for _, cs := range contactIDs {
		buyers = append(buyers, cs...)
	}
	slices.Sort(buyers)
	buyers = slices.Compact(buyers)
	if len(buyers) == 0 {
		return nil
	}
	in := "(" + placeholders(len(buyers)) + ")"
	args := int64Args(buyers)
	links, err := ContactLinks.selectWhere(ctx, tx, "t.deleted_at IS NULL AND (t.from_contact_id IN "+in+" OR t.to_contact_id IN "+in+") ORDER BY t.id", append(args, args...)...)
	if err != nil {
		return err
	}
	for oppID, p := range pics {
		cs := contactIDs[oppID]
		for _, l := range links {
			from, to := slices.Contains(cs, l.FromContactID), slices.Contains(cs, l.ToContactID)
			if !from && !to {
				continue
			}
			p.ContactLinks = append(p.ContactLinks, l)
			if !from {
				contactIDs[oppID] = append(contactIDs[oppID], l.FromContactID)
			}
			if !to {
				contactIDs[oppID] = append(contactIDs[oppID], l.ToContactID)
			}
		}
	}
	return nil
}

// idealScores computes, in one query, each account's ideal-customer score:
// the weighted mean of its ratings on live criteria, mapped from -5…+5 to
// 0…100. Accounts with no rating are absent.
func idealScores(ctx context.Context, tx *Tx, accountIDs []int64) (map[int64]float64, error) {
	out := map[int64]float64{}
	if len(accountIDs) == 0 {
		return out, nil
	}
	rows, err := tx.query(ctx, "SELECT r.account_id, r.rating, c.weight FROM criterion_ratings r JOIN criteria c ON c.id = r.criterion_id AND c.deleted_at IS NULL WHERE r.account_id IN ("+placeholders(len(accountIDs))+")", int64Args(accountIDs)...)
	if err != nil {
		return nil, fmt.Errorf("store: ideal scores: %w", err)
	}
	defer rows.Close()
	type sum struct{ num, den float64 }
	sums := map[int64]*sum{}
	for rows.Next() {
		var id, rating, weight int64
		if err := rows.Scan(&id, &rating, &weight); err != nil {
			return nil, fmt.Errorf("store: ideal scores: %w", err)
		}
		s := sums[id]
		if s == nil {
			s = &sum{}
			sums[id] = s
		}
		s.num += float64(weight) * float64(rating+5) * 10
		s.den += float64(weight)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for id, s := range sums {
		if s.den > 0 {
			out[id] = s.num / s.den
		}
	}
	return out, nil
}

// IdealScores returns the ideal-customer score (0–100) of each account in
// ids that has at least one rating on a live criterion, in one query.
func IdealScores(ctx context.Context, tx *Tx, ids []int64) (map[int64]float64, error) {
	return idealScores(ctx, tx, ids)
}
