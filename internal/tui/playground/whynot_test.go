package playground

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/whynot"
)

// runWhy feeds a command's messages back, as the runtime would, skipping the
// save ticks.
func runWhy(m *Model, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case whyNotMsg:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
}

func pressKey(m *Model, k tea.KeyPressMsg) {
	_, cmd := m.Update(k)
	runWhy(m, cmd)
}

var (
	ctrlY = tea.KeyPressMsg{Code: 'y', Mod: tea.ModCtrl}
	ctrlX = tea.KeyPressMsg{Code: 'x', Mod: tea.ModCtrl}
	down  = tea.KeyPressMsg{Code: tea.KeyDown}
)

// ctrl+y shows the proposals for the current request; ↓ chooses; ctrl+x
// applies a policy edit to the playground's copy of the world, through
// the path typing takes: the decision flips, "What changed" shows it, the
// edited text is what is saved, and the scenario's world is untouched.
func TestWhyNotAppliesAPolicyEdit(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		m := newPlayground(t, size[0], size[1])
		setField(m, fCaller, "user dana")
		setField(m, fResource, "s3://acme-reports/q3.csv")
		if m.outcome.Decision != "implicitDeny" {
			t.Fatalf("start: %s", m.outcome.Decision)
		}
		if hasKey(m, "apply") {
			t.Fatal("ctrl+x offered before any proposal")
		}
		pressKey(m, ctrlY)
		ans := m.whyAnswer()
		if ans == nil || len(ans.Proposals) == 0 {
			t.Fatalf("%v: no proposals: %+v", size, ans)
		}
		if !hasKey(m, "apply") {
			t.Errorf("%v: ctrl+x not offered with proposals shown", size)
		}
		if w := footerWidth(m); w > size[0] {
			t.Errorf("%v: the footer needs %d columns", size, w)
		}
		if !strings.Contains(strings.Join(m.trace.Lines(), "\n"), "Why not?") {
			t.Fatalf("%v: no section in the trace", size)
		}
		pick := -1
		for i, p := range ans.Proposals {
			if len(p.Sources()) > 0 && len(p.Context()) == 0 {
				pick = i
				break
			}
		}
		if pick < 0 {
			t.Fatalf("%v: no document edit among %+v", size, ans.Proposals)
		}
		for i := 0; i < pick; i++ {
			pressKey(m, down)
		}
		if m.why.sel != pick || !strings.Contains(screenAll(m), "▸ ") {
			t.Errorf("%v: selection %d, want %d", size, m.why.sel, pick)
		}
		orig := sources(m.worlds[0].World.Documents())
		p := ans.Proposals[pick]
		pressKey(m, ctrlX)
		if m.outcome.Decision != "allowed" {
			t.Fatalf("%v: applying %q left %s", size, p.Edits[0].Summary, m.outcome.Decision)
		}
		if m.before == nil || m.before.Decision != "implicitDeny" {
			t.Errorf("%v: what changed does not compare with the unedited world", size)
		}
		for id, src := range p.Sources() {
			if m.pol.texts[0][id] != src {
				t.Errorf("%v: the applied text of %s is not what is saved", size, id)
			}
		}
		if !m.dirty {
			t.Errorf("%v: the edit is not scheduled for saving", size)
		}
		if now := sources(m.worlds[0].World.Documents()); len(orig) == 0 || now != orig {
			t.Errorf("%v: the library's world changed", size)
		}
		if !strings.Contains(plain(m), "applied: ") {
			t.Errorf("%v: no notice of what was applied:\n%s", size, plain(m))
		}
	}
}

// A proposal that supplies a request value sets it in the form.
func TestWhyNotAppliesARequestValue(t *testing.T) {
	m := newPlayground(t, 120, 40)
	setField(m, fCaller, "user dana")
	setField(m, fResource, "s3://acme-reports/q3.csv")
	pressKey(m, ctrlY)
	ans := m.whyAnswer()
	pick := -1
	for i, p := range ans.Proposals {
		if len(p.Context()) > 0 && len(p.Sources()) == 0 {
			pick = i
		}
	}
	if pick < 0 {
		t.Fatalf("no request-value proposal for a missing MFA: %+v", ans.Proposals)
	}
	m.why.sel = pick
	pressKey(m, ctrlX)
	if m.mfa != mfaOn || m.outcome.Decision != "allowed" || len(m.pol.texts[0]) != 0 {
		t.Fatalf("mfa %v decision %s texts %v", m.mfa, m.outcome.Decision, m.pol.texts[0])
	}
	// ctrl+y hides it again.
	pressKey(m, ctrlY)
	if m.trace.WhyNotLine() >= 0 {
		t.Error("ctrl+y did not hide the section")
	}
}

// The answers are cached by the request and the edited text: asking again
// for the same request starts no search.
func TestWhyNotIsCached(t *testing.T) {
	m := newPlayground(t, 120, 40)
	setField(m, fCaller, "user dana")
	setField(m, fResource, "s3://acme-reports/q3.csv")
	pressKey(m, ctrlY)
	pressKey(m, ctrlY)
	m.why.answers.Put(m.whyKey(), &whynot.Answer{Goal: "allow", Proposals: []whynot.Proposal{}})
	_, cmd := m.Update(ctrlY)
	if m.whyNotCmd() != nil {
		t.Error("a cached request is searched again")
	}
	_ = cmd
	if !strings.Contains(strings.Join(m.trace.Lines(), "\n"), "no small change") {
		t.Error("the cached answer is not the one shown")
	}
}

func hasKey(m *Model, desc string) bool {
	for _, b := range m.ShortHelp() {
		if b.Help().Desc == desc {
			return true
		}
	}
	return false
}

func screenAll(m *Model) string { return strings.Join(m.trace.Lines(), "\n") }

func sources(ds []*sandbox.Document) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.ID + "\x00" + d.Source + "\x00")
	}
	return b.String()
}

// footerWidth is the footer's width with the root's " • ctrl+c quit".
func footerWidth(m *Model) int {
	w := -3
	for _, b := range m.ShortHelp() {
		h := b.Help()
		w += len([]rune(h.Key)) + 1 + len([]rune(h.Desc)) + 3
	}
	return w + 14
}
