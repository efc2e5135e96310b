package trace

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/tui/cells"
)

// render builds every line for the current width; it runs on content,
// width or palette changes, never in View.
func (m *Model) render() {
	m.lines = m.lines[:0]
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
	q := t.Request
	who := q.Principal
	if q.PrincipalKind == eval.Anonymous {
		who = "anonymous caller"
	}
	head := fmt.Sprintf("%s (%s", who, q.PrincipalKind)
	if q.PrincipalAccount != "" {
		head += ", " + q.PrincipalAccount
	}
	head += ") → " + q.Action + " → " + q.Resource
	r.add(0, head)
	if q.CrossAccount {
		r.add(2, r.rs(&st.Trace.Note, "cross-account: the resource belongs to "+q.ResourceAccount+"; both sides must allow"))
	}
	var ctx []string
	for _, e := range q.Context {
		val := strings.Join(e.Value.Values, ",")
		if e.Value.Multi {
			val = "[" + val + "]"
		}
		ctx = append(ctx, r.rs(&st.Trace.Detail, e.Key+"="+val))
	}
	if len(ctx) > 0 {
		r.add(2, r.rs(&st.Muted, "context ")+strings.Join(ctx, "  "))
	}
	missing := absentKeysUsed(t)
	if len(missing) > 0 {
		r.add(2, r.rs(&st.Muted, "absent  ")+r.rs(&st.Trace.Detail, strings.Join(missing, ", ")+" — not in the request"))
	}
	decidingLayer := res.DecidedBy
	layers := append([]*eval.LayerTrace(nil), t.Layers...)
	sort.SliceStable(layers, func(i, j int) bool { return layerNumber(layers[i].Layer, 99) < layerNumber(layers[j].Layer, 99) })
	for i, l := range layers {
		r.layer(layerNumber(l.Layer, len(layerOrder)+1+i), l, l.Layer == decidingLayer)
	}
}

// layerOrder is the order, and the numbers, in which the trace shows the
// layers: AWS's order after the deny evaluation (RCPs, then SCPs, then
// resource-based, identity-based, boundary, session; see
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html),
// with the VPC endpoint policy, which that list does not number, after
// the organization's guardrails. The evaluation-logic lesson numbers them
// the same way, so a learner can read one beside the other.
var layerOrder = []eval.Layer{eval.LayerRCP, eval.LayerSCP, eval.LayerEndpoint, eval.LayerResource, eval.LayerIdentity, eval.LayerBoundary, eval.LayerSession}

// layerNumber is a layer's number in layerOrder, or other for a layer
// outside it.
func layerNumber(l eval.Layer, other int) int {
	for i, x := range layerOrder {
		if x == l {
			return i + 1
		}
	}
	return other
}

// absentKeysUsed lists condition keys a policy asked about that the request
// did not carry — the classic reason a Bool or a set operator surprised.
func absentKeysUsed(t *eval.Trace) []string {
	seen := map[string]bool{}
	var out []string
	visit := func(ps []*eval.PolicyTrace) {
		for _, p := range ps {
			for _, s := range p.Statements {
				for _, c := range s.Conditions {
					k := strings.ToLower(c.Key)
					if !c.Present && !seen[k] {
						seen[k] = true
						out = append(out, c.Key)
					}
				}
			}
		}
	}
	for _, l := range t.Layers {
		visit(l.Policies)
		for _, lv := range l.Levels {
			visit(lv.Policies)
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

func (r *renderer) layer(n int, l *eval.LayerTrace, deciding bool) {
	st := r.m.styles
	title := fmt.Sprintf("%d %s ", n, l.Title)
	v := r.verdict(l.Verdict)
	dots := max(3, min(r.width, 64)-cells.Width(title)-cells.Width(v)-1)
	line := r.rs(&st.Trace.Step, title) + r.rs(&st.Trace.Leader, strings.Repeat(".", dots)) + " " + v
	if deciding {
		line += r.rs(&st.Trace.Note, "  ← decides")
	}
	if !l.Applicable {
		// A layer can decide by being absent: "no resource-based policy
		// allows" across accounts. It is marked all the same.
		line = r.rs(&st.Trace.NotReached, title) + r.rs(&st.Trace.Leader, strings.Repeat(".", dots)) + " " + v
		if deciding {
			line += r.rs(&st.Trace.Note, "  ← decides")
		}
	}
	if deciding {
		r.deciding = len(r.out)
	}
	r.add(0, line)
	if l.Note != "" {
		r.add(4, r.rs(&st.Trace.Detail, l.Note))
	}
	for _, lv := range l.Levels {
		extra := ""
		if lv.Implied {
			extra = r.rs(&st.Muted, " (RCPFullAWSAccess implied)")
		}
		r.add(2, "level "+lv.ID+"  "+r.verdict(lv.Verdict)+extra)
		for _, p := range lv.Policies {
			r.policy(4, p)
		}
	}
	for _, p := range l.Policies {
		r.policy(2, p)
	}
}

func (r *renderer) policy(ind int, p *eval.PolicyTrace) {
	r.add(ind, r.rs(&r.m.styles.Bold, p.Name)+"  "+r.verdict(p.Verdict))
	for _, s := range p.Statements {
		r.statement(ind+2, s)
	}
}

func (r *renderer) mark(ok bool) string {
	if ok {
		return r.rs(&r.m.styles.Trace.Match, "✓")
	}
	return r.rs(&r.m.styles.Trace.NoMatch, "✗")
}

func (r *renderer) statement(ind int, s *eval.StatementTrace) {
	st := r.m.styles
	label := fmt.Sprintf("statement #%d", s.Index+1)
	if s.Sid != "" {
		label += fmt.Sprintf(" %q", s.Sid)
	}
	head := fmt.Sprintf("%s %s (line %d) ", label, s.Effect, s.Pos.Line)
	if s.Applies {
		eff := r.rs(&st.Trace.Allow, "applies → "+s.Effect)
		if s.Effect == "Deny" {
			eff = r.rs(&st.Trace.Deny, "applies → Deny")
		}
		r.add(ind, head+eff)
	} else {
		r.add(ind, head+r.rs(&st.Muted, s.Reason))
	}
	el := func(e eval.ElementTrace) {
		if e.Element == "" {
			r.add(ind+2, r.mark(e.Matched)+" "+r.rs(&st.Trace.Detail, e.Note))
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
		r.add(ind+2, line)
		for _, sub := range e.Substitutions {
			txt := sub.Variable + " = " + fmt.Sprintf("%q", sub.Value)
			if !sub.Resolved {
				txt = sub.Variable + " has no value: " + sub.Note
			}
			r.add(ind+6, r.rs(&st.Trace.Detail, txt))
		}
	}
	el(s.Action)
	el(s.Resource)
	if p := s.Principal; p != nil {
		line := r.mark(p.Matched) + " " + fmt.Sprintf("%-11s", p.Element) + " " + p.Entry
		if p.Names != "" {
			line += "  " + r.rs(&st.Trace.Detail, "names "+p.Names)
		}
		if p.Note != "" {
			line += "  " + r.rs(&st.Trace.Note, "← "+p.Note)
		}
		r.add(ind+2, line)
	}
	for _, c := range s.Conditions {
		req := r.rs(&st.Trace.Note, "absent")
		if c.Present {
			req = fmt.Sprintf("%q", strings.Join(c.RequestValues, `", "`))
			if c.Multi {
				req = "[" + req + "]"
			}
		}
		r.add(ind+2, r.mark(c.Result)+" "+c.Operator+" "+c.Key+"  request: "+req)
		var vals []string
		for _, v := range c.Values {
			t := fmt.Sprintf("%q", v.Text)
			if v.Resolved != "" && v.Resolved != v.Text {
				t += " → " + fmt.Sprintf("%q", v.Resolved)
			}
			if v.Matched {
				t = r.rs(&st.Trace.Match, t+" ✓")
			}
			vals = append(vals, t)
		}
		r.add(ind+6, r.rs(&st.Muted, "policy: ")+strings.Join(vals, ", "))
		r.add(ind+6, r.rs(&st.Trace.Detail, c.Reason))
	}
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
