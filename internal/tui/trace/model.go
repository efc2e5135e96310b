// Package trace is the TUI's evaluation trace: every hop of a call (the STS
// steps, then the call), each policy layer in the order AWS consults it with
// its verdict, each statement with the reason it matched or not down to the
// condition key and value, the service rules, and the decision sentence.
//
// Lines are rendered once when the content or width changes (SetContent,
// SetSize); View only slices the visible window, so scrolling and every
// other keystroke stay cheap.
package trace

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/traceview"
	"github.com/iamlab/iamlab/internal/tui/nav"
	"github.com/iamlab/iamlab/internal/tui/scroll"
	"github.com/iamlab/iamlab/internal/tui/theme"
)

// Hop is one evaluated request of a call.
type Hop struct {
	Title  string // "bob calls sts:AssumeRole on role deploy"
	Result eval.Result
}

// Rule is a service rule that is not an IAM policy (S3 MFA Delete, …).
type Rule struct {
	Name    string
	Applies bool
	Denies  bool
	Reason  string
}

// Final is the call's overall decision.
type Final struct {
	Decision  eval.Decision
	DecidedBy eval.Layer
	Reason    string
}

// Content is everything the trace shows.
type Content struct {
	Title string // the request in words
	Hops  []Hop
	Rules []Rule
	Final Final
	// Expected, when set, is what the check wanted; the decision line
	// says whether it was met.
	Expected string
	// WhyNot, when set, lists the smallest edits that flip the decision.
	WhyNot *WhyNot
}

// KeyMap scrolls the trace: a pager's keys.
type KeyMap struct {
	nav.Keys
}

// DefaultKeyMap returns the trace's bindings.
func DefaultKeyMap() KeyMap {
	k := KeyMap{Keys: nav.Pager()}
	k.Up = nav.Relabel(k.Up, "scroll up")
	k.Down = nav.Relabel(k.Down, "scroll down")
	return k
}

// ShortHelp is the footer's list.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Down, k.Up, k.PageDown} }

// FullHelp is the expanded list.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}}
}

// Model is the trace pane's content.
type Model struct {
	KeyMap  KeyMap
	styles  *theme.Styles
	content *Content
	// memo holds rendered pieces of the styles in memoFor (see rs).
	memo     map[memoKey]string
	memoFor  *theme.Styles
	stale    bool
	lines    []string
	lineBuf  []traceview.Line // the trace's lines before wording, reused by render
	deciding int              // line of the deciding layer, -1 when none
	whyLine  int              // line of the "why not?" section, -1 when none
	width    int
	win      scroll.Window
}

// New makes an empty trace.
func New(s *theme.Styles) Model {
	return Model{KeyMap: DefaultKeyMap(), styles: s, deciding: -1, whyLine: -1}
}

// SetStyles switches palette and re-renders.
func (m *Model) SetStyles(s *theme.Styles) {
	m.styles = s
	m.render()
}

// SetContent replaces what is shown and scrolls to the top.
func (m *Model) SetContent(c *Content) {
	m.content = c
	m.win.Top()
	m.render()
}

// SetWhyNot replaces the "why not?" section of the current content,
// keeping the scroll position.
func (m *Model) SetWhyNot(w *WhyNot) {
	if m.content == nil || (w == nil && m.content.WhyNot == nil) {
		return // nothing to draw or to take away: no second render per keystroke
	}
	c := *m.content
	c.WhyNot = w
	m.content = &c
	m.render()
}

// SetStale marks the trace as predating the current text (the policy being
// edited does not parse); the last good trace stays visible.
func (m *Model) SetStale(stale bool) {
	if m.stale != stale {
		m.stale = stale
		m.render()
	}
}

// SetSize sets the pane's inner size and re-wraps.
func (m *Model) SetSize(w, h int) {
	if w == m.width && h == m.win.Height {
		return
	}
	wChanged := w != m.width
	m.width, m.win.Height = w, h
	if wChanged {
		m.render()
	}
	m.win.Clamp(len(m.lines))
}

// Lines are the rendered lines (for tests and plain output).
func (m Model) Lines() []string { return m.lines }

// DecidingLine is the line of the layer that decided the call, or -1.
func (m Model) DecidingLine() int { return m.deciding }

// ScrollTo puts line i at the top of the pane, as far as the content
// allows.
func (m *Model) ScrollTo(i int) {
	m.win.Off = i
	m.win.Clamp(len(m.lines))
}

// Update scrolls.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	m.win.Update(msg, m.KeyMap.Keys, len(m.lines))
	return m, nil
}

// View draws the visible window, exactly height lines.
func (m Model) View() string {
	if m.win.Height <= 0 {
		return ""
	}
	return strings.Join(m.win.Fill(m.lines), "\n")
}

// ScrollPercent tells the pane title how far down the reader is.
func (m Model) ScrollPercent() int { return m.win.Percent(len(m.lines)) }
