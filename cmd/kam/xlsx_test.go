package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
)

// writeWorkbook saves rows on one sheet named sheet to path.
func writeWorkbook(t *testing.T, path, sheet string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		ref, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := f.SetSheetRow(sheet, ref, &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// countContacts counts the live contacts of an account, as an administrator.
func countContacts(t *testing.T, dsn string, accountID int64) int {
	t.Helper()
	ctx := context.Background()
	svc, closeDB := openTestService(t, dsn, service.Options{})
	defer closeDB()
	cs, _, err := svc.Contacts.List(ctx, kam.System, store.ContactFilter{ListOptions: store.ListOptions{Limit: store.MaxLimit}, AccountID: accountID})
	if err != nil {
		t.Fatal(err)
	}
	return len(cs)
}

func accountOf(t *testing.T, dsn string, oppID int64) int64 {
	t.Helper()
	ctx := context.Background()
	svc, closeDB := openTestService(t, dsn, service.Options{})
	defer closeDB()
	o, err := svc.Opportunities.Get(ctx, kam.System, oppID)
	if err != nil {
		t.Fatal(err)
	}
	return o.AccountID
}

func TestImportXLSXCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	dsn := filepath.Join(dir, "kam.db")
	db := "--db=" + dsn
	mustRun(t, "user", "add", db, "--email=li@example.com", "--name=李强", "--role=rep", "--password=correct horse battery")
	acct := accountOf(t, dsn, seed(t, dsn, "li@example.com"))
	file := filepath.Join(dir, "contacts.xlsx")
	writeWorkbook(t, file, "联系人", [][]any{
		{"姓名 / Name", "职务 / Title", "电话 / Phone"},
		{"张伟", "采购总监", 13800000000},
		{nil, "工程师"}, // row 3: no name
		{"王芳", "财务", "021-5555 0000"},
	})
	args := []string{"import", db, "--xlsx=contacts", "--in=" + file, "--account=" + strconv.FormatInt(acct, 10), "--as=li@example.com", "--lang=en"}

	out, err := kamRun(t, append(args, "--dry-run")...)
	if !isSkipped(err) || !strings.Contains(out, `sheet "联系人" row 3 name:`) || !strings.Contains(out, "contacts                2 / 1") || !strings.Contains(out, "dry run") {
		t.Errorf("dry run: %v\n%s", err, out)
	}
	if n := countContacts(t, dsn, acct); n != 0 {
		t.Fatalf("the dry run wrote %d contacts", n)
	}
	out, err = kamRun(t, args...)
	if !isSkipped(err) || !strings.Contains(out, "contacts                2 / 1") {
		t.Errorf("import: %v\n%s", err, out)
	}
	if n := countContacts(t, dsn, acct); n != 2 {
		t.Errorf("%d contacts imported, want 2", n)
	}
	if _, err := kamRun(t, "import", db, "--xlsx=contacts", "--in="+file, "--sheet=Nope", "--account=1"); err == nil || !strings.Contains(err.Error(), "Nope") {
		t.Errorf("a missing sheet: %v", err)
	}
	if _, err := kamRun(t, "import", db, "--csv=contacts", "--xlsx=contacts", "--in="+file); err == nil {
		t.Error("--csv and --xlsx together were taken")
	}
	if _, err := os.Stat(file); err != nil {
		t.Fatal(err)
	}
}

func TestExportXLSXCommand(t *testing.T) {
	t.Parallel()
	dir, dsn, db := twoSellers(t)
	seed(t, dsn, "li@example.com")
	theirs := seed(t, dsn, "liu@example.com")
	// liu's deal gets a name of its own, to look for it.
	ctx := context.Background()
	sdb, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	svc := service.New(sdb, service.Options{})
	o, err := svc.Opportunities.Get(ctx, kam.System, theirs)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Opportunities.Update(ctx, kam.System, o.ID, o.Version, func(o *kam.Opportunity) error { o.Name = "Secret deal of liu"; return nil }); err != nil {
		t.Fatal(err)
	}
	sdb.Close()

	out := filepath.Join(dir, "pipeline.xlsx")
	report := mustRun(t, "export", db, "--xlsx", "--out="+out, "--as=li@example.com")
	if !strings.Contains(report, "opportunities           1") {
		t.Errorf("report:\n%s", report)
	}
	if st, err := os.Stat(out); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("the workbook: %v %v", st, err)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("商机 Opportunities")
	if err != nil || len(rows) != 2 || !strings.Contains(strings.Join(rows[1], "|"), "CRM 二期") {
		t.Errorf("li's opportunities: %q %v", rows, err)
	}
	for _, sh := range f.GetSheetList() {
		rows, _ := f.GetRows(sh)
		for _, r := range rows {
			if strings.Contains(strings.Join(r, "|"), "Secret deal of liu") || strings.Contains(strings.Join(r, "|"), "刘洋") {
				t.Errorf("sheet %s holds liu's deal: %q", sh, r)
			}
		}
	}
	if _, err := kamRun(t, "export", db, "--xlsx", "--out="+out, "--as=li@example.com"); err == nil {
		t.Error("the export overwrote a file")
	}
	// An administrator's export (no --as) has both.
	all := filepath.Join(dir, "all.xlsx")
	if report := mustRun(t, "export", db, "--xlsx", "--out="+all); !strings.Contains(report, "opportunities           2") {
		t.Errorf("administrator's export:\n%s", report)
	}
	if _, err := kamRun(t, "export", db, "--out="+filepath.Join(dir, "x.json"), "--personal-notes"); err == nil {
		t.Error("--personal-notes without --xlsx was taken")
	}
}
