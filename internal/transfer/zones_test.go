package transfer

import (
	"bytes"
	"context"
	"testing"
	"time"

	"kam/internal/auth"
	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/storetest"
)

// TestExchangeRatesAndZonesTravel: an export carries the exchange rates and
// each user's time zone, and an import brings them back.
func TestExchangeRatesAndZonesTravel(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	src := service.New(storetest.SQLite(t), service.Options{Passwords: auth.CheapParams()})
	if _, err := src.CreateUser(ctx, kam.System, kam.User{Email: "anna@example.com", Name: "Anna", Locale: kam.LocaleEN, TimeZone: "Europe/Berlin"}, "correct horse battery", false); err != nil {
		t.Fatal(err)
	}
	if _, err := src.ExchangeRates.Create(ctx, kam.System, kam.ExchangeRate{From: "USD", To: "CNY", Rate: 7.1, On: kam.MustDate("2026-12-01")}); err != nil {
		t.Fatal(err)
	}
	var file bytes.Buffer
	if _, err := Export(ctx, src, &file, ExportOptions{Now: time.Now()}); err != nil {
		t.Fatal(err)
	}
	dst := service.New(storetest.SQLite(t), service.Options{Passwords: auth.CheapParams()})
	rep, err := Import(ctx, dst, bytes.NewReader(file.Bytes()))
	if err != nil || !rep.OK() {
		t.Fatalf("import: %v %v", err, rep.Problems)
	}
	rates, _, err := dst.ExchangeRates.List(ctx, kam.System, store.NoFilter[kam.ExchangeRate]{})
	if err != nil || len(rates) != 1 || rates[0].Rate != 7.1 || rates[0].On != kam.MustDate("2026-12-01") {
		t.Errorf("rates after import: %+v %v", rates, err)
	}
	users, _, err := dst.Users.List(ctx, kam.System, store.UserFilter{})
	found := false
	for _, u := range users {
		found = found || u.Email == "anna@example.com" && u.TimeZone == "Europe/Berlin"
	}
	if err != nil || !found {
		t.Errorf("users after import: %+v %v", users, err)
	}
}
