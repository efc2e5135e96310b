package quizview

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/progress"
	qz "github.com/iamlab/iamlab/internal/quiz"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/screentest"
)

// examSession is a five-item SCS-C03 mock exam over the test bank, timed
// by the fake clock.
func examSession(t *testing.T, c *fakeClock, deps screen.Deps) *Session {
	t.Helper()
	e, err := qz.NewExam(testBank(t), "SCS-C03", 7, qz.WithClock(c.Now), qz.WithItems(5))
	if err != nil {
		t.Fatal(err)
	}
	s := NewExamSession(deps, e)
	screentest.Show(s, 120, 38, false)
	if cmd := s.Init(); cmd == nil {
		t.Fatal("the exam starts no clock tick")
	}
	return s
}

// tickNow delivers the current tick and runs what it returns, except the
// next tick.
func tickNow(t *testing.T, s *Session) []tea.Msg {
	t.Helper()
	_, cmd := s.Update(tickMsg{id: s.tickID})
	if !s.exam.Submitted() {
		return nil // the command is the next tick, a second away
	}
	return drain(t, s, cmd)
}

func TestExamCountdownFlagsAndNoFeedback(t *testing.T) {
	c := newClock()
	deps := testDeps(t, c)
	s := examSession(t, c, deps)
	limit := s.exam.Limit()
	if !strings.Contains(s.Meta(), "0/5 answered") || !strings.Contains(s.Meta(), clockText(limit)+" left") {
		t.Fatalf("meta %q, limit %s", s.Meta(), limit)
	}
	c.Add(61 * time.Second)
	tickNow(t, s)
	if !strings.Contains(s.Meta(), clockText(limit-61*time.Second)+" left") {
		t.Fatalf("countdown after 61 s: %q", s.Meta())
	}
	// A stale tick chain is ignored.
	if _, cmd := s.Update(tickMsg{id: s.tickID - 1}); cmd != nil {
		t.Fatal("a stale tick kept ticking")
	}

	// Flag the first item, answer it wrong: nothing is revealed.
	first := s.ans.item
	press(t, s, "f")
	if !strings.Contains(s.Meta(), "⚑ 1") || !strings.Contains(screentest.Plain(s), "⚑ flagged") {
		t.Fatalf("flag not shown: %q\n%s", s.Meta(), screentest.Plain(s))
	}
	answerWrong(t, s)
	press(t, s, "enter")
	if s.exam.Current() != 1 {
		t.Fatalf("enter did not move on: at %d", s.exam.Current())
	}
	lacks(t, s, "Correct", "Not right", "right answer", "your answer")
	if !strings.Contains(s.Meta(), "1/5 answered") {
		t.Fatalf("meta %q", s.Meta())
	}
	if len(answers(t, deps)) != 0 {
		t.Fatal("exam answers recorded before submit")
	}
	// Back to the first item: the answer is still there, and can change.
	press(t, s, "shift+tab")
	if s.ans.item != first || s.ans.response().Empty() {
		t.Fatalf("back on item 1: %s %v", s.ans.item.ID, s.ans.response())
	}
	contains(t, s, "saved", "⚑ flagged")

	// The list shows flagged and unanswered items.
	press(t, s, "l")
	contains(t, s, "1 of 5 answered", "⚑ Flagged: 1", "○ Unanswered: 2, 3, 4, 5")
	press(t, s, "down", "enter")
	if s.phase != phaseAnswer || s.exam.Current() != 1 {
		t.Fatalf("jump from the list: phase %v item %d", s.phase, s.exam.Current())
	}

	// Leaving asks first.
	press(t, s, "esc")
	contains(t, s, "Leave the exam?")
	press(t, s, "n")
	if s.phase != phaseAnswer {
		t.Fatalf("declining the leave: phase %v", s.phase)
	}

	// The last minutes are marked.
	c.Add(limit - 61*time.Second - 4*time.Minute)
	tickNow(t, s)
	if !strings.Contains(s.Meta(), "⚠ 0:04:00 left") {
		t.Fatalf("last minutes: %q", s.Meta())
	}
	// Time runs out: the tick submits.
	c.Add(limit)
	tickNow(t, s)
	if s.phase != phaseReport || !s.exam.Submitted() {
		t.Fatalf("time up: phase %v submitted %v", s.phase, s.exam.Submitted())
	}
	contains(t, s, "Time is up", "time ran out", "SCS-C03 mock exam: 0 of 5 right", "By domain",
		"4 Identity and Access Management", "Caution", "not a scaled score", "unanswered 4 · flagged 1")
	got := answers(t, deps)
	if len(got) != 1 || got[0].Mode != progress.ExamMode || got[0].ItemID != first.ID || got[0].Correct {
		t.Fatalf("recorded %+v", got)
	}
	if strings.Contains(s.Meta(), "left") {
		t.Fatalf("countdown after submit: %q", s.Meta())
	}

	// Feedback is available now, per item.
	press(t, s, "enter")
	if s.phase != phaseReportItem {
		t.Fatalf("phase %v", s.phase)
	}
	contains(t, s, "✗ Not right")
	press(t, s, "esc")

	// Retake only the wrong ones: every item here.
	msgs := press(t, s, "r")
	if len(msgs) != 1 {
		t.Fatalf("retake: %v", msgs)
	}
	re := msgs[0].(screen.OpenMsg).Screen.(*Session)
	if _, n := re.run.Position(); n != 5 || re.kind != kindPractice {
		t.Fatalf("retake of %d items, kind %v", n, re.kind)
	}
}

// answerWrong picks a wrong answer for the item on screen.
func answerWrong(t *testing.T, s *Session) {
	t.Helper()
	switch s.ans.item.Type {
	case qz.Ordering:
		press(t, s, "shift+down")
	case qz.Matching:
		for range s.ans.item.Pairs {
			press(t, s, "a", "down")
		}
		if s.ans.item.Grade(s.ans.response()) {
			press(t, s, "b")
		}
	case qz.Multiple:
		press(t, s, wrongOption(s))
		for _, o := range s.ans.opts {
			if o.Correct {
				press(t, s, letterFor(t, s, o.ID))
				break
			}
		}
	default:
		press(t, s, wrongOption(s))
	}
	if s.ans.item.Grade(s.ans.response()) {
		t.Fatalf("meant a wrong answer on %s", s.ans.item.ID)
	}
}

// answerRight gives the key of the item on screen.
func answerRight(t *testing.T, s *Session) {
	t.Helper()
	it := s.ans.item
	switch it.Type {
	case qz.Ordering:
		for want, step := range it.Steps {
			for i, x := range s.ans.steps {
				if x.ID == step.ID {
					s.ans.cursor = i
				}
			}
			for s.ans.cursor > want {
				press(t, s, "shift+up")
			}
		}
	case qz.Matching:
		press(t, s, "up", "up", "up", "up", "up", "up", "up")
		for _, p := range it.Pairs {
			press(t, s, letterOf(s.ans.rights, p.Right), "down")
		}
	default:
		for _, id := range it.CorrectOptions() {
			press(t, s, letterFor(t, s, id))
		}
	}
	if !it.Grade(s.ans.response()) {
		t.Fatalf("meant the right answer on %s: %v", it.ID, s.ans.response())
	}
}

func TestExamSubmitScoresPerDomain(t *testing.T) {
	c := newClock()
	deps := testDeps(t, c)
	s := examSession(t, c, deps)
	for i := 0; i < 5; i++ {
		if i%2 == 0 {
			answerRight(t, s)
		} else {
			answerWrong(t, s)
		}
		c.Add(30 * time.Second)
		press(t, s, "enter")
	}
	if s.phase != phaseList {
		t.Fatalf("after the last item: phase %v", s.phase)
	}
	contains(t, s, "5 of 5 answered", "✓ Every item has an answer")
	press(t, s, "s")
	contains(t, s, "Submit the exam now?")
	press(t, s, "n")
	if s.phase != phaseList {
		t.Fatalf("declined submit: phase %v", s.phase)
	}
	press(t, s, "s", "y")
	if s.phase != phaseReport {
		t.Fatalf("phase %v", s.phase)
	}
	r := s.report
	if r.Correct != 3 || r.Total != 5 || r.TimedOut {
		t.Fatalf("report %+v", r)
	}
	contains(t, s, "3 of 5 right (60%)", "Time: 0:02:30", "Caution")
	got := answers(t, deps)
	if len(got) != 5 {
		t.Fatalf("recorded %d answers", len(got))
	}
	right := 0
	for _, a := range got {
		if a.Mode != progress.ExamMode || a.Confidence != progress.NoConfidence {
			t.Fatalf("recorded %+v", a)
		}
		if a.Correct {
			right++
		}
	}
	if right != 3 {
		t.Fatalf("%d recorded right", right)
	}
	msgs := press(t, s, "r")
	re := msgs[0].(screen.OpenMsg).Screen.(*Session)
	if _, n := re.run.Position(); n != 2 {
		t.Fatalf("retake of %d items, want the 2 wrong", n)
	}
}

func TestExamLayouts(t *testing.T) {
	for _, size := range [][2]int{{80, 22}, {120, 38}} {
		for _, noColor := range []bool{false, true} {
			c := newClock()
			deps := testDeps(t, c)
			s := examSession(t, c, deps)
			screentest.Show(s, size[0], size[1], noColor)
			drain(t, s, s.refresh())
			check := func(name string) {
				screentest.CheckFits(t, name, s.View(), size[0], size[1])
				if noColor {
					screentest.CheckNoColour(t, name, s.View())
				}
			}
			for i := 0; i < 5; i++ {
				check("item " + s.ans.item.ID)
				press(t, s, "tab")
			}
			press(t, s, "l")
			check("list")
			press(t, s, "s")
			check("confirm")
			press(t, s, "y")
			check("report")
			press(t, s, "enter")
			check("report item")
		}
	}
}

func TestExamLeaveConfirmed(t *testing.T) {
	c := newClock()
	deps := testDeps(t, c)
	s := examSession(t, c, deps)
	msgs := press(t, s, "esc", "y")
	if len(msgs) != 1 {
		t.Fatalf("leave: %v", msgs)
	}
	if _, ok := msgs[0].(screen.BackMsg); !ok {
		t.Fatalf("leave: %T", msgs[0])
	}
	if len(answers(t, deps)) != 0 {
		t.Fatal("a left exam was recorded")
	}
	// Leaving keeps the exam, paused, for the quiz menu.
	if _, ok, err := deps.Store.PausedExam(context.Background()); !ok || err != nil {
		t.Fatalf("the left exam was not kept: %v", err)
	}
}

func TestExamGuardsAgainstQuitting(t *testing.T) {
	c := newClock()
	s := examSession(t, c, testDeps(t, c))
	if s.QuitWarning() == "" {
		t.Fatal("an exam in progress does not ask before quitting")
	}
	for i := 0; i < 5; i++ {
		answerRight(t, s)
		press(t, s, "enter")
	}
	press(t, s, "s", "y")
	if w := s.QuitWarning(); w != "" {
		t.Fatalf("a submitted exam still warns: %q", w)
	}
	p := practiceOn(t, testDeps(t, c), "")
	if p.QuitWarning() != "" {
		t.Fatal("practice warns before quitting: its answers are already saved")
	}
}
