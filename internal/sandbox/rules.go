package sandbox

import (
	"strings"

	"github.com/iamlab/iamlab/internal/eval"
)

// applyRules runs the service rules that are not IAM policies but decide
// requests all the same. Every rule considered for the call is recorded,
// whether it applies or not, so the trace can show it.
//
// Sources: Amazon S3 User Guide, "Deleting an object from an MFA
// delete-enabled bucket" and "Configuring MFA delete" (only the bucket
// owner's root user, authenticated with MFA, can permanently delete object
// versions or change the versioning state; requests with x-amz-mfa must use
// HTTPS); Amazon S3 API Reference, PublicAccessBlockConfiguration, and the
// User Guide's "The meaning of public" (RestrictPublicBuckets restricts a
// bucket with a public policy to AWS service principals and authorized users
// of the bucket owner's account; BlockPublicPolicy only rejects new public
// policies); AWS KMS Developer Guide, "Key policies" (a key policy must allow
// access; allowing the account enables IAM policies). The rules for what
// AWS keeps for itself (AWS managed policies, service-linked and reserved
// roles, alias/aws/ aliases) are in protected.go.
func (r *run) applyRules(p *principal, res *resource, h *Hop) {
	action := strings.ToLower(r.call.Action)
	switch {
	case strings.HasPrefix(action, "s3:") && res.bucket != nil:
		r.rule(mfaDelete(p, res, action, r.secure))
		r.rule(blockPublicAccess(r.w, p, res, action, h))
	case strings.HasPrefix(action, "kms:"):
		if _, alias := kmsAliasActions[action]; alias {
			r.rule(awsReservedAlias(res, action))
		}
		if res.key != nil {
			r.rule(keyPolicyTrust(res, h))
		}
	case strings.HasPrefix(action, "iam:"):
		if _, ok := awsManagedPolicyActions[action]; ok {
			r.rule(awsManagedPolicy(res, action))
		}
		if _, ok := protectedRoleActions[action]; ok {
			r.rule(protectedRole(res, action))
		}
	}
}

// rule records a rule and lets it decide when it refuses the request.
// An explicit deny already found by the engine stays the answer: it is
// final whatever a service rule says.
func (r *run) rule(rr RuleResult, d eval.Decision) {
	r.out.Rules = append(r.out.Rules, rr)
	if !rr.Denies || r.out.Decision == eval.ExplicitDeny {
		return
	}
	r.out.Decision, r.out.DecidedBy, r.out.Reason = d, LayerServiceRule, rr.Reason
}

// mfaDelete is S3 MFA Delete.
func mfaDelete(p *principal, res *resource, action string, secure bool) (RuleResult, eval.Decision) {
	rr := RuleResult{Rule: "s3-mfa-delete"}
	b := res.bucket
	guarded := action == "s3:deleteobjectversion" || action == "s3:putbucketversioning"
	switch {
	case !b.MFADelete:
		rr.Reason = "MFA Delete is not enabled on bucket " + b.Name
		return rr, ""
	case !guarded:
		rr.Reason = "MFA Delete on bucket " + b.Name + " guards only permanently deleting an object version (s3:DeleteObjectVersion) and changing the versioning state (s3:PutBucketVersioning)"
		return rr, ""
	}
	rr.Applies = true
	what := "permanently delete an object version"
	if action == "s3:putbucketversioning" {
		what = "change the versioning state"
	}
	owner := p.kind == eval.RootUser && p.acct != nil && res.acct != nil && p.acct.ID == res.acct.ID
	switch {
	case !owner:
		rr.Denies = true
		rr.Reason = "bucket " + b.Name + " has MFA Delete enabled: only the bucket owner's root user, authenticated with MFA, can " + what + "; " + p.label + " is not the root user of account " + res.acct.label() + ", so no policy can allow it"
	case !p.mfa:
		rr.Denies = true
		rr.Reason = "bucket " + b.Name + " has MFA Delete enabled: the root user must include an MFA code (the x-amz-mfa header) to " + what + ", and this request carries none"
	case !secure:
		rr.Denies = true
		rr.Reason = "bucket " + b.Name + " has MFA Delete enabled: a request with an MFA code (x-amz-mfa) must use HTTPS, and this one does not"
	default:
		rr.Reason = "bucket " + b.Name + " has MFA Delete enabled, and the bucket owner's root user signs this request with MFA over HTTPS"
	}
	return rr, eval.ExplicitDeny
}

// blockPublicAccess is S3 Block Public Access as it affects a request:
// RestrictPublicBuckets makes a public bucket policy's grants ineffective
// for anyone outside the bucket owner's account (anonymous and cross-account
// callers) except AWS service principals.
func blockPublicAccess(w *World, p *principal, res *resource, action string, h *Hop) (RuleResult, eval.Decision) {
	rr := RuleResult{Rule: "s3-block-public-access"}
	b := res.bucket
	eff := effectiveBPA(b.BlockPublicAccess, res.acct.BlockPublicAccess)
	var pol *eval.Policy
	if d, ok := w.docs[res.policyID]; ok {
		pol = d.Policy
	}
	public, why := policyIsPublic(pol)
	switch {
	case action == "s3:putbucketpolicy" && eff.BlockPublicPolicy:
		rr.Reason = "BlockPublicPolicy is on for bucket " + b.Name + ": S3 would reject this PutBucketPolicy if the new policy were public (it does not affect the policy in place)"
		return rr, ""
	case !public:
		rr.Reason = "the policy of bucket " + b.Name + " is not public, so Block Public Access has nothing to block"
		if pol == nil {
			rr.Reason = "bucket " + b.Name + " has no bucket policy, so Block Public Access has nothing to block"
		}
		return rr, ""
	case !eff.RestrictPublicBuckets:
		rr.Reason = "the policy of bucket " + b.Name + " is public (" + why + "), and RestrictPublicBuckets is off for the bucket and account " + res.acct.label() + ", so its public grants work"
		return rr, ""
	}
	rr.Applies = true
	outsider := p.kind == eval.Anonymous || (p.acct != nil && p.acct.ID != res.acct.ID) || (p.acct == nil && p.kind != eval.ServiceCaller)
	grantedByBucket := h.Result.Decision == eval.Allowed && h.Result.DecidedBy == eval.LayerResource
	switch {
	case !outsider:
		rr.Reason = "RestrictPublicBuckets is on and the bucket policy is public (" + why + "), but " + p.label + " is an AWS service principal or in the bucket owner's account, which it still lets in"
	case !grantedByBucket:
		rr.Reason = "RestrictPublicBuckets is on and the bucket policy is public (" + why + "); the request is not allowed by the bucket policy anyway"
	default:
		rr.Denies = true
		rr.Reason = "S3 Block Public Access: RestrictPublicBuckets is on and the policy of bucket " + b.Name + " is public (" + why + "), so S3 ignores its grants to anyone outside account " + res.acct.label() + " but AWS services; the bucket policy's Allow for " + p.label + " does not count"
	}
	return rr, eval.ImplicitDeny
}

func effectiveBPA(a, b PublicAccessBlock) PublicAccessBlock {
	return PublicAccessBlock{
		BlockPublicAcls:       a.BlockPublicAcls || b.BlockPublicAcls,
		IgnorePublicAcls:      a.IgnorePublicAcls || b.IgnorePublicAcls,
		BlockPublicPolicy:     a.BlockPublicPolicy || b.BlockPublicPolicy,
		RestrictPublicBuckets: a.RestrictPublicBuckets || b.RestrictPublicBuckets,
	}
}

// keyPolicyTrust explains the KMS rule: the key policy decides, and it is
// also what lets IAM policies take part.
func keyPolicyTrust(res *resource, h *Hop) (RuleResult, eval.Decision) {
	rr := RuleResult{Rule: "kms-key-policy", Applies: true}
	if h.Result.DecidedBy == eval.LayerResource && h.Result.Decision == eval.ImplicitDeny {
		rr.Reason = "a KMS key is reachable only through its key policy: it must allow the caller, or allow the account (arn:aws:iam::" + res.acct.ID + ":root), which is what enables IAM policies for the key; an IAM policy alone is never enough"
		// The engine's decision already says so; the rule explains it.
		return rr, ""
	}
	rr.Reason = "the key policy of key " + res.name + " was consulted: it must allow the caller directly, or allow the account so that IAM policies can grant access"
	return rr, ""
}
