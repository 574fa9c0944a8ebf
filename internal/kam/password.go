package kam

import (
	_ "embed"
	"strings"
	"unicode"
)

//go:embed common_passwords.txt
var commonPasswordList string

// commonPasswords holds the lines of common_passwords.txt.
var commonPasswords = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(commonPasswordList, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			m[line] = true
		}
	}
	return m
}()

// WeakPassword reports why pw is too easy to guess, beyond its length: only
// spaces, one or two characters repeated ("aaaaaaaaaa", "ababababab"), a
// run ("1234567890", "abcdefghij", "9876543210"), a common password with
// digits or symbols around it ("password12", "Qwerty123!", "woaini1314"),
// or the user's own email or name in it. ok is true when none applies. The
// message is for field "password".
func WeakPassword(pw, email, name string) (why Text, ok bool) {
	folded := strings.ToLower(strings.Join(strings.Fields(pw), ""))
	switch {
	case folded == "":
		return T("must not be only spaces", "不能只有空格"), false
	case distinctRunes(folded) <= 2:
		return T("repeats one or two characters; choose something harder to guess", "只是一两个字符的重复，请选择更难猜的密码"), false
	case isRun(folded):
		return T("is a run of characters (such as 1234567890); choose something harder to guess", "是连续的字符（如 1234567890），请选择更难猜的密码"), false
	case commonPasswords[folded] || commonPasswords[strings.TrimFunc(folded, notLetter)]:
		return T("is one of the most common passwords; choose something harder to guess", "是最常见的密码之一，请选择更难猜的密码"), false
	}
	email = strings.ToLower(strings.TrimSpace(email))
	local, _, _ := strings.Cut(email, "@")
	name = strings.ToLower(strings.Join(strings.Fields(name), ""))
	for _, own := range []string{email, local, name} {
		if len([]rune(own)) >= 4 && strings.Contains(folded, own) {
			return T("must not contain your email address or name", "不能包含您的邮箱地址或姓名"), false
		}
	}
	return Text{}, true
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }

func distinctRunes(s string) int {
	seen := map[rune]bool{}
	for _, r := range s {
		seen[r] = true
	}
	return len(seen)
}

// isRun reports whether every character of s follows the one before it by
// the same step, +1 or -1 ("abcdef", "987654").
func isRun(s string) bool {
	rs := []rune(s)
	if len(rs) < 3 {
		return false
	}
	step := rs[1] - rs[0]
	if step != 1 && step != -1 {
		return false
	}
	for i := 2; i < len(rs); i++ {
		if rs[i]-rs[i-1] != step {
			return false
		}
	}
	return true
}
