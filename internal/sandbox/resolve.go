package sandbox

import (
	"fmt"
	"net/netip"
	"strings"
	"time"

	"github.com/iamlab/iamlab/internal/catalog"
	"github.com/iamlab/iamlab/internal/eval"
)

// run is the state of one Evaluate.
type run struct {
	w           *World
	ix          *index
	call        *Call
	opt         eval.Options
	out         *Outcome
	now         time.Time
	times       callTimes
	mfa         bool
	mfaSet      bool
	sourceIP    string
	vpcSourceIP string
	secure      bool
	endpoint    *VPCEndpoint
}

// Evaluate resolves a call into its hops, evaluates each with the engine and
// applies the service rules. The error means the call cannot be resolved
// (an unknown name, a phrase iamlab does not know, a document the call needs
// that does not parse); a denied request is an Outcome, not an error.
func (w *World) Evaluate(c Call, opt eval.Options) (*Outcome, error) {
	spec, err := ParseCaller(c.As)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(c.Action) == "" || !strings.Contains(c.Action, ":") {
		return nil, fmt.Errorf("action %q: write service:Action, for example s3:GetObject", c.Action)
	}
	r := &run{w: w, ix: w.index(), call: &c, opt: opt, out: &Outcome{Call: c}, secure: true}
	if err := r.settings(spec); err != nil {
		return nil, err
	}
	res, err := r.resolveResource(c.Resource)
	if err != nil {
		return nil, err
	}
	p, ok, err := r.caller(spec, nil, true)
	if err != nil {
		return nil, err
	}
	if !ok {
		return r.out, nil
	}
	region := c.Region
	if region == "" {
		region = res.region
	}
	if region == "" && p.acct != nil {
		region = p.acct.region()
	}
	if region == "" {
		region = DefaultRegion
	}
	var extra []ctxKey
	if strings.HasPrefix(strings.ToLower(c.Action), "sts:assumerole") && spec.Kind != CallerRole {
		// The call itself assumes a role: its external id and tags go here.
		if c.ExternalID != "" {
			extra = append(extra, ctxKey{key: "sts:ExternalId", vals: []string{c.ExternalID}})
		}
		extra = append(extra, sessionTagKeys(c.SessionTags)...)
	}
	desc := p.label + " calls " + c.Action + " on " + res.describe()
	h, err := r.hop(desc, p, c.Action, res, region, true, extra)
	if err != nil {
		return nil, err
	}
	r.out.Decision, r.out.DecidedBy, r.out.Reason = h.Result.Decision, h.Result.DecidedBy, h.Result.Reason
	r.applyRules(p, res, h)
	return r.out, nil
}

// settings reads the call's options that apply to every hop.
func (r *run) settings(spec CallerSpec) error {
	c := r.call
	if c.Account != "" {
		if _, err := r.w.accountOrError(c.Account); err != nil {
			return err
		}
	}
	switch {
	case c.MFA != nil && spec.MFA != nil && *c.MFA != *spec.MFA:
		return fmt.Errorf("caller %q says %s but the call sets MFA to %v; say it once", c.As, mfaWords(*spec.MFA), *c.MFA)
	case c.MFA != nil:
		r.mfa, r.mfaSet = *c.MFA, true
	case spec.MFA != nil:
		r.mfa, r.mfaSet = *spec.MFA, true
	}
	r.sourceIP, r.vpcSourceIP = DefaultSourceIP, DefaultVPCSourceIP
	switch {
	case c.SourceIP != "" && spec.SourceIP != "" && c.SourceIP != spec.SourceIP:
		return fmt.Errorf("caller %q comes from %s but the call gives source IP %s; say it once", c.As, spec.SourceIP, c.SourceIP)
	case c.SourceIP != "":
		if _, err := netip.ParseAddr(c.SourceIP); err != nil {
			return fmt.Errorf("source IP %q is not an IP address", c.SourceIP)
		}
		r.sourceIP = c.SourceIP
	case spec.SourceIP != "":
		r.sourceIP = spec.SourceIP
	}
	if c.Secure != nil {
		r.secure = *c.Secure
	}
	r.now, _ = time.Parse(time.RFC3339, DefaultTime)
	if c.Time != "" {
		t, err := parseTime(c.Time)
		if err != nil {
			return err
		}
		r.now = t
	}
	r.times = newCallTimes(r.now)
	if c.VPCEndpoint != "" {
		if c.SourceIP != "" || spec.SourceIP != "" {
			r.vpcSourceIP = r.sourceIP // inside a VPC the address is private
		}
		e := r.ix.endpoints[c.VPCEndpoint]
		if e == nil {
			return fmt.Errorf("VPC endpoint %q is not in the world%s", c.VPCEndpoint, didYouMean(c.VPCEndpoint, mapKeys(r.ix.endpoints)))
		}
		r.endpoint = e
	}
	return nil
}

func mfaWords(b bool) string {
	if b {
		return "with MFA"
	}
	return "without MFA"
}

func parseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("time %q is not ISO 8601 (for example 2026-01-15T12:00:00Z)", s)
}

// defaultAccount is the call's account, needed to read a short name.
func (r *run) defaultAccount(what string) (*Account, error) {
	if r.call.Account != "" {
		return r.w.accountOrError(r.call.Account)
	}
	if len(r.w.accounts) == 1 {
		return r.w.accounts[0], nil
	}
	return nil, fmt.Errorf("%s: say which account (the call gives none and the world has %d: %s)", what, len(r.w.accounts), nameList(r.w.accountNames()))
}

func (r *run) accountFor(ref, what string) (*Account, error) {
	if ref != "" {
		return r.w.accountOrError(ref)
	}
	return r.defaultAccount(what)
}

// hop evaluates one request and records it.
func (r *run) hop(desc string, p *principal, action string, res *resource, region string, final bool, extra []ctxKey) (*Hop, error) {
	in, err := r.input(p, action, res, region, final, extra)
	if err != nil {
		return nil, err
	}
	r.out.Hops = append(r.out.Hops, Hop{Description: desc, Input: in})
	h := &r.out.Hops[len(r.out.Hops)-1]
	h.Result = eval.Evaluate(&h.Input, r.opt)
	return h, nil
}

// input is the engine's input for one request.
func (r *run) input(p *principal, action string, res *resource, region string, final bool, extra []ctxKey) (eval.Input, error) {
	in := eval.Input{
		Request: eval.Request{Principal: p.arn, SessionIssuer: p.issuer, Action: action, Resource: res.arn},
		// the services RCPs apply to, from the AWS service catalogue
		RCPSupported: catalog.RCPSupported,
	}
	switch {
	case res.acct != nil:
		in.Request.ResourceAccount = res.acct.ID
	case res.kind == "aws-managed-policy" && p.acct != nil:
		// Every account sees the AWS managed policies as its own IAM
		// resources: the caller's identity policies decide reading them.
		in.Request.ResourceAccount = p.acct.ID
	}
	if p.inAccount() && p.kind != eval.RootUser {
		ids, boundary, err := r.identity(p)
		if err != nil {
			return in, err
		}
		in.Identity, in.Boundary = ids, boundary
		in.HasBoundary = boundary != nil
	}
	if p.sessionPolicy != nil {
		in.Session = p.sessionPolicy.ref()
	}
	if err := r.resourcePolicy(&in, action, res); err != nil {
		return in, err
	}
	if r.w.org != nil {
		var err error
		if p.inAccount() {
			if in.SCPs, err = r.w.scpChain(r.ix.place[p.acct.ID]); err != nil {
				return in, err
			}
		}
		if res.acct != nil {
			if in.RCPs, err = r.w.rcpChain(r.ix.place[res.acct.ID]); err != nil {
				return in, err
			}
		}
		in.ManagementAccount = r.w.managementID()
	}
	if final && r.endpoint != nil {
		if d, ok := r.w.docs[EndpointPolicyID(r.endpoint.ID)]; ok {
			if d.Policy == nil {
				return in, brokenError(d)
			}
			in.Endpoints = []eval.PolicyRef{*d.ref()}
		}
	}
	in.Request.Context = r.context(p, res, region, final, extra)
	return in, nil
}

// resourcePolicy picks the resource-side policy: a role's trust policy for
// the STS actions that assume it, a KMS key policy (which must trust the
// caller even in one account), otherwise the resource's own policy.
func (r *run) resourcePolicy(in *eval.Input, action string, res *resource) error {
	if res.policyID == "" {
		return nil
	}
	typ := eval.ResourcePolicyTypeFor(action, res.arn)
	switch res.kind {
	case "role":
		if typ != eval.TrustPolicy {
			return nil // the trust policy governs only assuming the role
		}
		in.ResourcePolicyRequired = true
	case "key":
		in.ResourcePolicyRequired = typ == eval.KeyPolicy
		in.AWSManagedKey = res.key.AWSManaged
	}
	d, ok := r.w.docs[res.policyID]
	if !ok {
		return nil
	}
	if d.Policy == nil {
		return brokenError(d)
	}
	in.Resource = d.ref()
	return nil
}

// identity gathers a principal's identity-based policies and boundary: a
// user's own and its groups', or the role's. A federated user's are those
// of the user who created the session.
func (r *run) identity(p *principal) ([]eval.PolicyRef, *eval.PolicyRef, error) {
	a := p.acct
	var refs []eval.PolicyRef
	addManaged := func(names []string) error {
		for _, n := range names {
			d, err := r.w.managedPolicy(a, n)
			if err != nil {
				return err
			}
			if d.Policy == nil {
				return brokenError(d)
			}
			refs = append(refs, *d.ref())
		}
		return nil
	}
	addInline := func(kind, owner string) error {
		for _, id := range r.ix.inlineIDs(r.w, a.ID, kind, owner) {
			d := r.w.docs[id]
			if d.Policy == nil {
				return brokenError(d)
			}
			refs = append(refs, *d.ref())
		}
		return nil
	}
	boundaryName := ""
	switch {
	case p.user != nil:
		u := p.user
		if err := addManaged(u.Policies); err != nil {
			return nil, nil, fmt.Errorf("user %s: %w", u.Name, err)
		}
		if err := addInline("user", u.Name); err != nil {
			return nil, nil, err
		}
		for _, gn := range u.Groups {
			g := r.ix.groups[a.ID+"/"+gn]
			if g == nil {
				return nil, nil, fmt.Errorf("user %s: group %q is not in account %s%s", u.Name, gn, a.label(), didYouMean(gn, groupNames(a)))
			}
			if err := addManaged(g.Policies); err != nil {
				return nil, nil, fmt.Errorf("group %s: %w", g.Name, err)
			}
			if err := addInline("group", g.Name); err != nil {
				return nil, nil, err
			}
		}
		boundaryName = u.Boundary
	case p.role != nil:
		if err := addManaged(p.role.Policies); err != nil {
			return nil, nil, fmt.Errorf("role %s: %w", p.role.Name, err)
		}
		if err := addInline("role", p.role.Name); err != nil {
			return nil, nil, err
		}
		boundaryName = p.role.Boundary
	}
	if boundaryName == "" {
		return refs, nil, nil
	}
	d, err := r.w.managedPolicy(a, boundaryName)
	if err != nil {
		return nil, nil, fmt.Errorf("permissions boundary: %w", err)
	}
	if d.Policy == nil {
		return nil, nil, brokenError(d)
	}
	return refs, d.ref(), nil
}

// inlineIDs lists the inline documents of a user, group or role in ID order.
// The set of documents changes only through AddDocument and AddAccount,
// which rebuild the index, so the lists are computed once.
func (ix *index) inlineIDs(w *World, acct, kind, owner string) []string {
	ix.inlineOnce.Do(func() {
		ix.inline = map[string][]string{}
		for _, id := range w.docIDs("inline:") {
			rest := strings.TrimPrefix(id, "inline:")
			if i := strings.LastIndexByte(rest, '/'); i > 0 {
				ix.inline[rest[:i]] = append(ix.inline[rest[:i]], id)
			}
		}
	})
	return ix.inline[acct+"/"+kind+"/"+owner]
}
