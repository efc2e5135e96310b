package sandbox

import (
	"slices"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
)

func TestUserLongTermKeysHaveNoMFAKeys(t *testing.T) {
	w := testWorld(t)
	// The classic trap: Deny on Bool aws:MultiFactorAuthPresent "false" does
	// not fire for access keys, because the key is absent.
	o := eval1(t, w, Call{As: "user alice", Action: "s3:GetObject", Resource: "s3://reports/q3.csv"})
	expect(t, o, eval.Allowed, eval.LayerIdentity)
	for _, k := range []string{"aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge", "aws:TokenIssueTime"} {
		if v, ok := ctxOf(o, -1, k); ok {
			t.Errorf("%s = %v with long-term keys; AWS leaves it out", k, v)
		}
	}
	if len(o.Hops) != 1 {
		t.Errorf("a user's call is one hop, got %d", len(o.Hops))
	}
}

func TestUserWithMFA(t *testing.T) {
	w := testWorld(t)
	o := eval1(t, w, Call{As: "user alice, with MFA, from 203.0.113.7", Action: "s3:GetObject", Resource: "s3://reports/q3.csv"})
	expect(t, o, eval.Allowed, eval.LayerIdentity)
	want := map[string]string{
		"aws:MultiFactorAuthPresent": "true", "aws:MultiFactorAuthAge": "600", "aws:SourceIp": "203.0.113.7",
		"aws:PrincipalArn": "arn:aws:iam::" + prodID + ":user/alice", "aws:PrincipalAccount": prodID,
		"aws:PrincipalOrgID": "o-abc123def4", "aws:PrincipalType": "User", "aws:username": "alice",
		"aws:PrincipalTag/team": "blue", "aws:ResourceAccount": prodID, "aws:ResourceOrgID": "o-abc123def4",
		"aws:SecureTransport": "true", "aws:RequestedRegion": "us-east-1", "aws:CurrentTime": DefaultTime,
		"aws:TokenIssueTime": "2026-01-15T11:50:00Z", "aws:PrincipalIsAWSService": "false",
	}
	for k, v := range want {
		got, ok := ctxOf(o, -1, k)
		if !ok || len(got.Values) != 1 || got.Values[0] != v {
			t.Errorf("%s = %v (present %v), want %q", k, got.Values, ok, v)
		}
	}
	paths, _ := ctxOf(o, -1, "aws:PrincipalOrgPaths")
	if !paths.Multi || !slices.Equal(paths.Values, []string{"o-abc123def4/r-ab12/ou-ab12-work0001/"}) {
		t.Errorf("aws:PrincipalOrgPaths = %+v", paths)
	}
	uid, _ := ctxOf(o, -1, "aws:userid")
	if !strings.HasPrefix(uid.Values[0], "AIDA") || len(uid.Values[0]) != 21 {
		t.Errorf("aws:userid = %v", uid.Values)
	}
	// Without MFA the inline Deny (Bool false) does not fire either way; with
	// "without MFA" stated explicitly the keys stay absent.
	o = eval1(t, w, Call{As: "user alice, without MFA", Action: "s3:GetObject", Resource: "s3://reports/x"})
	if _, ok := ctxOf(o, -1, "aws:MultiFactorAuthPresent"); ok {
		t.Error("without MFA means access keys: no MFA key")
	}
	if _, err := w.Evaluate(Call{As: "user bob", MFA: bp(true), Account: "Prod", Action: "s3:GetObject", Resource: "s3://reports/x"}, eval.Options{}); err == nil || !strings.Contains(err.Error(), "no MFA device") {
		t.Errorf("MFA for a user without a device: %v", err)
	}
}

func TestGroupPoliciesAndPath(t *testing.T) {
	w := testWorld(t)
	o := eval1(t, w, Call{As: "erin", Action: "s3:ListBucket", Resource: "bucket reports"})
	expect(t, o, eval.Allowed, eval.LayerIdentity)
	if v, _ := ctxOf(o, -1, "aws:PrincipalArn"); v.Values[0] != "arn:aws:iam::"+prodID+":user/staff/erin" {
		t.Errorf("PrincipalArn %v", v.Values)
	}
	if v, _ := ctxOf(o, -1, "aws:ResourceTag/data"); len(v.Values) != 1 || v.Values[0] != "internal" {
		t.Errorf("bucket tags on a bucket call: %v", v.Values)
	}
}

func TestCrossAccountUser(t *testing.T) {
	w := testWorld(t)
	o := eval1(t, w, Call{As: "carol from account B", Action: "s3:GetObject", Resource: "s3://reports/q3.csv"})
	expect(t, o, eval.Allowed, eval.LayerResource)
	if v, _ := ctxOf(o, -1, "aws:PrincipalAccount"); v.Values[0] != bID {
		t.Errorf("PrincipalAccount %v", v.Values)
	}
	paths, _ := ctxOf(o, -1, "aws:PrincipalOrgPaths")
	if paths.Values[0] != "o-abc123def4/r-ab12/" {
		t.Errorf("an account under the root: %v", paths.Values)
	}
	// frank has no identity policy: the bucket policy alone is not enough
	// across accounts.
	o = eval1(t, w, Call{As: "user frank from account B", Action: "s3:GetObject", Resource: "s3://reports/q3.csv"})
	expect(t, o, eval.ImplicitDeny, eval.LayerIdentity)
}

func TestRootUser(t *testing.T) {
	w := testWorld(t)
	o := eval1(t, w, Call{As: "root", Action: "s3:DeleteBucket", Resource: "bucket reports"})
	expect(t, o, eval.Allowed, eval.LayerRoot)
	if v, _ := ctxOf(o, -1, "aws:PrincipalType"); v.Values[0] != "Account" {
		t.Errorf("root PrincipalType %v", v.Values)
	}
	if v, _ := ctxOf(o, -1, "aws:userid"); v.Values[0] != prodID {
		t.Errorf("root userid %v", v.Values)
	}
	if _, ok := ctxOf(o, -1, "aws:username"); ok {
		t.Error("aws:username is for IAM users only")
	}
	if _, err := w.Evaluate(Call{As: "role deploy assumed by root", Account: "Prod", Action: "s3:GetObject", Resource: "*"}, eval.Options{}); err == nil || !strings.Contains(err.Error(), "root user cannot assume") {
		t.Errorf("root assuming a role: %v", err)
	}
}

func TestAnonymousAndBlockPublicAccess(t *testing.T) {
	w := testWorld(t)
	o := eval1(t, w, Call{As: "anyone on the internet", Action: "s3:GetObject", Resource: "s3://assets/public/logo.png"})
	expect(t, o, eval.Allowed, eval.LayerResource)
	for _, k := range []string{"aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalIsAWSService", "aws:MultiFactorAuthPresent"} {
		if _, ok := ctxOf(o, -1, k); ok {
			t.Errorf("anonymous request carries %s", k)
		}
	}
	rule := findRule(o, "s3-block-public-access")
	if rule == nil || rule.Applies || rule.Denies || !strings.Contains(rule.Reason, "RestrictPublicBuckets is off") {
		t.Errorf("BPA rule when off: %+v", rule)
	}
	// RestrictPublicBuckets makes the public grant ineffective for outsiders.
	o = eval1(t, w, Call{As: "anonymous", Action: "s3:GetObject", Resource: "s3://locked/a"})
	expect(t, o, eval.ImplicitDeny, LayerServiceRule)
	if o.Hops[0].Result.Decision != eval.Allowed {
		t.Error("the engine alone allows it; the service rule takes it away")
	}
	if r := findRule(o, "s3-block-public-access"); r == nil || !r.Applies || !r.Denies {
		t.Errorf("rule %+v", r)
	}
	// … but not for principals of the bucket owner's account.
	o = eval1(t, w, Call{As: "user bob", Action: "s3:GetObject", Resource: "s3://locked/a"})
	expect(t, o, eval.Allowed, eval.LayerResource)
	if r := findRule(o, "s3-block-public-access"); r == nil || !r.Applies || r.Denies {
		t.Errorf("rule for an insider %+v", r)
	}
	// … and an account-level setting counts as well.
	acct, _ := w.Account("Prod")
	acct.BlockPublicAccess.RestrictPublicBuckets = true
	o = eval1(t, w, Call{As: "anyone", Action: "s3:GetObject", Resource: "s3://assets/public/logo.png"})
	expect(t, o, eval.ImplicitDeny, LayerServiceRule)
	acct.BlockPublicAccess.RestrictPublicBuckets = false
}

func TestPolicyIsPublic(t *testing.T) {
	for _, tc := range []struct {
		src    string
		public bool
	}{
		{`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}`, true},
		{`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}`, false},
		{`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}}]}`, true},
		{`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1"}}}]}`, false},
		{`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"aws:SourceVpce":"vpce-*"}}}]}`, true},
		{`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:GetObject","Resource":"*"}]}`, false},
		{`{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}`, false},
	} {
		p, err := eval.Parse([]byte(tc.src), eval.ResourcePolicy)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := policyIsPublic(p); got != tc.public {
			t.Errorf("public(%s) = %v", tc.src, got)
		}
	}
}

func TestServicePrincipal(t *testing.T) {
	w := testWorld(t)
	o := eval1(t, w, Call{As: "service cloudtrail.amazonaws.com", Action: "s3:PutObject", Resource: "s3://reports/AWSLogs/x"})
	expect(t, o, eval.ImplicitDeny, eval.LayerResource)
	if v, _ := ctxOf(o, -1, "aws:PrincipalIsAWSService"); v.Values[0] != "true" {
		t.Errorf("PrincipalIsAWSService %v", v.Values)
	}
	if _, ok := ctxOf(o, -1, "aws:PrincipalArn"); ok {
		t.Error("a service principal has no aws:PrincipalArn")
	}
}

func findRule(o *Outcome, name string) *RuleResult {
	for i := range o.Rules {
		if o.Rules[i].Rule == name {
			return &o.Rules[i]
		}
	}
	return nil
}
