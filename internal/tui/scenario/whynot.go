package scenario

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/trace"
	"github.com/iamlab/iamlab/internal/whynot"
)

// whyState is "why not?" on the trace pane: the smallest edits to the
// learner's documents that would make the selected check pass. The search
// runs in a command, and its answers are kept by the world's text, so
// moving between checks or undoing an edit costs nothing.
type whyState struct {
	on      bool                          // the section is shown under the trace
	answers trace.Searches[*trace.WhyNot] // by whyKey
}

// whyNotMsg carries a finished search.
type whyNotMsg struct {
	key string
	sec *trace.WhyNot
}

// whyUnlocked: in a build scenario "why not?" is the last hint rung and
// costs like one; after a predict or choose answer is revealed it is free,
// since nothing is scored any more.
func (m *Model) whyUnlocked() bool {
	if m.s.Kind == scenarios.Build {
		return len(m.s.Hints) > 0 && m.hintsShown > len(m.s.Hints)
	}
	return m.ans.revealed
}

// whyUsable: w works on the checks and the trace, once unlocked, while
// there is a check to explain.
func (m *Model) whyUsable() bool {
	return m.whyUnlocked() && (m.focus == paneChecks || m.focus == paneTrace) && m.checks.checkSel < len(m.checks.results)
}

// whyKey names the selected check in the current world: its index and the
// text of every editable document (the only ones a proposal may change).
func (m *Model) whyKey() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d\x00", m.checks.checkSel)
	if m.checks.checkSel < len(m.checks.results) {
		b.WriteString(m.checks.results[m.checks.checkSel].Check.Name + "\x00")
	}
	for _, id := range m.s.Editable {
		if d, ok := m.build.world.Document(id); ok {
			b.WriteString(d.Source)
		}
		b.WriteByte(0)
	}
	return b.String()
}

// toggleWhyNot is w: show or hide the section.
func (m *Model) toggleWhyNot() tea.Cmd {
	if !m.whyUnlocked() {
		if m.s.Kind == scenarios.Build {
			return screen.Status("why not? is the last hint rung: climb the hints first (h)", false)
		}
		return nil
	}
	m.why.on = !m.why.on
	m.attachWhyNot()
	m.keys.update(m)
	return nil
}

// attachWhyNot puts the cached section (or a "searching" one) under the
// trace of the selected check, or removes it.
func (m *Model) attachWhyNot() {
	if !m.why.on || m.checks.stale || m.checks.checkSel >= len(m.checks.results) {
		m.trace.SetWhyNot(nil)
		return
	}
	sec, ok := m.why.answers.Get(m.whyKey())
	if !ok {
		sec = &trace.WhyNot{Pending: true, Selected: -1}
	}
	m.trace.SetWhyNot(sec)
	// While it is on, the section is what the learner is reading: keep it
	// in view as the text, the check or the pane's size changes.
	m.trace.ScrollTo(m.trace.WhyNotLine())
}

// whyNotCmd starts the search for the selected check when the section is
// shown and its answer is neither cached nor on its way.
func (m *Model) whyNotCmd() tea.Cmd {
	if !m.why.on || m.checks.stale || m.checks.checkSel >= len(m.checks.results) {
		return nil
	}
	key := m.whyKey()
	if !m.why.answers.Start(key) {
		return nil
	}
	res := m.checks.results[m.checks.checkSel]
	var others []sandbox.Call
	for i, r := range m.checks.results {
		if i != m.checks.checkSel {
			others = append(others, r.Check.Call)
		}
	}
	editable := map[string]bool{}
	for _, id := range m.s.Editable {
		editable[id] = true
	}
	w := m.build.world
	return func() tea.Msg {
		return whyNotMsg{key: key, sec: findWhyNot(w, res, others, editable)}
	}
}

// findWhyNot runs the search for one check. A failing check's target is
// its expectation; a passing one's is anything else (what would break
// it). The collateral counts the other checks an edit would change.
func findWhyNot(w *sandbox.World, res scenarios.CheckResult, others []sandbox.Call, editable map[string]bool) *trace.WhyNot {
	check := res.Check
	if !res.Pass && res.Outcome != nil && check.Expect.Matches(res.Outcome.Decision) {
		return &trace.WhyNot{Selected: -1, Err: fmt.Sprintf("the decision is right; the check wants it made by the %s, which no single small edit decides", check.DecidedBy)}
	}
	want := check.Expect.Matches
	target, heading := expectWords(check.Expect), ""
	note := "only your editable documents are changed"
	if res.Pass {
		want = func(d eval.Decision) bool { return !check.Expect.Matches(d) }
		target, heading = "fail", "the smallest changes that would make this check fail"
	}
	if len(editable) == 0 {
		// A predict or choose request states a fact: the question is what
		// would change it.
		heading = "the smallest changes that would change this decision"
		note = "no document here is yours to edit: only what the request carries can change"
	}
	sub := &whynot.WorldCall{World: w, Call: check.Call, Editable: func(id string) bool { return editable[id] }}
	ans, err := whynot.Find(sub, whynot.Options{Want: want, Others: sub.Collateral(others)})
	if err != nil {
		return &trace.WhyNot{Err: err.Error(), Selected: -1}
	}
	sec := trace.FromAnswer(ans)
	sec.Others, sec.Want, sec.Note, sec.Heading = "other checks", target, note, heading
	return sec
}

// expectWords says an expectation as the end of "make it …".
func expectWords(e scenarios.Expect) string {
	switch e {
	case scenarios.ExpectExplicitDeny:
		return "denied by an explicit Deny"
	case scenarios.ExpectImplicitDeny:
		return "implicitly denied"
	}
	return string(e)
}

// gotWhyNot stores an answer and shows it if it is still for the
// selected check and the current text.
func (m *Model) gotWhyNot(msg whyNotMsg) {
	m.why.answers.Put(msg.key, msg.sec)
	if msg.key == m.whyKey() {
		m.attachWhyNot()
	}
}

// whyNotHintLines is the hint box's text once the why-not rung is open.
func whyNotHintText() string {
	return "Why not? is open: select any check and press w to see the smallest edits to your policy that would make it pass, each verified by the engine, with how many other checks it would change."
}
