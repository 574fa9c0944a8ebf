package transfer

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"kam/internal/kam"
	"kam/internal/service"
)

// CSVKind is what a spreadsheet holds.
type CSVKind string

// The spreadsheets ImportCSV reads.
const (
	CSVContacts CSVKind = "contacts"
	CSVAccounts CSVKind = "accounts"
)

// CSVOptions tune a spreadsheet import.
type CSVOptions struct {
	// AccountID is the account every contact of the sheet belongs to; when
	// zero, each row names it in an account_id column.
	AccountID int64
	// Encoding is the file's encoding as the user chose it; "" detects it.
	Encoding Encoding
}

// column is one field a sheet may hold: its JSON name, its name in kam's
// table (the form's label, which kam's workbooks write as the header, in
// either language), other Chinese spellings people use, and how a cell sets
// it.
type column[T any] struct {
	name    string
	field   kam.Field
	aliases []string
	set     func(v *T, cell string) *kam.Text // a problem with the cell, or nil
}

var contactColumns = []column[kam.Contact]{
	{"name", kam.FieldName, []string{"名字"}, func(v *kam.Contact, s string) *kam.Text { v.Name = s; return nil }},
	{"title", kam.FieldTitle, []string{"职位", "头衔"}, func(v *kam.Contact, s string) *kam.Text { v.Title = s; return nil }},
	{"email", kam.FieldEmail, []string{"电子邮件", "邮件"}, func(v *kam.Contact, s string) *kam.Text { v.Email = s; return nil }},
	{"phone", kam.FieldPhone, []string{"手机", "联系电话"}, func(v *kam.Contact, s string) *kam.Text { v.Phone = s; return nil }},
	{"seniority", kam.FieldSeniority, []string{"职级"}, func(v *kam.Contact, s string) *kam.Text {
		v.Seniority = kam.Seniority(enumOf(s, kam.Seniorities, senioritySpellings))
		return nil
	}},
	{"status", kam.FieldContactStatus, nil, func(v *kam.Contact, s string) *kam.Text {
		v.Status = kam.ContactStatus(enumOf(s, kam.ContactStatuses, statusSpellings))
		return nil
	}},
	{"status_date", kam.FieldStatusDate, []string{"状态日期"}, func(v *kam.Contact, s string) *kam.Text { return date(&v.StatusDate, s) }},
	{"in_post_since", kam.FieldInPostSince, []string{"任职日期", "任职起始日期"}, func(v *kam.Contact, s string) *kam.Text { return date(&v.InPostSince, s) }},
	{"personal_notes", kam.FieldPersonalNotes, []string{"个人备注", "备注"}, func(v *kam.Contact, s string) *kam.Text { v.PersonalNotes = s; return nil }},
	{"account_id", "", []string{"客户编号", "客户ID"}, func(v *kam.Contact, s string) *kam.Text { return whole(&v.AccountID, s) }},
}

var accountColumns = []column[kam.Account]{
	{"name", kam.FieldAccountName, []string{"客户名称", "企业名称"}, func(v *kam.Account, s string) *kam.Text { v.Name = s; return nil }},
	{"industry", kam.FieldIndustry, nil, func(v *kam.Account, s string) *kam.Text { v.Industry = s; return nil }},
	{"region", kam.FieldRegion, []string{"区域"}, func(v *kam.Account, s string) *kam.Text { v.Region = s; return nil }},
	{"employees", kam.FieldEmployees, []string{"员工数", "人数"}, func(v *kam.Account, s string) *kam.Text { return whole(&v.Employees, s) }},
	{"annual_revenue", kam.FieldAnnualRevenue, []string{"年收入", "年营收", "营业收入"}, func(v *kam.Account, s string) *kam.Text { return whole(&v.AnnualRevenue, s) }},
	{"parent_id", "", []string{"上级客户编号", "上级客户ID"}, func(v *kam.Account, s string) *kam.Text { return whole(&v.ParentID, s) }},
	{"reorganising_since", kam.FieldReorganisingSince, nil, func(v *kam.Account, s string) *kam.Text { return date(&v.ReorganisingSince, s) }},
	{"owner_id", "", []string{"负责人编号", "负责人ID"}, func(v *kam.Account, s string) *kam.Text { return whole(&v.OwnerID, s) }},
	{"notes", kam.FieldNotes, nil, func(v *kam.Account, s string) *kam.Text { v.Notes = s; return nil }},
}

// headers are the names a sheet may give the column: the JSON name, the
// field's name in both languages, and the aliases.
func (c column[T]) headers() []string {
	h := []string{c.name}
	if c.field != "" {
		l := c.field.Label()
		h = append(h, l.ZH, l.EN)
	}
	return append(h, c.aliases...)
}

// Other spellings of enum values a sheet may use, beside the values and
// their labels in kam's table (kam.ValueOf).
var (
	senioritySpellings = map[string]kam.Seniority{"高管": kam.SeniorityExecutive, "高级": kam.SenioritySenior, "初级": kam.SeniorityJunior}
	statusSpellings    = map[string]kam.ContactStatus{"离职": kam.ContactLeft, "调岗": kam.ContactMoved}
)

// enumOf reads an enum value: a value or label (kam.ValueOf), another
// spelling, or else the text in lower case (which validation then rejects
// with the valid values).
func enumOf[T ~string](s string, values []T, spellings map[string]T) T {
	if v, ok := kam.ValueOf(s, values); ok {
		return v
	}
	if v, ok := spellings[strings.TrimSpace(s)]; ok {
		return v
	}
	return T(strings.ToLower(s))
}

var msgNotWhole = kam.T("is not a whole number", "不是整数")

func whole(dst *int64, s string) *kam.Text {
	if s == "" {
		return nil
	}
	n, err := strconv.ParseInt(strings.ReplaceAll(s, ",", ""), 10, 64)
	if err != nil {
		return &msgNotWhole
	}
	*dst = n
	return nil
}

var msgNotDate = kam.T("is not a date like 2026-11-27", "不是形如 2026-11-27 的日期")

func date(dst *kam.Date, s string) *kam.Text {
	if s == "" {
		return nil
	}
	d, err := kam.ParseDate(strings.ReplaceAll(s, "/", "-"))
	if err != nil {
		return &msgNotDate
	}
	*dst = d
	return nil
}

// ImportCSV reads a spreadsheet of contacts or accounts and creates one
// record per row, acting as a (whose scope applies: a rep adds contacts only
// to accounts they may write). The first row names the columns by their
// JSON names, their names in kam's field table (姓名, 职务, 邮箱, 电话, 级别, …)
// or other Chinese spellings; the
// file is UTF-8, with or without a byte-order mark. A bad row is reported by
// line and field and skipped; the good rows are imported. The error is
// non-nil only when the header is wrong or reading or the database fails.
func ImportCSV(ctx context.Context, svc *service.Service, a kam.Actor, kind CSVKind, r io.Reader, o CSVOptions) (*Report, error) {
	src, err := newCSVRows(r, o.Encoding)
	if err != nil {
		return nil, err
	}
	rep, err := importKind(ctx, svc, a, kind, src, o)
	if rep != nil {
		rep.Encoding = src.encoding
	}
	return rep, err
}

// importKind creates one record of kind per row of src, acting as a.
func importKind(ctx context.Context, svc *service.Service, a kam.Actor, kind CSVKind, src rowSource, o CSVOptions) (*Report, error) {
	start := time.Now()
	var rep *Report
	var err error
	switch kind {
	case CSVContacts:
		rep, err = importRows(ctx, src, string(kind), contactColumns, func(v *kam.Contact, line int, p *[]Problem) (*kam.Contact, error) {
			if o.AccountID != 0 {
				v.AccountID = o.AccountID
			}
			if v.AccountID == 0 {
				*p = append(*p, Problem{Kind: string(kind), Line: line, Field: "account_id",
					Message: kam.T("is missing: give --account or an account_id column", "缺失：请指定 --account 或提供 account_id 列")})
				return nil, nil
			}
			c, err := svc.Contacts.Create(ctx, a, *v)
			return &c, err
		})
	case CSVAccounts:
		rep, err = importRows(ctx, src, string(kind), accountColumns, func(v *kam.Account, _ int, _ *[]Problem) (*kam.Account, error) {
			c, err := svc.Accounts.Create(ctx, a, *v)
			return &c, err
		})
	default:
		return nil, fmt.Errorf("import: a spreadsheet of %q: want contacts or accounts", kind)
	}
	if rep != nil {
		rep.Elapsed = time.Since(start)
	}
	return rep, err
}

// rowSource is a spreadsheet read row by row: a CSV file or a worksheet.
type rowSource interface {
	// next returns the next non-empty row and its line (row) number; done
	// at the end. A row that cannot be read is returned as bad (with its
	// line) and the reading goes on; err stops the import.
	next() (line int, cells []string, bad *kam.Text, done bool, err error)
	// where names the sheet in problems ("" for a CSV file).
	where() string
}

// csvRows reads a CSV file in any encoding OpenText reads (its
// byte-order mark skipped), comma- or tab-separated.
type csvRows struct {
	cr       *csv.Reader
	encoding Encoding
}

func newCSVRows(r io.Reader, choice Encoding) (*csvRows, error) {
	text, err := OpenText(r, choice)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(text)
	cr.Comma = text.Comma
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	return &csvRows{cr: cr, encoding: text.Encoding}, nil
}

func (c *csvRows) where() string { return "" }

func (c *csvRows) next() (int, []string, *kam.Text, bool, error) {
	row, err := c.cr.Read()
	if errors.Is(err, io.EOF) {
		return 0, nil, nil, true, nil
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := kam.T("cannot be read: "+pe.Err.Error(), "无法读取："+pe.Err.Error())
		return pe.StartLine, nil, &msg, false, nil
	}
	line, _ := c.cr.FieldPos(0)
	if err != nil {
		return line, nil, nil, false, fmt.Errorf("import: line %d: %w", line, err)
	}
	return line, row, nil, false, nil
}

// headerColumn finds the column a header cell names: its JSON name, a
// Chinese alias, the English name with spaces ("Annual revenue"), or a
// bilingual "中文 / English" cell as kam's own workbooks write them.
func headerColumn(byName map[string]int, h string) (int, bool) {
	try := func(s string) (int, bool) {
		s = strings.TrimSpace(s)
		if c, ok := byName[s]; ok {
			return c, true
		}
		c, ok := byName[strings.ReplaceAll(strings.ToLower(s), " ", "_")]
		return c, ok
	}
	if c, ok := try(h); ok {
		return c, true
	}
	parts := strings.Split(h, "/")
	if len(parts) < 2 {
		return 0, false
	}
	found, col := false, 0
	for _, p := range parts {
		c, ok := try(p)
		if !ok {
			continue
		}
		if found && c != col {
			return 0, false // the halves name different columns
		}
		found, col = true, c
	}
	return col, found
}

func importRows[T any](ctx context.Context, src rowSource, kind string, cols []column[T], create func(v *T, line int, p *[]Problem) (*T, error)) (*Report, error) {
	sheet := src.where()
	_, header, bad, done, err := src.next()
	switch {
	case err != nil:
		return nil, err
	case done:
		return nil, errors.New("import: the sheet is empty: no header row (表格为空，没有表头行)")
	case bad != nil:
		return nil, fmt.Errorf("import: read the header row: %s (%s)", bad.EN, bad.ZH)
	}
	byName := map[string]int{}
	for i, c := range cols {
		for _, h := range c.headers() {
			byName[h] = i
			byName[strings.ReplaceAll(strings.ToLower(h), " ", "_")] = i
		}
	}
	where := make([]int, len(header)) // column of each cell; -1 for an empty header cell
	used := map[int]bool{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if h == "" && sheet != "" {
			// A worksheet's blank header cell (a gap, or a column
			// formatted but unused) holds nothing to import.
			where[i] = -1
			continue
		}
		c, ok := headerColumn(byName, h)
		if !ok {
			return nil, fmt.Errorf("import: column %q is not one of %s (列名无法识别)", h, known(cols))
		}
		if used[c] {
			return nil, fmt.Errorf("import: column %q appears twice (列名重复)", h)
		}
		used[c] = true
		where[i] = c
	}
	rep := newReport()
	for {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		line, row, bad, done, err := src.next()
		if done {
			return rep, nil
		}
		if err != nil {
			return rep, err
		}
		if bad != nil {
			rep.Problems = append(rep.Problems, Problem{Kind: kind, Sheet: sheet, Line: line, Message: *bad})
			rep.Skipped[kind]++
			continue
		}
		var v T
		var probs []Problem
		for i, cell := range row {
			if i >= len(where) || where[i] < 0 {
				if strings.TrimSpace(cell) == "" {
					continue
				}
				msg := kam.T("has more cells than the header has columns", "单元格数多于表头列数")
				if i < len(where) {
					msg = kam.T("has a value in column "+columnName(i)+", which has no header", "第 "+columnName(i)+" 列没有表头，却有内容")
				}
				probs = append(probs, Problem{Kind: kind, Sheet: sheet, Line: line, Message: msg})
				continue
			}
			c := cols[where[i]]
			if msg := c.set(&v, strings.TrimSpace(cell)); msg != nil {
				probs = append(probs, Problem{Kind: kind, Sheet: sheet, Line: line, Field: c.name, Message: *msg})
			}
		}
		if len(probs) == 0 {
			_, err := create(&v, line, &probs)
			if err != nil {
				ps, ok := problemsOf(kind, 0, line, err)
				if !ok {
					return rep, fmt.Errorf("import: line %d: %w", line, err)
				}
				probs = append(probs, ps...)
			}
		}
		if len(probs) > 0 {
			for i := range probs {
				probs[i].Sheet = sheet
			}
			rep.Problems = append(rep.Problems, probs...)
			rep.Skipped[kind]++
			continue
		}
		rep.Imported[kind]++
	}
}

// columnName is the spreadsheet name of the column with index i: A, B, …, AA.
func columnName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}

func known[T any](cols []column[T]) string {
	var names []string
	for _, c := range cols {
		names = append(names, strings.Join(c.headers(), "/"))
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
