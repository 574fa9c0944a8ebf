package web

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"kam/internal/kam"
)

// Counts speak English plurals: "1 high red flag", "2 deals". Fails before
// the count function: the week page wrote "1 high red flags" from the
// message "%d high red flags".
func TestCountsSpeakPlurals(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		l    kam.Locale
		n    any
		noun string
		want string
	}{
		{kam.LocaleEN, 1, "high-red-flag", "1 high red flag"},
		{kam.LocaleEN, int64(2), "deal", "2 deals"},
		{kam.LocaleEN, 1, "closed-deal", "1 closed deal"},
		{kam.LocaleZH, 3, "deal", "3 个商机"},
		{kam.LocaleEN, 1, "no-such-noun", "[no-such-noun]"},
	} {
		if got := countOf(c.l, c.n, c.noun); got != c.want {
			t.Errorf("count %v %q in %s = %q, want %q", c.n, c.noun, c.l, got, c.want)
		}
	}
}

// Every noun the templates count is one of kam's, every record kind and
// field they name too: a typo would show "[id]" on a page.
func TestTemplatesCountKamsNouns(t *testing.T) {
	t.Parallel()
	re := regexp.MustCompile(`\{\{[^}]*\bcount [^}"]*"([a-z-]+)"`)
	n := 0
	err := fs.WalkDir(templateFS, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		b, err := fs.ReadFile(templateFS, path)
		if err != nil {
			return err
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			n++
			if _, ok := kam.NounOf(m[1]); !ok {
				t.Errorf("%s counts %q, which is not a noun of kam's", path, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 5 {
		t.Errorf("found only %d counts in the templates: the pattern misses some", n)
	}
}

// The record history names a changed field by the form's label, not by its
// JSON key.
func TestHistoryNamesFieldsByTheirLabels(t *testing.T) {
	t.Parallel()
	f := funcs(kam.LocaleZH, &assets{})["fieldName"].(func(string, string) string)
	for _, c := range [][3]string{
		{"contact", "in_post_since", "到岗日期"},
		{"account", "name", "名称"},
		{"buying_influence", "counterpart_id", "我方对应者"},
		{"contact", "something_new", "something_new"},
	} {
		if got := f(c[0], c[1]); got != c[2] {
			t.Errorf("fieldName %s %s = %q, want %q", c[0], c[1], got, c[2])
		}
	}
}
