package theme

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestDetect(t *testing.T) {
	env := func(m map[string]string) func(string) string {
		return func(k string) string { return m[k] }
	}
	tests := []struct {
		dark bool
		env  map[string]string
		want Variant
	}{
		{true, nil, VariantDark},
		{false, nil, VariantLight},
		{true, map[string]string{"NO_COLOR": "1"}, VariantNoColor},
		{false, map[string]string{"NO_COLOR": "yes"}, VariantNoColor},
		{true, map[string]string{"NO_COLOR": ""}, VariantDark},
	}
	for _, tt := range tests {
		if got := Detect(tt.dark, env(tt.env)).Variant; got != tt.want {
			t.Errorf("Detect(%v, %v) = %v, want %v", tt.dark, tt.env, got, tt.want)
		}
	}
	if Detect(true, nil).Variant != VariantDark {
		t.Error("nil getenv")
	}
}

// sgrColour matches the colour parameters of an SGR sequence: foreground
// and background, 8/16/256/true colour.
func hasColour(s string) bool {
	for _, p := range []string{"[38;", "[48;", ";38;", ";48;", "[3", "[4", "[9", "[10"} {
		for i := 0; ; {
			j := strings.Index(s[i:], p)
			if j < 0 {
				break
			}
			// "[4m" and "[4;…" are underline, not a background colour.
			rest := s[i+j+len(p):]
			if (p == "[4" || p == "[3") && (strings.HasPrefix(rest, "m") || strings.HasPrefix(rest, ";")) {
				i += j + len(p)
				continue
			}
			return true
		}
	}
	return false
}

func TestNoColorStylesUseAttributesOnly(t *testing.T) {
	s := NewStyles(NoColor())
	samples := []string{
		s.Error.Render("x"), s.Muted.Render("x"), s.Selected.Render("x"),
		s.Verdict.Allowed.Render(), s.Verdict.ExplicitDeny.Render(), s.Verdict.ImplicitDeny.Render(),
		s.Editor.ErrorChar.Render("x"), s.Editor.MarkDeny.Render("x"),
		s.Syntax.Style(TokenKey).Render("x"), s.Syntax.Style(TokenString).Render("x"),
		s.Pane.Focused.Render("x"), s.Help.ShortKey.Render("x"),
	}
	for i, r := range samples {
		if hasColour(r) {
			t.Errorf("sample %d has colour: %q", i, r)
		}
	}
	if !strings.Contains(s.Syntax.Style(TokenKey).Render("k"), "1") {
		t.Error("keys are not bold without colour")
	}
}

func TestColourThemes(t *testing.T) {
	for _, th := range []Theme{Dark(), Light()} {
		s := NewStyles(th)
		if !hasColour(s.Verdict.Allowed.Render()) {
			t.Errorf("%v: allowed has no colour", th.Variant)
		}
		key := s.Syntax.Style(TokenKey).Render("k")
		str := s.Syntax.Style(TokenString).Render("k")
		if key == str {
			t.Errorf("%v: keys and strings look the same", th.Variant)
		}
		if s.Syntax.Style(Token(200)).Render("1") != s.Syntax.Style(TokenText).Render("1") {
			t.Errorf("%v: an unknown token kind is not styled as text", th.Variant)
		}
	}
}

func TestVerdictsCarrySymbolAndWord(t *testing.T) {
	for _, th := range []Theme{Dark(), Light(), NoColor()} {
		v := NewStyles(th).Verdict
		for _, b := range []Badge{v.Allowed, v.ExplicitDeny, v.ImplicitDeny, v.Stale, v.Pass, v.Fail} {
			if b.Symbol == "" || b.Word == "" {
				t.Errorf("%v: badge %+v lacks a symbol or word", th.Variant, b)
			}
			if !strings.Contains(ansi.Strip(b.Render()), b.Word) {
				t.Errorf("%v: rendered badge %q lacks its word", th.Variant, b.Render())
			}
		}
		if v.Allowed.String() != "✓ allowed" || v.ExplicitDeny.String() != "✗ explicitDeny" || v.ImplicitDeny.String() != "○ implicitDeny" {
			t.Errorf("words: %s / %s / %s", v.Allowed, v.ExplicitDeny, v.ImplicitDeny)
		}
	}
}
