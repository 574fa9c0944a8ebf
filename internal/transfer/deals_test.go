package transfer

import (
	"bytes"
	"strings"
	"testing"

	"kam/internal/kam"
	"kam/internal/store"
)

// A Salesforce opportunity export: the account by name, the stage read as
// a funnel level, the owner by email, an amount with cents of zero; kam's
// own opportunities sheet then reads back into its database unchanged.
// Fails before this change: opportunities did not import from a sheet.
func TestImportOpportunitiesFromACRMExport(t *testing.T) {
	t.Parallel()
	s := newSellers(t)
	csv := "Opportunity Name,Account Name,Stage,Amount,Opportunity Currency,Close Date,Opportunity Owner,Probability (%)\n" +
		"ERP 升级,瑞康医药,Needs Analysis,\"1,200,000.00\",cny,2026-12-15,li@example.com,40\n" +
		"云迁移,瑞康医药,Proposal/Price Quote,¥500000,CNY,2027/01/31,李强,70\n" +
		"半价,瑞康医药,Prospecting,99.50,CNY,2027-02-01,,10\n" + // line 4: cents
		"外单,北方重工 Secret,Prospecting,1,CNY,2027-02-01,,10\n" + // line 5: out of scope
		"怪阶段,瑞康医药,Maybe,1,CNY,2027-02-01,,10\n" // line 6: no such stage
	rep, err := ImportCSV(s.ctx, s.svc, s.liActor, CSVOpportunities, strings.NewReader(csv), CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out := reportText(rep, kam.LocaleEN)
	if rep.Imported["opportunities"] != 2 || rep.Skipped["opportunities"] != 3 {
		t.Fatalf("%v %v:\n%s", rep.Imported, rep.Skipped, out)
	}
	for _, want := range []string{"column H (Probability (%)) is ignored", "line 4 Amount: has a fraction", "line 5 Account Name: no account",
		"line 6 Stage: “Maybe” is not one of: "} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	deals, _, err := s.svc.Opportunities.List(s.ctx, s.liActor, store.OpportunityFilter{AccountID: s.mine.ID})
	if err != nil || len(deals) != 2 {
		t.Fatalf("%v %v", deals, err)
	}
	by := map[string]kam.Opportunity{}
	for _, d := range deals {
		by[d.Name] = d
	}
	if d := by["ERP 升级"]; d.Level != kam.LevelIn || d.Amount != 1_200_000 || d.Currency != "CNY" || d.OwnerID != s.li.ID || d.CloseDate.String() != "2026-12-15" {
		t.Errorf("ERP 升级: %+v", d)
	}
	if d := by["云迁移"]; d.Level != kam.LevelBestFew || d.Amount != 500_000 || d.OwnerID != s.li.ID {
		t.Errorf("云迁移: %+v", d)
	}

	var buf bytes.Buffer
	if _, err := ExportWorkbook(s.ctx, s.svc, s.liActor, &buf, WorkbookOptions{Locale: kam.LocaleEN}); err != nil {
		t.Fatal(err)
	}
	rep, err = ImportXLSX(s.ctx, s.svc, s.liActor, CSVOpportunities, bytes.NewReader(buf.Bytes()), XLSXOptions{Sheet: "商机 Opportunities"})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Unchanged["opportunities"] != 2 || rep.Imported["opportunities"] != 0 || len(rep.Notices) != 2 {
		t.Errorf("read back:\n%s", reportText(rep, kam.LocaleEN))
	}
}

func TestMoney(t *testing.T) {
	for in, want := range map[string]int64{"1,200,000": 1200000, "¥500000": 500000, "1200000.00 CNY": 1200000, "-5": -5, "": 0} {
		var n int64
		if msg := money(&n, in); msg != nil || n != want {
			t.Errorf("money(%q) = %d %v", in, n, msg)
		}
	}
	for _, bad := range []string{"99.5", "lots", "1e30"} {
		var n int64
		if money(&n, bad) == nil {
			t.Errorf("money(%q) took %d", bad, n)
		}
	}
}
