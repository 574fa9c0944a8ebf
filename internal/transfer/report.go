package transfer

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"time"

	"kam/internal/kam"
	"kam/internal/service"
)

// Problem is one record (or spreadsheet row) an import could not take as it
// was, and why.
type Problem struct {
	Kind string `json:"kind"`
	// OldID is the record's id in the file (0 for a spreadsheet row).
	OldID int64 `json:"old_id,omitempty"`
	// Line is the spreadsheet line (1 is the header), 0 for the JSON import;
	// in a worksheet, the row number Excel shows.
	Line int `json:"line,omitempty"`
	// Sheet is the worksheet of an .xlsx import ("" for CSV and JSON).
	Sheet   string   `json:"sheet,omitempty"`
	Field   string   `json:"field,omitempty"`
	Message kam.Text `json:"message"`
}

// Report is the outcome of an import: how many records of each kind were
// imported and skipped, and every problem met.
type Report struct {
	// Encoding is the encoding a spreadsheet file was read in ("" for a
	// workbook or a JSON export).
	Encoding Encoding       `json:"encoding,omitempty"`
	Imported map[string]int `json:"imported"`
	Skipped  map[string]int `json:"skipped"`
	Problems []Problem      `json:"problems"`
	// Elapsed is how long the import took, to report its speed.
	Elapsed time.Duration `json:"elapsed"`
}

func newReport() *Report {
	return &Report{Imported: map[string]int{}, Skipped: map[string]int{}, Problems: []Problem{}}
}

// OK reports whether nothing was skipped and no problem was met.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

// Total is the number of records imported.
func (r *Report) Total() int {
	n := 0
	for _, v := range r.Imported {
		n += v
	}
	return n
}

// WriteText prints the problems, then a summary per kind, in locale l.
func (r *Report) WriteText(w io.Writer, l kam.Locale) {
	zh := l == kam.LocaleZH
	if r.Encoding != "" {
		fmt.Fprintf(w, "%s%s\n", kam.T("Read as ", "文件编码：").In(l), r.Encoding.Label().In(l))
	}
	for _, p := range r.Problems {
		where := p.Kind
		if p.OldID != 0 {
			where = fmt.Sprintf("%s %d", p.Kind, p.OldID)
		}
		switch {
		case p.Line != 0 && p.Sheet != "" && zh:
			where = fmt.Sprintf("工作表「%s」第 %d 行", p.Sheet, p.Line)
		case p.Line != 0 && p.Sheet != "":
			where = fmt.Sprintf("sheet %q row %d", p.Sheet, p.Line)
		case p.Line != 0 && zh:
			where = fmt.Sprintf("第 %d 行", p.Line)
		case p.Line != 0:
			where = fmt.Sprintf("line %d", p.Line)
		}
		if p.Field != "" {
			where += " " + p.Field
		}
		fmt.Fprintf(w, "  %s: %s\n", where, p.Message.In(l))
	}
	kinds := map[string]bool{}
	for k := range r.Imported {
		kinds[k] = true
	}
	for k := range r.Skipped {
		kinds[k] = true
	}
	names := make([]string, 0, len(kinds))
	for k := range kinds {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool { return kindRank(names[i]) < kindRank(names[j]) })
	if zh {
		fmt.Fprintln(w, "导入结果（已导入 / 已跳过）：")
	} else {
		fmt.Fprintln(w, "Import summary (imported / skipped):")
	}
	for _, k := range names {
		fmt.Fprintf(w, "  %-18s %6d / %d\n", k, r.Imported[k], r.Skipped[k])
	}
	if secs := r.Elapsed.Seconds(); secs > 0 {
		if zh {
			fmt.Fprintf(w, "用时 %.1f 秒，每秒 %.0f 条\n", secs, float64(r.Total())/secs)
		} else {
			fmt.Fprintf(w, "%.1f s, %.0f records/s\n", secs, float64(r.Total())/secs)
		}
	}
}

func kindRank(k string) int {
	// An account's shares and ratings are listed right after accounts.
	switch k {
	case KindAccountShares:
		return kindRank(KindAccounts) + 1
	case KindRatings:
		return kindRank(KindAccounts) + 2
	}
	for i, x := range Kinds {
		if x == k {
			return 3 * i
		}
	}
	return 3 * len(Kinds)
}

// ErrSkipped is returned (wrapped) by the commands when an import skipped
// anything, so that the binary exits non-zero.
var ErrSkipped = errors.New("records were skipped")

// problemsOf turns a service error into problems naming each field; ok is
// false for errors that are not about the record (the database failing),
// which stop the import.
func problemsOf(kind string, oldID int64, line int, err error) (ps []Problem, ok bool) {
	var v *kam.ValidationError
	switch {
	case errors.As(err, &v):
		keys := make([]string, 0, len(v.Fields))
		for k := range v.Fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			ps = append(ps, Problem{Kind: kind, OldID: oldID, Line: line, Field: k, Message: v.Fields[k]})
		}
		return ps, true
	case errors.Is(err, kam.ErrConflict):
		return []Problem{{Kind: kind, OldID: oldID, Line: line, Message: kam.T("conflicts with a record already in the database", "与数据库中已有的记录冲突")}}, true
	case errors.Is(err, kam.ErrNotFound):
		return []Problem{{Kind: kind, OldID: oldID, Line: line, Message: kam.T("refers to a record that does not exist or is out of your reach", "引用的记录不存在或不在您的权限范围内")}}, true
	case errors.Is(err, kam.ErrForbidden):
		msg, found := service.Reason(err)
		if !found {
			msg = kam.T("you may not make this record", "您无权创建该记录")
		}
		return []Problem{{Kind: kind, OldID: oldID, Line: line, Message: msg}}, true
	}
	return nil, false
}
