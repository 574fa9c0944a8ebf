package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"kam/internal/kam"
	"kam/internal/service"
)

func localeFlag(s string) (kam.Locale, error) {
	l, ok := kam.ParseLocale(s)
	if !ok {
		return "", usageError(fmt.Sprintf("kam: --lang %q: want zh-CN or en", s))
	}
	return l, nil
}

func cmdFlags(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("flags", stdout)
	dsn := dbFlag(fs)
	lang := fs.String("lang", "zh-CN", "zh-CN or en")
	// Accept the id before or after the flags.
	var idArg string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		idArg, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	if idArg == "" && fs.NArg() > 0 {
		idArg = fs.Arg(0)
	}
	if idArg == "" {
		return usageError("kam flags: want an opportunity id")
	}
	id, err := parseID(idArg)
	if err != nil {
		return err
	}
	svc, l, closeDB, err := openReport(ctx, *dsn, *lang)
	if err != nil {
		return err
	}
	defer closeDB()
	v, err := svc.Strategy(ctx, kam.System, id)
	if err != nil {
		return err
	}
	printFlags(stdout, v, l)
	return nil
}

func printFlags(w io.Writer, v service.StrategyView, l kam.Locale) {
	o := v.Opportunity
	zh := l == kam.LocaleZH
	pick := func(en, cn string) string {
		if zh {
			return cn
		}
		return en
	}
	fmt.Fprintf(w, "%s — %s (#%d)\n", o.Name, v.Account.Name, o.ID)
	fmt.Fprintf(w, "%s: %s   %s: %s   %s: %d/100\n\n",
		kam.FieldLevel.Label().In(l), kam.Label(o.Level).In(l), pick("suggested", "建议"), kam.Label(v.SuggestedLevel).In(l),
		kam.FieldHealth.Label().In(l), v.Health.Score)
	if len(v.Findings) == 0 {
		fmt.Fprintln(w, pick("No red flags.", "没有小红旗。"))
		return
	}
	fmt.Fprintln(w, kam.NounRedFlag.Count(len(v.Findings)).In(l)+pick(":", "："))
	for _, f := range v.Findings {
		state := ""
		if f.Accepted != nil {
			state = pick("  [accepted: ", "  [已接受：") + f.Accepted.Note + "]"
		}
		fmt.Fprintf(w, "[%s] %s — %s%s\n", kam.Label(f.Severity).In(l), f.Rule, f.Title.In(l), state)
		if d := f.Detail.In(l); d != "" || f.SubjectName != "" {
			if f.SubjectName != "" {
				d = f.SubjectName + ": " + d
			}
			fmt.Fprintf(w, "    %s\n", d)
		}
		fmt.Fprintf(w, "    %s %s\n", pick("Why:", "原因："), f.Why.In(l))
		fmt.Fprintf(w, "    %s %s\n", pick("Next:", "下一步："), f.Next.In(l))
		for _, c := range f.Candidates {
			fmt.Fprintf(w, "    %s %s — %s\n", pick("Candidate:", "候选人："), c.Name, c.Reason.In(l))
		}
	}
}

func cmdFunnel(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("funnel", stdout)
	dsn := dbFlag(fs)
	owner := fs.String("owner", "", "the seller's email (required)")
	period := fs.String("period", "", "2026Q4, 2026-11 or 2026; the current quarter when empty")
	lang := fs.String("lang", "zh-CN", "zh-CN or en")
	currency := fs.String("currency", "", "the report's ISO 4217 currency; the quota's when empty")
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	if *owner == "" {
		return usageError("kam funnel: --owner is required")
	}
	svc, l, closeDB, err := openReport(ctx, *dsn, *lang)
	if err != nil {
		return err
	}
	defer closeDB()
	u, err := userByEmail(ctx, svc, *owner)
	if err != nil {
		return err
	}
	v, err := svc.Funnel(ctx, kam.System, service.FunnelQuery{OwnerID: u.ID, Period: *period, Currency: *currency})
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "%s — %s\n\n", u.Name, v.Period.Name)
	fmt.Fprint(stdout, v.Report.Markdown(l))
	return nil
}

// openReport opens the service of a printed report (flags, funnel) in the
// language lang, logging nothing.
func openReport(ctx context.Context, dsn, lang string) (*service.Service, kam.Locale, func(), error) {
	l, err := localeFlag(lang)
	if err != nil {
		return nil, "", nil, err
	}
	svc, closeDB, err := openService(ctx, dsn, slog.New(slog.DiscardHandler))
	return svc, l, closeDB, err
}
