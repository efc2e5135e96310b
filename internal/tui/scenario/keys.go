package scenario

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"

	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/tui/nav"
)

// keyMap is every binding of the screen. Bindings that depend on the
// focused pane or the state are switched with SetEnabled in update, so the
// footer shows exactly what works now.
type keyMap struct {
	// Anywhere.
	Hint      key.Binding // ctrl+h
	Submit    key.Binding // ctrl+s
	NextPane  key.Binding
	PrevPane  key.Binding
	LeaveEdit key.Binding // esc in the editor
	Reset     key.Binding // ctrl+r: back to the starting text

	// Outside text entry.
	HintKey  key.Binding // h
	WhyNot   key.Binding // w, on the checks and the trace, once unlocked
	Briefing key.Binding // b
	Edit     key.Binding // e: into the editor
	Tab1     key.Binding
	Tab2     key.Binding
	Tab3     key.Binding
	Tab4     key.Binding

	// Lists and scrolling panes: the shared navigation keys (enter, →
	// and l open; esc goes home; space pages down too).
	nav.Keys
	Collapse key.Binding // ← in the tree

	// Answers (predict, choose).
	Pick       key.Binding // enter
	Toggle     key.Binding // space (multi-select)
	StepBack   key.Binding
	QuickPick  key.Binding // 1–9
	Solution   key.Binding // r, after a solve
	NextDoc    key.Binding // n, in the solution view
	KeepEdit   key.Binding // esc in the result view
	Confirm    key.Binding // y
	NotConfirm key.Binding // n / esc
	// A draft conflict has two answers and no way out: n alone takes the
	// other window's text, and esc asks again.
	TakeTheirs key.Binding

	// After a submit, ctrl+s goes to the score instead of submitting.
	ShowScore key.Binding
	// enter on a build's briefing goes into the editor, as e does (enter's
	// other keys, → and l, stay with the lists).
	EditEnter key.Binding
}

func defaultKeyMap() keyMap {
	b := nav.Bind
	k := keyMap{
		Keys:      nav.Default(),
		Hint:      b("ctrl+h", "hint", "ctrl+h"),
		Submit:    b("ctrl+s", "submit", "ctrl+s"),
		NextPane:  b("tab", "next pane", "tab"),
		PrevPane:  b("shift+tab", "previous pane", "shift+tab"),
		LeaveEdit: b("esc", "leave editor", "esc"),
		Reset:     b("ctrl+r", "reset to start", "ctrl+r"),

		HintKey:  b("h", "hint", "h"),
		WhyNot:   b("w", "why not?", "w"),
		Briefing: b("b", "briefing", "b"),
		Edit:     b("e", "edit", "e", "i"),
		Tab1:     b("1", "editor", "1"),
		Tab2:     b("2", "checks", "2"),
		Tab3:     b("3", "briefing", "3"),
		Tab4:     b("4", "world", "4"),

		Collapse: b("←", "collapse", "left"),

		Pick:       b("enter", "choose", "enter"),
		Toggle:     b("space", "select", "space", "x"),
		StepBack:   b("backspace", "back a step", "backspace", "left"),
		QuickPick:  b("a-e", "pick", "1", "2", "3", "4", "5", "6", "7", "8", "9"), // help only: see common.AnswerIndex
		Solution:   b("r", "reference solution", "r"),
		NextDoc:    b("n", "next document", "n"),
		KeepEdit:   b("esc", "keep editing", "esc"),
		Confirm:    b("y", "yes", "y", "Y"),
		NotConfirm: b("n", "no", "n", "N", "esc"),
		TakeTheirs: b("n", "take theirs", "n", "N"),
		ShowScore:  b("ctrl+s", "score", "ctrl+s"),
		EditEnter:  b("enter", "edit the policy", "enter"),
	}
	k.Back = nav.Relabel(k.Back, "home")
	// The panes scroll by line and page only: home, end, g and G jump
	// nowhere here, and the footer never offers them.
	k.Top, k.Bottom = key.Binding{}, key.Binding{}
	k.PageDown = b("pgdn", "page down", "pgdown", "space")
	k.Open = b("enter", "open", "enter", "right", "l")
	return k
}

// update enables the bindings that make sense in the model's state.
func (k *keyMap) update(m *Model) {
	build := m.s.Kind == scenarios.Build
	editing := m.focus == paneEditor && m.editorEditable() && build
	k.Hint.SetEnabled(len(m.s.Hints) > 0)
	k.HintKey.SetEnabled(len(m.s.Hints) > 0 && !editing)
	k.Submit.SetEnabled(build && m.grade == nil)
	k.ShowScore.SetEnabled(build && m.grade != nil)
	k.Reset.SetEnabled(build && m.grade == nil)
	k.LeaveEdit.SetEnabled(m.focus == paneEditor)
	k.Back.SetEnabled(m.focus != paneEditor)
	k.Edit.SetEnabled(build && m.focus != paneEditor && m.grade == nil)
	k.Solution.SetEnabled(m.grade != nil && m.grade.Solved && build)
	k.NextDoc.SetEnabled(m.showSolution && len(m.s.Editable) > 1)
	k.Collapse.SetEnabled(m.focus == paneWorld)
	k.WhyNot.SetEnabled(m.whyUsable())
	if m.why.on {
		k.WhyNot.SetHelp("w", "hide why not?")
	} else {
		k.WhyNot.SetHelp("w", "why not?")
	}
	tabs := m.tabs()
	for i, b := range []*key.Binding{&k.Tab1, &k.Tab2, &k.Tab3, &k.Tab4} {
		b.SetEnabled(i < len(tabs))
		if i < len(tabs) {
			b.SetHelp(fmt.Sprint(i+1), strings.ToLower(strings.Fields(tabs[i].label)[0]))
		}
	}
}

// paneKeys are the bindings the footer shows for the focused pane.
func (m *Model) paneKeys() []key.Binding {
	k := &m.keys
	if m.confirm != confirmNone {
		return []key.Binding{k.Confirm, k.NotConfirm}
	}
	switch m.focus {
	case paneEditor:
		e := m.activeEditor()
		out := []key.Binding{k.LeaveEdit, k.Hint, k.Submit}
		return append(out, e.ShortHelp()...)
	case paneChecks:
		// w comes first: at 80 columns the footer keeps only its head.
		return append(m.whyKeys(), k.Up, k.Down, nav.WithHelp(k.Open, "enter", "trace"), k.Edit, k.HintKey, k.Submit, k.NextPane)
	case paneTrace:
		return append(append(m.whyKeys(), m.trace.KeyMap.ShortHelp()...), k.Edit, k.HintKey, k.NextPane)
	case paneDocs:
		return []key.Binding{k.Up, k.Down, k.Open, k.Edit, k.HintKey, k.NextPane}
	case paneWorld:
		return []key.Binding{k.Up, k.Down, nav.WithHelp(k.Open, "enter", "open/expand"), k.Collapse, k.Edit, k.HintKey, k.NextPane}
	case paneBriefing:
		var scroll []key.Binding
		if len(m.briefing.lines) > m.briefing.Height {
			scroll = []key.Binding{k.Up, k.Down} // only when there is more to read
		}
		if m.s.Kind == scenarios.Build {
			out := append([]key.Binding{nav.WithHelp(k.Edit, "e/enter", "edit the policy")}, scroll...)
			return append(out, k.HintKey, k.Submit, k.NextPane)
		}
		return append(scroll, k.Briefing, k.HintKey, k.NextPane)
	case paneResult:
		if m.showSolution {
			return []key.Binding{k.Up, k.Down, k.NextDoc, nav.WithHelp(k.KeepEdit, "esc", "back to score")}
		}
		return []key.Binding{k.Up, k.Down, k.Solution, k.KeepEdit}
	case paneQuestion:
		return m.answerKeys()
	}
	return nil
}

// whyKeys is w where it works: listed only once "why not?" is unlocked.
func (m *Model) whyKeys() []key.Binding {
	if !m.keys.WhyNot.Enabled() {
		return nil
	}
	return []key.Binding{m.keys.WhyNot}
}

// ShortHelp is the footer: the focused pane's keys, then esc/back.
func (m *Model) ShortHelp() []key.Binding {
	out := m.paneKeys()
	if m.focus != paneEditor && m.confirm == confirmNone && m.focus != paneResult {
		out = append(out, m.keys.Back)
	}
	return out
}

// FullHelp groups every binding that works now.
func (m *Model) FullHelp() [][]key.Binding {
	k := &m.keys
	groups := [][]key.Binding{m.paneKeys()}
	groups = append(groups, []key.Binding{k.NextPane, k.PrevPane, k.Briefing, k.Tab1, k.Tab2, k.Tab3, k.Tab4})
	groups = append(groups, []key.Binding{k.Hint, k.Submit, k.ShowScore, k.Reset, k.Back})
	if m.focus == paneEditor {
		groups = append(groups, m.activeEditor().FullHelp()...)
	}
	return groups
}
