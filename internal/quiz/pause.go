package quiz

import (
	"errors"
	"fmt"
	"time"

	"github.com/iamlab/iamlab/internal/curriculum"
	"github.com/iamlab/iamlab/internal/progress"
)

// A mock exam can be paused as a test centre never allows but a learner
// with a life needs: the clock stops, and the exam can be put away and
// resumed later, after a restart too. The saved state is the exam's items
// (by ID, with the seed that generated any generated ones) and the
// learner's work.

// ErrPaused refuses an answer while the clock is stopped.
var ErrPaused = errors.New("the exam is paused: resume it first")

// now is the exam's time: frozen while paused.
func (e *Exam) now() time.Time {
	if !e.pausedAt.IsZero() {
		return e.pausedAt
	}
	return e.clock()
}

// Paused reports whether the clock is stopped.
func (e *Exam) Paused() bool { return !e.pausedAt.IsZero() }

// Pause stops the clock; answers are refused until Resume.
func (e *Exam) Pause() error {
	if e.Submitted() {
		return ErrSubmitted
	}
	if e.pausedAt.IsZero() {
		e.pausedAt = e.clock()
	}
	return nil
}

// Resume starts the clock again where it stopped: the pause does not count
// against the time limit.
func (e *Exam) Resume() {
	if e.pausedAt.IsZero() {
		return
	}
	away := e.clock().Sub(e.pausedAt)
	e.started = e.started.Add(away)
	for _, en := range e.entries {
		if !en.Shown.IsZero() && !en.Answered {
			en.Shown = en.Shown.Add(away)
		}
	}
	e.pausedAt = time.Time{}
}

// Elapsed is the exam time used so far, pauses excluded.
func (e *Exam) Elapsed() time.Duration {
	if e.Submitted() {
		return e.submitted.Sub(e.started)
	}
	return e.now().Sub(e.started)
}

// ExamState is a paused exam as it is saved.
type ExamState struct {
	Exam    string        `json:"exam"`
	Seed    int64         `json:"seed"`
	Items   int           `json:"items"`
	ItemIDs []string      `json:"itemIds"`
	Used    time.Duration `json:"usedNs"`
	Current int           `json:"current"`
	Entries []EntryState  `json:"entries"`
}

// EntryState is the learner's work on one item.
type EntryState struct {
	Response   Response            `json:"response"`
	Answered   bool                `json:"answered,omitempty"`
	Confidence progress.Confidence `json:"confidence,omitempty"`
	Flagged    bool                `json:"flagged,omitempty"`
	Spent      time.Duration       `json:"spentNs,omitempty"`
}

// State captures the exam for resuming later.
func (e *Exam) State() ExamState {
	st := ExamState{Exam: e.exam.ID, Seed: e.seed, Items: e.drawn, Used: e.Elapsed(), Current: e.cur}
	for _, en := range e.entries {
		st.ItemIDs = append(st.ItemIDs, en.Item.ID)
		st.Entries = append(st.Entries, EntryState{Response: en.Response, Answered: en.Answered, Confidence: en.Confidence, Flagged: en.Flagged, Spent: en.Spent})
	}
	return st
}

// ResumeExam rebuilds a saved exam from its item IDs and puts the
// learner's work back; the clock runs from where it stopped. Items are
// found by ID, not by drawing again, so a change to how exams are drawn
// does not lose a paused exam; generated questions are generated again
// from the exam's seed (their IDs are content hashes). It fails, saying
// why, when an item no longer exists (iamlab was updated in between).
func ResumeExam(b *Bank, st ExamState, opts ...ExamOption) (*Exam, error) {
	if st.Items <= 0 || len(st.ItemIDs) != st.Items || len(st.Entries) != st.Items {
		return nil, fmt.Errorf("the paused %s exam is damaged: %d items and %d answers saved for %d drawn", st.Exam, len(st.ItemIDs), len(st.Entries), st.Items)
	}
	ex, err := curriculum.ExamByID(st.Exam)
	if err != nil {
		return nil, err
	}
	cfg := examConfig{clock: time.Now}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.clock == nil {
		cfg.clock = time.Now
	}
	keep := func(it *Item) bool { return it.Playable() && domainOf(it, ex.ID) > 0 }
	byID := map[string]*Item{}
	pool := filterItems(b, keep)
	for _, it := range pool {
		byID[it.ID] = it
	}
	missing := func() int {
		n := 0
		for _, id := range st.ItemIDs {
			if byID[id] == nil {
				n++
			}
		}
		return n
	}
	// The draw generated some number of questions; try the likely counts
	// first, then every count up to the exam's size.
	tries := []int{missing(), st.Items - len(pool)}
	for k := 1; k <= st.Items; k++ {
		tries = append(tries, k)
	}
	for _, k := range tries {
		if missing() == 0 {
			break
		}
		for _, it := range generateFor(b, cfg.worlds, st.Seed, 0, k, keep) {
			if byID[it.ID] == nil {
				byID[it.ID] = it
			}
		}
	}
	if n := missing(); n > 0 {
		return nil, fmt.Errorf("the paused %s exam cannot be resumed: %d of its questions are no longer in the question bank (iamlab was updated since)", st.Exam, n)
	}
	limit := time.Duration(ex.Minutes) * time.Minute * time.Duration(st.Items) / time.Duration(ex.Items)
	if st.Used < 0 || st.Used > limit {
		return nil, fmt.Errorf("the paused %s exam has an impossible time used (%s of %s)", st.Exam, st.Used, limit)
	}
	now := cfg.clock()
	e := &Exam{exam: ex, clock: cfg.clock, started: now.Add(-st.Used), limit: limit, seed: st.Seed, drawn: st.Items}
	for i, id := range st.ItemIDs {
		s := st.Entries[i]
		en := &Entry{Item: byID[id], Flagged: s.Flagged, Spent: s.Spent}
		if s.Answered {
			en.Response, en.Confidence, en.Answered, en.AnsweredAt = s.Response, s.Confidence, true, now
			en.Correct = en.Item.Grade(s.Response)
			en.Shown = now.Add(-s.Spent)
		}
		e.entries = append(e.entries, en)
	}
	e.cur = max(0, min(st.Current, len(e.entries)-1))
	if e.entries[e.cur].Shown.IsZero() {
		e.entries[e.cur].Shown = now
	}
	return e, nil
}
