package scroll

import (
	"slices"
	"strconv"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/tui/nav"
)

func lines(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = strconv.Itoa(i)
	}
	return out
}

func TestKeysAndWheel(t *testing.T) {
	k := nav.Pager()
	w := Window{Height: 5}
	n := 20
	steps := []struct {
		msg  tea.Msg
		want int
	}{
		{tea.KeyPressMsg{Code: tea.KeyUp}, 0}, // never above the top
		{tea.KeyPressMsg{Code: tea.KeyDown}, 1},
		{tea.KeyPressMsg{Code: tea.KeyPgDown}, 5}, // a page keeps one line
		{tea.MouseWheelMsg{Button: tea.MouseWheelDown}, 8},
		{tea.KeyPressMsg{Code: 'G', Text: "G"}, 15}, // the last full window
		{tea.KeyPressMsg{Code: tea.KeyPgDown}, 15},
		{tea.MouseWheelMsg{Button: tea.MouseWheelUp}, 12},
		{tea.KeyPressMsg{Code: tea.KeyPgUp}, 8},
		{tea.KeyPressMsg{Code: 'g', Text: "g"}, 0},
	}
	for i, s := range steps {
		if !w.Update(s.msg, k, n) {
			t.Fatalf("step %d: %v not handled", i, s.msg)
		}
		if w.Off != s.want {
			t.Fatalf("step %d: offset %d, want %d", i, w.Off, s.want)
		}
	}
	if w.Update(tea.KeyPressMsg{Code: 'x', Text: "x"}, k, n) {
		t.Error("x scrolled")
	}
	if w.Update(tea.MouseWheelMsg{Button: tea.MouseWheelLeft}, k, n) {
		t.Error("a sideways notch scrolled")
	}
}

func TestShortText(t *testing.T) {
	w := Window{Height: 5}
	w.By(3, 2)
	if w.Off != 0 || w.Percent(2) != 100 || !w.AtEnd(2) {
		t.Errorf("two lines in five: %+v, %d%%", w, w.Percent(2))
	}
	got := w.Fill(lines(2))
	if !slices.Equal(got, []string{"0", "1", "", "", ""}) {
		t.Errorf("Fill = %q", got)
	}
}

func TestVisibleAndPercent(t *testing.T) {
	w := Window{Off: 10, Height: 4}
	if got := w.Visible(lines(12)); !slices.Equal(got, []string{"10", "11"}) {
		t.Errorf("Visible = %q", got)
	}
	w.Clamp(12)
	if w.Off != 8 || w.Percent(12) != 100 {
		t.Errorf("clamped to %d, %d%%", w.Off, w.Percent(12))
	}
	w.Off = 4
	if w.Percent(12) != 50 || w.AtTop() || w.AtEnd(12) {
		t.Errorf("halfway: %d%%", w.Percent(12))
	}
}

func TestReveal(t *testing.T) {
	w := Window{Height: 5}
	w.Reveal(7, 0, 20)
	if w.Off != 3 {
		t.Errorf("line 7 at the bottom: offset %d, want 3", w.Off)
	}
	w.Reveal(9, 1, 20) // one line of context below
	if w.Off != 6 {
		t.Errorf("line 9 with a margin: offset %d, want 6", w.Off)
	}
	w.Reveal(2, 1, 20)
	if w.Off != 1 {
		t.Errorf("line 2 with a margin: offset %d, want 1", w.Off)
	}
	w.Reveal(3, 1, 20) // in view: nothing moves
	if w.Off != 1 {
		t.Errorf("a line in view moved the window to %d", w.Off)
	}
	w.Off = 30
	w.Reveal(-1, 0, 20)
	if w.Off != 15 {
		t.Errorf("no line: offset %d, want clamped 15", w.Off)
	}
}
