package scenarios

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/iamlab/iamlab/internal/catalog"
	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/wildcard"
)

// The measure's properties, over generated policies: a pair that can never
// apply changes nothing, and widening or adding a grant never lowers
// breadth.

var (
	propActions = []string{
		"s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:ListAllMyBuckets", "s3:Get*", "s3:*",
		"iam:PassRole", "iam:GetRole", "dynamodb:GetItem", "dynamodb:Query", "kms:Decrypt", "kms:CreateKey",
		"ec2:DescribeInstances", "sts:GetCallerIdentity", "sqs:SendMessage",
	}
	propResources = []string{
		"*",
		"arn:aws:s3:::acme-app-data", "arn:aws:s3:::acme-app-data/*", "arn:aws:s3:::acme-app-data/config/settings.json",
		"arn:aws:s3:::acme-billing", "arn:aws:s3:::acme-billing/2026/*", "arn:aws:s3:::acme-*", "arn:aws:s3:::*",
		"arn:aws:iam::111122223333:role/app", "arn:aws:iam::111122223333:role/app/*", "arn:aws:iam::111122223333:role/*", "arn:aws:iam::*:role/app",
		"arn:aws:dynamodb:us-east-1:111122223333:table/Orders", "arn:aws:dynamodb:us-east-1:111122223333:table/Orders/index/*",
		"arn:aws:dynamodb:*:111122223333:table/Orders", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
		"arn:aws:sqs:us-east-1:111122223333:jobs", "arn:aws:sqs:us-east-1:111122223333:jobs-*",
	}
)

type propStatement struct {
	Effect   string
	Action   []string
	Resource []string
}

func propPolicy(t *rapid.T, label string) []propStatement {
	n := rapid.IntRange(1, 4).Draw(t, label+" statements")
	out := make([]propStatement, n)
	for i := range out {
		out[i] = propStatement{
			Effect:   "Allow",
			Action:   rapid.SliceOfNDistinct(rapid.SampledFrom(propActions), 1, 3, rapid.ID[string]).Draw(t, label+" actions"),
			Resource: rapid.SliceOfNDistinct(rapid.SampledFrom(propResources), 1, 3, rapid.ID[string]).Draw(t, label+" resources"),
		}
	}
	return out
}

func propGrants(t *rapid.T, sts []propStatement) []Grant {
	doc, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": sts})
	if err != nil {
		t.Fatal(err)
	}
	p, err := eval.Parse(doc, eval.IdentityPolicy)
	if err != nil {
		t.Fatalf("%s: %v", doc, err)
	}
	return grants("policy:111122223333/P", p)
}

// neverApplies lists the (action, resource) pairs of the pools that no
// resource type of the action fits.
func neverApplies() [][2]string {
	var out [][2]string
	for _, a := range propActions {
		if strings.Contains(a, "*") {
			continue
		}
		act, ok := catalog.Lookup(a)
		if !ok {
			continue
		}
		for _, r := range propResources {
			if !act.AppliesTo(r) {
				out = append(out, [2]string{a, r})
			}
		}
	}
	return out
}

func TestPropNeverApplyingPairChangesNothing(t *testing.T) {
	pairs := neverApplies()
	if len(pairs) < 20 {
		t.Fatalf("only %d never-applying pairs in the pools", len(pairs))
	}
	rapid.Check(t, func(t *rapid.T) {
		sts := propPolicy(t, "policy")
		before := propGrants(t, sts)
		pair := rapid.SampledFrom(pairs).Draw(t, "never-applying pair")
		after := propGrants(t, append(slices.Clone(sts), propStatement{Effect: "Allow", Action: []string{pair[0]}, Resource: []string{pair[1]}}))
		if b, a := Breadth(before), Breadth(after); a != b {
			t.Fatalf("adding %s on %s changed breadth %d → %d", pair[0], pair[1], b, a)
		}
		if len(after) != len(before) {
			t.Fatalf("adding %s on %s added %d grants", pair[0], pair[1], len(after)-len(before))
		}
	})
}

// widen returns a pattern that matches everything r matches and maybe
// more, by one of the edits a learner makes: a wildcard at the end, a '?'
// for a character, a wildcard for a whole field, or "*".
func widen(t *rapid.T, r string) string {
	if r == "*" {
		return r
	}
	// IAM refuses a wildcard in the service field: edits start after it.
	start := len(strings.Join(strings.SplitN(r, ":", 4)[:3], ":")) + 1
	switch rapid.IntRange(0, 3).Draw(t, "widening") {
	case 0:
		i := rapid.IntRange(start, len(r)).Draw(t, "cut")
		return r[:i] + "*"
	case 1:
		i := rapid.IntRange(start, len(r)-1).Draw(t, "char")
		if r[i] == ':' || r[i] == '*' {
			return r // '?' for '*' would narrow it
		}
		return r[:i] + "?" + r[i+1:]
	case 2:
		f := strings.SplitN(r, ":", 6)
		i := rapid.SampledFrom([]int{3, 4, 5}).Draw(t, "field")
		f[i] = "*"
		return strings.Join(f, ":")
	}
	return "*"
}

func TestPropWideningNeverLowersBreadth(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sts := propPolicy(t, "policy")
		i := rapid.IntRange(0, len(sts)-1).Draw(t, "statement")
		j := rapid.IntRange(0, len(sts[i].Resource)-1).Draw(t, "resource")
		narrow := sts[i].Resource[j]
		wide := widen(t, narrow)
		if !wildcard.Match(wide, narrow) {
			t.Fatalf("widen(%s) = %s does not cover it", narrow, wide)
		}
		after := slices.Clone(sts)
		after[i].Resource = slices.Clone(sts[i].Resource)
		after[i].Resource[j] = wide
		if b, a := Breadth(propGrants(t, sts)), Breadth(propGrants(t, after)); a < b {
			t.Fatalf("widening %s to %s lowered breadth %d → %d", narrow, wide, b, a)
		}
	})
}

func TestPropAddingNeverLowersBreadth(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sts := propPolicy(t, "policy")
		more := propPolicy(t, "more")
		b := Breadth(propGrants(t, sts))
		a := Breadth(propGrants(t, append(slices.Clone(sts), more...)))
		if a < b {
			t.Fatalf("adding statements lowered breadth %d → %d", b, a)
		}
		if twice := Breadth(propGrants(t, append(slices.Clone(sts), sts...))); twice != b {
			t.Fatalf("granting the same statements twice changed breadth %d → %d", b, twice)
		}
	})
}

// The ladder's landmarks, as the docs state them.
func TestBreadthLandmarks(t *testing.T) {
	g := func(a string, rs ...string) []Grant {
		var out []Grant
		for _, r := range rs {
			out = append(out, Grant{Action: a, Resource: r})
		}
		return out
	}
	cases := []struct {
		name string
		gs   []Grant
		want int
	}{
		{"one object ARN", g("s3:GetObject", "arn:aws:s3:::b/k"), 1},
		{"two objects in one bucket weigh its path", g("s3:GetObject", "arn:aws:s3:::b/k", "arn:aws:s3:::b/j", "arn:aws:s3:::b/i"), 2},
		{"a bucket's objects", g("s3:GetObject", "arn:aws:s3:::b/*"), 2},
		{"two buckets' objects", g("s3:GetObject", "arn:aws:s3:::b/*", "arn:aws:s3:::c/*"), 4},
		{"the objects of buckets named acme-…", g("s3:GetObject", "arn:aws:s3:::acme-*/*"), 5},
		{"every table in one account and Region", g("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/*"), 5},
		// Patterns that reach every ARN of a type the action acts on weigh
		// what "*" weighs: nothing is gained by spelling "*" another way.
		{"every object in every bucket", g("s3:GetObject", "arn:aws:s3:::*/*"), 10},
		{"every bucket", g("s3:ListBucket", "arn:aws:s3:::*"), 10},
		{"arn:*", g("s3:GetObject", "arn:*"), 10},
		{"every role in every account", g("iam:PassRole", "arn:aws:iam::*:role/*"), 10},
		{"a question mark is not a name", g("s3:ListBucket", "arn:aws:s3:::?"), 5},
		{"named buckets never pass a name wildcard", g("s3:GetObject", "arn:aws:s3:::a/*", "arn:aws:s3:::b/*", "arn:aws:s3:::c/*"), 5},
		{"everything", g("s3:GetObject", "*", "arn:aws:s3:::b/*"), 10},
		{"a listing action that supports only *", g("s3:ListAllMyBuckets", "*"), 1},
		{"a writing action that supports only *", g("kms:CreateKey", "*"), 5},
	}
	for _, c := range cases {
		if got := Breadth(c.gs); got != c.want {
			t.Errorf("%s: breadth %d, want %d", c.name, got, c.want)
		}
	}
	p, err := eval.Parse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`), eval.IdentityPolicy)
	if err != nil {
		t.Fatal(err)
	}
	if b := Breadth(grants("d", p)); b < 1000 {
		t.Errorf("s3:* on * weighs %d, want over 1000", b)
	}
}
