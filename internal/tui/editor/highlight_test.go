package editor

import (
	"strings"
	"testing"
	"time"
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
// exponentially (for a quarter of a second); a keystroke must never cost
// that. The time is compared with an unterminated string of letters,
// which takes the same error path without the ambiguity, so that a slow
// machine or the race detector does not fail the test.
func TestHighlightNoBacktrackingBlowUp(t *testing.T) {
	h := newHighlighter()
	h.spans(`"warm-up"`)
	timeOf := func(line string) time.Duration {
		start := time.Now()
		sp := h.spans(line)
		if sp[len(sp)-1].end != len([]rune(line)) {
			t.Fatalf("spans %v do not cover %q", sp, line)
		}
		return time.Since(start)
	}
	plain := timeOf(`"` + strings.Repeat("ab", 40) + "c")
	hard := timeOf(`"` + strings.Repeat(`\\`, 40) + `\`)
	if hard > 5*plain+20*time.Millisecond {
		t.Fatalf("backslashes took %v, letters %v", hard, plain)
	}
}
