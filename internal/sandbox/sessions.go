package sandbox

import (
	"fmt"
	"strings"

	"github.com/iamlab/iamlab/internal/eval"
)

// caller resolves a caller phrase into the principal that signs the final
// request, evaluating every STS hop on the way. ok is false when a hop was
// denied: the outcome then already holds the decision. roleAcct is the
// account of the role being assumed when spec is an assumer (identity
// providers live there); outer marks the phrase's outermost caller, to
// which the call's session policy, session tags and external id belong.
func (r *run) caller(spec CallerSpec, roleAcct *Account, outer bool) (*principal, bool, error) {
	if outer {
		if err := r.checkSessionParams(spec); err != nil {
			return nil, false, err
		}
	}
	switch spec.Kind {
	case CallerUser:
		a, err := r.accountFor(spec.Account, "user "+spec.Name)
		if err != nil {
			return nil, false, err
		}
		u := r.ix.users[a.ID+"/"+spec.Name]
		if u == nil {
			return nil, false, r.unknownUser(a, spec.Name)
		}
		if r.mfa && !u.MFA {
			return nil, false, fmt.Errorf("user %s has no MFA device, so no request of theirs can carry MFA (give the user MFA: true, or call without MFA)", u.Name)
		}
		p := &principal{kind: eval.IAMUser, arn: iamARN(a.ID, "user", u.Path, u.Name), acct: a, user: u, tags: u.Tags, label: "user " + u.Name}
		// With MFA the user works in a console or GetSessionToken session;
		// without, with long-term access keys (no MFA keys at all).
		p.temporary, p.mfa = r.mfa, r.mfa
		return p, true, nil
	case CallerRoot:
		a, err := r.accountFor(spec.Account, "the root user")
		if err != nil {
			return nil, false, err
		}
		return &principal{kind: eval.RootUser, arn: "arn:aws:iam::" + a.ID + ":root", acct: a, temporary: r.mfa, mfa: r.mfa, label: "the root user of account " + a.label()}, true, nil
	case CallerAnonymous:
		if r.mfaSet && r.mfa {
			return nil, false, fmt.Errorf("an anonymous caller signs nothing, so it cannot carry MFA")
		}
		return &principal{kind: eval.Anonymous, arn: "*", label: "an anonymous caller"}, true, nil
	case CallerService:
		return &principal{kind: eval.ServiceCaller, arn: spec.Name, label: "service " + spec.Name}, true, nil
	case CallerRole:
		return r.roleSession(spec, outer)
	case CallerInstance:
		res := r.ix.instances[spec.Name]
		if res == nil {
			return nil, false, fmt.Errorf("instance %s is not in the world%s", spec.Name, didYouMean(spec.Name, mapKeys(r.ix.instances)))
		}
		role, err := r.w.instanceRole(res.acct, res.instance)
		if err != nil {
			return nil, false, err
		}
		svc := &principal{kind: eval.ServiceCaller, arn: "ec2.amazonaws.com", label: "ec2.amazonaws.com"}
		extra := []ctxKey{{key: "ec2:SourceInstanceARN", vals: []string{res.arn}}}
		if res.instance.VPC != "" {
			extra = append(extra, ctxKey{key: "aws:EC2InstanceSourceVPC", vals: []string{res.instance.VPC}})
		}
		return r.assume(svc, res.acct, role, "sts:AssumeRole", spec.Name, "for instance "+spec.Name, nil, extra, false)
	case CallerFunction:
		a, err := r.accountFor(spec.Account, "lambda function "+spec.Name)
		if err != nil {
			return nil, false, err
		}
		fr := r.ix.res["function/"+a.ID+"/"+spec.Name]
		if fr == nil {
			var names []string
			for _, f := range a.Functions {
				names = append(names, f.Name)
			}
			return nil, false, fmt.Errorf("account %s has no Lambda function %s%s", a.label(), spec.Name, didYouMean(spec.Name, names))
		}
		role := r.ix.roles[a.ID+"/"+fr.function.Role]
		if role == nil {
			return nil, false, fmt.Errorf("function %s: its execution role %q is not in account %s", spec.Name, fr.function.Role, a.label())
		}
		svc := &principal{kind: eval.ServiceCaller, arn: "lambda.amazonaws.com", label: "lambda.amazonaws.com"}
		return r.assume(svc, a, role, "sts:AssumeRole", spec.Name, "for function "+spec.Name, nil, nil, false)
	case CallerPoolGuest, CallerPoolUser:
		return r.poolSession(spec, false)
	case CallerFederatedUser:
		return r.federatedUser(spec, outer)
	case CallerOIDC, CallerSAML:
		return r.provider(spec, roleAcct)
	}
	return nil, false, fmt.Errorf("caller %q: kind %q cannot make this call", spec.Phrase, spec.Kind)
}

// checkSessionParams refuses session policies, session tags and external
// ids where no one the call speaks for creates the session.
func (r *run) checkSessionParams(spec CallerSpec) error {
	c := r.call
	if c.SessionPolicy == "" && c.ExternalID == "" && len(c.SessionTags) == 0 {
		return nil
	}
	assumeCall := strings.HasPrefix(strings.ToLower(c.Action), "sts:assumerole")
	switch spec.Kind {
	case CallerRole, CallerFederatedUser:
		return nil
	case CallerInstance, CallerFunction, CallerPoolGuest, CallerPoolUser:
		return fmt.Errorf("caller %q: the AWS service creates this session, so the call cannot pass it a session policy, session tags or an external id", spec.Phrase)
	}
	if assumeCall && c.SessionPolicy == "" {
		return nil // passed on the sts:AssumeRole call itself
	}
	return fmt.Errorf("caller %q is not a session: session policies, session tags and external ids are passed when a session is created (write \"role R assumed by …\" or \"federated user NAME via USER\")", spec.Phrase)
}

func (r *run) unknownUser(a *Account, name string) error {
	if r.ix.roles[a.ID+"/"+name] != nil {
		return fmt.Errorf("account %s has no user %s, but a role of that name: say who uses it, as in \"role %s assumed by …\"", a.label(), name, name)
	}
	return fmt.Errorf("account %s has no user %s%s (users: %s)", a.label(), name, didYouMean(name, userNames(a)), nameList(userNames(a)))
}

// roleSession is "role R" (an existing session, no STS hop) or "role R
// assumed by X" (X's AssumeRole* call first).
func (r *run) roleSession(spec CallerSpec, outer bool) (*principal, bool, error) {
	a, err := r.accountFor(spec.Account, "role "+spec.Name)
	if err != nil {
		return nil, false, err
	}
	role := r.ix.roles[a.ID+"/"+spec.Name]
	if role == nil {
		return nil, false, fmt.Errorf("account %s has no role %s%s (roles: %s)", a.label(), spec.Name, didYouMean(spec.Name, roleNames(a)), nameList(roleNames(a)))
	}
	if spec.AssumedBy == nil {
		return r.session(a, role, "session", r.mfa, outer)
	}
	by, ok, err := r.caller(*spec.AssumedBy, a, false)
	if err != nil || !ok {
		return nil, ok, err
	}
	action := "sts:AssumeRole"
	switch {
	case by.kind == eval.RootUser:
		return nil, false, fmt.Errorf("the root user cannot assume a role: AWS requires IAM user or role credentials for AssumeRole")
	case by.kind == eval.WebIdentity && strings.Contains(by.arn, ":saml-provider/"):
		action = "sts:AssumeRoleWithSAML"
	case by.kind == eval.WebIdentity:
		action = "sts:AssumeRoleWithWebIdentity"
	}
	var hopKeys []ctxKey
	if by.kind == eval.WebIdentity {
		// The token's claims (oidc-host:sub, :aud, SAML:…) come with the call.
		host := by.arn[strings.Index(by.arn, "-provider/")+len("-provider/"):]
		for _, k := range sortedKeys(r.call.Context) {
			if cutFold(k, host+":") || cutFold(k, "SAML:") {
				hopKeys = append(hopKeys, ctxKey{key: k, vals: r.call.Context[k], multi: len(r.call.Context[k]) > 1})
			}
		}
	}
	return r.assume(by, a, role, action, by.sessionLabel(), "", hopKeys, nil, outer)
}

func cutFold(s, prefix string) bool {
	_, ok := cutPrefixFold(s, prefix)
	return ok
}

// session is the principal of a role session.
func (r *run) session(a *Account, role *Role, name string, mfa, outer bool) (*principal, bool, error) {
	p := &principal{
		kind: eval.RoleSession, arn: "arn:aws:sts::" + a.ID + ":assumed-role/" + role.Name + "/" + name,
		acct: a, role: role, roleARN: roleARN(a.ID, role), session: name,
		temporary: true, mfa: mfa, tags: role.Tags,
		label: "role " + role.Name + " (session " + name + ")",
	}
	if outer {
		if len(r.call.SessionTags) > 0 {
			// Session tags override the role's tags of the same key.
			tags := map[string]string{}
			for k, v := range role.Tags {
				tags[k] = v
			}
			for k, v := range r.call.SessionTags {
				for old := range tags {
					if strings.EqualFold(old, k) {
						delete(tags, old)
					}
				}
				tags[k] = v
			}
			p.tags = tags
		}
		if r.call.SessionPolicy != "" {
			d, err := r.sessionPolicy()
			if err != nil {
				return nil, false, err
			}
			p.sessionPolicy = d
		}
	}
	return p, true, nil
}

func (r *run) sessionPolicy() (*Document, error) {
	id := r.call.SessionPolicy
	if !strings.HasPrefix(id, "session:") {
		id = SessionPolicyID(id)
	}
	d, ok := r.w.docs[id]
	if !ok {
		return nil, fmt.Errorf("session policy %s is not in the world%s", id, didYouMean(id, r.w.docIDs("session:")))
	}
	if d.Policy == nil {
		return nil, brokenError(d)
	}
	return d, nil
}

// assume evaluates by's STS call on the role and, when it is allowed,
// returns the session. extra are keys the session's own requests carry.
func (r *run) assume(by *principal, a *Account, role *Role, action, sessionName, why string, hopKeys, extra []ctxKey, outer bool) (*principal, bool, error) {
	res := r.ix.res["role/"+a.ID+"/"+role.Name]
	keys := append([]ctxKey(nil), hopKeys...)
	if strings.EqualFold(action, "sts:AssumeRole") {
		keys = append(keys, ctxKey{key: "sts:RoleSessionName", vals: []string{sessionName}})
	}
	if outer && r.call.ExternalID != "" {
		if action != "sts:AssumeRole" {
			return nil, false, fmt.Errorf("an external id is passed only on sts:AssumeRole, not on %s", action)
		}
		keys = append(keys, ctxKey{key: "sts:ExternalId", vals: []string{r.call.ExternalID}})
	}
	if outer {
		keys = append(keys, sessionTagKeys(r.call.SessionTags)...)
	}
	desc := by.label + " calls " + action + " on role " + role.Name
	if why != "" {
		desc += " (" + why + ")"
	}
	h, err := r.hop(desc, by, action, res, DefaultRegion, false, keys)
	if err != nil {
		return nil, false, err
	}
	if h.Result.Decision != eval.Allowed {
		r.fail(h, by.label+" cannot assume role "+role.Name)
		return nil, false, nil
	}
	if outer && len(r.call.SessionTags) > 0 {
		// Passing session tags is its own permission: the trust policy and
		// the caller's policies must allow sts:TagSession too.
		h, err := r.hop(by.label+" calls sts:TagSession on role "+role.Name+" (to pass session tags)", by, "sts:TagSession", res, DefaultRegion, false, keys)
		if err != nil {
			return nil, false, err
		}
		if h.Result.Decision != eval.Allowed {
			r.fail(h, by.label+" cannot pass session tags to role "+role.Name)
			return nil, false, nil
		}
	}
	p, ok, err := r.session(a, role, sessionName, by.mfa, outer)
	if p != nil {
		p.extra = append(p.extra, extra...)
		p.provider = by.provider
	}
	return p, ok, err
}

// fail ends the outcome at a denied hop.
func (r *run) fail(h *Hop, what string) {
	r.out.Decision, r.out.DecidedBy = h.Result.Decision, h.Result.DecidedBy
	r.out.Reason = what + ": " + h.Result.Reason
}

// provider is an OIDC or SAML identity provider presenting a token to STS.
func (r *run) provider(spec CallerSpec, a *Account) (*principal, bool, error) {
	if a == nil {
		return nil, false, fmt.Errorf("an identity provider only assumes roles: write \"role R assumed by %s\"", spec.String())
	}
	if spec.Kind == CallerOIDC {
		if r.ix.oidc[a.ID+"/"+spec.Name] == nil {
			var names []string
			for _, p := range a.OIDCProviders {
				names = append(names, oidcHost(p.URL))
			}
			return nil, false, fmt.Errorf("account %s has no OIDC provider %s%s", a.label(), spec.Name, didYouMean(spec.Name, names))
		}
		return &principal{kind: eval.WebIdentity, arn: "arn:aws:iam::" + a.ID + ":oidc-provider/" + spec.Name, label: "a token from OIDC provider " + spec.Name, provider: "arn:aws:iam::" + a.ID + ":oidc-provider/" + spec.Name}, true, nil
	}
	if r.ix.saml[a.ID+"/"+spec.Name] == nil {
		var names []string
		for _, p := range a.SAMLProviders {
			names = append(names, p.Name)
		}
		return nil, false, fmt.Errorf("account %s has no SAML provider %s%s", a.label(), spec.Name, didYouMean(spec.Name, names))
	}
	arn := "arn:aws:iam::" + a.ID + ":saml-provider/" + spec.Name
	return &principal{kind: eval.WebIdentity, arn: arn, label: "an assertion from SAML provider " + spec.Name, provider: arn,
		extra: []ctxKey{{key: "SAML:aud", vals: []string{"https://signin.aws.amazon.com/saml"}}}}, true, nil
}
