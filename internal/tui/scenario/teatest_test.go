package scenario

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/charmbracelet/x/vt"

	"github.com/iamlab/iamlab/internal/tui/app"
)

// rebuild replays the program's output on a virtual terminal and returns
// the screen as text, which unlike the raw bytes is stable across renderers.
func rebuild(out []byte, w, h int) (string, *vt.Emulator) {
	emu := vt.NewEmulator(w, h)
	go func() { _, _ = io.Copy(io.Discard, emu) }()
	// Without a tty there is no ONLCR: add the carriage returns a terminal
	// driver would.
	_, _ = emu.Write(bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n")))
	return emu.String(), emu
}

// term keeps everything the program wrote: each WaitFor reads only what
// came after the previous one.
type term struct {
	tm   *teatest.TestModel
	w, h int
	all  []byte
	emu  *vt.Emulator
}

func (tt *term) wait(t *testing.T, cond func(string) bool) string {
	t.Helper()
	base := len(tt.all)
	var screen string
	teatest.WaitFor(t, tt.tm.Output(), func(b []byte) bool {
		tt.all = append(tt.all[:base], b...)
		screen, tt.emu = rebuild(tt.all, tt.w, tt.h)
		return cond(screen)
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	return screen
}

// TestProgramSolvesABuildScenario runs the scenario screen inside the real
// root, types the fix, submits and reads the rebuilt terminal screen.
func TestProgramSolvesABuildScenario(t *testing.T) {
	const w, h = 120, 40
	deps := testDeps(t)
	m := New(deps, scenarioByID(t, "two-groups-one-bucket"))
	root := app.New(m, func(string) string { return "" })
	tm := teatest.NewTestModel(t, root, teatest.WithInitialTermSize(w, h))
	tt := &term{tm: tm, w: w, h: h}

	tt.wait(t, func(s string) bool { return strings.Contains(s, "Checks 1/3") })
	tm.Send(tea.KeyPressMsg{Code: 'e', Text: "e"})
	for i := 0; i < 7; i++ {
		tm.Send(tea.KeyPressMsg{Code: tea.KeyDown})
	}
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnd})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyLeft})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyLeft})
	tm.Type("finance/")
	screen := tt.wait(t, func(s string) bool {
		return strings.Contains(s, "Checks 3/3") && strings.Contains(s, "Ln 8, Col 54")
	})
	rows := strings.Split(screen, "\n")
	if !strings.HasPrefix(rows[0], "iamlab › core › Two groups, one bucket") || !strings.Contains(rows[0], "build · ★☆☆ · SAA 1.1") {
		t.Errorf("header row: %q", rows[0])
	}
	if !strings.Contains(screen, `"Resource": "arn:aws:s3:::acme-reports/finance/*"`) {
		t.Errorf("edited line not on screen:\n%s", screen)
	}
	if !strings.Contains(rows[h-1], "ctrl+s submit") {
		t.Errorf("footer: %q", rows[h-1])
	}
	cursor := tt.emu.CursorPosition()

	tm.Send(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl})
	screen = tt.wait(t, func(s string) bool { return strings.Contains(s, "Solved") })
	for _, want := range []string{"checks           5/5", "★★★", "(was hidden)"} {
		if !strings.Contains(screen, want) {
			t.Errorf("result screen lacks %q:\n%s", want, screen)
		}
	}
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	// The real cursor sat after "finance/", on line 8 of the editor: the
	// root's header row, the editor's place and its 4-cell gutter.
	fresh := New(testDeps(t), scenarioByID(t, "two-groups-one-bucket"))
	fresh.SetSize(w, h-2) // the root's header and footer
	fresh.setFocus(paneEditor)
	e := fresh.lay.editorText
	if cursor.Y != 1+e.y+7 || cursor.X != e.x+4+len(`      "Resource": "arn:aws:s3:::acme-reports/finance/`) {
		t.Errorf("terminal cursor at %+v; editor text at %+v", cursor, e)
	}
}

// TestProgramPredictAt80x24 answers a predict scenario on the smallest
// terminal.
func TestProgramPredictAt80x24(t *testing.T) {
	const w, h = 80, 24
	m := New(testDeps(t), scenarioByID(t, "scp-vs-boundary"))
	tm := teatest.NewTestModel(t, app.New(m, func(string) string { return "" }), teatest.WithInitialTermSize(w, h))
	tt := &term{tm: tm, w: w, h: h}
	tt.wait(t, func(s string) bool { return strings.Contains(s, "Step 1 of 3") })
	tm.Type("3")
	tm.Type("1")
	tm.Type("2")
	screen := tt.wait(t, func(s string) bool { return strings.Contains(s, "Your prediction") })
	for _, want := range []string{"✓ decision: implicitDeny", "✓ deciding layer: scp", "confidence: think so", "4 Requests"} {
		if !strings.Contains(screen, want) {
			t.Errorf("lacks %q:\n%s", want, screen)
		}
	}
	tm.Type("q") // outside a text field, q quits
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}
