// Package playground is the screen for free experiments: any world of the
// library, any caller, action, resource and context, evaluated on every
// keystroke with the whole trace — what the AWS policy simulator does,
// offline. Nothing done here changes a scenario.
package playground

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/tui/editor"
	"github.com/iamlab/iamlab/internal/tui/nav"
	"github.com/iamlab/iamlab/internal/tui/screen"
	"github.com/iamlab/iamlab/internal/tui/theme"
	"github.com/iamlab/iamlab/internal/tui/trace"
)

type field int

const (
	fCaller field = iota
	fAction
	fResource
	fMFA
	fIP
	fEndpoint
	fTime
	fContext
	nFields
)

var fieldLabels = [nFields]string{"Caller", "Action", "Resource", "MFA", "Source IP", "VPC endpoint", "Time", "Context"}

// mfaState is the MFA toggle: the caller kind's default, on, or off.
type mfaState int

const (
	mfaDefault mfaState = iota
	mfaOn
	mfaOff
)

func (s mfaState) String() string {
	switch s {
	case mfaOn:
		return "with MFA"
	case mfaOff:
		return "without MFA"
	}
	return "default (long-term keys for users)"
}

// Model is the playground.
type Model struct {
	KeyMap KeyMap
	deps   screen.Deps
	styles *theme.Styles
	worlds []World
	wi     int

	inputs [nFields]textinput.Model
	mfa    mfaState
	focus  field
	sugg   []string
	pick   int

	// listClosed is set when esc closed the completion list; typing opens
	// it again.
	listClosed bool

	outcome *sandbox.Outcome
	// before is the same request against the unedited world, kept only
	// while a policy edit flips the decision.
	before  *sandbox.Outcome
	problem string
	trace   trace.Model
	pol     policies

	// panel is what the lower pane shows instead of the trace.
	panel panel
	wv    listState // the world view
	wrows []wvRow
	reqs  listState // saved requests and history
	kept  []keptRequest

	// forms keeps each world's request while the learner moves between
	// worlds in one visit.
	forms map[int]request

	// Saving: the drafts are written saveDelay after the last change.
	loaded  map[int]bool
	dirty   bool
	saveSeq int
	notice  string
	lastAsk string // the request last added to the history

	why whyState // "why not?" on the current request

	width, height int
}

// panel is the lower pane's content.
type panel int

const (
	panelNone panel = iota // the trace
	panelWorld
	panelRequests
	panelHelp
)

// listState is a cursor over a list of rows.
type listState struct{ cur, off int }

// New opens the playground on the worlds given, starting with start.
func New(deps screen.Deps, worlds []World, start int) *Model {
	m := &Model{KeyMap: DefaultKeyMap(), deps: deps, worlds: worlds, wi: max(0, min(start, len(worlds)-1)), trace: trace.New(nil)}
	m.pol.ed = editor.New(nil)
	m.pol.ed.KeyMap.External.SetEnabled(false) // a playground edit has no file to hand to $EDITOR
	placeholders := [nFields]string{
		"user alice · role deploy assumed by bob · the app on instance i-0abc · anyone",
		"s3:GetObject",
		"s3://bucket/key · table Orders · arn:aws:…",
		"", sandbox.DefaultSourceIP, "vpce-… (the call goes through it)", sandbox.DefaultTime,
		"key=value; s3:prefix=home/; aws:TagKeys=a,b",
	}
	for i := range m.inputs {
		ti := textinput.New()
		ti.Prompt = ""
		ti.Placeholder = placeholders[i]
		ti.SetVirtualCursor(false)
		m.inputs[i] = ti
	}
	m.startRequest()
	m.inputs[fCaller].Focus()
	m.restore()
	return m
}

func (m *Model) world() *World {
	if len(m.worlds) == 0 {
		return nil
	}
	return &m.worlds[m.wi]
}

// Init evaluates the starting request.
func (m *Model) Init() tea.Cmd {
	m.evaluate()
	return nil
}

// SetStyles adopts a palette.
func (m *Model) SetStyles(s *theme.Styles) {
	m.styles = s
	m.trace.SetStyles(s)
	m.pol.ed.SetStyles(s)
	if m.outcome == nil {
		m.evaluate()
	}
}

// Breadcrumb names the screen and the world.
func (m *Model) Breadcrumb() []string {
	if w := m.world(); w != nil {
		return []string{"Playground", w.Label}
	}
	return []string{"Playground"}
}

// Meta tells the learner the playground is a sandbox.
func (m *Model) Meta() string { return "sandbox · nothing here changes a scenario" }

// CapturesText: every field, and the policy editor, takes typing.
func (m *Model) CapturesText() bool { return true }

// ShortHelp lists the keys of the moment, few enough to fit 80 columns
// with the root's quit key; ? shows the rest.
func (m *Model) ShortHelp() []key.Binding {
	k := m.KeyMap
	switch {
	case m.pol.focused:
		return []key.Binding{nav.Relabel(k.Policies, "request"), k.NextDoc, nav.Relabel(k.ResetDocs, "undo edits"), nav.Relabel(k.LeaveEditor, "back")}
	case m.panel == panelWorld:
		return []key.Binding{k.PickDown, nav.Relabel(k.Accept, "use in request"), nav.Relabel(k.Back, "close")}
	case m.panel == panelRequests:
		return []key.Binding{k.PickDown, nav.Relabel(k.Accept, "load"), k.Delete, nav.Relabel(k.Back, "close")}
	case m.panel == panelHelp:
		return []key.Binding{nav.Relabel(k.Back, "close help")}
	case m.listOpen():
		return []key.Binding{k.PickDown, nav.Relabel(k.Accept, "take"), k.CloseList}
	}
	first := nav.Relabel(k.NextField, "field")
	if m.focus == fMFA {
		first = nav.Relabel(k.Toggle, "MFA")
	}
	if m.whyChoosing() {
		return []key.Binding{nav.Relabel(k.PickDown, "choose"), k.ApplyWhyNot, nav.Relabel(k.WhyNot, "hide why not?"), k.Help}
	}
	if m.width < 100 {
		// 80 columns hold five keys and the root's quit; the saved
		// requests are in the help (?).
		return []key.Binding{first, k.WhyNot, k.WorldView, nav.Relabel(k.Policies, "edit"), k.Help}
	}
	return []key.Binding{first, k.WhyNot, k.WorldView, nav.Relabel(k.Policies, "edit"), nav.Relabel(k.Requests, "saved"), k.Help}
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.KeyMap
	return [][]key.Binding{
		{k.NextField, k.PrevField, k.PickUp, k.PickDown, k.Accept, k.CloseList, k.Toggle},
		{k.WorldView, k.Requests, k.SaveRequest, k.Delete, k.NextWorld, k.PrevWorld},
		{k.Policies, k.NextDoc, k.ResetDocs, k.TraceUp, k.TraceDown, k.Help, k.Back},
		{k.WhyNot, k.ApplyWhyNot},
	}
}

// listOpen is true while the completion list shows.
func (m *Model) listOpen() bool { return len(m.sugg) > 0 && !m.listClosed }

// startRequest fills the form with a first request for the world: a user,
// s3:GetObject, the first resource; the context fields are left empty.
func (m *Model) startRequest() {
	w := m.world()
	if w == nil {
		return
	}
	for f := range m.inputs {
		m.inputs[f].SetValue("")
	}
	m.mfa = mfaDefault
	m.inputs[fCaller].SetValue(defaultCaller(callers(w.World)))
	m.inputs[fAction].SetValue("s3:GetObject")
	if rs := resources(w.World); len(rs) > 0 {
		m.inputs[fResource].SetValue(rs[0])
	}
}

// defaultCaller starts the form with an IAM user when the world has one: a
// person calling with their own policies is the plainest first request.
func defaultCaller(cs []string) string {
	for _, c := range cs {
		if strings.HasPrefix(c, "user ") && !strings.Contains(c, ",") {
			return c
		}
	}
	if len(cs) > 0 {
		return cs[0]
	}
	return ""
}

// call builds the sandbox call from the form.
func (m *Model) call() sandbox.Call {
	v := func(f field) string { return strings.TrimSpace(m.inputs[f].Value()) }
	c := sandbox.Call{As: v(fCaller), Action: v(fAction), Resource: v(fResource), SourceIP: v(fIP), VPCEndpoint: v(fEndpoint), Time: v(fTime)}
	if w := m.world(); w != nil {
		c.Account = w.Account
	}
	switch m.mfa {
	case mfaOn:
		t := true
		c.MFA = &t
	case mfaOff:
		f := false
		c.MFA = &f
	}
	c.Context = parseContext(v(fContext))
	return c
}

// parseContext reads "k=v; k2=a,b" into context keys; a comma makes a
// multivalued key.
func parseContext(s string) map[string][]string {
	if s == "" {
		return nil
	}
	out := map[string][]string{}
	for _, part := range strings.Split(s, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok || strings.TrimSpace(k) == "" {
			continue
		}
		var vals []string
		for _, x := range strings.Split(v, ",") {
			vals = append(vals, strings.TrimSpace(x))
		}
		out[strings.TrimSpace(k)] = vals
	}
	return out
}

// evaluate runs the request and refreshes the trace; a request that cannot
// be resolved keeps the last trace, marked stale, and says why.
func (m *Model) evaluate() {
	w := m.world()
	if w == nil || m.styles == nil {
		return
	}
	c := m.call()
	if c.As == "" || c.Action == "" {
		m.problem = "say who calls and which action"
		m.trace.SetStale(m.outcome != nil)
		m.layout()
		return
	}
	o, err := m.current().Evaluate(c, eval.Options{Trace: true})
	if err != nil {
		m.problem = err.Error()
		m.trace.SetStale(m.outcome != nil)
		m.layout()
		return
	}
	m.problem = ""
	m.outcome = o
	m.before = nil
	if m.pol.edited[m.wi] != nil {
		if b, err := w.World.Evaluate(c, eval.Options{Trace: true}); err == nil && b.Decision != o.Decision {
			m.before = b
		}
	}
	m.trace.SetContent(trace.FromOutcome(trace.CallTitle(o.Call), o))
	m.trace.SetStale(false)
	m.attachWhyNot()
	m.layout()
}
