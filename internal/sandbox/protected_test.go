package sandbox

import (
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
)

// protectedWorld has an administrator and the resources AWS keeps for
// itself: a service-linked role, a reserved role and an AWS managed key.
func protectedWorld(t *testing.T) *World {
	t.Helper()
	w := NewWorld()
	svcTrust := func(svc string) PolicyText {
		return PolicyText{Source: trustJSON(`{"Service":"`+svc+`"}`, "sts:AssumeRole", "")}
	}
	if err := w.AddAccount(&Account{ID: prodID, Name: "Prod",
		Users: []*User{{Name: "admin", Policies: []string{"AdministratorAccess"}}},
		Roles: []*Role{
			{Name: "AWSServiceRoleForElasticLoadBalancing", Path: "/aws-service-role/elasticloadbalancing.amazonaws.com/", Trust: svcTrust("elasticloadbalancing.amazonaws.com")},
			{Name: "AWSReservedSSO_Admin_0123456789abcdef", Path: "/aws-reserved/sso.amazonaws.com/", Trust: svcTrust("sso.amazonaws.com")},
			{Name: "app", Trust: svcTrust("ec2.amazonaws.com")},
		},
		Keys: []*Key{{Alias: "alias/aws/s3", AWSManaged: true}, {Alias: "alias/app"}},
	}); err != nil {
		t.Fatal(err)
	}
	if errs := w.Validate(); len(errs) > 0 {
		t.Fatal(errs)
	}
	return w
}

// TestProtected_AWSManagedPolicies: "You cannot change the permissions
// defined in AWS managed policies" (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/about-managed-policy-reference.html).
func TestProtected_AWSManagedPolicies(t *testing.T) {
	w := protectedWorld(t)
	arn := "arn:aws:iam::aws:policy/AdministratorAccess"
	for _, action := range []string{"iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:TagPolicy", "iam:UntagPolicy", "iam:CreatePolicy"} {
		o := eval1(t, w, Call{As: "user admin", Action: action, Resource: arn})
		expect(t, o, eval.ExplicitDeny, LayerServiceRule)
		if r := findRule(o, "aws-managed-policy"); r == nil || !r.Denies || !strings.Contains(o.Reason, "is an AWS managed policy: only AWS can") {
			t.Errorf("%s: rule %+v, reason %q", action, r, o.Reason)
		}
	}
	// Reading it is the administrator's own business.
	o := eval1(t, w, Call{As: "user admin", Action: "iam:GetPolicy", Resource: arn})
	expect(t, o, eval.Allowed, eval.LayerIdentity)
	// A customer managed policy can be changed.
	o = eval1(t, w, Call{As: "user admin", Action: "iam:CreatePolicyVersion", Resource: "arn:aws:iam::" + prodID + ":policy/Mine"})
	expect(t, o, eval.Allowed, eval.LayerIdentity)
}

// TestProtected_ServiceLinkedAndReservedRoles: IAM answers
// UnmodifiableEntity, "service-linked roles are protected AWS resources.
// Only the service that depends on the service-linked role can modify or
// delete the role on your behalf" (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateRoleDescription.html),
// while "You can edit the description of any role"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-service-linked-role.html).
func TestProtected_ServiceLinkedAndReservedRoles(t *testing.T) {
	w := protectedWorld(t)
	for _, role := range []string{"AWSServiceRoleForElasticLoadBalancing", "AWSReservedSSO_Admin_0123456789abcdef"} {
		for _, action := range []string{"iam:DeleteRole", "iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary", "iam:TagRole"} {
			o := eval1(t, w, Call{As: "user admin", Action: action, Resource: "role " + role})
			expect(t, o, eval.ExplicitDeny, LayerServiceRule)
			if r := findRule(o, "protected-role"); r == nil || !r.Denies {
				t.Errorf("%s %s: rule %+v", action, role, r)
			}
		}
		o := eval1(t, w, Call{As: "user admin", Action: "iam:UpdateRoleDescription", Resource: "role " + role})
		expect(t, o, eval.Allowed, eval.LayerIdentity)
	}
	o := eval1(t, w, Call{As: "user admin", Action: "iam:DeleteRole", Resource: "role AWSServiceRoleForElasticLoadBalancing"})
	if !strings.Contains(o.Reason, "service-linked role: only the service it is linked to can delete it") {
		t.Errorf("reason %q", o.Reason)
	}
	o = eval1(t, w, Call{As: "user admin", Action: "iam:UpdateAssumeRolePolicy", Resource: "role AWSReservedSSO_Admin_0123456789abcdef"})
	if !strings.Contains(o.Reason, "/aws-reserved/") || !strings.Contains(o.Reason, "change its trust policy") {
		t.Errorf("reason %q", o.Reason)
	}
	// An ordinary role is the administrator's to change.
	o = eval1(t, w, Call{As: "user admin", Action: "iam:DeleteRole", Resource: "role app"})
	expect(t, o, eval.Allowed, eval.LayerIdentity)
}

// TestProtected_AWSAliases: "The alias name for a customer managed key
// cannot begin with alias/aws/. The alias/aws/ prefix is reserved for AWS
// managed key." and "You cannot manage aliases for AWS managed keys"
// (https://docs.aws.amazon.com/kms/latest/developerguide/alias-create.html).
func TestProtected_AWSAliases(t *testing.T) {
	w := protectedWorld(t)
	for _, c := range []Call{
		{As: "user admin", Action: "kms:CreateAlias", Resource: "arn:aws:kms:us-east-1:" + prodID + ":alias/aws/mine"},
		{As: "user admin", Action: "kms:DeleteAlias", Resource: "arn:aws:kms:us-east-1:" + prodID + ":alias/aws/s3"},
		{As: "user admin", Action: "kms:UpdateAlias", Resource: "key alias/aws/s3"},
	} {
		o := eval1(t, w, c)
		expect(t, o, eval.ExplicitDeny, LayerServiceRule)
		if r := findRule(o, "kms-aws-alias"); r == nil || !r.Denies || !strings.Contains(r.Reason, "alias/aws/") {
			t.Errorf("%s %s: rule %+v", c.Action, c.Resource, r)
		}
	}
	o := eval1(t, w, Call{As: "user admin", Action: "kms:CreateAlias", Resource: "arn:aws:kms:us-east-1:" + prodID + ":alias/team"})
	expect(t, o, eval.Allowed, eval.LayerIdentity)
	if r := findRule(o, "kms-aws-alias"); r == nil || r.Applies || r.Denies {
		t.Errorf("ordinary alias: %+v", r)
	}
}
