package transfer

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
)

// ExportOptions tune an export.
type ExportOptions struct {
	// Now is written as exported_at.
	Now time.Time
	// PasswordHashes includes users' password hashes, so that they can sign
	// in to the imported database with their passwords. Off by default: the
	// file then holds no secret of any kind.
	PasswordHashes bool
}

// Counts is how many records of each kind an export wrote.
type Counts map[string]int

// Export writes every live record of the database behind svc to w as one
// JSON document of the kam-export format, version 1, acting as kam.System.
// Sections come in the order of Kinds, records in id order; each record is
// encoded on its own, so memory does not grow with the database. Records in
// the trash, the audit log, sessions and API tokens are not exported.
func Export(ctx context.Context, svc *service.Service, w io.Writer, o ExportOptions) (Counts, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	x := &exporter{ctx: ctx, svc: svc, w: bw, enc: json.NewEncoder(bw), counts: Counts{}, hashes: o.PasswordHashes}
	head, err := json.Marshal(Header{Format: Format, Version: Version, ExportedAt: o.Now.UTC(), PasswordHashes: o.PasswordHashes})
	if err != nil {
		return nil, err
	}
	// The header's fields open the document; the sections follow.
	bw.Write(head[:len(head)-1])
	steps := []func() error{
		func() error { return section(x, KindCriteria, svc.Criteria, same[kam.Criterion]) },
		func() error { return section(x, KindTeams, svc.Teams, same[kam.Team]) },
		func() error { return section(x, KindUsers, svc.Users, x.user) },
		func() error { return section(x, KindAccounts, svc.Accounts, x.account) },
		func() error { return section(x, KindAccountRelations, svc.AccountRelations, same[kam.AccountRelation]) },
		func() error { return section(x, KindOrgUnits, svc.OrgUnits, same[kam.OrgUnit]) },
		func() error { return section(x, KindContacts, svc.Contacts, same[kam.Contact]) },
		func() error { return section(x, KindContactLinks, svc.ContactLinks, same[kam.ContactLink]) },
		func() error { return section(x, KindOpportunities, svc.Opportunities, x.opportunity) },
		func() error { return section(x, KindBuyingInfluences, svc.BuyingInfluences, same[kam.BuyingInfluence]) },
		func() error { return section(x, KindSWOTItems, svc.SWOTItems, same[kam.SWOTItem]) },
		func() error { return section(x, KindActions, svc.Actions, same[kam.Action]) },
		func() error { return section(x, KindInteractions, svc.Interactions, same[kam.Interaction]) },
		func() error { return section(x, KindQuotas, svc.Quotas, same[kam.Quota]) },
		x.acceptedFindings,
		func() error { return section(x, KindExchangeRates, svc.ExchangeRates, same[kam.ExchangeRate]) },
		func() error { return section(x, KindCallPlans, svc.CallPlans, same[kam.CallPlan]) },
		func() error { return section(x, KindNeeds, svc.Needs, same[kam.Need]) },
		func() error { return section(x, KindVITOPlans, svc.VITOPlans, same[kam.VITOPlan]) },
		func() error { return section(x, KindReviews, svc.Reviews, same[kam.Review]) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	bw.WriteString("}\n")
	if err := bw.Flush(); err != nil {
		return nil, fmt.Errorf("export: write: %w", err)
	}
	return x.counts, nil
}

type exporter struct {
	ctx    context.Context
	svc    *service.Service
	w      *bufio.Writer
	enc    *json.Encoder
	counts Counts
	hashes bool
	// withAccepted are the opportunities that have accepted findings, in id
	// order, gathered while the opportunities are written.
	withAccepted []int64
}

func same[T any](v T) (any, error) { return v, nil }

// section writes `,"kind":[…]` paging through the entity in id order.
func section[T any](x *exporter, kind string, e *service.Entity[T], wrap func(T) (any, error)) error {
	x.open(kind)
	var after int64
	n := 0
	for {
		items, next, err := e.List(x.ctx, kam.System, store.NoFilter[T]{ListOptions: store.ListOptions{After: after, Limit: store.MaxLimit}})
		if err != nil {
			return fmt.Errorf("export %s: %w", kind, err)
		}
		for _, v := range items {
			rec, err := wrap(v)
			if err != nil {
				return fmt.Errorf("export %s: %w", kind, err)
			}
			if err := x.record(n, rec); err != nil {
				return err
			}
			n++
		}
		if next == 0 {
			break
		}
		after = next
	}
	x.counts[kind] = n
	x.w.WriteString("]")
	return nil
}

func (x *exporter) open(kind string) {
	x.w.WriteString(`,"`)
	x.w.WriteString(kind)
	x.w.WriteString(`":[`)
}

func (x *exporter) record(n int, rec any) error {
	if n > 0 {
		x.w.WriteByte(',')
	}
	if err := x.enc.Encode(rec); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

func (x *exporter) user(u kam.User) (any, error) {
	rec := User{User: u}
	if x.hashes {
		rec.PasswordHash = u.PasswordHash
	}
	return rec, nil
}

func (x *exporter) account(a kam.Account) (any, error) {
	rec := Account{Account: a, Shares: []Share{}, Ratings: []Rating{}}
	shares, err := x.svc.Shares(x.ctx, kam.System, a.ID)
	if err != nil {
		return nil, err
	}
	for _, s := range shares {
		rec.Shares = append(rec.Shares, Share{TeamID: s.TeamID, Access: s.Access})
	}
	ratings, err := x.svc.Ratings(x.ctx, kam.System, a.ID)
	if err != nil {
		return nil, err
	}
	for _, r := range ratings {
		rec.Ratings = append(rec.Ratings, Rating{CriterionID: r.CriterionID, Rating: r.Rating})
	}
	return rec, nil
}

func (x *exporter) opportunity(o kam.Opportunity) (any, error) {
	rec := Opportunity{Opportunity: o, LevelHistory: []LevelStep{}}
	var accepted int
	// The level history and the accepted findings have no listing of their
	// own in the service; an admin's export reads them from the store.
	err := x.svc.DB().Read(x.ctx, func(tx *store.Tx) error {
		steps, err := store.ListLevelChanges(x.ctx, tx, o.ID)
		if err != nil {
			return err
		}
		for _, c := range steps {
			rec.LevelHistory = append(rec.LevelHistory, LevelStep{From: c.From, To: c.To, At: c.At, ByUserID: c.ByUserID})
		}
		acc, err := store.ListAccepted(x.ctx, tx, o.ID)
		accepted = len(acc)
		return err
	})
	if accepted > 0 {
		x.withAccepted = append(x.withAccepted, o.ID)
	}
	return rec, err
}

// acceptedFindings writes the accepted findings in force of the
// opportunities noted while writing them.
func (x *exporter) acceptedFindings() error {
	x.open(KindAcceptedFindings)
	n := 0
	for _, id := range x.withAccepted {
		var accs []kam.AcceptedFinding
		err := x.svc.DB().Read(x.ctx, func(tx *store.Tx) error {
			var err error
			accs, err = store.ListAccepted(x.ctx, tx, id)
			return err
		})
		if err != nil {
			return fmt.Errorf("export accepted findings: %w", err)
		}
		findings, err := x.svc.Findings(x.ctx, kam.System, id)
		if err != nil {
			return fmt.Errorf("export accepted findings: %w", err)
		}
		inForce := map[int64]bool{}
		for _, f := range findings {
			if f.Accepted != nil {
				inForce[f.Accepted.ID] = true
			}
		}
		for _, a := range accs {
			if !inForce[a.ID] {
				continue
			}
			if err := x.record(n, a); err != nil {
				return err
			}
			n++
		}
	}
	x.counts[KindAcceptedFindings] = n
	x.w.WriteString("]")
	return nil
}
