package quiz

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/iamlab/iamlab/internal/progress"
)

// A paused exam's clock stands still, and a saved exam resumes with the
// same items, answers, flags and time left.
func TestPauseStopsTheClockAndResumeRestoresTheExam(t *testing.T) {
	clk := newClock()
	w := genWorld(t)
	bank := sessionBank(t)
	e, err := NewExam(bank, "SAA-C03", 9, WithClock(clk.now), WithWorlds(w), WithItems(13))
	if err != nil {
		t.Fatal(err)
	}
	first, second := e.Entries()[0].Item, e.Entries()[1].Item
	if err := e.Answer(first.ID, correctOf(first), progress.NoConfidence); err != nil {
		t.Fatal(err)
	}
	_ = e.Flag(second.ID, true)
	e.Goto(1)
	clk.add(10 * time.Minute)
	left := e.Remaining()
	if err := e.Pause(); err != nil {
		t.Fatal(err)
	}
	clk.add(3 * time.Hour) // longer than the whole limit
	if !e.Paused() || e.Remaining() != left || e.TimeUp() {
		t.Fatalf("the clock ran while paused: %v left, want %v", e.Remaining(), left)
	}
	if err := e.Answer(second.ID, correctOf(second), progress.NoConfidence); !errors.Is(err, ErrPaused) {
		t.Fatalf("an answer while paused: %v", err)
	}
	// Saved and read back as the store would keep it.
	raw, err := json.Marshal(e.State())
	if err != nil {
		t.Fatal(err)
	}
	var st ExamState
	if err := json.Unmarshal(raw, &st); err != nil {
		t.Fatal(err)
	}
	clk.add(24 * time.Hour) // a restart the next day
	r, err := ResumeExam(bank, st, WithClock(clk.now), WithWorlds(w))
	if err != nil {
		t.Fatal(err)
	}
	generated := 0
	for i, en := range r.Entries() {
		if en.Item.ID != e.Entries()[i].Item.ID {
			t.Fatalf("item %d: %s, want %s", i, en.Item.ID, e.Entries()[i].Item.ID)
		}
		if en.Item.Generated {
			generated++
		}
	}
	if generated == 0 {
		t.Fatal("the test exam has no generated question: the regeneration path is not exercised")
	}
	if r.Len() != 13 || r.Current() != 1 || r.Remaining() != left || r.Paused() {
		t.Fatalf("resumed: %d items, at %d, %v left (want %v)", r.Len(), r.Current(), r.Remaining(), left)
	}
	if en := r.Entries()[0]; !en.Answered || !en.Correct {
		t.Fatal("the answer did not survive")
	}
	if got := r.Flagged(); len(got) != 1 || got[0] != second.ID {
		t.Fatalf("flags %v", got)
	}
	clk.add(time.Minute)
	if r.Remaining() != left-time.Minute {
		t.Fatal("the resumed clock does not run")
	}
	// In-session pause and resume, then submit: the pause is not counted.
	e.Resume()
	clk.add(time.Minute)
	rep := e.Submit()
	if rep.Elapsed != 11*time.Minute {
		t.Fatalf("elapsed %v, want 11m (pauses excluded)", rep.Elapsed)
	}
	// A bank that changed refuses, saying so.
	st.ItemIDs[0] = "no-such-item"
	if _, err := ResumeExam(bank, st, WithClock(clk.now), WithWorlds(w)); err == nil || !strings.Contains(err.Error(), "no longer in the question bank") {
		t.Fatalf("a changed bank: %v", err)
	}
}

func TestResumeRefusesADamagedState(t *testing.T) {
	for _, st := range []ExamState{{Exam: "SAA-C03"}, {Exam: "SAA-C03", Items: 3, ItemIDs: []string{"a"}}} {
		if _, err := ResumeExam(sessionBank(t), st); err == nil {
			t.Fatalf("%+v was resumed", st)
		}
	}
}
