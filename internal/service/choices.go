package service

import (
	"context"
	"errors"
	"slices"
	"strings"

	"kam/internal/kam"
	"kam/internal/store"
)

// leadership is whom one actor answers for: the one rule behind both the
// checks (may the actor hand a record to this user, read this seller's or
// this team's funnel) and the choices a form offers (Assignees,
// FunnelOwners, FunnelTeams), so a select never offers what the check then
// refuses.
type leadership struct {
	a kam.Actor
	// managed holds, for a manager, their own team and every team they
	// are the manager of.
	managed map[int64]bool
}

// leadershipOf reads the teams the actor manages (none unless a manager).
func (s *Service) leadershipOf(ctx context.Context, tx *store.Tx, a kam.Actor) (leadership, error) {
	l := leadership{a: a, managed: map[int64]bool{}}
	if a.Role != kam.RoleManager {
		return l, nil
	}
	if a.TeamID != 0 {
		l.managed[a.TeamID] = true
	}
	var after int64
	for {
		page, next, err := store.Teams.List(ctx, tx, store.TeamFilter{UserID: a.UserID, ListOptions: store.ListOptions{After: after, Limit: store.MaxLimit}})
		if err != nil {
			return l, err
		}
		for _, t := range page {
			l.managed[t.ID] = true
		}
		if next == 0 {
			return l, nil
		}
		after = next
	}
}

// managesMember reports whether the actor is a manager of u's team.
func (l leadership) managesMember(u kam.User) bool {
	return l.a.Role == kam.RoleManager && u.TeamID != 0 && l.managed[u.TeamID]
}

// leads reports whether the actor answers for u: an admin for everyone,
// anyone for themself, a manager for the users of their teams.
func (l leadership) leads(u kam.User) bool {
	return l.a.Role == kam.RoleAdmin || u.ID == l.a.UserID || l.managesMember(u)
}

// leadsTeam reports whether the actor may read team t's funnel: an admin,
// or its manager.
func (l leadership) leadsTeam(teamID int64) bool {
	return l.a.Role == kam.RoleAdmin || l.managed[teamID]
}

// allUsers reads every user, by id.
func allUsers(ctx context.Context, tx *store.Tx) ([]kam.User, error) {
	var out []kam.User
	var after int64
	for {
		page, next, err := store.Users.List(ctx, tx, store.UserFilter{ListOptions: store.ListOptions{After: after, Limit: store.MaxLimit}})
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if next == 0 {
			return out, nil
		}
		after = next
	}
}

// pickUsers lists the users keep accepts under the actor's leadership, by
// name.
func (s *Service) pickUsers(ctx context.Context, a kam.Actor, keep func(leadership, kam.User) bool) ([]kam.User, error) {
	var out []kam.User
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		l, err := s.leadershipOf(ctx, tx, a)
		if err != nil {
			return err
		}
		users, err := allUsers(ctx, tx)
		if err != nil {
			return err
		}
		for _, u := range users {
			if keep(l, u) {
				out = append(out, u)
			}
		}
		return nil
	})
	slices.SortStableFunc(out, func(x, y kam.User) int { return strings.Compare(x.Name, y.Name) })
	return out, err
}

// Assignees returns exactly the users the actor may hand an account or an
// opportunity to (the owner a create or an owner change accepts): active
// users they lead — themself for a rep, their teams' users for a manager,
// every active user for an admin — by name.
func (s *Service) Assignees(ctx context.Context, a kam.Actor) ([]kam.User, error) {
	return s.pickUsers(ctx, a, func(l leadership, u kam.User) bool { return !u.Disabled && l.leads(u) })
}

// FunnelOwners returns exactly the users whose funnel and work order the
// actor may read (Funnel with an OwnerID): themself, their teams' users for
// a manager, every user for an admin — by name.
func (s *Service) FunnelOwners(ctx context.Context, a kam.Actor) ([]kam.User, error) {
	return s.pickUsers(ctx, a, func(l leadership, u kam.User) bool { return l.leads(u) })
}

// FunnelTeams returns exactly the teams whose funnel the actor may read
// (Funnel with a TeamID): every team for an admin, their own and those they
// manage for a manager, none for a rep — by name.
func (s *Service) FunnelTeams(ctx context.Context, a kam.Actor) ([]kam.Team, error) {
	var out []kam.Team
	err := s.db.Read(ctx, func(tx *store.Tx) error {
		l, err := s.leadershipOf(ctx, tx, a)
		if err != nil {
			return err
		}
		var after int64
		for {
			page, next, err := store.Teams.List(ctx, tx, store.TeamFilter{ListOptions: store.ListOptions{After: after, Limit: store.MaxLimit}})
			if err != nil {
				return err
			}
			for _, t := range page {
				if l.leadsTeam(t.ID) {
					out = append(out, t)
				}
			}
			if next == 0 {
				return nil
			}
			after = next
		}
	})
	slices.SortStableFunc(out, func(x, y kam.Team) int { return strings.Compare(x.Name, y.Name) })
	return out, err
}

// userLed reads user id and whether the actor leads them; a missing user
// is not led.
func (s *Service) userLed(ctx context.Context, tx *store.Tx, a kam.Actor, id int64) (kam.User, bool, error) {
	u, err := store.Users.Get(ctx, tx, id)
	if errors.Is(err, kam.ErrNotFound) {
		return u, false, nil
	}
	if err != nil {
		return u, false, err
	}
	l, err := s.leadershipOf(ctx, tx, a)
	if err != nil {
		return u, false, err
	}
	return u, l.leads(u), nil
}
