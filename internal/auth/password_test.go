package auth

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"kam/internal/kam"
)

func TestHashAndCheckPassword(t *testing.T) {
	t.Parallel()
	enc, err := testParams.Hash("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash %q is not in PHC argon2id format", enc)
	}
	again, err := testParams.Hash("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if again == enc {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	tests := []struct {
		name string
		pw   string
		want bool
	}{
		{"right password matches", "correct horse battery", true},
		{"wrong password does not match", "correct horse batterY", false},
		{"empty password does not match", "", false},
		{"password with extra suffix does not match", "correct horse battery ", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ok, err := CheckPassword(enc, tt.pw)
			if err != nil {
				t.Fatal(err)
			}
			if ok != tt.want {
				t.Errorf("CheckPassword(%q) = %v, want %v", tt.pw, ok, tt.want)
			}
		})
	}
}

func TestCheckPasswordTampered(t *testing.T) {
	t.Parallel()
	const pw = "correct horse battery"
	enc, err := testParams.Hash(pw)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(enc, "$") // "", argon2id, v=19, params, salt, hash
	flip := func(s string) string {
		c := byte('A')
		if s[0] == 'A' {
			c = 'B'
		}
		return string(c) + s[1:]
	}
	join := func(mod func(p []string)) string {
		p := append([]string(nil), parts...)
		mod(p)
		return strings.Join(p, "$")
	}
	mismatch := []struct {
		name string
		enc  string
	}{
		{"changed hash does not match", join(func(p []string) { p[5] = flip(p[5]) })},
		{"changed salt does not match", join(func(p []string) { p[4] = flip(p[4]) })},
		{"changed memory does not match", join(func(p []string) { p[3] = "m=72,t=1,p=1" })},
		{"changed time does not match", join(func(p []string) { p[3] = "m=64,t=2,p=1" })},
	}
	for _, tt := range mismatch {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ok, err := CheckPassword(tt.enc, pw)
			if err != nil {
				t.Fatalf("CheckPassword: %v", err)
			}
			if ok {
				t.Error("tampered hash matched")
			}
		})
	}
	malformed := []struct {
		name string
		enc  string
	}{
		{"empty string is malformed", ""},
		{"bcrypt hash is malformed", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"},
		{"argon2i is malformed", join(func(p []string) { p[1] = "argon2i" })},
		{"old version is malformed", join(func(p []string) { p[2] = "v=16" })},
		{"missing parameter is malformed", join(func(p []string) { p[3] = "m=64,t=1" })},
		{"reordered parameters are malformed", join(func(p []string) { p[3] = "t=1,m=64,p=1" })},
		{"zero lanes is malformed", join(func(p []string) { p[3] = "m=64,t=1,p=0" })},
		{"huge memory is malformed", join(func(p []string) { p[3] = "m=4294967295,t=1,p=1" })},
		{"huge time is malformed", join(func(p []string) { p[3] = "m=64,t=100000,p=1" })},
		{"bad salt encoding is malformed", join(func(p []string) { p[4] = "!!!" })},
		{"short hash is malformed", join(func(p []string) { p[5] = "AAAA" })},
		{"extra field is malformed", enc + "$x"},
	}
	for _, tt := range malformed {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ok, err := CheckPassword(tt.enc, pw)
			if !errors.Is(err, ErrMalformedHash) {
				t.Errorf("err = %v, want ErrMalformedHash", err)
			}
			if ok {
				t.Error("malformed hash matched")
			}
		})
	}
}

func TestNeedsRehash(t *testing.T) {
	t.Parallel()
	cheap, err := testParams.Hash("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	d := DefaultParams()
	// A well-formed hash with the production parameters, built by hand so the
	// test does not pay for a 46 MiB hash.
	current := fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s", d.Memory, d.Time, d.Threads,
		b64.EncodeToString(make([]byte, d.SaltLen)), b64.EncodeToString(make([]byte, d.KeyLen)))
	tests := []struct {
		name   string
		params Params
		enc    string
		want   bool
	}{
		{"hash with production parameters is current", d, current, false},
		{"cheap hash needs rehash under production parameters", d, cheap, true},
		{"cheap hash is current under its own parameters", testParams, cheap, false},
		{"stronger time cost asks for rehash", Params{Memory: 64, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}, cheap, true},
		{"malformed hash needs rehash", d, "garbage", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.params.NeedsRehash(tt.enc); got != tt.want {
				t.Errorf("NeedsRehash = %v, want %v", got, tt.want)
			}
		})
	}
	if NeedsRehash(current) || !NeedsRehash(cheap) {
		t.Error("package-level NeedsRehash does not follow DefaultParams")
	}
}

// TestWeaker: only a hash cheaper than the parameters in some respect is to
// be upgraded; a costlier one is kept when the parameters go down.
func TestWeaker(t *testing.T) {
	t.Parallel()
	hash := func(m, tm uint32, salt, key int) string {
		return fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=1$%s$%s", m, tm,
			b64.EncodeToString(make([]byte, salt)), b64.EncodeToString(make([]byte, key)))
	}
	p := Params{Memory: 128, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}
	tests := []struct {
		name string
		enc  string
		want bool
	}{
		{"same parameters", hash(128, 2, 16, 32), false},
		{"less memory", hash(64, 2, 16, 32), true},
		{"fewer passes", hash(128, 1, 16, 32), true},
		{"shorter salt", hash(128, 2, 8, 32), true},
		{"shorter key", hash(128, 2, 16, 16), true},
		{"costlier in every respect", hash(256, 3, 32, 64), false},
		{"more memory, fewer passes", hash(256, 1, 16, 32), true},
		{"malformed", "garbage", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := p.Weaker(tt.enc); got != tt.want {
				t.Errorf("Weaker = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestParamsOutOfRangeRefused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		p    Params
	}{
		{"zero params are refused", Params{}},
		{"tiny key is refused", Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 4}},
		{"tiny salt is refused", Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 4, KeyLen: 32}},
		{"memory below 8 per lane is refused", Params{Memory: 8, Time: 1, Threads: 2, SaltLen: 16, KeyLen: 32}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if _, err := tt.p.Hash("correct horse battery"); err == nil {
				t.Error("Hash accepted out-of-range parameters")
			}
		})
	}
}

func TestValidatePassword(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		pw     string
		wantOK bool
	}{
		{"ten letters pass", "abcdefghij", true},
		{"nine letters fail", "abcdefghi", false},
		{"ten Chinese characters pass though fewer than 30 bytes would not", "一二三四五六七八九十", true},
		{"nine Chinese characters fail though 27 bytes", "一二三四五六七八九", false},
		{"256 characters pass", strings.Repeat("a", 256), true},
		{"257 characters fail", strings.Repeat("a", 257), false},
		{"invalid UTF-8 fails", "abcdefghij\xff", false},
		{"empty fails", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := ValidatePassword(tt.pw)
			if tt.wantOK {
				if err != nil {
					t.Errorf("ValidatePassword: %v", err)
				}
				return
			}
			var ve *kam.ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, kam.ErrInvalid) {
				t.Fatalf("err = %v, want *kam.ValidationError", err)
			}
			msg, ok := ve.Fields["password"]
			if !ok || msg.EN == "" || msg.ZH == "" {
				t.Errorf("password message = %+v, want both languages", msg)
			}
		})
	}
}

// BenchmarkHashPassword measures one hash with the production parameters.
func BenchmarkHashPassword(b *testing.B) {
	for b.Loop() {
		if _, err := HashPassword("correct horse battery staple"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckPassword measures one sign-in check with the production
// parameters.
func BenchmarkCheckPassword(b *testing.B) {
	enc, err := HashPassword("correct horse battery staple")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if ok, _ := CheckPassword(enc, "correct horse battery staple"); !ok {
			b.Fatal("no match")
		}
	}
}
