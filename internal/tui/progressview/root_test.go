package progressview

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/tui/app"
	"github.com/iamlab/iamlab/internal/tui/screen"
)

// TestInsideTheRoot draws the screen under the real header and footer.
func TestInsideTheRoot(t *testing.T) {
	s := memStore(t)
	populate(t, s)
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		scr := New(screen.Deps{Now: clock, Store: s}, Options{Practise: func(string) screen.Screen { return practiceScreen{} }})
		var root tea.Model = app.New(scr, func(k string) string {
			if k == "NO_COLOR" {
				return "1"
			}
			return ""
		})
		root, _ = root.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		root, _ = root.Update(scr.Init()())
		content := root.View().Content
		lines := strings.Split(content, "\n")
		if len(lines) != sz[1] {
			t.Fatalf("%v: %d lines", sz, len(lines))
		}
		for i, l := range lines {
			if ansi.StringWidth(l) > sz[0] {
				t.Fatalf("%v: line %d too wide: %q", sz, i, ansi.Strip(l))
			}
		}
		plainView := ansi.Strip(content)
		for _, want := range []string{"Progress", "SCS-C03 · if the exam were today", "practise", "D4 Identity", "next exam", "q quit"} {
			if !strings.Contains(plainView, want) {
				t.Errorf("%v: root view lacks %q:\n%s", sz, want, plainView)
			}
		}
		// While the date is typed, q is a letter, not quit.
		root, _ = root.Update(tea.KeyPressMsg{Code: 'd', Text: "d"})
		root, cmd := root.Update(tea.KeyPressMsg{Code: 'q', Text: "q"})
		if cmd != nil {
			if _, quit := cmd().(tea.QuitMsg); quit {
				t.Fatal("q quit while typing the exam date")
			}
		}
		if root.View().Cursor == nil {
			t.Error("no cursor in the date field")
		}
	}
}
