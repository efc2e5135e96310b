package whynot

import (
	"encoding/json"
	"strings"

	"github.com/iamlab/iamlab/internal/jsonpos"
)

// A splice replaces src[From:To] with Text. Edits are made on the text the
// author wrote, not on a re-rendered document, so the diff a learner sees
// touches only the lines that change.
type splice struct {
	From, To int
	Text     string
}

func (s splice) apply(src string) string { return src[:s.From] + s.Text + src[s.To:] }

// size is what the splice changes for a reader: the characters deleted plus
// the characters inserted, after what the old and new text share. Writing
// "a" as ["a", "b"] costs the brackets and the new value, not the old value
// twice.
func (s splice) size(src string) int { return changeSize(src[s.From:s.To], s.Text) }

// changeSize is the insert/delete distance of two short strings: how many
// characters a reader sees removed and written, not a typo distance.
func changeSize(a, b string) int {
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	if len(a) == 0 || len(b) == 0 || len(a)*len(b) > 1<<16 {
		return len(a) + len(b)
	}
	// longest common subsequence, one row at a time
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] >= cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return len(a) + len(b) - 2*prev[len(b)]
}

// valueEnd returns the offset just past the JSON value starting at off. The
// document has already been parsed by jsonpos.Parse, so it is well formed.
func valueEnd(src string, off int) int {
	depth := 0
	for i := off; i < len(src); i++ {
		switch c := src[i]; c {
		case '"':
			i++
			for i < len(src) && src[i] != '"' {
				if src[i] == '\\' {
					i++
				}
				i++
			}
			if depth == 0 {
				return i + 1
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		default:
			if depth == 0 && c != ' ' && c != '\t' && c != '\n' && c != '\r' {
				// a number or a literal
				j := i
				for j < len(src) && !strings.ContainsRune(" \t\r\n,}]", rune(src[j])) {
					j++
				}
				return j
			}
		}
	}
	return len(src)
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// appendValue adds v to a string-or-list element: "a" becomes ["a", "v"],
// ["a"] becomes ["a", "v"].
func appendValue(src string, n *jsonpos.Node, v string) (splice, bool) {
	switch n.Kind {
	case jsonpos.KindString:
		end := valueEnd(src, n.Pos.Offset)
		return splice{n.Pos.Offset, end, "[" + src[n.Pos.Offset:end] + ", " + quote(v) + "]"}, true
	case jsonpos.KindArray:
		if len(n.Elems) == 0 {
			return splice{n.Pos.Offset + 1, n.Pos.Offset + 1, quote(v)}, true
		}
		last := n.Elems[len(n.Elems)-1]
		end := valueEnd(src, last.Pos.Offset)
		return splice{end, end, ", " + quote(v)}, true
	}
	return splice{}, false
}

// removeElem deletes element i of a list with at least two elements, with
// the comma that separated it.
func removeElem(src string, n *jsonpos.Node, i int) (splice, bool) {
	if n.Kind != jsonpos.KindArray || len(n.Elems) < 2 || i < 0 || i >= len(n.Elems) {
		return splice{}, false
	}
	if i == 0 {
		return splice{n.Elems[0].Pos.Offset, n.Elems[1].Pos.Offset, ""}, true
	}
	prevEnd := valueEnd(src, n.Elems[i-1].Pos.Offset)
	return splice{prevEnd, valueEnd(src, n.Elems[i].Pos.Offset), ""}, true
}

// removeMember deletes member i of an object with at least two members.
func removeMember(src string, n *jsonpos.Node, i int) (splice, bool) {
	if n.Kind != jsonpos.KindObject || len(n.Members) < 2 || i < 0 || i >= len(n.Members) {
		return splice{}, false
	}
	if i == 0 {
		return splice{n.Members[0].KeyPos.Offset, n.Members[1].KeyPos.Offset, ""}, true
	}
	prevEnd := valueEnd(src, n.Members[i-1].Value.Pos.Offset)
	return splice{prevEnd, valueEnd(src, n.Members[i].Value.Pos.Offset), ""}, true
}

// addMember adds "key": raw to an object, after its last member.
func addMember(src string, n *jsonpos.Node, key, raw string) (splice, bool) {
	if n.Kind != jsonpos.KindObject {
		return splice{}, false
	}
	if len(n.Members) == 0 {
		return splice{n.Pos.Offset + 1, n.Pos.Offset + 1, quote(key) + ": " + raw}, true
	}
	end := valueEnd(src, n.Members[len(n.Members)-1].Value.Pos.Offset)
	return splice{end, end, ", " + quote(key) + ": " + raw}, true
}

// statements returns the Statement element and its statements.
func statements(root *jsonpos.Node) (*jsonpos.Node, []*jsonpos.Node) {
	st := root.Get("Statement")
	switch {
	case st == nil:
		return nil, nil
	case st.Kind == jsonpos.KindArray:
		return st, st.Elems
	case st.Kind == jsonpos.KindObject:
		return st, []*jsonpos.Node{st}
	}
	return st, nil
}

// addStatement appends a statement written as raw JSON, indented like the
// statements already there.
func addStatement(src string, root *jsonpos.Node, raw string) (splice, bool) {
	st, list := statements(root)
	switch {
	case st == nil:
		return addMember(src, root, "Statement", "["+raw+"]")
	case st.Kind == jsonpos.KindObject:
		end := valueEnd(src, st.Pos.Offset)
		return splice{st.Pos.Offset, end, "[" + src[st.Pos.Offset:end] + ", " + raw + "]"}, true
	case st.Kind == jsonpos.KindArray && len(list) == 0:
		return splice{st.Pos.Offset + 1, st.Pos.Offset + 1, raw}, true
	case st.Kind == jsonpos.KindArray:
		last := list[len(list)-1]
		end := valueEnd(src, last.Pos.Offset)
		sep := ", "
		if strings.Contains(src[st.Pos.Offset:last.Pos.Offset], "\n") {
			sep = ",\n" + indentOf(src, last.Pos.Offset)
		}
		return splice{end, end, sep + raw}, true
	}
	return splice{}, false
}

// indentOf is the white space before the value at off on its line.
func indentOf(src string, off int) string {
	start := strings.LastIndexByte(src[:off], '\n') + 1
	ws := src[start:off]
	if strings.TrimLeft(ws, " \t") != "" {
		return "  "
	}
	return ws
}

// removeStatement deletes statement i; the last one leaves an empty list.
func removeStatement(src string, root *jsonpos.Node, i int) (splice, bool) {
	st, list := statements(root)
	switch {
	case st == nil || i < 0 || i >= len(list):
		return splice{}, false
	case st.Kind == jsonpos.KindObject || len(list) == 1:
		return splice{st.Pos.Offset, valueEnd(src, st.Pos.Offset), "[]"}, true
	}
	return removeElem(src, st, i)
}
