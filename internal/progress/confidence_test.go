package progress

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
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
	if _, err := s.RecordAttempt(ctx, Attempt{ScenarioKey: Key("core", "scp-vs-boundary"), StartedAt: now.Add(-time.Minute), FinishedAt: now,
		Outcome: Failed, Confidence: Sure, Topics: []string{"scp-never-grants"},
		Checks: []CheckResult{{Name: "decision", Want: "implicitDeny", Got: "allowed"}}}); err != nil {
		t.Fatal(err)
	}
	ex, err := s.Export(ctx, "ann", now)
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.Attempts) != 1 || ex.Attempts[0].Confidence != Sure {
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
