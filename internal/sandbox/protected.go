package sandbox

import (
	"strings"

	"github.com/iamlab/iamlab/internal/arn"
	"github.com/iamlab/iamlab/internal/eval"
)

// Resources AWS keeps for itself. No policy a customer writes can let a
// customer change them: AWS refuses the call whatever the policies say, so
// the rule decides as firmly as an explicit deny.

// awsManagedPolicyActions change a managed policy or its versions and tags.
var awsManagedPolicyActions = map[string]string{
	"iam:createpolicy":            "create",
	"iam:createpolicyversion":     "add a version to",
	"iam:deletepolicy":            "delete",
	"iam:deletepolicyversion":     "delete a version of",
	"iam:setdefaultpolicyversion": "set the default version of",
	"iam:tagpolicy":               "tag",
	"iam:untagpolicy":             "untag",
}

// awsManagedPolicy: "You cannot change the permissions defined in AWS
// managed policies" (AWS Managed Policy reference, "What are AWS managed
// policies?"); AWS creates, versions and retires them. Their ARNs carry the
// account "aws": arn:aws:iam::aws:policy/….
func awsManagedPolicy(res *resource, action string) (RuleResult, eval.Decision) {
	rr := RuleResult{Rule: "aws-managed-policy"}
	verb, guarded := awsManagedPolicyActions[action]
	if !guarded || !isAWSManagedPolicyARN(res.arn) {
		return rr, ""
	}
	rr.Applies, rr.Denies = true, true
	rr.Reason = res.arn + " is an AWS managed policy: only AWS can " + verb + " it, so no policy can allow a customer to; copy it into a customer managed policy to change it"
	return rr, eval.ExplicitDeny
}

func isAWSManagedPolicyARN(s string) bool {
	parts, ok := arn.Split(s)
	return ok && parts[2] == "iam" && parts[4] == "aws" && strings.HasPrefix(parts[5], "policy/")
}

// protectedRoleActions change a role, its policies, trust or boundary, or
// delete it. Editing the description (iam:UpdateRoleDescription, and
// UpdateRole, which also carries the description) stays open: the IAM User
// Guide, "Update a service-linked role", says "You can edit the description
// of any role".
var protectedRoleActions = map[string]string{
	"iam:deleterole":                    "delete it",
	"iam:putrolepolicy":                 "add an inline policy to it",
	"iam:deleterolepolicy":              "remove an inline policy from it",
	"iam:attachrolepolicy":              "attach a policy to it",
	"iam:detachrolepolicy":              "detach a policy from it",
	"iam:updateassumerolepolicy":        "change its trust policy",
	"iam:putrolepermissionsboundary":    "set its permissions boundary",
	"iam:deleterolepermissionsboundary": "remove its permissions boundary",
	"iam:tagrole":                       "tag it",
	"iam:untagrole":                     "untag it",
}

// protectedRole: roles under /aws-service-role/ are service-linked roles,
// and roles under /aws-reserved/ are created by a service for its own use
// (IAM Identity Center's permission-set roles, which its service-linked
// role's policy AWSSSOServiceRolePolicy provisions). IAM's API answers
// UnmodifiableEntity: "service-linked roles are protected AWS resources.
// Only the service that depends on the service-linked role can modify or
// delete the role on your behalf" (IAM API Reference, errors of
// UpdateRoleDescription and DeleteServiceLinkedRole's siblings). iamlab
// treats /aws-reserved/ roles the same way: the documentation does not say
// it in so many words, but only their service changes them.
func protectedRole(res *resource, action string) (RuleResult, eval.Decision) {
	rr := RuleResult{Rule: "protected-role"}
	what, guarded := protectedRoleActions[action]
	path := protectedRolePath(res.arn)
	if !guarded || path == "" {
		return rr, ""
	}
	rr.Applies, rr.Denies = true, true
	owner := "a service-linked role: only the service it is linked to can"
	if path == "/aws-reserved/" {
		owner = "a role AWS reserves for a service (path /aws-reserved/): only that service can"
	}
	rr.Reason = res.arn + " is " + owner + " " + what + ", so no policy can allow a customer to"
	return rr, eval.ExplicitDeny
}

// protectedRolePath is "/aws-service-role/" or "/aws-reserved/" for a role
// ARN under either path, otherwise "".
func protectedRolePath(s string) string {
	parts, ok := arn.Split(s)
	if !ok || parts[2] != "iam" {
		return ""
	}
	switch {
	case strings.HasPrefix(parts[5], "role/aws-service-role/"):
		return "/aws-service-role/"
	case strings.HasPrefix(parts[5], "role/aws-reserved/"):
		return "/aws-reserved/"
	}
	return ""
}

// kmsAliasActions create, repoint or delete an alias.
var kmsAliasActions = map[string]string{
	"kms:createalias": "create",
	"kms:updatealias": "repoint",
	"kms:deletealias": "delete",
}

// awsReservedAlias: "The alias name for a customer managed key cannot begin
// with alias/aws/. The alias/aws/ prefix is reserved for AWS managed key."
// and "You cannot manage aliases for AWS managed keys or AWS owned keys"
// (AWS KMS Developer Guide, "Create aliases").
func awsReservedAlias(res *resource, action string) (RuleResult, eval.Decision) {
	rr := RuleResult{Rule: "kms-aws-alias"}
	verb, guarded := kmsAliasActions[action]
	if !guarded {
		return rr, ""
	}
	alias := ""
	if i := strings.Index(res.arn, ":alias/"); i >= 0 {
		alias = res.arn[i+1:]
	} else if res.key != nil {
		alias = res.key.Alias
	}
	switch {
	case strings.HasPrefix(alias, "alias/aws/"):
		rr.Reason = alias + " is under alias/aws/, which AWS reserves for its AWS managed keys: a customer cannot " + verb + " such an alias, so no policy can allow it"
	case res.key != nil && res.key.AWSManaged:
		rr.Reason = "key " + res.name + " is an AWS managed key: its aliases are AWS's to manage, so a customer cannot " + verb + " one, whatever the policies say"
	default:
		if alias != "" {
			rr.Reason = alias + " is an ordinary alias: the key policy and IAM policies decide"
		} else {
			rr.Reason = "the alias is an ordinary one: the key policy and IAM policies decide"
		}
		return rr, ""
	}
	rr.Applies, rr.Denies = true, true
	return rr, eval.ExplicitDeny
}
