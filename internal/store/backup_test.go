package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"kam/internal/kam"
	"kam/internal/store"
	"kam/internal/storetest"
)

func TestBackupCopiesALiveSQLiteDatabase(t *testing.T) {
	ctx := context.Background()
	db := storetest.SQLite(t)
	err := db.Write(ctx, func(tx *store.Tx) error {
		u := kam.User{Email: "owner@example.com", Name: "Owner", Role: kam.RoleRep, Locale: kam.LocaleEN}
		if err := store.Users.Insert(ctx, tx, &u); err != nil {
			return err
		}
		return store.Accounts.Insert(ctx, tx, &kam.Account{Name: "华远集团", OwnerID: u.ID})
	})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "copy.db")
	if err := db.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, path); err == nil {
		t.Fatal("backup overwrote an existing file")
	}
	cp, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	err = cp.Read(ctx, func(tx *store.Tx) error {
		got, _, err := store.Accounts.List(ctx, tx, store.AccountFilter{ListOptions: store.ListOptions{Scope: store.Scope{All: true}}})
		if err != nil {
			return err
		}
		if len(got) != 1 || got[0].Name != "华远集团" {
			t.Errorf("copy holds %+v", got)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestBackupRefusesPostgres(t *testing.T) {
	db := storetest.Postgres(t)
	if err := db.Backup(context.Background(), filepath.Join(t.TempDir(), "x")); !errors.Is(err, store.ErrBackupUnsupported) {
		t.Fatalf("want ErrBackupUnsupported, got %v", err)
	}
}
