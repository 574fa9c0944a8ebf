package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"kam/internal/kam"
)

// Params are the argon2id cost parameters of a password hash.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes over memory
	Threads uint8  // lanes
	SaltLen uint32 // bytes
	KeyLen  uint32 // bytes
}

// DefaultParams returns the production cost: OWASP's first argon2id
// configuration (m=46 MiB, t=1, p=1). One lane because the server has few
// cores and serves several sign-ins at once.
func DefaultParams() Params {
	return Params{Memory: 46 * 1024, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}
}

// Limits on parameters read back from a stored hash, so a tampered row cannot
// make a sign-in allocate gigabytes or spin for minutes.
const (
	maxMemory  = 1 << 20 // 1 GiB in KiB
	maxTime    = 16
	maxKeyLen  = 128
	maxSaltLen = 64
)

// ErrMalformedHash is returned when an encoded password hash cannot be parsed.
var ErrMalformedHash = errors.New("malformed password hash")

var b64 = base64.RawStdEncoding

// Hash returns pw hashed with p in PHC string format,
// $argon2id$v=19$m=…,t=…,p=…$salt$hash.
func (p Params) Hash(pw string) (string, error) {
	if err := p.check(); err != nil {
		return "", err
	}
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password salt: %w", err)
	}
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

func (p Params) check() error {
	switch {
	case p.Memory < 8*uint32(p.Threads) || p.Memory > maxMemory,
		p.Time < 1 || p.Time > maxTime,
		p.Threads < 1,
		p.SaltLen < 8 || p.SaltLen > maxSaltLen,
		p.KeyLen < 16 || p.KeyLen > maxKeyLen:
		return fmt.Errorf("argon2id parameters m=%d t=%d p=%d salt=%d key=%d out of range",
			p.Memory, p.Time, p.Threads, p.SaltLen, p.KeyLen)
	}
	return nil
}

// NeedsRehash reports whether encoded was made with parameters other than p
// (or cannot be parsed), so it should be re-hashed after a successful check.
func (p Params) NeedsRehash(encoded string) bool {
	got, _, _, err := decodeHash(encoded)
	return err != nil || got != p
}

// Weaker reports whether encoded was made at a lower cost than p in memory,
// time, salt or key length (or cannot be parsed), so that re-hashing it with
// p strengthens it. A hash at least as costly as p in each of them is not:
// lowering the parameters never weakens the hashes already stored.
func (p Params) Weaker(encoded string) bool {
	got, _, _, err := decodeHash(encoded)
	return err != nil || got.Memory < p.Memory || got.Time < p.Time ||
		got.SaltLen < p.SaltLen || got.KeyLen < p.KeyLen
}

// FakeCheck costs what CheckPassword costs for a hash made with p, and does
// nothing else. Call it when the email is unknown, so the response time does
// not tell whether an account exists.
func (p Params) FakeCheck(pw string) {
	salt := make([]byte, p.SaltLen)
	_ = argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
}

// HashPassword hashes pw with DefaultParams.
func HashPassword(pw string) (string, error) { return DefaultParams().Hash(pw) }

// NeedsRehash reports whether encoded differs from DefaultParams.
func NeedsRehash(encoded string) bool { return DefaultParams().NeedsRehash(encoded) }

// FakeCheck spends the time of a CheckPassword against a DefaultParams hash.
func FakeCheck(pw string) { DefaultParams().FakeCheck(pw) }

// CheckPassword reports whether pw matches encoded, using the parameters
// stored in encoded and a constant-time comparison. err is ErrMalformedHash
// (wrapped) when encoded cannot be parsed; ok is then false.
func CheckPassword(encoded, pw string) (ok bool, err error) {
	p, salt, want, err := decodeHash(encoded)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

func decodeHash(encoded string) (p Params, salt, key []byte, err error) {
	bad := func(why string) (Params, []byte, []byte, error) {
		return Params{}, nil, nil, fmt.Errorf("%w: %s", ErrMalformedHash, why)
	}
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" {
		return bad("want 5 fields")
	}
	if parts[1] != "argon2id" {
		return bad("not argon2id")
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return bad("unsupported version")
	}
	var m, t, th uint64
	for i, kv := range strings.Split(parts[3], ",") {
		name, val, found := strings.Cut(kv, "=")
		want := [...]string{"m", "t", "p"}
		if !found || i >= len(want) || name != want[i] {
			return bad("want m=,t=,p=")
		}
		n, err := strconv.ParseUint(val, 10, 32)
		if err != nil {
			return bad("bad " + name)
		}
		switch i {
		case 0:
			m = n
		case 1:
			t = n
		case 2:
			th = n
		}
	}
	if th > 255 {
		return bad("too many lanes")
	}
	salt, err = b64.Strict().DecodeString(parts[4])
	if err != nil {
		return bad("salt encoding")
	}
	key, err = b64.Strict().DecodeString(parts[5])
	if err != nil {
		return bad("hash encoding")
	}
	p = Params{Memory: uint32(m), Time: uint32(t), Threads: uint8(th),
		SaltLen: uint32(len(salt)), KeyLen: uint32(len(key))}
	if err := p.check(); err != nil {
		return bad(err.Error())
	}
	return p, salt, key, nil
}

// Password length rules, counted in characters (runes), not bytes.
const (
	MinPasswordLen = 10
	MaxPasswordLen = 256
)

// ValidatePassword checks a new password: valid UTF-8, at least
// MinPasswordLen and at most MaxPasswordLen characters. It returns a
// *kam.ValidationError on field "password", or nil.
func ValidatePassword(pw string) error {
	switch n := utf8.RuneCountInString(pw); {
	case !utf8.ValidString(pw):
		return kam.Invalid("password", kam.T(
			"Password contains characters that are not valid text",
			"密码包含无效字符"))
	case n < MinPasswordLen:
		return kam.Invalid("password", kam.T(
			fmt.Sprintf("Password must be at least %d characters", MinPasswordLen),
			fmt.Sprintf("密码至少需要 %d 个字符", MinPasswordLen)))
	case n > MaxPasswordLen:
		return kam.Invalid("password", kam.T(
			fmt.Sprintf("Password must be at most %d characters", MaxPasswordLen),
			fmt.Sprintf("密码最多 %d 个字符", MaxPasswordLen)))
	}
	return nil
}

// CheapParams are argon2id parameters that cost next to nothing, for tests
// that create many users; never for real passwords.
func CheapParams() Params { return Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32} }
