package editor

import (
	"strings"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// span is a run of runes of one token type; spans of a line are contiguous
// and end is the exclusive rune index where the run stops.
type span struct {
	end int
	typ chroma.TokenType
}

// maxCachedLines bounds the caches: typing leaves every intermediate version
// of a line behind, and dropping everything now and then is cheaper than
// bookkeeping an LRU.
const maxCachedLines = 4096

// highlighter tokenises one line at a time with chroma's JSON lexer and
// caches the result by the line's content. JSON strings cannot span lines,
// so a line is enough context for its own tokens; what one line cannot tell
// (key or value, stray punctuation) is fixed up by classify.
type highlighter struct {
	lexer chroma.Lexer
	cache map[string][]span
}

func newHighlighter() *highlighter {
	lx := lexers.Get("json")
	if lx == nil {
		lx = lexers.Fallback
	}
	return &highlighter{lexer: lx, cache: make(map[string][]span)}
}

// spans returns the token runs of a line, from the cache when possible.
func (h *highlighter) spans(line string) []span {
	if sp, ok := h.cache[line]; ok {
		return sp
	}
	sp := h.tokenise(line)
	if len(h.cache) >= maxCachedLines {
		clear(h.cache)
	}
	h.cache[line] = sp
	return sp
}

type token struct {
	typ   chroma.TokenType
	value string
}

func (h *highlighter) tokenise(line string) []span {
	if line == "" {
		return nil
	}
	// The lexer's comment rule needs a line end to match.
	it, err := h.lexer.Tokenise(nil, defuseEscapes(line)+"\n")
	if err != nil {
		return []span{{end: len([]rune(line)), typ: chroma.Text}}
	}
	var toks []token
	for t := it(); t != chroma.EOF; t = it() {
		toks = append(toks, token{t.Type, t.Value})
	}
	classify(toks)

	var out []span
	n, limit := 0, len([]rune(line))
	for _, t := range toks {
		n += len([]rune(t.value))
		end := min(n, limit)
		if end == 0 || (len(out) > 0 && out[len(out)-1].end >= end) {
			continue
		}
		if len(out) > 0 && out[len(out)-1].typ == t.typ {
			out[len(out)-1].end = end
			continue
		}
		out = append(out, span{end: end, typ: t.typ})
	}
	if len(out) == 0 || out[len(out)-1].end < limit {
		out = append(out, span{end: limit, typ: chroma.Text})
	}
	return out
}

// classify repairs what the lexer gets wrong when it starts a line in the
// middle of a document: it only knows a key inside an object it has seen
// open, and reports closers and colons of unseen blocks as errors. A string
// followed by a colon is a key; any other string is a value; structural
// characters are punctuation.
func classify(toks []token) {
	for i := range toks {
		t := &toks[i]
		switch {
		case t.typ == chroma.Error && isStructural(t.value):
			t.typ = chroma.Punctuation
		case t.typ == chroma.NameTag || t.typ.InSubCategory(chroma.LiteralString):
			t.typ = chroma.LiteralStringDouble
			if nextIsColon(toks[i+1:]) {
				t.typ = chroma.NameTag
			}
		}
	}
}

func isStructural(s string) bool {
	switch s {
	case "{", "}", "[", "]", ",", ":":
		return true
	}
	return false
}

func nextIsColon(rest []token) bool {
	for _, t := range rest {
		switch {
		case t.typ == chroma.Text || t.typ == chroma.TextWhitespace:
			continue
		default:
			return t.value == ":" || (len(t.value) > 0 && t.value[0] == ':')
		}
	}
	return false
}

// defuseEscapes replaces each escape sequence inside a string with two
// plain runes. The lexer's string pattern can match a backslash two ways,
// and a backtracking regexp needs exponential time (hundreds of
// milliseconds, then chroma's timeout) on an unterminated string full of
// backslashes. Escapes never change token boundaries, and only the lengths
// of tokens are used, so the tokens are the same.
func defuseEscapes(line string) string {
	if !strings.ContainsRune(line, '\\') {
		return line
	}
	r := []rune(line)
	inString := false
	for i := 0; i < len(r); i++ {
		switch {
		case r[i] == '"':
			inString = !inString
		case r[i] == '\\' && inString:
			r[i] = '_'
			if i+1 < len(r) {
				i++
				r[i] = '_'
			}
		}
	}
	return string(r)
}
