// Command kam is the key-account strategic selling workbench: one binary
// with the web pages, the JSON API, the database migrations and the
// command-line tools.
//
//	kam serve [--addr 127.0.0.1:8080] [--db DSN] [--demo] [--password-checks N] [--cleanup-every 15m]
//	kam migrate [--db DSN]
//	kam user add --email E --name N [--role rep|manager|admin] [--team ID] [--password P]
//	kam user passwd --email E [--password P]
//	kam token create --email E [--name N]
//	kam flags OPPORTUNITY_ID
//	kam funnel --owner EMAIL --period 2026Q4
//	kam backup --out FILE
//	kam export --out FILE [--with-password-hashes]
//	kam export --xlsx --out FILE.xlsx [--as EMAIL] [--personal-notes] [--lang zh-CN|en]
//	kam import --in FILE [--dry-run]
//	kam import --csv contacts|accounts --in FILE [--account ID] [--as EMAIL] [--dry-run]
//	kam import --xlsx contacts|accounts --in FILE.xlsx [--sheet NAME] [--account ID] [--as EMAIL] [--dry-run]
//	kam demo users [--db DSN]
//	kam version
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		var u usageError
		if errors.As(err, &u) {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		fmt.Fprintln(os.Stderr, "kam:", err)
		os.Exit(1)
	}
}

type usageError string

func (u usageError) Error() string { return string(u) }

const usage = `kam — key-account strategic selling (大客户战略销售)

Usage:
  kam serve   [--addr 127.0.0.1:8080] [--db kam.db] [--demo]
                                                       run the web workbench and the API
              [--trust-proxy] [--drain 20s] [--password-checks N] [--cleanup-every 15m]
  kam migrate [--db kam.db]                            bring the database schema up to date
  kam user add --email E --name N [--role rep|manager|admin] [--team ID] [--locale zh-CN|en]
              [--time-zone Asia/Shanghai] [--password P]
  kam user passwd --email E [--password P]             set a temporary password (changed at next sign-in)
  kam user list
  kam token create --email E [--name N]                create an API token (shown once)
  kam flags OPPORTUNITY_ID [--lang en|zh-CN]           print an opportunity's red flags
  kam funnel --owner EMAIL --period 2026Q4 [--lang en] [--currency CNY]
                                                       print a seller's funnel against quota
  kam rate add --from USD --to CNY --rate 7.10 --on 2026-12-01
                                                       keep an exchange rate (汇率) the funnel converts with
  kam rate list                                        the exchange rates, newest first
  kam export --out FILE [--with-password-hashes]       write everything as one JSON document
  kam export --xlsx --out FILE.xlsx [--as EMAIL] [--personal-notes] [--lang zh-CN|en]
                                                       write the pipeline a user sees as an Excel workbook
  kam import --in FILE [--dry-run] [--lang en]         read an export into this database
  kam import --csv contacts|accounts --in FILE [--account ID] [--as EMAIL] [--dry-run]
                                                       read a spreadsheet (CSV) of contacts or accounts
  kam import --xlsx contacts|accounts --in FILE.xlsx [--sheet NAME] [--account ID] [--as EMAIL] [--dry-run]
                                                       read an Excel worksheet of contacts or accounts
  kam demo users [--db kam.db]                         print the demo's sign-ins (those whose password is unchanged)
  kam version                                          the version and commit this binary was built from

The database is a SQLite file (default kam.db) or a PostgreSQL DSN
(postgres://user@host/db). Every command also reads KAM_DB and, for serve,
KAM_ADDR, KAM_TRUST_PROXY, KAM_PASSWORD_CHECKS and KAM_CLEANUP_EVERY.
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError(usage)
	}
	switch args[0] {
	case "serve":
		return cmdServe(ctx, args[1:], stdout, stderr)
	case "migrate":
		return cmdMigrate(ctx, args[1:], stdout)
	case "user":
		return cmdUser(ctx, args[1:], stdout)
	case "token":
		return cmdToken(ctx, args[1:], stdout)
	case "flags":
		return cmdFlags(ctx, args[1:], stdout)
	case "funnel":
		return cmdFunnel(ctx, args[1:], stdout)
	case "rate":
		return cmdRate(ctx, args[1:], stdout)
	case "backup":
		return cmdBackup(ctx, args[1:], stdout)
	case "export":
		return cmdExport(ctx, args[1:], stdout)
	case "import":
		return cmdImport(ctx, args[1:], stdout)
	case "demo":
		return cmdDemo(ctx, args[1:], stdout)
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "kam", versionString(debug.ReadBuildInfo()))
		return nil
	case "help", "--help", "-h":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return usageError(fmt.Sprintf("kam: unknown command %q\n\n%s", args[0], usage))
}
