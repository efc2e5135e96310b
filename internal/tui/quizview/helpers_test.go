package quizview

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/progress/progressdb"
	qz "github.com/iamlab/iamlab/internal/quiz"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/screentest"
)

// testBank is the five reference items (one per type) from testdata, so
// tests do not depend on the content writers' bank.
func testBank(t *testing.T) *qz.Bank {
	t.Helper()
	src, err := os.ReadFile("testdata/bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	b, probs := qz.LoadBank(fstest.MapFS{"quiz/bank.yaml": {Data: src}}, "quiz")
	if len(probs) > 0 || len(b.Items) != 5 {
		t.Fatalf("test bank: %d items, problems %v", len(b.Items), probs)
	}
	return b
}

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func testDeps(t *testing.T, c *fakeClock) screen.Deps {
	t.Helper()
	st, err := progressdb.OpenMemory(progressdb.WithClock(c.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return screen.Deps{Now: c.Now, Store: st, Recording: true}
}

// practiceOn opens practice on one topic of the test bank: one item of a
// known type, no generated questions.
func practiceOn(t *testing.T, deps screen.Deps, topic string) *Session {
	t.Helper()
	p := qz.NewPractice(testBank(t), qz.PracticeOptions{Topics: []string{topic}, N: 1, Generated: -1, Seed: 1, Clock: deps.Now})
	s := NewPracticeSession(deps, p)
	screentest.Show(s, 120, 40, false)
	return s
}

// press sends keys by name ("a", "enter", "space", "shift+up" …) and runs
// the commands they return; messages for the root come back.
func press(t *testing.T, s screen.Screen, keys ...string) []tea.Msg {
	t.Helper()
	var out []tea.Msg
	for _, k := range keys {
		_, cmd := s.Update(screentest.Key(k))
		out = append(out, drain(t, s, cmd)...)
	}
	return out
}

// drain runs commands (never a tick: the tests send ticks themselves) and
// feeds the screen's own messages back to it; an error in the footer fails
// the test.
func drain(t *testing.T, s screen.Screen, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	out := screentest.Drain(s, cmd, func(msg tea.Msg) bool {
		_, tick := msg.(tickMsg)
		return !tick && screentest.NotForRoot(msg)
	})
	for _, msg := range out {
		if st, ok := msg.(screen.StatusMsg); ok && st.Error {
			t.Errorf("error status: %s", st.Text)
		}
	}
	return out
}

func answers(t *testing.T, deps screen.Deps) []progress.AnswerRecord {
	t.Helper()
	ex, err := deps.Store.Export(context.Background(), "", deps.Now())
	if err != nil {
		t.Fatal(err)
	}
	return ex.Answers
}

func contains(t *testing.T, s screen.Screen, want ...string) {
	t.Helper()
	got := screentest.Plain(s)
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("screen lacks %q:\n%s", w, got)
		}
	}
}

func lacks(t *testing.T, s screen.Screen, bad ...string) {
	t.Helper()
	got := screentest.Plain(s)
	for _, w := range bad {
		if strings.Contains(got, w) {
			t.Errorf("screen shows %q too early:\n%s", w, got)
		}
	}
}
