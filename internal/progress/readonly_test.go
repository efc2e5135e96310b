package progress

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// Beside a running trainer (its write-ahead log present), a reader sees
// every commit; a reader never writes.
func TestOpenReadOnlyBesideAWriter(t *testing.T) {
	ctx := context.Background()
	w, path := openTemp(t)
	mustRecord(t, w, solvedAttempt("two-groups", t0))
	if _, err := os.Stat(path + "-wal"); err != nil {
		t.Fatalf("the writer should have a WAL open: %v", err)
	}
	r, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	mustRecord(t, w, solvedAttempt("scp-gap", t0))
	st, err := r.ScenarioStatus(ctx)
	if err != nil || len(st) != 2 {
		t.Fatalf("reader sees %d scenarios (%v), want both commits", len(st), err)
	}
	if _, err := r.SaveDraft(ctx, Key("core", "x"), "doc", "t", 0); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("a read-only store wrote: %v", err)
	}
	if _, err := OpenReadOnly(filepath.Join(t.TempDir(), "none.db")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing file: %v", err)
	}
}
