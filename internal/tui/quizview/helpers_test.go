package quizview

import (
	"context"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/progress/progressdb"
	qz "github.com/iamlab/iamlab/internal/quiz"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/theme"
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
	show(s, 120, 40, false)
	return s
}

func show(s screen.Screen, w, h int, noColor bool) {
	th := theme.Dark()
	if noColor {
		th = theme.NoColor()
	}
	s.SetStyles(theme.NewStyles(th))
	s.SetSize(w, h)
}

// press sends keys by name ("a", "enter", "space", "shift+up" …) and runs
// the commands they return; messages for the root come back.
func press(t *testing.T, s screen.Screen, keys ...string) []tea.Msg {
	t.Helper()
	var out []tea.Msg
	for _, k := range keys {
		_, cmd := s.Update(keyMsg(k))
		out = append(out, drain(t, s, cmd)...)
	}
	return out
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "pgdn":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "shift+up":
		return tea.KeyPressMsg{Code: tea.KeyUp, Mod: tea.ModShift}
	case "shift+down":
		return tea.KeyPressMsg{Code: tea.KeyDown, Mod: tea.ModShift}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// drain runs commands (never a tick: the tests send ticks themselves) and
// feeds the screen's own messages back to it.
func drain(t *testing.T, s screen.Screen, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, drain(t, s, c)...)
		}
		return out
	case screen.StatusMsg:
		if msg.Error {
			t.Errorf("error status: %s", msg.Text)
		}
		return []tea.Msg{msg}
	case screen.BackMsg, screen.OpenMsg:
		return []tea.Msg{msg}
	case tickMsg:
		return []tea.Msg{msg}
	default:
		_, next := s.Update(msg)
		return drain(t, s, next)
	}
}

func plain(s screen.Screen) string { return ansi.Strip(s.View()) }

func answers(t *testing.T, deps screen.Deps) []progress.AnswerRecord {
	t.Helper()
	ex, err := deps.Store.Export(context.Background(), "", deps.Now())
	if err != nil {
		t.Fatal(err)
	}
	return ex.Answers
}

// checkSize asserts the view fills exactly w×h.
func checkSize(t *testing.T, name string, s screen.Screen, w, h int) {
	t.Helper()
	v := s.View()
	lines := strings.Split(v, "\n")
	if len(lines) != h {
		t.Errorf("%s at %d×%d: %d lines, want %d", name, w, h, len(lines), h)
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			t.Errorf("%s at %d×%d: line %d is %d wide: %q", name, w, h, i, n, ansi.Strip(l))
		}
	}
}

var colourSGR = regexp.MustCompile(`\x1b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7]|10[0-7])(;[0-9;]*)?m`)

func checkNoColour(t *testing.T, name string, s screen.Screen) {
	t.Helper()
	if loc := colourSGR.FindStringIndex(s.View()); loc != nil {
		t.Errorf("%s: colour escape under NO_COLOR: %q", name, s.View()[loc[0]:min(len(s.View()), loc[1]+10)])
	}
}

func contains(t *testing.T, s screen.Screen, want ...string) {
	t.Helper()
	got := plain(s)
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("screen lacks %q:\n%s", w, got)
		}
	}
}

func lacks(t *testing.T, s screen.Screen, bad ...string) {
	t.Helper()
	got := plain(s)
	for _, w := range bad {
		if strings.Contains(got, w) {
			t.Errorf("screen shows %q too early:\n%s", w, got)
		}
	}
}
