package lint

import (
	"testing"

	"github.com/iamlab/iamlab/internal/catalog"
	"github.com/iamlab/iamlab/internal/eval"
)

func mustParse(t *testing.T, src string, typ eval.PolicyType) *eval.Policy {
	t.Helper()
	p, err := eval.Parse([]byte(src), typ)
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, src)
	}
	return p
}

// sumLevels checks a set's counts add up from the names.
func sumLevels(t *testing.T, a ActionSet) {
	t.Helper()
	total := 0
	for _, s := range a.Services {
		n := 0
		for _, l := range s.Levels {
			if l.Count != len(l.Actions) {
				t.Errorf("%s %s: count %d, %d names", s.Prefix, l.Level, l.Count, len(l.Actions))
			}
			n += l.Count
		}
		if n != s.Count {
			t.Errorf("%s: count %d, levels sum to %d", s.Prefix, s.Count, n)
		}
		total += n
	}
	if total != a.Count {
		t.Errorf("set count %d, services sum to %d", a.Count, total)
	}
}

func TestGrantsMatchCatalogueExpansion(t *testing.T) {
	for _, pattern := range []string{"s3:*", "s3:Get*", "iam:Pass*", "*:Describe*"} {
		g := GrantsOf(mustParse(t, pol(`{"Effect": "Allow", "Action": "`+pattern+`", "Resource": "*"}`), eval.IdentityPolicy))
		want := len(catalog.Expand(pattern))
		if want == 0 {
			t.Fatalf("%s expands to nothing", pattern)
		}
		if got := g.Statements[0].Actions.Count; got != want {
			t.Errorf("%s: statement grants %d actions, catalog.Expand gives %d", pattern, got, want)
		}
		if g.Allowed.Count != want || g.Net.Count != want {
			t.Errorf("%s: allowed %d, net %d, want %d", pattern, g.Allowed.Count, g.Net.Count, want)
		}
		sumLevels(t, g.Allowed)
	}
}

func TestGrantsGroupS3ByAccessLevel(t *testing.T) {
	g := GrantsOf(mustParse(t, pol(`{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}`), eval.IdentityPolicy))
	if len(g.Allowed.Services) != 1 || g.Allowed.Services[0].Prefix != "s3" {
		t.Fatalf("services %+v, want s3 alone", g.Allowed.Services)
	}
	s3 := g.Allowed.Services[0]
	svc, _ := catalog.LookupService("s3")
	if s3.Total != len(svc.Actions) || s3.Count != s3.Total {
		t.Errorf("s3: %d of %d, want all %d", s3.Count, s3.Total, len(svc.Actions))
	}
	want := map[catalog.AccessLevel]int{}
	for _, a := range svc.Actions {
		want[a.AccessLevel]++
	}
	for i, l := range s3.Levels {
		if l.Count != want[l.Level] {
			t.Errorf("%s: %d actions, catalogue has %d", l.Level, l.Count, want[l.Level])
		}
		if i > 0 && levelIndex(l.Level) < levelIndex(s3.Levels[i-1].Level) {
			t.Errorf("levels out of order: %s after %s", l.Level, s3.Levels[i-1].Level)
		}
	}
}

func levelIndex(l catalog.AccessLevel) int {
	for i, x := range levelOrder {
		if x == l {
			return i
		}
	}
	return len(levelOrder)
}

func TestGrantsNotActionIsTheComplement(t *testing.T) {
	g := GrantsOf(mustParse(t, pol(`{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}`), eval.IdentityPolicy))
	want := len(catalog.Expand("*")) - len(catalog.Expand("s3:*"))
	if got := g.Statements[0].Actions.Count; got != want || g.Catalogue != len(catalog.Expand("*")) {
		t.Errorf("NotAction s3:* grants %d of %d, want %d", got, g.Catalogue, want)
	}
	for _, s := range g.Allowed.Services {
		if s.Prefix == "s3" {
			t.Error("s3 is in the complement of s3:*")
		}
	}
}

func TestGrantsDenyRemovesOnlyWhenUnconditional(t *testing.T) {
	src := pol(
		`{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}`,
		`{"Effect": "Deny", "Action": "s3:Delete*", "Resource": "*"}`,
		`{"Effect": "Deny", "Action": "s3:Put*", "Resource": "arn:aws:s3:::b/*"}`,
		cond("Deny", "s3:Get*", "*", `{"Bool": {"aws:SecureTransport": "false"}}`),
	)
	g := GrantsOf(mustParse(t, src, eval.IdentityPolicy))
	all, del := len(catalog.Expand("s3:*")), len(catalog.Expand("s3:Delete*"))
	if g.Net.Count != all-del {
		t.Errorf("net %d, want %d - %d", g.Net.Count, all, del)
	}
	// The Put* Deny on b/* denies only the Put actions on objects: the
	// bucket-level ones (PutBucketPolicy …) cannot apply to b/*.
	denied := map[*catalog.Action]bool{}
	for _, p := range []string{"s3:Delete*", "s3:Put*", "s3:Get*"} {
		for _, a := range catalog.Expand(p) {
			if p != "s3:Put*" || a.AppliesTo("arn:aws:s3:::b/*") {
				denied[a] = true
			}
		}
	}
	if g.Denied.Count != len(denied) {
		t.Errorf("denied %d, want %d", g.Denied.Count, len(denied))
	}
	if !g.Statements[3].Conditional || g.Statements[3].Effect != "Deny" {
		t.Errorf("statement 4: %+v", g.Statements[3])
	}
}

func TestGrantsReportUnmatchedPatterns(t *testing.T) {
	g := GrantsOf(mustParse(t, pol(`{"Sid": "X", "Effect": "Allow", "Action": ["s3:GetObjects", "s3:GetObject"], "Resource": "*"}`), eval.IdentityPolicy))
	s := g.Statements[0]
	if len(s.Unmatched) != 1 || s.Unmatched[0] != "s3:GetObjects" || s.Actions.Count != 1 || s.Label() != `"X"` {
		t.Errorf("statement %+v", s)
	}
}

// --grants agrees with lint: an action that no listed Resource can apply
// to (resource-mismatch, star-only-action) grants nothing, and is reported
// as such rather than counted.
func TestGrantsAgreeWithLintOnMismatches(t *testing.T) {
	src := pol(
		`{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket", "s3:ListAllMyBuckets"], "Resource": "arn:aws:s3:::b"}`,
		`{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"]}`,
	)
	g := GrantsOf(mustParse(t, src, eval.IdentityPolicy))
	first := g.Statements[0]
	if first.Actions.Count != 1 || len(first.Inapplicable) != 2 || first.Inapplicable[0] != "s3:GetObject" || first.Inapplicable[1] != "s3:ListAllMyBuckets" {
		t.Errorf("first statement: %d actions, inapplicable %v; want ListBucket only, GetObject and ListAllMyBuckets granting nothing", first.Actions.Count, first.Inapplicable)
	}
	if second := g.Statements[1]; second.Actions.Count != 2 || len(second.Inapplicable) != 0 {
		t.Errorf("second statement: %d actions, inapplicable %v", second.Actions.Count, second.Inapplicable)
	}
	// Every action lint reports as mismatched is one --grants says grants nothing.
	lintSays := map[string]bool{}
	for _, f := range Policy([]byte(src), eval.IdentityPolicy) {
		if f.Code == CodeResourceMismatch || f.Code == CodeStarOnlyAction {
			lintSays[f.Where()] = true
		}
	}
	if len(lintSays) != len(first.Inapplicable) {
		t.Errorf("lint reports %d mismatched actions, --grants %d", len(lintSays), len(first.Inapplicable))
	}
	// A bucket policy without Resource, and a malformed ARN, claim nothing.
	if g := GrantsOf(mustParse(t, pol(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "bucket/*"}`), eval.IdentityPolicy)); len(g.Statements[0].Inapplicable) != 0 {
		t.Errorf("a malformed ARN made %v inapplicable", g.Statements[0].Inapplicable)
	}
}
