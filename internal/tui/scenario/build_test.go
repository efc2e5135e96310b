package scenario

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/tui/editor"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/screentest"
)

// fixNoFinance narrows the Deny of two-groups-one-bucket to the finance
// folder: line 8 is the Resource line.
// fixNoFinance goes into the editor (a scenario opens on its briefing)
// and makes the fix.
func fixNoFinance(m *Model) {
	if m.focus != paneEditor {
		press(m, "e")
	}
	for i := 0; i < 7; i++ {
		press(m, "down")
	}
	press(m, "end", "left", "left")
	typeText(m, "finance/")
}

func TestBuildFlowEditChecksSubmit(t *testing.T) {
	deps := testDeps(t)
	m := open(t, "two-groups-one-bucket", 120, 38, deps)
	if m.CapturesText() || m.focus != paneBriefing {
		t.Fatalf("a scenario should open on its briefing, not typing: focus %v", m.focus)
	}
	press(m, "enter")
	if !m.CapturesText() {
		t.Fatal("enter on the briefing should go into the editor")
	}
	if got := m.Breadcrumb(); got[1] != "Two groups, one bucket" {
		t.Errorf("breadcrumb %v", got)
	}
	if meta := m.Meta(); !strings.HasPrefix(meta, "build · ★☆☆ · SAA 1.1") {
		t.Errorf("meta %q", meta)
	}
	v := ansi.Strip(m.View())
	for _, want := range []string{"Checks 1/3", "✗ user dana s3:GetObject acme-reports/q3/summary.csv", "◀ DENY", "hidden until submit", "✎ NoFinance"} {
		if !strings.Contains(v, want) {
			t.Errorf("start view lacks %q:\n%s", want, v)
		}
	}
	fixNoFinance(m)
	if got := m.activeEditor().Value(); !strings.Contains(got, `"arn:aws:s3:::acme-reports/finance/*"`) {
		t.Fatalf("edit went wrong:\n%s", got)
	}
	v = ansi.Strip(m.View())
	if !strings.Contains(v, "Checks 3/3") {
		t.Fatalf("checks did not turn green:\n%s", v)
	}
	// The drafts were saved on the (driven) tick.
	ds, err := deps.Store.Drafts(context.Background(), builtInKey(t, "two-groups-one-bucket"))
	if err != nil || len(ds) != 1 || !strings.Contains(ds[0].Text, "finance/*") {
		t.Fatalf("drafts = %+v, %v", ds, err)
	}

	press(m, "ctrl+s")
	if m.grade == nil || !m.grade.Solved {
		t.Fatalf("submit did not solve: %+v", m.grade)
	}
	v = ansi.Strip(m.View())
	for _, want := range []string{"Solved", "checks           5/5", "least privilege  par", "★★★", "Debrief", "(was hidden)"} {
		if !strings.Contains(v, want) {
			t.Errorf("result lacks %q:\n%s", want, v)
		}
	}
	press(m, "r")
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Reference solution: NoFinance") {
		t.Errorf("solution not shown:\n%s", v)
	}
	// The attempt is recorded and the drafts are gone.
	st, err := deps.Store.ScenarioStatus(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if s := st[builtInKey(t, "two-groups-one-bucket")]; s.Attempts != 1 || s.Stars != 3 || s.HasDraft {
		t.Errorf("status after solve = %+v", s)
	}
	press(m, "esc", "esc")
	if m.focus != paneChecks {
		t.Errorf("after the result, focus = %v", m.focus)
	}
	_, cmd := m.Update(screentest.Key("esc"))
	if !isBack(cmd) {
		t.Error("esc outside the editor should go back home")
	}
}

func isBack(cmd cmdFunc) bool {
	if cmd == nil {
		return false
	}
	found := false
	walk(cmd, func(msg any) {
		if _, ok := msg.(screen.BackMsg); ok {
			found = true
		}
	})
	return found
}

func TestFailedSubmitRevealsHiddenAndReturnsToEditing(t *testing.T) {
	m := open(t, "two-groups-one-bucket", 120, 38, testDeps(t))
	press(m, "ctrl+s")
	if m.grade == nil || m.grade.Solved {
		t.Fatalf("grade = %+v", m.grade)
	}
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "Not yet") || strings.Contains(v, "Debrief") {
		t.Errorf("failed result:\n%s", v)
	}
	press(m, "r") // no solution before solving
	if m.showSolution {
		t.Error("the reference solution opened before solving")
	}
	press(m, "esc")
	if m.focus != paneEditor || m.grade != nil {
		t.Errorf("esc should go back to editing: focus %v", m.focus)
	}
	if m.submissions != 1 {
		t.Errorf("submissions = %d", m.submissions)
	}
	// The hidden checks stay in the list once a submit has shown them.
	if v := ansi.Strip(m.View()); !strings.Contains(v, "(was hidden)") || strings.Contains(v, "hidden until submit") {
		t.Errorf("after a failed submit:\n%s", v)
	}
}

func TestInvalidJSONMarksStale(t *testing.T) {
	m := open(t, "two-groups-one-bucket", 120, 38, testDeps(t))
	before := ansi.Strip(m.View())
	if !strings.Contains(before, "Checks 1/3") {
		t.Fatal(before)
	}
	press(m, "e", "down") // into the editor, line 2
	typeText(m, `"oops`)
	if !m.checks.stale {
		t.Fatal("a broken document should make the results stale")
	}
	v := ansi.Strip(m.View())
	for _, want := range []string{"◌ stale", "the policy does not parse", "Checks 1/3", "does not parse", "last good trace"} {
		if !strings.Contains(v, want) {
			t.Errorf("stale view lacks %q:\n%s", want, v)
		}
	}
	ds := m.activeEditor().Diagnostics()
	if len(ds) == 0 || ds[0].Line != 2 {
		t.Errorf("diagnostics = %+v", ds)
	}
	press(m, "ctrl+s")
	if m.grade != nil {
		t.Error("submit with broken JSON should be refused")
	}
	// Undo the damage: the results are live again.
	for range `"oops` {
		press(m, "backspace")
	}
	if m.checks.stale {
		t.Errorf("still stale after fixing; text:\n%s", m.activeEditor().Value())
	}
}

func TestTwoEditableDocuments(t *testing.T) {
	deps := testDeps(t)
	m := open(t, "kms-cross-account-read", 120, 38, deps)
	s := m.s
	if len(s.Editable) != 2 {
		t.Skipf("the scenario now has %d editable documents", len(s.Editable))
	}
	// Both editable documents come first in the selector, marked ✎.
	if !m.build.docs[0].Editable || !m.build.docs[1].Editable || m.build.docs[2].Editable {
		t.Fatalf("documents: %+v", m.build.docs[:3])
	}
	// Open the second one from the selector and type in it.
	m.setFocus(paneDocs)
	press(m, "down", "enter")
	if m.build.curDoc != s.Editable[1] || !m.CapturesText() {
		t.Fatalf("selector opened %s", m.build.curDoc)
	}
	typeText(m, " ")
	ds, _ := deps.Store.Drafts(context.Background(), builtInKey(t, s.ID))
	if len(ds) != 2 {
		t.Errorf("drafts saved: %d, want both documents", len(ds))
	}
	// Put the reference solution in both and submit.
	for _, id := range s.Editable {
		m.build.editors[id].SetValue(s.Solution[id])
	}
	_, cmd := m.Update(editor.ChangedMsg{})
	drive(m, cmd)
	press(m, "ctrl+s")
	if m.grade == nil || !m.grade.Solved {
		t.Fatalf("the reference solution did not solve it: %+v", m.grade)
	}
	press(m, "r")
	first := m.resultTitle()
	press(m, "n")
	if m.resultTitle() == first || !strings.HasPrefix(m.resultTitle(), "Reference solution: ") {
		t.Errorf("n should show the other document: %q then %q", first, m.resultTitle())
	}
}

func TestAttemptRecord(t *testing.T) {
	deps := testDeps(t)
	clock := deps.Now()
	deps.Now = func() time.Time { return clock }
	m := open(t, "two-groups-one-bucket", 120, 38, deps)
	press(m, "ctrl+h")
	clock = clock.Add(40 * time.Second)
	fixNoFinance(m)
	clock = clock.Add(time.Hour) // a long pause counts as two minutes at most
	press(m, "ctrl+s")
	ex, err := deps.Store.Export(context.Background(), "", clock)
	if err != nil || len(ex.Attempts) != 1 {
		t.Fatalf("attempts: %+v, %v", ex.Attempts, err)
	}
	a := ex.Attempts[0]
	if a.Outcome != "solved" || len(a.Checks) != 5 || a.Stars != 3 || a.LeastPrivilege == nil {
		t.Errorf("attempt = %+v", a)
	}
	if len(a.Hints) != 1 || a.Hints[0] != 1 || a.Revealed {
		t.Errorf("hints = %v, revealed %v", a.Hints, a.Revealed)
	}
	if want := 40*time.Second + 2*time.Minute; a.Duration != want {
		t.Errorf("active time %v, want %v", a.Duration, want)
	}
	if !strings.Contains(a.Policies["policy:111122223333/NoFinance"], "finance/*") {
		t.Errorf("policies = %v", a.Policies)
	}
	if len(a.Topics) == 0 || len(a.Tasks) == 0 {
		t.Errorf("topics %v tasks %v", a.Topics, a.Tasks)
	}
}

// TestOpeningWithoutTypingKeepsTheStatus: keys pressed on arrival (the
// footer's, an enter, q-less letters) do not type into the policy, and a
// change undone leaves no draft, so the scenario does not turn "in
// progress" and does not steer the library's Next.
func TestOpeningWithoutTypingKeepsTheStatus(t *testing.T) {
	for _, size := range [][2]int{{80, 22}, {120, 38}} {
		deps := testDeps(t)
		m := open(t, "two-groups-one-bucket", size[0], size[1], deps)
		if v := ansi.Strip(m.View()); !strings.Contains(v, "Dana must read") {
			t.Fatalf("%v: the briefing is not on screen at open:\n%s", size, v)
		}
		keys := []string{}
		for _, b := range m.ShortHelp() {
			if k := b.Keys(); len(k) > 0 && b.Enabled() && k[0] != "e" && k[0] != "enter" && k[0] != "esc" && k[0] != "ctrl+s" && k[0] != "ctrl+h" && k[0] != "h" {
				keys = append(keys, k[0])
			}
		}
		press(m, keys...)
		press(m, "2", "3", "4", "x", "y", "down", "up") // 1 is the editor tab, like e
		drive(m, m.saveDrafts())
		if got := m.build.editors["policy:111122223333/NoFinance"].Value(); got != m.build.start["policy:111122223333/NoFinance"] {
			t.Fatalf("%v: keys typed into the policy before e:\n%s", size, got)
		}
		st, _ := deps.Store.ScenarioStatus(context.Background())
		if s, ok := st[progress.Key("core", "two-groups-one-bucket")]; ok {
			t.Fatalf("%v: opening changed the status to %+v", size, s)
		}
		// Into the editor, a line typed and undone: still no draft.
		press(m, "e", "enter", "ctrl+z")
		drive(m, m.saveDrafts())
		st, _ = deps.Store.ScenarioStatus(context.Background())
		if s, ok := st[progress.Key("core", "two-groups-one-bucket")]; ok {
			t.Fatalf("%v: an undone change left the status %+v", size, s)
		}
		if !m.CapturesText() || !strings.Contains(ansi.Strip(m.View()), "Editing · NoFinance") {
			t.Fatalf("%v: e did not enter the editor visibly:\n%s", size, ansi.Strip(m.View()))
		}
		press(m, "esc")
		if m.CapturesText() || m.focus == paneEditor {
			t.Fatalf("%v: esc did not leave the editor", size)
		}
	}
}

// TestEditorStatusShowsTheWholeFinding: a mistyped action's finding is
// shown whole under the editor, "did you mean" included, at both sizes.
func TestEditorStatusShowsTheWholeFinding(t *testing.T) {
	for _, size := range [][2]int{{80, 22}, {120, 38}} {
		m := open(t, "two-groups-one-bucket", size[0], size[1], testDeps(t))
		press(m, "e")
		for range 6 {
			press(m, "down")
		}
		press(m, "end", "left", "left", "backspace")
		typeText(m, "GetObjects")
		v := ansi.Strip(m.View())
		flat := strings.Join(strings.Fields(strings.ReplaceAll(v, "│", " ")), " ")
		if !strings.Contains(flat, `did you mean "s3:GetObject"?`) {
			t.Errorf("%v: the finding is cut:\n%s", size, v)
		}
	}
}

// TestResultShowsWholeCheckNames: after a submit the result lists every
// check by its whole name, wrapped, at both sizes.
func TestResultShowsWholeCheckNames(t *testing.T) {
	for _, size := range [][2]int{{80, 22}, {120, 38}} {
		m := open(t, "revoke-older-sessions", size[0], size[1], testDeps(t))
		press(m, "ctrl+s")
		if m.grade == nil {
			t.Fatalf("%v: no grade after submit", size)
		}
		var lines []string
		for _, l := range m.scoreLines(m.lay.panes[paneResult].inner().w - 1) {
			lines = append(lines, strings.TrimSpace(ansi.Strip(l)))
		}
		flat := strings.Join(lines, " ")
		for _, r := range m.grade.Results {
			if !strings.Contains(flat, checkName(r.Check)) {
				t.Errorf("%v: check %q cut in the result:\n%s", size, checkName(r.Check), strings.Join(lines, "\n"))
			}
		}
	}
}

// TestFooterListsOnlyKeysThatWork: on every pane of a build scenario, at
// both sizes, each key the footer lists changes something (the focus, the
// selection, the scroll, the screen) or leaves the scenario.
func TestFooterListsOnlyKeysThatWork(t *testing.T) {
	for _, size := range [][2]int{{80, 22}, {120, 38}} {
		probe := open(t, "two-groups-one-bucket", size[0], size[1], testDeps(t))
		for _, p := range probe.focusOrder() {
			m := open(t, "two-groups-one-bucket", size[0], size[1], testDeps(t))
			m.setFocus(p)
			for _, b := range m.ShortHelp() {
				k := b.Keys()[0]
				fresh := open(t, "two-groups-one-bucket", size[0], size[1], testDeps(t))
				fresh.setFocus(p)
				if p == paneTrace || p == paneChecks {
					fresh.selectCheck(1) // somewhere to move from, both ways
				}
				switch k {
				case "ctrl+z", "ctrl+y":
					continue // undo and redo work once there is history: the editor's tests
				case "up":
					press(fresh, "down") // from the top, up has nowhere to go
				}
				// Styled: a selection may show only as reverse video.
				before, focus := fresh.View(), fresh.focus
				_, cmd := fresh.Update(screentest.Key(k))
				if cmd != nil && (isBack(cmd) || k == "ctrl+o") {
					continue // leaves the scenario, or hands the text to $EDITOR
				}
				if fresh.focus == focus && fresh.View() == before && fresh.confirm == confirmNone && fresh.grade == nil {
					t.Errorf("%v pane %v: %q (%s) is listed but does nothing:\n%s", size, p, k, b.Help().Desc, ansi.Strip(before))
				}
			}
		}
	}
}
