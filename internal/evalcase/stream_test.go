package evalcase

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/jsonpos"
)

func caseJSON(name, principal string) string {
	return `{"name": "` + name + `", "request": {"principal": "` + principal + `", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"},
  "identityPolicies": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}], "expect": "allowed"}`
}

// readAll collects what a Reader returns, reading its input a byte at a
// time so that every buffer boundary is crossed.
func readAll(t *testing.T, src string, max int) (cases []*Case, invalid []*Case, errs []error) {
	t.Helper()
	rd := NewReader("f.json", iotest.OneByteReader(strings.NewReader(src)))
	if max > 0 {
		rd.MaxCase = max
	}
	for i := 0; i < 1000; i++ {
		c, err := rd.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			invalid = append(invalid, c)
			errs = append(errs, err)
			continue
		}
		cases = append(cases, c)
	}
	t.Fatal("the reader does not stop")
	return
}

// Streamed cases carry the positions a whole-file parse gives them.
func TestStreamKeepsFilePositions(t *testing.T) {
	for _, wrap := range []struct{ open, close string }{{"[\n", "\n]"}, {"{\"cases\": [\n", "]}\n"}, {"\uFEFF [", "]"}} {
		src := wrap.open + caseJSON("a", "arn:aws:iam::111111111111:user/alice") + ",\n  " + caseJSON("é", "*") + wrap.close
		cases, _, errs := readAll(t, src, 0)
		if len(errs) > 0 || len(cases) != 2 {
			t.Fatalf("%q: %d cases, errors %v", wrap.open, len(cases), errs)
		}
		root, err := jsonpos.Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		list := root
		if root.Kind == jsonpos.KindObject {
			list = root.Get("cases")
		}
		for i, c := range cases {
			want := list.Elems[i].Get("identityPolicies").Elems[0].Get("Statement").Pos
			if got := c.Input.Identity[0].Policy.Statements[0].Pos; got != want {
				t.Errorf("%q case %d: statement at %+v, want %+v", wrap.open, i, got, want)
			}
		}
	}
}

func TestStreamGoesOnAfterAnInvalidCase(t *testing.T) {
	src := "[\n" + caseJSON("one", "*") + ",\n" +
		`{"name": "broken", "request": {"principal": "*", "action": "s3:GetObject",}},` + "\n" +
		caseJSON("bob", "bob") + ",\n" +
		caseJSON("three", "lambda.amazonaws.com") + "\n]"
	cases, invalid, errs := readAll(t, src, 0)
	if len(cases) != 2 || cases[0].Name != "one" || cases[1].Name != "three" {
		t.Fatalf("valid cases: %+v", cases)
	}
	if len(errs) != 2 || invalid[0].Name != "case-2" || invalid[1].Name != "bob" {
		t.Fatalf("invalid: %v", errs)
	}
	if !strings.HasPrefix(errs[0].Error(), "f.json:4:75: a comma before '}'") {
		t.Errorf("syntax error in a case: %v", errs[0])
	}
	if e := errs[1].Error(); !strings.HasPrefix(e, "f.json:5:42: principal \"bob\" is neither an ARN") || !strings.Contains(e, "service principal") || !strings.Contains(e, `"*"`) {
		t.Errorf("principal error: %v", e)
	}
}

func TestRequestPrincipalForms(t *testing.T) {
	for p, ok := range map[string]bool{
		"arn:aws:iam::111111111111:user/alice":                true,
		"arn:aws:sts::111111111111:assumed-role/app/i-0abc":   true,
		"arn:aws:iam::111111111111:root":                      true,
		"arn:aws:iam::111111111111:oidc-provider/example.com": true,
		"lambda.amazonaws.com":                                true,
		"*":                                                   true,
		"bob":                                                 false,
		"":                                                    false,
		"arn:aws:iam::bob":                                    false,
		"arn:aws:iam::111111111111:":                          false,
		"accounts.google.com":                                 false,
		".amazonaws.com":                                      false,
	} {
		if got := principalProblem(p) == ""; got != ok {
			t.Errorf("principal %q accepted=%v, want %v", p, got, ok)
		}
	}
}

func TestStreamStopsWhereTheListBreaks(t *testing.T) {
	src := "[" + caseJSON("one", "*") + " x " + caseJSON("two", "*") + "]"
	cases, invalid, errs := readAll(t, src, 0)
	if len(cases) != 1 || len(errs) != 1 || invalid[0] != nil {
		t.Fatalf("cases %d, errors %v", len(cases), errs)
	}
	if !strings.Contains(errs[0].Error(), "unexpected character 'x'; expected ',' between cases") {
		t.Fatalf("error: %v", errs[0])
	}
	for _, tc := range []struct{ src, want string }{
		{"", "f.json:1:1: the document is empty"},
		{"[" + caseJSON("a", "*") + ",]", "a comma before ']'"},
		{"[" + caseJSON("a", "*") + "] []", "after the end of the document"},
		{"[" + caseJSON("a", "*"), "the document ends inside the list of cases"},
		{"[{\"request\": [}", "f.json:1:15: unexpected character '}'"},
		{"\"text\"", "the file holds a string"},
		{"{\"cases\": [], \"extra\": 1}", "unknown key \"extra\" next to \"cases\""},
		{"{\"extra\": 1, \"cases\": []}", "unknown key \"extra\" next to \"cases\""},
	} {
		_, _, errs := readAll(t, tc.src, 0)
		if len(errs) == 0 || !strings.Contains(errs[len(errs)-1].Error(), tc.want) {
			t.Errorf("%q: errors %v, want %q", tc.src, errs, tc.want)
		}
	}
}

// A case over the cap is refused and skipped in constant memory; the next
// one is still read.
func TestStreamCapsACase(t *testing.T) {
	big := `{"name": "big", "description": "` + strings.Repeat("x", 5000) + `", "request": {"principal": "*", "action": "s3:GetObject"}}`
	src := "[" + big + ",\n" + caseJSON("after", "*") + "]"
	cases, invalid, errs := readAll(t, src, 2048)
	if len(cases) != 1 || cases[0].Name != "after" {
		t.Fatalf("cases after the big one: %+v, errors %v", cases, errs)
	}
	if len(errs) != 1 || invalid[0] == nil || !strings.Contains(errs[0].Error(), "f.json:1:2: case 1 is larger than 2 KiB") {
		t.Fatalf("errors: %v", errs)
	}
}

type failAfter struct {
	r io.Reader
	n int
}

func (f *failAfter) Read(p []byte) (int, error) {
	if f.n <= 0 {
		return 0, errors.New("device gone")
	}
	p = p[:min(len(p), f.n)]
	n, err := f.r.Read(p)
	f.n -= n
	return n, err
}

func TestStreamReportsAReadError(t *testing.T) {
	rd := NewReader("f.json", &failAfter{strings.NewReader("[" + caseJSON("a", "*") + ",\n" + caseJSON("b", "*") + "]"), 40})
	var last error
	for {
		_, err := rd.Next()
		if err == io.EOF {
			break
		}
		last = err
	}
	if last == nil || !strings.Contains(last.Error(), "device gone") {
		t.Fatalf("read error not reported: %v", last)
	}
}

// The corpus reads the same whole and streamed.
func TestStreamAgreesWithTheCorpus(t *testing.T) {
	src, err := os.ReadFile("../eval/testdata/cases/basic.json")
	if err != nil {
		t.Fatal(err)
	}
	whole, err := Parse("basic.json", src)
	if err != nil {
		t.Fatal(err)
	}
	streamed, _, errs := readAll(t, string(src), 0)
	if len(errs) > 0 || len(streamed) != len(whole) {
		t.Fatalf("streamed %d cases (errors %v), whole %d", len(streamed), errs, len(whole))
	}
	for i := range whole {
		a, b := eval.Evaluate(&whole[i].Input, eval.Options{}), eval.Evaluate(&streamed[i].Input, eval.Options{})
		if a.Decision != b.Decision || whole[i].Pos != streamed[i].Pos {
			t.Errorf("case %d differs: %v %v / %v %v", i, a.Decision, whole[i].Pos, b.Decision, streamed[i].Pos)
		}
	}
}

// repeatReader yields its pattern forever.
type repeatReader struct {
	pat string
	off int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = r.pat[r.off%len(r.pat)]
		r.off++
	}
	return len(p), nil
}

// Endless input (eval - </dev/zero) ends at once with an error, without
// reading on or growing.
func TestStreamEndsOnEndlessInput(t *testing.T) {
	for pat, want := range map[string]string{
		"\x00":      "f.json:1:1: unexpected character U+0000",
		"[":         "nests too deeply",
		"1":         "a value of over 1024 KiB where a case should be",
		"[\x00":     "f.json:1:2: unexpected character U+0000",
		"{\"a\": [": "nests too deeply",
	} {
		in := &repeatReader{pat: pat}
		rd := NewReader("f.json", in)
		var errs []string
		for i := 0; ; i++ {
			if i > 10 {
				t.Fatalf("%q: the reader does not stop: %v", pat, errs)
			}
			_, err := rd.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				errs = append(errs, err.Error())
			}
		}
		if len(errs) == 0 || !strings.Contains(errs[0], want) {
			t.Errorf("%q: errors %v, want %q", pat, errs, want)
		}
		if in.off > 4*MaxCaseBytes {
			t.Errorf("%q: read %d bytes before stopping", pat, in.off)
		}
	}
}

// KeepSource gives each streamed case the text it was parsed from and
// that text's offset in the file, so a policy's file-absolute position
// finds its text; without it nothing is copied.
func TestKeepSource(t *testing.T) {
	src, err := os.ReadFile("../eval/testdata/cases/basic.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, keep := range []bool{false, true} {
		rd := NewReader("basic.json", bytes.NewReader(src))
		rd.KeepSource = keep
		n := 0
		for {
			c, err := rd.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			n++
			if !keep {
				if c.Source != nil {
					t.Fatal("source kept without KeepSource")
				}
				continue
			}
			if !bytes.Equal(c.Source, src[c.SourceOffset:c.SourceOffset+len(c.Source)]) {
				t.Fatalf("%s: the kept text is not the file's at offset %d", c.Name, c.SourceOffset)
			}
			for _, ref := range c.Input.Identity {
				if off := ref.Policy.Pos.Offset - c.SourceOffset; off < 0 || off >= len(c.Source) || c.Source[off] != '{' {
					t.Fatalf("%s: policy at %d is not in the kept text", c.Name, ref.Policy.Pos.Offset)
				}
			}
		}
		if n == 0 {
			t.Fatal("no cases")
		}
	}
}
