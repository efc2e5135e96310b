// Package worldfile is the YAML format of a sandbox world (an organization
// of accounts with their users, groups, roles, policies and resources) and
// its conversion into a *sandbox.World. Scenario packs (worlds/<name>.yaml
// and inline `world:` values) and policy items of the quiz bank write
// worlds in this one format; each reports problems and reads policy text
// its own way through a Builder.
package worldfile

// The structs in this file are the on-disk format, decoded strictly: a
// field not listed here is an error. docs/authoring.md,
// docs/world.schema.json (and docs/scenario.schema.json) and
// docs/quiz-format.md describe the same fields; keep them in step.

// World is worlds/<name>.yaml, or the value of an inline `world:`.
// Its shape follows sandbox.Account and friends, in YAML's camelCase.
type World struct {
	Account         string        `yaml:"account"`
	Organization    *Organization `yaml:"organization"`
	Accounts        []Account     `yaml:"accounts"`
	SessionPolicies []NamedDoc    `yaml:"sessionPolicies"`
}

// Organization is AWS Organizations: the root, its OUs and accounts, and
// the SCPs and RCPs attached to them.
type Organization struct {
	ID         string     `yaml:"id"`
	Management string     `yaml:"management"`
	Root       string     `yaml:"root"`
	SCPs       []string   `yaml:"scps"`
	RCPs       []string   `yaml:"rcps"`
	OUs        []OU       `yaml:"ous"`
	Accounts   []string   `yaml:"accounts"` // directly under the root
	Policies   []NamedDoc `yaml:"policies"` // SCP and RCP documents
}

// OU is an organizational unit, with OUs nested under it.
type OU struct {
	Name     string   `yaml:"name"`
	SCPs     []string `yaml:"scps"`
	RCPs     []string `yaml:"rcps"`
	Accounts []string `yaml:"accounts"`
	OUs      []OU     `yaml:"ous"`
}

// NamedDoc is a named policy document; Type is used for organization
// policies ("scp" or "rcp").
type NamedDoc struct {
	Name     string `yaml:"name"`
	Type     string `yaml:"type"`
	Document string `yaml:"document"`
	File     string `yaml:"file"`
}

// Account is one AWS account: its principals, policies and resources.
type Account struct {
	ID                string             `yaml:"id"`
	Name              string             `yaml:"name"`
	Region            string             `yaml:"region"`
	SCPs              []string           `yaml:"scps"`
	RCPs              []string           `yaml:"rcps"`
	Policies          []NamedDoc         `yaml:"policies"`
	Users             []User             `yaml:"users"`
	Groups            []Group            `yaml:"groups"`
	Roles             []Role             `yaml:"roles"`
	IdentityPools     []IdentityPool     `yaml:"identityPools"`
	OIDCProviders     []OIDCProvider     `yaml:"oidcProviders"`
	SAMLProviders     []SAMLProvider     `yaml:"samlProviders"`
	BlockPublicAccess *PublicAccessBlock `yaml:"blockPublicAccess"`
	Buckets           []Bucket           `yaml:"buckets"`
	Keys              []Key              `yaml:"keys"`
	Tables            []NamedResource    `yaml:"tables"`
	Queues            []NamedResource    `yaml:"queues"`
	Topics            []NamedResource    `yaml:"topics"`
	Secrets           []NamedResource    `yaml:"secrets"`
	Functions         []Function         `yaml:"functions"`
	Instances         []Instance         `yaml:"instances"`
	Endpoints         []Endpoint         `yaml:"endpoints"`
}

// User is an IAM user.
type User struct {
	Name       string            `yaml:"name"`
	Path       string            `yaml:"path"`
	Groups     []string          `yaml:"groups"`
	Policies   []string          `yaml:"policies"`
	Inline     []NamedDoc        `yaml:"inline"`
	Boundary   string            `yaml:"boundary"`
	MFA        bool              `yaml:"mfa"`
	AccessKeys []string          `yaml:"accessKeys"`
	Tags       map[string]string `yaml:"tags"`
}

// Group is an IAM group.
type Group struct {
	Name     string     `yaml:"name"`
	Path     string     `yaml:"path"`
	Policies []string   `yaml:"policies"`
	Inline   []NamedDoc `yaml:"inline"`
}

// Role is an IAM role; Trust is its trust policy.
type Role struct {
	Name               string            `yaml:"name"`
	Path               string            `yaml:"path"`
	Trust              *Source           `yaml:"trust"`
	Policies           []string          `yaml:"policies"`
	Inline             []NamedDoc        `yaml:"inline"`
	Boundary           string            `yaml:"boundary"`
	Tags               map[string]string `yaml:"tags"`
	MaxSessionDuration int               `yaml:"maxSessionDuration"`
	InstanceProfiles   []string          `yaml:"instanceProfiles"`
}

// IdentityPool is a Cognito identity pool.
type IdentityPool struct {
	Name                 string   `yaml:"name"`
	ID                   string   `yaml:"id"`
	AllowUnauthenticated bool     `yaml:"allowUnauthenticated"`
	AuthenticatedRole    string   `yaml:"authenticatedRole"`
	UnauthenticatedRole  string   `yaml:"unauthenticatedRole"`
	Providers            []string `yaml:"providers"`
}

// OIDCProvider is an IAM OIDC identity provider.
type OIDCProvider struct {
	URL       string   `yaml:"url"`
	ClientIDs []string `yaml:"clientIds"`
}

// SAMLProvider is an IAM SAML identity provider.
type SAMLProvider struct {
	Name string `yaml:"name"`
}

// PublicAccessBlock is S3 Block Public Access, of an account or a bucket.
type PublicAccessBlock struct {
	BlockPublicAcls       bool `yaml:"blockPublicAcls"`
	IgnorePublicAcls      bool `yaml:"ignorePublicAcls"`
	BlockPublicPolicy     bool `yaml:"blockPublicPolicy"`
	RestrictPublicBuckets bool `yaml:"restrictPublicBuckets"`
}

// Bucket is an S3 bucket.
type Bucket struct {
	Name              string             `yaml:"name"`
	Region            string             `yaml:"region"`
	Policy            *Source            `yaml:"policy"`
	Versioning        string             `yaml:"versioning"`
	MFADelete         bool               `yaml:"mfaDelete"`
	BlockPublicAccess *PublicAccessBlock `yaml:"blockPublicAccess"`
	ObjectOwnership   string             `yaml:"objectOwnership"`
	Tags              map[string]string  `yaml:"tags"`
}

// Key is a KMS key.
type Key struct {
	ID         string            `yaml:"id"`
	Alias      string            `yaml:"alias"`
	Region     string            `yaml:"region"`
	Policy     *Source           `yaml:"policy"`
	AWSManaged bool              `yaml:"awsManaged"`
	Tags       map[string]string `yaml:"tags"`
}

// NamedResource is a table, queue, topic or secret.
type NamedResource struct {
	Name   string            `yaml:"name"`
	Region string            `yaml:"region"`
	Policy *Source           `yaml:"policy"`
	Tags   map[string]string `yaml:"tags"`
}

// Function is a Lambda function; Role is its execution role.
type Function struct {
	Name   string            `yaml:"name"`
	Region string            `yaml:"region"`
	Role   string            `yaml:"role"`
	Policy *Source           `yaml:"policy"`
	Tags   map[string]string `yaml:"tags"`
}

// Instance is an EC2 instance.
type Instance struct {
	ID              string            `yaml:"id"`
	Region          string            `yaml:"region"`
	InstanceProfile string            `yaml:"instanceProfile"`
	VPC             string            `yaml:"vpc"`
	Tags            map[string]string `yaml:"tags"`
}

// Endpoint is a VPC endpoint with its endpoint policy.
type Endpoint struct {
	ID      string  `yaml:"id"`
	VPC     string  `yaml:"vpc"`
	Service string  `yaml:"service"`
	Policy  *Source `yaml:"policy"`
}

// Source is a policy document: JSON text inline, or a file beside the
// world (scenario packs only; the quiz bank has no folder to read from).
type Source struct {
	Document string `yaml:"document"`
	File     string `yaml:"file"`
}

// Call is a request said the way a person says it (sandbox.Call).
type Call struct {
	As            string              `yaml:"as"`
	Account       string              `yaml:"account"`
	Action        string              `yaml:"action"`
	Resource      string              `yaml:"resource"`
	MFA           *bool               `yaml:"mfa"`
	SourceIP      string              `yaml:"sourceIp"`
	Secure        *bool               `yaml:"secure"`
	Time          string              `yaml:"time"`
	Region        string              `yaml:"region"`
	VPCEndpoint   string              `yaml:"vpcEndpoint"`
	SessionPolicy string              `yaml:"sessionPolicy"`
	SessionTags   map[string]string   `yaml:"sessionTags"`
	ExternalID    string              `yaml:"externalId"`
	Context       map[string][]string `yaml:"context"`
}
