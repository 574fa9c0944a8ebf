package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/transfer"
)

// cmdExport writes the whole database as one kam-export JSON document.
func cmdExport(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("export", stdout)
	dsn := dbFlag(fs)
	out := fs.String("out", "", "the file to write (required; - for standard output)")
	hashes := fs.Bool("with-password-hashes", false, "include users' password hashes, so they keep their passwords")
	xlsx := fs.Bool("xlsx", false, "write the pipeline as an Excel workbook for people instead of the JSON export")
	as := fs.String("as", "", "with --xlsx: the email of the user whose scope is exported; an administrator's (everything) when empty")
	notes := fs.Bool("personal-notes", false, "with --xlsx: include contacts' personal notes (sensitive)")
	lang := fs.String("lang", "zh-CN", "with --xlsx: language of the values (levels, roles …): zh-CN or en; headers are bilingual")
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	if *out == "" {
		return usageError("kam export: --out is required")
	}
	if *xlsx {
		if *hashes {
			return usageError("kam export: --with-password-hashes is for the JSON export, not --xlsx")
		}
		locale, ok := kam.ParseLocale(*lang)
		if !ok {
			return usageError(fmt.Sprintf("kam export: --lang %q: want zh-CN or en", *lang))
		}
		return exportWorkbook(ctx, *dsn, *out, *as, transfer.WorkbookOptions{Locale: locale, PersonalNotes: *notes}, stdout)
	}
	if *as != "" || *notes {
		return usageError("kam export: --as and --personal-notes are for --xlsx")
	}
	svc, closeDB, err := openService(ctx, *dsn, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	defer closeDB()
	w, report := stdout, io.Discard
	var f *os.File
	if *out != "-" {
		// A new file only: an export never overwrites another.
		f, err = os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return err
		}
		w, report = f, stdout
	}
	counts, err := transfer.Export(ctx, svc, w, transfer.ExportOptions{Now: time.Now(), PasswordHashes: *hashes})
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(*out)
		}
	}
	if err != nil {
		return err
	}
	total := 0
	for _, k := range transfer.Kinds {
		total += counts[k]
	}
	fmt.Fprintf(report, "exported %s to %s (已导出)\n", kam.NounRecord.Count(total).EN, *out)
	for _, k := range transfer.Kinds {
		fmt.Fprintf(report, "  %-18s %6d\n", k, counts[k])
	}
	return nil
}

// exportWorkbook writes the pipeline the user with email as sees (an
// administrator's scope when empty) as an Excel workbook to a new file.
func exportWorkbook(ctx context.Context, dsn, out, as string, o transfer.WorkbookOptions, stdout io.Writer) error {
	svc, closeDB, err := openService(ctx, dsn, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	defer closeDB()
	actor, err := actorByEmail(ctx, svc, as)
	if err != nil {
		return err
	}
	w, report := stdout, io.Discard
	var f *os.File
	if out != "-" {
		// A new file only, readable by its owner: it may hold personal data.
		f, err = os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return err
		}
		w, report = f, stdout
	}
	counts, err := transfer.ExportWorkbook(ctx, svc, actor, w, o)
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(out)
		}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(report, "exported the pipeline to %s (已导出 Excel 工作簿)\n", out)
	for _, k := range []string{transfer.KindAccounts, transfer.KindContacts, transfer.KindOpportunities, transfer.KindBuyingInfluences, transfer.KindActions} {
		fmt.Fprintf(report, "  %-18s %6d\n", k, counts[k])
	}
	return nil
}

// actorByEmail is the enabled user with email, or kam.System when email is
// empty.
func actorByEmail(ctx context.Context, svc *service.Service, email string) (kam.Actor, error) {
	if email == "" {
		return kam.System, nil
	}
	u, err := userByEmail(ctx, svc, email)
	if err != nil {
		return kam.Actor{}, err
	}
	if u.Disabled {
		return kam.Actor{}, fmt.Errorf("user %s is disabled", u.Email)
	}
	return service.ActorOf(u), nil
}

// cmdImport reads a kam-export document, or a spreadsheet of contacts or
// accounts with --csv or --xlsx.
func cmdImport(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("import", stdout)
	dsn := dbFlag(fs)
	in := fs.String("in", "", "the file to read (required; - for standard input)")
	dry := fs.Bool("dry-run", false, "import into a temporary database (a copy of it, for a spreadsheet) and report; change nothing")
	csvKind := fs.String("csv", "", "read a spreadsheet (CSV) of contacts or accounts instead of an export")
	xlsxKind := fs.String("xlsx", "", "read an Excel workbook (.xlsx) of contacts or accounts instead of an export")
	sheet := fs.String("sheet", "", "with --xlsx: the worksheet to read; the first when empty")
	account := fs.Int64("account", 0, "with --csv or --xlsx contacts: the account the contacts belong to")
	as := fs.String("as", "", "with --csv or --xlsx: the email of the user to act as (their scope applies); an administrator's when empty")
	lang := fs.String("lang", "zh-CN", "language of the report: zh-CN or en")
	encName := fs.String("encoding", "", "with --csv: the file's encoding (utf-8, gbk, utf-16); detected when empty")
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	var enc transfer.Encoding
	if *encName != "" {
		var ok bool
		if enc, ok = transfer.ParseEncoding(*encName); !ok {
			return usageError(fmt.Sprintf("kam import: --encoding %q: want utf-8, gbk (gb18030) or utf-16", *encName))
		}
	}
	if *in == "" {
		return usageError("kam import: --in is required")
	}
	locale, ok := kam.ParseLocale(*lang)
	if !ok {
		return usageError(fmt.Sprintf("kam import: --lang %q: want zh-CN or en", *lang))
	}
	if *csvKind != "" && *xlsxKind != "" {
		return usageError("kam import: give --csv or --xlsx, not both")
	}
	if *sheet != "" && *xlsxKind == "" {
		return usageError("kam import: --sheet is for --xlsx")
	}
	var r io.Reader = os.Stdin
	if *in != "-" {
		f, err := os.Open(*in)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	var rep *transfer.Report
	var err error
	switch {
	case *csvKind != "" || *xlsxKind != "":
		kind := transfer.CSVKind(*csvKind + *xlsxKind)
		if kind != transfer.CSVContacts && kind != transfer.CSVAccounts {
			return usageError("kam import: --csv and --xlsx want contacts or accounts")
		}
		rep, err = importSheet(ctx, *dsn, *dry, *as, stdout, func(svc *service.Service, actor kam.Actor) (*transfer.Report, error) {
			o := transfer.CSVOptions{AccountID: *account, Encoding: enc}
			if *xlsxKind != "" {
				return transfer.ImportXLSX(ctx, svc, actor, kind, r, transfer.XLSXOptions{CSVOptions: o, Sheet: *sheet})
			}
			return transfer.ImportCSV(ctx, svc, actor, kind, r, o)
		})
	case *dry:
		rep, err = transfer.DryRun(ctx, r, "", service.Options{Logger: slog.New(slog.DiscardHandler)})
		if rep != nil {
			fmt.Fprintln(stdout, "dry run: imported into a temporary database; nothing was changed (试运行：未做任何更改)")
		}
	default:
		svc, closeDB, oerr := openService(ctx, *dsn, slog.New(slog.DiscardHandler))
		if oerr != nil {
			return oerr
		}
		defer closeDB()
		rep, err = transfer.Import(ctx, svc, r)
	}
	if rep != nil {
		rep.WriteText(stdout, locale)
	}
	if err != nil {
		return err
	}
	if !rep.OK() {
		return fmt.Errorf("import: %s: %w", kam.NounProblem.Count(len(rep.Problems)).EN, transfer.ErrSkipped)
	}
	return nil
}

// importSheet runs a spreadsheet import as the user with email as (an
// administrator when empty). A dry run imports into a temporary copy of
// the SQLite database — the same records, users and scope, so it finds
// every problem the real import would — and deletes the copy; the
// database itself is not written.
func importSheet(ctx context.Context, dsn string, dry bool, as string, stdout io.Writer, run func(*service.Service, kam.Actor) (*transfer.Report, error)) (*transfer.Report, error) {
	svc, closeDB, err := openService(ctx, dsn, slog.New(slog.DiscardHandler))
	if err != nil {
		return nil, err
	}
	defer closeDB()
	actor, err := actorByEmail(ctx, svc, as)
	if err != nil {
		return nil, err
	}
	if !dry {
		return run(svc, actor)
	}
	if svc.DB().Dialect() != store.SQLite {
		return nil, usageError("kam import: --dry-run of a spreadsheet copies the database, which only works on SQLite; on PostgreSQL, try the sheet on a restored copy")
	}
	dir, err := os.MkdirTemp("", "kam-dry-run-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	copyPath := filepath.Join(dir, "kam.db")
	if err := svc.DB().Backup(ctx, copyPath); err != nil {
		return nil, fmt.Errorf("dry run: copy the database: %w", err)
	}
	trial, closeTrial, err := openService(ctx, copyPath, slog.New(slog.DiscardHandler))
	if err != nil {
		return nil, err
	}
	defer closeTrial()
	rep, err := run(trial, actor)
	if rep != nil {
		fmt.Fprintln(stdout, "dry run: imported into a temporary copy of the database; nothing was changed (试运行：已导入临时副本，未做任何更改)")
	}
	return rep, err
}
