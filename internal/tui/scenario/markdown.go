package scenario

import (
	"strings"
	"sync"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	xansi "github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/tui/theme"
)

// Markdown texts the screen renders with glamour.
type mdText int

const (
	mdBriefing mdText = iota
	mdDebrief
	mdQuestion
)

type mdKey struct {
	text    mdText
	width   int
	variant theme.Variant
}

// mdCache keeps rendered Markdown per text, width and palette. Rendering
// (~2 ms each) happens in a command; until it arrives View shows the plain
// text wrapped to the width.
type mdCache struct {
	mu      sync.Mutex // written only by Update; guards against a test reading concurrently
	done    map[mdKey][]string
	pending map[mdKey]bool
}

func newMDCache() *mdCache {
	return &mdCache{done: map[mdKey][]string{}, pending: map[mdKey]bool{}}
}

// mdRenderedMsg carries one rendering back.
type mdRenderedMsg struct {
	key   mdKey
	lines []string
}

// glamourStyle picks the standard style matching the palette.
func glamourStyle(v theme.Variant) string {
	switch v {
	case theme.VariantLight:
		return "light"
	case theme.VariantNoColor:
		return "notty"
	default:
		return "dark"
	}
}

// noColorStyle is glamour's notty style with attributes instead of the
// Markdown markers it would print: NO_COLOR forbids colour, not bold.
func noColorStyle() ansi.StyleConfig {
	c := styles.NoTTYStyleConfig
	on := true
	c.Strong = ansi.StylePrimitive{Bold: &on}
	c.Emph = ansi.StylePrimitive{Italic: &on}
	c.Heading.Bold = &on
	return c
}

// renderMD renders Markdown at a width; it runs inside a command.
func renderMD(src string, width int, v theme.Variant) []string {
	style := glamour.WithStandardStyle(glamourStyle(v))
	if v == theme.VariantNoColor {
		style = glamour.WithStyles(noColorStyle())
	}
	r, err := glamour.NewTermRenderer(style, glamour.WithWordWrap(width))
	var out string
	if err == nil {
		out, err = r.Render(joinContinuations(src))
	}
	if err != nil {
		return plainLines(src, width)
	}
	lines := strings.Split(strings.TrimRight(out, "\n "), "\n")
	for len(lines) > 0 && strings.TrimSpace(xansi.Strip(lines[0])) == "" {
		lines = lines[1:]
	}
	// glamour pads lines to the wrap width with spaces; trailing blanks are
	// the pane's business.
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return lines
}

// plainLines is the fallback: the Markdown source wrapped to the width.
func plainLines(src string, width int) []string {
	var out []string
	for _, para := range strings.Split(strings.TrimSpace(src), "\n") {
		out = append(out, wrap(para, max(1, width))...)
	}
	return out
}

// markdown returns the rendered lines when they are ready, or the plain
// fallback, and remembers that a rendering is wanted.
func (m *Model) markdown(t mdText, width int) []string {
	src := m.mdSource(t)
	if src == "" || width <= 0 {
		return nil
	}
	k := mdKey{t, width, m.st.Theme.Variant}
	m.md.mu.Lock()
	lines, ok := m.md.done[k]
	m.md.mu.Unlock()
	if ok {
		return lines
	}
	return plainLines(src, width)
}

func (m *Model) mdSource(t mdText) string {
	switch t {
	case mdBriefing:
		return m.s.Briefing
	case mdDebrief:
		return m.s.Debrief
	case mdQuestion:
		if m.s.Choose != nil {
			return m.s.Choose.Question
		}
	}
	return ""
}

// mdWanted lists the texts on screen now, with the width each is shown at.
func (m *Model) mdWanted() []mdKey {
	var out []mdKey
	v := m.st.Theme.Variant
	add := func(t mdText, w int) {
		if w > 0 && m.mdSource(t) != "" {
			out = append(out, mdKey{t, w, v})
		}
	}
	if r, ok := m.lay.panes[paneBriefing]; ok {
		add(mdBriefing, r.inner().w)
	}
	if r, ok := m.lay.panes[paneResult]; ok && m.grade != nil && m.grade.Solved {
		add(mdDebrief, r.inner().w-1)
	}
	if r, ok := m.lay.panes[paneQuestion]; ok {
		add(mdQuestion, r.inner().w-1)
		if m.ans.revealed {
			add(mdDebrief, r.inner().w-1)
		}
	}
	return out
}

// renderMarkdown starts a command for each wanted text not yet rendered.
func (m *Model) renderMarkdown() tea.Cmd {
	var cmds []tea.Cmd
	for _, k := range m.mdWanted() {
		m.md.mu.Lock()
		_, done := m.md.done[k]
		busy := m.md.pending[k]
		if !done && !busy {
			m.md.pending[k] = true
		}
		m.md.mu.Unlock()
		if done || busy {
			continue
		}
		src := m.mdSource(k.text)
		cmds = append(cmds, func() tea.Msg {
			return mdRenderedMsg{key: k, lines: renderMD(src, k.width, k.variant)}
		})
	}
	return tea.Batch(cmds...)
}

// storeMarkdown keeps a rendering and refreshes the panes showing it.
func (m *Model) storeMarkdown(msg mdRenderedMsg) {
	m.md.mu.Lock()
	m.md.done[msg.key] = msg.lines
	delete(m.md.pending, msg.key)
	m.md.mu.Unlock()
	m.sizeComponents()
}

// joinContinuations joins the indented continuation lines of list items to
// the line before: glamour keeps such soft breaks as hard ones, which leaves
// ragged half-empty lines once it wraps to the pane. Code fences are left
// alone; an indented line after a non-blank line cannot start a code block,
// so joining it does not change the meaning.
func joinContinuations(src string) string {
	lines := strings.Split(src, "\n")
	out := make([]string, 0, len(lines))
	fence := false
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
			out = append(out, l)
			continue
		}
		n := len(out)
		if !fence && n > 0 && t != "" && l != t && strings.TrimSpace(out[n-1]) != "" &&
			!strings.HasPrefix(strings.TrimSpace(out[n-1]), "```") && !startsBlock(t) {
			out[n-1] += " " + t
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// startsBlock reports whether a trimmed line starts a list item, heading,
// table row or quote.
func startsBlock(t string) bool {
	for _, p := range []string{"- ", "* ", "+ ", "#", "|", ">"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	return i > 0 && i < len(t) && (t[i] == '.' || t[i] == ')')
}
