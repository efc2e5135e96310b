package progressdb

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/progress"
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
	if _, err := r.SaveDraft(ctx, progress.Key("core", "x"), "doc", "t", 0); !errors.Is(err, progress.ErrReadOnly) {
		t.Fatalf("a read-only store wrote: %v", err)
	}
	if _, err := OpenReadOnly(filepath.Join(t.TempDir(), "none.db")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing file: %v", err)
	}
}

// A database file that cannot be written is found at start, not at the
// first save: the store opens for reading, says so in a notice that names
// the file and what to do, and does not claim to record.
func TestReadOnlyFileIsDetectedAtOpen(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	mustRecord(t, s, solvedAttempt("two-groups", t0))
	s.Close()
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	// Root writes to a 0444 file anyway; query_only gives the refusal a
	// learner's account would get.
	ro, err := OpenOrMemory(path, withPragma("query_only(1)"))
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	n := ro.Notices()
	if len(n) != 1 || !strings.Contains(n[0], path) || !strings.Contains(n[0], "read-only") || !strings.Contains(n[0], "chmod u+w "+path) {
		t.Fatalf("notice %q", n)
	}
	if ro.Persistent() {
		t.Fatal("a store that cannot write must not claim to record")
	}
	if st, err := ro.ScenarioStatus(ctx); err != nil || st[progress.Key("core", "two-groups")].Status != progress.StatusSolved {
		t.Fatalf("reads must keep working: %v %v", st, err)
	}
	_, err = ro.SaveDraft(ctx, progress.Key("core", "x"), "doc", "t", 0)
	if !errors.Is(err, progress.ErrReadOnly) || !strings.Contains(err.Error(), "chmod u+w "+path) {
		t.Fatalf("a write's advice must be about the file: %v", err)
	}
}
