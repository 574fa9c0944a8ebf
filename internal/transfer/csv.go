package transfer

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
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
	// Mapping overrides the proposed mapping (ProposeMapping): for a
	// header as the file writes it, the target key its column fills, or
	// "" to ignore the column.
	Mapping map[string]string
}

// column is one field of a record a sheet's column may set: its JSON name
// (the Key of its Target in the mapping), its name in kam's table, and how
// a cell sets it.
type column[T any] struct {
	name  string
	field kam.Field
	set   func(v *T, cell string) *kam.Text // a problem with the cell, or nil
}

var contactColumns = []column[kam.Contact]{
	{"name", kam.FieldName, func(v *kam.Contact, s string) *kam.Text { v.Name = s; return nil }},
	{"title", kam.FieldTitle, func(v *kam.Contact, s string) *kam.Text { v.Title = s; return nil }},
	{"email", kam.FieldEmail, func(v *kam.Contact, s string) *kam.Text { v.Email = s; return nil }},
	{"phone", kam.FieldPhone, func(v *kam.Contact, s string) *kam.Text { v.Phone = s; return nil }},
	{"seniority", kam.FieldSeniority, func(v *kam.Contact, s string) *kam.Text {
		return enumCell(&v.Seniority, s, kam.Seniorities, ReadSeniority)
	}},
	{"status", kam.FieldContactStatus, func(v *kam.Contact, s string) *kam.Text {
		return enumCell(&v.Status, s, kam.ContactStatuses, ReadContactStatus)
	}},
	{"status_date", kam.FieldStatusDate, func(v *kam.Contact, s string) *kam.Text { return date(&v.StatusDate, s) }},
	{"in_post_since", kam.FieldInPostSince, func(v *kam.Contact, s string) *kam.Text { return date(&v.InPostSince, s) }},
	{"personal_notes", kam.FieldPersonalNotes, func(v *kam.Contact, s string) *kam.Text { v.PersonalNotes = s; return nil }},
}

var accountColumns = []column[kam.Account]{
	{"name", kam.FieldAccountName, func(v *kam.Account, s string) *kam.Text { v.Name = s; return nil }},
	{"industry", kam.FieldIndustry, func(v *kam.Account, s string) *kam.Text { v.Industry = s; return nil }},
	{"region", kam.FieldRegion, func(v *kam.Account, s string) *kam.Text { v.Region = s; return nil }},
	{"employees", kam.FieldEmployees, func(v *kam.Account, s string) *kam.Text { return whole(&v.Employees, s) }},
	{"annual_revenue", kam.FieldAnnualRevenue, func(v *kam.Account, s string) *kam.Text { return whole(&v.AnnualRevenue, s) }},
	{"reorganising_since", kam.FieldReorganisingSince, func(v *kam.Account, s string) *kam.Text { return date(&v.ReorganisingSince, s) }},
	{"notes", kam.FieldNotes, func(v *kam.Account, s string) *kam.Text { v.Notes = s; return nil }},
}

// enumCell sets an enum field from a cell read by read (empty leaves it
// unset, for validation to default or refuse); a cell naming no value is
// a problem listing the allowed values by their labels.
func enumCell[T ~string](dst *T, s string, values []T, read func(string) (T, bool)) *kam.Text {
	if s == "" {
		return nil
	}
	v, ok := read(s)
	if !ok {
		msg := notOneOf(s, values)
		return &msg
	}
	*dst = v
	return nil
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
	lk := newLookups(ctx, svc, a)
	switch kind {
	case CSVContacts:
		rep, err = importRows(ctx, src, string(kind), contactColumns, o.Mapping,
			func(v *kam.Contact, line int, refs map[string]string, m *Mapping, p *[]Problem) (outcome, error) {
				return lk.contactRow(v, line, refs, p, o, m)
			},
			func(rep *Report) error { return lk.setManagers(rep, src.where()) })
	case CSVAccounts:
		rep, err = importRows(ctx, src, string(kind), accountColumns, o.Mapping,
			func(v *kam.Account, line int, refs map[string]string, m *Mapping, p *[]Problem) (outcome, error) {
				return lk.accountRow(v, line, refs, p, m)
			},
			func(rep *Report) error { return lk.setParents(rep, src.where()) })
	case CSVOpportunities:
		rep, err = importRows(ctx, src, string(kind), opportunityColumns, o.Mapping,
			func(v *kam.Opportunity, line int, refs map[string]string, m *Mapping, p *[]Problem) (outcome, error) {
				return lk.opportunityRow(v, line, refs, p, o, m)
			}, nil)
	case CSVInfluences:
		rep, err = importRows(ctx, src, string(kind), influenceColumns, o.Mapping,
			func(v *kam.BuyingInfluence, line int, refs map[string]string, m *Mapping, p *[]Problem) (outcome, error) {
				return lk.influenceRow(v, line, refs, p, m)
			}, nil)
	default:
		return nil, fmt.Errorf("import: a spreadsheet of %q: want contacts, accounts, opportunities or buying_influences", kind)
	}
	if rep != nil {
		for k, n := range lk.created {
			rep.Imported[k] += n
		}
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
	if err != nil {
		// Reading failed (the encoding broke mid-file): the reader has no
		// row to give a position for.
		return 0, nil, nil, false, err
	}
	line, _ := c.cr.FieldPos(0)
	return line, row, nil, false, nil
}

func importRows[T any](ctx context.Context, src rowSource, kind string, cols []column[T], choice map[string]string, create func(v *T, line int, refs map[string]string, m *Mapping, p *[]Problem) (outcome, error), finish func(*Report) error) (*Report, error) {
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
	m := ProposeMapping(CSVKind(kind), header)
	if choice != nil {
		if m, err = m.Remap(choice); err != nil {
			return nil, err
		}
	}
	rep := newReport()
	rep.Notices = m.Notices()
	rep.Mapping = &m
	byKey := map[string]int{}
	for i, c := range cols {
		byKey[c.name] = i
	}
	// where: the column of cols each cell sets; -1 for a reference kept
	// in refs, -2 for an ignored column.
	where := make([]int, len(header))
	named := map[string]string{} // the JSON field → the header that gives it
	for i, mc := range m.Columns {
		switch c, ok := byKey[mc.Target]; {
		case mc.Target == "":
			where[i] = -2
		case ok:
			where[i] = c
			named[mc.Target] = mc.Header
		default:
			where[i] = -1
			if f := refField[mc.Target]; f != "" {
				named[f] = mc.Header
			}
		}
	}
	for {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		line, row, bad, done, err := src.next()
		if done {
			if finish != nil {
				return rep, finish(rep)
			}
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
		refs := map[string]string{}
		for i, cell := range row {
			cell = strings.TrimSpace(cell)
			if i >= len(where) || where[i] == -2 && m.Columns[i].Header == "" {
				if cell == "" {
					continue
				}
				msg := kam.T("has more cells than the header has columns", "单元格数多于表头列数")
				if i < len(where) {
					msg = kam.T("has a value in column "+columnName(i)+", which has no header", "第 "+columnName(i)+" 列没有表头，却有内容")
				}
				probs = append(probs, Problem{Kind: kind, Sheet: sheet, Line: line, Message: msg})
				continue
			}
			switch where[i] {
			case -2:
				continue
			case -1:
				if cell != "" {
					refs[m.Columns[i].Target] = cell
				}
				continue
			}
			c := cols[where[i]]
			if msg := c.set(&v, cell); msg != nil {
				probs = append(probs, Problem{Kind: kind, Sheet: sheet, Line: line, Field: m.Columns[i].Header, Message: *msg})
			}
		}
		out := refused
		if len(probs) == 0 {
			out, err = create(&v, line, refs, &m, &probs)
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
				if h, ok := named[probs[i].Field]; ok {
					probs[i].Field = h // the column as the user named it
				}
			}
			rep.Problems = append(rep.Problems, probs...)
			rep.Skipped[kind]++
			continue
		}
		rep.count(kind, out)
	}
}

// refField names the record's field a reference column sets, so that a
// problem with that field names the user's column.
var refField = map[string]string{
	KeyAccount: "account_id", KeyAccountID: "account_id", KeyParent: "parent_id", KeyParentID: "parent_id",
	KeyOwner: "owner_id", KeyDepartment: "org_unit_id", KeyReportsTo: "reports_to_id", KeyReportsID: "reports_to_id",
	KeyFirstName: "name", KeyLastName: "name",
}

// columnName is the spreadsheet name of the column with index i: A, B, …, AA.
func columnName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}
