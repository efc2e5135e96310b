package sandbox

import "strings"

// Document ids are built here and only here, one constructor per kind of
// document, so the scheme on Document is written once: the loaders, the
// world format and the screens that address a document all call these.

// CustomerPolicyID names a customer managed policy of an account.
func CustomerPolicyID(account, name string) string { return "policy:" + account + "/" + name }

// AWSPolicyID names an AWS managed policy.
func AWSPolicyID(name string) string { return "aws:" + name }

// InlinePolicyID names an inline policy of a user, group or role (kind
// "user", "group" or "role") in an account.
func InlinePolicyID(account, kind, owner, name string) string {
	return "inline:" + account + "/" + kind + "/" + owner + "/" + name
}

// TrustPolicyID names a role's trust policy.
func TrustPolicyID(account, role string) string { return "trust:" + account + "/" + role }

// BucketPolicyID names a bucket policy; bucket names are global.
func BucketPolicyID(bucket string) string { return "bucket-policy:" + bucket }

// KeyPolicyID names a KMS key policy by the key's id.
func KeyPolicyID(account, keyID string) string { return "key-policy:" + account + "/" + keyID }

// TablePolicyID names a DynamoDB table's resource policy.
func TablePolicyID(account, table string) string { return "table-policy:" + account + "/" + table }

// QueuePolicyID names an SQS queue policy.
func QueuePolicyID(account, queue string) string { return "queue-policy:" + account + "/" + queue }

// TopicPolicyID names an SNS topic policy.
func TopicPolicyID(account, topic string) string { return "topic-policy:" + account + "/" + topic }

// FunctionPolicyID names a Lambda function policy.
func FunctionPolicyID(account, function string) string {
	return "function-policy:" + account + "/" + function
}

// SecretPolicyID names a Secrets Manager secret's resource policy.
func SecretPolicyID(account, secret string) string { return "secret-policy:" + account + "/" + secret }

// EndpointPolicyID names a VPC endpoint policy by the endpoint's id.
func EndpointPolicyID(endpoint string) string { return "endpoint-policy:" + endpoint }

// SCPID names a service control policy of the organization.
func SCPID(name string) string { return "scp:" + name }

// RCPID names a resource control policy of the organization.
func RCPID(name string) string { return "rcp:" + name }

// SessionPolicyID names a session policy a call may pass.
func SessionPolicyID(name string) string { return "session:" + name }

// AttachmentID is the document an attachment in an account names: a full
// document id as it is, else the account's customer managed policy of
// that name if there is one (its ARN is the one attached), else the AWS
// managed policy of that name.
func (w *World) AttachmentID(account, name string) string {
	if strings.Contains(name, ":") {
		return name
	}
	if id := CustomerPolicyID(account, name); w.hasDoc(id) {
		return id
	}
	return AWSPolicyID(name)
}

func (w *World) hasDoc(id string) bool {
	_, ok := w.docs[id]
	return ok
}
