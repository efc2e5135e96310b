package progress

import (
	"math"
	"strings"
	"testing"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"

	"github.com/iamlab/iamlab/internal/curriculum"
)

// t0 is the tests' "now": a fixed instant, so cards and ranges repeat.
var t0 = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// reviewedNow is a card last reviewed at now with the given stability: by
// FSRS's definition its retrievability is exactly 0.9 after `stability` days.
func reviewedNow(now time.Time, stability float64) fsrs.Card {
	c := fsrs.NewCard()
	c.State, c.Stability, c.LastReview, c.Difficulty = fsrs.Review, stability, now, 5
	return c
}

func TestReadinessHandComputed(t *testing.T) {
	s := NewScheduler()
	exam, _ := curriculum.ExamByID("SCS-C03")
	now := t0
	examDate := now.AddDate(0, 0, 10)
	ev := Evidence{
		Observations: map[string][2]int{
			"explicit-deny": {3, 2}, // Beta(3,2): mean 0.6, var 0.04
			"root-user":     {1, 1}, // Beta(2,1): mean 2/3, var 1/18
		},
		Cards: map[string]fsrs.Card{
			"explicit-deny": reviewedNow(now, 10),
			"root-user":     reviewedNow(now, 10),
		},
		Tasks: map[string]bool{"SCS-C03:4.2.3": true},
	}
	rep := ComputeReadiness(exam, ev, examDate, now, s.Retrievability)

	// Topics: predicted = mastery × R(exam date) = mastery × 0.9.
	byID := map[string]TopicReadiness{}
	for _, tr := range rep.Topics {
		byID[tr.TopicID] = tr
	}
	ed, ru := byID["explicit-deny"], byID["root-user"]
	if !near(ed.Mastery, 0.6) || !near(ed.Retention, 0.9) || !near(ed.Predicted, 0.54) {
		t.Fatalf("explicit-deny %+v", ed)
	}
	if !near(ru.Mastery, 2.0/3) || !near(ru.Predicted, 0.6) {
		t.Fatalf("root-user %+v", ru)
	}
	// Domains: D4 only explicit-deny (0.54), D6 only root-user (0.6).
	d4, d6 := rep.Domains[3], rep.Domains[5]
	if !near(d4.Predicted, 0.54) || d4.Band != BandNeedsWork || !d4.Uncertain || d4.Observations != 3 {
		t.Fatalf("D4 %+v", d4)
	}
	if !near(d6.Predicted, 0.6) || d6.Band != BandNeedsWork || d6.TopicsPractised != 1 {
		t.Fatalf("D6 %+v", d6)
	}
	// Every SCS-C03 domain has IAM-bearing statements (D1 1.2, the
	// organization trail; D2 2.1.2, 2.2.2, 2.2.4; …): in scope, unpractised.
	if !rep.Domains[0].InScope || rep.Domains[0].Band != BandUnknown {
		t.Fatalf("D1 is in iamlab's scope and unknown: %+v", rep.Domains[0])
	}
	// Coverage: D4 has 8 skills, practised 4.2.4 (topic) and 4.2.3 (tag): 2/8.
	// D6 has 6 IAM-bearing skills, root-user serves 6.1.5: 1/6. The exam has
	// 24 served statements (D1 1, D2 3, D3 3, D4 8, D5 3, D6 6): 3/24.
	if !near(d4.Coverage, 0.25) || !near(d6.Coverage, 1.0/6) || !near(rep.Coverage, 3.0/24) || !near(rep.ScopeWeight, 1) {
		t.Fatalf("coverage D4 %v D6 %v all %v scope %v", d4.Coverage, d6.Coverage, rep.Coverage, rep.ScopeWeight)
	}
	// Overall: (0.20×0.54 + 0.14×0.6) / 0.34.
	if want := 0.192 / 0.34; !near(rep.Predicted, want) {
		t.Fatalf("predicted %v, want %v", rep.Predicted, want)
	}
	// Range: variances × R² = 0.04×0.81 and (1/18)×0.81, weighted by w².
	sd := math.Sqrt(0.04*0.04*0.81+0.0196*0.81/18) / 0.34
	if !near(rep.Low, 0.192/0.34-1.645*sd) || !near(rep.High, 0.192/0.34+1.645*sd) {
		t.Fatalf("range %v..%v, want ±%v", rep.Low, rep.High, 1.645*sd)
	}
	if rep.Band != BandNeedsWork || !rep.Uncertain {
		t.Fatalf("overall band %v uncertain %v", rep.Band, rep.Uncertain)
	}
	// Gains: 56 topics serve SCS-C03 D4 and 15 serve D6 (counted from the
	// topic table), so root-user (0.14/15×0.4 ≈ 0.00373) ranks above
	// explicit-deny (0.20/56×0.46 ≈ 0.00164).
	if d4.TopicsTotal != 56 || d6.TopicsTotal != 15 {
		t.Fatalf("topics per domain %d %d", d4.TopicsTotal, d6.TopicsTotal)
	}
	if rep.Weakest[0].TopicID != "root-user" || !near(rep.Weakest[0].Gain, 0.14/15*0.4) || !near(rep.Weakest[1].Gain, 0.2/56*0.46) {
		t.Fatalf("weakest %+v", rep.Weakest)
	}
	// Every one of the 77 topics serves SCS-C03.
	if len(rep.Untouched) != 77-2 {
		t.Fatalf("untouched %d", len(rep.Untouched))
	}
}

func TestReadinessBandsAndUnknown(t *testing.T) {
	s := NewScheduler()
	exam, _ := curriculum.ExamByID("SCS-C03")
	empty := ComputeReadiness(exam, Evidence{}, time.Time{}, t0, s.Retrievability)
	if empty.Band != BandUnknown || empty.Predicted != 0 || !empty.Uncertain || len(empty.Topics) != 0 {
		t.Fatalf("no evidence must be unknown, not zero: %+v", empty)
	}
	ev := Evidence{
		Observations: map[string][2]int{"explicit-deny": {20, 20}},
		Cards:        map[string]fsrs.Card{"explicit-deny": reviewedNow(t0, 30)},
	}
	// Exam date in the past: retention is taken now, R = 1.
	rep := ComputeReadiness(exam, ev, t0.AddDate(0, 0, -3), t0, s.Retrievability)
	d4 := rep.Domains[3]
	if !near(d4.Predicted, 21.0/22) || d4.Band != BandReady || d4.Uncertain {
		t.Fatalf("D4 %+v", d4)
	}
	if rep.Band != BandReady || !rep.Uncertain || rep.Domains[5].Band != BandUnknown {
		t.Fatalf("ready but uncertain while D6 is unknown: %+v", rep)
	}
	if band(0.70, 0.75) != BandBorderline || band(0.64, 0.75) != BandNeedsWork || band(0.80, 0.75) != BandReady {
		t.Fatal("band thresholds")
	}
}

// The scope line never claims more than iamlab teaches: a domain with some
// IAM-bearing skills is not a domain taught whole.
func TestScopeWordsNeverClaimTheWholeExam(t *testing.T) {
	for w, want := range map[float64]string{
		1:    "the IAM-bearing skills of every domain, not every skill",
		0.34: "the IAM-bearing skills of domains worth 34% of the exam",
	} {
		r := Report{ScopeWeight: w}
		if got := r.ScopeWords(); !strings.Contains(got, want) || strings.Contains(got, "100%") {
			t.Errorf("scope %v: %q", w, got)
		}
	}
}
