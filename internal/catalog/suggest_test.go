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

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "abc", 3}, {"abc", "abc", 0},
		{"getobject", "getobjects", 1}, {"getobjet", "getobject", 1},
		{"ab", "ba", 1}, {"kitten", "sitting", 3}, {"ca", "abc", 3},
	} {
		if got := editDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := editDistance(tc.b, tc.a); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.b, tc.a, got, tc.want)
		}
	}
}
