package scenario

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/screentest"
)

func TestPredictCommitsBeforeReveal(t *testing.T) {
	deps := testDeps(t)
	m := open(t, "scp-vs-boundary", 120, 38, deps)
	if m.focus != paneQuestion || m.CapturesText() {
		t.Fatalf("predict opens on the question; focus %v", m.focus)
	}
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "Step 1 of 3: what does AWS decide?") || strings.Contains(v, "Trace") {
		t.Fatalf("start:\n%s", v)
	}
	press(m, "down", "down", "enter") // implicitDeny
	v = ansi.Strip(m.View())
	if !strings.Contains(v, "✔ decision: implicitDeny") || !strings.Contains(v, "Step 2 of 3: which layer decides?") {
		t.Fatalf("after step 1:\n%s", v)
	}
	press(m, "backspace")
	if m.ans.step != 0 {
		t.Fatal("backspace should go back a step")
	}
	press(m, "3") // implicitDeny again, by number
	press(m, "6") // boundary: wrong
	if m.ans.revealed {
		t.Fatal("revealed before the confidence was given")
	}
	press(m, "1") // sure
	if !m.ans.revealed {
		t.Fatal("not revealed after three steps")
	}
	v = ansi.Strip(m.View())
	for _, want := range []string{"✓ decision: implicitDeny  (right)", "✗ deciding layer: boundary  (the answer is scp)", "confidence: sure", "You were sure", "Why", "Trace", "service control policies"} {
		if !strings.Contains(v, want) {
			t.Errorf("reveal lacks %q:\n%s", want, v)
		}
	}
	st, err := deps.Store.ScenarioStatus(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if s := st[builtInKey(t, "scp-vs-boundary")]; s.Attempts != 1 || s.Status != "in progress" {
		t.Errorf("status = %+v", s)
	}
	// Tab reaches the requests now: the predicted one and the facts, each
	// with its trace.
	press(m, "tab")
	if m.focus != paneChecks || len(m.checks.results) != 1+len(m.s.Checks) {
		t.Errorf("tab after reveal: focus %v, %d requests", m.focus, len(m.checks.results))
	}
	press(m, "down")
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Trace · "+m.s.Checks[0].Name) {
		t.Errorf("the second request's trace:\n%s", v)
	}
}

func TestChooseRevealsEveryOption(t *testing.T) {
	deps := testDeps(t)
	m := open(t, "s3-mfa-delete", 80, 22, deps)
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "Which statement about S3 MFA Delete") || !strings.Contains(v, "( ) a)") {
		t.Fatalf("start:\n%s", v)
	}
	press(m, "enter") // A
	if m.ans.revealed {
		t.Fatal("revealed before confidence")
	}
	v = ansi.Strip(m.View())
	if !strings.Contains(v, "your pick: a") || !strings.Contains(v, "how sure are you?") {
		t.Fatalf("confidence step:\n%s", v)
	}
	press(m, "3") // guess
	v = ansi.Strip(m.View())
	for _, want := range []string{"✓ Right", "confidence: guess", "(correct ·", "your pick)", "Right, though you guessed"} {
		if !strings.Contains(v, want) {
			t.Errorf("reveal lacks %q:\n%s", want, v)
		}
	}
	st, _ := deps.Store.ScenarioStatus(context.Background())
	if s := st[builtInKey(t, "s3-mfa-delete")]; s.Status != "solved" {
		t.Errorf("status = %+v", s)
	}
}

func TestHintLadder(t *testing.T) {
	m := open(t, "two-groups-one-bucket", 80, 22, testDeps(t))
	s := m.s
	press(m, "ctrl+h")
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "Hint 1") || !strings.Contains(v, "Look at every policy") {
		t.Fatalf("rung 1:\n%s", v)
	}
	for _, bad := range []string{"of 4", "remaining", "left"} {
		if strings.Contains(v, "Hint 1 "+bad) {
			t.Errorf("the ladder must not count what remains: %q", bad)
		}
	}
	// In the editor h types; outside it climbs.
	press(m, "e", "h")
	if m.hintsShown != 1 {
		t.Fatal("h in the editor should type, not climb")
	}
	press(m, "ctrl+z", "esc", "h")
	if m.hintsShown != 2 {
		t.Fatalf("h outside the editor: %d rungs", m.hintsShown)
	}
	press(m, "h")
	if m.hintsShown != 3 {
		t.Fatal("rung 3")
	}
	press(m, "h")
	if m.hintsShown != 3 || m.confirm != confirmAnswer {
		t.Fatal("the last rung should ask first")
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Show the answer? y / n") {
		t.Errorf("no confirmation:\n%s", v)
	}
	press(m, "n")
	if m.hintsShown != 3 || m.confirm != confirmNone {
		t.Fatal("n should cancel")
	}
	press(m, "h", "y")
	if m.hintsShown != 4 {
		t.Fatal("y should show the answer")
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "finance/*") {
		t.Errorf("answer rung not shown:\n%s", v)
	}
	_ = s
}

func TestDraftsRestoreAndReset(t *testing.T) {
	deps := testDeps(t)
	m := open(t, "two-groups-one-bucket", 120, 38, deps)
	fixNoFinance(m)
	// Quit mid-scenario (esc twice: leave the editor, go home) and come back.
	press(m, "esc")
	_, cmd := m.Update(screentest.Key("esc"))
	if !isBack(cmd) {
		t.Fatal("esc from the checks should go home")
	}
	again := open(t, "two-groups-one-bucket", 120, 38, deps)
	if got := again.activeEditor().Value(); !strings.Contains(got, "finance/*") {
		t.Fatalf("draft not restored:\n%s", got)
	}
	v := ansi.Strip(again.View())
	if !strings.Contains(v, "Restored your draft from") || !strings.Contains(v, "Checks 3/3") {
		t.Fatalf("restored view:\n%s", v)
	}
	press(again, "ctrl+r")
	if again.confirm != confirmReset {
		t.Fatal("reset should ask")
	}
	press(again, "y")
	if got := again.activeEditor().Value(); strings.Contains(got, "finance/*") {
		t.Fatal("reset kept the edit")
	}
	if v := ansi.Strip(again.View()); !strings.Contains(v, "Checks 1/3") || strings.Contains(v, "Restored") {
		t.Errorf("after reset:\n%s", v)
	}
	ds, _ := deps.Store.Drafts(context.Background(), builtInKey(t, "two-groups-one-bucket"))
	if len(ds) != 0 {
		t.Errorf("drafts after reset: %+v", ds)
	}
}

func TestNotRecordingNotice(t *testing.T) {
	deps := testDeps(t)
	deps.Recording = false
	m := open(t, "two-groups-one-bucket", 80, 22, deps)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Progress is not being saved") {
		t.Errorf("no notice:\n%s", v)
	}
}

func TestClickAChoice(t *testing.T) {
	m := open(t, "scp-vs-boundary", 120, 38, testDeps(t))
	in := m.lay.panes[paneQuestion].inner()
	y := in.y + m.ans.choiceAt + 2 // the third choice: implicitDeny
	_, cmd := m.Update(tea.MouseClickMsg{X: in.x + 4, Y: y, Button: tea.MouseLeft})
	drive(m, cmd)
	if m.ans.decision != "implicitDeny" || m.ans.step != 1 {
		t.Errorf("click picked %q, step %d", m.ans.decision, m.ans.step)
	}
}

func TestChooseMultiSelect(t *testing.T) {
	base := scenarioByID(t, "s3-mfa-delete")
	s := *base
	q := *base.Choose
	q.Options = append([]scenarios.Option(nil), base.Choose.Options...)
	q.Options[0].Correct, q.Options[2].Correct = true, true
	q.Options[1].Correct, q.Options[3].Correct = false, false
	s.Choose = &q
	m := New(testDeps(t), &s)
	m.SetSize(120, 38)
	drive(m, m.Init())
	if v := ansi.Strip(m.View()); !strings.Contains(v, "pick every correct answer") || !strings.Contains(v, "[ ] a)") {
		t.Fatalf("multi question:\n%s", v)
	}
	press(m, "space", "down", "down", "space")
	if v := ansi.Strip(m.View()); !strings.Contains(v, "[x] a)") || !strings.Contains(v, "[x] c)") {
		t.Fatalf("toggles:\n%s", v)
	}
	press(m, "enter", "2")
	if !m.ans.revealed || !m.ans.grade.Solved {
		t.Fatalf("A and C should solve it: %+v", m.ans.grade)
	}
}

// "Choose two" is answered with exactly two picks: enter with one says so
// and stays on the question.
func TestChooseMultiNeedsTheStatedCount(t *testing.T) {
	base := scenarioByID(t, "s3-mfa-delete")
	s := *base
	q := *base.Choose
	q.Options = append([]scenarios.Option(nil), base.Choose.Options...)
	q.Options[0].Correct, q.Options[2].Correct = true, true
	q.Options[1].Correct, q.Options[3].Correct = false, false
	s.Choose = &q
	m := New(testDeps(t), &s)
	m.SetSize(120, 38)
	drive(m, m.Init())
	press(m, "space")
	_, cmd := m.Update(screentest.Key("enter"))
	if m.ans.step != 0 || m.ans.revealed {
		t.Fatalf("one pick of two moved on (step %d)", m.ans.step)
	}
	if cmd == nil {
		t.Fatal("no message about the count")
	}
	if st, ok := cmd().(screen.StatusMsg); !ok || !strings.Contains(st.Text, "Choose 2: you have picked 1") {
		t.Fatalf("message %#v", cmd())
	}
	press(m, "down", "down", "space", "enter")
	if m.ans.step != 1 {
		t.Fatal("two picks did not move on to the confidence step")
	}
}

// TestChooseTakesTheQuizKeys: a choose question takes the letter shown
// (either case) and the number, as quiz items do, ahead of the screen's
// own b and h.
func TestChooseTakesTheQuizKeys(t *testing.T) {
	for _, k := range []struct {
		key  string
		want int
	}{{"b", 1}, {"B", 1}, {"c", 2}, {"3", 2}, {"1", 0}} {
		m := open(t, "s3-mfa-delete", 80, 22, testDeps(t))
		press(m, k.key)
		if m.ans.step != 1 || !m.ans.picked[k.want] || len(m.ans.picked) != 1 {
			t.Errorf("%s: step %d, picked %v; want option %d", k.key, m.ans.step, m.ans.picked, k.want)
		}
		if v := ansi.Strip(m.View()); !strings.Contains(v, "your pick: "+screen.AnswerLetters[k.want]) {
			t.Errorf("%s: pick not shown:\n%s", k.key, v)
		}
	}
	// The footer names the letters.
	m := open(t, "s3-mfa-delete", 80, 22, testDeps(t))
	var help []string
	for _, b := range m.ShortHelp() {
		help = append(help, b.Help().Key+" "+b.Help().Desc)
	}
	if !strings.Contains(strings.Join(help, " · "), "a-d pick") {
		t.Errorf("footer: %v", help)
	}
}
