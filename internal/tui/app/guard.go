package app

import (
	"strings"
	"unicode/utf8"
)

// maxSeparators is the most parameter separators a frame's escape
// sequence may have. The terminal library keeps a sequence's parameters
// in an array of 32 and indexes it without a bound: a CSI or DCS sequence
// with 32 separators and a digit after them panics the renderer, which
// takes the trainer down. iamlab's own styling uses at most a dozen.
const maxSeparators = 30

// guardFrame keeps the text of a frame from breaking the renderer. Screens
// clean what they draw from packs and files (package safetext); the frame
// is the last place a text they missed can be caught. Invalid UTF-8, where
// a stray 0x9B byte would open a sequence, becomes U+FFFD, and the ESC of
// a sequence with too many parameters is drawn as "?", so the rest prints
// as text. A frame with neither is returned as it is.
func guardFrame(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	var b strings.Builder
	done := 0
	for i := 0; ; {
		j := strings.IndexByte(s[i:], 0x1b)
		if j < 0 {
			break
		}
		i += j
		if i+1 < len(s) && (s[i+1] == '[' || s[i+1] == 'P') && separators(s[i+2:]) > maxSeparators {
			b.WriteString(s[done:i])
			b.WriteByte('?')
			done = i + 1
		}
		i++
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// separators counts the ; and : in the parameter bytes (0x30–0x3F) that
// start s.
func separators(s string) int {
	n := 0
	for i := 0; i < len(s) && s[i] >= 0x30 && s[i] <= 0x3f; i++ {
		if s[i] == ';' || s[i] == ':' {
			n++
		}
	}
	return n
}
