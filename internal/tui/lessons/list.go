// Package lessons is the lessons screen: a list of the lessons grouped by
// curriculum topic group, filterable, and a reader that renders a lesson as
// Markdown and opens the scenarios that practise it. The lessons come from
// internal/lessons; this package only shows them.
package lessons

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/curriculum"
	"github.com/iamlab/iamlab/internal/lessons"
	"github.com/iamlab/iamlab/internal/tui/cells"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/scroll"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

// Opener opens the scenario with this id, or returns nil when there is
// none.
type Opener func(scenarioID string) screen.Screen

// Titler names the scenario with this id for the "Practise it" links, or
// returns "" when there is none.
type Titler func(scenarioID string) string

type row struct {
	header string
	lesson *lessons.Lesson
}

// List is the lessons list.
type List struct {
	KeyMap   KeyMap
	deps     screen.Deps
	st       *theme.Styles
	lessons  []lessons.Lesson
	problems []error
	open     Opener
	titles   Titler

	filter   textinput.Model
	filterOn bool
	rows     []row
	cursor   int
	win      scroll.Window // over the rows
	width    int
	height   int
}

// New builds the list over lessons; open (may be nil) opens a scenario
// from a lesson's "Practise it" links.
func New(deps screen.Deps, ls []lessons.Lesson, open Opener) *List {
	ti := textinput.New()
	ti.Prompt = "/ "
	ti.Placeholder = "filter by title or topic"
	ti.SetVirtualCursor(false)
	m := &List{KeyMap: DefaultKeyMap(), deps: deps, lessons: ls, open: open, filter: ti}
	m.rebuild()
	return m
}

// WithTitles names the lessons' scenarios by their titles in the readers
// it opens.
func (m *List) WithTitles(t Titler) *List {
	m.titles = t
	return m
}

// NewBuiltin builds the list over the lessons embedded in the binary.
func NewBuiltin(deps screen.Deps, open Opener) *List {
	ls, errs := lessons.Builtin()
	m := New(deps, ls, open)
	m.problems = errs
	return m
}

// Init reports lessons that could not be read.
func (m *List) Init() tea.Cmd {
	if len(m.problems) > 0 {
		return screen.Status(fmt.Sprintf("%d lessons could not be read (iamlab check tells why)", len(m.problems)), true)
	}
	return nil
}

// SetStyles adopts a palette, for the filter field too.
func (m *List) SetStyles(s *theme.Styles) {
	m.st = s
	ts := m.filter.Styles()
	state := textinput.StyleState{Text: s.Text, Placeholder: s.Muted, Suggestion: s.Muted, Prompt: s.Key}
	ts.Focused, ts.Blurred = state, state
	ts.Cursor.Color = s.Theme.Accent
	m.filter.SetStyles(ts)
}

// SetSize sets the size.
func (m *List) SetSize(w, h int) {
	m.width, m.height = w, h
	m.filter.SetWidth(max(10, w-4))
	m.scroll()
}

// Breadcrumb names the screen.
func (m *List) Breadcrumb() []string { return []string{"Lessons"} }

// Meta counts the lessons.
func (m *List) Meta() string { return fmt.Sprintf("%d lessons", len(m.lessons)) }

// Cursor is in the filter while typing.
func (m *List) Cursor() *tea.Cursor {
	if !m.filterOn {
		return nil
	}
	return m.filter.Cursor()
}

// CapturesText while the filter is typed.
func (m *List) CapturesText() bool { return m.filterOn }

// ShortHelp lists the keys of the moment.
func (m *List) ShortHelp() []key.Binding {
	k := m.KeyMap
	if m.filterOn {
		return []key.Binding{k.Open, k.ClearFilter}
	}
	if m.filter.Value() != "" {
		return []key.Binding{k.Up, k.Down, k.Open, k.Filter, k.ClearFilter}
	}
	return []key.Binding{k.Up, k.Down, k.Open, k.Filter, k.Back}
}

// FullHelp lists every key.
func (m *List) FullHelp() [][]key.Binding {
	k := m.KeyMap
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Open}, {k.Filter, k.ClearFilter, k.Back}}
}

// matches is a simple filter: every word of the query appears in the
// title, the id or a topic.
func matches(l *lessons.Lesson, q string) bool {
	hay := strings.ToLower(l.Title + " " + l.ID + " " + strings.Join(l.Topics, " "))
	for _, t := range l.Topics {
		if tp, ok := curriculum.TopicByID(t); ok {
			hay += " " + strings.ToLower(tp.Title+" "+tp.Group.Title)
		}
	}
	for _, w := range strings.Fields(strings.ToLower(q)) {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

// rebuild groups the lessons that pass the filter.
func (m *List) rebuild() {
	var keep *lessons.Lesson
	if m.cursor < len(m.rows) {
		keep = m.rows[m.cursor].lesson
	}
	byGroup := map[string][]*lessons.Lesson{}
	titles := map[string]string{}
	for i := range m.lessons {
		l := &m.lessons[i]
		if !matches(l, m.filter.Value()) {
			continue
		}
		g := l.Group()
		byGroup[g.Letter] = append(byGroup[g.Letter], l)
		titles[g.Letter] = g.Title
	}
	letters := make([]string, 0, len(byGroup))
	for g := range byGroup {
		letters = append(letters, g)
	}
	sort.Strings(letters) // "" (core concepts) first
	m.rows = m.rows[:0]
	for _, g := range letters {
		h := titles[g]
		if g != "" {
			h = g + " · " + h
		}
		m.rows = append(m.rows, row{header: h})
		for _, l := range byGroup[g] {
			m.rows = append(m.rows, row{lesson: l})
		}
	}
	m.cursor = -1
	for i, r := range m.rows {
		if keep != nil && r.lesson == keep {
			m.cursor = i
			break
		}
	}
	if m.cursor < 0 {
		m.cursor = 0
		for i, r := range m.rows {
			if r.lesson != nil {
				m.cursor = i
				break
			}
		}
	}
	m.scroll()
}

func (m *List) move(d int) {
	for i := m.cursor + d; i >= 0 && i < len(m.rows); i += d {
		if m.rows[i].lesson != nil {
			m.cursor = i
			break
		}
	}
	m.scroll()
}

// Update handles the list and the filter.
func (m *List) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	k := m.KeyMap
	if m.filterOn {
		switch {
		case key.Matches(km, k.ClearFilter):
			m.filter.SetValue("")
			m.filter.Blur()
			m.filterOn = false
			m.rebuild()
		case key.Matches(km, k.Open):
			m.filter.Blur()
			m.filterOn = false
			return m, m.openSelected()
		case key.Matches(km, k.FilterUp):
			m.move(-1)
		case key.Matches(km, k.FilterDown):
			m.move(1)
		default:
			var cmd tea.Cmd
			before := m.filter.Value()
			m.filter, cmd = m.filter.Update(km)
			if m.filter.Value() != before {
				m.rebuild()
			}
			return m, cmd
		}
		return m, nil
	}
	if d, ok := k.Step(km, m.listHeight()); ok {
		m.move(d)
		return m, nil
	}
	switch {
	case key.Matches(km, k.Open):
		return m, m.openSelected()
	case key.Matches(km, k.Filter):
		m.filterOn = true
		return m, m.filter.Focus()
	case key.Matches(km, k.Back):
		if m.filter.Value() != "" {
			m.filter.SetValue("")
			m.rebuild()
			return m, nil
		}
		return m, screen.Back
	}
	return m, nil
}

func (m *List) openSelected() tea.Cmd {
	if m.cursor >= len(m.rows) || m.rows[m.cursor].lesson == nil {
		return nil
	}
	return screen.Open(NewReader(m.deps, *m.rows[m.cursor].lesson, m.open).WithTitles(m.titles))
}

// Layout: the filter line (when shown), the list, then the details of the
// selected lesson.
const detailLines = 4

func (m *List) filterShown() bool { return m.filterOn || m.filter.Value() != "" }

func (m *List) listHeight() int {
	h := m.height - detailLines
	if m.filterShown() {
		h--
	}
	return max(1, h)
}

func (m *List) scroll() {
	m.win.Height = m.listHeight()
	m.win.Reveal(max(0, m.cursor), 0, len(m.rows))
	if m.win.Off == 1 { // keep the first group's header in view
		m.win.Top()
	}
}

// View draws exactly the screen's size.
func (m *List) View() string {
	if m.st == nil || m.height <= 0 {
		return ""
	}
	st := m.st
	var lines []string
	if m.filterShown() {
		lines = append(lines, m.filter.View())
	}
	h := m.listHeight()
	for i := m.win.Off; i < min(len(m.rows), m.win.Off+h); i++ {
		r := m.rows[i]
		switch {
		case r.lesson == nil:
			lines = append(lines, st.Pane.Title.Render(r.header))
		case i == m.cursor:
			lines = append(lines, st.Selected.Render(padRight("› "+r.lesson.Title, m.width)))
		default:
			lines = append(lines, "  "+r.lesson.Title)
		}
	}
	if len(m.rows) == 0 {
		lines = append(lines, st.Muted.Render("  no lesson matches the filter (esc clears it)"))
	}
	for len(lines) < m.height-detailLines {
		lines = append(lines, "")
	}
	lines = append(lines, m.details()...)
	return cells.Frame(lines, m.width, m.height)
}

func (m *List) details() []string {
	st := m.st
	out := []string{st.Muted.Render(strings.Repeat("─", max(1, m.width)))}
	if m.cursor >= len(m.rows) || m.rows[m.cursor].lesson == nil {
		return out
	}
	l := m.rows[m.cursor].lesson
	var topics []string
	for _, t := range l.Topics {
		if tp, ok := curriculum.TopicByID(t); ok {
			topics = append(topics, tp.Title)
		}
	}
	var exams []string
	for _, e := range l.Exam {
		exams = append(exams, strings.Replace(e, ":", " ", 1))
	}
	out = append(out, st.Muted.Render("Topics: ")+strings.Join(topics, "; "))
	out = append(out, st.Muted.Render("Exam: ")+strings.Join(exams, ", "))
	if len(l.Scenarios) > 0 {
		names := make([]string, len(l.Scenarios))
		for i, id := range l.Scenarios {
			names[i] = id
			if m.titles != nil && m.titles(id) != "" {
				names[i] = m.titles(id)
			}
		}
		out = append(out, st.Muted.Render("Practise it: ")+strings.Join(names, ", "))
	} else {
		out = append(out, st.Muted.Render("No scenario practises this lesson yet."))
	}
	return out
}

func padRight(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}
