package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/iamlab/iamlab/internal/arn"
	"github.com/iamlab/iamlab/internal/catalog"
	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/wildcard"
)

// The security checks apply only to policy types that grant: an
// "Allow *" in a permissions boundary, session policy, SCP or RCP leaves
// room for other policies rather than giving anything.

// checkAllowNotAction: NotAction with Allow grants every action of every
// service except those listed, including services added later.
func checkAllowNotAction(c *checker, s *eval.Statement) {
	if s.Effect != eval.Allow || !s.NotAction || !grants(c.typ) {
		return
	}
	c.add(CodeAllowNotAction, s.ActionPos,
		fmt.Sprintf("Allow with NotAction allows every action except the %d listed, in every AWS service", len(s.Actions)),
		"list the actions to allow in Action instead, and keep NotAction for Deny; iamlab lint --grants shows how many actions this allows")
}

// checkAllowNotResource: NotResource with Allow grants on every resource
// except those listed, in every account.
func checkAllowNotResource(c *checker, s *eval.Statement) {
	if s.Effect != eval.Allow || !s.NotResource || !grants(c.typ) {
		return
	}
	c.add(CodeAllowNotResource, s.ResourcePos,
		"Allow with NotResource allows the actions on every resource except those listed, in every account",
		"list the resources to allow in Resource instead, and keep NotResource for Deny")
}

// checkAllowAll: Action "*" on Resource "*" is administrator access.
func checkAllowAll(c *checker, s *eval.Statement) {
	if s.Effect != eval.Allow || s.NotAction || s.NotResource || !grants(c.typ) || !slices.ContainsFunc(s.Actions, func(v eval.Value) bool { return everyAction(v.Text) }) || !anyAllStars(s.Resources) {
		return
	}
	msg := "Allow of every action on every resource is full administrator access"
	if len(s.Conditions) > 0 {
		msg += ", limited only by the Condition"
	}
	c.add(CodeAllowAll, s.ActionPos, msg,
		"allow only the actions and resources the task needs; iamlab lint --grants lists what a pattern such as s3:* covers")
}

// checkPassRole: iam:PassRole on every role lets the holder hand any role,
// an administrator's included, to a service and act through it.
func checkPassRole(c *checker, s *eval.Statement) {
	if s.Effect != eval.Allow || s.NotAction || s.NotResource || !grants(c.typ) || !s.HasResource {
		return
	}
	var res *eval.Value
	for i, r := range s.Resources {
		if isAllStars(r.Text) || allRoles(r.Text) {
			res = &s.Resources[i]
			break
		}
	}
	if res == nil {
		return
	}
	for _, a := range s.Actions {
		if everyAction(a.Text) {
			continue // allow-all says it already
		}
		for _, act := range c.expand(a.Text) {
			if act.Service == "iam" && act.Name == "PassRole" {
				what := a.Text + " includes iam:PassRole, and it is"
				if strings.EqualFold(a.Text, "iam:PassRole") {
					what = "iam:PassRole is"
				}
				c.add(CodePassRoleWildcard, a.Pos,
					fmt.Sprintf("%s allowed on %q: every role, administrators' included, can be passed to a service", what, res.Text),
					"limit Resource to the roles to pass, as in arn:aws:iam::111122223333:role/app-*, and add an iam:PassedToService condition")
				return
			}
		}
	}
}

func anyAllStars(vs []eval.Value) bool {
	for _, v := range vs {
		if isAllStars(v.Text) {
			return true
		}
	}
	return false
}

// allRoles: a role ARN whose name part is only a wildcard.
func allRoles(r string) bool {
	f, ok := arn.Split(r)
	if !ok || f[2] != "iam" {
		return false
	}
	return f[5] == "*" || isAllStars(strings.TrimPrefix(f[5], "role/"))
}

// checkAllowServiceAll: "s3:*" on "*" is every action of the service on
// every resource of it: for S3, deleting every bucket and rewriting its
// policy. The AWS Config rule iam-policy-no-statements-with-full-access
// and Control Tower (CT.IAM.PR.3) flag wildcard service actions in
// customer policies for the same reason:
// https://docs.aws.amazon.com/config/latest/developerguide/iam-policy-no-statements-with-full-access.html
// https://docs.aws.amazon.com/controltower/latest/controlreference/iam-rules.html
// "*" on "*" is allow-all's finding; this one names the service. In a
// key policy "*" is the key itself, and AWS's default key policy gives
// the account kms:* on it, so key policies are left out:
// https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
func checkAllowServiceAll(c *checker, s *eval.Statement) {
	if s.Effect != eval.Allow || s.NotAction || s.NotResource || !grants(c.typ) || c.typ == eval.KeyPolicy || !anyAllStars(s.Resources) {
		return
	}
	if slices.ContainsFunc(s.Actions, func(v eval.Value) bool { return everyAction(v.Text) }) {
		return // allow-all says it already
	}
	for _, a := range s.Actions {
		svc, act, ok := arn.SplitAction(a.Text)
		if !ok || !isAllStars(act) || wildcard.HasWildcard(svc) {
			continue
		}
		name := svc
		if sv, ok := catalog.LookupService(svc); ok {
			name = fmt.Sprintf("%s (%d actions)", sv.Name, len(sv.Actions))
		}
		msg := fmt.Sprintf("Allow of %s on every resource is full control of %s", a.Text, name)
		if len(s.Conditions) > 0 {
			msg += ", limited only by the Condition"
		}
		c.add(CodeAllowServiceAll, a.Pos, msg,
			"list the actions the task needs and the ARNs they act on; iamlab lint --grants shows what "+a.Text+" covers")
	}
}

// checkMFADenyWithoutIfExists: aws:MultiFactorAuthPresent is absent from
// requests signed with long-term access keys, and a Bool condition on an
// absent key does not match, so a Deny meant for callers without MFA
// never applies to them. BoolIfExists treats the absent key as a match.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent
// https://repost.aws/knowledge-center/mfa-iam-user-aws-cli
func checkMFADenyWithoutIfExists(c *checker, s *eval.Statement) {
	if s.Effect != eval.Deny {
		return
	}
	for _, cond := range s.Conditions {
		op := cond.Operator
		if op.Base != "Bool" || op.IfExists || op.Set != eval.SetNone || !strings.EqualFold(cond.Key, "aws:MultiFactorAuthPresent") {
			continue
		}
		if !slices.ContainsFunc(cond.Values, func(v eval.Value) bool { return strings.EqualFold(v.Text, "false") }) {
			continue
		}
		c.add(CodeMFADenyNoIfExists, cond.OpPos,
			"this Deny never applies to requests signed with long-term access keys: they carry no aws:MultiFactorAuthPresent, and Bool does not match an absent key",
			`use "BoolIfExists": {"aws:MultiFactorAuthPresent": "false"} so that a request without the key is denied too`)
	}
}
