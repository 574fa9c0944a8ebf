package auth

import (
	"errors"
	"strings"
	"testing"
)

func TestSealerEncryptsAndOpensOnlyUnderItsKey(t *testing.T) {
	t.Parallel()
	s := NewSealer("server key")
	const secret = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"
	sealed := s.Seal(secret)
	if strings.Contains(sealed, "abc") || !strings.HasPrefix(sealed, "v1:") {
		t.Fatalf("sealed form shows the secret: %q", sealed)
	}
	if s.Seal(secret) == sealed {
		t.Error("two seals of one secret are equal (the nonce is not fresh)")
	}
	got, err := s.Open(sealed)
	if err != nil || got != secret {
		t.Fatalf("Open = %q, %v", got, err)
	}
	if _, err := NewSealer("another key").Open(sealed); !errors.Is(err, ErrUnseal) {
		t.Errorf("opened under another key: %v", err)
	}
	if _, err := NewSealer("").Open(sealed); !errors.Is(err, ErrUnseal) {
		t.Errorf("opened without a key: %v", err)
	}
	plain := NewSealer("").Seal(secret)
	if got, err := s.Open(plain); err != nil || got != secret {
		t.Errorf("a value stored before a key was set: %q, %v", got, err)
	}
}
