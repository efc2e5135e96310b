package editor

import (
	"strings"
	"unicode"
)

// pos is a place in the buffer: a line index and a rune index within that
// line, both 0-based. col may equal the line's length (end of line).
type pos struct {
	line, col int
}

func (p pos) before(q pos) bool {
	return p.line < q.line || (p.line == q.line && p.col < q.col)
}

// buffer is the text as lines of runes. Runes, not bytes, because columns
// in diagnostics are counted in characters and the cursor must never land
// inside a UTF-8 sequence. There is always at least one line.
type buffer struct {
	lines [][]rune
}

func newBuffer(text string) *buffer {
	b := &buffer{}
	b.set(text)
	return b
}

// normalize makes line endings uniform: a policy pasted from Windows must
// not carry carriage returns that would render as garbage.
func normalize(text string) string {
	if strings.IndexByte(text, '\r') < 0 {
		return text
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	return strings.ReplaceAll(text, "\r", "\n")
}

func (b *buffer) set(text string) {
	parts := strings.Split(normalize(text), "\n")
	b.lines = make([][]rune, len(parts))
	for i, p := range parts {
		b.lines[i] = []rune(p)
	}
}

func (b *buffer) String() string {
	n := len(b.lines) - 1
	for _, l := range b.lines {
		n += len(l)
	}
	var sb strings.Builder
	sb.Grow(n)
	for i, l := range b.lines {
		if i > 0 {
			sb.WriteByte('\n')
		}
		for _, r := range l {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

func (b *buffer) lineCount() int { return len(b.lines) }

func (b *buffer) line(i int) []rune { return b.lines[i] }

func (b *buffer) end() pos {
	last := len(b.lines) - 1
	return pos{last, len(b.lines[last])}
}

// clamp moves p to the nearest valid position.
func (b *buffer) clamp(p pos) pos {
	if p.line < 0 {
		return pos{}
	}
	if p.line >= len(b.lines) {
		return b.end()
	}
	p.col = max(0, min(p.col, len(b.lines[p.line])))
	return p
}

// slice returns the text between two positions (from before to).
func (b *buffer) slice(from, to pos) string {
	if from.line == to.line {
		return string(b.lines[from.line][from.col:to.col])
	}
	var sb strings.Builder
	sb.WriteString(string(b.lines[from.line][from.col:]))
	for i := from.line + 1; i < to.line; i++ {
		sb.WriteByte('\n')
		sb.WriteString(string(b.lines[i]))
	}
	sb.WriteByte('\n')
	sb.WriteString(string(b.lines[to.line][:to.col]))
	return sb.String()
}

// replace removes the text between from and to, inserts text in its place,
// and returns the removed text and the position just after the insertion.
// It is the only primitive that changes the buffer, which keeps undo exact.
func (b *buffer) replace(from, to pos, text string) (removed string, after pos) {
	removed = b.slice(from, to)
	head := b.lines[from.line][:from.col]
	tail := b.lines[to.line][to.col:]
	parts := strings.Split(text, "\n")

	newLines := make([][]rune, len(parts))
	for i, p := range parts {
		newLines[i] = []rune(p)
	}
	last := len(newLines) - 1
	after = pos{from.line + last, len(newLines[last])}
	if last == 0 {
		after.col += len(head)
	}
	// Fresh slices for the joined lines: head and tail alias the old line,
	// and appending into them would corrupt each other.
	first := make([]rune, 0, len(head)+len(newLines[0]))
	first = append(append(first, head...), newLines[0]...)
	newLines[0] = first
	lastLine := make([]rune, 0, len(newLines[last])+len(tail))
	lastLine = append(append(lastLine, newLines[last]...), tail...)
	newLines[last] = lastLine

	if len(newLines) == to.line-from.line+1 {
		copy(b.lines[from.line:], newLines)
		return removed, after
	}
	lines := make([][]rune, 0, len(b.lines)-(to.line-from.line+1)+len(newLines))
	lines = append(lines, b.lines[:from.line]...)
	lines = append(lines, newLines...)
	lines = append(lines, b.lines[to.line+1:]...)
	b.lines = lines
	return removed, after
}

// advance returns the position reached by inserting text at p.
func advance(p pos, text string) pos {
	nl := strings.Count(text, "\n")
	if nl == 0 {
		return pos{p.line, p.col + len([]rune(text))}
	}
	lastNL := strings.LastIndexByte(text, '\n')
	return pos{p.line + nl, len([]rune(text[lastNL+1:]))}
}

// indentOf returns the leading spaces and tabs of a line.
func indentOf(l []rune) string {
	i := 0
	for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
		i++
	}
	return string(l[:i])
}

func isBlank(l []rune) bool {
	for _, r := range l {
		if r != ' ' && r != '\t' {
			return false
		}
	}
	return true
}

// isWordRune decides where word motions stop. JSON keys and ARNs are the
// words a policy author moves across, so identifiers stop at punctuation.
func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}
