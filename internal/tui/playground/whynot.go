package playground

import (
	"sort"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/tui/trace"
	"github.com/iamlab/iamlab/internal/whynot"
)

// whyState is "why not?" on the current request: the smallest edits of the
// world's policies (or the request's values) that flip its decision. The
// search runs in a command and its answers are kept by the request and
// the world's edited text; a chosen proposal is applied to the playground's
// copy of the world the way a typed edit is, so "what changed" and saving
// see it.
type whyState struct {
	on      bool
	sel     int
	answers trace.Searches[*whynot.Answer]
}

type whyNotMsg struct {
	key string
	ans *whynot.Answer
	err error
}

// whyKey names the request in the current world: the world, every field
// of the form, and the text of every edited document.
func (m *Model) whyKey() string {
	var b strings.Builder
	b.WriteString(m.worlds[m.wi].Label + "\x00" + m.mfa.String() + "\x00")
	for f := range m.inputs {
		b.WriteString(m.inputs[f].Value() + "\x00")
	}
	texts := m.pol.texts[m.wi]
	ids := make([]string, 0, len(texts))
	for id := range texts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		b.WriteString(id + "\x00" + texts[id] + "\x00")
	}
	return b.String()
}

// whyReady: there is a request that evaluates.
func (m *Model) whyReady() bool {
	return m.world() != nil && m.outcome != nil && m.problem == "" && m.pol.broken == ""
}

// toggleWhyNot is ctrl+y.
func (m *Model) toggleWhyNot() {
	m.why.on = !m.why.on
	m.why.sel = 0
	m.attachWhyNot()
}

// whyAnswer is the cached answer for the request as it stands, if any.
func (m *Model) whyAnswer() *whynot.Answer {
	if !m.why.on || !m.whyReady() {
		return nil
	}
	ans, _ := m.why.answers.Get(m.whyKey())
	return ans
}

// attachWhyNot draws the section under the trace, or removes it.
func (m *Model) attachWhyNot() {
	if !m.why.on || !m.whyReady() {
		m.trace.SetWhyNot(nil)
		return
	}
	ans := m.whyAnswer()
	if ans == nil {
		m.trace.SetWhyNot(&trace.WhyNot{Pending: true, Selected: -1})
		m.trace.ScrollTo(m.trace.WhyNotLine())
		return
	}
	sec := trace.FromAnswer(*ans)
	if len(sec.Proposals) > 0 {
		m.why.sel = min(max(0, m.why.sel), len(sec.Proposals)-1)
		sec.Selected = m.why.sel
		sec.Note = "↑↓ choose · ctrl+x applies it to your copy of the world · ctrl+r undoes every policy edit"
	}
	m.trace.SetWhyNot(sec)
	// While it is on, the section is what the learner reads: keep it in
	// view as the request changes (pgup reaches the trace above it).
	m.trace.ScrollTo(m.trace.WhyNotLine())
}

// whyNotCmd starts the search for the request when the section is on and
// no answer for it is cached or on its way.
func (m *Model) whyNotCmd() tea.Cmd {
	if !m.why.on || !m.whyReady() {
		return nil
	}
	key := m.whyKey()
	if !m.why.answers.Start(key) {
		return nil
	}
	sub := &whynot.WorldCall{World: m.current(), Call: m.call()}
	return func() tea.Msg {
		ans, err := whynot.Find(sub, whynot.Options{})
		return whyNotMsg{key: key, ans: &ans, err: err}
	}
}

func (m *Model) gotWhyNot(msg whyNotMsg) {
	ans := msg.ans
	if msg.err != nil {
		ans = &whynot.Answer{Error: msg.err.Error()}
	}
	m.why.answers.Put(msg.key, ans)
	if msg.key == m.whyKey() {
		m.attachWhyNot()
	}
}

// moveWhyNot changes the chosen proposal.
func (m *Model) moveWhyNot(d int) {
	if ans := m.whyAnswer(); ans != nil && len(ans.Proposals) > 0 {
		m.why.sel = (m.why.sel + d + len(ans.Proposals)) % len(ans.Proposals)
		m.attachWhyNot()
	}
}

// whyChoosing: ↑↓ choose a proposal while the section shows proposals and
// no completion list wants the arrows.
func (m *Model) whyChoosing() bool {
	ans := m.whyAnswer()
	return ans != nil && len(ans.Proposals) > 0 && !m.listOpen()
}

// applyWhyNot is ctrl+x: the chosen proposal's document edits go into the
// world copy through the same path as typing (the texts saved with the
// drafts, the edited world that "what changed" compares), and its request
// values into the form.
func (m *Model) applyWhyNot() tea.Cmd {
	ans := m.whyAnswer()
	if ans == nil || len(ans.Proposals) == 0 {
		return nil
	}
	p := ans.Proposals[min(m.why.sel, len(ans.Proposals)-1)]
	srcs := p.Sources()
	ids := make([]string, 0, len(srcs))
	for id := range srcs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	w := m.current()
	for _, id := range ids {
		nw, err := w.WithDocument(id, srcs[id])
		if err != nil {
			m.notice = "could not apply: " + firstLine(err.Error())
			return nil
		}
		w = nw
		if m.pol.texts == nil {
			m.pol.texts = map[int]map[string]string{}
		}
		if m.pol.texts[m.wi] == nil {
			m.pol.texts[m.wi] = map[string]string{}
		}
		m.pol.texts[m.wi][id] = srcs[id]
	}
	if len(ids) > 0 {
		if m.pol.edited == nil {
			m.pol.edited = map[int]*sandbox.World{}
		}
		m.pol.edited[m.wi] = w
	}
	m.applyContext(p.Context())
	m.why.sel = 0
	m.evaluate()
	if len(ids) > 0 {
		// Show the edited document, leaving the focus on the request.
		for i, d := range m.docs() {
			if d.ID == ids[0] {
				m.pol.open, m.pol.doc = true, i
				m.loadDoc()
			}
		}
		m.layout()
	}
	m.notice = "applied: " + p.Edits[0].Summary
	return m.markDirty()
}

// applyContext puts a proposal's request values into the form: MFA and
// the source address have their own fields, other keys join the context.
func (m *Model) applyContext(ctx map[string]string) {
	for k, v := range ctx {
		switch strings.ToLower(k) {
		case "aws:multifactorauthpresent":
			m.mfa = mfaOff
			if v == "true" {
				m.mfa = mfaOn
			}
		case "aws:sourceip":
			m.inputs[fIP].SetValue(v)
		default:
			cur := strings.TrimSpace(m.inputs[fContext].Value())
			if cur != "" {
				cur += "; "
			}
			m.inputs[fContext].SetValue(cur + k + "=" + v)
		}
	}
}
