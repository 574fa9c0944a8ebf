package demo

import (
	"context"
	"testing"

	"kam/internal/kam"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/storetest"
)

func TestDemoConversation(t *testing.T) {
	t.Parallel()
	svc := newService(t, storetest.SQLite(t))
	ctx := context.Background()
	if _, err := Load(ctx, svc, testNow); err != nil {
		t.Fatal(err)
	}
	opps := listAll(t, svc, svc.Opportunities, store.OpportunityFilter{})
	plans := listAll(t, svc, svc.CallPlans, store.CallPlanFilter{})
	needs := listAll(t, svc, svc.Needs, store.NeedFilter{})
	reviews := listAll(t, svc, svc.Reviews, store.ReviewFilter{})
	vitos := listAll(t, svc, svc.VITOPlans, store.VITOPlanFilter{})
	withLoop := 0
	for _, o := range opps {
		if !o.Level.Open() {
			continue
		}
		var rs []kam.Review
		for _, r := range reviews {
			if r.OpportunityID == o.ID {
				rs = append(rs, r)
			}
		}
		if len(rs) == 0 {
			continue // a deal too young for a review cycle
		}
		withLoop++
		if len(rs) != 2 || !rs[0].At.Before(rs[1].At) || len(rs[0].Snapshot.Buyers) == 0 {
			t.Errorf("%q: reviews %+v, want two dated apart with snapshots", o.Name, rs)
			continue
		}
		debriefed, ahead := 0, 0
		for _, p := range plans {
			if p.OpportunityID != o.ID {
				continue
			}
			if p.InteractionID != 0 {
				debriefed++
			}
			if p.At.After(testNow) && p.HasCommitments() {
				ahead++
			}
		}
		if debriefed != 1 || ahead != 1 {
			t.Errorf("%q: %d debriefed calls and %d planned ahead with commitments, want 1 and 1", o.Name, debriefed, ahead)
		}
		heard := 0
		for _, n := range needs {
			if n.OpportunityID == o.ID {
				heard++
			}
		}
		if heard == 0 {
			t.Errorf("%q: no need heard", o.Name)
		}
		v, err := svc.Changes(ctx, kam.System, o.ID, service.Since{ReviewID: rs[0].ID}, service.Since{ReviewID: rs[1].ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Changes) == 0 {
			t.Errorf("%q: nothing changed between the two reviews", o.Name)
		}
	}
	if withLoop < 10 {
		t.Errorf("%d open deals with the loop, want most of them", withLoop)
	}
	if len(vitos) == 0 {
		t.Error("no VITO plan on a Best few deal")
	}
}
