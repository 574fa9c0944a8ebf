package service

import (
	"context"

	"kam/internal/kam"
	"kam/internal/store"
)

// Shares lists the teams an account is shared with.
func (s *Service) Shares(ctx context.Context, a kam.Actor, accountID int64) ([]kam.AccountShare, error) {
	return listOfAccount(ctx, s, a, accountID, store.ListShares)
}

// listOfAccount reads what list returns for an account the actor may see.
func listOfAccount[T any](ctx context.Context, s *Service, a kam.Actor, accountID int64, list func(context.Context, *store.Tx, int64) ([]T, error)) ([]T, error) {
	var out []T
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		if _, err := s.Accounts.get(ctx, tx, a, accountID); err != nil {
			return err
		}
		var err error
		out, err = list(ctx, tx, accountID)
		return err
	})
	return out, err
}

// Share gives a team read or write access to an account. Only those who hold
// the account by ownership (its owner, their manager, an admin) may share it.
func (s *Service) Share(ctx context.Context, a kam.Actor, sh kam.AccountShare) error {
	if err := sh.Validate(); err != nil {
		return err
	}
	return putOfAccount(ctx, s, a, "share", sh.AccountID, sh, func(tx *store.Tx) error {
		if err := s.mayShare(ctx, tx, a, sh.AccountID); err != nil {
			return err
		}
		if _, err := store.Teams.Get(ctx, tx, sh.TeamID); err != nil {
			return refErr("team_id", err)
		}
		return nil
	}, store.ListShares, func(x kam.AccountShare) bool { return x.TeamID == sh.TeamID }, store.PutShare)
}

// putOfAccount writes v, one of an account's values kept by a key (a
// team's share, a criterion's rating), when check allows it, and audits
// action with the value stored under the same key (sameKey) as before.
func putOfAccount[V any](ctx context.Context, s *Service, a kam.Actor, action string, accountID int64, v V,
	check func(*store.Tx) error, list func(context.Context, *store.Tx, int64) ([]V, error), sameKey func(V) bool,
	put func(context.Context, *store.Tx, V) error) error {
	return s.db.Write(ctx, func(tx *store.Tx) error {
		if err := check(tx); err != nil {
			return err
		}
		before, err := storedOf(ctx, tx, accountID, list, sameKey)
		if err != nil {
			return err
		}
		if err := put(ctx, tx, v); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, action, "account", accountID, before, v)
	})
}

// mayShare checks that the actor holds the account by ownership (its owner,
// their manager, an admin), as sharing and unsharing require.
func (s *Service) mayShare(ctx context.Context, tx *store.Tx, a kam.Actor, accountID int64) error {
	acct, err := s.Accounts.get(ctx, tx, a, accountID)
	if err != nil {
		return err
	}
	if err := s.ownerAccess(ctx, tx, a, acct.OwnerID); err != nil {
		return &forbidden{kam.T("only the account's owner, their manager or an administrator may share it", "只有客户负责人、其经理或管理员可以共享")}
	}
	return nil
}

// Unshare removes a team's access to an account.
func (s *Service) Unshare(ctx context.Context, a kam.Actor, accountID, teamID int64) error {
	return s.db.Write(ctx, func(tx *store.Tx) error {
		if err := s.mayShare(ctx, tx, a, accountID); err != nil {
			return err
		}
		before, err := storedOf(ctx, tx, accountID, store.ListShares, func(x kam.AccountShare) bool { return x.TeamID == teamID })
		if err != nil {
			return err
		}
		if err := store.DeleteShare(ctx, tx, accountID, teamID); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "unshare", "account", accountID, before, nil)
	})
}

// Ratings lists an account's ideal-customer ratings.
func (s *Service) Ratings(ctx context.Context, a kam.Actor, accountID int64) ([]kam.CriterionRating, error) {
	return listOfAccount(ctx, s, a, accountID, store.ListRatings)
}

// Rate sets an account's rating on one ideal-customer criterion.
func (s *Service) Rate(ctx context.Context, a kam.Actor, r kam.CriterionRating) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return putOfAccount(ctx, s, a, "rate", r.AccountID, r, func(tx *store.Tx) error {
		acct, err := s.Accounts.get(ctx, tx, a, r.AccountID)
		if err != nil {
			return err
		}
		if err := s.Accounts.access(ctx, tx, a, &acct, true); err != nil {
			return err
		}
		if _, err := store.Criteria.Get(ctx, tx, r.CriterionID); err != nil {
			return refErr("criterion_id", err)
		}
		return nil
	}, store.ListRatings, func(x kam.CriterionRating) bool { return x.CriterionID == r.CriterionID }, store.PutRating)
}

// storedOf is the account's value under a key (sameKey) as stored, for
// the audit's "before": nil (no value at all) when there is none.
func storedOf[V any](ctx context.Context, tx *store.Tx, accountID int64, list func(context.Context, *store.Tx, int64) ([]V, error), sameKey func(V) bool) (any, error) {
	vs, err := list(ctx, tx, accountID)
	if err != nil {
		return nil, err
	}
	for _, v := range vs {
		if sameKey(v) {
			return v, nil
		}
	}
	return nil, nil
}

// Search finds accounts, contacts and opportunities in the actor's scope
// whose name (or title, product) contains q.
func (s *Service) Search(ctx context.Context, a kam.Actor, q string, limit int) ([]store.Hit, error) {
	if limit <= 0 || limit > 100 {
		limit = 20
	}
	var out []store.Hit
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		var err error
		out, err = store.Search(ctx, tx, scopeOf(a), q, limit)
		return err
	})
	return out, err
}

// Audit lists audit records, newest first. Admins see everything; others
// see the history of one record they may see (entity and entity id set).
func (s *Service) Audit(ctx context.Context, a kam.Actor, f store.AuditFilter) (recs []kam.AuditRecord, next int64, err error) {
	err = s.db.Read(ctx, func(tx *store.Tx) error {
		if a.Role != kam.RoleAdmin {
			if f.Entity == "" || f.EntityID == 0 {
				return &forbidden{msgAdminOnly}
			}
			if err := s.canSeeRecord(ctx, tx, a, f.Entity, f.EntityID); err != nil {
				return err
			}
		}
		var err error
		recs, next, err = store.ListAudit(ctx, tx, f)
		return err
	})
	return recs, next, err
}

// canSeeRecord checks that the actor may read entity id.
func (s *Service) canSeeRecord(ctx context.Context, tx *store.Tx, a kam.Actor, entity string, id int64) error {
	for _, e := range []interface {
		Name() string
		see(ctx context.Context, tx *store.Tx, a kam.Actor, id int64) error
	}{s.Accounts, s.Contacts, s.Opportunities, s.BuyingInfluences, s.Actions, s.Interactions,
		s.SWOTItems, s.OrgUnits, s.ContactLinks, s.AccountRelations, s.Quotas} {
		if e.Name() == entity {
			return e.see(ctx, tx, a, id)
		}
	}
	return &forbidden{msgAdminOnly}
}
