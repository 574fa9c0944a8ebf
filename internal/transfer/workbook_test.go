package transfer

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kam/internal/kam"
	"kam/internal/store"
)

// pipeline gives each seller of s a contact, a deal with a buyer and an
// action; liu's are another team's and must never reach li's workbook.
func pipeline(t *testing.T, s *sellers) (oppID int64) {
	t.Helper()
	ctx := s.ctx
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, side := range []struct {
		actor kam.Actor
		user  kam.User
		acct  kam.Account
		tag   string
	}{{s.liActor, s.li, s.mine, ""}, {s.liuActr, s.liu, s.theirs, " Secret"}} {
		c, err := s.svc.Contacts.Create(ctx, side.actor, kam.Contact{AccountID: side.acct.ID, Name: "=1+1" + side.tag, Title: "@SUM(A1)" + side.tag,
			Phone: "+86 138 0000 0000", Seniority: kam.SeniorityExecutive, PersonalNotes: "喜欢打高尔夫 golf" + side.tag,
			InPostSince: kam.MustDate("2025-03-01")})
		must(err)
		o, err := s.svc.Opportunities.Create(ctx, side.actor, kam.Opportunity{AccountID: side.acct.ID, Name: "CRM 二期" + side.tag, Product: "-系统",
			Amount: 1_200_000, Currency: "CNY", Level: kam.LevelIn, CloseDate: kam.MustDate("2026-12-15"), OwnerID: side.user.ID})
		must(err)
		r := 4
		_, err = s.svc.BuyingInfluences.Create(ctx, side.actor, kam.BuyingInfluence{OpportunityID: o.ID, ContactID: c.ID,
			Roles: []kam.BuyingRole{kam.RoleEconomic, kam.RoleCoach}, Influence: kam.InfluenceHigh, Rating: &r,
			ContactLevel: kam.ContactRare, Mode: kam.ModeGrowth, CounterpartID: side.user.ID, RelationshipLevel: kam.RelProblemSolver})
		must(err)
		_, err = s.svc.Actions.Create(ctx, side.actor, kam.Action{OpportunityID: o.ID, Title: "拜访财务总监" + side.tag, OwnerID: side.user.ID,
			Due: kam.MustDate("2026-12-01"), Status: kam.ActionOpen})
		must(err)
		if side.tag == "" {
			oppID = o.ID
		}
	}
	return oppID
}

// allCells is every cell value of every sheet of a workbook.
func allCells(t *testing.T, f *excelize.File) string {
	t.Helper()
	var b strings.Builder
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	return b.String()
}

// header maps a sheet's header cells to their column letters.
func header(t *testing.T, f *excelize.File, sheet string) map[string]string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) == 0 {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	out := map[string]string{}
	for i, h := range rows[0] {
		out[h] = columnName(i)
	}
	return out
}

func TestExportWorkbook(t *testing.T) {
	t.Parallel()
	s := newSellers(t)
	pipeline(t, s)
	var buf bytes.Buffer
	counts, err := ExportWorkbook(s.ctx, s.svc, s.liActor, &buf, WorkbookOptions{Locale: kam.LocaleZH})
	if err != nil {
		t.Fatal(err)
	}
	if counts[KindAccounts] != 1 || counts[KindContacts] != 1 || counts[KindOpportunities] != 1 || counts[KindBuyingInfluences] != 1 || counts[KindActions] != 1 {
		t.Errorf("counts = %v, want one of each (li's own)", counts)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"客户企业 Accounts", "联系人 Contacts", "商机 Opportunities", "购买影响者 Buying influences", "行动计划 Actions"}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	everything := allCells(t, f)
	for _, secret := range []string{"Secret", "刘洋", "golf", "喜欢打高尔夫"} {
		if strings.Contains(everything, secret) {
			t.Errorf("the workbook holds %q: another team's data or personal notes", secret)
		}
	}

	t.Run("opportunities: names, level, amounts as numbers, dates as dates, health, red flags", func(t *testing.T) {
		sh := "商机 Opportunities"
		h := header(t, f, sh)
		for _, head := range []string{"商机 / Opportunity", "客户企业 / Account", "负责人 / Owner", "漏斗位置 / Funnel level", "金额 / Amount",
			"币种 / Currency", "预计成交日期 / Close date", "健康度 / Health", "未处理的高风险小红旗 / Open high red flags"} {
			if h[head] == "" {
				t.Errorf("no column %q in %v", head, h)
			}
		}
		get := func(head string) (string, excelize.CellType) {
			t.Helper()
			ref := h[head] + "2"
			v, err := f.GetCellValue(sh, ref, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			typ, _ := f.GetCellType(sh, ref)
			return v, typ
		}
		if v, _ := get("客户企业 / Account"); v != "瑞康医药" {
			t.Errorf("account = %q", v)
		}
		if v, _ := get("负责人 / Owner"); v != "李强" {
			t.Errorf("owner = %q", v)
		}
		if v, _ := get("漏斗位置 / Funnel level"); v != "漏斗之中" {
			t.Errorf("level = %q, want the Chinese label", v)
		}
		if v, typ := get("金额 / Amount"); v != "1200000" || typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
			t.Errorf("amount = %q (type %v), want the number 1200000", v, typ)
		}
		if v, _ := get("预计成交日期 / Close date"); v != "46371" { // 2026-12-15 as an Excel date number
			t.Errorf("close date raw = %q, want 46371", v)
		}
		if shown, _ := f.GetCellValue(sh, h["预计成交日期 / Close date"]+"2"); shown != "2026-12-15" {
			t.Errorf("close date shown as %q", shown)
		}
		if v, _ := get("健康度 / Health"); v == "" {
			t.Error("no health")
		}
		if v, _ := get("未处理的高风险小红旗 / Open high red flags"); v == "" {
			t.Error("no red-flag count")
		}
	})

	t.Run("buying influences and actions", func(t *testing.T) {
		rows, _ := f.GetRows("购买影响者 Buying influences")
		if len(rows) != 2 || !strings.Contains(strings.Join(rows[1], "|"), "财务决策者、教练") || !strings.Contains(strings.Join(rows[1], "|"), "高瞻远瞩") ||
			!strings.Contains(strings.Join(rows[1], "|"), "李强") || !strings.Contains(strings.Join(rows[1], "|"), "支持") {
			t.Errorf("buyers = %q", rows)
		}
		rows, _ = f.GetRows("行动计划 Actions")
		if len(rows) != 2 || !strings.Contains(strings.Join(rows[1], "|"), "拜访财务总监") || !strings.Contains(strings.Join(rows[1], "|"), "2026-12-01") {
			t.Errorf("actions = %q", rows)
		}
	})

	t.Run("the header row is frozen on every sheet", func(t *testing.T) {
		for _, sh := range want {
			p, err := f.GetPanes(sh)
			if err != nil || !p.Freeze || p.YSplit != 1 {
				t.Errorf("%s panes = %+v, %v", sh, p, err)
			}
			if w, _ := f.GetColWidth(sh, "B"); w < 10 {
				t.Errorf("%s column B is %v wide", sh, w)
			}
		}
	})

	t.Run("text that looks like a formula stays text", func(t *testing.T) {
		sh := "联系人 Contacts"
		h := header(t, f, sh)
		for head, want := range map[string]string{"姓名 / Name": "=1+1", "职务 / Title": "@SUM(A1)", "电话 / Phone": "+86 138 0000 0000"} {
			ref := h[head] + "2"
			v, _ := f.GetCellValue(sh, ref)
			formula, _ := f.GetCellFormula(sh, ref)
			typ, _ := f.GetCellType(sh, ref)
			if v != want || formula != "" || typ != excelize.CellTypeInlineString {
				t.Errorf("%s = %q, formula %q, type %v; want the text %q", head, v, formula, typ, want)
			}
			style, _ := f.GetCellStyle(sh, ref)
			st, err := f.GetStyle(style)
			if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != "@" {
				t.Errorf("%s is not in text format: %+v %v", head, st, err)
			}
		}
		if h["个人备注 / Personal notes"] != "" {
			t.Error("personal notes exported without being asked for")
		}
	})

	t.Run("personal notes when asked for", func(t *testing.T) {
		var buf bytes.Buffer
		if _, err := ExportWorkbook(s.ctx, s.svc, s.liActor, &buf, WorkbookOptions{PersonalNotes: true, Locale: kam.LocaleEN}); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		all := allCells(t, f)
		if !strings.Contains(all, "喜欢打高尔夫 golf") || strings.Contains(all, "Secret") {
			t.Errorf("personal notes of li's contact only:\n%s", all)
		}
		if !strings.Contains(all, "In the funnel") {
			t.Errorf("--lang en values:\n%s", all)
		}
	})
}

// The contacts sheet of a Chinese workbook reads back through the import once
// the columns the import does not know are deleted, as the docs promise.
func TestWorkbookContactsReadBack(t *testing.T) {
	t.Parallel()
	s := newSellers(t)
	pipeline(t, s)
	var buf bytes.Buffer
	if _, err := ExportWorkbook(s.ctx, s.svc, s.liActor, &buf, WorkbookOptions{Locale: kam.LocaleZH, PersonalNotes: true}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	sh := "联系人 Contacts"
	for _, head := range []string{"直属上级 / Reports to", "部门 / Department", "客户企业 / Account", "编号 / ID"} {
		if err := f.RemoveCol(sh, header(t, f, sh)[head]); err != nil {
			t.Fatal(err)
		}
	}
	var edited bytes.Buffer
	if _, err := f.WriteTo(&edited); err != nil {
		t.Fatal(err)
	}
	f.Close()
	rep, err := ImportXLSX(s.ctx, s.svc, s.liActor, CSVContacts, bytes.NewReader(edited.Bytes()), XLSXOptions{Sheet: sh, CSVOptions: CSVOptions{AccountID: s.mine.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Imported["contacts"] != 1 {
		t.Fatalf("read back:\n%s", reportText(rep, kam.LocaleEN))
	}
	cs, _, err := s.svc.Contacts.List(s.ctx, s.liActor, store.ContactFilter{AccountID: s.mine.ID})
	if err != nil || len(cs) != 2 {
		t.Fatalf("contacts: %v %v", cs, err)
	}
	a, b := cs[0], cs[1]
	if a.Name != b.Name || a.Title != b.Title || a.Phone != b.Phone || a.Seniority != b.Seniority || a.Status != b.Status ||
		a.InPostSince != b.InPostSince || a.PersonalNotes != b.PersonalNotes {
		t.Errorf("the copy differs:\n%+v\n%+v", a, b)
	}
}

// A deal moved to the trash between the listing and its sheet is left out;
// the rest of the workbook is still written.
func TestExportOpportunitiesSkipsADealGoneMeanwhile(t *testing.T) {
	t.Parallel()
	s := newSellers(t)
	gone := pipeline(t, s)
	kept, err := s.svc.Opportunities.Create(s.ctx, s.liActor, kam.Opportunity{AccountID: s.mine.ID, Name: "OA 三期", Product: "OA",
		Amount: 300_000, Currency: "CNY", Level: kam.LevelAbove, CloseDate: kam.MustDate("2026-12-20"), OwnerID: s.li.ID})
	if err != nil {
		t.Fatal(err)
	}
	keep := func(o kam.Opportunity) bool {
		if o.ID == gone {
			// A colleague moves it to the trash while the export lists.
			if err := s.svc.Opportunities.Delete(s.ctx, s.liActor, o.ID, o.Version); err != nil {
				t.Fatal(err)
			}
		}
		return true
	}
	var buf bytes.Buffer
	n, err := ExportOpportunities(s.ctx, s.svc, s.liActor, store.OpportunityFilter{}, keep, &buf, kam.LocaleEN)
	if err != nil {
		t.Fatalf("export with a deal gone meanwhile: %v", err)
	}
	if n != 1 {
		t.Errorf("exported %d deals, want 1 (the one still there)", n)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cells := allCells(t, f)
	if !strings.Contains(cells, kept.Name) || strings.Contains(cells, "CRM 二期") {
		t.Errorf("the workbook should list %q and not the deal moved to the trash:\n%s", kept.Name, cells)
	}
}
