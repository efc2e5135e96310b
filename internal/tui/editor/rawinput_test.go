package editor

import (
	"io"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// typeRaw runs a program whose terminal sends raw, then esc, and returns
// the editor's text when it quits.
func typeRaw(t *testing.T, raw ...string) string {
	t.Helper()
	ed := New(nil)
	ed.Focus()
	pr, pw := io.Pipe()
	defer pw.Close()
	p := tea.NewProgram(testRoot{ed: ed}, tea.WithInput(pr), tea.WithOutput(io.Discard), tea.WithWindowSize(60, 12))
	go func() {
		// Each part is a separate read: the terminal library gives up on
		// a sequence cut between reads after a pause, and a lone esc is
		// told from the start of a sequence by a pause too.
		for _, part := range raw {
			pw.Write([]byte(part))
			time.Sleep(120 * time.Millisecond)
		}
		pw.Write([]byte("\x1b"))
	}()
	done := make(chan tea.Model, 1)
	go func() {
		m, _ := p.Run()
		done <- m
	}()
	select {
	case m := <-done:
		return m.(testRoot).ed.Value()
	case <-time.After(10 * time.Second):
		p.Kill()
		t.Fatal("the program did not quit")
	}
	return ""
}

// A broken mouse report (or any escape sequence the terminal library does
// not recognise) is dropped, never typed into the policy.
func TestMalformedEscapeSequencesAreNotTyped(t *testing.T) {
	for _, raw := range []string{
		"ab\x1b[<5;999999999Mcd",
		"ab\x1b[<0;10;5mcd",
		"ab\x1b[5;999999999Mcd",
		"ab\x1b[M\xff\xff\xffcd",
		"ab\x1b[999;999;999;999~cd",
		"ab\x1b]52;c;aGVsbG8=\x07cd",
		"ab\x1bP+q544e\x1b\\cd",
	} {
		if got := typeRaw(t, raw); got != "abcd" {
			t.Errorf("input %q typed %q, want %q", raw, got, "abcd")
		}
	}
	// A sequence cut between two reads: the terminal library reports the
	// head as unknown and hands on the tail as keys, which must not type.
	// (A head of only ESC [ arrives as the key alt+[, which a learner can
	// press too: that one cannot be told apart and is left alone.)
	for _, parts := range [][]string{
		{"ab\x1b[<", "5;999999999Mcd"},
		{"ab\x1b[<5;", "999999999Mcd"},
		{"ab\x1b[<5;999999999;", "Mcd"},
		{"ab\x1b[M", " !\"cd"},
		{"ab\x1b]52;c;", "aGVsbG8=\x07cd"},
	} {
		if got := typeRaw(t, parts...); got != "abcd" {
			t.Errorf("input %q typed %q, want %q", parts, got, "abcd")
		}
	}
}
