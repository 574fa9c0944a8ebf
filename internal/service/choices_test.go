package service_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/storetest"
)

// TestChoicesAreExactlyWhatTheChecksAccept: for every actor and every user
// (and team), a user is among Assignees exactly when an account can be
// handed to them, among FunnelOwners exactly when their funnel can be read,
// and a team among FunnelTeams exactly when its funnel can be read — a
// manager of a second team included, a disabled user never assignable.
func TestChoicesAreExactlyWhatTheChecksAccept(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newFunnelWorld(t, db)
		third, err := w.svc.Teams.Create(ctx, w.admin, kam.Team{Name: "华南大客户部", ManagerID: w.m.UserID})
		if err != nil {
			t.Fatal(err)
		}
		south, err := w.svc.CreateUser(ctx, kam.System, kam.User{Email: "s@example.com", Name: "s", Role: kam.RoleRep, TeamID: third.ID}, "correct horse battery", false)
		if err != nil {
			t.Fatal(err)
		}
		gone, err := w.svc.CreateUser(ctx, kam.System, kam.User{Email: "gone@example.com", Name: "gone", Role: kam.RoleRep, TeamID: w.team.ID}, "correct horse battery", false)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Users.Update(ctx, kam.System, gone.ID, gone.Version, func(u *kam.User) error { u.Disabled = true; return nil }); err != nil {
			t.Fatal(err)
		}
		users, _, err := w.svc.Users.List(ctx, kam.System, store.UserFilter{ListOptions: store.ListOptions{Limit: store.MaxLimit}})
		if err != nil {
			t.Fatal(err)
		}
		teams := []kam.Team{w.team, w.other, third}
		for _, a := range []kam.Actor{w.admin, w.m, w.r1, w.om, w.o1} {
			assignees, err := w.svc.Assignees(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			owners, err := w.svc.FunnelOwners(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			fteams, err := w.svc.FunnelTeams(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			has := func(us []kam.User, id int64) bool {
				return slices.ContainsFunc(us, func(u kam.User) bool { return u.ID == id })
			}
			for _, u := range users {
				_, err := w.svc.Accounts.Create(ctx, a, kam.Account{Name: fmt.Sprintf("客户 %d-%d", a.UserID, u.ID), OwnerID: u.ID})
				if offered, ok := has(assignees, u.ID), err == nil; offered != ok {
					t.Errorf("actor %d, owner %s: offered %v, assigning: %v", a.UserID, u.Email, offered, err)
				}
				_, err = w.svc.Funnel(ctx, a, service.FunnelQuery{OwnerID: u.ID})
				if offered, ok := has(owners, u.ID), err == nil; offered != ok {
					t.Errorf("actor %d, funnel of %s: offered %v, reading: %v", a.UserID, u.Email, offered, err)
				}
			}
			for _, tm := range teams {
				_, err := w.svc.Funnel(ctx, a, service.FunnelQuery{TeamID: tm.ID})
				offered := slices.ContainsFunc(fteams, func(x kam.Team) bool { return x.ID == tm.ID })
				if offered != (err == nil) {
					t.Errorf("actor %d, funnel of team %s: offered %v, reading: %v", a.UserID, tm.Name, offered, err)
				}
			}
			if a == w.m && (!has(assignees, south.ID) || has(assignees, gone.ID) || has(assignees, w.o1.UserID)) {
				t.Errorf("the manager of two teams may assign to %v", assignees)
			}
		}
	})
}
