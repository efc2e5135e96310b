package tui

import (
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Assignment files in the packs folder's assignments/ (and --assign) put
// an Assigned group in the library; a mistake in one is shown, positioned,
// and the rest of the file is still assigned.
func TestAssignmentsReachTheLibrary(t *testing.T) {
	d := dirs(t)
	bad := writeFile(t, filepath.Join(d.Packs, "assignments", "week3.yaml"), "title: \"Week 3: guardrails\"\nscenarios:\n  - foundations/list-needs-the-bucket\n  - scp-scop\n")
	extra := writeFile(t, filepath.Join(t.TempDir(), "extra.yaml"), "title: Extra\nscenarios: [scp-scope]\n")
	root, _, closeAll := build(Options{Dirs: d, AssignFiles: []string{extra}, Getenv: func(string) string { return "" }})
	defer closeAll()
	m, _ := root.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	frame := strings.Join(strings.Fields(ansi.Strip(m.View().Content)), " ")
	if !strings.Contains(frame, bad+`:4:5: no pack has a scenario "scp-scop"; did you mean "scp-scope"?`) {
		t.Fatalf("no positioned problem:\n%s", frame)
	}
	m = driveAll(m, tea.KeyPressMsg{Code: tea.KeyEnter})
	if strings.Contains(ansi.Strip(m.View().Content), "Which exam are you preparing for?") {
		m = driveAll(m, tea.KeyPressMsg{Code: tea.KeyEscape})
	}
	frame = ansi.Strip(m.View().Content)
	for _, want := range []string{"Assigned · Extra", "Assigned · Week 3: guardrails", "Read works, list fails", "no due date"} {
		if !strings.Contains(frame, want) {
			t.Errorf("no %q in the library:\n%s", want, frame)
		}
	}
}
