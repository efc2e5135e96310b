package lint

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/diag"
	"github.com/iamlab/iamlab/internal/eval"
)

// pol builds a 2012-10-17 policy whose statement i starts at line i+2,
// column 1, so a case can state its expected position by counting
// characters on one line.
func pol(stmts ...string) string {
	return "{\"Version\": \"2012-10-17\", \"Statement\": [\n" + strings.Join(stmts, ",\n") + "\n]}"
}

// noVersion is pol without the Version element.
func noVersion(stmts ...string) string {
	return "{\"Statement\": [\n" + strings.Join(stmts, ",\n") + "\n]}"
}

type codeCase struct {
	code string
	typ  eval.PolicyType
	auto bool // lint with Auto instead of a given type
	src  string
	at   string // "line:col" for a positive case, "" for a negative one
}

const (
	res    = eval.ResourcePolicy
	ident  = eval.IdentityPolicy
	stmtOK = `{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}`
)

// cond is a statement with a condition on its own third line, so the
// operator stands at 3:16 and its first key at 3:(17 + len(operator) + 4).
func cond(effect, action, resource, block string) string {
	return fmt.Sprintf("{\"Effect\": %q, \"Action\": %q, \"Resource\": %q,\n \"Condition\": %s}", effect, action, resource, block)
}

var codeCases = []codeCase{
	// errors
	{CodeJSONSyntax, ident, false, "{\"Version\": \"2012-10-17\",\n\"Statement\": [}", "2:15"},
	{CodeJSONSyntax, ident, false, pol(stmtOK), ""},
	{CodeUnknownElement, ident, false, pol(`{"Efect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`), "2:2"},
	{CodeUnknownElement, ident, false, pol(stmtOK), ""},
	{CodeInvalidEffect, ident, false, pol(`{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}`), "2:12"},
	{CodeInvalidEffect, ident, false, pol(`{"Action": "s3:GetObject", "Resource": "*"}`), "2:1"},
	{CodeInvalidEffect, ident, false, pol(stmtOK), ""},
	{CodeInvalidVersion, ident, false, "{\"Version\": \"2012-10-18\", \"Statement\": [" + stmtOK + "]}", "1:13"},
	{CodeInvalidVersion, ident, false, pol(stmtOK), ""},
	{CodePrincipalNotAllowed, ident, false, pol(`{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}`), "2:21"},
	{CodePrincipalNotAllowed, res, false, pol(`{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "*"}`), ""},
	{CodePrincipalMissing, res, false, pol(stmtOK), "2:1"},
	{CodePrincipalMissing, res, false, pol(`{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "*"}`), ""},
	{CodeInvalidOperator, ident, false, pol(cond("Allow", "s3:GetObject", "*", `{"StringEqual": {"aws:SourceIp": "x"}}`)), "3:16"},
	{CodeInvalidOperator, ident, false, pol(cond("Allow", "s3:GetObject", "*", `{"StringEquals": {"aws:SourceIp": "x"}}`)), ""},
	{CodeInvalidGrammar, ident, false, pol(`{"Effect": "Allow", "Resource": "*"}`), "2:1"},
	{CodeInvalidGrammar, ident, false, pol(stmtOK), ""},
	// IAM's own grammar, refused by the engine (docs/evaluation-rules.md F6).
	{CodeInvalidGrammar, ident, false, pol(`{"Sid": "a-b", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`), "2:9"},
	{CodeInvalidGrammar, ident, false, pol(`{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`, `{"Sid": "A", "Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"}`), "3:9"},
	{CodeInvalidGrammar, ident, false, pol(cond("Allow", "s3:GetObject", "*", `{"IpAddress": {"aws:SourceIp": "10.0.0.0/33"}}`)), "3:46"},
	{CodePrincipalNotAllowed, eval.TrustPolicy, false, pol(`{"Effect": "Deny", "NotPrincipal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole"}`), "2:20"},

	// security warnings
	{CodeAllowNotAction, ident, false, pol(`{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}`), "2:21"},
	{CodeAllowNotAction, ident, false, pol(`{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}`), ""},
	{CodeAllowNotResource, ident, false, pol(`{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::b/*"}`), "2:47"},
	{CodeAllowNotResource, ident, false, pol(`{"Effect": "Deny", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::b/*"}`), ""},
	{CodeAllowNotPrincipal, res, false, pol(`{"Effect": "Allow", "NotPrincipal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "*"}`), "2:37"},
	{CodeAllowNotPrincipal, res, false, pol(`{"Effect": "Deny", "NotPrincipal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "*"}`), ""},
	{CodeAllowAll, ident, false, pol(`{"Effect": "Allow", "Action": "*", "Resource": "*"}`), "2:21"},
	{CodeAllowAll, ident, false, pol(`{"Effect": "Allow", "Action": "*:*", "Resource": "*"}`), "2:21"},
	{CodeAllowAll, eval.SCP, false, pol(`{"Effect": "Allow", "Action": "*", "Resource": "*"}`), ""},
	{CodeAllowAll, ident, false, pol(`{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}`), ""},
	{CodeAllowServiceAll, ident, false, pol(`{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}`), "2:31"},
	{CodeAllowServiceAll, ident, false, pol(`{"Effect": "Allow", "Action": ["s3:GetObject", "kms:*"], "Resource": ["arn:aws:s3:::b/*", "*"]}`), "2:48"},
	{CodeAllowServiceAll, ident, false, pol(`{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}`), ""},
	{CodeAllowServiceAll, ident, false, pol(`{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}`), ""},
	{CodeAllowServiceAll, ident, false, pol(`{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}`), ""},
	{CodeAllowServiceAll, eval.SCP, false, pol(`{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}`), ""},
	// The default key policy: https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
	{CodeAllowServiceAll, eval.KeyPolicy, false, pol(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}`), ""},
	{CodeAllowServiceAll, ident, false, pol(`{"Effect": "Allow", "Action": "*", "Resource": "*"}`), ""},
	{CodePassRoleWildcard, ident, false, pol(`{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}`), "2:31"},
	{CodePassRoleWildcard, ident, false, pol(`{"Effect": "Allow", "Action": "iam:Pass*", "Resource": "arn:aws:iam::111122223333:role/*"}`), "2:31"},
	{CodePassRoleWildcard, ident, false, pol(`{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/app"}`), ""},
	{CodePassRoleWildcard, ident, false, pol(`{"Effect": "Allow", "Action": "iam:Get*", "Resource": "*"}`), ""},
	{CodePublicPrincipal, res, false, pol(`{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}`), "2:34"},
	{CodePublicPrincipal, res, false, pol(`{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}}`), ""},
	{CodePublicPrincipal, eval.EndpointPolicy, false, pol(`{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}`), ""},

	// warnings
	{CodeUnknownService, ident, false, pol(`{"Effect": "Allow", "Action": "s4:GetObject", "Resource": "*"}`), "2:31"},
	{CodeUnknownService, ident, false, pol(stmtOK), ""},
	{CodeUnknownAction, ident, false, pol(`{"Effect": "Allow", "Action": "s3:GetObjects", "Resource": "*"}`), "2:31"},
	{CodeUnknownAction, ident, false, pol(`{"Effect": "Allow", "Action": "s3:Gett*", "Resource": "*"}`), "2:31"},
	{CodeUnknownAction, ident, false, pol(`{"Effect": "Deny", "NotAction": "s3:GetObjects", "Resource": "*"}`), "2:33"},
	{CodeUnknownAction, ident, false, pol(`{"Effect": "Allow", "Action": "S3:getobject", "Resource": "*"}`), ""},
	{CodeResourceMismatch, ident, false, pol(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket"}`), "2:31"},
	{CodeResourceMismatch, ident, false, pol(`{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::bucket/*"}`), "2:31"},
	{CodeResourceMismatch, ident, false, pol(`{"Effect": "Allow", "Action": "s3:Put*", "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/t"}`), "2:31"},
	{CodeResourceMismatch, ident, false, pol(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"}`), ""},
	{CodeResourceMismatch, ident, false, pol(`{"Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::bucket"}`), ""},
	{CodeResourceMismatch, ident, false, pol(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::bucket", "*"]}`), ""},
	{CodeResourceMismatch, ident, false, pol(`{"Effect": "Deny", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::bucket"}`), ""},
	{CodeStarOnlyAction, ident, false, pol(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "arn:aws:s3:::bucket"}`), "2:31"},
	{CodeStarOnlyAction, ident, false, pol(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}`), ""},
	{CodeMalformedARN, ident, false, pol(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "bucket/*"}`), "2:59"},
	{CodeInvalidGrammar, ident, false, pol(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s*:::b/*"}`), "2:59"},
	{CodeMalformedARN, ident, false, pol(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3::b/*"}`), "2:59"},
	{CodeMalformedARN, ident, false, pol(stmtOK), ""},
	{CodeMalformedPrincipal, res, false, pol(`{"Effect": "Allow", "Principal": {"AWS": "bob"}, "Action": "s3:GetObject", "Resource": "*"}`), "2:42"},
	{CodeMalformedPrincipal, res, false, pol(`{"Effect": "Allow", "Principal": {"Service": "ec2"}, "Action": "s3:GetObject", "Resource": "*"}`), "2:46"},
	{CodeMalformedPrincipal, res, false, pol(`{"Effect": "Allow", "Principal": {"AWS": ["111122223333", "arn:aws:iam::111122223333:role/r"], "Service": "ec2.amazonaws.com"}, "Action": "s3:GetObject", "Resource": "*"}`), ""},
	{CodeUnknownConditionKey, ident, false, pol(cond("Allow", "s3:ListBucket", "arn:aws:s3:::b", `{"StringEquals": {"aws:SourceIpp": "x"}}`)), "3:33"},
	{CodeUnknownConditionKey, ident, false, pol(cond("Allow", "s3:ListBucket", "arn:aws:s3:::b", `{"StringEquals": {"s3:prefixx": "x"}}`)), "3:33"},
	{CodeUnknownConditionKey, ident, false, pol(cond("Allow", "s3:ListBucket", "arn:aws:s3:::b", `{"StringEquals": {"aws:sourceip": "x", "s3:ExistingObjectTag/env": "x", "accounts.google.com:aud": "x"}}`)), ""},
	{CodeConditionKeyNotApplied, ident, false, pol(cond("Allow", "s3:GetObject", "arn:aws:s3:::b/*", `{"StringLike": {"s3:prefix": "home/"}}`)), "3:31"},
	{CodeConditionKeyNotApplied, ident, false, pol(cond("Allow", "s3:ListBucket", "arn:aws:s3:::b", `{"StringLike": {"s3:prefix": "home/"}}`)), ""},
	{CodeConditionKeyNotApplied, ident, false, pol(cond("Allow", "s3:Get*", "arn:aws:s3:::b/*", `{"StringEquals": {"s3:ExistingObjectTag/env": "dev", "aws:SourceIp": "1.2.3.4"}}`)), ""},
	{CodeConditionKeyNotApplied, ident, false, pol(cond("Allow", "*", "*", `{"StringLike": {"s3:prefix": "home/"}}`)), ""},
	{CodeSetOperatorMissing, ident, false, pol(cond("Allow", "s3:GetObject", "*", `{"StringEquals": {"aws:TagKeys": "env"}}`)), "3:33"},
	{CodeSetOperatorMissing, ident, false, pol(cond("Allow", "s3:GetObject", "*", `{"ForAnyValue:StringEquals": {"aws:TagKeys": "env"}}`)), ""},
	{CodeSetOperatorMissing, ident, false, pol(cond("Allow", "s3:GetObject", "*", `{"Null": {"aws:TagKeys": "false"}}`)), ""},
	{CodeOperatorTypeMismatch, ident, false, pol(cond("Allow", "s3:GetObject", "*", `{"StringEquals": {"aws:SourceIp": "203.0.113.0/24"}}`)), "3:33"},
	{CodeOperatorTypeMismatch, ident, false, pol(cond("Allow", "s3:GetObject", "*", `{"DateGreaterThan": {"aws:MultiFactorAuthAge": "3600"}}`)), "3:36"},
	{CodeOperatorTypeMismatch, ident, false, pol(cond("Allow", "s3:GetObject", "*", `{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}, "NumericLessThan": {"aws:EpochTime": "1900000000"}, "StringEquals": {"aws:SourceArn": "arn:aws:sns:eu-west-1:111122223333:t"}, "Null": {"aws:TokenIssueTime": "true"}}`)), ""},
	{CodeForAllValuesAllow, ident, false, pol(cond("Allow", "s3:GetObject", "*", `{"ForAllValues:StringEquals": {"aws:TagKeys": ["env"]}}`)), "3:46"},
	{CodeForAllValuesAllow, ident, false, pol(cond("Allow", "s3:GetObject", "*", `{"ForAllValues:StringEquals": {"aws:TagKeys": ["env"]}, "Null": {"aws:TagKeys": "false"}}`)), ""},
	{CodeForAllValuesAllow, ident, false, pol(cond("Deny", "s3:GetObject", "*", `{"ForAllValues:StringEquals": {"aws:TagKeys": ["env"]}}`)), ""},
	{CodeVariablesInOldVersion, ident, false, noVersion(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}/*"}`), "2:59"},
	{CodeVariablesInOldVersion, ident, false, pol(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}/*"}`), ""},
	{CodeVariablesInOldVersion, ident, false, noVersion(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${*}/*"}`), ""},
	{CodeDuplicateSid, ident, false, pol(`{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`, `{"Sid": "A", "Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"}`), "3:9"},
	// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent
	{CodeMFADenyNoIfExists, ident, false, pol(cond("Deny", "s3:*", "*", `{"Bool": {"aws:MultiFactorAuthPresent": "false"}}`)), "3:16"},
	{CodeMFADenyNoIfExists, ident, false, pol(cond("Deny", "s3:*", "*", `{"Bool": {"aws:multifactorauthpresent": ["false"]}}`)), "3:16"},
	{CodeMFADenyNoIfExists, ident, false, pol(cond("Deny", "s3:*", "*", `{"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}`)), ""},
	{CodeMFADenyNoIfExists, ident, false, pol(cond("Allow", "s3:*", "*", `{"Bool": {"aws:MultiFactorAuthPresent": "true"}}`)), ""},
	{CodeMFADenyNoIfExists, ident, false, pol(cond("Deny", "s3:*", "*", `{"Bool": {"aws:SecureTransport": "false"}}`)), ""},
	{CodeDuplicateSid, ident, false, pol(`{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}`, `{"Sid": "B", "Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"}`), ""},

	// suggestions
	{CodeMissingVersion, ident, false, noVersion(stmtOK), "1:1"},
	{CodeMissingVersion, ident, false, pol(stmtOK), ""},
	{CodeSetOperatorOnSingle, ident, false, pol(cond("Allow", "s3:GetObject", "*", `{"ForAnyValue:StringEquals": {"aws:RequestedRegion": "eu-west-1"}}`)), "3:45"},
	{CodeSetOperatorOnSingle, ident, false, pol(cond("Allow", "s3:GetObject", "*", `{"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}`)), ""},
	{CodePolicyTypeDetected, 0, true, pol(`{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}`), "1:1"},
	{CodePolicyTypeDetected, 0, true, pol(stmtOK), ""},
}

func lintCase(c codeCase) []diag.Diagnostic {
	if c.auto {
		fs, _ := Auto([]byte(c.src))
		return fs
	}
	return Policy([]byte(c.src), c.typ)
}

func TestCodes(t *testing.T) {
	for i, c := range codeCases {
		name := fmt.Sprintf("%d-%s-", i, c.code)
		if c.at == "" {
			name += "negative"
		} else {
			name += "at-" + c.at
		}
		t.Run(name, func(t *testing.T) {
			fs := lintCase(c)
			var at []string
			for _, f := range fs {
				if f.Code != c.code {
					continue
				}
				at = append(at, f.Where())
				if f.Severity != codeSeverity[c.code] {
					t.Errorf("%s has severity %s, want %s", c.code, f.Severity, codeSeverity[c.code])
				}
				if f.Message == "" || f.Expected == "" {
					t.Errorf("%s lacks a message or advice: %+v", c.code, f)
				}
			}
			switch {
			case c.at == "" && len(at) > 0:
				t.Errorf("%s fired at %v on a document that should not trigger it:\n%s\nall findings: %v", c.code, at, c.src, fs)
			case c.at != "" && !contains(at, c.at):
				t.Errorf("%s at %v, want at %s\n%s\nall findings: %v", c.code, at, c.at, c.src, fs)
			}
		})
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// TestEveryCodeTested holds the suite to its promise: each code has a
// positive and a negative case above, and a row in docs/lint.md.
func TestEveryCodeTested(t *testing.T) {
	doc, err := os.ReadFile("../../docs/lint.md")
	if err != nil {
		t.Fatalf("docs/lint.md: %v", err)
	}
	for _, info := range Codes() {
		pos, neg := false, false
		for _, c := range codeCases {
			if c.code == info.Code {
				pos = pos || c.at != ""
				neg = neg || c.at == ""
			}
		}
		if !pos || !neg {
			t.Errorf("%s: positive case %v, negative case %v", info.Code, pos, neg)
		}
		if !strings.Contains(string(doc), "`"+info.Code+"`") {
			t.Errorf("%s is not documented in docs/lint.md", info.Code)
		}
	}
}

func TestCleanPolicyHasNoFindings(t *testing.T) {
	src := pol(
		`{"Sid": "List", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::reports"}`,
		`{"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectVersion"], "Resource": "arn:aws:s3:::reports/*"}`,
		`{"Sid": "Buckets", "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}`,
		cond("Deny", "s3:*", "*", `{"Bool": {"aws:SecureTransport": "false"}}`),
	)
	if fs := Policy([]byte(src), eval.IdentityPolicy); len(fs) > 0 {
		t.Errorf("findings on a clean policy: %v", fs)
	}
}

func TestGrammarErrorsKeepOtherFindings(t *testing.T) {
	// Principal in an identity policy is an error, but the typo in the
	// action should still be reported.
	src := pol(`{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObjects", "Resource": "*"}`)
	fs := Policy([]byte(src), eval.IdentityPolicy)
	var codes []string
	for _, f := range fs {
		codes = append(codes, f.Code)
	}
	if !contains(codes, CodePrincipalNotAllowed) || !contains(codes, CodeUnknownAction) || contains(codes, CodePublicPrincipal) {
		t.Errorf("codes %v, want principal-not-allowed and unknown-action without public-principal", codes)
	}
	if !diag.HasErrors(fs) {
		t.Error("HasErrors is false")
	}
}

func TestFindingsSorted(t *testing.T) {
	src := noVersion(`{"Sid": "A", "Effect": "Allow", "Action": ["s4:X", "s3:GetObjects"], "Resource": "bucket"}`, `{"Sid": "A", "Effect": "Allow", "Action": "*", "Resource": "*"}`)
	fs := Policy([]byte(src), eval.IdentityPolicy)
	for i := 1; i < len(fs); i++ {
		if fs[i].Offset < fs[i-1].Offset {
			t.Fatalf("findings out of order: %v before %v", fs[i-1], fs[i])
		}
	}
	if len(fs) < 5 {
		t.Errorf("want at least 5 findings, got %v", fs)
	}
}

func TestDetect(t *testing.T) {
	for _, c := range []struct {
		src  string
		want eval.PolicyType
		ok   bool
	}{
		{pol(stmtOK), eval.IdentityPolicy, false},
		{pol(`{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}`), eval.ResourcePolicy, true},
		{pol(`{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}`), eval.TrustPolicy, true},
		{pol(`{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}`, stmtOK), eval.IdentityPolicy, false},
		{"{", eval.IdentityPolicy, false},
	} {
		got, ok := Detect([]byte(c.src))
		if got != c.want || ok != c.ok {
			t.Errorf("Detect(%s) = %v, %v; want %v, %v", c.src, got, ok, c.want, c.ok)
		}
	}
}

func TestKeyMatches(t *testing.T) {
	for _, c := range []struct {
		tmpl, key string
		want      bool
	}{
		{"s3:prefix", "S3:Prefix", true},
		{"aws:ResourceTag/${TagKey}", "aws:ResourceTag/team", true},
		{"aws:ResourceTag/${TagKey}", "aws:ResourceTag/", false},
		{"s3:ExistingObjectTag/<key>", "s3:existingobjecttag/env", true},
		{"kms:EncryptionContext:${EncryptionContextKey}", "kms:EncryptionContext:dept", true},
		{"ec2:Attribute/${AttributeName}", "ec2:Attribute", false},
		{"s3:prefix", "s3:prefixx", false},
	} {
		if got := keyMatches(c.tmpl, c.key); got != c.want {
			t.Errorf("keyMatches(%q, %q) = %v", c.tmpl, c.key, got)
		}
	}
}
