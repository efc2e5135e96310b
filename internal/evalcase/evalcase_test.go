package evalcase

import (
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
)

const good = `{"cases": [
 {"name": "a", "request": {"principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:GetObject",
   "resource": "arn:aws:s3:::b/k", "context": {"aws:TagKeys": ["x", "y"], "aws:SourceIp": "203.0.113.7", "n": 5}},
  "identityPolicies": [{"name": "Read", "policy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}}],
  "scps": [{"id": "r-root", "policies": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}]}],
  "expect": "allowed"}
]}`

func TestParseShapes(t *testing.T) {
	cs, err := Parse("f.json", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	c := cs[0]
	if c.Name != "a" || c.Expect != eval.Allowed || c.Input.Identity[0].Name != "Read" || c.Input.SCPs[0].ID != "r-root" {
		t.Fatalf("case read wrong: %+v", c)
	}
	if v, _ := c.Input.Request.Context.Get("aws:tagkeys"); !v.Multi || len(v.Values) != 2 {
		t.Fatalf("a list must be a multivalued key: %+v", v)
	}
	if v, _ := c.Input.Request.Context.Get("n"); v.Multi || v.Values[0] != "5" {
		t.Fatalf("a number is a single value: %+v", v)
	}
	// A single case object and a bare list read the same.
	one := good[strings.Index(good, "{\"name\"") : strings.LastIndex(good, "}\n]")+1]
	for _, src := range []string{one, "[" + one + "]"} {
		cs, err := Parse("f.json", []byte(src))
		if err != nil || len(cs) != 1 {
			t.Fatalf("shape not accepted: %v", err)
		}
	}
}

func TestTrustActionsMakeTheResourcePolicyRequired(t *testing.T) {
	src := `{"request": {"principal": "arn:aws:iam::111111111111:user/bob", "action": "sts:AssumeRole", "resource": "arn:aws:iam::111111111111:role/deploy"},
	 "identityPolicies": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}}],
	 "resourcePolicy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": "sts:AssumeRole"}}}`
	cs, err := Parse("t.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	in := cs[0].Input
	if !in.ResourcePolicyRequired || in.Resource.Policy.Type != eval.TrustPolicy {
		t.Fatalf("trust policy not recognised: required=%v type=%v", in.ResourcePolicyRequired, in.Resource.Policy.Type)
	}
}

func TestPositionedErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"json", "{\"cases\": [\n  {\"request\": }\n]}", "f.json:2:15: unexpected character '}'"},
		{"unknown key", "{\"request\": {\"principal\": \"*\", \"action\": \"s3:GetObject\"},\n \"expcet\": \"allowed\"}", "f.json:2:2: unknown case key \"expcet\""},
		{"bad expect", "{\"request\": {\"principal\": \"*\", \"action\": \"s3:GetObject\"}, \"expect\": \"deny\"}", "f.json:1:69: expect \"deny\" is not a decision"},
		{"policy error", "{\"request\": {\"principal\": \"*\", \"action\": \"s3:GetObject\"},\n \"identityPolicies\": [{\"Statement\": {\"Effect\": \"allow\", \"Action\": \"*\", \"Resource\": \"*\"}}]}", "f.json:2:48: in the identity policy \"identity policy\": Effect \"allow\" is not valid; expected \"Allow\" or \"Deny\" (Effect is case-sensitive)"},
		{"missing request", `[{"name": "x"}]`, "f.json:1:2: case 1 has no \"request\""},
		{"request key", "{\"request\": {\"principal\": \"*\", \"acton\": \"s3:GetObject\"}}", "unknown request key \"acton\""},
	} {
		_, err := Parse("f.json", []byte(tc.src))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
		}
	}
}
