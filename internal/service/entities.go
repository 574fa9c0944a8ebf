package service

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"kam/internal/kam"
	"kam/internal/store"
)

func (s *Service) initEntities() {
	s.Users = &Entity[kam.User]{s: s, t: store.Users,
		meta:      func(v *kam.User) *kam.Meta { return &v.Meta },
		normalize: (*kam.User).Normalize,
		validate:  (*kam.User).Validate,
		write: func(_ context.Context, _ *store.Tx, a kam.Actor, _ *kam.User) error {
			return requireAdmin(a)
		},
		keep: func(cur, next *kam.User) { next.PasswordHash = cur.PasswordHash },
		check: func(ctx context.Context, tx *store.Tx, a kam.Actor, before, after *kam.User) error {
			if after.TeamID != 0 {
				if _, err := store.Teams.Get(ctx, tx, after.TeamID); err != nil {
					return refErr("team_id", err)
				}
			}
			if before != nil && before.ID == a.UserID && (after.Disabled || after.Role != kam.RoleAdmin) {
				return kam.Invalid("role", kam.T("you cannot demote or disable yourself", "不能降低或停用自己的账号"))
			}
			return nil
		},
		afterWrite: s.endAccessOfDisabled,
	}
	s.Teams = &Entity[kam.Team]{s: s, t: store.Teams,
		meta:     func(v *kam.Team) *kam.Meta { return &v.Meta },
		validate: (*kam.Team).Validate,
		write: func(_ context.Context, _ *store.Tx, a kam.Actor, _ *kam.Team) error {
			return requireAdmin(a)
		},
		check: func(ctx context.Context, tx *store.Tx, _ kam.Actor, _, after *kam.Team) error {
			if after.ManagerID != 0 {
				if _, err := store.Users.Get(ctx, tx, after.ManagerID); err != nil {
					return refErr("manager_id", err)
				}
			}
			return nil
		},
	}
	s.Accounts = &Entity[kam.Account]{s: s, t: store.Accounts,
		meta:      func(v *kam.Account) *kam.Meta { return &v.Meta },
		normalize: (*kam.Account).Normalize,
		validate:  (*kam.Account).Validate,
		pasts:     accountPast,
		account: func(_ context.Context, _ *store.Tx, v *kam.Account) (int64, string, bool, error) {
			return v.ID, "", v.ID != 0, nil
		},
		defaults: func(a kam.Actor, v *kam.Account) {
			if v.OwnerID == 0 {
				v.OwnerID = a.UserID
			}
		},
		check: s.checkAccount,
	}
	s.AccountRelations = &Entity[kam.AccountRelation]{s: s, t: store.AccountRelations,
		meta:     func(v *kam.AccountRelation) *kam.Meta { return &v.Meta },
		validate: (*kam.AccountRelation).Validate,
		account: func(_ context.Context, _ *store.Tx, v *kam.AccountRelation) (int64, string, bool, error) {
			return v.FromAccountID, "from_account_id", true, nil
		},
		keep: func(cur, next *kam.AccountRelation) { next.FromAccountID = cur.FromAccountID },
		check: func(ctx context.Context, tx *store.Tx, a kam.Actor, _, after *kam.AccountRelation) error {
			return s.visibleAccount(ctx, tx, a, after.ToAccountID, "to_account_id")
		},
	}
	s.OrgUnits = &Entity[kam.OrgUnit]{s: s, t: store.OrgUnits,
		meta:     func(v *kam.OrgUnit) *kam.Meta { return &v.Meta },
		validate: (*kam.OrgUnit).Validate,
		account: func(_ context.Context, _ *store.Tx, v *kam.OrgUnit) (int64, string, bool, error) {
			return v.AccountID, "account_id", true, nil
		},
		keep:  func(cur, next *kam.OrgUnit) { next.AccountID = cur.AccountID },
		check: s.checkOrgUnit,
	}
	s.Contacts = &Entity[kam.Contact]{s: s, t: store.Contacts,
		meta:      func(v *kam.Contact) *kam.Meta { return &v.Meta },
		normalize: (*kam.Contact).Normalize,
		validate:  (*kam.Contact).Validate,
		pasts:     contactPast,
		account: func(_ context.Context, _ *store.Tx, v *kam.Contact) (int64, string, bool, error) {
			return v.AccountID, "account_id", true, nil
		},
		keep:  func(cur, next *kam.Contact) { next.AccountID = cur.AccountID },
		check: s.checkContact,
	}
	s.ContactLinks = &Entity[kam.ContactLink]{s: s, t: store.ContactLinks,
		meta:     func(v *kam.ContactLink) *kam.Meta { return &v.Meta },
		validate: (*kam.ContactLink).Validate,
		account: func(ctx context.Context, tx *store.Tx, v *kam.ContactLink) (int64, string, bool, error) {
			c, err := store.Contacts.Get(ctx, tx, v.FromContactID)
			if errors.Is(err, kam.ErrNotFound) {
				return 0, "from_contact_id", true, nil
			}
			return c.AccountID, "from_contact_id", true, err
		},
		keep: func(cur, next *kam.ContactLink) { next.FromContactID = cur.FromContactID },
		check: func(ctx context.Context, tx *store.Tx, _ kam.Actor, _, after *kam.ContactLink) error {
			from, err := store.Contacts.Get(ctx, tx, after.FromContactID)
			if err != nil {
				return refErr("from_contact_id", err)
			}
			return s.contactInAccount(ctx, tx, after.ToContactID, from.AccountID, "to_contact_id")
		},
	}
	s.Opportunities = &Entity[kam.Opportunity]{s: s, t: store.Opportunities,
		meta:      func(v *kam.Opportunity) *kam.Meta { return &v.Meta },
		normalize: (*kam.Opportunity).Normalize,
		validate:  (*kam.Opportunity).Validate,
		pasts:     opportunityPast,
		account: func(_ context.Context, _ *store.Tx, v *kam.Opportunity) (int64, string, bool, error) {
			return v.AccountID, "account_id", true, nil
		},
		keep: func(cur, next *kam.Opportunity) {
			next.AccountID = cur.AccountID
			next.ReachedLevel = cur.ReachedLevel
			next.ClosedOn = cur.ClosedOn
		},
		defaults: func(a kam.Actor, v *kam.Opportunity) {
			if v.OwnerID == 0 {
				v.OwnerID = a.UserID
			}
		},
		check:      s.checkOpportunity,
		afterWrite: s.recordLevelChange,
	}
	oppScoped := func(ctx context.Context, tx *store.Tx, oppID int64) (int64, string, bool, error) {
		o, err := store.Opportunities.Get(ctx, tx, oppID)
		if errors.Is(err, kam.ErrNotFound) {
			return 0, "opportunity_id", true, nil
		}
		return o.AccountID, "opportunity_id", true, err
	}
	s.BuyingInfluences = &Entity[kam.BuyingInfluence]{s: s, t: store.BuyingInfluences,
		meta:      func(v *kam.BuyingInfluence) *kam.Meta { return &v.Meta },
		normalize: (*kam.BuyingInfluence).Normalize,
		validate:  (*kam.BuyingInfluence).Validate,
		account: func(ctx context.Context, tx *store.Tx, v *kam.BuyingInfluence) (int64, string, bool, error) {
			return oppScoped(ctx, tx, v.OpportunityID)
		},
		keep: func(cur, next *kam.BuyingInfluence) {
			next.OpportunityID = cur.OpportunityID
			next.ContactID = cur.ContactID
		},
		check: s.checkInfluence,
	}
	s.SWOTItems = &Entity[kam.SWOTItem]{s: s, t: store.SWOTItems,
		meta:     func(v *kam.SWOTItem) *kam.Meta { return &v.Meta },
		validate: (*kam.SWOTItem).Validate,
		account: func(ctx context.Context, tx *store.Tx, v *kam.SWOTItem) (int64, string, bool, error) {
			return oppScoped(ctx, tx, v.OpportunityID)
		},
		keep: func(cur, next *kam.SWOTItem) { next.OpportunityID = cur.OpportunityID },
	}
	s.Actions = &Entity[kam.Action]{s: s, t: store.Actions,
		meta:     func(v *kam.Action) *kam.Meta { return &v.Meta },
		validate: (*kam.Action).Validate,
		account: func(ctx context.Context, tx *store.Tx, v *kam.Action) (int64, string, bool, error) {
			return oppScoped(ctx, tx, v.OpportunityID)
		},
		keep:  func(cur, next *kam.Action) { next.OpportunityID = cur.OpportunityID },
		check: s.checkAction,
	}
	s.Interactions = &Entity[kam.Interaction]{s: s, t: store.Interactions,
		meta:     func(v *kam.Interaction) *kam.Meta { return &v.Meta },
		validate: (*kam.Interaction).Validate,
		pasts:    interactionPast,
		account: func(ctx context.Context, tx *store.Tx, v *kam.Interaction) (int64, string, bool, error) {
			return oppScoped(ctx, tx, v.OpportunityID)
		},
		keep:  func(cur, next *kam.Interaction) { next.OpportunityID = cur.OpportunityID },
		check: s.checkInteraction,
	}
	s.Criteria = &Entity[kam.Criterion]{s: s, t: store.Criteria,
		meta:     func(v *kam.Criterion) *kam.Meta { return &v.Meta },
		validate: (*kam.Criterion).Validate,
		write: func(_ context.Context, _ *store.Tx, a kam.Actor, _ *kam.Criterion) error {
			return requireAdmin(a)
		},
	}
	s.Quotas = &Entity[kam.Quota]{s: s, t: store.Quotas,
		meta:     func(v *kam.Quota) *kam.Meta { return &v.Meta },
		validate: (*kam.Quota).Validate,
		write:    s.quotaWrite,
		visible:  s.quotaVisible,
	}
	s.ExchangeRates = &Entity[kam.ExchangeRate]{s: s, t: store.ExchangeRates,
		meta:      func(v *kam.ExchangeRate) *kam.Meta { return &v.Meta },
		normalize: (*kam.ExchangeRate).Normalize,
		validate:  (*kam.ExchangeRate).Validate,
		write: func(_ context.Context, _ *store.Tx, a kam.Actor, _ *kam.ExchangeRate) error {
			return requireAdmin(a)
		},
	}
}

// quotaVisible: an admin sees every quota, a manager their team's and its
// members', a rep their own and their team's.
func (s *Service) quotaVisible(ctx context.Context, tx *store.Tx, a kam.Actor, q *kam.Quota) (bool, error) {
	switch {
	case a.Role == kam.RoleAdmin, q.UserID != 0 && q.UserID == a.UserID, q.TeamID != 0 && q.TeamID == a.TeamID:
		return true, nil
	case a.Role == kam.RoleManager && q.UserID != 0:
		return s.manages(ctx, tx, a, q.UserID)
	}
	return false, nil
}

func fieldIndex(field string, i int) string { return fmt.Sprintf("%s[%d]", field, i) }

// refErr turns a missing referenced record into a field error.
func refErr(field string, err error) error {
	if errors.Is(err, kam.ErrNotFound) {
		return kam.Invalid(field, msgNoSuch(field))
	}
	return err
}

// visibleAccount checks that the account id (when set) exists in the actor's
// scope.
func (s *Service) visibleAccount(ctx context.Context, tx *store.Tx, a kam.Actor, id int64, field string) error {
	if id == 0 {
		return nil
	}
	acc, err := store.AccountAccess(ctx, tx, scopeOf(a), id)
	if err != nil {
		return err
	}
	if acc == store.AccessNone {
		return kam.Invalid(field, msgNoSuch(field))
	}
	return nil
}

// ownerAccess decides who may act on a record by its owner alone: the owner,
// their team's manager, an admin. Anyone else gets kam.ErrNotFound.
func (s *Service) ownerAccess(ctx context.Context, tx *store.Tx, a kam.Actor, ownerID int64) error {
	if a.Role == kam.RoleAdmin || ownerID == a.UserID {
		return nil
	}
	if a.Role == kam.RoleManager {
		_, ok, err := s.userLed(ctx, tx, a, ownerID)
		if err != nil || ok {
			return err
		}
	}
	return kam.ErrNotFound
}

// manages reports whether the manager a leads the user's team (see
// leadership).
func (s *Service) manages(ctx context.Context, tx *store.Tx, a kam.Actor, userID int64) (bool, error) {
	u, err := store.Users.Get(ctx, tx, userID)
	if errors.Is(err, kam.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	l, err := s.leadershipOf(ctx, tx, a)
	if err != nil {
		return false, err
	}
	return l.managesMember(u), nil
}

var msgCannotAssign = kam.T("you cannot assign records to this user", "不能分配给该用户")

// checkAssignee checks that ownerID is an active user the actor may hand a
// record to: themself (a rep), their team (a manager), anyone (an admin).
func (s *Service) checkAssignee(ctx context.Context, tx *store.Tx, a kam.Actor, ownerID int64, field string) error {
	u, err := store.Users.Get(ctx, tx, ownerID)
	if err != nil {
		return refErr(field, err)
	}
	if u.Disabled {
		return kam.Invalid(field, kam.T("is a disabled user", "该用户已停用"))
	}
	l, err := s.leadershipOf(ctx, tx, a)
	if err != nil {
		return err
	}
	if l.leads(u) {
		return nil
	}
	return kam.Invalid(field, msgCannotAssign)
}

// msgNotHolder refuses owner-level acts (handing the account over, moving
// it to the trash, sharing it) to those who work on it through a share.
var msgNotHolder = kam.T("only the account's owner, their manager or an administrator may do this", "只有客户负责人、其经理或管理员可以执行此操作")

// holdsAccount lets the account's owner, their manager and admins act as
// its holder; a team it is shared with, even for writing, does not hold it.
func (s *Service) holdsAccount(ctx context.Context, tx *store.Tx, a kam.Actor, ownerID int64) error {
	if err := s.ownerAccess(ctx, tx, a, ownerID); err != nil {
		if errors.Is(err, kam.ErrNotFound) {
			return &forbidden{msgNotHolder}
		}
		return err
	}
	return nil
}

func (s *Service) checkAccount(ctx context.Context, tx *store.Tx, a kam.Actor, before, after *kam.Account) error {
	if before != nil && before.OwnerID != after.OwnerID {
		if err := s.holdsAccount(ctx, tx, a, before.OwnerID); err != nil {
			return err
		}
	}
	if before == nil || before.OwnerID != after.OwnerID {
		if err := s.checkAssignee(ctx, tx, a, after.OwnerID, "owner_id"); err != nil {
			return err
		}
	}
	if after.ParentID == 0 || (before != nil && before.ParentID == after.ParentID) {
		return nil
	}
	if err := s.visibleAccount(ctx, tx, a, after.ParentID, "parent_id"); err != nil {
		return err
	}
	if after.ID == 0 {
		return nil
	}
	anc, err := store.AccountAncestors(ctx, tx, after.ParentID)
	if err != nil {
		return err
	}
	if slices.Contains(anc, after.ID) || after.ParentID == after.ID {
		return kam.Invalid("parent_id", kam.T("would make the group tree a cycle", "会使集团结构形成循环"))
	}
	return nil
}

func (s *Service) checkOrgUnit(ctx context.Context, tx *store.Tx, _ kam.Actor, _, after *kam.OrgUnit) error {
	if after.ParentID == 0 {
		return nil
	}
	p, err := store.OrgUnits.Get(ctx, tx, after.ParentID)
	if err != nil {
		return refErr("parent_id", err)
	}
	if p.AccountID != after.AccountID {
		return kam.Invalid("parent_id", kam.T("belongs to another account", "属于其他客户企业"))
	}
	if after.ID == 0 {
		return nil
	}
	anc, err := store.OrgUnitAncestors(ctx, tx, after.ParentID)
	if err != nil {
		return err
	}
	if slices.Contains(anc, after.ID) {
		return kam.Invalid("parent_id", kam.T("would make the department tree a cycle", "会使部门结构形成循环"))
	}
	return nil
}

// contactInAccount checks that contact id exists in account accountID.
func (s *Service) contactInAccount(ctx context.Context, tx *store.Tx, id, accountID int64, field string) error {
	c, err := store.Contacts.Get(ctx, tx, id)
	if err != nil {
		return refErr(field, err)
	}
	if c.AccountID != accountID {
		return kam.Invalid(field, kam.T("belongs to another account", "属于其他客户企业"))
	}
	return nil
}

func (s *Service) checkContact(ctx context.Context, tx *store.Tx, _ kam.Actor, _, after *kam.Contact) error {
	if after.OrgUnitID != 0 {
		u, err := store.OrgUnits.Get(ctx, tx, after.OrgUnitID)
		if err != nil {
			return refErr("org_unit_id", err)
		}
		if u.AccountID != after.AccountID {
			return kam.Invalid("org_unit_id", kam.T("belongs to another account", "属于其他客户企业"))
		}
	}
	if after.ReportsToID == 0 {
		return nil
	}
	if err := s.contactInAccount(ctx, tx, after.ReportsToID, after.AccountID, "reports_to_id"); err != nil {
		return err
	}
	if after.ID == 0 {
		return nil
	}
	chain, err := store.ContactManagers(ctx, tx, after.ReportsToID)
	if err != nil {
		return err
	}
	if slices.Contains(chain, after.ID) {
		return kam.Invalid("reports_to_id", kam.T("would make the reporting line a cycle", "会使汇报关系形成循环"))
	}
	return nil
}

func (s *Service) checkOpportunity(ctx context.Context, tx *store.Tx, a kam.Actor, before, after *kam.Opportunity) error {
	if before == nil || before.OwnerID != after.OwnerID {
		if err := s.checkAssignee(ctx, tx, a, after.OwnerID, "owner_id"); err != nil {
			return err
		}
	}
	// The level a deal reached and the day it closed follow the level; the
	// client cannot set them.
	if after.Level.Open() && after.Level.Rank() > after.ReachedLevel.Rank() {
		after.ReachedLevel = after.Level
	}
	if after.ReachedLevel == "" {
		after.ReachedLevel = kam.LevelAbove
	}
	switch {
	case !after.Level.Open() && (before == nil || before.Level.Open() || after.ClosedOn.IsZero()):
		after.ClosedOn = kam.DateOf(tx.Now())
	case after.Level.Open():
		after.ClosedOn = kam.Date{}
	}
	return nil
}

func (s *Service) recordLevelChange(ctx context.Context, tx *store.Tx, a kam.Actor, before, after *kam.Opportunity) error {
	var from kam.FunnelLevel
	if before != nil {
		if before.Level == after.Level {
			return nil
		}
		from = before.Level
	}
	if err := store.InsertLevelChange(ctx, tx, &kam.LevelChange{
		OpportunityID: after.ID, From: from, To: after.Level, At: tx.Now(), ByUserID: a.UserID,
	}); err != nil {
		return err
	}
	if !after.Level.Open() {
		// A decided deal is new history for the health fit: every
		// instance on the database fits again on its next read.
		if err := store.NotifyCaches(ctx, tx, cacheWeights); err != nil {
			return err
		}
	}
	if before == nil {
		return nil
	}
	return s.enqueue(ctx, tx, kam.EventDealMoved, after.OwnerID, func(l kam.Locale) kam.PushMessage {
		return dealMovedMessage(l, s.baseURL, after, from)
	})
}

func (s *Service) accountOfOpportunity(ctx context.Context, tx *store.Tx, oppID int64) (int64, error) {
	o, err := store.Opportunities.Get(ctx, tx, oppID)
	if err != nil {
		return 0, refErr("opportunity_id", err)
	}
	return o.AccountID, nil
}

func (s *Service) checkInfluence(ctx context.Context, tx *store.Tx, _ kam.Actor, before, after *kam.BuyingInfluence) error {
	if before == nil {
		acct, err := s.accountOfOpportunity(ctx, tx, after.OpportunityID)
		if err != nil {
			return err
		}
		if err := s.contactInAccount(ctx, tx, after.ContactID, acct, "contact_id"); err != nil {
			return err
		}
	}
	if after.CounterpartID != 0 && (before == nil || before.CounterpartID != after.CounterpartID) {
		if _, err := store.Users.Get(ctx, tx, after.CounterpartID); err != nil {
			return refErr("counterpart_id", err)
		}
	}
	return nil
}

func (s *Service) checkAction(ctx context.Context, tx *store.Tx, _ kam.Actor, _, after *kam.Action) error {
	acct, err := s.accountOfOpportunity(ctx, tx, after.OpportunityID)
	if err != nil {
		return err
	}
	if after.OwnerID != 0 {
		if _, err := store.Users.Get(ctx, tx, after.OwnerID); err != nil {
			return refErr("owner_id", err)
		}
	}
	if after.TargetInfluenceID != 0 {
		b, err := store.BuyingInfluences.Get(ctx, tx, after.TargetInfluenceID)
		if err != nil {
			return refErr("target_influence_id", err)
		}
		if b.OpportunityID != after.OpportunityID {
			return kam.Invalid("target_influence_id", kam.T("belongs to another opportunity", "属于其他商机"))
		}
	}
	for i, id := range after.ParticipantIDs {
		if err := s.contactInAccount(ctx, tx, id, acct, fieldIndex("participant_ids", i)); err != nil {
			return err
		}
	}
	if after.StrengthID != 0 {
		sw, err := store.SWOTItems.Get(ctx, tx, after.StrengthID)
		if err != nil {
			return refErr("strength_id", err)
		}
		if sw.OpportunityID != after.OpportunityID || sw.Kind != kam.SWOTStrength {
			return kam.Invalid("strength_id", kam.T("is not a strength of this opportunity", "不是本商机的强项"))
		}
	}
	return s.checkRuleIDs(after.AddressesRules)
}

func (s *Service) checkInteraction(ctx context.Context, tx *store.Tx, _ kam.Actor, _, after *kam.Interaction) error {
	acct, err := s.accountOfOpportunity(ctx, tx, after.OpportunityID)
	if err != nil {
		return err
	}
	for i, f := range after.Feedback {
		if err := s.contactInAccount(ctx, tx, f.ContactID, acct, fieldIndex("feedback", i)+".contact_id"); err != nil {
			return err
		}
	}
	for i, id := range after.UserIDs {
		if _, err := store.Users.Get(ctx, tx, id); err != nil {
			return refErr(fieldIndex("user_ids", i), err)
		}
	}
	return nil
}

func (s *Service) quotaWrite(ctx context.Context, tx *store.Tx, a kam.Actor, q *kam.Quota) error {
	switch a.Role {
	case kam.RoleAdmin:
		return nil
	case kam.RoleManager:
		if q.TeamID != 0 && q.TeamID == a.TeamID {
			return nil
		}
		if q.UserID != 0 {
			ok, err := s.manages(ctx, tx, a, q.UserID)
			if err != nil || ok {
				return err
			}
		}
	}
	return &forbidden{kam.T("only your manager or an administrator sets this quota", "该指标只能由您的经理或管理员设定")}
}
