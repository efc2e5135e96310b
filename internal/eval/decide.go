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
		if e.trace {
			if lts == nil {
				lts = slab(&e.mem.lvlPtrs, len(levels), 4)[:0]
			}
			lt = one(&e.mem.levels)
		} else if o.allow == nil {
			lt = new(LevelTrace)
		}
		if lt != nil {
			*lt = LevelTrace{ID: lv.ID, Verdict: verdictOf(o), Policies: pts, Implied: impliedAllow}
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

// layers holds every layer's outcome for one request, indexed as
// policyLayers.
type layers struct {
	out [nLayers]layerOutcome
	on  [nLayers]bool
	// What the limits need to say which part failed.
	scpFailed      *LevelTrace
	endpointFailed string
}

func (e *evaluator) layerTrace(pl *policyLayer, on bool, note string, o layerOutcome) *LayerTrace {
	lt := &e.mem.layers[len(e.result.Trace.Layers)]
	*lt = LayerTrace{Layer: pl.layer, Title: pl.title, Applicable: on, Note: note, Verdict: verdictOf(o)}
	if !on {
		lt.Verdict = VerdictNotApplicable
	}
	e.result.Trace.Layers = append(e.result.Trace.Layers, lt)
	return lt
}

// run consults every layer that applies, in order, then decides. Without a
// trace the first explicit deny ends the evaluation: nothing can override it.
func (e *evaluator) run() Result {
	if e.trace {
		e.mem = newTraceMem(e.in)
		e.mem.trace.Request = e.requestTrace()
		e.result.Trace = &e.mem.trace
		e.steps = e.mem.steps[:0]
	}
	if e.action == "sts:getcalleridentity" && e.p.kind != Anonymous {
		return e.finish(Allowed, LayerAlways, RuleAlwaysAllowed, "sts:GetCallerIdentity needs no permission: AWS always allows it, even against an explicit deny", nil)
	}
	var L layers
	for i := range policyLayers {
		pl := &policyLayers[i]
		L.on[i] = e.applies(i)
		if !L.on[i] {
			if e.trace {
				e.layerTrace(pl, false, e.skipped(i), layerOutcome{})
			}
			continue
		}
		o, levels, pts := e.consult(i, &L)
		L.out[i] = o
		if e.trace {
			lt := e.layerTrace(pl, true, e.noteFor(i, o), o)
			lt.Levels, lt.Policies = levels, pts
		} else if o.deny != nil {
			return e.explicit(o.deny)
		}
	}
	return e.decide(&L)
}

// decide applies the decision procedure of the IAM User Guide's "Policy
// evaluation logic" once every layer is known: the deny evaluation, then the
// organization's and the network's limits (SCPs, RCPs, VPC endpoint
// policies), then the resource-based and identity-based policies and the
// boundary and session policy that limit the latter.
func (e *evaluator) decide(L *layers) Result {
	// 1. Deny evaluation: an explicit deny anywhere is final.
	for i := range L.out {
		if d := L.out[i].deny; d != nil {
			return e.explicit(d)
		}
	}
	e.step("", "pass", "no applicable policy has an explicit Deny")
	p := &e.p
	if p.kind == RootUser && strings.HasPrefix(e.action, "sts:assumerole") {
		// IAM User Guide, "Switch to an IAM role (AWS API)": you cannot
		// assume a role when signed in as the root user.
		return e.finish(ImplicitDeny, LayerRoot, RuleRootCannotAssumeRole, "the root user cannot assume a role, in its own account or any other: AWS refuses "+e.in.Request.Action+" with root user credentials whatever the policies say; sign in as an IAM user or use a role to switch roles", nil)
	}
	// 2. The organization's and the network's limits must each allow.
	if r, denied := e.mustAllow(L, iSCP, iRCP, iEndpoint); denied {
		return r
	}
	// 3. The policies that grant, and the limits on the caller's own.
	resGrant := L.out[iResource].grant
	if !L.on[iResource] {
		resGrant = grantNone
	}
	switch {
	case !p.inAccount():
		return e.decideNonIAMCaller(L, resGrant)
	case p.kind == RootUser && !e.cross:
		return e.decideRoot(resGrant)
	case e.cross:
		return e.decideCross(L, resGrant)
	}
	return e.decideSame(L, resGrant)
}

// mustAllow checks layers that only take away: each that applies must allow.
func (e *evaluator) mustAllow(L *layers, which ...int) (Result, bool) {
	for _, i := range which {
		pl := &policyLayers[i]
		if rule, why := e.gap(i, L); why != "" {
			return e.finish(ImplicitDeny, pl.layer, rule, why, nil), true
		}
		if L.on[i] {
			e.step(pl.layer, "pass", pl.pass)
		}
	}
	return Result{}, false
}

// decideNonIAMCaller: anonymous callers, services and identity providers have
// no policies of their own: only the resource can let them in.
func (e *evaluator) decideNonIAMCaller(L *layers, g grant) Result {
	action := e.in.Request.Action
	if g == grantNone {
		return e.finish(ImplicitDeny, LayerResource, RuleNonIAMCallerImplicitDeny, "no resource-based policy allows the "+action+" action for "+describeCaller(&e.p), nil)
	}
	return e.finish(Allowed, LayerResource, RuleResourceAllowNonIAMCaller, "the resource-based policy allows "+describeCaller(&e.p)+" to call "+action, L.out[iResource].allow)
}

// decideRoot: the root user owns its account and needs no policy, except
// where a trust or key policy must name the caller.
func (e *evaluator) decideRoot(g grant) Result {
	if e.mustTrust() && g == grantNone {
		return e.finish(ImplicitDeny, LayerResource, RuleResourcePolicyRequired, "the root user needs no policy for most of its account's resources, but a "+e.resourceTypeName()+" must allow the caller or its account explicitly, and this one allows neither", nil)
	}
	return e.finish(Allowed, LayerRoot, RuleRootOwnAccount, "the root user is the account's owner and needs no policy to use its resources; only "+e.rootStoppers()+" can stop it, and none does here", nil)
}

func (e *evaluator) decideSame(L *layers, g grant) Result {
	action := e.in.Request.Action
	if e.mustTrust() && g == grantNone {
		return e.finish(ImplicitDeny, LayerResource, RuleResourcePolicyRequired, "no "+e.resourceTypeName()+" statement allows this principal to call "+action+"; it must allow the caller explicitly, even in the same account, and an identity-based policy alone is not enough", nil)
	}
	switch g {
	case grantDirect:
		e.step(LayerResource, "allow", "the resource-based policy names "+e.describeGrant(g, L.out[iResource].entry))
		return e.finish(Allowed, LayerResource, RuleResourceAllowSameAccount, "the resource-based policy allows the "+action+" action and names "+e.describeGrant(g, L.out[iResource].entry), L.out[iResource].allow)
	case grantRole, grantIssuer:
		desc := e.describeGrant(g, L.out[iResource].entry)
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
		return e.finish(Allowed, LayerResource, RuleResourceAllowWithinLimits, "the resource-based policy allows the "+action+" action for "+desc+agree, L.out[iResource].allow)
	}
	if L.on[iIdentity] && L.out[iIdentity].allow == nil {
		why := "no identity-based policy allows the " + action + " action"
		if g == grantAccount {
			why += " (the resource-based policy names only the account, which delegates the decision to identity-based policies)"
		}
		return e.finish(ImplicitDeny, LayerIdentity, RuleIdentityImplicitDeny, why, nil)
	}
	e.step(LayerIdentity, "allow", "an identity-based policy allows the action")
	if r, denied := e.boundaryAndSession(L); denied {
		return r
	}
	return e.finish(Allowed, LayerIdentity, RuleIdentityAllow, "an identity-based policy allows the "+action+" action and no other policy limits it", L.out[iIdentity].allow)
}

func (e *evaluator) decideCross(L *layers, g grant) Result {
	action := e.in.Request.Action
	switch {
	case e.p.kind == RootUser:
		// The root user has full access on its own account's side.
		e.step(LayerRoot, "allow", "the root user needs no policy in its own account, so its side allows the action")
	case L.out[iIdentity].allow == nil:
		return e.finish(ImplicitDeny, LayerIdentity, RuleCrossAccountIdentityImplicitDeny, "no identity-based policy allows the "+action+" action; across accounts the caller's own account must allow the request too", nil)
	default:
		e.step(LayerIdentity, "allow", "the caller's account allows the action")
	}
	if r, denied := e.boundaryAndSession(L); denied {
		return r
	}
	if g == grantNone {
		return e.finish(ImplicitDeny, LayerResource, RuleCrossAccountResourceImplicitDeny, "no resource-based policy allows the "+action+" action; across accounts the resource's account ("+e.resAcct+") must grant access to the caller or its account", nil)
	}
	e.step(LayerResource, "allow", "the resource's account grants access")
	if e.p.kind == RootUser {
		return e.finish(Allowed, LayerResource, RuleCrossAccountAllow, "cross-account: the root user needs no policy on its own account's side, and the resource-based policy in account "+e.resAcct+" allows the "+action+" action", L.out[iResource].allow)
	}
	return e.finish(Allowed, LayerResource, RuleCrossAccountAllow, "cross-account: the caller's identity-based policy and the resource-based policy in account "+e.resAcct+" both allow the "+action+" action", L.out[iResource].allow)
}

// boundaryAndSession applies the two limits on the caller's own policies,
// which can only take away.
func (e *evaluator) boundaryAndSession(L *layers) (Result, bool) {
	return e.mustAllow(L, iBoundary, iSession)
}
