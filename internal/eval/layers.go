package eval

// The policy layers as one table, in AWS's order: what people call each
// layer and what the trace says of it, with, beside it, one method for each
// thing that depends on the request (whether the layer applies, how its
// policies are consulted, when it denies implicitly). The evaluator walks
// the table; the trace takes its titles, the reasons their nouns and
// PolicyType its names from it, so a layer's vocabulary lives here only.

// Indexes of policyLayers, in the order the trace shows the layers.
const (
	iSCP = iota
	iRCP
	iEndpoint
	iResource
	iIdentity
	iBoundary
	iSession
	nLayers
)

// policyLayer is one kind of policy the engine consults: its words, and
// the fixed sentences the trace and the decision say about it. What depends
// on the request is in the evaluator's methods below, one case per layer.
// (The table holds no functions: a call through a function value makes the
// evaluator escape to the heap, one allocation more per decision.)
type policyLayer struct {
	layer Layer
	title string // the trace's heading: plural where a layer holds many policies
	// noun is the singular AWS's access-denied messages use ("with an
	// explicit deny in a service control policy"); the resource layer names
	// the kind of resource policy instead (resourceTypeName).
	noun string
	// policyType is the document type attached at this layer.
	policyType PolicyType
	// note is the trace's line under the layer when it applies.
	note string
	// pass is the step a limiting layer records when it lets the request
	// through; "" for the layers that grant (resource- and identity-based).
	pass string
}

// policyLayers are the layers, in the order the trace shows them and AWS's
// evaluation flow reaches them.
var policyLayers = [nLayers]policyLayer{
	iSCP: {layer: LayerSCP, title: "service control policies", noun: "service control policy", policyType: SCP,
		note: "every level from the root to the account must allow; SCPs never grant", pass: "every level of the SCP chain allows the action"},
	iRCP: {layer: LayerRCP, title: "resource control policies", noun: "resource control policy", policyType: RCP,
		note: "RCPFullAWSAccess is attached at every level, so only a Deny can stop the request", pass: "no resource control policy denies the request"},
	iEndpoint: {layer: LayerEndpoint, title: "VPC endpoint policies", noun: "VPC endpoint policy", policyType: EndpointPolicy,
		note: "the request passes through a VPC endpoint whose policy must allow it", pass: "the VPC endpoint policy allows the request"},
	iResource: {layer: LayerResource, title: "resource-based policy", noun: "resource-based policy", policyType: ResourcePolicy},
	iIdentity: {layer: LayerIdentity, title: "identity-based policies", noun: "identity-based policy", policyType: IdentityPolicy},
	iBoundary: {layer: LayerBoundary, title: "permissions boundary", noun: "permissions boundary", policyType: BoundaryPolicy,
		note: "a boundary sets the maximum: it must allow too, but grants nothing", pass: "the permissions boundary allows the action"},
	iSession: {layer: LayerSession, title: "session policy", noun: "session policy", policyType: SessionPolicy,
		note: "a session policy limits the session to what it allows", pass: "the session policy allows the action"},
}

// applies says whether layer i takes part in this request.
func (e *evaluator) applies(i int) bool {
	in := e.in
	switch i {
	case iSCP:
		return e.scpApplies()
	case iRCP:
		ok, _ := e.rcpApplies()
		return ok
	case iEndpoint:
		return len(in.Endpoints) > 0
	case iResource:
		return in.Resource != nil && in.Resource.Policy != nil
	case iIdentity:
		return e.hasIdentityPolicies()
	case iBoundary:
		// A boundary caps identity-based policies: where there are none
		// (the root user, callers outside an account) it has nothing to cap.
		return in.Boundary != nil && in.Boundary.Policy != nil && e.hasIdentityPolicies()
	case iSession:
		return e.p.isSession() && in.Session != nil && in.Session.Policy != nil
	}
	return false
}

// skipped says, for the trace, why layer i does not apply.
func (e *evaluator) skipped(i int) string {
	switch i {
	case iSCP:
		return e.scpSkipReason()
	case iRCP:
		_, why := e.rcpApplies()
		return why
	case iEndpoint:
		return "the request does not pass through a VPC endpoint"
	case iResource:
		if e.mustTrust() {
			return "the resource has no resource-based policy, and this resource needs one that allows the caller"
		}
		return "the resource has no resource-based policy"
	case iIdentity:
		return "a " + string(e.p.kind) + " has no identity-based policies"
	case iBoundary:
		return "no permissions boundary is set"
	case iSession:
		return e.sessionSkipReason()
	}
	return ""
}

// consult evaluates the policies of layer i; a chain layer also returns its
// levels. It records in L what the decision needs beyond the outcome (which
// SCP level or endpoint failed).
func (e *evaluator) consult(i int, L *layers) (layerOutcome, []*LevelTrace, []*PolicyTrace) {
	in := e.in
	var one *PolicyRef
	switch i {
	case iSCP:
		o, failed, lts := e.chain(LayerSCP, in.SCPs, false)
		L.scpFailed = failed
		return o, lts, nil
	case iRCP:
		o, _, lts := e.chain(LayerRCP, in.RCPs, true)
		return o, lts, nil
	case iEndpoint:
		return e.endpoints(L)
	case iIdentity:
		o, pts := e.policies(LayerIdentity, "", in.Identity, false)
		return o, nil, pts
	case iResource:
		one = in.Resource
	case iBoundary:
		one = in.Boundary
	case iSession:
		one = in.Session
	}
	// Only a resource-side policy has a Principal element to match.
	o, pts := e.policies(policyLayers[i].layer, "", []PolicyRef{*one}, i == iResource)
	return o, nil, pts
}

// noteFor is the trace's line under layer i when it applies.
func (e *evaluator) noteFor(i int, o layerOutcome) string {
	if i == iResource {
		return e.resourceNote(o)
	}
	return policyLayers[i].note
}

// gap is, for a limiting layer, the rule and reason of the implicit deny
// when the layer does not allow the request; "" when it lets it through.
func (e *evaluator) gap(i int, L *layers) (Rule, string) {
	action := e.in.Request.Action
	switch {
	case i == iSCP && L.scpFailed != nil:
		return RuleSCPImplicitDeny, "no service control policy allows the " + action + " action (nothing at level " + L.scpFailed.ID + " allows it); SCPs set the maximum for every principal in a member account"
	case i == iEndpoint && L.endpointFailed != "":
		return RuleEndpointImplicitDeny, "no VPC endpoint policy allows the " + action + " action (endpoint " + L.endpointFailed + ")"
	case i == iBoundary && L.on[i] && L.out[i].allow == nil:
		return RuleBoundaryImplicitDeny, "no permissions boundary allows the " + action + " action; a boundary caps what identity-based policies can grant"
	case i == iSession && L.on[i] && L.out[i].allow == nil:
		return RuleSessionImplicitDeny, "no session policy allows the " + action + " action; a session gets only what both its role and its session policy allow"
	case i == iSession && !L.on[i] && e.p.kind == FederatedUser:
		return RuleFederatedUserNoSessionPolicy, "no session policy allows the " + action + " action; a federated user's session has only the permissions its session policy passes"
	}
	// RCPs never deny implicitly: RCPFullAWSAccess is implied at every level.
	return "", ""
}

// PolicyLayers lists the policy layers in the order AWS's evaluation flow
// reaches them and the trace shows them.
func PolicyLayers() []Layer {
	out := make([]Layer, nLayers)
	for i := range policyLayers {
		out[i] = policyLayers[i].layer
	}
	return out
}

// LayerTitle names a layer for people.
func LayerTitle(l Layer) string {
	switch l {
	case LayerRoot:
		return "root user"
	case LayerAlways:
		return "always allowed"
	}
	if pl := layerOf(l); pl != nil {
		return pl.title
	}
	return string(l)
}

func layerOf(l Layer) *policyLayer {
	for i := range policyLayers {
		if policyLayers[i].layer == l {
			return &policyLayers[i]
		}
	}
	return nil
}

// layerNoun is the singular name AWS's access-denied messages use.
func layerNoun(l Layer, e *evaluator) string {
	if l == LayerResource {
		return e.resourceTypeName()
	}
	if pl := layerOf(l); pl != nil {
		return pl.noun
	}
	return string(l)
}

// scpApplies: SCPs limit the principals of a member account, its root user
// included, but not the management account or service-linked roles.
func (e *evaluator) scpApplies() bool {
	p := &e.p
	return len(e.in.SCPs) > 0 && p.inAccount() && !(e.in.ManagementAccount != "" && p.account == e.in.ManagementAccount) && !p.slr
}

// hasIdentityPolicies: only principals that live in an account have
// identity-based policies, and the root user is governed by none.
func (e *evaluator) hasIdentityPolicies() bool { return e.p.inAccount() && e.p.kind != RootUser }

// endpoints consults each VPC endpoint on the request's path: each must allow.
func (e *evaluator) endpoints(L *layers) (layerOutcome, []*LevelTrace, []*PolicyTrace) {
	var pts []*PolicyTrace
	out := layerOutcome{allow: &StatementRef{Layer: LayerEndpoint}}
	for _, ep := range e.in.Endpoints {
		o, pt := e.policies(LayerEndpoint, "", []PolicyRef{ep}, true)
		pts = append(pts, pt...)
		if o.deny != nil && out.deny == nil {
			out.deny = o.deny
		}
		if o.allow == nil && L.endpointFailed == "" {
			L.endpointFailed = ep.Name
		}
	}
	if L.endpointFailed != "" {
		out.allow = nil
	}
	return out, nil, pts
}

func (e *evaluator) sessionSkipReason() string {
	switch e.p.kind {
	case RoleSession:
		return "no session policy was passed: the role's policies apply in full"
	case FederatedUser:
		return "no session policy was passed, and a federated user's session gets its permissions only from one"
	}
	return "the caller is not a session"
}
