package quiz

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/iamlab/iamlab/internal/progress"
)

// Clock tells the time; sessions take one so tests control time.
type Clock func() time.Time

// Errors a session returns to the screen driving it.
var (
	ErrNoItem          = errors.New("quiz: no such item in this session")
	ErrNotCurrent      = errors.New("quiz: answer the current item first")
	ErrAlreadyAnswered = errors.New("quiz: item already answered; feedback was shown")
	ErrEmptyResponse   = errors.New("quiz: nothing was chosen")
	ErrSubmitted       = errors.New("quiz: the exam was submitted; answers can no longer change")
	ErrTimeUp          = errors.New("quiz: time is up; submit to see the report")
	ErrNotSubmitted    = errors.New("quiz: the report is ready after submit")
)

// Entry is one item of a session and what the learner did with it.
type Entry struct {
	Item       *Item
	Response   Response
	Answered   bool
	Correct    bool
	Confidence progress.Confidence
	Flagged    bool
	Shown      time.Time // first shown
	AnsweredAt time.Time // last answered
	Spent      time.Duration
}

// ProgressAnswer turns an answered entry into the record the progress store
// keeps; ok is false while the entry is unanswered.
func (e *Entry) ProgressAnswer(mode progress.QuizMode) (a progress.Answer, ok bool) {
	if !e.Answered {
		return progress.Answer{}, false
	}
	return progress.Answer{
		ItemID:         e.Item.ID,
		ContentVersion: strconv.Itoa(max(e.Item.Version, 1)),
		At:             e.AnsweredAt,
		Chosen:         e.Response.String(),
		Correct:        e.Correct,
		Confidence:     e.Confidence,
		Duration:       e.Spent,
		Mode:           mode,
		Topics:         append([]string(nil), e.Item.Topics...),
		Tasks:          append([]string(nil), e.Item.Exam...),
	}, true
}

// feedbackRun is the flow shared by practice and review: one item at a
// time, confidence with the answer, feedback at once, then the next item.
type feedbackRun struct {
	entries []*Entry
	cur     int
	clock   Clock
}

func newRun(items []*Item, clock Clock) feedbackRun {
	if clock == nil {
		clock = time.Now
	}
	r := feedbackRun{clock: clock}
	for _, it := range items {
		r.entries = append(r.entries, &Entry{Item: it})
	}
	if len(r.entries) > 0 {
		r.entries[0].Shown = clock()
	}
	return r
}

// Current is the item to show, nil when the session is over.
func (r *feedbackRun) Current() *Item {
	if r.cur >= len(r.entries) {
		return nil
	}
	return r.entries[r.cur].Item
}

// Position is the 1-based number of the current item and the total.
func (r *feedbackRun) Position() (int, int) { return min(r.cur+1, len(r.entries)), len(r.entries) }

// Answer records the answer to the current item with the confidence the
// learner gave before the reveal, and returns the feedback. The confidence
// is part of the call so that a screen cannot reveal the key first.
func (r *feedbackRun) Answer(itemID string, resp Response, c progress.Confidence) (Feedback, error) {
	if r.cur >= len(r.entries) {
		return Feedback{}, ErrNoItem
	}
	e := r.entries[r.cur]
	if e.Item.ID != itemID {
		return Feedback{}, fmt.Errorf("%w (current is %s, got %s)", ErrNotCurrent, e.Item.ID, itemID)
	}
	if e.Answered {
		return Feedback{}, ErrAlreadyAnswered
	}
	if resp.Empty() {
		return Feedback{}, ErrEmptyResponse
	}
	now := r.clock()
	e.Response, e.Confidence, e.Answered, e.AnsweredAt = resp, c, true, now
	e.Correct = e.Item.Grade(resp)
	e.Spent = now.Sub(e.Shown)
	return FeedbackFor(e.Item, resp, c), nil
}

// Next moves on after feedback; false when the session is over.
func (r *feedbackRun) Next() bool {
	if r.cur < len(r.entries) {
		r.cur++
	}
	if r.cur < len(r.entries) {
		r.entries[r.cur].Shown = r.clock()
		return true
	}
	return false
}

// Done reports whether every item was passed.
func (r *feedbackRun) Done() bool { return r.cur >= len(r.entries) }

// Entries are the session's items with the learner's answers.
func (r *feedbackRun) Entries() []*Entry { return r.entries }

// Score counts correct answers among the answered items.
func (r *feedbackRun) Score() (correct, answered int) {
	for _, e := range r.entries {
		if e.Answered {
			answered++
			if e.Correct {
				correct++
			}
		}
	}
	return correct, answered
}

// Answers are the answered entries as records for the progress store.
func (r *feedbackRun) Answers() []progress.Answer {
	var out []progress.Answer
	for _, e := range r.entries {
		if a, ok := e.ProgressAnswer(progress.Practice); ok {
			out = append(out, a)
		}
	}
	return out
}
