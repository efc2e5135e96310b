package app

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	uv "github.com/charmbracelet/ultraviolet"

	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

// draw renders content as Bubble Tea's renderer does and reports whether
// it panicked.
func draw(content string) (panicked bool) {
	defer func() {
		if recover() != nil {
			panicked = true
		}
	}()
	buf := uv.NewScreenBuffer(120, 40)
	uv.NewStyledString(content).Draw(buf, uv.Rect(0, 0, 120, 40))
	return false
}

// hostile are texts that reach a frame only if a screen forgot to clean
// them: a file name in a pack, say.
var hostile = []string{
	"\x1b[" + strings.Repeat("1;", 40) + "1mname.yaml",
	"\x1bP" + strings.Repeat("1;", 32) + "1q",
	"\x1b[<" + strings.Repeat("2:", 33) + "5m",
	"\x9b" + strings.Repeat("1;", 40) + "1m",
	"ok \x1b[" + strings.Repeat(";", 31) + "9m then \x1b[" + strings.Repeat("1;", 35) + "2m",
}

// TestHostileTextCannotCrashTheRenderer: each text panics the terminal
// library as it is (so the test can fail) and draws without one guarded.
func TestHostileTextCannotCrashTheRenderer(t *testing.T) {
	for _, s := range hostile {
		if !draw(s) {
			t.Fatalf("%q no longer panics the renderer: the guard may be unneeded", s)
		}
		if draw(guardFrame(s)) {
			t.Errorf("%q panics the renderer after the guard: %q", s, guardFrame(s))
		}
	}
}

// TestRootGuardsEveryFrame: a screen that draws a hostile text still gives
// a frame the renderer can draw.
func TestRootGuardsEveryFrame(t *testing.T) {
	for _, s := range hostile {
		f := &hostileScreen{text: s}
		m, _ := update(t, New(f, env(nil)), tea.WindowSizeMsg{Width: 100, Height: 30})
		if !strings.Contains(m.View().Content, s[len(s)-5:]) {
			t.Fatalf("the frame does not show the screen's text:\n%s", m.View().Content)
		}
		if draw(m.View().Content) {
			t.Errorf("the root drew a frame that panics the renderer for %q", s)
		}
	}
}

type hostileScreen struct {
	fake
	text string
}

func (h *hostileScreen) View() string { return h.text }

// Update keeps the root on this screen (fake's would hand it the fake).
func (h *hostileScreen) Update(tea.Msg) (screen.Screen, tea.Cmd) { return h, nil }

// TestGuardKeepsOrdinaryFrames: styled text, wide characters and the
// longest sequences iamlab's own palettes write come back byte for byte.
func TestGuardKeepsOrdinaryFrames(t *testing.T) {
	st := theme.NewStyles(theme.Dark())
	frames := []string{
		"",
		"plain ✓ → 日本語 ‛quoted‛",
		st.Selected.Render("› selected row") + st.Error.Render("⚠ pack") + st.Muted.Render(" muted"),
		lipgloss.NewStyle().Bold(true).Italic(true).Underline(true).Foreground(lipgloss.Color("#123456")).Background(lipgloss.Color("#654321")).Render("styled"),
		"\x1b]8;;https://docs.aws.amazon.com/\x1b\\link\x1b]8;;\x1b\\",
		"\x1b[" + strings.Repeat("1;", maxSeparators) + "1m at the limit",
	}
	for _, f := range frames {
		if got := guardFrame(f); got != f {
			t.Errorf("guardFrame changed %q into %q", f, got)
		}
	}
}

// FuzzGuardFrame: no text, once guarded, panics the renderer.
func FuzzGuardFrame(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Add("\x1b[1;2;3m\x1bPq\x1b\\")
	f.Fuzz(func(t *testing.T, s string) {
		if draw(guardFrame(s)) {
			t.Fatalf("%q panics the renderer after the guard: %q", s, guardFrame(s))
		}
	})
}

// BenchmarkGuardFrame is the guard's cost on a full 120×40 frame of styled
// rows, paid once per frame.
func BenchmarkGuardFrame(b *testing.B) {
	st := theme.NewStyles(theme.Dark())
	var rows []string
	for i := range 40 {
		rows = append(rows, st.Selected.Render("› row")+st.Muted.Render(strings.Repeat(" text ✓", 15))+st.Error.Render(string(rune('a'+i%26))))
	}
	frame := strings.Join(rows, "\n")
	b.SetBytes(int64(len(frame)))
	for b.Loop() {
		guardFrame(frame)
	}
}
