package demo

import (
	"fmt"
	"time"

	"kam/internal/kam"
)

// quotaFactor is how much of a rep's open pipeline this quarter's remaining
// quota asks for. Below 1/3 the funnel carries the quota at the usual win
// rates; above 1 it cannot, and the seller must bargain for resources with
// the funnel as evidence (漏斗原则).
var quotaFactor = map[string]float64{
	"wang.lei@zhilian.example":    0.25, // carries it
	"liu.yang@zhilian.example":    0.25, // carries it
	"li.na@zhilian.example":       1.3,  // cannot
	"emily.zhang@zhilian.example": 1.6,  // cannot
}

// quotas sets each rep's and each team's quota for the current quarter and
// year. Reps' quotas are set by their manager, teams' by the admin, on the
// first day of the period.
func (l *loader) quotas() {
	q := kam.QuarterOf(l.today)
	year, _ := kam.ParsePeriod(fmt.Sprint(l.today.Time().Year()))
	quartersLeft := 4 - (int(q.Start.Time().Month())-1)/3 - 1

	teamQ := map[int64]int64{}
	teamY := map[int64]int64{}
	for _, rep := range []kam.User{l.wang, l.li, l.liu, l.emily} {
		var wonQ, wonY, pipeQ, pipeAll int64
		for _, o := range l.won {
			if o.OwnerID != rep.ID {
				continue
			}
			if q.Contains(o.ClosedOn) {
				wonQ += o.Amount
			}
			if year.Contains(o.ClosedOn) {
				wonY += o.Amount
			}
		}
		for _, o := range l.open {
			if o.OwnerID != rep.ID {
				continue
			}
			pipeAll += o.Amount
			if q.Contains(o.CloseDate) {
				pipeQ += o.Amount
			}
		}
		f := quotaFactor[rep.Email]
		// Whether coverage is read from this quarter's pipeline or from the
		// whole funnel, a short rep stays short and a covered one covered.
		remaining := float64(pipeQ) * f
		if f > 1 {
			remaining = float64(pipeAll) * f
		}
		quarter := roundUp(wonQ+int64(remaining), 100_000)
		yearly := roundUp(wonY+(quarter-wonQ)+quarter*int64(quartersLeft), 100_000)
		mgr := l.managerOf(rep)
		l.at(q.Start.Time().Add(time.Hour))
		create(l, l.svc.Quotas, mgr, kam.Quota{UserID: rep.ID, Period: q.Name, Amount: quarter, Currency: "CNY"}, rep.Email+" "+q.Name)
		l.at(year.Start.Time().Add(time.Hour))
		create(l, l.svc.Quotas, mgr, kam.Quota{UserID: rep.ID, Period: year.Name, Amount: yearly, Currency: "CNY"}, rep.Email+" "+year.Name)
		teamQ[rep.TeamID] += quarter
		teamY[rep.TeamID] += yearly
	}
	for _, t := range []kam.Team{l.east, l.north} {
		l.at(q.Start.Time().Add(time.Hour))
		create(l, l.svc.Quotas, l.admin, kam.Quota{TeamID: t.ID, Period: q.Name, Amount: teamQ[t.ID], Currency: "CNY"}, t.Name+" "+q.Name)
		l.at(year.Start.Time().Add(time.Hour))
		create(l, l.svc.Quotas, l.admin, kam.Quota{TeamID: t.ID, Period: year.Name, Amount: teamY[t.ID], Currency: "CNY"}, t.Name+" "+year.Name)
	}
	l.at(l.now)
}

// roundUp rounds n up to a multiple of step.
func roundUp(n, step int64) int64 { return (n + step - 1) / step * step }
