package sandbox

import (
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
)

func TestParseCaller(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // CallerSpec.String()
		kind CallerKind
	}{
		{"user alice", "user alice", CallerUser},
		{"alice", "user alice", CallerUser},
		{"carol from account B", "user carol from account B", CallerUser},
		{"root", "root user", CallerRoot},
		{"the root user of account B", "root user of account B", CallerRoot},
		{"anyone on the internet", "anonymous caller", CallerAnonymous},
		{"anonymous", "anonymous caller", CallerAnonymous},
		{"service lambda.amazonaws.com", "service lambda.amazonaws.com", CallerService},
		{"role deploy assumed by bob", "role deploy assumed by user bob", CallerRole},
		{"role deploy in account Prod assumed by carol from account B", "role deploy from account Prod assumed by user carol from account B", CallerRole},
		{"role a assumed by role b assumed by bob", "role a assumed by role b assumed by user bob", CallerRole},
		{"role ci assumed by oidc https://token.actions.githubusercontent.com", "role ci assumed by OIDC provider token.actions.githubusercontent.com", CallerRole},
		{"role admins assumed by saml Okta", "role admins assumed by SAML provider Okta", CallerRole},
		{"the app on instance i-0abc", "instance i-0abc", CallerInstance},
		{"instance i-0abc", "instance i-0abc", CallerInstance},
		{"lambda function thumbs", "lambda function thumbs", CallerFunction},
		{"lambda thumbs", "lambda function thumbs", CallerFunction},
		{"a guest of the identity pool mobile", "guest of identity pool mobile", CallerPoolGuest},
		{"unauthenticated user of identity pool mobile", "guest of identity pool mobile", CallerPoolGuest},
		{"authenticated user of identity pool mobile via accounts.google.com", "authenticated user of identity pool mobile", CallerPoolUser},
		{"federated user ann via bob", "federated user ann", CallerFederatedUser},
	} {
		s, err := ParseCaller(tc.in)
		if err != nil {
			t.Errorf("ParseCaller(%q): %v", tc.in, err)
			continue
		}
		if s.Kind != tc.kind || s.String() != tc.want {
			t.Errorf("ParseCaller(%q) = %s %q, want %s %q", tc.in, s.Kind, s.String(), tc.kind, tc.want)
		}
	}
	s, err := ParseCaller("user alice, with MFA, from 203.0.113.7")
	if err != nil || s.MFA == nil || !*s.MFA || s.SourceIP != "203.0.113.7" {
		t.Errorf("modifiers: %+v %v", s, err)
	}
	for _, tc := range []struct{ in, want string }{
		{"", "empty"},
		{"user", "expected one user name"},
		{"rol deploy assumed by bob", `did you mean "role"`},
		{"user bob assumed by carol", "only a role is assumed"},
		{"role deploy assumed by anyone", "anonymous caller cannot assume"},
		{"user alice, with mfa please", "unknown modifier"},
		{"user alice, from nowhere", "not an IP address"},
		{"federated user ann via role x", "only an IAM user"},
		{"guest of pool mobile", "identity pool"},
		{"servce x.amazonaws.com", `did you mean "service"`},
	} {
		if _, err := ParseCaller(tc.in); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseCaller(%q) = %v, want %q", tc.in, err, tc.want)
		}
	}
}

func TestResolutionErrors(t *testing.T) {
	w := testWorld(t)
	for _, tc := range []struct {
		call Call
		want string
	}{
		{Call{As: "user alcie", Account: "Prod", Action: "s3:GetObject", Resource: "*"}, `did you mean "alice"`},
		{Call{As: "user deploy", Account: "Prod", Action: "s3:GetObject", Resource: "*"}, "a role of that name"},
		{Call{As: "role deplyo assumed by bob", Account: "Prod", Action: "s3:GetObject", Resource: "*"}, `did you mean "deploy"`},
		{Call{As: "carol from account C", Account: "Prod", Action: "s3:GetObject", Resource: "*"}, `did you mean "B"`},
		{Call{As: "user alice", Action: "s3:GetObject", Resource: "*"}, "say which account"},
		{Call{As: "user alice", Account: "Prod", Action: "s3:GetObject", Resource: "s3://reprots/x"}, `did you mean "reports"`},
		{Call{As: "user alice", Account: "Prod", Action: "s3:GetObject", Resource: "tabel Orders"}, `did you mean "table"`},
		{Call{As: "user alice", Account: "Prod", Action: "dynamodb:GetItem", Resource: "table Order"}, `did you mean "Orders"`},
		{Call{As: "user alice", Account: "Prod", Action: "GetObject", Resource: "*"}, "service:Action"},
		{Call{As: "instance i-0abd", Account: "Prod", Action: "s3:GetObject", Resource: "*"}, `did you mean "i-0abc"`},
		{Call{As: "lambda thumb", Account: "Prod", Action: "s3:GetObject", Resource: "*"}, `did you mean "thumbs"`},
		{Call{As: "guest of identity pool mobil", Account: "Prod", Action: "s3:GetObject", Resource: "*"}, `did you mean "mobile"`},
		{Call{As: "role deploy assumed by bob", SessionPolicy: "session:read-onyl", Account: "Prod", Action: "s3:GetObject", Resource: "*"}, `did you mean "session:read-only"`},
		{Call{As: "user alice", Account: "Prod", Action: "s3:GetObject", Resource: "*", VPCEndpoint: "vpce-2"}, `did you mean "vpce-1"`},
		{Call{As: "user alice", Account: "Prod", Action: "s3:GetObject", Resource: "*", Time: "yesterday"}, "ISO 8601"},
		{Call{As: "user alice", SessionPolicy: "read-only", Account: "Prod", Action: "s3:GetObject", Resource: "*"}, "not a session"},
		{Call{As: "instance i-0abc", ExternalID: "x", Account: "Prod", Action: "s3:GetObject", Resource: "*"}, "the AWS service creates this session"},
	} {
		_, err := w.Evaluate(tc.call, eval.Options{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q on %q: %v, want %q", tc.call.As, tc.call.Resource, err, tc.want)
		}
	}
}

func TestFriendlyResources(t *testing.T) {
	w := testWorld(t)
	r := &run{w: w, ix: w.index(), call: &Call{Account: "Prod"}}
	for in, want := range map[string]string{
		"s3://reports":                    "arn:aws:s3:::reports",
		"s3://reports/a/b.csv":            "arn:aws:s3:::reports/a/b.csv",
		"bucket reports":                  "arn:aws:s3:::reports",
		"object reports/k":                "arn:aws:s3:::reports/k",
		"table Orders":                    "arn:aws:dynamodb:us-east-1:" + prodID + ":table/Orders",
		"queue jobs":                      "arn:aws:sqs:us-east-1:" + prodID + ":jobs",
		"function thumbs":                 "arn:aws:lambda:us-east-1:" + prodID + ":function:thumbs",
		"lambda thumbs":                   "arn:aws:lambda:us-east-1:" + prodID + ":function:thumbs",
		"role deploy":                     "arn:aws:iam::" + prodID + ":role/ci/deploy",
		"user erin":                       "arn:aws:iam::" + prodID + ":user/staff/erin",
		"instance i-0abc":                 "arn:aws:ec2:us-east-1:" + prodID + ":instance/i-0abc",
		"key alias/app":                   "arn:aws:kms:us-east-1:" + prodID + ":key/",
		"key app":                         "arn:aws:kms:us-east-1:" + prodID + ":key/",
		"secret db-pass":                  "arn:aws:secretsmanager:us-east-1:" + prodID + ":secret:db-pass-",
		"*":                               "*",
		"arn:aws:iam::" + bID + ":user/*": "arn:aws:iam::" + bID + ":user/*",
	} {
		res, err := r.resolveResource(in)
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if !strings.HasPrefix(res.arn, want) {
			t.Errorf("%s → %s, want %s…", in, res.arn, want)
		}
	}
	s, _ := r.resolveResource("secret db-pass")
	if len(s.arn) != len("arn:aws:secretsmanager:us-east-1:"+prodID+":secret:db-pass-")+6 {
		t.Errorf("secret suffix: %s", s.arn)
	}
	byARN, err := r.resolveResource(strings.TrimSuffix(s.arn, s.arn[len(s.arn)-7:]))
	if err != nil || byARN.arn != s.arn {
		t.Errorf("secret by ARN without suffix: %v %v", byARN, err)
	}
	s2, _ := r.resolveResource("secret db-pass")
	if s2.arn != s.arn {
		t.Error("secret ARN suffix must be stable")
	}
}

func TestVPCEndpoint(t *testing.T) {
	w := testWorld(t)
	o := eval1(t, w, Call{As: "user alice", VPCEndpoint: "vpce-1", Action: "s3:GetObject", Resource: "s3://reports/x"})
	expect(t, o, eval.Allowed, "")
	c := o.Hops[0].Input.Request.Context
	if _, ok := c.Get("aws:SourceIp"); ok {
		t.Error("no aws:SourceIp through a VPC endpoint")
	}
	if v, _ := c.Get("aws:SourceVpce"); v.Values[0] != "vpce-1" {
		t.Errorf("aws:SourceVpce %v", v.Values)
	}
	if v, _ := c.Get("aws:VpcSourceIp"); v.Values[0] != DefaultVPCSourceIP {
		t.Errorf("aws:VpcSourceIp %v", v.Values)
	}
	if v, _ := c.Get("aws:SourceVpc"); v.Values[0] != "vpc-1" {
		t.Errorf("aws:SourceVpc %v", v.Values)
	}
	o = eval1(t, w, Call{As: "user erin", VPCEndpoint: "vpce-1", Action: "s3:ListBucket", Resource: "bucket reports"})
	expect(t, o, eval.ImplicitDeny, eval.LayerEndpoint)
}

func TestCallContextKeys(t *testing.T) {
	w := testWorld(t)
	o := eval1(t, w, Call{As: "user erin", Action: "s3:ListBucket", Resource: "bucket reports",
		Context: map[string][]string{"s3:prefix": {"home/"}, "aws:RequestTag/project": {"x"}}})
	c := o.Hops[0].Input.Request.Context
	if v, _ := c.Get("s3:prefix"); v.Multi || v.Values[0] != "home/" {
		t.Errorf("s3:prefix %+v", v)
	}
	if v, _ := c.Get("aws:TagKeys"); !v.Multi || v.Values[0] != "project" {
		t.Errorf("aws:TagKeys derived from aws:RequestTag/*: %+v", v)
	}
	o = eval1(t, w, Call{As: "user erin", Action: "s3:ListBucket", Resource: "bucket reports", Time: "2026-03-01T08:00:00Z", Region: "eu-west-1", Secure: bp(false)})
	c = o.Hops[0].Input.Request.Context
	for k, want := range map[string]string{"aws:CurrentTime": "2026-03-01T08:00:00Z", "aws:EpochTime": "1772352000", "aws:RequestedRegion": "eu-west-1", "aws:SecureTransport": "false"} {
		if v, _ := c.Get(k); v.Values[0] != want {
			t.Errorf("%s = %v, want %s", k, v.Values, want)
		}
	}
}

func TestWithDocumentCopyOnWrite(t *testing.T) {
	w := testWorld(t)
	id := "policy:" + prodID + "/S3Read"
	old, _ := w.Document(id)
	w2, err := w.WithDocument(id, stmt("Deny", "s3:*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := w.Document(id); d != old {
		t.Error("the original world changed")
	}
	o := eval1(t, w2, Call{As: "user alice", Action: "s3:GetObject", Resource: "s3://reports/x"})
	expect(t, o, eval.ExplicitDeny, eval.LayerIdentity)
	o = eval1(t, w, Call{As: "user alice", Action: "s3:GetObject", Resource: "s3://reports/x"})
	expect(t, o, eval.Allowed, "")
	// A broken edit returns the parse errors and a world that holds them.
	w3, err := w.WithDocument(id, `{"Statement": [`)
	var pe eval.ParseErrors
	if err == nil || w3 == nil {
		t.Fatalf("broken edit: %v", err)
	}
	if !asParseErrors(err, &pe) {
		t.Errorf("error is %T, want eval.ParseErrors", err)
	}
	if _, err := w3.Evaluate(Call{As: "user alice", Account: "Prod", Action: "s3:GetObject", Resource: "s3://reports/x"}, eval.Options{}); err == nil || !strings.Contains(err.Error(), "does not parse") {
		t.Errorf("evaluating with a broken document: %v", err)
	}
	if _, err := w.WithDocument("aws:ReadOnlyAccess", "{}"); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("AWS managed: %v", err)
	}
	if _, err := w.WithDocument("policy:"+prodID+"/S3Reed", "{}"); err == nil || !strings.Contains(err.Error(), "did you mean") {
		t.Errorf("unknown id: %v", err)
	}
}

func asParseErrors(err error, pe *eval.ParseErrors) bool {
	p, ok := err.(eval.ParseErrors)
	if ok {
		*pe = p
	}
	return ok
}
