package playground

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// formRows is the form's height: caller, action, resource, then two rows of
// context fields, then the status line.
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

// fixedRows are the form, the suggestions, the status and the rule.
const fixedRows = formRows + suggestionArea + 2

// layout shares the rows under the form between the policy editor (when
// open) and the trace.
func (m *Model) layout() {
	rest := max(2, m.height-fixedRows)
	if !m.pol.open {
		m.trace.SetSize(m.width, rest)
		return
	}
	edRows := max(4, rest/2)
	m.pol.ed.SetSize(m.width, edRows)
	m.trace.SetSize(m.width, max(1, rest-edRows-1))
}

// suggestionArea is the rows under the form kept for completions.
const suggestionArea = 4

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
	if f == m.focus {
		return st.Key.Render(text)
	}
	return st.Muted.Render(text)
}

// View draws the form, the suggestions, the status and the trace.
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
	lines := append([]string{}, rows...)
	for i := 0; i < suggestionArea; i++ {
		if i < len(m.sugg) {
			s := "  " + m.sugg[i]
			if i == m.pick {
				s = st.Selected.Render("› " + m.sugg[i])
			} else {
				s = st.Muted.Render(s)
			}
			lines = append(lines, s)
		} else {
			lines = append(lines, "")
		}
	}
	lines = append(lines, m.statusLine(), st.Muted.Render(strings.Repeat("─", max(1, m.width))))
	if m.pol.open {
		title := st.Pane.Title.Render("Policy: ") + m.docTitle()
		if !m.pol.focused {
			title = st.Pane.TitleBlurred.Render("Policy: ") + st.Muted.Render(m.docTitle()+"  (ctrl+t to edit)")
		}
		lines = append(lines, title, m.pol.ed.View())
	}
	body := strings.Join(lines, "\n") + "\n" + m.trace.View()
	out := strings.Split(body, "\n")
	for i := range out {
		out[i] = ansi.Truncate(out[i], m.width, "…")
	}
	for len(out) < m.height {
		out = append(out, "")
	}
	return strings.Join(out[:m.height], "\n")
}

// statusLine is the decision, always in view, or why there is none.
func (m *Model) statusLine() string {
	st := m.styles
	switch {
	case m.pol.broken != "":
		return st.Error.Render("✗ " + m.pol.broken + " (the last good policy is used)")
	case m.problem != "":
		return st.Error.Render("✗ " + m.problem)
	case m.outcome == nil:
		return ""
	}
	o := m.outcome
	badge := st.Verdict.ImplicitDeny.Render()
	switch o.Decision {
	case "allowed":
		badge = st.Verdict.Allowed.Render()
	case "explicitDeny":
		badge = st.Verdict.ExplicitDeny.Render()
	}
	return "Decision: " + badge + "  " + st.Muted.Render(o.Reason)
}

// Cursor puts the terminal cursor in the focused field.
func (m *Model) Cursor() *tea.Cursor {
	if m.pol.focused {
		c := m.pol.ed.Cursor()
		if c != nil {
			c.Y += fixedRows + 1 // below the form and the pane's title
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
