// Package markdown renders the Markdown of briefings, lessons and quiz
// explanations for the TUI screens.
//
// Rendering with glamour takes milliseconds, too slow for View, so a Cache
// renders in a command and hands back plain wrapped text until the
// rendering arrives; a screen keeps one Cache and feeds it its
// RenderedMsg.
package markdown

import (
	"strings"

	"charm.land/glamour/v2"
	gansi "charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/tui/theme"
)

// Render renders Markdown with the glamour style for the palette, wrapped
// to width, without blank lines at either end or trailing padding. It
// keeps glamour's two-cell left margin. It is slow: call it in a command.
func Render(src string, width int, v theme.Variant) []string {
	width = max(1, width)
	r, err := glamour.NewTermRenderer(glamour.WithStyles(styleConfig(v)), glamour.WithWordWrap(width))
	var out string
	if err == nil {
		out, err = r.Render(joinSoftBreaks(src))
	}
	if err != nil {
		return Plain(src, width)
	}
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		// glamour pads lines to the wrap width; trailing blanks are the
		// pane's business.
		lines[i] = strings.TrimRight(l, " ")
	}
	blank := func(l string) bool { return strings.TrimSpace(ansi.Strip(l)) == "" }
	for len(lines) > 0 && blank(lines[0]) {
		lines = lines[1:]
	}
	for len(lines) > 0 && blank(lines[len(lines)-1]) {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// flush drops glamour's left margin, keeping the styles, and cuts the
// lines to the width, so the text lines up with the rest of a screen.
func flush(lines []string, width int) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		if strings.HasPrefix(ansi.Strip(l), "  ") {
			l = ansi.TruncateLeft(l, min(2, ansi.StringWidth(l)), "")
		}
		out[i] = ansi.Truncate(l, width, "…")
	}
	return out
}

// Plain is the fallback shown while rendering: the source's lines wrapped
// to the width, Markdown markers and all.
func Plain(src string, width int) []string {
	var out []string
	for _, para := range strings.Split(strings.TrimSpace(src), "\n") {
		out = append(out, Wrap(para, width)...)
	}
	return out
}

// Wrap breaks a line of text at spaces to the width; a word longer than
// the width is cut. (ansi.Wordwrap lets a hyphenated word overflow.)
func Wrap(s string, width int) []string {
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

// styleConfig is glamour's style for the palette without the Markdown
// markers glamour prints before headings ("## Why"): a heading is shown
// by its style, and a literal ## reads as an unrendered source.
func styleConfig(v theme.Variant) gansi.StyleConfig {
	var c gansi.StyleConfig
	switch v {
	case theme.VariantLight:
		c = styles.LightStyleConfig
	case theme.VariantNoColor:
		c = noColorStyle()
	default:
		c = styles.DarkStyleConfig
	}
	for _, h := range []*gansi.StyleBlock{&c.H2, &c.H3, &c.H4, &c.H5, &c.H6} {
		h.Prefix = ""
	}
	if strings.TrimSpace(c.H1.Prefix) == "#" {
		c.H1.Prefix = ""
	}
	return c
}

// noColorStyle is glamour's notty style with attributes instead of the
// Markdown markers it would print: NO_COLOR forbids colour, not bold.
func noColorStyle() gansi.StyleConfig {
	c := styles.NoTTYStyleConfig
	on := true
	c.Strong = gansi.StylePrimitive{Bold: &on}
	c.Emph = gansi.StylePrimitive{Italic: &on}
	c.Heading.Bold = &on
	return c
}

// joinSoftBreaks joins continuation lines to the line they continue:
// glamour keeps a soft line break as a hard one, which leaves ragged,
// half-empty lines once it wraps the text to the pane. A line continues
// the one before when it is indented under it or follows a list item,
// and starts no block of its own. Code fences are left alone, and so are
// hard breaks (two trailing spaces or a backslash). Joining does not
// change the meaning: such a line cannot start a code block.
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
		n, indented := len(out), strings.TrimLeft(l, " \t") != l
		if n > 0 && (inItem || indented) && !startsBlock(t) && continuable(out[n-1]) {
			out[n-1] += " " + t
			continue
		}
		inItem = isListItem(t)
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// continuable reports whether a line of text may take the next one: it is
// not blank, not a fence and does not end in a hard break.
func continuable(prev string) bool {
	t := strings.TrimSpace(prev)
	return t != "" && !strings.HasPrefix(t, "```") && !strings.HasPrefix(t, "~~~") &&
		!strings.HasSuffix(prev, "  ") && !strings.HasSuffix(prev, "\\")
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

// startsBlock reports whether a trimmed line starts a list item, heading,
// table row, quote or rule.
func startsBlock(t string) bool {
	return isListItem(t) || strings.HasPrefix(t, "|") || strings.HasPrefix(t, ">") ||
		strings.HasPrefix(t, "#") || isRule(t)
}

// isRule reports a thematic break or setext underline: three or more of
// one of -, *, _ or =, spaces aside.
func isRule(t string) bool {
	s := strings.ReplaceAll(t, " ", "")
	return len(s) >= 3 && strings.Trim(s, s[:1]) == "" && strings.Contains("-*_=", s[:1])
}
