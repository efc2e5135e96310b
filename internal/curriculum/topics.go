package curriculum

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/iamlab/iamlab/internal/suggest"
)

// Tier says how deep a topic goes.
type Tier string

const (
	Foundation   Tier = "F" // associate level
	Intermediate Tier = "I"
	Advanced     Tier = "A" // specialty level
)

// Group is one of the themes (A–Q) the topics are arranged in.
type Group struct {
	Letter string
	Title  string
}

// Topic is a knowledge component: the unit the spaced-repetition schedule and
// the mastery estimate work on. Scenarios and quiz items carry 1–3 topic IDs.
type Topic struct {
	ID      string // stable kebab-case, e.g. "explicit-deny"
	Number  int    // row in the curriculum checklist, from 1
	Group   Group
	Tier    Tier
	Title   string
	TaskIDs []string // canonical task IDs the topic serves
}

// Tasks resolves the topic's task IDs.
func (t Topic) Tasks() []Task {
	out := make([]Task, 0, len(t.TaskIDs))
	for _, id := range t.TaskIDs {
		out = append(out, taskIndex()[id])
	}
	return out
}

// TasksFor returns the topic's tasks on one exam.
func (t Topic) TasksFor(examID string) []Task {
	var out []Task
	for _, tk := range t.Tasks() {
		if tk.Exam == examID {
			out = append(out, tk)
		}
	}
	return out
}

var groups = sync.OnceValue(func() map[string]Group {
	return map[string]Group{
		"A": {"A", "How a request is evaluated"},
		"B": {"B", "Identities, credentials and workload roles"},
		"C": {"C", "STS, roles and trust"},
		"D": {"D", "Access across accounts"},
		"E": {"E", "Organization guardrails: SCPs and RCPs"},
		"F": {"F", "Permissions boundaries and delegation"},
		"G": {"G", "Resource policies and S3 details"},
		"H": {"H", "Federation, Cognito and web identity"},
		"I": {"I", "Attribute-based access control"},
		"J": {"J", "Troubleshooting, analysis and escalation"},
		"K": {"K", "KMS in depth"},
		"L": {"L", "S3 beyond bucket policies"},
		"M": {"M", "Workload credentials"},
		"N": {"N", "Data perimeters"},
		"O": {"O", "IAM Identity Center, tagging and sharing"},
		"P": {"P", "Access Analyzer and credential hygiene"},
		"Q": {"Q", "Generative-AI workloads"},
	}
})

// Groups lists the groups in letter order.
func Groups() []Group {
	out := make([]Group, 0, len(groups()))
	for _, g := range groups() {
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Letter < out[j].Letter })
	return out
}

// Shorthands used in the table below; expanded to canonical IDs.
const (
	saa = "SAA-C03:"
	c02 = "SCS-C02:"
	c03 = "SCS-C03:"
)

func topic(n int, id, group string, tier Tier, title string, maps ...string) Topic {
	return Topic{ID: id, Number: n, Group: groups()[group], Tier: tier, Title: title, TaskIDs: maps}
}

// topics follows the checklist order; the number is the row, the ID is the
// stable key stored in learners' databases.
var topics = sync.OnceValue(func() []Topic {
	return []Topic{
		topic(1, "implicit-deny", "A", Foundation, "Nothing is allowed until some policy allows it; allows add up", saa+"1.1", c02+"4.2", c03+"4.2.3"),
		topic(2, "explicit-deny", "A", Foundation, "A matching Deny beats every Allow", saa+"1.1", c02+"4.2", c03+"4.2.4"),
		topic(3, "notaction", "A", Intermediate, "NotAction and NotResource grant more than they seem to", c02+"4.2", c03+"4.2.3"),
		topic(4, "mfa-ifexists", "A", Intermediate, "Requiring MFA, and what IfExists does when the key is missing", saa+"1.1", c02+"4.1", c03+"4.1.1"),
		topic(5, "bucket-vs-object-arn", "A", Foundation, "Bucket actions need the bucket ARN, object actions need bucket/*", saa+"1.1", c02+"4.2", c03+"4.2.3"),
		topic(6, "arn-wildcards", "A", Foundation, "Wildcards in ARNs match more than intended", saa+"1.1", c03+"4.2.3"),
		topic(7, "policy-variables", "A", Intermediate, "Policy variables such as ${aws:username} for per-user scopes", saa+"1.1", c02+"4.2", c03+"4.2.2", c03+"4.2.3"),
		topic(8, "set-operators", "A", Advanced, "ForAllValues and ForAnyValue, missing keys and vacuous truth", c02+"4.2", c03+"4.2.4"),
		topic(9, "string-conditions", "A", Advanced, "String operators and wildcards on values an attacker controls", c02+"4.2", c03+"4.2.5"),

		topic(10, "workload-roles", "B", Foundation, "Roles and instance profiles instead of stored access keys", saa+"1.1", saa+"1.2", c02+"3.3", c02+"4.1", c03+"4.1.2", c03+"3.2"),
		topic(11, "execution-role-vs-resource-policy", "B", Intermediate, "A function's own role versus who may invoke it", saa+"1.2", c02+"3.3", c02+"4.2", c03+"4.2.1", c03+"3.2"),
		topic(12, "passrole", "B", Intermediate, "Scoping iam:PassRole to stop privilege escalation", c02+"4.2", c03+"4.2.3"),
		topic(13, "root-user", "B", Foundation, "Protecting and rarely using the root user", saa+"1.1", c02+"6.1", c03+"6.1.5"),
		topic(14, "groups-and-roles", "B", Foundation, "Groups, roles and managed policies instead of per-user inline policies", saa+"1.1", c02+"4.2", c03+"4.2.2"),
		topic(15, "credential-revocation", "B", Intermediate, "Deactivating leaked keys and revoking sessions already issued", c02+"1.1", c02+"4.1", c03+"4.1.3", c03+"2.2.4"),

		topic(16, "trust-policy", "C", Intermediate, "Assuming a role needs the trust policy as well as the caller's permission", saa+"1.1", c02+"4.1", c03+"4.2.1"),
		topic(17, "role-chaining", "C", Intermediate, "Role chaining caps the session at one hour", c02+"4.1", c03+"4.1.2"),
		topic(18, "external-id", "C", Intermediate, "External IDs against the confused deputy", saa+"1.1", c02+"4.2", c03+"4.2.1"),
		topic(19, "session-policies", "C", Advanced, "Session policies narrow a role to the intersection", c02+"4.2", c03+"4.2.3"),

		topic(20, "cross-account-both-sides", "D", Intermediate, "Cross-account access needs both the resource policy and the caller's policy", saa+"1.1", c02+"4.2", c03+"4.2.1"),
		topic(21, "role-vs-resource-policy", "D", Intermediate, "Switching roles drops your own permissions; resource policies keep them", saa+"1.1", c02+"4.2", c03+"4.2.1"),
		topic(22, "s3-object-ownership", "D", Intermediate, "Who owns objects another account uploads", saa+"1.3", c02+"5.2", c03+"5.2"),
		topic(23, "kms-cross-account", "D", Advanced, "Cross-account use of a KMS key needs the key policy too", saa+"1.3", c02+"5.4", c03+"4.2.1", c03+"5.3"),
		topic(24, "principal-org-id", "D", Intermediate, "Sharing with a whole organization through aws:PrincipalOrgID", saa+"1.1", c02+"6.1", c03+"4.2.1", c03+"6.1.1"),

		topic(25, "scp-regions", "E", Intermediate, "Region restriction SCPs and the global services they must spare", saa+"1.1", c02+"6.1", c03+"6.1.3"),
		topic(26, "scp-never-grants", "E", Foundation, "SCPs only limit; something else must still allow", saa+"1.1", c02+"6.1", c03+"6.1.3"),
		topic(27, "scp-scope", "E", Intermediate, "Whom SCPs apply to: management account, member root, service-linked roles", c02+"6.1", c03+"6.1.3"),
		topic(28, "protective-scp", "E", Intermediate, "Guardrail SCPs with an exception for a break-glass role", c02+"6.1", c03+"6.1.3", c03+"2.1.2"),
		topic(29, "rcp-data-perimeter", "E", Advanced, "Resource control policies for a data perimeter, compared with SCPs", c03+"6.1.3", c03+"4.2.1"),

		topic(30, "permissions-boundary", "F", Intermediate, "A boundary caps identity permissions to the intersection", saa+"1.1", c02+"4.2", c03+"4.2.3"),
		topic(31, "boundary-delegation", "F", Advanced, "Delegating role creation only with the approved boundary attached", c02+"4.2", c03+"4.2.3"),
		topic(32, "boundary-resource-policy", "F", Advanced, "How boundaries interact with same-account resource policies", c02+"4.2", c03+"4.2.4"),
		topic(33, "choose-policy-type", "F", Advanced, "SCP, boundary or session policy: picking the right tool", c02+"4.2", c03+"4.2.3", c03+"6.1.3"),

		topic(34, "block-public-access", "G", Foundation, "Block Public Access overrides public bucket policies and ACLs", saa+"1.3", c02+"5.2", c03+"5.2"),
		topic(35, "mfa-delete", "G", Intermediate, "MFA Delete on versioned buckets and who can turn it on", saa+"1.3", c02+"5.2", c03+"5.2"),
		topic(36, "secure-transport", "G", Foundation, "Denying requests that do not use TLS", saa+"1.3", c02+"5.1", c03+"5.1"),
		topic(37, "vpc-endpoint-policies", "G", Intermediate, "aws:SourceVpce conditions and VPC endpoint policies", saa+"1.2", c02+"3.2", c03+"3.3", c03+"5.1"),
		topic(38, "presigned-urls", "G", Intermediate, "Presigned URLs carry, and expire with, the signer's credentials", saa+"1.2", c03+"4.1.2"),
		topic(39, "public-principal", "G", Foundation, "Principal \"*\" and mismatched action and resource scopes", saa+"1.1", c02+"5.2", c03+"4.2.5", c03+"5.2"),

		topic(40, "cognito-identity-pools", "H", Intermediate, "Guest and signed-in roles of Cognito identity pools", saa+"1.2", c02+"4.1", c03+"4.1.1"),
		topic(41, "web-identity-trust", "H", Advanced, "Web identity trust needs both the audience and the amr condition", c02+"4.1", c03+"4.2.1"),
		topic(42, "oidc-subject", "H", Advanced, "OIDC trust for CI must pin the subject claim", c02+"4.1", c03+"4.1.1", c03+"4.2.1"),
		topic(43, "identity-center-federation", "H", Foundation, "Directory federation and IAM Identity Center permission sets", saa+"1.1", c02+"4.1", c03+"4.1.1", c03+"4.1.3"),

		topic(44, "abac-tags", "I", Advanced, "ABAC with principal and resource tags, and guarding tag changes", c02+"4.2", c03+"4.2.2", c03+"6.2.2"),

		topic(45, "access-denied-analysis", "J", Intermediate, "Reading AccessDenied messages and CloudTrail to find the deciding policy", c02+"4.1", c02+"4.2", c03+"4.1.3", c03+"4.2.4", c03+"1.2", c03+"2.2.2"),
		topic(46, "access-analyzer", "J", Intermediate, "Access Analyzer findings and policies generated from activity", c02+"4.2", c02+"6.3", c03+"4.2.5"),
		topic(47, "policy-version-escalation", "J", Advanced, "Escalation through policy versions and other IAM write actions", c02+"4.2", c03+"4.2.5"),
		topic(48, "kms-key-policy", "J", Advanced, "The key policy decides KMS access; grants delegate temporarily", saa+"1.3", c02+"5.4", c03+"4.2.1", c03+"5.3"),

		// Topics 49–77 are what the exams test and the library did not teach
		// yet (issue 13, "Teach"); Priorities lists them by area.
		topic(49, "kms-grants", "K", Advanced, "KMS grants, their operations and grant constraints", c02+"5.4", c03+"5.3"),
		topic(50, "kms-encryption-context", "K", Advanced, "Encryption context conditions on KMS requests", c02+"5.4", c03+"5.2", c03+"5.3"),
		topic(51, "kms-via-service", "K", Advanced, "Key policies for service integrations: kms:ViaService and kms:CallerAccount", c02+"5.4", c03+"5.3", c03+"4.2.3"),
		topic(52, "kms-multi-region", "K", Advanced, "Multi-Region keys: shared key material, separate key policies", c02+"5.4", c03+"5.3"),
		topic(53, "sse-kms-decrypt", "K", Intermediate, "SSE-KMS reads need kms:Decrypt as well as s3:GetObject", saa+"1.3", c02+"5.2", c03+"5.2", c03+"4.2.4"),

		topic(54, "s3-acls", "L", Intermediate, "Object Ownership and ACLs as an evaluated layer, not only stored", saa+"1.3", c02+"5.2", c03+"5.2"),
		topic(55, "s3-access-points", "L", Intermediate, "Access points and their policies, delegated from the bucket", saa+"1.3", c02+"5.2", c03+"5.2", c03+"4.2.1"),
		topic(56, "s3-access-grants", "L", Advanced, "S3 Access Grants for directory identities and prefixes", c03+"5.2", c03+"4.2.1"),
		topic(57, "s3-object-lock", "L", Intermediate, "Object Lock: governance mode can be bypassed with permission, compliance mode cannot", saa+"1.3", c02+"5.2", c03+"5.2"),
		topic(58, "cloudfront-oac", "L", Intermediate, "CloudFront origin access control and the bucket policy it needs", saa+"1.2", c02+"5.2", c03+"3.1", c03+"5.2"),
		topic(59, "s3-signature-age", "L", Advanced, "s3:signatureAge and the limits of presigned URLs", c03+"4.1.2", c03+"5.2"),

		topic(60, "imds-v2", "M", Intermediate, "IMDSv2, the hop limit and stolen instance credentials", saa+"1.2", c02+"3.3", c03+"3.2"),
		topic(61, "ec2-credential-conditions", "M", Advanced, "aws:EC2InstanceSourceVPC, aws:EC2InstanceSourcePrivateIPv4 and ec2:SourceInstanceARN", c02+"3.3", c03+"3.2", c03+"4.2.3"),
		topic(62, "eks-pod-identity", "M", Advanced, "EKS Pod Identity versus IAM roles for service accounts", c02+"3.3", c03+"3.2", c03+"4.1.2"),
		topic(63, "function-url-api-auth", "M", Intermediate, "Lambda function URLs and API Gateway resource policies with IAM authorization", saa+"1.2", c02+"3.3", c03+"3.1", c03+"4.2.1"),

		topic(64, "resource-org-conditions", "N", Advanced, "aws:ResourceOrgID and aws:ResourceOrgPaths keep identities inside the perimeter", c02+"6.1", c03+"6.1.3", c03+"4.2.1"),
		topic(65, "service-principal-conditions", "N", Advanced, "aws:SourceAccount, aws:SourceArn and aws:SourceOrgID for service principals", c02+"4.2", c03+"4.2.1", c03+"6.1.3"),
		topic(66, "via-aws-service", "N", Advanced, "aws:PrincipalIsAWSService and aws:ViaAWSService exceptions in perimeter policies", c02+"6.1", c03+"6.1.3"),
		topic(67, "data-perimeter-design", "N", Advanced, "Identity, resource and network perimeters across SCPs, RCPs and VPC endpoint policies", c02+"6.1", c03+"6.1.3", c03+"3.3"),

		topic(68, "permission-sets", "O", Intermediate, "Permission sets, the roles they create and their session duration", saa+"1.1", c02+"4.1", c03+"4.1.1", c03+"4.1.3"),
		topic(69, "identity-center-admin", "O", Intermediate, "Delegated administration of IAM Identity Center and of security services", c02+"6.1", c03+"6.1.4"),
		topic(70, "identity-center-abac", "O", Advanced, "Attributes for access control from the identity source", c02+"4.2", c03+"4.2.2"),
		topic(71, "tagging-and-ram", "O", Intermediate, "Tag policies and sharing resources with AWS RAM", c02+"6.2", c03+"6.2.2", c03+"6.2.4"),

		topic(72, "access-analyzer-unused", "P", Intermediate, "Unused and internal access findings, and acting on them", c02+"6.3", c03+"4.2.5"),
		topic(73, "policy-validation", "P", Intermediate, "Policy validation, custom policy checks and policy generation", c02+"4.2", c03+"4.2.3", c03+"4.2.4"),
		topic(74, "credential-hygiene", "P", Foundation, "Credential report, password policy and access-key rotation", saa+"1.1", c02+"4.1", c03+"4.1.1", c03+"4.2.5"),

		topic(75, "bedrock-model-access", "Q", Intermediate, "IAM for Amazon Bedrock model invocation and model access", c03+"4.2.3", c03+"3.2"),
		topic(76, "bedrock-agent-roles", "Q", Advanced, "Service roles of Bedrock agents and the PassRole they need", c03+"4.2.1", c03+"3.2"),
		topic(77, "bedrock-guardrails", "Q", Advanced, "Enforcing Bedrock guardrails with the bedrock:GuardrailIdentifier condition", c03+"4.2.3", c03+"3.2"),
	}
})

var topicIndex = sync.OnceValue(func() map[string]Topic {
	m := make(map[string]Topic, len(topics()))
	for _, t := range topics() {
		m[t.ID] = t
	}
	return m
})

// Topics lists all topics in checklist order.
func Topics() []Topic {
	out := make([]Topic, len(topics()))
	copy(out, topics())
	return out
}

// TopicByID finds a topic by its stable ID.
func TopicByID(id string) (Topic, bool) {
	t, ok := topicIndex()[id]
	return t, ok
}

// ParseTopicID checks a topic ID an author or a learner typed and, when it
// is unknown, suggests the closest known IDs: a typo ("explicit-denial"),
// or a part of an ID ("boundary").
func ParseTopicID(s string) (Topic, error) {
	id := strings.ToLower(strings.TrimSpace(s))
	if t, ok := topicIndex()[id]; ok {
		return t, nil
	}
	if near := nearTopics(id); len(near) > 0 {
		return Topic{}, fmt.Errorf("unknown topic %q; did you mean %s? (iamlab topics lists them all)", s, strings.Join(near, " or "))
	}
	return Topic{}, fmt.Errorf("unknown topic %q: topic IDs are the kebab-case names that iamlab topics lists, e.g. %q", s, "explicit-deny")
}

// nearTopics are the IDs a mistyped one most probably meant: the closest by
// edit distance, then IDs that contain it or that it contains, at most three.
func nearTopics(id string) []string {
	var near []string
	add := func(c string) {
		if len(near) < 3 && !slices.Contains(near, c) {
			near = append(near, c)
		}
	}
	ids := make([]string, len(topics()))
	for i, t := range topics() {
		ids[i] = t.ID
	}
	if c, ok := suggest.Closest(id, ids); ok {
		add(c)
	}
	if id == "" {
		return near
	}
	for _, t := range topics() {
		if strings.Contains(t.ID, id) || (len(id) >= 4 && strings.Contains(id, t.ID)) {
			add(t.ID)
		}
	}
	return near
}

// TopicsForExam returns the topics serving at least one task of the exam.
func TopicsForExam(examID string) []Topic {
	var out []Topic
	for _, t := range topics() {
		if len(t.TasksFor(examID)) > 0 {
			out = append(out, t)
		}
	}
	return out
}
