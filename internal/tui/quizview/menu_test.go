package quizview

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/iamlab/iamlab/internal/progress"
	qz "github.com/iamlab/iamlab/internal/quiz"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/screentest"
)

func newMenu(t *testing.T, deps screen.Deps, w, h int, noColor bool) *Menu {
	t.Helper()
	m := NewMenu(deps, testBank(t), nil)
	screentest.Show(m, w, h, noColor)
	drain(t, m, m.Init())
	return m
}

// menuTo moves the cursor to the first row of a kind.
func menuTo(t *testing.T, m *Menu, k rowKind, exam string, items int) {
	t.Helper()
	for i, r := range m.rows {
		if r.kind == k && r.exam == exam && r.items == items {
			m.cursor = i
			return
		}
	}
	t.Fatalf("no row %v %s", k, exam)
}

func TestMenuNothingDue(t *testing.T) {
	deps := testDeps(t, newClock())
	m := newMenu(t, deps, 120, 38, false)
	contains(t, m, "Practice", "Start practice", "SAA-C03 — the IAM-bearing tasks of Domain 1: 65 items, 130 min",
		"SCS-C03 — the IAM-bearing skills of all six domains: 65 items, 170 min", "Nothing is due for review")
	menuTo(t, m, rowReview, "", 0)
	msgs := press(t, m, "enter")
	if len(msgs) != 1 || !strings.Contains(msgs[0].(screen.StatusMsg).Text, "nothing is due") {
		t.Fatalf("review with nothing due: %v", msgs)
	}
}

func TestMenuStartsPracticeWithChoices(t *testing.T) {
	deps := testDeps(t, newClock())
	m := newMenu(t, deps, 120, 38, false)
	menuTo(t, m, rowTopic, "", 0)
	press(t, m, "right")
	contains(t, m, "Topic    ‹ ")
	topic := m.topics[m.topicPick-1].id
	menuTo(t, m, rowCount, "", 0)
	press(t, m, "left")
	contains(t, m, "Items    ‹ 5 ›")
	msgs := press(t, m, "enter")
	if len(msgs) != 1 {
		t.Fatalf("start: %v", msgs)
	}
	s := msgs[0].(screen.OpenMsg).Screen.(*Session)
	for _, e := range s.run.Entries() {
		found := false
		for _, tp := range e.Item.Topics {
			found = found || tp == topic
		}
		if !found {
			t.Fatalf("item %s is not on %s", e.Item.ID, topic)
		}
	}
	// The exam filter narrows the topics.
	menuTo(t, m, rowExamFilter, "", 0)
	press(t, m, "right")
	contains(t, m, "SAA-C03")
}

func TestMenuExamAsksFirst(t *testing.T) {
	c := newClock()
	deps := testDeps(t, c)
	m := newMenu(t, deps, 80, 22, false)
	menuTo(t, m, rowExam, "SCS-C03", 0)
	if msgs := press(t, m, "enter"); len(msgs) != 0 {
		t.Fatalf("the exam started without asking: %v", msgs)
	}
	contains(t, m, "This takes 170 minutes", "clock starts when you press enter")
	press(t, m, "esc")
	lacks(t, m, "This takes")
	menuTo(t, m, rowExam, "SAA-C03", 13)
	press(t, m, "enter")
	contains(t, m, "This takes 26 minutes")
	msgs := press(t, m, "enter")
	s := msgs[0].(screen.OpenMsg).Screen.(*Session)
	if s.exam == nil || s.exam.ExamInfo().ID != "SAA-C03" {
		t.Fatalf("opened %+v", s)
	}
	if !strings.Contains(s.Meta(), "left") {
		t.Fatalf("meta %q", s.Meta())
	}
	if msgs := press(t, m, "esc"); len(msgs) != 1 {
		t.Fatalf("esc: %v", msgs)
	}
}

// The menu remembers each exam's items for the next draw to avoid (the
// avoiding itself is tested in internal/quiz); this small bank cannot fill
// two exams, so the second one reuses items and still remembers its own.
func TestMenuExamRemembersItsItems(t *testing.T) {
	c := newClock()
	deps := testDeps(t, c)
	m := newMenu(t, deps, 80, 22, false)
	for range 2 {
		menuTo(t, m, rowExam, "SAA-C03", 13)
		press(t, m, "enter")
		msgs := press(t, m, "enter")
		s := msgs[0].(screen.OpenMsg).Screen.(*Session)
		saved, err := deps.Store.LastExamItems(context.Background(), "SAA-C03")
		if err != nil || len(saved) == 0 || !reflect.DeepEqual(saved, s.exam.ItemIDs()) {
			t.Fatalf("saved %v (%v), exam %v", saved, err, s.exam.ItemIDs())
		}
	}
}

func TestMenuLayouts(t *testing.T) {
	for _, size := range [][2]int{{80, 22}, {120, 38}} {
		for _, noColor := range []bool{false, true} {
			deps := testDeps(t, newClock())
			m := newMenu(t, deps, size[0], size[1], noColor)
			for i := range m.rows {
				if m.rows[i].selectable() {
					m.cursor = i
					screentest.CheckFits(t, "menu", m.View(), size[0], size[1])
				}
			}
			menuTo(t, m, rowExam, "SAA-C03", 0)
			press(t, m, "enter")
			screentest.CheckFits(t, "exam confirmation", m.View(), size[0], size[1])
			if noColor {
				screentest.CheckNoColour(t, "menu", m.View())
			}
		}
	}
}

// TestReviewOrderAndRetake records a history, then reviews through the
// menu: confident mistakes first, feedback as in practice, and a retake
// of only the items missed again.
func TestReviewOrderAndRetake(t *testing.T) {
	c := newClock()
	deps := testDeps(t, c)
	ctx := context.Background()
	bank := testBank(t)
	record := func(id string, correct bool, conf progress.Confidence) {
		it, _ := bank.Item(id)
		_, err := deps.Store.RecordAnswer(ctx, progress.Answer{ItemID: id, At: c.Now(), Chosen: "x", Correct: correct,
			Confidence: conf, Mode: progress.Practice, Topics: it.Topics, Tasks: it.Exam})
		if err != nil {
			t.Fatal(err)
		}
		c.Add(time.Minute)
	}
	record("scp-does-not-grant", false, progress.Sure)
	record("cross-account-s3-needs-both", false, progress.Guess)
	record("match-policy-types", true, progress.Sure)

	// Without anything due yet, the review is the mistakes, sure first.
	m := newMenu(t, deps, 120, 38, false)
	if m.review == nil || m.review.err != nil {
		t.Fatalf("review not loaded: %+v", m.review)
	}
	contains(t, m, "1 mistake made while sure")
	rev := m.review.review
	var ids []string
	for _, e := range rev.Entries() {
		ids = append(ids, e.Item.ID)
	}
	due, _ := deps.Store.DueReviews(ctx, c.Now())
	if len(due) == 0 && (len(ids) != 2 || ids[0] != "scp-does-not-grant" || ids[1] != "cross-account-s3-needs-both") {
		t.Fatalf("review order %v, want the sure mistake first", ids)
	}
	if !strings.Contains(ids[0], "scp-does-not-grant") && len(due) == 0 {
		t.Fatalf("review order %v", ids)
	}

	menuTo(t, m, rowReview, "", 0)
	msgs := press(t, m, "enter")
	s := msgs[0].(screen.OpenMsg).Screen.(*Session)
	screentest.Show(s, 120, 38, false)
	if s.kind != kindReview || s.Breadcrumb()[1] != "Review" {
		t.Fatalf("opened %v %v", s.kind, s.Breadcrumb())
	}
	// Answer every item: the first wrong again, the rest right.
	first := s.ans.item.ID
	answerWrong(t, s)
	press(t, s, "enter")
	lacks(t, s, "Not right")
	press(t, s, "1")
	contains(t, s, "✗ Not right", "You were sure")
	press(t, s, "enter")
	for s.phase == phaseAnswer {
		answerRight(t, s)
		press(t, s, "enter", "2", "enter")
	}
	if s.phase != phaseSummary {
		t.Fatalf("phase %v", s.phase)
	}
	contains(t, s, "Review finished", "Wrong answers (1)")
	got := answers(t, deps)
	if len(got) != 3+len(s.run.Entries()) {
		t.Fatalf("recorded %d answers", len(got))
	}
	msgs = press(t, s, "r")
	re := msgs[0].(screen.OpenMsg).Screen.(*Session)
	if _, n := re.run.Position(); n != 1 || re.ans.item.ID != first || re.kind != kindReview {
		t.Fatalf("retake %d items starting %s", n, re.ans.item.ID)
	}
	// Played once: the menu draws a new review when it is shown again.
	if m.review != nil {
		t.Fatal("the menu kept a review already played")
	}
}

func TestReviewSessionEmpty(t *testing.T) {
	deps := testDeps(t, newClock())
	s := NewReviewSession(deps, qz.NewReview(testBank(t), nil, nil, qz.ReviewOptions{}))
	screentest.Show(s, 80, 22, true)
	if s.phase != phaseSummary {
		t.Fatalf("phase %v", s.phase)
	}
	contains(t, s, "Nothing was answered")
	screentest.CheckFits(t, "empty review", s.View(), 80, 22)
}
