package safetext

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClean(t *testing.T) {
	cases := []struct {
		in, want string
		changed  bool
	}{
		{"plain\ttext\nline two", "plain\ttext\nline two", false},
		{"windows\r\nline", "windows\nline", false},
		{"lone\rcarriage", "lonecarriage", true},
		{"red \x1b[31mALERT\x1b[0m done", "red ALERT done", true},
		{"title \x1b]0;pwned\x07 set", "title  set", true},
		{"title \x1b]2;x\x1b\\ st", "title  st", true},
		{"copy \x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07 me", "copy  me", true},
		{"link \x1b]8;;https://evil.example\x1b\\here\x1b]8;;\x1b\\", "link here", true},
		{"wipe \x1b[2J\x1b[H screen", "wipe  screen", true},
		{"bell\x07 and nul\x00", "bell and nul", true},
		{"c1 \u009b31m csi", "c1  csi", true},
		{"c1 osc \u009d", "c1 osc ", true},
		{"bidi \u202eevil\u202c", "bidi evil", true},
		{"bad utf8 \xff here", "bad utf8  here", true},
		{"keeps é, ✓ and 日本", "keeps é, ✓ and 日本", false},
		{"lone esc at end \x1b", "lone esc at end ", true},
		{"del\x7f", "del", true},
	}
	for _, c := range cases {
		got, changed := Clean(c.in)
		if got != c.want || changed != c.changed {
			t.Errorf("Clean(%q) = %q, %v; want %q, %v", c.in, got, changed, c.want, c.changed)
		}
	}
}

func TestLineKeepsAValueOnItsLine(t *testing.T) {
	got := Line("case\n✓ forged: allowed\tx\x1b[2K")
	if got != `case\n✓ forged: allowed\tx` {
		t.Fatalf("Line = %q", got)
	}
	if Line("arn:aws:iam::111111111111:user/alice") != "arn:aws:iam::111111111111:user/alice" {
		t.Fatal("a plain value must be kept")
	}
}

func TestWriterCleansAndBatches(t *testing.T) {
	var out countingWriter
	w := NewWriter(&out)
	for i := 0; i < 1000; i++ {
		if _, err := w.WriteString("✓ case \x1b]52;c;AAAA\x07name: allowed\n"); err != nil {
			t.Fatal(err)
		}
	}
	if out.calls != 0 {
		t.Fatalf("%d writes before the buffer filled", out.calls)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if out.calls != 1 {
		t.Fatalf("want one batched write, got %d", out.calls)
	}
	if bytes.Contains(out.Bytes(), []byte{0x1b}) || !strings.HasPrefix(out.String(), "✓ case name: allowed\n") {
		t.Fatalf("escape reached the output: %q", out.String()[:40])
	}
}

func TestWriterReportsTheFirstError(t *testing.T) {
	w := NewWriter(failing{})
	w.WriteString(strings.Repeat("x", bufSize))
	if _, err := w.WriteString("more"); err == nil {
		t.Fatal("a failed flush must be reported on the next write")
	}
	if w.Flush() == nil {
		t.Fatal("Flush must keep reporting the error")
	}
}

type countingWriter struct {
	bytes.Buffer
	calls int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	c.calls++
	return c.Buffer.Write(p)
}

type failing struct{}

func (failing) Write(p []byte) (int, error) { return 0, errors.New("disk full") }

// unsafeIn reports what a terminal could act on: an escape or control
// byte, a C1 control, a bidi override, or invalid UTF-8.
func unsafeIn(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && r <= 0x9f || isBidiControl(r) {
			return true
		}
	}
	return false
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"plain", "a\x1b[31mb", "\x1b]52;c;x\x07", "\u009b1m", "\u202e", "\xff\xfe", "a\r\nb\rc", "\x1b", "\x1b]8;;u\x1b\\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, changed := Clean(s)
		if unsafeIn(got) {
			t.Fatalf("Clean(%q) = %q still drives a terminal", s, got)
		}
		if again, ch := Clean(got); again != got || ch {
			t.Fatalf("Clean is not idempotent on %q: %q", got, again)
		}
		if !changed && got != strings.ReplaceAll(s, "\r\n", "\n") {
			t.Fatalf("Clean(%q) changed the text to %q but did not say so", s, got)
		}
		if l := Line(s); unsafeIn(l) || strings.ContainsAny(l, "\n\t") {
			t.Fatalf("Line(%q) = %q", s, l)
		}
		var out bytes.Buffer
		w := NewWriter(&out)
		w.WriteString(s)
		w.Flush()
		if out.String() != got {
			t.Fatalf("Writer and Clean disagree on %q: %q vs %q", s, out.String(), got)
		}
	})
}
