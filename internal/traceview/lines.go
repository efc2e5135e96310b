package traceview

import (
	"fmt"
	"slices"
	"strings"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/safetext"
)

// Kind is what a line of the trace shows.
type Kind uint8

// The kinds, in the order they nest.
const (
	KindRequest        Kind = iota // who calls which action on which resource
	KindCrossAccount               // the resource belongs to another account
	KindContext                    // one context key and its value
	KindLayer                      // a policy layer and its verdict
	KindNote                       // why the layer does not apply, or how it combines
	KindLevel                      // one level of an SCP or RCP chain
	KindPolicy                     // one policy and its verdict
	KindStatement                  // one statement: effect, line, whether it applies
	KindElement                    // Action or Resource (or Not…): matched, and the value
	KindSubstitution               // a policy variable of the element above, and its value
	KindPrincipal                  // Principal or NotPrincipal
	KindCondition                  // one operator and key against the request's values
	KindConditionValue             // one value the policy lists for that condition
)

// Line is one line of a trace before it is worded for a reader: what it
// shows, how far it is indented, its verdict or match, and the piece of
// the trace it comes from. Lines builds them once for the command line's
// plain text and the TUI's styled pane alike, so the two show the same
// pieces in the same nesting and differ only in wording and colour.
type Line struct {
	Kind   Kind
	Indent int // columns from the left
	// Number is a layer's place in the trace, from 1.
	Number int
	// Verdict is a layer's, a level's or a policy's.
	Verdict eval.Verdict
	// Matched is whether an element, a principal or a condition admits
	// the request, or whether a condition value matched it.
	Matched bool

	// The pieces of the trace the line shows; a line below a statement
	// keeps its statement, a substitution its element, a condition value
	// its condition.
	Request   *eval.RequestTrace
	Context   *eval.ContextEntry
	Layer     *eval.LayerTrace
	Level     *eval.LevelTrace
	Policy    *eval.PolicyTrace
	Statement *eval.StatementTrace
	Element   *eval.ElementTrace
	Sub       *eval.Substitution
	Principal *eval.PrincipalTrace
	Condition *eval.CondTrace
	Value     *eval.ValueTrace
}

// Lines is the whole trace: the request, then each layer in Order, by its
// Number.
func Lines(t *eval.Trace) []Line {
	out := RequestLines(&t.Request)
	for i, l := range Ordered(t.Layers) {
		out = append(out, LayerLines(NumberAt(l.Layer, i), l)...)
	}
	return out
}

// order is the order, and the numbers, in which a trace shows its layers:
// AWS's order after the deny evaluation (RCPs, then SCPs, then
// resource-based, identity-based, boundary, session; see
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html),
// with the VPC endpoint policy, which that list does not number, after
// the organization's guardrails. The evaluation-logic lesson numbers them
// the same way, so a learner can read one beside the other; the command
// line and the trainer's pane show the same numbers. The order never
// changes a decision: the engine finds every deny before any allow.
var order = []eval.Layer{eval.LayerRCP, eval.LayerSCP, eval.LayerEndpoint, eval.LayerResource, eval.LayerIdentity, eval.LayerBoundary, eval.LayerSession}

// Number is a layer's place in the order, from 1, or other for a layer
// outside it.
func Number(l eval.Layer, other int) int {
	for i, x := range order {
		if x == l {
			return i + 1
		}
	}
	return other
}

// NumberAt is the number of the i-th layer shown: its Number, or for a
// layer outside the order a number after all of them.
func NumberAt(l eval.Layer, i int) int { return Number(l, len(order)+1+i) }

// Ordered returns the layers in the order, a new slice; layers outside it
// follow, as they came.
func Ordered(layers []*eval.LayerTrace) []*eval.LayerTrace {
	out := slices.Clone(layers)
	slices.SortStableFunc(out, func(a, b *eval.LayerTrace) int {
		return Number(a.Layer, len(order)+1) - Number(b.Layer, len(order)+1)
	})
	return out
}

// RequestLines are the request, whether it crosses accounts, and its
// context keys.
func RequestLines(q *eval.RequestTrace) []Line {
	out := []Line{{Kind: KindRequest, Request: q}}
	if q.CrossAccount {
		out = append(out, Line{Kind: KindCrossAccount, Indent: 2, Request: q})
	}
	for i := range q.Context {
		out = append(out, Line{Kind: KindContext, Indent: 4, Context: &q.Context[i]})
	}
	return out
}

// LayerLines are one layer numbered n, with its levels, policies and
// statements.
func LayerLines(n int, l *eval.LayerTrace) []Line { return AppendLayer(nil, n, l) }

// AppendLayer appends LayerLines(n, l) to dst, for a reader that redraws
// on every keystroke and keeps one buffer.
func AppendLayer(dst []Line, n int, l *eval.LayerTrace) []Line {
	b := builder{out: dst}
	b.add(Line{Kind: KindLayer, Number: n, Verdict: l.Verdict, Layer: l})
	if l.Note != "" {
		b.add(Line{Kind: KindNote, Indent: 4, Layer: l})
	}
	for _, lv := range l.Levels {
		b.add(Line{Kind: KindLevel, Indent: 2, Verdict: lv.Verdict, Level: lv})
		for _, p := range lv.Policies {
			b.policy(4, p)
		}
	}
	for _, p := range l.Policies {
		b.policy(2, p)
	}
	return b.out
}

type builder struct{ out []Line }

func (b *builder) add(l Line) { b.out = append(b.out, l) }

func (b *builder) policy(ind int, p *eval.PolicyTrace) {
	b.add(Line{Kind: KindPolicy, Indent: ind, Verdict: p.Verdict, Policy: p})
	for _, s := range p.Statements {
		b.statement(ind+2, s)
	}
}

func (b *builder) statement(ind int, s *eval.StatementTrace) {
	b.add(Line{Kind: KindStatement, Indent: ind, Statement: s})
	for _, e := range []*eval.ElementTrace{&s.Action, &s.Resource} {
		b.add(Line{Kind: KindElement, Indent: ind + 2, Matched: e.Matched, Statement: s, Element: e})
		if e.Element == "" {
			continue
		}
		for i := range e.Substitutions {
			b.add(Line{Kind: KindSubstitution, Indent: ind + 6, Statement: s, Element: e, Sub: &e.Substitutions[i]})
		}
	}
	if p := s.Principal; p != nil {
		b.add(Line{Kind: KindPrincipal, Indent: ind + 2, Matched: p.Matched, Statement: s, Principal: p})
	}
	for _, c := range s.Conditions {
		b.add(Line{Kind: KindCondition, Indent: ind + 2, Matched: c.Result, Statement: s, Condition: c})
		for i := range c.Values {
			v := &c.Values[i]
			b.add(Line{Kind: KindConditionValue, Indent: ind + 6, Matched: v.Matched, Statement: s, Condition: c, Value: v})
		}
	}
}

// The wording both readers share.

// Label names a statement: its number and, when it has one, its Sid.
func Label(s *eval.StatementTrace) string {
	label := fmt.Sprintf("#%d", s.Index+1)
	if s.Sid != "" {
		label += " \"" + safetext.Line(s.Sid) + "\""
	}
	return label
}

// SubText says what a policy variable stood for, or why it had no value.
func SubText(s *eval.Substitution) string {
	if !s.Resolved {
		return s.Variable + " has no value: " + s.Note
	}
	out := fmt.Sprintf("%s = %q", s.Variable, s.Value)
	if s.Note != "" {
		out += " (" + s.Note + ")"
	}
	return out
}

// RequestValues are the request's values for a condition's key, quoted,
// or "absent".
func RequestValues(c *eval.CondTrace) string {
	if !c.Present {
		return "absent"
	}
	q := make([]string, len(c.RequestValues))
	for i, s := range c.RequestValues {
		q[i] = fmt.Sprintf("%q", s)
	}
	req := strings.Join(q, ", ")
	if c.Multi {
		req = "[" + req + "]"
	}
	return req
}

// ValueText is a condition value as the policy lists it and, when a
// variable changed it, as it was compared.
func ValueText(v *eval.ValueTrace) string {
	t := fmt.Sprintf("%q", v.Text)
	if v.Resolved != "" && v.Resolved != v.Text {
		t += fmt.Sprintf(" → %q", v.Resolved)
	}
	return t
}

// ContextValue is a context entry's value, a list in brackets, with sep
// between the values.
func ContextValue(c *eval.ContextEntry, sep string) string {
	val := strings.Join(c.Value.Values, sep)
	if c.Value.Multi {
		val = "[" + val + "]"
	}
	return val
}
