package app

import (
	"reflect"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

// fake is a screen that records what the root gave it.
type fake struct {
	name     string
	w, h     int
	got      []tea.Msg
	capture  bool
	styles   *theme.Styles
	cursorAt *tea.Cursor
}

func (f *fake) Init() tea.Cmd { return nil }
func (f *fake) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	f.got = append(f.got, msg)
	return f, nil
}
func (f *fake) View() string {
	lines := make([]string, f.h)
	lines[0] = "screen " + f.name
	return strings.Join(lines, "\n")
}
func (f *fake) SetSize(w, h int)          { f.w, f.h = w, h }
func (f *fake) SetStyles(s *theme.Styles) { f.styles = s }
func (f *fake) ShortHelp() []key.Binding {
	return []key.Binding{key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "do x"))}
}
func (f *fake) FullHelp() [][]key.Binding { return [][]key.Binding{f.ShortHelp()} }
func (f *fake) Breadcrumb() []string      { return []string{f.name} }
func (f *fake) Meta() string              { return "meta" }
func (f *fake) Cursor() *tea.Cursor       { return f.cursorAt }
func (f *fake) CapturesText() bool        { return f.capture }

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func update(t *testing.T, m Model, msg tea.Msg) (Model, tea.Cmd) {
	t.Helper()
	nm, cmd := m.Update(msg)
	return nm.(Model), cmd
}

func press(s string) tea.KeyPressMsg {
	if s == "ctrl+c" {
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	return tea.KeyPressMsg{Code: rune(s[0]), Text: s}
}

func TestLayoutAndSizes(t *testing.T) {
	f := &fake{name: "home"}
	m := New(f, env(nil))
	m, _ = update(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	if f.w != 100 || f.h != 28 {
		t.Fatalf("screen sized %dx%d, want 100x28", f.w, f.h)
	}
	out := ansi.Strip(m.View().Content)
	lines := strings.Split(out, "\n")
	if len(lines) != 30 {
		t.Fatalf("view has %d lines, want 30", len(lines))
	}
	if !strings.HasPrefix(lines[0], "iamlab › home") || !strings.HasSuffix(lines[0], "meta") {
		t.Fatalf("header %q", lines[0])
	}
	if !strings.Contains(lines[29], "do x") || !strings.Contains(lines[29], "quit") {
		t.Fatalf("footer %q", lines[29])
	}
}

func TestTooSmallSaysSo(t *testing.T) {
	m := New(&fake{name: "home"}, env(nil))
	m, _ = update(t, m, tea.WindowSizeMsg{Width: 60, Height: 20})
	out := ansi.Strip(m.View().Content)
	if !strings.Contains(out, "at least 80×24") || !strings.Contains(out, "60×20") {
		t.Fatalf("no size message: %q", out)
	}
}

func TestQuitKeysRespectTextCapture(t *testing.T) {
	f := &fake{name: "editor", capture: true}
	m := New(f, env(nil))
	m, _ = update(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m, cmd := update(t, m, press("q"))
	if cmd != nil {
		t.Fatal("q quit while typing")
	}
	if k, ok := f.got[len(f.got)-1].(tea.KeyPressMsg); !ok || k.Text != "q" {
		t.Fatal("q was not forwarded to the screen that captures text")
	}
	_, cmd = update(t, m, press("ctrl+c"))
	if cmd == nil {
		t.Fatal("ctrl+c did not quit")
	}
	f.capture = false
	_, cmd = update(t, m, press("q"))
	if cmd == nil {
		t.Fatal("q did not quit outside text fields")
	}
}

func TestHelpToggleGrowsFooter(t *testing.T) {
	f := &fake{name: "home"}
	m := New(f, env(nil))
	m, _ = update(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m, _ = update(t, m, press("?"))
	if !m.help.ShowAll || f.h >= 28 {
		t.Fatalf("help not expanded (ShowAll=%v, body %d)", m.help.ShowAll, f.h)
	}
	if got := len(strings.Split(m.View().Content, "\n")); got != 30 {
		t.Fatalf("view has %d lines with full help, want 30", got)
	}
}

func TestNavigationAndCursorOffset(t *testing.T) {
	home := &fake{name: "home"}
	m := New(home, env(nil))
	m, _ = update(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	next := &fake{name: "scenario", cursorAt: tea.NewCursor(3, 4)}
	m, _ = update(t, m, screen.OpenMsg{Screen: next})
	if next.w != 100 || next.styles == nil {
		t.Fatal("opened screen was not sized and styled")
	}
	v := m.View()
	if v.Cursor == nil || v.Cursor.X != 3 || v.Cursor.Y != 5 {
		t.Fatalf("cursor %+v, want 3,5 (below the header)", v.Cursor)
	}
	m, _ = update(t, m, screen.BackMsg{})
	if !strings.Contains(ansi.Strip(m.View().Content), "screen home") {
		t.Fatal("back did not return home")
	}
}

func TestNoColorHonoured(t *testing.T) {
	m := New(&fake{name: "home"}, env(map[string]string{"NO_COLOR": "1"}))
	m, _ = update(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	if strings.Contains(m.View().Content, "\x1b[38;") {
		t.Fatal("colour escape with NO_COLOR set")
	}
}

func TestMouseArrivesRelativeToTheScreen(t *testing.T) {
	f := &fake{name: "home"}
	m := New(f, env(nil))
	m, _ = update(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	update(t, m, tea.MouseClickMsg{X: 4, Y: 5, Button: tea.MouseLeft})
	c, ok := f.got[len(f.got)-1].(tea.MouseClickMsg)
	if !ok || c.X != 4 || c.Y != 4 {
		t.Fatalf("the screen got %#v, want the click one row up (below the header)", f.got[len(f.got)-1])
	}
	if _, ok := f.got[0].(tea.WindowSizeMsg); !ok {
		t.Fatal("the screen was not told about the resize")
	}
}

// flusher is a screen with unsaved work.
type flusher struct {
	fake
	flushed bool
}

func (f *flusher) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	f.got = append(f.got, msg)
	return f, nil
}

func (f *flusher) Flush() tea.Cmd {
	return func() tea.Msg { f.flushed = true; return nil }
}

func TestQuitFlushesUnsavedWorkFirst(t *testing.T) {
	f := &flusher{fake: fake{name: "scenario"}}
	m := New(f, env(nil))
	m, _ = update(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	_, cmd := update(t, m, press("ctrl+c"))
	if cmd == nil {
		t.Fatal("no command on quit")
	}
	// tea.Sequence's message is an unexported list of commands; run them
	// in order as the program would.
	msgs := runSequence(t, cmd)
	if !f.flushed {
		t.Fatal("the screen's unsaved work was not flushed")
	}
	if _, ok := msgs[len(msgs)-1].(tea.QuitMsg); !ok {
		t.Fatalf("the last message is %#v, want tea.QuitMsg after the flush", msgs[len(msgs)-1])
	}
	// A screen without unsaved work quits at once.
	plain := New(&fake{name: "home"}, env(nil))
	plain, _ = update(t, plain, tea.WindowSizeMsg{Width: 100, Height: 30})
	_, cmd = update(t, plain, press("ctrl+c"))
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("quit without a flusher did not quit")
	}
}

func runSequence(t *testing.T, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	msg := cmd()
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice {
		return []tea.Msg{msg}
	}
	var out []tea.Msg
	for i := 0; i < v.Len(); i++ {
		c, ok := v.Index(i).Interface().(tea.Cmd)
		if !ok || c == nil {
			continue
		}
		out = append(out, c())
	}
	return out
}

// guarded is a screen with an exam in progress.
type guarded struct{ fake }

func (g *guarded) Update(msg tea.Msg) (screen.Screen, tea.Cmd) {
	g.got = append(g.got, msg)
	return g, nil
}

func (g *guarded) QuitWarning() string { return "Your exam is not submitted." }

func TestQuitAsksWhenWorkWouldBeLost(t *testing.T) {
	g := &guarded{fake: fake{name: "exam"}}
	m := New(g, env(nil))
	m, _ = update(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m, cmd := update(t, m, press("q"))
	if cmd != nil || !strings.Contains(ansi.Strip(m.View().Content), "Your exam is not submitted. Quit anyway?") {
		t.Fatalf("q did not ask first:\n%s", ansi.Strip(m.View().Content))
	}
	m, cmd = update(t, m, press("n"))
	if cmd != nil || m.confirmQuit {
		t.Fatal("another key did not cancel")
	}
	m, _ = update(t, m, press("q"))
	_, cmd = update(t, m, press("y"))
	if cmd == nil {
		t.Fatal("y did not quit")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("y did not quit")
	}
}

func TestLongNoticeIsWrappedAndTheScreenMakesRoom(t *testing.T) {
	f := &fake{name: "home"}
	notice := "Your progress database at /home/u/.local/share/iamlab/progress.db could not be used (it is not an SQLite database). It was moved aside to progress.db.corrupt-20261124T021717Z and a fresh one was created."
	m := New(f, env(nil)).WithStatus(notice, true)
	m, _ = update(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	out := ansi.Strip(m.View().Content)
	lines := strings.Split(out, "\n")
	if len(lines) != 24 {
		t.Fatalf("%d lines, want 24", len(lines))
	}
	if !strings.Contains(strings.Join(lines, " "), "a fresh one was") {
		t.Fatalf("the notice was cut:\n%s", out)
	}
	if f.h != 24-1-3 { // the notice wraps to three lines at 80 columns
		t.Fatalf("screen height %d, want %d (three notice lines)", f.h, 24-1-3)
	}
	m, _ = update(t, m, press("x"))
	if m.status != "" || f.h != 22 {
		t.Fatalf("the notice did not give way to the help on the next key (status %q, body %d)", m.status, f.h)
	}
}

// busy is a screen with more keys than a narrow footer holds, drawing a
// line too many and one too wide.
type busy struct{ fake }

func (b *busy) ShortHelp() []key.Binding {
	var out []key.Binding
	for _, k := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"} {
		out = append(out, key.NewBinding(key.WithKeys(k), key.WithHelp(k, "a rather long description")))
	}
	return out
}

func (b *busy) Update(tea.Msg) (screen.Screen, tea.Cmd) { return b, nil }

func (b *busy) View() string {
	return strings.Repeat("x", b.w+5) + strings.Repeat("\nline", b.h)
}

func TestNarrowFooterKeepsHelpAndQuit(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		b := &busy{fake: fake{name: "busy"}}
		m := New(b, env(nil))
		m, _ = update(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		lines := strings.Split(ansi.Strip(m.View().Content), "\n")
		if len(lines) != size[1] {
			t.Fatalf("%v: %d lines", size, len(lines))
		}
		foot := lines[len(lines)-1]
		if !strings.HasSuffix(foot, "? more keys • q quit") || !strings.Contains(foot, "a a rather long description") || !strings.Contains(foot, "… •") {
			t.Errorf("%v: footer %q\n%s", size, foot, strings.Join(lines, "\n"))
		}
		for i, l := range lines {
			if ansi.StringWidth(l) > size[0] {
				t.Errorf("%v: line %d is %d wide: %q", size, i, ansi.StringWidth(l), l)
			}
		}
	}
}
