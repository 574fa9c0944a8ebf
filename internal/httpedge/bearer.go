package httpedge

import (
	"net/http"
	"strings"
)

// ParseBearer returns the token of an "Authorization: Bearer <token>" header.
// ok is false when the header is missing, uses another scheme, or the token is
// empty or holds spaces.
func ParseBearer(r *http.Request) (string, bool) {
	scheme, token, found := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	if !found || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	if token == "" || strings.ContainsAny(token, " \t") {
		return "", false
	}
	return token, true
}
