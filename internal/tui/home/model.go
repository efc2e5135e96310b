// Package home is the screen a learner meets first: the scenario library
// grouped by pack, exam domain or topic, with each scenario's status and
// difficulty, a fuzzy filter, a suggestion of what to do next, the entries
// to the other screens, and broken packs shown with their errors.
package home

import (
	"context"
	"strconv"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/scroll"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

// Entry is a way into another screen, listed above the scenarios.
type Entry struct {
	Title string
	Help  string
	Key   key.Binding
	Open  func() screen.Screen
}

// Opener builds the screen for a scenario.
type Opener func(s *scenarios.Scenario) screen.Screen

// Model is the home screen.
type Model struct {
	KeyMap  KeyMap
	deps    screen.Deps
	styles  *theme.Styles
	lib     *scenarios.Library
	open    Opener
	entries []*Entry
	// assigned are the scenarios of the instructor's assignment files.
	assigned []Assigned

	status   map[progress.ScenarioKey]progress.ScenarioState
	exam     string // the exam the learner prepares for, "" when not said
	grouping Grouping
	filter   textinput.Model
	filterOn bool

	rows   []row
	cursor int
	win    scroll.Window // over the rows
	width  int
	height int
}

// statusMsg carries the scenarios' progress, loaded in a command.
type statusMsg struct {
	status map[progress.ScenarioKey]progress.ScenarioState
	exam   string
	err    error
}

// New builds the home screen over a library.
func New(deps screen.Deps, lib *scenarios.Library, open Opener, entries ...*Entry) *Model {
	ti := textinput.New()
	ti.Prompt = "/ "
	ti.Placeholder = "filter by title, topic or exam task"
	ti.SetVirtualCursor(false)
	m := &Model{KeyMap: DefaultKeyMap(), deps: deps, lib: lib, open: open, entries: entries, filter: ti, status: map[progress.ScenarioKey]progress.ScenarioState{}}
	m.rebuild()
	return m
}

// WithAssigned shows the instructor's assigned scenarios at the top.
func (m *Model) WithAssigned(a []Assigned) *Model {
	m.assigned = a
	m.rebuild()
	return m
}

// Init loads progress; the root calls it again when the learner comes back.
func (m *Model) Init() tea.Cmd {
	store := m.deps.Store
	return func() tea.Msg {
		if store == nil {
			return statusMsg{}
		}
		ctx := context.Background()
		st, err := store.ScenarioStatus(ctx)
		if err != nil {
			return statusMsg{err: err}
		}
		exam, _, err := store.Setting(ctx, progress.SettingExam)
		return statusMsg{status: st, exam: exam, err: err}
	}
}

// SetStyles adopts a palette.
func (m *Model) SetStyles(s *theme.Styles) { m.styles = s }

// SetSize sets the screen size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.filter.SetWidth(max(10, w-4))
	m.scroll()
}

// Breadcrumb: home is the root of the trail.
func (m *Model) Breadcrumb() []string { return []string{"Library"} }

// Meta counts what the library holds.
func (m *Model) Meta() string {
	n, solved := 0, 0
	for _, p := range m.lib.Packs {
		for _, s := range p.Scenarios {
			n++
			if m.status[progress.Key(s.Pack, s.ID)].Status == progress.StatusSolved {
				solved++
			}
		}
	}
	return strconv.Itoa(solved) + "/" + strconv.Itoa(n) + " solved · grouped by " + m.grouping.String()
}

// Cursor shows the real cursor in the filter while typing.
func (m *Model) Cursor() *tea.Cursor {
	if !m.filterOn {
		return nil
	}
	c := m.filter.Cursor()
	if c != nil {
		c.Y += m.filterRow()
	}
	return c
}

// CapturesText while the filter is being typed.
func (m *Model) CapturesText() bool { return m.filterOn }

// ShortHelp lists the keys of the moment.
func (m *Model) ShortHelp() []key.Binding {
	if m.filterOn {
		return []key.Binding{m.KeyMap.Open, m.KeyMap.ClearFilter}
	}
	out := []key.Binding{m.KeyMap.Open, m.KeyMap.Filter, m.KeyMap.Next, m.KeyMap.Group}
	for _, e := range m.entries {
		out = append(out, e.Key)
	}
	return out
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	nav := []key.Binding{m.KeyMap.Up, m.KeyMap.Down, m.KeyMap.PageUp, m.KeyMap.PageDown, m.KeyMap.Open}
	lib := []key.Binding{m.KeyMap.Filter, m.KeyMap.ClearFilter, m.KeyMap.Next, m.KeyMap.Group}
	var screens []key.Binding
	for _, e := range m.entries {
		screens = append(screens, e.Key)
	}
	return [][]key.Binding{nav, lib, screens}
}

// rebuild recomputes the rows, keeping the selection on the same scenario.
func (m *Model) rebuild() {
	var keep *scenarios.Scenario
	if m.cursor < len(m.rows) {
		keep = m.rows[m.cursor].scenario
	}
	m.rows = buildRows(m.lib, m.entries, m.assigned, m.grouping, m.filter.Value())
	m.cursor = 0
	for i, r := range m.rows {
		if keep != nil && r.scenario == keep {
			m.cursor = i
			break
		}
	}
	// A search that matches nothing leaves no rows (or only broken packs'
	// lines): the cursor stays at 0 and nothing is indexed.
	if len(m.rows) > 0 && (keep == nil || m.rows[m.cursor].scenario != keep) {
		m.cursor = m.firstSelectable(0, 1)
	}
	m.scroll()
}

func (m *Model) firstSelectable(from, dir int) int {
	for i := from; i >= 0 && i < len(m.rows); i += dir {
		if m.rows[i].selectable() {
			return i
		}
	}
	return max(0, min(from, len(m.rows)-1))
}

// suggestion is what to do next: a scenario in progress, else the
// assigned one due soonest, else the easiest unsolved one for the learner's exam (the first in teaching
// order among the easiest), else the easiest unsolved one of any exam.
func (m *Model) suggestion() *scenarios.Scenario {
	var easiest, easiestExam *scenarios.Scenario
	for _, p := range m.lib.Packs {
		for _, s := range p.Scenarios {
			st := m.status[progress.Key(s.Pack, s.ID)].Status
			if st == progress.StatusInProgress {
				return s
			}
			if st == progress.StatusSolved {
				continue
			}
			if easiest == nil || s.Difficulty < easiest.Difficulty {
				easiest = s
			}
			if forExam(s, m.exam) && (easiestExam == nil || s.Difficulty < easiestExam.Difficulty) {
				easiestExam = s
			}
		}
	}
	// What the instructor assigned comes before the library's own order:
	// the soonest due that is not solved yet.
	for _, r := range assignedRows(m.assigned) {
		if r.kind == rowScenario && m.status[progress.Key(r.scenario.Pack, r.scenario.ID)].Status != progress.StatusSolved {
			return r.scenario
		}
	}
	if easiestExam != nil {
		return easiestExam
	}
	return easiest
}

// forExam reports whether a scenario practises a task of the exam.
func forExam(s *scenarios.Scenario, exam string) bool {
	for _, t := range s.Exam {
		if exam != "" && t.Exam == exam {
			return true
		}
	}
	return false
}
