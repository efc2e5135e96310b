package eval_test

import (
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
)

// Rules written as cases in the iamlab eval format, the way a learner or an
// author writes them; evalcase fills in what the format implies (a trust
// policy for sts:AssumeRole on a role, a key policy for kms on a key).

func TestCases_JSONFormRules(t *testing.T) {
	cases := []struct {
		name string
		src  string
		by   eval.Layer
	}{
		{"A5 trust policy must allow even in the same account", `{
			"request": {"principal": "arn:aws:iam::111111111111:user/alice", "action": "sts:AssumeRole", "resource": "arn:aws:iam::111111111111:role/R"},
			"identityPolicies": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}}],
			"expect": "implicitDeny"}`, eval.LayerResource},
		{"A5 trust policy naming the user", `{
			"request": {"principal": "arn:aws:iam::111111111111:user/alice", "action": "sts:AssumeRole", "resource": "arn:aws:iam::111111111111:role/R"},
			"resourcePolicy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:user/alice"}, "Action": "sts:AssumeRole"}},
			"expect": "allowed"}`, eval.LayerResource},
		{"A5 key policy trusting the account enables IAM policies", `{
			"request": {"principal": "arn:aws:iam::111111111111:user/alice", "action": "kms:Decrypt", "resource": "arn:aws:kms:eu-west-1:111111111111:key/k1"},
			"resourcePolicy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": "kms:*", "Resource": "*"}},
			"identityPolicies": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}}],
			"expect": "allowed"}`, eval.LayerIdentity},
		{"A5 federating IAM user named, no session policy", `{
			"request": {"principal": "arn:aws:sts::111111111111:federated-user/fred", "sessionIssuer": "arn:aws:iam::111111111111:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::bucket/a", "resourceAccount": "111111111111"},
			"resourcePolicy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:user/alice"}, "Action": "s3:GetObject", "Resource": "*"}},
			"expect": "implicitDeny"}`, eval.LayerSession},
		{"A3 AWS managed key exempt from RCPs", `{
			"request": {"principal": "arn:aws:iam::111111111111:user/alice", "action": "kms:Decrypt", "resource": "arn:aws:kms:eu-west-1:111111111111:key/k1"},
			"resourcePolicy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:user/alice"}, "Action": "kms:*", "Resource": "*"}},
			"rcps": [{"id": "r-root", "policies": [{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Principal": "*", "Action": "kms:*", "Resource": "*"}}]}],
			"awsManagedKey": true,
			"expect": "allowed"}`, eval.LayerResource},
		{"A3 RCP in the management account", `{
			"request": {"principal": "arn:aws:iam::999999999999:user/admin", "action": "s3:GetObject", "resource": "arn:aws:s3:::mgmt-bucket/a", "resourceAccount": "999999999999"},
			"identityPolicies": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}],
			"rcps": [{"id": "r-root", "policies": [{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}}]}],
			"scps": [{"id": "r-root", "policies": [{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}]}],
			"managementAccount": "999999999999",
			"expect": "allowed"}`, eval.LayerIdentity},
		{"B5 hasBoundary makes Deny+NotPrincipal deny", `{
			"request": {"principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::bucket/a", "resourceAccount": "111111111111"},
			"identityPolicies": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}],
			"resourcePolicy": {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "NotPrincipal": {"AWS": ["arn:aws:iam::111111111111:user/alice", "111111111111"]}, "Action": "s3:*", "Resource": "*"}},
			"hasBoundary": true,
			"expect": "explicitDeny"}`, eval.LayerResource},
		{"B8 multivalued context from a list", `{
			"request": {"principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:PutObject", "resource": "arn:aws:s3:::bucket/a", "resourceAccount": "111111111111",
				"context": {"aws:TagKeys": ["env"]}},
			"identityPolicies": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:TagKeys": "env"}}}}],
			"expect": "implicitDeny"}`, eval.LayerIdentity},
		{"E2 in the format", `{
			"request": {"principal": "arn:aws:sts::111111111111:assumed-role/R/S", "action": "s3:GetObject", "resource": "arn:aws:s3:::bucket/a", "resourceAccount": "111111111111",
				"context": {"s3:ExistingObjectTag/Team": "blue"}},
			"identityPolicies": [{"Version": "2012-10-17", "Statement": [
				{"Effect": "Allow", "Action": "*", "Resource": "*"},
				{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringNotEquals": {"s3:ExistingObjectTag/Team": "${aws:PrincipalTag/Team}"}}}]}],
			"expect": "explicitDeny"}`, eval.LayerIdentity},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runCase(t, c.src)
			if r.DecidedBy != c.by {
				t.Errorf("decided by %s, want %s: %s", r.DecidedBy, c.by, r.Reason)
			}
		})
	}
}
