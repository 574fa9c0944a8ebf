package transfer

import (
	"bytes"
	"context"
	"slices"
	"testing"
	"time"

	"kam/internal/auth"
	"kam/internal/demo"
	"kam/internal/service"
	"kam/internal/storetest"
)

type node struct{ id, parent int64 }

func TestTopoOrder(t *testing.T) {
	t.Parallel()
	link := func(n *node) (int64, int64) { return n.id, n.parent }
	tests := []struct {
		name   string
		nodes  []node
		order  []int64 // ids, parents first
		cyclic []int64
	}{
		{"roots keep id order", []node{{1, 0}, {2, 0}}, []int64{1, 2}, nil},
		{"a parent listed after its child comes first", []node{{1, 2}, {2, 0}}, []int64{2, 1}, nil},
		{"a parent outside the set counts as a root", []node{{1, 99}}, []int64{1}, nil},
		{"a two-node cycle is found, its dependant is not on it", []node{{1, 2}, {2, 1}, {3, 1}}, []int64{2, 1, 3}, []int64{1, 2}},
		{"a self-parent is a cycle", []node{{1, 1}}, []int64{1}, []int64{1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			order, cyclic := topoOrder(tc.nodes, link)
			var ids, cyc []int64
			for _, i := range order {
				ids = append(ids, tc.nodes[i].id)
				if cyclic[i] {
					cyc = append(cyc, tc.nodes[i].id)
				}
			}
			slices.Sort(cyc)
			if !slices.Equal(ids, tc.order) || !slices.Equal(cyc, tc.cyclic) {
				t.Errorf("order %v cyclic %v; want %v %v", ids, cyc, tc.order, tc.cyclic)
			}
		})
	}
}

// BenchmarkImport imports the demo's export (about 600 records and their
// shares, ratings and level moves) into a fresh SQLite database per
// iteration, and reports records per second.
func BenchmarkImport(b *testing.B) {
	ctx := context.Background()
	src := service.New(storetest.SQLite(b), service.Options{Passwords: auth.CheapParams()})
	if _, err := demo.Load(ctx, src, time.Now().UTC()); err != nil {
		b.Fatal(err)
	}
	var file bytes.Buffer
	if _, err := Export(ctx, src, &file, ExportOptions{Now: time.Now()}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	records := 0
	var spent time.Duration
	for b.Loop() {
		b.StopTimer()
		dst := service.New(storetest.SQLite(b), service.Options{})
		b.StartTimer()
		start := time.Now()
		rep, err := Import(ctx, dst, bytes.NewReader(file.Bytes()))
		spent += time.Since(start)
		if err != nil || !rep.OK() {
			b.Fatalf("import: %v %v", err, rep.Problems)
		}
		records += rep.Total()
	}
	b.ReportMetric(float64(records)/spent.Seconds(), "records/s")
}

// BenchmarkExport writes the demo's export.
func BenchmarkExport(b *testing.B) {
	ctx := context.Background()
	src := service.New(storetest.SQLite(b), service.Options{Passwords: auth.CheapParams()})
	if _, err := demo.Load(ctx, src, time.Now().UTC()); err != nil {
		b.Fatal(err)
	}
	var n int
	for b.Loop() {
		var out bytes.Buffer
		counts, err := Export(ctx, src, &out, ExportOptions{Now: time.Now()})
		if err != nil {
			b.Fatal(err)
		}
		n = 0
		for _, c := range counts {
			n += c
		}
	}
	b.ReportMetric(float64(n), "records/op")
}
