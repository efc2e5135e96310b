// Package examchoice is the screen that asks which exam the learner
// prepares for: on first start, and whenever they want to change it. The
// answer is kept in the progress store's settings; the library's "Next"
// and the quiz follow it.
package examchoice

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/curriculum"
	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/tui/cells"
	"github.com/iamlab/iamlab/internal/tui/nav"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

// Choices are the exams offered, in the order shown.
var Choices = []string{"SAA-C03", "SCS-C03"}

// KeyMap is the screen's bindings.
type KeyMap struct {
	Up, Down, Choose, Later key.Binding
	// The letters and numbers that choose one exam outright (the help
	// shows them with Choose).
	First, Second key.Binding
}

// DefaultKeyMap returns the bindings.
func DefaultKeyMap() KeyMap {
	n := nav.Default()
	return KeyMap{
		Up:     n.Up,
		Down:   n.Down,
		Choose: nav.Bind("enter/a/b", "choose", "enter", "a", "b", "1", "2"),
		Later:  nav.Bind("esc", "decide later", "esc"),
		First:  nav.Bind("a", Choices[0], "a", "1"),
		Second: nav.Bind("b", Choices[1], "b", "2"),
	}
}

// Model is the screen.
type Model struct {
	KeyMap  KeyMap
	deps    screen.Deps
	st      *theme.Styles
	first   bool // first start: the question is new to the learner
	current string
	cursor  int
	width   int
	height  int
}

// New asks for the exam; first says this is the learner's first start.
func New(deps screen.Deps, first bool) *Model {
	m := &Model{KeyMap: DefaultKeyMap(), deps: deps, first: first}
	if deps.Store != nil {
		if v, ok, err := deps.Store.Setting(context.Background(), progress.SettingExam); err == nil && ok {
			m.current = v
			for i, c := range Choices {
				if c == v {
					m.cursor = i
				}
			}
		}
	}
	return m
}

// NeedsAsking reports whether the learner has not said which exam yet.
// A store that does not persist is not asked for: the answer would be
// forgotten, and the notice saying so matters more on the first frame.
func NeedsAsking(deps screen.Deps) bool {
	if deps.Store == nil || !deps.Recording {
		return false
	}
	_, ok, err := deps.Store.Setting(context.Background(), progress.SettingExam)
	return err == nil && !ok
}

// Init does nothing.
func (m *Model) Init() tea.Cmd { return nil }

// SetStyles adopts a palette.
func (m *Model) SetStyles(s *theme.Styles) { m.st = s }

// SetSize sets the screen size.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

// Breadcrumb names the screen.
func (m *Model) Breadcrumb() []string { return []string{"Your exam"} }

// Meta says what the choice changes.
func (m *Model) Meta() string { return "Next and the quiz follow it" }

// Cursor: no text field.
func (m *Model) Cursor() *tea.Cursor { return nil }

// CapturesText is false.
func (m *Model) CapturesText() bool { return false }

// ShortHelp lists the keys.
func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.KeyMap.Down, m.KeyMap.Choose, m.KeyMap.Later}
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.KeyMap.Up, m.KeyMap.Down, m.KeyMap.Choose, m.KeyMap.Later}}
}

// Update moves and chooses.
func (m *Model) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	switch {
	case key.Matches(km, m.KeyMap.Up):
		m.cursor = max(0, m.cursor-1)
	case key.Matches(km, m.KeyMap.Down):
		m.cursor = min(len(Choices)-1, m.cursor+1)
	case key.Matches(km, m.KeyMap.Choose):
		switch {
		case key.Matches(km, m.KeyMap.First):
			m.cursor = 0
		case key.Matches(km, m.KeyMap.Second):
			m.cursor = 1
		}
		return m, m.choose(Choices[m.cursor])
	case key.Matches(km, m.KeyMap.Later):
		if m.current != "" {
			return m, screen.Back // unchanged
		}
		return m, tea.Batch(screen.Back, screen.Status("No exam chosen yet: Next suggests the easiest scenario of any exam. e on the library chooses one.", false))
	}
	return m, nil
}

func (m *Model) choose(exam string) tea.Cmd {
	store := m.deps.Store
	save := m.deps.Record("your exam choice", func() error {
		return store.SetSetting(context.Background(), progress.SettingExam, exam)
	})
	if store == nil {
		save = nil
	}
	return tea.Sequence(save, screen.Back, screen.Status("Preparing for "+exam+": Next suggests the easiest scenario for it and the quiz starts on it. e on the library changes it.", false))
}

// View draws the question.
func (m *Model) View() string {
	if m.st == nil || m.height == 0 {
		return ""
	}
	st := m.st
	w := min(m.width, 100)
	var lines []string
	add := func(s string) { lines = append(lines, strings.Split(ansi.Wrap(s, w, " "), "\n")...) }
	lines = append(lines, "")
	if m.first {
		add(st.Key.Render("Welcome to iamlab.") + " Which exam are you preparing for?")
		add(st.Muted.Render("The library's Next then starts you on the easiest scenario for that exam, and the quiz on its questions. You can change it any time with e on the library."))
	} else {
		add(st.Key.Render("Which exam are you preparing for?"))
		if m.current != "" {
			add(st.Muted.Render("Now: " + m.current + "."))
		}
	}
	lines = append(lines, "")
	for i, id := range Choices {
		name, about := id, ""
		if ex, err := curriculum.ExamByID(id); err == nil {
			name = fmt.Sprintf("%s · %s", id, ex.Name)
			// The facts of the exam guide, as internal/curriculum keeps
			// them with their sources.
			about = fmt.Sprintf("%d questions in %d minutes, pass mark %d of %d.", ex.Items, ex.Minutes, ex.PassMark, curriculum.ScaleMax)
		}
		letter := string(rune('a' + i))
		head := fmt.Sprintf("  %s) %s", letter, name)
		if i == m.cursor {
			head = st.Selected.Render(fmt.Sprintf("› %s) %s", letter, name))
		}
		add(head)
		for _, l := range strings.Split(ansi.Wrap(about, max(10, w-5), " "), "\n") {
			lines = append(lines, "     "+st.Muted.Render(l))
		}
		lines = append(lines, "")
	}
	return strings.Join(cells.Pad(lines, m.height), "\n")
}
