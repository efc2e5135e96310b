package scenarios

import (
	"fmt"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/policygen"
	"github.com/iamlab/iamlab/internal/sandbox"
)

// CodeBroaderReference: a build scenario's reference solution grants more
// than the least-privilege policy written from its checks.
const CodeBroaderReference = "broader-reference"

// GeneratedPar writes, with policygen, the least-privilege policy for a
// build scenario's only editable document from its checks (the calls
// expected allowed must be allowed, the others denied) and measures its
// breadth as the least-privilege measure does. ok is false when the
// scenario has other than exactly one editable identity policy, or the
// checks cannot be served by that document alone (policygen reports a
// problem): then there is no generated par to compare with.
func GeneratedPar(s *Scenario) (breadth int, source string, ok bool) {
	if s.Kind != Build || len(s.Editable) != 1 {
		return 0, "", false
	}
	id := s.Editable[0]
	d, found := s.World.Document(id)
	if !found || d.Type != eval.IdentityPolicy {
		return 0, "", false
	}
	var allow, deny []sandbox.Call
	for _, ch := range s.Checks {
		if ch.Expect == ExpectAllowed {
			allow = append(allow, ch.Call)
		} else {
			deny = append(deny, ch.Call)
		}
	}
	res, err := policygen.Write(policygen.Spec{World: s.World, Doc: id, Allow: allow, Deny: deny})
	if err != nil || len(res.Problems) > 0 {
		return 0, "", false
	}
	gw, err := s.World.WithDocument(id, res.Source)
	if err != nil {
		return 0, "", false
	}
	// The generated policy must itself pass every check, as a reference
	// does, or it is no par.
	for _, r := range RunChecks(s, gw) {
		if !r.Pass {
			return 0, "", false
		}
	}
	return Breadth(measure(s, gw)), res.Source, true
}

// againstGenerated warns, at the reference solution, when it is broader
// than the generated policy: the reference sets par, so a broad one lets a
// learner over-grant at par. A scenario whose briefing asks for more than
// the checks show says why in broaderReference.
func (c *checker) againstGenerated(sw *sandbox.World) {
	s := c.s
	gen, _, ok := GeneratedPar(s)
	if !ok {
		return
	}
	ref := Breadth(measure(s, sw))
	id := s.Editable[0]
	if ref <= gen {
		if s.BroaderReference != "" {
			f := s.doc.at("broaderReference", CodeBroaderReference, fmt.Sprintf("broaderReference explains a breadth the reference no longer has (%d, the policy written from the checks %d)", ref, gen), "remove broaderReference")
			f.Severity = diag.Warning
			c.add(f)
		}
		return
	}
	if s.BroaderReference != "" {
		return
	}
	pt, found := s.solWhere[id]
	f := s.doc.at("solution", CodeBroaderReference, "", "")
	if found {
		f.File, f.Line, f.Col = pt.file, pt.line, pt.col
	}
	f.Severity = diag.Warning
	f.Message = fmt.Sprintf("the reference solution for %s has breadth %d; the least-privilege policy written from the checks has %d (iamlab policy from-calls writes it)", id, ref, gen)
	f.Expected = "narrow the reference to what the checks need, add checks for what the briefing also asks, or say why in broaderReference"
	c.add(f)
}
