package progress

import (
	"testing"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"
)

func TestRateAttempt(t *testing.T) {
	target := 10 * time.Minute
	good := Performance{Outcome: Solved, AttemptNo: 1, Duration: 8 * time.Minute, TargetTime: target}
	with := func(f func(*Performance)) Performance { p := good; f(&p); return p }
	cases := []struct {
		name string
		p    Performance
		want fsrs.Rating
	}{
		{"first try, no hints, in time", good, fsrs.Good},
		{"no target time", with(func(p *Performance) { p.TargetTime = 0 }), fsrs.Good},
		{"fast but not a transfer", with(func(p *Performance) { p.Duration = time.Minute }), fsrs.Good},
		{"fast transfer", with(func(p *Performance) { p.Duration = 5 * time.Minute; p.Transfer = true }), fsrs.Easy},
		{"transfer not fast enough", with(func(p *Performance) { p.Transfer = true }), fsrs.Good},
		{"rung 1 hint", with(func(p *Performance) { p.MaxHint = 1 }), fsrs.Hard},
		{"rung 3 hint", with(func(p *Performance) { p.MaxHint = 3 }), fsrs.Hard},
		{"second attempt", with(func(p *Performance) { p.AttemptNo = 2 }), fsrs.Hard},
		{"over target time", with(func(p *Performance) { p.Duration = 11 * time.Minute }), fsrs.Hard},
		{"bottom-out hint", with(func(p *Performance) { p.MaxHint = 4 }), fsrs.Again},
		{"solution revealed", with(func(p *Performance) { p.Revealed = true }), fsrs.Again},
		{"failed", with(func(p *Performance) { p.Outcome = Failed }), fsrs.Again},
		{"abandoned", with(func(p *Performance) { p.Outcome = Abandoned }), fsrs.Again},
		{"fast transfer with a hint", with(func(p *Performance) { p.Transfer = true; p.Duration = time.Minute; p.MaxHint = 2 }), fsrs.Hard},
	}
	for _, c := range cases {
		if got := RateAttempt(c.p); got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

func TestRateAnswer(t *testing.T) {
	cases := []struct {
		correct bool
		c       Confidence
		want    fsrs.Rating
	}{
		{true, Sure, fsrs.Good},
		{true, NoConfidence, fsrs.Good},
		{true, ThinkSo, fsrs.Hard},
		{true, Guess, fsrs.Hard},
		{false, Sure, fsrs.Again},
		{false, Guess, fsrs.Again},
	}
	for _, c := range cases {
		if got := RateAnswer(c.correct, c.c); got != c.want {
			t.Errorf("RateAnswer(%v, %q) = %v, want %v", c.correct, c.c, got, c.want)
		}
	}
}

// Failures every 2.4 h mixed with successes every 4 h drive go-fsrs
// v3.3.1's stability to exactly zero after about a hundred reviews (then the
// next review is NaN); the scheduler clamps it. Checked against the raw library
// while writing this test.
func TestManyAgainsKeepCardsFinite(t *testing.T) {
	s := NewScheduler()
	c := fsrs.NewCard()
	again, good := t0, t0.Add(105*time.Minute)
	var at time.Time
	for i := 0; i < 300; i++ {
		r := fsrs.Again
		if good.Before(again) {
			at, r = good, fsrs.Good
			good = good.Add(240 * time.Minute)
		} else {
			at = again
			again = again.Add(144 * time.Minute)
		}
		c = s.Next(c, at, r)
		if c.Stability < minStability || c.Stability != c.Stability || c.Difficulty < 1 || c.Difficulty > 10 {
			t.Fatalf("review %d: stability %v difficulty %v", i, c.Stability, c.Difficulty)
		}
	}
	if r := s.Retrievability(c, at.AddDate(0, 0, 30)); r < 0 || r > 1 || r != r {
		t.Fatalf("retrievability %v", r)
	}
}
