package whynot

import (
	"fmt"

	"github.com/iamlab/iamlab/internal/eval"
)

// InputCase is a Subject made of an engine input whose policies were
// compiled from one source text (an iamlab eval case file): each policy's
// text is cut out of that source by its position, edited there, and
// compiled again.
type InputCase struct {
	base  eval.Input
	slots []slot
	docs  []Doc
}

// slot is where one policy sits in the input.
type slot struct {
	id    string
	typ   eval.PolicyType
	place func(in *eval.Input, p *eval.Policy)
}

// FromInputAt builds a subject from a compiled input and the text its
// policies were compiled from, which starts at byte offset base of the file
// the positions count in (one case cut out of a streamed file; 0 for a
// whole file). Every policy is editable.
func FromInputAt(in *eval.Input, src []byte, base int) (*InputCase, error) {
	c := &InputCase{base: *in}
	text := string(src)
	add := func(id string, ref *eval.PolicyRef, place func(*eval.Input, *eval.Policy)) error {
		if ref == nil || ref.Policy == nil {
			return nil
		}
		off := ref.Policy.Pos.Offset - base
		if off < 0 || off >= len(text) || text[off] != '{' {
			return fmt.Errorf("policy %s: its text is not at offset %d of the source", id, off)
		}
		title := ref.Name
		if title == "" {
			title = id
		}
		c.docs = append(c.docs, Doc{ID: id, Title: title, Source: text[off:valueEnd(text, off)], Editable: true})
		c.slots = append(c.slots, slot{id: id, typ: ref.Policy.Type, place: place})
		return nil
	}
	var err error
	check := func(e error) {
		if err == nil {
			err = e
		}
	}
	for i := range in.Identity {
		i := i
		check(add(fmt.Sprintf("identityPolicies[%d]", i), &in.Identity[i], func(x *eval.Input, p *eval.Policy) {
			x.Identity[i].Policy = p
		}))
	}
	check(add("resourcePolicy", in.Resource, func(x *eval.Input, p *eval.Policy) { x.Resource.Policy = p }))
	check(add("permissionsBoundary", in.Boundary, func(x *eval.Input, p *eval.Policy) { x.Boundary.Policy = p }))
	check(add("sessionPolicy", in.Session, func(x *eval.Input, p *eval.Policy) { x.Session.Policy = p }))
	for i := range in.Endpoints {
		i := i
		check(add(fmt.Sprintf("vpcEndpointPolicies[%d]", i), &in.Endpoints[i], func(x *eval.Input, p *eval.Policy) {
			x.Endpoints[i].Policy = p
		}))
	}
	for li := range in.SCPs {
		for pi := range in.SCPs[li].Policies {
			li, pi := li, pi
			check(add(fmt.Sprintf("scps[%d].policies[%d]", li, pi), &in.SCPs[li].Policies[pi], func(x *eval.Input, p *eval.Policy) {
				x.SCPs[li].Policies[pi].Policy = p
			}))
		}
	}
	for li := range in.RCPs {
		for pi := range in.RCPs[li].Policies {
			li, pi := li, pi
			check(add(fmt.Sprintf("rcps[%d].policies[%d]", li, pi), &in.RCPs[li].Policies[pi], func(x *eval.Input, p *eval.Policy) {
				x.RCPs[li].Policies[pi].Policy = p
			}))
		}
	}
	return c, err
}

// Docs lists the input's policies.
func (c *InputCase) Docs() []Doc { return append([]Doc(nil), c.docs...) }

// Run compiles every policy from its (possibly edited) text and evaluates.
func (c *InputCase) Run(st State) (Run, error) {
	in := c.copyInput()
	byPolicy := make(map[*eval.Policy]string, len(c.slots))
	for i, s := range c.slots {
		src := c.docs[i].Source
		if v, ok := st.Sources[s.id]; ok {
			src = v
		}
		p, err := eval.Parse([]byte(src), s.typ)
		if err != nil {
			return Run{}, err
		}
		s.place(in, p)
		byPolicy[p] = s.id
	}
	if len(st.Context) > 0 {
		in.Request.Context = in.Request.Context.Clone()
		for k, v := range st.Context {
			in.Request.Context.Set(k, v)
		}
	}
	res := eval.Evaluate(in, eval.Options{Trace: true})
	return Run{
		Decision: res.Decision, DecidedBy: res.DecidedBy, Reason: res.Reason,
		Hops:  []Hop{{Input: in, Result: res}},
		DocOf: func(p *eval.Policy) (string, bool) { id, ok := byPolicy[p]; return id, ok },
	}, nil
}

// CanSupply: in a hand-written case every context key is the author's; the
// principal's own keys are still facts, not choices.
func (c *InputCase) CanSupply(key string) bool { return callerKey(key) }

// copyInput copies the slices a Run writes compiled policies into, so runs
// never share them.
func (c *InputCase) copyInput() *eval.Input {
	in := c.base
	in.Identity = append([]eval.PolicyRef(nil), c.base.Identity...)
	in.Endpoints = append([]eval.PolicyRef(nil), c.base.Endpoints...)
	if c.base.Resource != nil {
		r := *c.base.Resource
		in.Resource = &r
	}
	if c.base.Boundary != nil {
		r := *c.base.Boundary
		in.Boundary = &r
	}
	if c.base.Session != nil {
		r := *c.base.Session
		in.Session = &r
	}
	copyLevels := func(ls []eval.Level) []eval.Level {
		if ls == nil {
			return nil // outside an organization
		}
		out := make([]eval.Level, len(ls))
		for i, l := range ls {
			out[i] = eval.Level{ID: l.ID, Policies: append([]eval.PolicyRef(nil), l.Policies...)}
		}
		return out
	}
	in.SCPs = copyLevels(c.base.SCPs)
	in.RCPs = copyLevels(c.base.RCPs)
	return &in
}
