package eval

import (
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/internal/arn"
)

func (e *evaluator) step(l Layer, outcome, detail string) {
	if e.trace {
		e.steps = append(e.steps, Step{Layer: l, Outcome: outcome, Detail: detail})
	}
}

// finish records the decision and, with tracing, the final step.
func (e *evaluator) finish(d Decision, by Layer, rule Rule, reason string, deciding *StatementRef) Result {
	r := e.result
	r.Decision, r.DecidedBy, r.Rule, r.Reason, r.Deciding = d, by, rule, reason, deciding
	if r.Trace != nil {
		outcome := "allow"
		if d != Allowed {
			outcome = "deny"
		}
		e.step(by, outcome, reason)
		r.Trace.Steps = e.steps
	}
	return r
}

// explicit is the decision for an explicit Deny statement.
func (e *evaluator) explicit(d *StatementRef) Result {
	where := d.Policy
	if d.Level != "" {
		if where == "" {
			where = d.Level
		} else {
			where = d.Level + " / " + d.Policy
		}
	}
	stmt := "statement #" + strconv.Itoa(d.Index+1)
	if d.Sid != "" {
		stmt = "statement \"" + d.Sid + "\""
	}
	loc := stmt
	if where != "" {
		loc = where + ", " + stmt
	}
	reason := "with an explicit deny in " + article(layerNoun(d.Layer, e)) + " (" + loc + "): an explicit deny overrides every allow"
	return e.finish(ExplicitDeny, d.Layer, RuleExplicitDeny, reason, d)
}

func (e *evaluator) resourceTypeName() string {
	if e.in.Resource != nil && e.in.Resource.Policy != nil {
		switch t := e.in.Resource.Policy.Type; t {
		case TrustPolicy, KeyPolicy:
			return t.String()
		}
	}
	switch t := ResourcePolicyTypeFor(e.in.Request.Action, e.in.Request.Resource); t {
	case TrustPolicy, KeyPolicy:
		if e.in.ResourcePolicyRequired {
			return t.String()
		}
	}
	return policyLayers[iResource].noun
}

// mustTrust: role trust policies and KMS key policies must allow the caller
// explicitly, even within one account.
func (e *evaluator) mustTrust() bool {
	if e.in.ResourcePolicyRequired {
		return true
	}
	if e.in.Resource != nil && e.in.Resource.Policy != nil {
		t := e.in.Resource.Policy.Type
		return t == TrustPolicy || t == KeyPolicy
	}
	return false
}

func (e *evaluator) scpSkipReason() string {
	p := &e.p
	switch {
	case len(e.in.SCPs) == 0:
		return "the caller's account is not in an organization with SCPs"
	case !p.inAccount():
		return "SCPs apply only to principals in member accounts; this caller is a " + string(p.kind)
	case e.in.ManagementAccount != "" && p.account == e.in.ManagementAccount:
		return "SCPs do not apply to the management account"
	case p.slr:
		return "SCPs do not apply to service-linked roles"
	}
	return ""
}

func (e *evaluator) rcpApplies() (bool, string) {
	in := e.in
	svc := arn.ServiceOf(in.Request.Action)
	switch {
	case len(in.RCPs) == 0:
		return false, "the resource's account has no RCPs"
	case in.ManagementAccount != "" && e.resAcct == in.ManagementAccount:
		return false, "RCPs do not apply to resources in the management account"
	case in.RCPSupported != nil && !in.RCPSupported(svc):
		return false, "RCPs do not apply to " + svc + ": the service does not support them"
	case e.p.slr:
		return false, "RCPs do not apply to calls made by service-linked roles: their permissions cannot be restricted by RCPs"
	case e.p.kind == ServiceCaller && strings.HasPrefix(e.action, "sts:assumerole") && isServiceLinkedRoleARN(in.Request.Resource):
		return false, "RCPs do not affect an AWS service assuming its service-linked role, nor that role's trust policy"
	case in.AWSManagedKey:
		return false, "RCPs do not apply to AWS managed KMS keys"
	case e.action == "kms:retiregrant":
		return false, "RCPs do not apply to kms:RetireGrant"
	}
	return true, ""
}

func (e *evaluator) resourceNote(o layerOutcome) string {
	if o.allow == nil {
		return ""
	}
	return "its Allow names " + e.describeGrant(o.grant, o.entry)
}

// rootStoppers names what can still stop the root user in its own account,
// as the policy evaluation page lists it: the SCPs of a member account, RCPs
// and a Deny in a resource-based policy.
func (e *evaluator) rootStoppers() string {
	var out []string
	if len(e.in.SCPs) > 0 && !(e.in.ManagementAccount != "" && e.p.account == e.in.ManagementAccount) {
		out = append(out, "an SCP of its organization")
	} else {
		out = append(out, "an SCP (in a member account)")
	}
	out = append(out, "an RCP", "an explicit Deny in a resource-based policy")
	return strings.Join(out[:len(out)-1], ", ") + " or " + out[len(out)-1]
}

// limits are the layers that can still take away what a role or federating
// user grant gives: only those that exist for this request.
func (e *evaluator) limits() (string, int) {
	pb := e.in.Boundary != nil && e.in.Boundary.Policy != nil && e.p.inAccount() && e.p.kind != RootUser
	sess := ""
	switch {
	case e.p.isSession() && e.in.Session != nil && e.in.Session.Policy != nil:
		sess = "the session policy"
	case e.p.kind == FederatedUser:
		sess = "the session policy (a federated user has none, so it gets nothing)"
	}
	switch {
	case pb && sess != "":
		return "the permissions boundary and " + sess, 2
	case pb:
		return "the permissions boundary", 1
	case sess != "":
		return sess, 1
	}
	return "", 0
}

func (e *evaluator) describeGrant(g grant, entry string) string {
	if g != grantRole && g != grantIssuer {
		return g.describe(&e.p, entry, "")
	}
	// In a trace the principal, the layer's note and the decision all say
	// it: build the sentence once.
	if m := e.mem; m != nil && m.grantText != "" && m.grant == g && m.grantEntry == entry {
		return m.grantText
	}
	l, _ := e.limits()
	s := g.describe(&e.p, entry, l)
	if m := e.mem; m != nil {
		m.grant, m.grantEntry, m.grantText = g, entry, s
	}
	return s
}

func describeCaller(p *principal) string {
	switch p.kind {
	case Anonymous:
		return "an anonymous caller"
	case ServiceCaller:
		return "the service " + p.arn
	case WebIdentity:
		return "the identity provider " + p.arn
	}
	return p.arn
}

func (e *evaluator) requestTrace() RequestTrace {
	r := &e.in.Request
	rt := RequestTrace{
		Principal: r.Principal, PrincipalKind: e.p.kind, PrincipalAccount: e.p.account,
		RoleARN: e.p.roleARN, ServiceLinked: e.p.slr,
		Action: r.Action, Resource: r.Resource, ResourceAccount: e.resAcct, CrossAccount: e.cross,
	}
	rt.Context = r.Context.entries(len(derivedKeys))
	for i, k := range derivedKeys {
		if _, ok := r.Context.getLower(k.lower); ok {
			continue
		}
		if v := k.value(e); v != "" {
			e.mem.derived[i] = v
			rt.Context = append(rt.Context, ContextEntry{Key: k.name, Value: ContextValue{Values: e.mem.derived[i : i+1 : i+1]}, Derived: true})
		}
	}
	return rt
}

// Sentence is the one-line decision a learner reads first.
func (r Result) Sentence() string {
	return string(r.Decision) + " — " + r.Reason
}
