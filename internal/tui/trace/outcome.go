package trace

import "github.com/iamlab/iamlab/internal/sandbox"

// FromOutcome is what the pane draws for a sandbox call: each hop's
// result, the service rules considered and the final decision. The
// scenario screen, the playground and the quiz all show calls this way, so
// the conversion lives with the pane rather than in one of them.
func FromOutcome(title string, o *sandbox.Outcome) *Content {
	c := &Content{Title: title, Final: Final{Decision: o.Decision, DecidedBy: o.DecidedBy, Reason: o.Reason}}
	for _, h := range o.Hops {
		c.Hops = append(c.Hops, Hop{Title: h.Description, Result: h.Result})
	}
	for _, r := range o.Rules {
		c.Rules = append(c.Rules, Rule{Name: r.Rule, Applies: r.Applies, Denies: r.Denies, Reason: r.Reason})
	}
	return c
}

// CallTitle is the short title of a call: "user dana → s3:GetObject → …".
func CallTitle(c sandbox.Call) string {
	return c.As + " → " + c.Action + " → " + c.Resource
}
