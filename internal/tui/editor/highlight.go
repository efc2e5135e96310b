package editor

import (
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
	var out []span
	runes := 0 // runes consumed so far
	add := func(n int, typ theme.Token) {
		runes += n
		if len(out) > 0 && out[len(out)-1].typ == typ {
			out[len(out)-1].end = runes
			return
		}
		out = append(out, span{end: runes, typ: typ})
	}
	// lastString is the index in out of the most recent string run with
	// only blanks after it, so that a colon can make it a key.
	lastString := -1
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			j := i
			for j < len(line) && (line[j] == ' ' || line[j] == '\t' || line[j] == '\r' || line[j] == '\n') {
				j++
			}
			add(j-i, theme.TokenText)
			i = j
			continue
		case c == '"':
			j := i + 1
			for j < len(line) && line[j] != '"' {
				if line[j] == '\\' && j+1 < len(line) {
					j++
				}
				j++
			}
			j = min(j+1, len(line))
			// A string directly after a string must not merge with it:
			// the first may be a value and the second a key.
			runes += utf8.RuneCountInString(line[i:j])
			out = append(out, span{end: runes, typ: theme.TokenString})
			lastString = len(out) - 1
			i = j
			continue
		case c == ':':
			if lastString >= 0 {
				out[lastString].typ = theme.TokenKey
			}
			add(1, theme.TokenPunct)
		case c == '{' || c == '}' || c == '[' || c == ']' || c == ',':
			add(1, theme.TokenPunct)
		case c == '-' || (c >= '0' && c <= '9'):
			j := scanNumber(line, i)
			if j == i {
				add(1, theme.TokenError)
				j = i + 1
			} else {
				add(j-i, theme.TokenNumber)
			}
			i = j
			lastString = -1
			continue
		case c == '/' && i+1 < len(line) && line[i+1] == '/':
			add(utf8.RuneCountInString(line[i:]), theme.TokenComment)
			i = len(line)
			continue
		case c == '/' && i+1 < len(line) && line[i+1] == '*':
			j := len(line)
			for k := i + 2; k+1 < len(line); k++ {
				if line[k] == '*' && line[k+1] == '/' {
					j = k + 2
					break
				}
			}
			add(utf8.RuneCountInString(line[i:j]), theme.TokenComment)
			i = j
			continue
		case isLetter(c):
			j := i
			for j < len(line) && isLetter(line[j]) {
				j++
			}
			switch line[i:j] {
			case "true", "false", "null":
				add(j-i, theme.TokenKeyword)
			default:
				add(j-i, theme.TokenError)
			}
			i = j
			lastString = -1
			continue
		default:
			_, size := utf8.DecodeRuneInString(line[i:])
			add(1, theme.TokenError)
			i += size
			lastString = -1
			continue
		}
		// Only blanks may stand between a key and its colon.
		lastString = -1
		i++
	}
	return out
}

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
