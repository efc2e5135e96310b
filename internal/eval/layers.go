package eval

// The policy layers as one table: what people call each layer, whether it
// applies to a request, how its policies are consulted, and how it takes part
// in the decision. The evaluator walks the table; the trace takes its titles
// and the reasons their nouns from it, so a layer's vocabulary lives here
// only.

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

// policyLayer is one kind of policy the engine consults.
type policyLayer struct {
	layer Layer
	title string // the trace's heading: plural where a layer holds many policies
	// noun is the singular AWS's access-denied messages use ("with an
	// explicit deny in a service control policy"); the resource layer names
	// the kind of resource policy instead (resourceTypeName).
	noun string
	// policyType is the document type attached at this layer.
	policyType PolicyType
	// grants: an Allow here can grant access (resource-based and
	// identity-based policies). Every other layer only limits: it must
	// allow too, but grants nothing.
	grants bool

	// applies says whether the layer takes part in this request; skipped
	// says why not, for the trace.
	applies func(e *evaluator) bool
	skipped func(e *evaluator) string
	// consult evaluates the layer's policies; a chain layer also returns its
	// levels. It may record what the decision needs beyond the outcome
	// (which SCP level or endpoint failed) in L.
	consult func(e *evaluator, L *layers) (layerOutcome, []*LevelTrace, []*PolicyTrace)
	// note is the trace's line under an applicable layer.
	note func(e *evaluator, o layerOutcome) string

	// For a limiting layer: gap is the rule and reason of the implicit deny
	// when the layer does not allow the request, "" when it lets it through
	// (then the decision records pass as a step).
	gap  func(e *evaluator, L *layers) (Rule, string)
	pass string
}

// policyLayers are the layers, in the order the trace shows them and AWS's
// evaluation flow reaches them.
var policyLayers = [nLayers]policyLayer{
	iSCP: {
		layer: LayerSCP, title: "service control policies", noun: "service control policy", policyType: SCP,
		applies: (*evaluator).scpApplies,
		skipped: (*evaluator).scpSkipReason,
		consult: func(e *evaluator, L *layers) (layerOutcome, []*LevelTrace, []*PolicyTrace) {
			o, failed, lts := e.chain(LayerSCP, e.in.SCPs, false)
			L.scpFailed = failed
			return o, lts, nil
		},
		note: say("every level from the root to the account must allow; SCPs never grant"),
		gap:  (*evaluator).scpGap,
		pass: "every level of the SCP chain allows the action",
	},
	iRCP: {
		layer: LayerRCP, title: "resource control policies", noun: "resource control policy", policyType: RCP,
		applies: func(e *evaluator) bool { ok, _ := e.rcpApplies(); return ok },
		skipped: func(e *evaluator) string { _, why := e.rcpApplies(); return why },
		consult: func(e *evaluator, _ *layers) (layerOutcome, []*LevelTrace, []*PolicyTrace) {
			o, _, lts := e.chain(LayerRCP, e.in.RCPs, true)
			return o, lts, nil
		},
		note: say("RCPFullAWSAccess is attached at every level, so only a Deny can stop the request"),
		// RCPFullAWSAccess is implied at every level: only a Deny stops.
		gap:  func(*evaluator, *layers) (Rule, string) { return "", "" },
		pass: "no resource control policy denies the request",
	},
	iEndpoint: {
		layer: LayerEndpoint, title: "VPC endpoint policies", noun: "VPC endpoint policy", policyType: EndpointPolicy,
		applies: func(e *evaluator) bool { return len(e.in.Endpoints) > 0 },
		skipped: always("the request does not pass through a VPC endpoint"),
		consult: (*evaluator).endpoints,
		note:    say("the request passes through a VPC endpoint whose policy must allow it"),
		gap:     (*evaluator).endpointGap,
		pass:    "the VPC endpoint policy allows the request",
	},
	iResource: {
		layer: LayerResource, title: "resource-based policy", noun: "resource-based policy", policyType: ResourcePolicy, grants: true,
		applies: func(e *evaluator) bool { return e.in.Resource != nil && e.in.Resource.Policy != nil },
		skipped: func(e *evaluator) string {
			if e.mustTrust() {
				return "the resource has no resource-based policy, and this resource needs one that allows the caller"
			}
			return "the resource has no resource-based policy"
		},
		consult: func(e *evaluator, _ *layers) (layerOutcome, []*LevelTrace, []*PolicyTrace) {
			o, pts := e.policies(LayerResource, "", []PolicyRef{*e.in.Resource}, true)
			return o, nil, pts
		},
		note: (*evaluator).resourceNote,
	},
	iIdentity: {
		layer: LayerIdentity, title: "identity-based policies", noun: "identity-based policy", policyType: IdentityPolicy, grants: true,
		applies: (*evaluator).hasIdentityPolicies,
		skipped: func(e *evaluator) string { return "a " + string(e.p.kind) + " has no identity-based policies" },
		consult: func(e *evaluator, _ *layers) (layerOutcome, []*LevelTrace, []*PolicyTrace) {
			o, pts := e.policies(LayerIdentity, "", e.in.Identity, false)
			return o, nil, pts
		},
		note: say(""),
	},
	iBoundary: {
		layer: LayerBoundary, title: "permissions boundary", noun: "permissions boundary", policyType: BoundaryPolicy,
		// A boundary caps identity-based policies: where there are none
		// (the root user, callers outside an account) it has nothing to cap.
		applies: func(e *evaluator) bool {
			return e.in.Boundary != nil && e.in.Boundary.Policy != nil && e.hasIdentityPolicies()
		},
		skipped: always("no permissions boundary is set"),
		consult: func(e *evaluator, _ *layers) (layerOutcome, []*LevelTrace, []*PolicyTrace) {
			o, pts := e.policies(LayerBoundary, "", []PolicyRef{*e.in.Boundary}, false)
			return o, nil, pts
		},
		note: say("a boundary sets the maximum: it must allow too, but grants nothing"),
		gap:  (*evaluator).boundaryGap,
		pass: "the permissions boundary allows the action",
	},
	iSession: {
		layer: LayerSession, title: "session policy", noun: "session policy", policyType: SessionPolicy,
		applies: func(e *evaluator) bool {
			return e.p.isSession() && e.in.Session != nil && e.in.Session.Policy != nil
		},
		skipped: (*evaluator).sessionSkipReason,
		consult: func(e *evaluator, _ *layers) (layerOutcome, []*LevelTrace, []*PolicyTrace) {
			o, pts := e.policies(LayerSession, "", []PolicyRef{*e.in.Session}, false)
			return o, nil, pts
		},
		note: say("a session policy limits the session to what it allows"),
		gap:  (*evaluator).sessionGap,
		pass: "the session policy allows the action",
	},
}

// say is a trace note that does not depend on the outcome.
func say(note string) func(*evaluator, layerOutcome) string {
	return func(*evaluator, layerOutcome) string { return note }
}

// always is a reason that does not depend on the request.
func always(why string) func(*evaluator) string {
	return func(*evaluator) string { return why }
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

func (e *evaluator) scpGap(L *layers) (Rule, string) {
	if L.scpFailed == nil {
		return "", ""
	}
	return RuleSCPImplicitDeny, "no service control policy allows the " + e.in.Request.Action + " action (nothing at level " + L.scpFailed.ID + " allows it); SCPs set the maximum for every principal in a member account"
}

func (e *evaluator) endpointGap(L *layers) (Rule, string) {
	if L.endpointFailed == "" {
		return "", ""
	}
	return RuleEndpointImplicitDeny, "no VPC endpoint policy allows the " + e.in.Request.Action + " action (endpoint " + L.endpointFailed + ")"
}

func (e *evaluator) boundaryGap(L *layers) (Rule, string) {
	if !L.on[iBoundary] || L.out[iBoundary].allow != nil {
		return "", ""
	}
	return RuleBoundaryImplicitDeny, "no permissions boundary allows the " + e.in.Request.Action + " action; a boundary caps what identity-based policies can grant"
}

func (e *evaluator) sessionGap(L *layers) (Rule, string) {
	switch {
	case L.on[iSession] && L.out[iSession].allow == nil:
		return RuleSessionImplicitDeny, "no session policy allows the " + e.in.Request.Action + " action; a session gets only what both its role and its session policy allow"
	case !L.on[iSession] && e.p.kind == FederatedUser:
		return RuleFederatedUserNoSessionPolicy, "no session policy allows the " + e.in.Request.Action + " action; a federated user's session has only the permissions its session policy passes"
	}
	return "", ""
}
