package playground

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/tui/screen"
)

// keptRequest is one line of the requests panel.
type keptRequest struct {
	progress.PlaygroundRequest
	req request
}

type keptMsg struct {
	kept []keptRequest
	err  error
}

// openPanel shows a panel in the lower pane; the form keeps its text.
func (m *Model) openPanel(p panel) {
	if m.pol.focused {
		m.focusEditor(false)
	}
	m.inputs[m.focus].Blur()
	m.panel = p
	if p == panelWorld {
		m.wrows = worldRows(m.current())
		m.wv.cur = firstSelectable(m.wrows, 0)
	}
	m.layout()
}

func (m *Model) closePanel() tea.Cmd {
	m.panel = panelNone
	m.layout()
	if m.focus == fMFA {
		return nil
	}
	return m.inputs[m.focus].Focus()
}

func firstSelectable(rows []wvRow, from int) int {
	for i := from; i < len(rows); i++ {
		if rows[i].selectable() {
			return i
		}
	}
	return 0
}

// updatePanel handles keys while a panel has focus.
func (m *Model) updatePanel(km tea.KeyPressMsg) tea.Cmd {
	k := m.KeyMap
	switch {
	case key.Matches(km, k.Back), key.Matches(km, k.Help) && m.panel == panelHelp,
		key.Matches(km, k.WorldView) && m.panel == panelWorld, key.Matches(km, k.Requests) && m.panel == panelRequests:
		return m.closePanel()
	case key.Matches(km, k.Policies):
		return m.togglePolicies()
	}
	switch m.panel {
	case panelWorld:
		return m.updateWorldView(km)
	case panelRequests:
		return m.updateRequests(km)
	case panelHelp:
		if key.Matches(km, k.TraceUp) || key.Matches(km, k.PickUp) {
			m.wv.off = max(0, m.wv.off-1)
		}
		if key.Matches(km, k.TraceDown) || key.Matches(km, k.PickDown) {
			m.wv.off++
		}
	}
	return nil
}

func (m *Model) updateWorldView(km tea.KeyPressMsg) tea.Cmd {
	k := m.KeyMap
	step := func(d int) {
		for i := m.wv.cur + d; i >= 0 && i < len(m.wrows); i += d {
			if m.wrows[i].selectable() {
				m.wv.cur = i
				return
			}
		}
	}
	switch {
	case key.Matches(km, k.PickDown):
		step(1)
	case key.Matches(km, k.PickUp):
		step(-1)
	case key.Matches(km, k.TraceDown):
		for range max(1, m.paneRows()-1) {
			step(1)
		}
	case key.Matches(km, k.TraceUp):
		for range max(1, m.paneRows()-1) {
			step(-1)
		}
	case key.Matches(km, k.Accept):
		if m.wv.cur < len(m.wrows) {
			return m.pickFromWorld(m.wrows[m.wv.cur])
		}
	}
	return nil
}

// pickFromWorld puts a world line into the request, or opens its policy.
func (m *Model) pickFromWorld(r wvRow) tea.Cmd {
	var f field
	switch r.kind {
	case wvCaller:
		f = fCaller
	case wvResource:
		f = fResource
	case wvAction:
		f = fAction
	case wvDoc:
		if m.showDoc(r.value) {
			m.panel = panelNone
			m.layout()
			return nil
		}
		return screen.Status(r.value+" is an AWS managed policy: AWS owns it, so it cannot be edited", false)
	default:
		return nil
	}
	m.inputs[f].SetValue(r.value)
	m.inputs[f].CursorEnd()
	m.panel = panelNone
	m.inputs[m.focus].Blur()
	m.focus = f
	m.listClosed = true
	m.refreshSuggestions()
	m.evaluate()
	return tea.Batch(m.inputs[f].Focus(), m.markDirty(), screen.Status(fieldLabels[f]+": "+r.value, false))
}

// loadKept reads the saved requests and the history of this world.
func (m *Model) loadKept() tea.Cmd {
	store, w := m.deps.Store, m.world()
	if store == nil || w == nil {
		return nil
	}
	label := w.Label
	return func() tea.Msg {
		ctx := context.Background()
		var out []keptRequest
		for _, kind := range []progress.RequestKind{progress.RequestSaved, progress.RequestAsked} {
			rs, err := store.PlaygroundRequests(ctx, label, kind)
			if err != nil {
				return keptMsg{err: err}
			}
			for _, r := range rs {
				if q, ok := decodeRequest(r.Request); ok {
					out = append(out, keptRequest{PlaygroundRequest: r, req: q})
				}
			}
		}
		return keptMsg{kept: out}
	}
}

func (m *Model) updateRequests(km tea.KeyPressMsg) tea.Cmd {
	k := m.KeyMap
	switch {
	case key.Matches(km, k.PickDown):
		m.reqs.cur = min(m.reqs.cur+1, max(0, len(m.kept)-1))
	case key.Matches(km, k.PickUp):
		m.reqs.cur = max(0, m.reqs.cur-1)
	case key.Matches(km, k.Accept) && m.reqs.cur < len(m.kept):
		m.setForm(m.kept[m.reqs.cur].req)
		m.listClosed = true
		m.refreshSuggestions()
		m.evaluate()
		return tea.Batch(m.closePanel(), m.markDirty())
	case key.Matches(km, k.Delete) && m.reqs.cur < len(m.kept):
		r := m.kept[m.reqs.cur]
		store := m.deps.Store
		return tea.Sequence(m.deps.Record("the deletion", func() error {
			return store.DeletePlaygroundRequest(context.Background(), r.ID)
		}), m.loadKept())
	}
	return nil
}

// saveRequest keeps the request under its own summary as its name.
func (m *Model) saveRequest() tea.Cmd {
	w, store := m.world(), m.deps.Store
	if w == nil || store == nil {
		return nil
	}
	if m.outcome == nil || m.problem != "" {
		return screen.Status("this request does not resolve yet: fix it, then ctrl+s saves it", true)
	}
	r := m.form()
	pr := progress.PlaygroundRequest{World: w.Label, Kind: progress.RequestSaved, Name: r.summary(), Request: r.encode(), Decision: string(m.outcome.Decision)}
	return tea.Batch(m.deps.Record("the request", func() error {
		_, err := store.AddPlaygroundRequest(context.Background(), pr)
		return err
	}), screen.Status("saved: "+r.summary()+" · ctrl+l lists saved requests and history", false))
}

// ask adds the current request to the history when it resolves and is new.
func (m *Model) ask() tea.Cmd {
	w, store := m.world(), m.deps.Store
	if w == nil || store == nil || m.outcome == nil || m.problem != "" {
		return nil
	}
	r := m.form()
	enc := r.encode()
	if enc == m.lastAsk {
		return nil
	}
	m.lastAsk = enc
	pr := progress.PlaygroundRequest{World: w.Label, Kind: progress.RequestAsked, Request: enc, Decision: string(m.outcome.Decision)}
	return m.deps.Record("the history", func() error {
		_, err := store.AddPlaygroundRequest(context.Background(), pr)
		return err
	})
}

// panelLines draws the panel in the lower pane, exactly h lines.
func (m *Model) panelLines(h int) []string {
	st := m.styles
	var lines []string
	cur := -1
	switch m.panel {
	case panelWorld:
		lines = append(lines, st.Pane.Title.Render("World: ")+m.worldLabel()+st.Muted.Render(" · enter puts a line into the request or opens its policy"))
		for i, r := range m.wrows {
			text := strings.Repeat("  ", r.indent) + r.text
			switch r.kind {
			case wvHeader:
				text = st.Key.Render(text)
			case wvInfo:
				text = st.Muted.Render(text)
			}
			if i == m.wv.cur {
				cur = len(lines)
				text = st.Selected.Render(ansi.Strip(text))
			}
			lines = append(lines, text)
		}
	case panelRequests:
		lines = append(lines, st.Pane.Title.Render("Requests: ")+m.worldLabel()+st.Muted.Render(" · ctrl+s saves the request on screen"))
		if len(m.kept) == 0 {
			lines = append(lines, st.Muted.Render("Nothing kept yet: a request you ask (it resolves, then you pause or press enter) goes into the history; ctrl+s saves one."))
		}
		lastKind := progress.RequestKind("")
		for i, r := range m.kept {
			if r.Kind != lastKind {
				lastKind = r.Kind
				head := "Saved"
				if r.Kind == progress.RequestAsked {
					head = "History (newest first)"
				}
				lines = append(lines, st.Key.Render(head))
			}
			text := "  " + decisionMark(r.Decision) + " " + r.req.summary()
			if i == m.reqs.cur {
				cur = len(lines)
				text = st.Selected.Render(text)
			}
			lines = append(lines, text)
		}
	case panelHelp:
		lines = m.helpLines()
		m.wv.off = min(m.wv.off, max(0, len(lines)-h))
		return window(lines, m.wv.off, h)
	}
	var wrapped []string
	curW := 0
	for i, l := range lines {
		if i == cur {
			curW = len(wrapped)
		}
		wrapped = append(wrapped, strings.Split(ansi.Wrap(l, max(10, m.width), " "), "\n")...)
	}
	off := &m.wv.off
	if m.panel == panelRequests {
		off = &m.reqs.off
	}
	if curW < *off {
		*off = curW
	}
	if curW >= *off+h {
		*off = curW - h + 1
	}
	return window(wrapped, *off, h)
}

func window(lines []string, off, h int) []string {
	off = max(0, min(off, len(lines)))
	out := append([]string{}, lines[off:min(len(lines), off+h)]...)
	for len(out) < h {
		out = append(out, "")
	}
	return out
}

func decisionMark(d string) string {
	switch d {
	case "allowed":
		return "✓"
	case "explicitDeny":
		return "✗"
	}
	return "·"
}

// helpLines explain the playground and list every key.
func (m *Model) helpLines() []string {
	st := m.styles
	out := []string{
		st.Pane.Title.Render("Playground help"),
		"Ask any request of any world and read AWS's decision with the whole trace. Type the caller, action and resource, or pick them from the world (ctrl+o). Edit the world's policies with ctrl+t: the edits live in a copy that no scenario sees, and when an edit flips the decision, \"What changed\" shows before and after side by side. Your request, world and edits are kept when you leave.",
		"",
	}
	for _, r := range [][2]string{
		{"tab", "next field (shift+tab: previous); space switches MFA on the MFA field"},
		{"↑ ↓ enter", "in a list: move, take the line (a completion, a world line, a kept request)"},
		{"enter", "with no list open: ask the request now, into the history"},
		{"esc", "close the list or panel of the moment; with none open, back to the library"},
		{"ctrl+o", "the world: accounts, principals and their policies, SCPs/RCPs, resources"},
		{"ctrl+s", "save the request; ctrl+l lists saved requests and the history (ctrl+d deletes)"},
		{"ctrl+t", "edit the world's policies (again: back to the request); ctrl+g next policy"},
		{"ctrl+r", "undo every policy edit of this world"},
		{"ctrl+y", "why not? the smallest edits of the policies (or the request's MFA, address, tags) that flip this decision, each verified; ↑↓ choose one, ctrl+x applies it to your copy of the world (ctrl+r undoes)"},
		{"ctrl+n ctrl+p", "next / previous world; each keeps its own request and edits"},
		{"pgup pgdn", "scroll the trace"},
		{"? f1", "this help"},
	} {
		desc := strings.Split(ansi.Wrap(r[1], max(10, m.width-17), " "), "\n")
		out = append(out, "  "+st.Key.Render(padRight(r[0], 14))+" "+desc[0])
		for _, d := range desc[1:] {
			out = append(out, strings.Repeat(" ", 17)+d)
		}
	}
	out = append(out, "", st.Muted.Render("esc or ? closes this help; in the Context field ? types, f1 opens the help."))
	var wrapped []string
	for _, l := range out {
		wrapped = append(wrapped, strings.Split(ansi.Wrap(l, max(10, m.width), " "), "\n")...)
	}
	return wrapped
}

func padRight(s string, n int) string {
	return s + strings.Repeat(" ", max(0, n-ansi.StringWidth(s)))
}

// worldLabel names the world, or says there is none.
func (m *Model) worldLabel() string {
	if w := m.world(); w != nil {
		return w.Label
	}
	return "no world (the library has no scenarios)"
}
