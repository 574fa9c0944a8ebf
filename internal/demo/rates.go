package demo

import "kam/internal/kam"

// rates are the exchange rates (汇率) an administrator keeps, dated the
// first of the month: the demo's deals are all in CNY, and a deal entered
// in USD, EUR or HKD is converted with them on the funnel.
func (l *loader) rates() {
	on := kam.NewDate(l.today.Time().Year(), l.today.Time().Month(), 1)
	for _, r := range []kam.ExchangeRate{
		{From: "USD", To: "CNY", Rate: 7.10, On: on},
		{From: "EUR", To: "CNY", Rate: 7.70, On: on},
		{From: "HKD", To: "CNY", Rate: 0.91, On: on},
	} {
		create(l, l.svc.ExchangeRates, l.admin, r, r.From+"→"+r.To)
	}
}
