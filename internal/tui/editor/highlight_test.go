package editor

import (
	"strings"
	"testing"
)

// kinds renders a line's spans as "text=type" pairs, skipping whitespace.
func kinds(line string) []string {
	var out []string
	r := []rune(line)
	start := 0
	for _, sp := range newHighlighter().spans(line) {
		text := strings.TrimSpace(string(r[start:sp.end]))
		if text != "" {
			out = append(out, text+"="+sp.typ.String())
		}
		start = sp.end
	}
	return out
}

func TestHighlightPerLine(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{`  "Effect": "Deny",`, []string{`"Effect"=Key`, `:=Punct`, `"Deny"=String`, `,=Punct`}},
		{`    "s3:GetObject",`, []string{`"s3:GetObject"=String`, `,=Punct`}},
		{`  }],`, []string{`}],=Punct`}},
		{`"Statement": [{`, []string{`"Statement"=Key`, `:=Punct`, `[{=Punct`}},
		{`"a\"b": true`, []string{`"a\"b"=Key`, `:=Punct`, `true=Keyword`}},
		{`"n": 12.5`, []string{`"n"=Key`, `:=Punct`, `12.5=Number`}},
		{`"n": -1.5e+3, "m": null`, []string{`"n"=Key`, `:=Punct`, `-1.5e+3=Number`, `,=Punct`, `"m"=Key`, `:=Punct`, `null=Keyword`}},
		// A value string followed by a key on one line: only the key is a key.
		{`"v" "k" :`, []string{`"v"=String`, `"k"=Key`, `:=Punct`}},
		// Being typed: the unterminated string runs to the line's end.
		{`  "Act`, []string{`"Act=String`}},
		{`"a": tru,`, []string{`"a"=Key`, `:=Punct`, `tru=Error`, `,=Punct`}},
		{`"a": 1 // why /* not */`, []string{`"a"=Key`, `:=Punct`, `1=Number`, `// why /* not */=Comment`}},
		{`/* c */ "a": @`, []string{`/* c */=Comment`, `"a"=Key`, `:=Punct`, `@=Error`}},
		{`"k": - ,`, []string{`"k"=Key`, `:=Punct`, `-=Error`, `,=Punct`}},
	}
	for _, tt := range tests {
		got := kinds(tt.line)
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s\n got %v\nwant %v", tt.line, got, tt.want)
		}
	}
}

func TestHighlightSpansCoverTheLine(t *testing.T) {
	for _, line := range []string{"", "x", `"日本": "語"`, "\t{\x1b", `"unterminated \"`} {
		sp := newHighlighter().spans(line)
		n := len([]rune(line))
		if n == 0 {
			if len(sp) != 0 {
				t.Errorf("%q: spans %v", line, sp)
			}
			continue
		}
		if sp[len(sp)-1].end != n {
			t.Errorf("%q: spans end at %d, want %d", line, sp[len(sp)-1].end, n)
		}
		for i := 1; i < len(sp); i++ {
			if sp[i].end <= sp[i-1].end {
				t.Errorf("%q: spans not increasing: %v", line, sp)
			}
		}
	}
}

// An unterminated string of backslashes once made a regexp lexer backtrack
// exponentially (a quarter of a second for one line). The tokeniser is a
// single forward pass now; this pins that such a line is read as one
// string token covering the line, and BenchmarkHighlightBackslashes sets
// its cost beside a line of letters (a timed assertion here would fail on
// a loaded machine, not on a slow tokeniser).
func TestHighlightBackslashRun(t *testing.T) {
	for _, n := range []int{1, 40, 4000} {
		line := `"` + strings.Repeat(`\\`, n) + `\`
		sp := newHighlighter().spans(line)
		if len(sp) == 0 || sp[len(sp)-1].end != len([]rune(line)) {
			t.Fatalf("%d backslash pairs: spans %v do not cover the line", n, sp)
		}
		if got := kinds(line); len(got) != 1 || !strings.HasSuffix(got[0], "=String") {
			t.Errorf("%d backslash pairs: got %.80q, want one unterminated string token", n, got)
		}
	}
}

func BenchmarkHighlightBackslashes(b *testing.B) {
	for _, c := range []struct{ name, line string }{
		{"letters", `"` + strings.Repeat("ab", 40) + "c"},
		{"backslashes", `"` + strings.Repeat(`\\`, 40) + `\`},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				newHighlighter().spans(c.line)
			}
		})
	}
}
