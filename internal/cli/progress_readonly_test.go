package cli

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/progress/progressdb"
)

// snapshot is every file of a folder with its bytes.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		out[e.Name()] = string(b)
	}
	return out
}

func sameFiles(t *testing.T, what string, before, after map[string]string) {
	t.Helper()
	for name, b := range after {
		if a, ok := before[name]; !ok {
			t.Errorf("%s created %s", what, name)
		} else if a != b {
			t.Errorf("%s changed %s", what, name)
		}
	}
	for name := range before {
		if _, ok := after[name]; !ok {
			t.Errorf("%s moved or removed %s", what, name)
		}
	}
}

// progress, --json and --csv only read: a damaged database is reported on
// stderr with a non-zero exit and left where it is, and a good one (of
// this schema or an older one) is exported without a file being created,
// changed or migrated — which is also what lets it work in a folder that
// cannot be written.
func TestProgressReadsWithoutWriting(t *testing.T) {
	ctx := context.Background()
	modes := []ProgressOptions{{}, {JSON: true}, {CSV: true}}

	dir := t.TempDir()
	damaged := filepath.Join(dir, "progress.db")
	if err := os.WriteFile(damaged, []byte("this is not a database, but it is the learner's file"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, m := range modes {
		before := snapshot(t, dir)
		opts := m
		opts.DBPath, opts.Exam, opts.Now = damaged, "SCS-C03", progressFixedNow
		stdio, out, errb := progressIO("")
		err := runProgress(ctx, &opts, stdio)
		if progressExitCode(err) == 0 || out.Len() != 0 {
			t.Fatalf("json=%v csv=%v on a damaged database: exit %d, output %q", m.JSON, m.CSV, progressExitCode(err), out)
		}
		if msg := errb.String() + err.Error(); !strings.Contains(msg, "damaged") || !strings.Contains(msg, damaged) || !strings.Contains(msg, "nothing was changed") {
			t.Fatalf("message: %q", msg)
		}
		sameFiles(t, "progress on a damaged database", before, snapshot(t, dir))
	}

	path := seedProgress(t)
	for _, m := range modes {
		before := snapshot(t, filepath.Dir(path))
		opts := m
		opts.DBPath, opts.Exam, opts.Now = path, "SCS-C03", progressFixedNow
		stdio, out, _ := progressIO("")
		if err := runProgress(ctx, &opts, stdio); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "scp-gap") {
			t.Fatalf("export lacks the records:\n%s", out)
		}
		sameFiles(t, "progress", before, snapshot(t, filepath.Dir(path)))
	}

	// A database of schema 2 is exported as it is, not migrated.
	old := filepath.Join(t.TempDir(), "progress.db")
	s, err := progressdb.Open(old)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, _ := sql.Open("sqlite", old)
	for _, q := range []string{
		// what schemas 3, 4 and 5 added, so the file really is schema 2
		`ALTER TABLE attempts DROP COLUMN pack_version`, `DROP TABLE exam_domains`, `DROP TABLE exams`, `DROP TABLE paused_exam`, `DROP TABLE playground_drafts`, `DROP TABLE playground_requests`, `DROP TABLE settings`,
		`DROP TABLE best`, `DROP TABLE drafts`, `DROP INDEX attempts_scenario`, `ALTER TABLE attempts DROP COLUMN pack_id`,
		`CREATE TABLE best (scenario_id TEXT PRIMARY KEY, best_score REAL NOT NULL, best_stars INTEGER NOT NULL, solved_at INTEGER, attempt_id INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE) STRICT`,
		`CREATE TABLE drafts (scenario_id TEXT NOT NULL, doc_name TEXT NOT NULL, body TEXT NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (scenario_id, doc_name)) STRICT`,
		`CREATE INDEX attempts_scenario ON attempts (scenario_id, finished_at)`,
		`INSERT INTO attempts (scenario_id, started_at, finished_at, outcome, attempt_no) VALUES ('two-groups-one-bucket', 0, 1000, 'solved', 1)`,
		`PRAGMA user_version = 2`, `PRAGMA journal_mode = DELETE`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	before := snapshot(t, filepath.Dir(old))
	stdio, out, _ := progressIO("")
	if err := runProgress(ctx, &ProgressOptions{DBPath: old, JSON: true, Exam: "SCS-C03", Now: progressFixedNow}, stdio); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"scenario_id": "two-groups-one-bucket"`) || !strings.Contains(out.String(), `"pack_id": "core"`) {
		t.Fatalf("old database export:\n%s", out)
	}
	sameFiles(t, "progress on a schema 2 database", before, snapshot(t, filepath.Dir(old)))
}
