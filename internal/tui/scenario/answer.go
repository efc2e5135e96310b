package scenario

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/progress"
	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/scenarios"
	"github.com/iamlab/iamlab/internal/tui/nav"
	"github.com/iamlab/iamlab/internal/tui/screen"
)

// choice is one option of an answer step.
type choice struct {
	value string
	label string
	note  string
}

var decisionChoices = []choice{
	{string(eval.Allowed), "allowed", "every layer that must allow does"},
	{string(eval.ExplicitDeny), "explicitDeny", "a Deny statement (or a rule) refuses it"},
	{string(eval.ImplicitDeny), "implicitDeny", "nothing that must allow it does"},
}

var layerChoices = []choice{
	{string(eval.LayerSCP), "scp", "service control policies"},
	{string(eval.LayerRCP), "rcp", "resource control policies"},
	{string(eval.LayerEndpoint), "vpcEndpoint", "VPC endpoint policy"},
	{string(eval.LayerResource), "resource", "resource-based policy"},
	{string(eval.LayerIdentity), "identity", "identity-based policies"},
	{string(eval.LayerBoundary), "boundary", "permissions boundary"},
	{string(eval.LayerSession), "session", "session policy"},
	{string(sandbox.LayerServiceRule), "serviceRule", "a service's own rule (MFA Delete, Block Public Access…)"},
	{string(eval.LayerRoot), "root", "the root user's own access"},
}

var confidenceChoices = []choice{
	{string(progress.Sure), "sure", ""},
	{string(progress.ThinkSo), "think so", ""},
	{string(progress.Guess), "guess", ""},
}

// answerState is a predict or choose scenario in progress. The learner
// commits every step before anything is revealed.
type answerState struct {
	step       int // predict: 0 decision, 1 layer, 2 confidence; choose: 0 options, 1 confidence
	cursor     int
	decision   string
	layer      string
	confidence string
	picked     map[int]bool
	revealed   bool
	grade      *scenarios.Grade
	request    scenarios.Check // the predicted request, as a check with a trace
	scroll     scroller
	choiceAt   int   // the pane line where the choices start
	choiceRows []int // the choice each of those lines belongs to
}

func (m *Model) initAnswer() {
	m.ans = answerState{picked: map[int]bool{}}
}

// steps are the choices of the current step.
func (m *Model) stepChoices() []choice {
	a := &m.ans
	if m.s.Kind == scenarios.Predict {
		switch a.step {
		case 0:
			return decisionChoices
		case 1:
			return layerChoices
		}
		return confidenceChoices
	}
	if a.step == 0 && m.s.Choose != nil {
		out := make([]choice, len(m.s.Choose.Options))
		for i, o := range m.s.Choose.Options {
			out[i] = choice{value: fmt.Sprint(i), label: o.Text}
		}
		return out
	}
	return confidenceChoices
}

// confidenceStep is true on the "how sure are you?" step, whose choices
// are numbered 1–3 as the quiz's confidence keys are.
func (m *Model) confidenceStep() bool {
	a := &m.ans
	return !a.revealed && a.step == m.lastStep()
}

// answerKey is true for a key that picks one of the current step's
// choices: it goes to the question before the screen's own letters (b, h).
func (m *Model) answerKey(msg tea.KeyPressMsg) bool {
	i := screen.AnswerIndex(msg.String())
	return m.focus == paneQuestion && !m.ans.revealed && i >= 0 && i < len(m.stepChoices())
}

func (m *Model) lastStep() int {
	if m.s.Kind == scenarios.Predict {
		return 2
	}
	return 1
}

func (m *Model) multi() bool { return m.s.Choose != nil && m.s.Choose.Multi() }

// updateAnswer handles keys in the question pane.
func (m *Model) updateAnswer(msg tea.KeyPressMsg) tea.Cmd {
	a := &m.ans
	k := &m.keys
	if a.revealed {
		a.scroll.update(msg, k.Keys)
		return nil
	}
	cs := m.stepChoices()
	choosing := m.s.Kind == scenarios.Choose && a.step == 0
	switch {
	case key.Matches(msg, k.Up):
		a.cursor = (a.cursor - 1 + len(cs)) % len(cs)
	case key.Matches(msg, k.Down):
		a.cursor = (a.cursor + 1) % len(cs)
	case key.Matches(msg, k.StepBack):
		if a.step > 0 {
			a.step--
			a.cursor = 0
		}
	case choosing && m.multi() && key.Matches(msg, k.Toggle):
		a.picked[a.cursor] = !a.picked[a.cursor]
	case screen.AnswerIndex(msg.String()) >= 0:
		// The letter shown, or the number, as on the quiz.
		i := screen.AnswerIndex(msg.String())
		if i < len(cs) {
			a.cursor = i
			if choosing && m.multi() {
				a.picked[i] = !a.picked[i]
				break
			}
			return m.pick(cs[i])
		}
	case key.Matches(msg, k.Pick):
		return m.pick(cs[a.cursor])
	}
	m.refreshQuestion(m.lay.panes[paneQuestion].inner())
	return nil
}

// pick commits the current step.
func (m *Model) pick(c choice) tea.Cmd {
	a := &m.ans
	switch {
	case m.s.Kind == scenarios.Predict && a.step == 0:
		a.decision = c.value
	case m.s.Kind == scenarios.Predict && a.step == 1:
		a.layer = c.value
	case m.s.Kind == scenarios.Choose && a.step == 0:
		if !m.multi() {
			a.picked = map[int]bool{a.cursor: true}
			break
		}
		// As on the exam, a "choose N" question is answered with exactly N
		// picks: enter with fewer or more says so instead of moving on.
		if want, got := m.correctCount(), countTrue(a.picked); got != want {
			return screen.Status(fmt.Sprintf("Choose %d: you have picked %d. Space selects or clears an answer; enter confirms.", want, got), false)
		}
	default:
		a.confidence = c.value
	}
	if a.step < m.lastStep() {
		a.step++
		a.cursor = 0
		m.refreshQuestion(m.lay.panes[paneQuestion].inner())
		return nil
	}
	return m.reveal()
}

func countTrue(m map[int]bool) int {
	n := 0
	for _, v := range m {
		if v {
			n++
		}
	}
	return n
}

// correctCount is how many options a choose question wants picked.
func (m *Model) correctCount() int {
	n := 0
	if m.s.Choose != nil {
		for _, o := range m.s.Choose.Options {
			if o.Correct {
				n++
			}
		}
	}
	return n
}

// reveal grades the answer, shows the trace or the explanations, and
// records the attempt.
func (m *Model) reveal() tea.Cmd {
	a := &m.ans
	a.revealed = true
	var g scenarios.Grade
	m.checks.results = nil
	if m.s.Kind == scenarios.Predict && m.s.Predict != nil {
		g = scenarios.GradePredict(m.s, eval.Decision(a.decision), eval.Layer(a.layer), m.hintsShown, m.priorAttempts+1)
		p := m.s.Predict
		a.request = scenarios.Check{Name: "the request you predicted", Call: p.Call, Expect: scenarios.Expect(p.Decision), DecidedBy: p.DecidedBy}
		m.checks.results = append(m.checks.results, scenarios.RunCheck(&a.request, m.s.World))
	} else {
		g = scenarios.GradeChoice(m.s, m.pickedList(), m.hintsShown, m.priorAttempts+1)
	}
	// The facts the author checked are requests with traces too.
	for i := range m.s.Checks {
		m.checks.results = append(m.checks.results, scenarios.RunCheck(&m.s.Checks[i], m.s.World))
	}
	m.checks.checkSel, m.checks.traceFor = 0, -1
	m.refreshTrace(true)
	a.grade = &g
	a.scroll.Top()
	m.syncFocus()
	m.relayout()
	return tea.Batch(m.recordAnswer(g), m.renderMarkdown())
}

func (m *Model) pickedList() []int {
	var out []int
	for i, v := range m.ans.picked {
		if v {
			out = append(out, i)
		}
	}
	sort.Ints(out)
	return out
}

// recordAnswer stores a predict or choose attempt with the confidence the
// learner gave before the reveal.
func (m *Model) recordAnswer(g scenarios.Grade) tea.Cmd {
	at := m.baseAttempt(g)
	at.Confidence = progress.Confidence(m.ans.confidence)
	if g.Practice {
		at.Mode = string(progress.Practice)
	}
	if m.s.Kind == scenarios.Predict && m.s.Predict != nil {
		p := m.s.Predict
		at.Checks = []progress.CheckResult{
			{Name: "decision", Want: string(p.Decision), Got: m.ans.decision, Passed: m.ans.decision == string(p.Decision)},
			{Name: "deciding layer", Want: string(p.DecidedBy), Got: m.ans.layer, Passed: m.ans.layer == string(p.DecidedBy)},
		}
	} else if m.s.Choose != nil {
		for i, o := range m.s.Choose.Options {
			want, got := "not picked", "not picked"
			if o.Correct {
				want = "picked"
			}
			if m.ans.picked[i] {
				got = "picked"
			}
			at.Checks = append(at.Checks, progress.CheckResult{Name: fitWords(o.Text, 60), Want: want, Got: got, Passed: want == got})
		}
	}
	store := m.deps.Store
	if store == nil {
		return nil
	}
	return m.deps.Record("your answer", func() error {
		_, err := store.RecordAttempt(context.Background(), at)
		return err
	})
}

func timeMinutes(n int) time.Duration { return time.Duration(n) * time.Minute }

// choiceLabel names a committed value.
func choiceLabel(cs []choice, v string) string {
	for _, c := range cs {
		if c.value == v {
			return c.label
		}
	}
	return v
}

// answerKeys are the footer's keys for the question pane.
func (m *Model) answerKeys() []key.Binding {
	k := &m.keys
	if m.ans.revealed {
		return []key.Binding{k.Up, k.Down, k.HintKey, k.NextPane}
	}
	out := []key.Binding{k.Up, k.Down}
	if m.s.Kind == scenarios.Choose && m.ans.step == 0 && m.multi() {
		out = append(out, k.Toggle, nav.WithHelp(k.Pick, "enter", "confirm"))
	} else {
		qp := k.QuickPick
		if n := len(m.stepChoices()); n < 10 {
			help := fmt.Sprintf("%s-%s", screen.AnswerLetters[0], screen.AnswerLetters[n-1])
			if m.confidenceStep() {
				help = fmt.Sprintf("1-%d", n)
			}
			qp.SetHelp(help, "pick")
		}
		out = append(out, k.Pick, qp)
	}
	if m.ans.step > 0 {
		out = append(out, k.StepBack)
	}
	return append(out, k.HintKey, k.NextPane)
}

// stepTitle asks the question of the current step.
func (m *Model) stepTitle() string {
	a := &m.ans
	n := m.lastStep() + 1
	switch {
	case m.s.Kind == scenarios.Predict && a.step == 0:
		return fmt.Sprintf("Step 1 of %d: what does AWS decide?", n)
	case m.s.Kind == scenarios.Predict && a.step == 1:
		return fmt.Sprintf("Step 2 of %d: which layer decides?", n)
	case m.s.Kind == scenarios.Choose && a.step == 0:
		if m.multi() {
			return fmt.Sprintf("Step 1 of %d: pick every correct answer (space selects, enter confirms)", n)
		}
		return fmt.Sprintf("Step 1 of %d: pick one answer", n)
	}
	return fmt.Sprintf("Step %d of %d: how sure are you?", a.step+1, n)
}

// committed lists the answers given so far, before the reveal.
func (m *Model) committed() []string {
	a := &m.ans
	var out []string
	if a.decision != "" && a.step > 0 {
		out = append(out, "decision: "+a.decision)
	}
	if a.layer != "" && a.step > 1 {
		out = append(out, "deciding layer: "+a.layer)
	}
	if m.s.Kind == scenarios.Choose && a.step > 0 {
		var ps []string
		for _, i := range m.pickedList() {
			ps = append(ps, optionLetter(i))
		}
		out = append(out, "your pick: "+strings.Join(ps, ", "))
	}
	return out
}
