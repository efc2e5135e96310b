package yamlpos

import (
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/parser"
)

const src = `id: x
options:
  - text: a
    why: b
policy:
  document: |
    {
      "Version": 1
    }
`

func index(t *testing.T, src string) *Doc {
	t.Helper()
	f, err := parser.ParseBytes([]byte(src), 0)
	if err != nil {
		t.Fatal(err)
	}
	return Index([]byte(src), f.Docs[0].Body)
}

func TestPositions(t *testing.T) {
	d := index(t, src)
	cases := []struct {
		name      string
		got       func() (int, int, bool)
		line, col int
	}{
		{"value", func() (int, int, bool) { return d.Pos(Path("options", 0, "why")) }, 4, 10},
		{"missing field points at its parent", func() (int, int, bool) { return d.Pos(Path("options", 0, "nope")) }, 3, 5},
		{"a list by its first entry", func() (int, int, bool) { return d.Pos("options") }, 3, 3},
		{"a list by its key", func() (int, int, bool) { return d.FieldPos("options") }, 2, 1},
		{"a key", func() (int, int, bool) { return d.KeyPos(Path("options", 0, "why")) }, 4, 5},
		{"block text", func() (int, int, bool) { return d.BlockStart(Path("policy", "document")) }, 7, 5},
	}
	for _, c := range cases {
		line, col, ok := c.got()
		if !ok || line != c.line || col != c.col {
			t.Errorf("%s: %d:%d %v, want %d:%d", c.name, line, col, ok, c.line, c.col)
		}
	}
	if !d.Has(Path("options", 0, "text")) || d.Has(Path("options", 1)) {
		t.Error("Has")
	}
	if _, _, ok := Index(nil, nil).Pos("id"); ok {
		t.Error("an empty document has no positions")
	}
	for p, s := range d.Scalars(Path("options")) {
		if s == "b" && p != Path("options", 0, "why") {
			t.Errorf("Scalars: %q at %q", s, p)
		}
	}
}

func TestExplain(t *testing.T) {
	var v struct {
		N int `yaml:"n"`
	}
	cases := []struct {
		src, code, msg, expected string
		line, col                int
	}{
		{"n: many\n", CodeWrongType, "found text", "expected a whole number", 1, 4},
		{"m: 1\n", CodeUnknownField, `unknown field "m"`, "", 1, 1},
		{"n: 1\nn: 2\n", CodeDuplicateKey, "already defined", "write each key once", 2, 1},
	}
	for _, c := range cases {
		err := yaml.UnmarshalWithOptions([]byte(c.src), &v, yaml.DisallowUnknownField())
		e := Explain(err)
		if e.Code != c.code || !strings.Contains(e.Message, c.msg) || e.Expected != c.expected || e.Line != c.line || e.Col != c.col {
			t.Errorf("%q: %+v", c.src, e)
		}
	}
	if got := FieldNames(struct {
		A string `yaml:"a"`
		B []struct {
			A string `yaml:"a"`
			C int    `yaml:"c"`
		} `yaml:"b"`
	}{}); strings.Join(got, ",") != "a,b,c" {
		t.Errorf("FieldNames = %v", got)
	}
}
