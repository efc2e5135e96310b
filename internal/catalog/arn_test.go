package catalog

import (
	"regexp"
	"testing"
)

func mustType(t *testing.T, service, name string) *ResourceType {
	t.Helper()
	rt, ok := ResourceTypeOf(service, name)
	if !ok {
		t.Fatalf("no %s %s", service, name)
	}
	return rt
}

func TestMatches(t *testing.T) {
	for _, tc := range []struct {
		service, typ, arn string
		want              bool
	}{
		{"s3", "object", "arn:aws:s3:::b/k/x.csv", true},
		{"s3", "object", "arn:aws:s3:::b/k:with:colons", true},
		{"s3", "object", "arn:aws:s3:::b", false},
		{"s3", "object", "arn:aws:s3:::b/", false}, // a key has at least one character
		{"s3", "bucket", "arn:aws:s3:::b", true},
		{"s3", "bucket", "arn:aws-cn:s3:::my-bucket", true},
		{"s3", "bucket", "arn:aws:s3:::b/k", false},
		{"s3", "bucket", "arn:aws:s3:us-east-1::b", false},
		{"s3", "bucket", "ARN:aws:s3:::b", false}, // ARNs are case-sensitive
		{"iam", "role", "arn:aws:iam::123456789012:role/service-role/MyRole", true},
		{"iam", "role", "arn:aws:iam::123456789012:role/MyRole", true},
		{"iam", "role", "arn:aws:iam::123456789012:user/MyRole", false},
		{"iam", "role", "arn:aws:iam:us-east-1:123456789012:role/MyRole", false},
		{"dynamodb", "table", "arn:aws:dynamodb:us-east-1:123456789012:table/T", true},
		{"dynamodb", "table", "arn:aws:dynamodb:us-east-1:123456789012:table/T/index/I", false},
		{"dynamodb", "index", "arn:aws:dynamodb:us-east-1:123456789012:table/T/index/I", true},
		{"logs", "log-group", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f", true},
		{"logs", "log-stream", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:log-stream:s", true},
		{"logs", "log-stream", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f", false},
		{"secretsmanager", "Secret", "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf", true},
		{"lambda", "function", "arn:aws:lambda:us-east-1:123456789012:function:f", true},
		{"lambda", "function", "arn:aws:lambda:us-east-1:123456789012:layer:f", false},
		{"sqs", "queue", "arn:aws:sqs:us-east-1:123456789012:q", true},
		{"sqs", "queue", "arn:aws:sqs:us-east-1::q", false}, // the account is required
		{"kms", "key", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab", true},
		{"kms", "key", "arn:aws:kms:us-east-1:123456789012:alias/x", false},
	} {
		if got := mustType(t, tc.service, tc.typ).Matches(tc.arn); got != tc.want {
			t.Errorf("%s %s Matches(%q) = %v", tc.service, tc.typ, tc.arn, got)
		}
	}
}

func TestMatchesPattern(t *testing.T) {
	for _, tc := range []struct {
		service, typ, pattern string
		want                  bool
	}{
		{"s3", "object", "*", true},
		{"s3", "bucket", "*", true},
		{"s3", "object", "arn:aws:s3:::bucket", false},
		{"s3", "object", "arn:aws:s3:::bucket/*", true},
		{"s3", "object", "arn:aws:s3:::bucket/", false},
		{"s3", "object", "arn:aws:s3:::bucket*", true}, // the star can take "/key"
		{"s3", "object", "arn:aws:s3:::*", true},
		{"s3", "object", "arn:*:s3:::b/k", true},
		{"s3", "object", "arn:aws:s3:::b/home/${aws:username}/*", true},
		{"s3", "bucket", "arn:aws:s3:::bucket", true},
		{"s3", "bucket", "arn:aws:s3:::bucket/*", false},
		{"s3", "bucket", "arn:aws:s3:::*/*", false},
		{"s3", "bucket", "arn:aws:s3:::*", true},
		{"s3", "bucket", "arn:aws:s3:::b?cket", true},
		{"s3", "bucket", "arn:aws:s3:::?", true},
		{"s3", "bucket", "arn:aws:s3:::", false},
		{"s3", "bucket", "arn:aws:s3:*:*:bucket", true}, // each '*' can be empty
		{"s3", "bucket", "arn:aws:s3:?::bucket", false}, // but bucket ARNs have no region
		{"s3", "bucket", "arn:aws:s3", false},
		{"s3", "bucket", "arn:aws:s3*", true},
		{"s3", "bucket", "arn:aws:*:::b", true},
		{"s3", "bucket", "arn:aws:s3:*:*:*:b", true}, // the resource field holds colons
		{"s3", "object", "arn:aws:s3:::b/*:*", true},
		// A wildcard in a fixed field stays inside it.
		{"dynamodb", "index", "arn:aws:dynamodb:*:*:table/T", false},
		{"s3", "bucket", "arn:aws:s3:::${*}", true}, // a literal '*' is still one character
		{"s3", "bucket", "arn:aws:ec2:::b", false},
		{"s3", "bucket", "arn:aws:s3:::b*", true},
		{"iam", "role", "arn:aws:iam::*:role/*", true},
		{"iam", "role", "arn:aws:iam::123456789012:role/path/*", true},
		{"iam", "role", "arn:aws:iam::123456789012:user/*", false},
		{"iam", "user", "arn:aws:iam::*:*", true},
		{"iam", "role", "arn:aws:iam::*", true}, // the star takes ":role/…"
		{"dynamodb", "table", "arn:aws:dynamodb:*:*:table/T", true},
		{"dynamodb", "table", "arn:aws:dynamodb:*:*:table/T/index/*", false},
		{"dynamodb", "index", "arn:aws:dynamodb:*:*:table/T/index/*", true},
		{"dynamodb", "table", "arn:aws:dynamodb:*:*:table/*", true},
		{"dynamodb", "index", "arn:aws:dynamodb:*:*:table/*", true},
		// Policies write log groups with a ":*" suffix; that must still fit.
		{"logs", "log-group", "arn:aws:logs:*:*:log-group:/aws/lambda/*:*", true},
		{"logs", "log-stream", "arn:aws:logs:*:*:log-group:/aws/lambda/*:*", true},
		{"logs", "log-stream", "arn:aws:logs:*:*:log-group:/aws/lambda/f", false},
		{"lambda", "function", "arn:aws:lambda:*:*:function:*", true},
		{"lambda", "function", "arn:aws:lambda:*:*:layer:*", false},
		{"kms", "key", "arn:aws:kms:*:*:alias/*", false},
		{"kms", "alias", "arn:aws:kms:*:*:alias/*", true},
	} {
		if got := mustType(t, tc.service, tc.typ).MatchesPattern(tc.pattern); got != tc.want {
			t.Errorf("%s %s MatchesPattern(%q) = %v", tc.service, tc.typ, tc.pattern, got)
		}
	}
}

var placeholder = regexp.MustCompile(`\$\{[^}]*\}`)

// Every template must accept the ARN made by filling in its own
// placeholders, and its own text read as a pattern.
func TestEveryTemplateMatchesItself(t *testing.T) {
	for _, s := range Services() {
		for _, rt := range s.ResourceTypes {
			for _, tmpl := range rt.ARNTemplates {
				arn := placeholder.ReplaceAllString(tmpl, "x1")
				if !rt.Matches(arn) {
					t.Errorf("%s %s: template %s rejects %s", s.Prefix, rt.Name, tmpl, arn)
				}
				if !rt.MatchesPattern(placeholder.ReplaceAllString(tmpl, "*")) {
					t.Errorf("%s %s: template %s rejects its own pattern", s.Prefix, rt.Name, tmpl)
				}
				if !rt.MatchesPattern("*") {
					t.Errorf("%s %s rejects *", s.Prefix, rt.Name)
				}
			}
		}
	}
}
