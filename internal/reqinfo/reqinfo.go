// Package reqinfo carries what one request learns about itself on its way
// through kam — the route pattern that matched, the signed-in user, the
// statements it ran — so that the request log and the metrics can report
// them. It imports only the standard library: the store counts statements
// into it and the front ends name the route, without either knowing HTTP
// middleware or metrics.
package reqinfo

import (
	"context"
	"sync/atomic"
)

// Info is one request's record. Its fields are written by the request's
// own goroutine (Route, UserID) or atomically (statements).
type Info struct {
	// Route is the pattern of the route that served the request, such as
	// "GET /opportunities/{id}"; never the path itself, which may carry a
	// secret (a calendar feed's address).
	Route string
	// UserID is the signed-in user, 0 for none.
	UserID int64
	// SignInFailure is the way a refused sign-in was tried ("password",
	// "oidc"), "" when the request was no refused sign-in.
	SignInFailure string
	statements    atomic.Int64
}

type key struct{}

// With returns ctx carrying a fresh Info, and the Info.
func With(ctx context.Context) (context.Context, *Info) {
	i := &Info{}
	return context.WithValue(ctx, key{}, i), i
}

// From returns ctx's Info, or nil when the request carries none (a test,
// a command-line tool).
func From(ctx context.Context) *Info {
	i, _ := ctx.Value(key{}).(*Info)
	return i
}

// SetRoute records the route pattern on ctx's Info, if any.
func SetRoute(ctx context.Context, pattern string) {
	if i := From(ctx); i != nil {
		i.Route = pattern
	}
}

// SetUser records the signed-in user on ctx's Info, if any.
func SetUser(ctx context.Context, id int64) {
	if i := From(ctx); i != nil {
		i.UserID = id
	}
}

// SignInFailed records on ctx's Info, if any, that the request was a
// refused sign-in of the given way ("password", "oidc").
func SignInFailed(ctx context.Context, way string) {
	if i := From(ctx); i != nil {
		i.SignInFailure = way
	}
}

// CountStatement adds one statement to ctx's Info, if any.
func CountStatement(ctx context.Context) {
	if i := From(ctx); i != nil {
		i.statements.Add(1)
	}
}

// Statements is how many statements the request ran.
func (i *Info) Statements() int64 { return i.statements.Load() }
