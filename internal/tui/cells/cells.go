// Package cells measures how many terminal cells a string takes, fast for
// the common case: printable ASCII with SGR escape sequences, which is what
// most lines of a frame are. Anything else goes to ansi.StringWidth, which
// segments graphemes and costs ten times more per character.
package cells

import "github.com/charmbracelet/x/ansi"

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
		default:
			return ansi.StringWidth(s)
		}
	}
	return n
}
