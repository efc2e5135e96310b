package progressdb

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/iamlab/iamlab/internal/progress"
)

// Two packs may both have a scenario "two-groups": typing in one never
// touches the other's draft, and their attempts, best results and resets
// are their own.
func TestPacksNeverShareARecord(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	core, copy := progress.Key("core", "two-groups"), progress.Key("my-pack", "two-groups")
	if _, err := s.SaveDraft(ctx, core, "NoFinance", "built-in work", 0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveDraft(ctx, copy, "NoFinance", "the copy", 0); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.Drafts(ctx, core); len(d) != 1 || d[0].Text != "built-in work" {
		t.Fatalf("built-in draft: %+v", d)
	}
	a := solvedAttempt("two-groups", t0)
	a.ScenarioKey = copy
	mustRecord(t, s, a)
	st, _ := s.ScenarioStatus(ctx)
	if st[copy].Status != progress.StatusSolved || st[core].Status != progress.StatusInProgress || st[core].Attempts != 0 {
		t.Fatalf("status: %+v", st)
	}
	b := solvedAttempt("two-groups", t0)
	b.ScenarioKey = core
	mustRecord(t, s, b)
	ex, _ := s.Export(ctx, "", t0)
	if ex.Attempts[0].AttemptNo != 1 || ex.Attempts[1].AttemptNo != 1 {
		t.Fatalf("attempt numbers are per pack: %+v", ex.Attempts)
	}
	if _, err := s.ResetScenario(ctx, copy); err != nil {
		t.Fatal(err)
	}
	st, _ = s.ScenarioStatus(ctx)
	if _, ok := st[copy]; ok || st[core].Status != progress.StatusSolved {
		t.Fatalf("reset of the copy touched the built-in: %+v", st)
	}
	keys, _ := s.RecordedKeys(ctx, "two-groups")
	if len(keys) != 1 || keys[0] != core {
		t.Fatalf("recorded keys %v", keys)
	}
}

// The store refuses a record without its pack: a caller that forgot it
// would mix packs again.
func TestKeyWithoutPackIsRefused(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	a := solvedAttempt("x", t0)
	a.PackID = ""
	if _, err := s.RecordAttempt(ctx, a); !errors.Is(err, progress.ErrInvalid) {
		t.Fatalf("attempt without pack: %v", err)
	}
	if _, err := s.SaveDraft(ctx, progress.ScenarioKey{ScenarioID: "x"}, "doc", "t", 0); !errors.Is(err, progress.ErrInvalid) {
		t.Fatalf("draft without pack: %v", err)
	}
	if err := s.DeleteDrafts(ctx, progress.ScenarioKey{ScenarioID: "x"}); !errors.Is(err, progress.ErrInvalid) {
		t.Fatalf("delete without pack: %v", err)
	}
}

// A version 2 database moves to version 3 with every record kept: those of
// built-in scenarios on their built-in pack, others unassigned until
// AdoptUnpacked finds their one pack.
func TestMigration3KeepsRecordsOnBuiltInPacks(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.db")
	v2, err := Open(path, withMigrations(builtinMigrations()[:2]), fixedClock(t0))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO attempts (id, scenario_id, started_at, finished_at, outcome, attempt_no, score, stars) VALUES
			(1, 'two-groups-one-bucket', 0, 1000, 'solved', 1, 100, 3), (2, 'my-own', 0, 2000, 'failed', 1, 10, 0),
			(3, 'shared-name', 0, 3000, 'failed', 1, 20, 0)`,
		`INSERT INTO best (scenario_id, best_score, best_stars, solved_at, attempt_id) VALUES
			('two-groups-one-bucket', 100, 3, 1000, 1), ('my-own', 10, 0, NULL, 2), ('shared-name', 20, 0, NULL, 3)`,
		`INSERT INTO drafts (scenario_id, doc_name, body, updated_at) VALUES
			('two-groups-one-bucket', 'doc', 'built-in draft', 5), ('my-own', 'doc', 'own draft', 6)`,
		`INSERT INTO attempt_topics (attempt_id, topic_id) VALUES (1, 'explicit-deny')`,
	} {
		if _, err := v2.db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	v2.Close()

	s, err := Open(path, fixedClock(t0))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := userVersion(t, path); got < 3 {
		t.Fatalf("version %d", got)
	}
	builtin := progress.Key("core", "two-groups-one-bucket")
	st, _ := s.ScenarioStatus(ctx)
	if st[builtin].Status != progress.StatusSolved || st[builtin].Attempts != 1 || !st[builtin].HasDraft {
		t.Fatalf("built-in record not on its pack: %+v", st)
	}
	if d, _ := s.Drafts(ctx, builtin); len(d) != 1 || d[0].Text != "built-in draft" || d[0].Rev != 1 {
		t.Fatalf("built-in draft: %+v", d)
	}
	if _, ok := st[progress.Key("", "my-own")]; !ok {
		t.Fatalf("a user pack's record was lost: %+v", st)
	}
	var topics int
	s.db.QueryRow(`SELECT count(*) FROM attempt_topics`).Scan(&topics)
	if topics != 1 {
		t.Fatal("the migration lost the attempts' tags")
	}

	n, err := s.AdoptUnpacked(ctx, map[string][]string{"my-own": {"mine"}, "shared-name": {"a", "b"}})
	if err != nil || n != 1 {
		t.Fatalf("adopted %d, %v", n, err)
	}
	st, _ = s.ScenarioStatus(ctx)
	if st[progress.Key("mine", "my-own")].Attempts != 1 || !st[progress.Key("mine", "my-own")].HasDraft {
		t.Fatalf("adopted record: %+v", st)
	}
	if _, ok := st[progress.Key("", "shared-name")]; !ok {
		t.Fatalf("a record two packs could own must stay unassigned: %+v", st)
	}
	var fk string
	s.db.QueryRow(`PRAGMA foreign_key_check`).Scan(&fk)
	if fk != "" {
		t.Fatalf("foreign keys broken: %s", fk)
	}
}

// Two windows on one scenario: the second to save after the other finds
// out, with the other's text, and nothing is overwritten until it chooses.
func TestDraftSavedByAnotherWindowIsDetected(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	k := progress.Key("core", "two-groups")
	a, _ := s.SaveDraft(ctx, k, "doc", "window A, first", 0) // A opened on nothing
	b, err := s.SaveDraft(ctx, k, "doc", "window B", a)      // B loaded A's draft
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.SaveDraft(ctx, k, "doc", "window A, second", a) // A still thinks rev a
	var conflict *progress.DraftConflictError
	if !errors.As(err, &conflict) || !errors.Is(err, progress.ErrDraftConflict) || conflict.Theirs.Text != "window B" || conflict.Theirs.Rev != b {
		t.Fatalf("want a conflict holding B's draft, got %v", err)
	}
	if d, _ := s.Drafts(ctx, k); d[0].Text != "window B" {
		t.Fatalf("the conflicting save overwrote: %q", d[0].Text)
	}
	// A keeps its own: saving on B's revision goes through.
	if _, err := s.SaveDraft(ctx, k, "doc", "window A, second", conflict.Theirs.Rev); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.Drafts(ctx, k); d[0].Text != "window A, second" {
		t.Fatalf("keep mine: %q", d[0].Text)
	}
	// A window that opened on no draft conflicts with one made since.
	if _, err := s.SaveDraft(ctx, k, "doc", "window C", 0); !errors.Is(err, progress.ErrDraftConflict) {
		t.Fatalf("window opened before any draft: %v", err)
	}
}
