package trace

import (
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/eval"
	"github.com/iamlab/iamlab/internal/tui/theme"
	"github.com/iamlab/iamlab/internal/whynot"
)

// A real search's answer, drawn under the decision: each proposal's
// summary, its diff lines, its size and collateral, and the changed trace
// line; WhyNotLine points at the section's heading.
func TestWhyNotSectionFromARealAnswer(t *testing.T) {
	src := `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::acme-reports/*"}
  ]
}`
	in := &eval.Input{
		Request:  eval.Request{Principal: "arn:aws:iam::111122223333:user/dana", Action: "s3:ListBucket", Resource: "arn:aws:s3:::acme-reports"},
		Identity: []eval.PolicyRef{{Name: "ReadReports", Policy: mustPolicy(t, eval.IdentityPolicy, src)}},
	}
	sub, err := whynot.FromInputAt(in, []byte(src), 0)
	if err != nil {
		t.Fatal(err)
	}
	ans, err := whynot.Find(sub, whynot.Options{Others: func(whynot.State) int { return 2 }})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Proposals) == 0 {
		t.Fatal("no proposal for a missing action")
	}
	res := eval.Evaluate(in, eval.Options{Trace: true})
	w := FromAnswer(ans)
	w.Others = "other checks"
	m := New(theme.NewStyles(theme.Dark()))
	m.SetSize(160, 20)
	m.SetContent(&Content{Title: "dana lists", Hops: []Hop{{Result: res}}, Final: Final{Decision: res.Decision, Reason: res.Reason}})
	if m.WhyNotLine() != -1 {
		t.Fatalf("no section yet, but WhyNotLine = %d", m.WhyNotLine())
	}
	m.SetWhyNot(w)
	out := plain(m)
	p := ans.Proposals[0]
	for _, want := range []string{"Why not? the smallest changes that make it allowed", "1. " + p.Edits[0].Summary, "changes 2 other checks", "→ allowed"} {
		if !strings.Contains(out, want) {
			t.Errorf("section lacks %q\n%s", want, out)
		}
	}
	for _, d := range strings.Split(strings.TrimSpace(p.Edits[0].Diff), "\n") {
		if !strings.Contains(out, strings.TrimSpace(d)) {
			t.Errorf("section lacks diff line %q\n%s", d, out)
		}
	}
	if l := m.WhyNotLine(); l < 0 || !strings.Contains(plain2(m, l), "Why not?") {
		t.Fatalf("WhyNotLine %d does not point at the heading", l)
	}
}

func plain2(m Model, i int) string {
	return strings.Join(strings.Fields(strings.Join(strings.Split(plain(m), "\n")[i:i+1], "")), " ")
}

// Pending, empty and selected states say what they are.
func TestWhyNotSectionStates(t *testing.T) {
	m := New(theme.NewStyles(theme.Dark()))
	m.SetSize(80, 20)
	m.SetContent(&Content{Title: "x", Final: Final{Decision: eval.ImplicitDeny}})
	m.SetWhyNot(&WhyNot{Pending: true})
	if !strings.Contains(plain(m), "searching…") {
		t.Errorf("pending section:\n%s", plain(m))
	}
	m.SetWhyNot(&WhyNot{Goal: "allow"})
	if !strings.Contains(plain(m), "no small change") {
		t.Errorf("empty section:\n%s", plain(m))
	}
	m.SetWhyNot(&WhyNot{Goal: "deny", Selected: 1, Proposals: []Proposal{
		{Edits: []Edit{{Summary: "first"}}, Size: 1, Collateral: -1},
		{Edits: []Edit{{Summary: "second"}}, Size: 2, Collateral: -1},
	}})
	out := plain(m)
	if !strings.Contains(out, "▸ 2. second") || !strings.Contains(out, "  1. first") || !strings.Contains(out, "make it denied") {
		t.Errorf("selection not marked:\n%s", out)
	}
}
