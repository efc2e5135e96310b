package jsonpos

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// refPos is the line and column of a byte offset as Pos documents them:
// 1-based, columns in characters, a leading byte-order mark not counted.
// It counts from the start of the document, as the reader does not.
func refPos(src []byte, off int) (line, col int) {
	before := src[:off]
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	if lineStart == 0 && bytes.HasPrefix(src, []byte("\xEF\xBB\xBF")) {
		lineStart = min(3, off)
	}
	return 1 + bytes.Count(before, []byte{'\n'}), 1 + utf8.RuneCount(before[lineStart:])
}

// plain turns a tree into what encoding/json decodes with UseNumber.
func plain(n *Node) any {
	switch n.Kind {
	case KindNull:
		return nil
	case KindBool:
		return n.Text == "true"
	case KindNumber:
		return json.Number(n.Text)
	case KindString:
		return n.Text
	case KindArray:
		out := make([]any, len(n.Elems))
		for i, e := range n.Elems {
			out[i] = plain(e)
		}
		return out
	}
	out := make(map[string]any, len(n.Members))
	for _, m := range n.Members {
		out[m.Key] = plain(m.Value)
	}
	return out
}

// checkPositions fails unless every node and key of n stands where its
// Pos says: the offset's line and column, and the first byte of the value.
func checkPositions(t *testing.T, src []byte, n *Node) {
	t.Helper()
	at := func(what string, p Pos, first func(byte) bool) {
		if p.Offset < 0 || p.Offset >= len(src) || !first(src[p.Offset]) {
			t.Fatalf("%s at offset %d does not start there", what, p.Offset)
		}
		if l, c := refPos(src, p.Offset); p.Line != l || p.Col != c {
			t.Fatalf("%s at %d:%d for offset %d, want %d:%d", what, p.Line, p.Col, p.Offset, l, c)
		}
	}
	var walk func(n *Node)
	walk = func(n *Node) {
		at(n.Kind.String(), n.Pos, func(c byte) bool { return startsValue(n.Kind, c) })
		for _, m := range n.Members {
			at("key "+m.Key, m.KeyPos, func(c byte) bool { return c == '"' })
			walk(m.Value)
		}
		for _, e := range n.Elems {
			walk(e)
		}
	}
	walk(n)
}

func startsValue(k Kind, c byte) bool {
	switch k {
	case KindNull:
		return c == 'n'
	case KindBool:
		return c == 't' || c == 'f'
	case KindNumber:
		return c == '-' || c >= '0' && c <= '9'
	case KindString:
		return c == '"'
	case KindArray:
		return c == '['
	}
	return c == '{'
}

// The reader agrees with encoding/json on what is JSON and on its value,
// except where it is stricter on purpose (duplicate keys, invalid UTF-8
// in strings, more than MaxDepth levels) or kinder (a byte-order mark),
// and every position it reports is where the value stands.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`,
		"{\n \"a\": [1, -2.5e+3, true, false, null],\n \"b\": {\"c\": \"\\u00e9\\n\\ud83d\\ude00\"}}",
		"\xEF\xBB\xBF[\"é€😀\", {}]",
		`{"a": 1, "a": 2}`,
		`[1, 2,]`,
		`"\ud83d\u0041"`,
		"[\"a\xffb\"]",
		`{"k": 0123}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		n, err := Parse(src)
		body := bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		var want any
		derr := dec.Decode(&want)
		if derr == nil && len(bytes.Trim(body[dec.InputOffset():], " \t\r\n")) > 0 {
			derr = errors.New("something after the value")
		}
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("error %T %v is not an *Error", err, err)
			}
			if pe.Pos.Offset < 0 || pe.Pos.Offset > len(src) {
				t.Fatalf("error offset %d outside %d bytes: %v", pe.Pos.Offset, len(src), err)
			}
			if l, c := refPos(src, pe.Pos.Offset); pe.Pos.Line != l || pe.Pos.Col != c {
				t.Fatalf("error at %s for offset %d, want %d:%d: %v", pe.Pos, pe.Pos.Offset, l, c, err)
			}
			strict := strings.Contains(pe.Msg, "duplicate key") || strings.Contains(pe.Msg, "invalid UTF-8") || strings.Contains(pe.Msg, "nests too deeply")
			if derr == nil && !strict {
				t.Fatalf("Parse refuses what encoding/json reads: %v", err)
			}
			return
		}
		if derr != nil {
			t.Fatalf("Parse reads what encoding/json refuses (%v)", derr)
		}
		if got := plain(n); !reflect.DeepEqual(got, want) {
			t.Fatalf("Parse reads %#v, encoding/json %#v", got, want)
		}
		checkPositions(t, src, n)

		// The same value parsed where it stands in a larger file keeps
		// the file's positions.
		prefix := []byte("[\n  \"é\", ")
		file := append(append(append([]byte(nil), prefix...), body...), ']')
		at, err := new(Parser).ParseAt(body, Pos{Offset: len(prefix), Line: 2, Col: 8}, 1)
		if err != nil {
			if pe := (*Error)(nil); errors.As(err, &pe) && strings.Contains(pe.Msg, "nests too deeply") {
				return
			}
			t.Fatalf("Parser.ParseAt refuses what Parse reads: %v", err)
		}
		checkPositions(t, file, at)

		// A Parser that has read another tree into the memory it reuses
		// gives the same tree as a fresh one.
		var ps Parser
		if _, err := ps.ParseAt([]byte(`{"a": [1, {"b": "c"}], "d": "e"}`), Pos{Line: 1, Col: 1}, 0); err != nil {
			t.Fatal(err)
		}
		again, err := ps.ParseAt(body, Pos{Offset: len(prefix), Line: 2, Col: 8}, 1)
		if err != nil || !reflect.DeepEqual(again, at) {
			t.Fatalf("a reused Parser reads %+v (%v), a fresh one %+v", again, err, at)
		}
	})
}
