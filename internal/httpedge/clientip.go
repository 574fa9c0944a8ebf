package httpedge

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// ClientIP returns the client's address, normalised ("::ffff:1.2.3.4" becomes
// "1.2.3.4"). With trustProxy it believes only the right-most entry of
// X-Forwarded-For: the one the trusted proxy itself appended. Earlier
// entries, and headers such as X-Real-IP, may come from the client as sent
// and are ignored, so a client cannot pick the address the throttle counts.
// Without trustProxy, and when that entry is absent or malformed, it uses
// the connection's remote address.
func ClientIP(r *http.Request, trustProxy bool) string {
	if trustProxy {
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
