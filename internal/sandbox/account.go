package sandbox

// Account is one AWS account of the world and everything it holds. Policies
// are written inline as JSON (NamedPolicy, PolicyText) or added separately
// with World.AddDocument under the IDs documented on Document; attachments
// name policies: "ReadOnlyAccess" or "aws:ReadOnlyAccess" for an AWS managed
// policy, "Deploy" or "policy:<account>/Deploy" for a customer managed one.
type Account struct {
	ID     string // 12 digits
	Name   string // for people and phrases: "Prod", "B"
	Region string // default region of its resources; "" = us-east-1

	// SCPs and RCPs attached to the account itself (names of scp:/rcp:
	// documents). No SCP at a level means FullAWSAccess, as AWS attaches it
	// by default.
	SCPs []string
	RCPs []string

	// Policies are the account's customer managed policies.
	Policies []NamedPolicy

	Users  []*User
	Groups []*Group
	Roles  []*Role

	IdentityPools []*IdentityPool
	OIDCProviders []*OIDCProvider
	SAMLProviders []*SAMLProvider

	// BlockPublicAccess is the account-level S3 Block Public Access
	// configuration; S3 applies the most restrictive of it and the bucket's.
	BlockPublicAccess PublicAccessBlock

	Buckets   []*Bucket
	Keys      []*Key
	Tables    []*Table
	Queues    []*Queue
	Topics    []*Topic
	Functions []*Function
	Instances []*Instance
	Secrets   []*Secret
	Endpoints []*VPCEndpoint
}

// NamedPolicy is a policy document written in the world: a customer managed
// policy or an inline policy.
type NamedPolicy struct {
	Name   string
	Source string // JSON
	File   string // where Source was written, for messages; may be ""
	Line   int    // 1-based line of Source in File
}

// PolicyText is an unnamed document: a trust policy or a resource policy.
// An empty Source means the object has none (a role always needs one).
type PolicyText struct {
	Source string
	File   string
	Line   int
}

// User is an IAM user.
type User struct {
	Name     string
	Path     string   // "/" when empty
	Groups   []string // group names in the same account
	Policies []string // attached managed policies
	Inline   []NamedPolicy
	Boundary string // managed policy used as permissions boundary
	// MFA says the user has an MFA device. Whether a request carries MFA is
	// the Call's choice (Call.MFA); a user without a device cannot.
	MFA        bool
	AccessKeys []string // access key IDs, for display
	Tags       map[string]string
}

// Group is an IAM group.
type Group struct {
	Name     string
	Path     string
	Policies []string
	Inline   []NamedPolicy
}

// Role is an IAM role.
type Role struct {
	Name     string
	Path     string     // "/" when empty; "/aws-service-role/" marks a service-linked role
	Trust    PolicyText // the trust policy (or add trust:<account>/<role>)
	Policies []string
	Inline   []NamedPolicy
	Boundary string
	Tags     map[string]string
	// MaxSessionDuration in seconds; 0 = 3600, AWS's default.
	MaxSessionDuration int
	// InstanceProfiles that hold the role; EC2 instances name a profile.
	InstanceProfiles []string
}

// IdentityPool is an Amazon Cognito identity pool.
type IdentityPool struct {
	Name string
	// ID is the pool id ("us-east-1:1a2b…"); derived from the name when "".
	ID string
	// AllowUnauthenticated lets guests (unauthenticated identities) get
	// credentials for UnauthenticatedRole.
	AllowUnauthenticated bool
	AuthenticatedRole    string
	UnauthenticatedRole  string
	// Providers are the login providers authenticated identities come from:
	// "accounts.google.com", "graph.facebook.com",
	// "cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12" …
	Providers []string
}

// OIDCProvider is an IAM OpenID Connect identity provider.
type OIDCProvider struct {
	URL       string // "token.actions.githubusercontent.com" (https:// optional)
	ClientIDs []string
}

// SAMLProvider is an IAM SAML 2.0 identity provider.
type SAMLProvider struct {
	Name string
}
