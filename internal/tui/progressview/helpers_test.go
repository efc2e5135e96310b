package progressview

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/progress/progressdb"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/screentest"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

var t0 = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

func clock() time.Time { return t0 }

func memStore(t *testing.T) *progressdb.Store {
	t.Helper()
	s, err := progressdb.OpenMemory(progressdb.WithClock(clock), progressdb.WithLocation(time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// populate records a little practice through the store's public API:
// scenario attempts on explicit-deny (SCS-C03 D4) and root-user (D6), and
// quiz answers, one of them confidently wrong, a day before t0.
func populate(t *testing.T, s *progressdb.Store) {
	t.Helper()
	ctx := context.Background()
	day := t0.AddDate(0, 0, -1)
	attempt := func(id string, outcome progress.Outcome, hints []int, at time.Time, topics ...string) {
		a := progress.Attempt{
			ScenarioKey: progress.Key("core", id), Mode: "learn", StartedAt: at.Add(-5 * time.Minute), FinishedAt: at, Outcome: outcome,
			Score: 100, Stars: 3, Hints: hints, Duration: 5 * time.Minute, Topics: topics,
		}
		if outcome != progress.Solved {
			a.Score, a.Stars = 40, 0
		}
		if _, err := s.RecordAttempt(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	attempt("core/two-groups", progress.Solved, nil, day, "explicit-deny")
	attempt("core/deny-wins", progress.Failed, []int{1, 2}, day.Add(time.Hour), "explicit-deny")
	attempt("core/root", progress.Solved, nil, day.Add(2*time.Hour), "root-user")
	answer := func(item string, correct bool, c progress.Confidence, topic string) {
		if _, err := s.RecordAnswer(ctx, progress.Answer{ItemID: item, At: day.Add(3 * time.Hour), Chosen: "a", Correct: correct,
			Confidence: c, Duration: 90 * time.Second, Mode: progress.ExamMode, Topics: []string{topic}}); err != nil {
			t.Fatal(err)
		}
	}
	answer("q1", false, progress.Sure, "explicit-deny")
	answer("q2", true, progress.Sure, "root-user")
	answer("q3", false, progress.Guess, "trust-policy")
}

type practiceScreen struct {
	screen.Screen
	topic string
}

func newScreen(t *testing.T, s *progressdb.Store, opts Options, w, h int, th theme.Theme) *Model {
	t.Helper()
	m := New(screen.Deps{Now: clock, Store: s, Recording: true}, opts)
	m.SetStyles(theme.NewStyles(th))
	m.SetSize(w, h)
	run(m, m.Init())
	return m
}

// run executes a command and feeds its message back, as the root would,
// following batches and ignoring navigation.
func run(m *Model, cmd tea.Cmd) tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if _, ok := msg.(loadedMsg); ok {
		m.Update(msg)
	}
	return msg
}

func press(m *Model, k string) tea.Msg {
	_, cmd := m.Update(screentest.Key(k))
	return run(m, cmd)
}

func typeText(m *Model, s string) {
	for _, r := range s {
		press(m, string(r))
	}
}

// whole is the entire laid-out body, not just the visible part.
func whole(m *Model) string { return ansi.Strip(strings.Join(m.body, "\n")) }

func lineWith(t *testing.T, text, sub string) string {
	t.Helper()
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	t.Fatalf("no line with %q in:\n%s", sub, text)
	return ""
}
