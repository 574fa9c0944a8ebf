package web

import (
	"context"
	"errors"
	"net/http"
	"slices"

	"kam/internal/kam"
	"kam/internal/service"
)

// errorData is what the error page shows.
type errorData struct {
	Status  int
	Heading string
	Detail  string
	Fields  []kam.Text
}

// fail is the one place an error becomes a page: 404 for kam.ErrNotFound
// (records outside the user's scope included), 403 with the service's
// reason, 422 for a validation error no form took, 409 for a conflict no
// form took, 413 for a body too large, a redirect to sign in for
// kam.ErrUnauthorized, and 500 (logged, never detailed) for the rest.
func (a *app) fail(w http.ResponseWriter, r *http.Request, c *call, err error) {
	var (
		verr *kam.ValidationError
		merr *http.MaxBytesError
		d    errorData
	)
	l := c.Locale
	switch {
	case errors.Is(err, context.Canceled):
		return
	case errors.Is(err, kam.ErrUnauthorized):
		a.toSignIn(w, r)
		return
	case errors.Is(err, errBadToken):
		d = errorData{Status: http.StatusForbidden, Heading: msg(l, "err.forbidden"), Detail: msg(l, "err.csrf")}
	case errors.As(err, &merr):
		d = errorData{Status: http.StatusRequestEntityTooLarge, Heading: msg(l, "err.too_large"), Detail: msg(l, "err.too_large.detail")}
	case errors.As(err, &verr):
		d = errorData{Status: http.StatusUnprocessableEntity, Heading: msg(l, "err.invalid")}
		for _, k := range sortedKeys(verr.Fields) {
			m := verr.Fields[k]
			d.Fields = append(d.Fields, kam.T(k+": "+m.EN, k+"："+m.ZH))
		}
	case errors.Is(err, kam.ErrConflict):
		d = errorData{Status: http.StatusConflict, Heading: msg(l, "err.conflict"), Detail: msg(l, "err.conflict.detail")}
	case errors.Is(err, kam.ErrNotFound):
		d = errorData{Status: http.StatusNotFound, Heading: msg(l, "err.not_found"), Detail: msg(l, "err.not_found.detail")}
	case errors.Is(err, kam.ErrForbidden):
		d = errorData{Status: http.StatusForbidden, Heading: msg(l, "err.forbidden")}
		if reason, ok := service.Reason(err); ok {
			d.Detail = reason.In(l)
		}
	default:
		a.log.ErrorContext(r.Context(), "web: internal error", "method", r.Method, "path", r.URL.Path, "err", err)
		d = errorData{Status: http.StatusInternalServerError, Heading: msg(l, "err.internal"), Detail: msg(l, "err.internal.detail")}
	}
	if rerr := a.renderPage(w, r, c, d.Status, "error", &Page{Data: d, Title: d.Heading}); rerr != nil {
		a.log.ErrorContext(r.Context(), "web: rendering the error page failed", "err", rerr)
		http.Error(w, http.StatusText(d.Status), d.Status)
	}
}

func sortedKeys(m map[string]kam.Text) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
