package kam

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// labelAllowlist names the files outside internal/kam that may still keep
// their own labels, each with why; a file listed here that keeps none fails
// the test, so the list only shrinks. It is empty: every package reads
// kam's table.
var labelAllowlist = map[string]string{}

// TestNoLabelOutsideKam fails when a package outside internal/kam defines
// its own word for something kam's table names: an enum value, a field or a
// method term. It reads every non-test Go file of ./internal and ./cmd and
// reports
//
//   - a table keyed by kam enum values or fields whose values are words: a
//     map or struct literal pairing kam.X with a string that is a word of
//     the table or Chinese, a kam.T(…) or a kam.Text{…} (seniorityText,
//     roleInfo, …);
//   - a switch whose case kam.X: returns such a word (modeZH, levelName);
//   - a kam.T(en, zh) literal whose English is a word of the table: a copy
//     of the table's word when its Chinese is the table's too, a second
//     Chinese word for the concept when it is not (高管 beside 高层).
//
// Read the word from kam instead: kam.Label(v), kam.Short(v), f.Label(),
// kam.TermName(id), kam.Glossary(). A reader's list of other spellings it
// accepts (map[string]kam.Seniority{"高管": …}, []string{"职位", "头衔"})
// is input, not a label, and passes; test files, which assert the words,
// are not read.
func TestNoLabelOutsideKam(t *testing.T) {
	t.Parallel()
	v := newVocabulary(t)
	root := filepath.Join("..", "..")
	var problems []string
	files := 0
	allowed := map[string]int{} // allowlisted file → its problems
	for _, dir := range []string{"internal", "cmd"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			rel = filepath.ToSlash(rel)
			if d.IsDir() {
				if rel == "internal/kam" || d.Name() == "testdata" {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(rel, ".go") || strings.HasSuffix(rel, "_test.go") {
				return nil
			}
			files++
			found := v.check(t, path, rel)
			if _, ok := labelAllowlist[rel]; ok {
				allowed[rel] = len(found)
				if testing.Verbose() {
					for _, p := range found {
						t.Logf("allowed for now: %s", p)
					}
				}
				return nil
			}
			problems = append(problems, found...)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if files < 50 {
		t.Fatalf("read only %d Go files: the walk misses the tree", files)
	}
	for _, p := range problems {
		t.Error(p)
	}
	for rel := range labelAllowlist {
		if n, ok := allowed[rel]; !ok || n == 0 {
			t.Errorf("%s keeps no label of its own (any more): drop it from labelAllowlist", rel)
		}
	}
}

// TestTheLabelCheckFindsLocalTables proves the check on sources that keep
// their own labels, and that it lets reads of the table and non-words pass.
func TestTheLabelCheckFindsLocalTables(t *testing.T) {
	t.Parallel()
	v := newVocabulary(t)
	cases := []struct {
		name, src string
		want      int
	}{
		{"a map of enum values to texts", `var x = map[kam.Seniority]kam.Text{kam.SeniorityExecutive: kam.T("executive", "高管")}`, 2},
		{"a map of enum values to Chinese", `var x = map[kam.Influence]string{kam.InfluenceHigh: "高"}`, 1},
		{"a map of the values' codes to Chinese", `var x = map[string]string{"executive": "高管", "best_few": "最佳少数"}`, 2},
		{"a reader's other spellings pass", `var x = map[string]kam.Seniority{"高管": kam.SeniorityExecutive}`, 0},
		{"a map of enum values to English words of the table", `var x = map[kam.ContactLevel]string{kam.ContactFrequent: "frequent"}`, 1},
		{"a slice of structs pairing a role with its name", `var x = []struct{r kam.BuyingRole; l string; t kam.Text}{{kam.RoleCoach, "C", kam.Text{EN: "Coach", ZH: "教练"}}}`, 1},
		{"a field's header of its own", `var x = map[kam.Field]kam.Text{kam.FieldTitle: kam.T("Post", "职位")}`, 1},
		{"a switch returning labels", `func f(m kam.ResponseMode) string { switch m { case kam.ModeGrowth: return "高瞻远瞩" }; return "" }`, 1},
		{"a copy of a label", `var x = kam.T("Best few", "最佳少数")`, 1},
		{"a second Chinese word for a field", `var x = kam.T("Relationship level", "关系级别")`, 1},
		{"a local helper's header", `var x = col("Title", "职位", 14)`, 1},
		{"reads of the table pass", `var x = map[kam.Influence]kam.Text{kam.InfluenceHigh: kam.Label(kam.InfluenceHigh)}; var y = kam.FieldTitle.Label()`, 0},
		{"styles keyed by enum values pass", `var x = map[kam.ContactLevel]string{kam.ContactFrequent: "stroke-width=\"3\""}`, 0},
		{"sentences that use a word pass", `var x = kam.T("Best few first, then the rest", "先做最佳少数")`, 0},
		{"a switch returning numbers passes", `func f(l kam.FunnelLevel) int { switch l { case kam.LevelAbove: return 1 }; return 0 }`, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.go")
			src := "package x\n\nimport \"kam/internal/kam\"\n\n" + c.src + "\n"
			if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
				t.Fatal(err)
			}
			got := v.check(t, path, "x.go")
			if len(got) != c.want {
				t.Errorf("found %d problems, want %d: %q", len(got), c.want, got)
			}
		})
	}
}

// vocabulary is what the check knows of kam's table.
type vocabulary struct {
	consts map[string]string              // labelled enum values and fields: name → value
	words  map[string]map[string][]string // lower-case English → Chinese → where
	strs   map[string]bool                // the table's words, English in lower case
	codes  map[string]bool                // the enum values' codes ("executive", "best_few")
}

func newVocabulary(t *testing.T) *vocabulary {
	t.Helper()
	v := &vocabulary{consts: map[string]string{}, words: map[string]map[string][]string{}, strs: map[string]bool{}, codes: map[string]bool{}}
	types := map[string]bool{"Field": true}
	for k := range labels {
		types[reflect.TypeOf(k).Name()] = true
	}
	// The names of the constants of those types, from kam's own source.
	fset := token.NewFileSet()
	paths, _ := filepath.Glob("*.go")
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, s := range g.Specs {
				vs := s.(*ast.ValueSpec)
				if id, ok := vs.Type.(*ast.Ident); ok && types[id.Name] {
					for i, n := range vs.Names {
						val := ""
						if i < len(vs.Values) {
							val, _ = strconv.Unquote(lit(vs.Values[i]))
						}
						v.consts[n.Name] = val
					}
				}
			}
		}
	}
	if v.consts["SeniorityExecutive"] != "executive" || v.consts["FieldTitle"] != "title" || v.consts["SeverityHigh"] != "high" {
		t.Fatalf("the enum constants were not found in kam's source: %d names", len(v.consts))
	}
	add := func(x Text, where string) {
		v.strs[strings.ToLower(x.EN)], v.strs[x.ZH] = true, true
		k := strings.ToLower(x.EN)
		if v.words[k] == nil {
			v.words[k] = map[string][]string{}
		}
		v.words[k][x.ZH] = append(v.words[k][x.ZH], where)
	}
	for k, x := range labels {
		add(x, fmt.Sprintf("kam.Label(%T %v)", k, k))
		v.codes[fmt.Sprint(k)] = true
	}
	// Short forms are words only where they hold letters (C, U, T, E), not
	// symbols (↗, ?); they are no English words of their own for kam.T.
	for _, x := range shorts {
		for _, s := range []string{x.EN, x.ZH} {
			if strings.IndexFunc(s, unicode.IsLetter) >= 0 {
				v.strs[strings.ToLower(s)] = true
			}
		}
	}
	for f, x := range fields {
		add(x, fmt.Sprintf("kam.Field(%q).Label()", f))
	}
	for id, g := range glossary {
		add(g.Name, fmt.Sprintf("kam.TermName(%q)", id))
	}
	for i, x := range positions {
		add(x, fmt.Sprintf("kam.PositionLabel(%d)", i-3))
	}
	return v
}

// check returns the problems of one file; rel names it in the messages.
func (v *vocabulary) check(t *testing.T, path, rel string) []string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	kamName := ""
	for _, im := range f.Imports {
		if p, _ := strconv.Unquote(im.Path.Value); p == "kam/internal/kam" {
			kamName = "kam"
			if im.Name != nil {
				kamName = im.Name.Name
			}
		}
	}
	if kamName == "" {
		kamName = "\x00" // matches no identifier: only the code-keyed and literal-pair rules apply
	}
	var out []string
	report := func(n ast.Node, format string, args ...any) {
		out = append(out, fmt.Sprintf("%s:%d: %s", rel, fset.Position(n.Pos()).Line, fmt.Sprintf(format, args...)))
	}
	// kamConst reports the enum value or field e names, or "".
	kamConst := func(e ast.Expr) string {
		if s, ok := e.(*ast.SelectorExpr); ok {
			if _, known := v.consts[s.Sel.Name]; known {
				if x, ok := s.X.(*ast.Ident); ok && x.Name == kamName {
					return s.Sel.Name
				}
			}
			if false {
				return s.Sel.Name
			}
		}
		return ""
	}
	// word reports the label-like text e holds: a kam.T call, a kam.Text
	// literal, a string that is Chinese or a word of the table, or such a
	// text inside a literal; "" for anything else.
	var word func(e ast.Expr) string
	word = func(e ast.Expr) string {
		switch x := e.(type) {
		case *ast.BasicLit:
			if x.Kind != token.STRING {
				return ""
			}
			if s, _ := strconv.Unquote(x.Value); v.isWord(s) {
				return strconv.Quote(s)
			}
		case *ast.CallExpr:
			if sel, ok := x.Fun.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == kamName && sel.Sel.Name == "T" && len(x.Args) == 2 {
					if lit(x.Args[0]) != "" || lit(x.Args[1]) != "" {
						return "kam.T(" + lit(x.Args[0]) + ", " + lit(x.Args[1]) + ")"
					}
				}
			}
		case *ast.CompositeLit:
			if sel, ok := x.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "Text" {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == kamName {
					return "a kam.Text literal"
				}
			}
			for _, el := range x.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					el = kv.Value
				}
				if w := word(el); w != "" {
					return w
				}
			}
		case *ast.UnaryExpr:
			return word(x.X)
		}
		return ""
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.CompositeLit:
			var keyed string // an enum value among the elements
			for _, el := range x.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					if c := kamConst(kv.Key); c != "" {
						if w := word(kv.Value); w != "" {
							report(kv, "kam.%s is given its own label %s: read it from kam's table", c, w)
						}
					} else if code, err := strconv.Unquote(lit(kv.Key)); err == nil && v.codes[code] && isMap(x) {
						// The same table keyed by the values' codes.
						if w := word(kv.Value); w != "" {
							report(kv, "the code %q is given its own label %s: read it from kam's table", code, w)
						}
					}
					continue
				}
				if c := kamConst(el); c != "" {
					keyed = c
				}
			}
			if keyed != "" {
				for _, el := range x.Elts {
					if _, ok := el.(*ast.KeyValueExpr); ok || kamConst(el) != "" {
						continue
					}
					// The value's own code ("title" beside kam.FieldTitle)
					// and lists of other spellings a reader accepts
					// ([]string{"职位", "头衔"}) are input, not labels.
					if s, err := strconv.Unquote(lit(el)); err == nil && (s == v.consts[keyed] || strings.HasSuffix(v.consts[keyed], "."+s)) {
						continue
					}
					if c, ok := el.(*ast.CompositeLit); ok {
						if a, ok := c.Type.(*ast.ArrayType); ok {
							if id, ok := a.Elt.(*ast.Ident); ok && id.Name == "string" {
								continue
							}
						}
					}
					if w := word(el); w != "" {
						report(x, "kam.%s is paired with its own label %s: read it from kam's table", keyed, w)
						break
					}
				}
			}
		case *ast.CaseClause:
			var c string
			for _, e := range x.List {
				if c = kamConst(e); c != "" {
					break
				}
			}
			if c == "" {
				return true
			}
			for _, st := range x.Body {
				if r, ok := st.(*ast.ReturnStmt); ok {
					for _, e := range r.Results {
						if w := word(e); w != "" {
							report(r, "case kam.%s returns its own label %s: read it from kam's table", c, w)
						}
					}
				}
			}
		case *ast.CallExpr:
			// kam.T(en, zh), or any call that takes an English and a
			// Chinese literal first (a local helper such as col("Title",
			// "职位", …) or pick("Level", "漏斗位置")).
			if len(x.Args) < 2 {
				return true
			}
			en, err1 := strconv.Unquote(lit(x.Args[0]))
			zh, err2 := strconv.Unquote(lit(x.Args[1]))
			if err1 != nil || err2 != nil || en == "" || hasHan(en) || !hasHan(zh) {
				return true
			}
			name := "kam.T"
			if sel, ok := x.Fun.(*ast.SelectorExpr); !ok || sel.Sel.Name != "T" {
				name = "a call"
			}
			known := v.words[strings.ToLower(en)]
			if known == nil {
				return true
			}
			if where, ok := known[zh]; ok {
				report(x, "%s(%q, %q) copies %s: read it from there", name, en, zh, strings.Join(sorted(where), " / "))
				return true
			}
			// A one-word English homonym with unrelated Chinese (Open 打开
			// beside the action status Open 待办) is another concept; a
			// phrase, or Chinese that shares a character with the table's
			// (关系级别 beside 关系层级), is the same concept respelled.
			if len(known) == 1 {
				for other, where := range known {
					if !strings.Contains(en, " ") && !shareHan(zh, other) {
						continue
					}
					report(x, "%s(%q, %q) names %q with a second Chinese word: the table says %s (%s)", name, en, zh, en, other, strings.Join(sorted(where), " / "))
				}
			}
		}
		return true
	})
	return out
}

func isMap(c *ast.CompositeLit) bool {
	_, ok := c.Type.(*ast.MapType)
	return ok
}

func lit(e ast.Expr) string {
	if b, ok := e.(*ast.BasicLit); ok && b.Kind == token.STRING {
		return b.Value
	}
	return ""
}

// isWord reports whether s, a string mapped from an enum value, is a
// label: a word of the table (in either language), or a short Chinese word
// (at most ten characters, no sentence punctuation).
func (v *vocabulary) isWord(s string) bool {
	if s == "" {
		return false
	}
	if v.strs[strings.ToLower(s)] {
		return true
	}
	return hasHan(s) && len([]rune(s)) <= 10 && !strings.ContainsAny(s, "，。：；、（ ")
}

func shareHan(a, b string) bool {
	for _, r := range a {
		if unicode.Is(unicode.Han, r) && strings.ContainsRune(b, r) {
			return true
		}
	}
	return false
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
