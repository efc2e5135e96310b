package yamlpos

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/iamlab/iamlab/internal/diag"
)

// MaxDepth is how deeply collections may nest in a YAML file iamlab reads.
// The deepest structure of a pack, a world or a quiz item is about ten
// levels (world → accounts → users → policies → …); policy JSON sits in
// block strings, which are text to YAML and have their own limit in the
// policy parser.
const MaxDepth = 32

// CheckDepth refuses YAML nested more than MaxDepth levels, before the YAML
// library sees it: go-yaml's time and memory grow with the square of the
// nesting depth (16,000 "[" in 32 KB took 13 s and 852 MB), so depth must
// be bounded by something that is itself linear. It reads the text once,
// tracking what makes structure — indentation, "- " entries, flow brackets
// — and skipping what is text: quoted strings, comments, plain scalars and
// literal or folded blocks. Where it cannot tell, it errs towards counting
// a level, never towards hiding one.
//
// The error is positioned at the first level too many.
func CheckDepth(src []byte) *diag.Diagnostic {
	c := depthScanner{}
	for lineNo := 1; len(src) > 0; lineNo++ {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		if col := c.line(bytes.TrimSuffix(line, []byte{'\r'})); col >= 0 {
			return &diag.Diagnostic{Severity: diag.Error, Line: lineNo, Col: utf8.RuneCount(line[:col]) + 1, Code: CodeSyntax,
				Message:  fmt.Sprintf("the YAML is nested more than %d levels deep", MaxDepth),
				Expected: "a flatter structure; no iamlab file needs this many levels"}
		}
	}
	return nil
}

type depthScanner struct {
	blocks []int // columns of the open block collections, innermost last
	flow   int   // open flow brackets
	quote  byte  // '"' or '\'' while a quoted scalar runs across lines
	// expect is set where a value may start: a quote, a bracket or a block
	// indicator there is structure, not text.
	expect bool
	// A literal or folded block: pending until its first content line sets
	// its indentation, then every line indented at least that far is text.
	blockPending bool
	blockParent  int
	blockIndent  int
	inBlock      bool
}

// line scans one line and returns the byte offset of the first level too
// many, or -1.
func (c *depthScanner) line(l []byte) int {
	indent := 0
	for indent < len(l) && l[indent] == ' ' {
		indent++
	}
	blank := indent == len(l) || (indent < len(l) && l[indent] == '\t' && len(bytes.TrimSpace(l)) == 0)
	if c.blockText(indent, blank) {
		return -1
	}
	i := 0
	switch {
	case c.quote == 0 && c.flow == 0:
		if blank || l[indent] == '#' {
			return -1
		}
		var done bool
		if i, done = c.openBlocks(l, indent); done {
			if len(c.blocks) > MaxDepth {
				return i
			}
			return -1
		}
		c.expect = true
	case c.quote == 0:
		i = indent
	}
	return c.scan(l, i)
}

// blockText reports whether the line belongs to a literal or folded block
// scalar, which is text to YAML; it ends the block at the first line
// indented less.
func (c *depthScanner) blockText(indent int, blank bool) bool {
	if c.inBlock {
		if blank || indent >= c.blockIndent {
			return true
		}
		c.inBlock = false
	}
	if c.blockPending {
		if blank {
			return true
		}
		c.blockPending = false
		if indent > c.blockParent {
			c.inBlock, c.blockIndent = true, indent
			return true
		}
	}
	return false
}

// openBlocks closes the block collections the line's indentation leaves
// and opens the ones it starts: its own level and one per "- " or "? "
// entry on it. It returns where scanning goes on, and done when the line
// has nothing more to scan or a level went past MaxDepth (then i is where).
func (c *depthScanner) openBlocks(l []byte, indent int) (i int, done bool) {
	for len(c.blocks) > 0 && c.blocks[len(c.blocks)-1] >= indent {
		c.blocks = c.blocks[:len(c.blocks)-1]
	}
	c.blocks = append(c.blocks, indent)
	if len(c.blocks) > MaxDepth {
		return indent, true
	}
	i = indent
	for i+1 < len(l) && (l[i] == '-' || l[i] == '?') && (l[i+1] == ' ' || l[i+1] == '\t') {
		i += 2
		for i < len(l) && l[i] == ' ' {
			i++
		}
		if i == len(l) || l[i] == '#' {
			return i, true
		}
		c.blocks = append(c.blocks, i)
		if len(c.blocks) > MaxDepth {
			return i, true
		}
	}
	return i, false
}

// scan reads the rest of the line from i: quoted text, flow brackets and
// the ": " and "," that make the next value start.
func (c *depthScanner) scan(l []byte, i int) int {
	for i < len(l) {
		if c.quote != 0 {
			i = c.skipQuote(l, i)
			continue
		}
		ch := l[i]
		if ch == ' ' || ch == '\t' {
			i++
			continue
		}
		if ch == '#' && (i == 0 || l[i-1] == ' ' || l[i-1] == '\t') {
			return -1
		}
		if c.expect {
			next, stop, over := c.valueStart(l, i)
			switch {
			case over:
				return i
			case stop:
				return -1
			case next != i:
				i = next
				continue
			}
			c.expect = false
		}
		if c.afterValue(l, i) {
			return i
		}
		i++
	}
	return -1
}

// valueStart handles the character where a value may start: a quote or a
// bracket opens, a block indicator starts block text (stop), an anchor,
// tag or alias is skipped. It returns i unchanged when the value is a
// plain scalar, and over when a bracket went past MaxDepth.
func (c *depthScanner) valueStart(l []byte, i int) (next int, stop, over bool) {
	switch ch := l[i]; ch {
	case '"', '\'':
		c.quote, c.expect = ch, false
		return i + 1, false, false
	case '[', '{':
		c.flow++
		return i + 1, false, len(c.blocks)+c.flow > MaxDepth
	case '|', '>':
		if c.flow == 0 {
			c.blockPending, c.blockParent = true, c.blocks[len(c.blocks)-1]
			return i, true, false
		}
	case '&', '!', '*':
		// An anchor, tag or alias: a value may still follow.
		for i < len(l) && l[i] != ' ' && l[i] != '\t' {
			i++
		}
		return i, false, false
	}
	return i, false, false
}

// afterValue handles a character inside a plain scalar or after a value,
// and reports whether it opened a level past MaxDepth.
func (c *depthScanner) afterValue(l []byte, i int) bool {
	switch ch := l[i]; {
	case ch == ':' && (i+1 == len(l) || l[i+1] == ' ' || l[i+1] == '\t' || (c.flow > 0 && bytes.IndexByte([]byte(",[]{}"), l[i+1]) >= 0)):
		c.expect = true
	case c.flow > 0 && ch == ',':
		c.expect = true
	case c.flow > 0 && (ch == '[' || ch == '{'):
		// Not allowed inside a plain scalar in a flow; count it anyway.
		c.flow++
		c.expect = true
		return len(c.blocks)+c.flow > MaxDepth
	case c.flow > 0 && (ch == ']' || ch == '}'):
		c.flow--
	}
	return false
}

// skipQuote advances through a quoted scalar from i and returns where
// scanning continues; c.quote is cleared when the scalar ends.
func (c *depthScanner) skipQuote(l []byte, i int) int {
	for i < len(l) {
		switch {
		case c.quote == '"' && l[i] == '\\':
			i += 2
		case l[i] == c.quote && c.quote == '\'' && i+1 < len(l) && l[i+1] == '\'':
			i += 2
		case l[i] == c.quote:
			c.quote = 0
			return i + 1
		default:
			i++
		}
	}
	return i
}
