package screentest

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// Key builds what a terminal sends, so the binding a footer names is the
// one a test presses.
func TestKey(t *testing.T) {
	cases := map[string]tea.KeyPressMsg{
		"enter":     {Code: tea.KeyEnter},
		"space":     {Code: tea.KeySpace, Text: " "},
		"pgdn":      {Code: tea.KeyPgDown},
		"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
		"ctrl+s":    {Code: 's', Mod: tea.ModCtrl},
		"alt+left":  {Code: tea.KeyLeft, Mod: tea.ModAlt},
		"G":         {Code: 'G', Text: "G"},
		"+":         {Code: '+', Text: "+"},
	}
	for name, want := range cases {
		got := Key(name)
		if got.Code != want.Code || got.Mod != want.Mod || got.Text != want.Text {
			t.Errorf("Key(%q) = %+v, want %+v", name, got, want)
		}
		if name != "+" && got.String() != name && name != "pgdn" {
			t.Errorf("Key(%q) reads back as %q", name, got.String())
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("an unknown key name did not panic")
		}
	}()
	Key("hyper+x")
}
