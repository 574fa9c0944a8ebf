package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// A CSV saved by Chinese Excel (GBK) imports, and the report says how it
// was read. Fails before this change: `column "\xd0\xd5\xc3\xfb" is not one
// of …`, no word about the encoding.
func TestImportCSVSavedByChineseExcel(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	dsn := filepath.Join(dir, "kam.db")
	db := "--db=" + dsn
	mustRun(t, "user", "add", db, "--email=li@example.com", "--name=李强", "--role=rep", "--password=correct horse battery")
	opp := seed(t, dsn, "li@example.com")
	gbk, err := simplifiedchinese.GBK.NewEncoder().String("姓名,职务,邮箱\n张伟,采购总监,zhang@example.com\n")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "gbk.csv")
	if err := os.WriteFile(file, []byte(gbk), 0o600); err != nil {
		t.Fatal(err)
	}
	acct := strconv.FormatInt(accountOf(t, dsn, opp), 10)
	out := mustRun(t, "import", db, "--csv=contacts", "--in="+file, "--account="+acct, "--as=li@example.com", "--lang=en")
	if !strings.Contains(out, "Read as GBK / GB18030") || !strings.Contains(out, "contacts                1 / 0") {
		t.Errorf("GBK import:\n%s", out)
	}
	// Chosen wrongly, the file is refused with what to do, not imported
	// as garbage.
	out, err = kamRun(t, "import", db, "--csv=contacts", "--in="+file, "--account="+acct, "--as=li@example.com", "--encoding=utf-8")
	if err == nil || !strings.Contains(err.Error()+out, "CSV UTF-8") {
		t.Errorf("GBK read as UTF-8: %v\n%s", err, out)
	}
}
