package progress

import (
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"
)

// Rating is an FSRS grade: 1 Again, 2 Hard, 3 Good, 4 Easy (0 = none).
type Rating = fsrs.Rating

// BottomOutRung is the hint rung that hands over the answer.
const BottomOutRung = 4

// Performance is what an attempt tells the scheduler about one topic.
type Performance struct {
	Outcome    Outcome
	AttemptNo  int // 1 = first attempt at this scenario
	MaxHint    int // highest hint rung opened, 0 = none
	Revealed   bool
	Duration   time.Duration
	TargetTime time.Duration // zero: the scenario sets none
	// Transfer: the learner met this topic before in other items, so this
	// attempt shows the knowledge carrying over to a new variant.
	Transfer bool
}

// RateAttempt derives the FSRS rating from performance; learners are never
// asked to grade themselves (learning-design.md, "How to apply FSRS"):
//
//   - Again: not solved (failed or abandoned), the reference solution was
//     revealed, or the bottom-out hint (rung 4) was opened.
//   - Hard: solved, but with a rung 1–3 hint, or not on the first attempt,
//     or slower than the scenario's target time.
//   - Good: solved on the first attempt with no hints, within the target
//     time (or the scenario sets none).
//   - Easy: Good, and also a transfer (the topic was met before in another
//     item) done in at most half the target time.
func RateAttempt(p Performance) Rating {
	switch {
	case p.Outcome != Solved, p.Revealed, p.MaxHint >= BottomOutRung:
		return fsrs.Again
	case p.MaxHint > 0, p.AttemptNo > 1, p.TargetTime > 0 && p.Duration > p.TargetTime:
		return fsrs.Hard
	case p.Transfer && p.TargetTime > 0 && p.Duration*2 <= p.TargetTime:
		return fsrs.Easy
	}
	return fsrs.Good
}

// RateAnswer derives the FSRS rating of a quiz answer:
//
//   - Again: wrong, whatever the confidence (a confident error is also
//     counted for calibration and surfaced first in review).
//   - Hard: right but unsure ("think so" or "guess").
//   - Good: right and sure, or right when confidence was not asked.
func RateAnswer(correct bool, c Confidence) Rating {
	switch {
	case !correct:
		return fsrs.Again
	case c == ThinkSo || c == Guess:
		return fsrs.Hard
	}
	return fsrs.Good
}
