package catalog

import (
	"slices"
	"testing"
)

func TestSuggest(t *testing.T) {
	for _, tc := range []struct {
		in    string
		first string
	}{
		{"s3:GetObjects", "s3:GetObject"},
		{"s3:getobjet", "s3:GetObject"},
		{"s3:GetObejct", "s3:GetObject"}, // swapped letters
		{"S3:GETOBJECT", "s3:GetObject"}, // exists: its own spelling first
		{"s4:GetObject", "s3:GetObject"},
		{"lamda:InvokeFunction", "lambda:InvokeFunction"},
		{"iam:PasRole", "iam:PassRole"},
		{"ec2:DescribeInstance", "ec2:DescribeInstances"},
		{"GetCallerIdentity", "sts:GetCallerIdentity"}, // no service given
	} {
		got := Suggest(tc.in, 3)
		if len(got) == 0 || got[0] != tc.first {
			t.Errorf("Suggest(%q) = %v, want %s first", tc.in, got, tc.first)
		}
		if len(got) > 3 {
			t.Errorf("Suggest(%q, 3) returned %d", tc.in, len(got))
		}
	}
	for _, in := range []string{"s3:CompletelyDifferentThing", "zzzzzzzz:GetObject", "s3:"} {
		if got := Suggest(in, 3); len(got) != 0 {
			t.Errorf("Suggest(%q) = %v, want nothing", in, got)
		}
	}
	if got := Suggest("s3:GetObject", 0); got != nil {
		t.Errorf("n=0 gave %v", got)
	}
	// Results are deterministic.
	if a, b := Suggest("s3:Get", 5), Suggest("s3:Get", 5); !slices.Equal(a, b) {
		t.Errorf("nondeterministic: %v vs %v", a, b)
	}
}
