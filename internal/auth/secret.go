package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// secretLen is the entropy of every secret, in bytes.
const secretLen = 32

// NewSecret returns 32 bytes from crypto/rand, base64url-encoded without
// padding (43 characters): session ids, CSRF tokens, API token bodies.
func NewSecret() string {
	b := make([]byte, secretLen)
	// crypto/rand.Read never fails on supported platforms (it crashes the
	// program instead), so there is no error to pass on.
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashSecret returns the SHA-256 of s in lower-case hex. Secrets are random
// and long, so a fast unsalted hash is enough: it only keeps a copy of the
// database from signing anyone in.
func HashSecret(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// APITokenPrefix starts every API token, so a leaked one is recognisable
// (for example by secret scanners).
const APITokenPrefix = "kam_"

// apiTokenShown is how many characters of a token are kept as its Prefix.
const apiTokenShown = len(APITokenPrefix) + 8

// NewAPIToken returns a new API token: secret is shown to the user once;
// prefix (the first 12 characters) is stored to tell tokens apart; hash,
// HashSecret(secret), is stored to recognise it.
func NewAPIToken() (secret, prefix, hash string) {
	secret = APITokenPrefix + NewSecret()
	return secret, secret[:apiTokenShown], HashSecret(secret)
}

// LooksLikeSecret reports whether s has the shape NewSecret produces, so a
// forged cookie is turned away without a store lookup.
func LooksLikeSecret(s string) bool {
	if len(s) != base64.RawURLEncoding.EncodedLen(secretLen) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
