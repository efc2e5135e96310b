package evalcase

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/jsonpos"
)

// outcome is what a Reader made of its input, as text to compare.
func outcome(t *testing.T, in io.Reader, max int) []string {
	rd := NewReader("f.json", in)
	rd.MaxCase = max
	var out []string
	for i := 0; ; i++ {
		if i > 100000 {
			t.Fatal("the reader does not stop")
		}
		c, err := rd.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			es, ok := err.(diag.List)
			if !ok || len(es) == 0 {
				t.Fatalf("error %T %v is not a positioned diag.List", err, err)
			}
			for _, e := range es {
				if e.File != "f.json" || e.Line < 1 || e.Col < 1 {
					t.Fatalf("error without a position: %+v", e)
				}
			}
		}
		if c != nil {
			out = append(out, fmt.Sprintf("case %q at %v", c.Name, c.Pos))
		}
		if err != nil {
			out = append(out, err.Error())
		}
	}
}

// The reader terminates on any input, positions every error, and reads the
// same whether its input arrives at once or a byte at a time; where the
// whole file is valid JSON, it finds as many cases as the file's list has.
func FuzzReader(f *testing.F) {
	f.Add(`[` + caseJSON("a", "*") + `]`)
	f.Add(`{"cases": [` + caseJSON("a", "*") + `, ` + caseJSON("b", "bob") + `]}`)
	f.Add(caseJSON("one", "arn:aws:iam::111111111111:user/alice"))
	f.Add(`[{"request": [}, {"a": "\"]"}]`)
	f.Add(`{"extra": 1, "cases": [{}]}`)
	f.Add("\uFEFF[\n{\"name\": \"é\\u00e9\", \"request\": 1},\n 2, \"s\", [[]]]")
	f.Add(`[{"name": "x\\"}, ` + strings.Repeat("[", 120) + `]`)
	f.Fuzz(func(t *testing.T, src string) {
		whole := outcome(t, strings.NewReader(src), 512)
		bytewise := outcome(t, iotest.OneByteReader(strings.NewReader(src)), 512)
		if strings.Join(whole, "\n") != strings.Join(bytewise, "\n") {
			t.Fatalf("read at once:\n%s\nread a byte at a time:\n%s", strings.Join(whole, "\n"), strings.Join(bytewise, "\n"))
		}
		root, err := jsonpos.Parse([]byte(src))
		if err != nil || root.Kind != jsonpos.KindArray || len(src) > 512 {
			return
		}
		n := 0
		rd := NewReader("f.json", bytes.NewReader([]byte(src)))
		for {
			c, err := rd.Next()
			if err == io.EOF {
				break
			}
			if c == nil {
				t.Fatalf("a valid list gave a file-level error: %v", err)
			}
			if c.Pos != root.Elems[n].Pos {
				t.Fatalf("case %d at %v, the whole parse puts it at %v", n+1, c.Pos, root.Elems[n].Pos)
			}
			n++
		}
		if n != len(root.Elems) {
			t.Fatalf("%d cases streamed, the list has %d", n, len(root.Elems))
		}
	})
}
