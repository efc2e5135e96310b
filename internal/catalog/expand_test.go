package catalog

import (
	"regexp"
	"strings"
	"testing"
)

// expectedExpansion counts matches the slow, independent way: translate
// the pattern to a regular expression and try every full action name.
func expectedExpansion(pattern string) []string {
	re := regexp.MustCompile(`(?i)^` + strings.NewReplacer(`\*`, `.*`, `\?`, `.`).Replace(regexp.QuoteMeta(pattern)) + `$`)
	var out []string
	for _, s := range Services() {
		for _, a := range s.Actions {
			if re.MatchString(s.Prefix + ":" + a.Name) {
				out = append(out, a.FullName())
			}
		}
	}
	return out
}

func names(actions []*Action) []string {
	var out []string
	for _, a := range actions {
		out = append(out, a.FullName())
	}
	return out
}

func TestExpandAgainstData(t *testing.T) {
	for _, pattern := range []string{
		"*", "s3:*", "s3:Get*", "S3:get*", "*:Describe*", "s3:?etObject",
		"iam:*Role*", "ec2:*Vpc?", "s?s:*", "*:*Tag*", "ec*:Create*",
		"s3*", "*Object", "s3:GetObject", "S3:GETOBJECT", "s3?GetObject",
		"s3:", "nosuch:*", "s3:GetObjects", "*:*:*", ":", "",
	} {
		got := names(Expand(pattern))
		want := expectedExpansion(pattern)
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("Expand(%q): got %d actions, want %d", pattern, len(got), len(want))
		}
	}
}

func TestExpandFacts(t *testing.T) {
	if n := len(Expand("*")); n != 22091 {
		t.Errorf("Expand(*) = %d actions", n)
	}
	if got := names(Expand("s3:?etObject")); strings.Join(got, ",") != "s3:GetObject" {
		t.Errorf("s3:?etObject = %v", got)
	}
	if got := names(Expand("S3:getobject")); len(got) != 1 || got[0] != "s3:GetObject" {
		t.Errorf("S3:getobject = %v", got)
	}
	got := names(Expand("*:Describe*"))
	if len(got) < 1000 || got[0] > got[len(got)-1] {
		t.Errorf("*:Describe* = %d actions, first %v", len(got), got[:1])
	}
	for _, n := range got {
		if !strings.Contains(n, ":Describe") {
			t.Fatalf("*:Describe* returned %s", n)
		}
	}
	if Expand("nosuch:*") != nil {
		t.Error("unknown service expanded")
	}
}
