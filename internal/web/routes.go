package web

import "slices"

// Access says who may use a route.
type Access int

// Route access levels.
const (
	// SignedIn routes need a session; signed-out visitors go to /signin.
	SignedIn Access = iota
	// Public routes work signed in or out (the sign-in page, the language
	// switch).
	Public
	// AdminOnly routes answer 404 to everyone but administrators.
	AdminOnly
)

// route is one page or form action. The mux and the route-walking tests are
// both built from the route table, so a new page is covered by the
// other-team walk and the CSRF checks as soon as it is listed.
type route struct {
	Method string // GET or POST
	// Path is a ServeMux pattern path: "/accounts/{id}".
	Path   string
	Access Access
	// Entity names the kind of record {id} refers to ("account",
	// "contact", …, the service's entity names); the other-team walk fills
	// {id} with a record of that kind owned by another team. Empty when
	// the path has no {id}.
	Entity string
	// DuringPasswordChange routes stay open while the user must still
	// change a temporary password (the password page, sign out, language).
	DuringPasswordChange bool
	// NoFormToken skips the csrf_token check (cross-origin protection still
	// applies). Only the sign-in form: it replaces the session anyway, and a
	// sign-in page opened before an earlier sign-in carries no token.
	NoFormToken bool
	Handle      handlerFunc
}

// routeTable lists every route of the web front end. Add a group of pages
// by writing a method that returns its routes and listing it here.
func (a *app) routeTable() []route {
	return slices.Concat(
		a.homeRoutes(),
		a.signInRoutes(),
		a.oidcRoutes(),
		a.ssoAdminRoutes(),
		a.channelRoutes(),
		a.profileRoutes(),
		a.calendarRoutes(),
		a.adminRoutes(),
		a.rateRoutes(),
		a.auditRoutes(),
		// The workbench: the pages sellers and managers live in.
		a.strategyRoutes(),
		a.accountRoutes(),
		a.contactRoutes(),
		a.weekRoutes(),
		a.funnelRoutes(),
		a.quotaRoutes(),
		a.trashRoutes(),
		a.criteriaRoutes(),
		a.xlsxRoutes(),
		a.methodRoutes(),
		a.mergeRoutes(),
		a.loopRoutes(),
		a.listRoutes(),
	)
}
