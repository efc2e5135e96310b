package lessons

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/lessons"
	"github.com/iamlab/iamlab/internal/tui/markdown"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/scroll"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

// Reader shows one lesson, rendered from Markdown and scrollable, with its
// "Practise it" scenarios one key away.
type Reader struct {
	KeyMap ReaderKeyMap
	deps   screen.Deps
	st     *theme.Styles
	lesson lessons.Lesson
	open   Opener
	titles Titler

	// md holds the rendering per width and palette; rendering happens
	// in a command, and until it arrives the source is shown.
	md     *markdown.Cache
	view   scroll.Window // its Height is textHeight, set by fit
	width  int
	height int
}

// lessonKey names the lesson body in the reader's markdown cache.
const lessonKey = "lesson"

// NewReader opens a lesson; open (may be nil) opens its scenarios.
func NewReader(deps screen.Deps, l lessons.Lesson, open Opener) *Reader {
	return &Reader{KeyMap: DefaultReaderKeyMap(), deps: deps, lesson: l, open: open, md: new(markdown.Cache)}
}

// WithTitles names the lesson's scenarios by title in the "Practise it"
// links (the ids when t is nil or does not know one).
func (m *Reader) WithTitles(t Titler) *Reader {
	m.titles = t
	return m
}

// scenarioTitle is the title of the lesson's scenario id.
func (m *Reader) scenarioTitle(id string) string {
	if m.titles != nil {
		if t := m.titles(id); t != "" {
			return t
		}
	}
	return id
}

// Init starts rendering at the current size.
func (m *Reader) Init() tea.Cmd { return m.render() }

// SetStyles adopts a palette.
func (m *Reader) SetStyles(s *theme.Styles) { m.st = s }

// SetSize sets the size.
func (m *Reader) SetSize(w, h int) {
	m.width, m.height = w, h
	m.fit()
}

// Breadcrumb names the lesson.
func (m *Reader) Breadcrumb() []string { return []string{"Lessons", m.lesson.Title} }

// Meta says how far down the reader is.
func (m *Reader) Meta() string {
	n := len(m.lines())
	if n <= m.textHeight() {
		return "all shown"
	}
	return fmt.Sprintf("%d%%", m.view.Percent(n))
}

// Cursor: none.
func (m *Reader) Cursor() *tea.Cursor { return nil }

// CapturesText is false.
func (m *Reader) CapturesText() bool { return false }

// ShortHelp lists the keys.
func (m *Reader) ShortHelp() []key.Binding {
	k := m.KeyMap
	out := []key.Binding{k.Down, k.PageDown}
	if m.canPractise() {
		out = append(out, k.Practise)
	}
	return append(out, k.Back)
}

// FullHelp lists every key.
func (m *Reader) FullHelp() [][]key.Binding {
	k := m.KeyMap
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Practise, k.Back}}
}

func (m *Reader) canPractise() bool { return m.open != nil && len(m.lesson.Scenarios) > 0 }

func (m *Reader) variant() theme.Variant {
	if m.st != nil {
		return m.st.Theme.Variant
	}
	return theme.VariantDark
}

func (m *Reader) textWidth() int { return max(20, min(m.width-2, 100)) }

// textHeight leaves the last lines for the rule and the "Practise it"
// links.
func (m *Reader) textHeight() int {
	if len(m.lesson.Scenarios) == 0 {
		return max(1, m.height)
	}
	return max(1, m.height-1-len(m.linkLines()))
}

// maxLinkLines bounds the links: they are wrapped whole, titles and all,
// but the lesson keeps the screen.
const maxLinkLines = 3

// linkLines are the "Practise it" links, by title, wrapped to the width
// between links (a title that does not fit a line is wrapped itself).
func (m *Reader) linkLines() []string {
	if len(m.lesson.Scenarios) == 0 {
		return nil
	}
	st := m.st
	key := func(s string) string { return s }
	bold := key
	if st != nil {
		key, bold = func(s string) string { return st.Key.Render(s) }, func(s string) string { return st.Bold.Render(s) }
	}
	label, sep := "Practise it: ", "   "
	if m.open == nil {
		label, sep = "Practised in: ", ", "
	}
	w := max(20, m.width)
	var lines []string
	line, lineW := bold(label), ansi.StringWidth(label)
	for i, id := range m.lesson.Scenarios {
		if i >= 9 {
			break
		}
		link := m.scenarioTitle(id)
		if m.open != nil {
			link = key(fmt.Sprint(i+1)) + " " + link
		}
		lw := ansi.StringWidth(link)
		switch {
		case i == 0:
		case lineW+ansi.StringWidth(sep)+lw <= w:
			line += sep
			lineW += ansi.StringWidth(sep)
		default:
			lines = append(lines, line)
			line, lineW = "  ", 2
		}
		if lineW+lw > w {
			// One long title: wrapped under its number.
			parts := strings.Split(ansi.Wrap(link, max(10, w-lineW), " "), "\n")
			for j, p := range parts {
				if j > 0 {
					lines = append(lines, line)
					line, lineW = "    ", 4
				}
				line += p
				lineW += ansi.StringWidth(p)
			}
			continue
		}
		line += link
		lineW += lw
	}
	lines = append(lines, line)
	if len(lines) > maxLinkLines {
		lines = lines[:maxLinkLines]
		lines[maxLinkLines-1] = ansi.Truncate(lines[maxLinkLines-1], w-1, "") + "…"
	}
	return lines
}

// render starts the Markdown rendering for the current width unless it is done or busy.
func (m *Reader) render() tea.Cmd {
	if m.width == 0 {
		return nil
	}
	_, cmd := m.md.Get(lessonKey, m.lesson.Body, m.textWidth(), m.variant())
	return cmd
}

// lines are the rendered lines, or the source wrapped while rendering.
func (m *Reader) lines() []string {
	ls, _ := m.peek()
	return ls
}

// peek returns the lines and whether they are rendered.
func (m *Reader) peek() ([]string, bool) {
	return m.md.Peek(lessonKey, m.lesson.Body, m.textWidth(), m.variant())
}

// fit sizes the window to the text's room and keeps it inside the lines.
func (m *Reader) fit() {
	m.view.Height = m.textHeight()
	m.view.Clamp(len(m.lines()))
}

// Update scrolls, opens scenarios and stores renderings.
func (m *Reader) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case markdown.RenderedMsg:
		if m.md.Handle(msg) {
			m.fit()
		}
		return m, nil
	case tea.MouseWheelMsg:
		m.fit()
		m.view.Update(msg, m.KeyMap.Keys, len(m.lines()))
		return m, nil
	case tea.KeyPressMsg:
		k := m.KeyMap
		m.fit()
		switch {
		case m.view.Key(msg, k.Keys, len(m.lines())):
		case key.Matches(msg, k.Practise):
			return m, m.practise(int(msg.String()[0] - '1'))
		case key.Matches(msg, k.Back):
			return m, screen.Back
		}
	}
	return m, m.render()
}

// practise opens scenario i of the lesson.
func (m *Reader) practise(i int) tea.Cmd {
	if i < 0 || i >= len(m.lesson.Scenarios) {
		return nil
	}
	id := m.lesson.Scenarios[i]
	if m.open == nil {
		return screen.Status("scenarios cannot be opened from here", false)
	}
	s := m.open(id)
	if s == nil {
		return screen.Status("scenario "+id+" is not in the library", true)
	}
	return screen.Open(s)
}

// View draws exactly the size: the lesson, then the links.
func (m *Reader) View() string {
	if m.st == nil || m.height <= 0 {
		return ""
	}
	st := m.st
	win := m.view
	win.Height = m.textHeight()
	out := win.Fill(m.lines())
	if len(m.lesson.Scenarios) > 0 {
		out = append(out, st.Muted.Render(strings.Repeat("─", max(1, m.width))))
		out = append(out, m.linkLines()...)
	}
	out = out[:min(len(out), m.height)]
	for i := range out {
		out[i] = ansi.Truncate(out[i], m.width, "…")
	}
	return strings.Join(out, "\n")
}
