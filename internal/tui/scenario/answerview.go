package scenario

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/tui/screen"
)

// layoutAnswer places the panes of predict and choose scenarios.
func (m *Model) layoutAnswer(l *layout, body rect) {
	traced := m.traced()
	if l.narrow {
		p := m.focus
		if p != paneBriefing && p != paneWorld && !((p == paneTrace || p == paneChecks) && traced) {
			p = paneQuestion
		}
		hr := min(m.hintRows(body.w), body.h/3)
		l.hint = rect{body.x, body.y, body.w, hr}
		body = rect{body.x, body.y + hr, body.w, body.h - hr}
		if p == paneTrace || p == paneChecks {
			ch := min(m.checkRows()+2, 6)
			if p == paneChecks {
				ch = min(m.checkRows()+2, body.h/2)
			}
			l.panes[paneChecks] = rect{body.x, body.y, body.w, ch}
			l.panes[paneTrace] = rect{body.x, body.y + ch, body.w, body.h - ch}
			return
		}
		l.panes[p] = body
		return
	}
	leftW := min(max(body.w*40/100, 36), 60)
	rightW := body.w - leftW
	bh := body.h / 2
	l.panes[paneBriefing] = rect{body.x, body.y, leftW, bh}
	l.panes[paneWorld] = rect{body.x, body.y + bh, leftW, body.h - bh}
	hr := min(m.hintRows(rightW), body.h/3)
	l.hint = rect{body.x + leftW, body.y, rightW, hr}
	qh := body.h - hr
	if traced {
		qh = max(8, (body.h-hr)*40/100)
		ch := min(m.checkRows()+2, 8)
		l.panes[paneChecks] = rect{body.x + leftW, body.y + hr + qh, rightW, ch}
		l.panes[paneTrace] = rect{body.x + leftW, body.y + hr + qh + ch, rightW, body.h - hr - qh - ch}
	}
	l.panes[paneQuestion] = rect{body.x + leftW, body.y + hr, rightW, qh}
}

// traced reports whether the requests and their traces are on screen:
// after the reveal, when there is any (the predicted request, the facts
// the author listed as checks).
func (m *Model) traced() bool { return m.ans.revealed && len(m.checks.results) > 0 }

// refreshQuestion rebuilds the question pane's lines for its size.
func (m *Model) refreshQuestion(in rect) {
	if in.w <= 0 {
		return
	}
	w := in.w - 1
	var out []string
	if m.s.Kind == scenarios.Predict {
		out = m.predictLines(w)
	} else {
		out = m.chooseLines(w)
	}
	m.ans.scroll.set(out, in.h) // keeps the offset, within the new lines
}

// clickChoice picks the choice on a clicked row of the question pane.
func (m *Model) clickChoice(row int) tea.Cmd {
	i := m.ans.scroll.Off + row - m.ans.choiceAt
	if m.ans.revealed || row < 0 || i < 0 || i >= len(m.ans.choiceRows) {
		return nil
	}
	c := m.ans.choiceRows[i]
	cs := m.stepChoices()
	if c >= len(cs) {
		return nil
	}
	m.ans.cursor = c
	if m.s.Kind == scenarios.Choose && m.ans.step == 0 && m.multi() {
		m.ans.picked[c] = !m.ans.picked[c]
		m.refreshQuestion(m.lay.panes[paneQuestion].inner())
		return nil
	}
	return m.pick(cs[c])
}

// choiceLines draws the current step's choices with the cursor, starting
// at line `at` of the pane (remembered with each line's choice, for clicks).
func (m *Model) choiceLines(at, w int) []string {
	var idx []int
	defer func() { m.ans.choiceAt, m.ans.choiceRows = at, idx }()
	st := m.st
	cs := m.stepChoices()
	choosing := m.s.Kind == scenarios.Choose && m.ans.step == 0
	var out []string
	for i, c := range cs {
		// Labelled as on the quiz: the letter that picks it, the number
		// on the confidence step (1 sure, 2 think so, 3 guess).
		mark := optionLetter(i) + ") "
		if m.confidenceStep() {
			mark = fmt.Sprintf("%d) ", i+1)
		}
		if choosing {
			box := "( )"
			if m.multi() {
				box = "[ ]"
				if m.ans.picked[i] {
					box = "[x]"
				}
			}
			mark = box + " " + optionLetter(i) + ") "
		}
		text := c.label
		if c.note != "" {
			text += " — " + c.note
		}
		// Continuation lines hang under the text, past the letter.
		ls := hang(mark, text, w-2)
		for j, l := range ls {
			prefix := "  "
			if j == 0 && i == m.ans.cursor {
				prefix = "› " // the quiz's cursor
			}
			line := prefix + l
			idx = append(idx, i)
			if i == m.ans.cursor {
				line = st.Selected.Render(fit(line, w))
			}
			out = append(out, line)
		}
	}
	return out
}

// optionLetter is the letter of option i, the quiz's.
func optionLetter(i int) string {
	if i < len(screen.AnswerLetters) {
		return screen.AnswerLetters[i]
	}
	return fmt.Sprint(i + 1)
}

func (m *Model) predictLines(w int) []string {
	st := m.st
	p := m.s.Predict
	out := []string{st.Bold.Render("The request")}
	if p != nil {
		out = append(out, wrap(callWords(p.Call), w)...)
	}
	out = append(out, "")
	a := &m.ans
	if !a.revealed {
		for _, c := range m.committed() {
			out = append(out, st.Muted.Render("✔ "+c))
		}
		out = append(out, st.Bold.Render(m.stepTitle()))
		out = append(out, m.choiceLines(len(out), w)...)
		out = append(out, "", st.Muted.Render("Nothing is revealed until you commit all three."))
		return out
	}
	g := a.grade
	mark := func(ok bool) string {
		if ok {
			return st.Verdict.Pass.RenderSymbol()
		}
		return st.Verdict.Fail.RenderSymbol()
	}
	decOK := a.decision == string(p.Decision)
	layOK := a.layer == string(p.DecidedBy)
	out = append(out, st.Bold.Render("Your prediction"))
	out = append(out, mark(decOK)+" decision: "+a.decision+answerNote(decOK, string(p.Decision)))
	out = append(out, mark(layOK)+" deciding layer: "+a.layer+answerNote(layOK, string(p.DecidedBy)))
	out = append(out, "  confidence: "+choiceLabel(confidenceChoices, a.confidence))
	out = append(out, m.calibration(decOK && layOK, w)...)
	out = append(out, "", st.Bold.Render("Why"))
	out = append(out, wrap(reflow(p.Why), w)...)
	out = append(out, m.answerScoreLines(g, w)...)
	out = append(out, m.debriefLines(w)...)
	return out
}

func answerNote(ok bool, want string) string {
	if ok {
		return "  (right)"
	}
	return "  (the answer is " + want + ")"
}

// calibration says a word about confidence against the outcome: errors
// made while sure are the ones most worth a second look.
func (m *Model) calibration(right bool, w int) []string {
	c := m.ans.confidence
	where, why := "the trace, step by step", "the trace shows why."
	if m.s.Kind == scenarios.Choose {
		where, why = "why each option is right or wrong", "the explanations below show why."
	}
	switch {
	case !right && c == "sure":
		return wrap(m.st.Warning.Render("You were sure and it went the other way: read "+where+". This one comes back in review."), w)
	case right && c == "guess":
		return wrap(m.st.Muted.Render("Right, though you guessed: "+why), w)
	}
	return nil
}

func (m *Model) chooseLines(w int) []string {
	st := m.st
	q := m.s.Choose
	var out []string
	out = append(out, m.markdown(mdQuestion, w)...)
	out = append(out, "")
	a := &m.ans
	if q == nil {
		return out
	}
	if !a.revealed {
		for _, c := range m.committed() {
			out = append(out, st.Muted.Render("✔ "+c))
		}
		out = append(out, st.Bold.Render(m.stepTitle()))
		if a.step == 0 {
			out = append(out, m.choiceLines(len(out), w)...)
		} else {
			for i, o := range q.Options {
				if a.picked[i] {
					for _, l := range hang("  "+optionLetter(i)+") ", reflow(o.Text), w) {
						out = append(out, st.Muted.Render(l))
					}
				}
			}
			out = append(out, "")
			out = append(out, m.choiceLines(len(out), w)...)
		}
		return out
	}
	g := a.grade
	head := st.Verdict.Pass.RenderSymbol() + " " + st.Bold.Render("Right")
	if !g.Solved {
		head = st.Verdict.Fail.RenderSymbol() + " " + st.Bold.Render("Not quite")
	}
	out = append(out, head+st.Muted.Render("  · confidence: "+choiceLabel(confidenceChoices, a.confidence)))
	out = append(out, m.calibration(g.Solved, w)...)
	out = append(out, "")
	for i, o := range q.Options {
		b := st.Verdict.Fail
		word := "wrong"
		if o.Correct {
			b, word = st.Verdict.Pass, "correct"
		}
		pick := ""
		if a.picked[i] {
			pick = " · your pick"
		}
		out = append(out, hang(b.RenderSymbol()+" "+optionLetter(i)+") ", reflow(o.Text)+st.Muted.Render("  ("+word+pick+")"), w)...)
		for _, l := range wrap(reflow(o.Why), w-4) {
			out = append(out, "    "+st.Muted.Render(l))
		}
	}
	out = append(out, m.answerScoreLines(g, w)...)
	out = append(out, m.debriefLines(w)...)
	return out
}

// debriefLines is the debrief under a label, unless it opens with its own
// heading.
func (m *Model) debriefLines(w int) []string {
	if m.s.Debrief == "" {
		return nil
	}
	out := []string{""}
	if !strings.HasPrefix(strings.TrimSpace(m.s.Debrief), "#") {
		out = append(out, m.st.Bold.Render("Debrief"))
	}
	return append(out, m.markdown(mdDebrief, w)...)
}
