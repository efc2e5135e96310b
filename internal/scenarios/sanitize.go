package scenarios

import (
	"strings"
	"unicode/utf8"
)

// sanitize removes what could drive a terminal or hide text from a reader:
// C0 and C1 control characters (but tab and newline), ANSI/VT escape
// sequences (CSI, OSC, DCS and two-byte escapes), bidirectional overrides
// that reorder what is displayed, and invalid UTF-8. CRLF becomes LF. It
// reports whether anything was removed, so `iamlab check` can tell the
// author.
func sanitize(s string) (string, bool) {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f || c >= 0x80 {
			clean = false
			break
		}
	}
	if clean {
		return s, false
	}
	var b strings.Builder
	b.Grow(len(s))
	changed := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			changed = true
			i++
			continue
		case r == '\r':
			// CRLF is an editor's line ending, not an attack: drop quietly.
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
				continue
			}
			changed = true
			i++
			continue
		case r == 0x1b:
			changed = true
			i += escapeLen(s[i:])
			continue
		case r == 0x9b: // C1 CSI
			changed = true
			i += size
			i += csiBodyLen(s[i:])
			continue
		case r == '\n' || r == '\t':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || isBidiControl(r):
			changed = true
			i += size
			continue
		}
		b.WriteString(s[i : i+size])
		i += size
	}
	return b.String(), changed
}

// escapeLen is the length of the escape sequence at the start of s (which
// begins with ESC), so all of it is dropped, not only the ESC byte.
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		return 2 + csiBodyLen(s[2:])
	case ']', 'P', 'X', '^', '_':
		// OSC, DCS, SOS, PM, APC: run to BEL or ST (ESC \).
		for j := 2; j < len(s); j++ {
			if s[j] == 0x07 {
				return j + 1
			}
			if s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\' {
				return j + 2
			}
		}
		return len(s)
	default:
		return 2
	}
}

// csiBodyLen: parameters and intermediates, then one final byte 0x40–0x7e.
func csiBodyLen(s string) int {
	for j := 0; j < len(s); j++ {
		if s[j] >= 0x40 && s[j] <= 0x7e {
			return j + 1
		}
		if s[j] < 0x20 || s[j] > 0x7e {
			return j
		}
	}
	return len(s)
}

func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}
