package editor

import (
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

const samplePolicy = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "DenyFinance",
    "Effect": "Deny",
    "Action": "s3:*",
    "Resource": "arn:aws:s3:::acme-reports/*"
  }]
}`

func TestViewIsExactlySized(t *testing.T) {
	for _, size := range [][2]int{{60, 12}, {30, 5}, {12, 3}, {5, 2}, {1, 1}} {
		m := newEditor(samplePolicy+"\n\"日本語日本語日本語日本語日本語\"", size[0], size[1], 7, 20)
		rows := strings.Split(m.View(), "\n")
		if len(rows) != size[1] {
			t.Fatalf("%v: %d rows", size, len(rows))
		}
		for i, r := range rows {
			if w := ansi.StringWidth(r); w != size[0] {
				t.Errorf("%v: row %d is %d cells wide: %q", size, i, w, ansi.Strip(r))
			}
		}
	}
}

func TestGutterAndHighlighting(t *testing.T) {
	m := newEditor(samplePolicy, 60, 12, 1, 1)
	rows := plainRows(m)
	if rows[1] != `  2   "Version": "2012-10-17",`+strings.Repeat(" ", 60-30) {
		t.Errorf("row 2 = %q", rows[1])
	}
	// Keys and values get different colours even though each line is
	// tokenised on its own.
	emu := emulate(t, m.View(), 60, 12)
	key, val := emu.CellAt(7, 1), emu.CellAt(18, 1)
	if key.Content != "V" || val.Content != "2" {
		t.Fatalf("cells %q %q", key.Content, val.Content)
	}
	if key.Style.Fg == nil || val.Style.Fg == nil || colorEq(key.Style.Fg, val.Style.Fg) {
		t.Errorf("key and value share a colour: %v %v", key.Style.Fg, val.Style.Fg)
	}
}

func TestDiagnosticMarksLineAndColumn(t *testing.T) {
	m := newEditor(samplePolicy, 60, 12, 1, 1)
	m.SetStyles(theme.NewStyles(theme.NoColor()))
	m.SetDiagnostics([]diag.Diagnostic{
		{Line: 5, Col: 5, Message: `unknown field "Efect"`, Severity: diag.Error},
		{Line: 3, Col: 17, Message: "prefer one statement per line", Severity: diag.Warning},
	})
	rows := plainRows(m)
	if !strings.HasPrefix(rows[4], "✗ 5 ") {
		t.Errorf("line 5 gutter = %q", rows[4])
	}
	if !strings.HasPrefix(rows[2], "! 3 ") {
		t.Errorf("line 3 gutter = %q", rows[2])
	}
	for i, r := range rows[:9] {
		if i != 2 && i != 4 && (strings.HasPrefix(r, "✗") || strings.HasPrefix(r, "!")) {
			t.Errorf("row %d marked: %q", i+1, r)
		}
	}
	emu := emulate(t, m.View(), 60, 12)
	gw := m.gutterWidth()
	// Line 5 is `    "Effect": "Deny",`: column 5 is the opening quote.
	at := emu.CellAt(gw+4, 4)
	if at.Content != `"` || at.Style.Underline == uv.UnderlineNone || at.Style.Attrs&uv.AttrReverse == 0 {
		t.Errorf("error cell %q style %+v", at.Content, at.Style)
	}
	for _, x := range []int{gw + 3, gw + 5} {
		if c := emu.CellAt(x, 4); c.Style.Underline != uv.UnderlineNone {
			t.Errorf("cell %d (%q) is underlined too", x, c.Content)
		}
	}
	// The status line shows the first diagnostic, then the cursor line's.
	if last := statusText(m); !strings.Contains(last, "! 3:17 prefer one statement") {
		t.Errorf("status = %q", last)
	}
	m.SetPosition(5, 1)
	if last := statusText(m); !strings.Contains(last, `✗ 5:5 unknown field "Efect" (2 problems)`) {
		t.Errorf("status on line 5 = %q", last)
	}
}

func TestDiagnosticPastEndOfLine(t *testing.T) {
	m := newEditor("{\n  \"a\": 1", 30, 4, 1, 1)
	m.SetStyles(theme.NewStyles(theme.NoColor()))
	m.SetDiagnostics([]diag.Diagnostic{{Line: 2, Col: 9, Message: "unexpected end of input"}})
	emu := emulate(t, m.View(), 30, 4)
	c := emu.CellAt(m.gutterWidth()+8, 1)
	if c.Style.Underline == uv.UnderlineNone {
		t.Errorf("no marker after the end of the line: %+v", c)
	}
}

func TestMarksAfterLineEnd(t *testing.T) {
	m := newEditor(samplePolicy, 70, 12, 1, 1)
	m.SetMarks([]Mark{{Line: 7, Text: "◀ DENY", Kind: MarkDeny}})
	rows := plainRows(m)
	want := `  7     "Resource": "arn:aws:s3:::acme-reports/*"  ◀ DENY`
	if strings.TrimRight(rows[6], " ") != want {
		t.Errorf("row 7 = %q", rows[6])
	}
	// When the line is too long the mark stays at the right edge.
	m.SetSize(40, 12)
	rows = plainRows(m)
	if !strings.HasSuffix(rows[6], "… ◀ DENY") {
		t.Errorf("narrow row 7 = %q", rows[6])
	}
}

func TestVerticalScrollKeepsCursorVisible(t *testing.T) {
	var sb strings.Builder
	for i := range 200 {
		if i > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(`    "s3:GetObject",`)
	}
	m := newEditor(sb.String(), 40, 11, 1, 1)
	rows := m.textRows()
	for i := range 199 {
		m = press(m, "down")
		_, y, ok := m.CursorPosition()
		if !ok || y < 0 || y >= rows {
			t.Fatalf("after %d downs cursor at y=%d ok=%v", i+1, y, ok)
		}
		if line, _ := m.Position(); line < 198 && y > rows-3 {
			t.Fatalf("line %d: cursor at row %d, no margin", line, y)
		}
	}
	m = press(m, "pgup", "pgup")
	if _, _, ok := m.CursorPosition(); !ok {
		t.Fatal("cursor off screen after pgup")
	}
	m = press(m, "ctrl+home")
	if _, y, _ := m.CursorPosition(); y != 0 || m.yoff != 0 {
		t.Fatalf("ctrl+home: y=%d yoff=%d", y, m.yoff)
	}
}

func TestHorizontalScroll(t *testing.T) {
	long := `    "Resource": "arn:aws:s3:::acme-reports/finance/2026/q3/payroll-detail.csv"`
	m := newEditor("{\n"+long+"\n}", 30, 5, 2, 1)
	rows := plainRows(m)
	if !strings.HasSuffix(rows[1], "…") {
		t.Errorf("no right marker: %q", rows[1])
	}
	m = press(m, "end")
	x, _, ok := m.CursorPosition()
	if !ok || x >= 30 {
		t.Fatalf("cursor at x=%d ok=%v", x, ok)
	}
	rows = plainRows(m)
	if !strings.HasPrefix(rows[1][m.gutterWidth():], "…") {
		t.Errorf("no left marker: %q", rows[1])
	}
	if !strings.Contains(rows[1], "payroll-detail.csv\"") {
		t.Errorf("line end not visible: %q", rows[1])
	}
	m = press(m, "home", "home")
	if m.xoff != 0 {
		t.Errorf("home did not scroll back: xoff=%d", m.xoff)
	}
}

func TestWideCharacters(t *testing.T) {
	m := newEditor(`"日本語": "x"`, 30, 3, 1, 1)
	m = press(m, "right", "right", "right")
	x, y, ok := m.CursorPosition()
	if !ok || y != 0 || x != m.gutterWidth()+5 {
		t.Fatalf("cursor after 3 rights at (%d,%d), want x=%d", x, y, m.gutterWidth()+5)
	}
	m = typeText(m, "é")
	if m.Value() != `"日本é語": "x"` {
		t.Fatalf("value %q", m.Value())
	}
	// A wide character cut by the right edge must not overflow the row.
	m = newEditor("ab日本語日本語日本語日本語", 12, 2, 1, 1)
	for _, r := range plainRows(m)[:1] {
		if w := ansi.StringWidth(r); w != 12 {
			t.Errorf("row width %d: %q", w, r)
		}
	}
}

func TestControlCharactersNeverReachTheTerminal(t *testing.T) {
	m := newEditor("a\tb\x1b[31mc", 30, 2, 1, 1)
	v := ansi.Strip(m.View())
	if strings.ContainsRune(v, '\x1b') || strings.ContainsRune(v, '\t') {
		t.Fatalf("raw control character in view: %q", v)
	}
	if m.Value() != "a\tb\x1b[31mc" {
		t.Fatalf("value changed: %q", m.Value())
	}
}

func TestCursorReporting(t *testing.T) {
	m := newEditor(samplePolicy, 60, 12, 4, 6)
	c := m.Cursor()
	if c == nil || c.X != m.gutterWidth()+5 || c.Y != 3 {
		t.Fatalf("cursor = %+v, want (%d, 3)", c, m.gutterWidth()+5)
	}
}

func TestMouse(t *testing.T) {
	m := newEditor(samplePolicy, 60, 12, 1, 1)
	m, _ = m.Update(tea.MouseClickMsg{X: m.gutterWidth() + 6, Y: 3, Button: tea.MouseLeft})
	if line, col := m.Position(); line != 4 || col != 7 {
		t.Fatalf("click went to %d:%d", line, col)
	}
	m, _ = m.Update(tea.MouseClickMsg{X: 1, Y: 1, Button: tea.MouseLeft})
	if line, col := m.Position(); line != 2 || col != 1 {
		t.Fatalf("gutter click went to %d:%d", line, col)
	}
	m.SetSize(60, 6)
	m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if m.yoff != 3 {
		t.Fatalf("wheel: yoff=%d", m.yoff)
	}
	if _, _, ok := m.CursorPosition(); !ok {
		t.Fatal("wheel left the cursor off screen")
	}
	m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	if m.yoff != 0 {
		t.Fatalf("wheel up: yoff=%d", m.yoff)
	}
}

func TestHelp(t *testing.T) {
	m := New(nil)
	if len(m.ShortHelp()) == 0 || len(m.FullHelp()) != 4 {
		t.Fatal("help is empty")
	}
	for _, group := range m.FullHelp() {
		for _, b := range group {
			if b.Help().Key == "" || b.Help().Desc == "" || len(b.Keys()) == 0 {
				t.Errorf("binding without help: %+v", b.Keys())
			}
		}
	}
}

func colorEq(a, b interface{ RGBA() (r, g, bl, al uint32) }) bool {
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
}

func TestGutterGrowsWithLineCount(t *testing.T) {
	m := newEditor(strings.Repeat("x\n", 98)+"x", 30, 5, 99, 2)
	_ = m.View() // cache two-digit gutters
	m = press(m, "enter")
	rows := plainRows(m)
	want := []string{"  98 x", "  99 x", " 100"}
	for i, w := range want {
		if got := strings.TrimRight(rows[i], " "); got != w {
			t.Errorf("row %d = %q, want %q", i, got, w)
		}
	}
}

// Bubble Tea v2 drops every escape sequence but SGR from view content, so
// the editor must emit nothing else, whatever it draws.
func TestViewEmitsOnlySGR(t *testing.T) {
	sgr := regexp.MustCompile("\x1b\\[[0-9;:]*m")
	for _, th := range []theme.Theme{theme.Dark(), theme.Light(), theme.NoColor()} {
		m := newEditor(samplePolicy+"\n\"\x1b]8;;x\x07日本\t\"", 40, 12, 3, 5)
		m.SetStyles(theme.NewStyles(th))
		m.SetDiagnostics([]diag.Diagnostic{{Line: 4, Col: 3, Message: "x"}, {Line: 6, Col: 99, Severity: diag.Warning}})
		m.SetMarks([]Mark{{Line: 7, Text: "◀ DENY", Kind: MarkDeny}, {Line: 2, Text: "◀ ALLOW", Kind: MarkAllow}})
		m = press(m, "shift+down", "shift+end")
		rest := sgr.ReplaceAllString(m.View(), "")
		if i := strings.IndexByte(rest, 0x1b); i >= 0 {
			t.Errorf("%v: non-SGR escape at %q", th.Variant, rest[i:min(len(rest), i+12)])
		}
	}
}

// TestLongFindingIsWrappedWhole: the status area grows to three rows for a
// long finding, so its advice ("did you mean …?") is read whole, and the
// view keeps exactly its height.
func TestLongFindingIsWrappedWhole(t *testing.T) {
	text := "{\n  \"Action\": \"s3:GetObjects\",\n  \"Resource\": \"*\"\n}\n\n\n\n"
	msg := `unknown action "s3:GetObjects": s3 has no such action; every action in a policy must exist (did you mean "s3:GetObject"?)`
	for _, w := range []int{40, 60, 80} {
		m := newEditor(text, w, 10, 2, 14)
		m.SetDiagnostics([]diag.Diagnostic{{Line: 2, Col: 14, Message: msg, Severity: diag.Error}})
		rows := plainRows(m)
		if len(rows) != 10 {
			t.Fatalf("width %d: %d rows, want 10", w, len(rows))
		}
		for i, r := range rows {
			if ansi.StringWidth(r) != w {
				t.Errorf("width %d: row %d is %d cells: %q", w, i, ansi.StringWidth(r), r)
			}
		}
		status := statusText(m)
		if m.textRows() < 7 || m.textRows() > 9 {
			t.Errorf("width %d: %d text rows", w, m.textRows())
		}
		if w >= 60 && !strings.Contains(status, `(did you mean "s3:GetObject"?)`) {
			t.Errorf("width %d: status %q lacks the advice", w, status)
		}
		if !strings.HasPrefix(status, `✗ 2:14 unknown action`) || !strings.Contains(status, "Ln 2, Col 14") {
			t.Errorf("width %d: status %q", w, status)
		}
	}
	// A short message keeps the status to one row.
	m := newEditor(text, 60, 10, 1, 1)
	m.SetDiagnostics([]diag.Diagnostic{{Line: 1, Col: 1, Message: "short", Severity: diag.Warning}})
	if m.textRows() != 9 {
		t.Errorf("short message: %d text rows", m.textRows())
	}
}

// The editor has three looks for diag's four severities: a security
// warning is a warning, a suggestion is information, and a diagnostic
// that does not say is an error. The worst look of a line wins.
func TestEachSeverityHasALook(t *testing.T) {
	m := newEditor(samplePolicy, 60, 12, 1, 1)
	m.SetStyles(theme.NewStyles(theme.NoColor()))
	m.SetDiagnostics([]diag.Diagnostic{
		{Line: 1, Col: 1, Message: "unset"},
		{Line: 2, Col: 1, Message: "security", Severity: diag.SecurityWarning},
		{Line: 3, Col: 1, Message: "advice", Severity: diag.Suggestion},
		{Line: 4, Col: 1, Message: "advice", Severity: diag.Suggestion},
		{Line: 4, Col: 2, Message: "grants more", Severity: diag.SecurityWarning},
	})
	rows := plainRows(m)
	for i, want := range []string{"✗ 1 ", "! 2 ", "i 3 ", "! 4 "} {
		if !strings.HasPrefix(rows[i], want) {
			t.Errorf("line %d gutter = %q, want %q", i+1, rows[i], want)
		}
	}
}
