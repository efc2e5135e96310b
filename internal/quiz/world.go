package quiz

import (
	"fmt"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/sandbox"
	"github.com/iamlab/iamlab/internal/worldfile"
)

// worldBuilder turns a policy item's YAML world into a sandbox world,
// positioning every problem at the YAML that caused it.
type worldBuilder struct {
	p     *positions
	item  string
	probs []diag.Diagnostic
}

func (b *worldBuilder) add(path, code, format string, args ...any) {
	b.probs = append(b.probs, b.p.at(path, diag.Error, code, b.item, format, args...))
}

// build returns the world and its default account id; the world is nil
// when it has errors.
func (b *worldBuilder) build(at string, wf *worldfile.World) (*sandbox.World, string) {
	wb := worldfile.Builder{
		Problem: func(path, code, msg, expected string) {
			// The bank's style: `versioning "x": expected …` for a bad
			// value, `…; expected …` after a sentence.
			switch {
			case expected == "":
			case code == CodeBadValue:
				msg += ": expected " + expected
			default:
				msg += "; expected " + expected
			}
			b.add(path, code, "%s", msg)
		},
		Policy: b.text,
	}
	w, account := wb.Build(at, wf)
	if w == nil {
		return nil, ""
	}
	for _, err := range w.Validate() {
		b.add(at, CodeWorld, "%v", err)
	}
	for _, d := range w.Documents() {
		if d.Err != nil && !d.AWSManaged {
			b.add(at, CodeWorld, "policy %s does not parse: %v", d.ID, d.Err)
		}
	}
	if len(b.probs) > 0 {
		return nil, ""
	}
	return w, account
}

// text reads an inline document; the quiz bank has no pack folder for
// `file:` references.
func (b *worldBuilder) text(at, _ string, s worldfile.Source) (sandbox.PolicyText, bool) {
	if s.File != "" {
		b.add(joinPath(at, "file"), CodeBadValue, "file: %q cannot be used in the quiz bank; write the JSON inline under document: |", s.File)
		return sandbox.PolicyText{}, false
	}
	if s.Document == "" {
		b.add(at, CodeMissing, "the policy has no document; expected document: | followed by the JSON")
		return sandbox.PolicyText{}, false
	}
	return sandbox.PolicyText{Source: s.Document}, true
}

// describeCall is the call in words, for generated stems.
func describeCall(c sandbox.Call) string {
	s := fmt.Sprintf("%s calls `%s`", c.As, c.Action)
	if c.Resource != "" {
		s += fmt.Sprintf(" on `%s`", c.Resource)
	}
	if c.MFA != nil {
		s += pick(*c.MFA, " (signed in with MFA)", " (with long-term access keys, no MFA)")
	}
	return s
}
