// Package cells measures how many terminal cells a string takes, fast for
// the common case: printable ASCII, a few common symbols and SGR escape
// sequences, which is what most lines of a frame are. Anything else goes to ansi.StringWidth, which
// segments graphemes and costs ten times more per character.
package cells

import (
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// narrow lists the non-ASCII runs the screens draw most (box drawing,
// arrows, dashes, ellipsis, bullets, check marks, stars, accented
// letters), each one cell wide on its own. A rune that combines with a
// neighbour (a variation selector, a combining accent, a joiner) is not
// listed, so a string holding one goes to ansi as a whole.
var narrow = [...][2]rune{
	{0x00A1, 0x00AC}, {0x00AE, 0x00FF}, // Latin-1 without the soft hyphen
	{0x2010, 0x2027},                   // dashes, quotes, bullet, ellipsis
	{0x2190, 0x21FF},                   // arrows
	{0x2500, 0x259F},                   // box drawing, blocks
	{0x25A0, 0x25FC},                   // geometric shapes (not the emoji ◽◾)
	{0x2605, 0x2606},                   // ★☆
	{0x2713, 0x2714}, {0x2717, 0x2718}, // ✓✔ ✗✘
}

func isNarrow(r rune) bool {
	for _, rg := range narrow {
		if r >= rg[0] && r <= rg[1] {
			return true
		}
	}
	return false
}

// Width is ansi.StringWidth(s): the cells s takes, escape sequences aside.
func Width(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x20 && c < 0x7f:
			n++
		case c == 0x1b && i+1 < len(s) && s[i+1] == '[':
			// A CSI sequence: parameters and intermediates, then a final
			// byte in 0x40–0x7e.
			j := i + 2
			for j < len(s) && s[j] >= 0x20 && s[j] < 0x40 {
				j++
			}
			if j >= len(s) || s[j] < 0x40 || s[j] > 0x7e {
				return ansi.StringWidth(s)
			}
			i = j
		case c >= 0x80:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !isNarrow(r) {
				return ansi.StringWidth(s)
			}
			n++
			i += size - 1
		default:
			return ansi.StringWidth(s)
		}
	}
	return n
}
