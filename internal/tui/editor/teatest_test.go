package editor

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/charmbracelet/x/vt"

	"github.com/iamlab/iamlab/internal/tui/screentest"
)

// testRoot is the smallest parent: a title row above the editor, the real
// cursor offset by that row, and the last ChangedMsg kept.
type testRoot struct {
	ed      Model
	changed string
	version int
}

func (r testRoot) Init() tea.Cmd { return nil }

func (r testRoot) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		r.ed.SetSize(msg.Width, msg.Height-1)
		return r, nil
	case tea.KeyPressMsg:
		if msg.String() == "esc" {
			return r, tea.Quit
		}
	case ChangedMsg:
		// Commands run concurrently, so an older ChangedMsg can arrive
		// after a newer one; Version orders them.
		if msg.Version > r.version {
			r.changed, r.version = msg.Value, msg.Version
		}
		return r, nil
	}
	var cmd tea.Cmd
	r.ed, cmd = r.ed.Update(msg)
	return r, cmd
}

func (r testRoot) View() tea.View {
	v := tea.NewView("policy: NoFinance\n" + r.ed.View())
	if c := r.ed.Cursor(); c != nil {
		c.Y++ // below the title row
		v.Cursor = c
	}
	return v
}

// screen replays the program's output on a virtual terminal and returns the
// rebuilt screen, which unlike the raw bytes is stable across renderers.
func screen(out []byte, w, h int) (string, *vt.Emulator) {
	emu := vt.NewEmulator(w, h)
	// The program queries the terminal; answers go nowhere.
	go func() { _, _ = io.Copy(io.Discard, emu) }()
	// Without a tty there is no ONLCR: the renderer's bare line feeds need
	// the carriage return a real terminal driver would add.
	_, _ = emu.Write(bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n")))
	return emu.String(), emu
}

func TestProgramTypingAPolicy(t *testing.T) {
	const w, h = 60, 12
	ed := New(nil)
	ed.Focus()
	tm := teatest.NewTestModel(t, testRoot{ed: ed}, teatest.WithInitialTermSize(w, h))

	tm.Type("{")
	tm.Send(screentest.Key("enter"))
	tm.Type(`"Effect": "Deny",`)
	tm.Send(screentest.Key("enter"))
	tm.Type(`"Action": ["s3:*`)

	var out []byte
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		out = append(out[:0], b...)
		s, _ := screen(out, w, h)
		return strings.Contains(s, `"Action": ["s3:*"]`)
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))

	s, emu := screen(out, w, h)
	rows := strings.Split(s, "\n")
	wantRows := []string{
		"policy: NoFinance",
		"  1 {",
		`  2   "Effect": "Deny",`,
		`  3   "Action": ["s3:*"]`,
		"  4 }",
	}
	for i, want := range wantRows {
		if got := strings.TrimRight(rows[i], " "); got != want {
			t.Errorf("row %d = %q, want %q", i, got, want)
		}
	}
	// The real cursor sits after "s3:*", inside the pair the editor closed.
	if pos := emu.CursorPosition(); pos.Y != 3 || pos.X != len(`  3   "Action": ["s3:*`) {
		t.Errorf("terminal cursor at %+v", pos)
	}

	tm.Send(screentest.Key("esc"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(testRoot)
	want := "{\n  \"Effect\": \"Deny\",\n  \"Action\": [\"s3:*\"]\n}"
	if final.ed.Value() != want {
		t.Errorf("value = %q", final.ed.Value())
	}
	if final.changed != want {
		t.Errorf("last ChangedMsg = %q", final.changed)
	}
}
