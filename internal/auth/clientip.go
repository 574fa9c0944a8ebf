package auth

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// ClientIP returns the client's address, normalised ("::ffff:1.2.3.4" becomes
// "1.2.3.4"). With trustProxy it believes X-Real-IP, else the last entry of
// X-Forwarded-For (the one the proxy itself appended; earlier entries come
// from the client and may be forged); otherwise, and when those are absent or
// malformed, it uses the connection's remote address.
func ClientIP(r *http.Request, trustProxy bool) string {
	if trustProxy {
		if a, ok := parseAddr(r.Header.Get("X-Real-IP")); ok {
			return a
		}
		if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
			last := xff[len(xff)-1]
			if i := strings.LastIndexByte(last, ','); i >= 0 {
				last = last[i+1:]
			}
			if a, ok := parseAddr(last); ok {
				return a
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if a, ok := parseAddr(host); ok {
		return a
	}
	return host
}

func parseAddr(s string) (string, bool) {
	a, err := netip.ParseAddr(strings.TrimSpace(s))
	if err != nil {
		return "", false
	}
	return a.Unmap().WithZone("").String(), true
}
