package quizview

import (
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/progress"
	qz "github.com/iamlab/iamlab/internal/quiz"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/screentest"
)

// letterFor is the letter the screen shows for an option id.
func letterFor(t *testing.T, s *Session, id string) string {
	t.Helper()
	for i, o := range s.ans.opts {
		if o.ID == id {
			return letters[i]
		}
	}
	t.Fatalf("no option %q", id)
	return ""
}

func wrongOption(s *Session) string {
	for i, o := range s.ans.opts {
		if !o.Correct {
			return letters[i]
		}
	}
	return ""
}

func TestSingleConfidenceBeforeReveal(t *testing.T) {
	c := newClock()
	deps := testDeps(t, c)
	s := practiceOn(t, deps, "scp-never-grants")
	if s.ans.item.Type != qz.Single {
		t.Fatalf("item type %s", s.ans.item.Type)
	}
	contains(t, s, "Question 1 of 1", "one answer", "a) ", "d) ")
	// enter with nothing chosen picks the highlighted option: move first.
	right := letterFor(t, s, s.ans.item.CorrectOptions()[0])
	c.Add(20e9)
	press(t, s, right, "enter")
	if s.phase != phaseConfidence {
		t.Fatalf("phase %v after enter, want the confidence question", s.phase)
	}
	contains(t, s, "How sure are you?")
	lacks(t, s, "✓ Correct", "right answer", "SCPs are guardrails")
	if got := answers(t, deps); len(got) != 0 {
		t.Fatalf("recorded before the confidence: %v", got)
	}
	// Other keys do not reveal.
	press(t, s, "enter", "a")
	if s.phase != phaseConfidence || s.fb != nil {
		t.Fatal("a key other than 1-3 revealed the answer")
	}
	press(t, s, "1")
	if s.phase != phaseFeedback {
		t.Fatalf("phase %v, want feedback", s.phase)
	}
	contains(t, s, "✓ Correct", "you were sure", "Every option", "right answer · yours", "The rule",
		"Sources", "orgs_manage_policies_scps.html")
	// Every option's rationale is shown.
	for _, o := range s.ans.item.Options {
		contains(t, s, strings.Fields(o.Why)[0])
	}
	got := answers(t, deps)
	if len(got) != 1 || !got[0].Correct || got[0].Confidence != progress.Sure || got[0].Mode != progress.Practice ||
		got[0].ItemID != "scp-does-not-grant" || got[0].Duration < 20e9 {
		t.Fatalf("recorded %+v", got)
	}
	press(t, s, "enter")
	if s.phase != phaseSummary {
		t.Fatalf("phase %v after the last item, want the summary", s.phase)
	}
	contains(t, s, "1 of 1 right", "Every answer right")
	if msgs := press(t, s, "esc"); len(msgs) != 1 {
		t.Fatalf("esc from the summary: %v", msgs)
	} else if _, ok := msgs[0].(screen.BackMsg); !ok {
		t.Fatalf("esc: %T", msgs[0])
	}
}

func TestSingleWrongWhileSure(t *testing.T) {
	deps := testDeps(t, newClock())
	s := practiceOn(t, deps, "scp-never-grants")
	press(t, s, wrongOption(s), "enter", "1")
	contains(t, s, "✗ Not right", "You were sure, and it was wrong", "your answer", "right answer")
	press(t, s, "enter")
	contains(t, s, "0 of 1 right", "1 wrong while sure", "Wrong answers (1)", "retake only the wrong ones")
	msgs := press(t, s, "r")
	if len(msgs) != 1 {
		t.Fatalf("retake: %v", msgs)
	}
	open, ok := msgs[0].(screen.OpenMsg)
	if !ok {
		t.Fatalf("retake: %T", msgs[0])
	}
	re := open.Screen.(*Session)
	if re.ans.item.ID != "scp-does-not-grant" || re.label != "Retake" {
		t.Fatalf("retake plays %s (%s)", re.ans.item.ID, re.label)
	}
	if a := answers(t, deps); len(a) != 1 || a[0].Correct {
		t.Fatalf("recorded %+v", a)
	}
}

func TestMultipleNeedsTheRightCount(t *testing.T) {
	deps := testDeps(t, newClock())
	s := practiceOn(t, deps, "cross-account-both-sides")
	if s.ans.item.Type != qz.Multiple {
		t.Fatalf("type %s", s.ans.item.Type)
	}
	contains(t, s, "choose two", "[ ] a)")
	key := s.ans.item.CorrectOptions()
	press(t, s, letterFor(t, s, key[0]), "enter")
	if s.phase != phaseAnswer || !strings.Contains(screentest.Plain(s), "choose TWO: 1 chosen") {
		t.Fatalf("submitted with one of two:\n%s", screentest.Plain(s))
	}
	contains(t, s, "[x] ")
	// space toggles the highlighted option: toggle the first off and on.
	press(t, s, "space", "space", letterFor(t, s, key[1]), "enter", "2")
	if s.fb == nil || !s.fb.Correct {
		t.Fatalf("feedback %+v", s.fb)
	}
	contains(t, s, "✓ Correct", "you thought so")
}

func TestOrderingMovesSteps(t *testing.T) {
	deps := testDeps(t, newClock())
	s := practiceOn(t, deps, "credential-revocation")
	it := s.ans.item
	if it.Type != qz.Ordering {
		t.Fatalf("type %s", it.Type)
	}
	contains(t, s, "Put the steps in order")
	// Sort with shift+arrows: bubble each correct step to its place.
	for want, step := range it.Steps {
		at := -1
		for i, x := range s.ans.steps {
			if x.ID == step.ID {
				at = i
			}
		}
		for s.ans.cursor < at {
			press(t, s, "down")
		}
		for s.ans.cursor > at {
			press(t, s, "up")
		}
		for s.ans.cursor > want {
			press(t, s, "shift+up")
		}
	}
	if !it.Grade(s.ans.response()) {
		t.Fatalf("order %v", s.ans.response().Order)
	}
	// space grabs: moving the grabbed step swaps it up, then back.
	before := s.ans.response().Order
	press(t, s, "space", "up", "down", "space") // the cursor is on the last step
	if got := s.ans.response().Order; strings.Join(got, ">") != strings.Join(before, ">") {
		t.Fatalf("grab and move back changed the order: %v", got)
	}
	press(t, s, "enter", "3")
	contains(t, s, "✓ Correct", "you guessed", "The right order", "Right, but a guess")
}

func TestOrderingWrongShowsPlaces(t *testing.T) {
	deps := testDeps(t, newClock())
	s := practiceOn(t, deps, "credential-revocation")
	press(t, s, "enter")
	contains(t, s, "put the steps in order first")
	if s.phase != phaseAnswer {
		t.Fatal("an untouched order was submitted")
	}
	// Swap the first two back and forth: still the shuffled order, which is
	// never the right one.
	press(t, s, "shift+down", "shift+up", "enter", "2")
	contains(t, s, "✗ Not right", "The right order", "(you put it at")
}

func TestMatchingByLetters(t *testing.T) {
	deps := testDeps(t, newClock())
	s := practiceOn(t, deps, "choose-policy-type")
	it := s.ans.item
	if it.Type != qz.Matching {
		t.Fatalf("type %s", it.Type)
	}
	press(t, s, "enter")
	if s.phase != phaseAnswer || !strings.Contains(screentest.Plain(s), "match every row first") {
		t.Fatalf("submitted unmatched:\n%s", screentest.Plain(s))
	}
	// A letter answers the row under the cursor and leaves the cursor
	// there: the learner moves on with ↓, never skipping a row.
	for i, p := range it.Pairs {
		press(t, s, letterOf(s.ans.rights, p.Right))
		if s.ans.cursor != i {
			t.Fatalf("the cursor moved to row %d after a letter on row %d", s.ans.cursor, i)
		}
		press(t, s, "down")
	}
	contains(t, s, "→ ")
	// ←/→ cycles the last row away and back.
	press(t, s, "right", "left")
	press(t, s, "enter", "1")
	if s.fb == nil || !s.fb.Correct {
		t.Fatalf("feedback %+v\n%s", s.fb, screentest.Plain(s))
	}
	contains(t, s, "The right matches", "Unused answer: Session policy")
}

func TestPolicyItemShowsWorldAndTrace(t *testing.T) {
	deps := testDeps(t, newClock())
	s := practiceOn(t, deps, "permissions-boundary")
	it := s.ans.item
	if it.Type != qz.Policy {
		t.Fatalf("type %s", it.Type)
	}
	contains(t, s, "Request", "user alice → dynamodb:GetItem → table Orders", "The world", "user alice: policies AdministratorAccess · boundary S3ReadOnly", "S3ReadOnly")
	lacks(t, s, "The evaluation trace")
	press(t, s, letterFor(t, s, it.CorrectOptions()[0]), "enter", "1")
	contains(t, s, "✓ Correct", "The evaluation trace")
	// The trace is below: scroll to it.
	for i := 0; i < 10; i++ {
		press(t, s, "pgdn")
	}
	contains(t, s, "Decision")
}

func TestPracticeOnOpensTheTopic(t *testing.T) {
	deps := testDeps(t, newClock())
	scr := NewPracticeOn(deps, testBank(t), "choose-policy-type")
	s := scr.(*Session)
	if s.ans.item.MainTopic() != "choose-policy-type" {
		t.Fatalf("first item on %s", s.ans.item.MainTopic())
	}
}

func TestPracticeLayouts(t *testing.T) {
	for _, topic := range []string{"scp-never-grants", "cross-account-both-sides", "credential-revocation", "choose-policy-type", "permissions-boundary"} {
		for _, size := range [][2]int{{80, 22}, {120, 38}} {
			for _, noColor := range []bool{false, true} {
				deps := testDeps(t, newClock())
				p := qz.NewPractice(testBank(t), qz.PracticeOptions{Topics: []string{topic}, N: 1, Generated: -1, Seed: 1})
				s := NewPracticeSession(deps, p)
				screentest.Show(s, size[0], size[1], noColor)
				drain(t, s, s.Init())
				name := topic
				check := func(phase string) {
					screentest.CheckFits(t, name+" "+phase, s.View(), size[0], size[1])
					if noColor {
						screentest.CheckNoColour(t, name+" "+phase, s.View())
					}
				}
				check("question")
				press(t, s, "a", "shift+down", "enter")
				if s.ans.item.Type == qz.Multiple {
					press(t, s, "b", "enter")
				}
				if s.ans.item.Type == qz.Matching {
					press(t, s, "a", "a", "a", "enter")
				}
				check("confidence")
				press(t, s, "2")
				check("feedback")
				press(t, s, "pgdn", "pgdn")
				check("feedback scrolled")
				press(t, s, "enter")
				check("summary")
			}
		}
	}
}

func TestStatementsOnePerLine(t *testing.T) {
	got := statements(`{"Version":"2012-10-17","Statement":{"Resource":"*","Action":"s3:*","Effect":"Deny","Sid":"X"}}`)
	if len(got) != 1 || got[0] != `{"Sid": "X", "Effect": "Deny", "Action": "s3:*", "Resource": "*"}` {
		t.Fatalf("single statement: %q", got)
	}
	if got := statements("{ not json\n }"); len(got) != 1 || got[0] != "{ not json }" {
		t.Fatalf("unparsable: %q", got)
	}
}

// TestQuitAsksInPracticeAndReview: q asks first in practice and review, as
// in the exam, until the session's summary.
func TestQuitAsksInPracticeAndReview(t *testing.T) {
	deps := testDeps(t, newClock())
	s := practiceOn(t, deps, "scp-never-grants")
	if w := s.QuitWarning(); !strings.Contains(w, "practice session ends") {
		t.Fatalf("practice quit warning %q", w)
	}
	s.kind = kindReview
	if w := s.QuitWarning(); !strings.Contains(w, "review session ends") {
		t.Fatalf("review quit warning %q", w)
	}
	s.phase = phaseSummary
	if w := s.QuitWarning(); w != "" {
		t.Fatalf("quit warning at the summary: %q", w)
	}
}

// TestNumbersAndCapitalsPickLikeLetters: an option's number and its
// capital letter pick it like its letter; enter takes the row under ›.
func TestNumbersAndCapitalsPickLikeLetters(t *testing.T) {
	deps := testDeps(t, newClock())
	s := practiceOn(t, deps, "scp-never-grants")
	press(t, s, "2")
	if s.ans.cursor != 1 || !s.ans.chosen[s.ans.opts[1].ID] {
		t.Fatalf("2 did not pick option b: cursor %d chosen %v", s.ans.cursor, s.ans.chosen)
	}
	press(t, s, "C")
	if s.ans.cursor != 2 || !s.ans.chosen[s.ans.opts[2].ID] || len(s.ans.chosen) != 1 {
		t.Fatalf("C did not pick option c: cursor %d chosen %v", s.ans.cursor, s.ans.chosen)
	}
	// A response restored with the cursor elsewhere: enter takes ›.
	s.ans.cursor = 0
	press(t, s, "enter")
	if !s.ans.chosen[s.ans.opts[0].ID] || len(s.ans.chosen) != 1 {
		t.Fatalf("enter did not take the row under ›: %v", s.ans.chosen)
	}
}
