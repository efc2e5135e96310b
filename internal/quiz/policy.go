package quiz

import (
	"fmt"
	"strings"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/sandbox"
)

// decisions in the order options show them.
var decisions = []eval.Decision{eval.Allowed, eval.ExplicitDeny, eval.ImplicitDeny}

// layerNames are the layers an author may name in `decidedBy`.
var layerNames = []eval.Layer{eval.LayerSCP, eval.LayerRCP, eval.LayerEndpoint, eval.LayerResource, eval.LayerIdentity,
	eval.LayerBoundary, eval.LayerSession, sandbox.LayerServiceRule, eval.LayerRoot, eval.LayerAlways}

// buildPolicy builds the world and call of a policy item, evaluates the
// call and turns the outcome into options. Problems are returned for Check;
// an item that cannot be evaluated keeps no options and sessions skip it.
func buildPolicy(it *Item, raw *itemFile, pos *positions) []diag.Diagnostic {
	var probs []diag.Diagnostic
	bad := func(path, code, format string, args ...any) {
		probs = append(probs, pos.at(path, diag.Error, code, raw.ID, format, args...))
	}
	q := &PolicyQuestion{Ask: Ask(raw.Ask)}
	it.Policy = q
	switch q.Ask {
	case AskDecision, AskLayer, AskBoth:
	case "":
		bad("ask", CodeMissing, "a policy item needs ask: decision, layer or both")
	default:
		bad("ask", CodeBadValue, "ask %q: expected decision, layer or both", raw.Ask)
	}
	if raw.Answer != nil {
		k := &Key{Decision: eval.Decision(raw.Answer.Decision), DecidedBy: eval.Layer(raw.Answer.DecidedBy)}
		if !containsDecision(k.Decision) {
			bad(joinPath("answer", "decision"), CodeBadValue, "decision %q: expected allowed, explicitDeny or implicitDeny", raw.Answer.Decision)
		}
		if k.DecidedBy != "" && !containsLayer(k.DecidedBy) {
			bad(joinPath("answer", "decidedBy"), CodeBadValue, "decidedBy %q: expected one of %s", raw.Answer.DecidedBy, layerList())
		}
		if k.DecidedBy == "" && (q.Ask == AskLayer || q.Ask == AskBoth) {
			bad("answer", CodeMissing, "ask: %s needs answer.decidedBy as well as answer.decision", q.Ask)
		}
		q.Stated = k
	}
	if len(raw.Options) > 0 {
		bad("options", CodeBadValue, "policy items get their options from the engine; remove options: (use type: single to write your own)")
	}
	if raw.World == nil {
		bad("world", CodeMissing, "a policy item needs a world: accounts with their principals, policies and resources")
	}
	if raw.Call == nil {
		bad("call", CodeMissing, "a policy item needs a call: as, action, resource")
	}
	if raw.World == nil || raw.Call == nil {
		return probs
	}
	wb := &worldBuilder{p: pos, item: raw.ID}
	w, account := wb.build("world", raw.World)
	probs = append(probs, wb.probs...)
	if w == nil {
		return probs
	}
	q.World = w
	q.Call = raw.Call.Sandbox(account)
	for _, f := range []struct{ name, v string }{{"as", q.Call.As}, {"action", q.Call.Action}} {
		if f.v == "" {
			bad(joinPath("call", f.name), CodeMissing, "the call has no %s", f.name)
		}
	}
	if len(probs) > 0 {
		return probs
	}
	out, err := w.Evaluate(q.Call, eval.Options{Trace: true})
	if err != nil {
		bad("call", CodeCall, "the call cannot be evaluated in this world: %v", err)
		return probs
	}
	q.Outcome = out
	it.Options = policyOptions(q.Ask, out)
	if it.Stem == "" {
		it.Stem = policyStem(q.Ask, q.Call)
	}
	return probs
}

func containsDecision(d eval.Decision) bool {
	for _, x := range decisions {
		if x == d {
			return true
		}
	}
	return false
}

func containsLayer(l eval.Layer) bool {
	for _, x := range layerNames {
		if x == l {
			return true
		}
	}
	return false
}

func layerList() string {
	var s []string
	for _, l := range layerNames {
		s = append(s, string(l))
	}
	return strings.Join(s, ", ")
}

// policyStem is the default question for a policy item.
func policyStem(ask Ask, c sandbox.Call) string {
	switch ask {
	case AskLayer:
		return fmt.Sprintf("%s. Which policy type decides the outcome?", capitalize(describeCall(c)))
	case AskBoth:
		return fmt.Sprintf("%s. What is the outcome, and which policy type decides it?", capitalize(describeCall(c)))
	}
	return fmt.Sprintf("%s. Is the request allowed?", capitalize(describeCall(c)))
}

// sentence makes an engine phrase a sentence: capital first, full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return capitalize(s)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// DecisionText names a decision for people.
func DecisionText(d eval.Decision) string {
	switch d {
	case eval.Allowed:
		return "Allowed"
	case eval.ExplicitDeny:
		return "Denied by an explicit Deny"
	case eval.ImplicitDeny:
		return "Denied implicitly (nothing that must allow it does)"
	}
	return string(d)
}

// LayerText names a layer for people.
func LayerText(l eval.Layer) string {
	if l == sandbox.LayerServiceRule {
		return "a service rule that is not an IAM policy (such as S3 Block Public Access or MFA Delete)"
	}
	t := eval.LayerTitle(l)
	if t == "" {
		return string(l)
	}
	return capitalize(t)
}

// policyOptions builds the options of a policy question from the outcome;
// the correct option is the engine's, so the key is right by construction.
func policyOptions(ask Ask, out *sandbox.Outcome) []Option {
	tr := lastTrace(out)
	switch ask {
	case AskDecision:
		var opts []Option
		for _, d := range decisions {
			opts = append(opts, Option{ID: string(d), Text: DecisionText(d), Correct: d == out.Decision, Why: decisionWhy(d, out, tr)})
		}
		return opts
	case AskLayer:
		var opts []Option
		for _, l := range candidateLayers(out, tr, 4) {
			opts = append(opts, Option{ID: string(l), Text: LayerText(l), Correct: l == out.DecidedBy, Why: layerWhy(l, out, tr)})
		}
		return opts
	case AskBoth:
		type combo struct {
			d eval.Decision
			l eval.Layer
		}
		list := []combo{{out.Decision, out.DecidedBy}}
		for _, d := range decisions {
			if d != out.Decision && len(list) < 3 {
				list = append(list, combo{d, out.DecidedBy})
			}
		}
		for _, l := range candidateLayers(out, tr, 4) {
			if l != out.DecidedBy && len(list) < 5 {
				list = append(list, combo{out.Decision, l})
			}
		}
		var opts []Option
		for _, c := range list {
			ok := c.d == out.Decision && c.l == out.DecidedBy
			why := decisionWhy(c.d, out, tr)
			if c.d == out.Decision {
				why = layerWhy(c.l, out, tr)
			}
			opts = append(opts, Option{ID: string(c.d) + "@" + string(c.l), Text: DecisionText(c.d) + " — decided by: " + LayerText(c.l), Correct: ok, Why: why})
		}
		return opts
	}
	return nil
}

// lastTrace is the trace of the hop that decided (the last one evaluated).
func lastTrace(out *sandbox.Outcome) *eval.Trace {
	if out == nil || len(out.Hops) == 0 {
		return nil
	}
	return out.Hops[len(out.Hops)-1].Result.Trace
}

func layerTrace(tr *eval.Trace, l eval.Layer) *eval.LayerTrace {
	if tr == nil {
		return nil
	}
	for _, lt := range tr.Layers {
		if lt.Layer == l {
			return lt
		}
	}
	return nil
}

// candidateLayers is the deciding layer, then the layers that applied to
// the request, then common neighbours, up to n: the plausible answers.
func candidateLayers(out *sandbox.Outcome, tr *eval.Trace, n int) []eval.Layer {
	out1 := []eval.Layer{out.DecidedBy}
	seen := map[eval.Layer]bool{out.DecidedBy: true}
	add := func(l eval.Layer) {
		if !seen[l] && len(out1) < n {
			seen[l] = true
			out1 = append(out1, l)
		}
	}
	if tr != nil {
		for _, lt := range tr.Layers {
			if lt.Applicable && lt.Layer != eval.LayerAlways {
				add(lt.Layer)
			}
		}
	}
	for _, l := range []eval.Layer{eval.LayerIdentity, eval.LayerResource, eval.LayerSCP, eval.LayerBoundary} {
		add(l)
	}
	return out1
}

func decisionWhy(d eval.Decision, out *sandbox.Outcome, tr *eval.Trace) string {
	if d == out.Decision {
		return "Correct. " + sentence(out.Reason)
	}
	switch d {
	case eval.ExplicitDeny:
		return "No statement that applies to this request denies it; an explicit deny needs a Deny whose action, resource and conditions all match."
	case eval.Allowed:
		return "Not every layer that must allow the request does. " + sentence(out.Reason)
	default: // implicit deny
		if out.Decision == eval.ExplicitDeny {
			return "A matching Deny decides first: an explicit deny, not merely a missing Allow. " + sentence(out.Reason)
		}
		return "Every layer that must allow the request does, and nothing denies it. " + sentence(out.Reason)
	}
}

func layerWhy(l eval.Layer, out *sandbox.Outcome, tr *eval.Trace) string {
	if l == out.DecidedBy {
		return "Correct. " + sentence(out.Reason)
	}
	if l == sandbox.LayerServiceRule {
		for _, r := range out.Rules {
			if r.Applies {
				return "A service rule applies (" + r.Rule + ") but it does not decide: " + r.Reason
			}
		}
		return "No service rule such as Block Public Access or MFA Delete concerns this request."
	}
	lt := layerTrace(tr, l)
	if lt == nil || !lt.Applicable {
		note := ""
		if lt != nil && lt.Note != "" {
			note = " " + sentence(lt.Note)
		}
		return fmt.Sprintf("%s: not part of this evaluation.%s", LayerText(l), note)
	}
	return fmt.Sprintf("%s: %s here, but the outcome is decided by the %s.", LayerText(l), verdictWords(lt.Verdict), strings.ToLower(LayerText(out.DecidedBy)))
}

func verdictWords(v eval.Verdict) string {
	switch v {
	case eval.VerdictAllow:
		return "a matching Allow"
	case eval.VerdictDeny:
		return "a matching Deny"
	case eval.VerdictNoAllow:
		return "no matching Allow"
	}
	return "nothing that applies"
}
