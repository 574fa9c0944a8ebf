package kam

import "testing"

// TestWeakPasswordRefusesTheEasyGuesses: the passwords an attacker tries
// first are refused with a message in both languages; ordinary passphrases
// pass.
func TestWeakPasswordRefusesTheEasyGuesses(t *testing.T) {
	t.Parallel()
	const email, name = "li.na@example.com", "Li Na Zhang"
	weak := []string{
		"          ", "password12", "Password123!", "PASSWORD2026", "qwertyuiop", "Qwerty1234",
		"1qaz2wsx3edc", "woaini1314", "5201314520", "1234567890", "abcdefghij", "9876543210",
		"aaaaaaaaaa", "ababababab", "iloveyou!!", "li.na@example.com", "li.na@example.com1",
		"li.na12345", "LiNaZhang1", "li na zhang 88", "admin12345", "changeme99",
	}
	for _, pw := range weak {
		why, ok := WeakPassword(pw, email, name)
		if ok || why.EN == "" || why.ZH == "" {
			t.Errorf("%q: ok=%v %+v, want refused with a message in both languages", pw, ok, why)
		}
	}
	strong := []string{"correct horse battery", "蓝色的山和绿色的水", "tiger-lily-2026", "a temporary password", "Zhang's 3rd bike"}
	for _, pw := range strong {
		if why, ok := WeakPassword(pw, email, name); !ok {
			t.Errorf("%q refused: %s", pw, why.EN)
		}
	}
}
