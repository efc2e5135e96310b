package trace

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/safetext"
	"github.com/iamlab/iamlab/internal/traceview"
	"github.com/iamlab/iamlab/internal/tui/cells"
)

// render builds every line for the current width; it runs on content,
// width or palette changes, never in View.
func (m *Model) render() {
	m.lines = m.lines[:0]
	m.lineBuf = m.lineBuf[:0]
	m.whyLine = -1
	if m.content == nil || m.styles == nil {
		return
	}
	w := max(20, m.width)
	r := renderer{m: m, width: w, deciding: -1, whyLine: -1}
	r.all(m.content)
	m.lines = r.out
	m.deciding = r.deciding
	m.whyLine = r.whyLine
	m.win.Clamp(len(m.lines))
}

type renderer struct {
	m     *Model
	width int
	out   []string
	// deciding is the line of the last layer marked as deciding: a failed
	// hop ends the call, so the last hop drawn is the one that decided.
	deciding int
	whyLine  int // the line the "why not?" section starts on, -1 none
}

// add wraps a styled line to the width, indenting continuation lines.
func (r *renderer) add(indent int, s string) {
	pad := strings.Repeat(" ", indent)
	// Continuation lines are indented two more columns, so wrap for them.
	avail := max(10, r.width-indent-2)
	wrapped := ansi.Wrap(s, avail, " /")
	for i, l := range strings.Split(wrapped, "\n") {
		if i > 0 {
			l = "  " + l
		}
		r.out = append(r.out, pad+l)
	}
}

func (r *renderer) blank() { r.out = append(r.out, "") }

func (r *renderer) all(c *Content) {
	st := r.m.styles
	if r.m.stale {
		r.add(0, st.Verdict.Stale.Render()+" "+r.rs(&st.Muted, "the policy you are editing does not parse: this is the last good trace"))
		r.blank()
	}
	if c.Title != "" {
		r.add(0, r.rs(&st.Trace.Heading, c.Title))
	}
	for i, h := range c.Hops {
		if len(c.Hops) > 1 {
			r.blank()
			r.add(0, r.rs(&st.Trace.Heading, fmt.Sprintf("Hop %d of %d: %s", i+1, len(c.Hops), h.Title)))
		}
		r.hop(h.Result)
	}
	if len(c.Rules) > 0 {
		r.blank()
		r.add(0, r.rs(&st.Trace.Step, "Service rules"))
		for _, ru := range c.Rules {
			verdict := r.rs(&st.Trace.NotReached, "· does not apply")
			switch {
			case ru.Applies && ru.Denies:
				verdict = r.rs(&st.Trace.Deny, "✗ refuses")
			case ru.Applies:
				verdict = r.rs(&st.Trace.Allow, "✓ satisfied")
			}
			r.add(2, ru.Name+"  "+verdict)
			if ru.Reason != "" {
				r.add(4, r.rs(&st.Trace.Detail, ru.Reason))
			}
		}
	}
	r.blank()
	f := c.Final
	line := r.rs(&st.Trace.Decision, "Decision: ") + r.badge(f.Decision) + " " + r.rs(&st.Trace.Detail, "("+eval.LayerTitle(f.DecidedBy)+")")
	if c.Expected != "" {
		line += "  " + r.rs(&st.Muted, "expected "+c.Expected)
	}
	r.add(0, line)
	r.add(2, f.Reason)
	if c.WhyNot != nil {
		r.whyNot(c.WhyNot)
	}
}

func (r *renderer) badge(d eval.Decision) string {
	v := r.m.styles.Verdict
	switch d {
	case eval.Allowed:
		return v.Allowed.Render()
	case eval.ExplicitDeny:
		return v.ExplicitDeny.Render()
	}
	return v.ImplicitDeny.Render()
}

func (r *renderer) hop(res eval.Result) {
	st := r.m.styles
	t := res.Trace
	if t == nil {
		r.add(2, res.Sentence())
		return
	}
	var ctx []string
	for _, l := range traceview.RequestLines(&t.Request) {
		switch l.Kind {
		case traceview.KindRequest:
			q := l.Request
			who := safetext.Line(q.Principal)
			if q.PrincipalKind == eval.Anonymous {
				who = "anonymous caller"
			}
			head := fmt.Sprintf("%s (%s", who, q.PrincipalKind)
			if q.PrincipalAccount != "" {
				head += ", " + q.PrincipalAccount
			}
			r.add(0, head+") → "+safetext.Line(q.Action)+" → "+safetext.Line(q.Resource))
		case traceview.KindCrossAccount:
			r.add(2, r.rs(&st.Trace.Note, "cross-account: the resource belongs to "+l.Request.ResourceAccount+"; both sides must allow"))
		case traceview.KindContext:
			// The pane is narrow: the context keys share one line.
			ctx = append(ctx, r.rs(&st.Trace.Detail, safetext.Line(l.Context.Key+"="+traceview.ContextValue(l.Context, ","))))
		}
	}
	if len(ctx) > 0 {
		r.add(2, r.rs(&st.Muted, "context ")+strings.Join(ctx, "  "))
	}
	layers := traceview.Ordered(t.Layers)
	// One buffer, kept by the model, holds every layer's lines: the pane
	// redraws on each keystroke.
	buf := r.m.lineBuf
	start := len(buf)
	ends := make([]int, len(layers))
	for i, l := range layers {
		buf = traceview.AppendLayer(buf, traceview.NumberAt(l.Layer, i), l)
		ends[i] = len(buf)
	}
	r.m.lineBuf = buf
	blocks := make([][]traceview.Line, len(layers))
	for i, end := range ends {
		blocks[i] = buf[start:end]
		start = end
	}
	if missing := absentKeysUsed(blocks); len(missing) > 0 {
		r.add(2, r.rs(&st.Muted, "absent  ")+r.rs(&st.Trace.Detail, strings.Join(missing, ", ")+" — not in the request"))
	}
	for i, l := range layers {
		r.lines(blocks[i], l.Layer == res.DecidedBy)
	}
}

// absentKeysUsed lists condition keys a policy asked about that the request
// did not carry — the classic reason a Bool or a set operator surprised.
// They are read from the layers' lines, which the pane draws after them.
func absentKeysUsed(blocks [][]traceview.Line) []string {
	var seen map[string]bool
	var out []string
	for _, ls := range blocks {
		for _, l := range ls {
			if l.Kind != traceview.KindCondition || l.Condition.Present {
				continue
			}
			if seen == nil {
				seen = map[string]bool{}
			}
			if k := strings.ToLower(l.Condition.Key); !seen[k] {
				seen[k] = true
				out = append(out, l.Condition.Key)
			}
		}
	}
	return out
}

func (r *renderer) verdict(v eval.Verdict) string {
	st := &r.m.styles.Trace
	switch v {
	case eval.VerdictAllow:
		return r.rs(&st.Allow, "✓ ALLOW")
	case eval.VerdictDeny:
		return r.rs(&st.Deny, "✗ DENY")
	case eval.VerdictNoAllow:
		return r.rs(&r.m.styles.Warning, "○ no allow")
	}
	return r.rs(&st.NotReached, "· not applicable")
}

// lines draws one layer's lines; deciding marks the layer that decided.
func (r *renderer) lines(ls []traceview.Line, deciding bool) {
	st := r.m.styles
	for i := 0; i < len(ls); i++ {
		l := ls[i]
		switch l.Kind {
		case traceview.KindLayer:
			r.layer(l, deciding)
		case traceview.KindNote:
			r.add(l.Indent, r.rs(&st.Trace.Detail, l.Layer.Note))
		case traceview.KindLevel:
			extra := ""
			if l.Level.Implied {
				extra = r.rs(&st.Muted, " (RCPFullAWSAccess implied)")
			}
			r.add(l.Indent, "level "+l.Level.ID+"  "+r.verdict(l.Verdict)+extra)
		case traceview.KindPolicy:
			r.add(l.Indent, r.rs(&st.Bold, safetext.Line(l.Policy.Name))+"  "+r.verdict(l.Verdict))
		case traceview.KindStatement:
			r.statement(l)
		case traceview.KindElement:
			r.element(l)
		case traceview.KindSubstitution:
			r.add(l.Indent, r.rs(&st.Trace.Detail, traceview.SubText(l.Sub)))
		case traceview.KindPrincipal:
			p := l.Principal
			line := r.mark(p.Matched) + " " + fmt.Sprintf("%-11s", p.Element) + " " + p.Entry
			if p.Names != "" {
				line += "  " + r.rs(&st.Trace.Detail, "names "+p.Names)
			}
			if p.Note != "" {
				line += "  " + r.rs(&st.Trace.Note, "← "+p.Note)
			}
			r.add(l.Indent, line)
		case traceview.KindCondition:
			// The pane is narrow: the policy's values share one line,
			// under the request's, and the reason follows.
			var vals []traceview.Line
			for i+1 < len(ls) && ls[i+1].Kind == traceview.KindConditionValue {
				i++
				vals = append(vals, ls[i])
			}
			r.condition(l, vals)
		}
	}
}

func (r *renderer) layer(l traceview.Line, deciding bool) {
	st := r.m.styles
	title := fmt.Sprintf("%d %s ", l.Number, l.Layer.Title)
	v := r.verdict(l.Verdict)
	dots := max(3, min(r.width, 64)-cells.Width(title)-cells.Width(v)-1)
	// A layer can decide by being absent ("no resource-based policy
	// allows" across accounts): it is marked all the same.
	titleStyle := &st.Trace.Step
	if !l.Layer.Applicable {
		titleStyle = &st.Trace.NotReached
	}
	line := r.rs(titleStyle, title) + r.rs(&st.Trace.Leader, strings.Repeat(".", dots)) + " " + v
	if deciding {
		line += r.rs(&st.Trace.Note, "  ← decides")
		r.deciding = len(r.out)
	}
	r.add(0, line)
}

func (r *renderer) mark(ok bool) string {
	if ok {
		return r.rs(&r.m.styles.Trace.Match, "✓")
	}
	return r.rs(&r.m.styles.Trace.NoMatch, "✗")
}

func (r *renderer) statement(l traceview.Line) {
	st := r.m.styles
	s := l.Statement
	head := fmt.Sprintf("statement %s %s (line %d) ", traceview.Label(s), s.Effect, s.Pos.Line)
	if !s.Applies {
		r.add(l.Indent, head+r.rs(&st.Muted, s.Reason))
		return
	}
	eff := r.rs(&st.Trace.Allow, "applies → "+s.Effect)
	if s.Effect == "Deny" {
		eff = r.rs(&st.Trace.Deny, "applies → Deny")
	}
	r.add(l.Indent, head+eff)
}

func (r *renderer) element(l traceview.Line) {
	st := r.m.styles
	e := l.Element
	if e.Element == "" {
		r.add(l.Indent, r.mark(e.Matched)+" "+r.rs(&st.Trace.Detail, e.Note))
		return
	}
	pat := e.Pattern
	if pat == "" {
		pat = r.rs(&st.Muted, "no listed value matches")
	}
	line := r.mark(e.Matched) + " " + fmt.Sprintf("%-11s", e.Element) + " " + pat
	if e.Note != "" {
		line += "  " + r.rs(&st.Trace.Note, "← "+e.Note)
	}
	r.add(l.Indent, line)
}

func (r *renderer) condition(l traceview.Line, vals []traceview.Line) {
	st := r.m.styles
	c := l.Condition
	req := traceview.RequestValues(c)
	if !c.Present {
		req = r.rs(&st.Trace.Note, req)
	}
	r.add(l.Indent, r.mark(c.Result)+" "+c.Operator+" "+c.Key+"  request: "+req)
	var shown []string
	for _, v := range vals {
		t := traceview.ValueText(v.Value)
		if v.Matched {
			t = r.rs(&st.Trace.Match, t+" ✓")
		}
		if v.Value.Problem != "" {
			t += " " + r.rs(&st.Trace.Note, "— "+v.Value.Problem)
		}
		shown = append(shown, t)
	}
	r.add(l.Indent+4, r.rs(&st.Muted, "policy: ")+strings.Join(shown, ", "))
	r.add(l.Indent+4, r.rs(&st.Trace.Detail, c.Reason))
}

// rs renders s in a style through the model's memo: a keystroke
// re-renders the whole trace, and nearly every styled piece is the same
// as the frame before, while each lipgloss Render measures its text again.
func (r *renderer) rs(st *lipgloss.Style, s string) string {
	m := r.m
	if m.memoFor != m.styles || len(m.memo) > maxMemo {
		m.memo, m.memoFor = make(map[memoKey]string), m.styles
	}
	k := memoKey{st, s}
	if out, ok := m.memo[k]; ok {
		return out
	}
	out := st.Render(s)
	m.memo[k] = out
	return out
}

// memoKey is a style of the model's Styles (by address) and a text.
type memoKey struct {
	st *lipgloss.Style
	s  string
}

// maxMemo bounds the memo; starting afresh now and then is cheaper than
// evicting.
const maxMemo = 4096
