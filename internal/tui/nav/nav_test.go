package nav

import (
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// The pager letters page and jump only in Pager; Arrows leaves every
// letter to typing.
func TestVariants(t *testing.T) {
	letter := func(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }
	space := tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	p, d, a := Pager(), Default(), Arrows()
	if !key.Matches(space, p.PageDown) || !key.Matches(letter('b'), p.PageUp) || !key.Matches(letter('G'), p.Bottom) {
		t.Error("the pager does not page with space and b or jump with G")
	}
	if key.Matches(space, d.PageDown) || key.Matches(letter('b'), d.PageUp) {
		t.Error("the default keys page with letters")
	}
	for _, b := range []key.Binding{a.Up, a.Down, a.PageUp, a.PageDown, a.Open, a.Back} {
		for r := 'a'; r <= 'z'; r++ {
			if key.Matches(letter(r), b) {
				t.Errorf("Arrows binds %q to %q", r, b.Help().Desc)
			}
		}
	}
	if !key.Matches(letter('k'), d.Up) || !key.Matches(letter('j'), d.Down) {
		t.Error("the default keys lack k and j")
	}
}

// Relabel keeps the keys and their help, changing only the words.
func TestRelabel(t *testing.T) {
	b := Relabel(Default().Open, "read")
	if h := b.Help(); h.Key != "enter" || h.Desc != "read" {
		t.Errorf("help = %+v", h)
	}
	if !key.Matches(tea.KeyPressMsg{Code: tea.KeyEnter}, b) {
		t.Error("relabelled binding lost its key")
	}
	if Default().Open.Help().Desc != "open" {
		t.Error("Relabel changed the default")
	}
}

// Step moves a cursor a row, or a page less one row so the row left
// stays in view; a short list still pages by one.
func TestStep(t *testing.T) {
	k := Default()
	cases := []struct {
		msg  tea.KeyPressMsg
		rows int
		want int
		ok   bool
	}{
		{tea.KeyPressMsg{Code: 'j', Text: "j"}, 10, 1, true},
		{tea.KeyPressMsg{Code: tea.KeyUp}, 10, -1, true},
		{tea.KeyPressMsg{Code: tea.KeyPgDown}, 10, 9, true},
		{tea.KeyPressMsg{Code: tea.KeyPgUp}, 10, -9, true},
		{tea.KeyPressMsg{Code: tea.KeyPgDown}, 1, 1, true},
		{tea.KeyPressMsg{Code: tea.KeyEnter}, 10, 0, false},
	}
	for _, c := range cases {
		if d, ok := k.Step(c.msg, c.rows); d != c.want || ok != c.ok {
			t.Errorf("Step(%s, %d) = %d, %v; want %d, %v", c.msg, c.rows, d, ok, c.want, c.ok)
		}
	}
}
