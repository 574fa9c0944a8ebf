package transfer

import (
	"context"
	"fmt"
	"io"
	"strings"

	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
)

// The lists' "Download Excel": the deal, people and action lists exactly as
// filtered and sorted on the page, every page of them (at most
// MaxSheetDeals rows), one sheet in the pipeline workbook's style.

var dealListCols = []xcol{
	col(kam.FieldID, 8, cellNumber),
	col(kam.FieldAccount, 24, cellText),
	col(kam.FieldOpportunityName, 28, cellText),
	col(kam.FieldAmount, 16, cellNumber),
	col(kam.FieldCurrency, 8, cellText),
	col(kam.FieldCloseDate, 14, cellDate),
	col(kam.FieldLevel, 14, cellText),
	col(kam.FieldSuggestedLevel, 14, cellText),
	col(kam.FieldHealth, 10, cellNumber),
	col(kam.FieldOpenHighFlags, 14, cellNumber),
	col(kam.FieldOwner, 14, cellText),
	col(kam.FieldNextAction, 30, cellText),
	col(kam.FieldNextActionDue, 14, cellDate),
}

// ExportDeals writes the deal list q selects, in its order and from its
// first page on, as a workbook of one sheet; it returns how many deals it
// listed. A list longer than MaxSheetDeals is cut there, and its last row
// says so.
func ExportDeals(ctx context.Context, svc *service.Service, a kam.Actor, q service.DealQuery, w io.Writer, l kam.Locale) (int, error) {
	b, err := newBook(ctx, svc, a, l)
	if err != nil {
		return 0, err
	}
	q.Limit = store.MaxLimit
	rows, err := listRows(func(after string) ([]service.DealRow, string, error) {
		q.After = after
		p, err := svc.Deals(ctx, a, q)
		return p.Rows, p.Next, err
	}, func(r service.DealRow) []any {
		o := r.Opportunity
		var next string
		var due kam.Date
		if r.NextAction != nil {
			next, due = r.NextAction.Title, r.NextAction.Due
		}
		return []any{o.ID, r.AccountName, o.Name, o.Amount, o.Currency, o.CloseDate, b.enum(o.Level),
			b.enum(r.SuggestedLevel), r.Health, r.HighFlags, r.OwnerName, next, due}
	})
	return finishList(b, sheetOpportunities, dealListCols, rows, err, w)
}

var peopleListCols = []xcol{
	col(kam.FieldID, 8, cellNumber),
	col(kam.FieldName, 14, cellText),
	col(kam.FieldTitle, 18, cellText),
	col(kam.FieldAccount, 24, cellText),
	col(kam.FieldSeniority, 12, cellText),
	col(kam.FieldContactStatus, 12, cellText),
	col(kam.FieldStatusDate, 12, cellDate),
	col(kam.FieldBuyerOn, 36, cellText),
	col(kam.FieldLastInteraction, 14, cellDate),
}

// ExportPeople writes the people list f selects, in its order, as a
// workbook of one sheet (personal notes are never in it).
func ExportPeople(ctx context.Context, svc *service.Service, a kam.Actor, f store.ContactListFilter, w io.Writer, l kam.Locale) (int, error) {
	b, err := newBook(ctx, svc, a, l)
	if err != nil {
		return 0, err
	}
	f.Limit = store.MaxLimit
	rows, err := listRows(func(after string) ([]service.ContactRow, string, error) {
		f.After = after
		p, err := svc.ContactList(ctx, a, f)
		return p.Rows, p.Next, err
	}, func(r service.ContactRow) []any {
		c := r.Contact
		var deals []string
		for _, d := range r.Deals {
			roles := make([]string, len(d.Roles))
			for i, x := range d.Roles {
				roles[i] = b.label(x)
			}
			deals = append(deals, d.Opportunity+"（"+strings.Join(roles, "、")+"）")
		}
		var last kam.Date
		if r.LastInteraction != nil {
			last = kam.DateOf(*r.LastInteraction)
		}
		return []any{c.ID, c.Name, c.Title, r.AccountName, b.enum(c.Seniority), b.enum(c.Status), c.StatusDate,
			strings.Join(deals, "；"), last}
	})
	return finishList(b, sheetContacts, peopleListCols, rows, err, w)
}

var actionListCols = []xcol{
	col(kam.FieldID, 8, cellNumber),
	col(kam.FieldDue, 12, cellDate),
	col(kam.FieldActionTitle, 36, cellText),
	col(kam.FieldOpportunityName, 28, cellText),
	col(kam.FieldTarget, 14, cellText),
	col(kam.FieldOwner, 14, cellText),
	col(kam.FieldStatus, 10, cellText),
}

// ExportActions writes the action list q selects, in its order, as a
// workbook of one sheet.
func ExportActions(ctx context.Context, svc *service.Service, a kam.Actor, q service.ActionQuery, w io.Writer, l kam.Locale) (int, error) {
	b, err := newBook(ctx, svc, a, l)
	if err != nil {
		return 0, err
	}
	q.Limit = store.MaxLimit
	rows, err := listRows(func(after string) ([]service.ActionRow, string, error) {
		q.After = after
		p, err := svc.ActionList(ctx, a, q)
		return p.Rows, p.Next, err
	}, func(r service.ActionRow) []any {
		x := r.Action
		return []any{x.ID, x.Due, x.Title, r.Opportunity, r.Target, r.OwnerName, b.enum(x.Status)}
	})
	return finishList(b, sheetActions, actionListCols, rows, err, w)
}

// listRows reads a list page by page from its first page (page returns
// the rows after a cursor and the next cursor, "" at the end) and turns
// each row into a sheet row, up to MaxSheetDeals; a longer list ends with
// a row that says it was cut.
func listRows[R any](page func(after string) ([]R, string, error), row func(R) []any) ([][]any, error) {
	var rows [][]any
	after := ""
	for {
		items, next, err := page(after)
		if err != nil {
			return nil, err
		}
		for _, r := range items {
			if len(rows) == MaxSheetDeals {
				return append(rows, []any{nil, cutNote()}), nil
			}
			rows = append(rows, row(r))
		}
		if next == "" {
			return rows, nil
		}
		after = next
	}
}

// finishList writes the list's one sheet and returns how many records it
// lists (the cut note aside), or err, closing the book either way.
func finishList(b *book, name string, cols []xcol, rows [][]any, err error, w io.Writer) (int, error) {
	if err != nil {
		b.f.Close()
		return 0, err
	}
	n := len(rows)
	if n > MaxSheetDeals {
		n = MaxSheetDeals
	}
	return n, finish(b, name, cols, rows, w)
}

func cutNote() string {
	return fmt.Sprintf("仅列出前 %d 行，请缩小筛选范围 / Only the first %d rows are listed: narrow the filters", MaxSheetDeals, MaxSheetDeals)
}

func finish(b *book, name string, cols []xcol, rows [][]any, w io.Writer) error {
	if err := b.sheet(name, cols, rows); err != nil {
		b.f.Close()
		return err
	}
	return b.write(w)
}
