// Package traceview renders an evaluation trace as plain text: the request,
// each layer in AWS's order with its verdict, each statement with the reason
// it matched or not down to condition values, and the decision sentence.
// Lines builds the trace's lines once (lines.go): Write words them for the
// command line, and the TUI's trace pane (internal/tui/trace) words and
// styles the same lines for the screen. Values from the input that stand
// on one line of the trace (ARNs, names, Sids, context values) are shown
// with any line break escaped, so they cannot forge a line; the caller's
// writer removes terminal escapes from everything (see safetext).
package traceview

import (
	"fmt"
	"io"
	"strings"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/safetext"
)

// Symbols carry the verdict without colour.
const (
	SymPass = "✓"
	SymFail = "✗"
	SymSkip = "·"
)

// Write renders one result with its trace.
func Write(w io.Writer, r eval.Result) {
	t := r.Trace
	if t == nil {
		fmt.Fprintf(w, "Decision: %s\n", r.Sentence())
		return
	}
	context := false
	for _, l := range Lines(t) {
		if l.Kind == KindContext && !context {
			fmt.Fprintln(w, "  context:")
			context = true
		}
		writeLine(w, l)
	}
	fmt.Fprintf(w, "Decision: %s\n", r.Sentence())
}

func verdictWord(v eval.Verdict) string {
	switch v {
	case eval.VerdictAllow:
		return SymPass + " allow"
	case eval.VerdictDeny:
		return SymFail + " explicit deny"
	case eval.VerdictNoAllow:
		return "○ no allow"
	}
	return SymSkip + " not applicable"
}

func mark(ok bool) string {
	if ok {
		return SymPass
	}
	return SymFail
}

// writeLine words one line for the command line.
func writeLine(w io.Writer, l Line) {
	ind := strings.Repeat(" ", l.Indent)
	switch l.Kind {
	case KindRequest:
		q := l.Request
		who := q.Principal
		if who == "" {
			who = "(anonymous)"
		}
		fmt.Fprintf(w, "%s (%s", safetext.Line(who), q.PrincipalKind)
		if q.PrincipalAccount != "" {
			fmt.Fprintf(w, ", %s", q.PrincipalAccount)
		}
		fmt.Fprintf(w, ") → %s → %s\n", safetext.Line(q.Action), safetext.Line(q.Resource))
	case KindCrossAccount:
		fmt.Fprintf(w, "%scross-account: the resource belongs to %s\n", ind, l.Request.ResourceAccount)
	case KindContext:
		c := l.Context
		note := ""
		if c.Derived {
			note = "   (filled in by the engine)"
		}
		fmt.Fprintf(w, "%s%s = %s%s\n", ind, safetext.Line(c.Key), safetext.Line(ContextValue(c, ", ")), note)
	case KindLayer:
		title := fmt.Sprintf("%d %s ", l.Number, l.Layer.Title)
		fmt.Fprintf(w, "%s%s %s\n", title, strings.Repeat(".", max(3, 56-len([]rune(title)))), verdictWord(l.Verdict))
	case KindNote:
		fmt.Fprintf(w, "%s%s\n", ind, l.Layer.Note)
	case KindLevel:
		extra := ""
		if l.Level.Implied {
			extra = " (RCPFullAWSAccess implied)"
		}
		fmt.Fprintf(w, "%slevel %s: %s%s\n", ind, l.Level.ID, verdictWord(l.Verdict), extra)
	case KindPolicy:
		fmt.Fprintf(w, "%s%s: %s\n", ind, safetext.Line(l.Policy.Name), verdictWord(l.Verdict))
	case KindStatement:
		s := l.Statement
		fmt.Fprintf(w, "%sstatement %s %s (line %d) %s\n", ind, Label(s), s.Effect, s.Pos.Line, s.Reason)
	case KindElement:
		e := l.Element
		if e.Element == "" {
			fmt.Fprintf(w, "%s%s %s\n", ind, mark(e.Matched), e.Note)
			return
		}
		pat := e.Pattern
		if pat == "" {
			pat = "(no listed value matches)"
		}
		fmt.Fprintf(w, "%s%s %-11s %s", ind, mark(e.Matched), e.Element, pat)
		if e.Note != "" {
			fmt.Fprintf(w, "  — %s", e.Note)
		}
		fmt.Fprintln(w)
	case KindSubstitution:
		fmt.Fprintf(w, "%s%s\n", ind, SubText(l.Sub))
	case KindPrincipal:
		p := l.Principal
		fmt.Fprintf(w, "%s%s %-11s %s", ind, mark(p.Matched), p.Element, p.Entry)
		if p.Names != "" {
			fmt.Fprintf(w, "  — names %s", p.Names)
		}
		if p.Note != "" {
			fmt.Fprintf(w, "  — %s", p.Note)
		}
		fmt.Fprintln(w)
	case KindCondition:
		c := l.Condition
		fmt.Fprintf(w, "%s%s %s %s: request %s — %s\n", ind, mark(c.Result), c.Operator, c.Key, RequestValues(c), c.Reason)
	case KindConditionValue:
		v := l.Value
		line := ValueText(v)
		if v.Matched {
			line += "  (matched)"
		}
		if v.Problem != "" {
			line += "  — " + v.Problem
		}
		fmt.Fprintf(w, "%s%s\n", ind, line)
	}
}
