package eval_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
)

func BenchmarkSimpleDecision(b *testing.B) {
	in := &eval.Input{Request: req(alice, "s3:GetObject", bucketObj)}
	in.Request.ResourceAccount = acctA
	in.Identity = pols(b, eval.IdentityPolicy, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}`))
	if r := eval.Evaluate(in, eval.Options{}); r.Decision != eval.Allowed {
		b.Fatal(r.Reason)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		eval.Evaluate(in, eval.Options{})
	}
}

// typicalInput is a role session reading an object in its own account: three
// identity policies, a boundary and a bucket policy (five policies, 20
// statements, three conditions) under a three-level SCP chain.
func typicalInput(b *testing.B) *eval.Input {
	in := &eval.Input{Request: req(sessionRS, "s3:GetObject", "arn:aws:s3:::reports/2026/q3/summary.csv")}
	in.Request.ResourceAccount = acctA
	in.Request.Context.Set("aws:SourceIp", "203.0.113.7")
	in.Request.Context.Set("aws:SecureTransport", "true")
	in.Request.Context.Set("aws:RequestedRegion", "eu-west-1")
	in.Request.Context.Set("aws:PrincipalTag/team", "finance")
	in.Request.Context.SetList("aws:TagKeys", []string{"env", "team"})
	in.Identity = pols(b, eval.IdentityPolicy,
		doc(
			`{"Sid":"Ec2Read","Effect":"Allow","Action":["ec2:Describe*","ec2:Get*"],"Resource":"*"}`,
			`{"Sid":"Logs","Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":"arn:aws:logs:*:111111111111:log-group:/app/*"}`,
			`{"Sid":"Queue","Effect":"Allow","Action":"sqs:*","Resource":"arn:aws:sqs:eu-west-1:111111111111:jobs-*"}`,
			`{"Sid":"Table","Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:Query"],"Resource":"arn:aws:dynamodb:eu-west-1:111111111111:table/Orders"}`,
		),
		doc(
			`{"Sid":"ListReports","Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::reports","Condition":{"StringLike":{"s3:prefix":["${aws:PrincipalTag/team}/*"]}}}`,
			`{"Sid":"ReadReports","Effect":"Allow","Action":["s3:GetObject","s3:GetObjectVersion"],"Resource":["arn:aws:s3:::reports/*","arn:aws:s3:::archive/*"]}`,
			`{"Sid":"NoDelete","Effect":"Deny","Action":"s3:Delete*","Resource":"*"}`,
			`{"Sid":"Secrets","Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:eu-west-1:111111111111:secret:app/*"}`,
		),
		doc(
			`{"Sid":"Region","Effect":"Deny","NotAction":["iam:*","sts:*","organizations:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1","eu-central-1"]}}}`,
			`{"Sid":"Kms","Effect":"Allow","Action":["kms:Decrypt","kms:GenerateDataKey"],"Resource":"arn:aws:kms:eu-west-1:111111111111:key/*"}`,
			`{"Sid":"Lambda","Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:eu-west-1:111111111111:function:report-*"}`,
			`{"Sid":"Cw","Effect":"Allow","Action":["cloudwatch:PutMetricData","cloudwatch:GetMetricData"],"Resource":"*"}`,
		),
	)
	in.Boundary = pol(b, eval.BoundaryPolicy, doc(
		`{"Sid":"Max","Effect":"Allow","Action":["s3:*","ec2:*","logs:*","sqs:*","dynamodb:*","secretsmanager:*","kms:*","lambda:*","cloudwatch:*"],"Resource":"*"}`,
		`{"Sid":"NoIam","Effect":"Deny","Action":"iam:*","Resource":"*"}`,
	))
	in.Resource = pol(b, eval.ResourcePolicy, doc(
		`{"Sid":"TLS","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::reports","arn:aws:s3:::reports/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}`,
		`{"Sid":"Team","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:role/R"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}`,
		`{"Sid":"Auditors","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::333333333333:root","arn:aws:iam::444444444444:role/Audit"]},"Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::reports","arn:aws:s3:::reports/*"]}`,
		`{"Sid":"Replication","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"s3:ReplicateObject","Resource":"arn:aws:s3:::reports/*"}`,
	))
	in.SCPs = chain(b, eval.SCP,
		fullAccess,
		doc(allowAll, `{"Sid":"NoLeave","Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}`),
		doc(allowAll, `{"Sid":"NoRootKeys","Effect":"Deny","Action":"iam:CreateAccessKey","Resource":"arn:aws:iam::*:root"}`),
	)
	if r := eval.Evaluate(in, eval.Options{}); r.Decision != eval.Allowed {
		b.Fatalf("typical request: %s: %s", r.Decision, r.Reason)
	}
	return in
}

func BenchmarkTypicalRequest(b *testing.B) {
	in := typicalInput(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		eval.Evaluate(in, eval.Options{})
	}
}

func BenchmarkTypicalRequestTrace(b *testing.B) {
	in := typicalInput(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		eval.Evaluate(in, eval.Options{Trace: true})
	}
}

// policy200 is a realistic, pretty-printed policy of about 200 lines.
func policy200() string {
	var b strings.Builder
	b.WriteString("{\n  \"Version\": \"2012-10-17\",\n  \"Id\": \"team-data-access\",\n  \"Statement\": [\n")
	services := []string{"s3", "dynamodb", "sqs", "logs", "kms", "secretsmanager", "lambda", "ec2", "cloudwatch", "sns", "ecr", "states", "glue"}
	for i := 0; ; i++ {
		svc := services[i%len(services)]
		fmt.Fprintf(&b, "    {\n      \"Sid\": \"Stmt%02d%s\",\n      \"Effect\": \"%s\",\n", i, strings.ToUpper(svc[:1])+svc[1:], map[bool]string{true: "Deny", false: "Allow"}[i%5 == 4])
		fmt.Fprintf(&b, "      \"Action\": [\n        \"%s:Get*\",\n        \"%s:List*\",\n        \"%s:Describe*\"\n      ],\n", svc, svc, svc)
		fmt.Fprintf(&b, "      \"Resource\": [\n        \"arn:aws:%s:eu-west-1:111111111111:thing/team-%d/*\",\n        \"arn:aws:%s:eu-central-1:111111111111:thing/${aws:PrincipalTag/team}/*\"\n      ]", svc, i, svc)
		if i%2 == 0 {
			fmt.Fprintf(&b, ",\n      \"Condition\": {\n        \"StringEquals\": {\n          \"aws:RequestedRegion\": [\"eu-west-1\", \"eu-central-1\"]\n        },\n        \"Bool\": {\n          \"aws:SecureTransport\": \"true\"\n        }\n      }")
		}
		b.WriteString("\n    }")
		if strings.Count(b.String(), "\n") > 185 {
			break
		}
		b.WriteString(",\n")
	}
	b.WriteString("\n  ]\n}\n")
	return b.String()
}

func BenchmarkParse200Lines(b *testing.B) {
	src := []byte(policy200())
	if n := strings.Count(string(src), "\n"); n < 190 || n > 215 {
		b.Fatalf("policy has %d lines", n)
	}
	if _, err := eval.Parse(src, eval.IdentityPolicy); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for b.Loop() {
		eval.Parse(src, eval.IdentityPolicy)
	}
}

func BenchmarkParseInvalid(b *testing.B) {
	s := policy200()
	// Drop the comma before the last statement's Resource, near the end.
	i := strings.LastIndex(s, "],\n      \"Resource\"")
	src := []byte(s[:i+1] + s[i+2:])
	_, err := eval.Parse(src, eval.IdentityPolicy)
	pe, ok := err.(eval.ParseErrors)
	if !ok || len(pe) != 1 || pe[0].Pos.Line < 180 {
		b.Fatalf("want one syntax error near the end, got %v", err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for b.Loop() {
		eval.Parse(src, eval.IdentityPolicy)
	}
}

func TestBenchInputsAreValid(t *testing.T) {
	// Keeps the benchmark fixtures honest under plain go test.
	p := policy200()
	if _, err := eval.Parse([]byte(p), eval.IdentityPolicy); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(p, "\n"); n < 190 || n > 215 {
		t.Fatalf("policy200 has %d lines", n)
	}
}

// BenchmarkContextEntries lists a request context of typical size in
// order, as the trace pane does on every keystroke.
func BenchmarkContextEntries(b *testing.B) {
	var c eval.Context
	for _, k := range []string{"aws:SourceIp", "aws:PrincipalArn", "aws:SecureTransport", "aws:MultiFactorAuthPresent",
		"aws:CurrentTime", "aws:PrincipalAccount", "aws:PrincipalTag/team", "s3:prefix", "aws:RequestedRegion", "aws:username"} {
		c.Set(k, "v")
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = c.Entries()
	}
}
