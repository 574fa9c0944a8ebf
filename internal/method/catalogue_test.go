package method

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
)

// ruleIDsOf reads the rule ids from the tables of the catalogue: the first
// cell of every table row that is neither the header nor the rule line.
func ruleIDsOf(doc string) []string {
	var ids []string
	for _, line := range strings.Split(doc, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "|") {
			continue
		}
		cells := strings.Split(line, "|")
		if len(cells) < 3 {
			continue
		}
		id := strings.TrimSpace(cells[1])
		if id == "id" || id == "" || strings.Trim(id, "-") == "" {
			continue
		}
		ids = append(ids, id)
	}
	return ids
}

func TestCatalogueMatchesDocs(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("../../docs/redflags.md")
	if err != nil {
		t.Fatalf("read the catalogue: %v", err)
	}
	want := ruleIDsOf(string(doc))
	if len(want) < 30 {
		t.Fatalf("found only %d rule ids in docs/redflags.md: %v", len(want), want)
	}
	var got []string
	for _, r := range Catalogue() {
		got = append(got, r.ID)
		if r.Title.EN == "" || r.Title.ZH == "" || r.Why.EN == "" || r.Why.ZH == "" ||
			r.Next.EN == "" || r.Next.ZH == "" || r.Group.ZH == "" || r.Severity.Rank() == 0 {
			t.Errorf("rule %s lacks words or a severity: %+v", r.ID, r)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("Catalogue() ids:\n got %v\nwant %v (docs/redflags.md order)", got, want)
	}
	for _, id := range want {
		if rules[id] == nil {
			t.Errorf("rule %s has no implementation", id)
		}
	}
	for id := range rules {
		if !slices.Contains(want, id) {
			t.Errorf("implementation %s is not in docs/redflags.md", id)
		}
	}
	if n := len(firstRules) + len(laterRules); n != len(want) {
		t.Errorf("Evaluate runs %d rules, the catalogue has %d", n, len(want))
	}
}

func TestCatalogueSeveritiesMatchDocs(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("../../docs/redflags.md")
	if err != nil {
		t.Fatalf("read the catalogue: %v", err)
	}
	for _, line := range strings.Split(string(doc), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 4 {
			continue
		}
		id := strings.TrimSpace(cells[1])
		info, ok := Rule(id)
		if !ok {
			continue
		}
		// The severity cell starts with the default grade ("high", "high for a key buyer, …").
		sev := strings.TrimSpace(cells[3])
		if !strings.HasPrefix(sev, string(info.Severity)) {
			t.Errorf("rule %s: severity %s, docs say %q", id, info.Severity, sev)
		}
	}
}

func TestDocsCopyOfCatalogueIsVerbatim(t *testing.T) {
	t.Parallel()
	shared, err := os.ReadFile("../../../shared/redflags.md")
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("no shared catalogue next to the repository")
	}
	if err != nil {
		t.Fatal(err)
	}
	ours, err := os.ReadFile("../../docs/redflags.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(shared, ours) {
		t.Error("docs/redflags.md differs from the shared catalogue")
	}
}
