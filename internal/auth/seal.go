package auth

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
)

// Sealer keeps secrets that kam must read back (a push channel's webhook
// address and signing secret) encrypted in the database with AES-256-GCM,
// under a key derived from the server's secret key (--secret-key,
// KAM_SECRET_KEY). Without a key it stores them as they are, marked so; a
// copy of the database then holds them in clear, which docs/security.md
// says plainly.
type Sealer struct{ aead cipher.AEAD }

// NewSealer returns a Sealer for key; "" gives one that does not encrypt.
func NewSealer(key string) *Sealer {
	if key == "" {
		return &Sealer{}
	}
	sum := sha256.Sum256([]byte("kam seal v1\x00" + key))
	block, err := aes.NewCipher(sum[:])
	if err != nil {
		panic(err) // a 32-byte key always makes a cipher
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		panic(err)
	}
	return &Sealer{aead: aead}
}

// Encrypts reports whether the sealer encrypts.
func (s *Sealer) Encrypts() bool { return s != nil && s.aead != nil }

const (
	sealedPrefix = "v1:"
	plainPrefix  = "plain:"
)

// ErrUnseal is returned when a sealed value cannot be opened: it was
// sealed under another key, or it is damaged.
var ErrUnseal = errors.New("auth: cannot open a sealed secret (another --secret-key?)")

// Seal returns the stored form of plain; "" stays "".
func (s *Sealer) Seal(plain string) string {
	if plain == "" {
		return ""
	}
	if !s.Encrypts() {
		return plainPrefix + plain
	}
	nonce := make([]byte, s.aead.NonceSize())
	_, _ = rand.Read(nonce)
	return sealedPrefix + base64.RawStdEncoding.EncodeToString(s.aead.Seal(nonce, nonce, []byte(plain), nil))
}

// Open returns the secret sealed in stored.
func (s *Sealer) Open(stored string) (string, error) {
	switch {
	case stored == "":
		return "", nil
	case strings.HasPrefix(stored, plainPrefix):
		return stored[len(plainPrefix):], nil
	case strings.HasPrefix(stored, sealedPrefix) && s.Encrypts():
		b, err := base64.RawStdEncoding.DecodeString(stored[len(sealedPrefix):])
		n := s.aead.NonceSize()
		if err != nil || len(b) < n {
			return "", ErrUnseal
		}
		out, err := s.aead.Open(nil, b[:n], b[n:], nil)
		if err != nil {
			return "", ErrUnseal
		}
		return string(out), nil
	}
	return "", ErrUnseal
}
