package progressdb

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/iamlab/iamlab/internal/progress"
)

// A predict or choose attempt keeps the learner's confidence through the
// store and the exports.
func TestAttemptConfidenceIsStoredAndExported(t *testing.T) {
	s, err := OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	now := time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)
	if _, err := s.RecordAttempt(ctx, progress.Attempt{ScenarioKey: progress.Key("core", "scp-vs-boundary"), StartedAt: now.Add(-time.Minute), FinishedAt: now,
		Outcome: progress.Failed, Confidence: progress.Sure, Topics: []string{"scp-never-grants"},
		Checks: []progress.CheckResult{{Name: "decision", Want: "implicitDeny", Got: "allowed"}}}); err != nil {
		t.Fatal(err)
	}
	ex, err := s.Export(ctx, "ann", now)
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.Attempts) != 1 || ex.Attempts[0].Confidence != progress.Sure {
		t.Fatalf("confidence not stored: %+v", ex.Attempts)
	}
	var b bytes.Buffer
	if err := ex.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), ",sure,") {
		t.Fatalf("confidence not in the CSV:\n%s", b.String())
	}
	if SchemaVersion() < 2 {
		t.Fatal("the confidence column needs schema version 2")
	}
}

// The first answer to a predict or choose is the one that counts: it sets
// the stars and the best score, and its confidence counts towards
// calibration. Answering again after the reveal is practice: kept in the
// history, ignored by both.
func TestFirstAnswerCountsAndRedoIsPractice(t *testing.T) {
	s, err := OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	now := time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)
	first := progress.Attempt{ScenarioKey: progress.Key("core", "scp-vs-boundary"), Mode: "learn", StartedAt: now.Add(-time.Minute), FinishedAt: now,
		Outcome: progress.Failed, Score: 35, Confidence: progress.Sure, Topics: []string{"scp-never-grants"}, Tasks: []string{"SCS-C03:4.2.1"}}
	mustRecord(t, s, first)
	redo := first
	redo.Mode, redo.Outcome, redo.Score, redo.Stars, redo.Confidence = string(progress.Practice), progress.Solved, 90, 0, progress.Sure
	redo.FinishedAt = now.Add(time.Minute)
	mustRecord(t, s, redo)

	st, err := s.ScenarioStatus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := progress.StatusOf(st, progress.Key("core", "scp-vs-boundary"))
	if got.Status != progress.StatusInProgress || got.BestScore != 35 || got.Stars != 0 || got.Attempts != 2 {
		t.Errorf("after a wrong first answer and a right redo: %+v; want in progress, best 35, no stars, 2 attempts", got)
	}
	r, err := s.Readiness(ctx, "SCS-C03", time.Time{}, now)
	if err != nil {
		t.Fatal(err)
	}
	if c := r.Calibration; c.Sure != 1 || c.ConfidentWrong != 1 || c.SureCorrect != 0 {
		t.Errorf("calibration %+v; want the first answer only: 1 sure, wrong", c)
	}
}
