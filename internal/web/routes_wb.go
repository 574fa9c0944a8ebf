package web

import "slices"

// workbenchRoutes are the pages sellers and managers live in: my week,
// accounts, contacts, the strategy sheet, the funnel, and the forms and
// trash behind them.
func (a *app) workbenchRoutes() []route {
	return slices.Concat(
		a.strategyRoutes(),
		a.accountRoutesWB(),
		a.contactRoutes(),
		a.weekRoutes(),
		a.funnelRoutes(),
		a.trashRoutes(),
		a.xlsxRoutes(),
	)
}
