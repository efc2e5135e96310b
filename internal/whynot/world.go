package whynot

import (
	"strings"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/sandbox"
)

// WorldCall is a Subject made of a sandbox world and one call in it.
type WorldCall struct {
	World *sandbox.World
	Call  sandbox.Call
	// Editable says which documents a proposal may change (a scenario's
	// editable documents); nil means every document that is not AWS
	// managed or built in.
	Editable func(docID string) bool
}

// Docs lists the world's documents.
func (wc *WorldCall) Docs() []Doc {
	var out []Doc
	for _, d := range wc.World.Documents() {
		ed := !d.AWSManaged && (wc.Editable == nil || wc.Editable(d.ID))
		out = append(out, Doc{ID: d.ID, Title: d.Title, Source: d.Source, Editable: ed})
	}
	return out
}

// Run evaluates the call in the world with the state's changes.
func (wc *WorldCall) Run(st State) (Run, error) {
	w, err := wc.apply(st)
	if err != nil {
		return Run{}, err
	}
	c := withContext(wc.Call, st.Context)
	out, err := w.Evaluate(c, eval.Options{Trace: true})
	if err != nil {
		return Run{}, err
	}
	r := Run{Decision: out.Decision, DecidedBy: out.DecidedBy, Reason: out.Reason}
	for i := range out.Hops {
		r.Hops = append(r.Hops, Hop{Input: &out.Hops[i].Input, Result: out.Hops[i].Result})
	}
	byPolicy := map[*eval.Policy]string{}
	for _, d := range w.Documents() {
		if d.Policy != nil && !d.AWSManaged {
			byPolicy[d.Policy] = d.ID
		}
	}
	r.DocOf = func(p *eval.Policy) (string, bool) {
		id, ok := byPolicy[p]
		return id, ok
	}
	return r, nil
}

func (wc *WorldCall) apply(st State) (*sandbox.World, error) {
	w := wc.World
	for id, src := range st.Sources {
		var err error
		if w, err = w.WithDocument(id, src); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// withContext sets the values a proposal supplies: MFA, the source address
// and TLS through the call's own fields (the sandbox derives the keys from
// them, as AWS does), anything else as a request key.
func withContext(c sandbox.Call, ctx map[string]string) sandbox.Call {
	if len(ctx) == 0 {
		return c
	}
	extra := make(map[string][]string, len(c.Context)+len(ctx))
	for k, v := range c.Context {
		extra[k] = v
	}
	for k, v := range ctx {
		switch strings.ToLower(k) {
		case "aws:multifactorauthpresent":
			b := v == "true"
			c.MFA = &b
			if spec, err := sandbox.ParseCaller(c.As); err == nil && spec.MFA != nil && *spec.MFA != b {
				c.MFA = nil // the phrase already says it; a second say is an error
			}
		case "aws:sourceip":
			c.SourceIP = v
		case "aws:securetransport":
			b := v == "true"
			c.Secure = &b
		default:
			extra[k] = []string{v}
		}
	}
	c.Context = extra
	return c
}

// CanSupply: the caller controls how it signs in, where it calls from and
// what it sends; who it is and what the resource is are the world's.
func (wc *WorldCall) CanSupply(key string) bool { return callerKey(key) }

func callerKey(key string) bool {
	k := strings.ToLower(key)
	switch {
	case k == "aws:multifactorauthpresent", k == "aws:sourceip", k == "aws:securetransport",
		k == "aws:requestedregion", strings.HasPrefix(k, "aws:requesttag/"), k == "aws:tagkeys":
		return true
	case strings.HasPrefix(k, "aws:"), strings.HasPrefix(k, "sts:"):
		return false // principal, resource, network and session facts
	}
	// service keys describe the request (s3:prefix, kms:EncryptionContext…)
	return strings.Contains(k, ":")
}

// Collateral counts how many of the other calls decide differently in the
// world with the state's changes applied.
func (wc *WorldCall) Collateral(others []sandbox.Call) func(State) int {
	before := make([]eval.Decision, len(others))
	for i, c := range others {
		if out, err := wc.World.Evaluate(c, eval.Options{}); err == nil {
			before[i] = out.Decision
		}
	}
	return func(st State) int {
		w, err := wc.apply(st)
		if err != nil {
			return 0
		}
		n := 0
		for i, c := range others {
			out, err := w.Evaluate(c, eval.Options{}) // context edits are this request's alone
			if err == nil && before[i] != "" && out.Decision != before[i] {
				n++
			}
		}
		return n
	}
}
