package httpedge

import (
	"net/http/httptest"
	"testing"
)

func TestParseBearer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		header    string
		wantToken string
		wantOK    bool
	}{
		{"bearer token is read", "Bearer kam_abc", "kam_abc", true},
		{"scheme is case-insensitive", "bearer kam_abc", "kam_abc", true},
		{"surrounding spaces are trimmed", "  Bearer   kam_abc  ", "kam_abc", true},
		{"missing header is refused", "", "", false},
		{"basic auth is refused", "Basic dXNlcjpwdw==", "", false},
		{"scheme alone is refused", "Bearer", "", false},
		{"scheme with blank token is refused", "Bearer   ", "", false},
		{"token with a space is refused", "Bearer kam_a kam_b", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequest("GET", "/api/v1/accounts", nil)
			if tt.header != "" {
				r.Header.Set("Authorization", tt.header)
			}
			got, ok := ParseBearer(r)
			if got != tt.wantToken || ok != tt.wantOK {
				t.Errorf("ParseBearer = %q, %v; want %q, %v", got, ok, tt.wantToken, tt.wantOK)
			}
		})
	}
}
