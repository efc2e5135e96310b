package quiz

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/tui/theme"
)

// mdKey names one rendering: the source, the width and the palette.
type mdKey struct {
	src     string
	width   int
	variant theme.Variant
}

// mdCache keeps glamour renderings. Rendering takes milliseconds, so it
// runs in a command; until the result arrives the plain text is shown.
// Only Update touches the cache.
type mdCache struct {
	done    map[mdKey][]string
	pending map[mdKey]bool
}

func newMDCache() *mdCache {
	return &mdCache{done: map[mdKey][]string{}, pending: map[mdKey]bool{}}
}

// mdMsg carries a rendering back to Update.
type mdMsg struct {
	key   mdKey
	lines []string
}

func glamourStyle(v theme.Variant) string {
	switch v {
	case theme.VariantLight:
		return "light"
	case theme.VariantNoColor:
		return "notty"
	}
	return "dark"
}

// renderMD renders Markdown to lines no wider than width.
func renderMD(src string, width int, v theme.Variant) []string {
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(glamourStyle(v)), glamour.WithWordWrap(width))
	var out string
	if err == nil {
		out, err = r.Render(joinSoftBreaks(src))
	}
	if err != nil {
		return plainLines(src, width)
	}
	lines := strings.Split(strings.TrimRight(out, "\n "), "\n")
	for len(lines) > 0 && strings.TrimSpace(ansi.Strip(lines[0])) == "" {
		lines = lines[1:]
	}
	for i, l := range lines {
		// glamour indents by two and pads to the wrap width; drop both so
		// the text lines up with the rest of the screen.
		l = strings.TrimRight(l, " ")
		if strings.HasPrefix(ansi.Strip(l), "  ") {
			l = trimLeftCells(l, 2)
		}
		lines[i] = ansi.Truncate(l, width, "…")
	}
	return lines
}

// trimLeftCells drops n leading cells, keeping the styles.
func trimLeftCells(s string, n int) string {
	w := ansi.StringWidth(s)
	return ansi.TruncateLeft(s, min(n, w), "")
}

// plainLines is the fallback: the source wrapped to the width.
func plainLines(src string, width int) []string {
	var out []string
	for _, para := range strings.Split(strings.TrimSpace(src), "\n") {
		out = append(out, wrap(para, width)...)
	}
	return out
}

// get returns the rendering when ready, else the plain text, and whether a
// rendering should be started.
func (c *mdCache) get(src string, width int, v theme.Variant) ([]string, bool) {
	k := mdKey{src, width, v}
	if lines, ok := c.done[k]; ok {
		return lines, false
	}
	return plainLines(src, width), !c.pending[k]
}

// start returns the command that renders src, marking it pending.
func (c *mdCache) start(src string, width int, v theme.Variant) tea.Cmd {
	k := mdKey{src, width, v}
	if c.pending[k] {
		return nil
	}
	c.pending[k] = true
	return func() tea.Msg { return mdMsg{key: k, lines: renderMD(src, width, v)} }
}

func (c *mdCache) store(msg mdMsg) {
	delete(c.pending, msg.key)
	c.done[msg.key] = msg.lines
}

// wrap breaks a line of text at spaces to the width; a word longer than
// the width is cut. (ansi.Wordwrap lets a hyphenated word overflow.)
func wrap(s string, width int) []string {
	width = max(1, width)
	var out []string
	line, lineW := "", 0
	for _, word := range strings.Split(s, " ") {
		ww := ansi.StringWidth(word)
		for ww > width { // cut what cannot fit on any line
			if line != "" {
				out = append(out, line)
				line, lineW = "", 0
			}
			out = append(out, ansi.Cut(word, 0, width))
			word = ansi.Cut(word, width, ww)
			ww = ansi.StringWidth(word)
		}
		switch {
		case line == "" && lineW == 0:
			line, lineW = word, ww
		case lineW+1+ww <= width:
			line += " " + word
			lineW += 1 + ww
		default:
			out = append(out, line)
			line, lineW = word, ww
		}
	}
	return append(out, line)
}

// joinSoftBreaks joins the continuation lines of list items to the item:
// glamour keeps a soft line break inside a list item as a hard one, which
// leaves ragged lines once it wraps the text again.
func joinSoftBreaks(src string) string {
	lines := strings.Split(src, "\n")
	out := make([]string, 0, len(lines))
	fence, inItem := false, false
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
			inItem = false
			out = append(out, l)
			continue
		}
		if fence || t == "" {
			inItem = false
			out = append(out, l)
			continue
		}
		if inItem && !startsBlock(t) && len(out) > 0 {
			out[len(out)-1] += " " + t
			continue
		}
		inItem = isListItem(t)
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

func isListItem(t string) bool {
	if strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "+ ") {
		return true
	}
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(t) && (t[i] == '.' || t[i] == ')') && t[i+1] == ' '
}

func startsBlock(t string) bool {
	return isListItem(t) || strings.HasPrefix(t, "|") || strings.HasPrefix(t, ">") || strings.HasPrefix(t, "#")
}
