package eval

// Rule names the rule of the evaluation logic that decided a request: a
// stable id that tests, tools and screens can match on instead of the
// sentence a learner reads. docs/evaluation-rules.md gives each rule with its
// id, its AWS source and the tests that pin it. Ids never change once
// published; a new rule gets a new id.
type Rule string

// Rules that allow.
const (
	// RuleAlwaysAllowed: sts:GetCallerIdentity needs no permission (A12).
	RuleAlwaysAllowed Rule = "always-allowed"
	// RuleRootOwnAccount: the root user needs no policy in its own account (A1).
	RuleRootOwnAccount Rule = "root-user-own-account"
	// RuleResourceAllowNonIAMCaller: a resource-based policy lets in a caller
	// that is no principal of an account (anonymous, a service, an identity
	// provider) (A11).
	RuleResourceAllowNonIAMCaller Rule = "resource-policy-allow-non-iam-caller"
	// RuleResourceAllowSameAccount: a same-account resource-based policy names
	// the caller itself (its user, session or federated-user ARN), which no
	// other layer limits (A5).
	RuleResourceAllowSameAccount Rule = "resource-policy-allow-same-account"
	// RuleResourceAllowWithinLimits: a same-account resource-based policy
	// names the caller's role or the IAM user who federated it; the boundary
	// and the session policy still limit it (A5).
	RuleResourceAllowWithinLimits Rule = "resource-policy-allow-within-limits"
	// RuleIdentityAllow: an identity-based policy allows, within every limit (A6).
	RuleIdentityAllow Rule = "identity-policy-allow"
	// RuleCrossAccountAllow: both the caller's and the resource's account allow (A9).
	RuleCrossAccountAllow Rule = "cross-account-allow"
)

// Rules that deny.
const (
	// RuleExplicitDeny: an applicable Deny in any layer (A2).
	RuleExplicitDeny Rule = "explicit-deny"
	// RuleRootCannotAssumeRole: the root user cannot assume a role (F4).
	RuleRootCannotAssumeRole Rule = "root-cannot-assume-role"
	// RuleSCPImplicitDeny: a level of the SCP chain allows nothing that covers
	// the request (A4).
	RuleSCPImplicitDeny Rule = "scp-implicit-deny"
	// RuleEndpointImplicitDeny: a VPC endpoint policy on the path does not
	// allow the request (A10).
	RuleEndpointImplicitDeny Rule = "vpc-endpoint-implicit-deny"
	// RuleNonIAMCallerImplicitDeny: a caller that is no principal of an
	// account, and no resource-based policy lets it in (A11).
	RuleNonIAMCallerImplicitDeny Rule = "non-iam-caller-implicit-deny"
	// RuleResourcePolicyRequired: a role trust policy or KMS key policy must
	// allow the caller even in its own account, and none does (A5).
	RuleResourcePolicyRequired Rule = "resource-policy-required-implicit-deny"
	// RuleIdentityImplicitDeny: no identity-based policy allows, and no
	// resource-based policy grants on its own (A1, A6).
	RuleIdentityImplicitDeny Rule = "identity-implicit-deny"
	// RuleCrossAccountIdentityImplicitDeny: across accounts, the caller's
	// account does not allow (A9).
	RuleCrossAccountIdentityImplicitDeny Rule = "cross-account-identity-implicit-deny"
	// RuleCrossAccountResourceImplicitDeny: across accounts, the resource's
	// account does not grant (A9).
	RuleCrossAccountResourceImplicitDeny Rule = "cross-account-resource-implicit-deny"
	// RuleBoundaryImplicitDeny: the permissions boundary does not allow (A7).
	RuleBoundaryImplicitDeny Rule = "boundary-implicit-deny"
	// RuleSessionImplicitDeny: the session policy does not allow (A8).
	RuleSessionImplicitDeny Rule = "session-policy-implicit-deny"
	// RuleFederatedUserNoSessionPolicy: a federated user's session was passed
	// no session policy, so it has no permissions (A8).
	RuleFederatedUserNoSessionPolicy Rule = "federated-user-no-session-policy"
)
