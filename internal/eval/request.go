package eval

import (
	"strings"

	"github.com/iamlab/iamlab/internal/arn"
)

// Request is one API call: who, what, on which resource, with which context.
type Request struct {
	// Principal is the caller's ARN: a user, role, assumed-role session,
	// federated user or the account root; a service principal such as
	// "lambda.amazonaws.com"; an identity provider for web-identity and
	// SAML calls; or "*" for an anonymous caller.
	Principal string
	// SessionIssuer is, for a federated-user session, the IAM user that
	// called GetFederationToken (a resource policy may name it).
	SessionIssuer string
	Action        string
	Resource      string
	// ResourceAccount owns the resource; S3 ARNs carry no account. When
	// empty, the account in the resource ARN is used, then the caller's.
	ResourceAccount string
	Context         Context
}

// PolicyRef is a compiled policy with the name the trace shows for it.
type PolicyRef struct {
	Name   string
	Policy *Policy
}

// Level is one level of an organization's policy chain (root, an OU, the
// account) with the policies attached there.
type Level struct {
	ID       string
	Policies []PolicyRef
}

// Input is everything the engine needs for one decision.
type Input struct {
	Request  Request
	Identity []PolicyRef // the user's and its groups', or the role's
	// Resource is the resource-based policy: a bucket, queue or secret
	// policy, a role's trust policy (TrustPolicy) or a KMS key policy
	// (KeyPolicy). nil when the resource has none.
	Resource *PolicyRef
	// ResourcePolicyRequired marks resources whose policy must grant access
	// even in the same account (roles being assumed, KMS keys). It is also
	// implied when Resource is a TrustPolicy or KeyPolicy.
	ResourcePolicyRequired bool
	Boundary               *PolicyRef
	Session                *PolicyRef
	Endpoints              []PolicyRef // VPC endpoint policies the request passes through
	SCPs                   []Level     // the caller's account chain, root first; nil outside an organization
	RCPs                   []Level     // the resource account's chain; RCPFullAWSAccess is implied at every level
	// ManagementAccount is the organization's management account: SCPs do
	// not apply to its principals and RCPs not to its resources.
	ManagementAccount string
	// AWSManagedKey marks an AWS managed KMS key, which RCPs do not cover.
	AWSManagedKey bool
	// HasBoundary tells the engine the principal has a boundary attached
	// even if it was not passed (it matters for Deny + NotPrincipal).
	HasBoundary bool
	// RCPSupported says whether a service supports RCPs (the service
	// catalogue knows: catalog.RCPSupported). The engine knows no list of its
	// own, so its callers pass one; nil means RCPs apply to every service.
	RCPSupported func(servicePrefix string) bool
}

// PrincipalKind is what sort of caller a request comes from.
type PrincipalKind string

// Principal kinds.
const (
	Anonymous     PrincipalKind = "anonymous"
	RootUser      PrincipalKind = "root"
	IAMUser       PrincipalKind = "user"
	IAMRole       PrincipalKind = "role"
	RoleSession   PrincipalKind = "assumed-role session"
	FederatedUser PrincipalKind = "federated user"
	ServiceCaller PrincipalKind = "AWS service"
	WebIdentity   PrincipalKind = "federated identity"
	CanonicalID   PrincipalKind = "canonical user"
)

// principal is what the engine knows of the caller.
type principal struct {
	kind    PrincipalKind
	arn     string
	account string
	name    string // user name, role name or federated user name
	roleARN string // for sessions: the role's ARN (with path when known)
	issuer  string
	slr     bool // a service-linked role
}

// describePrincipal derives the caller's kind and account from its ARN and,
// for a session, the role from aws:PrincipalArn when the caller gave it.
func describePrincipal(r *Request) principal {
	p := principal{arn: r.Principal, issuer: r.SessionIssuer}
	s := r.Principal
	if s == "*" || s == "" {
		p.kind = Anonymous
		return p
	}
	if !strings.HasPrefix(s, "arn:") {
		p.kind = nonARNKind(s)
		return p
	}
	parts, ok := arn.Split(s)
	if !ok {
		p.kind = Anonymous
		return p
	}
	p.account = parts[4]
	switch parts[2] {
	case "iam":
		p.describeIAM(parts[5])
	case "sts":
		p.describeSTS(parts[1], parts[5], r)
	default:
		p.kind = Anonymous
	}
	return p
}

// nonARNKind: a caller named by something other than an ARN.
func nonARNKind(s string) PrincipalKind {
	switch {
	case s == "cognito-identity.amazonaws.com":
		return WebIdentity
	case strings.HasSuffix(s, ".amazonaws.com") || strings.HasSuffix(s, ".amazonaws.com.cn"):
		return ServiceCaller
	case isCanonicalUserID(s):
		return CanonicalID
	}
	// A host name such as accounts.google.com, graph.facebook.com,
	// www.amazon.com or an OIDC issuer: a web identity provider.
	return WebIdentity
}

// describeIAM: an iam ARN names the root user, a user, a role or an
// identity provider.
func (p *principal) describeIAM(res string) {
	switch {
	case res == "root":
		p.kind = RootUser
	case strings.HasPrefix(res, "user/"):
		p.kind = IAMUser
		p.name = lastSegment(res)
	case strings.HasPrefix(res, "role/"):
		p.kind = IAMRole
		p.name = lastSegment(res)
		p.roleARN = p.arn
		p.slr = strings.HasPrefix(res, "role/aws-service-role/")
	case strings.HasPrefix(res, "saml-provider/") || strings.HasPrefix(res, "oidc-provider/"):
		p.kind = WebIdentity
	default:
		p.kind = Anonymous
	}
}

// describeSTS: an sts ARN names a role session or a federated user.
func (p *principal) describeSTS(partition, res string, r *Request) {
	switch {
	case strings.HasPrefix(res, "assumed-role/"):
		p.kind = RoleSession
		rest := strings.TrimPrefix(res, "assumed-role/")
		role := rest
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			role = rest[:i]
		}
		p.name = role
		p.roleARN = "arn:" + partition + ":iam::" + p.account + ":role/" + role
		if v, ok := r.Context.getLower("aws:principalarn"); ok && len(v.Values) == 1 && strings.HasSuffix(v.Values[0], "/"+role) && strings.Contains(v.Values[0], ":role/") {
			p.roleARN = v.Values[0] // carries the role's path
		}
		p.slr = strings.Contains(p.roleARN, ":role/aws-service-role/") || strings.HasPrefix(role, "AWSServiceRoleFor")
	case strings.HasPrefix(res, "federated-user/"):
		p.kind = FederatedUser
		p.name = strings.TrimPrefix(res, "federated-user/")
	default:
		p.kind = Anonymous
	}
}

// isServiceLinkedRoleARN: service-linked roles live under the
// /aws-service-role/ path, which only AWS services can create.
func isServiceLinkedRoleARN(s string) bool {
	parts, ok := arn.Split(s)
	return ok && parts[2] == "iam" && strings.HasPrefix(parts[5], "role/aws-service-role/")
}

// isCanonicalUserID: S3 canonical user IDs are 64 hexadecimal characters.
func isCanonicalUserID(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

func lastSegment(s string) string {
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// isSession: session policies apply only to temporary sessions.
func (p *principal) isSession() bool { return p.kind == RoleSession || p.kind == FederatedUser }

// inAccount: SCPs, identity policies and boundaries exist only for
// principals that live in an account.
func (p *principal) inAccount() bool {
	switch p.kind {
	case RootUser, IAMUser, IAMRole, RoleSession, FederatedUser:
		return true
	}
	return false
}

// principalArnKey is aws:PrincipalArn as AWS sets it: the role, not the
// session, for an assumed role.
func (p *principal) principalArnKey() string {
	if p.kind == RoleSession {
		return p.roleARN
	}
	return p.arn
}

// principalTypeKey is aws:PrincipalType.
func (p *principal) principalTypeKey() string {
	switch p.kind {
	case RootUser:
		return "Account"
	case IAMUser:
		return "User"
	case RoleSession, IAMRole:
		return "AssumedRole"
	case FederatedUser:
		return "FederatedUser"
	case Anonymous:
		return "Anonymous"
	}
	return ""
}

// ResourcePolicyTypeFor tells which resource-side policy type guards a
// request: a role's trust policy for sts:AssumeRole* on a role, a key policy
// for kms actions on a key, otherwise an ordinary resource-based policy.
// Trust and key policies must grant access even within one account.
func ResourcePolicyTypeFor(action, resource string) PolicyType {
	a := strings.ToLower(action)
	switch {
	case strings.HasPrefix(a, "sts:assumerole") || a == "sts:tagsession" || a == "sts:setsourceidentity" || a == "sts:setcontext":
		if strings.Contains(resource, ":role/") {
			return TrustPolicy
		}
	case strings.HasPrefix(a, "kms:"):
		if strings.Contains(resource, ":key/") {
			return KeyPolicy
		}
	}
	return ResourcePolicy
}
