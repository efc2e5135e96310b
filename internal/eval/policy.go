package eval

import (
	"strconv"

	"github.com/iamlab/iamlab/internal/wildcard"
)

// PolicyType says where a document is attached, which decides the grammar it
// must follow (a Principal is required in some, forbidden in others).
type PolicyType uint8

// Policy types, in the order the trace shows layers.
const (
	IdentityPolicy PolicyType = iota // attached to a user, group or role
	ResourcePolicy                   // bucket, queue, topic, secret, function … policy
	TrustPolicy                      // a role's trust policy (who may assume it)
	KeyPolicy                        // a KMS key policy
	BoundaryPolicy                   // a permissions boundary
	SessionPolicy                    // passed when a session is created
	SCP                              // service control policy
	RCP                              // resource control policy
	EndpointPolicy                   // VPC endpoint policy
)

// String names the type as AWS's pages and access-denied messages do. A
// layer's own type takes the layer's noun; trust and key policies are the
// two kinds of resource-based policy that must name the caller.
func (t PolicyType) String() string {
	switch t {
	case TrustPolicy:
		return "role trust policy"
	case KeyPolicy:
		return "KMS key policy"
	}
	for i := range policyLayers {
		if policyLayers[i].policyType == t {
			return policyLayers[i].noun
		}
	}
	return "policy"
}

// principalRule says whether Principal may, must or must not appear.
func (t PolicyType) principalRule() (allowed, required bool) {
	switch t {
	case ResourcePolicy, TrustPolicy, KeyPolicy, RCP:
		return true, true
	case EndpointPolicy:
		return true, false
	}
	return false, false
}

// resourceRequired: identity-side documents must say what they apply to;
// resource-side documents default to the resource they are attached to.
func (t PolicyType) resourceRequired() bool {
	switch t {
	case IdentityPolicy, BoundaryPolicy, SessionPolicy, SCP:
		return true
	}
	return false
}

// Effect is Allow or Deny.
type Effect uint8

// Effects.
const (
	Allow Effect = iota + 1
	Deny
)

func (e Effect) String() string {
	switch e {
	case Allow:
		return "Allow"
	case Deny:
		return "Deny"
	}
	return "?"
}

// Value is one string of a policy element with where it was written.
type Value struct {
	Text string `json:"text"`
	Pos  Pos    `json:"pos"`
}

// Policy is a parsed, compiled policy document.
type Policy struct {
	Type       PolicyType
	Pos        Pos    // where the document's object starts
	Version    string // as written; "" when absent (AWS then uses 2008-10-17)
	VersionPos Pos
	ID         string
	Statements []*Statement
}

// VariablesEnabled: policy variables work only under Version 2012-10-17;
// in older or absent versions ${...} is literal text.
func (p *Policy) VariablesEnabled() bool { return p.Version == "2012-10-17" }

// Statement is one compiled statement.
type Statement struct {
	Index     int // 0-based position in the Statement list
	Pos       Pos
	Sid       string
	SidPos    Pos
	Effect    Effect
	EffectPos Pos

	// Action or NotAction (NotAction true).
	Actions   []Value
	NotAction bool
	ActionPos Pos // of the key

	// Resource or NotResource; HasResource is false when the element is
	// absent (resource-side policies then mean the resource they guard).
	Resources   []Value
	NotResource bool
	HasResource bool
	ResourcePos Pos

	// Principal or NotPrincipal; nil when absent.
	Principal *PrincipalSpec

	Conditions []*Condition

	actionGlobs []wildcard.Pattern // lower-cased
	resTmpl     []template
	resFixed    []arnPattern // when resTmpl[i] has no variable
}

// Label names the statement for people: its Sid, or its number.
func (s *Statement) Label() string {
	if s.Sid != "" {
		return "\"" + s.Sid + "\""
	}
	return "#" + strconv.Itoa(s.Index+1)
}

// PrincipalSpec is a Principal or NotPrincipal element.
type PrincipalSpec struct {
	Not     bool
	Pos     Pos
	Any     bool // "*" (or {"AWS": "*"})
	Entries []PrincipalEntry
}

// PrincipalEntry is one named principal: Type is AWS, Service, Federated or
// CanonicalUser.
type PrincipalEntry struct {
	Type  string
	Value string
	Pos   Pos
}
