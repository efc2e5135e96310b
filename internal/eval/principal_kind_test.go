package eval

import (
	"strings"
	"testing"
)

func TestPrincipalKinds(t *testing.T) {
	for _, tc := range []struct {
		principal string
		want      PrincipalKind
	}{
		{"*", Anonymous},
		{"arn:aws:iam::111122223333:root", RootUser},
		{"arn:aws:iam::111122223333:user/ops/alice", IAMUser},
		{"arn:aws:iam::111122223333:role/deploy", IAMRole},
		{"arn:aws:sts::111122223333:assumed-role/deploy/bob", RoleSession},
		{"arn:aws:sts::111122223333:federated-user/ann", FederatedUser},
		{"lambda.amazonaws.com", ServiceCaller},
		{"cognito-identity.amazonaws.com", WebIdentity},
		{"accounts.google.com", WebIdentity},
		{"graph.facebook.com", WebIdentity},
		{"www.amazon.com", WebIdentity},
		{"token.actions.githubusercontent.com", WebIdentity},
		{"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", WebIdentity},
		{"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be", CanonicalID},
	} {
		r := Request{Principal: tc.principal}
		if got := describePrincipal(&r).kind; got != tc.want {
			t.Errorf("%s: kind %q, want %q", tc.principal, got, tc.want)
		}
	}
}

func TestWebIdentityProviderMatchesFederatedPrincipal(t *testing.T) {
	trust := parseTyped(t, TrustPolicy, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Federated":"accounts.google.com"},"Action":"sts:AssumeRoleWithWebIdentity"}}`)
	in := &Input{Request: Request{Principal: "accounts.google.com", Action: "sts:AssumeRoleWithWebIdentity", Resource: "arn:aws:iam::111122223333:role/web"},
		Resource: &PolicyRef{Name: "trust", Policy: trust}, ResourcePolicyRequired: true}
	if r := Evaluate(in, Options{}); r.Decision != Allowed {
		t.Fatalf("a Federated principal naming Google must match its tokens: %s", r.Sentence())
	}
}

func TestWildcardGrantIsDescribedAsEveryone(t *testing.T) {
	bucket := parseTyped(t, ResourcePolicy, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::pub/*"}}`)
	in := &Input{Request: Request{Principal: "arn:aws:sts::111122223333:assumed-role/app/i-1", Action: "s3:GetObject", Resource: "arn:aws:s3:::pub/a", ResourceAccount: "111122223333"},
		Resource: &PolicyRef{Name: "bucket policy", Policy: bucket}}
	r := Evaluate(in, Options{Trace: true})
	if r.Decision != Allowed || !strings.Contains(r.Reason, `everyone ("*")`) || strings.Contains(r.Reason, "role-session ARN") {
		t.Fatalf("reason: %s", r.Reason)
	}
}

func parseTyped(t *testing.T, typ PolicyType, src string) *Policy {
	t.Helper()
	p, err := Parse([]byte(src), typ)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
