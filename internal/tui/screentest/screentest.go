// Package screentest is what the screens' tests share: keys built from the
// names the footers show, a screen shown at a size and palette, its view
// as plain text, the frame checks every screen must pass, and the driver
// that runs a screen's commands the way the runtime would. Only tests
// import it.
package screentest

import (
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

var namedKeys = map[string]rune{
	"enter": tea.KeyEnter, "tab": tea.KeyTab, "backspace": tea.KeyBackspace,
	"delete": tea.KeyDelete, "up": tea.KeyUp, "down": tea.KeyDown,
	"left": tea.KeyLeft, "right": tea.KeyRight, "home": tea.KeyHome,
	"end": tea.KeyEnd, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "pgdn": tea.KeyPgDown,
	"esc": tea.KeyEscape, "space": tea.KeySpace, "f1": tea.KeyF1,
}

// Key is the press a terminal sends for a key name: "ctrl+z", "alt+left",
// "shift+tab", "enter", "pgdn", or one printable character. An unknown
// name panics: a test that presses nothing would pass for nothing.
func Key(s string) tea.KeyPressMsg {
	var mod tea.KeyMod
	name := s
	for {
		i := strings.Index(name, "+")
		if i <= 0 || i == len(name)-1 {
			break
		}
		switch name[:i] {
		case "ctrl":
			mod |= tea.ModCtrl
		case "alt":
			mod |= tea.ModAlt
		case "shift":
			mod |= tea.ModShift
		default:
			panic("unknown modifier in " + s)
		}
		name = name[i+1:]
	}
	if code, ok := namedKeys[name]; ok {
		k := tea.KeyPressMsg{Code: code, Mod: mod}
		if name == "space" && mod == 0 {
			k.Text = " "
		}
		return k
	}
	r := []rune(name)
	if len(r) != 1 {
		panic("unknown key " + s)
	}
	k := tea.KeyPressMsg{Code: r[0], Mod: mod}
	if mod == 0 {
		k.Text = name
	}
	return k
}

// Show gives a screen the dark palette, or none under NO_COLOR, and a size.
func Show(s screen.Screen, w, h int, noColor bool) {
	th := theme.Dark()
	if noColor {
		th = theme.NoColor()
	}
	s.SetStyles(theme.NewStyles(th))
	s.SetSize(w, h)
}

// Viewer is anything drawn as text: a screen, a part.
type Viewer interface{ View() string }

// Plain is the view without terminal escapes.
func Plain(v Viewer) string { return ansi.Strip(v.View()) }

// CheckFrame asserts a view is exactly w×h cells: every screen fills the
// size the root gave it, no more and no less.
func CheckFrame(t testing.TB, v string, w, h int) {
	t.Helper()
	lines := strings.Split(v, "\n")
	if len(lines) != h {
		t.Errorf("view has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n != w {
			t.Errorf("line %d is %d cells wide, want %d: %q", i, n, w, ansi.Strip(l))
		}
	}
}

// CheckFits asserts a view is h lines of at most w cells.
func CheckFits(t testing.TB, name, v string, w, h int) {
	t.Helper()
	lines := strings.Split(v, "\n")
	if len(lines) != h {
		t.Errorf("%s at %d×%d: %d lines, want %d", name, w, h, len(lines), h)
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			t.Errorf("%s at %d×%d: line %d is %d wide: %q", name, w, h, i, n, ansi.Strip(l))
		}
	}
}

// ColourSGR matches an escape that sets a foreground or background
// colour, which NO_COLOR forbids (bold, faint and reverse stay allowed).
var ColourSGR = regexp.MustCompile(`\x1b\[[0-9;:]*(3[0-9]|4[0-9]|9[0-7]|10[0-7])[;:m]`)

// CheckNoColour asserts a view sets no colour.
func CheckNoColour(t testing.TB, name, v string) {
	t.Helper()
	if loc := ColourSGR.FindStringIndex(v); loc != nil {
		t.Errorf("%s: colour escape under NO_COLOR: %q", name, v[loc[0]:min(len(v), loc[1]+10)])
	}
}

// Updater is a screen, or any model updated in place the same way.
type Updater interface {
	Update(tea.Msg) (screen.Screen, tea.Cmd)
}

// Drain runs a command tree depth first as the runtime would: batches are
// opened, and each message feed accepts goes back to u, whose commands are
// drained in turn. Messages feed refuses (those for the root, the ticks a
// test sends itself) are returned in order; nil messages are dropped.
func Drain(u Updater, cmd tea.Cmd, feed func(tea.Msg) bool) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, Drain(u, c, feed)...)
		}
		return out
	default:
		if !feed(msg) {
			return []tea.Msg{msg}
		}
		_, next := u.Update(msg)
		return Drain(u, next, feed)
	}
}

// ForRoot reports the messages a screen sends the root (navigation and
// footer messages): a feed for Drain that keeps them out of the screen.
func ForRoot(msg tea.Msg) bool {
	switch msg.(type) {
	case screen.BackMsg, screen.OpenMsg, screen.StatusMsg:
		return true
	}
	return false
}

// NotForRoot feeds a screen everything but the root's messages.
func NotForRoot(msg tea.Msg) bool { return !ForRoot(msg) }

// Press sends keys by name and drains what they start with feed.
func Press(u Updater, feed func(tea.Msg) bool, keys ...string) []tea.Msg {
	var out []tea.Msg
	for _, k := range keys {
		_, cmd := u.Update(Key(k))
		out = append(out, Drain(u, cmd, feed)...)
	}
	return out
}
