package editor

import (
	"strings"
	"unicode/utf8"

	"github.com/iamlab/iamlab/internal/tui/theme"
)

// span is a run of runes of one token kind; spans of a line are contiguous
// and end is the exclusive rune index where the run stops.
type span struct {
	end int
	typ theme.Token
}

// maxCachedLines bounds the caches: typing leaves every intermediate version
// of a line behind, and dropping everything now and then is cheaper than
// bookkeeping an LRU.
const maxCachedLines = 4096

// highlighter tokenises one line at a time and caches the result by the
// line's content. JSON strings cannot span lines, so a line is enough
// context for its own tokens: a string is a key when a colon follows it on
// the same line, and structural characters are punctuation wherever they
// stand, since the line may continue a block opened above. (A general
// lexer registry costs every process tens of milliseconds at start-up for
// the one language the editor shows.)
type highlighter struct {
	cache map[string][]span
}

func newHighlighter() *highlighter {
	return &highlighter{cache: make(map[string][]span)}
}

// spans returns the token runs of a line, from the cache when possible.
func (h *highlighter) spans(line string) []span {
	if sp, ok := h.cache[line]; ok {
		return sp
	}
	sp := tokenise(line)
	if len(h.cache) >= maxCachedLines {
		clear(h.cache)
	}
	h.cache[line] = sp
	return sp
}

// tokenise splits a line of JSON into runs of token kinds. It never fails:
// what JSON does not allow is an Error run, and an unterminated string runs
// to the end of the line (it is being typed). A comment that opens with
// /* and does not close on the line runs to its end too.
func tokenise(line string) []span {
	t := tokeniser{line: line, lastString: -1}
	for t.i < len(line) {
		t.next()
	}
	return t.out
}

// tokeniser is tokenise's state: the runs so far and where it reads.
type tokeniser struct {
	line  string
	i     int // byte offset of the next token
	out   []span
	runes int // runes consumed so far
	// lastString is the index in out of the most recent string run with
	// only blanks after it, so that a colon can make it a key.
	lastString int
}

// add appends a run of n runes, merged with the last run of its kind.
func (t *tokeniser) add(n int, typ theme.Token) {
	t.runes += n
	if len(t.out) > 0 && t.out[len(t.out)-1].typ == typ {
		t.out[len(t.out)-1].end = t.runes
		return
	}
	t.out = append(t.out, span{end: t.runes, typ: typ})
}

// take adds the bytes up to j as one run of typ and moves past them.
func (t *tokeniser) take(j int, typ theme.Token) {
	t.add(utf8.RuneCountInString(t.line[t.i:j]), typ)
	t.i = j
}

// next reads one token.
func (t *tokeniser) next() {
	line, i := t.line, t.i
	c := line[i]
	switch {
	case isSpace(c):
		j := i
		for j < len(line) && isSpace(line[j]) {
			j++
		}
		t.take(j, theme.TokenText)
		return // blanks keep a string a key candidate
	case c == '"':
		t.str()
		return
	case c == ':':
		if t.lastString >= 0 {
			t.out[t.lastString].typ = theme.TokenKey
		}
		t.take(i+1, theme.TokenPunct)
	case c == '{' || c == '}' || c == '[' || c == ']' || c == ',':
		t.take(i+1, theme.TokenPunct)
	case c == '-' || (c >= '0' && c <= '9'):
		if j := scanNumber(line, i); j > i {
			t.take(j, theme.TokenNumber)
		} else {
			t.take(i+1, theme.TokenError)
		}
	case c == '/' && strings.HasPrefix(line[i:], "//"):
		t.take(len(line), theme.TokenComment)
		return // like blanks, a comment keeps a string a key candidate
	case c == '/' && strings.HasPrefix(line[i:], "/*"):
		j := len(line)
		if k := strings.Index(line[i+2:], "*/"); k >= 0 {
			j = i + 2 + k + 2
		}
		t.take(j, theme.TokenComment)
		return
	case isLetter(c):
		j := i
		for j < len(line) && isLetter(line[j]) {
			j++
		}
		switch line[i:j] {
		case "true", "false", "null":
			t.take(j, theme.TokenKeyword)
		default:
			t.take(j, theme.TokenError)
		}
	default:
		_, size := utf8.DecodeRuneInString(line[i:])
		t.add(1, theme.TokenError)
		t.i += size
	}
	// Only blanks may stand between a key and its colon.
	t.lastString = -1
}

// str reads a string, to its closing quote or the end of the line.
func (t *tokeniser) str() {
	line := t.line
	j := t.i + 1
	for j < len(line) && line[j] != '"' {
		if line[j] == '\\' && j+1 < len(line) {
			j++
		}
		j++
	}
	j = min(j+1, len(line))
	// A string directly after a string must not merge with it: the first
	// may be a value and the second a key.
	t.runes += utf8.RuneCountInString(line[t.i:j])
	t.out = append(t.out, span{end: t.runes, typ: theme.TokenString})
	t.lastString = len(t.out) - 1
	t.i = j
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// scanNumber returns the end of the JSON number starting at i, or i when
// there is none (a lone minus).
func scanNumber(s string, i int) int {
	j := i
	if j < len(s) && s[j] == '-' {
		j++
	}
	digits := func() bool {
		k := j
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		return j > k
	}
	if !digits() {
		return i
	}
	if j < len(s) && s[j] == '.' {
		j++
		digits()
	}
	if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		j++
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		digits()
	}
	return j
}

func isLetter(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}
