// Package safetext keeps text that came from input — a pack author's
// briefing, a case name, a principal, a policy's Sid, an error message that
// quotes them — from driving the terminal it is printed on. It removes C0
// and C1 control characters (but tab and newline), ANSI/VT escape sequences
// (CSI, OSC, DCS and two-byte escapes, such as OSC 52 clipboard writes, OSC 8
// links and clear-screen), bidirectional overrides that reorder what is
// displayed, and invalid UTF-8. The trainer's loader and the command line
// share it so both print the same text for the same input.
package safetext

import (
	"strings"
	"unicode/utf8"
)

// Clean returns s without anything that could drive a terminal or hide
// text from a reader, and reports whether something was removed. CRLF
// becomes LF without counting as a change: it is an editor's line ending,
// not an attack.
func Clean(s string) (string, bool) {
	i := firstUnsafe(s)
	if i < 0 {
		return s, false
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	changed := cleanInto(&b, s[i:])
	return b.String(), changed
}

// Line is Clean for a value printed on one line of a report (a case name,
// an ARN, a context value): a line break or tab in it is shown as \n or \t,
// so the value cannot start a line of its own that looks like the report's.
func Line(s string) string {
	s, _ = Clean(s)
	if strings.IndexByte(s, '\n') < 0 && strings.IndexByte(s, '\t') < 0 {
		return s
	}
	return strings.NewReplacer("\n", `\n`, "\t", `\t`).Replace(s)
}

// firstUnsafe is the index of the first byte that Clean would change, or
// -1. Printable ASCII is decided a byte at a time; other runes are decoded,
// so text with ✓, → or accents stays on the fast path.
func firstUnsafe(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' {
			i++
			continue
		}
		if c < 0x80 {
			return i
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 || r <= 0x9f || isBidiControl(r) {
			return i
		}
		i += size
	}
	return -1
}

// cleanInto writes the cleaned s to b and reports whether anything other
// than a CR before LF was removed.
func cleanInto(b *strings.Builder, s string) bool {
	changed := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			changed = true
			i++
			continue
		case r == '\r':
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
	return changed
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
