package sandbox

import "github.com/iamlab/iamlab/internal/eval"

// LayerServiceRule is the layer of a service rule that is not an IAM policy
// (S3 MFA Delete, S3 Block Public Access, …) when it decides a request.
const LayerServiceRule eval.Layer = "serviceRule"

// Call is a request said the way a person says it.
//
// MFA and credentials: aws:MultiFactorAuthPresent is in the request context
// only when the caller uses temporary credentials. For an IAM user (or the
// root user) MFA true means a console or GetSessionToken session
// authenticated with MFA: the key is "true" and aws:MultiFactorAuthAge and
// aws:TokenIssueTime are set. MFA false or nil means long-term access keys:
// none of the three keys is present — the exam's favourite trap, since a
// Deny on Bool aws:MultiFactorAuthPresent "false" then does not fire. Role
// sessions, federated users and Cognito identities always use temporary
// credentials: the key is "true" only when the session was created with MFA
// (MFA true on "role R assumed by bob"), otherwise "false".
type Call struct {
	// As is the caller phrase; see ParseCaller for the grammar.
	As string
	// Account is the default account (id or name) for short phrases and
	// friendly resource names.
	Account  string
	Action   string
	Resource string // an ARN, "*", or a friendly name (see resolveResource)
	MFA      *bool  // credentials carry MFA (nil = the caller kind's default: none)
	SourceIP string // aws:SourceIp (aws:VpcSourceIp through an endpoint); default DefaultSourceIP
	Secure   *bool  // aws:SecureTransport; default true
	Time     string // ISO 8601; default DefaultTime, so results are deterministic
	Region   string // aws:RequestedRegion; default the resource's region
	// VPCEndpoint is an endpoint (vpce-…) the call passes through: its policy
	// applies, aws:SourceVpce and aws:SourceVpc are set, aws:SourceIp is not.
	VPCEndpoint string
	// SessionPolicy is a session:<name> document passed when the session is
	// created (AssumeRole*, GetFederationToken).
	SessionPolicy string
	// SessionTags are passed on AssumeRole (they become aws:PrincipalTag/*,
	// overriding the role's tags of the same key).
	SessionTags map[string]string
	// ExternalID is passed on AssumeRole (sts:ExternalId).
	ExternalID string
	// Context holds extra keys for the final call (s3:prefix,
	// iam:PassedToService, aws:RequestTag/…). Several values, or a key the
	// catalogue knows as multivalued, make a multivalued key.
	Context map[string][]string
}

// DefaultTime is the instant calls happen at unless they say otherwise.
const DefaultTime = "2026-01-15T12:00:00Z"

// DefaultSourceIP is the caller's address unless the call gives one; through
// a VPC endpoint the caller's private address is DefaultVPCSourceIP.
const (
	DefaultSourceIP    = "198.51.100.7"
	DefaultVPCSourceIP = "10.0.1.23"
)

// Hop is one request AWS authorizes on the way to the call: an STS step or
// the call itself. Input shares compiled policies with the World: treat it
// as read-only (Clone the context to vary it).
type Hop struct {
	Description string // "bob calls sts:AssumeRole on role deploy"
	Input       eval.Input
	Result      eval.Result
}

// RuleResult is a service rule that is not an IAM policy (S3 MFA Delete,
// S3 Block Public Access, …), considered for the call.
type RuleResult struct {
	Rule    string // "s3-mfa-delete", "s3-block-public-access", "kms-key-policy", "cognito-unauthenticated"
	Applies bool   // the rule concerns this request
	Denies  bool   // it refused the request
	Reason  string
}

// Outcome is the answer to a call.
type Outcome struct {
	Call Call
	// Hops are the STS steps first; the last hop is the call itself (fewer
	// if an earlier hop was denied).
	Hops      []Hop
	Rules     []RuleResult
	Decision  eval.Decision
	DecidedBy eval.Layer // the deciding layer of the deciding hop, or LayerServiceRule
	// Reason is an AWS-style sentence; for a failed hop it names the hop.
	Reason string
}

// Allowed reports whether the call succeeds.
func (o *Outcome) Allowed() bool { return o.Decision == eval.Allowed }
