package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"

	"kam/internal/kam"
	"kam/internal/store"
)

// cmdRate keeps the exchange rates (汇率): kam rate add and kam rate list.
func cmdRate(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return usageError("kam rate: want add or list")
	}
	fs := newFlags("rate "+args[0], stdout)
	dsn := dbFlag(fs)
	switch args[0] {
	case "add":
		from := fs.String("from", "", "the currency converted from, such as USD (required)")
		to := fs.String("to", "CNY", "the currency converted into")
		rate := fs.Float64("rate", 0, "how many units of --to one unit of --from is worth (required)")
		on := fs.String("on", "", "the day the rate holds from, YYYY-MM-DD (required)")
		if err := fs.Parse(args[1:]); err != nil {
			return usageError(err.Error())
		}
		day, err := kam.ParseDate(strings.TrimSpace(*on))
		if err != nil {
			return usageError("kam rate add: --on must be a day such as 2026-12-01")
		}
		svc, closeDB, err := openService(ctx, *dsn, slog.New(slog.DiscardHandler))
		if err != nil {
			return err
		}
		defer closeDB()
		x, err := svc.ExchangeRates.Create(ctx, kam.System, kam.ExchangeRate{From: *from, To: *to, Rate: *rate, On: day})
		if err != nil {
			return describe(err)
		}
		fmt.Fprintf(stdout, "rate %d: from %s, 1 %s = %s %s\n", x.ID, x.On, x.From, kam.FormatRate(x.Rate), x.To)
		return nil
	case "list":
		if err := fs.Parse(args[1:]); err != nil {
			return usageError(err.Error())
		}
		svc, closeDB, err := openService(ctx, *dsn, slog.New(slog.DiscardHandler))
		if err != nil {
			return err
		}
		defer closeDB()
		var all []kam.ExchangeRate
		var after int64
		for {
			page, next, err := svc.ExchangeRates.List(ctx, kam.System, store.NoFilter[kam.ExchangeRate]{ListOptions: store.ListOptions{After: after, Limit: store.MaxLimit}})
			if err != nil {
				return err
			}
			all = append(all, page...)
			if next == 0 {
				break
			}
			after = next
		}
		slices.SortStableFunc(all, func(a, b kam.ExchangeRate) int { return strings.Compare(b.On.String(), a.On.String()) })
		for _, x := range all {
			fmt.Fprintf(stdout, "%d\t%s\t1 %s = %s %s\n", x.ID, x.On, x.From, kam.FormatRate(x.Rate), x.To)
		}
		return nil
	}
	return usageError(fmt.Sprintf("kam rate: unknown subcommand %q", args[0]))
}
