package curriculum

// Need is the kind of material a priority topic must have before it counts
// as served.
type Need string

const (
	// NeedFull asks for a lesson, a build or predict scenario and a quiz item.
	NeedFull Need = "lesson, build or predict scenario, quiz item"
	// NeedBuild asks for a build scenario: the topic is taught already, but
	// only as predict or choose.
	NeedBuild Need = "build scenario"
)

// Priority is an area the exams test that the library set out to teach
// (issue 13, "Teach what the exams test and the library does not yet"):
// `iamlab check --coverage` reports each of its topics as served or not.
type Priority struct {
	Title  string
	Need   Need
	Topics []string
}

var priorities = []Priority{
	{"KMS in depth", NeedFull, []string{"kms-key-policy", "kms-grants", "kms-encryption-context", "kms-via-service", "kms-multi-region", "sse-kms-decrypt"}},
	{"S3 beyond bucket policies", NeedFull, []string{"s3-acls", "s3-access-points", "s3-access-grants", "s3-object-lock", "cloudfront-oac", "s3-signature-age"}},
	{"Workload credentials", NeedFull, []string{"imds-v2", "ec2-credential-conditions", "eks-pod-identity", "function-url-api-auth"}},
	{"Data perimeters", NeedFull, []string{"resource-org-conditions", "service-principal-conditions", "via-aws-service", "data-perimeter-design"}},
	{"IAM Identity Center, tagging and RAM sharing", NeedFull, []string{"permission-sets", "identity-center-admin", "identity-center-abac", "tagging-and-ram"}},
	{"Access Analyzer and credential hygiene", NeedFull, []string{"access-analyzer", "access-analyzer-unused", "policy-validation", "credential-hygiene"}},
	{"Generative-AI workloads (Amazon Bedrock)", NeedFull, []string{"bedrock-model-access", "bedrock-agent-roles", "bedrock-guardrails"}},
	{"Build versions of choose/predict-only topics", NeedBuild, []string{"choose-policy-type", "mfa-delete"}},
}

// Priorities lists the areas to teach, in the order the issue gives them.
func Priorities() []Priority {
	out := make([]Priority, len(priorities))
	for i, p := range priorities {
		out[i] = p
		out[i].Topics = append([]string(nil), p.Topics...)
	}
	return out
}
