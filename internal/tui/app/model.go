// Package app is the TUI's root model: a router that handles resizing, the
// keys every screen shares, navigation between screens and the theme, and
// delegates everything else to the screen in front.
package app

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/tui/editor"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

// MinWidth and MinHeight are the smallest terminal the screens are laid out
// for; below it the root says so instead of drawing garbage.
const (
	MinWidth  = 80
	MinHeight = 24
)

// Model is the root.
type Model struct {
	keys     keyMap
	help     help.Model
	styles   *theme.Styles
	getenv   func(string) string
	screen   screen.Screen
	history  []screen.Screen
	width    int
	height   int
	status   string
	statusE  bool
	quitting bool
	// confirmQuit is set while the root asks whether to quit anyway.
	confirmQuit bool
	// notice covers the screen until acknowledged (WithNotice).
	notice string
	// guard drops the tail of an escape sequence cut between reads, before
	// any screen can take it for typing.
	guard editor.SeqGuard
}

// New builds the root around a first screen. getenv is consulted for
// NO_COLOR; the real background arrives later as a message.
func New(first screen.Screen, getenv func(string) string) Model {
	st := theme.NewStyles(theme.Detect(true, getenv))
	h := help.New()
	h.Styles = st.Help
	first.SetStyles(st)
	return Model{keys: defaultKeyMap(), help: h, styles: st, getenv: getenv, screen: first}
}

// WithFirstScreen shows s in front of the first screen, which esc (Back)
// then returns to: a question the learner answers before starting.
func (m Model) WithFirstScreen(s screen.Screen) Model {
	s.SetStyles(m.styles)
	m.history = append(m.history, m.screen)
	m.screen = s
	return m
}

// WithStatus starts with a footer message, for notices gathered before the
// first frame (a database moved aside, recording switched off).
func (m Model) WithStatus(text string, isErr bool) Model {
	m.status, m.statusE = text, isErr
	return m
}

// Init asks the terminal for its background so light terminals get the
// light palette.
func (m Model) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, m.screen.Init())
}

// bodyHeight leaves room for the header line and the footer.
func (m Model) bodyHeight() int {
	return max(0, m.height-1-len(m.footerLines()))
}

func (m *Model) resize() {
	m.help.SetWidth(m.width)
	if m.width >= MinWidth && m.height >= MinHeight {
		m.screen.SetSize(m.width, m.bodyHeight())
	}
}

// Update routes: resize, theme, global keys, navigation, then the screen.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m.guard.Drop(msg) {
		return m, nil
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
		// The screen is sized already; the message lets it start the
		// re-rendering it does in commands (Markdown for the new width).
		var cmd tea.Cmd
		m.screen, cmd = m.screen.Update(msg)
		return m, cmd
	case tea.BackgroundColorMsg:
		m.styles = theme.NewStyles(theme.Detect(msg.IsDark(), m.getenv))
		m.help.Styles = m.styles.Help
		m.screen.SetStyles(m.styles)
		for _, s := range m.history {
			s.SetStyles(m.styles)
		}
		// As with a resize: the message lets the screen start what it
		// renders in commands (Markdown in the new palette).
		var cmd tea.Cmd
		m.screen, cmd = m.screen.Update(msg)
		return m, cmd
	case tea.KeyPressMsg:
		if m.notice != "" {
			return m.noticeKey(msg)
		}
		// A message stays until the learner's next key, errors included:
		// by then it has been read, and the help line comes back.
		if m.status != "" {
			m.setStatus("", false)
		}
		quitKey := key.Matches(msg, m.keys.Quit) || !m.screen.CapturesText() && key.Matches(msg, m.keys.QuitQ)
		if m.confirmQuit {
			m.confirmQuit = false
			if quitKey || key.Matches(msg, m.keys.QuitYes) {
				return m.quit()
			}
			return m, nil
		}
		switch {
		case quitKey:
			if g, ok := m.screen.(screen.QuitGuard); ok {
				if w := g.QuitWarning(); w != "" {
					m.confirmQuit = true
					m.setStatus(w+" Quit anyway? y (or q again) quits, any other key stays.", true)
					return m, nil
				}
			}
			return m.quit()
		case !m.screen.CapturesText() && key.Matches(msg, m.keys.Help):
			m.help.ShowAll = !m.help.ShowAll
			m.resize()
			return m, nil
		}
	case tea.MouseClickMsg, tea.MouseReleaseMsg, tea.MouseWheelMsg, tea.MouseMotionMsg:
		if m.notice != "" {
			return m, nil
		}
	}
	switch msg := msg.(type) {
	case tea.MouseClickMsg:
		msg.Y -= headerRows
		return m.toScreen(msg)
	case tea.MouseReleaseMsg:
		msg.Y -= headerRows
		return m.toScreen(msg)
	case tea.MouseWheelMsg:
		msg.Y -= headerRows
		return m.toScreen(msg)
	case tea.MouseMotionMsg:
		msg.Y -= headerRows
		return m.toScreen(msg)
	case screen.OpenMsg:
		m.history = append(m.history, m.screen)
		m.screen = msg.Screen
		m.screen.SetStyles(m.styles)
		m.resize()
		return m, m.screen.Init()
	case screen.BackMsg:
		if n := len(m.history); n > 0 {
			m.screen = m.history[n-1]
			m.history = m.history[:n-1]
			m.resize()
			// Coming back is a fresh look: the screen reloads what the
			// other screen may have changed (progress, drafts).
			return m, m.screen.Init()
		}
		return m, nil
	case screen.StatusMsg:
		m.setStatus(msg.Text, msg.Error)
		return m, nil
	}
	return m.toScreen(msg)
}

// headerRows is the header above every screen: mouse positions reach the
// screens relative to their own top-left corner.
const headerRows = 1

func (m Model) toScreen(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	m.screen, cmd = m.screen.Update(msg)
	return m, cmd
}

// quit lets the screen save what it holds (a draft still waiting for its
// debounce) before the program ends.
func (m Model) quit() (tea.Model, tea.Cmd) {
	m.quitting = true
	if f, ok := m.screen.(screen.Flusher); ok {
		if cmd := f.Flush(); cmd != nil {
			return m, tea.Sequence(cmd, tea.Quit)
		}
	}
	return m, tea.Quit
}

// View draws header, the screen and the help footer.
func (m Model) View() tea.View {
	var v tea.View
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "iamlab"
	if m.quitting {
		return v
	}
	if m.width == 0 {
		v.Content = "starting iamlab…"
		return v
	}
	if m.width < MinWidth || m.height < MinHeight {
		v.Content = m.tooSmall()
		return v
	}
	header := m.header()
	parts := []string{header}
	if h := m.bodyHeight(); h > 0 {
		body := m.screen.View()
		if m.notice != "" {
			body = m.noticeView(h)
		}
		parts = append(parts, fitBody(body, m.width, h))
	}
	parts = append(parts, m.footer())
	v.Content = guardFrame(strings.Join(parts, "\n"))
	if c := m.screen.Cursor(); c != nil {
		cur := *c
		cur.Y++ // below the header
		v.Cursor = &cur
	}
	return v
}

// fitBody holds a screen to its size: a screen that draws a line too many
// or too few, or one too wide, must not push the footer (and with it ? and
// q) off the terminal or wrap into garbage.
func fitBody(body string, w, h int) string {
	lines := strings.Split(body, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "…")
		}
	}
	return strings.Join(lines, "\n")
}

func (m Model) tooSmall() string {
	msg := fmt.Sprintf("iamlab needs a terminal of at least %d×%d; this one is %d×%d.", MinWidth, MinHeight, m.width, m.height)
	hint := "Enlarge the window or reduce the font size. ctrl+c quits."
	lines := []string{ansi.Wrap(msg, max(10, m.width), " "), ansi.Wrap(hint, max(10, m.width), " ")}
	return m.styles.Warning.Render(strings.Join(lines, "\n"))
}

func (m Model) header() string {
	st := m.styles.App
	left := st.Title.Render("iamlab")
	for _, b := range m.screen.Breadcrumb() {
		left += st.Separator.Render(" › ") + st.Breadcrumb.Render(b)
	}
	right := st.Meta.Render(m.screen.Meta())
	gap := m.width - ansi.StringWidth(left) - ansi.StringWidth(right)
	if gap < 1 {
		left = ansi.Truncate(left, max(0, m.width-ansi.StringWidth(right)-2), "…")
		gap = max(1, m.width-ansi.StringWidth(left)-ansi.StringWidth(right))
	}
	return ansi.Truncate(left+strings.Repeat(" ", gap)+right, m.width, "")
}

// helpKeys is the screen's bindings followed by the shared ones.
type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h helpKeys) ShortHelp() []key.Binding  { return h.short }
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }

func (m Model) globalKeys() []key.Binding {
	if m.screen.CapturesText() {
		return []key.Binding{m.keys.Quit}
	}
	return []key.Binding{m.keys.Help, m.keys.QuitQ}
}

func (m Model) fullHelpRows() []string {
	// The columns that do not fit are left out by the help model; a row
	// still wider than the terminal is cut by footerLines.
	rows := m.help.View(helpKeys{full: append(m.screen.FullHelp(), m.globalKeys())})
	return strings.Split(rows, "\n")
}

func (m Model) footer() string { return strings.Join(m.footerLines(), "\n") }

// maxStatusLines bounds the footer message: a notice such as "your
// database was moved aside to …" must be readable whole, but must not eat
// the screen.
const maxStatusLines = 4

// footerLines is the message of the moment, wrapped, then the help: the
// short line, or every key when ? expanded it.
func (m Model) footerLines() []string {
	var out []string
	if m.status != "" {
		st := m.styles.Status.Info
		if m.statusE {
			st = m.styles.Status.Error
		}
		w := max(10, m.width)
		lines := strings.Split(ansi.Wrap(m.status, w, " "), "\n")
		if len(lines) > maxStatusLines {
			lines = lines[:maxStatusLines]
			lines[maxStatusLines-1] = ansi.Truncate(lines[maxStatusLines-1], w-1, "") + "…"
		}
		for _, l := range lines {
			out = append(out, st.Render(l))
		}
	}
	switch {
	case m.help.ShowAll:
		out = append(out, m.fullHelpRows()...)
	case len(out) == 0:
		out = append(out, m.shortHelp())
	}
	for i, l := range out {
		out[i] = ansi.Truncate(l, max(1, m.width), "…")
	}
	return out
}

// shortHelp is the footer's one line: the screen's keys that fit, then
// always the shared ones (? and q), so a narrow terminal drops the
// screen's last keys (marked …) and never the way to more help or out.
func (m Model) shortHelp() string {
	st := m.help.Styles
	sep := st.ShortSeparator.Render(m.help.ShortSeparator)
	item := func(b key.Binding) string {
		return st.ShortKey.Render(b.Help().Key) + " " + st.ShortDesc.Render(b.Help().Desc)
	}
	join := func(bs []key.Binding) string {
		var parts []string
		for _, b := range bs {
			if b.Enabled() && b.Help().Key != "" {
				parts = append(parts, item(b))
			}
		}
		return strings.Join(parts, sep)
	}
	tail := join(m.globalKeys())
	var items []string
	for _, b := range m.screen.ShortHelp() {
		if b.Enabled() && b.Help().Key != "" {
			items = append(items, item(b))
		}
	}
	sw := ansi.StringWidth(sep)
	room := m.width - ansi.StringWidth(tail)
	// widthOf is the width of the first n items joined, with the separator
	// before the tail.
	widthOf := func(n int) int {
		w := 0
		for _, s := range items[:n] {
			w += ansi.StringWidth(s) + sw
		}
		return w
	}
	n := len(items)
	if widthOf(n) > room {
		// Not every key fits: as many as leave room for "…".
		ell := st.Ellipsis.Render("…")
		for n > 0 && widthOf(n)+ansi.StringWidth(ell)+sw > room {
			n--
		}
		items = append(items[:n], ell)
	}
	if len(items) == 0 {
		return tail
	}
	return strings.Join(items, sep) + sep + tail
}

// setStatus changes the footer message; the screen below is laid out
// again because the footer may have grown or shrunk.
func (m *Model) setStatus(text string, isErr bool) {
	m.status, m.statusE = text, isErr
	m.resize()
}
