package scenario

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/internal/tui/cells"
	"github.com/iamlab/iamlab/internal/tui/nav"
	"github.com/iamlab/iamlab/internal/tui/scroll"

	"github.com/charmbracelet/x/ansi"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/tui/screen"
)

// confirmKind is a yes/no question waiting for one key.
type confirmKind int

const (
	confirmNone   confirmKind = iota
	confirmAnswer             // the last hint rung gives the answer away
	confirmReset              // throw the edits away
	confirmDraft              // another window saved a newer draft: keep which?
	confirmWhyNot             // the rung after the answer: "why not?" on every check
)

// scroller is a window over pre-rendered lines.
type scroller struct {
	lines []string
	scroll.Window
}

func (s *scroller) set(lines []string, h int) {
	s.lines, s.Height = lines, h
	s.Clamp(len(lines))
}

// update scrolls by a navigation key or the wheel.
func (s *scroller) update(msg tea.Msg, k nav.Keys) { s.Update(msg, k, len(s.lines)) }

func (s scroller) view() []string { return s.Visible(s.lines) }

// nextHint climbs the ladder one rung. The authored ladder ends with the
// answer, so it asks first; a build scenario has one rung more, "why
// not?" on every check, which asks too and states its cost. How many rungs
// remain is never shown: telling learners makes them click through to the
// answer.
func (m *Model) nextHint() tea.Cmd {
	build := m.s.Kind == scenarios.Build && m.grade == nil
	switch {
	case len(m.s.Hints) == 0:
		return screen.Status("this scenario has no hints", false)
	case m.hintsShown > len(m.s.Hints) || (m.hintsShown == len(m.s.Hints) && !build):
		return screen.Status("you have seen every hint; the briefing pane keeps them", false)
	case m.hintsShown == len(m.s.Hints):
		m.confirm = confirmWhyNot
		m.syncFocus()
		m.relayout()
		return nil
	case m.hintsShown == len(m.s.Hints)-1:
		m.confirm = confirmAnswer
		m.syncFocus()
		m.relayout()
		return nil
	}
	m.showHint()
	return nil
}

func (m *Model) showHint() {
	m.hintsShown++
	m.confirm = confirmNone
	m.syncFocus()
	m.relayout()
}

// answerConfirm handles the key that answers a y/n question.
func (m *Model) answerConfirm(msg tea.KeyPressMsg) tea.Cmd {
	kind := m.confirm
	if kind == confirmDraft {
		return m.answerDraftConflict(msg)
	}
	m.confirm = confirmNone
	yes := key.Matches(msg, m.keys.Confirm)
	switch kind {
	case confirmAnswer:
		if yes {
			m.showHint()
			return nil
		}
	case confirmWhyNot:
		if yes {
			m.showHint()
			m.why.on = true
			m.attachWhyNot()
			m.setFocus(paneTrace)
			m.keys.update(m)
			return nil
		}
	case confirmReset:
		if yes {
			return m.resetToStart()
		}
	}
	m.syncFocus()
	m.relayout()
	return nil
}

// hintLines is the pinned hint box's text: the newest rung, or the
// question before the answer.
func (m *Model) hintLines(w int) []string {
	if m.confirm == confirmAnswer {
		return wrap(m.st.Warning.Render(fmt.Sprintf("The next hint is the answer: it costs %s more of the 10 unaided points, and a solve with it loses a star. Show the answer? y / n", points(scenarios.HintCost))), max(1, w))
	}
	if m.confirm == confirmWhyNot {
		return wrap(m.st.Warning.Render(fmt.Sprintf("The last rung is why not?: on any check, the smallest edits to your policy that would make it pass, verified by the engine. It costs %s more of the 10 unaided points. Open it? y / n", points(scenarios.HintCost))), max(1, w))
	}
	if m.hintsShown == 0 {
		return nil
	}
	if m.hintsShown > len(m.s.Hints) {
		return wrap(whyNotHintText(), max(1, w))
	}
	return wrap(reflow(m.s.Hints[m.hintsShown-1]), max(1, w))
}

func (m *Model) hintTitle() string {
	if m.confirm == confirmAnswer {
		return "Hint: the answer?"
	}
	if m.confirm == confirmWhyNot {
		return "Hint: why not?"
	}
	return fmt.Sprintf("Hint %d · −%s points", m.hintsShown, points(scenarios.HintCost*float64(m.hintsShown)))
}

func points(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// hintBox renders the pinned hint box.
func (m *Model) hintBox() []string {
	r := m.lay.hint
	if r.h <= 0 {
		return nil
	}
	lines := m.hintLines(r.w - 2)
	if max := r.h - 2; len(lines) > max && max > 0 {
		lines = append(lines[:max-1:max-1], m.st.Muted.Render("… the whole hint is in the briefing (b)"))
	}
	return m.box(r, m.confirm == confirmAnswer || m.confirm == confirmWhyNot, m.hintTitle(), "", lines)
}

// hintSection is the briefing's list of the hints opened so far.
func (m *Model) hintSection(w int) []string {
	if m.hintsShown == 0 {
		return nil
	}
	out := []string{"", m.st.Bold.Render("Hints you opened")}
	for i := 0; i < min(m.hintsShown, len(m.s.Hints)); i++ {
		out = append(out, hang(fmt.Sprintf("%d. ", i+1), reflow(m.s.Hints[i]), w)...)
	}
	if m.hintsShown > len(m.s.Hints) {
		out = append(out, hang(fmt.Sprintf("%d. ", m.hintsShown), whyNotHintText(), w)...)
	}
	return out
}

// refreshBriefing rebuilds the briefing pane's lines for its size.
// briefingNeed is how many lines the briefing (with the hints shown) takes
// at a pane width.
func (m *Model) briefingNeed(w int) int {
	in := rect{w: max(0, w-2)}
	lines := dropTitle(m.markdown(mdBriefing, in.w), m.s.Title)
	return len(lines) + len(m.hintSection(in.w))
}

func (m *Model) refreshBriefing(in rect) {
	lines := dropTitle(m.markdown(mdBriefing, in.w), m.s.Title)
	lines = append(lines, m.hintSection(in.w)...)
	m.briefing.set(lines, in.h)
}

// dropTitle leaves out a leading heading that repeats the scenario's title
// (the header already shows it) and the blank lines after it.
func dropTitle(lines []string, title string) []string {
	out := lines
	if len(out) > 0 && strings.TrimLeft(strings.TrimSpace(ansi.Strip(out[0])), "# ") == strings.TrimSpace(title) {
		out = out[1:]
	}
	for len(out) > 0 && strings.TrimSpace(ansi.Strip(out[0])) == "" {
		out = out[1:]
	}
	return append([]string(nil), out...)
}

// reflow joins the lines of each paragraph of authored text (YAML block
// scalars keep the author's line breaks), so it can be wrapped to the pane.
func reflow(s string) string {
	paras := strings.Split(strings.TrimSpace(s), "\n\n")
	for i, p := range paras {
		paras[i] = strings.Join(strings.Fields(p), " ")
	}
	return strings.Join(paras, "\n\n")
}

// hang wraps text after a first-line prefix, indenting the continuation
// lines by the prefix's width.
func hang(prefix, text string, w int) []string {
	pw := cells.Width(prefix)
	lines := wrap(text, max(1, w-pw))
	pad := strings.Repeat(" ", pw)
	for i := range lines {
		if i == 0 {
			lines[i] = prefix + lines[i]
		} else {
			lines[i] = pad + lines[i]
		}
	}
	return lines
}
