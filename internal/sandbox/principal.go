package sandbox

import (
	"strings"

	"github.com/iamlab/iamlab/internal/eval"
)

// principal is a resolved caller: who signs the request and with what.
type principal struct {
	kind    eval.PrincipalKind
	arn     string // eval.Request.Principal
	issuer  string // a federated user's IAM user
	acct    *Account
	user    *User // the user, or the federated user's issuing user
	role    *Role
	roleARN string // with path
	session string // role session or federated user name

	temporary bool // signs with temporary credentials (STS)
	mfa       bool // those credentials were obtained with MFA
	tags      map[string]string
	label     string // "user alice", "role deploy (session bob)"

	sessionPolicy *Document
	extra         []ctxKey // keys only this principal's requests carry
	provider      string   // aws:FederatedProvider for web identity sessions
}

// ctxKey is one request context key a principal or hop adds.
type ctxKey struct {
	key   string
	vals  []string
	multi bool
}

func (p *principal) inAccount() bool { return p.acct != nil }

// sessionLabel is the name its sessions get when it assumes a role.
func (p *principal) sessionLabel() string {
	switch {
	case p.kind == eval.IAMUser:
		return p.user.Name
	case p.kind == eval.RoleSession:
		return p.session
	case p.kind == eval.ServiceCaller:
		return strings.TrimSuffix(p.arn, ".amazonaws.com")
	}
	return "session"
}

// uniqueID is aws:userid as AWS forms it for each kind of caller.
func (p *principal) uniqueID() string {
	switch p.kind {
	case eval.IAMUser:
		return uniqueID("AIDA", p.arn)
	case eval.RootUser:
		return p.acct.ID
	case eval.RoleSession:
		return uniqueID("AROA", p.roleARN) + ":" + p.session
	case eval.FederatedUser:
		return p.acct.ID + ":" + p.session
	case eval.Anonymous:
		return "anonymous"
	}
	return ""
}

// principalType is aws:PrincipalType.
func (p *principal) principalType() string {
	switch p.kind {
	case eval.IAMUser:
		return "User"
	case eval.RootUser:
		return "Account"
	case eval.RoleSession:
		return "AssumedRole"
	case eval.FederatedUser:
		return "FederatedUser"
	case eval.Anonymous:
		return "Anonymous"
	}
	return ""
}

// principalARNKey is aws:PrincipalArn: the role (with its path) for a
// session, the caller's ARN otherwise.
func (p *principal) principalARNKey() string {
	if p.kind == eval.RoleSession {
		return p.roleARN
	}
	return p.arn
}
