package transfer

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"kam/internal/kam"
	"kam/internal/service"
)

// XLSXOptions tune a workbook (.xlsx) import.
type XLSXOptions struct {
	CSVOptions
	// Sheet is the worksheet to read; the workbook's first when empty.
	Sheet string
}

// maxWorkbookSize bounds what a workbook may unpack to: a sheet of contacts
// is far smaller, and a crafted archive cannot fill the memory.
const maxWorkbookSize = 256 << 20

// ImportXLSX reads one worksheet of contacts or accounts from an Excel
// workbook and creates one record per row, acting as a — exactly as
// ImportCSV does: the same columns (JSON names, Chinese aliases, or kam's
// own bilingual "中文 / English" headers), the same checks, and each bad row
// reported by its row number and field and skipped. The first non-empty row
// is the header; empty rows are skipped. Cells are read as Excel stores
// them: a number formatted as a date is that date, and a whole number (a
// phone number typed into a number cell, 3,200 employees) is its digits.
func ImportXLSX(ctx context.Context, svc *service.Service, a kam.Actor, kind CSVKind, r io.Reader, o XLSXOptions) (*Report, error) {
	src, err := openSheet(r, o.Sheet)
	if err != nil {
		return nil, err
	}
	defer src.f.Close()
	return importKind(ctx, svc, a, kind, src, o.CSVOptions)
}

// xlsxRows reads a worksheet row by row.
type xlsxRows struct {
	f        *excelize.File
	sheet    string
	rows     [][]string // raw cell values, row 1 first
	at       int        // rows[at] is the next row
	date1904 bool
	dates    map[int]bool // style index → has a date number format
}

func openSheet(r io.Reader, sheet string) (*xlsxRows, error) {
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: maxWorkbookSize})
	if err != nil {
		return nil, fmt.Errorf("import: not an Excel workbook (.xlsx) (不是 Excel 工作簿): %w", err)
	}
	names := f.GetSheetList()
	switch {
	case sheet == "" && len(names) > 0:
		sheet = names[0]
	case !containsString(names, sheet):
		f.Close()
		return nil, fmt.Errorf("import: the workbook has no sheet %q; it has %s (找不到该工作表)", sheet, strings.Join(quoteAll(names), ", "))
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("import: read sheet %q: %w", sheet, err)
	}
	x := &xlsxRows{f: f, sheet: sheet, rows: rows, dates: map[int]bool{}}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		x.date1904 = *props.Date1904
	}
	return x, nil
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}

func (x *xlsxRows) where() string { return x.sheet }

func (x *xlsxRows) next() (int, []string, *kam.Text, bool, error) {
	for x.at < len(x.rows) {
		line, cells := x.at+1, x.rows[x.at]
		x.at++
		empty := true
		for i, c := range cells {
			if strings.TrimSpace(c) == "" {
				continue
			}
			empty = false
			v, err := x.cell(i, line, c)
			if err != nil {
				return line, nil, nil, false, err
			}
			cells[i] = v
		}
		if !empty {
			return line, cells, nil, false, nil
		}
	}
	return 0, nil, nil, true, nil
}

// cell turns a raw cell value into the text the column parsers read: a
// number formatted as a date becomes 2026-11-27, a whole number its digits
// (13800000000, not 1.38E+10), a date cell its day; text stays as it is.
func (x *xlsxRows) cell(col, row int, raw string) (string, error) {
	ref, err := excelize.CoordinatesToCellName(col+1, row)
	if err != nil {
		return "", err
	}
	typ, err := x.f.GetCellType(x.sheet, ref)
	if err != nil {
		return "", fmt.Errorf("import: cell %s: %w", ref, err)
	}
	switch typ {
	case excelize.CellTypeDate:
		// An ISO 8601 date or date-time.
		if len(raw) >= 10 {
			return raw[:10], nil
		}
		return raw, nil
	case excelize.CellTypeUnset, excelize.CellTypeNumber:
	default:
		return raw, nil
	}
	n, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return raw, nil
	}
	style, err := x.f.GetCellStyle(x.sheet, ref)
	if err != nil {
		return "", fmt.Errorf("import: cell %s: %w", ref, err)
	}
	if x.isDate(style) {
		t, err := excelize.ExcelDateToTime(n, x.date1904)
		if err == nil {
			return t.Format("2006-01-02"), nil
		}
		return raw, nil
	}
	if n == math.Trunc(n) && math.Abs(n) < 1e15 {
		return strconv.FormatInt(int64(n), 10), nil
	}
	return raw, nil
}

// isDate reports whether the cell style's number format shows a date.
func (x *xlsxRows) isDate(style int) bool {
	if d, ok := x.dates[style]; ok {
		return d
	}
	d := false
	if st, err := x.f.GetStyle(style); err == nil && st != nil {
		d = isDateFormatID(st.NumFmt) || st.CustomNumFmt != nil && isDateFormatCode(*st.CustomNumFmt)
	}
	x.dates[style] = d
	return d
}

// isDateFormatID reports whether a built-in number format is a date (or
// date-time): 14–22, and the East Asian ones 27–36 and 50–58.
func isDateFormatID(id int) bool {
	return id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 50 && id <= 58
}

// isDateFormatCode reports whether a custom number format shows a date: it
// has a year or day part (y, d, 年, 日) outside quoted text, escapes and
// [brackets]. A format of hours and minutes alone is a time, not a date.
func isDateFormatCode(code string) bool {
	var b strings.Builder
	inQuote, inBracket := false, false
	rs := []rune(code)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case inQuote:
			inQuote = r != '"'
		case inBracket:
			inBracket = r != ']'
		case r == '"':
			inQuote = true
		case r == '[':
			inBracket = true
		case r == '\\':
			i++ // an escaped character is shown as itself
		default:
			b.WriteRune(r)
		}
	}
	return strings.ContainsAny(strings.ToLower(b.String()), "yd年日")
}
