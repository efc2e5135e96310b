package progressdb

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/iamlab/iamlab/internal/progress"
)

var t0 = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

func fixedClock(t time.Time) Option { return WithClock(func() time.Time { return t }) }

func openTemp(t testing.TB, opts ...Option) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "data", "progress.db")
	s, err := Open(path, append([]Option{fixedClock(t0), WithLocation(time.UTC)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func solvedAttempt(scenario string, at time.Time, topics ...string) progress.Attempt {
	lp := 1.0
	return progress.Attempt{
		ScenarioKey: progress.Key("core", scenario), ContentVersion: "1", Mode: "learn",
		FinishedAt: at, Outcome: progress.Solved, Score: 100, Stars: 3,
		Checks: []progress.CheckResult{
			{Name: "dana GetObject q3", Want: "allowed", Got: "allowed", Passed: true},
			{Name: "dana PutObject", Want: "implicitDeny", Got: "implicitDeny", Passed: true, Hidden: true},
		},
		LeastPrivilege: &lp, Duration: 3 * time.Minute, TargetTime: 10 * time.Minute,
		Topics: topics, Tasks: []string{"SCS-C03:4.2.4"},
		Policies: map[string]string{"NoFinance": `{"Version":"2012-10-17"}`},
	}
}

func mustRecord(t testing.TB, s *Store, a progress.Attempt) int64 {
	t.Helper()
	id, err := s.RecordAttempt(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	return id
}
