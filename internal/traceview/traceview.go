// Package traceview renders an evaluation trace as plain text: the request,
// each layer in AWS's order with its verdict, each statement with the reason
// it matched or not down to condition values, and the decision sentence.
// The command line prints it; the TUI draws its own styled version from the
// same data. Values from the input that stand on one line of the trace
// (ARNs, names, Sids, context values) are shown with any line break
// escaped, so they cannot forge a line; the caller's writer removes
// terminal escapes from everything (see safetext).
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
	q := t.Request
	who := q.Principal
	if who == "" {
		who = "(anonymous)"
	}
	fmt.Fprintf(w, "%s (%s", safetext.Line(who), q.PrincipalKind)
	if q.PrincipalAccount != "" {
		fmt.Fprintf(w, ", %s", q.PrincipalAccount)
	}
	fmt.Fprintf(w, ") → %s → %s\n", safetext.Line(q.Action), safetext.Line(q.Resource))
	if q.CrossAccount {
		fmt.Fprintf(w, "  cross-account: the resource belongs to %s\n", q.ResourceAccount)
	}
	if len(q.Context) > 0 {
		fmt.Fprintln(w, "  context:")
		for _, c := range q.Context {
			val := strings.Join(c.Value.Values, ", ")
			if c.Value.Multi {
				val = "[" + val + "]"
			}
			note := ""
			if c.Derived {
				note = "   (filled in by the engine)"
			}
			fmt.Fprintf(w, "    %s = %s%s\n", safetext.Line(c.Key), safetext.Line(val), note)
		}
	}
	for i, l := range t.Layers {
		writeLayer(w, i+1, l)
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

func writeLayer(w io.Writer, n int, l *eval.LayerTrace) {
	title := fmt.Sprintf("%d %s ", n, l.Title)
	fmt.Fprintf(w, "%s%s %s\n", title, strings.Repeat(".", max(3, 56-len([]rune(title)))), verdictWord(l.Verdict))
	if l.Note != "" {
		fmt.Fprintf(w, "    %s\n", l.Note)
	}
	for _, lv := range l.Levels {
		extra := ""
		if lv.Implied {
			extra = " (RCPFullAWSAccess implied)"
		}
		fmt.Fprintf(w, "  level %s: %s%s\n", lv.ID, verdictWord(lv.Verdict), extra)
		for _, p := range lv.Policies {
			writePolicy(w, "    ", p)
		}
	}
	for _, p := range l.Policies {
		writePolicy(w, "  ", p)
	}
}

func writePolicy(w io.Writer, ind string, p *eval.PolicyTrace) {
	fmt.Fprintf(w, "%s%s: %s\n", ind, safetext.Line(p.Name), verdictWord(p.Verdict))
	for _, s := range p.Statements {
		writeStatement(w, ind+"  ", s)
	}
}

func mark(ok bool) string {
	if ok {
		return SymPass
	}
	return SymFail
}

func writeStatement(w io.Writer, ind string, s *eval.StatementTrace) {
	label := fmt.Sprintf("#%d", s.Index+1)
	if s.Sid != "" {
		label += " \"" + safetext.Line(s.Sid) + "\""
	}
	fmt.Fprintf(w, "%sstatement %s %s (line %d) %s\n", ind, label, s.Effect, s.Pos.Line, s.Reason)
	el := func(e eval.ElementTrace) {
		if e.Element == "" {
			fmt.Fprintf(w, "%s  %s %s\n", ind, mark(e.Matched), e.Note)
			return
		}
		pat := e.Pattern
		if pat == "" {
			pat = "(no listed value matches)"
		}
		fmt.Fprintf(w, "%s  %s %-11s %s", ind, mark(e.Matched), e.Element, pat)
		if e.Note != "" {
			fmt.Fprintf(w, "  — %s", e.Note)
		}
		fmt.Fprintln(w)
		for _, sub := range e.Substitutions {
			fmt.Fprintf(w, "%s      %s\n", ind, describeSub(sub))
		}
	}
	el(s.Action)
	el(s.Resource)
	if p := s.Principal; p != nil {
		fmt.Fprintf(w, "%s  %s %-11s %s", ind, mark(p.Matched), p.Element, p.Entry)
		if p.Names != "" {
			fmt.Fprintf(w, "  — names %s", p.Names)
		}
		if p.Note != "" {
			fmt.Fprintf(w, "  — %s", p.Note)
		}
		fmt.Fprintln(w)
	}
	for _, c := range s.Conditions {
		req := "absent"
		if c.Present {
			req = strings.Join(quoteAll(c.RequestValues), ", ")
			if c.Multi {
				req = "[" + req + "]"
			}
		}
		fmt.Fprintf(w, "%s  %s %s %s: request %s — %s\n", ind, mark(c.Result), c.Operator, c.Key, req, c.Reason)
		for _, v := range c.Values {
			line := fmt.Sprintf("%q", v.Text)
			if v.Resolved != "" && v.Resolved != v.Text {
				line += fmt.Sprintf(" → %q", v.Resolved)
			}
			if v.Matched {
				line += "  (matched)"
			}
			if v.Problem != "" {
				line += "  — " + v.Problem
			}
			fmt.Fprintf(w, "%s      %s\n", ind, line)
		}
	}
}

func describeSub(s eval.Substitution) string {
	if !s.Resolved {
		return s.Variable + " has no value: " + s.Note
	}
	out := fmt.Sprintf("%s = %q", s.Variable, s.Value)
	if s.Note != "" {
		out += " (" + s.Note + ")"
	}
	return out
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}
