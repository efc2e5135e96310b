package worldfile

import (
	"strings"
	"testing"
)

func TestLoadAWorldFile(t *testing.T) {
	src := `account: "111122223333"
accounts:
  - id: "111122223333"
    name: Shop
    users:
      - name: alice
        inline:
          - name: Read
            document: |
              {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
    buckets:
      - name: acme-a
`
	w, acct, probs := Load("shop.yaml", []byte(src), nil)
	if len(probs) > 0 || w == nil || acct != "111122223333" {
		t.Fatalf("%v %v %q", probs, w, acct)
	}
	if _, ok := w.Document("inline:111122223333/user/alice/Read"); !ok {
		t.Fatal("inline policy missing")
	}
}

func TestLoadProblemsArePositioned(t *testing.T) {
	for name, tc := range map[string]struct{ src, want string }{
		"unknown field": {"acounts: []\n", `shop.yaml:1:1: unknown field "acounts"; did you mean "accounts"?`},
		"bad id":        {"accounts:\n  - id: \"12\"\n    name: X\n", `shop.yaml:2:`},
		"bad json": {"accounts:\n  - id: \"111122223333\"\n    name: X\n    users:\n      - name: a\n        inline:\n          - name: P\n            document: |\n              {\"Version\": \"2012-10-17\", \"Statement\": [}\n",
			"does not parse"},
		"file refused": {"accounts:\n  - id: \"111122223333\"\n    name: X\n    users:\n      - name: a\n        inline:\n          - name: P\n            file: p.json\n", "cannot be read here"},
		"not yaml":     {"accounts: [\n", "shop.yaml:"},
	} {
		_, _, probs := Load("shop.yaml", []byte(tc.src), nil)
		if len(probs) == 0 || !strings.Contains(probs[0].Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", name, probs, tc.want)
		}
	}
}

// A world file nested past yamlpos.MaxDepth is refused before go-yaml
// reads it, as packs and the quiz bank are: its cost grows with the square
// of the depth.
func TestLoadRefusesDeepNesting(t *testing.T) {
	src := "accounts: " + strings.Repeat("[", 16000) + "\n"
	_, _, probs := Load("deep.yaml", []byte(src), nil)
	if len(probs) != 1 || !strings.Contains(probs[0].Error(), "nested more than") {
		t.Fatalf("%v", probs)
	}
}
