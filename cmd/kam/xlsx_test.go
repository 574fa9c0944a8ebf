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
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cs, _, err := service.New(db, service.Options{}).Contacts.List(ctx, kam.System, store.Filter{AccountID: accountID, Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	return len(cs)
}

func accountOf(t *testing.T, dsn string, oppID int64) int64 {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	o, err := service.New(db, service.Options{}).Opportunities.Get(ctx, kam.System, oppID)
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
		{"姓名 / Name", "职位 / Title", "电话 / Phone"},
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
