package sandbox

import (
	"fmt"

	"github.com/iamlab/iamlab/internal/eval"
)

// cognitoPrincipal is who presents a Cognito identity's token to STS.
const cognitoPrincipal = "cognito-identity.amazonaws.com"

// poolSession is a Cognito identity (guest or authenticated) getting
// credentials for its pool's role: STS AssumeRoleWithWebIdentity with a
// token whose aud is the pool id and whose amr says how the identity signed
// in. The role's trust policy names Federated cognito-identity.amazonaws.com
// and usually checks both claims.
func (r *run) poolSession(spec CallerSpec, outer bool) (*principal, bool, error) {
	a, err := r.accountFor(spec.Account, "identity pool "+spec.Name)
	if err != nil {
		return nil, false, err
	}
	pool := r.ix.pools[a.ID+"/"+spec.Name]
	if pool == nil {
		var names []string
		for _, p := range a.IdentityPools {
			names = append(names, p.Name)
		}
		return nil, false, fmt.Errorf("account %s has no identity pool %s%s", a.label(), spec.Name, didYouMean(spec.Name, names))
	}
	guest := spec.Kind == CallerPoolGuest
	identity := pool.ID[:len(pool.ID)-36] + fakeUUID(pool.ID+"/"+spec.Kind.String()+"/"+spec.Via)
	amr := []string{"unauthenticated"}
	roleName := pool.UnauthenticatedRole
	if guest {
		rule := RuleResult{Rule: "cognito-unauthenticated", Applies: true}
		switch {
		case !pool.AllowUnauthenticated:
			rule.Denies = true
			rule.Reason = "identity pool " + pool.Name + " does not allow unauthenticated identities, so Cognito gives a guest no identity and no credentials (NotAuthorizedException: Unauthenticated access is not supported for this identity pool)"
		case roleName == "":
			rule.Denies = true
			rule.Reason = "identity pool " + pool.Name + " allows guests but has no unauthenticated role, so a guest gets no AWS credentials"
		default:
			rule.Reason = "identity pool " + pool.Name + " allows unauthenticated identities; a guest gets credentials for role " + roleName
		}
		r.out.Rules = append(r.out.Rules, rule)
		if rule.Denies {
			r.out.Decision, r.out.DecidedBy, r.out.Reason = eval.ImplicitDeny, LayerServiceRule, rule.Reason
			return nil, false, nil
		}
	} else {
		roleName = pool.AuthenticatedRole
		if roleName == "" {
			return nil, false, fmt.Errorf("identity pool %s has no authenticated role", pool.Name)
		}
		provider := spec.Via
		if provider == "" && len(pool.Providers) > 0 {
			provider = pool.Providers[0]
		}
		if provider == "" {
			return nil, false, fmt.Errorf("identity pool %s lists no login providers; give it Providers or say \"via PROVIDER\"", pool.Name)
		}
		if spec.Via != "" && !contains(pool.Providers, spec.Via) {
			return nil, false, fmt.Errorf("identity pool %s does not accept logins from %s%s (providers: %s)", pool.Name, spec.Via, didYouMean(spec.Via, pool.Providers), nameList(pool.Providers))
		}
		amr = []string{"authenticated", provider, provider + ":" + fakeID(identity, 21, lowerAlnum)}
	}
	role := r.ix.roles[a.ID+"/"+roleName]
	if role == nil {
		return nil, false, fmt.Errorf("identity pool %s: role %q is not in account %s%s", pool.Name, roleName, a.label(), didYouMean(roleName, roleNames(a)))
	}
	claims := []ctxKey{
		{key: "cognito-identity.amazonaws.com:aud", vals: []string{pool.ID}},
		{key: "cognito-identity.amazonaws.com:amr", vals: amr, multi: true},
		{key: "cognito-identity.amazonaws.com:sub", vals: []string{identity}},
	}
	by := &principal{kind: eval.WebIdentity, arn: cognitoPrincipal, label: "Cognito (for a " + spec.Kind.noun() + " of identity pool " + pool.Name + ")"}
	// The session's own requests carry the same claims: policies use
	// ${cognito-identity.amazonaws.com:sub} to give each identity its prefix.
	p, ok, err := r.assume(by, a, role, "sts:AssumeRoleWithWebIdentity", "CognitoIdentityCredentials", "", claims, claims, outer)
	if p != nil {
		p.provider = cognitoPrincipal
	}
	return p, ok, err
}

// federatedUser is a GetFederationToken session: the IAM user calls STS
// with long-term keys, and the session gets what both the user's policies
// and the session policy allow.
func (r *run) federatedUser(spec CallerSpec, outer bool) (*principal, bool, error) {
	if r.mfa {
		return nil, false, fmt.Errorf("GetFederationToken does not take MFA: a federated user's session never carries it")
	}
	by, ok, err := r.caller(*spec.AssumedBy, nil, false)
	if err != nil || !ok {
		return nil, ok, err
	}
	a := by.acct
	arn := "arn:aws:sts::" + a.ID + ":federated-user/" + spec.Name
	res := &resource{kind: "other", arn: arn, acct: a, region: DefaultRegion}
	h, err := r.hop(by.label+" calls sts:GetFederationToken for federated user "+spec.Name, by, "sts:GetFederationToken", res, DefaultRegion, false, sessionTagKeys(r.call.SessionTags))
	if err != nil {
		return nil, false, err
	}
	if h.Result.Decision != eval.Allowed {
		r.fail(h, by.label+" cannot create federated user "+spec.Name)
		return nil, false, nil
	}
	p := &principal{kind: eval.FederatedUser, arn: arn, issuer: by.arn, acct: a, user: by.user, session: spec.Name,
		temporary: true, tags: r.call.SessionTags, label: "federated user " + spec.Name + " (via " + by.user.Name + ")"}
	if outer && r.call.SessionPolicy != "" {
		d, err := r.sessionPolicy()
		if err != nil {
			return nil, false, err
		}
		p.sessionPolicy = d
	}
	return p, true, nil
}

func (k CallerKind) String() string { return string(k) }

func (k CallerKind) noun() string {
	if k == CallerPoolGuest {
		return "guest"
	}
	return "signed-in user"
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
