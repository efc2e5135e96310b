package eval

import "strings"

// chain evaluates an SCP or RCP chain: a Deny at any level denies, and every
// level must hold an applicable Allow.
func (e *evaluator) chain(layer Layer, levels []Level, impliedAllow bool) (layerOutcome, *LevelTrace, []*LevelTrace) {
	var out layerOutcome
	var lts []*LevelTrace
	var failed *LevelTrace
	for _, lv := range levels {
		o, pts := e.policies(layer, lv.ID, lv.Policies, layer == LayerRCP)
		var lt *LevelTrace
		if e.trace || o.allow == nil {
			lt = &LevelTrace{ID: lv.ID, Verdict: verdictOf(o), Policies: pts, Implied: impliedAllow}
			if impliedAllow && o.deny == nil {
				lt.Verdict = VerdictAllow
			}
			if e.trace {
				lts = append(lts, lt)
			}
		}
		if o.deny != nil && out.deny == nil {
			out.deny = o.deny
			if !e.trace {
				return out, nil, nil
			}
		}
		if o.allow == nil && !impliedAllow && failed == nil {
			failed = lt
		}
	}
	if failed == nil {
		out.allow = &StatementRef{Layer: layer}
	}
	return out, failed, lts
}

// layers holds every layer's outcome for one request.
type layers struct {
	scp, rcp, vpce, res, id, pb, sess               layerOutcome
	scpOn, rcpOn, vpceOn, resOn, idOn, pbOn, sessOn bool
	scpFailed                                       *LevelTrace
	vpceFailed                                      string
}

func (e *evaluator) layerTrace(l Layer, on bool, note string, o layerOutcome) *LayerTrace {
	lt := &LayerTrace{Layer: l, Title: LayerTitle(l), Applicable: on, Note: note, Verdict: verdictOf(o)}
	if !on {
		lt.Verdict = VerdictNotApplicable
	}
	e.result.Trace.Layers = append(e.result.Trace.Layers, lt)
	return lt
}

func (e *evaluator) run() Result {
	if e.trace {
		e.result.Trace = &Trace{Request: e.requestTrace()}
	}
	if e.action == "sts:getcalleridentity" && e.p.kind != Anonymous {
		return e.finish(Allowed, LayerAlways, "sts:GetCallerIdentity needs no permission: AWS always allows it, even against an explicit deny", nil)
	}
	var L layers
	in := e.in
	p := &e.p

	// Organizations: SCPs limit the caller's account.
	L.scpOn = len(in.SCPs) > 0 && p.inAccount() && !(in.ManagementAccount != "" && p.account == in.ManagementAccount) && !p.slr
	if L.scpOn {
		var lts []*LevelTrace
		L.scp, L.scpFailed, lts = e.chain(LayerSCP, in.SCPs, false)
		if e.trace {
			e.layerTrace(LayerSCP, true, "every level from the root to the account must allow; SCPs never grant", L.scp).Levels = lts
		}
		if L.scp.deny != nil && !e.trace {
			return e.explicit(L.scp.deny)
		}
	} else if e.trace {
		e.layerTrace(LayerSCP, false, e.scpSkipReason(), L.scp)
	}

	// RCPs limit the resource's account.
	L.rcpOn, _ = e.rcpApplies()
	if L.rcpOn {
		var lts []*LevelTrace
		L.rcp, _, lts = e.chain(LayerRCP, in.RCPs, true)
		if e.trace {
			e.layerTrace(LayerRCP, true, "RCPFullAWSAccess is attached at every level, so only a Deny can stop the request", L.rcp).Levels = lts
		}
		if L.rcp.deny != nil && !e.trace {
			return e.explicit(L.rcp.deny)
		}
	} else if e.trace {
		_, why := e.rcpApplies()
		e.layerTrace(LayerRCP, false, why, L.rcp)
	}

	// VPC endpoint policies: each endpoint on the path must allow.
	L.vpceOn = len(in.Endpoints) > 0
	if L.vpceOn {
		var pts []*PolicyTrace
		L.vpce = layerOutcome{allow: &StatementRef{Layer: LayerEndpoint}}
		for _, ep := range in.Endpoints {
			o, pt := e.policies(LayerEndpoint, "", []PolicyRef{ep}, true)
			pts = append(pts, pt...)
			if o.deny != nil && L.vpce.deny == nil {
				L.vpce.deny = o.deny
			}
			if o.allow == nil && L.vpceFailed == "" {
				L.vpceFailed = ep.Name
			}
		}
		if L.vpceFailed != "" {
			L.vpce.allow = nil
		}
		if e.trace {
			e.layerTrace(LayerEndpoint, true, "the request passes through a VPC endpoint whose policy must allow it", L.vpce).Policies = pts
		}
		if L.vpce.deny != nil && !e.trace {
			return e.explicit(L.vpce.deny)
		}
	} else if e.trace {
		e.layerTrace(LayerEndpoint, false, "the request does not pass through a VPC endpoint", L.vpce)
	}

	// The resource-based policy.
	L.resOn = in.Resource != nil && in.Resource.Policy != nil
	if L.resOn {
		var pts []*PolicyTrace
		L.res, pts = e.policies(LayerResource, "", []PolicyRef{*in.Resource}, true)
		if e.trace {
			e.layerTrace(LayerResource, true, e.resourceNote(L.res), L.res).Policies = pts
		}
		if L.res.deny != nil && !e.trace {
			return e.explicit(L.res.deny)
		}
	} else if e.trace {
		note := "the resource has no resource-based policy"
		if e.mustTrust() {
			note += ", and this resource needs one that allows the caller"
		}
		e.layerTrace(LayerResource, false, note, L.res)
	}

	// The caller's own policies.
	L.idOn = p.inAccount() && p.kind != RootUser
	if L.idOn {
		var pts []*PolicyTrace
		L.id, pts = e.policies(LayerIdentity, "", in.Identity, false)
		if e.trace {
			e.layerTrace(LayerIdentity, true, "", L.id).Policies = pts
		}
		if L.id.deny != nil && !e.trace {
			return e.explicit(L.id.deny)
		}
	} else if e.trace {
		e.layerTrace(LayerIdentity, false, "a "+string(p.kind)+" has no identity-based policies", L.id)
	}

	L.pbOn = in.Boundary != nil && in.Boundary.Policy != nil && L.idOn
	if L.pbOn {
		var pts []*PolicyTrace
		L.pb, pts = e.policies(LayerBoundary, "", []PolicyRef{*in.Boundary}, false)
		if e.trace {
			e.layerTrace(LayerBoundary, true, "a boundary sets the maximum: it must allow too, but grants nothing", L.pb).Policies = pts
		}
		if L.pb.deny != nil && !e.trace {
			return e.explicit(L.pb.deny)
		}
	} else if e.trace {
		e.layerTrace(LayerBoundary, false, "no permissions boundary is set", L.pb)
	}

	L.sessOn = p.isSession() && in.Session != nil && in.Session.Policy != nil
	if L.sessOn {
		var pts []*PolicyTrace
		L.sess, pts = e.policies(LayerSession, "", []PolicyRef{*in.Session}, false)
		if e.trace {
			e.layerTrace(LayerSession, true, "a session policy limits the session to what it allows", L.sess).Policies = pts
		}
		if L.sess.deny != nil && !e.trace {
			return e.explicit(L.sess.deny)
		}
	} else if e.trace {
		note := "the caller is not a session"
		switch {
		case p.kind == RoleSession:
			note = "no session policy was passed: the role's policies apply in full"
		case p.kind == FederatedUser:
			note = "no session policy was passed, and a federated user's session gets its permissions only from one"
		}
		e.layerTrace(LayerSession, false, note, L.sess)
	}

	return e.decide(&L)
}

// decide applies the decision procedure once every layer is known.
func (e *evaluator) decide(L *layers) Result {
	p := &e.p
	// 1. An explicit deny anywhere wins.
	for _, d := range []*StatementRef{L.scp.deny, L.rcp.deny, L.vpce.deny, L.res.deny, L.id.deny, L.pb.deny, L.sess.deny} {
		if d != nil {
			return e.explicit(d)
		}
	}
	e.step("", "pass", "no applicable policy has an explicit Deny")
	if p.kind == RootUser && strings.HasPrefix(e.action, "sts:assumerole") {
		// IAM User Guide, "Switch to an IAM role (AWS API)": you cannot
		// assume a role when signed in as the root user.
		return e.finish(ImplicitDeny, LayerRoot, "the root user cannot assume a role, in its own account or any other: AWS refuses "+e.in.Request.Action+" with root user credentials whatever the policies say; sign in as an IAM user or use a role to switch roles", nil)
	}
	// 2. Every SCP level must allow.
	if L.scpOn {
		if L.scpFailed != nil {
			return e.finish(ImplicitDeny, LayerSCP, "no service control policy allows the "+e.in.Request.Action+" action (nothing at level "+L.scpFailed.ID+" allows it); SCPs set the maximum for every principal in a member account", nil)
		}
		e.step(LayerSCP, "pass", "every level of the SCP chain allows the action")
	}
	if L.rcpOn {
		e.step(LayerRCP, "pass", "no resource control policy denies the request")
	}
	// 3. The VPC endpoint policy must allow.
	if L.vpceOn {
		if L.vpceFailed != "" {
			return e.finish(ImplicitDeny, LayerEndpoint, "no VPC endpoint policy allows the "+e.in.Request.Action+" action (endpoint "+L.vpceFailed+")", nil)
		}
		e.step(LayerEndpoint, "pass", "the VPC endpoint policy allows the request")
	}
	resGrant := L.res.grant
	if !L.resOn {
		resGrant = grantNone
	}
	action := e.in.Request.Action
	switch {
	case !p.inAccount():
		// Anonymous callers, services and identity providers have no
		// policies of their own: only the resource can let them in.
		if resGrant == grantNone {
			return e.finish(ImplicitDeny, LayerResource, "no resource-based policy allows the "+action+" action for "+describeCaller(p), nil)
		}
		return e.finish(Allowed, LayerResource, "the resource-based policy allows "+describeCaller(p)+" to call "+action, L.res.allow)
	case p.kind == RootUser && !e.cross:
		if e.mustTrust() && resGrant == grantNone {
			return e.finish(ImplicitDeny, LayerResource, "the root user needs no policy for most of its account's resources, but a "+e.resourceTypeName()+" must allow the caller or its account explicitly, and this one allows neither", nil)
		}
		return e.finish(Allowed, LayerRoot, "the root user is the account's owner and needs no policy to use its resources; only "+e.rootStoppers()+" can stop it, and none does here", nil)
	case e.cross:
		return e.decideCross(L, resGrant)
	}
	return e.decideSame(L, resGrant)
}

func (e *evaluator) decideSame(L *layers, g grant) Result {
	action := e.in.Request.Action
	if e.mustTrust() && g == grantNone {
		return e.finish(ImplicitDeny, LayerResource, "no "+e.resourceTypeName()+" statement allows this principal to call "+action+"; it must allow the caller explicitly, even in the same account, and an identity-based policy alone is not enough", nil)
	}
	switch g {
	case grantDirect:
		e.step(LayerResource, "allow", "the resource-based policy names "+e.describeGrant(g, L.res.entry))
		return e.finish(Allowed, LayerResource, "the resource-based policy allows the "+action+" action and names "+e.describeGrant(g, L.res.entry), L.res.allow)
	case grantRole, grantIssuer:
		desc := e.describeGrant(g, L.res.entry)
		if e.trace {
			e.step(LayerResource, "allow", "the resource-based policy names "+desc)
		}
		if r, denied := e.boundaryAndSession(L); denied {
			return r
		}
		agree := ""
		if _, n := e.limits(); n > 0 {
			agree = ", and " + pluralVerb(n, "it allows", "they allow") + " it"
		}
		return e.finish(Allowed, LayerResource, "the resource-based policy allows the "+action+" action for "+desc+agree, L.res.allow)
	}
	if L.idOn && L.id.allow == nil {
		why := "no identity-based policy allows the " + action + " action"
		if g == grantAccount {
			why += " (the resource-based policy names only the account, which delegates the decision to identity-based policies)"
		}
		return e.finish(ImplicitDeny, LayerIdentity, why, nil)
	}
	e.step(LayerIdentity, "allow", "an identity-based policy allows the action")
	if r, denied := e.boundaryAndSession(L); denied {
		return r
	}
	return e.finish(Allowed, LayerIdentity, "an identity-based policy allows the "+action+" action and no other policy limits it", L.id.allow)
}

func (e *evaluator) decideCross(L *layers, g grant) Result {
	action := e.in.Request.Action
	switch {
	case e.p.kind == RootUser:
		// The root user has full access on its own account's side.
		e.step(LayerRoot, "allow", "the root user needs no policy in its own account, so its side allows the action")
	case L.id.allow == nil:
		return e.finish(ImplicitDeny, LayerIdentity, "no identity-based policy allows the "+action+" action; across accounts the caller's own account must allow the request too", nil)
	default:
		e.step(LayerIdentity, "allow", "the caller's account allows the action")
	}
	if r, denied := e.boundaryAndSession(L); denied {
		return r
	}
	if g == grantNone {
		return e.finish(ImplicitDeny, LayerResource, "no resource-based policy allows the "+action+" action; across accounts the resource's account ("+e.resAcct+") must grant access to the caller or its account", nil)
	}
	e.step(LayerResource, "allow", "the resource's account grants access")
	if e.p.kind == RootUser {
		return e.finish(Allowed, LayerResource, "cross-account: the root user needs no policy on its own account's side, and the resource-based policy in account "+e.resAcct+" allows the "+action+" action", L.res.allow)
	}
	return e.finish(Allowed, LayerResource, "cross-account: the caller's identity-based policy and the resource-based policy in account "+e.resAcct+" both allow the "+action+" action", L.res.allow)
}

// boundaryAndSession applies the two limits that can only take away.
func (e *evaluator) boundaryAndSession(L *layers) (Result, bool) {
	action := e.in.Request.Action
	if L.pbOn {
		if L.pb.allow == nil {
			return e.finish(ImplicitDeny, LayerBoundary, "no permissions boundary allows the "+action+" action; a boundary caps what identity-based policies can grant", nil), true
		}
		e.step(LayerBoundary, "pass", "the permissions boundary allows the action")
	}
	switch {
	case L.sessOn && L.sess.allow == nil:
		return e.finish(ImplicitDeny, LayerSession, "no session policy allows the "+action+" action; a session gets only what both its role and its session policy allow", nil), true
	case L.sessOn:
		e.step(LayerSession, "pass", "the session policy allows the action")
	case e.p.kind == FederatedUser:
		return e.finish(ImplicitDeny, LayerSession, "no session policy allows the "+action+" action; a federated user's session has only the permissions its session policy passes", nil), true
	}
	return Result{}, false
}
