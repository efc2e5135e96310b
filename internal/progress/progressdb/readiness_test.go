package progressdb

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/iamlab/iamlab/internal/progress"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestReadinessFromStore(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	mustRecord(t, s, solvedAttempt("a", t0, "explicit-deny")) // first try, no hints: correct
	second := solvedAttempt("a", t0.Add(time.Hour), "explicit-deny")
	mustRecord(t, s, second) // not a first attempt: not an observation
	hinted := solvedAttempt("b", t0, "explicit-deny")
	hinted.Hints = []int{2}
	mustRecord(t, s, hinted) // first try with help: incorrect
	s.RecordAnswer(ctx, progress.Answer{ItemID: "q", At: t0, Correct: true, Confidence: progress.Sure, Topics: []string{"explicit-deny"}})

	rep, err := s.Readiness(ctx, "scs-c03", t0.AddDate(0, 1, 0), t0.Add(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	tr := rep.Topics[0]
	if tr.TopicID != "explicit-deny" || tr.Observations != 3 || tr.Correct != 2 || !near(tr.Mastery, 0.6) {
		t.Fatalf("topic %+v", tr)
	}
	if tr.Retention <= 0 || tr.Retention >= 1 {
		t.Fatalf("retention a month out should be strictly between 0 and 1: %v", tr.Retention)
	}
	if _, err := s.Readiness(ctx, "XYZ", time.Time{}, t0); err == nil {
		t.Fatal("unknown exam must fail")
	}
	sum, err := s.Summary(ctx, "SCS-C03", time.Time{}, t0.Add(3*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Totals.Attempts != 3 || sum.Totals.Answers != 1 || sum.Streak.Days != 1 || len(sum.Recent) != 3 ||
		sum.Recent[0].ScenarioID != "a" || !near(sum.Totals.HintShare, 1.0/3) {
		t.Fatalf("summary %+v", sum)
	}
}
