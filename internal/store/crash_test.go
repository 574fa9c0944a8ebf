package store_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"kam/internal/kam"
	"kam/internal/store"
)

// crashChildEnv tells the test binary to act as the writer that gets killed.
const crashChildEnv = "KAM_CRASH_CHILD_DB"

// TestCommittedWritesSurviveAKill kills a writing process without warning and
// checks that every write it had seen committed is in the database
// afterwards, and that the database opens cleanly.
func TestCommittedWritesSurviveAKill(t *testing.T) {
	if path := os.Getenv(crashChildEnv); path != "" {
		crashChild(path)
		return
	}
	if testing.Short() {
		t.Skip("spawns a process")
	}
	path := filepath.Join(t.TempDir(), "kam.db")
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	db.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestCommittedWritesSurviveAKill$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var committed []int64
	sc := bufio.NewScanner(out)
	deadline := time.Now().Add(30 * time.Second)
	for len(committed) < 200 && time.Now().Before(deadline) && sc.Scan() {
		if id, err := strconv.ParseInt(sc.Text(), 10, 64); err == nil {
			committed = append(committed, id)
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if len(committed) < 50 {
		t.Fatalf("the writer committed only %d records before the kill", len(committed))
	}

	db, err = store.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen after the kill: %v", err)
	}
	defer db.Close()
	err = db.Read(ctx, func(tx *store.Tx) error {
		for _, id := range committed {
			if _, err := store.Accounts.Get(ctx, tx, id); err != nil {
				return fmt.Errorf("committed account %d lost: %w", id, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// crashChild writes accounts one transaction at a time and prints each id
// once its commit has returned, until it is killed.
func crashChild(path string) {
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var owner kam.User
	err = db.Write(ctx, func(tx *store.Tx) error {
		owner = kam.User{Email: "writer@example.com", Name: "Writer", Role: kam.RoleRep, Locale: kam.LocaleEN}
		return store.Users.Insert(ctx, tx, &owner)
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for i := 0; ; i++ {
		a := kam.Account{Name: fmt.Sprintf("客户 %d", i), OwnerID: owner.ID}
		if err := db.Write(ctx, func(tx *store.Tx) error { return store.Accounts.Insert(ctx, tx, &a) }); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println(a.ID)
	}
}
