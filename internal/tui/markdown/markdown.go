// Package markdown renders the Markdown of briefings, lessons and quiz
// explanations for the TUI screens.
//
// Rendering is too slow to repeat in every View, so a Cache renders in a
// command and hands back plain wrapped text until the
// rendering arrives; a screen keeps one Cache and feeds it its
// RenderedMsg.
package markdown

import (
	"strings"

	"github.com/iamlab/iamlab/internal/tui/cells"

	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/tui/theme"
)

// Render renders Markdown with the styles of the palette, wrapped to
// width, without blank lines at either end or trailing blanks. Lines keep
// a two-cell left margin (flush removes it). It takes a fraction of a
// millisecond per screenful, but screens still call it in a command
// through a Cache so that View never waits for it.
func Render(src string, width int, v theme.Variant) []string {
	width = max(1, width)
	// The text keeps a margin on the right as well, so that it does not
	// touch the border of the pane that shows it.
	lines := render(src, max(1, width-2*len(margin)), v)
	for i, l := range lines {
		if l != "" {
			lines[i] = margin + l
		}
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

// flush drops the left margin, keeping the styles, and cuts the
// lines to the width, so the text lines up with the rest of a screen.
func flush(lines []string, width int) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		if strings.HasPrefix(ansi.Strip(l), "  ") {
			l = ansi.TruncateLeft(l, min(2, cells.Width(l)), "")
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
		ww := cells.Width(word)
		for ww > width { // cut what cannot fit on any line
			if line != "" {
				out = append(out, line)
				line, lineW = "", 0
			}
			out = append(out, ansi.Cut(word, 0, width))
			word = ansi.Cut(word, width, ww)
			ww = cells.Width(word)
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
