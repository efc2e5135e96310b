package playground

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/tui/cells"
)

// formRows is the form's height: caller, action, resource, MFA, then two
// rows of context fields. The decision lines follow, as many as the
// sentence needs, then a rule and the lower pane.
const formRows = 6

const labelWidth = 14

// SetSize lays out the form and the trace.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	inputW := max(10, w-labelWidth-2)
	for i := range m.inputs {
		m.inputs[i].SetWidth(inputW)
	}
	half := max(10, (w-2*labelWidth-4)/2)
	for _, f := range []field{fIP, fEndpoint, fTime, fContext} {
		m.inputs[f].SetWidth(half)
	}
	m.layout()
}

// topRows are the rows above the lower pane: the form, the decision, the
// rule.
func (m *Model) topRows() int { return formRows + len(m.statusLines()) + 1 }

// paneRows is the lower pane's height.
func (m *Model) paneRows() int { return max(2, m.height-m.topRows()) }

// layout shares the lower pane between the comparison (when an edit flips
// the decision), the policy editor (when open) and the trace.
func (m *Model) layout() {
	if m.styles == nil || m.height == 0 {
		return
	}
	rest := max(2, m.paneRows()-len(m.compareLines()))
	if !m.pol.open {
		m.trace.SetSize(m.width, rest)
		return
	}
	edRows := max(4, rest/2)
	m.pol.ed.SetSize(m.width, edRows)
	m.trace.SetSize(m.width, max(1, rest-edRows-1))
}

// position is where each field's input starts (row, column).
func position(f field, width int) (int, int) {
	half := labelWidth + max(10, (width-2*labelWidth-4)/2) + 2
	switch f {
	case fCaller:
		return 0, labelWidth
	case fAction:
		return 1, labelWidth
	case fResource:
		return 2, labelWidth
	case fMFA:
		return 3, labelWidth
	case fIP:
		return 4, labelWidth
	case fEndpoint:
		return 4, half + labelWidth
	case fTime:
		return 5, labelWidth
	default:
		return 5, half + labelWidth
	}
}

func (m *Model) label(f field) string {
	l := fieldLabels[f]
	st := m.styles
	text := ansi.Truncate(l, labelWidth-2, "…") + ": "
	text += strings.Repeat(" ", max(0, labelWidth-ansi.StringWidth(text)))
	if f == m.focus && m.panel == panelNone && !m.pol.focused {
		return st.Key.Render(text)
	}
	return st.Muted.Render(text)
}

// View draws the form, the decision, the lower pane and, over its top, the
// completion list.
func (m *Model) View() string {
	if m.styles == nil || m.height == 0 {
		return ""
	}
	st := m.styles
	rows := make([]string, formRows)
	for f := field(0); f < nFields; f++ {
		r, _ := position(f, m.width)
		var cell string
		if f == fMFA {
			cell = m.label(f) + "‹ " + m.mfa.String() + " ›"
			if f == m.focus {
				cell = m.label(f) + st.Selected.Render("‹ "+m.mfa.String()+" ›") + st.Muted.Render("  space switches")
			}
		} else {
			cell = m.label(f) + m.inputs[f].View()
		}
		if rows[r] == "" {
			rows[r] = cell
		} else {
			_, col := position(f, m.width)
			pad := col - labelWidth - ansi.StringWidth(rows[r])
			rows[r] += strings.Repeat(" ", max(1, pad)) + cell
		}
	}
	for i := range rows {
		rows[i] = ansi.Truncate(rows[i], m.width, "")
	}
	lines := append([]string{}, rows...)
	lines = append(lines, m.statusLines()...)
	lines = append(lines, st.Muted.Render(strings.Repeat("─", max(1, m.width))))
	listTop := len(lines)
	lines = append(lines, m.lowerPane()...)
	if m.listOpen() {
		for i, s := range m.sugg {
			if listTop+i >= len(lines) {
				break
			}
			text := "  " + s
			if i == m.pick {
				text = st.Selected.Render("› " + s)
			} else {
				text = st.Muted.Render(text)
			}
			lines[listTop+i] = text + st.Muted.Render(strings.Repeat(" ", max(0, m.width-ansi.StringWidth(text))))
		}
		if n := len(m.sugg); listTop+n < len(lines) {
			lines[listTop+n] = st.Muted.Render(ansi.Truncate("  ↑↓ choose · enter takes · esc closes the list", m.width, ""))
		}
	}
	return strings.Join(cells.Pad(lines, m.height), "\n")
}

// lowerPane is the panel of the moment, or the comparison, the editor and
// the trace; exactly paneRows lines.
func (m *Model) lowerPane() []string {
	h := m.paneRows()
	if m.panel != panelNone {
		return m.panelLines(h)
	}
	st := m.styles
	var out []string
	out = append(out, m.compareLines()...)
	if m.pol.open {
		title := st.Pane.Title.Render("Policy: ") + m.docTitle()
		if !m.pol.focused {
			title = st.Pane.TitleBlurred.Render("Policy: ") + st.Muted.Render(m.docTitle()+"  (ctrl+t to edit)")
		}
		out = append(out, ansi.Truncate(title, m.width, "…"))
		out = append(out, strings.Split(m.pol.ed.View(), "\n")...)
	}
	out = append(out, strings.Split(m.trace.View(), "\n")...)
	return window(out, 0, h)
}

// statusLines are the decision, always in view and never cut: the
// sentence wraps onto as many lines as it needs.
func (m *Model) statusLines() []string {
	st := m.styles
	var text string
	switch {
	case m.pol.broken != "":
		text = st.Error.Render("✗ " + m.pol.broken + " (the last good policy is used)")
	case m.problem != "":
		text = st.Error.Render("✗ " + m.problem)
	case m.outcome == nil:
		text = ""
	default:
		o := m.outcome
		badge := st.Verdict.ImplicitDeny.Render()
		switch o.Decision {
		case "allowed":
			badge = st.Verdict.Allowed.Render()
		case "explicitDeny":
			badge = st.Verdict.ExplicitDeny.Render()
		}
		text = "Decision: " + badge + "  " + st.Muted.Render(o.Reason)
	}
	if m.notice != "" {
		text += " " + st.Warning.Render(m.notice)
	}
	return strings.Split(ansi.Wrap(text, max(10, m.width), " "), "\n")
}

// Cursor puts the terminal cursor in the focused field.
func (m *Model) Cursor() *tea.Cursor {
	if m.panel != panelNone {
		return nil
	}
	if m.pol.focused {
		c := m.pol.ed.Cursor()
		if c != nil {
			c.Y += m.topRows() + len(m.compareLines()) + 1 // below the form, the comparison and the pane's title
		}
		return c
	}
	if m.focus == fMFA {
		return nil
	}
	c := m.inputs[m.focus].Cursor()
	if c == nil {
		return nil
	}
	r, col := position(m.focus, m.width)
	c.X += col
	c.Y += r
	return c
}
