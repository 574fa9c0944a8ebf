package web

import (
	"net/http"
	"strconv"

	"kam/internal/kam"
)

// pathID reads the {id} of the path; anything but a positive number is not
// found.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, kam.ErrNotFound
	}
	return id, nil
}

// pathOrZero is the {id} of the path, or 0 when it is not a positive
// number (the handler then answers not found).
func pathOrZero(r *http.Request) int64 {
	id, _ := pathID(r)
	return id
}

// fixedURL is a create form's action that does not depend on the request.
func fixedURL(u string) func(*http.Request) string {
	return func(*http.Request) string { return u }
}

// queryID reads a positive id from the query string; 0 when absent or bad.
func queryID(r *http.Request, name string) int64 {
	n, err := strconv.ParseInt(r.URL.Query().Get(name), 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// itoa64 writes an id for a URL or a form value.
func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// formVersion reads the posted version of a delete button.
func formVersion(r *http.Request) int64 {
	v, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	return v
}
