package transfer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"kam/internal/kam"
	"kam/internal/method"
	"kam/internal/service"
	"kam/internal/store"
)

// XLSXContentType is the media type of an Excel workbook.
const XLSXContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// WorkbookOptions tune the pipeline workbook.
type WorkbookOptions struct {
	// Locale is the language of the values kam words (funnel levels, roles,
	// support, statuses …). Headers are always bilingual: "商机 / Opportunity".
	Locale kam.Locale
	// PersonalNotes includes contacts' personal notes (sensitive: left out
	// unless asked for).
	PersonalNotes bool
}

// MaxSheetDeals bounds the opportunities one workbook lists; a workbook cut
// there says so in its last row.
const MaxSheetDeals = 10000

// The sheets of the pipeline workbook.
var (
	sheetAccounts      = "客户企业 Accounts"
	sheetContacts      = "联系人 Contacts"
	sheetOpportunities = "商机 Opportunities"
	sheetInfluences    = "购买影响者 Buying influences"
	sheetActions       = "行动计划 Actions"
)

// cellKind is how a column's cells are written.
type cellKind int

const (
	cellText   cellKind = iota // a string cell in text format: never a formula
	cellNumber                 // a whole number, 1,234
	cellDate                   // a date, 2026-11-27
)

// xcol is one column of a sheet.
type xcol struct {
	head  kam.Text
	width float64
	kind  cellKind
}

// col is a column headed by the field's name in kam's table, so that a
// sheet's headers are the form's labels.
func col(f kam.Field, width float64, kind cellKind) xcol {
	return xcol{head: f.Label(), width: width, kind: kind}
}

// idCol is the column of the id of the record f refers to ("商机编号 /
// Opportunity ID").
func idCol(f kam.Field, width float64) xcol {
	t := f.Label()
	return xcol{head: kam.T(t.EN+" "+kam.FieldID.Label().EN, t.ZH+kam.FieldID.Label().ZH), width: width, kind: cellNumber}
}

// book writes a workbook sheet by sheet.
type book struct {
	f                          *excelize.File
	head, text, number, date   int
	first                      bool
	locale                     kam.Locale
	users                      map[int64]string
	ctx                        context.Context
	svc                        *service.Service
	actor                      kam.Actor
	influenceRows, actionRows  [][]any
	accountNames, contactNames map[int64]string
}

func newBook(ctx context.Context, svc *service.Service, a kam.Actor, l kam.Locale) (*book, error) {
	if !l.Valid() {
		l = kam.LocaleZH
	}
	b := &book{f: excelize.NewFile(), first: true, locale: l, ctx: ctx, svc: svc, actor: a,
		accountNames: map[int64]string{}, contactNames: map[int64]string{}}
	textFmt, dateFmt := "@", "yyyy-mm-dd"
	var err error
	styles := []struct {
		dst *int
		st  *excelize.Style
	}{
		{&b.head, &excelize.Style{Font: &excelize.Font{Bold: true}, CustomNumFmt: &textFmt,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE4EE"}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"},
			Border:    []excelize.Border{{Type: "bottom", Color: "7F8FA6", Style: 1}}}},
		{&b.text, &excelize.Style{CustomNumFmt: &textFmt, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&b.number, &excelize.Style{NumFmt: 3, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&b.date, &excelize.Style{CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Vertical: "top"}}},
	}
	for _, s := range styles {
		if *s.dst, err = b.f.NewStyle(s.st); err != nil {
			b.f.Close()
			return nil, err
		}
	}
	if b.users, err = userNames(ctx, svc, a); err != nil {
		b.f.Close()
		return nil, err
	}
	return b, nil
}

// sheet writes one sheet: the bilingual header row (frozen), the column
// widths, and the rows, each cell styled by its column's kind.
func (b *book) sheet(name string, cols []xcol, rows [][]any) error {
	if b.first {
		if err := b.f.SetSheetName("Sheet1", name); err != nil {
			return err
		}
		b.first = false
	} else if _, err := b.f.NewSheet(name); err != nil {
		return err
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: b.head, Value: c.head.ZH + " / " + c.head.EN}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 32}); err != nil {
		return err
	}
	for r, row := range rows {
		cells := make([]any, len(row))
		for i, v := range row {
			cells[i] = b.cell(cols, i, v)
		}
		ref, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(ref, cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// cell styles value v of column i. Text from users' data is written as a
// string cell in text format ("@"): Excel never evaluates it, not even a
// value that starts with = + - or @ and not when the cell is edited. Zero
// dates and nil stay empty.
func (b *book) cell(cols []xcol, i int, v any) any {
	kind := cellText
	if i < len(cols) {
		kind = cols[i].kind
	}
	switch x := v.(type) {
	case nil:
		return nil
	case kam.Date:
		if x.IsZero() {
			return nil
		}
		return excelize.Cell{StyleID: b.date, Value: x.Time()}
	case string:
		if x == "" {
			return nil
		}
		return excelize.Cell{StyleID: b.text, Value: x}
	case int, int64:
		if kind == cellText {
			return excelize.Cell{StyleID: b.text, Value: fmt.Sprint(x)}
		}
		return excelize.Cell{StyleID: b.number, Value: x}
	}
	return excelize.Cell{StyleID: b.text, Value: fmt.Sprint(v)}
}

func (b *book) write(w io.Writer) error {
	defer b.f.Close()
	if _, err := b.f.WriteTo(w); err != nil {
		return fmt.Errorf("export: write the workbook: %w", err)
	}
	return nil
}

// userNames maps the ids of the users the actor may list to their names.
func userNames(ctx context.Context, svc *service.Service, a kam.Actor) (map[int64]string, error) {
	names := map[int64]string{}
	err := eachPage(ctx, svc.Users, a, store.UserFilter{}, func(u kam.User) error {
		names[u.ID] = u.Name
		return nil
	})
	return names, err
}

// eachPage calls fn with every record of e the actor may see under f, in
// id order.
func eachPage[T any](ctx context.Context, e *service.Entity[T], a kam.Actor, f store.Filter[T], fn func(T) error) error {
	f = store.Page(f, 0, store.MaxLimit)
	for {
		items, next, err := e.List(ctx, a, f)
		if err != nil {
			return err
		}
		for _, v := range items {
			if err := fn(v); err != nil {
				return err
			}
		}
		if next == 0 {
			return nil
		}
		f = store.Page(f, next, store.MaxLimit)
	}
}

func (b *book) label(v any) string { return kam.Label(v).In(b.locale) }

var accountCols = []xcol{
	col(kam.FieldID, 8, cellNumber),
	col(kam.FieldAccountName, 28, cellText),
	col(kam.FieldIndustry, 14, cellText),
	col(kam.FieldRegion, 12, cellText),
	col(kam.FieldEmployees, 12, cellNumber),
	col(kam.FieldAnnualRevenue, 18, cellNumber),
	col(kam.FieldParentAccount, 24, cellText),
	col(kam.FieldOwner, 14, cellText),
	col(kam.FieldReorganisingSince, 14, cellDate),
	col(kam.FieldNotes, 40, cellText),
}

func (b *book) accounts() (int, error) {
	var rows [][]any
	var accts []kam.Account
	err := eachPage(b.ctx, b.svc.Accounts, b.actor, store.AccountFilter{}, func(v kam.Account) error {
		accts = append(accts, v)
		b.accountNames[v.ID] = v.Name
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("export accounts: %w", err)
	}
	for _, v := range accts {
		rows = append(rows, []any{v.ID, v.Name, v.Industry, v.Region, v.Employees, v.AnnualRevenue,
			b.accountNames[v.ParentID], b.users[v.OwnerID], v.ReorganisingSince, v.Notes})
	}
	return len(rows), b.sheet(sheetAccounts, accountCols, rows)
}

func contactCols(notes bool) []xcol {
	cols := []xcol{
		col(kam.FieldID, 8, cellNumber),
		col(kam.FieldAccount, 24, cellText),
		col(kam.FieldName, 14, cellText),
		col(kam.FieldTitle, 18, cellText),
		col(kam.FieldOrgUnit, 16, cellText),
		col(kam.FieldSeniority, 12, cellText),
		col(kam.FieldReportsTo, 14, cellText),
		col(kam.FieldContactStatus, 12, cellText),
		col(kam.FieldStatusDate, 12, cellDate),
		col(kam.FieldInPostSince, 12, cellDate),
		col(kam.FieldEmail, 26, cellText),
		col(kam.FieldPhone, 16, cellText),
	}
	if notes {
		cols = append(cols, col(kam.FieldPersonalNotes, 40, cellText))
	}
	return cols
}

func (b *book) contacts(notes bool) (int, error) {
	units := map[int64]string{}
	if err := eachPage(b.ctx, b.svc.OrgUnits, b.actor, store.OrgUnitFilter{}, func(u kam.OrgUnit) error {
		units[u.ID] = u.Name
		return nil
	}); err != nil {
		return 0, fmt.Errorf("export departments: %w", err)
	}
	var cs []kam.Contact
	if err := eachPage(b.ctx, b.svc.Contacts, b.actor, store.ContactFilter{}, func(c kam.Contact) error {
		cs = append(cs, c)
		b.contactNames[c.ID] = c.Name
		return nil
	}); err != nil {
		return 0, fmt.Errorf("export contacts: %w", err)
	}
	rows := make([][]any, 0, len(cs))
	for _, c := range cs {
		row := []any{c.ID, b.accountNames[c.AccountID], c.Name, c.Title, units[c.OrgUnitID], b.enum(c.Seniority),
			b.contactNames[c.ReportsToID], b.enum(c.Status), c.StatusDate, c.InPostSince, c.Email, c.Phone}
		if notes {
			row = append(row, c.PersonalNotes)
		}
		rows = append(rows, row)
	}
	return len(rows), b.sheet(sheetContacts, contactCols(notes), rows)
}

// enum is the label of an enum value, or "" when unset.
func (b *book) enum(v any) string {
	if fmt.Sprint(v) == "" {
		return ""
	}
	return b.label(v)
}

var opportunityCols = []xcol{
	col(kam.FieldID, 8, cellNumber),
	col(kam.FieldOpportunityName, 28, cellText),
	col(kam.FieldAccount, 24, cellText),
	col(kam.FieldOwner, 14, cellText),
	col(kam.FieldLevel, 14, cellText),
	col(kam.FieldAmount, 16, cellNumber),
	col(kam.FieldCurrency, 8, cellText),
	col(kam.FieldCloseDate, 14, cellDate),
	col(kam.FieldHealth, 10, cellNumber),
	col(kam.FieldOpenHighFlags, 14, cellNumber),
	col(kam.FieldProduct, 20, cellText),
}

var influenceCols = []xcol{
	idCol(kam.FieldOpportunity, 10),
	col(kam.FieldOpportunityName, 28, cellText),
	col(kam.FieldContact, 14, cellText),
	col(kam.FieldTitle, 18, cellText),
	col(kam.FieldRoles, 20, cellText),
	col(kam.FieldInfluence, 10, cellText),
	col(kam.FieldRating, 8, cellNumber),
	col(kam.FieldSupport, 10, cellText),
	col(kam.FieldContactLevel, 10, cellText),
	col(kam.FieldMode, 12, cellText),
	col(kam.FieldCounterpart, 14, cellText),
	col(kam.FieldRelationshipLevel, 14, cellText),
}

var actionCols = []xcol{
	idCol(kam.FieldOpportunity, 10),
	col(kam.FieldOpportunityName, 28, cellText),
	col(kam.FieldActionTitle, 36, cellText),
	col(kam.FieldOwner, 14, cellText),
	col(kam.FieldDue, 12, cellDate),
	col(kam.FieldStatus, 10, cellText),
}

// opportunities lists the deals the actor sees under f (keep, when set,
// narrows them further), each read through the strategy sheet for its
// health and open high red flags, and gathers their buyers and actions.
func (b *book) opportunities(f store.OpportunityFilter, keep func(kam.Opportunity) bool) (int, error) {
	var rows [][]any
	var ids []int64
	cut := false
	err := eachPage(b.ctx, b.svc.Opportunities, b.actor, f, func(o kam.Opportunity) error {
		if keep != nil && !keep(o) {
			return nil
		}
		if len(ids) == MaxSheetDeals {
			cut = true
			return errStop
		}
		ids = append(ids, o.ID)
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return 0, fmt.Errorf("export opportunities: %w", err)
	}
	listed := 0
	for _, id := range ids {
		v, err := b.svc.Strategy(b.ctx, b.actor, id)
		if errors.Is(err, kam.ErrNotFound) {
			// Moved to the trash, or out of reach, since it was listed: the
			// workbook is of what the actor sees now.
			continue
		}
		if err != nil {
			return 0, fmt.Errorf("export opportunity %d: %w", id, err)
		}
		listed++
		o := v.Opportunity
		rows = append(rows, []any{o.ID, o.Name, v.Account.Name, b.users[o.OwnerID], b.enum(o.Level), o.Amount, o.Currency,
			o.CloseDate, v.Health.Score, openHigh(v.Findings), o.Product})
		people := map[int64]kam.Contact{}
		for _, c := range v.Contacts {
			people[c.ID] = c
		}
		for _, bi := range v.Influences {
			roles := make([]string, len(bi.Roles))
			for i, r := range bi.Roles {
				roles[i] = b.label(r)
			}
			var rating any
			if bi.Rating != nil {
				rating = *bi.Rating
			}
			p := people[bi.ContactID]
			support := b.label(bi.Support())
			if p.Status.Gone() {
				// Left or moved: their support no longer counts.
				support = b.enum(p.Status)
			}
			b.influenceRows = append(b.influenceRows, []any{o.ID, o.Name, p.Name, p.Title, strings.Join(roles, "、"),
				b.enum(bi.Influence), rating, support, b.enum(bi.ContactLevel), b.enum(bi.Mode),
				b.users[bi.CounterpartID], b.enum(bi.RelationshipLevel)})
		}
		for _, ac := range v.Actions {
			b.actionRows = append(b.actionRows, []any{o.ID, o.Name, ac.Title, b.users[ac.OwnerID], ac.Due, b.enum(ac.Status)})
		}
	}
	if cut {
		note := fmt.Sprintf("仅列出前 %d 个商机，请缩小筛选范围 / Only the first %d opportunities are listed: narrow the filters", MaxSheetDeals, MaxSheetDeals)
		rows = append(rows, []any{nil, note})
	}
	return listed, b.sheet(sheetOpportunities, opportunityCols, rows)
}

// errStop ends a listing early.
var errStop = errors.New("stop")

func openHigh(fs []method.Finding) int {
	n := 0
	for _, f := range fs {
		if f.Severity == kam.SeverityHigh && f.Accepted == nil {
			n++
		}
	}
	return n
}

// ExportWorkbook writes the pipeline the actor sees as an Excel workbook
// for people: sheets of accounts, contacts (personal notes only when asked
// for), opportunities (account, owner, level, amount, currency, close date,
// health and open high red flags), their buying influences and their
// actions. Headers are bilingual and frozen, amounts are numbers, dates are
// dates. Everything is read through the service as a: a seller exports
// their own scope, nothing more.
func ExportWorkbook(ctx context.Context, svc *service.Service, a kam.Actor, w io.Writer, o WorkbookOptions) (Counts, error) {
	b, err := newBook(ctx, svc, a, o.Locale)
	if err != nil {
		return nil, err
	}
	counts := Counts{}
	fail := func(err error) (Counts, error) {
		b.f.Close()
		return nil, err
	}
	if counts[KindAccounts], err = b.accounts(); err != nil {
		return fail(err)
	}
	if counts[KindContacts], err = b.contacts(o.PersonalNotes); err != nil {
		return fail(err)
	}
	if counts[KindOpportunities], err = b.opportunities(store.OpportunityFilter{}, nil); err != nil {
		return fail(err)
	}
	counts[KindBuyingInfluences], counts[KindActions] = len(b.influenceRows), len(b.actionRows)
	if err := b.sheet(sheetInfluences, influenceCols, b.influenceRows); err != nil {
		return fail(err)
	}
	if err := b.sheet(sheetActions, actionCols, b.actionRows); err != nil {
		return fail(err)
	}
	return counts, b.write(w)
}

// ExportOpportunities writes the opportunities the actor sees under f as a
// workbook of one sheet, the pipeline workbook's 商机 Opportunities sheet;
// keep, when set, narrows the list further (a funnel's sellers). It returns
// how many deals it listed (at most MaxSheetDeals).
func ExportOpportunities(ctx context.Context, svc *service.Service, a kam.Actor, f store.OpportunityFilter, keep func(kam.Opportunity) bool, w io.Writer, l kam.Locale) (int, error) {
	b, err := newBook(ctx, svc, a, l)
	if err != nil {
		return 0, err
	}
	n, err := b.opportunities(f, keep)
	if err != nil {
		b.f.Close()
		return 0, err
	}
	return n, b.write(w)
}
