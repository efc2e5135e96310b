package quizview

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/screentest"
)

// fullDisk is a real store whose answers cannot be written, as on a full
// disk: screens are handed the store as an interface, so one method can
// fail without filling a disk.
type fullDisk struct{ progress.Store }

func (fullDisk) RecordAnswer(context.Context, progress.Answer) (int64, error) {
	return 0, fmt.Errorf("writing the answer: %w", progress.ErrDiskFull)
}

// An answer the store cannot keep is still graded and shown; the learner
// is told in the footer, and the session goes on.
func TestAnswerThatCannotBeSavedStaysOnScreen(t *testing.T) {
	deps := testDeps(t, newClock())
	deps.Store = fullDisk{deps.Store}
	s := practiceOn(t, deps, "scp-never-grants")
	press(t, s, wrongOption(s), "enter")
	_, cmd := s.Update(screentest.Key("1"))
	var status []screen.StatusMsg
	var run func(tea.Cmd)
	run = func(c tea.Cmd) {
		if c == nil {
			return
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			for _, c := range msg {
				run(c)
			}
		case screen.StatusMsg:
			status = append(status, msg)
		}
	}
	run(cmd)
	if len(status) != 1 || !status[0].Error || !strings.HasPrefix(status[0].Text, "could not save your answer: ") ||
		!strings.Contains(status[0].Text, progress.ErrDiskFull.Error()) {
		t.Fatalf("the footer should say the answer was not saved, and why: %+v", status)
	}
	contains(t, s, "✗ Not right", "You were sure, and it was wrong", "your answer", "right answer")
	press(t, s, "enter")
	contains(t, s, "0 of 1 right", "1 wrong while sure")
}
