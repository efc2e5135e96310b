package progressdb

import (
	"context"
	"testing"
	"time"

	"github.com/iamlab/iamlab/internal/progress"
)

// Each practised domain carries a 90% range around its prediction.
func TestDomainRangeBracketsThePrediction(t *testing.T) {
	s, err := OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	now := time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)
	for i, ok := range []bool{true, true, false, true} {
		if _, err := s.RecordAnswer(ctx, progress.Answer{ItemID: "q" + string(rune('a'+i)), At: now.Add(time.Duration(i) * time.Minute), Correct: ok, Confidence: progress.Sure, Mode: progress.Practice, Topics: []string{"explicit-deny"}, Tasks: []string{"SCS-C03:4.2.4"}}); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := s.Readiness(ctx, "SCS-C03", time.Time{}, now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	practised := 0
	for _, d := range rep.Domains {
		if d.TopicsPractised == 0 {
			continue
		}
		practised++
		if !(d.Low <= d.Predicted && d.Predicted <= d.High) || d.High-d.Low <= 0 || d.Low < 0 || d.High > 1 {
			t.Errorf("D%d: range %v..%v around %v", d.Number, d.Low, d.High, d.Predicted)
		}
	}
	if practised == 0 {
		t.Fatal("no domain was practised")
	}
}
