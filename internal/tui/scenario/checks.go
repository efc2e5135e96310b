package scenario

import (
	"fmt"
	"strings"

	"github.com/iamlab/iamlab/internal/tui/cells"

	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/scenarios"
)

// checkRows is how many rows the checks list wants: one per check, one for
// the hidden ones, one for a stale note.
func (m *Model) checkRows() int {
	n := len(m.checks.results)
	if m.hiddenCount() > 0 {
		n++
	}
	if m.checks.stale {
		n++
	}
	return max(n, 1)
}

// checksTitle is "Checks 2/3", with the stale mark when the results predate
// the text.
func (m *Model) checksTitle() string {
	if m.s.Kind != scenarios.Build {
		return "Requests · enter for the trace"
	}
	t := fmt.Sprintf("Checks %d/%d", scenarios.Passed(m.checks.results), len(m.checks.results))
	if m.grade != nil {
		t += " · all checks, after submit"
	}
	return t
}

// checkName shortens a check's label for a row: ARNs lose the prefix every
// row shares.
func checkName(c *scenarios.Check) string {
	n := c.Name
	for _, p := range []string{"arn:aws:s3:::", "arn:aws:"} {
		n = strings.ReplaceAll(n, p, "")
	}
	return n
}

// checkLines renders the list for an inner width w.
func (m *Model) checkLines(w, h int) []string {
	st := m.st
	var out []string
	if m.checks.stale {
		out = append(out, st.Verdict.Stale.Render()+" "+st.Muted.Render(wrapFirst("the policy does not parse: these are the last good results", w-10)))
	}
	for i := range m.checks.results {
		out = append(out, m.checkRow(&m.checks.results[i], w, i == m.checks.checkSel))
	}
	if n := m.hiddenCount(); n > 0 {
		word := "checks"
		if n == 1 {
			word = "check"
		}
		out = append(out, st.Muted.Render(fmt.Sprintf("◌ %d more %s hidden until submit", n, word)))
	}
	// Keep the selected row in view.
	if h > 0 && len(out) > h {
		first := max(0, min(m.checks.checkSel-h/2, len(out)-h))
		out = out[first : first+h]
	}
	return out
}

// wrapFirst is the first line of s wrapped to w.
func wrapFirst(s string, w int) string {
	ls := wrap(s, max(1, w))
	if len(ls) == 0 {
		return ""
	}
	if len(ls) > 1 {
		return strings.TrimRight(ls[0], " ") + "…"
	}
	return ls[0]
}

// selectCheck moves the selection and shows its trace.
func (m *Model) selectCheck(i int) {
	if len(m.checks.results) == 0 {
		return
	}
	m.checks.checkSel = min(max(0, i), len(m.checks.results)-1)
	m.refreshTrace(false)
}

// docLines renders the document selector: editable documents first,
// marked ✎, then the read-only ones.
func (m *Model) docLines(w, h int) []string {
	out := make([]string, 0, len(m.build.docs))
	for i, d := range m.build.docs {
		mark := "  "
		if d.Editable {
			mark = "✎ "
		}
		cur := " "
		if d.ID == m.build.curDoc {
			cur = "▸"
		}
		label := cur + mark + d.Name
		kind := docKind(d.ID)
		line := fitWords(label, max(4, w-cells.Width(kind)-2))
		line += strings.Repeat(" ", max(1, w-cells.Width(line)-cells.Width(kind))) + kind
		switch {
		case i == m.build.docSel && m.focus == paneDocs:
			line = m.st.Selected.Render(fit(line, w))
		case !d.Editable:
			line = m.st.Muted.Render(line)
		}
		out = append(out, line)
	}
	if h > 0 && len(out) > h {
		first := max(0, min(m.build.docSel-h/2, len(out)-h))
		out = out[first : first+h]
	}
	return out
}

// docKind is the short kind of a document, from its ID prefix.
func docKind(id string) string {
	head, _, _ := strings.Cut(id, ":")
	switch head {
	case "policy":
		return "managed"
	case "aws":
		return "AWS managed"
	case "bucket-policy", "key-policy", "queue-policy", "topic-policy", "secret-policy", "function-policy", "table-policy":
		return "resource"
	}
	return head
}

// openDoc shows a document in the editor pane: editable ones in their own
// editor, the rest in the read-only viewer.
func (m *Model) openDoc(id string) {
	m.build.curDoc = id
	for i, d := range m.build.docs {
		if d.ID == id {
			m.build.docSel = i
		}
	}
	if _, ok := m.build.editors[id]; !ok {
		src := ""
		if d, ok := m.build.world.Document(id); ok {
			src = d.Source
		}
		m.viewer.SetValue(src)
		var o *sandbox.Outcome
		if r := m.selectedOutcome(); r != nil {
			o = r.Outcome
		}
		ref, dec := decidingStatement(o)
		m.viewer.SetMarks(marksFor(m.build.world, id, ref, dec))
	}
	m.relayout()
}

func (m *Model) selectedOutcome() *scenarios.CheckResult {
	if m.checks.checkSel < len(m.checks.results) {
		return &m.checks.results[m.checks.checkSel]
	}
	return nil
}

// editorTitle and editorBadge label the editor pane.
func (m *Model) editorTitle() string {
	t := m.build.curDoc
	if d, ok := m.build.world.Document(m.build.curDoc); ok {
		t = d.Title
	}
	if m.CapturesText() && m.confirm == confirmNone {
		return "Editing · " + t
	}
	return t
}

// editorBadge says whether keys type into the policy now: "✎ typing"
// while the editor has the focus, "e to edit" while it waits.
func (m *Model) editorBadge() string {
	if _, ok := m.build.editors[m.build.curDoc]; ok {
		state := "✎ editable · e to edit"
		switch {
		case m.grade != nil:
			state = "✎ editable"
		case m.focus == paneEditor:
			state = "✎ typing · esc leaves"
		}
		if _, broken := m.build.broken[m.build.curDoc]; broken {
			return state + " · ✗ does not parse"
		}
		return state
	}
	return "read-only"
}

// checkRow is one check on one line: symbol, name (shortened at a word),
// then what it wanted and got.
func (m *Model) checkRow(r *scenarios.CheckResult, w int, selected bool) string {
	st := m.st
	badge := st.Verdict.Pass
	if !r.Pass {
		badge = st.Verdict.Fail
	}
	sym := badge.RenderSymbol()
	if m.checks.stale {
		sym = st.Verdict.Stale.RenderSymbol()
	}
	tail := "want " + r.Want + "  got " + r.Got
	if m.s.Kind != scenarios.Build {
		// Predict and choose list requests, not goals: each row shows the
		// decision, with its symbol.
		sym, tail = m.decisionSymbol(r), r.Got
	} else if w-4-cells.Width(tail) < 30 {
		// Narrow: a passing check says only what it got; a failing one
		// keeps both.
		tail = "want " + r.Want + " · got " + r.Got
		if r.Pass {
			tail = r.Got
		}
	}
	if r.Check.Hidden {
		tail += "  (was hidden)"
	}
	nameW := max(10, w-4-cells.Width(tail))
	name := fitWords(checkName(r.Check), nameW)
	gap := max(2, w-2-cells.Width(name)-cells.Width(tail))
	line := sym + " " + name + strings.Repeat(" ", gap) + st.Muted.Render(tail)
	if cells.Width(line) > w {
		line = sym + " " + fitWords(checkName(r.Check)+"  "+tail, w-2)
	}
	if selected {
		line = st.Selected.Render(fit(ansi.Strip(line), w))
	}
	return line
}

// checkResultLines is one check of the result: the whole name, wrapped
// under its symbol, and what it wanted and got at the right of the last
// line (or on a line of its own when it does not fit there). The result is
// read once, whole; the live list keeps one row per check.
func (m *Model) checkResultLines(r *scenarios.CheckResult, w int) []string {
	st := m.st
	sym := st.Verdict.Pass.RenderSymbol()
	if !r.Pass {
		sym = st.Verdict.Fail.RenderSymbol()
	}
	tail := "want " + r.Want + "  got " + r.Got
	if r.Pass {
		tail = r.Got
	}
	if r.Check.Hidden {
		tail += "  (was hidden)"
	}
	name := wrap(checkName(r.Check), max(8, w-2))
	out := make([]string, len(name))
	for i, l := range name {
		out[i] = "  " + l
	}
	out[0] = sym + " " + name[0]
	last := len(out) - 1
	if gap := w - cells.Width(out[last]) - cells.Width(tail); gap >= 2 {
		out[last] += strings.Repeat(" ", gap) + st.Muted.Render(tail)
	} else {
		for _, l := range wrap(tail, max(8, w-4)) {
			out = append(out, "    "+st.Muted.Render(l))
		}
	}
	return out
}

// decisionSymbol is the verdict symbol of a request's decision.
func (m *Model) decisionSymbol(r *scenarios.CheckResult) string {
	if r.Outcome == nil {
		return m.st.Verdict.Fail.RenderSymbol()
	}
	switch r.Outcome.Decision {
	case eval.Allowed:
		return m.st.Verdict.Allowed.RenderSymbol()
	case eval.ExplicitDeny:
		return m.st.Verdict.ExplicitDeny.RenderSymbol()
	}
	return m.st.Verdict.ImplicitDeny.RenderSymbol()
}
