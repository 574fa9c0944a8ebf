package transfer

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// readAll reads every row of src, checking what any reader must hold: it
// ends, rows come in increasing line order, and cells are valid UTF-8.
func readAll(t *testing.T, src rowSource) [][]string {
	t.Helper()
	var rows [][]string
	last := 0
	for n := 0; ; n++ {
		if n > 1<<20 {
			t.Fatal("the reader does not end")
		}
		line, row, bad, done, err := src.next()
		if done || err != nil {
			return rows
		}
		if line <= last && line != 0 {
			t.Fatalf("line %d after line %d", line, last)
		}
		if line != 0 {
			last = line
		}
		if bad != nil {
			continue
		}
		for _, c := range row {
			if !utf8.ValidString(c) {
				t.Fatalf("line %d: cell %q is not UTF-8", line, c)
			}
		}
		rows = append(rows, row)
	}
}

// FuzzCSVRows: any bytes read as a CSV file (any encoding detected) end,
// give UTF-8 cells, and their header row maps (ProposeMapping) without a
// panic.
func FuzzCSVRows(f *testing.F) {
	f.Add([]byte("\uFEFF姓名,职位,邮箱\n张伟,总监,zhang@example.com\n"))
	f.Add([]byte("\"a\"\"b\",c\n\"unterminated\n"))
	f.Add(encode(f, EncodingGB18030, "姓名,职务\n李娜,经理\n"))
	f.Add(encode(f, EncodingUTF16LE, "姓名\t职务\n李娜\t经理\n"))
	f.Add([]byte("Account Name,Billing State/Province\r\nAcme,CA\r\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		src, err := newCSVRows(bytes.NewReader(raw), "")
		if err != nil {
			return
		}
		rows := readAll(t, src)
		if len(rows) > 0 {
			m := ProposeMapping(CSVContacts, rows[0])
			if len(m.Columns) != len(rows[0]) {
				t.Fatalf("%d columns for %d headers", len(m.Columns), len(rows[0]))
			}
		}
	})
}

// smallBook is a one-sheet workbook of rows, as bytes.
func smallBook(tb testing.TB, rows [][]any) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for r, row := range rows {
		ref, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := f.SetSheetRow("Sheet1", ref, &row); err != nil {
			tb.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzXLSXRows: any bytes read as a workbook either are refused or give
// rows that end, in line order, with UTF-8 cells. The seeds are real
// workbooks; the fuzzer's changes reach the zip and XML readers behind.
func FuzzXLSXRows(f *testing.F) {
	f.Add(smallBook(f, [][]any{{"姓名", "职务", "到岗日期"}, {"张伟", "总监", 45717}, {}, {"李娜", nil, "2026/11/27"}}))
	f.Add(smallBook(f, [][]any{{"编号 / ID", "名称 / Name"}, {1, "华信集团"}}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		if len(raw) > 1<<20 {
			return
		}
		src, err := openSheet(bytes.NewReader(raw), "")
		if err != nil {
			if !strings.Contains(err.Error(), "import:") {
				t.Fatalf("a refusal that does not say what: %v", err)
			}
			return
		}
		defer src.f.Close()
		readAll(t, src)
	})
}
