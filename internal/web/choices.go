package web

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strconv"

	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
)

// option is one entry of a select.
type option struct {
	Value, Label string
}

// optionsOf turns a slice of enum values (kam.Roles, kam.FunnelLevels, …)
// into select options labelled in l.
func optionsOf(l kam.Locale, values any) []option {
	rv := reflect.ValueOf(values)
	if rv.Kind() != reflect.Slice {
		return nil
	}
	out := make([]option, rv.Len())
	for i := range out {
		v := rv.Index(i).Interface()
		out[i] = option{Value: fmt.Sprint(v), Label: kam.Label(v).In(l)}
	}
	return out
}

// withBlank puts an empty choice ("—") first.
func withBlank(opts []option) []option {
	return append([]option{{Value: "", Label: "—"}}, opts...)
}

// numberOpts are the whole numbers lo…hi as options, signed ("+3").
func numberOpts(lo, hi int) []option {
	out := make([]option, 0, hi-lo+1)
	for i := lo; i <= hi; i++ {
		out = append(out, option{Value: strconv.Itoa(i), Label: signedInt(i)})
	}
	return out
}

func signedInt(i int) string {
	if i > 0 {
		return "+" + strconv.Itoa(i)
	}
	return strconv.Itoa(i)
}

// maxListed bounds how many records a page lists from one collection
// (contacts of an account, users in a select). A page stays a fixed number
// of queries: listAll reads at most max/store.MaxLimit pages.
const maxListed = 1000

// listAll reads up to max records matching f.
func listAll[T any](ctx context.Context, e *service.Entity[T], a kam.Actor, f store.Filter[T], max int) ([]T, error) {
	var out []T
	f = store.Page(f, 0, store.MaxLimit)
	for {
		items, next, err := e.List(ctx, a, f)
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
		if next == 0 || len(out) >= max {
			return out, nil
		}
		f = store.Page(f, next, store.MaxLimit)
	}
}

// userOpts lists users as options by name.
func userOpts(users []kam.User) []option {
	out := make([]option, 0, len(users))
	for _, u := range users {
		if u.Disabled {
			continue
		}
		out = append(out, option{Value: itoa64(u.ID), Label: u.Name})
	}
	return out
}

// withUser is opts (active users, userOpts) with user id added when it is
// not among them — a counterpart or owner disabled since — so a select
// that holds them keeps them chosen instead of silently clearing them.
func withUser(opts []option, users []kam.User, id int64) []option {
	if id == 0 || slices.ContainsFunc(opts, func(o option) bool { return o.Value == itoa64(id) }) {
		return opts
	}
	label := "#" + itoa64(id)
	for _, u := range users {
		if u.ID == id {
			label = u.Name
		}
	}
	return append(slices.Clone(opts), option{Value: itoa64(id), Label: label})
}

// userNames maps user ids to names.
func userNames(users []kam.User) map[int64]string {
	m := make(map[int64]string, len(users))
	for _, u := range users {
		m[u.ID] = u.Name
	}
	return m
}

// allUsersOf lists the users the actor may see (for selects and names).
func (a *app) usersFor(ctx context.Context, c *call) ([]kam.User, error) {
	return listAll(ctx, a.svc.Users, c.Actor, store.UserFilter{}, maxListed)
}
