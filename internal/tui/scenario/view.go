package scenario

import (
	"fmt"
	"strings"

	"github.com/iamlab/iamlab/internal/tui/cells"
	"github.com/iamlab/iamlab/internal/tui/scroll"

	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/scenarios"
)

// tabInfo is one tab of the narrow layout.
type tabInfo struct {
	label string
	pane  pane   // the pane the tab focuses
	also  []pane // other panes that show under the same tab
}

func (m *Model) tabs() []tabInfo {
	if m.s.Kind == scenarios.Build {
		return []tabInfo{
			{"Editor", paneEditor, nil},
			{m.checksTab(), paneChecks, []pane{paneTrace}},
			{"Briefing", paneBriefing, nil},
			{"World", paneWorld, []pane{paneDocs}},
		}
	}
	out := []tabInfo{{"Question", paneQuestion, nil}, {"Briefing", paneBriefing, nil}, {"World", paneWorld, nil}}
	if m.traced() {
		out = append(out, tabInfo{"Requests", paneChecks, []pane{paneTrace}})
	}
	return out
}

// checksTab is the checks tab's label: the count and a symbol per check,
// so the editor tab still shows how the checks stand while typing.
func (m *Model) checksTab() string {
	t := fmt.Sprintf("Checks %d/%d ", scenarios.Passed(m.checks.results), len(m.checks.results))
	for i, r := range m.checks.results {
		switch {
		case i == 8:
			return t + "…"
		case m.checks.stale:
			t += "◌"
		case r.Pass:
			t += "✓"
		default:
			t += "✗"
		}
	}
	return strings.TrimSpace(t)
}

// tabSpans are the tab labels with their columns, for drawing and clicks.
type tabSpan struct {
	x0, x1 int
	pane   pane
	text   string
	active bool
}

func (m *Model) tabSpans() []tabSpan {
	var out []tabSpan
	x := 0
	for i, t := range m.tabs() {
		text := fmt.Sprintf(" %d %s ", i+1, t.label)
		active := m.focus == t.pane
		for _, p := range t.also {
			active = active || m.focus == p
		}
		w := cells.Width(text)
		out = append(out, tabSpan{x, x + w, t.pane, text, active})
		x += w + 1
	}
	return out
}

func (m *Model) tabBar() []string {
	if m.focus == paneResult {
		return []string{m.fr.tabActive.Render(" Result ")}
	}
	var sb strings.Builder
	for i, s := range m.tabSpans() {
		if i > 0 {
			sb.WriteString(m.st.Muted.Render("│"))
		}
		if s.active {
			sb.WriteString(m.fr.tabActive.Render(s.text))
		} else {
			sb.WriteString(m.fr.tabBlurred.Render(s.text))
		}
	}
	return []string{sb.String()}
}

// View assembles the panes of the current layout: exactly the size given
// to SetSize.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	tiles := make([]tile, 0, 8)
	l := m.lay
	if l.tabBar.h > 0 {
		tiles = append(tiles, tile{l.tabBar, m.tabBar()})
	}
	if l.notice.h > 0 {
		tiles = append(tiles, tile{l.notice, []string{m.st.Warning.Render(fitWords(m.noticeText(), l.notice.w))}})
	}
	if l.hint.h > 0 {
		tiles = append(tiles, tile{l.hint, m.hintBox()})
	}
	for p, r := range l.panes {
		tiles = append(tiles, tile{r, m.paneView(p, r)})
	}
	return compose(m.width, m.height, tiles)
}

func (m *Model) paneView(p pane, r rect) []string {
	f := m.focus == p
	in := r.inner()
	switch p {
	case paneEditor:
		return m.box(r, f, m.editorTitle(), m.editorBadge(), strings.Split(m.activeEditor().View(), "\n"))
	case paneChecks:
		return m.box(r, f, m.checksTitle(), "", m.checkLines(in.w, in.h))
	case paneTrace:
		badge := ""
		if m.trace.ScrollPercent() < 100 {
			badge = fmt.Sprintf("%d%%", m.trace.ScrollPercent())
		}
		title := "Trace"
		if m.checks.checkSel < len(m.checks.results) {
			title += " · " + checkName(m.checks.results[m.checks.checkSel].Check)
		}
		return m.box(r, f, title, badge, strings.Split(m.trace.View(), "\n"))
	case paneBriefing:
		t := "Briefing ▾ (b)"
		if !m.briefOpen && !m.lay.narrow && m.focus != paneBriefing {
			t = "Briefing ▸ (b)"
		}
		return m.box(r, f, t, "", m.briefing.view())
	case paneDocs:
		return m.box(r, f, "Documents", "✎ editable", m.docLines(in.w, in.h))
	case paneWorld:
		if m.tree.viewing != "" {
			title := m.tree.viewing
			if d, ok := m.s.World.Document(title); ok {
				title = d.Title
			}
			return m.box(r, f, title, "read-only · ← back", strings.Split(m.viewer.View(), "\n"))
		}
		return m.box(r, f, "World", "", m.tree.lines(f))
	case paneResult:
		if m.showSolution {
			return m.box(r, true, m.resultTitle(), "read-only", strings.Split(m.solution.View(), "\n"))
		}
		return m.box(r, true, m.resultTitle(), "", m.result.view())
	case paneQuestion:
		t := "Predict"
		if m.s.Kind == scenarios.Choose {
			t = "Question"
		}
		return m.box(r, f, t, "", m.ans.scroll.view())
	}
	return nil
}

// paneAt finds the pane under a body cell.
func (m *Model) paneAt(x, y int) (pane, rect, bool) {
	for p, r := range m.lay.panes {
		if r.contains(x, y) {
			return p, r, true
		}
	}
	return 0, rect{}, false
}

// click focuses the pane under the pointer and acts on the row clicked.
func (m *Model) click(x, y int, msg tea.MouseClickMsg) tea.Cmd {
	if msg.Button != tea.MouseLeft {
		return nil
	}
	if m.lay.tabBar.contains(x, y) {
		for _, s := range m.tabSpans() {
			if x >= s.x0 && x < s.x1 && m.focus != paneResult {
				m.setFocus(s.pane)
			}
		}
		return nil
	}
	p, r, ok := m.paneAt(x, y)
	if !ok {
		return nil
	}
	in := r.inner()
	row := y - in.y
	if p != m.focus && p != paneResult {
		m.setFocus(p)
	}
	switch p {
	case paneEditor:
		e := m.activeEditor()
		c := msg
		c.X, c.Y = x-in.x, y-in.y
		var cmd tea.Cmd
		*e, cmd = e.Update(c)
		return cmd
	case paneChecks:
		if m.checks.stale {
			row--
		}
		if first := m.checksFirst(in.h); row >= 0 && first+row < len(m.checks.results) {
			m.selectCheck(first + row)
		}
	case paneDocs:
		first := max(0, min(m.build.docSel-in.h/2, len(m.build.docs)-in.h))
		if len(m.build.docs) <= in.h {
			first = 0
		}
		if i := first + row; row >= 0 && i < len(m.build.docs) {
			m.build.docSel = i
			m.openDoc(m.build.docs[i].ID)
		}
	case paneQuestion:
		return m.clickChoice(row)
	case paneWorld:
		if i := m.tree.rowAt(row); i >= 0 && m.tree.viewing == "" {
			if m.tree.sel == i {
				if id := m.tree.activate(); id != "" {
					m.openFromTree(id)
				}
			}
			m.tree.sel = i
			m.tree.clamp()
		}
	}
	return nil
}

// checksFirst is the first result row shown when the list scrolls.
func (m *Model) checksFirst(h int) int {
	n := m.checkRows()
	if h <= 0 || n <= h {
		return 0
	}
	return max(0, min(m.checks.checkSel-h/2, n-h))
}

// wheel scrolls the pane under the pointer without moving the focus.
func (m *Model) wheel(x, y int, msg tea.MouseWheelMsg) {
	p, r, ok := m.paneAt(x, y)
	if !ok {
		return
	}
	d := scroll.Wheel(msg)
	if d == 0 {
		return
	}
	in := r.inner()
	switch p {
	case paneEditor:
		e := m.activeEditor()
		c := msg
		c.X, c.Y = x-in.x, y-in.y
		*e, _ = e.Update(c)
	case paneTrace:
		m.trace, _ = m.trace.Update(msg)
	case paneChecks:
		m.selectCheck(m.checks.checkSel + d/3)
	case paneWorld:
		if m.tree.viewing != "" {
			m.viewer, _ = m.viewer.Update(msg)
		} else {
			m.tree.move(d)
		}
	case paneBriefing:
		m.briefing.By(d, len(m.briefing.lines))
	case paneResult:
		if m.showSolution {
			m.solution, _ = m.solution.Update(msg)
		} else {
			m.result.By(d, len(m.result.lines))
		}
	case paneQuestion:
		m.ans.scroll.By(d, len(m.ans.scroll.lines))
	}
}
