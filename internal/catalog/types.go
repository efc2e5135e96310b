package catalog

// AccessLevel is the access-level classification AWS gives each action.
type AccessLevel string

// The five access levels of the Service Authorization Reference.
const (
	List                  AccessLevel = "List"
	Read                  AccessLevel = "Read"
	Write                 AccessLevel = "Write"
	PermissionsManagement AccessLevel = "Permissions management"
	Tagging               AccessLevel = "Tagging"
)

// accessLevelCodes is indexed by the byte the generator writes.
var accessLevelCodes = [...]AccessLevel{List, Read, Write, PermissionsManagement, Tagging}

// Service is one AWS service namespace, such as s3 or ec2.
type Service struct {
	Prefix string // the action prefix, lower case, e.g. "s3"
	Name   string // e.g. "Amazon S3"

	// Actions are sorted case-insensitively by name.
	Actions []*Action
	// ResourceTypes are sorted case-insensitively by name.
	ResourceTypes []*ResourceType
	// ConditionKeys are the keys the service documents, including the
	// aws: keys it supports, sorted case-insensitively.
	ConditionKeys []string
	// RCPSupported says whether resource control policies apply.
	RCPSupported bool

	keyTypes []string // parallel to ConditionKeys
}

// Action is one IAM action.
type Action struct {
	Service     string // the service prefix, e.g. "s3"
	Name        string // canonical case, e.g. "GetObject"
	AccessLevel AccessLevel
	// ResourceTypes the action can be scoped to; empty when it only
	// supports Resource "*".
	ResourceTypes []ResourceTypeRef
	// ConditionKeys that apply to the action whatever the resource.
	ConditionKeys []string
}

// FullName returns the name as written in a policy, e.g. "s3:GetObject".
func (a *Action) FullName() string { return a.Service + ":" + a.Name }

// ResourceTypeRef is an action's use of a resource type.
type ResourceTypeRef struct {
	Name     string // the resource type's name in the same service
	Required bool   // AWS marks the type as required for the action
	// ConditionKeys that apply when the action targets this type.
	ConditionKeys []string
}

// ResourceType is a kind of resource a service defines, such as the S3
// "object" type.
type ResourceType struct {
	Service string // the service prefix
	Name    string
	// ARNTemplates use ${Placeholder} for variable parts, e.g.
	// "arn:${Partition}:s3:::${BucketName}/${ObjectName}".
	ARNTemplates []string
	// ConditionKeys that apply to resources of this type.
	ConditionKeys []string

	templates []template // compiled lazily, see arn.go
}
