package web

import (
	"context"
	"strconv"
	"strings"

	"kam/internal/kam"
)

// ownerChoices sets the owner_id select of specs to exactly the users the
// actor may hand the record to (service.Assignees), plus the record's
// current owner, whom saving the record unchanged does not check: a select
// never offers a user the save then refuses with 不能分配给该用户.
func (a *app) ownerChoices(ctx context.Context, c *call, specs []spec, current int64) error {
	users, err := a.svc.Assignees(ctx, c.Actor)
	if err != nil {
		return err
	}
	opts := userOpts(users)
	if current != 0 {
		all, err := a.usersFor(ctx, c)
		if err != nil {
			return err
		}
		opts = withUser(opts, all, current)
	}
	for i := range specs {
		if specs[i].Name == "owner_id" {
			specs[i].Opts = opts
		}
	}
	return nil
}

// funnelChoices are the funnel page's owner and team selects: exactly the
// sellers and teams whose funnel the actor may read (service.FunnelOwners
// and FunnelTeams), each with a blank first.
func (a *app) funnelChoices(ctx context.Context, actor kam.Actor) (users []kam.User, owners, teams []option, err error) {
	if users, err = a.svc.FunnelOwners(ctx, actor); err != nil {
		return nil, nil, nil, err
	}
	ts, err := a.svc.FunnelTeams(ctx, actor)
	if err != nil {
		return nil, nil, nil, err
	}
	teams = withBlank(nil)
	for _, t := range ts {
		teams = append(teams, option{Value: itoa64(t.ID), Label: t.Name})
	}
	owners = withBlank(nil)
	for _, u := range users {
		owners = append(owners, option{Value: itoa64(u.ID), Label: u.Name})
	}
	return users, owners, teams, nil
}

// formID is the id a form holds in name, 0 when none or not a number; it
// records no error (the form's reader does).
func formID(f *Form, name string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(f.Get(name)), 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}
