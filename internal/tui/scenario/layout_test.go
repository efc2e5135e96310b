package scenario

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/tui/screentest"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

// The root gives the screen the terminal minus the header and the footer.
var sizes = [][2]int{{80, 22}, {120, 38}, {100, 30}, {200, 60}}

func TestLayoutsFillExactly(t *testing.T) {
	for _, id := range []string{"two-groups-one-bucket", "ec2-instance-role", "scp-vs-boundary", "s3-mfa-delete"} {
		for _, sz := range sizes {
			m := open(t, id, sz[0], sz[1], testDeps(t))
			for _, p := range m.focusOrder() {
				m.setFocus(p)
				screentest.CheckFrame(t, m.View(), sz[0], sz[1])
			}
			press(m, "h", "b") // a hint box and the briefing toggled
			screentest.CheckFrame(t, m.View(), sz[0], sz[1])
			// Resizing keeps the frame.
			m.SetSize(sz[0]+7, sz[1]+3)
			screentest.CheckFrame(t, m.View(), sz[0]+7, sz[1]+3)
		}
	}
}

func TestNarrowShowsOneMainPaneWithTabs(t *testing.T) {
	m := open(t, "two-groups-one-bucket", 80, 22, testDeps(t))
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Dana must read") || strings.Contains(v, "╭─ NoFinance") {
		t.Errorf("a build scenario should open on the briefing tab:\n%s", v)
	}
	press(m, "e")
	v := ansi.Strip(m.View())
	if !strings.HasPrefix(v, " 1 Editor │ 2 Checks 1/3 ✗✗✓ │ 3 Briefing │ 4 World") {
		t.Fatalf("tab bar:\n%s", v)
	}
	if strings.Contains(v, "Checks 1/3 ─") || strings.Contains(v, "World ─") {
		t.Errorf("narrow layout shows more than the editor:\n%s", v)
	}
	press(m, "esc") // to the checks tab
	v = ansi.Strip(m.View())
	if !strings.Contains(v, "╭─ Checks 1/3") || !strings.Contains(v, "╭─ Trace") || strings.Contains(v, "NoFinance (customer") {
		t.Errorf("checks tab:\n%s", v)
	}
	press(m, "4")
	if v := ansi.Strip(m.View()); !strings.Contains(v, "╭─ World") || !strings.Contains(v, "╭─ Documents") {
		t.Errorf("world tab:\n%s", v)
	}
	press(m, "3")
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Dana must read") {
		t.Errorf("briefing tab:\n%s", v)
	}
}

func TestWideShowsEverything(t *testing.T) {
	m := open(t, "two-groups-one-bucket", 120, 38, testDeps(t))
	press(m, "e")
	v := ansi.Strip(m.View())
	for _, want := range []string{"╭─ Briefing", "╭─ Documents", "╭─ World", "╭─ Editing · NoFinance", "✎ typing · esc leaves", "╭─ Checks 1/3", "╭─ Trace"} {
		if !strings.Contains(v, want) {
			t.Errorf("wide layout lacks %q:\n%s", want, v)
		}
	}
	if c := m.Cursor(); c == nil || c.X != m.lay.editorText.x+4 || c.Y != m.lay.editorText.y {
		t.Errorf("cursor = %+v, editor text at %+v", c, m.lay.editorText)
	}
}

func TestNoColor(t *testing.T) {
	for _, id := range []string{"two-groups-one-bucket", "scp-vs-boundary"} {
		m := New(testDeps(t), scenarioByID(t, id))
		m.SetStyles(theme.NewStyles(theme.NoColor()))
		m.SetSize(120, 38)
		drive(m, m.Init())
		press(m, "ctrl+h")
		v := m.View()
		if screentest.ColourSGR.MatchString(v) {
			t.Errorf("%s: colour escapes under NO_COLOR: %q", id, screentest.ColourSGR.FindString(v))
		}
		if !strings.Contains(ansi.Strip(v), "┏") {
			t.Errorf("%s: the focused pane should have the heavy border without colour", id)
		}
		// Verdicts keep their symbols and words.
		if id == "two-groups-one-bucket" && (!strings.Contains(ansi.Strip(v), "✗ user dana") || !strings.Contains(ansi.Strip(v), "got explicitDeny")) {
			t.Errorf("verdicts without words or symbols:\n%s", ansi.Strip(v))
		}
	}
}

func TestLightThemeRerenders(t *testing.T) {
	m := open(t, "two-groups-one-bucket", 120, 38, testDeps(t))
	dark := m.View()
	m.SetStyles(theme.NewStyles(theme.Light()))
	drive(m, func() tea.Msg { return tea.BackgroundColorMsg{} })
	light := m.View()
	if dark == light {
		t.Error("the light palette changed nothing")
	}
	screentest.CheckFrame(t, light, 120, 38)
}

func TestMouse(t *testing.T) {
	m := open(t, "two-groups-one-bucket", 120, 38, testDeps(t))
	r := m.lay.panes[paneChecks]
	// Click the second check (the header row of the root is above us).
	_, cmd := m.Update(tea.MouseClickMsg{X: r.x + 5, Y: r.y + 2, Button: tea.MouseLeft})
	drive(m, cmd)
	if m.focus != paneChecks || m.checks.checkSel != 1 {
		t.Fatalf("click: focus %v, selected %d", m.focus, m.checks.checkSel)
	}
	// Wheel over the trace scrolls it without taking the focus.
	tr := m.lay.panes[paneTrace]
	m.Update(tea.MouseWheelMsg{X: tr.x + 3, Y: tr.y + 3, Button: tea.MouseWheelDown})
	if m.focus != paneChecks || m.trace.ScrollPercent() == 0 {
		t.Errorf("wheel: focus %v, trace at %d%%", m.focus, m.trace.ScrollPercent())
	}
	// Click in the editor places its cursor (line 2, after the gutter).
	e := m.lay.editorText
	m.Update(tea.MouseClickMsg{X: e.x + 6, Y: e.y + 1, Button: tea.MouseLeft})
	if line, _ := m.activeEditor().Position(); m.focus != paneEditor || line != 2 {
		t.Errorf("editor click: focus %v, line %d", m.focus, line)
	}
}

func TestWorldTreeOpensDocuments(t *testing.T) {
	m := open(t, "two-groups-one-bucket", 120, 38, testDeps(t))
	m.setFocus(paneWorld)
	// dana is closed; open her and find her policies through the groups.
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "dana  groups: readers, contractors") {
		t.Fatalf("tree:\n%s", v)
	}
	// Go to "ReadReports" under the customer managed policies and open it.
	for i, n := range m.tree.rows {
		if n.doc == "policy:111122223333/ReadReports" {
			m.tree.sel = i
		}
	}
	press(m, "enter")
	if m.focus != paneEditor || m.build.curDoc != "policy:111122223333/ReadReports" {
		t.Fatalf("open: focus %v doc %s", m.focus, m.build.curDoc)
	}
	if m.CapturesText() {
		t.Error("a read-only document should not capture text")
	}
	v = ansi.Strip(m.View())
	if !strings.Contains(v, "ReadReports (customer managed policy") || !strings.Contains(v, "read-only") {
		t.Errorf("viewer:\n%s", v)
	}
	press(m, "x") // refused: read-only
	if strings.Contains(m.viewer.Value(), "x{") {
		t.Error("read-only document was edited")
	}
	// Bucket settings are listed in the tree.
	press(m, "esc")
	m.setFocus(paneWorld)
	for i, n := range m.tree.rows {
		if n.label == "acme-reports" {
			m.tree.sel = i
		}
	}
	press(m, "enter")
	if v := ansi.Strip(m.View()); !strings.Contains(v, "MFA Delete: off") || !strings.Contains(v, "versioning: Enabled") {
		t.Errorf("bucket settings:\n%s", v)
	}
}

func TestPredictWorldViewer(t *testing.T) {
	m := open(t, "scp-vs-boundary", 80, 22, testDeps(t))
	press(m, "tab", "tab")
	if m.focus != paneWorld {
		t.Fatalf("focus %v", m.focus)
	}
	for i, n := range m.tree.rows {
		if strings.HasPrefix(n.label, "SCP ") {
			m.tree.sel = i
		}
	}
	press(m, "enter")
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "ComputeAndStorageOnly") || !strings.Contains(v, `"Effect"`) {
		t.Fatalf("viewer in the world pane:\n%s", v)
	}
	press(m, "esc")
	if m.tree.viewing != "" || m.focus != paneWorld {
		t.Error("esc should close the viewer, not leave")
	}
}

func TestNoColorMarkdownHasNoMarkers(t *testing.T) {
	m := New(testDeps(t), scenarioByID(t, "two-groups-one-bucket"))
	m.SetStyles(theme.NewStyles(theme.NoColor()))
	m.SetSize(80, 22)
	drive(m, m.Init())
	press(m, "esc", "3")
	v := m.View()
	if strings.Contains(ansi.Strip(v), "**") {
		t.Errorf("Markdown markers under NO_COLOR:\n%s", ansi.Strip(v))
	}
	if screentest.ColourSGR.MatchString(v) {
		t.Errorf("colour escapes: %q", screentest.ColourSGR.FindString(v))
	}
}
