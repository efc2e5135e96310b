package scenario

import (
	"fmt"
	"strings"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/tui/editor"
	"github.com/iamlab/iamlab/internal/tui/policydiag"
	"github.com/iamlab/iamlab/internal/tui/trace"
)

// reevaluate brings the learner's world up to date with every editor whose
// text changed since it was last evaluated. It reads the editors, not the
// ChangedMsg, so late messages of older versions cost nothing.
func (m *Model) reevaluate() bool {
	changed := false
	for _, id := range m.s.Editable {
		e, ok := m.build.editors[id]
		if !ok || e.Version() == m.build.evaluated[id] {
			continue
		}
		m.build.evaluated[id] = e.Version()
		changed = true
		m.applyDocument(id, e)
	}
	if !changed {
		return false
	}
	m.checks.stale = len(m.build.broken) > 0
	if !m.checks.stale {
		m.runChecks()
	} else {
		m.trace.SetStale(true)
		m.attachWhyNot()
		m.positionTrace()
	}
	return true
}

// applyDocument puts one editor's text into the world and turns parse
// errors or lint findings into the editor's diagnostics.
func (m *Model) applyDocument(id string, e *editor.Model) {
	src := e.Value()
	nw, err := m.build.world.WithDocument(id, src)
	if nw != nil {
		m.build.world = nw
	}
	if err != nil {
		m.build.broken[id] = err
		e.SetDiagnostics(policydiag.Parse(err))
		return
	}
	delete(m.build.broken, id)
	// The world compiled the text just now: lint that policy rather than
	// parse the text a second time on every keystroke.
	if d, ok := m.build.world.Document(id); ok && d.Policy != nil {
		e.SetDiagnostics(policydiag.Lint(d.Policy))
	}
}

// visibleChecks are the checks shown before the first submit; after it,
// all of them: the learner has seen the hidden ones in the score.
func (m *Model) visibleChecks() []*scenarios.Check {
	out := make([]*scenarios.Check, 0, len(m.s.Checks))
	for i := range m.s.Checks {
		c := &m.s.Checks[i]
		if c.Hidden && !m.hiddenShown {
			continue
		}
		out = append(out, c)
	}
	return out
}

func (m *Model) hiddenCount() int {
	if m.hiddenShown || m.s.Kind != scenarios.Build {
		return 0
	}
	n := 0
	for _, c := range m.s.Checks {
		if c.Hidden {
			n++
		}
	}
	return n
}

// runChecks evaluates the visible checks against the learner's world and
// refreshes the trace and the editor's marks.
func (m *Model) runChecks() {
	cs := m.visibleChecks()
	rs := make([]scenarios.CheckResult, len(cs))
	for i, c := range cs {
		rs[i] = scenarios.RunCheck(c, m.build.world)
	}
	m.checks.results = rs
	m.checks.stale = false
	if m.checks.checkSel >= len(rs) {
		m.checks.checkSel = max(0, len(rs)-1)
	}
	m.refreshTrace(true)
}

// refreshTrace shows the selected check's trace. keepScroll is false when
// the selection changed (a new trace starts at the top).
func (m *Model) refreshTrace(force bool) {
	m.trace.SetStale(m.checks.stale)
	if m.checks.checkSel >= len(m.checks.results) {
		m.trace.SetContent(nil)
		m.checks.traceFor = -1
		m.setMarks(nil)
		return
	}
	if !force && m.checks.traceFor == m.checks.checkSel {
		return
	}
	r := m.checks.results[m.checks.checkSel]
	m.checks.traceFor = m.checks.checkSel
	m.setTrace(traceContent(r.Check.Call, r.Outcome, r.Err, r.Want))
	m.attachWhyNot()
	m.setMarks(r.Outcome)
}

// setTrace shows a trace scrolled to the layer that decided, two rows of
// context above it: the request and its context keys are long, and the
// deciding layer is what the learner needs after each keystroke.
func (m *Model) setTrace(c *trace.Content) {
	m.trace.SetContent(c)
	m.positionTrace()
}

// positionTrace scrolls the trace to its deciding layer, with two lines of
// context above; it runs again when the pane is resized, since scrolling
// depends on the height. A stale trace stays at its top, where the notice is.
func (m *Model) positionTrace() {
	if m.checks.stale || m.trace.DecidingLine() < 0 {
		m.trace.ScrollTo(0)
		return
	}
	if m.why.on && m.trace.WhyNotLine() >= 0 {
		// The learner asked why not: that is what to keep in view.
		m.trace.ScrollTo(m.trace.WhyNotLine())
		return
	}
	m.trace.ScrollTo(m.trace.DecidingLine() - 2)
}

// traceContent turns a sandbox outcome into what the trace pane shows.
func traceContent(c sandbox.Call, o *sandbox.Outcome, err error, want string) *trace.Content {
	tc := &trace.Content{Title: callTitle(c), Expected: want}
	if o == nil {
		reason := "the request could not be made"
		if err != nil {
			reason = err.Error()
		}
		tc.Final = trace.Final{Decision: eval.ImplicitDeny, Reason: reason}
		return tc
	}
	tc = trace.FromOutcome(tc.Title, o)
	tc.Expected = want
	return tc
}

// callTitle says the request in words: "user dana → s3:GetObject → …".
func callTitle(c sandbox.Call) string {
	parts := []string{c.As, c.Action}
	if c.Resource != "" {
		parts = append(parts, c.Resource)
	}
	t := strings.Join(parts, " → ")
	var extra []string
	if c.MFA != nil {
		extra = append(extra, fmt.Sprintf("MFA %v", *c.MFA))
	}
	if c.SourceIP != "" {
		extra = append(extra, "from "+c.SourceIP)
	}
	if c.VPCEndpoint != "" {
		extra = append(extra, "via "+c.VPCEndpoint)
	}
	if len(extra) > 0 {
		t += " (" + strings.Join(extra, ", ") + ")"
	}
	return t
}

// callWords says the request as a sentence, for the predict question.
func callWords(c sandbox.Call) string {
	t := c.As + " calls " + c.Action
	if c.Resource != "" {
		t += " on " + c.Resource
	}
	var extra []string
	if c.MFA != nil {
		if *c.MFA {
			extra = append(extra, "signed in with MFA")
		} else {
			extra = append(extra, "without MFA")
		}
	}
	if c.SourceIP != "" {
		extra = append(extra, "from "+c.SourceIP)
	}
	if c.VPCEndpoint != "" {
		extra = append(extra, "through "+c.VPCEndpoint)
	}
	if c.SessionPolicy != "" {
		extra = append(extra, "with session policy "+c.SessionPolicy)
	}
	if len(extra) > 0 {
		t += ", " + strings.Join(extra, ", ")
	}
	return t + "."
}

// decidingStatement finds the statement that decided the outcome: in the
// hop that failed, or in the last hop.
func decidingStatement(o *sandbox.Outcome) (*eval.StatementRef, eval.Decision) {
	if o == nil || len(o.Hops) == 0 {
		return nil, ""
	}
	h := o.Hops[len(o.Hops)-1]
	for _, hop := range o.Hops {
		if hop.Result.Decision != eval.Allowed {
			h = hop
			break
		}
	}
	return h.Result.Deciding, h.Result.Decision
}

// setMarks puts "◀ DENY" or "◀ ALLOW" on the deciding statement when it is
// in a document the editor shows.
func (m *Model) setMarks(o *sandbox.Outcome) {
	ref, dec := decidingStatement(o)
	for id, e := range m.build.editors {
		e.SetMarks(marksFor(m.build.world, id, ref, dec))
	}
}

func marksFor(w *sandbox.World, id string, ref *eval.StatementRef, dec eval.Decision) []editor.Mark {
	if ref == nil || !ref.Pos.IsValid() {
		return nil
	}
	d, ok := w.Document(id)
	if !ok || shortName(d) != ref.Policy {
		return nil
	}
	mk := editor.Mark{Line: ref.Pos.Line, Text: "◀ ALLOW", Kind: editor.MarkAllow}
	if dec != eval.Allowed {
		mk = editor.Mark{Line: ref.Pos.Line, Text: "◀ DENY", Kind: editor.MarkDeny}
	}
	return []editor.Mark{mk}
}
