package app

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
)

// A notice gathered before the first frame (a damaged database kept aside,
// a read-only one) is shown whole, at the smallest terminal too, and stays
// until the learner acknowledges it: a key meant for the screen must not
// make it vanish unread.
func TestStartNoticeStaysWholeUntilAcknowledged(t *testing.T) {
	notice := "Your progress database at /home/learner/.local/share/iamlab/progress.db could not be used (it is damaged or not a database: " +
		"file is not a database). It was kept as /home/learner/.local/share/iamlab/progress.db.corrupt-20261124T021717Z and a new, empty " +
		"database was started. Nothing was deleted. To go back to it, quit iamlab and copy it over progress.db; a backup from an earlier " +
		"reset (progress.db.backup-*) can be used the same way, and the sqlite3 tool's .recover command may rescue what a damaged file still holds."
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		f := &fake{name: "home"}
		m := New(f, env(nil)).WithNotice(notice)
		m, _ = update(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		words := func() string {
			out := ansi.Strip(m.View().Content)
			if n := len(strings.Split(out, "\n")); n != size[1] {
				t.Fatalf("%dx%d: %d lines", size[0], size[1], n)
			}
			return strings.Join(strings.Fields(out), " ")
		}
		if got := words(); !strings.Contains(got, notice) || !strings.Contains(got, "enter") {
			t.Fatalf("%dx%d: the notice is not whole:\n%s", size[0], size[1], ansi.Strip(m.View().Content))
		}
		m, _ = update(t, m, press("x"))
		m, _ = update(t, m, press("q"))
		if m.quitting || !strings.Contains(words(), notice) {
			t.Fatalf("%dx%d: a key other than enter dismissed the notice or quit", size[0], size[1])
		}
		for _, msg := range f.got {
			if _, ok := msg.(tea.KeyPressMsg); ok {
				t.Fatalf("the screen got a key while the notice was up: %v", msg)
			}
		}
		m, _ = update(t, m, tea.KeyPressMsg{Code: tea.KeyEnter})
		if strings.Contains(words(), "progress.db.corrupt") || !strings.Contains(words(), "screen home") {
			t.Fatalf("%dx%d: enter did not acknowledge the notice", size[0], size[1])
		}
	}
}

// The tail of an escape sequence cut between two reads reaches no screen:
// a broken mouse report must not type "5;999999999M" into a policy.
func TestCutSequenceTailReachesNoScreen(t *testing.T) {
	f := &fake{name: "editor", capture: true}
	m := New(f, env(nil))
	m, _ = update(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m, _ = update(t, m, uv.UnknownEvent("\x1b[<"))
	for _, k := range []string{"5", ";", "9", "9", "M", "x"} {
		m, _ = update(t, m, press(k))
	}
	var typed string
	for _, msg := range f.got {
		if k, ok := msg.(tea.KeyPressMsg); ok {
			typed += k.Text
		}
	}
	if typed != "x" {
		t.Fatalf("the screen got %q, want only the key after the sequence", typed)
	}
}
