package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/progress/progressdb"
)

var progressNow = time.Date(2026, 3, 2, 18, 0, 0, 0, time.UTC)

func progressFixedNow() time.Time { return progressNow }

func progressIO(in string) (IO, *bytes.Buffer, *bytes.Buffer) {
	out, errb := &bytes.Buffer{}, &bytes.Buffer{}
	return IO{In: strings.NewReader(in), Out: out, Err: errb}, out, errb
}

// seedProgress writes a small history: two scenarios, one quiz answer.
func seedProgress(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "progress.db")
	s, err := progressdb.Open(path, progressdb.WithClock(progressFixedNow))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	for _, a := range []progress.Attempt{
		{ScenarioKey: progress.Key("core", "two-groups"), FinishedAt: progressNow.Add(-2 * time.Hour), Outcome: progress.Solved, Score: 100, Stars: 3,
			Duration: 4 * time.Minute, Topics: []string{"explicit-deny"}, Tasks: []string{"SCS-C03:4.2.4", "SAA-C03:1.1"},
			Checks: []progress.CheckResult{{Name: "dana get", Want: "allowed", Got: "allowed", Passed: true}}},
		{ScenarioKey: progress.Key("core", "scp-gap"), FinishedAt: progressNow.Add(-time.Hour), Outcome: progress.Failed, Score: 20, Hints: []int{1, 4},
			Duration: 9 * time.Minute, Topics: []string{"scp-never-grants"}},
	} {
		if _, err := s.RecordAttempt(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.RecordAnswer(ctx, progress.Answer{ItemID: "quiz-1", At: progressNow.Add(-30 * time.Minute), Chosen: "B",
		Correct: false, Confidence: progress.Sure, Mode: progress.ExamMode, Duration: 150 * time.Second,
		Topics: []string{"session-policies"}}); err != nil {
		t.Fatal(err)
	}
	s.SaveDraft(ctx, progress.Key("core", "scp-gap"), "FullAWSAccess", "{}", 0)
	return path
}

func progressExitCode(err error) int {
	var ee *ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	if err != nil {
		return -1
	}
	return 0
}

func TestProgressSummary(t *testing.T) {
	path := seedProgress(t)
	stdio, out, _ := progressIO("")
	opts := &ProgressOptions{DBPath: path, Exam: "SCS-C03", ExamDate: "2026-04-01", Now: progressFixedNow}
	if err := runProgress(context.Background(), opts, stdio); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"SCS-C03 — AWS Certified Security – Specialty",
		"Exam date 2026-04-01 (30 days away)",
		"Readiness: needs work (uncertain",
		"D4 Identity and Access Management",
		"D1 Detection",
		"D1 Detection                                16%  unknown: never practised",
		"Where practice gains the most",
		"scp-never-grants",
		"Never practised:",
		"Streak: 1 day\n",
		"Calibration: 1 confident-but-wrong answer",
		"Pace: 150 s per exam-mode item (budget 157 s)",
		"Recent attempts",
		"scp-gap",
		"★★★",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}
}

func TestProgressEmptyDoesNotCreateFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none", "progress.db")
	stdio, out, _ := progressIO("")
	if err := runProgress(context.Background(), &ProgressOptions{DBPath: path, Exam: "SAA-C03", Now: progressFixedNow}, stdio); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Nothing practised yet") {
		t.Fatalf("output %q", out)
	}
	if _, err := os.Stat(filepath.Dir(path)); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("looking at progress must not create the data folder")
	}
}

func TestProgressRetiredExamNote(t *testing.T) {
	path := seedProgress(t)
	stdio, out, _ := progressIO("")
	if err := runProgress(context.Background(), &ProgressOptions{DBPath: path, Exam: "scs-c02", Now: progressFixedNow}, stdio); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "SCS-C02 is retired; the current version is SCS-C03") {
		t.Fatalf("output %q", out)
	}
}

func TestProgressCSVAndJSON(t *testing.T) {
	path := seedProgress(t)
	stdio, out, _ := progressIO("")
	if err := runProgress(context.Background(), &ProgressOptions{DBPath: path, CSV: true, Name: "Dana K.", Exam: "SCS-C03", Now: progressFixedNow}, stdio); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[0][0] != "learner" || rows[1][0] != "Dana K." || rows[1][1] != "attempt" || rows[3][1] != "answer" {
		t.Fatalf("csv %q", rows)
	}

	stdio, out, _ = progressIO("")
	if err := runProgress(context.Background(), &ProgressOptions{DBPath: path, JSON: true, Name: "Dana K.", Exam: "SAA-C03", Now: progressFixedNow}, stdio); err != nil {
		t.Fatal(err)
	}
	var ex progress.Export
	if err := json.Unmarshal(out.Bytes(), &ex); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if ex.Learner != "Dana K." || len(ex.Attempts) != 2 || len(ex.Answers) != 1 || ex.Readiness == nil || ex.Readiness.Exam != "SAA-C03" {
		t.Fatalf("json export %+v", ex)
	}
	if ex.Attempts[1].Hints[1] != 4 || ex.Attempts[0].Checks[0].Name != "dana get" {
		t.Fatalf("attempt detail missing: %+v", ex.Attempts)
	}
}

func TestProgressBadFlags(t *testing.T) {
	path := seedProgress(t)
	stdio, _, _ := progressIO("")
	err := runProgress(context.Background(), &ProgressOptions{DBPath: path, Exam: "SCS-C03", ExamDate: "next friday", Now: progressFixedNow}, stdio)
	if progressExitCode(err) != 2 || !strings.Contains(err.Error(), "expected a date like") {
		t.Fatalf("bad date: %v", err)
	}
	err = runProgress(context.Background(), &ProgressOptions{DBPath: path, Exam: "SCS-C04", Now: progressFixedNow}, stdio)
	if progressExitCode(err) != 2 || !strings.Contains(err.Error(), "SAA-C03, SCS-C02, SCS-C03") {
		t.Fatalf("bad exam: %v", err)
	}
}

func TestProgressCommandWiring(t *testing.T) {
	home := t.TempDir()
	t.Setenv("IAMLAB_HOME", home)
	stdio, _, _ := progressIO("")
	root := NewRoot(stdio)
	root.SetArgs([]string{"progress", "--json", "--csv"})
	if err := root.Execute(); err == nil || !strings.Contains(err.Error(), "json") {
		t.Fatalf("--json with --csv must be refused, got %v", err)
	}
	stdio, out, _ := progressIO("")
	root = NewRoot(stdio)
	root.SetArgs([]string{"progress", "--csv", "--name", "Sam"})
	if err := root.Execute(); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "learner,kind,") {
		t.Fatalf("csv header %q", out)
	}
	// IAMLAB_HOME decides the default database; nothing is created by reading.
	if _, err := os.Stat(filepath.Join(home, "data", "progress.db")); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("unexpected database file")
	}
}

func TestProgressReset(t *testing.T) {
	ctx := context.Background()
	path := seedProgress(t)

	stdio, _, _ := progressIO("")
	if err := runProgressReset(ctx, &ProgressResetOptions{DBPath: path}, stdio); progressExitCode(err) != 2 {
		t.Fatalf("reset without a target: %v", err)
	}
	if err := runProgressReset(ctx, &ProgressResetOptions{DBPath: path, Scenario: "nope"}, stdio); progressExitCode(err) != 1 ||
		!strings.Contains(err.Error(), "nothing was changed") {
		t.Fatalf("unknown scenario: %v", err)
	}

	stdio, out, _ := progressIO("n\n")
	err := runProgressReset(ctx, &ProgressResetOptions{DBPath: path, Scenario: "scp-gap", Now: progressFixedNow}, stdio)
	if progressExitCode(err) != 1 || !strings.Contains(out.String(), "Continue? [y/N]") || !strings.Contains(out.String(), "Nothing was changed") {
		t.Fatalf("declined reset: %v %q", err, out)
	}
	if m, _ := filepath.Glob(path + ".backup-*"); len(m) != 0 {
		t.Fatalf("declining must not write a backup: %v", m)
	}

	stdio, out, _ = progressIO("yes\n")
	if err := runProgressReset(ctx, &ProgressResetOptions{DBPath: path, Scenario: "scp-gap", Now: progressFixedNow}, stdio); err != nil {
		t.Fatal(err)
	}
	backup := path + ".backup-20260302T180000Z"
	if !strings.Contains(out.String(), "Backup kept at "+backup) {
		t.Fatalf("output %q", out)
	}
	s, err := progressdb.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := s.ScenarioStatus(ctx)
	s.Close()
	if _, ok := st[progress.Key("core", "scp-gap")]; ok || st[progress.Key("core", "two-groups")].Status != progress.StatusSolved {
		t.Fatalf("after reset: %+v", st)
	}
	b, err := progressdb.Open(backup)
	if err != nil {
		t.Fatal(err)
	}
	st, _ = b.ScenarioStatus(ctx)
	b.Close()
	if _, ok := st[progress.Key("core", "scp-gap")]; !ok {
		t.Fatal("the backup must still hold the reset scenario")
	}

	stdio, out, _ = progressIO("")
	if err := runProgressReset(ctx, &ProgressResetOptions{DBPath: path, All: true, Yes: true, Now: progressFixedNow}, stdio); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "Continue?") || !strings.Contains(out.String(), "Deleted ALL recorded progress") {
		t.Fatalf("--yes output %q", out)
	}
	if m, _ := filepath.Glob(path + ".backup-*"); len(m) != 2 {
		t.Fatalf("want two backups, got %v", m)
	}
}

// When two packs have records of one scenario id, reset asks which and
// changes nothing until told; PACK/ID names one.
func TestProgressResetAcrossPacks(t *testing.T) {
	ctx := context.Background()
	path := seedProgress(t)
	s, err := progressdb.Open(path, progressdb.WithClock(progressFixedNow))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveDraft(ctx, progress.Key("my-pack", "two-groups"), "doc", "copy", 0); err != nil {
		t.Fatal(err)
	}
	s.Close()
	stdio, _, _ := progressIO("")
	err = runProgressReset(ctx, &ProgressResetOptions{DBPath: path, Scenario: "two-groups", Yes: true, Now: progressFixedNow}, stdio)
	if progressExitCode(err) != 2 || !strings.Contains(err.Error(), "--scenario core/two-groups or --scenario my-pack/two-groups") {
		t.Fatalf("ambiguous reset: %v", err)
	}
	if err := runProgressReset(ctx, &ProgressResetOptions{DBPath: path, Scenario: "my-pack/two-groups", Yes: true, Now: progressFixedNow}, stdio); err != nil {
		t.Fatal(err)
	}
	s, _ = progressdb.Open(path)
	defer s.Close()
	st, _ := s.ScenarioStatus(ctx)
	if _, ok := st[progress.Key("my-pack", "two-groups")]; ok || st[progress.Key("core", "two-groups")].Status != progress.StatusSolved {
		t.Fatalf("after reset of my-pack/two-groups: %+v", st)
	}
}
