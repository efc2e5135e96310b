package scenario

import (
	"io"
	"log/slog"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/progress/progressdb"
	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/screentest"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

var builtIn = func() func() *scenarios.Library {
	var lib *scenarios.Library
	return func() *scenarios.Library {
		if lib == nil {
			lib = scenarios.LoadLibrary(scenarios.LibraryOptions{})
		}
		return lib
	}
}()

func scenarioByID(t testing.TB, id string) *scenarios.Scenario {
	t.Helper()
	s, ok := builtIn().Scenario(id)
	if !ok {
		t.Fatalf("no built-in scenario %q; findings: %v", id, builtIn().Findings())
	}
	return s
}

func testDeps(t testing.TB) screen.Deps {
	t.Helper()
	st, err := progressdb.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	return screen.Deps{Now: func() time.Time { return now }, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Store: st, Recording: true}
}

// drive runs commands the way the runtime would, feeding their messages
// back, but skips ticks that only wait (draft saves run at once).
func drive(m *Model, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0 && steps < 200; steps++ {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		switch msg := msg.(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
			continue
		case nil:
			continue
		case screen.BackMsg, screen.StatusMsg:
			continue
		}
		_, next := m.Update(msg)
		queue = append(queue, next)
	}
}

func press(m *Model, keys ...string) {
	for _, k := range keys {
		_, cmd := m.Update(screentest.Key(k))
		drive(m, cmd)
	}
}

func typeText(m *Model, s string) {
	for _, r := range s {
		_, cmd := m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		drive(m, cmd)
	}
}

func open(t testing.TB, id string, w, h int, deps screen.Deps) *Model {
	t.Helper()
	m := New(deps, scenarioByID(t, id))
	m.drafts.delay = time.Millisecond
	m.SetStyles(theme.NewStyles(theme.Dark()))
	m.SetSize(w, h)
	drive(m, m.Init())
	return m
}

type cmdFunc = tea.Cmd

// walk runs a command tree and hands every message to f.
func walk(cmd tea.Cmd, f func(any)) {
	if cmd == nil {
		return
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		for _, c := range b {
			walk(c, f)
		}
		return
	}
	f(msg)
}

// builtInKey is a built-in scenario's name in the progress store.
func builtInKey(t testing.TB, id string) progress.ScenarioKey {
	s := scenarioByID(t, id)
	return progress.Key(s.Pack, s.ID)
}
