package transfer

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kam/internal/auth"
	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/storetest"
)

// sellers is a database with two reps of two teams, each owning an account.
type sellers struct {
	ctx              context.Context
	svc              *service.Service
	li, liu          kam.User
	mine, theirs     kam.Account
	liActor, liuActr kam.Actor
}

func newSellers(t *testing.T) *sellers {
	t.Helper()
	ctx := context.Background()
	svc := service.New(storetest.SQLite(t), service.Options{Passwords: auth.CheapParams()})
	s := &sellers{ctx: ctx, svc: svc}
	teamA, err := svc.Teams.Create(ctx, kam.System, kam.Team{Name: "华东组 East"})
	if err != nil {
		t.Fatal(err)
	}
	teamB, err := svc.Teams.Create(ctx, kam.System, kam.Team{Name: "华北组 North"})
	if err != nil {
		t.Fatal(err)
	}
	s.li = mustUser(t, svc, kam.User{Email: "li@example.com", Name: "李强", Role: kam.RoleRep, TeamID: teamA.ID})
	s.liu = mustUser(t, svc, kam.User{Email: "liu@example.com", Name: "刘洋", Role: kam.RoleRep, TeamID: teamB.ID})
	s.liActor, s.liuActr = service.ActorOf(s.li), service.ActorOf(s.liu)
	if s.mine, err = svc.Accounts.Create(ctx, s.liActor, kam.Account{Name: "瑞康医药", OwnerID: s.li.ID}); err != nil {
		t.Fatal(err)
	}
	if s.theirs, err = svc.Accounts.Create(ctx, s.liuActr, kam.Account{Name: "北方重工 Secret", OwnerID: s.liu.ID}); err != nil {
		t.Fatal(err)
	}
	return s
}

func mustUser(t *testing.T, svc *service.Service, u kam.User) kam.User {
	t.Helper()
	u, err := svc.CreateUser(context.Background(), kam.System, u, "correct horse battery", false)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// workbook builds an .xlsx in memory: rows of cells on sheet (the first
// sheet), a nil cell left empty; style, when set, styles a cell by its
// reference ("F2").
func workbook(t *testing.T, sheet string, rows [][]any, style map[string]*excelize.Style) *bytes.Reader {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		for c, v := range row {
			if v == nil {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellValue(sheet, ref, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	for ref, st := range style {
		id, err := f.NewStyle(st)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellStyle(sheet, ref, ref, id); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(buf.Bytes())
}

func reportText(rep *Report, l kam.Locale) string {
	var b strings.Builder
	rep.WriteText(&b, l)
	return b.String()
}

func TestImportXLSXContacts(t *testing.T) {
	t.Parallel()
	s := newSellers(t)
	chineseDate := `yyyy"年"m"月"d"日"`
	book := func() *bytes.Reader {
		return workbook(t, "联系人", [][]any{
			{"姓名", "职位", "邮箱", "电话", "级别", "到岗日期"},
			// Row 2: good; the phone is a number cell, the date an Excel
			// date number (2025-03-01 is 45717) formatted as a date.
			{"张伟", "采购总监", "zhang@example.com", 13800000000, "高管", 45717},
			{}, // row 3: empty, skipped without a word
			{nil, "工程师", "nobody@example.com", nil, "中层"},          // row 4: no name
			{"李娜", "IT经理", "not-an-email", nil, "middle"},          // row 5: bad email
			{"王芳", "财务", "wang@example.com", nil, "大老板"},           // row 6: no such seniority
			{"赵六", "副总裁", "zhao@example.com", nil, "senior", "明年"}, // row 7: not a date
			// Row 8: good, a date in a Chinese custom format; a date typed
			// as text works as in CSV.
			{"钱七", "=HYPERLINK(\"http://x\")", "qian@example.com", "021-5555 0000", "senior", 46353},
			{"孙八", "工程师", nil, nil, nil, "2026/11/27"}, // row 9: good
		}, map[string]*excelize.Style{"F2": {NumFmt: 14}, "F8": {CustomNumFmt: &chineseDate}})
	}

	t.Run("good rows are imported, bad rows reported by row and field", func(t *testing.T) {
		rep, err := ImportXLSX(s.ctx, s.svc, s.liActor, CSVContacts, book(), XLSXOptions{CSVOptions: CSVOptions{AccountID: s.mine.ID}})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Imported["contacts"] != 3 || rep.Skipped["contacts"] != 4 {
			t.Errorf("imported %d skipped %d, want 3 and 4", rep.Imported["contacts"], rep.Skipped["contacts"])
		}
		out := reportText(rep, kam.LocaleEN)
		for _, want := range []string{`sheet "联系人" row 4 name:`, `row 5 email: is not a valid email address`, `row 6 seniority:`,
			`row 7 in_post_since: is not a date like 2026-11-27`} {
			if !strings.Contains(out, want) {
				t.Errorf("the report lacks %q:\n%s", want, out)
			}
		}
		for _, good := range []string{"row 2", "row 3", "row 8", "row 9"} {
			if strings.Contains(out, good+" ") {
				t.Errorf("%s was reported:\n%s", good, out)
			}
		}
		if zh := reportText(rep, kam.LocaleZH); !strings.Contains(zh, "工作表「联系人」第 4 行 name") {
			t.Errorf("Chinese report:\n%s", zh)
		}
		got, _, err := s.svc.Contacts.List(s.ctx, s.liActor, store.ContactFilter{AccountID: s.mine.ID})
		if err != nil {
			t.Fatal(err)
		}
		byName := map[string]kam.Contact{}
		for _, c := range got {
			byName[c.Name] = c
		}
		if len(byName) != 3 {
			t.Fatalf("contacts stored: %v", byName)
		}
		zhang := byName["张伟"]
		if zhang.Phone != "13800000000" || zhang.InPostSince.String() != "2025-03-01" || zhang.Seniority != kam.SeniorityExecutive {
			t.Errorf("张伟 = phone %q, in post since %q, seniority %q", zhang.Phone, zhang.InPostSince, zhang.Seniority)
		}
		if q := byName["钱七"]; q.InPostSince.String() != "2026-11-27" || q.Phone != "021-5555 0000" || q.Title != `=HYPERLINK("http://x")` {
			t.Errorf("钱七 = %+v", q)
		}
		if sun := byName["孙八"]; sun.InPostSince.String() != "2026-11-27" {
			t.Errorf("孙八's date typed as text: %q", sun.InPostSince)
		}
	})

	t.Run("another seller's account is out of scope and nothing is written", func(t *testing.T) {
		rep, err := ImportXLSX(s.ctx, s.svc, s.liActor, CSVContacts, book(), XLSXOptions{CSVOptions: CSVOptions{AccountID: s.theirs.ID}})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Imported["contacts"] != 0 || !strings.Contains(reportText(rep, kam.LocaleEN), "row 2 account_id: does not exist") {
			t.Errorf("out of scope:\n%s", reportText(rep, kam.LocaleEN))
		}
		n, _, err := s.svc.Contacts.List(s.ctx, kam.System, store.ContactFilter{AccountID: s.theirs.ID})
		if err != nil || len(n) != 0 {
			t.Errorf("contacts written to another team's account: %v %v", n, err)
		}
	})

	t.Run("a named sheet, and a sheet that is not there", func(t *testing.T) {
		if _, err := ImportXLSX(s.ctx, s.svc, s.liActor, CSVContacts, book(), XLSXOptions{Sheet: "Contacts"}); err == nil || !strings.Contains(err.Error(), `"联系人"`) {
			t.Errorf("missing sheet: %v", err)
		}
		rep, err := ImportXLSX(s.ctx, s.svc, s.liActor, CSVContacts, book(), XLSXOptions{Sheet: "联系人", CSVOptions: CSVOptions{AccountID: s.mine.ID}})
		if err != nil || rep.Imported["contacts"] != 3 {
			t.Errorf("named sheet: %v %+v", err, rep)
		}
	})

	t.Run("an unknown column stops before any row", func(t *testing.T) {
		_, err := ImportXLSX(s.ctx, s.svc, s.liActor, CSVContacts, workbook(t, "S", [][]any{{"姓名", "爱好"}, {"张三", "钓鱼"}}, nil), XLSXOptions{CSVOptions: CSVOptions{AccountID: s.mine.ID}})
		if err == nil || !strings.Contains(err.Error(), "爱好") {
			t.Errorf("unknown column: %v", err)
		}
	})

	t.Run("not a workbook", func(t *testing.T) {
		_, err := ImportXLSX(s.ctx, s.svc, s.liActor, CSVContacts, strings.NewReader("姓名,职位\n"), XLSXOptions{})
		if err == nil || !strings.Contains(err.Error(), "不是 Excel 工作簿") {
			t.Errorf("a CSV file read as a workbook: %v", err)
		}
	})
}

func TestImportXLSXAccountsWithBilingualHeaders(t *testing.T) {
	t.Parallel()
	s := newSellers(t)
	// The headers kam's own workbooks write, an English name with a space,
	// a header row below an empty first row, and a blank header cell.
	book := workbook(t, "客户", [][]any{
		{},
		{"客户名称 / Name", "行业 / Industry", "Annual revenue", nil, "员工数"},
		{"华信集团", "制造", 1200000000, nil, 3200},
		{"坏数字", "制造", 1, nil, "很多"},           // row 4: employees not a number
		{"多一格", "制造", 1, "notes?", 10},        // row 5: a value under no header
		{"半个", "制造", 2.5, nil, 1},             // row 6: revenue not whole
		{"长数字", "能源", "1,500,000", nil, "12"}, // row 7: good, text with separators
	}, nil)
	rep, err := ImportXLSX(s.ctx, s.svc, s.liActor, CSVAccounts, book, XLSXOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out := reportText(rep, kam.LocaleEN)
	if rep.Imported["accounts"] != 2 || rep.Skipped["accounts"] != 3 {
		t.Errorf("imported %d skipped %d:\n%s", rep.Imported["accounts"], rep.Skipped["accounts"], out)
	}
	for _, want := range []string{"row 4 employees: is not a whole number", "row 5: has a value in column D, which has no header", "row 6 annual_revenue: is not a whole number"} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	got, _, err := s.svc.Accounts.List(s.ctx, s.liActor, store.AccountFilter{Query: "华信"})
	if err != nil || len(got) != 1 {
		t.Fatalf("华信集团: %v %v", got, err)
	}
	if a := got[0]; a.AnnualRevenue != 1200000000 || a.Employees != 3200 || a.OwnerID != s.li.ID || a.Industry != "制造" {
		t.Errorf("华信集团 = %+v", a)
	}
}

func TestIsDateFormatCode(t *testing.T) {
	t.Parallel()
	for code, want := range map[string]bool{
		"yyyy-mm-dd": true, `yyyy"年"m"月"d"日"`: true, "[$-409]mmmm d, yyyy": true, "m/d/yy h:mm": true,
		"h:mm:ss": false, "0.00": false, "#,##0": false, "General": false, `0" days"`: false, "[Red]0": false, `\d0`: false,
	} {
		if got := isDateFormatCode(code); got != want {
			t.Errorf("isDateFormatCode(%q) = %v, want %v", code, got, want)
		}
	}
}

// A contact sheet headed with the words of the contact form (kam's field
// table), in either language, imports: the form's labels, the workbook's
// headers and the CSV headers are the same words. Fails before the
// vocabulary change: 职务 and 个人备注（敏感） were no column's name, and a
// seniority written with its label in English (Senior manager) was not read.
func TestImportReadsTheFormsFieldNames(t *testing.T) {
	t.Parallel()
	s := newSellers(t)
	f := func(x kam.Field) string { return x.Label().ZH }
	head := []string{f(kam.FieldName), f(kam.FieldTitle), f(kam.FieldSeniority), f(kam.FieldInPostSince),
		kam.FieldPersonalNotes.Label().EN, kam.FieldContactStatus.Label().ZH + " / " + kam.FieldContactStatus.Label().EN, f(kam.FieldStatusDate)}
	csv := strings.Join(head, ",") + "\n" + "周明,采购总监,Senior manager,2025-03-01,likes tea,已调岗,2026-01-05\n"
	rep, err := ImportCSV(s.ctx, s.svc, s.liActor, CSVContacts, strings.NewReader(csv), CSVOptions{AccountID: s.mine.ID})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Imported["contacts"] != 1 {
		t.Fatalf("imported %d:\n%s", rep.Imported["contacts"], reportText(rep, kam.LocaleEN))
	}
	got, _, err := s.svc.Contacts.List(s.ctx, s.liActor, store.ContactFilter{Query: "周明"})
	if err != nil || len(got) != 1 {
		t.Fatalf("周明: %v %v", got, err)
	}
	if c := got[0]; c.Title != "采购总监" || c.Seniority != kam.SenioritySenior || c.InPostSince.String() != "2025-03-01" ||
		c.PersonalNotes != "likes tea" || c.Status != kam.ContactMoved {
		t.Errorf("周明 = %+v", c)
	}
}
