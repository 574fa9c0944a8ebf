package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/transfer"
)

// cmdExport writes the whole database as one kam-export JSON document.
func cmdExport(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("export", stdout)
	dsn := dbFlag(fs)
	out := fs.String("out", "", "the file to write (required; - for standard output)")
	hashes := fs.Bool("with-password-hashes", false, "include users' password hashes, so they keep their passwords")
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	if *out == "" {
		return usageError("kam export: --out is required")
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
	fmt.Fprintf(report, "exported %d records to %s (已导出)\n", total, *out)
	for _, k := range transfer.Kinds {
		fmt.Fprintf(report, "  %-18s %6d\n", k, counts[k])
	}
	return nil
}

// cmdImport reads a kam-export document, or a spreadsheet of contacts or
// accounts with --csv.
func cmdImport(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("import", stdout)
	dsn := dbFlag(fs)
	in := fs.String("in", "", "the file to read (required; - for standard input)")
	dry := fs.Bool("dry-run", false, "import into a temporary database and report; change nothing")
	csvKind := fs.String("csv", "", "read a spreadsheet (CSV) of contacts or accounts instead of an export")
	account := fs.Int64("account", 0, "with --csv contacts: the account the contacts belong to")
	as := fs.String("as", "", "with --csv: the email of the user to act as (their scope applies); an administrator's when empty")
	lang := fs.String("lang", "zh-CN", "language of the report: zh-CN or en")
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	if *in == "" {
		return usageError("kam import: --in is required")
	}
	locale, ok := kam.ParseLocale(*lang)
	if !ok {
		return usageError(fmt.Sprintf("kam import: --lang %q: want zh-CN or en", *lang))
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
	case *csvKind != "":
		kind := transfer.CSVKind(*csvKind)
		if kind != transfer.CSVContacts && kind != transfer.CSVAccounts {
			return usageError("kam import: --csv wants contacts or accounts")
		}
		if *dry {
			return usageError("kam import: --dry-run is for export files, not --csv")
		}
		svc, closeDB, oerr := openService(ctx, *dsn, slog.New(slog.DiscardHandler))
		if oerr != nil {
			return oerr
		}
		defer closeDB()
		actor := kam.System
		if *as != "" {
			u, uerr := userByEmail(ctx, svc, *as)
			if uerr != nil {
				return uerr
			}
			if u.Disabled {
				return fmt.Errorf("user %s is disabled", u.Email)
			}
			actor = service.ActorOf(u)
		}
		rep, err = transfer.ImportCSV(ctx, svc, actor, kind, r, transfer.CSVOptions{AccountID: *account})
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
		return fmt.Errorf("import: %d problems: %w", len(rep.Problems), transfer.ErrSkipped)
	}
	return nil
}
