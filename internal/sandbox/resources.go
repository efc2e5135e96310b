package sandbox

// PublicAccessBlock is an S3 Block Public Access configuration.
type PublicAccessBlock struct {
	BlockPublicAcls       bool
	IgnorePublicAcls      bool
	BlockPublicPolicy     bool
	RestrictPublicBuckets bool
}

// Versioning states of an S3 bucket.
const (
	VersioningOff       = ""          // never enabled
	VersioningEnabled   = "Enabled"   // MFA Delete can be on
	VersioningSuspended = "Suspended" // versions kept, new ones not created
)

// Bucket is an S3 bucket; the account that holds it is its owner.
type Bucket struct {
	Name       string // globally unique
	Region     string
	Policy     PolicyText
	Versioning string // VersioningOff, VersioningEnabled, VersioningSuspended
	// MFADelete: deleting a version or changing versioning needs the bucket
	// owner's root user with MFA. It requires versioning.
	MFADelete         bool
	BlockPublicAccess PublicAccessBlock
	// ObjectOwnership: "BucketOwnerEnforced" (the default since 2023; ACLs
	// disabled), "BucketOwnerPreferred" or "ObjectWriter".
	ObjectOwnership string
	Tags            map[string]string
}

// Key is a KMS key. With no Policy it gets the default key policy, which
// allows the account (root) every kms action and so enables IAM policies.
type Key struct {
	ID         string // key id (a UUID); derived from the alias when ""
	Alias      string // "alias/app"
	Region     string
	Policy     PolicyText
	AWSManaged bool // an AWS managed key (aws/s3 …): RCPs do not cover it
	Tags       map[string]string
}

// Table is a DynamoDB table.
type Table struct {
	Name   string
	Region string
	Policy PolicyText
	Tags   map[string]string
}

// Queue is an SQS queue.
type Queue struct {
	Name   string
	Region string
	Policy PolicyText
	Tags   map[string]string
}

// Topic is an SNS topic.
type Topic struct {
	Name   string
	Region string
	Policy PolicyText
	Tags   map[string]string
}

// Function is a Lambda function.
type Function struct {
	Name   string
	Region string
	Role   string // execution role name in the same account
	Policy PolicyText
	Tags   map[string]string
}

// Instance is an EC2 instance.
type Instance struct {
	ID              string // "i-0abc…"
	Region          string
	InstanceProfile string // instance profile name (a role's InstanceProfiles), or the role's name
	VPC             string // "vpc-…", sets aws:EC2InstanceSourceVPC on its role's calls
	Tags            map[string]string
}

// Secret is a Secrets Manager secret.
type Secret struct {
	Name   string
	Region string
	Policy PolicyText
	Tags   map[string]string
}

// VPCEndpoint is an interface or gateway endpoint a request may pass through.
type VPCEndpoint struct {
	ID      string // "vpce-…"
	VPC     string // "vpc-…"
	Service string // "s3", "dynamodb" … (informative)
	Policy  PolicyText
}
