package quizview

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/progress/progressdb"
	qz "github.com/iamlab/iamlab/internal/quiz"
	"github.com/iamlab/iamlab/internal/tui/golden"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/screentest"
)

func fileDeps(t *testing.T, c *fakeClock, path string) screen.Deps {
	t.Helper()
	st, err := progressdb.Open(path, progressdb.WithClock(c.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return screen.Deps{Now: c.Now, Store: st, Recording: true}
}

// p pauses: the clock stops; enter resumes where it stopped.
func TestExamPauseStopsTheClock(t *testing.T) {
	c := newClock()
	deps := testDeps(t, c)
	s := examSession(t, c, deps)
	press(t, s, "a")
	c.Add(2 * time.Minute)
	left := s.exam.Remaining()
	press(t, s, "p")
	if s.phase != phasePaused || !s.exam.Paused() {
		t.Fatalf("p did not pause: phase %v", s.phase)
	}
	contains(t, s, "The exam is paused and the clock is stopped", "resume it now with enter")
	for _, size := range [][2]int{{80, 22}, {120, 38}} {
		screentest.Show(s, size[0], size[1], true)
		golden.Check(t, "paused-"+map[int]string{80: "80x24", 120: "120x40"}[size[0]], s.View(), size[0], size[1])
	}
	c.Add(time.Hour)
	if s.exam.Remaining() != left {
		t.Fatalf("the clock ran while paused: %v, want %v", s.exam.Remaining(), left)
	}
	if p, ok, _ := deps.Store.PausedExam(context.Background()); !ok || p.Body == "" {
		t.Fatal("the paused exam was not saved")
	}
	press(t, s, "enter")
	if s.phase != phaseAnswer || s.exam.Paused() || s.exam.Remaining() != left {
		t.Fatalf("enter did not resume: %v %v", s.phase, s.exam.Remaining())
	}
}

// A paused exam resumes from the quiz menu after a restart, and a
// submitted one goes into the history.
func TestPausedExamResumesAfterARestartAndIsRecorded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.db")
	c := newClock()
	deps := fileDeps(t, c, path)
	e, err := qz.NewExam(testBank(t), "SCS-C03", 7, qz.WithClock(c.Now), qz.WithItems(5))
	if err != nil {
		t.Fatal(err)
	}
	s := NewExamSession(deps, e)
	screentest.Show(s, 120, 38, false)
	single := -1
	for i, en := range s.exam.Entries() {
		if en.Item.Type == qz.Single && single < 0 {
			single = i
		}
	}
	s.gotoItem(single)
	first := s.ans.item.ID
	press(t, s, "a", "tab")
	c.Add(5 * time.Minute)
	left := s.exam.Remaining()
	// Quitting the program flushes: the exam is paused and kept.
	drain(t, s, s.Flush())
	deps.Store.(*progressdb.Store).Close()

	c.Add(48 * time.Hour)
	deps2 := fileDeps(t, c, path)
	m := newMenu(t, deps2, 120, 38, false)
	contains(t, m, "Resume your paused SCS-C03 exam: 1 of 5 answered")
	golden.Check(t, "menu-resume-120x40", m.View(), 120, 38)
	screentest.Show(m, 80, 22, false)
	golden.Check(t, "menu-resume-80x24", m.View(), 80, 22)
	screentest.Show(m, 120, 38, false)
	menuTo(t, m, rowResume, "", 0)
	msgs := press(t, m, "enter")
	if len(msgs) != 1 {
		t.Fatalf("resume: %v", msgs)
	}
	open, ok := msgs[0].(screen.OpenMsg)
	if !ok {
		t.Fatalf("resume: %T", msgs[0])
	}
	r := open.Screen.(*Session)
	screentest.Show(r, 120, 38, false)
	if r.exam.Remaining() != left || r.exam.Current() != (single+1)%5 || !r.exam.Entries()[single].Answered || r.exam.Entries()[single].Item.ID != first {
		t.Fatalf("resumed: %v left (want %v), at %d", r.exam.Remaining(), left, r.exam.Current())
	}
	press(t, r, "s", "y")
	h, err := deps2.Store.ExamHistory(context.Background(), "SCS-C03")
	if err != nil || len(h) != 1 || h[0].Items != 5 || len(h[0].Domains) == 0 {
		t.Fatalf("history %+v %v", h, err)
	}
	if h[0].Elapsed != 5*time.Minute {
		t.Fatalf("elapsed %v: pauses must not count", h[0].Elapsed)
	}
	if _, ok, _ := deps2.Store.PausedExam(context.Background()); ok {
		t.Fatal("the submitted exam is still offered for resuming")
	}
}

// The quiz starts on the exam chosen last time, or the learner's exam.
func TestQuizRemembersTheExam(t *testing.T) {
	c := newClock()
	deps := testDeps(t, c)
	if err := deps.Store.SetSetting(context.Background(), progress.SettingExam, "SCS-C03"); err != nil {
		t.Fatal(err)
	}
	m := newMenu(t, deps, 120, 38, false)
	if examChoices[m.examPick] != "SCS-C03" {
		t.Fatalf("the learner's exam is not the default: %q", examChoices[m.examPick])
	}
	menuTo(t, m, rowExamFilter, "", 0)
	press(t, m, "right") // SCS-C03 → any exam
	again := newMenu(t, deps, 120, 38, false)
	if examChoices[again.examPick] != "" {
		t.Fatalf("the quiz forgot the choice: %q", examChoices[again.examPick])
	}
}
