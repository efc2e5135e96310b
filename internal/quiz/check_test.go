package quiz

import (
	"strings"
	"testing"

	"github.com/iamlab/iamlab/internal/diag"
)

func checkOf(t *testing.T, yaml string) []diag.Diagnostic {
	t.Helper()
	b, probs := bankOf(t, map[string]string{"t.yaml": yaml})
	if len(probs) > 0 {
		t.Fatalf("load: %v", probs)
	}
	return Check(b)
}

func TestCheckRules(t *testing.T) {
	replace := func(old, new string) string {
		return strings.Replace(item("x-1", "implicit-deny"), old, new, 1)
	}
	cases := []struct {
		name, yaml, code, frag string
		line                   int
	}{
		{"duplicate id", item("same", "implicit-deny") + item("same", "explicit-deny"), CodeDuplicateID, "also used at quiz/t.yaml:1", 16},
		{"id not kebab", item("Bad_ID", "implicit-deny"), CodeBadValue, `"bad-id"`, 1},
		{"missing stem", replace("  stem: Which policy type can grant access on its own?\n", ""), CodeMissing, "no stem", 0},
		{"no exam", replace("[SAA-C03 1.1]", "[]"), CodeUntagged, "no exam task", 12},
		{"bad exam", replace("[SAA-C03 1.1]", "[SAA-C03 2.1]"), CodeBadTask, "1.1, 1.2, 1.3", 12},
		{"no topic", replace("[implicit-deny]", "[]"), CodeUntagged, "no topic", 13},
		{"bad topic", replace("[implicit-deny]", "[boundary]"), CodeBadTopic, "did you mean permissions-boundary", 13},
		{"missing why", replace("      why: SCPs only limit.\n", ""), CodeMissing, "option b has no rationale", 8},
		{"two correct", replace("      why: SCPs only limit.", "      correct: true\n      why: SCPs only limit."), CodeKey, "exactly one correct", 4},
		{"too few options", replace("    - text: A permissions boundary\n      why: Boundaries only cap.\n", ""), CodeShape, "has 2 options", 4},
		{"difficulty", replace("difficulty: 1", "difficulty: 4"), CodeBadValue, "difficulty 4", 14},
		{"explanation", replace("  explanation: Only Allow statements in identity or resource policies grant.\n", ""), CodeMissing, "no explanation", 0},
		{"duplicate option id", replace("    - text: A service", "    - id: a\n      text: A service"), CodeDuplicateID, `option id "a"`, 8},
		{"multiple without choose", replace("type: single", "type: multiple"), CodeMissing, "choose: N", 0},
		{"multiple count", replace("type: single", "type: multiple\n  choose: 2"), CodeKey, "1 options are marked correct", 5},
		{"single with choose", replace("type: single", "type: single\n  choose: 2"), CodeBadValue, "choose: is for type: multiple", 3},
		{"same user", replace("Which policy type can grant", "The same user asks which policy type can grant"), CodeDependentStem, `"The same"`, 3},
		{"after the fix", replace("Which policy type can grant", "After the MFA policy is fixed with BoolIfExists, which policy type can grant"), CodeDependentStem, "After the MFA policy is fixed", 3},
		{"previous question", replace("Which policy type can grant", "As in the previous question, which policy type can grant"), CodeDependentStem, "previous question", 3},
		{"retired only", replace("[SAA-C03 1.1]", "[SCS-C02 4.2]"), CodeUntagged, "no task on a current exam", 12},
		{"bad source", replace("  explanation:", "  sources: [iam docs]\n  explanation:"), CodeBadValue, "https URL of an AWS documentation page", 15},
		{"steps on single", replace("  exam:", "  steps: [{text: a, why: b}]\n  exam:"), CodeBadValue, "steps: does not belong", 12},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := checkOf(t, c.yaml)
			f := mustFind(t, fs, c.code, c.frag, c.line)
			if f.Severity != diag.Error || f.File != "quiz/t.yaml" {
				t.Errorf("got %s", f)
			}
		})
	}
}

// Stems that compare within themselves are not dependent.
func TestDependentStemKeepsSelfContainedComparisons(t *testing.T) {
	for _, stem := range []string{
		"Role A and bucket B are in the same account. Can A read B?",
		"Three stakeholders want the same effect, \"no one may use DynamoDB\".",
		"A policy version was replaced; how do you restore the previous version of the policy?",
		"Which principal can still stop logging?",
	} {
		if p, ok := dependentStem(stem); ok {
			t.Errorf("%q flagged for %q", stem, p)
		}
	}
	for _, stem := range []string{
		"**The same** *EUOnly* SCP is attached to the root.",
		"Now the bucket policy also denies.",
		"After the trust policy has been corrected, bob assumes the role.",
		"Using the setup from the earlier question, what happens?",
	} {
		if _, ok := dependentStem(stem); !ok {
			t.Errorf("%q not flagged", stem)
		}
	}
}

// SCS-C03 D6 stays parseable for saved history, but new items are pointed
// at the Domain 6 skills.
func TestCheckWarnsOnHistoryOnlyTask(t *testing.T) {
	y := strings.Replace(item("x-1", "implicit-deny"), "[SAA-C03 1.1]", "[SAA-C03 1.1, SCS-C03 D6]", 1)
	f := mustFind(t, checkOf(t, y), CodeBadTask, "SCS-C03 6.1.3", 12)
	if f.Severity != diag.Warning {
		t.Errorf("got %s", f)
	}
}

func TestCheckOrderingAndMatching(t *testing.T) {
	head := "- id: o\n  stem: Order them.\n  exam: [SCS-C03 4.1.3]\n  topics: [credential-revocation]\n  difficulty: 2\n  explanation: Contain first.\n"
	fs := checkOf(t, head+"  type: ordering\n  steps:\n    - {text: one, why: first}\n    - {text: one, why: again}\n")
	mustFind(t, fs, CodeShape, "3 to 7 steps", 8)
	mustFind(t, fs, CodeDuplicateID, "same text as step 1", 10)
	fs = checkOf(t, head+"  type: ordering\n  steps:\n    - {text: one, why: first}\n    - {text: two}\n    - {text: three, why: last}\n")
	mustFind(t, fs, CodeMissing, "step 2 has no rationale", 10)
	fs = checkOf(t, head+"  type: matching\n  pairs:\n    - {left: a, right: X, why: w}\n    - {left: b, right: Y, why: w}\n    - {left: c, right: '', why: w}\n  extras:\n    - {text: X, why: w}\n    - {text: Z}\n")
	mustFind(t, fs, CodeMissing, "pair 3 has no right", 11)
	mustFind(t, fs, CodeKey, `extra response "X" also matches`, 13)
	mustFind(t, fs, CodeMissing, "extra response 2 has no rationale", 14)
}

const policyItem = `- id: p
  type: policy
  world:
    accounts:
      - id: "111122223333"
        name: Analytics
        users:
          - name: alice
            inline:
              - name: ReadAll
                document: |
                  {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
        buckets:
          - name: reports
  call:
    as: user alice
    action: s3:GetObject
    resource: s3://reports/q3.csv
  ask: ASK
  answer: {decision: DECISION, decidedBy: LAYER}
  exam: [SAA-C03 1.1]
  topics: [implicit-deny]
  difficulty: 1
  explanation: An identity-based Allow in the same account is enough.
`

func policyYAML(ask, decision, layer string) string {
	r := strings.NewReplacer("ASK", ask, "DECISION", decision, "LAYER", layer)
	return r.Replace(policyItem)
}

func TestCheckPolicyItems(t *testing.T) {
	if fs := checkOf(t, policyYAML("both", "allowed", "identity")); len(fs) > 0 {
		t.Fatalf("a correct policy item must be clean:\n%s", joinFindings(fs))
	}
	fs := checkOf(t, policyYAML("both", "implicitDeny", "resource"))
	mustFind(t, fs, CodeAnswerKey, "engine decides allowed", 20)
	mustFind(t, fs, CodeAnswerKey, "engine says identity", 20)

	b, probs := bankOf(t, map[string]string{"t.yaml": policyYAML("maybe", "denied", "scpp")})
	all := append(probs, Check(b)...)
	mustFind(t, all, CodeBadValue, `ask "maybe"`, 19)
	mustFind(t, all, CodeBadValue, `decision "denied"`, 20)
	mustFind(t, all, CodeBadValue, `decidedBy "scpp"`, 20)

	fs = checkOf(t, strings.Replace(policyYAML("decision", "allowed", "identity"), "user alice", "user alicia", 1))
	mustFind(t, fs, CodeCall, "cannot be evaluated", 15)

	fs = checkOf(t, strings.Replace(policyYAML("decision", "allowed", "identity"), `"111122223333"`, `"1234"`, 1))
	mustFind(t, fs, CodeBadValue, `account id "1234"`, 5)

	y := policyYAML("decision", "allowed", "identity")
	i := strings.Index(y, "                document: |")
	j := strings.Index(y, "        buckets:")
	fs = checkOf(t, y[:i]+"                file: p.json\n"+y[j:])
	mustFind(t, fs, CodeBadValue, "cannot be used in the quiz bank", 11)
}

func TestPolicyOptionsCarryTheKey(t *testing.T) {
	for _, ask := range []string{"decision", "layer", "both"} {
		b, _ := bankOf(t, map[string]string{"t.yaml": policyYAML(ask, "allowed", "identity")})
		it := b.Items[0]
		if len(it.Options) < 3 || len(it.CorrectOptions()) != 1 {
			t.Fatalf("%s: options %+v", ask, it.Options)
		}
		for _, o := range it.Options {
			if o.Why == "" || o.Text == "" {
				t.Errorf("%s: option %s lacks text or rationale", ask, o.ID)
			}
		}
		if !strings.Contains(strings.ToLower(it.Stem), "user alice calls `s3:getobject`") {
			t.Errorf("%s: default stem %q", ask, it.Stem)
		}
	}
}
