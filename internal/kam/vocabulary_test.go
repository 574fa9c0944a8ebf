package kam

import (
	"strings"
	"testing"
)

// Every field, term and noun speaks both languages.
func TestVocabularyIsBilingual(t *testing.T) {
	t.Parallel()
	for f, l := range fields {
		if l.EN == "" || l.ZH == "" {
			t.Errorf("field %q lacks a language: %+v", f, l)
		}
	}
	for id, g := range glossary {
		if g.Name.EN == "" || g.Name.ZH == "" || g.Explain.EN == "" || g.Explain.ZH == "" {
			t.Errorf("term %q lacks a language: %+v", id, g)
		}
	}
	for id, w := range nouns {
		if w.One == "" || w.Many == "" || w.ZH == "" {
			t.Errorf("noun %q lacks a form: %+v", id, w)
		}
	}
}

// One Chinese word per concept: an English word the table uses for two
// entries (a label, a field, a term's name) has the same Chinese in both,
// unless it is a true homonym listed here with why.
func TestOneChineseWordPerEnglishWord(t *testing.T) {
	t.Parallel()
	homonyms := map[string]string{
		"kind":        "a SWOT item's kind (类型) and an interaction's (方式: visit, call …)",
		"email":       "an interaction by email (邮件) and an email address (邮箱)",
		"opportunity": "a SWOT opportunity (机会) and a deal (商机)",
		"neutral":     "support (中立) and a buyer's feedback in a call (中性)",
		"name":        "a person's name (姓名) and an account's (名称)",
	}
	seen := map[string]string{} // lower-case English → Chinese
	where := map[string]string{}
	add := func(src string, x Text) {
		k := strings.ToLower(x.EN)
		if _, ok := homonyms[k]; ok {
			return
		}
		if zh, ok := seen[k]; ok && zh != x.ZH {
			t.Errorf("%q is %s in %s but %s in %s", x.EN, zh, where[k], x.ZH, src)
			return
		}
		seen[k], where[k] = x.ZH, src
	}
	for v, l := range labels {
		add("the label of "+Label(v).EN, l)
	}
	for f, l := range fields {
		add("field "+string(f), l)
	}
	for id, g := range glossary {
		add("term "+id, g.Name)
	}
}

// A term that is also an enum value or a field reads its name from there.
func TestGlossaryNamesAreTheTableWords(t *testing.T) {
	t.Parallel()
	for id, v := range map[string]any{"coach": RoleCoach, "user": RoleUser, "growth": ModeGrowth,
		"trouble": ModeTrouble, "even-keel": ModeEvenKeel, "overconfident": ModeOverconfident,
		"above-funnel": LevelAbove, "in-funnel": LevelIn, "best-few": LevelBestFew, "strength": SWOTStrength} {
		if g, _ := Lookup(id); g.Name != Label(v) {
			t.Errorf("term %q is %+v, label %+v", id, g.Name, Label(v))
		}
	}
	for id, f := range map[string]Field{"counterpart": FieldCounterpart, "contact-level": FieldContactLevel,
		"support": FieldSupport, "influence": FieldInfluence, "response-mode": FieldMode, "position": FieldPosition} {
		if g, _ := Lookup(id); g.Name != f.Label() {
			t.Errorf("term %q is %+v, field %+v", id, g.Name, f.Label())
		}
	}
}

func TestFieldOfPrefersTheRecordsOwnName(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		entity, key, zh string
		ok              bool
	}{
		{"account", "name", "名称", true},
		{"contact", "name", "姓名", true},
		{"contact", "title", "职务", true},
		{"action", "title", "行动", true},
		{"buying_influence", "counterpart_id", "我方对应者", true},
		{"contact", "no_such_field", "no_such_field", false},
	} {
		got, ok := FieldOf(c.entity, c.key)
		if got.ZH != c.zh || ok != c.ok {
			t.Errorf("FieldOf(%q, %q) = %q, %v; want %q, %v", c.entity, c.key, got.ZH, ok, c.zh, c.ok)
		}
	}
}

func TestCountSpeaksEnglishPlurals(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		n      int
		w      Noun
		en, zh string
	}{
		{0, NounDeal, "0 deals", "0 个商机"},
		{1, NounDeal, "1 deal", "1 个商机"},
		{2, NounDeal, "2 deals", "2 个商机"},
		{1, NounHighRedFlag, "1 high red flag", "1 个高风险小红旗"},
		{3, NounPerson, "3 people", "3 人"},
		{1234, NounRecord, "1,234 records", "1,234 条记录"},
		{-1, NounProblem, "-1 problem", "-1 个问题"},
	} {
		if got := c.w.Count(c.n); got.EN != c.en || got.ZH != c.zh {
			t.Errorf("Count(%d) = %+v; want %q, %q", c.n, got, c.en, c.zh)
		}
	}
}

func TestShortFormsFallBackToTheLabel(t *testing.T) {
	t.Parallel()
	if got := Short(RoleEconomic); got.EN != "E" {
		t.Errorf("Short(economic) = %+v", got)
	}
	if got := Short(InfluenceHigh); got != Label(InfluenceHigh) {
		t.Errorf("Short(high) = %+v, want the label", got)
	}
	for _, r := range BuyingRoles {
		if _, ok := shorts[r]; !ok {
			t.Errorf("role %s has no badge letter", r)
		}
	}
}

// Every kind of record has a name, by its singular (the audit's) and its
// plural (the API's and the export's) alike.
func TestRecordKindsAreNamedBothWays(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"users", "teams", "accounts", "account_relations", "org_units", "contacts",
		"contact_links", "opportunities", "buying_influences", "swot_items", "actions", "interactions",
		"criteria", "quotas", "accepted_findings", "account_shares", "criterion_ratings", "exchange_rates"} {
		k, ok := RecordOf(name)
		if !ok || k.One == "" || k.Many == "" || k.ZH == "" {
			t.Errorf("no name for %q: %+v", name, k)
			continue
		}
	}
	if k, _ := RecordOf("opportunity"); k.ZH != "商机" || k.Many != "opportunities" {
		t.Errorf("opportunity = %+v", k)
	}
	if k, ok := RecordOf("no_such"); ok || k.ZH != "no_such" {
		t.Errorf("an unknown kind = %+v, %v", k, ok)
	}
}

func TestPositionLabelsSpanTheScale(t *testing.T) {
	t.Parallel()
	if PositionLabel(-3).ZH != "恐慌" || PositionLabel(3).EN != "euphoric" || PositionLabel(0).EN != "steady" {
		t.Errorf("the scale's ends and middle: %v %v %v", PositionLabel(-3), PositionLabel(3), PositionLabel(0))
	}
	if PositionLabel(4).EN != "4" {
		t.Errorf("off the scale: %v", PositionLabel(4))
	}
}
