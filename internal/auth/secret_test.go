package auth

import (
	"strings"
	"testing"
)

func TestNewSecret(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 100 {
		s := NewSecret()
		if len(s) != 43 || !LooksLikeSecret(s) {
			t.Fatalf("NewSecret() = %q, want 43 base64url characters", s)
		}
		if seen[s] {
			t.Fatalf("NewSecret repeated %q", s)
		}
		seen[s] = true
	}
}

func TestHashSecret(t *testing.T) {
	t.Parallel()
	// SHA-256 test vector from FIPS 180-2.
	const want = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	if got := HashSecret("abc"); got != want {
		t.Errorf("HashSecret(abc) = %s, want %s", got, want)
	}
}

func TestNewAPIToken(t *testing.T) {
	t.Parallel()
	secret, prefix, hash := NewAPIToken()
	if !strings.HasPrefix(secret, APITokenPrefix) || len(secret) != len(APITokenPrefix)+43 {
		t.Errorf("secret %q lacks the kam_ prefix or full length", secret)
	}
	if prefix != secret[:12] {
		t.Errorf("prefix %q, want first 12 characters of %q", prefix, secret)
	}
	if hash != HashSecret(secret) {
		t.Error("hash is not HashSecret(secret)")
	}
	if other, _, _ := NewAPIToken(); other == secret {
		t.Error("two tokens are equal")
	}
}
