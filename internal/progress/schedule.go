package progress

import (
	"math"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"
)

// Scheduler advances spaced-repetition cards and estimates recall. It is
// the one place FSRS is configured, so the store replaying its review log
// and readiness estimating retention agree on every card.
type Scheduler struct{ fsrs *fsrs.FSRS }

// NewScheduler uses FSRS-5 defaults (desired retention 0.9, short-term
// steps on) with fuzz off, so a replayed review log gives identical cards.
func NewScheduler() *Scheduler {
	p := fsrs.DefaultParam()
	p.EnableFuzz = false
	return &Scheduler{fsrs: fsrs.NewFSRS(p)}
}

// minStability (days) keeps a card out of go-fsrs v3.3.1's underflow: many
// Again ratings in a row on one day multiply stability towards zero, and
// at zero the next review computes NaN (which SQLite would store as NULL).
// FSRS's reference implementation clamps at the same value.
const minStability = 0.01

// Next is one FSRS review with the card kept finite.
func (s *Scheduler) Next(c fsrs.Card, at time.Time, r Rating) fsrs.Card {
	if c.State != fsrs.New {
		c.Stability = sane(c.Stability, minStability, minStability, math.MaxFloat64)
		c.Difficulty = sane(c.Difficulty, 5, 1, 10)
	}
	n := s.fsrs.Next(c, at, r).Card
	n.Stability = sane(n.Stability, minStability, minStability, math.MaxFloat64)
	n.Difficulty = sane(n.Difficulty, 5, 1, 10)
	return n
}

// sane clamps v to [lo, hi] and replaces NaN with def.
func sane(v, def, lo, hi float64) float64 {
	if math.IsNaN(v) {
		return def
	}
	return min(max(v, lo), hi)
}

// Retrievability is R(at), clamped to [0,1]; for a time before the last
// review it is 1 (just reviewed).
func (s *Scheduler) Retrievability(c fsrs.Card, at time.Time) float64 {
	if c.State == fsrs.New {
		return 0
	}
	if at.Before(c.LastReview) {
		return 1
	}
	r := s.fsrs.GetRetrievability(c, at)
	return min(max(r, 0), 1)
}
