package jsonpos

import (
	"errors"
	"strings"
	"testing"
)

func TestParse_Positions(t *testing.T) {
	n, err := Parse([]byte("{\n  \"a\": [1, \"é\", true, null],\n  \"b\": {}\n}"))
	if err != nil {
		t.Fatal(err)
	}
	a := n.Get("a")
	if a == nil || a.Kind != KindArray || len(a.Elems) != 4 {
		t.Fatalf("a = %+v", a)
	}
	want := []struct {
		kind Kind
		text string
		col  int
	}{{KindNumber, "1", 9}, {KindString, "é", 12}, {KindBool, "true", 17}, {KindNull, "null", 23}}
	for i, w := range want {
		e := a.Elems[i]
		if e.Kind != w.kind || e.Text != w.text || e.Pos.Line != 2 || e.Pos.Col != w.col {
			t.Errorf("element %d: %v %q at %s, want %v %q at 2:%d", i, e.Kind, e.Text, e.Pos, w.kind, w.text, w.col)
		}
	}
	if n.Members[1].KeyPos.Line != 3 || n.Members[1].KeyPos.Col != 3 {
		t.Errorf("key b at %s, want 3:3", n.Members[1].KeyPos)
	}
	if n.Get("missing") != nil {
		t.Error("Get of a missing key")
	}
}

func TestParse_SurrogateEscapes(t *testing.T) {
	cases := []struct{ src, want string }{
		{`"\ud83d\ude00"`, "😀"},
		{`"\ud83d"`, "\uFFFD"},
		{`"\ud83dx"`, "\uFFFDx"},
		{`"\ud83d\u0041"`, "\uFFFDA"}, // the second escape is a character of its own
		{`"\ude00\ud83d\ude00"`, "\uFFFD😀"},
		{`"\u00e9\n"`, "é\n"},
	}
	for _, c := range cases {
		n, err := Parse([]byte(c.src))
		if err != nil {
			t.Errorf("%s: %v", c.src, err)
		} else if n.Text != c.want {
			t.Errorf("%s: %q, want %q", c.src, n.Text, c.want)
		}
	}
	// A broken escape after a high surrogate is an error, not text.
	_, err := Parse([]byte(`"\ud83d\uZZZZ"`))
	var pe *Error
	if !errors.As(err, &pe) || pe.Pos.Col != 8 || !strings.Contains(pe.Msg, `bad \u escape`) {
		t.Errorf("got %v, want a bad \\u escape at 1:8", err)
	}
}
