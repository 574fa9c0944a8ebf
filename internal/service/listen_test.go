package service_test

import (
	"context"
	"testing"
	"time"

	"kam/internal/auth"
	"kam/internal/method"
	"kam/internal/service"
	"kam/internal/store"
	"kam/internal/storetest"
)

// Two kam instances on one PostgreSQL database: new red-flag thresholds
// saved on one reach the other's read paths within a second, not after
// its cache's five seconds. Fails before this change: the second instance
// served the old thresholds until its cache ran out.
func TestAnotherInstanceSeesNewThresholdsAtOnce(t *testing.T) {
	dsn := storetest.PostgresSchema(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	open := func() *store.DB {
		db, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		return db
	}
	dbA, dbB := open(), open()
	w := newWorld(t, dbA)
	b := service.New(dbB, service.Options{Passwords: auth.CheapParams()})
	ready := make(chan struct{})
	go b.ListenForChanges(ctx, ready)
	<-ready

	before, err := b.CachedSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set := method.DefaultSettings()
	set.StaleContactDays = before.StaleContactDays + 17
	if err := w.svc.PutSettings(ctx, w.admin, set); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(time.Second)
	for {
		got, err := b.CachedSettings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got.StaleContactDays == set.StaleContactDays {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after a second the other instance still reads %d stale-contact days, want %d", got.StaleContactDays, set.StaleContactDays)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
