package transfer

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"kam/internal/kam"
	"kam/internal/store"
)

// Buyers import from a sheet: the deal by name or id, the person by name
// at the deal's account, roles, influence and a word of support read as
// kam's values; kam's own buyers sheet reads back unchanged. Fails before
// this change: buyers did not import from a sheet.
func TestImportBuyers(t *testing.T) {
	t.Parallel()
	s := newSellers(t)
	oppID := pipeline(t, s)
	zhou, err := s.svc.Contacts.Create(s.ctx, s.liActor, kam.Contact{AccountID: s.mine.ID, Name: "周明", Seniority: kam.SeniorityMiddle})
	if err != nil {
		t.Fatal(err)
	}
	csv := "商机名称,姓名,角色,影响度,态度,我方对应者\n" +
		"CRM 二期,周明,技术把关者、用户,中,支持,李强\n" +
		"CRM 二期,没这人,教练,高,中立,\n" + // line 3: no such person
		"CRM 二期 Secret,周明,教练,高,中立,\n" // line 4: a deal li cannot see
	rep, err := ImportCSV(s.ctx, s.svc, s.liActor, CSVInfluences, strings.NewReader(csv), CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out := reportText(rep, kam.LocaleZH)
	if rep.Imported["buying_influences"] != 1 || rep.Skipped["buying_influences"] != 2 {
		t.Fatalf("%v %v\n%s", rep.Imported, rep.Skipped, out)
	}
	for _, want := range []string{"第 3 行 姓名: 找不到", "第 4 行 商机名称: 找不到"} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	bs, _, err := s.svc.BuyingInfluences.List(s.ctx, s.liActor, store.BuyingInfluenceFilter{ContactID: zhou.ID})
	if err != nil || len(bs) != 1 {
		t.Fatalf("%v %v", bs, err)
	}
	b := bs[0]
	if b.OpportunityID != oppID || len(b.Roles) != 2 || b.Roles[0] != kam.RoleTechnical || b.Influence != kam.InfluenceMedium ||
		b.Rating == nil || *b.Rating != 3 || b.CounterpartID != s.li.ID {
		t.Errorf("周明 as a buyer: %+v", b)
	}

	// Salesforce's OpportunityContactRole by ids: the same person, a new role.
	sf := "OpportunityId,ContactId,Role,IsPrimary\n" + strconv.FormatInt(oppID, 10) + "," + strconv.FormatInt(zhou.ID, 10) + ",Economic Buyer,true\n"
	rep, err = ImportCSV(s.ctx, s.svc, s.liActor, CSVInfluences, strings.NewReader(sf), CSVOptions{})
	if err != nil || rep.Updated["buying_influences"] != 1 {
		t.Fatalf("%v\n%s", err, reportText(rep, kam.LocaleEN))
	}

	var buf bytes.Buffer
	if _, err := ExportWorkbook(s.ctx, s.svc, s.liActor, &buf, WorkbookOptions{Locale: kam.LocaleZH}); err != nil {
		t.Fatal(err)
	}
	rep, err = ImportXLSX(s.ctx, s.svc, s.liActor, CSVInfluences, bytes.NewReader(buf.Bytes()), XLSXOptions{Sheet: "购买影响者 Buying influences"})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Unchanged["buying_influences"] != 2 || rep.Imported["buying_influences"] != 0 {
		t.Errorf("read back:\n%s", reportText(rep, kam.LocaleEN))
	}
}
