package cells

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Pad returns exactly h lines: lines cut to h, or followed by empty lines
// up to h. Every screen draws exactly the size the root gave it.
func Pad(lines []string, h int) []string {
	h = max(0, h)
	for len(lines) < h {
		lines = append(lines, "")
	}
	return lines[:h]
}

// Frame is lines as a frame of w×h cells at most: h lines, each cut to w
// cells with an ellipsis where it was longer.
func Frame(lines []string, w, h int) string {
	lines = Pad(lines, h)
	for i := range lines {
		lines[i] = ansi.Truncate(lines[i], w, "…")
	}
	return strings.Join(lines, "\n")
}
