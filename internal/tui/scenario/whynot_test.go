package scenario

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/tui/screentest"
	"github.com/iamlab/iamlab/internal/whynot"
)

// "Why not?" is the build ladder's last rung: after the answer, h asks
// with the cost stated, y opens it on the trace of the selected check, and
// the search (run as a command) shows verified proposals that only touch
// the learner's documents. w is listed only once it works.
func TestWhyNotIsTheLastRung(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		m := open(t, "list-needs-the-bucket", size[0], size[1], testDeps(t))
		press(m, "2") // the checks (a tab in the narrow layout)
		m.setFocus(paneChecks)
		if footerHas(m, "why not?") {
			t.Fatalf("%v: w is offered before the rung is open:\n%s", size, ansi.Strip(m.View()))
		}
		press(m, "w")
		if m.why.on {
			t.Fatalf("%v: w worked before the rung was open", size)
		}
		press(m, "h", "h", "h", "h", "y")
		if m.hintsShown != 4 {
			t.Fatalf("%v: hints shown %d after the answer", size, m.hintsShown)
		}
		press(m, "h")
		if m.confirm != confirmWhyNot {
			t.Fatalf("%v: the fifth h did not ask for why not?", size)
		}
		v := ansi.Strip(m.View())
		if q := ansi.Strip(strings.Join(m.hintLines(500), " ")); !strings.Contains(q, "It costs 2.5 more of the 10 unaided points") || !strings.Contains(v, "Hint: why not?") {
			t.Errorf("%v: the question does not state the cost: %q\n%s", size, q, v)
		}
		screentest.CheckFrame(t, m.View(), size[0], size[1])
		// Select a failing check first, so the answer flips it to pass.
		fail := -1
		for i, r := range m.checks.results {
			if !r.Pass {
				fail = i
				break
			}
		}
		if fail < 0 {
			t.Fatal("list-needs-the-bucket starts with every check passing")
		}
		m.checks.checkSel = fail
		m.refreshTrace(true)
		press(m, "y")
		if m.hintsShown != scenarios.WhyNotRung || m.focus != paneTrace || !m.why.on {
			t.Fatalf("%v: after y: hints %d focus %v on %v", size, m.hintsShown, m.focus, m.why.on)
		}
		sec, _ := m.why.answers.Get(m.whyKey())
		if sec == nil || len(sec.Proposals) == 0 {
			t.Fatalf("%v: no proposals arrived: %+v", size, sec)
		}
		// Every proposal edits only the learner's documents.
		for _, p := range sec.Proposals {
			for _, e := range p.Edits {
				if e.Diff == "" {
					t.Errorf("%v: a proposal without a diff: %+v", size, e)
				}
			}
		}
		v = ansi.Strip(m.View())
		if !footerHas(m, "hide why not?") {
			t.Errorf("%v: the footer does not offer w", size)
		}
		for _, want := range []string{"Why not?", sec.Proposals[0].Edits[0].Summary[:20], "other checks"} {
			if !strings.Contains(strings.Join(strings.Fields(v), " "), want) {
				t.Errorf("%v: view lacks %q:\n%s", size, want, v)
			}
		}
		screentest.CheckFrame(t, m.View(), size[0], size[1])
		// w hides it, and shows it again from the cache.
		press(m, "w")
		if m.trace.WhyNotLine() >= 0 || footerHas(m, "hide why not?") {
			t.Errorf("%v: w did not hide the section", size)
		}
		press(m, "w")
		if !m.why.on || m.trace.WhyNotLine() < 0 {
			t.Errorf("%v: w did not show it again", size)
		}
		// Another check's trace opens on its section.
		m.setFocus(paneChecks)
		other := 0
		if fail == 0 {
			other = 1
		}
		m.selectCheck(other)
		drive(m, m.whyNotCmd())
		if tv := ansi.Strip(m.trace.View()); !strings.Contains(strings.SplitN(tv, "\n", 2)[0], "Why not?") {
			t.Errorf("%v: the other check's trace does not open on why not?:\n%s", size, tv)
		}
		// The grade charges the fifth rung like the others.
		g := scenarios.GradeBuild(m.s, m.build.world, m.hintsShown, 1)
		if len(g.Costs) == 0 || g.Costs[0].Points != 5*scenarios.HintCost {
			t.Errorf("%v: costs %+v, want %v for five rungs", size, g.Costs, 5*scenarios.HintCost)
		}
		press(m, "h")
		if m.confirm != confirmNone || m.hintsShown != scenarios.WhyNotRung {
			t.Errorf("%v: a sixth rung: confirm %v hints %d", size, m.confirm, m.hintsShown)
		}
	}
}

// The search the screen runs, applied: every proposal edits only the
// learner's documents and makes the failing check pass.
func TestWhyNotProposalsPassTheCheck(t *testing.T) {
	m := open(t, "list-needs-the-bucket", 120, 40, testDeps(t))
	res := m.checks.results[0]
	for _, r := range m.checks.results {
		if !r.Pass {
			res = r
		}
	}
	if res.Pass {
		t.Fatal("no failing check at the start")
	}
	editable := map[string]bool{}
	for _, id := range m.s.Editable {
		editable[id] = true
	}
	sub := &whynot.WorldCall{World: m.build.world, Call: res.Check.Call, Editable: func(id string) bool { return editable[id] }}
	ans, err := whynot.Find(sub, whynot.Options{Want: res.Check.Expect.Matches})
	if err != nil || len(ans.Proposals) == 0 {
		t.Fatalf("no proposals: %v", err)
	}
	for _, p := range ans.Proposals {
		w := m.build.world
		for id, src := range p.Sources() {
			if !editable[id] {
				t.Errorf("proposal edits %s, which the learner may not", id)
			}
			if w, err = w.WithDocument(id, src); err != nil {
				t.Fatal(err)
			}
		}
		if r := scenarios.RunCheck(res.Check, w); !res.Check.Expect.Matches(r.Outcome.Decision) {
			t.Errorf("proposal %q leaves the check at %s", p.Edits[0].Summary, r.Outcome.Decision)
		}
	}
	sec := findWhyNot(m.build.world, res, nil, editable)
	if sec.Want != expectWords(res.Check.Expect) || len(sec.Proposals) != len(ans.Proposals) {
		t.Errorf("the screen's search differs: %+v", sec)
	}
}

// After a predict or choose answer is revealed, w explains any check for
// free, and with no learner document only request values may change.
func TestWhyNotAfterAReveal(t *testing.T) {
	m := open(t, "s3-mfa-delete", 120, 40, testDeps(t))
	if m.whyUnlocked() {
		t.Fatal("why not? before the reveal")
	}
	press(m, "enter", "3") // pick a, a guess: the answer is revealed
	if !m.traced() {
		t.Fatal("no traced checks after the reveal")
	}
	press(m, "tab") // the checks
	if !footerHas(m, "why not?") {
		t.Fatalf("w is not offered on the checks after the reveal (focus %v):\n%s", m.focus, ansi.Strip(m.View()))
	}
	press(m, "w")
	sec, _ := m.why.answers.Get(m.whyKey())
	if sec == nil {
		t.Fatal("no answer")
	}
	if !strings.Contains(sec.Note, "no document here is yours") || sec.Heading != "the smallest changes that would change this decision" {
		t.Errorf("note %q", sec.Note)
	}
	for _, p := range sec.Proposals {
		for _, e := range p.Edits {
			if e.Diff != "" {
				t.Errorf("a document was edited in a scenario without learner documents: %+v", e)
			}
		}
	}
}

func footerHas(m *Model, desc string) bool {
	for _, b := range m.ShortHelp() {
		if b.Enabled() && b.Help().Desc == desc {
			return true
		}
	}
	return false
}
