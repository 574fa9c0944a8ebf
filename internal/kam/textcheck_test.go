package kam

import (
	"errors"
	"testing"
)

// TestOneLineFieldsRefuseControlAndBidiCharacters: a name that reads as
// something else ("Invoice\u202egnp.exe" shows as "Invoiceexe.png") or
// carries terminal escapes is refused, naming the field; long text keeps
// its line breaks but not the rest.
func TestOneLineFieldsRefuseControlAndBidiCharacters(t *testing.T) {
	t.Parallel()
	bad := map[string]string{
		"right-to-left override": "Invoice\u202egnp.exe",
		"left-to-right isolate":  "a\u2066b",
		"bell":                   "ding\a",
		"escape":                 "\x1b[31mred",
		"line separator":         "one\u2028two",
		"line break":             "one\ntwo",
		"tab":                    "one\ttwo",
		"C1 control":             "a\u0085b",
		"delete":                 "a\x7fb",
	}
	for name, v := range bad {
		t.Run(name, func(t *testing.T) {
			a := Account{Name: v, Industry: "ok", OwnerID: 1}
			if !hasFieldErr(a.Validate(), "name") {
				t.Errorf("account name %+q: %v, want a name error", v, a.Validate())
			}
			p := Contact{AccountID: 1, Name: "Li", Title: v, Status: ContactActive, Seniority: SeniorityUnknown}
			if !hasFieldErr(p.Validate(), "title") {
				t.Errorf("contact title %+q: %v, want a title error", v, p.Validate())
			}
			act := Action{OpportunityID: 1, Title: v}
			if !hasFieldErr(act.Validate(), "title") {
				t.Errorf("action title %+q: %v, want a title error", v, act.Validate())
			}
		})
	}
	t.Run("long text keeps line breaks and tabs", func(t *testing.T) {
		a := Account{Name: "华信集团", OwnerID: 1, Notes: "第一行\n第二行\r\n\tindented\u2028"}
		if err := a.Validate(); err != nil {
			t.Errorf("notes with line breaks: %v", err)
		}
	})
	t.Run("long text refuses bidi overrides and escapes", func(t *testing.T) {
		for _, v := range []string{"x\u202ey", "x\x1by", "x\ay"} {
			a := Account{Name: "华信集团", OwnerID: 1, Notes: v}
			if !hasFieldErr(a.Validate(), "notes") {
				t.Errorf("notes %+q: %v, want a notes error", v, a.Validate())
			}
		}
	})
	t.Run("plain Chinese and English names pass", func(t *testing.T) {
		a := Account{Name: "华信集团 (Huaxin) — 北京", OwnerID: 1}
		if err := a.Validate(); err != nil {
			t.Error(err)
		}
	})
}

func hasFieldErr(err error, field string) bool {
	var v *ValidationError
	if !errors.As(err, &v) {
		return false
	}
	m, ok := v.Fields[field]
	return ok && m.EN != "" && m.ZH != ""
}

// TestCheckParamsNamesEachBadParameter: NUL and invalid UTF-8 in a value or
// a name are refused naming the parameter; good text passes.
func TestCheckParamsNamesEachBadParameter(t *testing.T) {
	t.Parallel()
	err := CheckParams(map[string][]string{
		"q":        {"a\x00b"},
		"industry": {"ok", "\xff"},
		"region":   {"华东"},
		"\xfe":     {"x"},
	})
	var v *ValidationError
	if !errors.As(err, &v) {
		t.Fatalf("got %v, want a validation error", err)
	}
	for _, f := range []string{"q", "industry", `"\xfe"`} {
		if _, ok := v.Fields[f]; !ok {
			t.Errorf("no error on %s: %v", f, v.Fields)
		}
	}
	if _, ok := v.Fields["region"]; ok || len(v.Fields) != 3 {
		t.Errorf("fields %v, want exactly q, industry and the bad name", v.Fields)
	}
	if err := CheckParams(map[string][]string{"q": {"战略营 <b>"}, "limit": {"5"}}); err != nil {
		t.Errorf("good parameters refused: %v", err)
	}
}
