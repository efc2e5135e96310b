package cells

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"pgregory.net/rapid"
)

func TestWidthAgreesWithAnsi(t *testing.T) {
	for _, s := range []string{"", "abc", "\x1b[1;38;5;12mkey\x1b[0m: v", "日本", "a\tb", "\x1b]8;;http://x\x07link\x1b]8;;\x07",
		"\x1b[", "\x1b[31", "│ x …", "e\u0301", "\x1b[38;2;1;2;3mrgb\x1b[m"} {
		if got, want := Width(s), ansi.StringWidth(s); got != want {
			t.Errorf("Width(%q) = %d, ansi says %d", s, got, want)
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		parts := rapid.SliceOf(rapid.SampledFrom([]string{"a", " ", "~", "\x1b[1m", "\x1b[0m", "\x1b[38;5;200m", "é", "│", "\x1b", "[", "m", "\x07",
			"…", "✔", "★", "·", "▸", "\ufe0f", "\u0301", "\u200d", "⚠", "日", "\u00ad"})).Draw(t, "parts")
		s := strings.Join(parts, "")
		if got, want := Width(s), ansi.StringWidth(s); got != want {
			t.Fatalf("Width(%q) = %d, ansi says %d", s, got, want)
		}
	})
}

func TestNarrowRunesAreOneCell(t *testing.T) {
	for _, rg := range narrow {
		for r := rg[0]; r <= rg[1]; r++ {
			if w := ansi.StringWidth(string(r)); w != 1 {
				t.Errorf("U+%04X is %d cells for ansi", r, w)
			}
			if w := ansi.StringWidth("a" + string(r) + "b"); w != 3 {
				t.Errorf("a U+%04X b is %d cells for ansi", r, w)
			}
		}
	}
}

func BenchmarkWidth(b *testing.B) {
	line := "\x1b[38;5;12m  \"Action\"\x1b[0m: \x1b[38;5;10m\"s3:GetObject\"\x1b[0m,   " + strings.Repeat(" ", 40)
	b.Run("cells", func(b *testing.B) {
		for b.Loop() {
			Width(line)
		}
	})
	b.Run("ansi", func(b *testing.B) {
		for b.Loop() {
			ansi.StringWidth(line)
		}
	})
}
