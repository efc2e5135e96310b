package jsonpos

import (
	"reflect"
	"strings"
	"testing"
)

// An element parsed on its own reports the positions it has in the file.
func TestParseAtKeepsFilePositions(t *testing.T) {
	file := "[{\"a\": 1},\n  {\"b\": [true,\n   \"é\", x]}]"
	start := strings.Index(file, "{\"b\"")
	end := strings.LastIndex(file, "}") + 1
	whole, err := Parse([]byte(file[:start] + strings.Replace(file[start:end], "x", "2", 1) + "]"))
	if err != nil {
		t.Fatal(err)
	}
	want := whole.Elems[1].Get("b").Elems[1].Pos
	n, err := new(Parser).ParseAt([]byte(strings.Replace(file[start:end], "x", "2", 1)), Pos{Offset: start, Line: 2, Col: 3}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := n.Get("b").Elems[1].Pos; got != want {
		t.Fatalf("element position %+v, want %+v as in the whole file", got, want)
	}
	if n.Members[0].KeyPos != whole.Elems[1].Members[0].KeyPos {
		t.Fatalf("key position %+v, want %+v", n.Members[0].KeyPos, whole.Elems[1].Members[0].KeyPos)
	}
	_, err = new(Parser).ParseAt([]byte(file[start:end]), Pos{Offset: start, Line: 2, Col: 3}, 1)
	pe, ok := err.(*Error)
	if !ok || pe.Pos.Line != 3 || pe.Pos.Col != 9 || pe.Pos.Offset != strings.Index(file, "x") {
		t.Fatalf("error %v at %+v, want 3:9 at offset %d", err, pe, strings.Index(file, "x"))
	}
}

func TestParseAtCountsTheEnclosingDepth(t *testing.T) {
	deep := strings.Repeat("[", 99) + strings.Repeat("]", 99)
	if _, err := new(Parser).ParseAt([]byte(deep), Pos{Line: 1, Col: 1}, 1); err != nil {
		t.Fatalf("100 levels in all must be read: %v", err)
	}
	if _, err := new(Parser).ParseAt([]byte(deep), Pos{Line: 1, Col: 1}, 2); err == nil || !strings.Contains(err.Error(), "nests too deeply") {
		t.Fatalf("101 levels in all must be refused, got %v", err)
	}
}

// A Parser reuses its memory from one value to the next, yet each tree,
// while it is current, is the one a fresh Parser reads; a tree grown
// larger than the Parser keeps is read whole, and so is a small one after
// it.
func TestParserReusesMemory(t *testing.T) {
	var big strings.Builder
	big.WriteString("[")
	for i := range 20000 {
		if i > 0 {
			big.WriteString(",")
		}
		big.WriteString(`{"k": ["v", 1]}`)
	}
	big.WriteString("]")
	docs := []string{
		`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": "*"}]}`,
		`["a", {"b": {"c": [true, null, -1.5e3]}}, "é"]`,
		big.String(),
		`{"x": "\u00e9", "y": {}}`,
		`[[], {}, ""]`,
	}
	var p Parser
	for round := range 2 {
		for i, d := range docs {
			base := Pos{Offset: 7 * i, Line: i + 1, Col: round + 1}
			want, err := new(Parser).ParseAt([]byte(d), base, 1)
			if err != nil {
				t.Fatal(err)
			}
			got, err := p.ParseAt([]byte(d), base, 1)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("round %d, document %d: the reused Parser's tree differs from a fresh one's", round, i)
			}
		}
	}
	// An error leaves the Parser usable.
	if _, err := p.ParseAt([]byte(`{"a": [1, 2,]}`), Pos{Line: 1, Col: 1}, 0); err == nil {
		t.Fatal("a trailing comma parsed")
	}
	if n, err := p.ParseAt([]byte(`{"a": [1, 2]}`), Pos{Line: 1, Col: 1}, 0); err != nil || len(n.Get("a").Elems) != 2 {
		t.Fatalf("after an error: %+v, %v", n, err)
	}
}
