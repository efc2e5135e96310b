package whynot

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/evalcase"
)

type corpusCase struct {
	name string
	c    *evalcase.Case
	src  []byte
}

// corpus reads the engine's evaluation cases, which live in the repository.
func corpus(t testing.TB) []corpusCase {
	t.Helper()
	files, _ := filepath.Glob("../eval/testdata/cases/*.json")
	if len(files) == 0 {
		t.Fatal("no evaluation cases in ../eval/testdata/cases")
	}
	var out []corpusCase
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		cs, err := evalcase.Parse(filepath.Base(f), src)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			out = append(out, corpusCase{name: filepath.Base(f) + ":" + c.Name, c: c, src: src})
		}
	}
	return out
}

// Every proposal, applied alone, flips the decision; no single edit of the
// same kind that is smaller flips it too; and nothing is proposed twice.
func TestCorpusProposalsFlipAndAreMinimal(t *testing.T) {
	all := corpus(t)
	rng := rand.New(rand.NewSource(7))
	rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	n := 250
	if testing.Short() {
		n = 60
	}
	checked, withProposal := 0, 0
	for _, cc := range all {
		if checked >= n {
			break
		}
		s, err := FromInput(&cc.c.Input, cc.src)
		if err != nil {
			t.Fatalf("%s: %v", cc.name, err)
		}
		base, err := s.Run(State{})
		if err != nil {
			t.Fatalf("%s: %v", cc.name, err)
		}
		checked++
		ans, err := Find(s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if ans.Decision != base.Decision {
			t.Fatalf("%s: answer says %s, run says %s", cc.name, ans.Decision, base.Decision)
		}
		if len(ans.Proposals) > 0 {
			withProposal++
		}
		seen := map[string]bool{}
		for _, p := range ans.Proposals {
			r, err := s.Run(p.state)
			if err != nil {
				t.Fatalf("%s: proposal does not compile: %v", cc.name, err)
			}
			if denied(r.Decision) == denied(base.Decision) {
				t.Errorf("%s: proposal %v leaves the decision %s", cc.name, summaries(p), r.Decision)
			}
			if p.After != r.Decision {
				t.Errorf("%s: proposal says %s, re-run says %s", cc.name, p.After, r.Decision)
			}
			k := stateKey(p.state)
			if seen[k] {
				t.Errorf("%s: proposal %v twice", cc.name, summaries(p))
			}
			seen[k] = true
			if len(p.Edits) == 1 {
				assertNoSmallerFlip(t, cc.name, s, base, p.Edits[0], ans.Proposals)
			}
		}
	}
	if withProposal < checked/3 {
		t.Errorf("only %d of %d cases got a proposal", withProposal, checked)
	}
	t.Logf("%d cases, %d with proposals", checked, withProposal)
}

// assertNoSmallerFlip: a smaller single edit of the same kind that flips the
// decision too must be among the proposals shown.
func assertNoSmallerFlip(t *testing.T, name string, s Subject, base Run, e Edit, shown []Proposal) {
	t.Helper()
	sr := &searcher{s: s, docs: map[string]Doc{}, wantAllow: denied(base.Decision)}
	for _, d := range s.Docs() {
		sr.docs[d.ID] = d
	}
	for _, c := range sr.candidates(node{state: State{}, run: base}) {
		if c.Kind != e.Kind || c.Size >= e.Size || isShown(c, shown) {
			continue
		}
		st := State{Sources: map[string]string{}, Context: map[string]string{}}
		if c.Doc != "" {
			st.Sources[c.Doc] = c.sp.apply(sr.docs[c.Doc].Source)
		} else {
			st.Context[c.Key] = c.Value
		}
		r, err := s.Run(st)
		if err == nil && denied(r.Decision) != denied(base.Decision) {
			t.Errorf("%s: %q (size %d) flips too and is smaller than %q (size %d)", name, c.Summary, c.Size, e.Summary, e.Size)
		}
	}
}

func isShown(e Edit, shown []Proposal) bool {
	for _, p := range shown {
		if len(p.Edits) == 1 && p.Edits[0].Summary == e.Summary && p.Edits[0].Doc == e.Doc {
			return true
		}
	}
	return false
}

func summaries(p Proposal) []string {
	var out []string
	for _, e := range p.Edits {
		out = append(out, e.Summary)
	}
	return out
}

func mustFind(t *testing.T, src string) Answer {
	t.Helper()
	cs, err := evalcase.Parse("t.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	s, err := FromInput(&cs[0].Input, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	ans, err := Find(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ans
}

func TestMissingActionIsAddedToTheStatement(t *testing.T) {
	src := `{"request": {"principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:ListBucket", "resource": "arn:aws:s3:::reports"},
 "identityPolicies": [{"name": "Reports", "policy": {"Version": "2012-10-17", "Statement": [
   {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]}]}}]}`
	ans := mustFind(t, src)
	if ans.Goal != "allow" || len(ans.Proposals) == 0 {
		t.Fatalf("no proposal: %+v", ans)
	}
	first := ans.Proposals[0].Edits[0]
	if first.Kind != AddAction || !strings.Contains(first.Diff, `+ `) || !strings.Contains(first.Diff, `["s3:GetObject", "s3:ListBucket"]`) {
		t.Fatalf("first proposal %+v", first)
	}
	if !strings.Contains(first.Summary, `statement "Read" in Reports`) {
		t.Errorf("summary %q", first.Summary)
	}
}

func TestExplicitDenyIsLiftedAndTheContextOffered(t *testing.T) {
	src := `{"request": {"principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:DeleteObject", "resource": "arn:aws:s3:::reports/a",
   "context": {"aws:MultiFactorAuthPresent": "false"}},
 "identityPolicies": [{"name": "Reports", "policy": {"Version": "2012-10-17", "Statement": [
   {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
   {"Sid": "NeedMFA", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}]}}]}`
	ans := mustFind(t, src)
	var kinds []Kind
	for _, p := range ans.Proposals {
		kinds = append(kinds, p.Edits[0].Kind)
	}
	if len(ans.Proposals) == 0 || ans.Proposals[0].Edits[0].Kind != SupplyContext || ans.Proposals[0].Edits[0].Value != "true" {
		t.Fatalf("want MFA first, got %v", kinds)
	}
	found := false
	for _, p := range ans.Proposals {
		if p.Edits[0].Kind == RemoveStatement {
			found = true
		}
	}
	if !found {
		t.Errorf("want removing the Deny among %v", kinds)
	}
}

// A cross-account read needs both sides: the caller's policy and the
// bucket policy. One proposal holds both edits.
func TestCrossAccountNeedsBothSides(t *testing.T) {
	src := `{"request": {"principal": "arn:aws:iam::222222222222:user/carol", "action": "s3:GetObject", "resource": "arn:aws:s3:::reports/a", "resourceAccount": "111111111111"},
 "identityPolicies": [{"name": "CarolPolicy", "policy": {"Version": "2012-10-17", "Statement": [
   {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}}],
 "resourcePolicy": {"name": "ReportsBucket", "policy": {"Version": "2012-10-17", "Statement": [
   {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}}}`
	ans := mustFind(t, src)
	if len(ans.Proposals) == 0 {
		t.Fatal("no proposal")
	}
	p := ans.Proposals[0]
	docs := map[string]bool{}
	for _, e := range p.Edits {
		docs[e.Doc] = true
	}
	if !docs["identityPolicies[0]"] || !docs["resourcePolicy"] || p.After != eval.Allowed {
		t.Fatalf("want edits on both sides, got %v", summaries(p))
	}
}

func TestAllowedRequestGetsADenyWithLeastCollateral(t *testing.T) {
	src := `{"request": {"principal": "arn:aws:iam::111111111111:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::payroll/a"},
 "identityPolicies": [{"name": "Broad", "policy": {"Version": "2012-10-17", "Statement": [
   {"Sid": "All", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"}]}}]}`
	ans := mustFind(t, src)
	if ans.Goal != "deny" || len(ans.Proposals) == 0 {
		t.Fatalf("%+v", ans)
	}
	for _, p := range ans.Proposals {
		if p.After == eval.Allowed {
			t.Errorf("proposal %v does not deny", summaries(p))
		}
	}
}

func TestNothingToEditMeansNoProposal(t *testing.T) {
	src := `{"request": {"principal": "*", "action": "s3:GetObject", "resource": "arn:aws:s3:::reports/a", "resourceAccount": "111111111111"}}`
	ans := mustFind(t, src)
	if len(ans.Proposals) != 0 {
		t.Fatalf("got %v", ans.Proposals)
	}
}
