package quiz

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/iamlab/iamlab/internal/progress"
)

// A mock exam can be paused as a test centre never allows but a learner
// with a life needs: the clock stops, and the exam can be put away and
// resumed later, after a restart too. The saved state is the draw (exam,
// seed, number of items, the item IDs as a check) and the learner's work;
// resuming draws the same items again from the same bank and worlds.

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

// ResumeExam draws a saved exam again and puts the learner's work back; the
// clock runs from where it stopped. It fails, saying why, when the bank
// no longer yields the same items (iamlab was updated in between).
func ResumeExam(b *Bank, st ExamState, opts ...ExamOption) (*Exam, error) {
	if st.Items <= 0 || len(st.ItemIDs) != st.Items {
		return nil, fmt.Errorf("the paused %s exam is damaged: %d items saved for %d drawn", st.Exam, len(st.ItemIDs), st.Items)
	}
	e, err := NewExam(b, st.Exam, st.Seed, append(opts, WithItems(st.Items))...)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, en := range e.entries {
		ids = append(ids, en.Item.ID)
	}
	if !slices.Equal(ids, st.ItemIDs) || len(st.Entries) != len(e.entries) {
		return nil, fmt.Errorf("the paused %s exam cannot be resumed: the question bank changed since it was paused", st.Exam)
	}
	if st.Used < 0 || st.Used > e.limit {
		return nil, fmt.Errorf("the paused %s exam has an impossible time used (%s of %s)", st.Exam, st.Used, e.limit)
	}
	now := e.clock()
	e.started = now.Add(-st.Used)
	for i, s := range st.Entries {
		en := e.entries[i]
		en.Flagged, en.Spent, en.Shown = s.Flagged, s.Spent, time.Time{}
		if s.Answered {
			en.Response, en.Confidence, en.Answered, en.AnsweredAt = s.Response, s.Confidence, true, now
			en.Correct = en.Item.Grade(s.Response)
			en.Shown = now.Add(-s.Spent)
		}
	}
	e.cur = max(0, min(st.Current, len(e.entries)-1))
	if e.entries[e.cur].Shown.IsZero() {
		e.entries[e.cur].Shown = now
	}
	return e, nil
}
